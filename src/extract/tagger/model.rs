//! The tagger's model: the 17 UPOS tags, the hashed features, the binary file format, and
//! greedy left-to-right decoding. Knows nothing of tokens, spans, files or the training corpus.
//!
//! `examples/train_tagger.rs` includes this very file with `#[path]`, so training, the
//! evaluation it prints and the shipped tagger compute features with the same code and cannot
//! drift apart. Hence no `crate::`/`super::` paths here.

use std::fmt;

/// Universal POS tags (Universal Dependencies v2), in the order the model stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

/// Number of tags: the width of every weight row.
pub(crate) const TAGS: usize = 17;

impl Upos {
    pub(crate) const ALL: [Upos; TAGS] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The CoNLL-U name: `ADJ`, `PROPN`, …
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    #[allow(dead_code)] // For examples/train_tagger.rs.
    pub(crate) fn from_name(name: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|t| t.name() == name)
    }

    fn from_index(i: usize) -> Option<Upos> {
        Upos::ALL.get(i).copied()
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------------
// Hashing. Written out here (not std's SipHash, whose output may change between Rust releases)
// because the model file stores these hashes: they must never change for a given file version.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

#[inline]
fn fnv_char(h: u64, c: char) -> u64 {
    if c.is_ascii() {
        return (h ^ c as u64).wrapping_mul(FNV_PRIME);
    }
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf)
        .bytes()
        .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// The splitmix64 finaliser: spreads FNV's weak low bits before the table masks them.
pub(crate) const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The key of feature `template` with values `a` and `b`; never 0 (0 marks an empty slot).
pub(crate) const fn key(template: u8, a: u64, b: u64) -> u64 {
    let k = mix(a.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ b.rotate_left(29)
        ^ (template as u64).wrapping_mul(0xd6e8_feb8_6659_fd93));
    if k == 0 {
        1
    } else {
        k
    }
}

/// Folds typographic quotes, apostrophes and dashes to the ASCII forms the treebank mostly
/// uses, so `n’t` and `“` in news text hit the features learnt from `n't` and `"`.
fn fold(c: char) -> char {
    match c {
        '’' | '‘' | '‚' | '‹' | '›' | '`' | '´' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '–' | '—' | '―' | '\u{2010}' | '\u{2011}' | '\u{2012}' => '-',
        _ => c,
    }
}

/// Per-token values that do not depend on the tags: computed once per sentence.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordFeatures {
    /// The exact word (folded), for the tag dictionary.
    exact: u64,
    /// Lowercase, numbers collapsed to `!YEAR`/`!DIGITS`.
    norm: u64,
    suffix4: u64,
    suffix3: u64,
    suffix2: u64,
    suffix1: u64,
    prefix1: u64,
    prefix3: u64,
    shape: u64,
}

const START: [u64; 2] = [0x5354_4152_5431, 0x5354_4152_5432];
const END: [u64; 2] = [0x454e_4431, 0x454e_4432];

