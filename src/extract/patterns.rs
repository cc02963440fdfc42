//! The attribution patterns: for each cue in a sentence, where its source and content stand.
//! SOURCE CUE (that) CONTENT; CONTENT, SOURCE CUE; CONTENT, CUE SOURCE; "QUOTE," SOURCE CUE,
//! "QUOTE."; according to SOURCE; SOURCE told RECIPIENT CONTENT; citing SOURCE; S1 quoted S2
//! as saying; CONTENT was reported by SOURCE. Works on token indices; knows nothing of RDF.

use super::attribution::{Certainty, QuoteKind, SourceKind, Stance};
use super::cue_model::{Judge, Pattern};
use super::cues::{self, Entry, Form};
use super::hedges;
use super::sentences;
use super::sources::{self, is_subject_pronoun, np_back, np_forward};
use super::syntax::Syntax;
use super::tagger::Upos;
use super::tags::Tags;
use super::words::{Kind, Words};

/// An inclusive token range.
pub(crate) type Range = (usize, usize);

/// One attribution in token indices, before spans and labels are settled.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub source: Option<Range>,
    pub cue: Vec<Range>,
    pub content: Vec<Range>,
    /// Token range of the sentence(s) it stands in.
    pub sentence: Range,
    pub stance: Stance,
    pub certainty: Certainty,
    pub quote: QuoteKind,
    pub kind: SourceKind,
    pub name: String,
    /// The cue carries "also" ("This was also reported by …").
    pub also: bool,
    /// Index (into the same list) of the attribution this one relays a source for ("Citing S1, S2 reported").
    pub relayed_by: Option<usize>,
    /// Token of the sentence-initial "citing", if this attribution was found through one.
    pub citing: bool,
    /// The source is "they", "it", "he" … and needs an antecedent.
    pub pronoun: bool,
    pub plural: bool,
}

fn is_time_word(word: &str) -> bool {
    is_day_word(word)
        || matches!(
            word,
            "last"
                | "earlier"
                | "later"
                | "this"
                | "recently"
                | "then"
                | "again"
                | "repeatedly"
                | "privately"
                | "publicly"
                | "previously"
                | "late"
                | "early"
                | "afterward"
                | "afterwards"
                | "overnight"
        )
}

fn is_adjunct_start(word: &str) -> bool {
    is_time_word(word)
        || matches!(
            word,
            "on" | "in"
                | "at"
                | "during"
                | "aboard"
                | "after"
                | "before"
                | "while"
                | "when"
                | "to"
                | "from"
                | "with"
                | "via"
                | "through"
                | "outside"
                | "inside"
                | "following"
                | "of"
                | "as"
                | "about"
                | "by"
                | "last"
                | "next"
                | "over"
                | "afterward"
                | "told"
                | "speaking"
                | "adding"
                | "according"
                | "citing"
                | "referring"
                | "noting"
                | "because"
                | "since"
                | "amid"
                | "despite"
                | "without"
                | "under"
                | "for"
        )
}

fn is_open(w: &Words, i: usize) -> bool {
    w.kind(i) == Some(Kind::OpenQuote)
}

fn is_close(w: &Words, i: usize) -> bool {
    w.kind(i) == Some(Kind::CloseQuote)
}

/// Whether token `i` is a comma, dash or closing quote that may separate content from source.
fn is_separator(w: &Words, i: usize) -> bool {
    w.is_punct(i, ",") || is_close(w, i) || w.kind(i) == Some(Kind::Dash)
}

