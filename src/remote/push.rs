//! `hearsay push`: each article graph and the propositions graph of a store, written to a
//! SPARQL server, in batches, and only the graphs that changed since the last push.
//!
//! **What changed** is known from the server itself. Each graph is written with one more
//! triple, `<graph> hs:pushedDigest "…"`: the SHA-256 of the graph's other triples as sorted
//! N-Triples lines. A push reads these digests from the server first, and sends a graph only
//! when its digest differs. The record lives on the server, in the graph it describes,
//! rather than beside the store, because there it is written in the same request as the
//! graph (a push cut short leaves no digest for a graph it did not finish), it is per server
//! by construction, it is right after a server is wiped or restored from a backup (a local
//! record would then skip everything), and the store stays read-only (`push` runs beside
//! an ingest or a `hearsay serve`, and on stores the user may not write).
//!
//! **How** a graph is written: by SPARQL 1.1 Update where the server takes it, `DROP SILENT
//! GRAPH` and `INSERT DATA` for each graph, many graphs in one request (a request is one
//! transaction on the server, so each graph is replaced whole, with its digest, or not at
//! all), several requests at once. A server with only a Graph Store (HTTP Protocol) gets a
//! PUT per graph, which replaces it too, several at once, and so does Virtuoso, which takes
//! PUTs far faster than many graphs an update; [`PushOptions::via`] picks either. With [`PushOptions::prune`], graphs the server holds from an earlier push (they
//! have a digest) that the store no longer has are dropped.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::client::Method;
use super::{Layout, Remote, RemoteError};
use crate::graph::vocab::hs;
use crate::store::{SparqlReader, Store, StoreError};

/// Digests read from the server per query (a server may cap its answers lower; pages
/// continue until one comes back empty).
const DIGEST_PAGE: usize = 10_000;
/// Triples in one `INSERT DATA`: Virtuoso's SPARQL compiler refuses a request whose SQL
/// passes 10,000 lines ("SP031"), which one `INSERT DATA` of 5,000 triples did.
const INSERT_TRIPLES: usize = 1_000;
/// Bytes of SPARQL Update text in one request, roughly, by default: large enough that a
/// request's overhead (a transaction on the server) is paid for dozens of graphs, small
/// enough that a batch of graphs makes several requests to send at once
/// (`benches/push.sh`).
pub const REQUEST_BYTES: usize = 1 << 20;

/// How [`push`] runs.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Graphs read, compared and sent together; the progress is reported after each batch.
    pub batch: usize,
    /// Requests in flight at once.
    pub connections: usize,
    /// How graphs are written; `None` for SPARQL Update where the server takes it (many
    /// graphs a request), else the Graph Store, and the Graph Store for Virtuoso.
    pub via: Option<Channel>,
    /// Bytes of SPARQL Update text in one request, roughly.
    pub request_bytes: usize,
    /// Send every graph, whatever the server's digests say.
    pub everything: bool,
    /// Drop the graphs an earlier push wrote (they have a digest) that the store no longer
    /// has. Off when several stores push to one server, each its own articles.
    pub prune: bool,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            batch: 512,
            connections: 4,
            via: None,
            request_bytes: REQUEST_BYTES,
            everything: false,
            prune: false,
        }
    }
}

/// How graphs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The Graph Store HTTP Protocol: a PUT per graph, several at once.
    GraphStore,
    /// SPARQL 1.1 Update: `DROP SILENT GRAPH` and `INSERT DATA`, many graphs per request.
    Update,
}

/// What one [`push`] did (so far, when given to the progress callback).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushOutcome {
    /// Graphs in the store (article graphs and the propositions graph).
    pub graphs: usize,
    /// Graphs compared so far.
    pub compared: usize,
    /// Graphs written to the server.
    pub sent: usize,
    /// Graphs the server held already as they are.
    pub unchanged: usize,
    /// Graphs of an earlier push dropped because the store no longer has them.
    pub removed: usize,
    /// Triples written.
    pub triples: usize,
    /// Bytes of RDF or SPARQL sent.
    pub bytes: usize,
    /// HTTP requests that wrote.
    pub requests: usize,
    pub channel: Channel,
    pub took: Duration,
}

/// One graph, read from the store and ready to send.
struct Prepared {
    graph: NamedNode,
    /// Its triples, sorted N-Triples lines, each ending in a line feed.
    lines: Vec<Vec<u8>>,
    digest: String,
}

