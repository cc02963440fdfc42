//! Reads articles in batches and extracts each batch on every core, keeping input order.
//! Shared by `ingest` and `extract`, so both read and report bad input alike.

use std::path::PathBuf;

use anyhow::Result;
use rayon::prelude::*;

use super::args::InputArgs;
use crate::article::{
    read_inputs_with, url_list, web_address, Article, ArticleError, ArticleReader, FetchOptions,
};
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

/// What a command reads: the paths and web addresses named, those listed with `--urls`,
/// and how to fetch.
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    pub fetch: FetchOptions,
}

impl Inputs {
    /// The inputs the command line names; an unreadable `--urls` list is an error.
    pub fn from_args(args: &InputArgs) -> Result<Self> {
        let mut paths = args.paths.clone();
        if let Some(list) = &args.urls {
            paths.extend(url_list(list)?.into_iter().map(PathBuf::from));
        }
        Ok(Inputs {
            paths,
            fetch: FetchOptions {
                delay: args.delay,
                fetch_items: args.fetch,
            },
        })
    }

    pub fn read(&self) -> ArticleReader {
        read_inputs_with(&self.paths, self.fetch.clone())
    }

    /// Whether reading them a second time costs only time: not for stdin, which can be read
    /// once, nor for anything fetched, which would be asked of its server twice.
    pub fn can_read_twice(&self) -> bool {
        !self.fetch.fetch_items
            && !self
                .paths
                .iter()
                .any(|path| path.as_os_str() == "-" || web_address(path).is_some())
    }
}

/// Reads `inputs`, extracts `batch_size` articles at a time in parallel, and hands each
/// batch, in input order, to `consume`. A bad article or row is reported on stderr with
/// where it came from and counted; the rest go on.
pub fn for_each_batch(
    inputs: &Inputs,
    batch_size: usize,
    consume: impl FnMut(Vec<Extracted>) -> Result<()>,
) -> Result<Tally> {
    batches(
        inputs,
        batch_size,
        |err| eprintln!("hearsay: {err}"),
        consume,
    )
}

/// [`for_each_batch`] for a pass ahead of the one that reports: bad input is only counted.
pub fn for_each_batch_quietly(
    inputs: &Inputs,
    batch_size: usize,
    consume: impl FnMut(Vec<Extracted>) -> Result<()>,
) -> Result<Tally> {
    batches(inputs, batch_size, |_| {}, consume)
}

fn batches(
    inputs: &Inputs,
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
    for item in inputs.read() {
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
