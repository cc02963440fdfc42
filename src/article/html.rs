//! Web pages: the article's main text, without navigation, ads, captions, comments or
//! related links, and its title, date, author, publisher and canonical URL. Pages come from
//! `.html` files, WARC records and feeds; this module only sees their bytes.
//!
//! The work is rs-trafilatura's, a Rust port of trafilatura (the extractor that leads the
//! article-extraction benchmark among open tools); `tools/html_benchmark.sh` measures it.
//! Its metadata reads `article:published_time` and the other `<meta>` tags, JSON-LD
//! (`NewsArticle.datePublished`, `author`, `publisher`), `<time>` elements and
//! `<link rel="canonical">`.
//!
//! What rs-trafilatura keeps of lists of related stories, section menus and tag clouds is
//! dropped after it, line by line: a line made mostly of the page's link texts is
//! navigation, not article (body F1 0.955 without this, 0.963 with it, on the benchmark).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

use aho_corasick::{AhoCorasick, MatchKind};
use rs_trafilatura::encoding::transcode_to_utf8;
use rs_trafilatura::{extract_with_options, Options};

use super::text::{finish, BINARY_SNIFF_BYTES};
use super::{Article, ArticleError};

/// The largest page read, in bytes once decompressed: far beyond any article page (the
/// benchmark's largest is under 2 MB), and small enough that a stray video never fills memory.
pub(crate) const MAX_PAGE_BYTES: u64 = 32 << 20;

/// A line whose characters are at least this share link text is a link, not article: a
/// related headline, a menu entry, a tag (`tools/html_benchmark.sh`: 0.7 to 0.8 score alike;
/// the higher keeps more of the lines that quote a link inside a sentence).
const LINK_LINE_SHARE: usize = 80;

/// Reads one page. `url` is where the page was found (a WARC record's target, a feed item's
/// link); without one, the page's own canonical URL is used, which then names its graph.
///
/// ```
/// use hearsay::article::parse_html;
/// let page = br#"<html><head><title>Rain</title>
///   <link rel="canonical" href="https://example.org/rain"></head>
///   <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
///   <article><h1>Rain</h1><p>Officials said on Monday that it would rain for a week, and that
///   the river could rise above its banks by the weekend.</p></article></body></html>"#;
/// let article = parse_html("rain.html", page, None)?;
/// assert!(article.text.contains("Officials said on Monday"));
/// assert!(!article.text.contains("Home"));
/// assert_eq!(article.url.as_deref(), Some("https://example.org/rain"));
/// # Result::<_, Box<dyn std::error::Error>>::Ok(())
/// ```
pub fn parse_html(
    origin: impl Into<String>,
    page: &[u8],
    url: Option<&str>,
) -> Result<Article, ArticleError> {
    let origin = origin.into();
    // An image or an archive saved under a page's name: html5ever would make a "page" of it.
    if page[..page.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return Err(ArticleError::MalformedRow {
            origin,
            reason: "binary data, not a web page".to_string(),
        });
    }
    let options = Options {
        url: url.map(str::to_owned),
        ..Options::default()
    };
    // A panic on some page the crate's authors never met must cost that page, not the run.
    EXTRACTING.with(|flag| flag.set(true));
    let extracted = panic::catch_unwind(AssertUnwindSafe(|| {
        let page = transcode_to_utf8(page);
        extract_with_options(&page, &options).map(|result| (result, link_texts(&page)))
    }));
    EXTRACTING.with(|flag| flag.set(false));
    let (result, links) = match extracted {
        Ok(Ok(found)) => found,
        Ok(Err(e)) => {
            return Err(ArticleError::MalformedRow {
                origin,
                reason: format!("no article found in the page ({e})"),
            })
        }
        Err(_) => {
            return Err(ArticleError::MalformedRow {
                origin,
                reason: "the page could not be parsed".to_string(),
            })
        }
    };
    let metadata = result.metadata;
    let title = non_blank(metadata.title);
    let publisher = non_blank(metadata.sitename);
    let names = [title.as_deref(), publisher.as_deref()];
    if only_names(&result.content_text, names.iter().flatten()) {
        // rs-trafilatura falls back to the whole document's text, which for a page cut off
        // before its body is its <title>: a headline is no article.
        return Err(ArticleError::MalformedRow {
            origin,
            reason: "no article text in the page, only its title (is it cut short?)".to_string(),
        });
    }
    finish(Article {
        origin,
        id: None,
        title,
        date: metadata.date.map(|d| d.date_naive()),
        url: url.map(str::to_owned).or(non_blank(metadata.url)),
        publisher,
        author: non_blank(metadata.author),
        text: without_link_lines(&result.content_text, &links),
    })
}

