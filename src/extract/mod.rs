//! Finds attributions in plain text: sources, cues, contents, stance and certainty.
//! Knows nothing of RDF, files or the store; never fails on messy input.
//!
//! The pipeline: [`words`] scans the text, [`sentences`] splits it, [`patterns`] finds each
//! sentence's attributions from the cue lexicon in [`cues`], [`sources`] and [`hedges`]
//! label them, [`antecedents`] names pronoun sources, [`prune`] drops what is no claim of
//! its own and [`links`] ties claims together.

mod antecedents;
mod attribution;
mod clusters;
pub mod cue_model;
mod cues;
mod hedges;
mod links;
pub mod parser;
mod patterns;
mod prune;
mod sentences;
mod sources;
mod syntax;
mod tagger;
mod tags;
mod token;
pub mod treebank;
mod words;

pub use attribution::{
    confidence, spans_text, Attribution, Certainty, Extraction, Link, LinkKind, QuoteKind,
    SourceKind, Span, Stance, UnknownLabel,
};
pub use syntax::{predicates, Predicates};

/// Finds every attribution in `text`. Deterministic; offsets are bytes into `text`.
pub fn extract(text: &str) -> Extraction {
    extract_judged(text, &cue_model::Judge::shipped())
}

/// [`extract`], with `judge` deciding which of the rules' proposals stay.
fn extract_judged(text: &str, judge: &cue_model::Judge) -> Extraction {
    let w = words::Words::new(text);
    let sents = sentences::split(&w);
    let tags = tags::Tags::new(&w, &sents);
    let syntax = syntax::Syntax::new(&w, &sents);
    let ctx = patterns::Ctx {
        w: &w,
        sentences: &sents,
        tags: &tags,
        syntax: &syntax,
        judge,
    };
    let mut found = Vec::new();
    for k in 0..sents.len() {
        patterns::sentence(&ctx, k, &mut found);
    }
    antecedents::resolve(&w, &tags, &mut found);
    let found = prune::claims_only(&w, &tags, found);
    let links = links::find(&w, &found);
    let attributions = found
        .iter()
        .map(|f| {
            let has_source = f.source.is_some();
            Attribution {
                source: f.source.iter().map(|&(a, b)| w.span(a, b)).collect(),
                cue: f.cue.iter().map(|&(a, b)| w.span(a, b)).collect(),
                content: f.content.iter().map(|&(a, b)| w.span(a, b)).collect(),
                sentence: w.span(f.sentence.0, f.sentence.1),
                source_name: f.name.clone(),
                source_kind: f.kind,
                stance: f.stance,
                certainty: f.certainty,
                quote: f.quote,
                confidence: confidence(f.certainty, f.kind, has_source),
            }
        })
        .collect();
    Extraction {
        attributions,
        links,
    }
}