/// Pushes every named graph of `store` to `remote` (see the module's documentation),
/// calling `progress` after each batch.
pub fn push(
    store: &Store,
    remote: &Remote,
    options: &PushOptions,
    progress: &mut dyn FnMut(&PushOutcome),
) -> Result<PushOutcome, RemoteError> {
    let started = Instant::now();
    let endpoints = remote.endpoints();
    // Update first: a request holds many graphs, where the Graph Store takes one a request
    // (faster on Oxigraph's server). Virtuoso is the exception: it takes a PUT per graph
    // faster than many graphs an update (`benches/push.sh`).
    let mut channel = match (options.via, &endpoints.graph_store, &endpoints.update) {
        (None, Some(_), _) if endpoints.layout == Layout::Virtuoso => Channel::GraphStore,
        (Some(Channel::Update) | None, _, Some(_)) => Channel::Update,
        (Some(Channel::GraphStore) | None, Some(_), _) => Channel::GraphStore,
        (Some(Channel::Update), _, None) => {
            return Err(RemoteError::Setup(format!(
                "found no update endpoint for {}: name it with --update URL",
                endpoints.query
            )))
        }
        (Some(Channel::GraphStore), None, _) => {
            return Err(RemoteError::Setup(format!(
                "found no Graph Store for {}: name it with --graph-store URL",
                endpoints.query
            )))
        }
        (None, None, None) => {
            return Err(RemoteError::Setup(format!(
                "found no way to write to {}: name its Graph Store with --graph-store URL, or \
                 its update endpoint with --update URL",
                endpoints.query
            )))
        }
    };
    let pushed = if options.everything {
        pushed_digests(remote)?
            .into_keys()
            .map(|g| (g, String::new()))
            .collect()
    } else {
        pushed_digests(remote)?
    };
    let mut graphs = Vec::new();
    for graph in store.oxigraph().named_graphs() {
        if let NamedOrBlankNode::NamedNode(graph) = graph.map_err(StoreError::from)? {
            graphs.push(graph);
        }
    }
    graphs.sort();
    let mut outcome = PushOutcome {
        graphs: graphs.len(),
        compared: 0,
        sent: 0,
        unchanged: 0,
        removed: 0,
        triples: 0,
        bytes: 0,
        requests: 0,
        channel,
        took: Duration::ZERO,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.connections.max(1))
        .build()
        .map_err(|e| RemoteError::Setup(format!("cannot start the push's threads: {e}")))?;
    for batch in graphs.chunks(options.batch.max(1)) {
        let prepared = batch
            .par_iter()
            .map(|graph| prepare(store, graph))
            .collect::<Result<Vec<_>, _>>()?;
        let changed: Vec<Prepared> = prepared
            .into_iter()
            .filter(|p| pushed.get(p.graph.as_str()) != Some(&p.digest))
            .collect();
        outcome.compared += batch.len();
        outcome.unchanged += batch.len() - changed.len();
        if channel == Channel::GraphStore {
            match pool.install(|| put_graphs(remote, &changed)) {
                Ok(sent) => add(&mut outcome, sent),
                // A server whose Graph Store does not take PUTs may take updates.
                Err(RemoteError::Rejected { status, .. })
                    if matches!(status, 404 | 405 | 415 | 501) && endpoints.update.is_some() =>
                {
                    channel = Channel::Update;
                    outcome.channel = channel;
                }
                Err(other) => return Err(other),
            }
        }
        if channel == Channel::Update {
            let sent = pool.install(|| update_graphs(remote, &changed, options.request_bytes))?;
            add(&mut outcome, sent);
        }
        outcome.sent += changed.len();
        outcome.took = started.elapsed();
        progress(&outcome);
    }
    let kept: HashSet<&str> = graphs.iter().map(NamedNode::as_str).collect();
    let gone: Vec<&String> = pushed
        .keys()
        .filter(|g| options.prune && !kept.contains(g.as_str()))
        .collect();
    outcome.removed = gone.len();
    outcome.requests += drop_graphs(remote, channel, &gone, options.request_bytes)?;
    outcome.took = started.elapsed();
    Ok(outcome)
}

/// What some requests sent: (triples, bytes, requests).
type Sent = (usize, usize, usize);

fn add(outcome: &mut PushOutcome, (triples, bytes, requests): Sent) {
    outcome.triples += triples;
    outcome.bytes += bytes;
    outcome.requests += requests;
}

