//! One origin under several names: which claims of one proposition come from the same
//! origin although their sources are written differently, so that a proposition counts
//! independent origins, not spellings. On news of one campaign, most "corroborations" were
//! one report under two names: a wire story reprinted with its sources scoped to each copy
//! ("who", "the group"), or a source named once and then described ("the chairman", "her
//! statement", "the company").
//! Pure: knows nothing of RDF or the store.

use std::collections::HashMap;

use super::cluster::DisjointSets;
use super::names::{is_poll_share, is_pronoun, is_scoped_slug};
use crate::extract::{SourceKind, Stance};
use crate::graph::source_slug_from_iri;

/// One claim of a proposition, as the rules of [`shared_origins`] read it.
#[derive(Debug, Clone, Copy)]
pub struct OriginClaim<'a> {
    /// Its article: equal for the claims of one article.
    pub article: &'a str,
    /// Its content as written.
    pub content: &'a str,
    /// The IRI of the source its origin is (its own, or the one it relays), if any.
    pub origin: Option<&'a str>,
    /// What it does with the proposition.
    pub stance: Stance,
    /// What kind of source its origin is, if known.
    pub kind: Option<SourceKind>,
    /// Whether its origin is a source that its own, [`identified`] source cites ("citing
    /// officials, the Herald reported …"): the text says whose it is.
    pub relayed: bool,
}

/// A run of this many words quoted alike in two claims on one side was said once, by one
/// origin, whatever each report names it ("the Republican candidate" and "Donald Trump"
/// quoting one speech): two people rarely say the same eight words, and a reporter quotes
/// them as said. A campaign's phrase is shorter ("temperamentally unfit to be commander in
/// chief"), and two who repeat it are two origins; a denial that quotes what it denies
/// answers it.
pub const QUOTED_RUN: usize = 8;

/// Contents of at least this many words written alike are one report: a shorter one ("the
/// plan was approved") may be written alike by two who each saw it.
pub const REPRINT_WORDS: usize = 6;

/// Contents of at least this many words written alike in two articles are one report
/// whoever each copy names: two writers rarely put a paraphrase in the same ten words,
/// and copies of one wire story name two people when the extractor reads one sentence two
/// ways. A campaign's phrase is shorter ("Ortiz is temperamentally unfit to be commander in
/// chief", nine words), and two who repeat it are two origins.
pub const REWRITE_WORDS: usize = 10;

/// Whether an origin names someone a reader can tell apart from the other origins of a
/// proposition: not a source scoped to its text (a pronoun, a relative pronoun or a
/// description the extractor could not name: "who", "the candidate", "her statement"), and
/// not a share of a poll's respondents ("six in 10 voters", "58 percent of Latino voters"),
/// which is what the poll found, not someone who holds a claim.
pub fn identified(origin: &str) -> bool {
    let slug = source_slug_from_iri(origin).unwrap_or(origin);
    !is_scoped_slug(slug) && !is_poll_share_origin(origin)
}

/// Whether an origin is a pronoun or a relative pronoun ("who", "which", "they"): it names
/// no one of its own, even where a relay cites it.
fn is_pronoun_origin(origin: &str) -> bool {
    let slug = source_slug_from_iri(origin).unwrap_or(origin);
    is_pronoun(slug.rsplit_once('-').map_or(slug, |(key, _)| key))
}