/// The matching closing quote for the opening quote at `open`, within its paragraph.
fn closing_quote(w: &Words, open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < w.len() && i < open + 600 {
        if w.toks[i].newline_before {
            return None;
        }
        if is_close(w, i) {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn quote_balance(w: &Words, a: usize, b: usize) -> i32 {
    let mut n = 0;
    for i in a..=b.min(w.len().saturating_sub(1)) {
        if is_open(w, i) {
            n += 1;
        } else if is_close(w, i) {
            n -= 1;
        }
    }
    n
}

/// Trims trailing commas, colons and dashes (and leading ones) from a content range.
fn trim(w: &Words, (mut a, mut b): Range) -> Option<Range> {
    while a <= b && (w.is_punct(a, ",") || w.is_punct(a, ":") || w.kind(a) == Some(Kind::Dash)) {
        a += 1;
    }
    while b > a
        && (w.is_punct(b, ",")
            || w.is_punct(b, ":")
            || w.is_punct(b, ";")
            || w.kind(b) == Some(Kind::Dash))
    {
        b -= 1;
    }
    (a <= b && (a..=b).any(|i| w.is_word(i))).then_some((a, b))
}

/// The sentence-level context the patterns need.
pub(crate) struct Ctx<'a, 'w> {
    pub w: &'a Words<'w>,
    pub sentences: &'a [(usize, usize)],
    pub tags: &'a Tags<'a, 'w>,
    /// Dependency parses of the sentences, made when asked.
    pub syntax: &'a Syntax<'a, 'w>,
    /// Decides which of the rules' proposals are attributions.
    pub judge: &'a Judge,
}

impl Ctx<'_, '_> {
    /// The subject of the verb `verb` in sentence `k` by the parse (its `nsubj` and all that
    /// hangs on it), if it ends before the cue's first token `cue_start` and holds no quote.
    fn subject(&self, k: usize, verb: usize, cue_start: usize) -> Option<Range> {
        let tree = self.syntax.sentence(k)?;
        let subject = tree
            .children(verb)
            .find(|&x| x < cue_start && tree.relation(x) == Some("nsubj"))?;
        let (first, last) = tree.subtree(subject);
        let w = self.w;
        if last >= cue_start || (first..=last).any(|j| is_open(w, j) || is_close(w, j)) {
            return None;
        }
        let (first, last) = trim(w, (first, last))?;
        // "The new survey of voters, released on Monday, found …": the comma that closes an
        // aside right before the cue belongs to the source, as annotators mark it.
        let comma = last + 1 < cue_start
            && w.is_punct(last + 1, ",")
            && (first..last).any(|j| w.is_punct(j, ","));
        Some((first, if comma { last + 1 } else { last }))
    }

    /// Where forward content starting at `start` ends (inclusive), inside sentence end `s1` (exclusive).
    fn content_end(&self, start: usize, s1: usize) -> usize {
        let w = self.w;
        if is_open(w, start) {
            if let Some(c) = closing_quote(w, start) {
                // A quote that closes the sentence (or runs past it) is the whole content.
                let mut after = c + 1;
                while after < w.len()
                    && w.kind(after) == Some(Kind::Punct)
                    && !w.is_punct(after, ",")
                {
                    after += 1;
                }
                if after >= s1 || c >= s1 {
                    return c;
                }
            }
        }
        let mut depth = 0i32;
        let mut i = start;
        while i < s1 {
            if is_open(w, i) {
                depth += 1;
            } else if is_close(w, i) {
                depth -= 1;
            }
            // `that Lee "was wrong," adding …`: a quote closing on a comma before a trailing
            // participle or "according to" ends the content with it.
            if depth <= 0 && is_close(w, i) && i > start + 1 && w.is_punct(i - 1, ",") {
                let n = w.low(i + 1);
                if n == "according"
                    || n == "citing"
                    || cues::lookup(n)
                        .is_some_and(|e| e.form == Form::Ing && e.has(cues::CLAUSE | cues::TRAIL))
                {
                    return i;
                }
            }
            if depth <= 0 && i > start + 1 {
                let low = w.low(i);
                // ", adding that …", ", according to …", " and claimed that …"
                if w.is_punct(i, ",") || w.is_punct(i, ";") {
                    let n = w.low(i + 1);
                    if n == "according" || n == "citing" {
                        return i - 1;
                    }
                    if let Some(e) = cues::lookup(n) {
                        if e.form == Form::Ing && e.has(cues::CLAUSE | cues::TRAIL) {
                            return i - 1;
                        }
                    }
                    // A non-restrictive relative or participle closes the reported clause.
                    if w.is_punct(i, ",") && depth == 0 && i > start + 3 {
                        let next = w.low(i + 1);
                        if next == "which"
                            || (next == "who" && w.is_cap(i - 1))
                            || (next.ends_with("ing")
                                && next.len() > 5
                                && !w.is_cap(i + 1)
                                && !matches!(
                                    next,
                                    "including"
                                        | "during"
                                        | "nothing"
                                        | "something"
                                        | "anything"
                                        | "everything"
                                        | "according"
                                ))
                        {
                            return i - 1;
                        }
                    }
                    if w.is_punct(i, ";") {
                        return i - 1;
                    }
                    // ", but he …", ", and they …": a new clause with its own subject is
                    // the writer's, not the source's.
                    if w.is_punct(i, ",") && depth == 0 {
                        let conj = w.low(i + 1);
                        let subj = w.low(i + 2);
                        let pronoun = matches!(subj, "he" | "she" | "they" | "i" | "we");
                        let but_np =
                            conj == "but" && matches!(subj, "it" | "the" | "his" | "her" | "their");
                        if matches!(conj, "but" | "and")
                            && (pronoun || but_np)
                            && !(i..s1).any(|j| is_open(w, j))
                        {
                            return i - 1;
                        }
                    }
                }
                if matches!(low, "and" | "but") && i + 1 < s1 {
                    let mut j = i + 1;
                    while j < s1 && cues::is_cue_modifier(w.low(j)) {
                        j += 1;
                    }
                    // "… and claimed …", "calling it a mistake and asserting that …".
                    if let Some(e) = cues::lookup(w.low(j)) {
                        if !w.is_cap(j)
                            && !cues::is_rare_cue(w.low(j))
                            && (e.has(cues::CLAUSE) || e.has(cues::OBJECT))
                            && e.form != Form::Base
                        {
                            return i - 1;
                        }
                    }
                }
                if w.kind(i) == Some(Kind::Dash)
                    && matches!(w.low(i + 1), "without" | "but" | "while")
                {
                    return i - 1;
                }
            }
            i += 1;
        }
        // A quote opened inside the content and still open at the sentence end runs on to
        // its close: `said the plan “works. It really does.”`.
        if depth > 0 {
            let mut open = None;
            let mut d = 0i32;
            for j in (start..s1).rev() {
                if is_close(w, j) {
                    d += 1;
                } else if is_open(w, j) {
                    if d == 0 {
                        open = Some(j);
                        break;
                    }
                    d -= 1;
                }
            }
            if let Some(c) = open.and_then(|o| closing_quote(w, o)).filter(|&c| c >= s1) {
                return c;
            }
        }
        // Leave the sentence's final period out.
        let mut e = s1.saturating_sub(1);
        while e > start && w.kind(e) == Some(Kind::Punct) && !is_close(w, e) {
            e -= 1;
        }
        e
    }

    /// Content standing before a trailing source: from the sentence start (or the start of a
    /// quote that opened in an earlier sentence of the paragraph) to just before `sep`.
    fn content_before(&self, sent: usize, sep: usize) -> Option<(Range, usize)> {
        let w = self.w;
        let (mut s0, _) = self.sentences[sent];
        let mut first_sent = sent;
        if sep <= s0 {
            return None;
        }
        let mut balance = quote_balance(w, s0, sep);
        let end_incl_sep = is_close(w, sep);
        let mut k = sent;
        while k > 0 && !w.toks[s0].newline_before {
            let (p0, p1) = self.sentences[k - 1];
            let prev_balance = quote_balance(w, p0, p1 - 1);
            if balance < 0 || (prev_balance > 0 && is_open(w, s0)) {
                balance += prev_balance;
                s0 = p0;
                k -= 1;
                first_sent = k;
                if balance >= 0
                    && !(is_open(w, s0)
                        && prev_balance > 0
                        && k > 0
                        && quote_balance(w, self.sentences[k - 1].0, self.sentences[k - 1].1 - 1)
                            > 0)
                {
                    break;
                }
            } else {
                break;
            }
        }
        let end = if end_incl_sep { sep } else { sep - 1 };
        let mut s0 = skip_connective(w, skip_dateline(w, s0, end), end);
        // A quote that opened in an earlier sentence after an introduction ("Lee said, “…"):
        // the content starts at the quote.
        if first_sent < sent && !is_open(w, s0) {
            if let Some(open) = (s0..end).find(|&j| is_open(w, j)) {
                let introduced = open > s0
                    && (w.is_punct(open - 1, ",") || w.is_punct(open - 1, ":"))
                    && (s0..open).any(|j| {
                        !w.is_cap(j)
                            && !cues::is_rare_cue(w.low(j))
                            && cues::lookup(w.low(j)).is_some_and(|e| e.has(cues::TRAIL))
                    });
                if introduced && open < self.sentences[first_sent].1 {
                    s0 = open;
                }
            }
        }
        trim(w, (s0, end)).map(|r| (r, first_sent))
    }
}

/// "SEOUL, South Korea (AP) — " opening a paragraph is not content.
fn skip_dateline(w: &Words, s0: usize, end: usize) -> usize {
    let upper = w
        .raw(s0)
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
        && w.raw(s0).len() > 2;
    if !upper || !w.toks[s0].newline_before && s0 != 0 {
        return s0;
    }
    (s0..end.min(s0 + 12))
        .find(|&j| w.kind(j) == Some(Kind::Dash))
        .map_or(s0, |d| d + 1)
}

/// "Still, …" / "In fact, …" opening a sentence joins it to the one before and is not
/// part of what a trailing source said.
fn skip_connective(w: &Words, s0: usize, end: usize) -> usize {
    let n = match w.low(s0) {
        "still" | "indeed" | "however" | "nevertheless" | "nonetheless" | "moreover"
        | "meanwhile" | "besides" => 1,
        "in" if w.low(s0 + 1) == "fact" => 2,
        "even" if w.low(s0 + 1) == "so" => 2,
        "and" if !w.is_punct(s0 + 1, ",") && s0 + 1 < end => return s0 + 1,
        _ => 0,
    };
    if n > 0 && w.is_punct(s0 + n, ",") && s0 + n + 1 < end {
        s0 + n + 1
    } else {
        s0
    }
}

fn is_passive_aux(word: &str) -> bool {
    matches!(
        word,
        "was" | "were" | "is" | "are" | "been" | "be" | "being"
    )
}

/// Finds the attributions of sentence `k`.
pub(crate) fn sentence(ctx: &Ctx, k: usize, out: &mut Vec<Found>) {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let first_new = out.len();
    let mut used = vec![false; s1 - s0];
    let mut citing_source: Option<Range> = None;
    if let Some(f) = speaker_colon(ctx, k) {
        if ctx.judge.keeps(ctx, k, s0, Pattern::SpeakerColon, &f, out) {
            out.push(f);
            return;
        }
    }
    if let Some(f) = dash_byline(ctx, k) {
        if ctx.judge.keeps(ctx, k, s0, Pattern::DashByline, &f, out) {
            out.push(f);
        }
    }
    let quoted = quoted_tokens(w, s0, s1);
    let mut i = s0;
    while i < s1 {
        if used[i - s0] || !matches!(w.kind(i), Some(Kind::Word)) {
            i += 1;
            continue;
        }
        // A cue inside a quotation is the quoted speaker's words ("“They say I can't win,” she
        // said"): news annotators attribute the quote, not what it reports.
        if quoted[i - s0] {
            i += 1;
            continue;
        }
        let low = w.low(i);
        // "according to SOURCE"
        if low == "according" && w.low(i + 1) == "to" && i + 2 < s1 {
            if let Some(f) = according_to(ctx, k, i) {
                if ctx.judge.keeps(ctx, k, i, Pattern::AccordingTo, &f, out) {
                    used[i - s0] = true;
                    out.push(f);
                }
            }
            i += 2;
            continue;
        }
        // "In the latest poll, CONTENT" / "CONTENT in most polls."
        if low == "in" {
            if let Some(f) =
                in_poll(ctx, k, i).filter(|f| ctx.judge.keeps(ctx, k, i, Pattern::Poll, f, out))
            {
                used[i - s0] = true;
                out.push(f);
                i += 1;
                continue;
            }
        }
        if let Some(f) = evidential(ctx, k, i)
            .filter(|f| ctx.judge.keeps(ctx, k, i, Pattern::Evidential, f, out))
        {
            used[i - s0] = true;
            out.push(f);
            i += 1;
            continue;
        }
        let Some(entry) = cues::lookup(low) else {
            // A verb the lexicon lacks ("admired", "favored", "sought to convey"): proposed
            // with what follows it as content, for the model to judge.
            if let Some(f) = open_verb(ctx, k, i, &out[first_new..])
                .filter(|f| ctx.judge.keeps(ctx, k, i, Pattern::OpenVerb, f, out))
            {
                take(f, &mut used, s0, out);
            }
            i += 1;
            continue;
        };
        // A capital mid-sentence is a name ("the Post"), not a cue, except in a headline
        // ("Mayor Says Bridge Will Reopen").
        if w.is_cap(i)
            && i != s0
            && !is_open(w, i - 1)
            && !(matches!(entry_form(low), Some(Form::Third | Form::Past)) && title_case(w, s0, s1))
        {
            i += 1;
            continue;
        }
        // Sentence-initial "Citing SOURCE, …": the source of the main attribution's source.
        if entry.lemma == "cite" && entry.form == Form::Ing && (i == s0 || is_open(w, i - 1)) {
            if let Some(end) = np_forward(w, i + 1, s1) {
                citing_source = Some((i + 1, end));
                used[i - s0] = true;
                // The judge does not see it: it has no content until its main attribution
                // comes, and goes if none does.
                out.push(Found {
                    source: Some((i + 1, end)),
                    cue: vec![(i, i)],
                    content: Vec::new(),
                    sentence: (s0, s1 - 1),
                    stance: Stance::Asserted,
                    certainty: Certainty::Certain,
                    quote: QuoteKind::Indirect,
                    kind: sources::kind_of(w, i + 1, end),
                    name: String::new(),
                    also: false,
                    relayed_by: None,
                    citing: true,
                    pronoun: false,
                    plural: true,
                });
                i = end + 1;
                continue;
            }
        }
        if let Some(f) = verb_cue(ctx, k, i, entry, &out[first_new..])
            .filter(|f| ctx.judge.keeps(ctx, k, i, Pattern::Verb, f, out))
        {
            take(f, &mut used, s0, out);
        }
        i += 1;
    }
    // "Citing S1, S2 reported that C": S1's attribution shares C and S2 relays it.
    if citing_source.is_some() {
        let citing = (first_new..out.len()).find(|&j| out[j].citing);
        let main = (first_new..out.len()).find(|&j| !out[j].citing && !out[j].content.is_empty());
        if let (Some(c), Some(m)) = (citing, main) {
            out[c].content = out[m].content.clone();
            out[c].certainty = out[m].certainty;
            out[c].quote = out[m].quote;
            out[c].relayed_by = Some(m);
        }
    }
    // "A said X, but B said Y": A's content ends where a later attribution of the sentence
    // starts after a clause break, instead of swallowing it.
    for a in first_new..out.len() {
        for b in first_new..out.len() {
            if a == b || out[b].citing {
                continue;
            }
            let Some(&(bc, _)) = out[b].cue.first() else {
                continue;
            };
            let b_start = out[b].source.map_or(bc, |(st, _)| st.min(bc));
            let a_cue_end = out[a].cue.last().map_or(0, |c| c.1);
            if b_start <= a_cue_end {
                continue;
            }
            if let Some(last) = out[a].content.last_mut() {
                if last.0 < b_start && b_start <= last.1 {
                    let mut e = b_start - 1;
                    while e > last.0
                        && matches!(w.low(e), "and" | "but" | "while" | "though" | "as")
                    {
                        e -= 1;
                    }
                    let clause_break = w.is_punct(e, ",")
                        || (is_close(w, e) && e > last.0 && w.is_punct(e - 1, ","))
                        || w.is_punct(e, ";")
                        || w.kind(e) == Some(Kind::Dash)
                        || e < b_start - 1;
                    if clause_break && quote_balance(w, last.0, e) == 0 {
                        if let Some(r) = trim(w, (last.0, e)) {
                            *last = r;
                        }
                    }
                }
            }
        }
    }
    // A citing cue whose main attribution never came is dropped.
    let mut j = first_new;
    while j < out.len() {
        if out[j].content.is_empty() {
            out.remove(j);
        } else {
            j += 1;
        }
    }
}

/// A proposal for a lowercase word the lexicon lacks that the tagger reads as a verb and that
/// a clause, a quotation or a colon follows ("conceded that …", "mused: “…”"): its subject the
/// source, the clause the content. Many such verbs report nothing; the cue model decides.
fn open_verb(ctx: &Ctx, k: usize, c: usize, earlier: &[Found]) -> Option<Found> {
    let w = ctx.w;
    let low = w.low(c);
    let clause = matches!(w.low(c + 1), "that" | "whether" | "if")
        || is_open(w, c + 1)
        || w.is_punct(c + 1, ":");
    // A verb before a noun phrase ("lauded the mayor", "voters prefer the senator"): the
    // object is the content; the model, with the verb's word cluster, judges the sense. A
    // participle in "-ing" modifies or is modified ("a sweeping plan") too often to propose.
    let object = !clause
        && !low.ends_with("ing")
        && ctx.tags.is(
            c + 1,
            &[Upos::Det, Upos::Propn, Upos::Noun, Upos::Adj, Upos::Num],
        );
    if !(clause || object)
        || w.is_cap(c)
        || low.len() < 3
        || !low.chars().all(|ch| ch.is_ascii_alphabetic())
        || !ctx.tags.is(c, &[Upos::Verb])
    {
        return None;
    }
    let form = if low.ends_with("ing") {
        Form::Ing
    } else if low.ends_with("ed") {
        Form::Past
    } else if low.ends_with('s') {
        Form::Third
    } else {
        Form::Base
    };
    let entry = Entry {
        lemma: "",
        flags: if clause {
            cues::CLAUSE | cues::OBJECT
        } else {
            cues::OBJECT
        },
        form,
    };
    // An object holding a cue of its own is that cue's attribution ("issued a statement
    // saying …", "cheered Democrats hoping to …"), which the rules read when they reach it.
    verb_cue_found(ctx, k, c, entry, earlier).filter(|f| {
        f.source.is_some()
            && (clause
                || !f.content.iter().any(|&(a, b)| {
                    (a..=b)
                        .any(|i| ctx.tags.is(i, &[Upos::Verb]) && cues::lookup(w.low(i)).is_some())
                }))
    })
}

/// Keeps the attribution `f` of the sentence starting at token `s0`: its cue's tokens there
/// are `used` and cue no other attribution.
fn take(f: Found, used: &mut [bool], s0: usize, out: &mut Vec<Found>) {
    for r in &f.cue {
        for t in r.0..=r.1 {
            if let Some(u) = t.checked_sub(s0).and_then(|j| used.get_mut(j)) {
                *u = true;
            }
        }
    }
    out.push(f);
}

/// Whether "called" here says something of its object ("called the plan a scam", "called it
/// “reckless”", "called for"), rather than naming a thing ("a group called Forward") or
/// telephoning someone ("called Lee on Monday").
fn naming_call(w: &Words, c: usize, f: &Found) -> bool {
    if f.cue.iter().any(|&(_, b)| b > c) {
        return true; // "called for", "called on"
    }
    // "a company called …": a reduced relative naming the thing before it.
    if let Some((st, en)) = f.source {
        if en + 1 == c
            && matches!(w.low(st), "a" | "an" | "another" | "one")
            && !(st..en).any(|j| matches!(w.low(j), "who" | "that"))
        {
            return false;
        }
    }
    if f.content.len() > 1 {
        return true; // "which he called a disaster"
    }
    let Some(&(a, b)) = f.content.first() else {
        return false;
    };
    if (a..=b).any(|j| is_open(w, j) || is_close(w, j)) {
        return true;
    }
    if matches!(
        w.low(a),
        "him" | "her" | "them" | "it" | "me" | "us" | "himself" | "herself"
    ) && b > a
    {
        return true; // "called him divisive"
    }
    // Something must follow the object: "called Lee a hero", not "called Lee".
    match np_forward(w, a, b + 1) {
        Some(e) if e < b => !is_adjunct_start(w.low(e + 1)),
        _ => false,
    }
}

/// Whether `word` is a past or third-person form of a cue verb ("said", "plans").
fn is_verb_form(word: &str) -> bool {
    matches!(entry_form(word), Some(Form::Past | Form::Third))
}

fn entry_form(word: &str) -> Option<Form> {
    cues::lookup(word).map(|e| e.form)
}

/// Whether sentence `[s0, s1)` is a headline in title case: one line, most words capitalised
/// apart from short function words.
fn title_case(w: &Words, s0: usize, s1: usize) -> bool {
    let mut words = 0;
    let mut caps = 0;
    for i in s0..s1 {
        if i > s0 && w.toks[i].newline_before {
            return false;
        }
        if !w.is_word(i) {
            continue;
        }
        if matches!(
            w.low(i),
            "a" | "an"
                | "the"
                | "of"
                | "to"
                | "in"
                | "on"
                | "for"
                | "and"
                | "or"
                | "at"
                | "by"
                | "with"
        ) {
            continue;
        }
        words += 1;
        if w.is_cap(i) {
            caps += 1;
        }
    }
    words >= 4 && caps * 10 >= words * 8
}

/// For each token of `[s0, s1)`, whether it stands inside a quotation opened in its paragraph.
fn quoted_tokens(w: &Words, s0: usize, s1: usize) -> Vec<bool> {
    let mut p = s0;
    while p > 0 && !w.toks[p].newline_before && s0 - p < 2000 {
        p -= 1;
    }
    // Double quotes do not nest: an opening one while another is open means the first was
    // never closed. Single quotes nest inside them.
    let mut double = false;
    let mut single = 0u32;
    let mut step = |j: usize| {
        let raw = w.raw(j);
        let is_double = raw.starts_with('“')
            || raw.starts_with('”')
            || raw.starts_with('"')
            || raw.starts_with("''")
            || raw.starts_with('«')
            || raw.starts_with('»');
        if is_open(w, j) {
            if is_double {
                double = true;
                single = 0;
            } else {
                single += 1;
            }
        } else if is_close(w, j) {
            if is_double {
                double = false;
                single = 0;
            } else {
                single = single.saturating_sub(1);
            }
        }
        double || single > 0
    };
    for j in p..s0 {
        step(j);
    }
    (s0..s1).map(step).collect()
}

/// Words before a paragraph-opening colon that label a section, not a speaker.
fn is_label_word(word: &str) -> bool {
    matches!(
        word,
        "update"
            | "updated"
            | "note"
            | "editor's"
            | "photo"
            | "photos"
            | "video"
            | "related"
            | "read"
            | "more"
            | "see"
            | "watch"
            | "source"
            | "sources"
            | "correction"
            | "clarification"
            | "disclosure"
            | "caption"
            | "credit"
            | "image"
            | "listen"
            | "subscribe"
            | "follow"
            | "contact"
            | "email"
            | "tags"
            | "topics"
            | "advertisement"
            | "share"
            | "ps"
            | "p.s."
            | "also"
            | "by"
            | "byline"
            | "contributing"
            | "breaking"
            | "look"
            | "exclusive"
    )
}

/// A paragraph that opens with a capitalised name and a colon: a headline ("Senator: the bill
/// is dead") or a transcript turn ("Q: …", "Smith: …"). The name is the source, the colon
/// the cue, the rest of the paragraph the content.
fn speaker_colon(ctx: &Ctx, k: usize) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    if s0 != 0 && !w.toks[s0].newline_before {
        return None;
    }
    let colon = (s0 + 1..s1.min(s0 + 7)).find(|&j| w.is_punct(j, ":"))?;
    // "10:30" is one number token, so a colon here follows a word.
    let all_names = (s0..colon).all(|j| {
        (w.is_cap(j) && !is_label_word(w.low(j)) && cues::lookup(w.low(j)).is_none())
            || (j > s0 && matches!(w.low(j), "of" | "the" | "'s" | "."))
    });
    // Before a quotation a titled name may hold lowercase words ("Party pollster Ann Lee: “…”").
    let titled = is_open(w, colon + 1)
        && w.is_cap(s0)
        && (s0..colon).all(|j| {
            (w.is_word(j) || w.kind(j) == Some(Kind::Possessive))
                && !is_label_word(w.low(j))
                && cues::lookup(w.low(j)).is_none()
        });
    // "Q:" and "A:" turns of an interview transcript are not attributed.
    let turn = colon == s0 + 1 && w.raw(s0).len() == 1;
    if !(all_names && colon <= s0 + 4 || titled) || turn || w.low(s0) == "the" {
        return None;
    }
    // The content runs to the end of the paragraph.
    let mut end = colon + 1;
    while end < w.len() && !w.toks[end].newline_before {
        end += 1;
    }
    let mut e = end - 1;
    while e > colon && w.kind(e) == Some(Kind::Punct) && !is_close(w, e) {
        e -= 1;
    }
    let content = trim(w, (colon + 1, e))?;
    // A tally ("Clinton: 547") is no content.
    if (content.0..=content.1).all(|j| {
        w.kind(j) != Some(Kind::Word) || w.raw(j).starts_with(|c: char| c.is_ascii_digit())
    }) {
        return None;
    }
    let last = ctx.sentences[k..]
        .iter()
        .take_while(|&&(a, _)| a < end)
        .last()
        .map_or(s1, |&(_, b)| b);
    let mut f = new_found(
        Some((s0, colon - 1)),
        vec![(colon, colon)],
        vec![content],
        (s0, last - 1),
    );
    f.kind = sources::kind_of(w, s0, colon - 1);
    let entry = cues::lookup("said")?;
    Some(finish(ctx, f, entry, false))
}

/// A quotation signed below or after it with a dash and a name, the layout of pull quotes,
/// voices from a crowd and embedded posts: "“He represents our greatest shame.” ― Ana
/// Ruiz" at a line's end. The dash is the cue, the name the source, the quotation (from its
/// opening mark on the same line) the content.
fn dash_byline(ctx: &Ctx, k: usize) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let dash = (s0.max(1)..s1).find(|&j| w.kind(j) == Some(Kind::Dash) && is_close(w, j - 1))?;
    // The name: one to five capitalized words, then the line (or the text) ends, a full stop
    // aside.
    let mut end = dash;
    while end + 1 < w.len()
        && end < dash + 5
        && !w.toks[end + 1].newline_before
        && w.is_word(end + 1)
        && (w.is_cap(end + 1) || w.raw(end + 1).ends_with('.'))
    {
        end += 1;
    }
    let mut after = end + 1;
    if after < w.len() && w.is_punct(after, ".") && !w.toks[after].newline_before {
        after += 1;
    }
    if end == dash || (after < w.len() && !w.toks[after].newline_before) {
        return None;
    }
    // The quotation: its opening mark on the dash's line.
    let close = dash - 1;
    let mut line_start = close;
    while line_start > 0 && !w.toks[line_start].newline_before {
        line_start -= 1;
    }
    let open = (line_start..close).find(|&j| is_open(w, j))?;
    let first = ctx.sentences[..=k]
        .iter()
        .rposition(|&(a, _)| a <= open)
        .map_or(s0, |i| ctx.sentences[i].0);
    let mut f = new_found(
        Some((dash + 1, end)),
        vec![(dash, dash)],
        vec![(open, close)],
        (first, s1 - 1),
    );
    f.kind = sources::kind_of(w, dash + 1, end);
    let entry = cues::lookup("said")?;
    Some(finish(ctx, f, entry, false))
}

/// "X seems to …", "it appears that …": an impression with no one named to hold it. No source; the content is the subject and what follows
/// the cue, split around it.
fn evidential(ctx: &Ctx, k: usize, c: usize) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let low = w.low(c);
    let next = w.low(c + 1);
    let mut cue_start = c;
    match low {
        "seem" | "seems" | "seemed" => {}
        // "The vote is expected to pass": a forecast no one is named for.
        "expected" => {
            // "is expected", "is not expected", "are widely expected".
            let mut b = c;
            while b > s0 + 1
                && b + 3 > c
                && (matches!(w.low(b - 1), "widely" | "generally" | "largely" | "broadly")
                    || cues::is_negation(w.low(b - 1))
                    || w.low(b - 1) == "also")
            {
                b -= 1;
            }
            if next != "to" || b == s0 || !is_passive_aux(w.low(b - 1)) {
                return None;
            }
        }
        "appear" | "appears" | "appeared" => {
            // "appeared on television" is no impression.
            if !matches!(next, "to" | "that" | "like" | "as") && !ctx.tags.is(c + 1, &[Upos::Adj]) {
                return None;
            }
        }
        _ => return None,
    }
    // "seemed to blame …": the infinitive's cue takes the attribution, with the subject.
    if next == "to" && infinitive_cue(w, c + 2) {
        return None;
    }
    if !ctx.tags.is(c, &[Upos::Verb, Upos::Aux]) {
        return None;
    }
    while cue_start > s0
        && (cues::is_cue_modifier(w.low(cue_start - 1))
            || matches!(
                w.low(cue_start - 1),
                "widely" | "generally" | "largely" | "broadly"
            ))
        && w.is_word(cue_start - 1)
    {
        cue_start -= 1;
    }
    // Leave "to" and "that" to the content; "like" stays in the cue ("seems like").
    let mut after = c + 1;
    if next == "like" {
        after += 1;
    }
    if after >= s1 || w.kind(after) == Some(Kind::Punct) {
        return None;
    }
    let e = ctx.content_end(after, s1);
    let rest = trim(w, (after, e))?;
    let mut content = Vec::new();
    let subj_end = cue_start.checked_sub(1).filter(|&b| b >= s0);
    if let Some(b) = subj_end.filter(|&b| w.is_word(b) && w.low(b) != "it") {
        if let Some(mut st) = np_back(w, s0, b) {
            // "His plan to widen the road seemed …": the subject runs back over an infinitive
            // or "of"-phrase to the clause start.
            let clause = (s0..st)
                .rev()
                .find(|&j| !w.is_word(j) && w.kind(j) != Some(Kind::Possessive))
                .map_or(s0, |j| j + 1);
            if clause < st
                && b - clause < 12
                && (clause..st).any(|j| matches!(w.low(j), "to" | "of"))
                && (clause..st).all(|j| !is_verb_form(w.low(j)) && !cues::is_cue_modifier(w.low(j)))
                && (w.is_cap(clause) || sources::is_determiner_word(w.low(clause)))
            {
                st = clause;
            }
            content.push((st, b));
        }
    }
    content.push(rest);
    let mut f = new_found(None, vec![(cue_start, after - 1)], content, (s0, s1 - 1));
    f.certainty = Certainty::Probable;
    f.quote = quote_kind(w, &f.content);
    Some(f)
}

