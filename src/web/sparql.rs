//! The SPARQL 1.1 Protocol at `/sparql`: queries by GET or POST (URL-encoded or
//! `application/sparql-query`), results in the format the client negotiates, a Service
//! Description for a request without a query, and refusals for updates.
//!
//! Queries run through [`Store::query_cancellable`], as `hearsay query` runs them: the union
//! of the article graphs as default graph, hearsay's prefixes predeclared. Each has a time
//! limit (its cancellation token is cancelled when it passes) and a cap on the rows written.

use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};

use super::negotiate::{choose, names_any, prefers_html};
use super::pages;
use super::{Method, Options, Reply, Request};
use crate::graph::vocab::PREFIXES;
use crate::store::{
    write_results_capped, write_triples, ExportFormat, ResultsFormat, Store, StoreError, Watchdog,
};

/// The Service Description vocabulary.
const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
/// W3C's IRIs for formats, as the Service Description names them.
const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// A query as the protocol carries it.
pub(super) struct QueryRequest {
    pub query: Option<String>,
    /// An update was sent (refused: hearsay serves reads only).
    pub update: bool,
    /// `default-graph-uri` or `named-graph-uri` was given.
    pub dataset: bool,
}

/// Reads the query out of a request: the URL's parameters, a URL-encoded form body, or a
/// `application/sparql-query` body. `Err` is the reply to send instead.
pub(super) fn query_request(request: &Request) -> Result<QueryRequest, Reply> {
    let mut params = request.params.clone();
    let mut body_query = None;
    let mut update = false;
    if request.method == Method::Post {
        let content_type = request
            .content_type
            .as_deref()
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match content_type.as_str() {
            "application/x-www-form-urlencoded" => {
                params.extend(form_urlencoded::parse(&request.body).into_owned());
            }
            "application/sparql-query" => {
                body_query = Some(
                    String::from_utf8(request.body.clone())
                        .map_err(|_| Reply::text(400, "the query is not UTF-8 text"))?,
                );
            }
            "application/sparql-update" => update = true,
            other => {
                return Err(Reply::text(
                    415,
                    &format!(
                        "cannot read a POST body of type '{other}'; send \
                         application/sparql-query or application/x-www-form-urlencoded"
                    ),
                ))
            }
        }
    }
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    Ok(QueryRequest {
        query: body_query.or_else(|| param("query")),
        update: update || param("update").is_some(),
        dataset: param("default-graph-uri").is_some() || param("named-graph-uri").is_some(),
    })
}

/// Answers a request to `/sparql`.
pub(super) fn handle(request: &Request, store: &Store, options: &Options) -> Reply {
    if !matches!(request.method, Method::Get | Method::Post) {
        return Reply::text(405, "/sparql answers GET and POST").with_header("Allow", "GET, POST");
    }
    let asked = match query_request(request) {
        Ok(asked) => asked,
        Err(reply) => return reply,
    };
    if asked.update {
        return read_only();
    }
    if asked.dataset {
        return Reply::text(
            400,
            "default-graph-uri and named-graph-uri are not supported: the default graph is the \
             union of the article graphs; name graphs with FROM or GRAPH in the query",
        );
    }
    let html = prefers_html(request.accept.as_deref(), |t| {
        ResultsFormat::from_media_type(t)
            .map(|_| ())
            .or(ExportFormat::from_media_type(t).map(|_| ()))
    });
    let Some(query) = asked.query.filter(|q| !q.trim().is_empty()) else {
        return if html {
            Reply::html(pages::sparql(store, options, None, None))
        } else {
            service_description(request)
        };
    };
    let run = run_query(store, &query, options);
    if html {
        let table = run.and_then(|results| ResultTable::read(results, options.max_rows));
        return match table {
            Ok(table) => Reply::html(pages::sparql(
                store,
                options,
                Some(&query),
                Some(Ok(&table)),
            )),
            Err(failure) => {
                let reply = failure.reply(&query, options);
                let message = String::from_utf8_lossy(&reply.body).into_owned();
                Reply::html(pages::sparql(
                    store,
                    options,
                    Some(&query),
                    Some(Err(&message)),
                ))
                .with_status(reply.status)
            }
        };
    }
    match run.and_then(|results| serialize(results, request.accept.as_deref(), options)) {
        Ok(reply) => reply,
        Err(failure) => failure.reply(&query, options),
    }
}

