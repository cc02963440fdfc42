//! Names each source: the phrase itself, or for a pronoun or relative source ("it said",
//! "which said", "they say") its antecedent, and gives each its kind.
//! Knows nothing of cues or links.

use std::collections::HashMap;

use super::attribution::SourceKind;
use super::patterns::Found;
use super::sources::{is_person_title, is_plural, kind_of, np_back, np_forward};
use super::tagger::Upos;
use super::tags::Tags;
use super::words::{Kind, Words};

fn name_of(w: &Words, a: usize, b: usize) -> String {
    // The name before an apposition ("Jon Finer, the adviser" → "Jon Finer").
    let end = (a..=b)
        .find(|&i| w.is_punct(i, ","))
        .map_or(b, |c| c.saturating_sub(1));
    let mut start = a;
    while start < end && matches!(w.low(start), "the" | "a" | "an") {
        start += 1;
    }
    // "Jo Hale -- a former aide --": the closing dash of an aside is not part of the name.
    let mut end = end;
    while end > start && w.kind(end) == Some(Kind::Dash) {
        end -= 1;
    }
    w.span(start, end).text(w.text).to_string()
}

/// The transcript turn ("NG: We are not yet certain …", found by the speaker-colon pattern)
/// whose answer holds token `at`, if any.
fn turn_holding(w: &Words, found: &[Found], at: usize) -> Option<usize> {
    found.iter().position(|f| {
        f.source.is_some()
            && matches!(f.cue.as_slice(), [(c, _)] if w.is_punct(*c, ":"))
            && f.content.iter().any(|&(a, b)| a <= at && at <= b)
    })
}

/// The name a definite description of a person stands for: "Donald Trump says … The
/// Republican presidential nominee noted …" is Trump, as news writes a second mention. Only
/// when the attribution just before it, about two sentences back at most, has a person's name for
/// its source; a description with a name of its own ("the senator from Ohio, Sherrod
/// Brown"), a plural or an indefinite one ("a senator") names nobody else.
fn described(w: &Words, tags: &Tags, earlier: &[Found], (a, b): (usize, usize)) -> Option<String> {
    if w.low(a) != "the" || b <= a || b - a > 4 || !is_person_title(w.low(b)) {
        return None;
    }
    // Between "the" and the title: lowercase modifiers and party labels only.
    let modifiers_only = (a + 1..b).all(|j| {
        w.is_word(j)
            && (!w.is_cap(j)
                || matches!(
                    w.low(j),
                    "republican" | "democratic" | "democrat" | "gop" | "presumptive"
                )
                || tags.is(j, &[Upos::Adj]))
    });
    if !modifiers_only || is_plural(w, a, b) {
        return None;
    }
    let prev = earlier.last()?;
    let (pa, pb) = prev.source?;
    // About two sentences of news.
    let near = pb < a && a - pb <= 50;
    let named = prev.kind == SourceKind::Person
        && !prev.pronoun
        && !prev.plural
        && (pa..=pb).all(|j| w.is_cap(j) || !w.is_word(j))
        && pb > pa;
    (near && named).then(|| prev.name.clone())
}

/// Fills `name`, `kind`, `pronoun` and `plural` of every attribution.
pub(crate) fn resolve(w: &Words, tags: &Tags, found: &mut [Found]) {
    // The first attribution of each source phrase: one phrase is one source, so a second cue
    // of the same subject ("The minister said … and added …") takes the name its first got.
    let mut first_of: HashMap<(usize, usize), usize> = HashMap::new();
    for i in 0..found.len() {
        if let Some(span) = found[i].source {
            if let Some(&first) = first_of.get(&span) {
                let (name, kind, plural, pronoun) = {
                    let f = &found[first];
                    (f.name.clone(), f.kind, f.plural, f.pronoun)
                };
                let f = &mut found[i];
                (f.name, f.kind, f.plural, f.pronoun) = (name, kind, plural, pronoun);
                continue;
            }
            first_of.insert(span, i);
        }
        let Some((a, b)) = found[i].source else {
            found[i].name = String::new();
            found[i].kind = SourceKind::Person;
            continue;
        };
        let low = w.low(a);
        if a != b || !super::sources::is_subject_pronoun(low) {
            found[i].name = name_of(w, a, b);
            found[i].kind = kind_of(w, a, b);
            found[i].plural = is_plural(w, a, b);
            if let Some(named) = described(w, tags, &found[..i], (a, b)) {
                found[i].name = named;
            }
            continue;
        }
        found[i].pronoun = true;
        let s0 = found[i].sentence.0;
        // "…, which said": the phrase before the comma.
        if matches!(low, "which" | "who") && a >= 2 && w.is_punct(a - 1, ",") {
            if let Some(st) = np_back(w, s0, a - 2) {
                found[i].name = name_of(w, st, a - 2);
                found[i].kind = kind_of(w, st, a - 2);
                found[i].plural = is_plural(w, st, a - 2);
                continue;
            }
        }
        // "While North Korea …, it blamed": a name opening the same sentence.
        if matches!(low, "it" | "they") && a > s0 {
            let mut st = s0;
            let opener = |x: &str| {
                matches!(
                    x,
                    "while"
                        | "but"
                        | "although"
                        | "though"
                        | "after"
                        | "when"
                        | "as"
                        | "since"
                        | "because"
                )
            };
            while st < a && (!w.is_cap(st) || opener(w.low(st))) {
                st += 1;
            }
            if st < a && w.is_cap(st) {
                // Read word by word, the name runs into its verb ("North Korea used the
                // distraction"): the tagger says where it ends.
                if let Some((_, e)) = np_forward(w, st, a).map(|e| tags.before_verb((st, e))) {
                    let kind = kind_of(w, st, e);
                    if kind != SourceKind::Person && (low == "they") == is_plural(w, st, e) {
                        found[i].name = name_of(w, st, e);
                        found[i].kind = kind;
                        continue;
                    }
                }
            }
        }
        // "I" and "we" in an interview's answer are the one answering ("NG: … we think …").
        if matches!(low, "i" | "we") {
            let speaker = turn_holding(w, found, a)
                .filter(|&t| t != i)
                .and_then(|t| found[t].source);
            if let Some((sa, sb)) = speaker {
                found[i].name = name_of(w, sa, sb);
                found[i].kind = kind_of(w, sa, sb);
                continue;
            }
        }
        // Otherwise the nearest earlier source that fits the pronoun.
        let fits = |f: &Found| -> bool {
            if f.name.is_empty() {
                return false;
            }
            match low {
                "he" | "she" => f.kind == SourceKind::Person && !f.plural,
                "it" => f.kind != SourceKind::Person && !f.plural,
                "they" => {
                    f.plural
                        || matches!(
                            f.kind,
                            SourceKind::OfficialGroup
                                | SourceKind::ExpertGroup
                                | SourceKind::Anonymous
                        )
                }
                _ => false,
            }
        };
        if let Some(prev) = found[..i].iter().rev().take(8).find(|f| fits(f)) {
            let (name, kind, plural) = (prev.name.clone(), prev.kind, prev.plural);
            found[i].name = name;
            found[i].kind = kind;
            found[i].plural = plural;
        } else {
            found[i].name = w.span(a, b).text(w.text).to_string();
            found[i].kind = match low {
                "it" => SourceKind::Organization,
                "they" => SourceKind::OfficialGroup,
                _ => SourceKind::Person,
            };
        }
    }
}
