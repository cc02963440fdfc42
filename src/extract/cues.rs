//! The cue lexicon: reporting verbs in every inflection, with what each takes after it
//! (a clause, a recipient, an object, an infinitive) and what stance it carries.
//! Knows nothing of sentences or spans: it answers questions about lowercase words.

use std::collections::HashMap;
use std::sync::OnceLock;

/// May stand after its content: "…, officials said." / "…, said Finer."
pub(crate) const TRAIL: u16 = 1;
/// Takes a reported clause, with or without "that".
pub(crate) const CLAUSE: u16 = 2;
/// Takes a recipient before the content: "told reporters that …".
pub(crate) const TELL: u16 = 4;
/// Takes an object as its content: "denied such claims", "endorsed Clinton".
pub(crate) const OBJECT: u16 = 8;
/// Takes an infinitive as its content: "vowed to fight".
pub(crate) const INF: u16 = 16;
/// Counts only with "that" or a quote right after it ("found that", "shows that").
pub(crate) const WEAK: u16 = 32;
/// Says the content is not so ("denied", "rejected"); see [`denies_any_object`] for which
/// need a claim as their object to deny anything.
pub(crate) const DENY: u16 = 64;
/// Confirms; negated ("did not confirm") it declines to confirm.
pub(crate) const CONFIRM: u16 = 128;
/// Its "-s" form is also a plural noun ("claims", "attacks"), so the tagger decides which
/// one stands in a sentence; other "-s" forms are verbs ("argues", "insists").
pub(crate) const NOUN: u16 = 256;

/// The grammatical form a cue word stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Base,
    Third,
    Past,
    Ing,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub lemma: &'static str,
    pub flags: u16,
    pub form: Form,
}

