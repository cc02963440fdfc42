//! Web pages: the article's main text, without navigation, ads, captions, comments or
//! related links, and its title, date, author, publisher and canonical URL. Pages come from
//! `.html` files, WARC records and feeds; this module only sees their bytes.
//!
//! The work is rs-trafilatura's, a Rust port of trafilatura (the extractor that leads the
//! article-extraction benchmark among open tools); `tools/html_benchmark.sh` measures it.
//! Its metadata reads `article:published_time` and the other `<meta>` tags, JSON-LD
//! (`NewsArticle.datePublished`, `author`, `publisher`), `<time>` elements and
//! `<link rel="canonical">`.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

use rs_trafilatura::{extract_bytes_with_options, Options};

use super::text::{finish, BINARY_SNIFF_BYTES};
use super::{Article, ArticleError};

/// The largest page read, in bytes once decompressed: far beyond any article page (the
/// benchmark's largest is under 2 MB), and small enough that a stray video never fills memory.
pub(crate) const MAX_PAGE_BYTES: u64 = 32 << 20;

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
        extract_bytes_with_options(page, &options)
    }));
    EXTRACTING.with(|flag| flag.set(false));
    let result = match extracted {
        Ok(Ok(result)) => result,
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
        text: result.content_text,
    })
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
