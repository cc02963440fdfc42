//! Turns an article and its attributions into RDF quads (one named graph per article).
//! Knows nothing of files or the store.

pub mod vocab;
