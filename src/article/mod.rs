//! Reads news articles from files, directories, stdin, CSV and JSON Lines into [`Article`]s.
//! The only module that reads input files. Knows nothing of extraction, RDF or the store.
//!
//! Formats, chosen by extension (or, for stdin, by the first non-blank character):
//! - `.txt`, `.md`: one article, with an optional front-matter block ([`parse_plain_text`]);
//! - `.csv`: one article per row, a header with a `text` column;
//! - `.jsonl` (and stdin starting with `{`): one article object per line, streamed, so a
//!   300 MB file never sits in memory whole; the exchange format's files read as is;
//! - `.json`: an array of article objects, or objects one after another (read whole);
//! - `.html`, `.htm`: one web page, its main text and metadata ([`parse_html`]);
//! - `.rss`, `.atom`, `.xml`: a feed, one article per item (`feed`);
//! - `.warc`: a web archive, one article per HTML response record, streamed (`warc`);
//! - `http://` and `https://` addresses: a page or a feed, fetched (`fetch`).
//!
//! Pages, feeds and archives may be gzipped (`page.html.gz`, `crawl.warc.gz`). Every article's text
//! goes through [`strip_boilerplate`], which only truncates, so the offsets of a gold file's
//! attributions stay valid for the text read.

mod boilerplate;
mod count;
mod csv_file;
mod date;
mod error;
mod feed;
mod fetch;
mod format;
mod html;
mod json_file;
mod text;
mod walk;
mod warc;

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

pub use boilerplate::strip_boilerplate;
pub use count::count_articles;
pub use date::parse_date;
pub use error::ArticleError;
pub(crate) use fetch::with_retries;
pub use fetch::{url_list, web_address, FetchOptions, USER_AGENT};
pub use html::{inside_page_extraction, parse_html};
pub use text::parse_plain_text;

use csv_file::CsvArticles;
use feed::feed_items;
use fetch::Fetcher;
use format::{named_format, FileFormat, Format};
use html::MAX_PAGE_BYTES;
use json_file::{json_document, JsonLinesArticles};
use text::{decode, finish, BINARY_SNIFF_BYTES};
use walk::Walk;
use warc::WarcArticles;

/// One news article: its text and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// Where it came from, for messages: `data/a.txt`, `corpus.csv line 12`, `<stdin>`.
    pub origin: String,
    /// The input's own identifier (JSON Lines or CSV `id`, front-matter `id`).
    pub id: Option<String>,
    /// The headline when the input gives one (front matter, CSV or JSON field); a plain
    /// text's first line is never taken as its title.
    pub title: Option<String>,
    /// Publication date, when given in a recognized form ([`parse_date`]).
    pub date: Option<chrono::NaiveDate>,
    /// The article's address, as given; not checked.
    pub url: Option<String>,
    /// The publisher's and author's names, as given.
    pub publisher: Option<String>,
    pub author: Option<String>,
    /// The body, without front matter and aggregator boilerplate; never whitespace only.
    pub text: String,
}

/// Reads every article under `paths`, lazily, in order, fetching web addresses with the
/// default [`FetchOptions`] ([`read_inputs_with`] chooses others).
///
/// A path is a file (format from its extension), a directory (recursed in sorted order,
/// picking every format but `.md`, `.json` and `.xml`, skipping hidden entries), `-` for
/// stdin, or an `http://` or `https://` address (a page or a feed). Errors are per item: a
/// missing file, a malformed row, a page that cannot be fetched or an empty article yields
/// an `Err` and reading goes on with the rest.
///
/// ```
/// use hearsay::article::read_inputs;
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.txt"), "Officials said it would rain.\n")?;
/// let articles: Vec<_> = read_inputs(&[dir.path().to_path_buf()]).collect::<Result<_, _>>()?;
/// assert_eq!(articles[0].text, "Officials said it would rain.\n");
/// # Result::<_, Box<dyn std::error::Error>>::Ok(())
/// ```
pub fn read_inputs(paths: &[PathBuf]) -> ArticleReader {
    read_inputs_with(paths, FetchOptions::default())
}

/// [`read_inputs`], reading web addresses and feeds as `options` say.
pub fn read_inputs_with(paths: &[PathBuf], options: FetchOptions) -> ArticleReader {
    ArticleReader {
        inputs: Vec::from(paths).into_iter(),
        walk: None,
        current: None,
        options,
        fetcher: None,
    }
}

type Items = Box<dyn Iterator<Item = Result<Article, ArticleError>> + Send>;

/// A multi-article file being read, and how many items it gave so far.
struct Current {
    path: PathBuf,
    items: Items,
    count: usize,
}

/// The iterator [`read_inputs`] returns; holds at most one open file and one article
/// (or one JSON Lines line, or one WARC record) in memory at a time, except `.json`
/// documents and feeds, read whole.
pub struct ArticleReader {
    inputs: std::vec::IntoIter<PathBuf>,
    walk: Option<Walk>,
    current: Option<Current>,
    options: FetchOptions,
    /// Made at the first web address, and kept: it remembers robots.txt rules and when
    /// each host was last asked.
    fetcher: Option<Fetcher>,
}

