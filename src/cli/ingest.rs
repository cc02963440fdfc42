//! `hearsay ingest`: articles → claims in the store, one named graph per article.

use std::collections::HashSet;
use std::fmt::Write;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use oxigraph::model::{NamedNode, Quad};
use rayon::prelude::*;

use super::args::IngestArgs;
use super::extract::summarize_failures;
use super::pipeline::{for_each_batch, for_each_batch_quietly, Extracted, Inputs};
use super::Outcome;
use crate::article::count_articles;
use crate::graph::article_iri;
use crate::graph::vocab::{hs, rdf};
use crate::store::{BulkOptions, BulkOutcome, GraphChange, RefreshOutcome, Store, StoreError};
use crate::track::{article_names, tracked_quads};

/// Articles extracted and written per batch: large enough to keep both cores busy, small
/// enough that memory stays flat on a whole archive.
const BATCH: usize = 256;

/// Quads in a first batch from which it goes through the bulk loader even when it holds few
/// articles: one transaction of a huge article (34,000 claims in 1 MB of "He said …")
/// slows down with its size inside RocksDB (3,448 claims took 16–27 s, the loader 1.9 s).
const BULK_QUADS: usize = 20_000;

/// Set in the environment, the run aborts once its articles are written and before the
/// propositions are brought up to date: how tests/incremental.rs kills a run at that point.
const DIE_BEFORE_REFRESH: &str = "HEARSAY_TEST_DIE_BEFORE_REFRESH";

