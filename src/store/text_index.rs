//! The full-text index beside the store: which claims hold given words in their content. Oxigraph has no text
//! index, so without it these lookups read every content or name in the store (seconds on a
//! million claims); with it they read a few posting lists (milliseconds).
//!
//! It is a tantivy index in `STORE/text-index`, one document per claim: the claim's IRI and
//! its article graph (stored), its content (words, with positions for phrases), and its
//! source's names (the name as written, the canonical name, aliases and key, each one term,
//! for substring search over the term dictionary).
//!
//! **Kept in step with the store.** The store updates it with every article it writes or
//! removes, and commits it before any search and when it flushes. Before the first change
//! after a commit, a marker file (`STORE/text-index.pending`) is written; the commit removes
//! it. An index with the marker (a writer that died between the two), or none at all (a store
//! written by an older hearsay), is not trusted: a writer rebuilds it from the store when it
//! opens, and a read-only opening builds a temporary one in memory at the first search.
//!
//! **Matching.** Words are runs of letters and digits, compared without regard to case and
//! diacritics ("Erdogan" finds "Erdoğan"). Every word of the query must be in the content;
//! words between double quotes must follow each other, as a phrase; a word ending in `*`
//! matches every word it begins.
//!
//! Each document also holds its source's names as written in its article, but `--source` does
//! not search them yet: a source matches by a name it goes by in any article, which a
//! per-claim document of another article does not hold (a source-level document would).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, TermRef,
};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::reader::ClaimHits;
use super::StoreError;
use crate::graph::vocab::{hs, prov, rdf, rdfs, schema};

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
const WORDS: &str = "hearsay_words";
const NAMES: &str = "hearsay_names";

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
    claim: Field,
    graph: Field,
    content: Field,
    names: Field,
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
    let fields = Fields {
        claim: builder.add_text_field("claim", STORED),
        graph: builder.add_text_field("graph", STRING | STORED),
        content: builder.add_text_field("content", words),
        names: builder.add_text_field("names", names),
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

fn register_analyzers(index: &Index) {
    index.tokenizers().register(WORDS, words_analyzer());
    index.tokenizers().register(NAMES, names_analyzer());
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
        let current = dir.join("meta.json").exists() && !pending.exists();
        let index = if current {
            Index::open_in_dir(&dir).map_err(text_error)?
        } else {
            // Started over: what a dead writer left may hold anything.
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            std::fs::create_dir_all(&dir)?;
            Index::create_in_dir(&dir, schema().0).map_err(text_error)?
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
        Self::new(index, None, None).map(Some)
    }

    /// An index in memory (for a store in memory, or a read-only store whose index is stale).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with_writer(Index::create_in_ram(schema().0), None)
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
        register_analyzers(&index);
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
        graph: NamedNodeRef<'_>,
        quads: impl IntoIterator<Item = QuadRef<'a>>,
    ) -> Result<(), StoreError> {
        let docs: Vec<_> = ClaimDocs::from_quads(quads)
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

    /// Claims whose content matches `query` (see the module's documentation); an error when
    /// the query holds no word.
    pub fn claims_with_words(&self, query: &str) -> Result<ClaimHits, StoreError> {
        let query = self.words_query(query)?;
        self.hits(query.as_ref())
    }

    fn words_query(&self, query: &str) -> Result<Box<dyn Query>, StoreError> {
        let mut analyzer = words_analyzer();
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        // Even pieces lie outside double quotes, odd ones inside (an unclosed quote runs to
        // the end).
        for (i, piece) in query.split('"').enumerate() {
            if i % 2 == 1 {
                let terms: Vec<Term> = analyzed(&mut analyzer, piece)
                    .iter()
                    .map(|word| Term::from_field_text(self.fields.content, word))
                    .collect();
                clauses.extend(match terms.len() {
                    0 => None,
                    1 => Some(self.term_query(terms.into_iter().next().expect("one term"))),
                    _ => Some(Box::new(PhraseQuery::new(terms)) as Box<dyn Query>),
                });
                continue;
            }
            for word in piece.split_whitespace() {
                let prefix = word.ends_with('*');
                let words = analyzed(&mut analyzer, word);
                for (j, word) in words.iter().enumerate() {
                    let query: Box<dyn Query> = if prefix && j + 1 == words.len() {
                        let pattern = format!("{}.*", regex_syntax::escape(word));
                        Box::new(
                            RegexQuery::from_pattern(&pattern, self.fields.content)
                                .map_err(text_error)?,
                        )
                    } else {
                        self.term_query(Term::from_field_text(self.fields.content, word))
                    };
                    clauses.push(query);
                }
            }
        }
        if clauses.is_empty() {
            return Err(StoreError::InvalidFilter(format!(
                "'{query}' holds no word to search for (words are letters and digits)"
            )));
        }
        let clauses = clauses.into_iter().map(|q| (Occur::Must, q)).collect();
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    fn term_query(&self, term: Term) -> Box<dyn Query> {
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    fn hits(&self, query: &dyn Query) -> Result<ClaimHits, StoreError> {
        let searcher = self.reader.searcher();
        let found = searcher
            .search(query, &DocSetCollector)
            .map_err(text_error)?;
        let mut hits = Vec::with_capacity(found.len());
        for address in found {
            let doc: TantivyDocument = searcher.doc(address).map_err(text_error)?;
            let iri = |field| {
                doc.get_first(field)
                    .and_then(|value| value.as_str())
                    .and_then(|iri| NamedNode::new(iri).ok())
            };
            if let (Some(claim), Some(graph)) = (iri(self.fields.claim), iri(self.fields.graph)) {
                hits.push((claim, graph));
            }
        }
        Ok(hits)
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
        names: field("names")?,
    })
}

fn analyzed(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words
}

/// The claims found in some quads, with what the index keeps of each.
#[derive(Default)]
struct ClaimDocs<'a> {
    /// (graph, claim) of every claim.
    claims: HashSet<(&'a str, &'a str)>,
    contents: HashMap<(&'a str, &'a str), &'a str>,
    /// (graph, claim) → its source node, and its name as written.
    sources: HashMap<(&'a str, &'a str), Vec<&'a str>>,
    said: HashMap<(&'a str, &'a str), Vec<&'a str>>,
    /// (graph, source) → its names, aliases and key.
    names: HashMap<(&'a str, &'a str), Vec<&'a str>>,
}

impl<'a> ClaimDocs<'a> {
    fn from_quads(quads: impl IntoIterator<Item = QuadRef<'a>>) -> Self {
        let mut docs = ClaimDocs::default();
        for quad in quads {
            let (GraphNameRef::NamedNode(graph), NamedOrBlankNodeRef::NamedNode(subject)) =
                (quad.graph_name, quad.subject)
            else {
                continue;
            };
            let key = (graph.as_str(), subject.as_str());
            let predicate = quad.predicate;
            match quad.object {
                TermRef::NamedNode(object) if predicate == rdf::TYPE && object == hs::CLAIM => {
                    docs.claims.insert(key);
                }
                TermRef::NamedNode(object) if predicate == prov::WAS_ATTRIBUTED_TO => {
                    docs.sources.entry(key).or_default().push(object.as_str());
                }
                TermRef::Literal(value) if predicate == schema::TEXT => {
                    docs.contents.insert(key, value.value());
                }
                TermRef::Literal(value) if predicate == hs::SOURCE_TEXT => {
                    docs.said.entry(key).or_default().push(value.value());
                }
                TermRef::Literal(value)
                    if [schema::NAME, rdfs::LABEL, hs::ALIAS, hs::KEY].contains(&predicate) =>
                {
                    docs.names.entry(key).or_default().push(value.value());
                }
                _ => {}
            }
        }
        docs
    }

    fn into_documents(self, fields: Fields) -> impl Iterator<Item = TantivyDocument> + 'a {
        let ClaimDocs {
            claims,
            contents,
            sources,
            said,
            names,
        } = self;
        claims.into_iter().map(move |key @ (graph, claim)| {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.claim, claim);
            doc.add_text(fields.graph, graph);
            if let Some(content) = contents.get(&key) {
                doc.add_text(fields.content, content);
            }
            for name in said.get(&key).into_iter().flatten() {
                doc.add_text(fields.names, name);
            }
            let source_names = sources
                .get(&key)
                .into_iter()
                .flatten()
                .flat_map(|source| names.get(&(graph, *source)).into_iter().flatten());
            for name in source_names {
                doc.add_text(fields.names, name);
            }
            doc
        })
    }
}
