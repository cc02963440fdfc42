//! hearsay turns news articles into a claim-tracking knowledge graph.
//!
//! The modules, in pipeline order:
//! - [`article`]: reads articles from files, stdin, CSV and JSON Lines.
//! - [`extract`]: finds attributions (source, cue, content, stance, certainty) in plain text.
//! - [`exchange`]: the JSON Lines exchange format of attributions, in code-point offsets.
//! - [`offsets`]: byte ↔ code point offsets, the one place the two units meet.
//! - [`graph`]: turns an article and its attributions into RDF quads.
//! - [`track`]: sources and propositions across articles: aliases, near-duplicates, confidence.
//! - [`store`]: the embedded Oxigraph store: ingest, lookup, SPARQL, export.
//! - [`remote`]: SPARQL servers: lookups and queries on one, `hearsay push` to one.
//! - [`eval`]: scores attributions against gold annotations.
//! - [`web`]: `hearsay serve --http`: pages and the SPARQL 1.1 Protocol over a store.
//! - [`cli`]: the `hearsay` command line.

pub mod article;
pub mod cli;
pub mod eval;
pub mod exchange;
pub mod extract;
pub mod graph;
pub mod offsets;
pub mod remote;
pub mod store;
pub mod track;
pub mod web;

pub use article::{Article, ArticleError};
pub use extract::{extract, Attribution, Certainty, Extraction, SourceKind, Span, Stance};
