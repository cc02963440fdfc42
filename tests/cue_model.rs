//! The shipped cue model holds no text of the corpus it was trained on: no 20-byte run of any
//! PolNeAR train text occurs in `src/extract/cue_model/model.bin` (the learned-extraction
//! issue's second term). Reads `../shared/eval/polnear/train.jsonl` in place; skips with a
//! message when it is absent.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;

use hearsay::exchange::read_docs;

const MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/extract/cue_model/model.bin"
);
const TRAIN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/eval/polnear/train.jsonl"
);
/// The length of a run of text that would count as text kept in the model.
const RUN: usize = 20;

#[test]
fn cue_model_holds_no_run_of_train_text() {
    let model = std::fs::read(MODEL).expect("the cue model is in the repository");
    assert!(model.len() > RUN, "the cue model is empty");
    let Ok(file) = File::open(TRAIN) else {
        eprintln!("skipping: {TRAIN} is missing");
        return;
    };
    let docs = read_docs(BufReader::new(file)).expect("train.jsonl reads");
    let windows: HashSet<&[u8]> = model.windows(RUN).collect();
    let mut checked = 0usize;
    for doc in &docs {
        let text = doc.text.as_deref().unwrap_or_default().as_bytes();
        for run in text.windows(RUN) {
            assert!(
                !windows.contains(run),
                "{}: a 20-byte run of its text is in the cue model",
                doc.id
            );
        }
        checked += text.len();
    }
    assert!(
        checked > 1_000_000,
        "only {checked} bytes of train text read"
    );
}
