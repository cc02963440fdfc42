//! Sources stored by earlier runs, brought to the names a later run gives: a bare surname or
//! acronym linked to its full name, or unlinked when it has become ambiguous; the fullest
//! spelling shown.
//!
//! Within one run, "KCNA" meets "Korean Central News Agency" and "Peskov" meets "Dmitry
//! Peskov" whatever the order of the articles ([`crate::track::NameIndex`]). Across runs the
//! earlier articles are stored already, keyed by the bare name. This brings them to what one
//! run over all the articles would have stored, so a store does not depend on how its
//! articles were split into runs.

use std::collections::BTreeSet;

use oxigraph::model::{
    GraphName, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::store::Transaction;

use super::{Store, StoreError};
use crate::extract::SourceKind;
use crate::graph::vocab::{hs, rdf, rdfs, schema};
use crate::graph::{source_iri, source_key};
use crate::track::{is_generic, parse_source_name, NameIndex};

/// What [`Store::align_sources`] changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceAlignment {
    /// Sources moved from a one-word name onto a full name's node.
    pub moved: usize,
    /// The article graphs they moved in: their claims' sources changed.
    pub moved_in: BTreeSet<String>,
    /// Sources given a fuller spelling to be shown by.
    pub relabeled: usize,
}

impl Store {
    /// Brings the sources stored before a run to what one run over every article would have
    /// stored, given `known`, the names of the store and the run, and `before`, the names of
    /// the store alone ([`Store::known_names`] before the run wrote). In one transaction:
    ///
    /// - a source stored under a one-word name that `known` now resolves ("Peskov" →
    ///   "dmitry peskov") moves onto the full name's node in each article graph that has it:
    ///   its claims, label, name and key follow; its aliases, role and kind stay;
    /// - a source that was written only as a one-word name and linked to the one full name
    ///   that fitted it then ("Reyes" → "ana reyes") moves back to that word when several fit
    ///   now ("Maria Reyes" came in), as it would have stayed in one run;
    /// - a source whose fullest spelling the run changed ("Politifact" → "PolitiFact") is
    ///   shown by it in every article graph.
    ///
    /// Propositions count independent sources, so after a move they are stale: call
    /// [`Store::refresh_propositions`].
    pub fn align_sources(
        &self,
        known: &NameIndex,
        before: &NameIndex,
    ) -> Result<SourceAlignment, StoreError> {
        let mut done = SourceAlignment::default();
        if before.is_empty() {
            // Nothing was stored before the run, so everything was keyed with every name.
            return Ok(done);
        }
        let mut transaction = self.inner.start_transaction()?;
        for (word, former) in known.ambiguous_since(before) {
            // Only where every name it was written under is that one word (pronouns aside:
            // "he" with "Reyes" for antecedent): an article that also gave the full name
            // resolved it on its own.
            let written_as_word = |stored: &[Quad]| {
                let names: Vec<String> = literals(stored, hs::ALIAS)
                    .filter(|alias| !is_generic(alias, SourceKind::Person))
                    .map(|alias| parse_source_name(alias).name)
                    .collect();
                let fits = !names.is_empty()
                    && names.iter().all(|name| {
                        name.split_whitespace().count() == 1 && source_key(name) == word
                    });
                // Shown as written, as an unresolved name is.
                let label = known.label(word).map(str::to_owned);
                fits.then(|| label.or_else(|| names.into_iter().next()))
                    .flatten()
            };
            let moved = move_source(&mut transaction, former, word, written_as_word)?;
            done.moved += usize::from(!moved.is_empty());
            done.moved_in.extend(moved);
        }
        for (word, full) in known.resolvable_since(before) {
            // The name it was keyed under must be the one that resolves: "US" keyed "us" is
            // not "Usha".
            let resolves = |stored: &[Quad]| {
                literals(stored, rdfs::LABEL)
                    .any(|name| known.resolve(name) == Some(full))
                    .then(|| known.label(full).unwrap_or(full).to_owned())
            };
            let moved = move_source(&mut transaction, word, full, resolves)?;
            done.moved += usize::from(!moved.is_empty());
            done.moved_in.extend(moved);
        }
        // The graphs whose source names change, for the text index.
        let mut renamed_in = done.moved_in.clone();
        for (key, label) in known.labels_changed_since(before) {
            let node = source_iri(key);
            let mut relabeled = false;
            for graph in source_graphs(&transaction, &node)? {
                for predicate in [rdfs::LABEL, schema::NAME] {
                    let shown = transaction
                        .quads_for_pattern(
                            Some(node.as_ref().into()),
                            Some(predicate),
                            None,
                            Some(graph.as_ref()),
                        )
                        .collect::<Result<Vec<Quad>, _>>()?;
                    if shown.iter().all(|quad| is_literal(&quad.object, label)) {
                        continue;
                    }
                    for quad in &shown {
                        transaction.remove(quad);
                    }
                    transaction.insert(QuadRef::new(
                        &node,
                        predicate,
                        LiteralRef::new_simple_literal(label),
                        &graph,
                    ));
                    relabeled = true;
                    if let GraphName::NamedNode(graph) = &graph {
                        renamed_in.insert(graph.as_str().to_owned());
                    }
                }
            }
            done.relabeled += usize::from(relabeled);
        }
        // Their claims' origins changed: they wait for the refresh as the run's articles do.
        for article in &done.moved_in {
            if let Ok(article) = NamedNodeRef::new(article) {
                transaction.insert(super::pending_mark(article).as_ref());
            }
        }
        transaction.commit()?;
        self.reindex_text(&renamed_in)?;
        Ok(done)
    }
}

