//! Claim content as comparable tokens, and propositions as clusters of near-duplicate
//! contents: lowercased, stopwords, hedges and reporting verbs dropped, negation read off as
//! a polarity, light stemming, countries and demonyms folded as for sources. Two contents
//! say the same thing when their token sets are similar enough ([`similar`]).
//! Pure: knows nothing of RDF or the store.

use std::collections::BTreeSet;

use crate::extract::{predicates, SourceKind};

/// Jaccard similarity at or above which two contents are one proposition.
///
/// Chosen on the labelled pairs of the tests below (same / different, from data/ and
/// Wikinews-like sentences): same-proposition pairs score 0.45–1.0, different pairs at most
/// 0.33 once stopwords are gone; 0.45 sits between them.
pub const JACCARD_THRESHOLD: f64 = 0.45;

/// Overlap coefficient (shared / smaller set) at or above which two contents match when
/// they also share at least [`MIN_SHARED`] tokens and the smaller one names something
/// ([`NormalizedContent::named`]): a short report of a longer claim ("the berth could serve
/// Drovnian naval vessels" inside a sentence that says more). A short content that names
/// nothing ("the cockpit voice recorder was recovered") could be about anything its words
/// fit: on Wikinews it met the Lion Air recorder "recovered from the Java Sea" from a report
/// on another crash, so it matches by Jaccard only.
pub const OVERLAP_THRESHOLD: f64 = 0.8;
/// Shared tokens an overlap match needs: fewer, and any two short contents would meet.
pub const MIN_SHARED: usize = 4;

/// What a shared token that comes from a name or a title weighs in [`similar`], against 1
/// for any other shared word; in the union every token counts 1. On news of one campaign,
/// contents share the names and titles of its few actors far more often than they share what
/// is claimed: "former Democratic presidential nominee Maria Ortiz mismanaged the budget" and
/// "… Maria Ortiz will visit three factories" share six tokens of nine and thirteen, all of
/// them the name. A name that differs still counts fully against a match (in the union), so
/// two reports of two crashes stay apart.
pub const NAME_WEIGHT: f64 = 0.5;

/// Below this many shared tokens, two contents meet only when they differ by one token at
/// most: two words in common say little once either content says more (on PolNeAR dev, "he
/// would not answer questions" met "they came away with more questions than answers").
pub const FEW_SHARED: usize = 3;

/// Contents with fewer tokens than this say too little to be matched by their words
/// ("these details", "it"): they join a proposition only through a link.
pub const MIN_TOKENS: usize = 2;

/// Contents longer than this never flip a proposition's polarity ([`super::cluster`]): measured on
/// Wikinews, long quotes with a "no" in them made false denials ("It is with the utmost
/// sadness that I announce …" denying that Mugabe has died).
pub const MAX_FLIP_TOKENS: usize = 10;

const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "shall",
    "should",
    "can",
    "he",
    "she",
    "they",
    "them",
    "their",
    "his",
    "her",
    "we",
    "our",
    "you",
    "your",
    "i",
    "me",
    "my",
    "us",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "there",
    "here",
    "than",
    "then",
    "so",
    "such",
    "also",
    "very",
    "just",
    "about",
    "into",
    "over",
    "after",
    "before",
    "up",
    "down",
    "out",
    "if",
    "whether",
    "because",
    "while",
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tell",
    "reported",
    "according",
    "added",
    "all",
    "any",
    "some",
    "more",
    "most",
    "other",
    "only",
    "own",
    "same",
    "both",
    "each",
    "few",
    "now",
    "last",
    "week",
    "year",
    "years",
    "day",
    "days",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tomorrow",
    "s",
    "t",
    "mr",
    "ms",
    "mrs",
];

/// Hedges: how firmly something is said, not what is said.
const HEDGES: &[&str] = &[
    "may",
    "might",
    "could",
    "would",
    "must",
    "likely",
    "unlikely",
    "possibly",
    "probably",
    "perhaps",
    "expected",
    "reportedly",
    "allegedly",
    "apparently",
    "believed",
    "seems",
    "appears",
    "potentially",
    "presumably",
    "maybe",
];

/// Prepositions after which a negation opens a phrase ("of not charging").
const PREPOSITIONS: &[&str] = &[
    "of", "for", "by", "about", "from", "with", "without", "against", "on", "in",
];

const NEGATIONS: &[&str] = &[
    "no", "not", "never", "n't", "none", "nor", "neither", "cannot",
];

