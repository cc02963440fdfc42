//! The `hearsay` command line: one module per subcommand over the library.
//! The only place that prints, decides exit codes or uses anyhow.

mod args;
mod eval;
mod export;
mod extract;
mod ingest;
mod lookup;
mod output;
mod pipeline;
mod query;
mod timeline;

use std::process::ExitCode;

use anyhow::{Context, Result};

pub use args::Cli;
use args::{Command, StoreArgs};

use crate::store::Store;

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Did what was asked. Exit 0.
    Done,
    /// Ran fine but nothing matched (`claims` with no hit). Exit 1, like grep.
    NothingFound,
    /// Some inputs failed and were reported; the rest went through. Exit 2.
    PartlyFailed,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::NothingFound => ExitCode::from(1),
            Outcome::PartlyFailed => ExitCode::from(2),
        }
    }
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&open_writable(&cli.store)?, &args),
        Command::Claims(args) => lookup::claims(&open_readable(&cli.store)?, &args),
        Command::Sources(args) => lookup::sources(&open_readable(&cli.store)?, &args),
        Command::Timeline(args) => timeline::timeline(&open_readable(&cli.store)?, &args),
        Command::Propositions(args) => timeline::propositions(&open_readable(&cli.store)?, &args),
        Command::Show(args) => lookup::show(&open_readable(&cli.store)?, &args),
        Command::Query(args) => query::run(&open_readable(&cli.store)?, &args),
        Command::Export(args) => export::run(&open_readable(&cli.store)?, &args),
        Command::Compact => compact(&cli.store),
        Command::Extract(args) => extract::run(&args),
        Command::Eval(args) => eval::run(&args),
    }
}

/// True when `err` comes from writing to a closed pipe (`hearsay export | head`), which
/// is how a reader says it has seen enough: not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            // TSV and CSV listings write through the csv crate, which wraps the io::Error.
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(BrokenPipe);
        }
        let io = cause.downcast_ref::<std::io::Error>().or(
            match cause.downcast_ref::<crate::store::StoreError>() {
                // `Io` is transparent: the chain shows the store error, not the io::Error.
                Some(crate::store::StoreError::Io(io)) => Some(io),
                _ => None,
            },
        );
        io.is_some_and(|io| io.kind() == BrokenPipe)
    })
}

fn open_writable(args: &StoreArgs) -> Result<Store> {
    if args.memory {
        return Ok(Store::in_memory()?);
    }
    Ok(Store::open(&args.store)?)
}

/// `hearsay compact`: an existing on-disk store only.
fn compact(args: &StoreArgs) -> Result<Outcome> {
    if args.memory {
        anyhow::bail!("--memory gives an empty throwaway store: there is nothing to compact");
    }
    require_store_dir(args)?;
    let started = std::time::Instant::now();
    let store = Store::open_existing(&args.store)?;
    store
        .compact()
        .with_context(|| format!("compacting store {}", args.store.display()))?;
    eprintln!(
        "compacted {} in {:.1} s",
        args.store.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Done)
}

/// A missing store directory, said in the user's terms (a directory that holds no store
/// gets the store's own [`crate::store::StoreError::Missing`]).
fn require_store_dir(args: &StoreArgs) -> Result<()> {
    if !args.store.exists() {
        anyhow::bail!(
            "no store at {}; run `hearsay ingest PATH` first, or name one with --store DIR",
            args.store.display()
        );
    }
    Ok(())
}

fn open_readable(args: &StoreArgs) -> Result<Store> {
    if args.memory {
        return Ok(Store::in_memory()?);
    }
    require_store_dir(args)?;
    Store::open_read_only(&args.store)
        .with_context(|| format!("opening store {}", args.store.display()))
}
