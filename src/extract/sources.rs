//! Finds the noun phrase that is a source, backward from a cue or forward from "according to",
//! and says what kind of source it is (person, officials, government, media, experts …).
//! Knows nothing of cues' meanings or of the content; works on token indices.

use super::attribution::SourceKind;
use super::words::{Kind, Words};

/// The longest source noun phrase, in tokens, before appositions.
const MAX_NP: usize = 14;

pub(crate) fn is_subject_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she" | "it" | "they" | "we" | "i" | "you" | "which" | "who"
    )
}

/// Whether `word` opens a noun phrase as a determiner ("the", "his", "several").
pub(crate) fn is_determiner_word(word: &str) -> bool {
    is_determiner(word)
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "some"
            | "many"
            | "most"
            | "several"
            | "both"
            | "all"
            | "other"
            | "another"
            | "each"
            | "every"
            | "no"
            | "few"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "any"
            | "one"
            | "such"
            | "numerous"
            | "various"
    )
}

/// Prepositions that may stand inside a source ("spokesman for the campaign", "statement on X").
fn is_inner_preposition(word: &str) -> bool {
    matches!(word, "of" | "for" | "at" | "on" | "from" | "in")
}

/// Words that cannot be part of a source noun phrase: verbs, conjunctions, prepositions, adverbs.
fn is_stop(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "which"
            | "who"
            | "whom"
            | "when"
            | "while"
            | "because"
            | "as"
            | "if"
            | "since"
            | "after"
            | "before"
            | "although"
            | "though"
            | "but"
            | "or"
            | "so"
            | "than"
            | "where"
            | "whether"
            | "to"
            | "by"
            | "with"
            | "about"
            | "into"
            | "over"
            | "under"
            | "against"
            | "during"
            | "without"
            | "through"
            | "across"
            | "toward"
            | "towards"
            | "like"
            | "upon"
            | "via"
            | "amid"
            | "among"
            | "despite"
            | "per"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "not"
            | "also"
            | "there"
            | "here"
            | "now"
            | "then"
            | "however"
            | "meanwhile"
            | "moreover"
            | "yet"
            | "still"
            | "only"
            | "just"
            | "even"
            | "too"
            | "very"
            | "said"
            | "says"
            | "say"
            | "told"
            | "how"
            | "what"
            | "why"
            | "once"
            | "until"
            | "unless"
            | "whereas"
            | "instead"
            | "later"
            | "earlier"
            | "already"
            | "never"
            | "again"
            | "up"
            | "out"
            | "off"
            | "down"
            | "me"
            | "him"
            | "us"
            | "them"
            | "her's"
            | "yes"
            | "no."
            | "thus"
            | "hence"
            | "nor"
            | "either"
            | "neither"
            | "it's"
            | "let"
            | "get"
            | "got"
            | "made"
            | "make"
            | "take"
            | "took"
            | "went"
            | "go"
            | "come"
            | "came"
            | "see"
            | "saw"
            | "well"
            | "because of"
            | "including"
            | "within"
            | "beyond"
            | "around"
            | "between"
            | "near"
            | "outside"
            | "inside"
            | "onto"
            | "unlike"
            | "except"
            | "into."
            | "ago"
            | "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
    )
}

/// Adjectives ending in -ed or -ing that often stand inside a source.
fn is_participle_adjective(word: &str) -> bool {
    matches!(
        word,
        "unidentified"
            | "unnamed"
            | "elected"
            | "retired"
            | "concerned"
            | "united"
            | "advanced"
            | "informed"
            | "armed"
            | "based"
            | "related"
            | "so-called"
            | "respected"
            | "alleged"
            | "renowned"
            | "skilled"
            | "trained"
            | "experienced"
            | "disgruntled"
            | "leading"
            | "ruling"
            | "governing"
            | "opposing"
            | "outgoing"
            | "incoming"
            | "founding"
            | "polling"
            | "ranking"
            | "reporting"
            | "acting"
            | "sitting"
            | "presiding"
            | "appointed"
            | "indicted"
            | "registered"
            | "undecided"
            | "selected"
            | "affiliated"
            | "aligned"
            | "backed"
            | "led"
            | "owned"
            | "funded"
            | "supported"
            | "affected"
            | "interested"
            | "involved"
            | "armed-forces"
            | "detailed"
            | "leaked"
            | "released"
            | "published"
            | "signed"
            | "surveyed"
            | "polled"
            | "interviewed"
            | "questioned"
    )
}

