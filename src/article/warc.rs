//! WARC web archives (`.warc`, `.warc.gz`, as Common Crawl's CC-NEWS ships them), through the
//! warc crate: each HTML response record is an article, read as a web page (`html`), with its
//! `WARC-Target-URI` as URL and, when the page gives no publication date, its `WARC-Date`.
//!
//! Records are streamed: one record's HTTP head, and an HTML page up to
//! [`MAX_PAGE_BYTES`], are all that is ever held, so a gigabyte archive reads in the memory
//! of its largest page. Other records (requests, metadata, images, redirects, errors) are
//! skipped without being kept. A record whose WARC head is broken ends the file with one
//! error: without its length, the next record cannot be found.

use std::io::{self, BufRead, BufReader, Read};

use flate2::read::{GzDecoder, ZlibDecoder};
use warc::{RecordType, WarcHeader, WarcReader};

use super::html::{parse_html, MAX_PAGE_BYTES};
use super::{Article, ArticleError};

/// The most bytes an HTTP response head may take; real ones are a few kilobytes.
const MAX_HTTP_HEAD_BYTES: usize = 64 * 1024;
/// The most header fields an HTTP response head may have.
const MAX_HTTP_HEADERS: usize = 128;

/// The articles of one WARC file, read lazily.
pub(crate) struct WarcArticles {
    /// The file, for messages.
    origin: String,
    input: BufReader<Box<dyn Read + Send>>,
    /// Records read so far.
    records: usize,
    finished: bool,
}

/// What one record gave.
enum Step {
    Article(Result<Article, ArticleError>),
    /// Not an article (another record type, a non-HTML or non-2xx response).
    Skipped,
    /// No more records.
    End,
    /// The file cannot be read on from here.
    Broken(ArticleError),
}

impl WarcArticles {
    /// Reads `input` (already decompressed when the file is gzipped); `origin` names the file.
    pub(crate) fn new(origin: String, input: Box<dyn Read + Send>) -> Self {
        WarcArticles {
            origin,
            input: BufReader::with_capacity(1 << 16, input),
            records: 0,
            finished: false,
        }
    }

    fn next_record(&mut self) -> Step {
        // The warc crate reads a record's head until its blank line, however far that is: a
        // file that is no WARC at all would be read whole into memory. Its first bytes tell.
        match self.input.fill_buf() {
            Ok(head) if head.len() >= 5 && !head.starts_with(b"WARC/") => {
                return broken(
                    &self.origin,
                    self.records + 1,
                    "not a WARC record (it does not start with \"WARC/\")",
                )
            }
            _ => {}
        }
        // The warc crate's streaming reader borrows its input, so one is made per record
        // over our own buffered reader, which keeps the position between records.
        let mut reader = WarcReader::new(&mut self.input);
        let mut stream = reader.stream_records();
        let mut record = match stream.next_item() {
            None => return Step::End,
            Some(Ok(record)) => record,
            Some(Err(e)) => {
                return broken(
                    &self.origin,
                    self.records + 1,
                    format!("not a readable WARC record ({e})"),
                )
            }
        };
        let number = self.records + 1;
        let target = record
            .header(WarcHeader::TargetURI)
            .map(|uri| uri.trim().to_string())
            .filter(|uri| !uri.is_empty());
        let origin = match &target {
            Some(uri) => format!("{} record {number} ({uri})", self.origin),
            None => format!("{} record {number}", self.origin),
        };
        let warc_date = record.date().date_naive();
        let declared = record
            .header(WarcHeader::ContentType)
            .map(|t| t.to_ascii_lowercase())
            .unwrap_or_default();
        let step = match record.warc_type() {
            RecordType::Response if declared.starts_with("application/http") => {
                http_page(&mut record, &origin)
            }
            RecordType::Resource if declared.contains("html") => {
                read_page(&mut record, &origin).map(|page| Some((page, Encoding::Identity)))
            }
            _ => Ok(None),
        };
        // Whatever was not read of the body is skipped, so the next record starts where it should.
        let drained = io::copy(&mut record, &mut io::sink());
        self.records = number;
        if let Err(e) = drained {
            return broken(
                &self.origin,
                number,
                format!("cannot read the record ({e})"),
            );
        }
        let mut separator = [0u8; 4];
        match self.input.read_exact(&mut separator) {
            Ok(()) if &separator == b"\r\n\r\n" => {}
            Ok(()) => {
                return broken(
                    &self.origin,
                    number,
                    "the record is not followed by a blank line",
                )
            }
            Err(e) => {
                return broken(
                    &self.origin,
                    number,
                    format!("the file ends inside the record ({e})"),
                )
            }
        }
        match step {
            Ok(None) => Step::Skipped,
            Ok(Some((page, encoding))) => {
                Step::Article(decode_body(page, encoding, &origin).and_then(|page| {
                    let mut article = parse_html(origin, &page, target.as_deref())?;
                    article.date = article.date.or(Some(warc_date));
                    Ok(article)
                }))
            }
            Err(e) => Step::Article(Err(e)),
        }
    }
}

