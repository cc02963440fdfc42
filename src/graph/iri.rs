//! The IRIs hearsay mints for articles, claims and sources, the short ids read back from them,
//! and the `hs:` individuals that stand for stance, certainty, quote kind and source kind.
//! Knows nothing of files or the store.
//!
//! **Stability:** these IRIs name the stored graphs, so changing the scheme orphans every
//! store built before. Scheme (`hsid:` = `https://w3id.org/hearsay/id/`):
//! - article: `hsid:article/{h}`, `h` = the first 16 hex digits of SHA-256 of the URL when
//!   the article has one, else of `id:` and its input id when it has one, else of its text;
//! - claim: `hsid:claim/{h}-{position}` (`position` 0-based, in extraction order);
//! - source: `hsid:source/{slug of the source key}`.

use oxigraph::model::{NamedNode, NamedNodeRef};
use sha2::{Digest, Sha256};

use super::key::key_slug;
use super::vocab::{hs, ID};
use crate::article::Article;
use crate::extract::{Certainty, QuoteKind, SourceKind, Stance};

/// First 16 hex digits (64 bits) of the SHA-256 of `s`.
pub(crate) fn hash16(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The article's hash: of its URL when it has a non-blank one, else of its input id (two
/// rows with one text under two ids are two articles: a wire story run by two outlets),
/// else of its text. The id is hashed with a prefix, so it never meets the hash of a text
/// that happens to equal it.
fn article_hash(article: &Article) -> String {
    if let Some(url) = nonblank(&article.url) {
        hash16(url)
    } else if let Some(id) = nonblank(&article.id) {
        hash16(&format!("id:{id}"))
    } else {
        hash16(&article.text)
    }
}

/// A field's value, trimmed, unless it is missing or blank.
fn nonblank(field: &Option<String>) -> Option<&str> {
    field
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// The article's IRI, also the name of its graph. Stable: the same URL (or, without one, the
/// same input id, or without either, the same text) gives the same IRI, so re-ingesting
/// replaces rather than duplicates.
///
/// ```
/// use hearsay::{article::Article, graph::article_iri};
/// let article = Article {
///     origin: "a.txt".into(), id: None, title: None, date: None,
///     url: Some("https://example.org/a".into()), publisher: None, author: None,
///     text: "Text.".into(),
/// };
/// assert!(article_iri(&article).as_str().starts_with("https://w3id.org/hearsay/id/article/"));
/// ```
pub fn article_iri(article: &Article) -> NamedNode {
    // Hex digits only: a valid IRI by construction.
    NamedNode::new_unchecked(format!("{ID}article/{}", article_hash(article)))
}

/// The IRI of the claim at `position` (0-based) in the article named `article_iri`.
pub fn claim_iri<'a>(article_iri: impl Into<NamedNodeRef<'a>>, position: usize) -> NamedNode {
    let article_iri = article_iri.into();
    let hash = article_id_from_iri(article_iri.as_str())
        .unwrap_or_else(|| last_segment(article_iri.as_str()));
    NamedNode::new_unchecked(format!("{ID}claim/{hash}-{position}"))
}

/// The IRI of the source with key `key` (see [`super::source_key`]).
pub fn source_iri(key: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID}source/{}", key_slug(key)))
}