/// "Ohio state delegate", "Democratic state lawmakers", "some state officials": "state"
/// between a name, an adjective or a quantity and a lowercase noun modifies the noun; it is
/// not the verb. A plural before it ("Officials state …") may be its subject, so a name
/// ending in "s" counts only when it is a state's.
fn state_modifier(w: &Words, i: usize) -> bool {
    if w.low(i) != "state" || w.is_cap(i) || i == 0 {
        return false;
    }
    let p = i - 1;
    let prev = w.low(p);
    let before = (w.is_cap(p)
        && (!prev.ends_with('s')
            || matches!(
                prev,
                "texas" | "kansas" | "arkansas" | "illinois" | "massachusetts"
            )))
        || w.kind(p) == Some(Kind::Possessive)
        || matches!(
            prev,
            "some" | "many" | "other" | "several" | "local" | "former" | "top"
        );
    let n = i + 1;
    let next = w.low(n);
    before
        && w.is_word(n)
        && !w.is_cap(n)
        && !is_stop(next)
        && !is_determiner(next)
        && !is_subject_pronoun(next)
        && !is_inner_preposition(next)
        && !matches!(next, "that" | "to" | "and" | "or" | "not")
        && super::cues::lookup(next).is_none()
        && !is_ly_adverb(next)
}

/// Whether word `i` may stand inside a source noun phrase.
fn np_word(w: &Words, i: usize) -> bool {
    match w.kind(i) {
        Some(Kind::Word) => {}
        Some(Kind::Possessive) => return true,
        _ => return false,
    }
    let low = w.low(i);
    // A verb that is a cue only with its phrase ("fire back") is a noun without it ("fire
    // service").
    let cue_word = super::cues::lookup(low).is_some_and(|e| !super::cues::needs_phrase(e.lemma));
    if state_modifier(w, i) {
        return true;
    }
    // "USA Today" is a name; "an earlier report" an adjective after its article.
    let prev = if i > 0 { w.low(i - 1) } else { "" };
    if (low == "today" && w.is_cap(i) && prev == "usa")
        || (matches!(low, "earlier" | "later") && matches!(prev, "a" | "an" | "the"))
    {
        return true;
    }
    if is_stop(low) || cue_word && !w.is_cap(i) {
        // A cue word lowercase ("report") may still be a noun, but mostly it is a verb here;
        // after an article or an adjective-like word ("a short note") it is a noun.
        let after_determiner = i > 0
            && matches!(
                w.low(i - 1),
                "a" | "an" | "the" | "short" | "brief" | "new" | "long"
            );
        return (after_determiner
            || matches!(
                low,
                "report" | "reports" | "statement" | "claims" | "support"
            ))
            && !is_stop(low);
    }
    if w.is_cap(i) {
        return true;
    }
    if (low.ends_with("ed") || low.ends_with("ing")) && low.len() > 4 {
        return is_participle_adjective(low) || w.raw(i).contains('-');
    }
    !is_ly_adverb(low)
}

/// Whether a lowercase word is an "-ly" adverb ("gingerly", "defiantly"), not a noun that
/// ends the same way ("family", "assembly").
pub(crate) fn is_ly_adverb(low: &str) -> bool {
    low.ends_with("ly")
        && low.len() > 4
        && !matches!(
            low,
            "family"
                | "italy"
                | "daily"
                | "ally"
                | "assembly"
                | "july"
                | "supply"
                | "rally"
                | "early"
                | "elderly"
                | "weekly"
                | "monthly"
                | "quarterly"
                | "friendly"
                | "costly"
        )
}

