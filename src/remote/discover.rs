//! Where a server takes queries, updates and graphs: from what the user names, the
//! server's SPARQL Service Description, and the layouts of the servers people run.

use std::io::Cursor;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};

use super::client::{Client, Method};
use super::RemoteError;

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// The server a layout is known from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Oxigraph's server: `/query`, `/update`, `/store`.
    Oxigraph,
    /// Apache Jena Fuseki: `/DS/sparql` (or `/DS/query`), `/DS/update`, `/DS/data`.
    Fuseki,
    /// OpenLink Virtuoso: `/sparql` for queries and updates, `/sparql-graph-crud`.
    Virtuoso,
    /// None known: only what the Service Description and the user say.
    Unknown,
}

/// A server's endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Where queries go (SPARQL 1.1 Protocol).
    pub query: String,
    /// Where updates go (SPARQL 1.1 Update), if known.
    pub update: Option<String>,
    /// The Graph Store (SPARQL 1.1 Graph Store HTTP Protocol), if known.
    pub graph_store: Option<String>,
    pub layout: Layout,
}

/// The endpoints of the server at `url`, its base URL or its query URL:
/// 1. the query URL is `url` when it ends in `/query` or `/sparql`, else the first of
///    `url/query`, `url/sparql` and `url` that answers `ASK {}`;
/// 2. the update URL is the query URL when the server's Service Description (what it sends
///    for a GET without a query) lists SPARQL 1.1 Update among its languages;
/// 3. otherwise, and for the Graph Store, the layout of the server its `Server` header (else
///    its paths) name;
/// 4. `graph_store` and `update`, when given, win over all of that.
pub(super) fn discover(
    client: &Client,
    url: &str,
    graph_store: Option<&str>,
    update: Option<&str>,
) -> Result<Endpoints, RemoteError> {
    let url = url.trim().trim_end_matches('/');
    let uri: ureq::http::Uri = url
        .parse()
        .map_err(|e| RemoteError::Setup(format!("'{url}' is not a URL ({e})")))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none() {
        return Err(RemoteError::Setup(format!(
            "'{url}' is not an http:// or https:// URL of a SPARQL server"
        )));
    }
    let candidates: Vec<String> = if url.ends_with("/query") || url.ends_with("/sparql") {
        vec![url.to_owned()]
    } else {
        vec![
            format!("{url}/query"),
            format!("{url}/sparql"),
            url.to_owned(),
        ]
    };
    let mut found = None;
    for candidate in &candidates {
        if let Some(server) = answers_queries(client, candidate)? {
            found = Some((candidate.clone(), server));
            break;
        }
    }
    let Some((query, server)) = found else {
        return Err(RemoteError::Setup(format!(
            "found no SPARQL query endpoint at {}; give the server's query URL with --endpoint",
            candidates.join(", ")
        )));
    };
    let layout = layout_of(server.as_deref(), &query);
    let base = query
        .rsplit_once('/')
        .map_or(query.as_str(), |(base, _)| base);
    let origin = format!(
        "{}://{}",
        uri.scheme_str().unwrap_or("http"),
        uri.authority().map_or("", |a| a.as_str())
    );
    let (layout_update, layout_store) = match layout {
        Layout::Oxigraph => (
            Some(format!("{base}/update")),
            Some(format!("{base}/store")),
        ),
        Layout::Fuseki => (Some(format!("{base}/update")), Some(format!("{base}/data"))),
        Layout::Virtuoso => (
            Some(query.clone()),
            Some(format!("{origin}/sparql-graph-crud")),
        ),
        Layout::Unknown => (None, None),
    };
    let described_update = describes_update(client, &query).then(|| query.clone());
    Ok(Endpoints {
        update: update
            .map(str::to_owned)
            .or(described_update)
            .or(layout_update),
        graph_store: graph_store.map(str::to_owned).or(layout_store),
        query,
        layout,
    })
}

