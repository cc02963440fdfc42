//! Finds attributions in plain text: sources, cues, contents, stance and certainty.
//! Knows nothing of RDF, files or the store; never fails on messy input.

mod attribution;

pub use attribution::{
    confidence, spans_text, Attribution, Certainty, Extraction, Link, LinkKind, QuoteKind,
    SourceKind, Span, Stance, UnknownLabel,
};

/// Finds every attribution in `text`. Deterministic; offsets are bytes into `text`.
pub fn extract(text: &str) -> Extraction {
    let _ = text;
    Extraction::default()
}