/// The start of the noun phrase that ends at token `end` (inclusive), not before `lo`.
pub(crate) fn np_back(w: &Words, lo: usize, end: usize) -> Option<usize> {
    if end < lo || end >= w.len() {
        return None;
    }
    if is_subject_pronoun(w.low(end)) {
        return Some(end);
    }
    // "Rep. Ann Lee (R-Ohio)": a bracketed party and state closes the name.
    if w.raw(end) == ")" {
        let open = open_bracket(w, lo, end)?;
        return np_back(w, lo, open.checked_sub(1)?);
    }
    if !np_word(w, end)
        || w.kind(end) == Some(Kind::Possessive)
        || is_inner_preposition(w.low(end))
        || matches!(w.low(end), "and" | "or" | "&")
    {
        return None;
    }
    let mut start = end;
    let mut i = end;
    let mut list = false;
    while i > lo {
        let p = i - 1;
        let low = w.low(p);
        if end + 1 - p > MAX_NP {
            break;
        }
        // "After several days Iran said": a span of time ends the adjunct before a name.
        if !w.is_cap(p) && matches!(low, "days" | "weeks" | "months" | "years" | "hours") {
            break;
        }
        // "1,409 teachers", "a CNN/ORC poll": punctuation glued between two words.
        if p > lo && glued(w, p) {
            start = p - 1;
            i = p - 1;
            continue;
        }
        if low == ")" {
            match open_bracket(w, lo, p) {
                Some(open) if open > lo && np_word(w, open - 1) => {
                    i = open;
                    continue;
                }
                _ => break,
            }
        }
        if is_determiner(low) && w.is_word(p) {
            start = p;
            // A determiner opens the phrase unless "of", "and", a preposition, a possessive
            // or another determiner precede it.
            if p > lo
                && (matches!(w.low(p - 1), "of" | "and" | "'s" | "&")
                    || (is_determiner(w.low(p - 1)) && w.is_word(p - 1))
                    || (list && w.is_punct(p - 1, ",") && p - 1 > lo && np_word(w, p - 2))
                    || (is_inner_preposition(w.low(p - 1)) && p - 1 > lo && np_word(w, p - 2)))
            {
                i = p;
                continue;
            }
            break;
        }
        if matches!(low, "and" | "&") || (low == "or" && list) {
            if p > lo && np_word(w, p - 1) {
                list = true;
                i = p;
                continue;
            }
            break;
        }
        if w.is_punct(p, ",") && list && p > lo && np_word(w, p - 1) {
            // "the presidential office, defense ministry and intelligence agency"
            i = p;
            continue;
        }
        if is_inner_preposition(low) && !w.is_cap(p) {
            i = p;
            continue;
        }
        if np_word(w, p) && !is_subject_pronoun(low) {
            start = p;
            i = p;
            continue;
        }
        break;
    }
    // "about 4 in 10", "more than half", "at least four senators": a quantity's hedge.
    let number = |x: &str| {
        x.starts_with(|c: char| c.is_ascii_digit())
            || is_determiner(x) && !matches!(x, "the" | "a" | "an" | "this" | "these" | "those")
            || matches!(x, "half" | "two-thirds" | "three-quarters")
    };
    if start > lo && number(w.low(start)) {
        if matches!(
            w.low(start - 1),
            "about" | "nearly" | "almost" | "roughly" | "only" | "just" | "around" | "over"
        ) {
            start -= 1;
        } else if start > lo + 1
            && matches!(
                (w.low(start - 2), w.low(start - 1)),
                ("more" | "fewer" | "less", "than") | ("at", "least" | "most")
            )
        {
            start -= 2;
        }
    }
    // "she and other leaders": a pronoun coordinated before the phrase.
    if start > lo + 1
        && w.low(start - 1) == "and"
        && matches!(w.low(start - 2), "he" | "she" | "i" | "we" | "they")
    {
        start -= 2;
    }
    // Never open on a preposition, a comma or a conjunction.
    while start <= end
        && (is_inner_preposition(w.low(start))
            || matches!(w.low(start), "and" | "or" | "," | "&")
            || w.kind(start) == Some(Kind::Possessive))
    {
        start += 1;
    }
    (start <= end).then_some(start)
}

/// Whether the punctuation token `p` joins the words on either side with no space ("1,409",
/// "CNN/ORC").
fn glued(w: &Words, p: usize) -> bool {
    let raw = w.raw(p);
    if !matches!(raw, "," | "/") || p == 0 || p + 1 >= w.len() {
        return false;
    }
    let (a, b) = (&w.toks[p - 1], &w.toks[p + 1]);
    let touching = a.end == w.toks[p].start && w.toks[p].end == b.start;
    let both_words = w.is_word(p - 1) && w.is_word(p + 1);
    let digits = w.raw(p - 1).ends_with(|c: char| c.is_ascii_digit())
        && w.raw(p + 1).starts_with(|c: char| c.is_ascii_digit());
    touching && both_words && (raw == "/" || digits)
}