impl WordFeatures {
    /// All per-word values in one pass over the characters (this runs for every token tagged).
    pub(crate) fn of(word: &str) -> WordFeatures {
        let mut exact = FNV_OFFSET;
        let mut lower = FNV_OFFSET;
        let mut shape = FNV_OFFSET;
        let mut prefix1 = 0;
        let mut prefix3 = FNV_OFFSET;
        // The last four lowercase characters, newest last, for the suffix features.
        let mut tail = ['\0'; 4];
        let mut last_class = '\0';
        let mut shape_len = 0;
        let mut digits = 0usize;
        let mut chars = 0usize;
        let mut starts_digit = false;
        for c in word.chars() {
            let c = if c.is_ascii() { c } else { fold(c) };
            if chars == 0 {
                prefix1 = fnv_char(FNV_OFFSET, c);
                starts_digit = c.is_ascii_digit();
            }
            if chars < 3 {
                prefix3 = fnv_char(prefix3, c);
            }
            chars += 1;
            exact = fnv_char(exact, c);
            let class = if c.is_ascii() {
                let l = c.to_ascii_lowercase();
                lower = fnv_char(lower, l);
                tail = [tail[1], tail[2], tail[3], l];
                match c {
                    'A'..='Z' => 'X',
                    'a'..='z' => 'x',
                    '0'..='9' => {
                        digits += 1;
                        'd'
                    }
                    _ => c,
                }
            } else {
                for l in c.to_lowercase() {
                    lower = fnv_char(lower, l);
                    tail = [tail[1], tail[2], tail[3], l];
                }
                if c.is_uppercase() {
                    'X'
                } else if c.is_lowercase() {
                    'x'
                } else if c.is_numeric() {
                    'd'
                } else if c.is_alphabetic() {
                    'a'
                } else {
                    'o'
                }
            };
            if class != last_class && shape_len < 6 {
                shape = fnv_char(shape, class);
                shape_len += 1;
                last_class = class;
            }
        }
        let norm = if starts_digit && digits == 4 && chars == 4 {
            fnv1a(b"!YEAR")
        } else if starts_digit && digits * 2 >= chars {
            fnv1a(b"!DIGITS")
        } else {
            lower
        };
        let suffix = |n: usize| {
            tail[4 - n..]
                .iter()
                .filter(|&&c| c != '\0')
                .fold(FNV_OFFSET, |h, &c| fnv_char(h, c))
        };
        WordFeatures {
            exact,
            norm,
            suffix4: suffix(4),
            suffix3: suffix(3),
            suffix2: suffix(2),
            suffix1: suffix(1),
            prefix1,
            prefix3,
            shape,
        }
    }

    fn padding(h: u64) -> WordFeatures {
        WordFeatures {
            exact: h,
            norm: h,
            suffix4: h,
            suffix3: h,
            suffix2: h,
            suffix1: h,
            prefix1: h,
            prefix3: h,
            shape: h,
        }
    }
}

/// A sentence's words with two padding slots on either side, ready for feature extraction.
pub(crate) struct Context {
    words: Vec<WordFeatures>,
}

impl Context {
    pub(crate) fn new<'w>(words: impl ExactSizeIterator<Item = &'w str>) -> Context {
        let mut v = Vec::with_capacity(words.len() + 4);
        v.push(WordFeatures::padding(START[0]));
        v.push(WordFeatures::padding(START[1]));
        v.extend(words.map(WordFeatures::of));
        v.push(WordFeatures::padding(END[0]));
        v.push(WordFeatures::padding(END[1]));
        Context { words: v }
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len() - 4
    }

    /// The exact-word hash of word `i`, the tag dictionary's key.
    pub(crate) fn exact(&self, i: usize) -> u64 {
        key(TAGDICT_TEMPLATE, self.words[i + 2].exact, 0)
    }

    /// The feature keys of word `i` given the two tags before it (`None` before the start).
    pub(crate) fn features(
        &self,
        i: usize,
        prev: Option<Upos>,
        prev2: Option<Upos>,
    ) -> [u64; FEATURES] {
        let w = &self.words;
        let c = i + 2;
        let p1 = prev.map_or(99, |t| t as u64);
        let p2 = prev2.map_or(99, |t| t as u64);
        [
            key(0, 0, 0),
            key(1, w[c].norm, 0),
            key(2, w[c].suffix3, 0),
            key(3, w[c].prefix1, 0),
            key(4, w[c].shape, 0),
            key(5, p1, 0),
            key(6, p2, 0),
            key(7, p1, p2),
            key(8, p1, w[c].norm),
            key(9, w[c - 1].norm, 0),
            key(10, w[c - 1].suffix3, 0),
            key(11, w[c - 2].norm, 0),
            key(12, w[c + 1].norm, 0),
            key(13, w[c + 1].suffix3, 0),
            key(14, w[c + 2].norm, 0),
            key(15, w[c].suffix2, 0),
            key(16, w[c - 1].shape, w[c].shape),
            key(17, w[c].shape, w[c + 1].shape),
            key(18, w[c].norm, w[c + 1].norm),
            key(19, p1, w[c].suffix3),
            key(20, w[c].suffix4, 0),
            key(21, w[c].suffix1, 0),
            key(22, w[c].prefix3, 0),
            key(23, p1, w[c + 1].norm),
            key(24, w[c - 1].norm, w[c].norm),
            key(25, w[c].shape, u64::from(i == 0)),
        ]
    }
}

