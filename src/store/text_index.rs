//! The full-text index beside the store: which claims hold given words in their content. Oxigraph has no text
//! index, so without it these lookups read every content or name in the store (seconds on a
//! million claims); with it they read a few posting lists (milliseconds).
//!
//! It is a tantivy index in `STORE/text-index` with two kinds of documents:
//! - one per claim: the claim's IRI and its article graph, its content (words, with
//!   positions for phrases), its source as written in its article ("it", each one term), its
//!   source node, and its place in the claims' order (its article's date and its position, as
//!   fast fields), so that the first N hits are known before any row is read; and, stored,
//!   the rest of the row the lookups show (cue, stance, certainty, quote kind, confidence,
//!   article, date, source's name and kind, all from the article's quads), so that `claims`
//!   reads no row from the store for the claims it finds here. A claim with two values of a
//!   property its row reads has no stored row: the store is read for it, as without the index;
//! - one per source node and article graph that mentions it: the node's IRI (stored) and every
//!   name it goes by there (names, labels, aliases, key; each one term). A source matches by a
//!   name spelled in any article, as each article's document of it holds that article's names;
//!   relinking rewrites the articles it moves names in, and so their documents.
//!
//! A part of a name is found through the trigrams of the names (folded, then cut into
//! trigrams by tantivy's `NgramTokenizer`, the field's tokenizer): the documents that
//! hold every trigram of the part are the candidates, and the names of each are read to keep
//! those that contain it; the claims of the source nodes kept are the claim documents that
//! name them. A part of one or two characters walks the term dictionary (`.*part.*`).
//!
//! **Kept in step with the store.** The store updates it with every article it writes or
//! removes, and commits it before any search and when it flushes. Before the first change
//! after a commit, a marker file (`STORE/text-index.pending`) is written; the commit removes
//! it. An index with the marker (a writer that died between the two), or none at all (a store
//! written by an older hearsay), is not trusted: a writer rebuilds it from the store when it
//! opens, and a read-only opening builds a temporary one in memory at the first search.
//!
//! **Matching.** Words are runs of letters and digits, compared without regard to case and
//! diacritics ("Erdogan" finds "Erdoğan"); [`super::words`] reads them from the user's text.
//! Every word of the query must be in the content; words between double quotes must follow
//! each other, as a phrase; a word ending in `*` matches every word it begins. Names match
//! by a part of a name, case and diacritics aside.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{Datelike, NaiveDate};
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, TermRef,
};
use tantivy::collector::DocSetCollector;
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RegexQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::store::StoreReader;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, NgramTokenizer, RawTokenizer, SimpleTokenizer, TextAnalyzer,
    TokenStream,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::lookup::{short_claim_id, ClaimRow};
use super::reader::{ClaimHit, ClaimHits};
use super::words::{phrases, Phrase};
use super::StoreError;
use crate::graph::vocab::{hs, prov, rdf, rdfs, schema};
use crate::graph::{
    certainty_from_iri, quote_kind_from_iri, source_kind_from_iri, stance_from_iri,
};

/// The index's directory inside the store's.
const DIRECTORY: &str = "text-index";
/// Present while the index may lag behind the store (see the module's documentation).
const PENDING: &str = "text-index.pending";
/// The files whose change tells a reader that the index changed: tantivy rewrites its
/// `meta.json` at every commit.
pub(super) const FILES: [&str; 2] = ["text-index/meta.json", PENDING];
/// Tantivy's indexing memory, split across its threads: enough for a 42,000-article rebuild
/// without a flush every few thousand claims.
const WRITER_MEMORY: usize = 64_000_000;
/// The size of a block of stored documents: a claim's row is read with its block, copied
/// whole (tantivy's 16 KB made `claims --text` with thousands of rows copy 80 MB), so a
/// block holds a document or two.
const DOC_BLOCK: usize = 1024;
const WORDS: &str = "hearsay_words";
const NAMES: &str = "hearsay_names";
const GRAMS: &str = "hearsay_grams";
/// The day an undated claim sorts by: after every date, as the lookups list them.
const UNDATED: i64 = i64::MAX;

/// The index, its reader and (for a writer) its writer.
pub(super) struct TextIndex {
    reader: IndexReader,
    fields: Fields,
    writer: Option<Mutex<Writer>>,
    /// The store directory, for the pending marker; `None` in memory.
    store_dir: Option<PathBuf>,
}

