//! What a store opened read-only computes once and keeps while it is open: counts and lists
//! over the whole store, which cost a pass over a million claims each time and which no
//! read-only view can see change (RocksDB opened read-only reads the files as they were when
//! opened; a server that notices a writer opens a new view, with a new memo).
//! A store opened for writing has no memo: it computes every time.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::paging::{ArticleOrder, Spread};
use super::{Store, StoreError};
use crate::extract::Stance;
use crate::store::PropositionRow;

/// One value of the memo, computed once: a second thread that asks meanwhile (a server warming
/// its memo while a reader asks) waits for the first one's value rather than computing it too.
pub(super) struct Kept<T> {
    value: OnceLock<T>,
    computing: Mutex<()>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept {
            value: OnceLock::new(),
            computing: Mutex::new(()),
        }
    }
}

/// The slots of a read-only store's memo, each filled on first use.
#[derive(Default)]
pub(super) struct Memo {
    claim_count: Kept<usize>,
    source_count: Kept<usize>,
    asserted: Kept<Arc<Spread>>,
    denied: Kept<Arc<Spread>>,
    unconfirmed: Kept<Arc<Spread>>,
    contested: Kept<Arc<Vec<PropositionRow>>>,
    article_order: Kept<Arc<ArticleOrder>>,
}

/// Picks one slot of the memo.
pub(super) type Slot<T> = fn(&Memo) -> &Kept<T>;

pub(super) const CLAIM_COUNT: Slot<usize> = |m| &m.claim_count;
pub(super) const SOURCE_COUNT: Slot<usize> = |m| &m.source_count;
pub(super) const CONTESTED: Slot<Arc<Vec<PropositionRow>>> = |m| &m.contested;
pub(super) const ARTICLE_ORDER: Slot<Arc<ArticleOrder>> = |m| &m.article_order;

/// Where the claims with `stance` are.
pub(super) fn spread(stance: Stance) -> Slot<Arc<Spread>> {
    match stance {
        Stance::Asserted => |m| &m.asserted,
        Stance::Denied => |m| &m.denied,
        Stance::Unconfirmed => |m| &m.unconfirmed,
    }
}

impl Store {
    /// The value in `slot` of a read-only store's memo, computed by `compute` the first time
    /// (by one thread: others asking meanwhile wait for its value; after an error, the next
    /// one to ask tries again); on a writable store, `compute`'s value every time.
    pub(super) fn remembered<T: Clone>(
        &self,
        slot: Slot<T>,
        compute: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let Some(memo) = &self.memo else {
            return compute();
        };
        let kept = slot(memo);
        if let Some(value) = kept.value.get() {
            return Ok(value.clone());
        }
        let _computing = kept
            .computing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(value) = kept.value.get() {
            return Ok(value.clone());
        }
        let value = compute()?;
        Ok(kept.value.get_or_init(|| value).clone())
    }

    /// Whether this store keeps a memo (it was opened read-only).
    pub(super) fn has_memo(&self) -> bool {
        self.memo.is_some()
    }
}
