//! JSON articles: JSON Lines (`.jsonl`, stdin; streamed one line at a time) and `.json` files
//! (an array of objects, or objects one after another). Each object has `text` and optionally
//! `id`, `title`, `date` (or PolNeAR's `publication_date`), `url`, `publisher`, `author`;
//! other fields (the exchange format's `attributions`) are ignored. Knows nothing of CSV.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::date::parse_date;
use super::text::finish;
use super::{Article, ArticleError};

/// One article object as it appears in the file; unknown fields are skipped by serde
/// without being built, which keeps large `attributions` arrays cheap.
#[derive(Deserialize)]
struct Row {
    id: Option<Value>,
    text: Option<String>,
    title: Option<String>,
    date: Option<String>,
    publication_date: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
}

impl Row {
    fn into_article(self, origin: String) -> Result<Article, ArticleError> {
        let malformed = |origin: String, reason: &str| ArticleError::MalformedRow {
            origin,
            reason: reason.to_string(),
        };
        let id = match self.id {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(_) => {
                return Err(malformed(
                    origin,
                    "field \"id\" must be a string or a number",
                ))
            }
        };
        let Some(text) = self.text else {
            return Err(malformed(origin, "missing field \"text\""));
        };
        let date = self.date.or(self.publication_date);
        finish(Article {
            origin,
            id,
            title: non_empty(self.title),
            date: date.as_deref().and_then(parse_date),
            url: non_empty(self.url),
            publisher: non_empty(self.publisher),
            author: non_empty(self.author),
            text,
        })
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Parses one JSON Lines row (already known to be UTF-8 and non-blank).
fn parse_row(origin: String, line: &str) -> Result<Article, ArticleError> {
    if !line.starts_with('{') {
        return Err(ArticleError::MalformedRow {
            origin,
            reason: "expected a JSON object ({\"text\": …}) on each line".to_string(),
        });
    }
    match serde_json::from_str::<Row>(line) {
        Ok(row) => row.into_article(origin),
        Err(e) => Err(ArticleError::MalformedRow {
            origin,
            reason: json_reason(&e, false),
        }),
    }
}

/// serde_json's message without its "at line 1 column 7" tail (the line is ours to give),
/// keeping the column, or the line too when `with_line` (a multi-line `.json` file).
fn json_reason(e: &serde_json::Error, with_line: bool) -> String {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    };
    match (with_line, e.line()) {
        (_, 0) => message,
        (true, line) => format!("{message} (line {line}, column {})", e.column()),
        (false, _) => format!("{message} (column {})", e.column()),
    }
}

/// The rows of a JSON Lines input as articles, one line in memory at a time.
pub(crate) struct JsonLinesArticles<R: BufRead> {
    path: PathBuf,
    reader: R,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonLinesArticles<R> {
    pub(crate) fn new(path: &Path, reader: R) -> Self {
        JsonLinesArticles {
            path: path.to_path_buf(),
            reader,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonLinesArticles<R> {
    type Item = Result<Article, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let bytes = self.buf.trim_ascii();
                    if bytes.is_empty() {
                        continue;
                    }
                    let Ok(line) = std::str::from_utf8(bytes) else {
                        return Some(Err(ArticleError::InvalidUtf8 {
                            path: self.path.clone(),
                            line: self.line,
                        }));
                    };
                    let origin = format!("{} line {}", self.path.display(), self.line);
                    return Some(parse_row(origin, line.trim_start_matches('\u{feff}')));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(ArticleError::Unreadable {
                        path: self.path.clone(),
                        cause: e,
                    }));
                }
            }
        }
        None
    }
}