struct Writer {
    writer: IndexWriter,
    /// Changes not yet committed (the marker is on disk while this is true).
    dirty: bool,
}

#[derive(Clone, Copy)]
struct Fields {
    /// A claim document's claim IRI.
    claim: Field,
    /// Every document's article graph, by which an article's documents are replaced.
    graph: Field,
    content: Field,
    /// A claim's source as written in its article.
    said: Field,
    /// Its article's date, as days from the common era ([`UNDATED`] for none).
    day: Field,
    /// Its position in its article.
    position: Field,
    /// A source document's source node.
    source: Field,
    /// The names a source goes by in one article.
    names: Field,
    /// A claim's source as written, or a source's names, folded, indexed by their trigrams
    /// ([`grams_analyzer`]): a part of a name finds its candidates through them, not a walk
    /// of every name.
    grams: Field,
    /// A claim's source node(s) in its article: the claims of the sources a part of a name
    /// finds, without reading the store.
    attributed: Field,
    /// What a claim's row shows (see [`ClaimDocs::row`]), stored only; present only when
    /// every property the row reads has at most one value (its article exactly one).
    article: Field,
    cue: Field,
    stance: Field,
    certainty: Field,
    quote: Field,
    confidence: Field,
    source_name: Field,
    source_kind: Field,
    date: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let names = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(NAMES)
            .set_index_option(IndexRecordOption::Basic),
    );
    // Cut from the folded names, not folded after: folding can lengthen a character ("ß" is
    // "ss"), and the trigrams of a part are those of its folded form.
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(GRAMS)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        claim: builder.add_text_field("claim", STRING | STORED),
        graph: builder.add_text_field("graph", STRING | STORED),
        content: builder.add_text_field("content", words.set_stored()),
        said: builder.add_text_field("said", names.clone().set_stored()),
        day: builder.add_i64_field("day", FAST),
        position: builder.add_u64_field("position", FAST | STORED),
        source: builder.add_text_field("source", STORED),
        names: builder.add_text_field("names", names.set_stored()),
        grams: builder.add_text_field("grams", grams),
        attributed: builder.add_text_field("attributed", STRING | STORED),
        article: builder.add_text_field("article", STORED),
        cue: builder.add_text_field("cue", STORED),
        stance: builder.add_text_field("stance", STORED),
        certainty: builder.add_text_field("certainty", STORED),
        quote: builder.add_text_field("quote", STORED),
        confidence: builder.add_text_field("confidence", STORED),
        source_name: builder.add_text_field("source_name", STORED),
        source_kind: builder.add_text_field("source_kind", STORED),
        date: builder.add_text_field("date", STORED),
    };
    (builder.build(), fields)
}

fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn names_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The trigrams (of characters) of an already folded name; none for fewer than three.
fn grams_analyzer() -> Result<TextAnalyzer, StoreError> {
    Ok(TextAnalyzer::from(
        NgramTokenizer::all_ngrams(3, 3).map_err(text_error)?,
    ))
}

fn register_analyzers(index: &Index) -> Result<(), StoreError> {
    index.tokenizers().register(WORDS, words_analyzer());
    index.tokenizers().register(NAMES, names_analyzer());
    index.tokenizers().register(GRAMS, grams_analyzer()?);
    Ok(())
}

/// Whether `index` has this hearsay's layout: its schema is exactly [`schema`]'s (fields,
/// their options and tokenizers), so an index written before a change of any of them is
/// built again rather than read as if it had been written by this code.
fn current_layout(index: &Index) -> bool {
    index.schema() == schema().0
}

fn text_error(error: tantivy::TantivyError) -> StoreError {
    StoreError::TextIndex(error.to_string())
}

impl TextIndex {
    /// The index of the store in `store_dir`, for a writer, and whether it is current: when
    /// it is not (missing, or a pending marker), it is empty and must be filled from the store.
    pub fn open(store_dir: &Path) -> Result<(Self, bool), StoreError> {
        let dir = store_dir.join(DIRECTORY);
        let pending = store_dir.join(PENDING);
        let found = if dir.join("meta.json").exists() && !pending.exists() {
            Some(Index::open_in_dir(&dir).map_err(text_error)?)
        } else {
            None
        };
        // An index of another layout (written by an older hearsay) is built again too.
        let found = found.filter(current_layout);
        let current = found.is_some();
        let index = if let Some(index) = found {
            index
        } else {
            // Started over: what a dead writer left may hold anything.
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            std::fs::create_dir_all(&dir)?;
            Self::builder().create_in_dir(&dir).map_err(text_error)?
        };
        let text = Self::with_writer(index, Some(store_dir.to_path_buf()))?;
        Ok((text, current))
    }