/// "Asked whether she would run, Lee said …" and "he was asked about the plan": the question
/// is the content, with no one named for it; it ends at the first comma outside quotes.
fn asked(ctx: &Ctx, k: usize, cue_start: usize, c: usize) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let mut cue_end = c;
    let mut p = c + 1;
    // "when asked by a reporter whether …": the one who asked is the source.
    let mut source = None;
    if w.low(p) == "by" {
        let end = np_forward(w, p + 1, s1)?;
        source = Some((p + 1, end));
        p = end + 1;
    }
    // "Asked on Monday whether …", "asked at a briefing in Ohio about …", "asked
    // specifically what …": an adjunct before the question belongs to neither.
    let opens_question = |x: &str| {
        matches!(
            x,
            "about"
                | "to"
                | "whether"
                | "if"
                | "why"
                | "what"
                | "how"
                | "who"
                | "which"
                | "when"
                | "where"
        )
    };
    if !opens_question(w.low(p)) {
        let adjunct = is_time_word(w.low(p))
            || is_day_word(w.low(p))
            || sources::is_ly_adverb(w.low(p))
            || matches!(w.low(p), "on" | "at" | "during" | "in");
        if adjunct {
            if let Some(q) = (p + 1..s1.min(p + 10))
                .take_while(|&j| w.is_word(j) || w.kind(j) == Some(Kind::Possessive))
                .find(|&j| opens_question(w.low(j)) && w.low(j) != "to")
            {
                p = q;
            }
        }
    }
    if w.low(p) == "about" {
        cue_end = p;
        p += 1;
    } else if !(matches!(
        w.low(p),
        "whether" | "if" | "why" | "what" | "how" | "who" | "which" | "when" | "where"
    ) || (w.low(p) == "to" && c == s0))
    {
        // "Asked by Lee to explain …, Ann said": only an opening "Asked" takes an
        // infinitive; "was asked to give a talk" is a request, not a question.
        return None;
    }
    if p >= s1 {
        return None;
    }
    let mut depth = 0i32;
    let mut e = p;
    while e + 1 < s1 {
        let n = e + 1;
        if is_open(w, n) {
            depth += 1;
        } else if is_close(w, n) {
            depth -= 1;
        } else if depth <= 0 && (w.is_punct(n, ",") || w.is_punct(n, ";") || w.is_punct(n, ":")) {
            break;
        }
        e = n;
    }
    while e > p && w.kind(e) == Some(Kind::Punct) && !is_close(w, e) {
        e -= 1;
    }
    let content = trim(w, (p, e))?;
    let mut f = new_found(
        source,
        vec![(cue_start, cue_end)],
        vec![content],
        (s0, s1 - 1),
    );
    if let Some((a, b)) = source {
        f.kind = sources::kind_of(w, a, b);
    }
    let entry = cues::lookup("asked")?;
    Some(finish(ctx, f, entry, false))
}

/// Nouns for records and measurements that "show" or "find" something.
fn is_evidence(word: &str) -> bool {
    is_poll_word(word)
        || matches!(
            word,
            "data"
                | "study"
                | "studies"
                | "results"
                | "numbers"
                | "figures"
                | "records"
                | "documents"
                | "video"
                | "videos"
                | "footage"
                | "report"
                | "analysis"
                | "research"
                | "returns"
                | "estimates"
                | "photos"
                | "email"
                | "emails"
                | "outcome"
                | "memo"
                | "filings"
                | "tape"
                | "transcript"
                | "statistics"
                | "map"
                | "chart"
                | "average"
                | "averages"
                | "test"
                | "tests"
                | "review"
                | "audit"
                | "investigation"
                | "evidence"
        )
}

fn is_poll_word(word: &str) -> bool {
    matches!(word, "poll" | "polls" | "survey" | "surveys" | "polling")
}

/// A poll as the source, with "in" as the cue: "In a new survey, most voters backed the plan" and
/// "the senator leads in recent polls". The poll's noun phrase ends at a comma or the sentence.
fn in_poll(ctx: &Ctx, k: usize, i: usize) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let initial = i == s0 || (i == s0 + 1 && matches!(w.low(s0), "but" | "and" | "yet"));
    let mut src_end = np_forward(w, i + 1, s1)?;
    // Opening the sentence, the poll's phrase runs to its comma: "In a Times/News poll
    // released Sunday, …".
    if initial && !w.is_punct(src_end + 1, ",") {
        src_end = run_to_comma(w, src_end, s1.min(i + 16))?;
    }
    if !(i + 1..=src_end).any(|t| is_poll_word(w.low(t))) {
        return None;
    }
    let after = src_end + 1;
    let content = if initial {
        if !w.is_punct(after, ",") || after + 1 >= s1 {
            return None;
        }
        let e = ctx.content_end(after + 1, s1);
        trim(w, (after + 1, e))?
    } else {
        let ends = after >= s1 || (w.kind(after) == Some(Kind::Punct) && !w.is_punct(after, ","));
        // Only a short clause of its own: "Lee leads in two new polls."
        let simple = (s0..i).all(|t| {
            !is_open(w, t)
                && !is_close(w, t)
                && !w.is_punct(t, ",")
                && !matches!(w.low(t), "which" | "who" | "where" | "when" | "because")
        });
        if !ends || i <= s0 + 2 || i > s0 + 15 || !simple {
            return None;
        }
        trim(w, (s0, i - 1))?
    };
    let mut f = new_found(
        Some((i + 1, src_end)),
        vec![(i, i)],
        vec![content],
        (s0, s1 - 1),
    );
    f.kind = SourceKind::ExpertGroup;
    let entry = cues::lookup("said")?;
    Some(finish(ctx, f, entry, false))
}

/// An opening phrase that ends at `end` may run on to the comma that closes it, before `hi`
/// ("In a poll released Sunday, …", "According to a survey conducted for the port, …"): the
/// token before that comma, if nothing between ends a sentence or opens a quote.
fn run_to_comma(w: &Words, end: usize, hi: usize) -> Option<usize> {
    let comma = (end + 1..hi).find(|&j| w.is_punct(j, ","))?;
    let clean = (end + 1..comma).all(|j| {
        !is_open(w, j) && !is_close(w, j) && !matches!(w.raw(j), "." | "?" | "!" | ";" | ":")
    });
    clean.then_some(comma - 1)
}

fn new_found(
    source: Option<Range>,
    cue: Vec<Range>,
    content: Vec<Range>,
    sentence: Range,
) -> Found {
    Found {
        source,
        cue,
        content,
        sentence,
        stance: Stance::Asserted,
        certainty: Certainty::Certain,
        quote: QuoteKind::Indirect,
        kind: SourceKind::Person,
        name: String::new(),
        also: false,
        relayed_by: None,
        citing: false,
        pronoun: false,
        plural: false,
    }
}

fn according_to(ctx: &Ctx, k: usize, i: usize) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let mut src_end = np_forward(w, i + 2, s1)?;
    let cue = vec![(i, i + 1)];
    let sentence = (s0, s1 - 1);
    let content_before = i > s0 && (is_separator(w, i - 1) || i - 1 > s0);
    if content_before {
        if let Some(e) = apposition_tail(w, src_end, s1, true) {
            src_end = e;
        }
    }
    let source = (i + 2, src_end);
    if content_before {
        // "CONTENT, according to SOURCE."
        let sep = i - 1;
        let (content, first) = if is_separator(w, sep) {
            ctx.content_before(k, sep)?
        } else {
            (trim(w, (s0, sep))?, k)
        };
        let mut f = new_found(
            Some(source),
            cue,
            vec![content],
            (ctx.sentences[first].0, s1 - 1),
        );
        // "…, according to SOURCE, more content."
        if w.is_punct(src_end + 1, ",") && src_end + 2 < s1 {
            let e = ctx.content_end(src_end + 2, s1);
            if let Some(r) = trim(w, (src_end + 2, e)) {
                f.content.push(r);
            }
        }
        let entry = cues::lookup("said")?;
        return Some(finish(ctx, f, entry, false));
    }
    // "According to SOURCE, CONTENT."
    if !w.is_punct(src_end + 1, ",") {
        if let Some(e) = run_to_comma(w, src_end, s1.min(i + 24)) {
            src_end = e;
        }
    }
    let source = (i + 2, src_end);
    let mut start = src_end + 1;
    if w.is_punct(start, ",") {
        start += 1;
    }
    if start >= s1 {
        return None;
    }
    let e = ctx.content_end(start, s1);
    let content = trim(w, (start, e))?;
    let f = new_found(Some(source), cue, vec![content], sentence);
    let entry = cues::lookup("said")?;
    Some(finish(ctx, f, entry, false))
}

/// Whether the material after a cue, up to the next comma or the sentence end, is only
/// adjuncts ("Monday", "in a statement", "aboard a plane …"), so the content stands before.
fn only_adjuncts(w: &Words, start: usize, s1: usize, tell: bool) -> bool {
    if start >= s1 {
        return true;
    }
    let first = w.low(start);
    if w.kind(start) == Some(Kind::Punct) && !w.is_punct(start, ":") {
        return true;
    }
    if is_close(w, start) || w.kind(start) == Some(Kind::Dash) {
        return true;
    }
    if w.is_punct(start, ":") || is_open(w, start) {
        return false;
    }
    let mut j = start;
    while j < s1 && !w.is_punct(j, ",") && !w.is_punct(j, ":") {
        if w.low(j) == "that" || is_open(w, j) {
            return false;
        }
        j += 1;
    }
    if is_adjunct_start(first) {
        return true;
    }
    // "…, he told reporters." / "…, said Finer."
    tell && (j - start) <= 4
}

