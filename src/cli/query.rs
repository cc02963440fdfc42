//! `hearsay query`: SPARQL over the union of the article graphs.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use oxigraph::sparql::QueryResults;

use super::args::{QueryArgs, ResultsFormat};
use super::export::export_format;
use super::output::{write_table, Console, Table};
use super::Outcome;
use crate::remote::Remote;
use crate::store::{write_results, CancellationToken, ResultsFormat as W3cFormat, Store, Watchdog};

/// How long past its limit a query that ignores its cancellation (one that never reads the
/// store, such as a product of `VALUES` blocks) may run before the process ends itself.
const GRACE: Duration = Duration::from_secs(5);

/// Runs the query within `args.timeout`: past it, the query is cancelled and the command
/// fails with one line that says so.
pub fn run(
    store: &Store,
    args: &QueryArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let token = CancellationToken::new();
    // Watches until dropped, at the end of this function.
    let _watchdog = args
        .timeout
        .0
        .map(|limit| Watchdog::cancel_after(limit, token.clone()));
    match run_cancellable(store, args, console, out, token.clone()) {
        // Only the watchdog cancels: whatever failed then failed because of it.
        Err(_) if token.is_cancelled() => Err(timed_out(args.timeout.0.unwrap_or_default())),
        other => other,
    }
}

/// The error of a query stopped at its time limit.
fn timed_out(limit: Duration) -> anyhow::Error {
    anyhow::anyhow!(
        "the query ran past its time limit of {} s and was stopped; narrow it, or allow more \
         with --timeout SECONDS (0 for no limit)",
        limit.as_secs_f64()
    )
}

/// Ends this process with [`timed_out`]'s message and exit code 2 once `limit` (and a short
/// grace) has passed, for a query that cancellation cannot reach. For the process that
/// owns the command line only, never for `hearsay serve`, whose other clients it would end.
pub(super) fn exit_after(limit: Duration) {
    std::thread::spawn(move || {
        std::thread::sleep(limit + GRACE);
        eprintln!("hearsay: {:#}", timed_out(limit));
        std::process::exit(2);
    });
}

fn run_cancellable(
    store: &Store,
    args: &QueryArgs,
    console: &Console,
    out: &mut dyn Write,
    token: CancellationToken,
) -> Result<Outcome> {
    let sparql = query_text(&args.query)?;
    let results = store.query_cancellable(&sparql, token)?;
    write_query_results(results, args, console, out)
}

/// Runs the query on a SPARQL server; its own time limit is kept by [`exit_after`].
pub fn run_remote(
    remote: &Remote,
    args: &QueryArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let sparql = query_text(&args.query)?;
    let results = remote.query(&sparql).map_err(|e| {
        // LATERAL is Oxigraph's: say where the standard forms of the shipped queries are.
        let lateral = sparql.to_ascii_uppercase().contains("LATERAL");
        let hint = if lateral {
            "; LATERAL is an Oxigraph extension other servers reject: queries/standard/ has \
             the shipped queries in standard SPARQL"
        } else {
            ""
        };
        anyhow::anyhow!("{e}{hint}")
    })?;
    write_query_results(results, args, console, out)
}

/// Writes a query's results as `args` ask, a table by default on a terminal.
fn write_query_results(
    results: QueryResults<'static>,
    args: &QueryArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let format = args.results_format.unwrap_or(if console.terminal {
        ResultsFormat::Table
    } else {
        ResultsFormat::Tsv
    });
    let mut out = BufWriter::new(out);
    match (format, results) {
        (ResultsFormat::Table, QueryResults::Solutions(solutions)) => {
            let variables: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            // Any column of a query result may hold long text.
            let mut table = Table::new(variables).all_wrapping();
            for solution in solutions {
                let solution = solution?;
                table.push(
                    solution
                        .values()
                        .iter()
                        .map(|v| {
                            v.as_ref().map_or(serde_json::Value::Null, |t| {
                                crate::graph::vocab::short_form(t).into()
                            })
                        })
                        .collect(),
                );
            }
            write_table(
                &table,
                super::args::TableFormat::Table,
                console.width,
                &mut out,
            )?;
        }
        (format, results) => {
            let w3c = match format {
                ResultsFormat::Json => W3cFormat::Json,
                ResultsFormat::Xml => W3cFormat::Xml,
                ResultsFormat::Csv => W3cFormat::Csv,
                ResultsFormat::Tsv | ResultsFormat::Table => W3cFormat::Tsv,
            };
            write_results(results, w3c, export_format(args.format), &mut out)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// Whether QUERY names a file (an existing one, or one ending in .rq) rather than being
/// SPARQL itself.
pub(super) fn names_file(query: &str) -> bool {
    query.ends_with(".rq") || (Path::new(query).is_file() && !query.contains('{'))
}

/// The query itself: the file's text when QUERY [names a file](names_file), else QUERY as
/// SPARQL.
fn query_text(query: &str) -> Result<String> {
    if names_file(query) {
        return std::fs::read_to_string(query)
            .with_context(|| format!("cannot read query file {query}"));
    }
    Ok(query.to_owned())
}