/// Number of features per word.
pub(crate) const FEATURES: usize = 26;
const TAGDICT_TEMPLATE: u8 = 255;

// ---------------------------------------------------------------------------------------------
// The model file.
//
//   magic  b"HSTAGGER"            8 bytes
//   version u16 LE                = FORMAT_VERSION
//   tags    u8                    = 17
//   features u8                   = FEATURES (templates the weights were trained with)
//   scale   f32 LE                weight = i16 / scale
//   n_weights u32 LE, n_dict u32 LE
//   n_weights × { key u64 LE, mask u32 LE (bit t set: tag t has a weight), i16 LE per set bit }
//   n_dict × { key u64 LE, tag u8 }
//   checksum u64 LE               FNV-1a of everything before it

pub(crate) const FORMAT_VERSION: u16 = 1;

/// What tells one model file from another in this format: its magic bytes and the number of
/// feature templates its weights were trained with. The cue model (`../cue_model`) stores its
/// weights in the same format under its own magic.
#[derive(Clone, Copy)]
pub(crate) struct Format {
    pub magic: &'static [u8; 8],
    pub features: u8,
}

/// The tagger's own file.
pub(crate) const TAGGER: Format = Format {
    magic: b"HSTAGGER",
    features: FEATURES as u8,
};

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ModelError {
    /// The file does not start with the expected magic bytes.
    #[error("not a hearsay model of this kind (bad magic bytes)")]
    BadMagic,
    /// The file was written by another version of the format.
    #[error("tagger model format version {found}, expected {FORMAT_VERSION}")]
    Version { found: u16 },
    /// Tag set or feature templates differ from this code's.
    #[error("model has {tags} classes and {features} features, which this code does not read")]
    Shape { tags: u8, features: u8 },
    /// The file ends before its declared content.
    #[error("model is truncated")]
    Truncated,
    /// Checksum mismatch, a tag outside the tag set, a duplicate key, or trailing bytes.
    #[error("model is corrupt: {0}")]
    Corrupt(&'static str),
}

/// A trained model ready to tag: weights and tag dictionary in open-addressing tables.
pub(crate) struct Model {
    weights: Weights,
    dict: Table,
    /// Stored weight = real weight × scale.
    scale: f32,
}

/// What training hands to [`encode`]: averaged weights per feature key, and the tag dictionary.
#[allow(dead_code)] // For examples/train_tagger.rs.
pub(crate) struct Trained<'a> {
    pub weights: &'a [(u64, [f32; TAGS])],
    pub dict: &'a [(u64, Upos)],
}

/// Writes a tagger model file; weights whose magnitude is below `prune` are dropped.
#[allow(dead_code)] // For examples/train_tagger.rs.
pub(crate) fn encode(model: &Trained<'_>, prune: f32) -> Vec<u8> {
    encode_as(TAGGER, model, prune)
}

