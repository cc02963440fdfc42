//! `hearsay extract`: attributions as JSON Lines in the exchange format, without a store.

use std::io::{BufWriter, Write};

use anyhow::Result;

use super::args::ExtractArgs;
use super::pipeline::{for_each_batch, Inputs};
use super::Outcome;
use crate::exchange::from_extraction;

pub fn run(args: &ExtractArgs) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let inputs = Inputs::from_args(&args.input)?;
    let tally = for_each_batch(&inputs, 256, |batch| {
        for item in batch {
            let article = &item.article;
            let id = article
                .id
                .as_deref()
                .or(article.url.as_deref())
                .unwrap_or(&article.origin);
            let doc = from_extraction(id, &article.text, &item.extraction, args.with_text);
            serde_json::to_writer(&mut out, &doc)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(summarize_failures(tally.articles, tally.failed))
}

/// The outcome of a pass where `failed` of the inputs could not be read.
pub(super) fn summarize_failures(done: usize, failed: usize) -> Outcome {
    if failed == 0 {
        Outcome::Done
    } else if done == 0 {
        // Each failure was reported on its own line already.
        Outcome::PartlyFailed
    } else {
        eprintln!(
            "hearsay: {failed} of {} articles failed (see the messages above)",
            done + failed
        );
        Outcome::PartlyFailed
    }
}