/// The digest of each graph the server holds from a push, by graph IRI.
fn pushed_digests(remote: &Remote) -> Result<HashMap<String, String>, RemoteError> {
    let mut digests = HashMap::new();
    let mut after = String::new();
    loop {
        let rows = remote.select(&format!(
            "SELECT ?g ?d WHERE {{ GRAPH ?g {{ ?g {} ?d }} FILTER(STR(?g) > {}) }} \
             ORDER BY STR(?g) LIMIT {DIGEST_PAGE}",
            hs::PUSHED_DIGEST,
            Literal::new_simple_literal(after.as_str())
        ))?;
        let before = digests.len();
        for row in &rows {
            if let (Some(Term::NamedNode(g)), Some(Term::Literal(d))) = (row.get("g"), row.get("d"))
            {
                if g.as_str() > after.as_str() {
                    after = g.as_str().to_owned();
                }
                digests.insert(g.as_str().to_owned(), d.value().to_owned());
            }
        }
        // An empty page ends it, and so does a page with nothing new (a server that
        // compares strings otherwise than it sorts them must not loop).
        if rows.is_empty() || digests.len() == before {
            return Ok(digests);
        }
    }
}

/// A graph's triples as sorted N-Triples lines, and their digest.
fn prepare(store: &Store, graph: &NamedNode) -> Result<Prepared, RemoteError> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for quad in store
        .oxigraph()
        .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
    {
        let quad = quad.map_err(StoreError::from)?;
        if quad.predicate == hs::PUSHED_DIGEST {
            continue;
        }
        serializer
            .serialize_triple(&Triple::from(quad))
            .map_err(StoreError::from)?;
    }
    let text = serializer.finish().map_err(StoreError::from)?;
    let mut lines: Vec<Vec<u8>> = text
        .split(|b| *b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut line = line.to_vec();
            line.push(b'\n');
            line
        })
        .collect();
    lines.sort_unstable();
    let mut hasher = Sha256::new();
    for line in &lines {
        hasher.update(line);
    }
    let digest: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Prepared {
        graph: graph.clone(),
        lines,
        digest,
    })
}

/// The digest triple of a prepared graph, as an N-Triples line.
fn digest_line(prepared: &Prepared) -> Result<Vec<u8>, RemoteError> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    serializer
        .serialize_triple(&Triple::new(
            prepared.graph.clone(),
            hs::PUSHED_DIGEST,
            Literal::new_simple_literal(prepared.digest.as_str()),
        ))
        .map_err(StoreError::from)?;
    Ok(serializer.finish().map_err(StoreError::from)?)
}

/// The Graph Store URL of `graph` (`?graph=…`, SPARQL 1.1 Graph Store Protocol).
fn graph_url(store: &str, graph: &str) -> String {
    let separator = if store.contains('?') { '&' } else { '?' };
    let graph: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
    format!("{store}{separator}graph={graph}")
}

/// Writes each graph by a PUT to the Graph Store, as many at once as the pool has threads.
fn put_graphs(remote: &Remote, graphs: &[Prepared]) -> Result<Sent, RemoteError> {
    let Some(store) = &remote.endpoints.graph_store else {
        return Ok((0, 0, 0));
    };
    graphs
        .par_iter()
        .map(|prepared| {
            let mut body = prepared.lines.concat();
            body.extend(digest_line(prepared)?);
            let url = graph_url(store, prepared.graph.as_str());
            remote
                .client
                .send(
                    Method::Put("application/n-triples; charset=utf-8", &body),
                    &url,
                    "*/*",
                )?
                .success(&url)?;
            Ok((prepared.lines.len() + 1, body.len(), 1))
        })
        .try_reduce(|| (0, 0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1, a.2 + b.2)))
}

