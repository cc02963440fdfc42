//! Checks `vocab` against `ontology/hearsay.ttl`, term by term.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};

use super::vocab::{self, hs, owl, rdf, rdfs};
use super::*;
use crate::extract::{Certainty, QuoteKind, SourceKind, Stance};

const ONTOLOGY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/hearsay.ttl");

fn ontology() -> Vec<Quad> {
    let bytes = std::fs::read(ONTOLOGY).unwrap_or_default();
    assert!(!bytes.is_empty(), "cannot read {ONTOLOGY}");
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{ONTOLOGY}: {e}"))
}

/// Every IRI in the `hs:` namespace that a quad mentions, in any position.
fn hs_terms(quads: &[Quad]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for q in quads {
        let terms = [
            Term::from(q.subject.clone()),
            Term::from(q.predicate.clone()),
            q.object.clone(),
        ];
        for t in terms {
            if let Term::NamedNode(n) = t {
                if n.as_str().starts_with(vocab::HS) {
                    out.insert(n.into_string());
                }
            }
        }
    }
    out
}

#[test]
fn vocab_matches_ontology() {
    let quads = ontology();
    let declared_types = [
        owl::CLASS,
        owl::OBJECT_PROPERTY,
        owl::DATATYPE_PROPERTY,
        owl::NAMED_INDIVIDUAL,
    ];
    // term → (declared, has label, has comment)
    let mut seen: BTreeMap<String, (bool, bool, bool)> = BTreeMap::new();
    for q in &quads {
        let subject = q.subject.to_string();
        let subject = subject.trim_start_matches('<').trim_end_matches('>');
        if !subject.starts_with(vocab::HS) {
            continue;
        }
        let entry = seen.entry(subject.to_owned()).or_default();
        if q.predicate == rdf::TYPE
            && declared_types
                .iter()
                .any(|t| q.object == Term::from(t.into_owned()))
        {
            entry.0 = true;
        }
        entry.1 |= q.predicate == rdfs::LABEL;
        entry.2 |= q.predicate == rdfs::COMMENT;
    }
    let in_vocab: BTreeSet<String> = hs::ALL.iter().map(|t| t.as_str().to_owned()).collect();
    assert_eq!(
        in_vocab.len(),
        hs::ALL.len(),
        "a term is listed twice in vocab::hs"
    );
    for term in &in_vocab {
        let (declared, label, comment) = seen.get(term).copied().unwrap_or_default();
        assert!(
            declared,
            "{term} is in vocab.rs but not declared in the ontology"
        );
        assert!(label, "{term} has no rdfs:label in the ontology");
        assert!(comment, "{term} has no rdfs:comment in the ontology");
    }
    let extra: Vec<_> = hs_terms(&quads).difference(&in_vocab).cloned().collect();
    assert!(
        extra.is_empty(),
        "used in the ontology but not in vocab.rs: {extra:?}"
    );
}

#[test]
fn individuals_are_labelled_with_their_cli_names() {
    let quads = ontology();
    let label = |iri: &str| -> Option<String> {
        quads.iter().find_map(|q| match &q.object {
            Term::Literal(l)
                if q.predicate == rdfs::LABEL && q.subject.to_string() == format!("<{iri}>") =>
            {
                Some(l.value().to_owned())
            }
            _ => None,
        })
    };
    for s in Stance::ALL {
        assert_eq!(label(stance_iri(*s).as_str()).as_deref(), Some(s.as_str()));
    }
    for c in Certainty::ALL {
        assert_eq!(
            label(certainty_iri(*c).as_str()).as_deref(),
            Some(c.as_str())
        );
    }
    for q in QuoteKind::ALL {
        assert_eq!(
            label(quote_kind_iri(*q).as_str()).as_deref(),
            Some(q.as_str())
        );
    }
    for k in SourceKind::ALL {
        assert_eq!(
            label(source_kind_iri(*k).as_str()).as_deref(),
            Some(k.as_str())
        );
    }
}

#[test]
fn ontology_documents_the_confidence_formula() {
    let text = std::fs::read_to_string(ONTOLOGY).unwrap_or_default();
    // The same weights as `extract::confidence`; if one changes, both must.
    for (certainty, weight) in [
        (Certainty::Certain, "1.0"),
        (Certainty::Probable, "0.75"),
        (Certainty::Possible, "0.5"),
        (Certainty::Unknown, "0.6"),
    ] {
        assert!(text.contains(&format!("{} {weight}", certainty.as_str())));
        let named = crate::extract::confidence(certainty, SourceKind::Person, true);
        assert_eq!(named.to_string(), weight.trim_end_matches(".0"));
    }
    assert!(
        text.contains("1.0 when named, 0.7 when anonymous and 0.5 when the text names no source")
    );
}
