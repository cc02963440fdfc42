//! Reading articles through the public API: real files in temp dirs, and the shared seed,
//! PolNeAR and Wikinews files read in place.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hearsay::article::{read_inputs, strip_boilerplate, Article, ArticleError};

const SEED_TXT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/kim-putin-visit.txt"
);
const SEED_JSONL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/seed.jsonl");
const POLNEAR_DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/eval/polnear/dev.jsonl"
);
const WIKINEWS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/wikinews/wikinews_2019.csv"
);

/// Reads `paths`, rendering each item as `ok ORIGIN` or the error message.
fn outcomes(paths: &[PathBuf]) -> Vec<String> {
    read_inputs(paths)
        .map(|item| match item {
            Ok(a) => format!("ok {}", a.origin),
            Err(e) => e.to_string(),
        })
        .collect()
}

fn read_one(path: &Path) -> Article {
    let mut items: Vec<_> = read_inputs(&[path.to_path_buf()]).collect();
    assert_eq!(items.len(), 1, "{path:?}");
    match items.remove(0) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    }
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, content).unwrap();
    path
}

#[test]
fn seed_article_loses_its_aggregator_tail_and_keeps_its_body() {
    let raw = fs::read_to_string(SEED_TXT).unwrap();
    let article = read_one(Path::new(SEED_TXT));
    assert!(raw.starts_with(&article.text));
    assert!(
        article
            .text
            .ends_with("Ng Han Guan in Fangchuan, China, contributed."),
        "ends with {:?}",
        &article.text[article.text.len().saturating_sub(80)..]
    );
    for boilerplate in [
        "automatic aggregator",
        "All trademarks belong to",
        "Related Articles",
        "Back to top button",
    ] {
        assert!(
            !article.text.contains(boilerplate),
            "{boilerplate:?} survived"
        );
    }
    // The headline stays once, at the top; its repetition at the end is gone.
    let headline = raw.lines().next().unwrap();
    assert_eq!(article.text.matches(headline).count(), 1);
    assert!(article.text.starts_with(headline));
    // The body survives whole.
    assert!(article
        .text
        .contains("Some analysts say a potential meeting between Kim and Putin"));
    assert_eq!(article.title.as_deref(), Some(headline));
}

/// Gold offsets are code points into the gold text; truncation must keep every one inside.
fn assert_gold_offsets_survive(path: &str) -> (usize, usize) {
    let mut gold: Vec<(String, usize)> = Vec::new();
    for line in fs::read_to_string(path).unwrap().lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut max_end = 0;
        for attribution in row["attributions"].as_array().unwrap() {
            for part in ["source", "cue", "content"] {
                for span in attribution[part].as_array().unwrap() {
                    max_end = max_end.max(span[1].as_u64().unwrap() as usize);
                }
            }
        }
        gold.push((row["text"].as_str().unwrap().to_string(), max_end));
    }
    let articles: Vec<Article> = read_inputs(&[PathBuf::from(path)])
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(articles.len(), gold.len());
    let mut cut = 0;
    for (article, (text, max_end)) in articles.iter().zip(&gold) {
        assert!(text.starts_with(&article.text), "{}", article.origin);
        assert!(
            article.text.chars().count() >= *max_end,
            "{}: a gold span ends at {max_end}, past the kept text",
            article.origin
        );
        if article.text.len() < text.len() {
            cut += 1;
        }
    }
    (cut, articles.len())
}

#[test]
fn gold_json_lines_keep_their_offsets() {
    let (cut, total) = assert_gold_offsets_survive(SEED_JSONL);
    assert_eq!((cut, total), (1, 1));
    let seed = read_one(Path::new(SEED_JSONL));
    assert_eq!(seed.id.as_deref(), Some("seed-kim-putin-visit"));
    assert_eq!(seed.origin, format!("{SEED_JSONL} line 1"));
    assert!(seed.text.ends_with("contributed."));

    let (_, total) = assert_gold_offsets_survive(POLNEAR_DEV);
    assert_eq!(total, 84);
}

#[test]
fn polnear_rows_carry_publisher_and_date() {
    let first = read_inputs(&[PathBuf::from(POLNEAR_DEV)])
        .next()
        .unwrap()
        .unwrap();
    assert!(first.id.is_some());
    assert!(first.publisher.is_some());
    assert!(first.date.is_some());
}

