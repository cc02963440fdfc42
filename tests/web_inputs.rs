//! Web inputs end to end: HTML pages, RSS and Atom feeds and WARC archives, read through the
//! library and through the real binary (`hearsay read`, `hearsay ingest` into a store in a
//! temp dir). The pages and feeds are fixtures written for these tests
//! (`tests/fixtures/web`); the archives are written here, with the warc crate.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{NaiveDate, TimeZone, Utc};
use flate2::write::GzEncoder;
use flate2::Compression;
use hearsay::article::{read_inputs, Article, ArticleError};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;
use warc::{BufferedBody, Record, RecordBuilder, RecordType, WarcHeader, WarcWriter};

const WEB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/web");
const PAGE_URL: &str = "https://courier.example/news/2026/harbour-bridge-repairs";

fn fixture(name: &str) -> PathBuf {
    Path::new(WEB).join(name)
}

fn read(paths: &[PathBuf]) -> Vec<Result<Article, ArticleError>> {
    read_inputs(paths).collect()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The page's article paragraphs, and what surrounds them on the page but is not article.
const ARTICLE_PARTS: &[&str] = &[
    "will close to traffic for six weeks",
    "Council leader Ruth Adeyemi said",
    "Shop owners on the waterfront warned",
    "extra ferries would run every twenty minutes",
    "two of its twelve bearings had cracked",
];
const NOT_ARTICLE: &[&str] = &[
    "Subscribe today",                 // navigation
    "Win a cruise",                    // advertisement
    "photographed last winter",        // caption
    "I have been saying so for years", // comment
    "Ferry fares to rise in spring",   // related link
    "All rights reserved",             // footer
];

#[test]
fn a_page_gives_its_main_text_and_metadata() {
    let items = read(&[fixture("harbour-bridge.html")]);
    let [Ok(article)] = items.as_slice() else {
        panic!("{items:?}");
    };
    for part in ARTICLE_PARTS {
        assert!(
            article.text.contains(part),
            "missing {part:?} in {}",
            article.text
        );
    }
    for part in NOT_ARTICLE {
        assert!(
            !article.text.contains(part),
            "kept {part:?} in {}",
            article.text
        );
    }
    assert_eq!(
        article.title.as_deref(),
        Some("Harbour bridge to close for repairs, council says")
    );
    assert_eq!(article.date, ymd(2026, 3, 14));
    assert_eq!(article.author.as_deref(), Some("Maria Okafor"));
    assert_eq!(article.publisher.as_deref(), Some("The Coastal Courier"));
    assert_eq!(article.url.as_deref(), Some(PAGE_URL));
}

#[test]
fn a_gzipped_page_reads_as_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = std::fs::read(fixture("harbour-bridge.html")).expect("fixture");
    let gzipped = dir.path().join("bridge.html.gz");
    std::fs::write(&gzipped, gzip(&page)).expect("write");
    let plain = read(&[fixture("harbour-bridge.html")]);
    let unzipped = read(&[gzipped]);
    let text = |items: &[Result<Article, ArticleError>]| match items {
        [Ok(a)] => a.text.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(text(&plain), text(&unzipped));
}

#[test]
fn feed_items_are_articles_and_an_item_without_text_is_one_error() {
    let items = read(&[fixture("newsroom.rss")]);
    assert_eq!(items.len(), 3, "{items:?}");
    let fares = items[0].as_ref().expect("first item");
    assert_eq!(
        fares.title.as_deref(),
        Some("Ferry fares to rise in spring")
    );
    assert_eq!(
        fares.url.as_deref(),
        Some("https://courier.example/news/ferry-fares")
    );
    assert_eq!(fares.date, ymd(2026, 3, 10));
    assert_eq!(fares.author.as_deref(), Some("Tom Reyes"));
    assert_eq!(fares.publisher.as_deref(), Some("The Coastal Courier"));
    // The full content, not the summary, turned from HTML into paragraphs.
    assert!(
        fares.text.contains("fuel costs had doubled"),
        "{}",
        fares.text
    );
    assert!(!fares.text.contains("<p>"), "{}", fares.text);
    assert!(fares.text.contains("on Tuesday.\n"), "{}", fares.text);
    // Without content, the (HTML) description is the text.
    let road = items[1].as_ref().expect("second item");
    assert_eq!(
        road.text,
        "The inland road reopened two days early, highway officials said on Monday."
    );
    let err = items[2].as_ref().expect_err("an item without text");
    assert!(err.to_string().contains("newsroom.rss item 3"), "{err}");

    let atom = read(&[fixture("newsroom.atom")]);
    let [Ok(library), Ok(market)] = atom.as_slice() else {
        panic!("{atom:?}");
    };
    assert_eq!(
        library.url.as_deref(),
        Some("https://gazette.example/school-library")
    );
    assert_eq!(library.date, ymd(2026, 3, 12));
    assert_eq!(library.author.as_deref(), Some("Ana Lima"));
    assert!(
        library
            .text
            .contains("Four thousand books\nA reading garden"),
        "{}",
        library.text
    );
    assert_eq!(
        market.date,
        ymd(2026, 3, 11),
        "updated, when never published"
    );
    assert!(
        market.text.starts_with("The weekly market"),
        "{}",
        market.text
    );
}

#[test]
fn an_xml_file_that_is_no_feed_is_one_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sitemap = dir.path().join("sitemap.xml");
    std::fs::write(
        &sitemap,
        "<urlset><url><loc>https://a.example/</loc></url></urlset>",
    )
    .expect("write");
    let items = read(&[sitemap]);
    let [Err(err)] = items.as_slice() else {
        panic!("{items:?}");
    };
    assert!(err.to_string().contains("not an RSS or Atom feed"), "{err}");
}