    /// The index of the store in `store_dir` for reading, or `None` when it is missing or
    /// may lag behind the store.
    pub fn open_read_only(store_dir: &Path) -> Result<Option<Self>, StoreError> {
        let dir = store_dir.join(DIRECTORY);
        if !dir.join("meta.json").exists() || store_dir.join(PENDING).exists() {
            return Ok(None);
        }
        let index = Index::open_in_dir(&dir).map_err(text_error)?;
        if !current_layout(&index) {
            return Ok(None);
        }
        Self::new(index, None, None).map(Some)
    }

    /// An index in memory (for a store in memory, or a read-only store whose index is stale).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with_writer(Self::builder().create_in_ram().map_err(text_error)?, None)
    }

    /// A new index: documents stored in blocks of [`DOC_BLOCK`] bytes.
    fn builder() -> tantivy::IndexBuilder {
        let settings = tantivy::IndexSettings {
            docstore_blocksize: DOC_BLOCK,
            ..tantivy::IndexSettings::default()
        };
        Index::builder().schema(schema().0).settings(settings)
    }

    fn with_writer(index: Index, store_dir: Option<PathBuf>) -> Result<Self, StoreError> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let writer = index
            .writer_with_num_threads(threads, WRITER_MEMORY)
            .map_err(text_error)?;
        Self::new(index, Some(writer), store_dir)
    }

    fn new(
        index: Index,
        writer: Option<IndexWriter>,
        store_dir: Option<PathBuf>,
    ) -> Result<Self, StoreError> {
        register_analyzers(&index)?;
        let fields = fields_of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(text_error)?;
        Ok(TextIndex {
            reader,
            fields,
            writer: writer.map(|writer| {
                Mutex::new(Writer {
                    writer,
                    dirty: false,
                })
            }),
            store_dir,
        })
    }

    fn writer(&self) -> Result<MutexGuard<'_, Writer>, StoreError> {
        let writer = self
            .writer
            .as_ref()
            .ok_or_else(|| StoreError::TextIndex("the text index is open read-only".into()))?;
        let mut guard = writer.lock().unwrap_or_else(|e| e.into_inner());
        if !guard.dirty {
            if let Some(dir) = &self.store_dir {
                // Durable before the store changes: a crash from here on is seen at the next open.
                let marker = std::fs::File::create(dir.join(PENDING))?;
                marker.sync_all()?;
            }
            guard.dirty = true;
        }
        Ok(guard)
    }

    /// Replaces the documents of the article graph `graph` by those of its `quads`.
    pub fn put_article<'a>(
        &self,
        graph: NamedNodeRef<'a>,
        quads: impl IntoIterator<Item = QuadRef<'a>>,
    ) -> Result<(), StoreError> {
        let docs: Vec<_> = ClaimDocs::from_quads(graph.as_str(), quads)
            .into_documents(self.fields)
            .collect();
        let writer = self.writer()?;
        writer
            .writer
            .delete_term(Term::from_field_text(self.fields.graph, graph.as_str()));
        for doc in docs {
            writer.writer.add_document(doc).map_err(text_error)?;
        }
        Ok(())
    }

    /// Removes the documents of the article graph `graph`.
    pub fn remove_article(&self, graph: NamedNodeRef<'_>) -> Result<(), StoreError> {
        let writer = self.writer()?;
        writer
            .writer
            .delete_term(Term::from_field_text(self.fields.graph, graph.as_str()));
        Ok(())
    }

    /// Makes every change so far visible to searches and durable, and removes the marker.
    pub fn commit(&self) -> Result<(), StoreError> {
        let Some(writer) = &self.writer else {
            return Ok(());
        };
        let mut writer = writer.lock().unwrap_or_else(|e| e.into_inner());
        if !writer.dirty {
            return Ok(());
        }
        writer.writer.commit().map_err(text_error)?;
        self.reader.reload().map_err(text_error)?;
        if let Some(dir) = &self.store_dir {
            std::fs::remove_file(dir.join(PENDING))?;
        }
        writer.dirty = false;
        Ok(())
    }

    /// Claims whose content matches `query` (see the module's documentation), each with its
    /// place in the claims' order and, when the index holds it, its row; an error when the
    /// query holds no word.
    pub fn claims_with_words(&self, query: &str) -> Result<ClaimHits, StoreError> {
        let query = self.words_query(&phrases(query)?)?;
        let searcher = self.reader.searcher();
        let found = searcher
            .search(query.as_ref(), &DocSetCollector)
            .map_err(text_error)?;
        let mut reading = Reading::new(self.fields, &searcher);
        let mut hits = Vec::with_capacity(found.len());
        for address in sorted(found) {
            if let Some(hit) = reading.claim(address)? {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// Claims whose source as written contains `part` (case and diacritics aside), and the
    /// claims of the source nodes that go by a name containing it in some article, each with
    /// its place in the claims' order and its row when the index holds them; `None` when
    /// `part` holds nothing to search for.
    pub fn sources_containing(&self, part: &str) -> Result<Option<ClaimHits>, StoreError> {
        let Some(part) = analyzed(&mut names_analyzer(), part.trim()).pop() else {
            return Ok(None);
        };
        let grams = analyzed(&mut grams_analyzer()?, &part);
        // Every trigram of the part, in one name or another of a document: the candidates,
        // whose names are then read. A part too short for a trigram walks every name.
        let query: Box<dyn Query> = if grams.is_empty() {
            let pattern = format!(".*{}.*", regex_syntax::escape(&part));
            Box::new(BooleanQuery::new(
                [self.fields.said, self.fields.names]
                    .into_iter()
                    .map(|field| {
                        RegexQuery::from_pattern(&pattern, field)
                            .map(|query| (Occur::Should, Box::new(query) as Box<dyn Query>))
                    })
                    .collect::<Result<_, _>>()
                    .map_err(text_error)?,
            ))
        } else {
            Box::new(BooleanQuery::new(
                grams
                    .iter()
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .map(|gram| {
                        let term = Term::from_field_text(self.fields.grams, gram);
                        let query = TermQuery::new(term, IndexRecordOption::Basic);
                        (Occur::Must, Box::new(query) as Box<dyn Query>)
                    })
                    .collect(),
            ))
        };
        let searcher = self.reader.searcher();
        let found = searcher
            .search(query.as_ref(), &DocSetCollector)
            .map_err(text_error)?;
        let mut analyzer = names_analyzer();
        let mut holds = |doc: &StoredDoc, field: Field| {
            doc.all(field).any(|name| {
                analyzed(&mut analyzer, name)
                    .iter()
                    .any(|folded| folded.contains(part.as_str()))
            })
        };
        let mut reading = Reading::new(self.fields, &searcher);
        let mut claims = Vec::new();
        let mut sources = HashSet::new();
        for address in sorted(found) {
            let doc = reading.doc(address)?;
            if doc.text(self.fields.claim).is_some() {
                if holds(&doc, self.fields.said) {
                    claims.extend(reading.claim_of(address, doc));
                }
            } else if holds(&doc, self.fields.names) {
                if let Some(source) = doc.text(self.fields.source) {
                    sources.insert(source.to_owned());
                }
            }
        }
        if !sources.is_empty() {
            // The claims attributed to those sources, in any article.
            let query = TermSetQuery::new(
                sources
                    .iter()
                    .map(|source| Term::from_field_text(self.fields.attributed, source)),
            );
            let found = searcher
                .search(&query, &DocSetCollector)
                .map_err(text_error)?;
            for address in sorted(found) {
                if let Some(hit) = reading.claim(address)? {
                    claims.push(hit);
                }
            }
        }
        Ok(Some(claims))
    }

    /// The query for `phrases`: every one of them.
    fn words_query(&self, phrases: &[Phrase]) -> Result<Box<dyn Query>, StoreError> {
        let mut analyzer = words_analyzer();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for phrase in phrases {
            // Folded as the content was (a word's diacritics).
            let words: Vec<String> = phrase
                .words
                .iter()
                .flat_map(|word| analyzed(&mut analyzer, word))
                .collect();
            let terms: Vec<Term> = words
                .iter()
                .map(|word| Term::from_field_text(self.fields.content, word))
                .collect();
            let query: Box<dyn Query> = match (terms.len(), phrase.prefix) {
                (0, _) => continue,
                (1, false) => Box::new(TermQuery::new(
                    terms.into_iter().next().expect("one term"),
                    IndexRecordOption::Basic,
                )),
                (1, true) => {
                    let pattern = format!("{}.*", regex_syntax::escape(&words[0]));
                    Box::new(
                        RegexQuery::from_pattern(&pattern, self.fields.content)
                            .map_err(text_error)?,
                    )
                }
                (_, false) => Box::new(PhraseQuery::new(terms)),
                (_, true) => Box::new(PhrasePrefixQuery::new(terms)),
            };
            clauses.push((Occur::Must, query));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

fn fields_of(schema: &Schema) -> Result<Fields, StoreError> {
    let field = |name| {
        schema
            .get_field(name)
            .map_err(|_| StoreError::TextIndex(format!("the text index has no field '{name}'")))
    };
    Ok(Fields {
        claim: field("claim")?,
        graph: field("graph")?,
        content: field("content")?,
        said: field("said")?,
        day: field("day")?,
        position: field("position")?,
        source: field("source")?,
        names: field("names")?,
        grams: field("grams")?,
        attributed: field("attributed")?,
        article: field("article")?,
        cue: field("cue")?,
        stance: field("stance")?,
        certainty: field("certainty")?,
        quote: field("quote")?,
        confidence: field("confidence")?,
        source_name: field("source_name")?,
        source_kind: field("source_kind")?,
        date: field("date")?,
    })
}

/// `found` in the order of the store of documents, so that the documents of a block are
/// read together (the block stays in tantivy's cache).
fn sorted(found: HashSet<DocAddress>) -> Vec<DocAddress> {
    let mut found: Vec<DocAddress> = found.into_iter().collect();
    found.sort_unstable();
    found
}

/// The folded forms of `names`, each once: what the grams field indexes.
fn folded_names<'n>(names: impl IntoIterator<Item = &'n str>) -> BTreeSet<String> {
    let mut analyzer = names_analyzer();
    names
        .into_iter()
        .flat_map(|name| analyzed(&mut analyzer, name))
        .collect()
}

/// Reads claim documents into hits, each segment's fast fields and store reader once.
struct Reading<'s> {
    fields: Fields,
    searcher: &'s tantivy::Searcher,
    columns: HashMap<u32, (Column<i64>, Column<u64>)>,
    stores: HashMap<u32, StoreReader>,
}

impl<'s> Reading<'s> {
    fn new(fields: Fields, searcher: &'s tantivy::Searcher) -> Self {
        Reading {
            fields,
            searcher,
            columns: HashMap::new(),
            stores: HashMap::new(),
        }
    }

    /// The stored document at `address`.
    fn doc(&mut self, address: DocAddress) -> Result<StoredDoc, StoreError> {
        let store = match self.stores.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                // Without a cache of blocks: a block holds a document or two (`DOC_BLOCK`) and
                // the hits are read in order, so a cached block was almost never read again,
                // and keeping the cache cost more than the copy it saved.
                let segment = self.searcher.segment_reader(address.segment_ord);
                entry.insert(segment.get_store_reader(0)?)
            }
        };
        store.get(address.doc_id).map_err(text_error)
    }

    /// The claim of the document at `address`, if it is a claim's.
    fn claim(&mut self, address: DocAddress) -> Result<Option<ClaimHit>, StoreError> {
        let doc = self.doc(address)?;
        Ok(self.claim_of(address, doc))
    }

    /// The claim of `doc`, the document at `address`, if it is a claim's: with its place in
    /// the order, and its row when the index holds it.
    fn claim_of(&mut self, address: DocAddress, mut doc: StoredDoc) -> Option<ClaimHit> {
        let fields = self.fields;
        // Written from the store's IRIs.
        let claim = NamedNode::new_unchecked(doc.text(fields.claim)?);
        let graph = NamedNode::new_unchecked(doc.take(fields.graph)?);
        let searcher = self.searcher;
        let columns = match self.columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(entry) => Some(entry.into_mut()),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                match (fast.i64("day"), fast.u64("position")) {
                    (Ok(day), Ok(position)) => Some(entry.insert((day, position))),
                    _ => None,
                }
            }
        };
        let order = columns.and_then(|(day, position)| {
            day.first(address.doc_id)
                .zip(position.first(address.doc_id))
        });
        let row = Self::row(fields, doc, &claim);
        Some(ClaimHit {
            claim,
            graph,
            order,
            row,
        })
    }

    /// The row of `claim` stored in `doc`, as the row query reads it from the store; `None`
    /// when the document holds none (a property with two values: then the store is read).
    fn row(fields: Fields, mut doc: StoredDoc, claim: &NamedNode) -> Option<ClaimRow> {
        doc.text(fields.article)?;
        let position = doc.number(fields.position)?;
        let stance = stance_from_iri(doc.text(fields.stance)?)?;
        let certainty = certainty_from_iri(doc.text(fields.certainty)?)?;
        let quote_kind = quote_kind_from_iri(doc.text(fields.quote)?)?;
        // At most one value of each, else the row is the store's to tell.
        for field in [fields.said, fields.attributed, fields.content] {
            if doc.all(field).nth(1).is_some() {
                return None;
            }
        }
        let source_kind = doc.text(fields.source_kind).and_then(source_kind_from_iri);
        let confidence = doc.text(fields.confidence).and_then(|c| c.parse().ok());
        let date = doc
            .text(fields.date)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let iri = claim.as_str();
        Some(ClaimRow {
            id: short_claim_id(iri),
            iri: iri.to_owned(),
            source_name: doc.take(fields.source_name),
            source_text: doc.take(fields.said),
            source_iri: doc.take(fields.attributed),
            source_kind,
            cue: doc.take(fields.cue).unwrap_or_default(),
            content: doc.take(fields.content).unwrap_or_default(),
            stance,
            certainty,
            confidence,
            quote_kind,
            article_iri: doc.take(fields.article)?,
            date,
            position,
        })
    }
}