/// Moves the source keyed `from` onto the node keyed `to` in every article graph where
/// `fits` gives, from its quads there (as subject and as object), the label to show it by;
/// the graphs it moved in.
fn move_source(
    transaction: &mut Transaction<'_>,
    from: &str,
    to: &str,
    fits: impl Fn(&[Quad]) -> Option<String>,
) -> Result<Vec<String>, StoreError> {
    let (old, new) = (source_iri(from), source_iri(to));
    let mut moved = Vec::new();
    if old == new {
        return Ok(moved);
    }
    for graph in source_graphs(transaction, &old)? {
        let stored = transaction
            .quads_for_pattern(Some(old.as_ref().into()), None, None, Some(graph.as_ref()))
            .chain(transaction.quads_for_pattern(
                None,
                None,
                Some(old.as_ref().into()),
                Some(graph.as_ref()),
            ))
            .collect::<Result<Vec<Quad>, _>>()?;
        let Some(label) = fits(&stored) else {
            continue;
        };
        for quad in &stored {
            transaction.remove(quad);
        }
        for quad in stored {
            transaction.insert(&moved_quad(quad, &old, &new, to, &label));
        }
        if let GraphName::NamedNode(graph) = graph {
            moved.push(graph.into_string());
        }
    }
    Ok(moved)
}

/// The values of the literals `predicate` gives in `quads`.
fn literals<'q>(quads: &'q [Quad], predicate: NamedNodeRef<'q>) -> impl Iterator<Item = &'q str> {
    quads.iter().filter_map(move |quad| match &quad.object {
        Term::Literal(literal) if quad.predicate == predicate => Some(literal.value()),
        _ => None,
    })
}

/// The article graphs in which `source` is a source.
fn source_graphs(
    transaction: &Transaction<'_>,
    source: &NamedNode,
) -> Result<Vec<GraphName>, StoreError> {
    Ok(transaction
        .quads_for_pattern(
            Some(source.as_ref().into()),
            Some(rdf::TYPE),
            Some(hs::SOURCE.into()),
            None,
        )
        .map(|quad| quad.map(|quad| quad.graph_name))
        .collect::<Result<Vec<GraphName>, _>>()?)
}

fn is_literal(term: &Term, value: &str) -> bool {
    matches!(term, Term::Literal(literal) if literal.value() == value)
}

/// `quad` with the source `old` replaced by `new`, keyed `key` and named `label`.
fn moved_quad(quad: Quad, old: &NamedNode, new: &NamedNode, key: &str, label: &str) -> Quad {
    let Quad {
        subject,
        predicate,
        object,
        graph_name,
    } = quad;
    if subject != NamedOrBlankNode::NamedNode(old.clone()) {
        return Quad::new(subject, predicate, new.clone(), graph_name);
    }
    let object = if predicate == rdfs::LABEL || predicate == schema::NAME {
        Literal::new_simple_literal(label).into()
    } else if predicate == hs::KEY {
        Literal::new_simple_literal(key).into()
    } else {
        object
    };
    Quad::new(new.clone(), predicate, object, graph_name)
}