/// Writes a model file of format `format`; weights whose magnitude is below `prune` are dropped.
pub(crate) fn encode_as(format: Format, model: &Trained<'_>, prune: f32) -> Vec<u8> {
    let max = model
        .weights
        .iter()
        .flat_map(|(_, row)| row.iter())
        .fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
    let mut weights: Vec<(u64, [i16; TAGS])> = model
        .weights
        .iter()
        .filter_map(|(k, row)| {
            let q = row.map(|w| {
                if w.abs() < prune {
                    0
                } else {
                    (w * scale).round() as i16
                }
            });
            q.iter().any(|&w| w != 0).then_some((*k, q))
        })
        .collect();
    weights.sort_unstable_by_key(|(k, _)| *k);
    let mut dict = model.dict.to_vec();
    dict.sort_unstable_by_key(|(k, _)| *k);

    let mut out = Vec::new();
    out.extend_from_slice(format.magic);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(TAGS as u8);
    out.push(format.features);
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&(weights.len() as u32).to_le_bytes());
    out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
    for (k, row) in &weights {
        out.extend_from_slice(&k.to_le_bytes());
        let mask = row
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0)
            .fold(0u32, |m, (t, _)| m | 1 << t);
        out.extend_from_slice(&mask.to_le_bytes());
        for w in row.iter().filter(|w| **w != 0) {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    for (k, t) in &dict {
        out.extend_from_slice(&k.to_le_bytes());
        out.push(*t as u8);
    }
    let sum = fnv1a(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// A cursor over the model bytes that fails instead of panicking.
struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], ModelError> {
        if self.bytes.len() < n {
            return Err(ModelError::Truncated);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
}

impl Model {
    /// Reads a model file. Checks magic, version, shape, checksum and every count before
    /// trusting it: a damaged file gives an error, never a panic or a huge allocation.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Model, ModelError> {
        Model::decode_as(TAGGER, bytes)
    }

    /// Reads a model file of format `format`, with the checks of [`Model::decode`].
    pub(crate) fn decode_as(format: Format, bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes };
        if r.take(format.magic.len())
            .map_err(|_| ModelError::BadMagic)?
            != format.magic
        {
            return Err(ModelError::BadMagic);
        }
        let found = u16::from_le_bytes(r.array()?);
        if found != FORMAT_VERSION {
            return Err(ModelError::Version { found });
        }
        let [tags, features] = r.array()?;
        if usize::from(tags) != TAGS || features != format.features {
            return Err(ModelError::Shape { tags, features });
        }
        let body_len = bytes.len().checked_sub(8).ok_or(ModelError::Truncated)?;
        let (body, sum) = bytes.split_at(body_len);
        let mut sum_bytes = [0u8; 8];
        sum_bytes.copy_from_slice(sum);
        if fnv1a(body) != u64::from_le_bytes(sum_bytes) {
            return Err(ModelError::Corrupt("checksum mismatch"));
        }
        let scale = f32::from_le_bytes(r.array()?);
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ModelError::Corrupt("weight scale is not a positive number"));
        }
        let n_weights = u32::from_le_bytes(r.array()?) as usize;
        let n_dict = u32::from_le_bytes(r.array()?) as usize;
        // Each entry takes at least 12 (weights) or 9 (dictionary) bytes: bound the counts by
        // the file size before allocating for them.
        if n_weights
            .saturating_mul(12)
            .saturating_add(n_dict.saturating_mul(9))
            > r.bytes.len()
        {
            return Err(ModelError::Truncated);
        }
        let mut weights = Weights::with_capacity(n_weights);
        for _ in 0..n_weights {
            let k = u64::from_le_bytes(r.array()?);
            let mask = u32::from_le_bytes(r.array()?);
            if k == 0 || mask >> TAGS != 0 {
                return Err(ModelError::Corrupt("bad feature entry"));
            }
            let mut row = [0i16; TAGS];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *w = i16::from_le_bytes(r.array()?);
                }
            }
            if !weights.insert(k, row) {
                return Err(ModelError::Corrupt("duplicate feature"));
            }
        }
        let mut dict = Table::with_capacity(n_dict);
        for _ in 0..n_dict {
            let k = u64::from_le_bytes(r.array()?);
            let [t] = r.array()?;
            if k == 0 || usize::from(t) >= TAGS || !dict.insert(k, u32::from(t)) {
                return Err(ModelError::Corrupt("bad dictionary entry"));
            }
        }
        if r.bytes.len() != 8 {
            return Err(ModelError::Corrupt("unexpected bytes after the tables"));
        }
        Ok(Model {
            weights,
            dict,
            scale,
        })
    }

    /// The summed weights of `features` for every class, in real (unquantised) units.
    pub(crate) fn scores(&self, features: &[u64]) -> [f32; TAGS] {
        self.sums(features).map(|s| s as f32 / self.scale)
    }

    /// The summed stored weights of `features` for every class.
    fn sums(&self, features: &[u64]) -> [i32; TAGS] {
        let mut sums = [0i32; TAGS];
        for &f in features {
            if let Some(row) = self.weights.get(f) {
                for (s, &w) in sums.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
        sums
    }

    /// Number of weight rows (features kept after pruning).
    #[allow(dead_code)] // For examples/train_tagger.rs.
    pub(crate) fn features(&self) -> usize {
        self.weights.len
    }

    /// Number of words in the tag dictionary.
    #[allow(dead_code)] // For examples/train_tagger.rs.
    pub(crate) fn dictionary(&self) -> usize {
        self.dict.len
    }

    /// Whether a tag-dictionary key (from [`Context::exact`]) is in the dictionary.
    #[allow(dead_code)] // For examples/train_tagger.rs.
    pub(crate) fn in_dict(&self, k: u64) -> bool {
        self.dict.get(k).is_some()
    }

    /// Tags one sentence greedily, left to right.
    pub(crate) fn tag(&self, ctx: &Context) -> Vec<Upos> {
        let mut tags = Vec::with_capacity(ctx.len());
        let (mut prev, mut prev2) = (None, None);
        for i in 0..ctx.len() {
            let tag = match self
                .dict
                .get(ctx.exact(i))
                .and_then(|t| Upos::from_index(t as usize))
            {
                Some(t) => t,
                None => self.predict(&ctx.features(i, prev, prev2)),
            };
            tags.push(tag);
            prev2 = prev;
            prev = Some(tag);
        }
        tags
    }

    fn predict(&self, features: &[u64; FEATURES]) -> Upos {
        let scores = self.sums(features);
        // Ties go to the lowest tag index: deterministic.
        let mut best = 0;
        for t in 1..TAGS {
            if scores[t] > scores[best] {
                best = t;
            }
        }
        Upos::ALL[best]
    }
}

/// Feature weights: open addressing with linear probing, each key stored beside its row so a
/// lookup touches one cache line, not two (the table is several MB: lookups miss the cache).
struct Weights {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
}

#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    row: [i16; TAGS],
}