/// For each claim of one proposition, the claim whose origin it takes (itself when no rule
/// applies), always one whose origin is [`identified`] when any of the claims joined with it
/// has one:
/// - in one article, on one side, the people it names are the origins of their own: a claim
///   whose origin is not [`identified`] (a pronoun, a role without a name, a document,
///   unnamed officials, a poll's share) or is not a person (a body, a group, an outlet, a
///   study) shares the origin of the article's first claim of the proposition on its side
///   from a named person, else from an identified source, else with any source ("Reince
///   Priebus said …" and later "the chairman said …"; "the Times/CBS survey found …" and
///   "the poll found …"; "Colorado Republican leaders noted …" beside the front-runner's
///   complaint). On news of one campaign such a source was nearly always the article telling
///   one report again: of 27 propositions one article alone "corroborated" in a sample of
///   PolNeAR train, one was two sources confirming each other, and none of the false ones
///   that this rule folds named two people. An origin a claim relays, unless a pronoun, is
///   the one its text cites ("citing officials, the Herald reported …"). One on the other side is someone else ("Sanders
///   disavowed remarks by a surrogate who said …"); a claim without a source is its
///   article's report of either side;
/// - a claim whose content is written like another's on its side in another article is that
///   claim's report: at least [`REPRINT_WORDS`] words, the same words in the same order, when
///   either origin is not identified (a wire story reprinted under another id scopes its
///   "who" to each copy), and at least [`REWRITE_WORDS`] whoever each copy names; in one
///   article, two sources of one content are a relay ("citing officials, the Herald
///   reported …"), which links tell;
/// - claims on one side that quote one run of [`QUOTED_RUN`] words alike share an origin;
/// - a poll's shares on one side are one origin, what polls found;
/// - a name shares the origin of the one longer spelling of it in the proposition (see
///   [`spells_longer`]: "Obama" and "Barack Obama", "Gov. Mike Pence", "Elizabeth Warren
///   (D-MA)").
///
/// Two people one article names who say the same thing stay two origins ("Peskov said X.
/// Anna Berg said X.").
pub fn shared_origins(claims: &[OriginClaim<'_>]) -> Vec<usize> {
    let n = claims.len();
    let known: Vec<bool> = claims
        .iter()
        .map(|c| c.origin.is_some_and(identified))
        .collect();
    let mut sets = DisjointSets::new(n);
    // In one article: its first claim from a named person, else its first identified, else
    // its first with a source. Keyed by article and side; `None`: either side, for claims
    // without a source.
    let person = |i: usize| known[i] && claims[i].kind == Some(SourceKind::Person);
    let mut anchor: HashMap<(&str, Option<Stance>), usize> = HashMap::new();
    for pass in 0..3 {
        for (i, c) in claims.iter().enumerate() {
            let first = match pass {
                0 => person(i),
                1 => known[i],
                _ => c.origin.is_some(),
            };
            if first {
                anchor.entry((c.article, Some(c.stance))).or_insert(i);
                anchor.entry((c.article, None)).or_insert(i);
            }
        }
    }
    for (i, c) in claims.iter().enumerate() {
        // A person is one of their own; so is whom a named relay cites, unless a pronoun.
        let cited = c.relayed && c.origin.is_some_and(|o| !is_pronoun_origin(o));
        if !(person(i) || cited) {
            let side = c.origin.map(|_| c.stance);
            if let Some(&a) = anchor.get(&(c.article, side)) {
                sets.union(i, a);
            }
        }
    }
    // Written alike: one report.
    let mut first_written: HashMap<(String, Stance), usize> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        let words = words(c.content);
        let count = words.split(' ').count();
        if count < REPRINT_WORDS {
            continue;
        }
        match first_written.get(&(words.clone(), c.stance)) {
            Some(&first)
                if claims[first].article != c.article
                    && (!known[i] || !known[first] || count >= REWRITE_WORDS) =>
            {
                sets.union(i, first)
            }
            Some(_) => {}
            None => {
                first_written.insert((words, c.stance), i);
            }
        }
    }
    // Words quoted alike were said once.
    let mut first_quoting: HashMap<&[String], usize> = HashMap::new();
    let quoted: Vec<Vec<String>> = claims.iter().map(|c| quoted_words(c.content)).collect();
    for (i, words) in quoted.iter().enumerate() {
        for run in words.windows(QUOTED_RUN) {
            match first_quoting.get(run) {
                Some(&first) if claims[first].stance == claims[i].stance => sets.union(i, first),
                Some(_) => {}
                None => {
                    first_quoting.insert(run, i);
                }
            }
        }
    }
    // A poll's shares on one side, across articles: what polls found is one origin.
    let poll = |i: usize| claims[i].origin.is_some_and(is_poll_share_origin);
    let mut first_poll: HashMap<Stance, usize> = HashMap::new();
    for i in (0..n).filter(|&i| poll(i)) {
        let first = *first_poll.entry(claims[i].stance).or_insert(i);
        sets.union(i, first);
    }
    // A name and the one longer spelling of it in the proposition, found through each
    // spelling's shorter ones (a hash lookup a claim, whatever the number of sources).
    let slug = |i: usize| claims[i].origin.and_then(source_slug_from_iri);
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for i in (0..n).filter(|&i| known[i]) {
        if let Some(s) = slug(i) {
            first_of.entry(s).or_insert(i);
        }
    }
    let mut longer_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for &long in first_of.keys() {
        for short in shorter_spellings(long) {
            longer_of.entry(short).or_default().push(long);
        }
    }
    for i in (0..n).filter(|&i| known[i]) {
        if let Some([long]) = slug(i).and_then(|s| longer_of.get(s)).map(Vec::as_slice) {
            sets.union(i, first_of[long]);
        }
    }
    // Each set takes the origin of its first claim from a named person that no other spells
    // longer, else from an identified source no other spells longer, else its first
    // identified, else its first with a source.
    let rank = |i: usize| match (known[i], slug(i)) {
        (true, Some(s)) if !longer_of.contains_key(s) => u8::from(!person(i)),
        (true, _) => 2,
        _ if claims[i].origin.is_some() => 3,
        _ => 4,
    };
    let mut best: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let root = sets.find(i);
        let entry = best.entry(root).or_insert(i);
        if rank(i) < rank(*entry) {
            *entry = i;
        }
    }
    (0..n).map(|i| best[&sets.find(i)]).collect()
}