/// The refusal of an update.
fn read_only() -> Reply {
    Reply::text(
        403,
        "this endpoint is read-only: SPARQL updates are refused; change the store with \
         `hearsay ingest`",
    )
}

/// Why a query gave no results.
pub(super) enum Failure {
    Store(StoreError),
    /// The client accepts no format the results can be written in.
    NotAcceptable(&'static str),
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        Failure::Store(error)
    }
}

impl Failure {
    fn reply(&self, query: &str, options: &Options) -> Reply {
        match self {
            Failure::NotAcceptable(offered) => Reply::text(
                406,
                &format!("cannot write these results in a format the Accept header names; ask for one of: {offered}"),
            ),
            Failure::Store(StoreError::Syntax(error)) => {
                if is_update(query) {
                    read_only()
                } else {
                    Reply::text(400, &format!("SPARQL syntax error: {error}"))
                }
            }
            Failure::Store(StoreError::Cancelled) => {
                Reply::text(
                    503,
                    &format!(
                        "the query ran past the time limit of {} s and was stopped; narrow it, \
                         or start the server with a larger --query-timeout",
                        options.query_timeout.unwrap_or_default().as_secs_f64()
                    ),
                )
            }
            Failure::Store(error) => {
                let mut message = error.to_string();
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    message.push_str(": ");
                    message.push_str(&cause.to_string());
                    source = cause.source();
                }
                Reply::text(500, &message)
            }
        }
    }
}

/// Whether `text` parses as a SPARQL update (with hearsay's prefixes).
fn is_update(text: &str) -> bool {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, namespace) in PREFIXES {
        match evaluator.with_prefix(*prefix, *namespace) {
            Ok(next) => evaluator = next,
            Err(_) => return false,
        }
    }
    evaluator.parse_update(text).is_ok()
}

/// Runs `query` with the time limit: a [`Watchdog`] cancels it when the limit passes, unless
/// the results have been read by then (it is dropped with the results' reader).
fn run_query(store: &Store, query: &str, options: &Options) -> Result<TimedResults, Failure> {
    let token = CancellationToken::new();
    let watchdog = options
        .query_timeout
        .map(|limit| Watchdog::cancel_after(limit, token.clone()));
    let results = store.query_cancellable(query, token)?;
    Ok(TimedResults {
        results,
        _watch: watchdog,
    })
}

/// Results with the watchdog that ends when they are dropped.
pub(super) struct TimedResults {
    results: QueryResults<'static>,
    _watch: Option<Watchdog>,
}

/// The results written in the negotiated format, at most `max_rows` rows: solutions and
/// booleans in a results format, graphs in an RDF format.
fn serialize(
    timed: TimedResults,
    accept: Option<&str>,
    options: &Options,
) -> Result<Reply, Failure> {
    let (format, graph_format, media_type) = if matches!(timed.results, QueryResults::Graph(_)) {
        let format = negotiate_kind(
            accept,
            ExportFormat::from_media_type,
            ExportFormat::Turtle,
            ResultsFormat::from_media_type,
            "text/turtle, application/n-triples, application/n-quads, application/ld+json, application/trig",
        )?;
        (ResultsFormat::Json, format, format.media_type())
    } else {
        let format = negotiate_kind(
            accept,
            ResultsFormat::from_media_type,
            ResultsFormat::Json,
            ExportFormat::from_media_type,
            "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values",
        )?;
        (format, ExportFormat::Turtle, format.media_type())
    };
    let (body, truncated) = write_results_capped(
        timed.results,
        format,
        graph_format,
        options.max_rows,
        Vec::new(),
    )?;
    let mut reply = Reply::bytes(200, media_type, body);
    if truncated {
        reply = reply.with_header(
            "Hearsay-Truncated",
            &format!("only the first {} rows were written", options.max_rows),
        );
    }
    Ok(reply)
}