/// A stored document as the lookups read it: its values in the order stored, each string
/// moved out of the store once. (A `TantivyDocument` copies every value into a buffer of its
/// own, from which the rows copied them again: a fifth of a served `claims --text`.)
struct StoredDoc(Vec<(Field, Stored)>);

/// A stored value: the index stores strings and one number (a claim's position).
enum Stored {
    Text(String),
    Number(u64),
}

impl StoredDoc {
    /// The string values of `field`, in the order stored.
    fn all(&self, field: Field) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(move |(f, value)| match value {
            Stored::Text(text) if *f == field => Some(text.as_str()),
            _ => None,
        })
    }

    /// The first string value of `field`.
    fn text(&self, field: Field) -> Option<&str> {
        self.all(field).next()
    }

    /// The first number of `field`.
    fn number(&self, field: Field) -> Option<u64> {
        self.0.iter().find_map(|(f, value)| match value {
            Stored::Number(n) if *f == field => Some(*n),
            _ => None,
        })
    }

    /// The first string value of `field`, taken out of the document (the next is then first).
    fn take(&mut self, field: Field) -> Option<String> {
        let at = self
            .0
            .iter()
            .position(|(f, value)| *f == field && matches!(value, Stored::Text(_)))?;
        match self.0.remove(at).1 {
            Stored::Text(text) => Some(text),
            Stored::Number(_) => None,
        }
    }
}

