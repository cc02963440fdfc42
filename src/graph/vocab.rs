//! The hearsay vocabulary, one constant per term of `ontology/hearsay.ttl`, plus the
//! terms it borrows from schema.org, PROV-O, RDF, RDFS and XSD.
//!
//! A test (`vocab_matches_ontology` in `graph`) checks every `hs` term here is declared in
//! the ontology with a label and a comment, and that the ontology declares nothing else.

use oxigraph::model::NamedNodeRef;

/// Namespace of the hearsay ontology's terms.
pub const HS: &str = "https://w3id.org/hearsay/ontology#";
/// Namespace under which articles, claims and sources get their IRIs.
pub const ID: &str = "https://w3id.org/hearsay/id/";
pub const SCHEMA: &str = "http://schema.org/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";

/// Prefixes used for Turtle output and offered to SPARQL queries. The kinds of resource
/// under [`ID`] come before `hsid` itself, so a shortener that takes the first match writes
/// `claim:1a2b…-3` rather than `hsid:claim/…`.
pub const PREFIXES: &[(&str, &str)] = &[
    ("hs", HS),
    ("article", "https://w3id.org/hearsay/id/article/"),
    ("claim", "https://w3id.org/hearsay/id/claim/"),
    ("source", "https://w3id.org/hearsay/id/source/"),
    ("proposition", "https://w3id.org/hearsay/id/proposition/"),
    ("hsid", ID),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// A term as a person reads it in a table: IRIs shortened with [`PREFIXES`], literals
/// without quotes and datatypes.
pub fn short_form(term: &oxigraph::model::Term) -> String {
    use oxigraph::model::Term;
    match term {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            for (prefix, namespace) in PREFIXES {
                if let Some(local) = iri.strip_prefix(namespace) {
                    return format!("{prefix}:{local}");
                }
            }
            iri.to_owned()
        }
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}

macro_rules! terms {
    ($ns:literal; $($(#[$doc:meta])* $name:ident = $local:literal;)+) => {
        $( $(#[$doc])* pub const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!($ns, $local)); )+
        /// Every term of this namespace, for the ontology check.
        #[allow(dead_code)]
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),+];
    };
}

/// Terms of the hearsay ontology (`hs:`).
pub mod hs {
    use super::NamedNodeRef;
    terms! { "https://w3id.org/hearsay/ontology#";
        // Classes
        /// A news article read by hearsay; also a `schema:NewsArticle`.
        ARTICLE = "Article";
        /// Something a source said, as reported in one article; also a `schema:Claim`.
        CLAIM = "Claim";
        /// Who a claim is attributed to; also a `prov:Agent`.
        SOURCE = "Source";
        /// Class of the stance values.
        STANCE = "Stance";
        /// Class of the certainty values.
        CERTAINTY = "Certainty";
        /// Class of the quote kinds.
        QUOTE_KIND = "QuoteKind";
        /// Class of the source kinds.
        SOURCE_KIND = "SourceKind";

        // Stance values
        ASSERTED = "Asserted";
        DENIED = "Denied";
        UNCONFIRMED = "Unconfirmed";
        // Certainty values
        CERTAIN = "Certain";
        PROBABLE = "Probable";
        POSSIBLE = "Possible";
        UNKNOWN_CERTAINTY = "UnknownCertainty";
        // Quote kinds
        DIRECT_QUOTE = "DirectQuote";
        INDIRECT_QUOTE = "IndirectQuote";
        MIXED_QUOTE = "MixedQuote";
        // Source kinds
        PERSON = "Person";
        OFFICIAL_GROUP = "OfficialGroup";
        GOVERNMENT = "Government";
        ORGANIZATION = "Organization";
        MEDIA = "Media";
        EXPERT_GROUP = "ExpertGroup";
        ANONYMOUS = "Anonymous";

        // Claim properties
        /// Claim → article it is reported in.
        ARTICLE_PROP = "article";
        /// Claim → the cue as written ("told", "quoted … as saying").
        CUE = "cue";
        /// Claim → the source as written in this article ("it", "U.S. officials").
        SOURCE_TEXT = "sourceText";
        /// Claim → the sentence it stands in.
        SENTENCE = "sentence";
        STANCE_PROP = "stance";
        CERTAINTY_PROP = "certainty";
        QUOTE_KIND_PROP = "quoteKind";
        /// Claim → xsd:double in [0, 1]; formula in the ontology.
        CONFIDENCE = "confidence";
        /// Claim → position in its article (0-based), for stable ordering.
        POSITION = "position";
        /// Offsets, in Unicode code points into the article text, end exclusive.
        SOURCE_START = "sourceStart";
        SOURCE_END = "sourceEnd";
        CUE_START = "cueStart";
        CUE_END = "cueEnd";
        CONTENT_START = "contentStart";
        CONTENT_END = "contentEnd";
        // Links between claims
        DENIES = "denies";
        DECLINES_TO_CONFIRM = "declinesToConfirm";
        CORROBORATES = "corroborates";
        RELAYS = "relays";

        // Source properties
        /// Source → normalized key, so spellings of one name meet ("us officials").
        KEY = "key";
        SOURCE_KIND_PROP = "sourceKind";

        // Article properties
        /// Article → the publisher's name as given in the input.
        PUBLISHER_NAME = "publisherName";
        /// Article → the author's name as given in the input.
        AUTHOR_NAME = "authorName";
        /// Article → the full text, as read (boilerplate removed).
        TEXT = "text";
        /// Article → first 16 hex digits of SHA-256 of its whitespace-collapsed text:
        /// reprints of one wire copy share it, so they count as one origin.
        BODY_HASH = "bodyHash";

        // Tracking across articles (the propositions graph; see `track` and `store`)
        /// What claims in several articles say alike: one node per proposition.
        PROPOSITION = "Proposition";
        /// Claim → the proposition it asserts, denies or declines to confirm.
        PROPOSITION_PROP = "proposition";
        /// Claim → what it does with its proposition (a denial of it, an assertion of it).
        PROPOSITION_STANCE = "propositionStance";
        /// Claim → the source the content originates from (the cited source when relayed).
        ORIGIN = "origin";
        /// Claim → the source that passed a relayed claim on ("X reported, citing Y": X).
        RELAY = "relay";
        /// Proposition → xsd:double in [0, 1]; formula in the ontology.
        PROPOSITION_CONFIDENCE = "propositionConfidence";
        /// Proposition → true when some origin asserts it and another denies it (absent
        /// otherwise), written by the refresh so that the contested ones are one index seek.
        CONTESTED = "contested";
        /// The propositions graph → true once its contested propositions carry hs:contested
        /// (a store written before that gets them when a writer opens it).
        MARKS_CONTESTED = "marksContested";
        // The propositions graph's index, so that an ingest recomputes only what it touches.
        /// Claim or content key → the component (claims tied by similarity or links) it is in.
        COMPONENT = "component";
        /// Content key → one token of the normalized contents it stands for.
        INDEX_TOKEN = "indexToken";
        /// Content key → how many tokens it has.
        TOKEN_COUNT = "tokenCount";
        /// Article → how many claims it had when the propositions were last brought up to date.
        INDEXED_CLAIMS = "indexedClaims";
        /// Graph → SHA-256 of its other triples (sorted N-Triples) when `hearsay push` wrote
        /// it to a SPARQL server: written there only, so a push sends only what changed.
        PUSHED_DIGEST = "pushedDigest";
        /// Article → true while its claims wait for the propositions to be brought up to date
        /// (written with the article, removed by the refresh).
        REFRESH_PENDING = "refreshPending";
        /// Source → a title or role it is given ("Kremlin spokesman").
        ROLE = "role";
        /// Source → an organisation it is given as belonging to ("Atlantic Shipping Institute").
        AFFILIATION = "affiliation";
        /// Source → a name it is written under ("Peskov", "KCNA").
        ALIAS = "alias";
    }
}

/// Terms borrowed from schema.org.
pub mod schema {
    use super::NamedNodeRef;
    terms! { "http://schema.org/";
        CLAIM = "Claim";
        NEWS_ARTICLE = "NewsArticle";
        /// Claim → content text: what the source said, never asserted as fact.
        TEXT = "text";
        NAME = "name";
        HEADLINE = "headline";
        DATE_PUBLISHED = "datePublished";
        URL = "url";
        IDENTIFIER = "identifier";
    }
}

/// Terms borrowed from PROV-O.
pub mod prov {
    use super::NamedNodeRef;
    terms! { "http://www.w3.org/ns/prov#";
        AGENT = "Agent";
        WAS_ATTRIBUTED_TO = "wasAttributedTo";
        /// Relayed claim → the claim it was quoted from.
        WAS_QUOTED_FROM = "wasQuotedFrom";
    }
}

/// Terms of OWL used to declare the ontology's terms (read by the ontology check).
pub mod owl {
    use super::NamedNodeRef;
    terms! { "http://www.w3.org/2002/07/owl#";
        ONTOLOGY = "Ontology";
        CLASS = "Class";
        OBJECT_PROPERTY = "ObjectProperty";
        DATATYPE_PROPERTY = "DatatypeProperty";
        FUNCTIONAL_PROPERTY = "FunctionalProperty";
        NAMED_INDIVIDUAL = "NamedIndividual";
    }
}

pub use oxigraph::model::vocab::{rdf, rdfs, xsd};
