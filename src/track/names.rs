//! Source names beyond [`source_key`]: titles and appositions split off into a role,
//! demonyms mapped to their country ("American officials" = "U.S. officials"), surnames and
//! acronyms resolved to the full name they stand for, and generic sources ("analysts",
//! "a source") scoped to one text so that two stories' analysts never meet.
//! Pure string work: knows nothing of RDF, the store or files.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::extract::SourceKind;
use crate::graph::source_key;

/// A source name taken apart: the name proper, and the role or affiliation around it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedName {
    /// The name proper, as written ("Dmitry Peskov", "U.S. officials").
    pub name: String,
    /// Title or apposition ("Kremlin spokesman", "a State Department spokesperson" → "State
    /// Department spokesperson").
    pub role: Option<String>,
    /// "of the Atlantic Shipping Institute" → "Atlantic Shipping Institute".
    pub affiliation: Option<String>,
}

/// Words that make the words before a name a title ("Transport Minister Lucía Ferrer").
const ROLE_WORDS: &[&str] = &[
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "secretary",
    "chief",
    "director",
    "ambassador",
    "adviser",
    "advisor",
    "governor",
    "mayor",
    "senator",
    "general",
    "chancellor",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "executive",
    "analyst",
    "official",
    "envoy",
    "leader",
    "commander",
    "king",
    "queen",
    "pope",
    "prince",
    "judge",
    "lawyer",
    "attorney",
    "professor",
    "dr",
    "sen",
    "rep",
    "gen",
    "col",
    "lt",
    "capt",
    "representative",
    "premier",
    "head",
    "deputy",
    "economist",
    "researcher",
    "coach",
    "manager",
    "founder",
    "mr",
    "mrs",
    "ms",
    "sheriff",
    "inspector",
    "superintendent",
    "prosecutor",
    "officer",
    "commissioner",
    "spokesmen",
    "editor",
    "correspondent",
    "nominee",
    "candidate",
    "hopeful",
    "congressman",
    "congresswoman",
    "lawmaker",
    "aide",
    "strategist",
    "pollster",
    "speaker",
    "front-runner",
    "frontrunner",
    "challenger",
    "delegate",
    "superdelegate",
    "rival",
    "front-runner",
    "frontrunner",
    "opponent",
    "challenger",
];

/// Words that open a sentence capitalized before a name ("Although Trump …", "After
/// Clinton …"), which a text may never write in lower case.
const OPENERS: &[&str] = &[
    "although",
    "though",
    "if",
    "when",
    "while",
    "after",
    "before",
    "because",
    "since",
    "but",
    "and",
    "or",
    "as",
    "against",
    "despite",
    "with",
    "without",
    "for",
    "from",
    "in",
    "on",
    "at",
    "by",
    "to",
    "of",
    "about",
    "under",
    "over",
    "during",
    "like",
    "unlike",
    "then",
    "now",
    "still",
    "even",
    "also",
    "only",
    "just",
    "so",
    "yet",
    "why",
    "how",
    "what",
    "where",
    "who",
    "meanwhile",
    "however",
    "according",
    "until",
    "unless",
    "once",
    "whether",
    "neither",
    "either",
    "nor",
    "not",
    "among",
    "between",
    "through",
    "amid",
    "behind",
    "beyond",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "every",
    "each",
    "no",
    "some",
    "many",
    "most",
    "all",
    "both",
    "dear",
    "thanks",
];

/// Parties that news puts before a politician's name as a label ("Democrat Hillary
/// Clinton", "Republican Donald Trump"): a role there, part of the name in "Republican
/// National Committee".
const PARTY_WORDS: &[&str] = &[
    "democrat",
    "republican",
    "gop",
    "independent",
    "libertarian",
];

/// Words that make a name after a party word an institution's, not a person's.
const INSTITUTION_WORDS: &[&str] = &[
    "party",
    "committee",
    "national",
    "convention",
    "caucus",
    "conference",
    "campaign",
    "leadership",
    "congress",
    "senate",
    "house",
    "state",
    "club",
    "union",
    "association",
    "council",
];

/// Courtesy titles: dropped, not kept as a role.
const COURTESY: &[&str] = &["mr", "mrs", "ms", "miss"];

/// Words that start a name without naming anyone in particular.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "some", "several", "many", "two",
    "three", "four", "five", "one", "other", "various", "unnamed", "both", "senior", "top", "few",
    "most", "all", "these", "those", "this", "that",
];

/// Capitalized plurals that end a group's name ("House Democrats"), never a surname.
const GROUP_PLURALS: &[&str] = &[
    "republicans",
    "democrats",
    "conservatives",
    "liberals",
    "progressives",
    "independents",
    "libertarians",
    "socialists",
    "americans",
    "europeans",
];

/// Common words that may open a sentence capitalized ("Opposition lawmakers say"): not a
/// proper name at the start of a source.
const COMMON_INITIAL: &[&str] = &[
    "fellow",
    "opposition",
    "shipping",
    "travel",
    "local",
    "police",
    "government",
    "security",
    "health",
    "military",
    "western",
    "federal",
    "state",
    "industry",
    "company",
    "ministry",
    "union",
    "airline",
    "experts",
    "expert",
    "analysts",
    "analyst",
    "officials",
    "official",
    "sources",
    "source",
    "residents",
    "witnesses",
    "people",
    "critics",
    "scientists",
    "researchers",
    "doctors",
    "diplomats",
    "lawmakers",
    "agents",
    "observers",
    "investigators",
    "authorities",
    "reports",
    "report",
    "media",
    "survivors",
    "activists",
    "protesters",
    "organizers",
    "organisers",
    "prosecutors",
    "legislators",
    "economists",
    "environmentalists",
    "fans",
    "participants",
    "voters",
    "students",
    "teachers",
    "workers",
    "employees",
    "members",
    "person",
    "statement",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "rescuers",
    "firefighters",
    "emergency",
    "hospital",
    "court",
    "army",
    "navy",
    "airport",
    "city",
    "regional",
    "senior",
    "unnamed",
    "anonymous",
    "some",
    "many",
    "several",
    "two",
    "three",
    "one",
    "both",
];