/// `CONTENT, Lee told The Daily Star on Monday.`: after a telling cue, a recipient and then
/// the sentence end or a time, when what stands before the comma `sep` is a clause of its
/// own (it has a verb, and opens with no adjunct or connective).
fn recipient_then_end(ctx: &Ctx, s0: usize, sep: usize, post: usize, s1: usize) -> bool {
    let w = ctx.w;
    let opening = is_adjunct_start(w.low(s0))
        || matches!(
            w.low(s0),
            "still" | "but" | "and" | "so" | "yet" | "while" | "although" | "though" | "if"
        )
        || w.low(s0).ends_with("ing");
    if opening || !(s0..sep).any(|j| ctx.tags.is(j, &[Upos::Verb, Upos::Aux])) {
        return false;
    }
    if (post..s1).any(|j| w.low(j) == "that" || is_open(w, j) || w.is_punct(j, ":")) {
        return false;
    }
    np_forward(w, post, s1).is_some_and(|e| {
        let n = e + 1;
        n >= s1
            || (w.kind(n) == Some(Kind::Punct) && !w.is_punct(n, ","))
            || is_day_word(w.low(n))
            || (matches!(w.low(n), "on" | "last" | "this" | "earlier")
                && (is_day_word(w.low(n + 1)) || is_time_word(w.low(n + 1))))
    })
}

fn verb_cue(ctx: &Ctx, k: usize, c: usize, entry: Entry, earlier: &[Found]) -> Option<Found> {
    let f = verb_cue_found(ctx, k, c, entry, earlier)?;
    if entry.lemma == "call" && !naming_call(ctx.w, c, &f) {
        return None;
    }
    // The tagger's word: a cue read as a noun or adjective ("the two states"). Asked last,
    // only of a cue that found an attribution, and never of "said", "told" or "says",
    // which are never nouns: tagging a sentence costs more than the rest of the extractor.
    // Nor of a present form that is never a noun ("argue", "insists"): the tagger reads some
    // as nouns after a noun ("the senator argues", "experts warn").
    // "The poll shows …" is a verb after an evidence noun, whatever the tagger says.
    let after_evidence =
        matches!(entry.lemma, "show" | "find") && c > 0 && is_evidence(ctx.w.low(c - 1));
    let verb_only = matches!(entry.form, Form::Third | Form::Base) && !entry.has(cues::NOUN);
    let (s0, s1) = ctx.sentences[k];
    let headline = ctx.w.is_cap(c) && c > s0 && title_case(ctx.w, s0, s1);
    if headline && f.source.is_none() {
        return None;
    }
    if !matches!(ctx.w.low(c), "said" | "told" | "says")
        && !after_evidence
        && !headline
        && !verb_only
        && ctx.tags.is(c, &[Upos::Noun, Upos::Propn, Upos::Adj])
    {
        return None;
    }
    Some(f)
}

fn verb_cue_found(ctx: &Ctx, k: usize, c: usize, entry: Entry, earlier: &[Found]) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let sentence = (s0, s1 - 1);
    let prev_low = if c > s0 { w.low(c - 1) } else { "" };
    // Nouns: "the report", "his claim", "Trump's support".
    if c > s0
        && (matches!(
            prev_low,
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "such"
                | "no"
                | "any"
                | "some"
                | "new"
                | "own"
        ) || w.kind(c - 1) == Some(Kind::Possessive))
    {
        return None;
    }
    // "declined to discuss the deal": the infinitive's cue takes the attribution.
    if w.low(c + 1) == "to" && infinitive_cue(w, c + 2) {
        return None;
    }
    // Special lemmas.
    match entry.lemma {
        "quote" => return quoted_as_saying(ctx, k, c),
        "release" if !matches!(w.low(c + 1), "information" | "details") => return None,
        "point" | "refer" | "talk" | "rail" | "push" | "speak"
            if !cues::particles(entry.lemma).contains(&w.low(c + 1)) =>
        {
            return None
        }
        _ => {}
    }
    let phrase = cues::phrase_len(entry.lemma, |k| w.low(c + 1 + k));
    if cues::needs_phrase(entry.lemma) && phrase.is_none() {
        return None;
    }
    // The cue proper: modifiers before it, particles after it.
    let mut cue_start = c;
    // "Lee gingerly said", "Lee, however, said" (any "-ly" adverb, "however").
    while cue_start > s0
        && w.is_word(cue_start - 1)
        && (cues::is_cue_modifier(w.low(cue_start - 1))
            || (!w.is_cap(cue_start - 1)
                && (sources::is_ly_adverb(w.low(cue_start - 1))
                    || w.low(cue_start - 1) == "however")))
    {
        cue_start -= 1;
    }
    // The seed's convention for accusations: the cue is the verb and its negation only.
    let mut source_end = cue_start;
    if matches!(entry.lemma, "accuse" | "blame")
        && !(cue_start..c).any(|i| cues::is_negation(w.low(i)))
    {
        source_end = cue_start;
        cue_start = c;
    }
    let mut cue_end = c + phrase.unwrap_or(0);
    if entry.lemma == "release" || cues::particles(entry.lemma).contains(&w.low(c + 1)) {
        cue_end = c + 1;
    }
    // "said flatly that …": an adverb between the cue and its clause joins the cue.
    if cue_end + 2 < s1
        && (sources::is_ly_adverb(w.low(cue_end + 1)) || w.low(cue_end + 1) == "instead")
        && (w.low(cue_end + 2) == "that" || is_open(w, cue_end + 2))
    {
        cue_end += 1;
    }
    let mods: Vec<&str> = (cue_start..c).map(|i| w.low(i)).collect();
    // Passive: "This was also reported by X".
    let passive = entry.form == Form::Past && mods.iter().any(|m| is_passive_aux(m));
    // "asked not to be named": a request for anonymity, not a question.
    if entry.lemma == "ask" && w.low(c + 1) == "not" && w.low(c + 2) == "to" {
        return None;
    }
    if entry.lemma == "ask" && entry.form == Form::Past {
        let opens = c == s0
            || (c == s0 + 1 && matches!(w.low(s0), "when" | "but" | "and" | "once" | "if"))
            || (c > s0 + 1 && w.low(c - 1) == "when")
            || (c > s0 && is_open(w, c - 1));
        if opens || passive {
            return asked(ctx, k, if opens { c } else { cue_start }, c);
        }
    }
    if passive {
        if w.low(c + 1) != "by" {
            return None;
        }
        let src_end = np_forward(w, c + 2, s1)?;
        let aux = (cue_start..c)
            .find(|&i| is_passive_aux(w.low(i)) || w.low(i) == "has" || w.low(i) == "have")
            .unwrap_or(cue_start);
        let content_end = aux.checked_sub(1)?;
        let content_start = np_back(w, s0, content_end)?;
        let mut f = new_found(
            Some((c + 2, src_end)),
            vec![(c, c)],
            vec![(content_start, content_end)],
            sentence,
        );
        f.also = mods.contains(&"also");
        f.stance = stance_of(ctx, &f, entry);
        return Some(f);
    }
    // Infinitives: "to say" counts only after a verb or adjective that hands its subject on
    // ("went on to say", "declined to discuss", "was quick to praise"), which joins the cue.
    if cue_start > s0 && w.low(cue_start - 1) == "to" {
        if !infinitive_cue(w, c) {
            return None;
        }
        cue_start = governing_start(w, s0, cue_start - 1)?;
        while cue_start > s0
            && cues::is_cue_modifier(w.low(cue_start - 1))
            && w.is_word(cue_start - 1)
        {
            cue_start -= 1;
        }
        source_end = cue_start;
    }
    let present = matches!(entry.form, Form::Base | Form::Third);
    let cue = vec![(cue_start, cue_end)];
    let post = cue_end + 1;

    // Participles: ", adding that …", "while accusing X of …".
    if entry.form == Form::Ing && !mods.iter().any(|m| is_passive_aux(m)) {
        if !entry.has(cues::CLAUSE | cues::OBJECT | cues::INF) {
            return None;
        }
        // "issued a statement Monday saying …": the act of issuing joins the cue.
        let (cue, cue_start) = match issued_statement(w, s0, cue_start) {
            Some(v) => (vec![(v, cue_end)], v),
            None => (cue, cue_start),
        };
        let (start, _) = forward_content_start(w, post, s1, entry)?;
        let mut e = object_end(ctx, start, ctx.content_end(start, s1), entry);
        // "After praising the crew, the mayor left": an opening participle clause ends at its
        // comma, and the main clause's subject is the source.
        let mut opening = (s0..cue_start).all(|j| {
            matches!(
                w.low(j),
                "after"
                    | "before"
                    | "by"
                    | "despite"
                    | "while"
                    | "when"
                    | "in"
                    | "since"
                    | "upon"
                    | "without"
                    | "but"
                    | "and"
            )
        });
        if opening {
            let comma =
                (start..s1).find(|&j| w.is_punct(j, ",") && quote_balance(w, start, j) == 0);
            match comma {
                Some(comma) => e = e.min(comma - 1),
                None => opening = false,
            }
        }
        let content = trim(w, (start, e))?;
        // Source: the attribution just before in this sentence, else the sentence subject.
        let main = (e + 1..s1)
            .find(|&j| w.is_punct(j, ","))
            .map_or(s1, |j| j + 1);
        // "voters hoping to …", "a survey finding that …": a participle right after a noun
        // phrase modifies it, and the noun phrase is the source.
        let before = cue_start.checked_sub(1).filter(|&b| b > s0);
        let modified = before
            .filter(|&b| ctx.tags.is(b, &[Upos::Noun, Upos::Propn, Upos::Pron]))
            .and_then(|b| np_back(w, s0, b).map(|a| (a, b)));
        let source = if opening {
            np_forward(w, main, s1).map(|end| (main, end))
        } else if modified.is_some() {
            modified
        } else if let Some(prev) = earlier.last().filter(|f| !f.citing && f.source.is_some()) {
            prev.source
        } else {
            subject_of(w, s0, cue_start)
        };
        let source = source.map(|r| without_verb_tail(ctx, r));
        let f = new_found(source, cue, vec![content], sentence);
        return Some(finish(ctx, f, entry, present));
    }

    // "Lee on Tuesday said", "the chairman, this past week, announced": a time adjunct
    // between the source and the cue belongs to neither.
    let source_end = match time_adjunct_before(w, s0, source_end) {
        Some(a)
            if a > s0
                && (ctx.tags.is(a - 1, &[Upos::Noun, Upos::Propn, Upos::Pron])
                    || w.is_punct(a - 1, ","))
                && !w.low(a - 1).ends_with("ed")
                && !is_evidence(w.low(a - 1)) =>
        {
            a
        }
        _ => source_end,
    };
    let left = source_end.checked_sub(1).filter(|&l| l >= s0);
    // "… blamed X and claimed Y", "… but said Y": the coordinated cue shares the earlier source.
    if let Some(l) = left.filter(|&l| matches!(w.low(l), "and" | "but")) {
        if let Some(prev) = earlier.last().filter(|f| !f.citing && f.source.is_some()) {
            let (start, _) = forward_content_start(w, post, s1, entry)?;
            let e = object_end(ctx, start, ctx.content_end(start, s1), entry);
            let content = trim(w, (start, e))?;
            let _ = l;
            let f = new_found(prev.source, cue, vec![content], sentence);
            return Some(finish(ctx, f, entry, present));
        }
        // "Lee backed the mayor and said …": the sentence subject said it.
        if entry.has(cues::CLAUSE) && entry.form != Form::Base {
            let subj = subject_of(w, s0, l).map(|r| without_verb_tail(ctx, r));
            if let Some(subj) = subj.filter(|&(_, e)| e + 1 < l) {
                let verb_next = ctx.tags.is(subj.1 + 1, &[Upos::Verb, Upos::Aux, Upos::Adv]);
                if verb_next && !(subj.0..=subj.1).any(|t| is_open(w, t) || is_close(w, t)) {
                    let (start, _) = forward_content_start(w, post, s1, entry)?;
                    let e = object_end(ctx, start, ctx.content_end(start, s1), entry);
                    let content = trim(w, (start, e))?;
                    let f = new_found(Some(subj), cue, vec![content], sentence);
                    return Some(finish(ctx, f, entry, present));
                }
            }
        }
    }
    // SOURCE before the cue.
    let mut source = None;
    if let Some(l) = left {
        if w.is_word(l) || w.kind(l) == Some(Kind::Possessive) || w.raw(l) == ")" {
            // "most of them said": a quantity of a pronoun.
            let of_pronoun = matches!(w.low(l), "them" | "us")
                && l >= s0 + 2
                && w.low(l - 1) == "of"
                && w.is_word(l - 2);
            let st = if of_pronoun {
                np_back(w, s0, l - 2)
            } else {
                np_back(w, s0, l)
            };
            if let Some(st) = st {
                let st = document_before(w, s0, st)
                    .or_else(|| familiar_before(w, s0, st))
                    .or_else(|| relative_before(w, s0, st))
                    .unwrap_or(st);
                source = Some((st, l));
            }
        } else if w.is_punct(l, ",") && l > s0 {
            // "Jon Finer, the adviser, told …": an apposition from the sentence start.
            if let Some(r) = apposition_source(w, s0, l) {
                // "Ann Lee, R-Ohio, who …, said": the apposition hangs off an earlier name.
                source = match long_subject(w, s0, l) {
                    Some(long) if long.0 < r.0 && w.is_punct(r.0 - 1, ",") => Some(long),
                    _ => Some(r),
                };
            } else if let Some(st) = np_back(w, s0, l - 1) {
                if st > s0 && w.is_punct(st - 1, ",") {
                    if let Some(st0) = np_back(w, s0, st - 2) {
                        // `“…,” Jeff Weaver, Sanders’ campaign manager, said`.
                        if st0 == s0
                            || (st0 > s0
                                && (matches!(w.low(st0 - 1), "but" | "and" | "meanwhile")
                                    || is_close(w, st0 - 1)
                                    || (w.is_punct(st0 - 1, ",")
                                        && st0 >= s0 + 2
                                        && is_close(w, st0 - 2))))
                        {
                            source = Some((st0, l - 1));
                        }
                    }
                }
            }
            if source.is_none() {
                source = long_subject(w, s0, l);
            }
        } else if (w.kind(l) == Some(Kind::Dash)
            || (is_close(w, l) && l > s0 + 1 && w.is_punct(l - 1, ",")))
            && l > s0
        {
            // "Lee, who called the plan “a fraud,” said …": the aside ends in a quote.
            source = long_subject(w, s0, l);
            // "A former aide -- Jo Hale -- said …": a dashed aside keeps its closing dash.
            if w.kind(l) == Some(Kind::Dash) {
                source = source.map(|(a, e)| {
                    let paired = e + 1 == l && (a..e).any(|j| w.kind(j) == Some(Kind::Dash));
                    (a, if paired { l } else { e })
                });
            }
        }
    }
    // "Jo Ames, 60, a nurse in Elm, for instance, said …": a verb of saying whose subject the
    // patterns above did not read takes the whole clause opening before it, unless a name
    // after the cue stands for the source ("…, said Jo Ames.").
    if source.is_none()
        && entry.has(cues::CLAUSE)
        && entry.has(cues::TRAIL)
        && matches!(entry.form, Form::Past | Form::Third)
        && cue_start == c
    {
        let inverted = !is_subject_pronoun(w.low(post))
            && np_forward(w, post, s1).is_some_and(|e| {
                e + 1 >= s1 || w.kind(e + 1) == Some(Kind::Punct) || is_adjunct_start(w.low(e + 1))
            });
        if let Some(l) = left.filter(|_| !inverted) {
            source = clause_subject(ctx, s0, l);
        }
    }
    // A subject none of the patterns above read ("The new survey of voters in five states,
    // released on Monday, found …"): the parse's. Where the patterns read one they stay,
    // as they match annotators' extents more often than the parse does (PolNeAR dev: the
    // parse's subject everywhere gives source F1 0.646 against 0.683).
    // Parsing costs more than all the patterns together, so only where a subject can stand:
    // after a word or an aside's comma, not after a quote ("“…,” said Lee") or at the start.
    if source.is_none() && left.is_some_and(|l| w.is_word(l) || w.is_punct(l, ",")) {
        source = ctx.subject(k, c, cue_start);
    }
    if let Some((st, en)) = source {
        // "which said" / "who said" keep the relative pronoun.
        let before = st.checked_sub(1).filter(|&b| b >= s0);
        let trailing_sep = before.filter(|&b| is_separator(w, b) && b > s0);
        let after_quote = trailing_sep.is_some_and(|b| {
            is_close(w, b) || (w.is_punct(b, ",") && b > s0 && is_close(w, b - 1))
        });
        // "…, a new poll shows." / "…, records show.": evidence that ends the sentence
        // trails its content as "said" does.
        let evidence_trails = matches!(entry.lemma, "show" | "find" | "indicate")
            && (st..=en).any(|j| is_evidence(w.low(j)))
            && (post >= s1 || (post..s1).all(|j| w.kind(j) == Some(Kind::Punct)));
        if (entry.has(cues::TRAIL) || evidence_trails)
            && trailing_sep.is_some()
            && !matches!(w.low(st), "which" | "who")
            && (after_quote
                || only_adjuncts(w, post, s1, entry.has(cues::TELL))
                || (entry.has(cues::TELL)
                    && trailing_sep.is_some_and(|sep| recipient_then_end(ctx, s0, sep, post, s1))))
        {
            // CONTENT, SOURCE CUE.
            let sep = trailing_sep?;
            let (content, first) = ctx.content_before(k, sep)?;
            let mut f = new_found(
                Some((st, en)),
                cue,
                vec![content],
                (ctx.sentences[first].0, s1 - 1),
            );
            second_part(ctx, k, post, &mut f);
            return Some(finish(ctx, f, entry, present));
        }
        // `“… OK?” Lee said.`: the quote ended the sentence before.
        if entry.has(cues::TRAIL)
            && st == s0
            && !matches!(w.low(st), "which" | "who")
            && only_adjuncts(w, post, s1, entry.has(cues::TELL))
        {
            if let Some((content, first)) = quote_before(ctx, k) {
                let f = new_found(
                    Some((st, en)),
                    cue,
                    vec![content],
                    (ctx.sentences[first].0, s1 - 1),
                );
                return Some(finish(ctx, f, entry, present));
            }
        }
        if matches!(w.low(st), "which" | "who") && st != en {
            source = Some((en, en));
        }
        // "The poll shows Lee ahead": evidence shows and finds without "that".
        let entry = if entry.has(cues::WEAK)
            && matches!(entry.lemma, "show" | "find" | "indicate")
            && (st..=en).any(|j| is_evidence(w.low(j)))
        {
            Entry {
                flags: (entry.flags & !cues::WEAK) | cues::OBJECT,
                ..entry
            }
        } else {
            entry
        };
        let (start, _) = forward_content_start(w, post, s1, entry)?;
        let mut e = object_end(ctx, start, ctx.content_end(start, s1), entry);
        // "Lee, who said the plan failed, argued …": the relative clause's content ends
        // before the main clause's verb.
        if source.is_some_and(|(_, b)| matches!(w.low(b), "who" | "which")) {
            if let Some(v) = (start + 1..e).find(|&j| {
                (w.is_punct(j, ",") || (is_close(w, j) && w.is_punct(j - 1, ",")))
                    && !w.is_cap(j + 1)
                    && is_verb_form(w.low(j + 1))
                    && quote_balance(w, start, j) == 0
            }) {
                e = if is_close(w, v) { v } else { v - 1 };
            }
        }
        // "the plan, which Lee said was doomed, …": the relative pronoun is the content's
        // subject, and the relative clause ends at its comma.
        let relative = st > s0
            && matches!(w.low(st - 1), "which" | "what")
            && w.low(start) != "that"
            && !is_open(w, start);
        // "what Lee called a disaster": the writer's noun phrase, mostly not annotated.
        if relative && w.low(st - 1) == "what" {
            return None;
        }
        if relative {
            if let Some(c) =
                (start + 1..e).find(|&j| w.is_punct(j, ",") || w.kind(j) == Some(Kind::Dash))
            {
                e = c - 1;
            }
        }
        let mut content = vec![trim(w, (start, e))?];
        if relative {
            content.insert(0, (st - 1, st - 1));
        }
        if is_open(w, start) {
            if let Some(close) = closing_quote(w, start) {
                if close >= s1 {
                    content = vec![(start, close)];
                }
            }
        }
        let f = new_found(source, cue, content, sentence);
        return Some(finish(ctx, f, entry, present));
    }
    // `“… OK?” said Lee.`: the quote ended the sentence before.
    if left.is_none() && entry.has(cues::TRAIL) && matches!(entry.form, Form::Past | Form::Third) {
        let src_end = np_forward(w, post, s1)?;
        let after = src_end + 1;
        if !is_subject_pronoun(w.low(post))
            && (after >= s1 || w.kind(after) == Some(Kind::Punct) || is_adjunct_start(w.low(after)))
        {
            let (content, first) = quote_before(ctx, k)?;
            let f = new_found(
                Some((post, src_end)),
                cue,
                vec![content],
                (ctx.sentences[first].0, s1 - 1),
            );
            return Some(finish(ctx, f, entry, present));
        }
    }
    // CONTENT, CUE SOURCE (inverted): "…,” said Finer.
    if let Some(l) = left {
        // "…, say some Democrats." inverts a plural source too.
        let plural_say = entry.lemma == "say"
            && entry.form == Form::Base
            && !is_subject_pronoun(w.low(post))
            && w.low(post) != "that"
            && w.is_word(post);
        if entry.has(cues::TRAIL)
            && is_separator(w, l)
            && l > s0
            && (matches!(entry.form, Form::Past | Form::Third) || plural_say)
        {
            let mut src_end = np_forward(w, post, s1)?;
            if is_subject_pronoun(w.low(post))
                && !matches!(w.low(post), "he" | "she" | "they" | "it")
            {
                return None;
            }
            // "…,” said one unaligned strategist.": a participle adjective inside the name.
            let adjective = src_end + 1;
            if adjective < s1
                && !w.is_cap(adjective)
                && w.low(adjective).ends_with("ed")
                && !is_verb_form(w.low(adjective))
                && w.is_word(adjective + 1)
                && w.low(adjective + 1) != "by"
            {
                if let Some(e) = np_forward(w, adjective + 1, s1) {
                    if e + 1 >= s1 || w.kind(e + 1) == Some(Kind::Punct) {
                        src_end = e;
                    }
                }
            }
            // "…,” said an aide who asked not to be named.": a bare relative clause runs to
            // the next comma and stays in the source.
            if matches!(w.low(src_end + 1), "who" | "whose") && src_end + 2 < s1 {
                let mut e = src_end + 1;
                while e + 1 < s1
                    && !is_open(w, e + 1)
                    && !(w.kind(e + 1) == Some(Kind::Punct) && w.raw(e + 1) != "-")
                {
                    e += 1;
                }
                src_end = e;
            }
            let after = src_end + 1;
            if !(after >= s1
                || w.kind(after) == Some(Kind::Punct)
                || is_adjunct_start(w.low(after)))
            {
                return None;
            }
            let (content, first) = ctx.content_before(k, l)?;
            // "said Kenneth Baer, a former official who runs a firm."
            let mut after = after;
            if let Some(e) = apposition_tail(w, src_end, s1, false) {
                src_end = e;
                after = e + 1;
            } else if w.is_punct(after, ",")
                && matches!(w.low(after + 1), "a" | "an" | "the" | "who")
            {
                let mut e = after + 1;
                while e + 1 < s1
                    && !is_open(w, e + 1)
                    && !is_close(w, e + 1)
                    && !ends_clause(w, e + 1)
                    && (e + 2 < s1 || w.kind(e + 1) != Some(Kind::Punct))
                {
                    e += 1;
                }
                while e > after && w.is_punct(e, ",") {
                    e -= 1;
                }
                src_end = e;
                after = e + 1;
            }
            let mut f = new_found(
                Some((post, src_end)),
                cue,
                vec![content],
                (ctx.sentences[first].0, s1 - 1),
            );
            second_part(ctx, k, after, &mut f);
            return Some(finish(ctx, f, entry, present));
        }
    }
    None
}

