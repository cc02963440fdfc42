//! `hearsay export`: the store, or one article, as RDF.

use std::fs::File;
use std::io::{BufWriter, Write};

use anyhow::{Context, Result};

use super::args::{ExportArgs, RdfFormatArg};
use super::Outcome;
use crate::store::{ExportFormat, Store};

pub fn run(store: &Store, args: &ExportArgs) -> Result<Outcome> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => export_format(format),
        (None, Some(path)) => path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(ExportFormat::from_extension)
            .with_context(|| {
                format!(
                    "cannot guess a format from {}; use --format turtle|trig|ntriples|nquads|jsonld",
                    path.display()
                )
            })?,
        (None, None) => ExportFormat::Turtle,
    };
    let article = args.article.as_deref();
    match &args.output {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = store.export(format, article, BufWriter::new(file))?;
            out.flush()
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let mut out =
                store.export(format, article, BufWriter::new(std::io::stdout().lock()))?;
            out.flush()?;
        }
    }
    Ok(Outcome::Done)
}

/// The library's format for the CLI's name of it.
pub(super) fn export_format(format: RdfFormatArg) -> ExportFormat {
    match format {
        RdfFormatArg::Turtle => ExportFormat::Turtle,
        RdfFormatArg::TriG => ExportFormat::TriG,
        RdfFormatArg::NTriples => ExportFormat::NTriples,
        RdfFormatArg::NQuads => ExportFormat::NQuads,
        RdfFormatArg::JsonLd => ExportFormat::JsonLd,
    }
}
