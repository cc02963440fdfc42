//! Reads articles in batches and extracts each batch on every core, keeping input order.
//! Shared by `ingest` and `extract`, so both read and report bad input alike.

use std::path::PathBuf;

use anyhow::Result;
use rayon::prelude::*;

use crate::article::{read_inputs, Article, ArticleError};
use crate::extract::{extract, Extraction};

/// An article with what extraction found in it.
pub struct Extracted {
    pub article: Article,
    pub extraction: Extraction,
}

/// What a pass over the inputs saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub articles: usize,
    pub failed: usize,
}

/// Reads `paths`, extracts `batch_size` articles at a time in parallel, and hands each
/// batch, in input order, to `consume`. A bad article or row is reported on stderr with
/// where it came from and counted; the rest go on.
pub fn for_each_batch(
    paths: &[PathBuf],
    batch_size: usize,
    consume: impl FnMut(Vec<Extracted>) -> Result<()>,
) -> Result<Tally> {
    batches(
        paths,
        batch_size,
        |err| eprintln!("hearsay: {err}"),
        consume,
    )
}

/// [`for_each_batch`] for a pass ahead of the one that reports: bad input is only counted.
pub fn for_each_batch_quietly(
    paths: &[PathBuf],
    batch_size: usize,
    consume: impl FnMut(Vec<Extracted>) -> Result<()>,
) -> Result<Tally> {
    batches(paths, batch_size, |_| {}, consume)
}

fn batches(
    paths: &[PathBuf],
    batch_size: usize,
    mut bad_input: impl FnMut(&ArticleError),
    mut consume: impl FnMut(Vec<Extracted>) -> Result<()>,
) -> Result<Tally> {
    let mut tally = Tally::default();
    let mut pending: Vec<Article> = Vec::with_capacity(batch_size);
    let mut flush = |pending: &mut Vec<Article>, tally: &mut Tally| -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let batch: Vec<Extracted> = std::mem::take(pending)
            .into_par_iter()
            .map(|article| {
                let extraction = extract(&article.text);
                Extracted {
                    article,
                    extraction,
                }
            })
            .collect();
        tally.articles += batch.len();
        consume(batch)
    };
    for item in read_inputs(paths) {
        match item {
            Ok(article) => {
                pending.push(article);
                if pending.len() >= batch_size {
                    flush(&mut pending, &mut tally)?;
                }
            }
            Err(err) => {
                bad_input(&err);
                tally.failed += 1;
            }
        }
    }
    flush(&mut pending, &mut tally)?;
    Ok(tally)
}