/// A subject found forward may run into its verb ("the mayor left"): the tagger says where
/// the noun phrase ends.
fn without_verb_tail(ctx: &Ctx, r: Range) -> Range {
    ctx.tags.before_verb(r)
}

/// The verb of "issued a statement (Monday)" standing right before a participle cue at
/// `cue_start`, if any.
fn issued_statement(w: &Words, s0: usize, cue_start: usize) -> Option<usize> {
    let mut j = cue_start.checked_sub(1).filter(|&j| j > s0)?;
    while j > s0
        && (is_day_word(w.low(j))
            || matches!(
                w.low(j),
                "night" | "morning" | "afternoon" | "evening" | "late" | "on"
            ))
    {
        j -= 1;
    }
    let document = matches!(
        w.low(j),
        "statement"
            | "report"
            | "letter"
            | "release"
            | "email"
            | "tweet"
            | "video"
            | "ad"
            | "memo"
            | "note"
            | "message"
            | "post"
    );
    if !document || j < s0 + 2 {
        return None;
    }
    j -= 1;
    if !matches!(w.low(j), "a" | "an" | "the") {
        j -= 1; // one adjective: "a joint statement"
    }
    if !matches!(w.low(j), "a" | "an" | "the") || j == s0 {
        return None;
    }
    let v = j - 1;
    matches!(
        w.low(v),
        "issued"
            | "released"
            | "sent"
            | "posted"
            | "published"
            | "tweeted"
            | "wrote"
            | "filed"
            | "aired"
            | "ran"
            | "issues"
            | "releases"
            | "sends"
            | "posts"
    )
    .then_some(v)
}

/// Whether token `i` is a cue verb's base form that stands in an infinitive with a content
/// after it ("to say whether …", "to discuss the deal"); "declined to comment." and "declined
/// to comment for this story" leave the content to the governing verb.
fn infinitive_cue(w: &Words, i: usize) -> bool {
    let low = w.low(i);
    // After a cue of its own ("pledged to push for …", "declined to threaten …") only a
    // verb of saying joins it ("declined to say", "refused to discuss").
    let governed_by_cue = i >= 2 && {
        let g = w.low(i - 2);
        !cues::is_rare_cue(g) && cues::lookup(g).is_some()
    };
    let saying = |e: &Entry| e.has(cues::TRAIL | cues::CLAUSE) || e.lemma == "discuss";
    let Some(e) = cues::lookup(low) else {
        return false;
    };
    let mut next = i + 1;
    if cues::particles(e.lemma).contains(&w.low(next)) {
        next += 1;
    }
    !w.is_cap(i)
        && !cues::is_rare_cue(low)
        && e.form == Form::Base
        && e.flags != cues::NOUN
        && !cues::needs_phrase(e.lemma)
        && (!governed_by_cue || saying(&e))
        && (is_open(w, next) || (w.is_word(next) && !is_adjunct_start(w.low(next))))
}

/// Where the verb or adjective that governs the infinitive marker `to` starts ("went on",
/// "declined", "was quick"), if one stands right before it.
fn governing_start(w: &Words, s0: usize, to: usize) -> Option<usize> {
    let g = to.checked_sub(1).filter(|&g| g >= s0)?;
    if w.is_cap(g) {
        return None;
    }
    let low = w.low(g);
    if low == "on" && g > s0 && matches!(w.low(g - 1), "went" | "go" | "goes" | "going") {
        return Some(g - 1);
    }
    if !is_governing(low) {
        return None;
    }
    // "were slightly more likely to say": degree words join the adjective.
    let mut g = g;
    while g > s0
        && matches!(
            w.low(g - 1),
            "more"
                | "less"
                | "most"
                | "least"
                | "slightly"
                | "much"
                | "far"
                | "very"
                | "so"
                | "too"
        )
    {
        g -= 1;
    }
    Some(g)
}

/// Verbs and adjectives whose subject is also the subject of the infinitive after them.
fn is_governing(word: &str) -> bool {
    is_refusal(word)
        || matches!(
            word,
            "continued"
                | "continues"
                | "continue"
                | "continuing"
                | "tried"
                | "tries"
                | "try"
                | "trying"
                | "sought"
                | "seeks"
                | "seek"
                | "seeking"
                | "began"
                | "begins"
                | "begin"
                | "beginning"
                | "started"
                | "starts"
                | "attempted"
                | "tend"
                | "tends"
                | "tended"
                | "chose"
                | "choose"
                | "decided"
                | "wanted"
                | "wants"
                | "want"
                | "plans"
                | "planned"
                | "planning"
                | "hopes"
                | "hoped"
                | "hoping"
                | "vowed"
                | "vows"
                | "promised"
                | "pledged"
                | "threatened"
                | "agreed"
                | "quick"
                | "likely"
                | "able"
                | "eager"
                | "willing"
                | "ready"
                | "hesitate"
                | "hesitated"
                | "seem"
                | "seems"
                | "seemed"
                | "appear"
                | "appears"
                | "appeared"
                | "expected"
        )
}

/// Verbs that decline what the infinitive after them would do ("refused to confirm").
fn is_refusal(word: &str) -> bool {
    matches!(
        word,
        "declined"
            | "declines"
            | "decline"
            | "declining"
            | "refused"
            | "refuses"
            | "refuse"
            | "refusing"
            | "unable"
            | "reluctant"
    )
}