/// The "(" matching the ")" at `close`, a few words back and not before `lo`.
fn open_bracket(w: &Words, lo: usize, close: usize) -> Option<usize> {
    (close.saturating_sub(8).max(lo)..close)
        .rev()
        .take_while(|&j| w.raw(j) != ")")
        .find(|&j| w.raw(j) == "(")
}

/// The end (inclusive) of the noun phrase that starts at token `start`, not past `hi` (exclusive).
pub(crate) fn np_forward(w: &Words, start: usize, hi: usize) -> Option<usize> {
    if start >= hi {
        return None;
    }
    if is_subject_pronoun(w.low(start)) {
        return Some(start);
    }
    let mut end = None;
    let mut i = start;
    while i < hi && i - start < MAX_NP {
        let low = w.low(i);
        if is_determiner(low) && w.is_word(i) {
            // "told reporters the plan …": a determiner after a noun opens the next phrase.
            if end == Some(i.wrapping_sub(1)) && !is_determiner(w.low(i - 1)) {
                break;
            }
            i += 1;
            continue;
        }
        if w.kind(i) == Some(Kind::Possessive) && end.is_some() {
            i += 1;
            continue;
        }
        // "said Sen. Ann Lee (D-Ohio)": a bracketed party or state closes the name, as in
        // `np_back`; a bracket with lowercase words is an aside, and an agency's initials
        // ("told the Herald (AP)") are no party.
        if w.raw(i) == "(" && end == Some(i.wrapping_sub(1)) {
            let close = (i + 1..hi.min(i + 8)).find(|&j| w.raw(j) == ")");
            let initials = |x: &str| x.len() > 1 && x.chars().all(|c| c.is_ascii_uppercase());
            if let Some(close) = close.filter(|&c| c > i + 1 && !initials(w.raw(i + 1))) {
                if (i + 1..close).all(|j| !w.is_word(j) || w.is_cap(j)) {
                    end = Some(close);
                }
            }
            break;
        }
        // "a Times/CBS News poll": a glued slash joins two names, as in `np_back`.
        if end == Some(i.wrapping_sub(1)) && i + 1 < hi && glued(w, i) {
            i += 1;
            continue;
        }
        if matches!(low, "of" | "and" | "&" | "for")
            && end.is_some()
            && i + 1 < hi
            && np_word(w, i + 1)
        {
            i += 1;
            continue;
        }
        if low == "familiar" && w.low(i + 1) == "with" {
            end = Some(i);
            i += 2;
            continue;
        }
        // "told the weekly series it is clear …": a subject pronoun opens the next clause.
        if np_word(w, i)
            && !is_inner_preposition(low)
            && !(end.is_some() && is_subject_pronoun(low))
        {
            end = Some(i);
            i += 1;
            continue;
        }
        break;
    }
    end
}

const COUNTRIES: &[&str] = &[
    "russia",
    "china",
    "japan",
    "korea",
    "ukraine",
    "iran",
    "iraq",
    "syria",
    "israel",
    "france",
    "germany",
    "britain",
    "india",
    "pakistan",
    "afghanistan",
    "turkey",
    "mexico",
    "canada",
    "cuba",
    "venezuela",
    "egypt",
    "vietnam",
    "taiwan",
    "states",
    "u.s.",
    "us",
    "america",
    "moscow",
    "beijing",
    "pyongyang",
    "seoul",
    "tokyo",
    "washington",
    "kremlin",
    "kyiv",
    "kiev",
    "tehran",
    "london",
    "paris",
    "berlin",
    "brussels",
    "pentagon",
    "whitehall",
    "countries",
    "country",
    "government",
    "governments",
    "ministry",
    "administration",
    "office",
    "agency",
    "department",
    "directorate",
    "bureau",
    "inspectorate",
    "secretariat",
    "congress",
    "senate",
    "parliament",
    "state",
    "police",
    "military",
    "army",
    "navy",
    "court",
    "cabinet",
    "council",
    "commission",
    "embassy",
    "regime",
    "command",
    "forces",
    "authorities",
    "city",
    "county",
    "house",
    "fbi",
    "cia",
    "nsa",
    "dhs",
    "saudi",
    "australia",
    "brazil",
    "nigeria",
    "libya",
    "yemen",
    "lebanon",
    "jordan",
    "poland",
    "italy",
    "spain",
    "greece",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "estonia",
    "latvia",
    "lithuania",
    "belarus",
    "georgia",
    "armenia",
    "azerbaijan",
    "kazakhstan",
];