/// The text of each text node inside a link (`<a>`) of the page, its spaces collapsed.
fn link_texts(page: &str) -> Vec<String> {
    let document = dom_query::Document::from(page);
    let mut texts: Vec<String> = document
        .select("a")
        .nodes()
        .iter()
        .flat_map(|link| link.descendants_it())
        .filter(|node| node.is_text())
        .map(|node| collapse_spaces(&node.text()))
        .filter(|text| text.chars().nth(1).is_some())
        .collect();
    texts.sort_unstable();
    texts.dedup();
    texts
}

/// `text` without the lines that are mostly link text (see [`LINK_LINE_SHARE`]). A line
/// that is a bare URL stays: an article cites its sources so. When no article line would
/// be left, `text` is kept whole.
fn without_link_lines(text: &str, links: &[String]) -> String {
    let Ok(matcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(links)
    else {
        return text.to_string();
    };
    let kept: Vec<&str> = text
        .split('\n')
        .filter(|line| !is_link_line(line, &matcher))
        .collect();
    if !kept
        .iter()
        .any(|line| line.chars().any(char::is_alphanumeric))
    {
        return text.to_string();
    }
    kept.join("\n")
}

fn is_link_line(line: &str, links: &AhoCorasick) -> bool {
    let line = collapse_spaces(line);
    if line.is_empty() || is_url(&line) {
        return false;
    }
    let linked: usize = links.find_iter(&line).map(|m| m.len()).sum();
    linked * 100 >= line.len() * LINK_LINE_SHARE
}

fn is_url(text: &str) -> bool {
    !text.contains(' ')
        && ["http://", "https://", "www."]
            .iter()
            .any(|start| text.starts_with(start))
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` holds no word but those of `names` (the page's title and site name).
fn only_names<'a>(text: &str, names: impl Iterator<Item = &'a &'a str>) -> bool {
    let rest = names.fold(text.to_string(), |rest, name| rest.replace(name, ""));
    !rest.chars().any(char::is_alphanumeric)
}

thread_local! {
    /// Set while this thread runs rs-trafilatura on a page.
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the current thread is extracting a page, where a panic is caught and reported
/// as the page's error: a panic hook uses it to stay quiet there.
pub fn inside_page_extraction() -> bool {
    EXTRACTING.with(Cell::get)
}

fn non_blank(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The text of an HTML fragment that is all article (a feed item's content), with a blank
/// line after each block element and a line break at each `<br>` or list item.
pub(crate) fn fragment_text(fragment: &str) -> String {
    dom_query::Document::fragment(fragment)
        .formatted_text()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        "Officials said on Monday that it would rain for a week, and that the river \
        could rise above its banks by the weekend, according to the <a href=\"/agency\">weather \
        agency</a>. Farmers said they had moved their animals to higher ground.";

    #[test]
    fn related_links_are_dropped_and_linked_words_in_sentences_kept() {
        let page = format!(
            "<html><head><title>Rain</title></head><body><article><h1>Rain</h1>\
             <p>{BODY}</p><p>{BODY}</p><p>{BODY}</p>\
             <div><a href=\"/a\">Flood warnings issued for three counties</a></div>\
             <div><a href=\"/b\">Dam operators lower reservoir levels</a>\
             <ul><li><a href=\"/by/staff\">By Staff</a></li></ul></div>\
             <p>https://example.org/report.pdf</p>\
             <p>{BODY}</p></article></body></html>"
        );
        let article = parse_html("rain.html", page.as_bytes(), None).expect("an article");
        assert!(
            article.text.contains("according to the weather agency"),
            "{}",
            article.text
        );
        assert!(
            article.text.contains("https://example.org/report.pdf"),
            "{}",
            article.text
        );
        for link in ["Flood warnings", "Dam operators", "By Staff"] {
            assert!(
                !article.text.contains(link),
                "{link} kept: {}",
                article.text
            );
        }
    }

    #[test]
    fn a_text_of_links_only_is_kept_whole() {
        let links = vec!["One".to_string(), "Two".to_string()];
        assert_eq!(without_link_lines("One\nTwo", &links), "One\nTwo");
        assert_eq!(
            without_link_lines("One\nTwo is a number.\n\nTwo", &links),
            "Two is a number.\n"
        );
    }
}
