//! One origin under several names: which claims of one proposition come from the same
//! origin although their sources are written differently, so that a proposition counts
//! independent origins, not spellings. On news of one campaign, most "corroborations" were
//! one report under two names: a wire story reprinted with its sources scoped to each copy
//! ("who", "the group"), or a source named once and then described ("the chairman", "her
//! statement", "the company").
//! Pure: knows nothing of RDF or the store.

use std::collections::HashMap;

use super::names::{is_poll_share, is_scoped_slug};
use crate::extract::Stance;
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
}

/// Contents of at least this many words written alike are one report: a shorter one ("the
/// plan was approved") may be written alike by two who each saw it.
pub const REPRINT_WORDS: usize = 6;

/// Whether an origin names someone a reader can tell apart from the other origins of a
/// proposition: not a source scoped to its text (a pronoun, a relative pronoun or a
/// description the extractor could not name: "who", "the candidate", "her statement"), and
/// not a share of a poll's respondents ("six in 10 voters", "58 percent of Latino voters"),
/// which is what the poll found, not someone who holds a claim.
pub fn identified(origin: &str) -> bool {
    let slug = source_slug_from_iri(origin).unwrap_or(origin);
    !is_scoped_slug(slug) && !is_poll_share(&slug.replace('-', " "))
}

/// Whether an origin that is not [`identified`] is most likely someone its article names
/// elsewhere: a pronoun, a relative pronoun or a singular description ("who", "they", "the
/// chairman", "her statement"), or a poll's share (the article's poll). Unnamed officials,
/// analysts or sources are people of their own ("citing unnamed officials, the Herald
/// reported …").
fn refers_back(origin: &str) -> bool {
    let slug = source_slug_from_iri(origin).unwrap_or(origin);
    if !is_scoped_slug(slug) {
        return is_poll_share(&slug.replace('-', " "));
    }
    let key = slug.rsplit_once('-').map_or(slug, |(key, _)| key);
    let last = key.rsplit('-').next().unwrap_or(key);
    matches!(
        last,
        "they" | "who" | "which" | "that" | "we" | "us" | "its" | "his" | "her"
    ) || !(last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us"))
}

/// For each claim of one proposition, the claim whose origin it takes (itself when no rule
/// applies), always one whose origin is [`identified`] when any of the claims joined with it
/// has one:
/// - in one article, a claim whose origin refers back to someone the article names (see
///   [`refers_back`]) shares the origin of the article's first claim of the proposition that
///   takes its side and has an identified one ("Reince Priebus said …"
///   and later "the chairman said …"), or, when none has, of its first such claim with a
///   source; one on the other side is someone else ("Sanders disavowed remarks by a surrogate
///   who said …"); a claim without a source is its article's report of either side;
/// - a claim without an identified origin whose content is written like another's on its
///   side in another article (at least [`REPRINT_WORDS`] words, the same words in the same
///   order) is that claim's report: a wire story reprinted under another id scopes its "who"
///   to each copy; in one article, two sources of one content are a relay ("citing
///   officials, the Herald reported …"), which links tell;
/// - a name shares the origin of the one longer spelling of it in the proposition (see
///   [`spells_longer`]: "Obama" and "Barack Obama", "Gov. Mike Pence", "Elizabeth Warren
///   (D-MA)").
///
/// Two identified sources of one article that say the same thing stay two origins ("Peskov
/// said X. Anna Berg said X.").
pub fn shared_origins(claims: &[OriginClaim<'_>]) -> Vec<usize> {
    let n = claims.len();
    let known: Vec<bool> = claims
        .iter()
        .map(|c| c.origin.is_some_and(identified))
        .collect();
    let mut sets = Sets::new(n);
    // In one article: its first identified claim, else its first with a source.
    // Keyed by article and side; `None`: either side, for claims without a source.
    let mut anchor: HashMap<(&str, Option<Stance>), usize> = HashMap::new();
    for pass in [true, false] {
        for (i, c) in claims.iter().enumerate() {
            if (pass && known[i]) || (!pass && c.origin.is_some()) {
                anchor.entry((c.article, Some(c.stance))).or_insert(i);
                anchor.entry((c.article, None)).or_insert(i);
            }
        }
    }
    for (i, c) in claims.iter().enumerate() {
        if !known[i] && c.origin.is_none_or(refers_back) {
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
        if words.split(' ').count() < REPRINT_WORDS {
            continue;
        }
        match first_written.get(&(words.clone(), c.stance)) {
            Some(&first) if (!known[i] || !known[first]) && claims[first].article != c.article => {
                sets.union(i, first)
            }
            Some(_) => {}
            None => {
                first_written.insert((words, c.stance), i);
            }
        }
    }
    // A name and the one longer spelling of it in the proposition.
    let slug = |i: usize| claims[i].origin.and_then(source_slug_from_iri);
    let slugs: Vec<&str> = {
        let mut slugs: Vec<&str> = (0..n).filter(|&i| known[i]).filter_map(slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        slugs
    };
    for i in (0..n).filter(|&i| known[i]) {
        let Some(short) = slug(i) else { continue };
        let mut longer = slugs.iter().filter(|&&long| spells_longer(short, long));
        if let (Some(&long), None) = (longer.next(), longer.next()) {
            if let Some(j) = (0..n).find(|&j| known[j] && slug(j) == Some(long)) {
                sets.union(i, j);
            }
        }
    }
    // Each set takes the origin of its first claim with an identified one that no other
    // spells longer, else its first identified, else its first with a source.
    let rank = |i: usize| match (known[i], slug(i)) {
        (true, Some(s)) if !slugs.iter().any(|&long| spells_longer(s, long)) => 0,
        (true, _) => 1,
        _ if claims[i].origin.is_some() => 2,
        _ => 3,
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

/// Union-find over a proposition's claims.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Sets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
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
        }
    }

    #[test]
    fn unnamed_groups_are_people_of_their_own() {
        assert!(refers_back(&format!("{ID}chairman-0123456789abcdef")));
        assert!(refers_back(&format!("{ID}who-0123456789abcdef")));
        assert!(refers_back(&format!("{ID}they-0123456789abcdef")));
        assert!(refers_back(&format!("{ID}six-in-10-voters")));
        assert!(!refers_back(&format!("{ID}officials-0123456789abcdef")));
        assert!(!refers_back(&format!(
            "{ID}unnamed-analysts-0123456789abcdef"
        )));
        let herald = format!("{ID}serrano-herald");
        let officials = format!("{ID}officials-0123456789abcdef");
        let claims = [
            claim("a", "the lease was signed at a ceremony", Some(&herald)),
            claim("a", "the lease was signed at a ceremony", Some(&officials)),
        ];
        assert_eq!(shared_origins(&claims), vec![0, 1]);
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
    fn longer_spellings_of_one_name() {
        assert!(spells_longer("obama", "barack-obama"));
        assert!(spells_longer("mike-pence", "gov-mike-pence"));
        assert!(spells_longer("elizabeth-warren", "elizabeth-warren-d-ma"));
        assert!(spells_longer("bernie-sanders", "bernie-sanders-i-vt"));
        assert!(!spells_longer("fox-news", "fox-news-sean-hannity"));
        assert!(!spells_longer("ama", "barack-obama"));
        assert!(!spells_longer("obama", "obama"));
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
