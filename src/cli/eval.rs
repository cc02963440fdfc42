//! `hearsay eval`: scores extraction against gold annotations, as `score.py` does.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::args::{EvalArgs, EvalFormat};
use super::Outcome;
use crate::exchange::{from_extraction, read_docs, ExchangeDoc};
use crate::extract::extract;

pub fn run(args: &EvalArgs) -> Result<Outcome> {
    let gold = read_file(&args.gold)?;
    let predicted = match &args.predictions {
        Some(path) => read_file(path)?,
        None => gold
            .par_iter()
            .map(|doc| {
                let text = doc.text.as_deref().unwrap_or("");
                from_extraction(&doc.id, text, &extract(text), false)
            })
            .collect(),
    };
    let scores = crate::eval::score(&gold, &predicted)
        .with_context(|| format!("scoring against {}", args.gold.display()))?;
    // Written, not printed: a closed pipe (`| head`) is an error `cli` ends quietly on.
    let mut out = std::io::stdout().lock();
    match args.format {
        EvalFormat::Table => writeln!(out, "{scores}")?,
        EvalFormat::Json => writeln!(out, "{}", serde_json::to_string(&scores)?)?,
    }
    Ok(Outcome::Done)
}

fn read_file(path: &Path) -> Result<Vec<ExchangeDoc>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    read_docs(BufReader::new(file)).with_context(|| format!("reading {}", path.display()))
}