const MEDIA: &[&str] = &[
    "newspaper",
    "newspapers",
    "tass",
    "kcna",
    "yonhap",
    "kyodo",
    "reuters",
    "ap",
    "afp",
    "xinhua",
    "bbc",
    "cnn",
    "times",
    "post",
    "journal",
    "television",
    "broadcaster",
    "outlet",
    "outlets",
    "media",
    "magazine",
    "ilbo",
    "daily",
    "herald",
    "tribune",
    "press",
    "fox",
    "nbc",
    "abc",
    "cbs",
    "msnbc",
    "bloomberg",
    "politico",
    "breitbart",
    "guardian",
    "npr",
    "network",
    "tv",
    "radio",
    "wire",
    "news",
    "huffington",
    "huffpost",
    "buzzfeed",
    "vox",
    "slate",
    "salon",
    "mediaite",
    "pbs",
    "cnbc",
    "univision",
    "telemundo",
    "c-span",
    "axios",
    "telegraph",
    "gazette",
    "chronicle",
    "courier",
    "bulletin",
    "economist",
    "newsweek",
    "reporters",
    "reporting",
    "report",
    "reports",
    "interfax",
    "ria",
    "sputnik",
    "yomiuri",
    "asahi",
    "nikkei",
    "hankyoreh",
    "jazeera",
    "al-jazeera",
    "article",
    "editorial",
    "editorials",
    "op-ed",
    "blog",
    "podcast",
    "broadcast",
    "wikinews",
    "website",
    "tabloid",
];

const EXPERTS: &[&str] = &[
    "analysts",
    "analyst",
    "experts",
    "expert",
    "researchers",
    "researcher",
    "scholars",
    "economists",
    "observers",
    "scientists",
    "academics",
    "specialists",
    "pundits",
    "strategists",
    "commentators",
    "critics",
    "historians",
    "pollsters",
    "studies",
    "study",
];

const OFFICIALS: &[&str] = &[
    "officials",
    "diplomats",
    "spokespeople",
    "spokesmen",
    "lawmakers",
    "legislators",
    "authorities",
    "leaders",
    "ministers",
    "aides",
    "advisers",
    "advisors",
    "representatives",
    "senators",
    "generals",
    "commanders",
    "officers",
    "envoys",
];

const ANONYMOUS: &[&str] = &[
    "source",
    "sources",
    "unidentified",
    "anonymous",
    "unnamed",
    "familiar",
    "insider",
    "insiders",
    "someone",
    "anonymity",
];

const ORGANIZATIONS: &[&str] = &[
    "company",
    "companies",
    "party",
    "campaign",
    "committee",
    "union",
    "group",
    "association",
    "foundation",
    "institute",
    "inc",
    "corp",
    "corporation",
    "organization",
    "organisation",
    "firm",
    "bank",
    "university",
    "coalition",
    "movement",
    "club",
    "center",
    "centre",
    "fund",
    "league",
    "federation",
    "society",
    "network",
    "pac",
    "gop",
    "rnc",
    "dnc",
    "democrats",
    "republicans",
    "team",
    "staff",
    "cooperative",
    "cooperatives",
    "co-op",
    "ltd",
    "llc",
    "plc",
    "holdings",
    "airline",
    "airlines",
    "airways",
    "industries",
    "enterprises",
    "charity",
    "ngo",
    "nonprofit",
    "non-profit",
    "hospital",
    "clinic",
    "school",
    "college",
    "church",
    "institution",
    "international",
    "watch",
    "rights",
    "groups",
    "organizations",
    "organisations",
    "firms",
    "banks",
    "unions",
    "manufacturer",
    "retailer",
    "operator",
    "maker",
];

/// International bodies: organizations by the convention, though they act much as states do.
const INTERNATIONAL: &[&str] = &[
    "nato", "u.n.", "un", "nations", "interpol", "eu", "e.u.", "imf", "opec", "wto", "unicef",
    "unesco", "unhcr", "who", "bloc", "europol", "asean",
];

/// Whether `low` is a title or role of one person ("nominee", "senator", "spokesman").
pub(crate) fn is_person_title(low: &str) -> bool {
    PERSON_TITLES.contains(&low)
}

