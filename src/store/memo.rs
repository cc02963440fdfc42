//! What a store opened read-only computes once and keeps while it is open: counts and lists
//! over the whole store, which cost a pass over a million claims each time and which no
//! read-only view can see change (RocksDB opened read-only reads the files as they were when
//! opened; a server that notices a writer opens a new view, with a new memo).
//! A store opened for writing has no memo: it computes every time.

use std::sync::{Arc, OnceLock};

use super::paging::ArticleOrder;
use super::{Store, StoreError};
use crate::store::PropositionRow;

/// The slots of a read-only store's memo, each filled on first use.
#[derive(Default)]
pub(super) struct Memo {
    article_count: OnceLock<usize>,
    claim_count: OnceLock<usize>,
    source_count: OnceLock<usize>,
    contested: OnceLock<Arc<Vec<PropositionRow>>>,
    article_order: OnceLock<Arc<ArticleOrder>>,
}

/// Picks one slot of the memo.
pub(super) type Slot<T> = fn(&Memo) -> &OnceLock<T>;

pub(super) const ARTICLE_COUNT: Slot<usize> = |m| &m.article_count;
pub(super) const CLAIM_COUNT: Slot<usize> = |m| &m.claim_count;
pub(super) const SOURCE_COUNT: Slot<usize> = |m| &m.source_count;
pub(super) const CONTESTED: Slot<Arc<Vec<PropositionRow>>> = |m| &m.contested;
pub(super) const ARTICLE_ORDER: Slot<Arc<ArticleOrder>> = |m| &m.article_order;

impl Store {
    /// The value in `slot` of a read-only store's memo, computed by `compute` the first time
    /// (two threads asking at once may both compute it; one value is kept); on a writable
    /// store, `compute`'s value every time.
    pub(super) fn remembered<T: Clone>(
        &self,
        slot: Slot<T>,
        compute: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let Some(memo) = &self.memo else {
            return compute();
        };
        let cell = slot(memo);
        if let Some(value) = cell.get() {
            return Ok(value.clone());
        }
        let value = compute()?;
        Ok(cell.get_or_init(|| value).clone())
    }
}
