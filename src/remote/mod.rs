//! SPARQL servers: the lookups and `hearsay query` against one ([`Remote`] is a
//! [`SparqlReader`], so every [`crate::store::Lookups`] method runs on it), and `hearsay
//! push` to one ([`push`]). Knows nothing of the CLI.
//!
//! What goes to a server is standard SPARQL 1.1 (the lookups write their standard form for
//! it), over the SPARQL 1.1 Protocol, the Graph Store HTTP Protocol or SPARQL 1.1 Update;
//! what comes back is read by Oxigraph's own parsers (SPARQL results in JSON or XML, RDF
//! in N-Triples, Turtle or RDF/XML).

mod client;
mod discover;
mod push;

use std::io::Cursor;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolution, QueryTripleIter};

pub use client::{PASSWORD_VARIABLE, USER_VARIABLE};
pub use discover::{Endpoints, Layout};
pub use push::{push, Channel, PushOptions, PushOutcome};

use crate::graph::vocab::PREFIXES;
use crate::store::{SparqlForm, SparqlReader, StoreError};
use client::{Client, Method};

/// What a query asks back: results in JSON or XML, a graph in N-Triples or Turtle.
const QUERY_ACCEPT: &str =
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, \
     application/n-triples;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5";

/// Everything that can go wrong with a SPARQL server; each message is one line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RemoteError {
    /// No connection, a timeout, or an answer that broke off, after every attempt.
    #[error("cannot reach {url}: {reason}; is the server running, and is the address right?")]
    Unreachable { url: String, reason: String },
    /// 401 or 403.
    #[error("{url} refused {} ({status}); {}", if *had_credentials { "hearsay's credentials" } else { "hearsay without credentials" },
        if *had_credentials { "check HEARSAY_ENDPOINT_USER and HEARSAY_ENDPOINT_PASSWORD" } else { "set HEARSAY_ENDPOINT_USER and HEARSAY_ENDPOINT_PASSWORD" })]
    Refused {
        url: String,
        status: u16,
        had_credentials: bool,
    },
    /// The server stayed busy or failing (429, 5xx) through every attempt.
    #[error("{url} failed with {status} after {attempts} attempts: {message}")]
    Failed {
        url: String,
        status: u16,
        attempts: u32,
        message: String,
    },
    /// Any other answer than success (400 for a query it does not take, 404, 405).
    #[error("{url} answered {status}: {message}")]
    Rejected {
        url: String,
        status: u16,
        message: String,
    },
    /// An answer hearsay cannot read as what it asked for.
    #[error("{url} sent {what} hearsay cannot read: {reason}")]
    Malformed {
        url: String,
        what: String,
        reason: String,
    },
    /// What the user gave does not make a usable endpoint.
    #[error("{0}")]
    Setup(String),
    /// Reading the local store failed (during a push).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A SPARQL server, by the endpoints found for it.
pub struct Remote {
    client: Client,
    endpoints: Endpoints,
}

impl Remote {
    /// Finds the endpoints of the server at `url` (its base URL or its SPARQL query URL; see
    /// [`Endpoints`]), `graph_store` and `update` naming those outright when given. Each
    /// request gives up after `timeout`; credentials come from [`USER_VARIABLE`] and
    /// [`PASSWORD_VARIABLE`].
    pub fn connect(
        url: &str,
        graph_store: Option<&str>,
        update: Option<&str>,
        timeout: Duration,
    ) -> Result<Remote, RemoteError> {
        let client = Client::from_env(timeout)?;
        let endpoints = discover::discover(&client, url, graph_store, update)?;
        Ok(Remote { client, endpoints })
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// Runs a query on the server, with hearsay's prefixes ([`PREFIXES`]) declared before
    /// it: results as [`QueryResults`], as the embedded store gives them.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, RemoteError> {
        let url = &self.endpoints.query;
        let text = with_prefixes(sparql);
        let form: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", &text)
            .finish();
        let answer = self
            .client
            .send(
                Method::Post("application/x-www-form-urlencoded", form.as_bytes()),
                url,
                QUERY_ACCEPT,
            )?
            .success(url)?;
        results(url, answer.media_type.as_str(), answer.body)
    }
}

impl SparqlReader for Remote {
    fn select(&self, sparql: &str) -> Result<Vec<QuerySolution>, StoreError> {
        let url = &self.endpoints.query;
        let malformed = |reason: String| {
            StoreError::Server(
                RemoteError::Malformed {
                    url: url.clone(),
                    what: "SPARQL results".into(),
                    reason,
                }
                .to_string(),
            )
        };
        match self
            .query(sparql)
            .map_err(|e| StoreError::Server(e.to_string()))?
        {
            QueryResults::Solutions(solutions) => solutions
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| malformed(e.to_string())),
            _ => Err(malformed("no solutions to a SELECT query".into())),
        }
    }

    fn form(&self) -> SparqlForm {
        SparqlForm::Standard
    }
}

/// `sparql` after a declaration of each of hearsay's prefixes, which the embedded store
/// predeclares. A query may declare them again: SPARQL lets a later declaration win.
fn with_prefixes(sparql: &str) -> String {
    let mut text = String::new();
    for (prefix, namespace) in PREFIXES {
        text.push_str(&format!("PREFIX {prefix}: <{namespace}>\n"));
    }
    text.push_str(sparql);
    text
}

/// The answer to a query as [`QueryResults`], read by the parser its media type names.
fn results(
    url: &str,
    media_type: &str,
    body: Vec<u8>,
) -> Result<QueryResults<'static>, RemoteError> {
    let malformed = |what: &str, reason: String| RemoteError::Malformed {
        url: url.to_owned(),
        what: what.to_owned(),
        reason,
    };
    if let Some(format) = QueryResultsFormat::from_media_type(media_type) {
        let parsed = QueryResultsParser::from_format(format)
            .for_reader(Cursor::new(body))
            .map_err(|e| malformed("SPARQL results", e.to_string()))?;
        return Ok(parsed.into());
    }
    if let Some(format) = RdfFormat::from_media_type(media_type) {
        let url = url.to_owned();
        let triples = RdfParser::from_format(format)
            .for_reader(Cursor::new(body))
            .map(move |quad| {
                quad.map(oxigraph::model::Triple::from).map_err(|e| {
                    QueryEvaluationError::Service(
                        format!("{url} sent RDF hearsay cannot read: {e}").into(),
                    )
                })
            });
        return Ok(QueryResults::Graph(QueryTripleIter::new(triples)));
    }
    Err(malformed(
        "an answer",
        format!("{media_type:?} is neither SPARQL results nor RDF"),
    ))
}