/// A content made comparable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NormalizedContent {
    /// Distinct tokens of the main clause, sorted.
    pub tokens: Vec<String>,
    /// `true` when the content is negated an odd number of times ("no lease had been signed").
    pub negated: bool,
    /// `true` when a token comes from a name (a capitalized word after the first) or holds a
    /// digit: the content says what it is about ("Lion Air Flight 610"), not only "the
    /// recorder".
    pub named: bool,
    /// The tokens that come from a name here (a capitalized word after the first) or from
    /// the title before one ("presumptive Republican presidential nominee"), sorted: shared,
    /// they weigh [`NAME_WEIGHT`].
    pub names: Vec<String>,
}

impl NormalizedContent {
    /// The content as [`similar`] compares it.
    pub fn comparable(&self) -> Comparable<'_, String> {
        Comparable {
            tokens: &self.tokens,
            names: &self.names,
            named: self.named,
        }
    }
}

/// What [`similar`] reads of a content: its distinct tokens and those of them from names,
/// both sorted, and whether it names something ([`NormalizedContent::named`]). Generic over
/// the token type, so clustering compares token ranks.
#[derive(Debug)]
pub struct Comparable<'a, T> {
    pub tokens: &'a [T],
    pub names: &'a [T],
    pub named: bool,
}

/// What a content predicates, as its tokens ([`content_predicates`]): what [`agree`] reads
/// besides the words. Generic over the token type, as [`Comparable`] is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContentPredicates<T> {
    /// Whether the content is a phrase that predicates nothing
    /// ([`crate::extract::Predicates::phrase`]).
    pub phrase: bool,
    /// The token of its head word ([`crate::extract::Predicates::head`]: "consistent" in "his
    /// actions are consistent with the right to bear arms"), when that word is a token.
    pub head: Option<T>,
    /// The tokens of its clauses' heads ([`crate::extract::Predicates::clauses`]), sorted.
    pub clauses: Vec<T>,
    /// Whether its head's subject is a third person's pronoun ("they're worried", "it was no
    /// big deal"; not "it underscores that Trump is unfit"): whom it speaks of is in the text
    /// around it.
    pub pronoun_subject: bool,
}

// By hand: a derive would ask `T: Copy`, and only references are copied.
impl<T> Clone for Comparable<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Comparable<'_, T> {}

/// Normalizes a content: see the module doc.
///
/// ```
/// use hearsay::track::normalize_content;
/// let a = normalize_content("No lease had been signed");
/// let b = normalize_content("the lease was signed");
/// assert!(a.negated && !b.negated);
/// assert_eq!(a.tokens, b.tokens);
/// ```
pub fn normalize_content(text: &str) -> NormalizedContent {
    normalize_marking(text, &[]).0
}

/// What a content predicates ([`crate::extract::predicates`]), as its tokens. It parses the
/// content, so clustering asks it only of contents whose words meet another's.
pub fn content_predicates(text: &str) -> ContentPredicates<String> {
    let Some(parsed) = predicates(text) else {
        return ContentPredicates::default();
    };
    let mut marks: Vec<usize> = parsed.clauses.iter().map(|r| r.start).collect();
    marks.extend(parsed.head.as_ref().map(|r| r.start));
    let (_, marked) = normalize_marking(text, &marks);
    let head = parsed.head.as_ref().and(marked.last().cloned().flatten());
    let mut clauses: Vec<String> = marked[..parsed.clauses.len()]
        .iter()
        .flatten()
        .cloned()
        .collect();
    clauses.sort_unstable();
    clauses.dedup();
    let subject = parsed
        .subject
        .and_then(|r| text.get(r))
        .map(str::to_lowercase);
    ContentPredicates {
        phrase: parsed.phrase,
        head,
        clauses,
        pronoun_subject: matches!(subject.as_deref(), Some("he" | "she" | "they" | "it")),
    }
}