impl Iterator for ArticleReader {
    type Item = Result<Article, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.items.next() {
                    current.count += 1;
                    return Some(item);
                }
                let done = self.current.take()?;
                if done.count == 0 {
                    return Some(Err(ArticleError::NoRows { path: done.path }));
                }
            }
            if let Some(step) = self.walk.as_mut().map(Iterator::next) {
                match step {
                    Some(Ok(path)) => match named_format(&path) {
                        Some(format) => match self.open_file(&path, format) {
                            Some(item) => return Some(item),
                            None => continue,
                        },
                        None => continue,
                    },
                    Some(Err(e)) => return Some(Err(e)),
                    None => {
                        let walk = self.walk.take()?;
                        if walk.found == 0 && walk.failed == 0 {
                            return Some(Err(ArticleError::NoArticles { path: walk.root }));
                        }
                        continue;
                    }
                }
            }
            let path = self.inputs.next()?;
            if let Some(url) = web_address(&path) {
                match self.open_url(url) {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            if path.as_os_str() == "-" {
                match self.open_stdin() {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.walk = Some(Walk::new(&path)),
                Ok(_) => match named_format(&path) {
                    None => return Some(Err(ArticleError::UnknownExtension { path })),
                    Some(format) => {
                        if let Some(item) = self.open_file(&path, format) {
                            return Some(item);
                        }
                    }
                },
                Err(e) => return Some(Err(io_error(&path, e))),
            }
        }
    }
}

impl ArticleReader {
    /// Reads a one-article file, or starts reading a multi-article one (returns `None`).
    fn open_file(
        &mut self,
        path: &Path,
        FileFormat { format, gzipped }: FileFormat,
    ) -> Option<Result<Article, ArticleError>> {
        let origin = path.display().to_string();
        let items: Items = match format {
            Format::Csv => match open_sniffed(path).and_then(|r| CsvArticles::new(path, r)) {
                Ok(rows) => Box::new(rows),
                Err(e) => return Some(Err(e)),
            },
            Format::JsonLines => match open_sniffed(path) {
                Ok(r) => Box::new(JsonLinesArticles::new(
                    path,
                    BufReader::with_capacity(1 << 16, r),
                )),
                Err(e) => return Some(Err(e)),
            },
            Format::Json => match read_text(path) {
                Ok(content) => Box::new(json_document(path, &content).into_iter()),
                Err(e) => return Some(Err(e)),
            },
            Format::Text => {
                return Some(read_text(path).and_then(|content| parse_plain_text(origin, &content)))
            }
            Format::Html => {
                return Some(
                    read_web_document(path, gzipped)
                        .and_then(|page| parse_html(origin, &page, None)),
                )
            }
            Format::Feed => match read_web_document(path, gzipped) {
                Ok(document) => self.feed(&origin, &document),
                Err(e) => return Some(Err(e)),
            },
            Format::Warc => match open_maybe_gzipped(path, gzipped) {
                Ok(input) => Box::new(WarcArticles::new(origin, input)),
                Err(e) => return Some(Err(e)),
            },
        };
        self.current = Some(Current {
            path: path.to_path_buf(),
            items,
            count: 0,
        });
        None
    }

    /// Fetches a page (returned) or a feed (its items to be read next; returns `None`).
    fn open_url(&mut self, url: &str) -> Option<Result<Article, ArticleError>> {
        let fetched = match self.fetcher().fetch(url) {
            Ok(fetched) => fetched,
            Err(reason) => return Some(Err(malformed(url, reason))),
        };
        if fetched.format != Format::Feed {
            return Some(parse_html(url, &fetched.body, Some(&fetched.url)));
        }
        let items = self.feed(url, &fetched.body);
        self.current = Some(Current {
            path: PathBuf::from(url),
            items,
            count: 0,
        });
        None
    }

    /// A feed's items; with [`FetchOptions::fetch_items`], each one's page is fetched.
    fn feed(&mut self, origin: &str, document: &[u8]) -> Items {
        let items = match feed_items(origin, document) {
            Ok(items) => items,
            Err(e) => return Box::new(std::iter::once(Err(e))),
        };
        let read: Vec<_> = if self.options.fetch_items {
            let fetcher = self.fetcher();
            items
                .into_iter()
                .map(|item| with_page(fetcher, item))
                .collect()
        } else {
            items.into_iter().map(finish).collect()
        };
        Box::new(read.into_iter())
    }

    fn fetcher(&mut self) -> &mut Fetcher {
        let delay = self.options.delay;
        self.fetcher.get_or_insert_with(|| Fetcher::new(delay))
    }

