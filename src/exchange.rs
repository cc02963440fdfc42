//! The JSON Lines exchange format of attributions (`../shared/EVALUATION.md`): one article a
//! line, offsets in Unicode **code points**, end exclusive. Gold sets and `hearsay extract`
//! output share it, so `hearsay eval` and `eval/score.py` read the same files.
//! Knows nothing of files (the caller opens them), RDF or the store.

use std::io::BufRead;

use serde::{Deserialize, Serialize};

use crate::extract::{Extraction, Span};
use crate::offsets::CodePoints;

/// One article in the exchange format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeDoc {
    pub id: String,
    /// The full article text; gold sets carry it, predictions may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Missing on input means none.
    #[serde(default)]
    pub attributions: Vec<ExchangeAttribution>,
}

/// One attribution in the exchange format. Each component is a list of `[start, end)` ranges
/// in code points; an empty `source` means the text names no source. Unknown fields are
/// ignored on input, as the scorer ignores them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeAttribution {
    #[serde(default)]
    pub source: Vec<[usize; 2]>,
    #[serde(default)]
    pub cue: Vec<[usize; 2]>,
    #[serde(default)]
    pub content: Vec<[usize; 2]>,
    /// `asserted|denied|unconfirmed`; kept as text so any gold label can be read and compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<String>,
    /// `certain|probable|possible|unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certainty: Option<String>,
    /// Who speaks, as a name (the antecedent of a pronoun).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_canonical: Option<String>,
    /// `person|official group|government|organization|media|expert group|anonymous`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_kind: Option<String>,
}

/// A line of an exchange file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The reader failed.
    #[error("line {line}: {source}")]
    Io {
        /// 1-based line number.
        line: usize,
        #[source]
        source: std::io::Error,
    },
    /// The line is not one exchange-format article.
    #[error("line {line}: {source}")]
    Json {
        /// 1-based line number.
        line: usize,
        #[source]
        source: serde_json::Error,
    },
}

/// Converts one text's extraction to the exchange format, byte spans to code points.
/// `with_text` puts the text in the document (gold-like output); predictions can leave it out.
///
/// ```
/// use hearsay::exchange::from_extraction;
/// let text = "“It is over,” she said.";
/// let doc = from_extraction("a1", text, &hearsay::extract(text), false);
/// assert!(doc.text.is_none());
/// ```
pub fn from_extraction(
    id: &str,
    text: &str,
    extraction: &Extraction,
    with_text: bool,
) -> ExchangeDoc {
    let map = CodePoints::new(text);
    let spans = |spans: &[Span]| -> Vec<[usize; 2]> {
        spans
            .iter()
            .map(|s| [map.to_char(s.start), map.to_char(s.end)])
            .collect()
    };
    let attributions = extraction
        .attributions
        .iter()
        .map(|a| ExchangeAttribution {
            source: spans(&a.source),
            cue: spans(&a.cue),
            content: spans(&a.content),
            stance: Some(a.stance.as_str().to_owned()),
            certainty: Some(a.certainty.as_str().to_owned()),
            source_canonical: (!a.source_name.is_empty()).then(|| a.source_name.clone()),
            source_kind: Some(a.source_kind.as_str().to_owned()),
        })
        .collect();
    ExchangeDoc {
        id: id.to_owned(),
        text: with_text.then(|| text.to_owned()),
        attributions,
    }
}