/// [`normalize_content`], and the token that each of `marks` (byte offsets into `text`) falls
/// in, if that word is a token.
fn normalize_marking(text: &str, marks: &[usize]) -> (NormalizedContent, Vec<Option<String>>) {
    let mut tokens = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut marked: Vec<Option<String>> = vec![None; marks.len()];
    let mut negations = 0usize;
    let mut named = false;
    let mut words: Vec<(String, bool)> = Vec::new();
    // For each of `marks`, the index in `words` of the word it falls in.
    let mut marked_words: Vec<Option<usize>> = vec![None; marks.len()];
    // Words before the content's first sentence ends: only they give its polarity ("… were
    // extremely careless. Not fit!" asserts the carelessness).
    let mut first_sentence: Option<usize> = None;
    for raw in
        text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '.' | '$' | '%')))
    {
        // `raw` is a slice of `text`: its address gives its offset.
        let start = raw.as_ptr() as usize - text.as_ptr() as usize;
        for (mark, word) in marks.iter().zip(&mut marked_words) {
            if (start..start + raw.len()).contains(mark) {
                *word = Some(words.len());
            }
        }
        if first_sentence.is_none() && ends_sentence(text, raw) {
            first_sentence = Some(words.len() + 1);
        }
        let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
        let lower = raw.to_lowercase().replace('’', "'");
        // "U.S." keeps its periods until the demonym fold; sentence periods go.
        let lower = if lower.len() <= 4 && lower.matches('.').count() >= 2 {
            lower
        } else {
            lower.trim_matches(|c| c == '.' || c == '\'').to_owned()
        };
        if lower.is_empty() {
            continue;
        }
        if let Some(stem) = lower.strip_suffix("n't") {
            // "didn't" → "did" + "not", counted where clauses are known.
            words.push((stem.to_owned(), capitalized));
            words.push(("not".to_owned(), false));
            continue;
        }
        words.push((lower, capitalized));
    }
    // Words of a name: capitalized after the first, and the title words right before one;
    // none in a headline's title case ("Senator Says Plan Will Fail").
    let long: Vec<bool> = words
        .iter()
        .filter(|(w, _)| w.chars().count() > 3)
        .map(|(_, capitalized)| *capitalized)
        .collect();
    let title_case = long.len() >= 3 && long.iter().filter(|&&c| c).count() * 4 >= long.len() * 3;
    let mut in_name = vec![false; words.len()];
    for j in (0..words.len()).rev() {
        let (word, capitalized) = (&words[j].0, words[j].1);
        in_name[j] = !title_case
            && ((capitalized && j > 0)
                || (in_name.get(j + 1) == Some(&true) && super::names::is_title_word(word)));
    }
    // A content is its main clause: "signed the lease, but insisted that the deal does not
    // open the port" asserts the signing, and is matched by it. What follows is a second
    // statement, and its words would join the content to claims about that one ("accepted
    // responsibility for the murder … but did not say he'd ordered it" is not "the crown
    // prince ordered the killing").
    let mut i = 0;
    while i < words.len() {
        let (word, capitalized) = (&words[i].0, words[i].1);
        if i >= 3
            && matches!(
                word.as_str(),
                "but"
                    | "while"
                    | "although"
                    | "though"
                    | "whereas"
                    | "however"
                    | "insisted"
                    | "adding"
            )
        {
            break;
        }
        // Country phrases: "united states" → "us".
        if word == "united"
            && words
                .get(i + 1)
                .is_some_and(|w| w.0 == "states" || w.0 == "kingdom")
        {
            let country = if words[i + 1].0 == "states" {
                "us-country"
            } else {
                "uk"
            };
            if in_name[i] || in_name[i + 1] {
                names.insert(country.to_owned());
            }
            tokens.insert(country.to_owned());
            i += 2;
            continue;
        }
        i += 1;
        if NEGATIONS.contains(&word.as_str()) {
            // After a preposition a negation is inside a phrase, not the clause: "a policy
            // of not charging the sitting president", "with no evidence"; so is one after
            // "who" or "which" and at most an auxiliary, in a relative clause ("women who
            // don't help each other"). Some negations assert ("there is no question", "not
            // only", "it is not surprising that"), and a later sentence's is its own.
            let in_phrase = i >= 2 && PREPOSITIONS.contains(&words[i - 2].0.as_str());
            let relative =
                |k: usize| i > k && matches!(words[i - 1 - k].0.as_str(), "who" | "which" | "whom");
            let in_phrase = in_phrase || relative(1) || relative(2);
            let idiom = words.get(i).is_some_and(|next| {
                matches!(
                    (word.as_str(), next.0.as_str()),
                    (
                        "no",
                        "question" | "doubt" | "surprise" | "secret" | "wonder"
                    ) | ("not", "just" | "only" | "surprising")
                )
            });
            if !in_phrase && !idiom && first_sentence.is_none_or(|end| i <= end) {
                negations += 1;
            }
            continue;
        }
        if STOPWORDS.contains(&word.as_str()) || HEDGES.contains(&word.as_str()) {
            // "US" as a country, not the pronoun: capitalized in the text.
            if word == "us" && capitalized && words.get(i - 1).is_some_and(|w| w.0 == "us") {
                tokens.insert("us-country".to_owned());
                names.insert("us-country".to_owned());
            }
            continue;
        }
        let word = word.trim_end_matches("'s").replace('.', "");
        if word.is_empty() {
            continue;
        }
        // `i` is past this word already: a capital on the first is the sentence's.
        named |= (capitalized && i > 1) || word.chars().any(|c| c.is_ascii_digit());
        let token = fold_entity(&word, capitalized);
        if in_name[i - 1] {
            names.insert(token.clone());
        }
        for (word, mark) in marked_words.iter().zip(&mut marked) {
            if *word == Some(i - 1) {
                *mark = Some(token.clone());
            }
        }
        tokens.insert(token);
    }
    let normalized = NormalizedContent {
        tokens: tokens.into_iter().filter(|t| !t.is_empty()).collect(),
        negated: negations % 2 == 1,
        named,
        names: names.into_iter().filter(|t| !t.is_empty()).collect(),
    };
    let marked = marked
        .into_iter()
        .map(|t| t.filter(|t| !t.is_empty()))
        .collect();
    (normalized, marked)
}

