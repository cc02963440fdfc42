//! Writing the store out: RDF exports (Turtle, TriG, N-Triples, N-Quads, JSON-LD, all through
//! Oxigraph's serializers) and SPARQL results in the W3C formats.
//! Knows nothing of files or the CLI: everything goes to a caller's writer.

use std::collections::HashSet;
use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use super::{Lookups, Store, StoreError};
use crate::graph::vocab::PREFIXES;

/// An RDF format for [`Store::export`] and for CONSTRUCT/DESCRIBE results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ExportFormat {
    /// Pretty Turtle, grouped by subject, with the hearsay prefixes. Turtle has no graphs:
    /// the export is the union of the article graphs (a source quoted in several articles
    /// appears once). Built in memory before writing.
    #[default]
    Turtle,
    /// Pretty TriG: one block per article graph, with the hearsay prefixes. Built in memory.
    TriG,
    /// N-Triples: the union of the article graphs, one triple a line, each triple once.
    NTriples,
    /// N-Quads: one quad a line with its graph, streamed.
    NQuads,
    /// JSON-LD (expanded, no `@context`), with the graphs, streamed.
    JsonLd,
}

impl ExportFormat {
    /// Every format, in the order the CLI lists them.
    pub const ALL: &'static [ExportFormat] = &[
        ExportFormat::Turtle,
        ExportFormat::TriG,
        ExportFormat::NTriples,
        ExportFormat::NQuads,
        ExportFormat::JsonLd,
    ];

    /// Whether the format keeps each article's graph (TriG, N-Quads, JSON-LD) rather than
    /// merging them into one graph (Turtle, N-Triples).
    pub fn keeps_graphs(self) -> bool {
        matches!(
            self,
            ExportFormat::TriG | ExportFormat::NQuads | ExportFormat::JsonLd
        )
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "ttl",
            ExportFormat::TriG => "trig",
            ExportFormat::NTriples => "nt",
            ExportFormat::NQuads => "nq",
            ExportFormat::JsonLd => "jsonld",
        }
    }

    /// The format a file extension (without the dot, any case) stands for.
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "ttl" | "turtle" => Some(ExportFormat::Turtle),
            "trig" => Some(ExportFormat::TriG),
            "nt" | "ntriples" => Some(ExportFormat::NTriples),
            "nq" | "nquads" => Some(ExportFormat::NQuads),
            "jsonld" | "json-ld" | "json" => Some(ExportFormat::JsonLd),
            _ => None,
        }
    }

    /// The format a media type names (`text/turtle`, `application/n-quads`, …), if any of
    /// these; parameters such as `charset` are ignored.
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        ExportFormat::ALL
            .iter()
            .copied()
            .find(|format| Some(format.oxigraph()) == RdfFormat::from_media_type(media_type))
    }

    /// The canonical media type (`text/turtle`, `application/ld+json`, …).
    pub fn media_type(self) -> &'static str {
        self.oxigraph().media_type()
    }

    fn oxigraph(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// A W3C SPARQL results format, for SELECT and ASK results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ResultsFormat {
    /// SPARQL 1.1 Query Results JSON.
    #[default]
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// SPARQL 1.1 CSV: plain values, no types or language tags.
    Csv,
    /// SPARQL 1.1 TSV: values in Turtle syntax.
    Tsv,
}

impl ResultsFormat {
    /// Every format, JSON first.
    pub const ALL: &'static [ResultsFormat] = &[
        ResultsFormat::Json,
        ResultsFormat::Xml,
        ResultsFormat::Csv,
        ResultsFormat::Tsv,
    ];

    /// The format a media type names (`application/sparql-results+json`, `text/csv`, …).
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        let format = QueryResultsFormat::from_media_type(media_type)?;
        ResultsFormat::ALL
            .iter()
            .copied()
            .find(|f| f.sparesults() == format)
    }

    /// The canonical media type (`application/sparql-results+json`, …).
    pub fn media_type(self) -> &'static str {
        self.sparesults().media_type()
    }

    fn sparesults(self) -> QueryResultsFormat {
        match self {
            ResultsFormat::Json => QueryResultsFormat::Json,
            ResultsFormat::Xml => QueryResultsFormat::Xml,
            ResultsFormat::Csv => QueryResultsFormat::Csv,
            ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        }
    }
}

/// Writes query results: SELECT and ASK results in `format`, CONSTRUCT and DESCRIBE triples
/// as RDF in `graph_format` (a graph-keeping format puts them in the default graph).
/// Returns the writer; a failing query shows up here as [`StoreError::Evaluation`].
pub fn write_results<W: Write>(
    results: QueryResults<'_>,
    format: ResultsFormat,
    graph_format: ExportFormat,
    writer: W,
) -> Result<W, StoreError> {
    Ok(write_results_capped(results, format, graph_format, usize::MAX, writer)?.0)
}

/// [`write_results`] that writes at most `max_rows` solutions or triples, for a server that
/// must not hand one query all its memory. Also says whether rows were left out.
pub fn write_results_capped<W: Write>(
    results: QueryResults<'_>,
    format: ResultsFormat,
    graph_format: ExportFormat,
    max_rows: usize,
    mut writer: W,
) -> Result<(W, bool), StoreError> {
    let serializer = QueryResultsSerializer::from_format(format.sparesults());
    match results {
        QueryResults::Boolean(value) => Ok((
            serializer.serialize_boolean_to_writer(writer, value)?,
            false,
        )),
        QueryResults::Solutions(mut solutions) => {
            let variables = solutions.variables().to_vec();
            let mut out = serializer.serialize_solutions_to_writer(writer, variables)?;
            for solution in solutions.by_ref().take(max_rows) {
                out.serialize(&solution?)?;
            }
            let truncated = solutions.next().transpose()?.is_some();
            Ok((out.finish()?, truncated))
        }
        QueryResults::Graph(mut triples) => {
            let kept = triples
                .by_ref()
                .take(max_rows)
                .collect::<Result<Vec<_>, _>>()?;
            let truncated = triples.next().transpose()?.is_some();
            write_triples(kept, graph_format, &mut writer)?;
            Ok((writer, truncated))
        }
    }
}