/// Country names and demonyms, lowercased, with the key word they map to.
const DEMONYMS: &[(&str, &str)] = &[
    ("american", "us"),
    ("americans", "us"),
    ("u.s.", "us"),
    ("usa", "us"),
    ("british", "uk"),
    ("britain", "uk"),
    ("u.k.", "uk"),
    ("russian", "russia"),
    ("chinese", "china"),
    ("french", "france"),
    ("german", "germany"),
    ("japanese", "japan"),
    ("israeli", "israel"),
    ("iranian", "iran"),
    ("iraqi", "iraq"),
    ("syrian", "syria"),
    ("turkish", "turkey"),
    ("ukrainian", "ukraine"),
    ("indian", "india"),
    ("pakistani", "pakistan"),
    ("afghan", "afghanistan"),
    ("canadian", "canada"),
    ("mexican", "mexico"),
    ("brazilian", "brazil"),
    ("italian", "italy"),
    ("spanish", "spain"),
    ("dutch", "netherlands"),
    ("swedish", "sweden"),
    ("norwegian", "norway"),
    ("danish", "denmark"),
    ("finnish", "finland"),
    ("polish", "poland"),
    ("greek", "greece"),
    ("egyptian", "egypt"),
    ("saudi", "saudi arabia"),
    ("australian", "australia"),
    ("korean", "korea"),
    ("north korean", "north korea"),
    ("south korean", "south korea"),
    ("venezuelan", "venezuela"),
    ("palestinian", "palestine"),
    ("european", "europe"),
    ("irish", "ireland"),
    ("scottish", "scotland"),
    ("welsh", "wales"),
    ("swiss", "switzerland"),
    ("belgian", "belgium"),
    ("austrian", "austria"),
    ("nigerian", "nigeria"),
    ("kenyan", "kenya"),
    ("filipino", "philippines"),
    ("thai", "thailand"),
    ("vietnamese", "vietnam"),
    ("indonesian", "indonesia"),
    ("cuban", "cuba"),
    ("argentine", "argentina"),
    ("argentinian", "argentina"),
    ("chilean", "chile"),
    ("colombian", "colombia"),
    ("peruvian", "peru"),
    ("lebanese", "lebanon"),
    ("yemeni", "yemen"),
    ("libyan", "libya"),
    ("sudanese", "sudan"),
    ("ethiopian", "ethiopia"),
    ("zealand", "zealand"),
    ("taiwanese", "taiwan"),
    ("hungarian", "hungary"),
    ("romanian", "romania"),
    ("serbian", "serbia"),
    ("croatian", "croatia"),
    ("portuguese", "portugal"),
    ("czech", "czechia"),
    ("slovak", "slovakia"),
];

/// Multi-word country names folded to one key word before demonyms apply.
const COUNTRY_PHRASES: &[(&str, &str)] = &[
    ("united states of america", "us"),
    ("united states", "us"),
    ("united kingdom", "uk"),
    ("great britain", "uk"),
];

/// Keys that look like acronyms but name countries or blocs: never expanded.
const NOT_ACRONYMS: &[&str] = &["us", "uk", "un", "eu", "usa", "uae"];

/// Small words skipped when making initials ("Ministry of Defence" → "MD", "MOD" also tried).
const INITIAL_SKIP: &[&str] = &[
    "of", "the", "and", "for", "de", "du", "la", "le", "&", "on", "in",
];

/// The country a one-word demonym or country name stands for ("russian" → "russia").
pub(crate) fn demonym(word: &str) -> Option<(&'static str, &'static str)> {
    DEMONYMS
        .iter()
        .copied()
        .find(|(d, _)| *d == word && !d.contains(' '))
}

fn is_capitalized(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_lowercase()
        .replace('.', "")
}

pub(super) fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains(&bare(word).as_str())
}

/// Lowercase words that stand in a title before a name without being a role of their own
/// ("presumptive Republican presidential nominee …", "former Sen. …").
const TITLE_MODIFIERS: &[&str] = &[
    "presumptive",
    "presidential",
    "former",
    "vice",
    "acting",
    "then",
    "democratic",
    "republican",
    "senior",
];

/// Whether `word` can stand in the title before a name: a role, a party label, or a
/// modifier of either ("presumptive Republican presidential nominee").
pub(crate) fn is_title_word(word: &str) -> bool {
    let word = bare(word);
    ROLE_WORDS.contains(&word.as_str())
        || PARTY_WORDS.contains(&word.as_str())
        || TITLE_MODIFIERS.contains(&word.as_str())
}

/// Whether every word is a capitalized name word (small joining words allowed inside).
fn is_proper_name(words: &[&str]) -> bool {
    !words.is_empty()
        && is_capitalized(words[0])
        && words.iter().all(|w| {
            is_capitalized(w)
                || matches!(
                    bare(w).as_str(),
                    "de" | "van" | "von" | "bin" | "al" | "da" | "del" | "la" | "le"
                )
        })
        && !words.iter().any(|w| is_role_word(w))
        && !COMMON_INITIAL.contains(&bare(words[0]).as_str())
        && !DETERMINERS.contains(&bare(words[0]).as_str())
}

fn strip_article(s: &str) -> &str {
    let s = s.trim();
    for article in ["the ", "a ", "an ", "The ", "A ", "An "] {
        if let Some(rest) = s.strip_prefix(article) {
            return rest.trim();
        }
    }
    s
}

/// A name without the leading determiners and quantifiers its key drops ("two U.S.
/// officials" → "U.S. officials").
fn core(name: &str) -> &str {
    let mut rest = strip_article(name);
    while let Some((first, tail)) = rest.split_once(char::is_whitespace) {
        if !DETERMINERS.contains(&bare(first).as_str()) || tail.trim().is_empty() {
            break;
        }
        rest = tail.trim_start();
    }
    rest
}

fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '"' | '“' | '”')
    })
}