/// Whether a content speaks of its own source, whose kind is `kind`: it says "I", "we" or
/// "my" (a quotation's speaker), or opens with "he" or "she" from a person, "they" from a
/// group, or "it" from an organisation ("he will support the nominee", "they want the next
/// president to continue"). The same words from another source say something of someone
/// else.
///
/// ```
/// use hearsay::extract::SourceKind;
/// use hearsay::track::speaks_of_itself;
/// assert!(speaks_of_itself("that he will support the nominee", Some(SourceKind::Person)));
/// assert!(speaks_of_itself("“We need steady hands”", Some(SourceKind::Person)));
/// assert!(speaks_of_itself("they're supporting Clinton", Some(SourceKind::Organization)));
/// assert!(!speaks_of_itself("he was working on a book", Some(SourceKind::Media)));
/// assert!(!speaks_of_itself("the senator will support the nominee", Some(SourceKind::Person)));
/// ```
pub fn speaks_of_itself(text: &str, kind: Option<SourceKind>) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')))
        .filter(|w| !w.is_empty())
        .collect();
    let first_person = words.iter().any(|w| {
        let w = w.replace('’', "'");
        matches!(w.as_str(), "I" | "I'm" | "I've" | "I'll" | "I'd")
            || matches!(
                w.to_lowercase().as_str(),
                "we" | "we're" | "we've" | "we'll" | "we'd" | "me" | "my" | "mine" | "our" | "ours"
            )
    });
    // "they're supporting Clinton": the subject without its contracted verb.
    let subject = words
        .iter()
        .map(|w| {
            let w = w.to_lowercase().replace('’', "'");
            match w.split_once('\'') {
                Some((pronoun, _)) => pronoun.to_owned(),
                None => w,
            }
        })
        .find(|w| w != "that");
    let group = |kind: SourceKind| !matches!(kind, SourceKind::Person | SourceKind::Media);
    let own_subject = match (subject.as_deref(), kind) {
        (Some("he" | "she"), Some(SourceKind::Person)) => true,
        (Some("they"), Some(kind)) => group(kind),
        (Some("it"), Some(SourceKind::Organization | SourceKind::Government)) => true,
        _ => false,
    };
    first_person || own_subject
}

/// The source a claim speaks of, when its content [speaks of itself](speaks_of_itself): the
/// claim is like no claim of another source. A poll's share ("30 percent of his backers",
/// whatever kind the extractor gave it) is also a group: its "they" is itself.
pub fn own_speaker<'a>(
    content: &str,
    source: Option<&'a str>,
    kind: Option<SourceKind>,
) -> Option<&'a str> {
    source.filter(|&s| {
        speaks_of_itself(content, kind)
            || (super::origins::is_poll_share_origin(s)
                && speaks_of_itself(content, Some(SourceKind::OfficialGroup)))
    })
}

/// Whether the word `raw`, a slice of `text`, ends a sentence that more text follows: a
/// period after a word of four letters or more ("Mr." and "U.S." do not), or an exclamation
/// or question mark, closing quotes aside.
fn ends_sentence(text: &str, raw: &str) -> bool {
    let start = raw.as_ptr() as usize - text.as_ptr() as usize;
    let after = &text[start + raw.len()..];
    let rest = after.trim_start_matches(['"', '”', '’', '\'', ')']);
    let more = |rest: &str| rest.chars().skip(1).any(char::is_alphanumeric);
    let mark = rest.starts_with(['!', '?']) && more(rest);
    // A quote may close after the period: "… classified information.' Not fit!"
    let word = raw.trim_end_matches(['’', '\'']);
    let period = word.ends_with('.')
        && word.trim_end_matches('.').chars().count() >= 4
        && !word.trim_end_matches('.').contains('.')
        && more(after);
    mark || period
}