/// Whether source slug `long` spells the source `short` names at more length: a title or
/// first name before it ("obama" in "barack-obama", "mike-pence" in "gov-mike-pence"), or a
/// party and state after it ("elizabeth-warren-d-ma"). An organisation before a person's name
/// is someone else ("fox-news" and "fox-news-sean-hannity").
pub fn spells_longer(short: &str, long: &str) -> bool {
    if let Some(before) = long.strip_suffix(short) {
        return before.ends_with('-');
    }
    let Some(after) = long.strip_prefix(short).and_then(|a| a.strip_prefix('-')) else {
        return false;
    };
    let mut words = after.split('-');
    let party = words.next().is_some_and(|w| matches!(w, "d" | "r" | "i"));
    let state = words.next().is_some_and(|w| (2..=5).contains(&w.len()));
    party && state && words.next().is_none()
}

/// Every slug that `long` [spells longer](spells_longer): its ends after each of its words,
/// and its name before a party and state.
fn shorter_spellings(long: &str) -> impl Iterator<Item = &str> {
    let ends = long.match_indices('-').map(move |(k, _)| &long[k + 1..]);
    let before_party = long
        .match_indices('-')
        .map(move |(k, _)| &long[..k])
        .filter(move |short| spells_longer(short, long));
    ends.chain(before_party)
        .filter(move |short| !short.is_empty() && spells_longer(short, long))
}

/// The words inside quotation marks (straight, curly or doubled single quotes) of a
/// content, lowercased, in order; a quote left open runs to the end.
fn quoted_words(content: &str) -> Vec<String> {
    let normalized = content.replace("''", "\"");
    let mut words = Vec::new();
    let mut inside = false;
    let mut word = String::new();
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    for c in normalized.chars() {
        match c {
            '"' | '“' | '”' => {
                if inside {
                    flush(&mut word, &mut words);
                }
                inside = match c {
                    '“' => true,
                    '”' => false,
                    _ => !inside,
                };
            }
            c if inside && (c.is_alphanumeric() || c == '\'' || c == '’') => {
                word.extend(c.to_lowercase());
            }
            _ => flush(&mut word, &mut words),
        }
    }
    if inside {
        flush(&mut word, &mut words);
    }
    words
}

/// Whether the source IRI (or slug) `origin` names a poll's share ("six-in-10-voters").
pub(super) fn is_poll_share_origin(origin: &str) -> bool {
    let slug = source_slug_from_iri(origin).unwrap_or(origin);
    is_poll_share(&slug.replace('-', " "))
}

