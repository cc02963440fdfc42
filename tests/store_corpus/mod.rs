//! The test corpus of `tests/store.rs` and `tests/queries.rs`: two hand-written articles
//! with the extractions an extractor should find in them, and an on-disk store holding
//! their graphs (built by `hearsay::graph::article_quads`).
#![allow(dead_code)] // Each test binary uses part of it.

use hearsay::article::Article;
use hearsay::extract::{
    confidence, Attribution, Certainty, Extraction, Link, LinkKind, QuoteKind, SourceKind, Span,
    Stance,
};
use hearsay::graph::{article_iri, article_quads};
use hearsay::store::Store;

pub const LAUNCH_URL: &str = "https://example.org/launch";
pub const SUMMIT_URL: &str = "https://example.org/summit";

/// Written for these tests. The em dash before the first claim's end makes byte and code
/// point offsets differ.
pub const LAUNCH: &str = "North Korea fired a ballistic missile on Monday — its third this month, \
the Korean Central News Agency reported. It said the launch was a routine test. \
South Korean officials denied the launch was routine. \
A source familiar with the matter said the missile may have failed.";

pub const SUMMIT: &str = "The Kremlin denied that Vladimir Putin was ill. \
Analysts said Putin would probably appear in public this week. \
The Korean Central News Agency reported that Kim Jong Un met Putin. \
Two people familiar with the talks said an arms deal was likely. \
This was also reported by Yonhap.";

/// One attribution of a test text, every part given as the text it covers; each part is
/// looked for inside `sentence`, which is looked for in the whole text.
struct Said<'a> {
    sentence: &'a str,
    source: &'a str,
    name: &'a str,
    kind: SourceKind,
    cue: &'a str,
    content: &'a str,
    stance: Stance,
    certainty: Certainty,
}

fn span_in(text: &str, within: Span, needle: &str) -> Vec<Span> {
    if needle.is_empty() {
        return Vec::new();
    }
    let start = text[within.start..within.end]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", &text[within.start..within.end]))
        + within.start;
    vec![Span::new(start, start + needle.len())]
}

fn extraction(text: &str, said: &[Said<'_>], links: &[(usize, LinkKind, usize)]) -> Extraction {
    let attributions = said
        .iter()
        .map(|s| {
            let start = text
                .find(s.sentence)
                .unwrap_or_else(|| panic!("{:?} not in the text", s.sentence));
            let sentence = Span::new(start, start + s.sentence.len());
            Attribution {
                source: span_in(text, sentence, s.source),
                cue: span_in(text, sentence, s.cue),
                content: span_in(text, sentence, s.content),
                sentence,
                source_name: s.name.to_owned(),
                source_kind: s.kind,
                stance: s.stance,
                certainty: s.certainty,
                quote: QuoteKind::Indirect,
                confidence: confidence(s.certainty, s.kind, !s.source.is_empty()),
            }
        })
        .collect();
    let links = links
        .iter()
        .map(|&(from, kind, to)| Link { from, kind, to })
        .collect();
    Extraction {
        attributions,
        links,
    }
}

pub fn article(url: &str, date: (i32, u32, u32), title: &str, text: &str) -> Article {
    Article {
        origin: format!("{url} (test)"),
        id: None,
        title: Some(title.to_owned()),
        date: chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2),
        url: Some(url.to_owned()),
        publisher: Some("Test Wire".to_owned()),
        author: None,
        text: text.to_owned(),
    }
}