/// The error that ends reading `file` at record `number`.
fn broken(file: &str, number: usize, what: impl std::fmt::Display) -> Step {
    Step::Broken(ArticleError::MalformedRow {
        origin: format!("{file} record {number}"),
        reason: format!("{what}; the rest of the file is skipped"),
    })
}

impl Iterator for WarcArticles {
    type Item = Result<Article, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            match self.next_record() {
                Step::Article(item) => return Some(item),
                Step::Skipped => {}
                Step::End => self.finished = true,
                Step::Broken(e) => {
                    self.finished = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// How an HTTP body was compressed for the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Identity,
    Gzip,
    Deflate,
}

/// An HTTP response record's page and its content encoding, or `None` when the response is
/// not a successful HTML page. Reads the head, then (for an HTML page) the body.
fn http_page(
    record: &mut impl Read,
    origin: &str,
) -> Result<Option<(Vec<u8>, Encoding)>, ArticleError> {
    let malformed = |reason: String| ArticleError::MalformedRow {
        origin: origin.to_string(),
        reason,
    };
    let mut head = Vec::with_capacity(8 * 1024);
    let mut chunk = [0u8; 8 * 1024];
    let (head_len, status, content_type, encoding, chunked) = loop {
        let n = record
            .read(&mut chunk)
            .map_err(|e| malformed(format!("cannot read the record ({e})")))?;
        head.extend_from_slice(&chunk[..n]);
        let mut fields = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
        let mut response = httparse::Response::new(&mut fields);
        match response.parse(&head) {
            Ok(httparse::Status::Complete(len)) => {
                let field = |name: &str| {
                    response
                        .headers
                        .iter()
                        .find(|h| h.name.eq_ignore_ascii_case(name))
                        .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
                };
                break (
                    len,
                    response.code.unwrap_or(0),
                    field("content-type"),
                    field("content-encoding"),
                    field("transfer-encoding").is_some_and(|t| t.contains("chunked")),
                );
            }
            Ok(httparse::Status::Partial) if n > 0 && head.len() <= MAX_HTTP_HEAD_BYTES => {}
            Ok(httparse::Status::Partial) => {
                return Err(malformed("the HTTP response head is cut short".to_string()))
            }
            Err(e) => return Err(malformed(format!("not an HTTP response ({e})"))),
        }
    };
    let is_html = content_type.as_deref().is_some_and(|t| t.contains("html"));
    if !(200..300).contains(&status) || !is_html {
        return Ok(None);
    }
    if chunked {
        return Err(malformed(
            "the page is stored in chunked transfer encoding, which hearsay does not read"
                .to_string(),
        ));
    }
    let encoding = match encoding.as_deref() {
        None | Some("" | "identity") => Encoding::Identity,
        Some("gzip" | "x-gzip") => Encoding::Gzip,
        Some("deflate") => Encoding::Deflate,
        Some(other) => {
            return Err(malformed(format!(
                "the page is compressed as \"{other}\", which hearsay does not read"
            )))
        }
    };
    let mut page = head.split_off(head_len);
    let rest = read_page(record, origin)?;
    page.extend_from_slice(&rest);
    if page.len() as u64 > MAX_PAGE_BYTES {
        return Err(too_large(origin));
    }
    Ok(Some((page, encoding)))
}

/// The rest of a record's body, unless it is larger than [`MAX_PAGE_BYTES`].
fn read_page(record: &mut impl Read, origin: &str) -> Result<Vec<u8>, ArticleError> {
    read_capped(record, origin, "cannot read the record")
}

/// The page as the server meant it, its wire compression undone (within [`MAX_PAGE_BYTES`]).
fn decode_body(page: Vec<u8>, encoding: Encoding, origin: &str) -> Result<Vec<u8>, ArticleError> {
    let decoder: Box<dyn Read> = match encoding {
        Encoding::Identity => return Ok(page),
        Encoding::Gzip => Box::new(GzDecoder::new(io::Cursor::new(page))),
        Encoding::Deflate => Box::new(ZlibDecoder::new(io::Cursor::new(page))),
    };
    read_capped(decoder, origin, "the page's compression is broken")
}

/// All of `reader`, or an error naming `failure` or saying the page is too large.
fn read_capped(reader: impl Read, origin: &str, failure: &str) -> Result<Vec<u8>, ArticleError> {
    let mut page = Vec::new();
    reader
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut page)
        .map_err(|e| ArticleError::MalformedRow {
            origin: origin.to_string(),
            reason: format!("{failure} ({e})"),
        })?;
    if page.len() as u64 > MAX_PAGE_BYTES {
        return Err(too_large(origin));
    }
    Ok(page)
}

fn too_large(origin: &str) -> ArticleError {
    ArticleError::MalformedRow {
        origin: origin.to_string(),
        reason: format!(
            "the page is larger than {} MB, far beyond an article; skipped",
            MAX_PAGE_BYTES >> 20
        ),
    }
}