// ---- WARC archives, written here ----

fn crawl_date() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 15, 6, 0, 0)
        .single()
        .expect("date")
}

fn record(kind: RecordType, uri: &str, content_type: &str, body: Vec<u8>) -> Record<BufferedBody> {
    RecordBuilder::default()
        .version("1.0".to_string())
        .warc_type(kind)
        .date(crawl_date())
        .header(WarcHeader::TargetURI, uri)
        .header(WarcHeader::ContentType, content_type)
        .body(body)
        .build()
        .expect("record")
}

fn http_response(uri: &str, head: &str, body: &[u8]) -> Record<BufferedBody> {
    let mut message = head.replace('\n', "\r\n").into_bytes();
    message.extend_from_slice(b"\r\n");
    message.extend_from_slice(body);
    record(
        RecordType::Response,
        uri,
        "application/http; msgtype=response",
        message,
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// A crawl as Common Crawl writes one: a warcinfo record, a request before each response,
/// pages, an image, a redirect, and (when `with_bad_record`) a response whose HTTP head is
/// garbage, between two good pages.
fn crawl_records(with_bad_record: bool) -> Vec<Record<BufferedBody>> {
    let page = std::fs::read(fixture("harbour-bridge.html")).expect("fixture");
    let short_page = b"<html><head><title>Quay notice</title></head><body><article>\
        <p>The quay will be closed on Sunday for the regatta, the harbour master said, and \
        boats must leave their moorings by Saturday evening.</p>\
        <p>Owners who cannot move their boats should call the harbour office, she said.</p>\
        </article></body></html>";
    let mut records = vec![
        record(
            RecordType::WarcInfo,
            "",
            "application/warc-fields",
            b"software: hearsay tests\r\n".to_vec(),
        ),
        record(
            RecordType::Request,
            PAGE_URL,
            "application/http; msgtype=request",
            b"GET /news/2026/harbour-bridge-repairs HTTP/1.1\r\nHost: courier.example\r\n\r\n"
                .to_vec(),
        ),
        http_response(
            &format!("{PAGE_URL}?utm_source=feed"),
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\n",
            &page,
        ),
        http_response(
            "https://courier.example/img/bridge.jpg",
            "HTTP/1.1 200 OK\nContent-Type: image/jpeg\n",
            b"\xff\xd8\xff\xe0 not really a jpeg",
        ),
        http_response(
            "https://courier.example/old-link",
            "HTTP/1.1 301 Moved Permanently\nLocation: /news\nContent-Type: text/html\n",
            b"<html><body>Moved</body></html>",
        ),
    ];
    if with_bad_record {
        records.push(http_response(
            "https://courier.example/broken",
            "this is not an HTTP response at all\n",
            b"<html></html>",
        ));
    }
    // Sent compressed: the archive keeps the body as it came over the wire.
    records.push(http_response(
        "https://courier.example/news/quay-notice",
        "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\n",
        &gzip(short_page),
    ));
    records
}

/// Writes `records` as `name` in `dir`; a `.warc.gz` gets one gzip member per record.
fn write_warc(dir: &Path, name: &str, records: &[Record<BufferedBody>]) -> PathBuf {
    let path = dir.join(name);
    let mut bytes = Vec::new();
    for record in records {
        let mut one = Vec::new();
        WarcWriter::new(&mut one)
            .write(record)
            .expect("write record");
        if name.ends_with(".gz") {
            bytes.extend(gzip(&one));
        } else {
            bytes.extend(one);
        }
    }
    std::fs::write(&path, bytes).expect("write warc");
    path
}

#[test]
fn each_html_response_in_an_archive_is_an_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["crawl.warc", "crawl.warc.gz"] {
        let warc = write_warc(dir.path(), name, &crawl_records(false));
        let items = read(&[warc]);
        let [Ok(bridge), Ok(quay)] = items.as_slice() else {
            panic!("{name}: {items:?}");
        };
        // The record's target is the URL, whatever the page calls itself.
        assert_eq!(
            bridge.url.as_deref(),
            Some(format!("{PAGE_URL}?utm_source=feed").as_str())
        );
        assert!(bridge.text.contains("Council leader Ruth Adeyemi said"));
        assert!(!bridge.text.contains("Win a cruise"));
        // The page's own date first; the crawl's date when the page gives none.
        assert_eq!(bridge.date, ymd(2026, 3, 14));
        assert_eq!(quay.date, ymd(2026, 3, 15));
        assert!(
            quay.text.contains("closed on Sunday for the regatta"),
            "{}",
            quay.text
        );
        assert!(quay.origin.contains("record 6 ("), "{}", quay.origin);
    }
}

#[test]
fn a_bad_record_is_one_error_and_the_records_after_it_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let warc = write_warc(dir.path(), "crawl.warc.gz", &crawl_records(true));
    let items = read(&[warc]);
    assert_eq!(items.len(), 3, "{items:?}");
    let err = items[1].as_ref().expect_err("the broken record");
    assert!(
        err.to_string()
            .contains("record 6 (https://courier.example/broken): not an HTTP response"),
        "{err}"
    );
    assert!(items[2].as_ref().is_ok_and(|a| a.text.contains("regatta")));
}