fn last_segment(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// The short id of an article IRI (its hash), or `None` if `iri` is not one.
pub fn article_id_from_iri(iri: &str) -> Option<&str> {
    let id = iri.strip_prefix(ID)?.strip_prefix("article/")?;
    is_hash(id).then_some(id)
}

/// The short id of a claim IRI (`{article hash}-{position}`), or `None` if `iri` is not one.
pub fn claim_id_from_iri(iri: &str) -> Option<&str> {
    let id = iri.strip_prefix(ID)?.strip_prefix("claim/")?;
    parse_claim_id(id).map(|_| id)
}

/// The key slug of a source IRI, or `None` if `iri` is not one.
pub fn source_slug_from_iri(iri: &str) -> Option<&str> {
    iri.strip_prefix(ID)?
        .strip_prefix("source/")
        .filter(|s| !s.is_empty())
}

/// Splits a claim id into its article hash and position, or `None` if `id` is not one.
pub fn parse_claim_id(id: &str) -> Option<(&str, usize)> {
    let (hash, position) = id.rsplit_once('-')?;
    let position = position.parse().ok()?;
    is_hash(hash).then_some((hash, position))
}

/// The article IRI for a short id (as printed by the CLI), or `None` if `id` is not one.
pub fn article_iri_from_id(id: &str) -> Option<NamedNode> {
    is_hash(id).then(|| NamedNode::new_unchecked(format!("{ID}article/{id}")))
}

/// The claim IRI for a short id (as printed by the CLI), or `None` if `id` is not one.
pub fn claim_iri_from_id(id: &str) -> Option<NamedNode> {
    let (hash, position) = parse_claim_id(id)?;
    Some(NamedNode::new_unchecked(format!(
        "{ID}claim/{hash}-{position}"
    )))
}

fn is_hash(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Declares the two-way map between one label enum and its `hs:` individuals.
macro_rules! individuals {
    ($to:ident, $from:ident, $ty:ty { $($variant:path => $term:expr),+ $(,)? }) => {
        #[doc = concat!("The `hs:` individual for a [`", stringify!($ty), "`].")]
        pub fn $to(value: $ty) -> NamedNodeRef<'static> {
            match value { $($variant => $term),+ }
        }

        #[doc = concat!("The [`", stringify!($ty), "`] an `hs:` individual stands for, if any.")]
        pub fn $from(iri: &str) -> Option<$ty> {
            $(if iri == $term.as_str() { return Some($variant); })+
            None
        }
    };
}

individuals!(stance_iri, stance_from_iri, Stance {
    Stance::Asserted => hs::ASSERTED,
    Stance::Denied => hs::DENIED,
    Stance::Unconfirmed => hs::UNCONFIRMED,
});

individuals!(certainty_iri, certainty_from_iri, Certainty {
    Certainty::Certain => hs::CERTAIN,
    Certainty::Probable => hs::PROBABLE,
    Certainty::Possible => hs::POSSIBLE,
    Certainty::Unknown => hs::UNKNOWN_CERTAINTY,
});

individuals!(quote_kind_iri, quote_kind_from_iri, QuoteKind {
    QuoteKind::Direct => hs::DIRECT_QUOTE,
    QuoteKind::Indirect => hs::INDIRECT_QUOTE,
    QuoteKind::Mixed => hs::MIXED_QUOTE,
});

individuals!(source_kind_iri, source_kind_from_iri, SourceKind {
    SourceKind::Person => hs::PERSON,
    SourceKind::OfficialGroup => hs::OFFICIAL_GROUP,
    SourceKind::Government => hs::GOVERNMENT,
    SourceKind::Organization => hs::ORGANIZATION,
    SourceKind::Media => hs::MEDIA,
    SourceKind::ExpertGroup => hs::EXPERT_GROUP,
    SourceKind::Anonymous => hs::ANONYMOUS,
});

#[cfg(test)]
mod tests {
    use super::*;

    fn article(url: Option<&str>, text: &str) -> Article {
        Article {
            origin: "test".into(),
            id: None,
            title: None,
            date: None,
            url: url.map(Into::into),
            publisher: None,
            author: None,
            text: text.into(),
        }
    }

    #[test]
    fn article_iri_hashes_url_else_text() {
        let a = article(Some("https://example.org/a"), "one");
        let b = article(Some(" https://example.org/a "), "two");
        assert_eq!(article_iri(&a), article_iri(&b), "same URL, same article");
        // sha256("https://example.org/a"), first 16 hex digits (checked with sha256sum).
        assert_eq!(
            article_iri(&a).as_str(),
            "https://w3id.org/hearsay/id/article/b5b10dd0429e69ac"
        );
        let c = article(None, "one");
        let d = article(Some("  "), "one");
        assert_eq!(article_iri(&c), article_iri(&d), "blank URL counts as none");
        assert_ne!(article_iri(&c), article_iri(&a));
        assert_ne!(article_iri(&c), article_iri(&article(None, "two")));
    }

    #[test]
    fn ids_round_trip() {
        let a = article_iri(&article(None, "text"));
        let a_id = article_id_from_iri(a.as_str()).unwrap_or_default();
        assert_eq!(article_iri_from_id(a_id), Some(a.clone()));
        let c = claim_iri(&a, 12);
        let c_id = claim_id_from_iri(c.as_str()).unwrap_or_default();
        assert_eq!(c_id, format!("{a_id}-12"));
        assert_eq!(parse_claim_id(c_id), Some((a_id, 12)));
        assert_eq!(claim_iri_from_id(c_id), Some(c));
        assert_eq!(claim_id_from_iri(a.as_str()), None);
        assert_eq!(claim_iri_from_id("nothex-1"), None);
        assert_eq!(claim_iri_from_id("0123456789abcdef-x"), None);
        assert_eq!(article_iri_from_id("0123456789ABCDEF"), None);
        let s = source_iri("us officials");
        assert_eq!(source_slug_from_iri(s.as_str()), Some("us-officials"));
    }

    #[test]
    fn individuals_round_trip() {
        for s in Stance::ALL {
            assert_eq!(stance_from_iri(stance_iri(*s).as_str()), Some(*s));
        }
        for c in Certainty::ALL {
            assert_eq!(certainty_from_iri(certainty_iri(*c).as_str()), Some(*c));
        }
        for q in QuoteKind::ALL {
            assert_eq!(quote_kind_from_iri(quote_kind_iri(*q).as_str()), Some(*q));
        }
        for k in SourceKind::ALL {
            assert_eq!(source_kind_from_iri(source_kind_iri(*k).as_str()), Some(*k));
        }
        assert_eq!(stance_from_iri(hs::CERTAIN.as_str()), None);
    }

    fn with_id(id: Option<&str>, url: Option<&str>, text: &str) -> Article {
        Article {
            id: id.map(str::to_owned),
            ..article(url, text)
        }
    }

    #[test]
    fn an_article_is_named_by_its_url_else_its_id_else_its_text() {
        let text = "Officials said the bridge would reopen.";
        // Two ids, one text: two articles (a wire story run by two outlets).
        assert_ne!(
            article_iri(&with_id(Some("a-1"), None, text)),
            article_iri(&with_id(Some("b-7"), None, text))
        );
        // One id, an edited text: the same article.
        assert_eq!(
            article_iri(&with_id(Some("a-1"), None, text)),
            article_iri(&with_id(Some("a-1"), None, "Edited."))
        );
        // A url wins over the id, and no id (or a blank one) leaves the text: both as before.
        let url = "https://example.org/a";
        assert_eq!(
            article_iri(&with_id(Some("a-1"), Some(url), text)).as_str(),
            format!("{ID}article/{}", hash16(url))
        );
        for blank in [None, Some("  ")] {
            assert_eq!(
                article_iri(&with_id(blank, None, text)).as_str(),
                format!("{ID}article/{}", hash16(text))
            );
        }
        // An id that is also some article's text names another article.
        assert_ne!(
            article_iri(&with_id(Some(text), None, "Other.")),
            article_iri(&with_id(None, None, text))
        );
    }
}