/// Splits a source name into the name proper and its role or affiliation.
///
/// ```
/// use hearsay::track::parse_source_name;
/// let p = parse_source_name("Kremlin spokesman Dmitry Peskov");
/// assert_eq!((p.name.as_str(), p.role.as_deref()), ("Dmitry Peskov", Some("Kremlin spokesman")));
/// let p = parse_source_name("Jon Finer, U.S. President Joe Biden's deputy national security adviser");
/// assert_eq!(p.name, "Jon Finer");
/// assert_eq!(p.role.as_deref(), Some("U.S. President Joe Biden's deputy national security adviser"));
/// ```
pub fn parse_source_name(raw: &str) -> ParsedName {
    let raw = clean(raw);
    // Apposition: "Name, role" or "role, Name".
    if let Some((left, right)) = raw.split_once(", ") {
        let (left, right) = (clean(left), clean(right));
        let left_words: Vec<&str> = left.split_whitespace().collect();
        let right_words: Vec<&str> = strip_article(right).split_whitespace().collect();
        if is_proper_name(&left_words) && !right.is_empty() {
            let inner = parse_source_name(left);
            return ParsedName {
                name: inner.name,
                role: Some(strip_article(right).to_owned()),
                affiliation: inner.affiliation,
            };
        }
        if is_proper_name(&right_words) && !left.is_empty() {
            return ParsedName {
                name: right_words.join(" "),
                role: Some(strip_article(left).to_owned()),
                affiliation: None,
            };
        }
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    // "Name of the Institute" / "Name at Company".
    if let Some(i) = words
        .iter()
        .position(|w| matches!(*w, "of" | "at" | "from"))
    {
        if i > 0 && is_proper_name(&words[..i]) && i + 1 < words.len() {
            let affiliation = strip_article(&words[i + 1..].join(" ")).to_owned();
            return ParsedName {
                name: words[..i].join(" "),
                role: None,
                affiliation: Some(affiliation),
            };
        }
    }
    // A party label before a person's name: "Democrat Hillary Clinton".
    if (3..=4).contains(&words.len())
        && PARTY_WORDS.contains(&bare(words[0]).as_str())
        && is_proper_name(&words[1..])
        && !words[1..].iter().any(|w| {
            INSTITUTION_WORDS.contains(&bare(w).as_str())
                || GROUP_PLURALS.contains(&bare(w).as_str())
        })
    {
        return ParsedName {
            name: words[1..].join(" "),
            role: Some(words[0].to_owned()),
            affiliation: None,
        };
    }
    // Title before the name: the last role word followed only by name words.
    if let Some(i) = words.iter().rposition(|w| is_role_word(w)) {
        let rest = &words[i + 1..];
        if !rest.is_empty()
            && rest.iter().all(|w| is_capitalized(w))
            && !rest.iter().any(|w| is_role_word(w))
        {
            let title: Vec<&str> = words[..=i]
                .iter()
                .copied()
                .filter(|w| !COURTESY.contains(&bare(w).as_str()))
                .collect();
            let title = strip_article(&title.join(" ")).to_owned();
            return ParsedName {
                name: rest.join(" "),
                role: (!title.is_empty()).then_some(title),
                affiliation: None,
            };
        }
    }
    ParsedName {
        name: raw.to_owned(),
        role: None,
        affiliation: None,
    }
}

/// The key of a name with countries and demonyms folded ("American officials" →
/// "us officials") and leading determiners and quantifiers dropped ("two U.S. officials" →
/// "us officials"). The head word (the last) keeps its form: "Americans" stays.
pub fn entity_key(name: &str) -> String {
    let mut key = source_key(name);
    for (phrase, to) in COUNTRY_PHRASES {
        if key.contains(phrase) {
            key = key.replace(phrase, to);
        }
    }
    let mut words: Vec<String> = key.split(' ').map(str::to_owned).collect();
    while words.len() > 1 && DETERMINERS.contains(&words[0].as_str()) {
        words.remove(0);
    }
    // A proper name keeps its demonym: the "Korean Central News Agency" is not "Korea …".
    let name_words: Vec<&str> = name.split_whitespace().collect();
    if name_words.len() > 1 && name_words.iter().all(|w| is_capitalized(w)) {
        // A person's middle initial is often left out: "Donald J. Trump" is "Donald Trump".
        // (So "George W. Bush" and "George H. W. Bush" meet too: a known cost.)
        let is_initial = |w: &String| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        if words.len() == name_words.len() && words.len() >= 3 && !is_initial(&words[0]) {
            let last = words.len() - 1;
            let mut i = 0;
            words.retain(|w| {
                let inner = i > 0 && i < last;
                i += 1;
                !(inner && is_initial(w))
            });
        }
        return words.join(" ");
    }
    let last = words.len().saturating_sub(1);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if i < last {
            // Two-word demonyms first ("north korean").
            if i + 1 < last {
                let pair = format!("{} {}", words[i], words[i + 1]);
                if let Some((_, to)) = DEMONYMS.iter().find(|(d, _)| *d == pair) {
                    out.push((*to).to_owned());
                    i += 2;
                    continue;
                }
            }
            if let Some((_, to)) = DEMONYMS.iter().find(|(d, _)| *d == words[i]) {
                out.push((*to).to_owned());
                i += 1;
                continue;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out.join(" ")
}

/// Subject pronouns: a source written as one, whose antecedent the extractor did not find,
/// is someone in that text only ("He said …" in two stories is two people). Not "us",
/// which is also how "US" reads once bare.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Whether `word` (lowercase) is a personal or relative pronoun: a source that names no one
/// of its own ("he", "they", "who", "which").
pub(super) fn is_pronoun(word: &str) -> bool {
    PRONOUNS.contains(&word) || matches!(word, "who" | "which" | "that")
}

/// Whether a source names nobody in particular: anonymous, a bare pronoun, or no proper word
/// in its name ("analysts", "the company", "Opposition lawmakers", "a person familiar with
/// the matter", "He").
pub fn is_generic(name: &str, kind: SourceKind) -> bool {
    if kind == SourceKind::Anonymous || PRONOUNS.contains(&bare(name.trim()).as_str()) {
        return true;
    }
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| DETERMINERS.contains(&bare(w).as_str()))
        .collect();
    // "Speaker", "the Chairman", "Presidential Candidate": a title with no name is whoever
    // its text means, capitalized or not.
    if words.is_empty() || words.iter().all(|w| is_title_word(w)) {
        return true;
    }
    !words.iter().enumerate().any(|(i, w)| {
        let b = bare(w);
        if b.is_empty() {
            return false;
        }
        if DEMONYMS.iter().any(|(d, _)| *d == b) || w.contains('.') && is_capitalized(w) {
            return true;
        }
        // An all-caps word is an acronym ("US", "BPA"), proper anywhere.
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            return true;
        }
        is_capitalized(w) && (i > 0 || !COMMON_INITIAL.contains(&b.as_str()))
    })
}

/// The key under which a generic source is kept: its own key, scoped to one text
/// (`analysts @0123456789abcdef`), so reprints of that text share it and other texts don't.
pub fn scoped_key(key: &str, scope: &str) -> String {
    format!("{key} @{scope}")
}

/// Whether `slug` is the IRI slug of a key [`scoped_key`] made: the key's words, then the
/// scope, 16 hex digits of the text's hash.
pub fn is_scoped_slug(slug: &str) -> bool {
    slug.rsplit_once('-').is_some_and(|(_, scope)| {
        scope.len() == 16
            && scope
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Words that make a share of a poll's respondents ("six in 10 voters", "58 percent of
/// Latino voters", "about half of Democratic primary voters", "Republican primary voters",
/// "those polled"): what a poll found, not someone who holds a claim.
pub fn is_poll_share(name: &str) -> bool {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let qualifiers = [
        "about", "nearly", "almost", "roughly", "just", "only", "over", "under", "some", "more",
        "less", "fewer", "than", "a", "the",
    ];
    let rest: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .skip_while(|w| qualifiers.contains(w))
        .collect();
    let numbers = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let shares = [
        "half",
        "third",
        "thirds",
        "quarter",
        "quarters",
        "majority",
        "plurality",
        "minority",
        "most",
    ];
    let quantity = rest.first().is_some_and(|w| {
        w.starts_with(|c: char| c.is_ascii_digit()) || numbers.contains(w) || shares.contains(w)
    });
    let share = rest.get(1).is_none_or(|w| {
        matches!(*w, "percent" | "%" | "in" | "out" | "of" | "percentage") || shares.contains(w)
    });
    let respondents = words.last().is_some_and(|w| {
        matches!(
            w.as_str(),
            "voters" | "respondents" | "polled" | "surveyed" | "adults"
        )
    });
    (quantity && share) || respondents
}

/// The initials of a multi-word proper name ("Korean Central News Agency" → "kcna"), or
/// `None` when it has fewer than two significant words or is not capitalized.
pub fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .filter(|w| !INITIAL_SKIP.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.len() < 2 || !words.iter().all(|w| is_capitalized(w)) {
        return None;
    }
    Some(
        words
            .iter()
            .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// Whether `name` is written as an acronym ("KCNA", "U.N.").
pub fn looks_like_acronym(name: &str) -> bool {
    let name = strip_article(name);
    let letters: Vec<char> = name.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    (2..=7).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && !NOT_ACRONYMS.contains(&source_key(name).as_str())
}

/// The most a bracket that introduces an acronym holds: seven letters (two bytes each at
/// most in the scripts that have capitals), with dots and spaces between them.
const MAX_ACRONYM_BYTES: usize = 64;

/// How far before an acronym's bracket its full name may start: ten words (seven initials
/// and small words) of a long name's length.
const MAX_FULL_NAME_BYTES: usize = 256;

/// "Korean Central News Agency (KCNA)" in a text: each acronym key with the full name it is
/// introduced with, when the acronym's letters are the name's initials.
///
/// Linear in the text: each bracket looks only at a short window after it (for the closing
/// bracket) and before it (for the name), so a text of a million "(" costs a pass, not a
/// million scans to its end.
pub fn acronyms_in_text(text: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for (open, _) in text.match_indices('(') {
        let after = &text[open + 1..floor_boundary(text, open + 1 + MAX_ACRONYM_BYTES)];
        let Some(close) = after.find(')') else {
            continue;
        };
        let inside = &after[..close];
        if !looks_like_acronym(inside) {
            continue;
        }
        let acronym = source_key(inside);
        // Take as many capitalized words before the bracket as there are letters, or one
        // more for a skipped small word. A word the window cuts into is no candidate.
        let start = floor_boundary(text, open.saturating_sub(MAX_FULL_NAME_BYTES));
        let mut before: Vec<&str> = text[start..open].split_whitespace().collect();
        let cut = start > 0
            && !text[..start].ends_with(char::is_whitespace)
            && !text[start..].starts_with(char::is_whitespace);
        if cut && !before.is_empty() {
            before.remove(0);
        }
        for take in (2..=acronym.chars().count() + 3).rev() {
            if take > before.len() {
                continue;
            }
            let candidate = before[before.len() - take..].join(" ");
            let candidate = strip_article(&candidate);
            if initials(candidate).as_deref() == Some(acronym.as_str()) {
                found.insert(acronym.clone(), candidate.to_owned());
                break;
            }
        }
    }
    found
}

/// `at`, or the nearest character boundary before it, within `text`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Which of two spellings of one source to show: the fullest (most words, then most
/// characters, determiners and quantifiers aside: "Korean Central News Agency" over "KCNA",
/// "American officials" over "two U.S. officials"), then the one with fewer such words ("U.S.
/// officials" over "two U.S. officials"), then the one with more diacritics ("Erdoğan" over
/// "Erdogan", which [`source_key`] folds together), then the alphabetically first. `Less` means `a`. A
/// function of the two spellings alone, so the name shown never depends on the order
/// articles came in.
pub(crate) fn fullest_first(a: &str, b: &str) -> Ordering {
    let words = |s: &str| s.split_whitespace().count();
    let chars = |s: &str| {
        s.split_whitespace()
            .map(|w| w.chars().count())
            .sum::<usize>()
    };
    let diacritics = |s: &str| s.nfd().filter(|c| is_combining_mark(*c)).count();
    let (core_a, core_b) = (core(a), core(b));
    words(core_b)
        .cmp(&words(core_a))
        .then_with(|| chars(core_b).cmp(&chars(core_a)))
        .then_with(|| words(a).cmp(&words(b)))
        .then_with(|| diacritics(b).cmp(&diacritics(a)))
        .then_with(|| a.cmp(b))
}

/// Makes `shown` the fuller of itself and `candidate` (whitespace collapsed), by
/// [`fullest_first`].
fn keep_fullest(shown: &mut String, candidate: &str) {
    let candidate = candidate.split_whitespace().collect::<Vec<_>>().join(" ");
    if !candidate.is_empty() && fullest_first(&candidate, shown) == Ordering::Less {
        *shown = candidate;
    }
}

/// Full names known so far, to resolve surnames ("Peskov") and acronyms ("KCNA") to, and
/// the fullest spelling of every named source, to show it by.
///
/// A surname or acronym resolves only when exactly one known full name fits: two Reyeses,
/// and "Reyes" stays "reyes".
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// Surname key → full-name keys ending in it.
    surnames: BTreeMap<String, BTreeSet<String>>,
    /// Initials → full-name keys.
    acronyms: BTreeMap<String, BTreeSet<String>>,
    /// Key of a source that names someone ("dmitry peskov", "us officials") → its fullest
    /// spelling (see [`fullest_first`]).
    labels: BTreeMap<String, String>,
    /// Surname key → full names a text mentions outside any source ("… between Republican
    /// Donald Trump and Democrat Hillary Clinton"): what a surname source stands for when no
    /// source's name fits it. One text's only: never merged.
    mentioned: BTreeMap<String, BTreeSet<String>>,
}

impl NameIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a source's name (its role split off, e.g. "Dmitry Peskov", "Valdorian News
    /// Agency", "U.S. officials"): as a spelling of its key unless it names nobody in
    /// particular, and as a full name to resolve surnames and acronyms to when it is one.
    pub fn add(&mut self, name: &str) {
        let key = entity_key(name);
        let label = strip_article(name);
        if !key.is_empty() && !label.is_empty() && !is_generic(name, SourceKind::Person) {
            keep_fullest(self.labels.entry(key.clone()).or_default(), label);
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 || !is_proper_name(&words) {
            return;
        }
        if let Some(last) = words.last() {
            let surname = source_key(last);
            // "Senate Republicans" names a group: "Republicans" elsewhere is not its surname.
            if surname.chars().count() >= 2 && !GROUP_PLURALS.contains(&surname.as_str()) {
                self.surnames
                    .entry(surname)
                    .or_default()
                    .insert(key.clone());
            }
        }
        if let Some(initials) = initials(name) {
            if initials.chars().count() >= 2 {
                self.acronyms
                    .entry(initials)
                    .or_default()
                    .insert(key.clone());
            }
        }
    }

    /// Records an acronym introduced in a text ("(KCNA)") with its full name.
    pub fn add_acronym(&mut self, acronym_key: &str, full_name: &str) {
        self.add(full_name);
        let key = entity_key(full_name);
        let set = self.acronyms.entry(acronym_key.to_owned()).or_default();
        // An explicit expansion wins over initials that merely fit.
        set.clear();
        set.insert(key);
    }

    /// Records every full name of `other`.
    pub fn merge(&mut self, other: &NameIndex) {
        for (k, v) in &other.surnames {
            self.surnames
                .entry(k.clone())
                .or_default()
                .extend(v.iter().cloned());
        }
        for (k, v) in &other.acronyms {
            self.acronyms
                .entry(k.clone())
                .or_default()
                .extend(v.iter().cloned());
        }
        for (k, v) in &other.labels {
            keep_fullest(self.labels.entry(k.clone()).or_default(), v);
        }
    }

    /// The full-name key a one-word name or acronym stands for, if exactly one fits. A
    /// pronoun stands for nobody here: "He" is not the surname of "Lin He".
    pub fn resolve(&self, name: &str) -> Option<&str> {
        let name = strip_article(clean(name));
        if name.split_whitespace().count() != 1 || PRONOUNS.contains(&bare(name).as_str()) {
            return None;
        }
        let key = source_key(name);
        if looks_like_acronym(name) {
            return self.acronyms.get(&key).and_then(only_fit);
        }
        if is_capitalized(name) {
            return match self.surnames.get(&key) {
                Some(fits) => only_fit(fits),
                None => self.mentioned.get(&key).and_then(only_fit),
            };
        }
        None
    }

    /// Records the full names of people and bodies that `text` mentions (two or three
    /// capitalized words once a title or party label is split off: "Democrat Hillary
    /// Clinton" gives "Hillary Clinton"), for its surname sources that no source's name fits:
    /// news names a person in full once, often not as a source, then by surname.
    pub fn add_mentions(&mut self, text: &str) {
        // A capitalized word that the text also writes in lower case is a common word
        // opening a sentence or in a headline ("Against Trump, …", "Railing Against
        // Trump"), not part of a name.
        let lower: std::collections::HashSet<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && !w.chars().any(char::is_uppercase))
            .collect();
        let mut run: Vec<&str> = Vec::new();
        let mut flush = |run: &mut Vec<&str>| {
            if run
                .first()
                .is_some_and(|w| OPENERS.contains(&w.to_lowercase().as_str()))
            {
                run.remove(0);
            }
            if run.len() >= 2 {
                let parsed = parse_source_name(&run.join(" "));
                let words: Vec<&str> = parsed.name.split_whitespace().collect();
                if (2..=3).contains(&words.len()) && is_proper_name(&words) {
                    let key = entity_key(&parsed.name);
                    let surname = source_key(words[words.len() - 1]);
                    if surname.chars().count() >= 2 && !GROUP_PLURALS.contains(&surname.as_str()) {
                        self.mentioned
                            .entry(surname)
                            .or_default()
                            .insert(key.clone());
                        keep_fullest(self.labels.entry(key).or_default(), &parsed.name);
                    }
                }
            }
            run.clear();
        };
        for word in text.split_whitespace() {
            let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            // A word ending a clause ends the name after it is added ("said Ana Reyes.").
            let ends = word.ends_with([',', ';', ':', ')', '"', '”', '?', '!'])
                || (word.ends_with('.') && core.chars().filter(|c| c.is_alphabetic()).count() > 1);
            let name_word = !lower.contains(core.trim_end_matches('.').to_lowercase().as_str())
                && is_capitalized(core)
                && word.starts_with(|c: char| c.is_alphanumeric())
                && core.chars().any(char::is_lowercase)
                || (core.len() == 2 && core.ends_with('.') && is_capitalized(core));
            if name_word && !core.is_empty() {
                run.push(
                    core.trim_end_matches('.')
                        .trim_end_matches("'s")
                        .trim_end_matches("’s"),
                );
                if ends {
                    flush(&mut run);
                }
            } else {
                flush(&mut run);
            }
        }
        flush(&mut run);
    }

    /// The fullest spelling recorded for a key, if any.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels.get(key).map(String::as_str)
    }

    /// Every one-word key (a surname or acronym, "peskov", "kcna") that exactly one known
    /// full name fits and that did not resolve so in `before`, with that name's key: the
    /// stored sources a run's names can move, which costs what the run brings, not what is
    /// stored (sources stored when a fit was already known were keyed by it then).
    /// [`NameIndex::resolve`] on the one-word name itself has the last word.
    pub fn resolvable_since<'a>(
        &'a self,
        before: &'a NameIndex,
    ) -> impl Iterator<Item = (&'a str, &'a str)> {
        [
            (&self.surnames, &before.surnames),
            (&self.acronyms, &before.acronyms),
        ]
        .into_iter()
        .flat_map(|(now, then)| {
            now.iter().filter_map(move |(word, fits)| {
                let full = only_fit(fits)?;
                (then.get(word).and_then(only_fit) != Some(full)).then_some((word.as_str(), full))
            })
        })
    }

    /// Every one-word key that resolved to one full name in `before` and no longer resolves
    /// to it ("reyes" once "Maria Reyes" joins "Ana Reyes"), with the name it resolved to.
    /// A second spelling of the same person ("Gov. Chris Christie" beside "Chris Christie")
    /// leaves the word resolved, as it would in one run.
    pub fn ambiguous_since<'a>(
        &'a self,
        before: &'a NameIndex,
    ) -> impl Iterator<Item = (&'a str, &'a str)> {
        [
            (&before.surnames, &self.surnames),
            (&before.acronyms, &self.acronyms),
        ]
        .into_iter()
        .flat_map(|(then, now)| {
            then.iter().filter_map(move |(word, fits)| {
                let former = only_fit(fits)?;
                (now.get(word).and_then(only_fit) != Some(former))
                    .then_some((word.as_str(), former))
            })
        })
    }

    /// Every key whose fullest spelling is not the one `before` had (new keys included),
    /// with the spelling now: what sources stored with `before`'s names should be shown by.
    pub fn labels_changed_since<'a>(
        &'a self,
        before: &'a NameIndex,
    ) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.labels
            .iter()
            .filter(|(key, label)| before.labels.get(*key) != Some(*label))
            .map(|(key, label)| (key.as_str(), label.as_str()))
    }

    /// Whether no name is known.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.surnames.is_empty() && self.acronyms.is_empty()
    }
}