/// Writes `triples` as RDF in `format`, with the hearsay prefixes (a graph-keeping format
/// puts them in the default graph).
pub fn write_triples<W: Write>(
    triples: impl IntoIterator<Item = Triple>,
    format: ExportFormat,
    writer: &mut W,
) -> Result<(), StoreError> {
    let quads = triples
        .into_iter()
        .map(|t| t.in_graph(GraphName::DefaultGraph));
    write_quads(quads, format, writer)
}

impl Store {
    /// Writes the store, or the graph of one article (by URL, input id, short id or IRI), in
    /// `format`. See [`ExportFormat`] for which formats keep the graphs and which are built
    /// in memory. An unknown article gives [`StoreError::UnknownArticle`].
    pub fn export<W: Write>(
        &self,
        format: ExportFormat,
        article: Option<&str>,
        mut writer: W,
    ) -> Result<W, StoreError> {
        let graph = match article {
            Some(reference) => Some(
                self.find_article(reference)?
                    .ok_or_else(|| StoreError::UnknownArticle(reference.to_owned()))?,
            ),
            None => None,
        };
        let graph_name = graph.map(GraphName::NamedNode);
        let quads = self
            .inner
            .quads_for_pattern(None, None, None, graph_name.as_ref().map(|g| g.as_ref()))
            // The default graph is not hearsay's: export only the article graphs.
            .filter(|q| {
                q.as_ref()
                    .map_or(true, |q| !q.graph_name.is_default_graph())
            });
        match format {
            ExportFormat::Turtle | ExportFormat::TriG => {
                let quads = quads.collect::<Result<Vec<_>, _>>()?;
                write_quads(quads.into_iter(), format, &mut writer)?;
            }
            _ => {
                let mut error = None;
                let ok = quads.map_while(|q| match q {
                    Ok(q) => Some(q),
                    Err(e) => {
                        error = Some(e);
                        None
                    }
                });
                write_quads(ok, format, &mut writer)?;
                if let Some(e) = error {
                    return Err(e.into());
                }
            }
        }
        Ok(writer)
    }
}

/// Writes quads in `format`; formats without graphs get each distinct triple once.
fn write_quads<W: Write>(
    quads: impl Iterator<Item = Quad>,
    format: ExportFormat,
    writer: &mut W,
) -> Result<(), StoreError> {
    match format {
        ExportFormat::Turtle | ExportFormat::TriG => {
            // Sorted so that Oxigraph's streaming serializer, which groups consecutive
            // statements about one subject, writes each subject once with `;` and `,`.
            // (sophia's pretty serializer gives the same shape but looks up every term as an
            // object, which took 128 s for 9,000 quads in a debug build: quadratic.)
            let keep_graphs = format == ExportFormat::TriG;
            let mut quads: Vec<Quad> = quads
                .map(|q| {
                    if keep_graphs {
                        q
                    } else {
                        Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)
                    }
                })
                .collect();
            quads.sort_unstable_by(statement_order);
            quads.dedup();
            write_with_prefixes(quads.into_iter(), format, writer)?;
        }
        ExportFormat::NTriples => {
            let mut out = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(writer);
            // Sources repeat in every article graph that quotes them; write each triple once.
            let mut seen: HashSet<Triple> = HashSet::new();
            for quad in quads {
                let triple = Triple::from(quad);
                if !seen.contains(&triple) {
                    out.serialize_triple(&triple)?;
                    seen.insert(triple);
                }
            }
            out.finish()?;
        }
        ExportFormat::NQuads | ExportFormat::JsonLd => write_with_prefixes(quads, format, writer)?,
    }
    Ok(())
}

/// Streams `quads` through Oxigraph's serializer for `format`, with the hearsay prefixes.
fn write_with_prefixes<W: Write>(
    quads: impl Iterator<Item = Quad>,
    format: ExportFormat,
    writer: &mut W,
) -> Result<(), StoreError> {
    let mut serializer = RdfSerializer::from_format(format.oxigraph());
    for (prefix, namespace) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *namespace)
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
    }
    let mut out = serializer.for_writer(writer);
    for quad in quads {
        out.serialize_quad(&quad)?;
    }
    out.finish()?;
    Ok(())
}

/// Graph, then subject, then `rdf:type` before other predicates, then object: the order
/// a reader expects in Turtle (each subject once, its types first).
fn statement_order(a: &Quad, b: &Quad) -> std::cmp::Ordering {
    let graph = |q: &Quad| match &q.graph_name {
        GraphName::DefaultGraph => String::new(),
        other => other.to_string(),
    };
    let not_type = |q: &Quad| q.predicate.as_ref() != oxigraph::model::vocab::rdf::TYPE;
    graph(a)
        .cmp(&graph(b))
        .then_with(|| a.subject.to_string().cmp(&b.subject.to_string()))
        .then_with(|| not_type(a).cmp(&not_type(b)))
        .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
        .then_with(|| a.object.to_string().cmp(&b.object.to_string()))
}