/// Writes the graphs by SPARQL 1.1 Update, many graphs per request: each graph dropped,
/// then inserted in pieces of at most [`INSERT_TRIPLES`], its digest in its last piece.
/// Requests hold about `limit` bytes and whole graphs, so they may be sent at once, as many
/// as the pool has threads; a graph larger than that is sent alone, its pieces in order.
fn update_graphs(remote: &Remote, graphs: &[Prepared], limit: usize) -> Result<Sent, RemoteError> {
    let mut jobs: Vec<Vec<String>> = Vec::new();
    let mut shared = String::new();
    let mut triples = 0;
    for prepared in graphs {
        let operations = graph_operations(prepared)?;
        triples += prepared.lines.len() + 1;
        let size: usize = operations.iter().map(|o| o.len() + SEPARATOR.len()).sum();
        if size > limit {
            jobs.push(pack(operations, limit));
            continue;
        }
        if !shared.is_empty() && shared.len() + size > limit {
            jobs.push(vec![std::mem::take(&mut shared)]);
        }
        for operation in operations {
            append(&mut shared, &operation);
        }
    }
    if !shared.is_empty() {
        jobs.push(vec![shared]);
    }
    let bytes = jobs.iter().flatten().map(String::len).sum();
    let requests = jobs.iter().map(Vec::len).sum();
    jobs.par_iter()
        .try_for_each(|job| job.iter().try_for_each(|request| update(remote, request)))?;
    Ok((triples, bytes, requests))
}

/// What joins two operations of one request.
const SEPARATOR: &str = " ;\n";

fn append(request: &mut String, operation: &str) {
    if !request.is_empty() {
        request.push_str(SEPARATOR);
    }
    request.push_str(operation);
}

/// `operations` in order, in requests of about `limit` bytes.
fn pack(operations: Vec<String>, limit: usize) -> Vec<String> {
    let mut requests = Vec::new();
    let mut current = String::new();
    for operation in operations {
        if !current.is_empty() && current.len() + operation.len() > limit {
            requests.push(std::mem::take(&mut current));
        }
        append(&mut current, &operation);
    }
    if !current.is_empty() {
        requests.push(current);
    }
    requests
}

/// The operations that replace one graph: `DROP SILENT GRAPH`, then an `INSERT DATA` per
/// piece of at most [`INSERT_TRIPLES`], the digest in the last.
fn graph_operations(prepared: &Prepared) -> Result<Vec<String>, RemoteError> {
    let graph = &prepared.graph;
    let digest = digest_line(prepared)?;
    let mut operations = vec![format!("DROP SILENT GRAPH {graph}")];
    let pieces: Vec<&[Vec<u8>]> = prepared.lines.chunks(INSERT_TRIPLES).collect();
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.iter().enumerate() {
        let mut data = String::new();
        for line in *piece {
            data.push_str(&String::from_utf8_lossy(line));
        }
        if i == last {
            data.push_str(&String::from_utf8_lossy(&digest));
        }
        operations.push(format!("INSERT DATA {{ GRAPH {graph} {{\n{data}}} }}"));
    }
    if pieces.is_empty() {
        operations.push(format!(
            "INSERT DATA {{ GRAPH {graph} {{\n{}}} }}",
            String::from_utf8_lossy(&digest)
        ));
    }
    Ok(operations)
}

/// Sends one SPARQL 1.1 Update request.
fn update(remote: &Remote, request: &str) -> Result<(), RemoteError> {
    let Some(url) = &remote.endpoints.update else {
        return Ok(());
    };
    remote
        .client
        .send(
            Method::Post("application/sparql-update", request.as_bytes()),
            url,
            "*/*",
        )?
        .success(url)?;
    Ok(())
}

/// Drops the graphs an earlier push wrote that the store no longer has: a DELETE each from
/// the Graph Store, or `DROP SILENT GRAPH`s, many a request. Gives the requests sent.
fn drop_graphs(
    remote: &Remote,
    channel: Channel,
    graphs: &[&String],
    limit: usize,
) -> Result<usize, RemoteError> {
    let graphs = graphs
        .iter()
        .map(|graph| {
            NamedNode::new(graph.as_str()).map_err(|e| {
                RemoteError::Setup(format!("the server holds a graph named '{graph}' ({e})"))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    match (channel, &remote.endpoints.graph_store) {
        (Channel::GraphStore, Some(store)) => {
            for graph in &graphs {
                let url = graph_url(store, graph.as_str());
                let answer = remote.client.send(Method::Delete, &url, "*/*")?;
                // Gone already is as good as dropped.
                if answer.status != 404 {
                    answer.success(&url)?;
                }
            }
            Ok(graphs.len())
        }
        _ => {
            let operations = graphs.iter().map(|g| format!("DROP SILENT GRAPH {g}"));
            let requests = pack(operations.collect(), limit);
            for request in &requests {
                update(remote, request)?;
            }
            Ok(requests.len())
        }
    }
}