impl Weights {
    fn with_capacity(n: usize) -> Weights {
        let size = (n * 2).max(16).next_power_of_two();
        Weights {
            slots: vec![
                Slot {
                    key: 0,
                    row: [0; TAGS]
                };
                size
            ],
            mask: size - 1,
            len: 0,
        }
    }

    fn insert(&mut self, key: u64, row: [i16; TAGS]) -> bool {
        if self.len >= self.mask {
            return false;
        }
        let mut i = key as usize & self.mask;
        loop {
            match self.slots[i].key {
                0 => {
                    self.slots[i] = Slot { key, row };
                    self.len += 1;
                    return true;
                }
                existing if existing == key => return false,
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[i16; TAGS]> {
        let mut i = key as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Some(&slot.row);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Open addressing with linear probing from u64 keys (never 0) to u32 values. The keys are
/// already well-mixed hashes, so the low bits index the table directly.
struct Table {
    slots: Vec<(u64, u32)>,
    mask: usize,
    len: usize,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        // Load factor at most 1/2 keeps probe sequences short.
        let size = (n * 2).max(16).next_power_of_two();
        Table {
            slots: vec![(0, 0); size],
            mask: size - 1,
            len: 0,
        }
    }

    /// Inserts a new key; false if it was already there (or the table is full).
    fn insert(&mut self, k: u64, v: u32) -> bool {
        if self.len >= self.mask {
            return false;
        }
        let mut i = k as usize & self.mask;
        loop {
            match self.slots[i].0 {
                0 => {
                    self.slots[i] = (k, v);
                    self.len += 1;
                    return true;
                }
                existing if existing == k => return false,
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    #[inline]
    fn get(&self, k: u64) -> Option<u32> {
        let mut i = k as usize & self.mask;
        loop {
            let (key, v) = self.slots[i];
            if key == k {
                return Some(v);
            }
            if key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}
