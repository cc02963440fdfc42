//! Tracking claims across articles and over time, before any store: source names resolved
//! across articles (roles, demonyms, surnames, acronyms, generic sources scoped to one
//! text), claim contents normalized and grouped into propositions, and a proposition's
//! confidence. Knows nothing of the store or files; [`tracked_quads`] builds an article's
//! quads through [`crate::graph`].

mod article;
mod cluster;
mod confidence;
mod content;
mod names;
mod origins;

pub use article::{article_names, body_hash, tracked_quads};
pub use cluster::{answers, cluster, Assignment, ClaimInput, Holder};
pub use confidence::{
    confidence_terms, proposition_confidence, Backing, ConfidenceTerms, OriginTerm,
    OPPOSITION_FACTOR, UNCONFIRMED_FACTOR,
};
pub use content::{
    agree, content_predicates, is_fragment, is_question, jaccard, normalize_content, own_speaker,
    similar, similar_by_count, speaks_of_itself, Comparable, ContentPredicates, NormalizedContent,
    JACCARD_THRESHOLD, MIN_SHARED, MIN_TOKENS, NAME_WEIGHT, OVERLAP_THRESHOLD,
};
pub use names::{
    acronyms_in_text, entity_key, initials, is_generic, looks_like_acronym, parse_source_name,
    resolve_source, scoped_key, NameIndex, ParsedName, ResolvedSource,
};
pub use origins::{identified, shared_origins, OriginClaim, REPRINT_WORDS};