/// The words of a content, lowercased, joined by single spaces: how two copies of one report
/// are written alike whatever their quotes, dashes and spacing.
fn words(content: &str) -> String {
    content
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "https://w3id.org/hearsay/id/source/";

    fn claim<'a>(article: &'a str, content: &'a str, origin: Option<&'a str>) -> OriginClaim<'a> {
        OriginClaim {
            article,
            content,
            origin,
            stance: Stance::Asserted,
            kind: Some(SourceKind::Person),
            relayed: false,
        }
    }

    #[test]
    fn unnamed_sources_in_one_article_are_its_named_one_on_their_side() {
        let herald = format!("{ID}serrano-herald");
        let officials = format!("{ID}officials-0123456789abcdef");
        let poll = format!("{ID}poll-0123456789abcdef");
        let mut claims = [
            claim("a", "the lease was signed at a ceremony", Some(&herald)),
            claim("a", "the lease was signed at a ceremony", Some(&officials)),
            claim("a", "the lease was signed at a ceremony", Some(&poll)),
            claim(
                "b",
                "a ceremony marked the signing of the lease",
                Some(&officials),
            ),
        ];
        assert_eq!(shared_origins(&claims), vec![0, 0, 0, 3]);
        // Across sides, unnamed officials are someone else.
        claims[1].stance = Stance::Denied;
        assert_eq!(shared_origins(&claims), vec![0, 1, 0, 3]);
        // Officials a named source cites are whom the text says; a cited "which" is no one.
        claims[1].stance = Stance::Asserted;
        claims[1].relayed = true;
        assert_eq!(shared_origins(&claims), vec![0, 1, 0, 3]);
        let which = format!("{ID}which-0123456789abcdef");
        claims[1].origin = Some(&which);
        assert_eq!(shared_origins(&claims), vec![0, 0, 0, 3]);
    }

    #[test]
    fn in_one_article_the_people_it_names_are_the_origins_on_a_side() {
        let council = format!("{ID}city-council");
        let hale = format!("{ID}jo-hale");
        let lind = format!("{ID}ana-lind");
        let times = format!("{ID}the-times");
        let said = "the bridge will reopen in May";
        let mut claims = [
            claim("a", said, Some(&council)),
            claim("a", said, Some(&hale)),
            claim("a", said, Some(&lind)),
            claim("a", said, Some(&times)),
        ];
        claims[0].kind = Some(SourceKind::Government);
        claims[3].kind = Some(SourceKind::Media);
        // The council and the paper tell the article's first named person's claim again.
        assert_eq!(shared_origins(&claims), vec![1, 1, 2, 1]);
        // With no person on its side, the paper is the council's report.
        claims[1].stance = Stance::Denied;
        claims[2].stance = Stance::Denied;
        assert_eq!(shared_origins(&claims), vec![0, 1, 2, 0]);
    }

    #[test]
    fn long_contents_written_alike_in_two_articles_are_one_report() {
        let sanders = format!("{ID}bernie-sanders");
        let aide = format!("{ID}warren-gunnels");
        let long = "the marriage of his passions and his blunt oration came into vogue among many";
        let short = "the senator will vote against the bill";
        let claims = [
            claim("a", long, Some(&aide)),
            claim("b", long, Some(&sanders)),
            claim("a", short, Some(&aide)),
            claim("b", short, Some(&sanders)),
        ];
        assert_eq!(shared_origins(&claims), vec![0, 0, 2, 3]);
    }

    #[test]
    fn identified_sources_are_named_and_not_poll_shares() {
        assert!(identified(&format!("{ID}reince-priebus")));
        assert!(identified(&format!("{ID}us-officials")));
        assert!(!identified(&format!("{ID}chairman-0123456789abcdef")));
        assert!(!identified(&format!("{ID}who-85d7b95f5d56ea34")));
        assert!(!identified(&format!("{ID}six-in-10-voters")));
        assert!(!identified(&format!("{ID}58-percent-of-latino-voters")));
        assert!(!identified(&format!(
            "{ID}about-half-of-democratic-primary-voters"
        )));
    }

    #[test]
    fn one_origin_under_several_names() {
        let priebus = format!("{ID}reince-priebus");
        let chairman = format!("{ID}chairman-0123456789abcdef");
        let who_a = format!("{ID}who-1111111111111111");
        let who_b = format!("{ID}who-2222222222222222");
        let obama = format!("{ID}obama");
        let barack = format!("{ID}barack-obama");
        let berg = format!("{ID}anna-berg");
        let peskov = format!("{ID}dmitry-peskov");
        let wire = "the agency would resettle refugees in two remote states";
        let reprint = format!("“{}”", wire.to_uppercase());
        let claims = [
            // 0, 1: a name, then its description, in one article.
            claim(
                "a",
                "the party will hold its convention in July",
                Some(&priebus),
            ),
            claim("a", "the convention is in July", Some(&chairman)),
            // 2, 3: a wire story under two ids, "who" scoped to each copy.
            claim("b", wire, Some(&who_a)),
            claim("c", &reprint, Some(&who_b)),
            // 4, 5: a surname and its full name, in two articles.
            claim("d", "the economy is not in decline", Some(&obama)),
            claim("e", "the economy is not in decline at all", Some(&barack)),
            // 6, 7: two named sources of one article, written alike: two origins.
            claim(
                "f",
                "the talks in Geneva will resume next week",
                Some(&peskov),
            ),
            claim(
                "f",
                "the talks in Geneva will resume next week",
                Some(&berg),
            ),
            // 8: no source, in an article with a named one.
            claim("a", "the convention opens in July", None),
        ];
        let shared = shared_origins(&claims);
        assert_eq!(shared[1], 0, "the chairman is Priebus");
        assert_eq!(
            shared[8], 0,
            "an unsourced claim is its article's report of Priebus"
        );
        assert_eq!(shared[2], shared[3], "one wire story");
        assert_eq!(shared[4], 5, "Obama is Barack Obama");
        assert_eq!(shared[5], 5);
        assert_eq!((shared[6], shared[7]), (6, 7), "two named sources stay two");
        assert_eq!(shared[0], 0);
        // The other side, in Priebus's article: someone else.
        let mut denial = claim("a", "the convention is not in July", Some(&chairman));
        denial.stance = Stance::Denied;
        let shared = shared_origins(&[claims[0], denial]);
        assert_eq!(
            shared,
            vec![0, 1],
            "a denial is not its own article's source"
        );
    }

    #[test]
    fn words_quoted_alike_were_said_once() {
        let trump = format!("{ID}donald-trump");
        let candidate = format!("{ID}republican-candidate");
        let comey = format!("{ID}james-comey");
        let claims = [
            claim(
                "a",
                "“I am trying to save lives and prevent the next attack,”",
                Some(&trump),
            ),
            claim(
                "b",
                "''I am trying to save lives and prevent the next attack.''",
                Some(&candidate),
            ),
            claim(
                "c",
                "she was “extremely careless in her handling of very sensitive information”",
                Some(&comey),
            ),
            claim(
                "d",
                "“Ortiz was ‘extremely careless in her handling of very sensitive information.’”",
                Some(&trump),
            ),
            claim(
                "e",
                "Ortiz is “temperamentally unfit to be commander in chief”",
                Some(&comey),
            ),
            claim(
                "f",
                "“Ortiz is temperamentally unfit to be commander in chief,”",
                Some(&trump),
            ),
        ];
        let shared = shared_origins(&claims);
        assert_eq!(shared[1], shared[0], "one speech under two names");
        assert_eq!(shared[3], shared[2], "a tweet quoting Comey relays him");
        assert_ne!(shared[0], shared[2]);
        assert_eq!(
            (shared[4], shared[5]),
            (4, 5),
            "a phrase two repeat is theirs each"
        );
        let mut denial = claims[3];
        denial.stance = Stance::Denied;
        assert_eq!(
            shared_origins(&[claims[2], denial]),
            vec![0, 1],
            "a denial quoting what it denies answers it"
        );
        assert_eq!(
            quoted_words("he said “we will win” and ''we will''"),
            vec!["we", "will", "win", "we", "will"]
        );
    }

    #[test]
    fn longer_spellings_of_one_name() {
        assert!(spells_longer("obama", "barack-obama"));
        assert!(spells_longer("mike-pence", "gov-mike-pence"));
        assert!(spells_longer("elizabeth-warren", "elizabeth-warren-d-ma"));
        assert!(spells_longer("bernie-sanders", "bernie-sanders-i-vt"));
        assert!(!spells_longer("fox-news", "fox-news-sean-hannity"));
        assert!(!spells_longer("ama", "barack-obama"));
        assert!(!spells_longer("obama", "obama"));
        let shorter: Vec<&str> = shorter_spellings("gov-mike-pence").collect();
        assert_eq!(shorter, vec!["mike-pence", "pence"]);
        let shorter: Vec<&str> = shorter_spellings("elizabeth-warren-d-ma").collect();
        assert!(shorter.contains(&"elizabeth-warren"), "{shorter:?}");
        assert!(shorter
            .iter()
            .all(|s| spells_longer(s, "elizabeth-warren-d-ma")));
    }

    #[test]
    fn a_surname_two_full_names_end_in_stays_apart() {
        let clinton = format!("{ID}clinton");
        let hillary = format!("{ID}hillary-clinton");
        let bill = format!("{ID}bill-clinton");
        let claims = [
            claim("a", "the plan will cut taxes", Some(&clinton)),
            claim("b", "the plan will cut taxes for most", Some(&hillary)),
            claim("c", "the plan will cut taxes for many", Some(&bill)),
        ];
        assert_eq!(shared_origins(&claims), vec![0, 1, 2]);
    }
}
