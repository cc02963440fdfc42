//! The store's own ceiling: how fast Oxigraph's bulk loader, through the library, loads an
//! N-Quads file (an export of an ingested store) into a fresh on-disk store. `benches/run.sh`
//! divides `hearsay ingest`'s quads/s by this to say how close ingest comes to the store's
//! limit. Knows nothing of hearsay's extraction or graph: it loads quads.
//!
//! Run: `cargo bench --bench bulk_ceiling -- FILE.nq STORE_DIR [RUNS]`; prints one JSON line
//! per run and a last line with the median.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; everything else is ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (Some(file), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo bench --bench bulk_ceiling -- FILE.nq STORE_DIR [RUNS]");
        // Without arguments (a plain `cargo bench`) there is nothing to measure: not an error.
        return ExitCode::SUCCESS;
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let mut seconds = Vec::with_capacity(runs);
    for run in 0..runs {
        match load_once(Path::new(file), &PathBuf::from(dir)) {
            Ok((quads, secs)) => {
                println!(
                    "{{\"run\": {run}, \"quads\": {quads}, \"seconds\": {secs:.3}, \"quads_per_s\": {:.0}}}",
                    quads as f64 / secs
                );
                seconds.push((quads, secs));
            }
            Err(e) => {
                eprintln!("bulk_ceiling: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    seconds.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (quads, median) = seconds[seconds.len() / 2];
    println!(
        "{{\"median_seconds\": {median:.3}, \"quads\": {quads}, \"median_quads_per_s\": {:.0}}}",
        quads as f64 / median
    );
    ExitCode::SUCCESS
}

/// Loads `file` into a fresh store in `dir` (removed first), returning the store's quad
/// count and the seconds from open to commit.
fn load_once(file: &Path, dir: &Path) -> Result<(usize, f64), Box<dyn std::error::Error>> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    let started = Instant::now();
    let store = Store::open(dir)?;
    let mut loader = store.bulk_loader();
    loader.load_from_reader(
        RdfFormat::NQuads,
        std::io::BufReader::new(std::fs::File::open(file)?),
    )?;
    loader.commit()?;
    let secs = started.elapsed().as_secs_f64();
    Ok((store.len()?, secs))
}