    /// Stdin is JSON Lines when its first non-blank character is `{`, else one plain-text
    /// article. Peeks without losing the leading blanks, which belong to a plain text.
    fn open_stdin(&mut self) -> Option<Result<Article, ArticleError>> {
        let path = Path::new("<stdin>");
        let unreadable = |cause| ArticleError::Unreadable {
            path: path.to_path_buf(),
            cause,
        };
        let mut stdin = BufReader::new(io::stdin());
        let mut blanks = Vec::new();
        let first = loop {
            let buf = match stdin.fill_buf() {
                Ok(buf) => buf,
                Err(e) => return Some(Err(unreadable(e))),
            };
            if buf.is_empty() {
                break None;
            }
            let n = buf
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(buf.len());
            let first = buf.get(n).copied();
            blanks.extend_from_slice(&buf[..n]);
            stdin.consume(n);
            if first.is_some() {
                break first;
            }
        };
        let mut input = Cursor::new(blanks).chain(stdin);
        if first == Some(b'{') {
            self.current = Some(Current {
                path: path.to_path_buf(),
                items: Box::new(JsonLinesArticles::new(path, BufReader::new(input))),
                count: 0,
            });
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(e) = input.read_to_end(&mut bytes) {
            return Some(Err(unreadable(e)));
        }
        Some(decode(path, bytes).and_then(|content| parse_plain_text("<stdin>", &content)))
    }
}

/// A feed item read from its page (`--fetch`): the page's text, the item's title, date and
/// author where it gives them (the page's where not), and the item's link as its URL. An
/// item without a link keeps its own text.
fn with_page(fetcher: &mut Fetcher, item: Article) -> Result<Article, ArticleError> {
    let Some(link) = item.url.clone() else {
        return finish(item);
    };
    let origin = format!("{} ({link})", item.origin);
    let fetched = fetcher
        .fetch(&link)
        .map_err(|reason| malformed(&origin, reason))?;
    if fetched.format != Format::Html {
        return Err(malformed(&origin, "the item's link is a feed, not a page"));
    }
    let page = parse_html(origin, &fetched.body, Some(&link))?;
    Ok(Article {
        origin: item.origin,
        id: item.id,
        title: item.title.or(page.title),
        date: item.date.or(page.date),
        url: Some(link),
        publisher: page.publisher.or(item.publisher),
        author: item.author.or(page.author),
        text: page.text,
    })
}

fn malformed(origin: &str, reason: impl Into<String>) -> ArticleError {
    ArticleError::MalformedRow {
        origin: origin.to_string(),
        reason: reason.into(),
    }
}

/// A whole file as text (plain-text articles and `.json` documents).
fn read_text(path: &Path) -> Result<String, ArticleError> {
    let bytes = fs::read(path).map_err(|e| io_error(path, e))?;
    decode(path, bytes)
}

/// A file, decompressed when `gzipped`, as a stream.
fn open_maybe_gzipped(path: &Path, gzipped: bool) -> Result<Box<dyn Read + Send>, ArticleError> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    Ok(if gzipped {
        // Multi-member, as `.warc.gz` files are (one gzip member per record).
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(file)
    })
}

/// A whole web page or feed, decompressed when `gzipped`, up to [`MAX_PAGE_BYTES`].
fn read_web_document(path: &Path, gzipped: bool) -> Result<Vec<u8>, ArticleError> {
    let mut bytes = Vec::new();
    open_maybe_gzipped(path, gzipped)?
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.kind() {
            // What a gzip decoder says of a file cut short or not gzip at all.
            io::ErrorKind::InvalidInput
            | io::ErrorKind::InvalidData
            | io::ErrorKind::UnexpectedEof
                if gzipped =>
            {
                malformed(
                    &path.display().to_string(),
                    format!("cannot decompress it ({e}); is the file cut short?"),
                )
            }
            _ => io_error(path, e),
        })?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(malformed(
            &path.display().to_string(),
            format!(
                "larger than {} MB, far beyond a page or feed; skipped",
                MAX_PAGE_BYTES >> 20
            ),
        ));
    }
    Ok(bytes)
}

/// Opens a row-format file after checking its first bytes for NUL (a binary file), without
/// reading the rest: the checked bytes are put back in front of the file.
fn open_sniffed(path: &Path) -> Result<io::Chain<Cursor<Vec<u8>>, File>, ArticleError> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let mut head = Vec::with_capacity(BINARY_SNIFF_BYTES);
    let mut file = file;
    (&mut file)
        .take(BINARY_SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| io_error(path, e))?;
    if head.contains(&0) {
        return Err(ArticleError::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(Cursor::new(head).chain(file))
}

fn io_error(path: &Path, e: io::Error) -> ArticleError {
    if e.kind() == io::ErrorKind::NotFound {
        ArticleError::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        ArticleError::Unreadable {
            path: path.to_path_buf(),
            cause: e,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_can_move_to_another_thread() {
        fn is_send<T: Send>() {}
        is_send::<ArticleReader>();
        is_send::<ArticleError>();
    }
}
