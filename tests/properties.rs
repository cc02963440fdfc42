//! Property tests (issue 18) over everything input reaches: the readers (text with front
//! matter, CSV, JSON Lines, JSON), the extractor, the exchange format, the graph builder and
//! the store's exports. Whatever the input: nothing panics, every span falls on character
//! boundaries inside the text, offsets in code points stay inside it, and every export
//! parses back with Oxigraph's parsers into the quads the store holds.
//!
//! A few dozen cases per property by default, so CI spends seconds here; set
//! `PROPTEST_CASES` to run long, e.g. in release for ten minutes:
//! `PROPTEST_CASES=200000 cargo test --release --test properties`.

use std::io::Cursor;
use std::path::PathBuf;

use hearsay::article::{read_inputs, Article};
use hearsay::exchange::{from_extraction, read_docs};
use hearsay::extract::{extract, Extraction, Span};
use hearsay::graph::article_iri;
use hearsay::store::{ExportFormat, Store};
use hearsay::track::{article_names, tracked_quads, NameIndex};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, Quad, Term};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// `PROPTEST_CASES` cases when set, else `default`.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // Failures are pinned as plain tests beside the code they hit, not in files here.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces news text is made of, and the characters that trip offset arithmetic: cues,
/// names, pronouns, quotes of every kind, brackets, sentence ends, front-matter markers,
/// multi-byte letters, emoji, combining marks, zero-width and control characters.
const PIECES: &[&str] = &[
    "said",
    "says",
    "told",
    "according to",
    "denied",
    "did not confirm",
    "declined to",
    "reported",
    "citing",
    "quoted",
    "as saying",
    "that",
    "the",
    "a",
    "officials",
    "The",
    "Smith",
    "John Smith",
    "Mr.",
    "U.S.",
    "He",
    "She",
    "it",
    "they",
    "spokesman",
    "of",
    "Korean Central News Agency",
    "(KCNA)",
    "KCNA",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    ",",
    ".",
    "?",
    "!",
    ";",
    ":",
    "—",
    "-",
    "…",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\r\n",
    "---",
    "title:",
    "date: 2024-01-02",
    "é",
    "日本",
    "😀",
    "e\u{301}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
    "Ⅻ",
    "ǅ",
    "İ",
    "ß",
    "0",
    "42",
];

/// Text built from [`PIECES`], joined by spaces or not.
fn newsy_text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), any::<bool>()), 0..120).prop_map(
        |pieces| {
            let mut text = String::new();
            for (piece, space) in pieces {
                text.push_str(piece);
                if space {
                    text.push(' ');
                }
            }
            text
        },
    )
}

/// Any text: news-like, or arbitrary Unicode.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => newsy_text(), 1 => any::<String>(), 1 => "\\PC{0,300}"]
}

/// Checks what extraction promises of `extraction` on `text`.
fn check_extraction(text: &str, extraction: &Extraction) -> Result<(), TestCaseError> {
    let on_boundaries = |span: &Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    for attribution in &extraction.attributions {
        let spans = attribution
            .source
            .iter()
            .chain(&attribution.cue)
            .chain(&attribution.content)
            .chain([&attribution.sentence]);
        for span in spans {
            prop_assert!(on_boundaries(span), "{span:?} in {text:?}");
        }
        prop_assert!(
            (0.0..=1.0).contains(&attribution.confidence),
            "{attribution:?}"
        );
    }
    let claims = extraction.attributions.len();
    for link in &extraction.links {
        prop_assert!(link.from < claims && link.to < claims, "{link:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn extraction_spans_fall_on_character_boundaries(text in any_text()) {
        check_extraction(&text, &extract(&text))?;
    }

    #[test]
    fn exchange_offsets_stay_inside_the_text_and_read_back(text in any_text()) {
        let extraction = extract(&text);
        let doc = from_extraction("doc", &text, &extraction, true);
        let chars = text.chars().count();
        for attribution in &doc.attributions {
            for [start, end] in attribution.source.iter().chain(&attribution.cue).chain(&attribution.content) {
                prop_assert!(start <= end && *end <= chars, "[{start}, {end}] of {chars}");
            }
        }
        let line = serde_json::to_string(&doc).expect("serialize");
        let read = read_docs(Cursor::new(line)).expect("read back");
        prop_assert_eq!(read, vec![doc]);
    }
}

/// A front-matter value: anything on one line, quoted or not.
fn front_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\n]{0,40}",
        "\"[^\n]{0,40}\"",
        Just("2024-02-30".to_owned())
    ]
}