/// Words that show a clause (a verb that takes a tense): auxiliaries and modals, and common
/// past forms that do not end in "-ed".
const CLAUSE_WORDS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "do", "does", "did", "not", "said", "says",
    "came", "went", "made", "took", "gave", "told", "found", "left", "won", "lost", "met", "began",
    "saw", "knew", "thought", "became", "held", "kept", "sent", "spent", "built", "paid", "led",
    "fell", "rose", "ran", "got", "put", "set", "cut", "hit", "let", "brought", "bought", "caught",
    "taught", "fought", "sought", "struck", "stood", "wrote", "spoke", "broke", "chose", "drove",
    "flew", "grew", "threw", "wore", "won't", "can't",
];

/// Whether a content is a fragment, what was left of a sentence around a cue ("of crimes
/// from Hong Kong to the mainland", "on Thursday via Twitter", "Iran for the attacks"): no
/// word shows a clause (no auxiliary or contraction of one, no past form, no "-s" verb after
/// a name or pronoun: "Russia supplies …"). A fragment states nothing to corroborate or
/// deny, so it joins a proposition only through a link the text makes.
///
/// ```
/// use hearsay::track::is_fragment;
/// assert!(is_fragment("on Thursday via Twitter"));
/// assert!(!is_fragment("the cockpit voice recorder was recovered"));
/// ```
pub fn is_fragment(text: &str) -> bool {
    let words: Vec<(String, bool)> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let capitalized = w.chars().next().is_some_and(char::is_uppercase);
            (w.to_lowercase().replace('’', "'"), capitalized)
        })
        .collect();
    // A capitalized word is a name ("United", "Science Advances"), never the verb.
    let clause = words.iter().enumerate().any(|(i, (word, capitalized))| {
        CLAUSE_WORDS.contains(&word.as_str())
            || ["'re", "'ve", "'ll", "'d", "'m"]
                .iter()
                .any(|contraction| word.ends_with(contraction))
            || (!capitalized && word.len() > 4 && word.ends_with("ed"))
            || (!capitalized
                && i > 0
                && words[i - 1].1
                // A possessive names whose thing it is: "Clinton's remarks" is no clause.
                && !words[i - 1].0.ends_with("'s")
                && word.len() > 3
                && word.ends_with('s')
                && !word.ends_with("ss"))
            || (i > 0
                && matches!(
                    words[i - 1].0.as_str(),
                    "he" | "she" | "it" | "they" | "we" | "i" | "you" | "who" | "that" | "which"
                ))
    });
    !clause
}

/// Whether a content asks rather than states: an indirect question ("whether the video
/// should be released", "if her practices were illegal", "how tough it is to run", "why he
/// left", what "weighed in on", "asked" or "described" reports) or a quoted question, marked
/// or not ("Do you think he has campaigned as a healer"). It backs and denies nothing, so,
/// like a fragment, it joins a proposition only through a link.
///
/// ```
/// use hearsay::track::is_question;
/// assert!(is_question("about whether the video should be released"));
/// assert!(is_question("“what does he think of you?”"));
/// assert!(is_question("how tough they would be"));
/// assert!(!is_question("the video should be released"));
/// assert!(!is_question("the plan shows how tough they would be"));
/// assert!(is_question("if her email practices were illegal"));
/// assert!(is_question("Do you think the mayor has campaigned as a healer"));
/// assert!(!is_question("you think the mayor has campaigned as a healer"));
/// ```
pub fn is_question(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '.')
    });
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_start_matches(['"', '\'', '“', '‘']).to_lowercase())
        .skip_while(|w| matches!(w.as_str(), "about" | "of" | "on" | "over"));
    let (opening, second) = (words.next(), words.next());
    // "Do you think …": an auxiliary before "you" asks.
    let asks_you = opening.as_deref().is_some_and(|w| {
        matches!(
            w,
            "do" | "did" | "does" | "are" | "were" | "will" | "would" | "can" | "could" | "have"
        )
    }) && second.as_deref() == Some("you");
    text.ends_with('?')
        || opening
            .as_deref()
            .is_some_and(|w| matches!(w, "how" | "why" | "if"))
        || asks_you
        || text
            .split_whitespace()
            .take(4)
            .any(|w| w.eq_ignore_ascii_case("whether"))
}

/// Countries and demonyms folded to one token ("American", "U.S." → "us-country"; a
/// capitalized "Drovnian" → "drovnia"), other words lightly stemmed.
fn fold_entity(word: &str, capitalized: bool) -> String {
    match word {
        "us" | "usa" | "american" | "americans" => return "us-country".to_owned(),
        "uk" | "british" | "britain" => return "uk".to_owned(),
        _ => {}
    }
    if let Some((_, country)) = super::names::demonym(word) {
        return country.to_owned();
    }
    if capitalized && word.len() > 5 {
        if let Some(stem) = word.strip_suffix("ian") {
            return format!("{stem}ia");
        }
    }
    stem(word)
}