const PERSON_TITLES: &[&str] = &[
    "reporter",
    "journalist",
    "photographer",
    "chairperson",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "adviser",
    "advisor",
    "president",
    "minister",
    "secretary",
    "senator",
    "leader",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "governor",
    "mayor",
    "ambassador",
    "general",
    "official",
    "representative",
    "rep.",
    "sen.",
    "gov.",
    "gen.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "candidate",
    "nominee",
    "aide",
    "professor",
    "analyst",
    "expert",
    "lawmaker",
    "commander",
    "premier",
    "king",
    "queen",
    "prince",
    "chancellor",
    "envoy",
    "diplomat",
    "manager",
    "strategist",
    "economist",
    "researcher",
    "founder",
    "ceo",
    "attorney",
    "lawyer",
    "judge",
    "justice",
    "speaker",
    "congressman",
    "congresswoman",
    "mr",
    "mrs",
    "ms",
    "dr",
    "host",
    "anchor",
    "author",
    "columnist",
    "editor",
    "correspondent",
    "writer",
    "producer",
    "pollster",
    "surrogate",
    "supporter",
    "critic",
    "voter",
    "woman",
    "man",
    "father",
    "mother",
    "daughter",
    "son",
    "wife",
    "husband",
    "friend",
    "member",
    "sheriff",
    "officer",
    "agent",
    "negotiator",
    "colonel",
    "front-runner",
    "frontrunner",
    "hopeful",
    "challenger",
    "contender",
    "delegate",
    "superdelegate",
    "operative",
    "donor",
    "mega-donor",
    "activist",
];

/// Outlets whose names are also common words: an outlet only when capitalized ("Slate
/// reported", not "a delegate on the Cruz slate").
const OUTLETS_NAMED_BY_COMMON_WORDS: &[&str] = &[
    "slate",
    "salon",
    "times",
    "herald",
    "tribune",
    "guardian",
    "telegraph",
    "gazette",
    "chronicle",
    "courier",
    "bulletin",
    "fox",
];

/// Whether token `i` names an international body ("NATO", "the U.N.", "Interpol", "the
/// bloc"); "WHO" and "UN" only in capitals, since lowercase they are other words.
fn is_international(w: &Words, i: usize) -> bool {
    let low = w.low(i);
    INTERNATIONAL.contains(&low)
        && (!matches!(low, "who" | "un") || w.raw(i).chars().all(|c| c.is_ascii_uppercase()))
}

/// Nouns for what a body issues rather than the body itself ("a report", "the statement").
fn is_document(low: &str) -> bool {
    matches!(
        low,
        "report"
            | "reports"
            | "statement"
            | "statements"
            | "document"
            | "documents"
            | "letter"
            | "records"
            | "summary"
            | "ruling"
            | "decision"
            | "filing"
            | "memo"
            | "release"
            | "website"
    )
}

/// Whether a lowercase word is in one of the lexicons that say what kind a source is.
fn in_kind_lexicon(low: &str) -> bool {
    [
        COUNTRIES,
        MEDIA,
        EXPERTS,
        OFFICIALS,
        ANONYMOUS,
        ORGANIZATIONS,
        INTERNATIONAL,
    ]
    .iter()
    .any(|list| list.contains(&low))
}

/// Whether tokens `[a, e]` are a personal name: capitalized words, initials and hyphens,
/// none an acronym or a word of the kind lexicons ("Doug Miller", "Ana María Ruiz-Soto").
fn is_personal_name(w: &Words, a: usize, e: usize) -> bool {
    (a..=e).all(|i| {
        let raw = w.raw(i);
        let acronym = raw.len() > 1 && raw.chars().all(|c| c.is_ascii_uppercase());
        (w.is_cap(i) && !acronym && !in_kind_lexicon(w.low(i)) && !is_determiner(w.low(i)))
            || (raw.len() == 2 && raw.ends_with('.'))
            || raw == "-"
            // "Arnel dela Vega", "Ursula von der Leyen": particles inside a name.
            || (i > a
                && i < e
                && matches!(
                    raw,
                    "de" | "dela" | "del" | "da" | "di" | "du" | "van" | "von" | "der" | "den"
                        | "bin" | "al" | "la" | "le"
                ))
    })
}