#[test]
fn a_truncated_archive_keeps_the_records_before_the_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let whole = write_warc(dir.path(), "whole.warc", &crawl_records(false));
    let bytes = std::fs::read(&whole).expect("read");
    let cut = dir.path().join("cut.warc");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).expect("write");
    let items = read(&[cut]);
    let [Ok(bridge), Err(err)] = items.as_slice() else {
        panic!("{items:?}");
    };
    assert!(bridge.text.contains("Council leader"));
    assert!(
        err.to_string().contains("cut.warc record 6: the file ends"),
        "{err}"
    );
}

// ---- the real binary ----

fn hearsay(store: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("hearsay").expect("binary");
    cmd.env_remove("HEARSAY_STORE")
        .arg("--store")
        .arg(store)
        .args(args);
    cmd
}

/// A directory with every kind of web input: the page, both feeds and an archive.
fn web_inputs(dir: &TempDir, with_bad_record: bool) -> PathBuf {
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).expect("mkdir");
    for name in ["harbour-bridge.html", "newsroom.rss", "newsroom.atom"] {
        std::fs::copy(fixture(name), inputs.join(name)).expect("copy");
    }
    write_warc(&inputs, "crawl.warc.gz", &crawl_records(with_bad_record));
    inputs
}

#[test]
fn read_prints_every_article_as_a_json_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = web_inputs(&dir, false);
    let out = hearsay(
        &dir.path().join("store"),
        &["read", inputs.to_str().expect("path")],
    )
    .assert()
    .code(2) // the photo gallery item has no text
    .stderr(predicate::str::contains("newsroom.rss item 3"))
    .get_output()
    .stdout
    .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    // Directory order: crawl.warc.gz (2), the page, the Atom feed (2), the RSS feed (2).
    assert_eq!(lines.len(), 7, "{lines:?}");
    let page = &lines[2];
    for key in [
        "id",
        "origin",
        "url",
        "title",
        "date",
        "author",
        "publisher",
        "text",
    ] {
        assert!(page.get(key).is_some(), "no {key} in {page}");
    }
    assert_eq!(page["url"], PAGE_URL);
    assert_eq!(page["date"], "2026-03-14");
    assert_eq!(page["author"], "Maria Okafor");
    assert_eq!(page["publisher"], "The Coastal Courier");
    assert_eq!(page["id"].as_str().map(str::len), Some(16));
    assert!(page["text"]
        .as_str()
        .is_some_and(|t| t.contains("Council leader Ruth Adeyemi said")));
    // Nothing was stored: read needs no store.
    assert!(!dir.path().join("store").exists());
}

#[test]
fn web_inputs_ingest_once_and_again_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = web_inputs(&dir, true);
    let store = dir.path().join("store");
    let inputs = inputs.to_str().expect("path");
    // Two bad records (the broken WARC response, the item without text): one line each.
    let assert = hearsay(&store, &["ingest", "--no-progress", inputs])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ingested 7 articles"));
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("record 6") || l.contains("item 3"))
        .collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors.iter().all(|l| l.starts_with("hearsay: ")),
        "{stderr}"
    );

    let export = || {
        let out = hearsay(&store, &["export", "--format", "nquads"])
            .output()
            .expect("export");
        let mut lines: Vec<String> = String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort_unstable();
        lines
    };
    let first = export();
    // One named graph per article, named from its URL.
    let graphs: std::collections::BTreeSet<&str> = first
        .iter()
        .filter_map(|l| l.rsplit(' ').nth(1))
        .filter(|g| g.contains("/id/article/"))
        .collect();
    assert_eq!(graphs.len(), 7, "{graphs:?}");
    let claims = hearsay(&store, &["claims", "--source", "Ruth Adeyemi"])
        .output()
        .expect("claims");
    assert!(String::from_utf8_lossy(&claims.stdout).contains("could not wait"));

    hearsay(&store, &["ingest", "--no-progress", inputs])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ingested 7 articles (7 unchanged)",
        ));
    assert_eq!(first, export());
}
