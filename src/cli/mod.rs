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
mod push;
mod query;
mod read;
#[cfg(unix)]
mod serve;
mod timeline;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

pub use args::Cli;
use args::{Command, StoreArgs};
use output::Console;

use crate::remote::Remote;
use crate::store::{Lookups, Store};

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
    fn code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::NothingFound => 1,
            Outcome::PartlyFailed => 2,
        }
    }

    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

/// The whole program: parses `argv` (exiting with clap's message when it is wrong), runs
/// the command (in the store's `hearsay serve` when one runs and takes it), prints the
/// error if any, and says how to exit.
pub fn main(argv: Vec<OsString>) -> ExitCode {
    // A panic inside a page's extraction costs that page, which is reported as one line
    // (`article::parse_html`): the default hook's message and backtrace would be noise.
    let report_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::article::inside_page_extraction() {
            report_panic(info);
        }
    }));
    let cli = Cli::parse_from(&argv);
    if let Command::Query(args) = &cli.command {
        // Here or in a server, the query stops itself at its limit; this ends the process
        // should it not (and a client whose server does not answer in time).
        if let Some(limit) = args.timeout.0 {
            query::exit_after(limit);
        }
    }
    #[cfg(unix)]
    let forwarded = serve::forward(&cli, &argv);
    #[cfg(not(unix))]
    let forwarded = None;
    match forwarded.unwrap_or_else(|| run(cli)) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hearsay: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs one command line in this process.
pub fn run(cli: Cli) -> Result<Outcome> {
    if let Some(endpoint) = &cli.remote.endpoint {
        return run_remote(&cli, endpoint);
    }
    match cli.command {
        Command::Push(_) => anyhow::bail!(
            "push writes to a SPARQL server: name it with --endpoint URL (its base URL or its \
             query URL)"
        ),
        Command::Ingest(args) => ingest::run(&open_writable(&cli.store)?, &args),
        Command::Export(args) => export::run(&open_readable(&cli.store)?, &args),
        Command::Compact => compact(&cli.store),
        #[cfg(unix)]
        Command::Serve(args) => serve::run(&cli.store, &args),
        #[cfg(not(unix))]
        Command::Serve(_) => anyhow::bail!("`hearsay serve` needs Unix sockets"),
        Command::Extract(args) => extract::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Read(args) => read::run(&args),
        lookup => run_lookup(
            Target::Store(&open_readable(&cli.store)?),
            &lookup,
            &Console::of_stdout(),
            &mut std::io::stdout().lock(),
        ),
    }
}

/// Runs a command with --endpoint: a lookup or query on that SPARQL server, or a push to
/// it.
fn run_remote(cli: &Cli, endpoint: &str) -> Result<Outcome> {
    match &cli.command {
        Command::Push(args) => push::run(&open_readable(&cli.store)?, endpoint, args),
        command @ (Command::Claims(_)
        | Command::Sources(_)
        | Command::Timeline(_)
        | Command::Propositions(_)
        | Command::Show(_)
        | Command::Query(_)) => {
            // A query's own limit is kept by `query::exit_after`; a lookup's request may
            // take as long as a lookup on a large store does.
            let timeout = match command {
                Command::Query(args) => args.timeout.0,
                _ => None,
            };
            let remote = Remote::connect(
                endpoint,
                None,
                None,
                timeout.unwrap_or(REMOTE_LOOKUP_TIMEOUT),
            )?;
            run_lookup(
                Target::Remote(&remote),
                command,
                &Console::of_stdout(),
                &mut std::io::stdout().lock(),
            )
        }
        _ => anyhow::bail!(
            "--endpoint is for the lookups (claims, sources, show, timeline, propositions), \
             query and push"
        ),
    }
}

/// How long a lookup waits for a SPARQL server's answer to one of its queries.
const REMOTE_LOOKUP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

/// What a lookup reads: the store, or a SPARQL server.
#[derive(Clone, Copy)]
enum Target<'a> {
    Store(&'a Store),
    Remote(&'a Remote),
}

impl Target<'_> {
    fn reader(&self) -> &dyn Lookups {
        match self {
            Target::Store(store) => *store,
            Target::Remote(remote) => *remote,
        }
    }
}

/// Runs a lookup, a command that reads the store (or a SPARQL server) and writes only to
/// `out`: here, or in a `hearsay serve` for a client.
fn run_lookup(
    target: Target<'_>,
    command: &Command,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let db = target.reader();
    match command {
        Command::Claims(args) => lookup::claims(db, args, console, out),
        Command::Sources(args) => lookup::sources(db, args, console, out),
        Command::Timeline(args) => timeline::timeline(db, args, console, out),
        Command::Propositions(args) => timeline::propositions(db, args, console, out),
        Command::Show(args) => lookup::show(db, args, out),
        Command::Query(args) => match target {
            Target::Store(store) => query::run(store, args, console, out),
            Target::Remote(remote) => query::run_remote(remote, args, console, out),
        },
        _ => anyhow::bail!(
            "only lookups (claims, sources, show, timeline, propositions, query) run here"
        ),
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