impl DocumentDeserialize for StoredDoc {
    fn deserialize<'de, D: DocumentDeserializer<'de>>(
        mut deserializer: D,
    ) -> Result<Self, DeserializeError> {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(value) = deserializer.next_field::<Stored>()? {
            values.push(value);
        }
        Ok(StoredDoc(values))
    }
}

impl ValueDeserialize for Stored {
    fn deserialize<'de, D: ValueDeserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, DeserializeError> {
        struct Visitor;
        impl ValueVisitor for Visitor {
            type Value = Stored;
            fn visit_string(&self, text: String) -> Result<Stored, DeserializeError> {
                Ok(Stored::Text(text))
            }
            fn visit_u64(&self, n: u64) -> Result<Stored, DeserializeError> {
                Ok(Stored::Number(n))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

fn analyzed(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words
}

/// The claims and sources found in one article's quads, with what the index keeps of each.
#[derive(Default)]
struct ClaimDocs<'a> {
    /// The article's graph.
    graph: Option<&'a str>,
    claims: HashSet<&'a str>,
    contents: HashMap<&'a str, &'a str>,
    positions: HashMap<&'a str, u64>,
    /// A claim's source as written.
    said: HashMap<&'a str, Vec<&'a str>>,
    /// The article's earliest date (as the lookups order claims by it).
    date: Option<NaiveDate>,
    sources: HashSet<&'a str>,
    /// A source's names, aliases and key.
    names: HashMap<&'a str, Vec<&'a str>>,
    /// Every property of every subject, for the claims' rows: each value as the row query
    /// reads it (an IRI's or a literal's text; `None` for a blank node).
    properties: HashMap<&'a str, Vec<(NamedNodeRef<'a>, Option<&'a str>)>>,
}

impl<'a> ClaimDocs<'a> {
    /// What the quads of the article graph `graph` hold; quads of another graph are left out.
    fn from_quads(graph: &'a str, quads: impl IntoIterator<Item = QuadRef<'a>>) -> Self {
        let mut docs = ClaimDocs {
            graph: Some(graph),
            ..ClaimDocs::default()
        };
        for quad in quads {
            let (GraphNameRef::NamedNode(in_graph), NamedOrBlankNodeRef::NamedNode(subject)) =
                (quad.graph_name, quad.subject)
            else {
                continue;
            };
            if in_graph.as_str() != graph {
                continue;
            }
            let subject = subject.as_str();
            let predicate = quad.predicate;
            let value = match quad.object {
                TermRef::NamedNode(object) => Some(object.as_str()),
                TermRef::Literal(object) => Some(object.value()),
                _ => None,
            };
            docs.properties
                .entry(subject)
                .or_default()
                .push((predicate, value));
            match quad.object {
                TermRef::NamedNode(object) if predicate == rdf::TYPE && object == hs::CLAIM => {
                    docs.claims.insert(subject);
                }
                TermRef::NamedNode(object) if predicate == rdf::TYPE && object == hs::SOURCE => {
                    docs.sources.insert(subject);
                }
                TermRef::Literal(value) if predicate == schema::TEXT => {
                    docs.contents.insert(subject, value.value());
                }
                TermRef::Literal(value) if predicate == hs::POSITION => {
                    if let Ok(position) = value.value().parse() {
                        docs.positions.insert(subject, position);
                    }
                }
                TermRef::Literal(value) if predicate == hs::SOURCE_TEXT => {
                    docs.said.entry(subject).or_default().push(value.value());
                }
                TermRef::Literal(value)
                    if predicate == schema::DATE_PUBLISHED && subject == graph =>
                {
                    if let Ok(date) = NaiveDate::parse_from_str(value.value(), "%Y-%m-%d") {
                        docs.date = Some(docs.date.map_or(date, |d| d.min(date)));
                    }
                }
                TermRef::Literal(value)
                    if [schema::NAME, rdfs::LABEL, hs::ALIAS, hs::KEY].contains(&predicate) =>
                {
                    docs.names.entry(subject).or_default().push(value.value());
                }
                _ => {}
            }
        }
        docs
    }

