//! Trains the cue model that ships in `src/extract/cue_model/model.bin`, from PolNeAR's train
//! split, and writes it there (see `src/extract/cue_model/README.md`, the model card).
//!
//! ```text
//! cargo run --release --example train_attribution -- ../shared/eval/polnear/train.jsonl
//! ```
//! Options after the path: `--out FILE` (default `src/extract/cue_model/model.bin`),
//! `--epochs N` (10), `--seed S` (24301), `--prune W` (0.05), and `--score GOLD_JSONL`
//! (repeatable), which prints `hearsay eval`'s table for that file as extracted with the
//! weights just trained, before a rebuild ships them.
//!
//! Deterministic: the same data and options give the same bytes. Only train is read for
//! training: dev is for choosing options and reporting.

use hearsay::exchange::{from_extraction, read_docs};
use hearsay::extract::cue_model::{extractor, train, GoldText, TrainOptions};
use hearsay::offsets::CodePoints;
use hearsay::Span;
use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err(
            "usage: train_attribution TRAIN_JSONL [--out FILE] [--epochs N] [--seed S] [--prune W] [--score GOLD_JSONL]…"
                .into(),
        );
    };
    let mut out = String::from("src/extract/cue_model/model.bin");
    let mut options = TrainOptions::default();
    let mut scored = Vec::new();
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => out = value.clone(),
            "--epochs" => options.epochs = value.parse()?,
            "--seed" => options.seed = value.parse()?,
            "--prune" => options.prune = value.parse()?,
            "--score" => scored.push(value.clone()),
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    let docs = read_docs(BufReader::new(File::open(path)?))?;
    let mut texts = Vec::with_capacity(docs.len());
    for doc in &docs {
        let Some(text) = doc.text.as_deref() else {
            return Err(format!("{path}: document {} has no text", doc.id).into());
        };
        let points = CodePoints::new(text);
        let mut cues = Vec::new();
        for a in &doc.attributions {
            for &[s, e] in &a.cue {
                if let (Some(s), Some(e)) = (points.to_byte(s), points.to_byte(e)) {
                    cues.push(Span::new(s, e));
                }
            }
        }
        texts.push(GoldText { text, cues });
    }
    let started = Instant::now();
    let (bytes, report) = train(&texts, options);
    std::fs::write(&out, &bytes)?;
    println!(
        "{} texts, {} proposals ({} overlap a gold cue), {} weights kept, {} bytes written to {out} in {:.1} s ({options:?})",
        texts.len(),
        report.proposals,
        report.positives,
        report.features,
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    if scored.is_empty() {
        return Ok(());
    }
    let extract = extractor(&bytes).ok_or("the trained model does not decode")?;
    for path in &scored {
        let gold = read_docs(BufReader::new(File::open(path)?))?;
        let predicted: Vec<_> = gold
            .iter()
            .filter_map(|doc| {
                let text = doc.text.as_deref()?;
                Some(from_extraction(&doc.id, text, &extract(text), false))
            })
            .collect();
        println!("{path}\n{}", hearsay::eval::score(&gold, &predicted)?);
    }
    Ok(())
}