impl Entry {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

const SAY: u16 = TRAIL | CLAUSE;

/// `base[|past[|participle]]`, a trailing `+` doubles the final consonant ("admit+").
/// Particles ("for", "out") that join the cue are in [`PARTICLES`].
const VERBS: &[(&str, u16)] = &[
    ("say|said", SAY),
    ("tell|told", SAY | TELL),
    ("add", SAY),
    ("note", SAY | NOUN),
    ("write|wrote|written", SAY),
    ("argue", SAY),
    ("insist", SAY),
    ("explain", SAY),
    ("claim", SAY | OBJECT | NOUN),
    ("report", SAY | OBJECT | NOUN),
    ("allege", SAY),
    ("acknowledge", SAY | OBJECT),
    ("announce", SAY | OBJECT),
    ("admit+", SAY),
    ("assert", SAY),
    ("declare", SAY),
    ("state", SAY | NOUN),
    ("tweet", SAY | NOUN),
    ("respond", SAY),
    ("reply", SAY | NOUN),
    ("recall", SAY | NOUN),
    ("stress", SAY | NOUN),
    ("emphasize", SAY),
    ("emphasise", SAY),
    ("observe", SAY),
    ("conclude", SAY),
    ("contend", SAY),
    ("maintain", SAY),
    ("concede", SAY),
    ("reveal", SAY | OBJECT),
    ("testify", SAY),
    ("complain", SAY),
    ("joke", SAY | NOUN),
    ("boast", SAY | NOUN),
    ("brag+", SAY),
    ("quip+", SAY | NOUN),
    ("lament", SAY | NOUN),
    ("caution", SAY | NOUN),
    ("repeat", SAY | NOUN),
    ("reiterate", SAY),
    ("continue", TRAIL),
    ("mention", SAY | OBJECT | NOUN),
    ("speculate", SAY),
    ("charge", SAY | NOUN),
    ("counter", SAY | NOUN),
    ("retort", SAY),
    ("shout", SAY | NOUN),
    ("chant", SAY | NOUN),
    ("post", SAY | NOUN),
    ("comment", SAY | NOUN),
    ("predict", SAY),
    ("estimate", SAY | NOUN),
    ("suggest", SAY | OBJECT),
    ("confirm", SAY | OBJECT | CONFIRM),
    ("deny", SAY | OBJECT | DENY),
    ("warn", SAY | TELL),
    ("remark", SAY | NOUN),
    ("muse", SAY | NOUN),
    ("recount", SAY | NOUN),
    ("wonder", SAY | NOUN),
    ("ask", SAY | TELL | OBJECT),
    ("vow", CLAUSE | INF | TRAIL | NOUN),
    ("pledge", CLAUSE | INF | OBJECT | NOUN),
    ("promise", CLAUSE | INF | TELL | OBJECT | NOUN),
    ("threaten", INF),
    ("hint", CLAUSE | NOUN),
    ("signal", CLAUSE | OBJECT | NOUN),
    ("affirm", SAY),
    ("clarify", SAY),
    ("disclose", SAY | OBJECT),
    ("think|thought", SAY),
    ("believe", SAY),
    ("hope", CLAUSE | INF | NOUN),
    ("fear", CLAUSE | WEAK | NOUN),
    ("worry", CLAUSE | WEAK | NOUN),
    ("agree", CLAUSE | INF),
    ("remind", SAY | TELL),
    ("assure", SAY | TELL),
    ("inform", TELL | CLAUSE),
    ("urge", TELL | OBJECT | NOUN),
    ("email", SAY | NOUN),
    ("text+", SAY | NOUN),
    ("whisper", SAY | NOUN),
    ("yell", SAY | NOUN),
    ("proclaim", SAY),
    ("protest", SAY | NOUN),
    ("scoff", SAY),
    ("opine", SAY),
    ("surmise", SAY),
    ("theorize", SAY),
    ("show|showed|shown", CLAUSE | WEAK | NOUN),
    ("find|found", CLAUSE | WEAK | NOUN),
    ("indicate", CLAUSE | WEAK),
    ("learn", CLAUSE | WEAK),
    ("know|knew|known", CLAUSE | WEAK),
    ("accuse", OBJECT),
    ("blame", OBJECT | NOUN),
    ("criticize", OBJECT),
    ("criticise", OBJECT),
    ("praise", OBJECT | NOUN),
    ("endorse", OBJECT),
    ("support", OBJECT | NOUN),
    ("oppose", OBJECT),
    ("describe", OBJECT),
    ("defend", OBJECT),
    ("reject", OBJECT | DENY),
    ("dismiss", OBJECT | DENY),
    ("question", OBJECT | NOUN),
    ("propose", OBJECT | CLAUSE),
    ("publish", OBJECT),
    ("cite", OBJECT),
    ("attack", OBJECT | NOUN),
    ("slam+", OBJECT | NOUN),
    ("blast", OBJECT | NOUN),
    ("denounce", OBJECT | DENY),
    ("condemn", OBJECT),
    ("welcome", OBJECT | NOUN),
    ("thank", OBJECT | NOUN),
    ("mock", OBJECT | NOUN),
    ("decry", OBJECT),
    ("back", OBJECT),
    ("request", OBJECT | NOUN),
    ("demand", OBJECT | CLAUSE | NOUN),
    ("recommend", OBJECT | CLAUSE),
    ("applaud", OBJECT),
    ("echo", OBJECT | NOUN),
    ("highlight", OBJECT | NOUN),
    ("call", OBJECT | NOUN),
    ("dispute", OBJECT | DENY | NOUN),
    ("refute", OBJECT | DENY),
    ("rebut+", OBJECT | DENY),
    ("ridicule", OBJECT),
    ("lambaste", OBJECT),
    ("rebuke", OBJECT | NOUN),
    ("hail", OBJECT | NOUN),
    ("tout", OBJECT),
    ("castigate", OBJECT),
    ("disavow", OBJECT | DENY),
    ("want", OBJECT | INF | NOUN),
    ("plan+", INF | NOUN),
    ("decline", INF | NOUN),
    ("refuse", INF),
    ("predict", SAY),
    ("express", OBJECT | NOUN),
    ("offer", OBJECT | NOUN),
    ("order", OBJECT | NOUN),
    ("portray", OBJECT),
    ("discuss", OBJECT),
    ("challenge", OBJECT | NOUN),
    ("encourage", OBJECT),
    ("rail", OBJECT | NOUN),
    ("credit", OBJECT | NOUN),
    ("forecast|forecast|forecast", SAY | NOUN),
    ("liken", OBJECT),
    ("dub+", OBJECT),
    ("label", OBJECT | NOUN),
    ("imply", SAY),
    ("list", OBJECT | NOUN),
    ("champion", OBJECT | NOUN),
    ("push", OBJECT | NOUN),
    ("point", SAY | OBJECT | NOUN),
    ("refer+", OBJECT),
    ("talk", OBJECT | NOUN),
    ("voice", OBJECT | NOUN),
    ("remember", SAY),
    ("retweet", SAY | OBJECT | NOUN),
    ("invoke", OBJECT),
    ("congratulate", OBJECT),
    ("knock", OBJECT | NOUN),
    ("realize", CLAUSE | WEAK),
    ("speak|spoke|spoken", OBJECT),
    ("make|made|made", CLAUSE | OBJECT),
    ("take|took|taken", OBJECT),
    ("go|went|gone", OBJECT),
    ("shoot|shot|shot", SAY | OBJECT),
    ("fire", SAY | OBJECT),
    ("hit|hit|hit", SAY | OBJECT),
    ("lash", OBJECT),
    ("weigh", OBJECT),
    ("lay|laid|laid", OBJECT),
    ("apologize", OBJECT),
    ("read|read|read", SAY),
    ("quote", NOUN),
    ("release", NOUN),
];

/// Words that join some verbs into one cue: "called for", "pointed out", "referring to".
pub(crate) const PARTICLES: &[(&str, &[&str])] = &[
    ("call", &["for", "on", "upon", "out"]),
    ("point", &["out", "to"]),
    ("refer", &["to"]),
    ("talk", &["about", "up"]),
    ("ask", &["about", "for"]),
    ("respond", &["to"]),
    ("rail", &["against"]),
    ("push", &["for"]),
    ("comment", &["on"]),
    ("joke", &["about"]),
    ("boast", &["of", "about"]),
    ("brag", &["about"]),
    ("warn", &["of"]),
    ("write", &["about"]),
    ("complain", &["about"]),
    ("hint", &["at"]),
    ("speak", &["about", "of", "out", "against"]),
];

/// Verbs that are cues only with the words after them ("made clear", "took aim at"); the
/// longest matching tail joins the cue.
const PHRASES: &[(&str, &[&[&str]])] = &[
    (
        "make",
        &[&["clear"], &["it", "clear"], &["no", "secret", "of"]],
    ),
    (
        "take",
        &[
            &["aim", "at"],
            &["issue", "with"],
            &["credit", "for"],
            &["a", "swipe", "at"],
            &["a", "shot", "at"],
            &["shots", "at"],
        ],
    ),
    ("go", &[&["after"]]),
    ("shoot", &[&["back"], &["back", "at"]]),
    ("fire", &[&["back"], &["back", "at"]]),
    ("hit", &[&["back"], &["back", "at"]]),
    ("lash", &[&["out"], &["out", "at"]]),
    ("weigh", &[&["in"], &["in", "on"]]),
    ("lay", &[&["out"]]),
    ("apologize", &[&["for"]]),
];

/// Whether `lemma` needs a phrase tail to be a cue.
pub(crate) fn needs_phrase(lemma: &str) -> bool {
    PHRASES.iter().any(|(l, _)| *l == lemma)
}

/// How many words after the verb belong to its phrase, given the lowercase words after it.
pub(crate) fn phrase_len<'a>(lemma: &str, next: impl Fn(usize) -> &'a str) -> Option<usize> {
    let (_, tails) = PHRASES.iter().find(|(l, _)| *l == lemma)?;
    tails
        .iter()
        .filter(|t| t.iter().enumerate().all(|(k, word)| next(k) == *word))
        .map(|t| t.len())
        .max()
}

