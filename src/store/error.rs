//! The errors of the store: opening, writing, querying, exporting.
//! Knows nothing of the CLI: messages say what went wrong and what to do, never how to exit.

use std::io;
use std::path::PathBuf;

use oxigraph::sparql::{QueryEvaluationError, SparqlSyntaxError};
use oxigraph::store::{SerializerError, StorageError};

/// Everything that can go wrong in [`super::Store`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process (or another `Store` in this one) holds the store's RocksDB lock.
    #[error(
        "store {} is in use by another hearsay process; close it or use --read-only",
        path.display()
    )]
    Locked {
        /// The store directory.
        path: PathBuf,
    },
    /// A directory that holds no store, opened read-only or for maintenance: neither creates one.
    #[error("no hearsay store at {}; create one with `hearsay ingest`", path.display())]
    Missing {
        /// The directory asked for.
        path: PathBuf,
    },
    /// Opening failed for another reason (permissions, corruption, not a directory).
    #[error("cannot open store {}", path.display())]
    Open {
        /// The store directory.
        path: PathBuf,
        /// RocksDB's own account.
        #[source]
        source: StorageError,
    },
    /// Reading or writing the underlying storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The SPARQL text does not parse; the message is the parser's, with its position.
    #[error("SPARQL syntax error")]
    Syntax(#[from] SparqlSyntaxError),
    /// The query parsed but failed while running.
    #[error("SPARQL evaluation failed")]
    Evaluation(#[source] QueryEvaluationError),
    /// The query was stopped through its cancellation token (see
    /// [`super::Store::query_cancellable`]) before it finished.
    #[error("the query was stopped before it finished")]
    Cancelled,
    /// A quad handed to [`super::Store::ingest`] lies outside the article's graph, so
    /// replacing that graph would not replace it.
    #[error("quad {quad} lies outside the graph of article <{graph}>")]
    ForeignQuad {
        /// The article graph being written.
        graph: String,
        /// The offending quad, in N-Quads.
        quad: String,
    },
    /// A claim id or article reference that is neither a short id nor a valid IRI.
    #[error("'{value}' is neither a hearsay id nor a valid IRI")]
    InvalidReference {
        /// What was given.
        value: String,
    },
    /// A lookup filter that cannot match anything sensible (e.g. a NaN confidence).
    #[error("invalid filter: {0}")]
    InvalidFilter(String),
    /// No article in the store matches the URL, id or IRI given.
    #[error("no article {0} in the store; `hearsay query` can list them")]
    UnknownArticle(String),
    /// Stored data lacks a value hearsay always writes (a store edited by hand, or a bug).
    #[error("{subject} is malformed: {what}")]
    Malformed {
        /// The node concerned.
        subject: String,
        /// What is missing or wrong.
        what: String,
    },
    /// The full-text index beside the store failed; rebuilding it loses nothing (it is made
    /// from the store).
    #[error("text index: {0}; delete the store's text-index directory and run `hearsay compact` to rebuild it")]
    TextIndex(String),
    /// A SPARQL server answering a lookup failed; the message says how, in one line.
    #[error("{0}")]
    Server(String),
    /// Writing an export or query results failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl From<SerializerError> for StoreError {
    fn from(error: SerializerError) -> Self {
        match error {
            SerializerError::Io(e) => StoreError::Io(e),
            SerializerError::Storage(e) => StoreError::Storage(e),
            other => StoreError::Io(other.into()),
        }
    }
}

impl From<QueryEvaluationError> for StoreError {
    fn from(error: QueryEvaluationError) -> Self {
        match error {
            QueryEvaluationError::Cancelled => StoreError::Cancelled,
            other => StoreError::Evaluation(other),
        }
    }
}

impl StoreError {
    /// Classifies a failure to open `path` read-write: RocksDB reports a held lock as an I/O
    /// error naming the `LOCK` file ("While lock file: DIR/LOCK: Resource temporarily
    /// unavailable" from another process, "lock hold by current process" from this one).
    pub(crate) fn on_open(path: PathBuf, source: StorageError) -> Self {
        let message = source.to_string();
        if message.contains("LOCK") || message.contains("lock hold by current process") {
            StoreError::Locked { path }
        } else {
            StoreError::Open { path, source }
        }
    }
}
