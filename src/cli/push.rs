//! `hearsay push`: the store written to a SPARQL server.

use std::time::Duration;

use anyhow::Result;

use super::args::{PushArgs, PushVia};
use super::Outcome;
use crate::remote::{push, Channel, PushOptions, Remote};
use crate::store::Store;

/// No time limit asked for: a day, as a request must end some time.
const NO_LIMIT: Duration = Duration::from_secs(86_400);

pub fn run(store: &Store, endpoint: &str, args: &PushArgs) -> Result<Outcome> {
    let remote = Remote::connect(
        endpoint,
        args.graph_store.as_deref(),
        args.update.as_deref(),
        args.timeout.0.unwrap_or(NO_LIMIT),
    )?;
    let endpoints = remote.endpoints();
    eprintln!(
        "pushing to {} (Graph Store {}, update {})",
        endpoints.query,
        endpoints.graph_store.as_deref().unwrap_or("none"),
        endpoints.update.as_deref().unwrap_or("none")
    );
    let options = PushOptions {
        batch: args.batch as usize,
        connections: args.connections as usize,
        via: args.via.map(|via| match via {
            PushVia::Update => Channel::Update,
            PushVia::GraphStore => Channel::GraphStore,
        }),
        request_bytes: args.request_bytes as usize,
        everything: args.all,
        prune: args.prune,
    };
    let outcome = push(store, &remote, &options, &mut |so_far| {
        eprintln!(
            "  {} of {} graphs compared, {} sent ({:.1} s)",
            so_far.compared,
            so_far.graphs,
            so_far.sent,
            so_far.took.as_secs_f64()
        );
    })?;
    eprintln!(
        "pushed {} of {} graphs ({} unchanged, {} removed) by {}: {} triples, {:.1} MB in {} \
         requests, {:.1} s",
        outcome.sent,
        outcome.graphs,
        outcome.unchanged,
        outcome.removed,
        match outcome.channel {
            Channel::GraphStore => "Graph Store PUTs",
            Channel::Update => "SPARQL Update",
        },
        outcome.triples,
        outcome.bytes as f64 / 1e6,
        outcome.requests,
        outcome.took.as_secs_f64()
    );
    Ok(Outcome::Done)
}