fn lexicon() -> &'static HashMap<String, Entry> {
    static LEXICON: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map = HashMap::new();
        for &(spec, flags) in VERBS {
            let double = spec.ends_with('+');
            let spec = spec.trim_end_matches('+');
            let mut parts = spec.split('|');
            let base = parts.next().unwrap_or(spec);
            let past = parts.next().map(str::to_owned);
            let participle = parts.next().map(str::to_owned);
            let lemma: &'static str = VERBS
                .iter()
                .map(|(s, _)| s.trim_end_matches('+'))
                .find(|s| s.split('|').next() == Some(base))
                .and_then(|s| s.split('|').next())
                .unwrap_or("");
            let (third, regular_past, ing) = inflect(base, double);
            let past = past.unwrap_or(regular_past);
            let entry = |form| Entry { lemma, flags, form };
            map.entry(base.to_owned()).or_insert(entry(Form::Base));
            map.entry(third).or_insert(entry(Form::Third));
            map.entry(past).or_insert(entry(Form::Past));
            if let Some(p) = participle {
                map.entry(p).or_insert(entry(Form::Past));
            }
            map.entry(ing).or_insert(entry(Form::Ing));
        }
        map
    })
}

/// Regular third person, past and -ing forms.
fn inflect(base: &str, double: bool) -> (String, String, String) {
    let b = base.as_bytes();
    let last = b.last().copied().unwrap_or(b'a');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let third = if base.ends_with("sh")
        || base.ends_with("ch")
        || matches!(last, b's' | b'x' | b'z' | b'o')
    {
        format!("{base}es")
    } else if last == b'y' && !vowel(before) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    };
    let past = if last == b'e' {
        format!("{base}d")
    } else if last == b'y' && !vowel(before) {
        format!("{}ied", &base[..base.len() - 1])
    } else if double {
        format!("{base}{}ed", last as char)
    } else {
        format!("{base}ed")
    };
    let ing = if last == b'e' && before != b'e' {
        format!("{}ing", &base[..base.len() - 1])
    } else if double {
        format!("{base}{}ing", last as char)
    } else {
        format!("{base}ing")
    };
    (third, past, ing)
}