/// The head of the noun phrase `[a, e]`: the word before its first inner preposition
/// ("representatives from Iran", "the prosecutor general of Tehran"), past quantities
/// ("a number of other members of Congress"), else its last word.
fn head_of(w: &Words, a: usize, e: usize) -> usize {
    let quantity = |x: &str| {
        is_determiner(x)
            || matches!(
                x,
                "number" | "majority" | "handful" | "group" | "minority" | "pair" | "couple"
            )
    };
    let mut i = a + 1;
    while i <= e {
        if matches!(w.low(i), "of" | "from" | "for" | "at" | "in" | "on") && !w.is_cap(i) {
            let before = i - 1;
            if !quantity(w.low(before)) && w.is_word(before) {
                return before;
            }
        }
        i += 1;
    }
    e
}

/// What kind of source tokens `[a, b]` name, by the convention of the exchange format: one
/// named or described individual is a person whatever the role; unnamed officials or experts
/// in the plural are groups; states and their bodies are governments; companies, parties,
/// unions and international bodies are organizations; outlets and their reports are media.
/// The head phrase (before an apposition's comma) decides; an apposition speaks only for a
/// bare name ("Acme, a cooperative in Elm" is an organization, "Doug Miller, a spokesman for
/// the Red Cross" and "Doug Miller of Acme" persons).
pub(crate) fn kind_of(w: &Words, a: usize, b: usize) -> SourceKind {
    let b = b.min(w.len().saturating_sub(1));
    if a > b {
        return SourceKind::Person;
    }
    let words: Vec<&str> = (a..=b).map(|i| w.low(i)).collect();
    let has = |list: &[&str]| words.iter().any(|x| list.contains(x));
    let media = |i: usize| {
        let low = w.low(i);
        MEDIA.contains(&low) && (w.is_cap(i) || !OUTLETS_NAMED_BY_COMMON_WORDS.contains(&low))
    };
    let has_media = (a..=b).any(media);
    // The head phrase: the words before an apposition's comma or a relative clause.
    let comma = (a..=b).find(|&i| w.is_punct(i, ","));
    let relative = (a + 1..=b).find(|&i| matches!(w.low(i), "who" | "whose" | "which"));
    let head_end = match (comma, relative) {
        (Some(c), Some(r)) => c.min(r),
        (c, r) => c.or(r).unwrap_or(b + 1),
    }
    .saturating_sub(1)
    .clamp(a, b);
    let head_i = head_of(w, a, head_end);
    let head = w.low(head_i);
    if has(ANONYMOUS) {
        return SourceKind::Anonymous;
    }
    if matches!(head, "people" | "person") && words.contains(&"familiar") {
        return SourceKind::Anonymous;
    }
    // "the activist group Mosul Eye" is a body.
    let singular_title = (a..=head_end).any(|i| {
        PERSON_TITLES.contains(&w.low(i))
            && !(i < head_end && ORGANIZATIONS.contains(&w.low(i + 1)))
    });
    let head_is_name = w.is_cap(head_i) && !in_kind_lexicon(head);
    if singular_title && (head_is_name || PERSON_TITLES.contains(&head)) {
        return SourceKind::Person;
    }
    // "Doug Miller of Milltech Marine, a firm …": a name heads the phrase; an apposition
    // describes it only when it follows the name itself.
    if is_personal_name(w, a, head_i) {
        let after = comma
            .map(|c| c + 1)
            .filter(|&c| c <= b && w.is_word(c) && head_i == head_end);
        return match after {
            Some(c) if !is_subject_pronoun(w.low(c)) => {
                let end = (c..=b).find(|&i| w.is_punct(i, ",")).map_or(b, |i| i - 1);
                // Only an apposition headed by a body's noun ("a cooperative", "the news
                // agency") says the name is not a person's; "a biologist at a college in
                // London" and "of the city council" describe one.
                let app_head = w.low(head_of(w, c, end.max(c)));
                let body = [MEDIA, ORGANIZATIONS, COUNTRIES, INTERNATIONAL]
                    .iter()
                    .any(|list| list.contains(&app_head));
                match kind_of(w, c, end.max(c)) {
                    k @ (SourceKind::Organization | SourceKind::Media | SourceKind::Government)
                        if body && !is_inner_preposition(w.low(c)) =>
                    {
                        k
                    }
                    _ => SourceKind::Person,
                }
            }
            _ => SourceKind::Person,
        };
    }
    // "Police Superintendent Ana Lind", "Red Cross chair Jo Hale", "NBC's Jo Hale": a head
    // phrase that ends in a name of two words or more names a person, unless an outlet's or a
    // company's noun or a preposition stands before the name ("the daily Magyar Hirlap",
    // "the Ministry of Foreign Affairs").
    let name_start = (a..=head_end)
        .rev()
        .take_while(|&i| is_personal_name(w, i, i))
        .last();
    if let Some(start) = name_start.filter(|&s| head_end > s) {
        let before = (start > a).then(|| w.low(start - 1));
        let names_a_body = before.is_some_and(|x| {
            MEDIA.contains(&x)
                || ORGANIZATIONS.contains(&x)
                || INTERNATIONAL.contains(&x)
                || is_inner_preposition(x)
                || matches!(x, "and" | "&")
        });
        if !names_a_body {
            return SourceKind::Person;
        }
    }
    // "a UN report", "government reports", "a statement on the Kremlin's website": a
    // document speaks for whoever the rest of its phrase names.
    if is_document(head) {
        // "website" in "a statement on the Kremlin's website" is a document too.
        let others =
            |list: &[&str]| (a..=b).any(|i| !is_document(w.low(i)) && list.contains(&w.low(i)));
        if (a..=b).any(|i| !is_document(w.low(i)) && media(i)) {
            return SourceKind::Media;
        }
        if (a..=b).any(|i| is_international(w, i)) {
            return SourceKind::Organization;
        }
        if others(COUNTRIES) {
            return SourceKind::Government;
        }
        if others(ORGANIZATIONS) {
            return SourceKind::Organization;
        }
    }
    if has_media
        && (words.contains(&"news")
            || words.contains(&"newspaper")
            || media(head_i)
            || words.contains(&"agency") && (words.contains(&"news") || words.contains(&"press")))
    {
        return SourceKind::Media;
    }
    if EXPERTS.contains(&head) || has(EXPERTS) && !has(OFFICIALS) {
        return SourceKind::ExpertGroup;
    }
    // "members of parliament", "members of the city council": a legislature's members.
    if OFFICIALS.contains(&head) || head == "members" && has(COUNTRIES) {
        return SourceKind::OfficialGroup;
    }
    if (a..=head_end).any(|i| is_international(w, i)) {
        return SourceKind::Organization;
    }
    if has(ORGANIZATIONS) && !has(COUNTRIES) || ORGANIZATIONS.contains(&head) {
        return SourceKind::Organization;
    }
    if has(COUNTRIES)
        || words
            .iter()
            .any(|x| x.ends_with("ese") || x.ends_with("ian") && x.len() > 5)
            && !w.is_cap(head_end)
    {
        return SourceKind::Government;
    }
    if has_media {
        return SourceKind::Media;
    }
    SourceKind::Person
}