pub fn run(store: &Store, args: &IngestArgs) -> Result<Outcome> {
    let started = Instant::now();
    let inputs = Inputs::from_args(&args.input)?;
    let progress = progress_bar(args.no_progress, &inputs.paths);
    let mut claims = 0usize;
    let mut unchanged = 0usize;
    let mut sources = HashSet::new();
    // The run's claims, for the proposition pass: it reads back only the store's other ones.
    let mut fresh = store.claim_set().context("reading the store")?;
    // Full names and acronyms already known, so "Peskov" and "KCNA" in new articles meet
    // the sources stored before; each batch adds its own before its articles are keyed.
    let stored_names = store
        .known_names()
        .context("reading the sources in the store")?;
    let mut known = stored_names.clone();
    // When one batch holds the whole input, its names are merged before any of it is keyed
    // (below), so a pass ahead would only repeat the extraction: half the time of a small run.
    let one_batch = count_articles(&inputs.paths).is_some_and(|total| total <= BATCH);
    if !one_batch && inputs.can_read_twice() {
        // And every name the run gives, read ahead (not stdin or web pages): keyed
        // batch by batch, a surname in an early article missed the full name a later one
        // gave, so the store depended on input order and a re-run changed 125 of PolNeAR
        // train's 840 articles. This pass costs one more extraction of the input.
        progress.set_message("reading names");
        for_each_batch_quietly(&inputs, BATCH, |mut batch| {
            limit_claims(&mut batch, args.max_claims_per_article, |_, _| {});
            for item in &batch {
                known.merge(&article_names(&item.article, &item.extraction));
            }
            Ok(())
        })?;
        // The rate and time left are those of the pass that writes.
        progress.set_message("");
        progress.reset_eta();
    }
    std::thread::scope(|scope| {
        let mut writer = Writer::Undecided;
        let tally = for_each_batch(&inputs, BATCH, |mut batch| {
            limit_claims(&mut batch, args.max_claims_per_article, |item, dropped| {
                progress.suspend(|| {
                    eprintln!(
                        "hearsay: {}: {} claims found; the first {} are stored (--max-claims-per-article)",
                        item.article.origin,
                        item.extraction.attributions.len() + dropped,
                        item.extraction.attributions.len(),
                    )
                })
            });
            for item in &batch {
                known.merge(&article_names(&item.article, &item.extraction));
            }
            let graphs: Vec<_> = batch
                .par_iter()
                .map(|item| {
                    (
                        article_iri(&item.article),
                        tracked_quads(&item.article, &item.extraction, &known),
                    )
                })
                .collect();
            for item in &batch {
                claims += item.extraction.attributions.len();
            }
            // Counted as `sources` lists them: resolved, generic ones once per text.
            for (_, quads) in &graphs {
                sources.extend(quads.iter().filter_map(|quad| {
                    let typed = quad.predicate == rdf::TYPE && quad.object == hs::SOURCE.into();
                    typed.then(|| quad.subject.clone())
                }));
            }
            if let Writer::Undecided = writer {
                // A full first batch means a large input: bulk load it (while the next batches
                // are extracted); a small one gets a transaction per article.
                let quads: usize = graphs.iter().map(|(_, quads)| quads.len()).sum();
                writer = if args.bulk || batch.len() >= BATCH || quads >= BULK_QUADS {
                    Writer::bulk(scope, store)
                } else {
                    Writer::Transactions
                };
            }
            if let Writer::Transactions = writer {
                // The bulk loader gathers its own, to load the propositions with the articles.
                for (iri, quads) in &graphs {
                    fresh.add_article(iri.as_ref(), quads);
                }
            }
            unchanged += writer.write(store, graphs)?;
            progress.inc(batch.len() as u64);
            Ok(())
        });
        progress.set_message("committing");
        let logged = matches!(writer, Writer::Transactions);
        let written = writer.finish();
        // A failed writer also fails the reading side (its channel closes): its error says why.
        let loaded = written?.map(|(bulk, propositions)| {
            unchanged += bulk.unchanged;
            propositions
        });
        let tally = tally?;
        if tally.articles == 0 && tally.failed == 0 {
            anyhow::bail!("no articles found in the given paths");
        }
        if tally.articles == 0 {
            // Every input failed and each said why on its own line: nothing to summarize.
            return Ok(Outcome::PartlyFailed);
        }
        // A surname or acronym stored by an earlier run ("Peskov") joins the full name this
        // run gives ("Dmitry Peskov"), as it would in one run.
        let aligned = store
            .align_sources(&known, &stored_names)
            .context("linking stored sources to the names of this run")?;
        // Propositions are a function of every article stored: brought up to date once per
        // run, by the bulk load itself or after the transactions, so lookups never see them
        // stale. Sources that moved changed identity in articles the run did not write:
        // those articles are brought up to date as if the run had written them, or, after a
        // bulk load, every stored claim.
        progress.set_message("updating propositions");
        if std::env::var_os(DIE_BEFORE_REFRESH).is_some() {
            // Only tests set this: a run that dies here must leave nothing unindexed.
            std::process::abort();
        }
        let propositions = match loaded {
            Some(_) if aligned.moved > 0 => store.refresh_propositions(),
            Some(propositions) => Ok(propositions),
            // With the articles an earlier run wrote and died before refreshing (their
            // marks survive it; a bulk load reads every stored claim anyway).
            None => store.pending_refresh().and_then(|pending| {
                let pending = pending.iter().filter(|a| !fresh.has_article(a));
                let stored: Vec<&str> = aligned
                    .moved_in
                    .iter()
                    .chain(pending)
                    .map(String::as_str)
                    .collect();
                store.add_stored_articles(&mut fresh, stored)?;
                store.refresh_propositions_with(fresh)
            }),
        }
        .context("updating propositions")?;
        if logged {
            // Transactions went through the write-ahead log, which every read-only open would
            // replay. (After a bulk load there is little in it, and a flush would wait for
            // RocksDB to compact the loaded files: a minute on a 16-million-quad load.)
            store.flush().context("flushing the store")?;
        }
        drop(progress);
        let unchanged = if unchanged > 0 {
            format!(" ({unchanged} unchanged)")
        } else {
            String::new()
        };
        let aligned = match aligned.moved + aligned.relabeled {
            0 => String::new(),
            1 => "; 1 source of earlier runs renamed by this run's names".to_owned(),
            n => format!("; {n} sources of earlier runs renamed by this run's names"),
        };
        eprintln!(
            "ingested {} articles{unchanged}, {} claims, {} sources in {:.2} s{aligned}; {} propositions in {:.2} s",
            tally.articles,
            claims,
            sources.len(),
            started.elapsed().as_secs_f64(),
            propositions.propositions,
            propositions.took.as_secs_f64()
        );
        Ok(summarize_failures(tally.articles, tally.failed))
    })
}