    /// What the row query reads of `claim`: `(field, value)` for each property it shows, or
    /// `None` when a property has two values, or none where the row needs one (then the row
    /// is read from the store, which tells which of them the lookups show, or that the claim
    /// is malformed).
    fn row(&self, fields: Fields, claim: &str) -> Option<Vec<(Field, &'a str)>> {
        // At most one value, and that one not a blank node.
        let at_most_one = |subject: &str, predicate: NamedNodeRef<'static>| {
            let mut found = self
                .properties
                .get(subject)
                .into_iter()
                .flatten()
                .filter(|(p, _)| *p == predicate)
                .map(|(_, value)| *value);
            match (found.next(), found.next()) {
                (None, _) => Some(None),
                (Some(Some(value)), None) => Some(Some(value)),
                _ => None,
            }
        };
        let exactly_one = |subject: &str, predicate| at_most_one(subject, predicate)?;
        let article = exactly_one(claim, hs::ARTICLE_PROP)?;
        exactly_one(claim, hs::POSITION)?.parse::<u64>().ok()?;
        let mut row = vec![(fields.article, article)];
        for (field, predicate) in [
            (fields.stance, hs::STANCE_PROP),
            (fields.certainty, hs::CERTAINTY_PROP),
            (fields.quote, hs::QUOTE_KIND_PROP),
        ] {
            row.push((field, exactly_one(claim, predicate)?));
        }
        for (field, predicate) in [(fields.cue, hs::CUE), (fields.confidence, hs::CONFIDENCE)] {
            row.extend(at_most_one(claim, predicate)?.map(|value| (field, value)));
        }
        // Checked here, written with the indexed fields.
        at_most_one(claim, schema::TEXT)?;
        at_most_one(claim, hs::SOURCE_TEXT)?;
        if let Some(source) = at_most_one(claim, prov::WAS_ATTRIBUTED_TO)? {
            // An IRI: a literal would be no node whose name the row could read.
            NamedNode::new(source).ok()?;
            for (field, predicate) in [
                (fields.source_name, schema::NAME),
                (fields.source_kind, hs::SOURCE_KIND_PROP),
            ] {
                row.extend(at_most_one(source, predicate)?.map(|value| (field, value)));
            }
        }
        row.extend(at_most_one(article, schema::DATE_PUBLISHED)?.map(|date| (fields.date, date)));
        Some(row)
    }

