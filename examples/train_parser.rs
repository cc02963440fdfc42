//! Trains the dependency parser that ships in `src/extract/parser/` (`moves.bin`,
//! `labels.bin`) on Universal Dependencies English Web Treebank, writes it, and prints its
//! attachment scores on EWT dev and test and its speed.
//!
//! ```text
//! cargo run --release --example train_parser -- ../shared/corpus/ud-english-ewt
//! ```
//! Options after the corpus: `--out DIR` (default `src/extract/parser`), `--iterations N`,
//! `--prune W`, `--seed S`, `--tags gold|predicted` (the tags to train on), `--explore P`.

use hearsay::extract::parser::train::{evaluate, train, Scores, TagSource, TrainOptions};
use hearsay::extract::treebank;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        return Err(
            "usage: train_parser CORPUS_DIR [--out DIR] [--iterations N] [--prune W] \
                    [--seed S] [--tags gold|predicted] [--explore P]"
                .into(),
        );
    };
    let mut options = TrainOptions::default();
    let mut out = PathBuf::from("src/extract/parser");
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => out = PathBuf::from(value),
            "--iterations" => options.iterations = value.parse()?,
            "--prune" => options.prune = value.parse()?,
            "--seed" => options.seed = value.parse()?,
            "--explore" => options.explore = value.parse()?,
            "--tags" => {
                options.tags = match value.as_str() {
                    "gold" => TagSource::Gold,
                    "predicted" => TagSource::Predicted,
                    _ => return Err(format!("--tags gold or predicted, not {value}").into()),
                }
            }
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    let dir = Path::new(dir);
    let split = |name: &str, join: bool| treebank::read(&dir.join(name), join);
    // Hyphenated words joined, as hearsay's tokenizer keeps them, for training and the
    // figures that match hearsay's use; UD's own tokens for figures comparable to others'.
    let train_set = split("en_ewt-ud-train.conllu", true)?;
    let dev = split("en_ewt-ud-dev.conllu", true)?;
    let test = split("en_ewt-ud-test.conllu", true)?;
    let dev_ud = split("en_ewt-ud-dev.conllu", false)?;
    let test_ud = split("en_ewt-ud-test.conllu", false)?;

    let started = Instant::now();
    let model = train(&train_set, options);
    eprintln!(
        "trained on {} sentences in {:.0} s ({options:?})",
        train_set.len(),
        started.elapsed().as_secs_f64()
    );
    std::fs::write(out.join("moves.bin"), &model.moves)?;
    std::fs::write(out.join("labels.bin"), &model.labels)?;
    println!(
        "model {}: moves.bin {} bytes, labels.bin {} bytes",
        out.display(),
        model.moves.len(),
        model.labels.len()
    );
    let show = |what: &str, s: Scores| {
        println!(
            "{what:<44} UAS {:.2}  LAS {:.2}  LAS with subtypes {:.2}  ({} words, parsed at {:.0}k words/s)",
            s.uas,
            s.las,
            s.las_full,
            s.words,
            s.words as f64 / s.parse_seconds.max(1e-9) / 1e3
        );
    };
    for (what, set, tags) in [
        (
            "dev, predicted tags, hyphens joined",
            &dev,
            TagSource::Predicted,
        ),
        (
            "test, predicted tags, hyphens joined",
            &test,
            TagSource::Predicted,
        ),
        (
            "dev, predicted tags, UD tokens",
            &dev_ud,
            TagSource::Predicted,
        ),
        (
            "test, predicted tags, UD tokens",
            &test_ud,
            TagSource::Predicted,
        ),
        ("dev, gold tags, UD tokens", &dev_ud, TagSource::Gold),
        ("test, gold tags, UD tokens", &test_ud, TagSource::Gold),
    ] {
        show(what, evaluate(&model, set, tags)?);
    }
    Ok(())
}