/// The two test articles with their extractions, as an extractor should find them.
pub fn corpus() -> Vec<(Article, Extraction)> {
    use Certainty::*;
    use SourceKind::*;
    use Stance::*;
    let launch = article(
        LAUNCH_URL,
        (2023, 9, 11),
        "North Korea fires missile",
        LAUNCH,
    );
    let sentence1 = "North Korea fired a ballistic missile on Monday — its third this month, \
the Korean Central News Agency reported.";
    let launch_said = [
        Said {
            sentence: sentence1,
            source: "the Korean Central News Agency",
            name: "Korean Central News Agency",
            kind: Media,
            cue: "reported",
            content: "North Korea fired a ballistic missile on Monday — its third this month",
            stance: Asserted,
            certainty: Certain,
        },
        Said {
            sentence: "It said the launch was a routine test.",
            source: "It",
            name: "Korean Central News Agency",
            kind: Media,
            cue: "said",
            content: "the launch was a routine test",
            stance: Asserted,
            certainty: Certain,
        },
        Said {
            sentence: "South Korean officials denied the launch was routine.",
            source: "South Korean officials",
            name: "South Korean officials",
            kind: OfficialGroup,
            cue: "denied",
            content: "the launch was routine",
            stance: Denied,
            certainty: Certain,
        },
        Said {
            sentence: "A source familiar with the matter said the missile may have failed.",
            source: "A source familiar with the matter",
            name: "a source familiar with the matter",
            kind: Anonymous,
            cue: "said",
            content: "the missile may have failed",
            stance: Asserted,
            certainty: Possible,
        },
    ];
    let summit = article(SUMMIT_URL, (2023, 10, 2), "Kremlin rejects report", SUMMIT);
    let summit_said = [
        Said {
            sentence: "The Kremlin denied that Vladimir Putin was ill.",
            source: "The Kremlin",
            name: "the Kremlin",
            kind: Government,
            cue: "denied",
            content: "Vladimir Putin was ill",
            stance: Denied,
            certainty: Certain,
        },
        Said {
            sentence: "Analysts said Putin would probably appear in public this week.",
            source: "Analysts",
            name: "Analysts",
            kind: ExpertGroup,
            cue: "said",
            content: "Putin would probably appear in public this week",
            stance: Asserted,
            certainty: Probable,
        },
        Said {
            sentence: "The Korean Central News Agency reported that Kim Jong Un met Putin.",
            source: "The Korean Central News Agency",
            name: "Korean Central News Agency",
            kind: Media,
            cue: "reported",
            content: "Kim Jong Un met Putin",
            stance: Asserted,
            certainty: Certain,
        },
        Said {
            sentence: "Two people familiar with the talks said an arms deal was likely.",
            source: "Two people familiar with the talks",
            name: "two people familiar with the talks",
            kind: Anonymous,
            cue: "said",
            content: "an arms deal was likely",
            stance: Asserted,
            certainty: Probable,
        },
        Said {
            sentence: "This was also reported by Yonhap.",
            source: "Yonhap",
            name: "Yonhap",
            kind: Media,
            cue: "reported",
            content: "",
            stance: Asserted,
            certainty: Certain,
        },
    ];
    let launch_extraction = extraction(&launch.text, &launch_said, &[(2, LinkKind::Denies, 1)]);
    let summit_extraction = extraction(
        &summit.text,
        &summit_said,
        &[(4, LinkKind::Corroborates, 3)],
    );
    vec![(launch, launch_extraction), (summit, summit_extraction)]
}

/// A store on disk in a fresh temporary directory, holding the corpus.
pub fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = Store::open(dir.path().join("store")).expect("a new store opens");
    ingest(&store);
    (dir, store)
}

/// The IRI of claim `position` of the corpus article with `url`.
pub fn claim_iri(url: &str, position: usize) -> String {
    let article = corpus()
        .into_iter()
        .find(|(a, _)| a.url.as_deref() == Some(url))
        .map(|(a, _)| a)
        .expect("a corpus article");
    hearsay::graph::claim_iri(&article_iri(&article), position).into_string()
}

/// Ingests the corpus into `store`, one transaction per article.
pub fn ingest(store: &Store) {
    for (article, extraction) in corpus() {
        let quads = article_quads(&article, &extraction);
        store
            .ingest(article_iri(&article).as_ref(), &quads)
            .expect("ingest");
    }
}