#[test]
fn wikinews_csv_reads_every_row_with_its_metadata() {
    let articles: Vec<Article> = read_inputs(&[PathBuf::from(WIKINEWS)])
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(articles.len(), 171);
    let first = &articles[0];
    assert_eq!(first.origin, format!("{WIKINEWS} line 2"));
    assert_eq!(first.date, NaiveDate::from_ymd_opt(2019, 1, 4));
    assert_eq!(
        first.title.as_deref(),
        Some("Magnitogorsk apartment building collapses after explosion, dozens dead")
    );
    assert!(first
        .url
        .as_deref()
        .unwrap()
        .starts_with("https://en.wikinews.org/"));
    assert!(first.text.contains("Magnitogorsk"));
    for a in &articles {
        assert!(
            a.date.is_some_and(|d| d.to_string().starts_with("2019-")),
            "{}",
            a.origin
        );
        assert!(a.title.is_some() && a.url.is_some(), "{}", a.origin);
    }
}

#[test]
fn front_matter_gives_metadata_and_the_body_stays_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "kim.txt",
        "---\ntitle: Kim to visit Russia\ndate: 2026-11-20\nurl: https://example.org/a\n\
         publisher: Example Wire\nauthor: Jane Doe\nmood: unknown keys are ignored\n---\n\
         Kim will visit Russia\n\nOfficials said the visit was planned.\n",
    );
    let a = read_one(&path);
    assert_eq!(a.origin, path.display().to_string());
    assert_eq!(a.title.as_deref(), Some("Kim to visit Russia"));
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(a.publisher.as_deref(), Some("Example Wire"));
    assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    assert_eq!(a.id, None);
    assert_eq!(
        a.text,
        "Kim will visit Russia\n\nOfficials said the visit was planned.\n"
    );

    let plain = write(dir.path(), "plain.md", "A headline\n\nA body.\n");
    let a = read_one(&plain);
    assert_eq!(a.title.as_deref(), Some("A headline"));
    assert_eq!(a.text, "A headline\n\nA body.\n");
}

#[test]
fn csv_with_quoted_newlines_and_a_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "corpus.csv",
        "id,date,title,text,extra\n\
         a1,\"Friday, January 4, 2019\",One,\"First paragraph.\n\nSecond, \"\"quoted\"\".\",x\n\
         a2,2019-01-05,Two\n\
         a3,not a date,Three,Third article.,y\n",
    );
    let items: Vec<_> = read_inputs(std::slice::from_ref(&path)).collect();
    assert_eq!(items.len(), 3);
    let one = items[0].as_ref().unwrap();
    assert_eq!(one.id.as_deref(), Some("a1"));
    assert_eq!(one.date, NaiveDate::from_ymd_opt(2019, 1, 4));
    assert_eq!(one.text, "First paragraph.\n\nSecond, \"quoted\".");
    let bad = items[1].as_ref().unwrap_err().to_string();
    assert_eq!(
        bad,
        format!(
            "{} line 5: expected 5 fields as in the header, found 3; check the quoting",
            path.display()
        )
    );
    let three = items[2].as_ref().unwrap();
    assert_eq!(three.origin, format!("{} line 6", path.display()));
    assert_eq!((three.date, three.text.as_str()), (None, "Third article."));

    let no_text = write(dir.path(), "no_text.csv", "title,body\nT,B\n");
    assert_eq!(
        outcomes(std::slice::from_ref(&no_text)),
        [format!(
            "{}: the CSV header has no \"text\" column (found: title, body); name the article text column \"text\"",
            no_text.display()
        )]
    );
}

#[test]
fn json_lines_bad_rows_are_reported_with_their_line_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "a.jsonl",
        concat!(
            "{\"id\": \"one\", \"text\": \"First.\", \"attributions\": []}\n",
            "{\"id\": \"two\"}\n",
            "not json\n",
            "\n",
            "{\"id\": \"four\", \"text\": \"   \"}\n",
            "{\"id\": \"five\", \"text\": \"Fifth.\", \"title\": \"Five\", \"date\": \"2016-09-12T10:00:00Z\"}\n",
        ),
    );
    let p = path.display();
    assert_eq!(
        outcomes(std::slice::from_ref(&path)),
        [
            format!("ok {p} line 1"),
            format!("{p} line 2: missing field \"text\""),
            format!("{p} line 3: expected a JSON object ({{\"text\": …}}) on each line"),
            format!("{p} line 5: the article text is empty; add text or leave it out"),
            format!("ok {p} line 6"),
        ]
    );
    let last = read_inputs(&[path]).last().unwrap().unwrap();
    assert_eq!(last.id.as_deref(), Some("five"));
    assert_eq!(last.title.as_deref(), Some("Five"));
    assert_eq!(last.date, NaiveDate::from_ymd_opt(2016, 9, 12));
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "latin1.txt", b"Line one\nCaf\xe9 society\n");
    let jsonl = write(
        dir.path(),
        "rows.jsonl",
        b"{\"text\": \"ok\"}\n{\"text\": \"caf\xe9\"}\n{\"text\": \"also ok\"}\n".as_slice(),
    );
    let csv = write(
        dir.path(),
        "rows.csv",
        b"text\nfine\n\"caf\xe9\"\n".as_slice(),
    );
    assert_eq!(
        outcomes(&[txt.clone(), jsonl.clone(), csv.clone()]),
        [
            format!(
                "{} line 2: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)",
                txt.display()
            ),
            format!("ok {} line 1", jsonl.display()),
            format!(
                "{} line 2: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)",
                jsonl.display()
            ),
            format!("ok {} line 3", jsonl.display()),
            format!("ok {} line 2", csv.display()),
            format!(
                "{} line 3: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)",
                csv.display()
            ),
        ]
    );
}

