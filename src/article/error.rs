//! The one error type of article reading: each message names the input and says what to do.
//! Knows nothing of extraction, RDF or the store.

use std::io;
use std::path::PathBuf;

/// Why one input (a file, a directory, a CSV or JSON Lines row) gave no article.
///
/// Errors are per item: [`crate::article::ArticleReader`] yields one and goes on with the
/// remaining rows and files, so one bad row never hides the rest of a batch.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ArticleError {
    /// A path given on the command line does not exist.
    #[error("no such file: {}; check the path", path.display())]
    NotFound { path: PathBuf },

    /// A file or directory exists but reading it failed (permissions, I/O error).
    ///
    /// The I/O error is part of the message rather than a `source()`, so that printing
    /// the error chain (`{:#}` in the CLI) does not say it twice.
    #[error("cannot read {}: {cause}; check that it is readable", path.display())]
    Unreadable { path: PathBuf, cause: io::Error },

    /// A file is not UTF-8; `line` (from 1) is the line of the first bad byte.
    #[error("{} line {line}: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)", path.display())]
    InvalidUtf8 { path: PathBuf, line: u64 },

    /// A file contains NUL bytes, so it is not text (an image, a PDF, a compressed file…).
    #[error("{} is a binary file, not text; give .txt, .md, .csv, .jsonl or .json files", path.display())]
    Binary { path: PathBuf },

    /// An article's text is empty or only whitespace; `origin` as in [`crate::article::Article::origin`].
    #[error("{origin}: the article text is empty; add text or leave it out")]
    Empty { origin: String },

    /// A directory given as input holds no file with a known extension (hidden files skipped).
    #[error("no articles (.txt, .csv, .jsonl, .html, .htm, .rss, .atom, .warc) found under {}; check the directory, or name .md, .json and .xml files one by one", path.display())]
    NoArticles { path: PathBuf },

    /// A CSV, JSON Lines, feed or WARC file holds no articles at all (an empty file, a
    /// header only, a feed without items, an archive without HTML responses).
    #[error("{} holds no articles; check that it is the right file", path.display())]
    NoRows { path: PathBuf },

    /// A CSV file's header lacks the `text` column, so none of its rows can be read.
    #[error("{}: the CSV header has no \"text\" column (found: {found}); name the article text column \"text\"", path.display())]
    NoTextColumn { path: PathBuf, found: String },

    /// One CSV row, JSON Lines row, JSON item, web page, feed item or WARC record is
    /// malformed or holds no article; the others are still read. `origin` is e.g.
    /// `data/a.jsonl line 12` or `crawl.warc.gz record 7 (https://…)`, `reason` e.g.
    /// `missing field "text"`.
    #[error("{origin}: {reason}")]
    MalformedRow { origin: String, reason: String },

    /// A file named explicitly has an extension whose format is unknown.
    #[error("cannot tell the format of {} from its extension; use .txt, .md, .csv, .jsonl, .json, .html, .htm, .rss, .atom, .xml or .warc (the last five may be gzipped, as .html.gz)", path.display())]
    UnknownExtension { path: PathBuf },
}
