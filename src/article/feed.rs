//! RSS and Atom feeds (`.rss`, `.atom`, `.xml`), through feed-rs: each item an article with
//! its title, link, date, author and, as text, its full content when the feed carries it
//! (else its summary), HTML turned into paragraphs of text. The feed's title is the
//! publisher. A feed is read whole: feeds are small.

use feed_rs::model::{Entry, Link, Text};
use feed_rs::parser;

use super::{Article, ArticleError};

/// Every item of a feed, in the feed's order, as an article not yet finished (its text
/// may be empty: [`super::text::finish`] says so, or `--fetch` reads the item's page). A
/// document that is no feed at all is an error.
pub(crate) fn feed_items(origin: &str, document: &[u8]) -> Result<Vec<Article>, ArticleError> {
    let feed = parser::parse(document).map_err(|e| ArticleError::MalformedRow {
        origin: origin.to_string(),
        reason: format!("not an RSS or Atom feed ({e})"),
    })?;
    let publisher = feed.title.map(|t| plain(&t)).filter(|t| !t.is_empty());
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(n, entry)| item_article(format!("{origin} item {}", n + 1), entry, &publisher))
        .collect())
}

/// How many articles [`feed_items`] gives for `document` (one error for a non-feed).
pub(crate) fn item_count(document: &[u8]) -> usize {
    parser::parse(document).map_or(1, |feed| feed.entries.len())
}

fn item_article(origin: String, entry: Entry, publisher: &Option<String>) -> Article {
    let body = entry
        .content
        .as_ref()
        .and_then(|c| Some(as_text(c.body.as_deref()?, c.content_type.as_str())))
        .filter(|text| !text.trim().is_empty());
    let text = body
        .or_else(|| entry.summary.as_ref().map(plain))
        .unwrap_or_default();
    let date = entry.published.or(entry.updated);
    Article {
        origin,
        id: None,
        title: entry.title.as_ref().map(plain).filter(|t| !t.is_empty()),
        date: date.map(|d| d.date_naive()),
        url: page_link(&entry.links).map(|l| l.href.clone()),
        publisher: publisher.clone(),
        author: entry
            .authors
            .iter()
            .find_map(|a| a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()))
            .map(str::to_owned),
        text,
    }
}

/// The item's page: its `alternate` link (RSS `<link>` reads as one), else its first link.
fn page_link(links: &[Link]) -> Option<&Link> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(links.first())
}

/// A feed text (title, summary) as plain text, whatever its declared type.
fn plain(text: &Text) -> String {
    as_text(&text.content, text.content_type.as_str())
}

/// `body` as plain text: HTML (`text/html`, `application/xhtml+xml`) turned into text with a
/// blank line between blocks, anything else as it is.
fn as_text(body: &str, media_type: &str) -> String {
    if media_type.contains("html") {
        super::html::fragment_text(body)
    } else {
        body.trim().to_string()
    }
}