/// Whether a source phrase names a group (for "they" resolution).
pub(crate) fn is_plural(w: &Words, a: usize, b: usize) -> bool {
    let head_end = (a..=b)
        .find(|&i| w.is_punct(i, ","))
        .map_or(b, |c| c.saturating_sub(1));
    let head = w.low(head_end);
    (head.ends_with('s') && !head.ends_with("ss") && !w.is_cap(head_end))
        || (a..=b).any(|i| w.low(i) == "and")
        || matches!(head, "people" | "police")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(text: &str, cue: &str) -> String {
        let w = Words::new(text);
        let c = (0..w.len()).find(|&i| w.low(i) == cue).unwrap_or(0);
        match np_back(&w, 0, c - 1) {
            Some(s) => w.span(s, c - 1).text(text).to_string(),
            None => String::new(),
        }
    }

    #[test]
    fn finds_subject_noun_phrases() {
        assert_eq!(back("In Ohio the campaign said", "said"), "the campaign");
        assert_eq!(
            back("A short note on the party’s website said", "said"),
            "A short note on the party’s website"
        );
        assert_eq!(
            back(
                "The mayor’s office, police department and fire service denied",
                "denied"
            ),
            "The mayor’s office, police department and fire service"
        );
        assert_eq!(back("Because he said", "said"), "he");
        assert_eq!(
            back("Some 1,409 teachers said", "said"),
            "Some 1,409 teachers"
        );
        assert_eq!(back("A CNN/ORC poll found", "found"), "A CNN/ORC poll");
    }

    #[test]
    fn forward_phrase_keeps_a_glued_slash() {
        let text = "according to a Herald/NBC News survey, most voters";
        let w = Words::new(text);
        let end = np_forward(&w, 2, w.len());
        assert_eq!(
            end.map(|e| w.span(2, e).text(text).to_string()),
            Some("a Herald/NBC News survey".to_string())
        );
    }
}