/// All articles of a `.json` document, read whole: an array of article objects, or objects
/// one after another (a single pretty-printed object, or JSON Lines under another name).
/// Items are named `file.json item N`. A syntax error ends the file, since JSON cannot be
/// resynchronized mid-document.
pub(crate) fn json_document(path: &Path, content: &str) -> Vec<Result<Article, ArticleError>> {
    let item_origin = |n: usize| format!("{} item {n}", path.display());
    let item = |n: usize, value: Value| -> Result<Article, ArticleError> {
        if !value.is_object() {
            return Err(ArticleError::MalformedRow {
                origin: item_origin(n),
                reason: "expected a JSON object ({\"text\": …})".to_string(),
            });
        }
        match serde_json::from_value::<Row>(value) {
            Ok(row) => row.into_article(item_origin(n)),
            Err(e) => Err(ArticleError::MalformedRow {
                origin: item_origin(n),
                reason: json_reason(&e, false),
            }),
        }
    };
    let whole_file_error = |e: serde_json::Error| ArticleError::MalformedRow {
        origin: path.display().to_string(),
        reason: json_reason(&e, true),
    };
    if content.trim_start().starts_with('[') {
        return match serde_json::from_str::<Vec<Value>>(content) {
            Ok(values) => values
                .into_iter()
                .enumerate()
                .map(|(i, v)| item(i + 1, v))
                .collect(),
            Err(e) => vec![Err(whole_file_error(e))],
        };
    }
    let mut out = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(content).into_iter::<Value>();
    let mut n = 0;
    loop {
        match stream.next() {
            None => break,
            Some(Ok(value)) => {
                n += 1;
                out.push(item(n, value));
            }
            Some(Err(e)) => {
                out.push(Err(whole_file_error(e)));
                break;
            }
        }
    }
    if out.is_empty() {
        out.push(Err(ArticleError::Empty {
            origin: path.display().to_string(),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<Result<Article, ArticleError>> {
        JsonLinesArticles::new(Path::new("a.jsonl"), input.as_bytes()).collect()
    }

    fn message(item: &Result<Article, ArticleError>) -> String {
        match item {
            Ok(a) => format!("ok {}", a.origin),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn json_lines_rows_and_errors() {
        let items = lines(concat!(
            "{\"id\": \"a\", \"text\": \"Alpha.\", \"attributions\": [{\"cue\": [[0, 1]]}]}\n",
            "\n",
            "{\"id\": 7, \"title\": \"T\"}\n",
            "{\"text\": \"unterminated\n",
            "[1, 2]\n",
            "{\"text\": 5}\n",
            "{\"id\": 8, \"text\": \"Eight.\", \"publication_date\": \"2016-09-12\", \"publisher\": \"P\"}",
        ));
        let got: Vec<String> = items.iter().map(message).collect();
        assert_eq!(
            got,
            [
                "ok a.jsonl line 1",
                "a.jsonl line 3: missing field \"text\"",
                "a.jsonl line 4: EOF while parsing a string (column 22)",
                "a.jsonl line 5: expected a JSON object ({\"text\": …}) on each line",
                "a.jsonl line 6: invalid type: integer `5`, expected a string (column 10)",
                "ok a.jsonl line 7",
            ]
        );
        let a = items[0].as_ref().unwrap();
        assert_eq!((a.id.as_deref(), a.text.as_str()), (Some("a"), "Alpha."));
        let last = items[5].as_ref().unwrap();
        assert_eq!(last.id.as_deref(), Some("8"));
        assert_eq!(last.publisher.as_deref(), Some("P"));
        assert_eq!(last.date, chrono::NaiveDate::from_ymd_opt(2016, 9, 12));
    }

    #[test]
    fn json_lines_invalid_utf8_names_the_line() {
        let input: &[u8] = b"{\"text\": \"ok\"}\n{\"text\": \"\xff\"}\n{\"text\": \"ok\"}\n";
        let items: Vec<_> = JsonLinesArticles::new(Path::new("a.jsonl"), input).collect();
        assert_eq!(items.len(), 3);
        assert!(matches!(
            items[1],
            Err(ArticleError::InvalidUtf8 { line: 2, .. })
        ));
        assert!(items[2].is_ok());
    }

    #[test]
    fn json_documents() {
        let p = Path::new("d.json");
        let items = json_document(p, "[{\"text\": \"One.\"}, 3, {\"text\": \"Three.\"}]");
        let got: Vec<String> = items.iter().map(message).collect();
        assert_eq!(
            got,
            [
                "ok d.json item 1",
                "d.json item 2: expected a JSON object ({\"text\": …})",
                "ok d.json item 3",
            ]
        );
        let items = json_document(p, "{\n  \"title\": \"T\",\n  \"text\": \"Pretty.\"\n}\n");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].as_ref().unwrap().title.as_deref(), Some("T"));
        let items = json_document(p, "{\"text\": \"A.\"}\n{\"text\": ");
        assert!(items[0].is_ok());
        assert_eq!(
            message(&items[1]),
            "d.json: EOF while parsing a value (line 2, column 9)"
        );
        assert!(matches!(
            json_document(p, "  \n")[0],
            Err(ArticleError::Empty { .. })
        ));
    }
}