/// A `.txt` article with a front-matter block (sometimes broken) and a body.
fn front_matter_text() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "title",
        "date",
        "url",
        "publisher",
        "author",
        "id",
        "Title",
        "",
        "x y",
    ]);
    (
        prop::collection::vec((keys, front_value()), 0..6),
        any::<bool>(),
        any_text(),
    )
        .prop_map(|(fields, closed, body)| {
            let mut text = String::from("---\n");
            for (key, value) in fields {
                text.push_str(&format!("{key}: {value}\n"));
            }
            if closed {
                text.push_str("---\n");
            }
            text.push_str(&body);
            text
        })
}

/// A CSV file: a header of some of the article columns, then rows of text fields, quoted
/// when they must be (or at random), with stray quotes and short or long rows.
fn csv_text() -> impl Strategy<Value = String> {
    let columns = prop::sample::subsequence(vec!["url", "date", "title", "text", "id"], 0..=5);
    let field = prop_oneof![any_text(), "[,\"\n]{0,5}", Just(String::new())];
    (
        columns,
        prop::collection::vec(prop::collection::vec((field, any::<bool>()), 0..7), 0..5),
    )
        .prop_map(|(columns, rows)| {
            let mut text = columns.join(",");
            text.push('\n');
            for row in rows {
                let fields: Vec<String> = row
                    .into_iter()
                    .map(|(field, quote)| {
                        if quote {
                            format!("\"{}\"", field.replace('"', "\"\""))
                        } else {
                            field
                        }
                    })
                    .collect();
                text.push_str(&fields.join(","));
                text.push('\n');
            }
            text
        })
}

/// A JSON Lines file: article objects with string, number or null fields, and broken lines.
fn json_lines_text() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "text",
        "title",
        "date",
        "url",
        "publisher",
        "author",
        "attributions",
    ]);
    let value = prop_oneof![
        any_text().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        Just(serde_json::json!([1, {"a": "b"}])),
    ];
    let object = prop::collection::vec((key, value), 0..6).prop_map(|fields| {
        serde_json::Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            .to_string()
    });
    let line = prop_oneof![4 => object, 1 => "[^\n]{0,30}"];
    prop::collection::vec(line, 0..5).prop_map(|lines| lines.join("\n"))
}

/// Reads `content` as a file named `name` and checks every article read: extraction keeps
/// its promises on it. Errors are fine (they are reported per item); panics are not.
fn read_as(name: &str, content: &[u8]) -> Result<usize, TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().join(name);
    std::fs::write(&path, content).expect("write input");
    let mut articles = 0;
    for article in read_inputs(&[path]).flatten() {
        prop_assert!(!article.text.trim().is_empty(), "{article:?}");
        check_extraction(&article.text, &extract(&article.text))?;
        articles += 1;
    }
    Ok(articles)
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn text_files_with_front_matter_read_without_panicking(text in front_matter_text()) {
        read_as("a.txt", text.as_bytes())?;
    }

    #[test]
    fn csv_files_read_without_panicking(text in csv_text()) {
        read_as("a.csv", text.as_bytes())?;
    }

    #[test]
    fn json_lines_files_read_without_panicking(text in json_lines_text()) {
        read_as("a.jsonl", text.as_bytes())?;
        read_as("a.json", text.as_bytes())?;
    }

    #[test]
    fn any_bytes_read_without_panicking(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        name in prop::sample::select(vec!["a.txt", "a.csv", "a.jsonl", "a.json", "a.md"]),
    ) {
        read_as(name, &bytes)?;
    }
}