    fn into_documents(self, fields: Fields) -> impl Iterator<Item = TantivyDocument> + 'a {
        let rows: HashMap<&'a str, Vec<(Field, &'a str)>> = self
            .claims
            .iter()
            .filter_map(|&claim| Some((claim, self.row(fields, claim)?)))
            .collect();
        let ClaimDocs {
            graph,
            claims,
            contents,
            positions,
            said,
            date,
            sources,
            mut names,
            properties,
        } = self;
        let graph = graph.unwrap_or_default();
        let day = date.map_or(UNDATED, |d| i64::from(d.num_days_from_ce()));
        let attributed = move |claim: &str| -> Vec<&'a str> {
            properties
                .get(claim)
                .into_iter()
                .flatten()
                .filter(|(p, _)| *p == prov::WAS_ATTRIBUTED_TO)
                .filter_map(|(_, value)| *value)
                .collect()
        };
        let claims = claims.into_iter().map(move |claim| {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.claim, claim);
            doc.add_text(fields.graph, graph);
            if let Some(content) = contents.get(claim) {
                doc.add_text(fields.content, content);
            }
            let said = said.get(claim).map(Vec::as_slice).unwrap_or_default();
            for name in said {
                doc.add_text(fields.said, name);
            }
            for folded in folded_names(said.iter().copied()) {
                doc.add_text(fields.grams, folded);
            }
            for source in attributed(claim) {
                doc.add_text(fields.attributed, source);
            }
            doc.add_i64(fields.day, day);
            doc.add_u64(fields.position, positions.get(claim).copied().unwrap_or(0));
            for (field, value) in rows.get(claim).into_iter().flatten() {
                doc.add_text(*field, value);
            }
            doc
        });
        let sources: Vec<_> = sources
            .into_iter()
            .map(|source| {
                let mut doc = TantivyDocument::default();
                doc.add_text(fields.source, source);
                doc.add_text(fields.graph, graph);
                let names = names.remove(source).unwrap_or_default();
                for name in &names {
                    doc.add_text(fields.names, name);
                }
                for folded in folded_names(names) {
                    doc.add_text(fields.grams, folded);
                }
                doc
            })
            .collect();
        claims.chain(sources)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Schema, STRING};
    use tantivy::Index;

    use super::{analyzed, folded_names, grams_analyzer, TextIndex, DIRECTORY};

    fn grams(folded: &str) -> Vec<String> {
        analyzed(&mut grams_analyzer().unwrap(), folded)
    }

    #[test]
    fn names_are_found_by_the_trigrams_of_their_folded_form() {
        assert_eq!(grams("tom v"), ["tom", "om ", "m v"]);
        assert!(grams("ab").is_empty());
        assert_eq!(grams("aaaa"), ["aaa", "aaa"]);
        let folded = folded_names(["Recep Tayyip ERDOĞAN", "recep tayyip Erdogan"]);
        assert_eq!(
            folded.into_iter().collect::<Vec<_>>(),
            ["recep tayyip erdogan"]
        );
        // Folded before it is cut: "auss" finds "Strauß".
        let folded = folded_names(["Strauß"]);
        let strauss = grams(folded.first().unwrap());
        for gram in grams("auss") {
            assert!(strauss.contains(&gram), "{gram}");
        }
    }

    #[test]
    fn an_index_of_another_layout_is_built_again() {
        let dir = tempfile::tempdir().unwrap();
        // The layout before the trigrams were tantivy's: the field held them as strings.
        let mut old = Schema::builder();
        old.add_text_field("claim", STRING);
        old.add_text_field("grams", STRING);
        let index_dir = dir.path().join(DIRECTORY);
        std::fs::create_dir_all(&index_dir).unwrap();
        Index::create_in_dir(&index_dir, old.build()).unwrap();
        assert!(TextIndex::open_read_only(dir.path()).unwrap().is_none());
        let (text, current) = TextIndex::open(dir.path()).unwrap();
        assert!(!current);
        drop(text);
        // What this hearsay wrote is read as it is.
        let (text, current) = TextIndex::open(dir.path()).unwrap();
        assert!(current);
        drop(text);
        assert!(TextIndex::open_read_only(dir.path()).unwrap().is_some());
    }
}
