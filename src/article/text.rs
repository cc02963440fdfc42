//! Plain-text articles (`.txt`, `.md`, stdin): an optional front-matter block, then the body.
//! Also the byte checks every format shares (binary, UTF-8). Knows nothing of CSV or JSON.

use std::path::Path;

use super::boilerplate::strip_boilerplate;
use super::date::parse_date;
use super::{Article, ArticleError};

/// How many leading bytes of a row-format file are checked for NUL bytes, as ripgrep and
/// git do: a binary file shows itself early, and the check must not read a whole 300 MB file.
pub(crate) const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Turns a whole file's bytes into text: rejects binary files and invalid UTF-8 (naming the
/// line of the first bad byte) and drops a UTF-8 byte order mark.
pub(crate) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, ArticleError> {
    if bytes.contains(&0) {
        return Err(ArticleError::Binary {
            path: path.to_path_buf(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            Err(ArticleError::InvalidUtf8 {
                path: path.to_path_buf(),
                line: line_of(good),
            })
        }
    }
}

/// The 1-based line number of the position just after `before`.
fn line_of(before: &[u8]) -> u64 {
    before.iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Parses a plain-text article: an optional front-matter block, then the body.
///
/// The front matter must open the text: a `---` line, `key: value` lines (keys `title`,
/// `date`, `url`, `publisher`, `author`, `id`; others ignored; values may be quoted), and a
/// closing `---` line. Without the closing line the whole text is body. Blank lines between
/// the block and the body are dropped; the body is otherwise kept as is, except for an
/// aggregator's tail ([`strip_boilerplate`]). Without a `title` key, a short first line
/// followed by a blank line is taken as the headline (it stays in the text too).
///
/// ```
/// use hearsay::article::parse_plain_text;
/// let a = parse_plain_text("a.txt", "---\ntitle: Rain\ndate: 2026-11-20\n---\nIt rained.\n")?;
/// assert_eq!(a.title.as_deref(), Some("Rain"));
/// assert_eq!(a.text, "It rained.\n");
/// # Result::<_, Box<dyn std::error::Error>>::Ok(())
/// ```
pub fn parse_plain_text(origin: impl Into<String>, content: &str) -> Result<Article, ArticleError> {
    let origin = origin.into();
    let mut article = Article {
        origin,
        ..Article::default()
    };
    let body = match split_front_matter(content) {
        Some((block, body)) => {
            for line in block.lines() {
                let Some((key, value)) = line.split_once(':') else {
                    continue;
                };
                let value = unquote(value.trim());
                if value.is_empty() {
                    continue;
                }
                let slot = match key.trim().to_ascii_lowercase().as_str() {
                    "title" => &mut article.title,
                    "url" => &mut article.url,
                    "publisher" => &mut article.publisher,
                    "author" => &mut article.author,
                    "id" => &mut article.id,
                    "date" => {
                        article.date = parse_date(value);
                        continue;
                    }
                    _ => continue,
                };
                *slot = Some(value.to_string());
            }
            body
        }
        None => content,
    };
    if article.title.is_none() {
        article.title = headline(body).map(str::to_owned);
    }
    article.text = body.to_string();
    finish(article)
}

/// The first line of `body` when it reads as a headline: short, not ending a sentence with a
/// period, and set off from the rest by a blank line.
fn headline(body: &str) -> Option<&str> {
    const MAX_HEADLINE: usize = 200;
    let mut lines = body.lines();
    let first = lines.next()?.trim();
    let blank_after = lines.next().is_some_and(|l| l.trim().is_empty());
    (blank_after && !first.is_empty() && first.len() <= MAX_HEADLINE && !first.ends_with('.'))
        .then_some(first)
}

/// Strips the aggregator tail and rejects whitespace-only text: the last step of every format.
pub(crate) fn finish(mut article: Article) -> Result<Article, ArticleError> {
    let kept = strip_boilerplate(&article.text).len();
    article.text.truncate(kept);
    if article.text.trim().is_empty() {
        return Err(ArticleError::Empty {
            origin: article.origin,
        });
    }
    Ok(article)
}

/// Splits `---\n…\n---\n` off the top: `(block, body)` with leading blank lines of the body dropped.
fn split_front_matter(content: &str) -> Option<(&str, &str)> {
    let mut lines = content.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let block_start = first.len();
    let mut offset = block_start;
    for line in lines {
        if line.trim_end() == "---" {
            let block = &content[block_start..offset];
            let mut body = &content[offset + line.len()..];
            // Drop whole blank lines only, so indentation of the first body line survives.
            while let Some(end) = body.find('\n') {
                if !body[..end].trim().is_empty() {
                    break;
                }
                body = &body[end + 1..];
            }
            return Some((block, body));
        }
        offset += line.len();
    }
    None
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn front_matter_fields() {
        let a = parse_plain_text(
            "a.txt",
            "---\r\ntitle: Kim to visit Russia\r\ndate: 2026-11-20\r\nurl: https://example.org/a\r\n\
             publisher: \"Example Wire\"\r\nauthor: Jane Doe\r\nid: kim-1\r\ntags: [x, y]\r\n---\r\n\r\nBody.\r\n",
        )
        .unwrap();
        assert_eq!(a.origin, "a.txt");
        assert_eq!(a.title.as_deref(), Some("Kim to visit Russia"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2026, 11, 20));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.publisher.as_deref(), Some("Example Wire"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.id.as_deref(), Some("kim-1"));
        assert_eq!(a.text, "Body.\r\n");
    }

    #[test]
    fn no_front_matter_keeps_everything() {
        let text = "Headline here\n\nBody text.\n";
        let a = parse_plain_text("a.txt", text).unwrap();
        assert_eq!(a.title.as_deref(), Some("Headline here"));
        assert_eq!(a.text, text);
        // A first sentence is not a headline.
        let text = "It rained all day.\n\nBody text.\n";
        assert_eq!(parse_plain_text("a.txt", text).unwrap().title, None);
        // An unclosed block is body text, not front matter.
        let text = "---\ntitle: x\nBody.\n";
        assert_eq!(parse_plain_text("a.txt", text).unwrap().text, text);
        // A rule further down is not front matter either.
        let text = "Intro\n---\ntitle: x\n---\nBody.\n";
        assert_eq!(parse_plain_text("a.txt", text).unwrap().text, text);
    }

    #[test]
    fn bad_date_is_none() {
        let a = parse_plain_text("a.txt", "---\ndate: soon\n---\nBody.").unwrap();
        assert_eq!(a.date, None);
    }

    #[test]
    fn empty_bodies_are_errors() {
        for text in ["", " \n\t\n", "---\ntitle: Only a title\n---\n\n"] {
            let err = parse_plain_text("e.txt", text).unwrap_err();
            assert!(matches!(err, ArticleError::Empty { ref origin } if origin == "e.txt"));
        }
    }

    #[test]
    fn decode_checks() {
        let p = Path::new("x.txt");
        assert_eq!(decode(p, b"\xef\xbb\xbfhi".to_vec()).unwrap(), "hi");
        assert!(matches!(
            decode(p, b"a\nb\n\xffc".to_vec()),
            Err(ArticleError::InvalidUtf8 { line: 3, .. })
        ));
        assert!(matches!(
            decode(p, b"a\0b".to_vec()),
            Err(ArticleError::Binary { .. })
        ));
    }
}