#[test]
fn binary_empty_missing_and_unknown_inputs_are_errors_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let binary = write(d, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let binary_rows = write(d, "blob.jsonl", b"{\"text\": \"x\"}\n\0\0\0");
    let empty = write(d, "empty.txt", " \n\t\n");
    let no_rows = write(d, "empty.jsonl", "\n\n");
    let missing = d.join("missing.txt");
    let unknown = write(d, "notes.pdf", "%PDF-1.4");
    let good = write(d, "good.txt", "Officials said it was fine.");
    let items = outcomes(&[
        binary.clone(),
        binary_rows.clone(),
        empty.clone(),
        no_rows.clone(),
        missing.clone(),
        unknown.clone(),
        good.clone(),
    ]);
    assert_eq!(
        items,
        [
            format!(
                "{} is a binary file, not text; give .txt, .md, .csv, .jsonl or .json files",
                binary.display()
            ),
            format!(
                "{} is a binary file, not text; give .txt, .md, .csv, .jsonl or .json files",
                binary_rows.display()
            ),
            format!(
                "{}: the article text is empty; add text or leave it out",
                empty.display()
            ),
            format!(
                "{} holds no articles; check that it is the right file",
                no_rows.display()
            ),
            format!("no such file: {}; check the path", missing.display()),
            format!(
                "cannot tell the format of {} from its extension; use .txt, .md, .csv, .jsonl, .json, .html, .htm, .rss, .atom, .xml or .warc (the last five may be gzipped, as .html.gz)",
                unknown.display()
            ),
            format!("ok {}", good.display()),
        ]
    );
    let err = read_inputs(&[missing]).next().unwrap().unwrap_err();
    assert!(matches!(err, ArticleError::NotFound { .. }));
}

#[test]
fn directories_are_walked_in_sorted_order_skipping_hidden_docs_and_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "b.txt", "Bee.");
    write(d, "a/z.md", "Zed.");
    write(
        d,
        "a/y.jsonl",
        "{\"text\": \"Why.\"}\n{\"text\": \"Wye.\"}\n",
    );
    write(d, "c.csv", "text\nSee.\n");
    write(d, "d.json", "[{\"text\": \"Dee.\"}]");
    write(d, ".hidden.txt", "Hidden.");
    write(d, ".git/x.txt", "Hidden too.");
    write(d, "notes.pdf", "%PDF");
    write(d, "README", "No extension.");
    let got = outcomes(&[d.to_path_buf()]);
    let p = |name: &str| d.join(name).display().to_string();
    assert_eq!(
        got,
        [
            format!("ok {} line 1", p("a/y.jsonl")),
            format!("ok {} line 2", p("a/y.jsonl")),
            format!("ok {}", p("b.txt")),
            format!("ok {} line 2", p("c.csv")),
        ]
    );
    // Same tree, same order.
    assert_eq!(outcomes(&[d.to_path_buf()]), got);
}

#[test]
fn a_directory_without_articles_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let other = dir.path().join("other");
    write(&other, "photo.jpg", "jpg");
    write(&other, ".draft.txt", "Hidden.");
    assert_eq!(
        outcomes(&[empty.clone(), other.clone()]),
        [
            format!(
                "no articles (.txt, .csv, .jsonl, .html, .htm, .rss, .atom, .warc) found under {}; check the directory, or name .md, .json and .xml files one by one",
                empty.display()
            ),
            format!(
                "no articles (.txt, .csv, .jsonl, .html, .htm, .rss, .atom, .warc) found under {}; check the directory, or name .md, .json and .xml files one by one",
                other.display()
            ),
        ]
    );
}

#[test]
fn strip_boilerplate_leaves_an_ordinary_article_alone() {
    let articles: Vec<Article> = read_inputs(&[PathBuf::from(WIKINEWS)])
        .collect::<Result<_, _>>()
        .unwrap();
    // Wikinews articles carry no aggregator tail: reading them must not cut anything.
    let mut rows = csv::Reader::from_path(WIKINEWS).unwrap();
    for (record, article) in rows.records().zip(&articles) {
        let record = record.unwrap();
        let text = &record[3];
        assert_eq!(strip_boilerplate(text), text, "{}", article.origin);
        assert_eq!(article.text, text);
    }
}
