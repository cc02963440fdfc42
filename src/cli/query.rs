//! `hearsay query`: SPARQL over the union of the article graphs.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use oxigraph::sparql::QueryResults;

use super::args::{QueryArgs, ResultsFormat};
use super::export::export_format;
use super::output::{write_table, Console, Table};
use super::Outcome;
use crate::store::{write_results, ResultsFormat as W3cFormat, Store};

pub fn run(
    store: &Store,
    args: &QueryArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let sparql = query_text(&args.query)?;
    let results = store.query(&sparql)?;
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