/// An article around `text`, with metadata that may be odd: urls that are no IRIs, blank or
/// multi-line titles.
fn article() -> impl Strategy<Value = Article> {
    let url = prop_oneof![
        Just(None),
        Just(Some("https://example.org/news/1".to_owned())),
        "[^\n]{0,30}".prop_map(Some),
    ];
    let date = prop_oneof![
        Just(None),
        (1i32..=9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d))
    ];
    (
        any_text(),
        url,
        prop::option::of(any_text()),
        prop::option::of("[^\n]{0,20}"),
        date,
    )
        .prop_filter("an article has text", |(text, ..)| !text.trim().is_empty())
        .prop_map(|(text, url, title, id, date)| Article {
            origin: "proptest".to_owned(),
            id,
            title,
            date,
            url,
            publisher: None,
            author: None,
            text,
        })
}

/// The quads of an export of `store` in `format`, parsed back by Oxigraph.
fn parse_export(store: &Store, format: ExportFormat) -> Result<Vec<Quad>, TestCaseError> {
    let bytes = store.export(format, None, Vec::new()).expect("export");
    let rdf = match format {
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::TriG => RdfFormat::TriG,
        ExportFormat::NTriples => RdfFormat::NTriples,
        ExportFormat::NQuads => RdfFormat::NQuads,
        ExportFormat::JsonLd => RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    };
    let parsed: Result<Vec<Quad>, _> = RdfParser::from_format(rdf).for_slice(&bytes).collect();
    match parsed {
        Ok(quads) => Ok(quads),
        Err(err) => Err(TestCaseError::fail(format!(
            "{format:?} export does not parse back: {err}\n{}",
            String::from_utf8_lossy(&bytes)
        ))),
    }
}

/// The offset predicates, whose values count code points into the article text.
const OFFSETS: &[&str] = &[
    "sourceStart",
    "sourceEnd",
    "cueStart",
    "cueEnd",
    "contentStart",
    "contentEnd",
];

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn graphs_store_and_every_export_parses_back(articles in prop::collection::vec(article(), 1..3)) {
        let store = Store::in_memory().expect("store");
        let mut known = NameIndex::new();
        let extracted: Vec<_> = articles.iter().map(|a| (a, extract(&a.text))).collect();
        for (article, extraction) in &extracted {
            known.merge(&article_names(article, extraction));
        }
        for (article, extraction) in &extracted {
            check_extraction(&article.text, extraction)?;
            let quads = tracked_quads(article, extraction, &known);
            let chars = article.text.chars().count() as u64;
            for quad in &quads {
                let predicate = quad.predicate.as_str();
                if OFFSETS.iter().any(|name| predicate.ends_with(name)) {
                    let Term::Literal(literal) = &quad.object else {
                        return Err(TestCaseError::fail(format!("{quad}")));
                    };
                    let offset: u64 = literal.value().parse().expect("an integer offset");
                    prop_assert!(offset <= chars, "{quad} in a text of {chars}");
                }
            }
            store.ingest(article_iri(article).as_ref(), &quads).expect("ingest");
        }
        store.refresh_propositions().expect("propositions");
        let stored = store.len().expect("count");
        for &format in ExportFormat::ALL {
            let parsed = parse_export(&store, format)?;
            if format.keeps_graphs() {
                prop_assert_eq!(parsed.len(), stored, "{:?}", format);
            } else {
                prop_assert!(!parsed.is_empty() && parsed.len() <= stored, "{:?}", format);
            }
        }
        // Each article's text comes back whole, byte for byte (the last of two articles
        // with one IRI replaced the first).
        let nquads = parse_export(&store, ExportFormat::NQuads)?;
        let texts: std::collections::HashMap<_, _> =
            articles.iter().map(|a| (article_iri(a), &a.text)).collect();
        for text in texts.values() {
            let text = Term::from(Literal::new_simple_literal(text.as_str()));
            prop_assert!(nquads.iter().any(|quad| quad.object == text), "{}", text);
        }
    }
}
