//! The values extraction produces: spans, attributions, their labels and the links between them.
//! Plain data: no RDF, no files, no serde. Offsets are **bytes** into the article text.

use std::fmt;
use std::str::FromStr;

/// A byte range `[start, end)` into an article's text.
///
/// Bytes, not code points: the exchange format's code-point offsets are converted once,
/// in `crate::offsets`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers; empty when the span does not fit `text` or splits a character.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Joins the text of several spans with " … ", the way a split cue or content reads.
pub fn spans_text(text: &str, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.text(text).trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// Error for a label that is not one of a closed set of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel {
    pub kind: &'static str,
    pub value: String,
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} '{}'; expected one of: {}",
            self.kind,
            self.value,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownLabel {}

/// Declares a closed set of labels with their exchange-format names.
macro_rules! labels {
    ($(#[$doc:meta])* $name:ident, $kind:literal { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            const NAMES: &'static [&'static str] = &[$($text),+];

            /// The name used in the exchange format, the CLI and the ontology's labels.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownLabel;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownLabel { kind: $kind, value: s.to_owned(), expected: Self::NAMES }),
                }
            }
        }
    };
}

labels! {
    /// What the source does with the content.
    Stance, "stance" {
        /// The source says it is so ("said", "reported", "accused … of").
        Asserted => "asserted",
        /// The source says it is not so ("denied", "rejected").
        Denied => "denied",
        /// The source declines or fails to confirm it ("did not confirm", "would not comment on").
        Unconfirmed => "unconfirmed",
    }
}

labels! {
    /// How firmly the content is put, from the hedges in it and in the cue.
    Certainty, "certainty" {
        /// No hedge.
        Certain => "certain",
        /// "likely", "probably", "expected to", "believes".
        Probable => "probable",
        /// "may", "might", "could", "possibly".
        Possible => "possible",
        /// Nothing to judge by (no content of its own, e.g. "did not confirm these details").
        Unknown => "unknown",
    }
}

labels! {
    /// How the content is reported.
    QuoteKind, "quote kind" {
        /// All of the content stands inside quotation marks.
        Direct => "direct",
        /// Paraphrase with no quotation marks.
        Indirect => "indirect",
        /// Paraphrase with a quoted fragment in it.
        Mixed => "mixed",
    }
}

labels! {
    /// What kind of source speaks.
    SourceKind, "source kind" {
        Person => "person",
        /// Officials, spokespeople, diplomats as a group ("U.S. officials").
        OfficialGroup => "official group",
        /// A state, a government or one of its bodies ("the Kremlin", "North Korea").
        Government => "government",
        /// Companies, NGOs, parties, campaigns.
        Organization => "organization",
        /// News agencies, newspapers, broadcasters.
        Media => "media",
        /// Analysts, experts, researchers.
        ExpertGroup => "expert group",
        /// Unnamed sources ("a source", "people familiar with the matter").
        Anonymous => "anonymous",
    }
}

/// One act of reporting: who (source) says what (content), how (cue).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The source as written; empty when the text names none. For a pronoun ("it said")
    /// this is the pronoun; `source_name` holds its antecedent.
    pub source: Vec<Span>,
    /// The cue, split where it is discontinuous ("quoted … as saying").
    pub cue: Vec<Span>,
    /// The content, split around an inserted cue (`"The plan," he said, "is dead."`).
    pub content: Vec<Span>,
    /// The sentence (or, for a multi-sentence quote, the sentences) the attribution stands in.
    pub sentence: Span,
    /// Who speaks, as a name: the antecedent for a pronoun or relative source, the noun
    /// phrase otherwise, empty when there is no source.
    pub source_name: String,
    pub source_kind: SourceKind,
    pub stance: Stance,
    pub certainty: Certainty,
    pub quote: QuoteKind,
    /// How firmly the text puts this claim in the source's mouth, in [0, 1]; see [`confidence`].
    pub confidence: f64,
}

/// How one attribution bears on another, when the text says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// "denied such claims": `from` denies what `to` claims.
    Denies,
    /// "did not immediately confirm these details": `from` declines to confirm `to`.
    DeclinesToConfirm,
    /// "This was also reported by …": `from` reports what `to` reports.
    Corroborates,
    /// "X reported, citing Y …": `from` (X) relays what `to` (Y) said.
    Relays,
}

/// A link between two attributions of one extraction, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Link {
    pub from: usize,
    pub kind: LinkKind,
    pub to: usize,
}

/// Everything extraction finds in one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub attributions: Vec<Attribution>,
    pub links: Vec<Link>,
}

impl Extraction {
    /// Keeps the first `max` attributions in text order, and the links between them; returns
    /// how many were dropped.
    pub fn keep_first(&mut self, max: usize) -> usize {
        let found = self.attributions.len();
        if found <= max {
            return 0;
        }
        self.attributions.truncate(max);
        self.links.retain(|link| link.from < max && link.to < max);
        found - max
    }
}

/// The confidence of a claim: how firmly the text puts the content in the source's mouth.
///
/// `certainty weight × source weight`, where certainty weighs certain 1.0, probable 0.75,
/// possible 0.5, unknown 0.6, and the source weighs 1.0 when named, 0.7 when anonymous and
/// 0.5 when the text names no source. `ontology/hearsay.ttl` documents the same formula on
/// `hs:confidence`; keep the two together.
pub fn confidence(certainty: Certainty, kind: SourceKind, has_source: bool) -> f64 {
    let certainty_weight = match certainty {
        Certainty::Certain => 1.0,
        Certainty::Probable => 0.75,
        Certainty::Possible => 0.5,
        Certainty::Unknown => 0.6,
    };
    let source_weight = if !has_source {
        0.5
    } else if kind == SourceKind::Anonymous {
        0.7
    } else {
        1.0
    };
    certainty_weight * source_weight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_their_names() {
        for s in Stance::ALL {
            assert_eq!(s.as_str().parse::<Stance>(), Ok(*s));
        }
        for k in SourceKind::ALL {
            assert_eq!(k.as_str().parse::<SourceKind>(), Ok(*k));
        }
        let err = "sure".parse::<Certainty>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown certainty 'sure'; expected one of: certain, probable, possible, unknown"
        );
    }

    #[test]
    fn span_text_is_empty_off_a_char_boundary() {
        let text = "“Hi”";
        assert_eq!(Span::new(0, 3).text(text), "“");
        assert_eq!(Span::new(1, 3).text(text), "");
        assert_eq!(Span::new(0, 99).text(text), "");
    }

    #[test]
    fn confidence_stays_in_unit_interval() {
        for c in Certainty::ALL {
            for k in SourceKind::ALL {
                for named in [true, false] {
                    let x = confidence(*c, *k, named);
                    assert!((0.0..=1.0).contains(&x));
                }
            }
        }
    }
}