/// The format of the answer's kind (`own`) that `accept` prefers, else `default`. The default
/// too for a client that names only formats of the other kind (`other`): rdflib sends one
/// Accept for every query (a graph format even for SELECT, a results format even for
/// CONSTRUCT) and reads the answer by its Content-Type. `offered` lists `own`'s media types
/// for the 406.
fn negotiate_kind<F: Copy, G>(
    accept: Option<&str>,
    own: impl Fn(&str) -> Option<F>,
    default: F,
    other: impl Fn(&str) -> Option<G>,
    offered: &'static str,
) -> Result<F, Failure> {
    choose(accept, own, default)
        .or_else(|| names_any(accept, other).then_some(default))
        .ok_or(Failure::NotAcceptable(offered))
}

/// Results read into rows of display text, for the SPARQL page.
pub(super) struct ResultTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<Term>>>,
    pub truncated: bool,
}

impl ResultTable {
    fn read(timed: TimedResults, max_rows: usize) -> Result<ResultTable, Failure> {
        let mut table = ResultTable {
            columns: Vec::new(),
            rows: Vec::new(),
            truncated: false,
        };
        match timed.results {
            QueryResults::Boolean(value) => {
                table.columns.push("answer".to_owned());
                table.rows.push(vec![Some(Literal::from(value).into())]);
            }
            QueryResults::Solutions(mut solutions) => {
                table.columns = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                for solution in solutions.by_ref().take(max_rows) {
                    table
                        .rows
                        .push(solution.map_err(StoreError::from)?.values().to_vec());
                }
                table.truncated = solutions.next().is_some();
            }
            QueryResults::Graph(mut triples) => {
                table.columns = ["subject", "predicate", "object"]
                    .map(String::from)
                    .to_vec();
                for triple in triples.by_ref().take(max_rows) {
                    let triple = triple.map_err(StoreError::from)?;
                    table.rows.push(vec![
                        Some(Term::from(triple.subject)),
                        Some(triple.predicate.into()),
                        Some(triple.object),
                    ]);
                }
                table.truncated = triples.next().is_some();
            }
        }
        Ok(table)
    }
}

/// The SPARQL 1.1 Service Description of the endpoint, in the RDF format negotiated
/// (Turtle by default).
fn service_description(request: &Request) -> Reply {
    let Some(format) = choose(
        request.accept.as_deref(),
        ExportFormat::from_media_type,
        ExportFormat::Turtle,
    ) else {
        return Reply::text(406, "the service description is RDF: ask for text/turtle, application/n-triples, application/n-quads or application/ld+json");
    };
    let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
    let rdf_type = NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let service = BlankNode::default();
    let dataset = BlankNode::default();
    let graph = BlankNode::default();
    let mut triples = vec![
        Triple::new(service.clone(), rdf_type.clone(), sd("Service")),
        Triple::new(
            service.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Query"),
        ),
        Triple::new(service.clone(), sd("feature"), sd("UnionDefaultGraph")),
        Triple::new(service.clone(), sd("defaultDataset"), dataset.clone()),
        Triple::new(dataset.clone(), rdf_type.clone(), sd("Dataset")),
        Triple::new(dataset, sd("defaultGraph"), graph.clone()),
        Triple::new(graph, rdf_type, sd("Graph")),
    ];
    // The endpoint's own IRI, from the Host the client used (when it makes a valid IRI).
    if let Some(endpoint) = request
        .host
        .as_deref()
        .and_then(|host| NamedNode::new(format!("http://{host}/sparql")).ok())
    {
        triples.push(Triple::new(service.clone(), sd("endpoint"), endpoint));
    }
    for format in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "JSON-LD",
    ] {
        triples.push(Triple::new(
            service.clone(),
            sd("resultFormat"),
            NamedNode::new_unchecked(format!("{FORMATS}{format}")),
        ));
    }
    let mut body = Vec::new();
    match write_triples(triples, format, &mut body) {
        Ok(()) => Reply::bytes(200, format.media_type(), body),
        Err(error) => Reply::text(500, &error.to_string()),
    }
}