/// Reads exchange-format documents, one a line, skipping blank lines as `score.py` does.
/// Documents are returned in file order; a repeated id is kept twice (the scorer decides).
pub fn read_docs(reader: impl BufRead) -> Result<Vec<ExchangeDoc>, ExchangeError> {
    let mut docs = Vec::new();
    for (index, line) in reader.lines().enumerate() {
        let line_number = index + 1;
        let line = line.map_err(|source| ExchangeError::Io {
            line: line_number,
            source,
        })?;
        if line.chars().all(is_python_space) {
            continue;
        }
        let doc = serde_json::from_str(&line).map_err(|source| ExchangeError::Json {
            line: line_number,
            source,
        })?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Python's `str.isspace`, which the reference scorer uses: Unicode White_Space plus the
/// information separators U+001C..U+001F, which Rust's `char::is_whitespace` leaves out.
pub(crate) fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Attribution, Certainty, QuoteKind, SourceKind, Stance};

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap_or(0);
        Span::new(start, start + needle.len())
    }

    /// The code-point range of `needle` in `text`, counted independently of `CodePoints`.
    fn chars_of(text: &str, needle: &str) -> [usize; 2] {
        let start = text.find(needle).unwrap_or(0);
        let s = text[..start].chars().count();
        [s, s + needle.chars().count()]
    }

    #[test]
    fn from_extraction_counts_code_points_across_curly_quotes_and_dashes() {
        let text = "Moscow’s war — “in person,” the Kremlin’s spokesman said – and “soon.”";
        let attribution = Attribution {
            source: vec![span_of(text, "the Kremlin’s spokesman")],
            cue: vec![span_of(text, "said")],
            content: vec![span_of(text, "in person,"), span_of(text, "soon.")],
            sentence: Span::new(0, text.len()),
            source_name: "Dmitry Peskov".to_owned(),
            source_kind: SourceKind::Person,
            stance: Stance::Denied,
            certainty: Certainty::Probable,
            quote: QuoteKind::Direct,
            confidence: 0.75,
        };
        let unnamed = Attribution {
            source: vec![],
            source_name: String::new(),
            ..attribution.clone()
        };
        let extraction = Extraction {
            attributions: vec![attribution, unnamed],
            links: vec![],
        };
        let doc = from_extraction("kremlin", text, &extraction, true);
        assert_eq!(doc.id, "kremlin");
        assert_eq!(doc.text.as_deref(), Some(text));
        let a = &doc.attributions[0];
        assert_eq!(a.source, vec![chars_of(text, "the Kremlin’s spokesman")]);
        assert_eq!(a.cue, vec![chars_of(text, "said")]);
        assert_eq!(
            a.content,
            vec![chars_of(text, "in person,"), chars_of(text, "soon.")]
        );
        // The byte and code point offsets differ here, so the test would catch a missing conversion.
        assert_ne!(a.cue[0][0], span_of(text, "said").start);
        let chars: Vec<char> = text.chars().collect();
        let said: String = chars[a.cue[0][0]..a.cue[0][1]].iter().collect();
        assert_eq!(said, "said");
        assert_eq!(a.stance.as_deref(), Some("denied"));
        assert_eq!(a.certainty.as_deref(), Some("probable"));
        assert_eq!(a.source_kind.as_deref(), Some("person"));
        assert_eq!(a.source_canonical.as_deref(), Some("Dmitry Peskov"));
        assert!(doc.attributions[1].source.is_empty());
        assert_eq!(doc.attributions[1].source_canonical, None);

        let json = serde_json::to_string(&doc).unwrap_or_default();
        assert!(!json.contains("source_canonical\":null"));
        let back: ExchangeDoc = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, doc);
        let without_text = from_extraction("kremlin", text, &extraction, false);
        assert!(!serde_json::to_string(&without_text)
            .unwrap_or_default()
            .contains("\"text\""));
    }

    #[test]
    fn read_docs_defaults_missing_fields_and_ignores_unknown_ones() {
        let input = "{\"id\": \"a\", \"text\": \"x\", \"extra\": 1}\n\n  \n\
                     {\"id\": \"b\", \"attributions\": [{\"cue\": [[0, 4]], \"note\": \"?\"}]}\n";
        let docs = match read_docs(input.as_bytes()) {
            Ok(docs) => docs,
            Err(err) => panic!("{err}"),
        };
        assert_eq!(docs.len(), 2);
        assert!(docs[0].attributions.is_empty());
        assert_eq!(docs[1].text, None);
        assert_eq!(docs[1].attributions[0].cue, vec![[0, 4]]);
        assert!(docs[1].attributions[0].source.is_empty());
    }

    #[test]
    fn read_docs_names_the_bad_line() {
        let input = "{\"id\": \"a\"}\n\n{\"id\": \"b\", \"attributions\": [{\"cue\": [[0]]}]}\n";
        match read_docs(input.as_bytes()) {
            Err(err @ ExchangeError::Json { line: 3, .. }) => {
                assert!(err.to_string().starts_with("line 3: "), "{err}")
            }
            other => panic!("expected a JSON error on line 3, got {other:?}"),
        }
    }
}