/// `NAME, a/the/who …, CUE`: the name and its apposition or relative clause, when the name
/// opens the clause (sentence start, after a quote or a comma ending earlier content).
fn apposition_source(w: &Words, s0: usize, comma: usize) -> Option<Range> {
    let lo = comma.saturating_sub(30).max(s0);
    let c1 = (lo..comma).rev().find(|&j| w.is_punct(j, ","))?;
    let opens_apposition = matches!(
        w.low(c1 + 1),
        "a" | "an" | "the" | "who" | "whose" | "which"
    );
    // "…, president of the Acme Group, said": a lowercase title before a name.
    let titled = w.is_word(c1 + 1) && !w.is_cap(c1 + 1) && (c1 + 2..comma).any(|j| w.is_cap(j));
    if !opens_apposition && !titled {
        return None;
    }
    if (c1 + 1..comma).any(|j| is_open(w, j) || is_close(w, j) || ends_clause(w, j)) {
        return None;
    }
    let name_end = c1.checked_sub(1)?;
    if !w.is_cap(name_end) {
        return None;
    }
    let st = np_back(w, s0, name_end)?;
    let opens_clause = st == s0
        || is_separator(w, st - 1)
        || matches!(w.low(st - 1), "but" | "and" | "even" | "meanwhile" | "so");
    opens_clause.then_some((st, comma - 1))
}

/// Whether token `j` is a ". ? ! ; :" that ends a sentence or clause, not the period of an
/// abbreviation inside a name or place ("Ava, Mo., who …", "the No. 2 official").
fn ends_clause(w: &Words, j: usize) -> bool {
    match w.raw(j) {
        "." => !(j > 0 && (w.is_punct(j + 1, ",") || sentences::is_abbreviation(w, j - 1))),
        "?" | "!" | ";" | ":" => true,
        _ => false,
    }
}

/// A source's apposition or tail that runs to the end of its sentence: "…, said Ann Lee,
/// director of the port authority." / "…, according to a report by the port authority." The
/// last token of the extended source, or None when the sentence goes on with something else.
fn apposition_tail(w: &Words, src_end: usize, s1: usize, bare: bool) -> Option<usize> {
    let next = src_end + 1;
    if next >= s1 {
        return None;
    }
    let comma = w.is_punct(next, ",");
    let first = if comma { next + 1 } else { next };
    if first >= s1 || !w.is_word(first) {
        return None;
    }
    let low = w.low(first);
    let bare_relative = bare && !comma && matches!(low, "who" | "whose");
    if (is_subject_pronoun(low) && !bare_relative)
        || low == "that"
        || cues::is_cue_modifier(low)
        || is_time_word(low)
        || (low == "on" && (!w.is_cap(first + 1) || is_time_word(w.low(first + 1))))
        || (low.ends_with("ing") && !w.is_cap(first))
        || cues::lookup(low).is_some_and(|e| e.form != Form::Past) && !w.is_cap(first)
    {
        return None;
    }
    if comma {
        // A title or apposition ("director of …", "a former aide", "who …"), not an aside
        // ("after …", "still …", "but …") or a new clause ("Lee made …").
        let apposition = matches!(low, "a" | "an" | "the" | "who" | "whose" | "which")
            || (!w.is_cap(first)
                && !is_adjunct_start(low)
                && !low.ends_with("ly")
                && !matches!(
                    low,
                    "but"
                        | "and"
                        | "or"
                        | "although"
                        | "though"
                        | "still"
                        | "half"
                        | "also"
                        | "now"
                        | "even"
                        | "not"
                        | "just"
                        | "asked"
                        | "because"
                        | "if"
                ))
            || (w.is_cap(first) && w.kind(first + 1) == Some(Kind::Possessive))
            // "…, said Ann Lee, Democrat of Ohio."
            || (w.is_cap(first) && w.low(first + 1) == "of" && !is_month(low));
        if !apposition {
            return None;
        }
    } else if !bare
        || (!is_adjunct_start(low) && !low.ends_with("ed") && !matches!(low, "who" | "whose"))
    {
        return None;
    }
    let mut e = first;
    while e + 1 < s1 {
        let n = e + 1;
        if is_open(w, n) || is_close(w, n) || ends_clause(w, n) {
            break;
        }
        e = n;
    }
    // It must reach the sentence end.
    let stop = e + 1;
    let ends = stop >= s1 || (stop..s1).all(|j| w.kind(j) == Some(Kind::Punct) || is_close(w, j));
    if !ends || e - src_end > 25 {
        return None;
    }
    while e > src_end && (w.is_punct(e, ",") || w.kind(e) == Some(Kind::Dash)) {
        e -= 1;
    }
    (e > src_end).then_some(e)
}

/// The quotation that ends the sentence before sentence `k` in the same paragraph with its own
/// "?", "!" or ".", as content for a cue that follows it alone (`“Why not?” Lee asked.`).
fn quote_before(ctx: &Ctx, k: usize) -> Option<(Range, usize)> {
    let w = ctx.w;
    let (s0, _) = ctx.sentences[k];
    if k == 0 || w.toks[s0].newline_before {
        return None;
    }
    let (_, p1) = ctx.sentences[k - 1];
    let close = p1.checked_sub(1)?;
    if !is_close(w, close) || close == 0 || !matches!(w.raw(close - 1), "?" | "!" | ".") {
        return None;
    }
    ctx.content_before(k - 1, close)
}

/// "Ann Lee, R-Ohio, who chairs the panel, said …" and "In a letter, one of the lawyers, Tom Ng,
/// said …": a subject that opens the clause (after an opening adjunct) with a name or a noun
/// phrase, runs on through appositions, asides and relatives, and ends at the comma or dash
/// `sep` before the cue.
fn long_subject(w: &Words, s0: usize, sep: usize) -> Option<Range> {
    let mut a = s0;
    while a < sep && matches!(w.low(a), "but" | "and" | "so" | "yet" | "meanwhile") {
        a += 1;
    }
    // An opening adjunct up to its comma: "In a letter," "On Monday,".
    if matches!(
        w.low(a),
        "in" | "on" | "at" | "during" | "after" | "before" | "earlier" | "later" | "last"
    ) {
        let comma = (a + 1..sep.min(a + 12)).find(|&j| w.is_punct(j, ","))?;
        if (a..comma).any(|j| !w.is_word(j) && w.kind(j) != Some(Kind::Possessive)) {
            return None;
        }
        a = comma + 1;
    }
    if a >= sep || sep - a > 40 || !(w.is_cap(a) || matches!(w.low(a), "a" | "an" | "the" | "one"))
    {
        return None;
    }
    let mut head_end = np_forward(w, a, sep)?;
    // "Ann Lee (D-Ohio), who …": a bracketed party and state stays with the name.
    if w.raw(head_end + 1) == "(" {
        if let Some(close) = (head_end + 2..sep.min(head_end + 8)).find(|&j| w.raw(j) == ")") {
            if w.is_punct(close + 1, ",") || w.kind(close + 1) == Some(Kind::Dash) {
                head_end = close;
            }
        }
    }
    let next = head_end + 1;
    if next >= sep {
        return None;
    }
    let opens_aside =
        w.is_punct(next, ",") || w.kind(next) == Some(Kind::Dash) || w.raw(next) == "(";
    if !opens_aside {
        return None;
    }
    // Nothing between may end a sentence or leave a quote open, nor hold a verb of saying
    // outside a relative clause ("Lee, who said …, argued" is one subject).
    let first = w.low(next + 1);
    let relative_aside = matches!(first, "who" | "whose" | "which");
    if (next..sep).any(|j| {
        ends_clause(w, j)
            || (!relative_aside
                && w.is_word(j)
                && !w.is_cap(j)
                && is_verb_form(w.low(j))
                // "Ann Lee, a former aide who quit in May, said": the verb of a relative.
                && !(next..j).any(|t| matches!(w.low(t), "who" | "whose")))
    }) || quote_balance(w, next, sep) != 0
    {
        return None;
    }
    // An adverbial, participle or relative aside is not part of the name: "Lee, however, said",
    // "Lee, speaking in Ohio, said", "Lee, who chairs the panel, said".
    let adverbial = first.ends_with("ly")
        || first.ends_with("ing")
        || matches!(
            first,
            "however"
                | "though"
                | "meanwhile"
                | "too"
                | "also"
                | "instead"
                | "in"
                | "for"
                | "by"
                | "at"
                | "on"
                | "after"
                | "while"
                | "like"
                | "unlike"
                | "who"
                | "whose"
                | "which"
                | "then"
                | "now"
                | "still"
                | "too."
        );
    if adverbial {
        return Some((a, head_end));
    }
    let mut e = sep - 1;
    while e > a && (w.is_punct(e, ",") || w.kind(e) == Some(Kind::Dash)) {
        e -= 1;
    }
    Some((a, e))
}

/// Where the content of a cue that takes only an object ("denied the charges", "thanked the
/// crowd for coming") ends: at the first comma or dash outside quotes, since what follows is
/// an aside or another clause ("…, a plan several rivals back").
fn object_end(ctx: &Ctx, start: usize, end: usize, entry: Entry) -> usize {
    let w = ctx.w;
    if entry.has(cues::CLAUSE) || !entry.has(cues::OBJECT) {
        return end;
    }
    let mut depth = 0i32;
    for i in start..=end {
        if is_open(w, i) {
            depth += 1;
        } else if is_close(w, i) {
            depth -= 1;
        } else if depth <= 0
            && i > start
            && (w.is_punct(i, ",") || w.kind(i) == Some(Kind::Dash))
            // "…, including …" and "…, such as …" still belong to the object.
            && !matches!(w.low(i + 1), "including" | "such" | "especially" | "notably")
        {
            return i - 1;
        }
        // "accused X last year of …": the complement comes after the adjunct.
        let complement = matches!(
            entry.lemma,
            "accuse" | "blame" | "thank" | "urge" | "call" | "describe" | "praise" | "criticize"
        );
        if depth <= 0 && i > start && !complement && trailing_adjunct(w, i, end) {
            return i - 1;
        }
        // "endorsed the mayor after the debate": a clause or phrase of time after the object
        // is the writer's setting, not part of it.
        if depth <= 0
            && i > start + 1
            && !complement
            && matches!(w.low(i), "after" | "before" | "until")
            && !w.low(i - 1).ends_with("ed")
        {
            return i - 1;
        }
        // "endorsed Lee and promised to campaign": a second verb phrase of the source's.
        if depth <= 0 && i > start && w.low(i) == "and" {
            let mut j = i + 1;
            while j <= end && cues::is_cue_modifier(w.low(j)) && !is_passive_aux(w.low(j)) {
                j += 1;
            }
            let low = w.low(j);
            let inflected = low.ends_with("ed") || (low.ends_with('s') && !low.ends_with("ss"));
            if j <= end
                && w.is_word(j)
                && !w.is_cap(j)
                && inflected
                && ctx.tags.is(j, &[Upos::Verb])
            {
                return i - 1;
            }
        }
    }
    end
}

/// A weekday or a day named relative to today, lowercased.
fn is_day_word(x: &str) -> bool {
    matches!(
        x,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "tonight"
    )
}

