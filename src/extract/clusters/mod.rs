//! Word clusters from GloVe 6B 50d vectors (public domain, PDDL 1.0): a word's fine (512) and
//! coarse (64) cluster, so that a model learns of "lauded" what it learnt of "hailed".
//!
//! `clusters.bin` is written by `tools/word_clusters.py` (see `README.md` here) and ships in
//! the binary. It holds 64-bit FNV-1a hashes of lowercase words, sorted, with their cluster
//! ids: no strings. Decoded once, on first use; a damaged file gives no clusters.

use super::tagger::fnv1a;
use std::sync::OnceLock;

static BYTES: &[u8] = include_bytes!("clusters.bin");
const MAGIC: &[u8; 8] = b"HSCLUSTR";
const RECORD: usize = 11;

/// A word's clusters: `fine` in 0..512, `coarse` in 0..64 (a grouping of the fine ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cluster {
    pub fine: u16,
    pub coarse: u8,
}

struct Table {
    hashes: Vec<u64>,
    clusters: Vec<Cluster>,
}

fn decode(bytes: &[u8]) -> Option<Table> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let count = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let records = rest.get(4..)?;
    if records.len() != count.checked_mul(RECORD)? {
        return None;
    }
    let mut hashes = Vec::with_capacity(count);
    let mut clusters = Vec::with_capacity(count);
    for r in records.chunks_exact(RECORD) {
        hashes.push(u64::from_le_bytes(r[..8].try_into().ok()?));
        clusters.push(Cluster {
            fine: u16::from_le_bytes([r[8], r[9]]),
            coarse: r[10],
        });
    }
    hashes
        .windows(2)
        .all(|w| w[0] < w[1])
        .then_some(Table { hashes, clusters })
}

fn table() -> Option<&'static Table> {
    static TABLE: OnceLock<Option<Table>> = OnceLock::new();
    TABLE.get_or_init(|| decode(BYTES)).as_ref()
}

/// The clusters of a lowercase word, when it is among the 60,000 the table knows.
pub(crate) fn of(low: &str) -> Option<Cluster> {
    let t = table()?;
    let i = t.hashes.binary_search(&fnv1a(low.as_bytes())).ok()?;
    Some(t.clusters[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_decodes_and_groups_words_of_one_sense() {
        assert!(table().is_some(), "clusters.bin decodes");
        let fine = |w: &str| of(w).expect("a known word").fine;
        assert_eq!(fine("lauded"), fine("hailed"));
        assert_eq!(fine("criticized"), fine("condemned"));
        assert_eq!(fine("missiles"), fine("rockets"));
        assert_ne!(fine("said"), fine("banana"));
        assert_eq!(of("xqzzyv"), None);
    }

    #[test]
    fn a_damaged_table_is_refused() {
        assert!(decode(b"HSCLUSTR\x01\0\0\0short").is_none());
        assert!(decode(b"NOTMAGIC\0\0\0\0").is_none());
    }
}