/// The lexicon entry for a lowercase word, if it is a cue verb form.
pub(crate) fn lookup(word: &str) -> Option<Entry> {
    lexicon().get(word).copied()
}

/// Cue forms that news-attribution annotators mark rarely (under a quarter of the times the
/// extractor found them on PolNeAR train). The cue model judges their proposals; the rules
/// still ask this where a content's end or an infinitive's cue is read:
/// wishes and a few mental states ("they want", "thinking of"), and forms that are mostly
/// something else ("continue", "back", "states"). "think", "believe" and a third person's
/// "wants" stay cues: annotators mark a group's beliefs and aims ("economists believe …",
/// "the union wants …"). The words stay in the lexicon, so that source noun phrases still
/// stop at them.
pub(crate) fn is_rare_cue(word: &str) -> bool {
    matches!(
        word,
        "thought"
            | "thinking"
            | "want"
            | "wanted"
            | "know"
            | "back"
            | "continue"
            | "continues"
            | "states"
            | "tell"
            | "endorse"
            | "attacking"
            | "planned"
            | "reporting"
            | "maintained"
            | "opposing"
            | "responding"
            | "welcome"
            | "add"
            | "call"
            | "support"
            | "supports"
            | "supporting"
            | "knows"
            | "plan"
            | "plans"
            | "planning"
            | "agree"
            | "agreeing"
            | "read"
            | "reading"
    )
}

/// Particles that may follow `lemma` inside the cue.
pub(crate) fn particles(lemma: &str) -> &'static [&'static str] {
    PARTICLES
        .iter()
        .find(|(l, _)| *l == lemma)
        .map(|(_, p)| *p)
        .unwrap_or(&[])
}

/// Auxiliaries, negations and adverbs that stand between a source and its cue and
/// belong to the cue ("has also said", "did not immediately confirm").
pub(crate) fn is_cue_modifier(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "n't"
            | "never"
            | "also"
            | "later"
            | "previously"
            | "repeatedly"
            | "then"
            | "publicly"
            | "reportedly"
            | "once"
            | "recently"
            | "separately"
            | "often"
            | "earlier"
            | "further"
            | "first"
            | "initially"
            | "again"
            | "still"
            | "already"
            | "long"
            | "just"
            | "immediately"
            | "quickly"
            | "flatly"
            | "strongly"
            | "privately"
            | "openly"
            | "explicitly"
            | "specifically"
            | "falsely"
            | "frequently"
            | "originally"
            | "subsequently"
            | "finally"
            | "simply"
            | "actually"
            | "been"
            | "being"
            | "even"
            | "always"
            | "since"
            | "now"
            | "ultimately"
            | "directly"
            | "angrily"
            | "bluntly"
            | "famously"
            | "loudly"
            | "sharply"
            | "emphatically"
            | "wrongly"
            | "correctly"
            | "rightly"
            | "personally"
            | "jokingly"
            | "sarcastically"
            | "confidently"
            | "essentially"
            | "effectively"
            | "cannot"
            | "didn't"
            | "doesn't"
            | "hasn't"
            | "haven't"
            | "wouldn't"
            | "won't"
            | "ever"
            | "both"
    )
}

