//! How many gold cues the rules propose at all: the ceiling of cue recall whatever the cue
//! model keeps (`src/extract/cue_model/README.md`). Every proposal is kept, as in training.
//!
//! ```text
//! cargo run --release --example proposal_ceiling -- ../shared/eval/polnear/dev.jsonl [--missed FILE]
//! ```
//! Prints the gold cues, the proposals, and the gold cues a proposal overlaps. With `--missed`,
//! writes the gold cues no proposal overlaps as JSON Lines (`{"id": …, "cue": [[start, end]]}`,
//! code points), which `tools/missed_cue_shapes.py` sorts by shape. Holds offsets only; read
//! the texts where they are.

use hearsay::exchange::read_docs;
use hearsay::extract::cue_model::proposals;
use hearsay::offsets::CodePoints;
use std::error::Error;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: proposal_ceiling GOLD_JSONL [--missed FILE]".into());
    };
    let mut missed_out = match args.get(1).map(String::as_str) {
        Some("--missed") => {
            let file = args.get(2).ok_or("--missed needs a file")?;
            Some(BufWriter::new(File::create(file)?))
        }
        Some(other) => return Err(format!("unknown option {other}").into()),
        None => None,
    };
    let docs = read_docs(BufReader::new(File::open(path)?))?;
    let (mut gold, mut proposed, mut overlapped) = (0usize, 0usize, 0usize);
    for doc in &docs {
        let Some(text) = doc.text.as_deref() else {
            return Err(format!("{path}: document {} has no text", doc.id).into());
        };
        let points = CodePoints::new(text);
        let found = proposals(text);
        proposed += found.len();
        for a in doc.attributions.iter().filter(|a| !a.cue.is_empty()) {
            gold += 1;
            let hit = a.cue.iter().any(|&[s, e]| {
                let (Some(s), Some(e)) = (points.to_byte(s), points.to_byte(e)) else {
                    return false;
                };
                found
                    .iter()
                    .any(|p| p.cue.iter().any(|c| c.start < e && s < c.end))
            });
            if hit {
                overlapped += 1;
            } else if let Some(out) = missed_out.as_mut() {
                let cue: Vec<String> = a.cue.iter().map(|[s, e]| format!("[{s},{e}]")).collect();
                writeln!(
                    out,
                    "{{\"id\":{},\"cue\":[{}]}}",
                    serde_json::to_string(&doc.id)?,
                    cue.join(",")
                )?;
            }
        }
    }
    if let Some(mut out) = missed_out {
        out.flush()?;
    }
    println!(
        "{} documents, {gold} gold cues, {proposed} proposals; {overlapped} gold cues overlapped by a proposal ({:.3}), {} never proposed",
        docs.len(),
        overlapped as f64 / gold.max(1) as f64,
        gold - overlapped
    );
    Ok(())
}