/// Light suffix stripping: plurals, -ing, -ed; enough for "signed"/"signing"/"signs".
fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    let n = word.chars().count();
    for (suffix, replacement, min) in [
        ("ies", "y", 5),
        ("sses", "ss", 5),
        ("ing", "", 6),
        ("ed", "", 5),
        ("es", "", 6),
        ("s", "", 4),
    ] {
        if n >= min {
            if let Some(stem) = word.strip_suffix(suffix) {
                if suffix == "s"
                    && (stem.ends_with('s') || stem.ends_with('u') || stem.ends_with('i'))
                {
                    continue;
                }
                return format!("{stem}{replacement}");
            }
        }
    }
    word.to_owned()
}

/// Jaccard similarity of two sorted token sets.
pub fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let shared = shared(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether two normalized contents state one proposition by their words, polarity aside (and
/// their predicates aside: see [`agree`]): Jaccard at or above
/// [`JACCARD_THRESHOLD`], or the smaller, naming something, almost inside the larger
/// ([`OVERLAP_THRESHOLD`], [`MIN_SHARED`]), where a shared token from a name weighs
/// [`NAME_WEIGHT`] ([`Comparable::names`]; a name in either content). The overlap holds both
/// counted and weighed: a short content whose words are mostly names ("Ortiz leads Lee in
/// Ohio") is not inside every longer one that names Ortiz, Lee and Ohio.
pub fn similar<T: Ord>(a: Comparable<'_, T>, b: Comparable<'_, T>) -> bool {
    let (shared, names) = shared_and_names(a, b);
    let smaller = if a.tokens.len() <= b.tokens.len() {
        a
    } else {
        b
    };
    let light = (1.0 - NAME_WEIGHT) * names as f64;
    let weighed = Weighed {
        shared,
        weight: shared as f64 - light,
        smaller_weight: smaller.tokens.len() as f64 - light,
    };
    similar_by_weight(weighed, a.tokens.len(), b.tokens.len(), smaller.named)
}

/// Whether two contents that are [`similar`] by their words predicate alike, given what each
/// predicates (`pa`, `pb`): words shared around two different predicates are two statements
/// ("his actions are consistent with the constitutional right to bear arms" and "they
/// infringe on Americans' constitutional right to bear arms"). Where both have a head, each
/// head is among the other's tokens (not the same word: a parse may head one wording by its
/// verb and another by its object, "none of the messages was marked classified" and "she
/// had not sent emails marked classified"), or the smaller's head heads a clause of the
/// larger, which says it and more ("Trump has been disrespecting veterans, proving he's
/// temperamentally unfit" holds "it underscores that Trump is temperamentally unfit").
pub fn agree<T: Ord>(
    a: Comparable<'_, T>,
    pa: &ContentPredicates<T>,
    b: Comparable<'_, T>,
    pb: &ContentPredicates<T>,
) -> bool {
    if pa.phrase || pb.phrase {
        return false;
    }
    let (Some(x), Some(y)) = (&pa.head, &pb.head) else {
        return true;
    };
    let each_in_other = b.tokens.binary_search(x).is_ok() && a.tokens.binary_search(y).is_ok();
    // Of two of one size, either may be the smaller: `agree` is symmetric.
    let (m, n) = (a.tokens.len(), b.tokens.len());
    let clause_of_larger = (m <= n && pb.clauses.binary_search(x).is_ok())
        || (n <= m && pa.clauses.binary_search(y).is_ok());
    each_in_other || clause_of_larger
}

/// The tokens two contents share, and how many of those come from a name in either.
fn shared_and_names<T: Ord>(a: Comparable<'_, T>, b: Comparable<'_, T>) -> (usize, usize) {
    let is_name = |t: &T| a.names.binary_search(t).is_ok() || b.names.binary_search(t).is_ok();
    let (mut i, mut j, mut shared, mut names) = (0, 0, 0, 0);
    while i < a.tokens.len() && j < b.tokens.len() {
        match a.tokens[i].cmp(&b.tokens[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                names += usize::from(is_name(&a.tokens[i]));
                i += 1;
                j += 1;
            }
        }
    }
    (shared, names)
}

/// [`similar`] for two sets of `a` and `b` tokens, `shared` of them in common, the smaller
/// naming something or not, with every token weighing 1: an upper bound of [`similar`]
/// (names weigh less), so an index that counts shared tokens finds every similar pair and a
/// few more. (Of two sets of one size, overlap at the threshold means Jaccard above its own,
/// so which is "smaller" does not matter.)
pub fn similar_by_count(shared: usize, a: usize, b: usize, smaller_named: bool) -> bool {
    let smaller = a.min(b) as f64;
    let weighed = Weighed {
        shared,
        weight: shared as f64,
        smaller_weight: smaller,
    };
    similar_by_weight(weighed, a, b, smaller_named)
}

/// Shared tokens counted and weighed, and the smaller content's weight (its shared names
/// weighing as they do in `weight`).
struct Weighed {
    shared: usize,
    weight: f64,
    smaller_weight: f64,
}

/// The thresholds of [`similar`], for contents of `a` and `b` tokens.
fn similar_by_weight(w: Weighed, a: usize, b: usize, smaller_named: bool) -> bool {
    if a < MIN_TOKENS || b < MIN_TOKENS {
        return false;
    }
    let union = a + b - w.shared;
    if w.shared < FEW_SHARED && union - w.shared > 1 {
        return false;
    }
    let smaller = a.min(b);
    w.weight >= JACCARD_THRESHOLD * union as f64
        || (smaller_named
            && w.shared >= MIN_SHARED
            && w.shared as f64 >= OVERLAP_THRESHOLD * smaller as f64
            && w.weight >= OVERLAP_THRESHOLD * w.smaller_weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        normalize_content(text).tokens
    }

    fn alike(a: &str, b: &str) -> bool {
        let (na, nb) = (normalize_content(a), normalize_content(b));
        similar(na.comparable(), nb.comparable())
            && agree(
                na.comparable(),
                &content_predicates(a),
                nb.comparable(),
                &content_predicates(b),
            )
    }

    /// Same proposition, worded differently (pairs from data/ and Wikinews-style reports).
    const SAME: &[(&str, &str)] = &[
        ("Valdoria signed a 40-year lease for a deep-water berth at Puerto Marín with Drovnian state shipping group Arkos Maritime on Feb. 20",
         "the government signed a 40-year lease for Berth 7 at Puerto Marín with Drovnian state shipping group Arkos Maritime on Feb. 20"),
        ("no lease had been signed", "No lease has been signed"),
        ("the berth could be used to refuel and resupply Drovnian naval vessels",
         "they fear the deal could give Drovnia’s navy a place to refuel and resupply its warships in the region, and the berth could be used by Drovnian naval vessels"),
        ("American officials said the strike killed 12 civilians", "U.S. officials said the strike killed 12 civilians"),
        ("the lease was signed at a closed ceremony in the capital attended by Transport Minister Lucía Ferrer",
         "the lease was signed at a closed ceremony in the capital attended by Ferrer and three executives"),
        ("Pilots at Bluefjord Airways will walk out for 48 hours from Friday",
         "pilots at Bluefjord Airways would walk out for 48 hours"),
        // A shared name weighs less, but a claim inside a longer one still matches.
        ("it shows that Ortiz is temperamentally unfit to be commander in chief",
         "Ortiz has disrespected veterans and the military for decades, proving she is temperamentally unfit to be commander in chief"),
        // Headed by their verb and by their object: each head is among the other's words.
        ("that none of the messages was marked classified at the time it was sent",
         "that she had not sent or received emails that were marked classified at the time"),
    ];

    /// Different propositions that share words.
    const DIFFERENT: &[(&str, &str)] = &[
        (
            "the lease was signed on Feb. 20",
            "the lease would bring in about $310 million over its life",
        ),
        (
            "Arkos Maritime would pay about $310 million over the 40-year life of the lease",
            "the company would also pay for two new cranes",
        ),
        (
            "the airline would try to run a reduced schedule",
            "the airline will be back to a full schedule on Sunday",
        ),
        (
            "the berth is for container ships",
            "the port handled about 1.9 million containers last year",
        ),
        (
            "92% of its members had voted for the strike",
            "the strike was disproportionate and unnecessary",
        ),
        (
            "Ferrer would address the matter early next week",
            "the full text would be published next week",
        ),
        (
            "the talks had not been concluded",
            "the talks had lasted almost 11 hours",
        ),
        // Wikinews 2019: two crashes, Karaj and the Java Sea.
        (
            "the cockpit voice recorder was recovered",
            "the cockpit voice recorder from Lion Air Flight 610 has been recovered from the Java Sea",
        ),
        // Two claims about one candidate, sharing only her name and title (Jaccard 6/13).
        (
            "former Democratic presidential nominee Maria Ortiz mismanaged the state budget",
            "former Democratic presidential nominee Maria Ortiz will visit three factories in Ohio",
        ),
        // A short claim made of names is not inside every report that names them.
        (
            "Ortiz has a significant lead over Lee in Ohio",
            "Ortiz leading the field with 31 percent, followed by Ohio Governor Tom Lee at 17 percent and Sen. Ana Ruiz at 13 percent",
        ),
        // PolNeAR train: the same words around two predicates.
        (
            "the governor's orders are consistent with the constitutional right to bear arms",
            "they infringe on residents' constitutional right to bear arms",
        ),
        (
            "the club's real estate committee gave Ortiz its award in part to acknowledge her ability to raise money",
            "the club is not a political committee and will raise no money for Ortiz",
        ),
        // Wikinews 2019, PBS and the CIA on the Saudi crown prince.
        (
            "in December, Crown Prince Mohammad bin Salman of Saudi Arabia accepted responsibility for the murder of journalist Jamal Khashoggi but did not say he'd ordered it",
            "the crown prince ordered Khashoggi's killing",
        ),
    ];

    #[test]
    fn threshold_separates_same_from_different() {
        for (a, b) in SAME {
            assert!(
                alike(a, b),
                "same: {a:?} / {b:?} (jaccard {:.2})",
                jaccard(&tokens(a), &tokens(b))
            );
        }
        for (a, b) in DIFFERENT {
            assert!(
                !alike(a, b),
                "different: {a:?} / {b:?} (jaccard {:.2})",
                jaccard(&tokens(a), &tokens(b))
            );
        }
    }

    /// A phrase predicates nothing, so it says nothing another content could say: on PolNeAR
    /// train, "Trump's repeated calls to ban all Muslims" met a longer phrase by its words.
    #[test]
    fn a_phrase_is_like_nothing_by_its_words() {
        let a = "the club's repeated proposals for a ban on all foreign ships in the port";
        let b = "the club's proposals for a ban on foreign ships in the port as reminiscent of old quarrels";
        let (na, nb) = (normalize_content(a), normalize_content(b));
        assert!(similar(na.comparable(), nb.comparable()), "alike by words");
        assert!(content_predicates(a).phrase && content_predicates(b).phrase);
        assert!(!alike(a, b));
        // What "that" opens is a clause, however it parses.
        assert!(!content_predicates("that the port to all foreign ships").phrase);
    }

    #[test]
    fn normalization_drops_hedges_and_reads_negation() {
        let a = normalize_content("Drovnian warships may possibly use the port");
        let b = normalize_content("Drovnian warships will not use the port");
        assert_eq!(a.tokens, b.tokens);
        assert!(!a.negated && b.negated);
        assert!(
            !normalize_content("there is a special place in hell for women who don't help").negated
        );
        assert!(normalize_content("the women did not help").negated);
        // A sentence that ends inside a quote: the next one's negation is its own.
        assert!(
            !normalize_content("the team 'were extremely careless with information.' Not fit!")
                .negated
        );
        assert_eq!(tokens("American troops"), tokens("U.S. troops"));
        // A negation inside a phrase negates the phrase, not what the content says.
        assert!(
            !normalize_content("a policy of not charging the sitting president with crimes")
                .negated
        );
        assert!(!normalize_content("the claims were made with no evidence").negated);
        assert!(normalize_content("there was no evidence").negated);
        assert!(!normalize_content("“They're worried. There is no question about it.”").negated);
        assert!(!normalize_content("there is no question they are worried").negated);
        assert!(!normalize_content("you are not just a loser, you are a liar").negated);
        assert!(
            !normalize_content("it is not surprising that agents want to interview her").negated
        );
        assert!(!normalize_content("it is no secret that the talks stalled").negated);
        assert!(!normalize_content("“She was extremely careless. Not fit!”").negated);
        assert!(normalize_content("“She was not careless. She is fit!”").negated);
        // Fragments left around a cue match nothing; clauses do.
        for fragment in [
            "of crimes from Hong Kong to the mainland",
            "on Thursday via Twitter",
            "Iran for the attacks",
            "to draft articles of impeachment",
            "the pending exit of the United Kingdom from the European Union (EU",
            "on Wednesday in Science Advances",
            "the senator's remarks",
            "Ortiz’s remarks on Thursday",
        ] {
            assert!(is_fragment(fragment), "{fragment}");
        }
        for clause in [
            "Russia supplies weapons to North Korea",
            "the cockpit voice recorder was recovered",
            "In a thirty hour period, Dorian only traversed thirty miles",
            "we're seeing a new process",
        ] {
            assert!(!is_fragment(clause), "{clause}");
        }
        assert_eq!(tokens("the United States signed"), tokens("US signs"));
    }

    #[test]
    fn two_shared_words_need_contents_that_say_little_else() {
        assert!(alike("the lease was signed", "no lease had been signed"));
        assert!(alike(
            "the lease was signed",
            "the lease was signed in March"
        ));
        assert!(!alike(
            "he would not answer questions",
            "they came away with more questions than answers"
        ));
    }
}