/// Whether a denial verb denies whatever its object is ("denied the visit", "refuted him"),
/// rather than only a claim ("rejected the claims", not "rejected the plan";
/// "denounced the reports as fake", not "denounced the attack").
pub(crate) fn denies_any_object(lemma: &str) -> bool {
    matches!(lemma, "deny" | "dispute" | "refute" | "rebut" | "disavow")
}

/// Whether a cue puts something forward to be done rather than said to be so ("proposed a
/// debate", "demanded a recount", "offered a deal"): rejecting what it puts forward ("Sanders
/// rejected that") denies no claim.
pub(crate) fn proposes(lemma: &str) -> bool {
    matches!(
        lemma,
        "propose" | "request" | "demand" | "recommend" | "urge" | "offer"
    )
}

/// Nouns that name a claim, so that rejecting or dismissing one denies it ("rejected the
/// allegations", "dismissed reports of a deal", "disputes the idea that …").
pub(crate) fn is_claim_noun(word: &str) -> bool {
    let noun = |x: &str| {
        matches!(
            x,
            "claim"
                | "allegation"
                | "accusation"
                | "charge"
                | "report"
                | "rumor"
                | "rumour"
                | "story"
                | "stories"
                | "assertion"
                | "suggestion"
                | "argument"
                | "idea"
                | "notion"
                | "theory"
                | "theories"
                | "premise"
                | "characterization"
                | "characterisation"
                | "contention"
                | "speculation"
                | "statement"
                | "account"
                | "version"
                | "narrative"
                | "finding"
                | "conclusion"
                | "assessment"
                | "estimate"
                | "figure"
                | "number"
                | "insinuation"
                | "implication"
                | "criticism"
                | "view"
                | "interpretation"
                | "description"
                | "portrayal"
                | "comparison"
                | "analysis"
                | "analyses"
                | "prediction"
                | "forecast"
        )
    };
    noun(word) || word.strip_suffix('s').is_some_and(noun)
}

/// Words that call what they describe untrue ("dismissed the video as fake", "rejected the
/// reports as baseless").
pub(crate) fn is_falsity_word(word: &str) -> bool {
    matches!(
        word,
        "false"
            | "fake"
            | "untrue"
            | "baseless"
            | "groundless"
            | "unfounded"
            | "fabricated"
            | "fabrication"
            | "fabrications"
            | "lie"
            | "lies"
            | "nonsense"
            | "hoax"
            | "absurd"
            | "ridiculous"
            | "rubbish"
            | "misleading"
            | "inaccurate"
            | "incorrect"
            | "wrong"
            | "bogus"
            | "fiction"
            | "fictional"
            | "propaganda"
            | "slander"
            | "smear"
            | "smears"
            | "libel"
            | "libelous"
            | "defamatory"
            | "slanderous"
            | "invented"
            | "speculation"
            | "conspiracy"
            | "falsehood"
            | "falsehoods"
            | "fantasy"
    )
}

/// Verbs of belief whose negation negates the content, not the act ("I don't think it
/// works" asserts that it does not): negated, they still assert.
pub(crate) fn is_neg_raising(lemma: &str) -> bool {
    matches!(
        lemma,
        "think"
            | "believe"
            | "hope"
            | "fear"
            | "worry"
            | "agree"
            | "know"
            | "realize"
            | "learn"
            | "remember"
            | "want"
            | "expect"
    )
}

/// Negation words that turn "confirm" into declining to confirm.
pub(crate) fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "n't"
            | "never"
            | "didn't"
            | "doesn't"
            | "hasn't"
            | "haven't"
            | "wouldn't"
            | "won't"
            | "cannot"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_regular_and_irregular_verbs() {
        for w in [
            "says", "said", "saying", "told", "denies", "denied", "admitted", "urging",
        ] {
            assert!(lookup(w).is_some(), "{w}");
        }
        assert_eq!(lookup("told").map(|e| e.lemma), Some("tell"));
        assert_eq!(lookup("quipped").map(|e| e.form), Some(Form::Past));
        assert!(lookup("sayed").is_none());
    }
}