fn is_month(x: &str) -> bool {
    matches!(
        x,
        "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Whether token `i` opens an adjunct that follows an object content rather than belongs to it:
/// a time ("on Sunday", "last week"), a setting ("in a statement", "at a rally"), a channel
/// ("through his lawyer") or a clause ("after …", "despite …").
fn trailing_adjunct(w: &Words, i: usize, end: usize) -> bool {
    let low = w.low(i);
    let next = w.low(i + 1);
    // A time closes the content: "… on Sunday", not "… last year that it would …".
    let closes = |j: usize| j > end || w.kind(j) == Some(Kind::Punct);
    let day = is_day_word;
    let period = |x: &str| {
        day(x)
            || matches!(
                x,
                "week"
                    | "month"
                    | "year"
                    | "night"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "weekend"
            )
    };
    let setting = |x: &str| {
        matches!(
            x,
            "statement"
                | "interview"
                | "letter"
                | "tweet"
                | "speech"
                | "op-ed"
                | "email"
                | "debate"
                | "rally"
                | "press"
                | "news"
                | "conference"
                | "briefing"
                | "hearing"
                | "radio"
                | "television"
                | "tv"
                | "appearance"
                | "town"
        )
    };
    match low {
        _ if day(low) && w.is_word(i - 1) && !is_adjunct_start(w.low(i - 1)) => closes(i + 1),
        "in" if is_month(next)
            || (matches!(next, "early" | "late" | "mid") && is_month(w.low(i + 2))) =>
        {
            let mut j = i + 2;
            while j <= end
                && (is_month(w.low(j)) || w.low(j).starts_with(|c: char| c.is_ascii_digit()))
            {
                j += 1;
            }
            closes(j) && !matches!(w.low(i - 1), "until" | "by" | "since" | "from")
        }
        "on" | "last" | "this" | "earlier" | "late" | "early" | "next" => {
            period(next)
                && (closes(i + 2) || (day(next) && period(w.low(i + 2)) && closes(i + 3)))
                && !matches!(
                    w.low(i - 1),
                    "until" | "later" | "by" | "since" | "from" | "including"
                )
        }
        "in" | "at" | "during" => {
            matches!(next, "a" | "an" | "the" | "his" | "her" | "their" | "its")
                && (setting(w.low(i + 2)) || setting(w.low(i + 3)))
        }
        "through" => matches!(
            w.low(i + 2),
            "lawyer" | "lawyers" | "attorney" | "attorneys" | "spokesman" | "spokeswoman"
        ),
        "despite" => true,
        _ => false,
    }
}

/// After a trailing "…,” he said", a second quoted part: `, “more.”`.
fn second_part(ctx: &Ctx, k: usize, from: usize, f: &mut Found) {
    let w = ctx.w;
    let (_, s1) = ctx.sentences[k];
    // Skip what follows the cue up to a comma or colon before a quote, or the sentence end:
    // adjuncts ("in August"), appositions ("…, head of the caucus"), participles
    // ("…, clapping") and "of"-phrases.
    // "The plan, he said, will fail": an unquoted sentence the cue interrupts goes on after it.
    let unquoted = f.content.len() == 1
        && f.content
            .first()
            .is_some_and(|&(a, b)| !is_open(w, a) && !is_close(w, b) && !is_close(w, b + 1));
    let source_first = f
        .source
        .is_some_and(|(a, _)| f.cue.first().is_some_and(|c| a < c.0));
    if unquoted
        && source_first
        && w.is_punct(from, ",")
        && from + 1 < s1
        && w.is_word(from + 1)
        && continues_clause(w, from + 1)
    {
        let e = ctx.content_end(from + 1, s1);
        if let Some(r) = trim(w, (from + 1, e)) {
            f.content.push(r);
            return;
        }
    }
    let mut j = from;
    while j < s1 {
        if (w.is_punct(j, ",") || w.is_punct(j, ":")) && is_open(w, j + 1) {
            break;
        }
        // A quoted title after the cue ("said on “Meet the Press” Sunday") is an adjunct.
        if is_open(w, j) && j > from && !w.is_punct(j - 1, ",") && !w.is_punct(j - 1, ":") {
            if let Some(c) = closing_quote(w, j).filter(|&c| c < s1 && c <= j + 8) {
                j = c + 1;
                continue;
            }
        }
        if is_open(w, j) || is_close(w, j) || w.is_punct(j, ";") {
            return;
        }
        if w.kind(j) == Some(Kind::Punct) && !matches!(w.raw(j), "," | "(" | ")" | ":") {
            break;
        }
        j += 1;
    }
    // `"Q1," he said. "Q2."`: the next sentence of the paragraph continues the quote.
    if j >= s1 || (w.kind(j) == Some(Kind::Punct) && !w.is_punct(j, ",") && !w.is_punct(j, ":")) {
        if k + 1 < ctx.sentences.len() {
            let (n0, _) = ctx.sentences[k + 1];
            let first_is_quote = f.content.first().is_some_and(|&(a, b)| {
                is_open(w, a) || quote_balance(w, a, b) < 0 || is_close(w, b)
            });
            if first_is_quote
                && is_open(w, n0)
                && (!w.toks[n0].newline_before || whole_paragraph_quote(w, n0))
            {
                if let Some(close) = closing_quote(w, n0) {
                    if let Some(r) = trim(w, (n0, close)) {
                        f.content.push(r);
                        let last = ctx
                            .sentences
                            .iter()
                            .position(|&(a, b)| a <= close && close < b)
                            .unwrap_or(k);
                        f.sentence.1 = f.sentence.1.max(ctx.sentences[last].1 - 1);
                    }
                }
            }
        }
        return;
    }
    if j < s1 && (w.is_punct(j, ",") || w.is_punct(j, ":")) && is_open(w, j + 1) {
        if let Some(close) = closing_quote(w, j + 1) {
            if let Some(r) = trim(w, (j + 1, close)) {
                // "Asked about the plan, Lee said, “…”": an unquoted opening scene or
                // connective before the source is not what was said.
                if let [(a, b)] = f.content[..] {
                    let quoted = (a..=b.min(a + 80)).any(|t| is_open(w, t) || is_close(w, t))
                        || is_close(w, b + 1);
                    if !quoted && is_scene_setting(w, a, b) {
                        f.content.clear();
                    }
                }
                f.content.push(r);
                let last_sent = ctx
                    .sentences
                    .iter()
                    .position(|&(a, b)| a <= close && close < b)
                    .unwrap_or(k);
                f.sentence.1 = f.sentence.1.max(ctx.sentences[last_sent].1 - 1);
            }
        }
    }
}

/// Whether the unquoted words `a..=b` before a trailing source set a scene or join
/// sentences ("Asked about it,", "At a rally on Monday,", "When the crowd booed,", "Still,")
/// rather than report anything.
fn is_scene_setting(w: &Words, a: usize, b: usize) -> bool {
    let low = w.low(a);
    b <= a + 1
        || is_adjunct_start(low)
        || matches!(
            low,
            "asked" | "when" | "while" | "as" | "if" | "though" | "although" | "despite" | "once"
        )
        || (!w.is_cap(a) || a == 0 || w.toks[a].newline_before || is_open(w, a.saturating_sub(1)))
            && (low.ends_with("ing") || low.ends_with("ed"))
            && low.len() > 4
}

/// Whether the words from `i` continue an interrupted clause rather than open an aside:
/// not a participle ("adding"), a relative or an apposition ("a former aide").
fn continues_clause(w: &Words, i: usize) -> bool {
    let low = w.low(i);
    if matches!(
        low,
        "a" | "an"
            | "the"
            | "who"
            | "which"
            | "whose"
            | "according"
            | "citing"
            | "as"
            | "in"
            | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "when"
            | "while"
            | "referring"
            | "speaking"
    ) {
        return false;
    }
    if low.ends_with("ing") {
        return false;
    }
    true
}

/// Whether the paragraph that opens at the quote `open` is that one quotation and nothing else.
fn whole_paragraph_quote(w: &Words, open: usize) -> bool {
    let Some(close) = closing_quote(w, open) else {
        return false;
    };
    let mut i = close + 1;
    while i < w.len() && !w.toks[i].newline_before {
        if w.kind(i) != Some(Kind::Punct) {
            return false;
        }
        i += 1;
    }
    true
}

/// Where the content of a forward cue starts: after a recipient ("told reporters"),
/// adjuncts and "that".
fn forward_content_start(w: &Words, post: usize, s1: usize, entry: Entry) -> Option<(usize, bool)> {
    if post >= s1 {
        return None;
    }
    let mut p = post;
    // "said:" / "said," before a quote.
    if (w.is_punct(p, ":") || w.is_punct(p, ",")) && p + 1 < s1 {
        p += 1;
    }
    if w.low(p) == "that" {
        return Some((p, true));
    }
    if is_open(w, p) {
        return Some((p, false));
    }
    // "hoped so", "thinks not": a pro-form stands for the content, which is elsewhere.
    if matches!(w.low(p), "so" | "not") && (p + 1 >= s1 || w.kind(p + 1) == Some(Kind::Punct)) {
        return None;
    }
    // Look ahead for "that" across a recipient and adjuncts.
    let mut j = p;
    while j < s1 && j < p + 12 {
        let low = w.low(j);
        if low == "that" {
            // "told reporters on Sunday that …"
            let between_ok = (p..j).all(|t| {
                w.is_word(t)
                    || w.kind(t) == Some(Kind::Possessive)
                    || (w.is_punct(t, ",") && t > p && w.is_cap(t - 1) && w.is_cap(t + 1))
            }) && (entry.has(cues::TELL)
                    || (p..j).all(|t| {
                        is_adjunct_start(w.low(t))
                            || w.is_cap(t)
                            || matches!(
                                w.low(t),
                                "a" | "an"
                                    | "the"
                                    | "statement"
                                    | "interview"
                                    | "week"
                                    | "month"
                                    | "year"
                                    | "night"
                                    | "morning"
                                    | "afternoon"
                                    | "evening"
                                    | "reporters"
                                    | "conference"
                                    | "news"
                                    | "briefing"
                                    | "rally"
                                    | "speech"
                                    | "letter"
                                    | "post"
                                    | "tweet"
                            )
                    })
                    // "wrote in his 1990 memoir that …": a prepositional adjunct of any
                    // words, when "that" opens a clause rather than a relative.
                    || ((is_adjunct_start(w.low(p))
                        && !matches!(w.low(p), "by" | "to" | "as" | "of" | "about")
                        // "wrote to the senator's office that …"
                        || (w.low(p) == "to"
                            && (sources::is_determiner_word(w.low(p + 1)) || w.is_cap(p + 1))))
                        && (p..j).all(|t| {
                            !is_verb_form(w.low(t))
                                && (t == p || !matches!(w.low(t), "and" | "or" | "but" | "to"))
                        })
                        && (w.is_cap(j + 1)
                            || is_open(w, j + 1)
                            || is_subject_pronoun(w.low(j + 1))
                            // "he'd", "they're"
                            || w.low(j + 1).split_once('\'').is_some_and(|(p, _)| {
                                is_subject_pronoun(p)
                            })
                            || sources::is_determiner_word(w.low(j + 1))
                            // "… that refugees should …": a bare subject before its auxiliary.
                            || (w.is_word(j + 1)
                                && !is_verb_form(w.low(j + 1))
                                && is_clause_aux(w.low(j + 2))))));
            if between_ok {
                return Some((j, true));
            }
            break;
        }
        // "in Salem, Oregon, that …": a comma inside a place name.
        let place_comma = w.is_punct(j, ",") && j > p && w.is_cap(j - 1) && w.is_cap(j + 1);
        if w.kind(j) != Some(Kind::Word) && w.kind(j) != Some(Kind::Possessive) && !place_comma {
            break;
        }
        j += 1;
    }
    if entry.has(cues::WEAK) {
        return None;
    }
    // "asked the mayor whether …": the recipient is not content, which starts at the question
    // word ("urged voters to …" keeps its object).
    if entry.has(cues::TELL) && entry.has(cues::OBJECT) && w.is_word(p) {
        let recipient = if matches!(w.low(p), "me" | "him" | "her" | "us" | "them" | "you") {
            Some(p)
        } else {
            np_forward(w, p, s1)
        };
        if let Some(e) = recipient.filter(|&e| e + 2 < s1) {
            let q = e + 1;
            let opens = matches!(
                w.low(q),
                "whether" | "if" | "how" | "why" | "what" | "when" | "where" | "who"
            );
            if opens && w.is_word(q + 1) {
                return Some((q, false));
            }
        }
    }
    if entry.has(cues::TELL) && !entry.has(cues::OBJECT) {
        // Skip the recipient: "told Reuters the plan is dead", "told me it is dead", "told
        // voters she would win".
        let recipient = if matches!(w.low(p), "me" | "him" | "us" | "them" | "you") {
            Some(p)
        } else {
            np_forward(w, p, s1).map(|e| {
                (p + 1..=e)
                    .find(|&j| matches!(w.low(j), "he" | "she" | "they" | "i" | "we"))
                    .map_or(e, |j| j - 1)
            })
        };
        if let Some(e) = recipient {
            let mut q = e + 1;
            if w.is_punct(q, ",") || w.is_punct(q, ":") {
                q += 1;
            }
            if q < s1 && w.kind(q) != Some(Kind::Punct) {
                return Some((q, false));
            }
        }
        return None;
    }
    if w.kind(p) == Some(Kind::Punct) {
        return None;
    }
    // "said at the rally in Elm: “…”", "wrote to supporters, “…”": a prepositional adjunct
    // between the cue and a quotation is neither's.
    if entry.has(cues::CLAUSE) && is_adjunct_start(w.low(p)) && w.is_word(p) {
        let mut j = p + 1;
        while j < s1
            && j < p + 20
            && (w.is_word(j)
                || w.kind(j) == Some(Kind::Possessive)
                || (w.is_punct(j, ",") && !is_open(w, j + 1)))
        {
            if is_verb_form(w.low(j)) || w.low(j) == "that" {
                break;
            }
            j += 1;
        }
        if (w.is_punct(j, ":") || w.is_punct(j, ",")) && is_open(w, j + 1) && j + 2 < s1 {
            return Some((j + 1, false));
        }
    }
    // "said on Friday he would run": a time or channel between the cue and a clause.
    if entry.has(cues::CLAUSE) {
        if let Some(q) = leading_adjunct_end(w, p, s1) {
            if q + 1 < s1 && w.is_word(q + 1) {
                return Some((q + 1, false));
            }
        }
    }
    Some((p, false))
}

/// The first token of a time adjunct ("on Tuesday", "last week", "this past week", "Monday
/// night") that ends just before `end`, if one does.
fn time_adjunct_before(w: &Words, s0: usize, end: usize) -> Option<usize> {
    let period = |x: &str| {
        matches!(
            x,
            "week" | "month" | "year" | "night" | "morning" | "afternoon" | "evening" | "weekend"
        )
    };
    let mut a = end.checked_sub(1).filter(|&a| a > s0)?;
    // "workers here said", "Lee too said".
    if matches!(w.low(a), "here" | "there" | "too") {
        return Some(a);
    }
    if !(is_day_word(w.low(a)) || period(w.low(a))) {
        return None;
    }
    // "USA Today reported": a name, not a time.
    if w.low(a) == "today" && w.low(a - 1) == "usa" {
        return None;
    }
    let head = a;
    if period(w.low(a)) && a > s0 && is_day_word(w.low(a - 1)) {
        a -= 1;
    }
    while a > s0
        && matches!(
            w.low(a - 1),
            "on" | "last" | "this" | "past" | "earlier" | "late"
        )
    {
        a -= 1;
    }
    // A bare period word needs its "last" or "this".
    if a == head && !is_day_word(w.low(head)) {
        return None;
    }
    Some(a)
}

/// "A report released Monday by the institute found …", "a court filing dated Friday
/// says …": the noun phrase at `st` (or a time word) hangs off a document named before it
/// through "by" or a participle, and the document is the source. The document phrase's
/// start, if one stands there.
fn document_before(w: &Words, s0: usize, st: usize) -> Option<usize> {
    let document = |x: &str| {
        is_evidence(x)
            || matches!(
                x,
                "document"
                    | "letter"
                    | "statement"
                    | "article"
                    | "copy"
                    | "panel"
                    | "story"
                    | "book"
                    | "paper"
                    | "ad"
                    | "release"
                    | "filing"
                    | "memo"
                    | "poll"
            )
    };
    let lo = st.saturating_sub(10).max(s0);
    // "a poll this month found", "a survey Monday showed": a time right after the document
    // links it as a participle would.
    let first = w.low(st);
    let period = |x: &str| matches!(x, "week" | "month" | "year" | "weekend");
    let mut linked = is_day_word(first)
        || is_month(first)
        || (matches!(first, "this" | "last" | "earlier" | "late") && period(w.low(st + 1)));
    for j in (lo..st).rev() {
        let low = w.low(j);
        if !is_phrase_token(w, j) {
            return None;
        }
        if document(low) && !w.is_cap(j) {
            if !linked {
                return None;
            }
            // "filing" is no noun-phrase word on its own: its modifiers still are.
            return np_back(w, s0, j)
                .or_else(|| j.checked_sub(1).and_then(|b| np_back(w, s0, b)))
                .or(Some(j));
        }
        if low == "by"
            || matches!(
                low,
                "released"
                    | "conducted"
                    | "filed"
                    | "issued"
                    | "published"
                    | "led"
                    | "seen"
                    | "obtained"
                    | "commissioned"
                    | "dated"
                    | "posted"
                    | "written"
                    | "out"
            )
        {
            linked = true;
        } else if is_verb_form(low) || is_subject_pronoun(low) {
            return None;
        }
    }
    None
}

/// A word or a possessive "'s": what a backward scan over a noun phrase may cross.
fn is_phrase_token(w: &Words, j: usize) -> bool {
    w.is_word(j) || w.kind(j) == Some(Kind::Possessive)
}

/// "a person familiar with the talks", "aides close to the mayor", "officials briefed on the
/// plan": the start of the phrase whose object begins at `st`, if it is one of these.
fn familiar_before(w: &Words, s0: usize, st: usize) -> Option<usize> {
    if st < s0 + 3 {
        return None;
    }
    let linked = matches!(
        (w.low(st - 2), w.low(st - 1)),
        ("familiar", "with") | ("close", "to") | ("briefed", "on") | ("knowledgeable", "about")
    );
    if !linked {
        return None;
    }
    np_back(w, s0, st - 3)
}

/// "Voters who watched the debate said …": the noun phrase at `st` ends a relative clause
/// whose head opens the clause, and the head with its relative clause is the source. The
/// head's start, if one stands there.
fn relative_before(w: &Words, s0: usize, st: usize) -> Option<usize> {
    let lo = st.saturating_sub(12).max(s0 + 1);
    for j in (lo..st).rev() {
        let low = w.low(j);
        if !is_phrase_token(w, j) {
            return None;
        }
        if matches!(low, "who" | "that") {
            // A verb must follow the relative pronoun, and no verb of saying may: "those who
            // said …" is an attribution of its own.
            if j + 1 >= st
                || (j + 1..st).any(|t| {
                    cues::lookup(w.low(t)).is_some_and(|e| e.has(cues::CLAUSE))
                        && !cues::is_rare_cue(w.low(t))
                })
            {
                return None;
            }
            let head = np_back(w, s0, j - 1)?;
            let opens = head == s0
                || is_separator(w, head - 1)
                || matches!(w.low(head - 1), "but" | "and" | "so" | "yet");
            return opens.then_some(head);
        }
        if is_subject_pronoun(low) && low != "it" {
            return None;
        }
    }
    None
}

/// An auxiliary or modal that follows a clause's subject.
fn is_clause_aux(word: &str) -> bool {
    matches!(
        word,
        "should"
            | "would"
            | "will"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "is"
            | "are"
            | "was"
            | "were"
            | "had"
            | "has"
            | "have"
    )
}

/// The last token of a short time or channel adjunct at `p` ("on Friday", "last week",
/// "Tuesday", "on Twitter", "in an interview", "in a statement"), if one stands there.
fn leading_adjunct_end(w: &Words, p: usize, s1: usize) -> Option<usize> {
    let day = is_day_word;
    let period = |x: &str| {
        matches!(
            x,
            "week" | "month" | "year" | "night" | "morning" | "afternoon" | "evening" | "weekend"
        )
    };
    let channel = |x: &str| {
        matches!(
            x,
            "statement" | "interview" | "tweet" | "letter" | "email" | "speech" | "op-ed" | "post"
        )
    };
    let low = w.low(p);
    let mut e = if day(low) {
        p
    } else if (matches!(low, "on" | "last" | "this" | "earlier" | "late")
        && (day(w.low(p + 1)) || period(w.low(p + 1))))
        || (low == "on"
            && matches!(
                w.low(p + 1),
                "twitter" | "facebook" | "television" | "tv" | "radio"
            ))
    {
        p + 1
    } else if low == "in" && matches!(w.low(p + 1), "a" | "an") && channel(w.low(p + 2)) {
        p + 2
    } else {
        return None;
    };
    // "on Friday night", "Tuesday morning".
    if e + 1 < s1 && (period(w.low(e + 1)) || day(w.low(e + 1))) {
        e += 1;
    }
    (e < s1).then_some(e)
}

/// The subject of a verb of saying whose last token before the cue is `l`, read as the whole
/// clause opening: from the sentence start (past a connective and an opening adjunct up to
/// its comma) to the cue, less a closing adverbial or participle aside ("…, for instance,",
/// "…, speaking in Ohio,"). None when the stretch holds a verb outside a relative clause, a
/// quotation, or more than 40 tokens.
fn clause_subject(ctx: &Ctx, s0: usize, l: usize) -> Option<Range> {
    let w = ctx.w;
    // "Lee crossed the room and said …": the noun phrase opening the sentence.
    if matches!(w.low(l), "and" | "but") {
        let mut r = subject_of(w, s0, l)?;
        // "Lee, the party's nominee, crossed …": an apposition stays with the name.
        if w.is_punct(r.1 + 1, ",")
            && matches!(
                w.low(r.1 + 2),
                "a" | "an" | "the" | "his" | "her" | "their" | "its"
            )
        {
            if let Some(c) = (r.1 + 3..l.min(r.1 + 14)).find(|&j| w.is_punct(j, ",")) {
                if (r.1 + 2..c).all(|j| w.is_word(j) || w.kind(j) == Some(Kind::Possessive)) {
                    r.1 = c - 1;
                }
            }
        }
        let quoted = (s0..l).any(|j| is_open(w, j) || is_close(w, j));
        return (!quoted && w.is_cap(r.0) && r.1 + 1 < l).then_some(r);
    }
    if !(w.is_word(l) || w.is_punct(l, ",") || w.raw(l) == ")" || w.kind(l) == Some(Kind::Dash))
        || is_adjunct_start(w.low(l))
        || matches!(w.low(l), "or" | "as" | "than" | "that")
    {
        return None;
    }
    let mut a = skip_dateline(w, s0, l);
    while a < l
        && matches!(
            w.low(a),
            "but" | "and" | "yet" | "so" | "meanwhile" | "still" | "even"
        )
    {
        a += 1;
    }
    if a < l && w.is_punct(a, ",") {
        a += 1;
    }
    // An opening adjunct up to its comma: "As part of the deal, …", "On Monday, …".
    if is_adjunct_start(w.low(a)) || matches!(w.low(a), "as" | "like" | "unlike" | "for") {
        let comma = (a + 1..l.min(a + 16)).find(|&j| w.is_punct(j, ","))?;
        a = comma + 1;
    }
    let mut e = l;
    while e > a && (w.is_punct(e, ",") || w.kind(e) == Some(Kind::Dash)) {
        e -= 1;
    }
    if e < a
        || e - a > 40
        || !w.is_word(a)
        || !(w.is_cap(a) || sources::is_determiner_word(w.low(a)))
    {
        return None;
    }
    // A closing aside: "…, however,", "…, for instance,", "…, speaking in Ohio,".
    if let Some(comma) = (a + 1..e).rev().find(|&j| w.is_punct(j, ",")) {
        let first = w.low(comma + 1);
        let aside = sources::is_ly_adverb(first)
            || matches!(
                first,
                "however" | "for" | "in" | "too" | "meanwhile" | "though"
            )
            || (first.ends_with("ing") && !w.is_cap(comma + 1));
        if aside {
            e = comma - 1;
        }
    }
    let mut relative = false;
    for j in a..=e {
        if is_open(w, j) || is_close(w, j) || ends_clause(w, j) {
            return None;
        }
        let low = w.low(j);
        if matches!(low, "who" | "whose" | "which" | "that") {
            relative = true;
        }
        // "officials briefed on the talks": a participle right after a noun, before its
        // preposition, modifies the noun.
        let reduced = low.ends_with("ed")
            && j.checked_sub(1)
                .is_some_and(|before| ctx.tags.is(before, &[Upos::Noun, Upos::Propn]))
            && matches!(
                w.low(j + 1),
                "by" | "on" | "in" | "with" | "at" | "to" | "for"
            );
        if !relative
            && j > a
            && !w.is_cap(j)
            && ctx.tags.is(j, &[Upos::Verb, Upos::Aux])
            && !low.ends_with("ing")
            && !reduced
        {
            return None;
        }
    }
    trim(w, (a, e))
}

/// The sentence subject for a participle cue: the noun phrase opening the sentence,
/// with a dashed aside ("Russia – along with China – has …").
fn subject_of(w: &Words, s0: usize, before: usize) -> Option<Range> {
    let mut start = skip_dateline(w, s0, before);
    while start < before
        && (matches!(
            w.low(start),
            "but"
                | "and"
                | "yet"
                | "meanwhile"
                | "still"
                | "so"
                | "then"
                | "instead"
                | "indeed"
                | "now"
                | "however"
                | "also"
        ) || (start > s0 && w.is_punct(start, ",")))
    {
        start += 1;
    }
    // "On Tuesday, Lee went further, endorsing …": the subject follows an opening adjunct.
    if start < before
        && (is_adjunct_start(w.low(start)) || matches!(w.low(start), "however" | "here" | "there"))
        && !is_open(w, start)
    {
        if let Some(comma) = (start + 1..before.min(start + 16)).find(|&j| w.is_punct(j, ",")) {
            if (start..comma).all(|j| w.is_word(j) || w.kind(j) == Some(Kind::Possessive)) {
                start = comma + 1;
            }
        }
    }
    let end = np_forward(w, start, before)?;
    if w.kind(end + 1) == Some(Kind::Dash) {
        if let Some(d) = (end + 2..before.min(end + 12)).find(|&j| w.kind(j) == Some(Kind::Dash)) {
            return Some((start, d));
        }
    }
    Some((start, end))
}

/// "S1 quoted S2 as saying C": S2 is the source; the cue is split.
fn quoted_as_saying(ctx: &Ctx, k: usize, c: usize) -> Option<Found> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let src_end = np_forward(w, c + 1, s1)?;
    if w.low(src_end + 1) != "as" || !matches!(w.low(src_end + 2), "saying" | "telling") {
        return None;
    }
    let start = src_end + 3;

    let e = ctx.content_end(start, s1);
    let content = trim(w, (start, e))?;
    let entry = cues::lookup("said")?;
    let f = new_found(
        Some((c + 1, src_end)),
        vec![(c, c), (src_end + 1, src_end + 2)],
        vec![content],
        (s0, s1 - 1),
    );
    Some(finish(ctx, f, entry, false))
}

/// What the source does with the content: the one place a verb cue's stance is decided.
/// A negated or refused verb of saying leaves the content unconfirmed ("did not say whether
/// …", "declined to discuss it", "did not deny the report"), and so does a refusal whose
/// infinitive is one ("declined to comment."); a belief verb negated still asserts ("does not
/// think it works"). A denial verb denies only a claim ("rejected the allegations", "dismissed
/// reports that …", "denounced the video as fake"), not an act or a plan ("rejected the
/// plan", "denounced the attack"), unless it denies whatever it takes ("denied the visit").
fn stance_of(ctx: &Ctx, f: &Found, entry: Entry) -> Stance {
    let w = ctx.w;
    let in_cue = |test: fn(&str) -> bool| {
        f.cue
            .iter()
            .any(|&(a, b)| (a..=b.min(w.len().saturating_sub(1))).any(|i| test(w.low(i))))
    };
    // "did not hesitate to say" negates the hesitation, not the saying.
    let negated =
        (in_cue(cues::is_negation) || in_cue(is_refusal)) && !in_cue(|x| x.starts_with("hesitat"));
    let object = f.content.first().map(|r| r.0);
    let denies = entry.has(cues::DENY)
        && object.is_some_and(|a| {
            (cues::denies_any_object(entry.lemma) && !indirect_object(w, a))
                || claim_object(ctx, a, f.sentence.1)
        });
    let says = entry.has(cues::TRAIL | cues::CLAUSE | cues::CONFIRM) || entry.lemma == "discuss";
    if matches!(entry.lemma, "decline" | "refuse") {
        // "declined to comment": the refusal is the cue, the verb of saying its content.
        let saying = object.is_some_and(|a| {
            w.low(a) == "to"
                && cues::lookup(w.low(a + 1))
                    .is_some_and(|e| e.has(cues::TRAIL | cues::CLAUSE) || e.lemma == "discuss")
        });
        return if saying {
            Stance::Unconfirmed
        } else {
            Stance::Asserted
        };
    }
    match (negated, denies) {
        (true, _) if denies || (says && !cues::is_neg_raising(entry.lemma)) => Stance::Unconfirmed,
        (false, true) => Stance::Denied,
        _ => Stance::Asserted,
    }
}

/// "denied them permits", "denied him entry": a pronoun that receives, before what is withheld.
fn indirect_object(w: &Words, a: usize) -> bool {
    matches!(w.low(a), "him" | "them" | "us" | "me") && w.is_word(a + 1)
}

/// Whether the object starting at token `a` is a claim: a "that" clause, a noun phrase whose
/// words name one ("the allegations", "Lee's claim", "reports of a deal"), or anything called
/// untrue after "as" in the same clause, before token `end` ("the video as fake").
fn claim_object(ctx: &Ctx, a: usize, end: usize) -> bool {
    let w = ctx.w;
    let end = end.min(w.len().saturating_sub(1));
    let determiner_that = w.low(a) == "that" && ctx.tags.is(a, &[Upos::Det]);
    if w.low(a) == "that" && !determiner_that {
        return true;
    }
    let start = if determiner_that { a + 1 } else { a };
    let phrase_end = (start..=end)
        .take(8)
        .find(|&i| {
            !(w.is_word(i) || w.kind(i) == Some(Kind::Possessive))
                || matches!(
                    w.low(i),
                    "as" | "that"
                        | "of"
                        | "about"
                        | "in"
                        | "on"
                        | "for"
                        | "from"
                        | "by"
                        | "with"
                        | "to"
                        | "and"
                        | "which"
                        | "who"
                )
        })
        .unwrap_or((start + 8).min(end + 1));
    if (start..phrase_end).any(|i| cues::is_claim_noun(w.low(i))) {
        return true;
    }
    (start..end)
        .take(16)
        .take_while(|&j| !w.is_punct(j, ";") && !w.is_punct(j, "."))
        .any(|j| {
            w.low(j) == "as" && (j + 1..=(j + 4).min(end)).any(|k| cues::is_falsity_word(w.low(k)))
        })
}

/// Sets stance, certainty and quote kind.
fn finish(ctx: &Ctx, mut f: Found, entry: Entry, present: bool) -> Found {
    let w = ctx.w;
    f.stance = stance_of(ctx, &f, entry);
    // "Lee, who said the plan would fail, argued …": a relative clause that reports speech
    // is an attribution of its own, and PolNeAR leaves it out of the outer source.
    if let Some((a, b)) = f.source {
        let relative = (a + 1..b)
            .find(|&j| w.is_punct(j, ",") && matches!(w.low(j + 1), "who" | "whose" | "which"));
        if let Some(j) = relative {
            if (j + 2..=b).any(|t| matches!(w.low(t), "said" | "says" | "say" | "told" | "tells")) {
                f.source = Some((a, j - 1));
            }
        }
    }
    if f.stance == Stance::Unconfirmed {
        f.certainty = Certainty::Unknown;
    } else {
        let mut cert = None;
        for &(a, b) in &f.content {
            let c = hedges::certainty(w, a, b + 1, present);
            if c != Certainty::Certain {
                cert = Some(c);
                break;
            }
        }
        f.certainty = cert
            .or_else(|| hedges::cue_certainty(entry.lemma))
            .unwrap_or(Certainty::Certain);
    }
    f.quote = quote_kind(w, &f.content);
    // A content that runs on past its sentence (a quote of several) widens the sentence.
    if let Some(end) = f.content.iter().map(|r| r.1).max() {
        f.sentence.1 = f.sentence.1.max(end);
    }
    f
}

fn quote_kind(w: &Words, content: &[Range]) -> QuoteKind {
    let mut any_quote = false;
    let mut all_quoted = true;
    for &(a, b) in content {
        let opens = (a..=b).any(|i| is_open(w, i) || is_close(w, i));
        any_quote |= opens;
        let starts = is_open(w, a) || (a > 0 && is_open(w, a - 1));
        let ends = is_close(w, b)
            || is_close(w, b + 1)
            || (b + 2 < w.len() && is_close(w, b + 2) && w.kind(b + 1) == Some(Kind::Punct));
        all_quoted &= starts && ends;
    }
    if all_quoted && !content.is_empty() {
        QuoteKind::Direct
    } else if any_quote {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}