/// Keeps at most `max` claims of each article (0: no limit), telling `over` of each article
/// cut and how many claims it lost.
fn limit_claims(batch: &mut [Extracted], max: usize, mut over: impl FnMut(&Extracted, usize)) {
    if max == 0 {
        return;
    }
    for item in batch {
        let dropped = item.extraction.keep_first(max);
        if dropped > 0 {
            over(item, dropped);
        }
    }
}

/// Where extracted articles go: decided on the first batch.
enum Writer<'scope> {
    Undecided,
    /// One transaction per article: a crash keeps every article written before it.
    Transactions,
    /// One [`Store::bulk_ingest`] over the whole run, on a thread of its own so that
    /// extraction goes on while the loader sorts and writes. Atomic: a crash before the end
    /// leaves none of the new articles, never part of one.
    Bulk {
        sender: SyncSender<(NamedNode, Vec<Quad>)>,
        handle: ScopedJoinHandle<'scope, Result<(BulkOutcome, RefreshOutcome), StoreError>>,
    },
}

impl<'scope> Writer<'scope> {
    fn bulk<'env>(scope: &'scope Scope<'scope, 'env>, store: &'env Store) -> Self {
        // Bounded: at most a batch waits between extraction and the loader.
        let (sender, receiver) = sync_channel(BATCH);
        let handle =
            scope.spawn(move || store.bulk_ingest_tracked(receiver, &BulkOptions::default()));
        Writer::Bulk { sender, handle }
    }

    /// Writes or hands over `graphs`; how many of them were stored already as they are
    /// (known now for transactions only; the loader says at the end).
    fn write(&mut self, store: &Store, graphs: Vec<(NamedNode, Vec<Quad>)>) -> Result<usize> {
        let mut unchanged = 0;
        match self {
            Writer::Undecided | Writer::Transactions => {
                for (iri, quads) in &graphs {
                    let outcome = store
                        .ingest_before_refresh(iri.as_ref(), quads)
                        .with_context(|| format!("writing article {iri}"))?;
                    unchanged += usize::from(outcome.change == GraphChange::Unchanged);
                }
            }
            Writer::Bulk { sender, .. } => {
                for graph in graphs {
                    // Fails only when the loader has stopped; `finish` reports why.
                    sender
                        .send(graph)
                        .map_err(|_| anyhow!("the bulk loader stopped"))?;
                }
            }
        }
        Ok(unchanged)
    }

    /// Waits for the loader, if any, to commit; then what it did to the articles and the
    /// propositions.
    fn finish(self) -> Result<Option<(BulkOutcome, RefreshOutcome)>> {
        let Writer::Bulk { sender, handle } = self else {
            return Ok(None);
        };
        drop(sender);
        let outcome = handle
            .join()
            .map_err(|_| anyhow!("the bulk loader panicked"))?
            .context("bulk loading into the store")?;
        Ok(Some(outcome))
    }
}

/// A progress bar that leaves the terminal clean however the ingest ends.
struct Progress(ProgressBar);

impl std::ops::Deref for Progress {
    type Target = ProgressBar;
    fn deref(&self) -> &ProgressBar {
        &self.0
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// On a terminal only (piped output stays clean): a bar with the rate and the time left when
/// the inputs can be counted ahead, else a spinner with the rate (stdin).
fn progress_bar(disabled: bool, paths: &[PathBuf]) -> Progress {
    if disabled || !std::io::stderr().is_terminal() {
        return Progress(ProgressBar::hidden());
    }
    let (bar, template) = match count_articles(paths) {
        Some(total) => (
            ProgressBar::new(total as u64),
            "{wide_bar} {pos}/{len} ({rate}, {eta} left) {msg}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {pos} articles ({rate}) {elapsed_precise} {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(
            style.with_key("rate", |state: &ProgressState, w: &mut dyn Write| {
                let _ = write!(w, "{:.0} articles/s", state.per_sec());
            }),
        );
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    Progress(bar)
}