/// The `Server` header of `url` if it answers `ASK {}` with SPARQL results; `None` if it
/// answers something else. A server that cannot be reached, refuses hearsay or keeps failing
/// is an error at once: the next candidate is on the same server.
fn answers_queries(client: &Client, url: &str) -> Result<Option<Option<String>>, RemoteError> {
    let probe = format!("{url}?query=ASK%20%7B%7D");
    let answer = match client.send(
        Method::Get,
        &probe,
        "application/sparql-results+json, application/sparql-results+xml;q=0.9",
    ) {
        Ok(answer) => answer,
        // Named by the URL the user can check, without the probe's query.
        Err(RemoteError::Failed {
            status,
            attempts,
            message,
            ..
        }) => {
            return Err(RemoteError::Failed {
                url: url.to_owned(),
                status,
                attempts,
                message,
            })
        }
        Err(RemoteError::Unreachable { reason, .. }) => {
            return Err(RemoteError::Unreachable {
                url: url.to_owned(),
                reason,
            })
        }
        Err(RemoteError::Refused {
            status,
            had_credentials,
            ..
        }) => {
            return Err(RemoteError::Refused {
                url: url.to_owned(),
                status,
                had_credentials,
            })
        }
        Err(other) => return Err(other),
    };
    let Some(format) = QueryResultsFormat::from_media_type(&answer.media_type) else {
        return Ok(None);
    };
    let is_results = answer.is_success()
        && QueryResultsParser::from_format(format)
            .for_reader(Cursor::new(&answer.body))
            .is_ok();
    Ok(is_results.then_some(answer.server))
}

/// Whether the Service Description at `query` (RDF sent for a GET without a query) says the
/// endpoint takes SPARQL 1.1 Update. A server without one, or with one hearsay cannot read,
/// says nothing. Its `sd:endpoint` is not used: servers give it as configured (Virtuoso
/// names `localhost:8890` whatever port it listens on).
fn describes_update(client: &Client, query: &str) -> bool {
    let Ok(answer) = client.send(
        Method::Get,
        query,
        "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8",
    ) else {
        return false;
    };
    let Some(format) = RdfFormat::from_media_type(&answer.media_type) else {
        return false;
    };
    if !answer.is_success() {
        return false;
    }
    let language = format!("{SD}supportedLanguage");
    let update = format!("{SD}SPARQL11Update");
    RdfParser::from_format(format)
        .with_base_iri(query)
        .unwrap_or_else(|_| RdfParser::from_format(format))
        .for_reader(Cursor::new(&answer.body))
        .filter_map(Result::ok)
        .any(|quad| {
            quad.predicate.as_str() == language
                && matches!(&quad.object, oxigraph::model::Term::NamedNode(n) if n.as_str() == update)
        })
}

/// The layout of a server by its `Server` header, else by its query URL's path.
fn layout_of(server: Option<&str>, query: &str) -> Layout {
    let server = server.unwrap_or_default().to_ascii_lowercase();
    if server.contains("oxigraph") {
        return Layout::Oxigraph;
    }
    if server.contains("virtuoso") {
        return Layout::Virtuoso;
    }
    if server.contains("fuseki") || server.contains("jena") {
        return Layout::Fuseki;
    }
    let path = query
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or("", |(_, path)| path);
    match path {
        "query" => Layout::Oxigraph,
        "sparql" => Layout::Virtuoso,
        p if p.ends_with("/sparql") || p.ends_with("/query") => Layout::Fuseki,
        _ => Layout::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::{layout_of, Layout};

    #[test]
    fn layouts_follow_the_server_then_the_path() {
        assert_eq!(
            layout_of(Some("Oxigraph/0.5.13"), "http://h/x/sparql"),
            Layout::Oxigraph
        );
        assert_eq!(
            layout_of(Some("Virtuoso/07.20.3229 (Linux)"), "http://h/q"),
            Layout::Virtuoso
        );
        assert_eq!(layout_of(None, "http://h:7878/query"), Layout::Oxigraph);
        assert_eq!(layout_of(None, "http://h/sparql"), Layout::Virtuoso);
        assert_eq!(layout_of(None, "http://h/ds/sparql"), Layout::Fuseki);
        assert_eq!(layout_of(None, "http://h/ds/query"), Layout::Fuseki);
        assert_eq!(layout_of(Some("nginx"), "http://h/api"), Layout::Unknown);
    }
}