/// The one full-name key in `fits`, if there is exactly one: or one that every other ends
/// with, as words ("hillary clinton" in "rival hillary clinton"): a modifier the name
/// parse kept is no second person.
fn only_fit(fits: &BTreeSet<String>) -> Option<&str> {
    let shortest = fits.iter().min_by_key(|key| key.len())?;
    fits.iter()
        .all(|key| {
            key == shortest
                || key
                    .strip_suffix(shortest.as_str())
                    .is_some_and(|head| head.ends_with(' '))
        })
        .then_some(shortest.as_str())
}

/// A source as hearsay keeps it after alias resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedSource {
    /// The key that names the source node (see [`crate::graph::source_iri`]).
    pub key: String,
    /// The name to show: a named source's fullest spelling ("Dmitry Peskov", "Valdorian
    /// News Agency"), a generic one as written ("Some analysts").
    pub label: String,
    /// Whether the source names nobody in particular, its key scoped to the text.
    pub generic: bool,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

/// Resolves one source name as written in a text: parse off the role, resolve a surname or
/// acronym through `names` (the text's own first, then everything known), fold demonyms,
/// and scope a generic source to `scope` (the text's body hash).
pub fn resolve_source(
    raw: &str,
    kind: SourceKind,
    scope: &str,
    local: &NameIndex,
    known: &NameIndex,
) -> ResolvedSource {
    let parsed = parse_source_name(raw);
    let resolved = local
        .resolve(&parsed.name)
        .map(|k| (k, local))
        .or_else(|| known.resolve(&parsed.name).map(|k| (k, known)));
    // Shown by the fullest spelling either index knows for the key (see [`fullest_first`]).
    let fullest = |key: &str, mut label: String| {
        for known in [local.label(key), known.label(key)].into_iter().flatten() {
            keep_fullest(&mut label, known);
        }
        label
    };
    if let Some((key, index)) = resolved {
        return ResolvedSource {
            key: key.to_owned(),
            label: fullest(key, index.label(key).unwrap_or(&parsed.name).to_owned()),
            generic: false,
            role: parsed.role,
            affiliation: parsed.affiliation,
        };
    }
    let key = entity_key(&parsed.name);
    let generic = is_generic(&parsed.name, kind);
    let mut label = strip_article(&parsed.name).to_owned();
    if !generic {
        label = fullest(&key, label);
    }
    ResolvedSource {
        key: if generic {
            scoped_key(&key, scope)
        } else {
            key
        },
        label,
        generic,
        role: parsed.role,
        affiliation: parsed.affiliation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_appositions_become_roles() {
        let cases = [
            (
                "Kremlin spokesman Dmitry Peskov",
                "Dmitry Peskov",
                Some("Kremlin spokesman"),
            ),
            (
                "Transport Minister Lucía Ferrer",
                "Lucía Ferrer",
                Some("Transport Minister"),
            ),
            (
                "State Department spokesperson Karen Whitfield",
                "Karen Whitfield",
                Some("State Department spokesperson"),
            ),
            (
                "Karen Whitfield, a State Department spokesperson",
                "Karen Whitfield",
                Some("State Department spokesperson"),
            ),
            (
                "Its president, Ingrid Halvorsen",
                "Ingrid Halvorsen",
                Some("Its president"),
            ),
            ("Mr. John Smith", "John Smith", None),
            ("U.S. officials", "U.S. officials", None),
            (
                "Bluefjord Pilots Association",
                "Bluefjord Pilots Association",
                None,
            ),
            ("Peskov", "Peskov", None),
            (
                "Democrat Hillary Clinton",
                "Hillary Clinton",
                Some("Democrat"),
            ),
            (
                "Republican presidential nominee Donald Trump",
                "Donald Trump",
                Some("Republican presidential nominee"),
            ),
            (
                "Republican National Committee",
                "Republican National Committee",
                None,
            ),
            ("Republican Party", "Republican Party", None),
            ("Democrat", "Democrat", None),
        ];
        for (raw, name, role) in cases {
            let p = parse_source_name(raw);
            assert_eq!((p.name.as_str(), p.role.as_deref()), (name, role), "{raw}");
        }
        let p = parse_source_name("Elena Sokol of the Atlantic Shipping Institute");
        assert_eq!(p.name, "Elena Sokol");
        assert_eq!(
            p.affiliation.as_deref(),
            Some("Atlantic Shipping Institute")
        );
    }

    #[test]
    fn a_surname_source_meets_the_full_name_its_text_mentions() {
        let mut local = NameIndex::new();
        local.add_mentions(
            "The race between Republican Donald J. Trump and Democrat Hillary Clinton, the \
             former secretary of state, tightened. Clinton said she would win.",
        );
        assert_eq!(local.resolve("Clinton"), Some("hillary clinton"));
        assert_eq!(local.resolve("Trump"), Some("donald trump"));
        assert_eq!(local.label("hillary clinton"), Some("Hillary Clinton"));
        // A source's own full name comes first: "Bill Clinton" mentioned does not make it
        // ambiguous.
        local.add("Hillary Clinton");
        local.add_mentions("Bill Clinton spoke.");
        assert_eq!(local.resolve("Clinton"), Some("hillary clinton"));
        let mut opening = NameIndex::new();
        opening.add_mentions(
            "Railing Against Trump. Although Trump won, the party split. Donald Trump was against it.",
        );
        assert_eq!(opening.resolve("Trump"), Some("donald trump"));
        let mut two = NameIndex::new();
        two.add_mentions("Bill Clinton and Hillary Clinton arrived.");
        assert_eq!(
            two.resolve("Clinton"),
            None,
            "two Clintons, no source: ambiguous"
        );
    }

    #[test]
    fn a_middle_initial_is_no_other_person() {
        assert_eq!(entity_key("Donald J. Trump"), entity_key("Donald Trump"));
        assert_eq!(entity_key("Marc H. Morial"), "marc morial");
        assert_eq!(
            entity_key("J. K. Rowling"),
            "j k rowling",
            "initials that open a name stay"
        );
        assert_ne!(entity_key("U.S. officials"), entity_key("officials"));
    }

    #[test]
    fn demonyms_meet_their_country() {
        for name in [
            "American officials",
            "U.S. officials",
            "US officials",
            "two U.S. officials",
            "United States officials",
        ] {
            assert_eq!(entity_key(name), "us officials", "{name}");
        }
        assert_eq!(
            entity_key("Russian officials"),
            entity_key("Russia officials")
        );
        assert_ne!(entity_key("Americans"), entity_key("US officials"));
    }

    #[test]
    fn generic_sources_are_told_apart_from_named_ones() {
        use SourceKind::*;
        for (name, kind) in [
            ("analysts", ExpertGroup),
            ("Analysts", ExpertGroup),
            ("officials", OfficialGroup),
            ("a source", Anonymous),
            ("the company", Organization),
            ("Opposition lawmakers", OfficialGroup),
            ("a person familiar with the matter", Anonymous),
            ("one US official", Anonymous),
            ("He", Person),
            ("They", OfficialGroup),
            ("We", Organization),
            ("Speaker", Person),
            ("the Chairman", Person),
            ("Presidential Candidate", Person),
        ] {
            assert!(is_generic(name, kind), "{name} is generic");
        }
        for (name, kind) in [
            ("U.S. officials", OfficialGroup),
            ("American officials", OfficialGroup),
            ("Dmitry Peskov", Person),
            ("KCNA", Media),
            ("US", Government),
            ("Kremlin officials", OfficialGroup),
            ("the Kremlin", Government),
            ("Speaker Ryan", Person),
        ] {
            assert!(!is_generic(name, kind), "{name} is named");
        }
    }

    #[test]
    fn surnames_and_acronyms_resolve_when_unambiguous() {
        let mut index = NameIndex::new();
        index.add("Dmitry Peskov");
        index.add("Korean Central News Agency");
        index.add("Ana Reyes");
        assert_eq!(index.resolve("Peskov"), Some("dmitry peskov"));
        assert_eq!(index.resolve("KCNA"), Some("korean central news agency"));
        assert_eq!(index.resolve("US"), None);
        assert_eq!(index.resolve("officials"), None);
        index.add("Maria Reyes");
        assert_eq!(index.resolve("Reyes"), None, "two Reyeses: ambiguous");
        index.add("Donald Trump");
        index.add("Tough Donald Trump");
        assert_eq!(
            index.resolve("Trump"),
            Some("donald trump"),
            "a modifier is no one else"
        );
        index.add("Senate Republicans");
        assert_eq!(index.resolve("Republicans"), None, "a group, not a surname");
    }

    #[test]
    fn names_meet_whatever_their_diacritics_and_show_them() {
        for order in [
            ["Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"],
            ["Recep Tayyip Erdoğan", "RECEP TAYYIP ERDOGAN"],
        ] {
            let mut index = NameIndex::new();
            for name in order {
                index.add(name);
            }
            assert_eq!(index.resolve("Erdogan"), Some("recep tayyip erdogan"));
            assert_eq!(index.resolve("Erdoğan"), Some("recep tayyip erdogan"));
            let shown = resolve_source(
                "Erdogan",
                SourceKind::Person,
                "aaaa",
                &NameIndex::new(),
                &index,
            );
            assert_eq!(shown.label, "Recep Tayyip Erdoğan", "{order:?}");
        }
    }

    #[test]
    fn a_pronoun_is_no_surname() {
        let mut index = NameIndex::new();
        index.add("Lin He");
        assert_eq!(index.resolve("He"), None);
        let none = NameIndex::new();
        assert!(index
            .resolvable_since(&none)
            .any(|fit| fit == ("he", "lin he")));
    }

    #[test]
    fn what_later_names_change_for_stored_sources() {
        let mut before = NameIndex::new();
        before.add("Peskov");
        before.add("Factwatch");
        before.add("Ana Reyes");
        let mut known = before.clone();
        known.add("Dmitry Peskov");
        known.add("FactWatch");
        let none = NameIndex::new();
        let resolvable: Vec<_> = known.resolvable_since(&none).collect();
        assert!(
            resolvable.contains(&("peskov", "dmitry peskov")),
            "{resolvable:?}"
        );
        assert!(
            resolvable.contains(&("reyes", "ana reyes")),
            "{resolvable:?}"
        );
        let new_fits: Vec<_> = known.resolvable_since(&before).collect();
        assert!(
            new_fits.contains(&("peskov", "dmitry peskov")),
            "{new_fits:?}"
        );
        assert!(
            !new_fits.iter().any(|(word, _)| *word == "reyes"),
            "reyes fitted before: {new_fits:?}"
        );
        let changed: Vec<_> = known.labels_changed_since(&before).collect();
        assert_eq!(
            changed,
            [
                ("dmitry peskov", "Dmitry Peskov"),
                ("factwatch", "FactWatch")
            ]
        );
        assert_eq!(known.ambiguous_since(&before).count(), 0);
        // A longer spelling of the one person leaves "Reyes" hers, so nothing moves back.
        let mut respelled = before.clone();
        respelled.add("rival Ana Reyes");
        assert_eq!(respelled.resolve("Reyes"), Some("ana reyes"));
        assert_eq!(respelled.ambiguous_since(&before).count(), 0);
        known.add("Maria Reyes");
        assert!(!known
            .resolvable_since(&none)
            .any(|(word, _)| word == "reyes"));
        let ambiguous: Vec<_> = known.ambiguous_since(&before).collect();
        assert_eq!(ambiguous, [("reyes", "ana reyes")]);
        assert!(!before.is_empty() && NameIndex::new().is_empty());
    }

    #[test]
    fn a_source_is_shown_by_its_fullest_spelling_whatever_the_order() {
        // One article writes the acronym, another the full name, a third adds a quantifier:
        // every order of reading them shows the full name.
        let articles = [
            &["KCNA", "US officials"][..],
            &["Korean Central News Agency", "two U.S. officials"][..],
            &["UN Security Council", "American officials"][..],
            &["U.N. Security Council"][..],
        ];
        let orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
        for order in orders {
            let mut known = NameIndex::new();
            for &i in &order {
                let mut names = NameIndex::new();
                for name in articles[i] {
                    names.add(name);
                }
                known.merge(&names);
            }
            let none = NameIndex::new();
            let shown = |name: &str, kind: SourceKind| {
                resolve_source(name, kind, "aaaa", &none, &known).label
            };
            assert_eq!(
                shown("KCNA", SourceKind::Media),
                "Korean Central News Agency",
                "{order:?}"
            );
            assert_eq!(
                shown("US officials", SourceKind::OfficialGroup),
                "American officials",
                "{order:?}"
            );
            assert_eq!(
                shown("UN Security Council", SourceKind::Organization),
                "U.N. Security Council",
                "{order:?}"
            );
        }
        // Quantifiers aside, the shorter spelling: "U.S. officials", not "two U.S. officials".
        let mut known = NameIndex::new();
        known.add("two U.S. officials");
        known.add("U.S. officials");
        assert_eq!(known.label("us officials"), Some("U.S. officials"));
        // A generic source stays as written in its text.
        let analysts = resolve_source(
            "Some analysts",
            SourceKind::ExpertGroup,
            "aaaa",
            &NameIndex::new(),
            &known,
        );
        assert_eq!(analysts.label, "Some analysts");
    }

    #[test]
    fn acronyms_are_read_from_brackets() {
        let text = "The Valdorian News Agency (VNA) quoted officials. The Civil Aviation Directorate (CAD) said. Talks (WIP) ended.";
        let found = acronyms_in_text(text);
        assert_eq!(
            found.get("vna").map(String::as_str),
            Some("Valdorian News Agency")
        );
        assert_eq!(
            found.get("cad").map(String::as_str),
            Some("Civil Aviation Directorate")
        );
        assert!(!found.contains_key("wip"));
    }

    #[test]
    fn generic_sources_are_scoped_to_their_text() {
        let none = NameIndex::new();
        let a = resolve_source("analysts", SourceKind::ExpertGroup, "aaaa", &none, &none);
        let b = resolve_source("analysts", SourceKind::ExpertGroup, "bbbb", &none, &none);
        assert_ne!(a.key, b.key);
        let us = resolve_source(
            "American officials",
            SourceKind::OfficialGroup,
            "aaaa",
            &none,
            &none,
        );
        let us2 = resolve_source(
            "US officials",
            SourceKind::OfficialGroup,
            "bbbb",
            &none,
            &none,
        );
        assert_eq!(us.key, us2.key);
    }
}
