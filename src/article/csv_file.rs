//! CSV articles: a header with a `text` column (and optionally `id`, `title`, `date`, `url`,
//! `publisher`, `author`), one article per row, streamed. Knows nothing of JSON.

use std::io::Read;
use std::path::{Path, PathBuf};

use csv::ByteRecord;

use super::date::parse_date;
use super::text::finish;
use super::{Article, ArticleError};

/// Column index of each known field; `text` is required.
struct Columns {
    text: usize,
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    publisher: Option<usize>,
    author: Option<usize>,
}

/// The rows of one CSV file as articles, read one record at a time.
pub(crate) struct CsvArticles<R: Read> {
    path: PathBuf,
    reader: csv::Reader<R>,
    columns: Columns,
    width: usize,
    record: ByteRecord,
    done: bool,
}

impl<R: Read> CsvArticles<R> {
    /// Reads the header. Fails when the file cannot be read or has no `text` column.
    pub(crate) fn new(path: &Path, input: R) -> Result<Self, ArticleError> {
        // Flexible: a row with the wrong number of fields becomes an error for that row
        // alone instead of stopping the reader.
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let header = reader
            .byte_headers()
            .map_err(|e| csv_error(path, None, e))?
            .clone();
        let names: Vec<String> = header
            .iter()
            .map(|name| {
                String::from_utf8_lossy(name)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_ascii_lowercase()
            })
            .collect();
        let find = |wanted: &str| names.iter().position(|n| n == wanted);
        let Some(text) = find("text") else {
            let found = if names.iter().all(|n| n.is_empty()) {
                "nothing".to_string()
            } else {
                names.join(", ")
            };
            return Err(ArticleError::NoTextColumn {
                path: path.to_path_buf(),
                found,
            });
        };
        let columns = Columns {
            text,
            id: find("id"),
            title: find("title"),
            date: find("date"),
            url: find("url"),
            publisher: find("publisher"),
            author: find("author"),
        };
        Ok(CsvArticles {
            path: path.to_path_buf(),
            reader,
            columns,
            width: names.len(),
            record: ByteRecord::new(),
            done: false,
        })
    }

    fn article(&self) -> Result<Article, ArticleError> {
        let line = self.record.position().map_or(0, |p| p.line());
        let origin = format!("{} line {line}", self.path.display());
        if self.record.len() != self.width {
            return Err(ArticleError::MalformedRow {
                origin,
                reason: format!(
                    "expected {} fields as in the header, found {}; check the quoting",
                    self.width,
                    self.record.len()
                ),
            });
        }
        let field = |index: Option<usize>| -> Result<Option<&str>, ArticleError> {
            let Some(bytes) = index.and_then(|i| self.record.get(i)) else {
                return Ok(None);
            };
            let value = std::str::from_utf8(bytes).map_err(|_| ArticleError::InvalidUtf8 {
                path: self.path.clone(),
                line,
            })?;
            Ok(Some(value))
        };
        let optional = |index: Option<usize>| -> Result<Option<String>, ArticleError> {
            Ok(field(index)?
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string))
        };
        let article = Article {
            text: field(Some(self.columns.text))?.unwrap_or("").to_string(),
            id: optional(self.columns.id)?,
            title: optional(self.columns.title)?,
            date: field(self.columns.date)?.and_then(parse_date),
            url: optional(self.columns.url)?,
            publisher: optional(self.columns.publisher)?,
            author: optional(self.columns.author)?,
            origin,
        };
        finish(article)
    }
}

impl<R: Read> Iterator for CsvArticles<R> {
    type Item = Result<Article, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => Some(self.article()),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                // After an I/O error the reader's position is unknown: stop this file.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                let line = e.position().map(|p| p.line());
                Some(Err(csv_error(&self.path, line, e)))
            }
        }
    }
}

fn csv_error(path: &Path, line: Option<u64>, e: csv::Error) -> ArticleError {
    if !matches!(e.kind(), csv::ErrorKind::Io(_)) {
        return ArticleError::MalformedRow {
            origin: match line {
                Some(line) => format!("{} line {line}", path.display()),
                None => path.display().to_string(),
            },
            reason: e.to_string(),
        };
    }
    match e.into_kind() {
        csv::ErrorKind::Io(cause) => ArticleError::Unreadable {
            path: path.to_path_buf(),
            cause,
        },
        // Checked above; kept total rather than panicking.
        kind => ArticleError::MalformedRow {
            origin: path.display().to_string(),
            reason: format!("{kind:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(csv: &str) -> Vec<Result<Article, ArticleError>> {
        match CsvArticles::new(Path::new("c.csv"), csv.as_bytes()) {
            Ok(rows) => rows.collect(),
            Err(e) => vec![Err(e)],
        }
    }

    #[test]
    fn quoted_newlines_and_origins() {
        let rows = read(
            "url,date,title,text\n\
             https://a,2019-01-04,A,\"First line\n\nsecond, \"\"quoted\"\"\"\n\
             ,,,Plain\n",
        );
        let a = rows[0].as_ref().unwrap();
        assert_eq!(a.origin, "c.csv line 2");
        assert_eq!(a.text, "First line\n\nsecond, \"quoted\"");
        assert_eq!(a.url.as_deref(), Some("https://a"));
        assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2019, 1, 4));
        let b = rows[1].as_ref().unwrap();
        assert_eq!(b.origin, "c.csv line 5");
        assert_eq!(
            (b.url.as_ref(), b.title.as_ref(), b.date),
            (None, None, None)
        );
    }

    #[test]
    fn bad_rows_do_not_stop_the_file() {
        let rows = read("id,text\n1,One\n2\n3,   \n4,Four\n");
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].as_ref().unwrap().id.as_deref(), Some("1"));
        let e = rows[1].as_ref().unwrap_err().to_string();
        assert_eq!(
            e,
            "c.csv line 3: expected 2 fields as in the header, found 1; check the quoting"
        );
        assert!(matches!(rows[2], Err(ArticleError::Empty { .. })));
        assert_eq!(rows[3].as_ref().unwrap().text, "Four");
    }

    #[test]
    fn header_without_text() {
        let rows = read("URL,Body\nx,y\n");
        let e = rows[0].as_ref().unwrap_err().to_string();
        assert!(e.contains("no \"text\" column (found: url, body)"), "{e}");
        let rows = read("");
        assert!(matches!(rows[0], Err(ArticleError::NoTextColumn { .. })));
    }

    #[test]
    fn header_is_case_insensitive_and_bom_tolerant() {
        let rows = read("\u{feff}Title,TEXT\nT,Body\n");
        let a = rows[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.text, "Body");
    }
}
