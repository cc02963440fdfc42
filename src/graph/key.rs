//! Source keys: the normalized form of a source's name under which spellings of one source
//! meet ("U.S. officials", "US officials", "the US officials"), and the IRI slug made from it.
//! Pure string work: knows nothing of articles, extraction or RDF.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The normalized key of a source name.
///
/// Lowercases, drops diacritics (decomposed to NFD, combining marks removed: "Erdoğan" and
/// "Erdogan" are one source), turns curly apostrophes and quotes into straight ones, collapses whitespace,
/// drops the periods of abbreviations ("U.S." → "us", "Dr." → "dr"), trims surrounding
/// punctuation and drops one leading determiner ("the", "a", "an") when a name follows it.
///
/// ```
/// use hearsay::graph::source_key;
/// assert_eq!(source_key("U.S. officials"), "us officials");
/// assert_eq!(source_key("the US  officials"), "us officials");
/// assert_eq!(source_key("Moscow’s envoy"), "moscow's envoy");
/// assert_eq!(source_key("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
/// ```
pub fn source_key(name: &str) -> String {
    let normalized: String = without_own_acronym(name)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // Quotes, brackets and clause punctuation around a name are not part of it; a trailing
    // apostrophe (a plural possessive, "the officials'") is dropped with them.
    let trimmed = normalized.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';' | ':' | '(' | ')' | '[' | ']')
    });
    // A closing bracket whose opening one is inside the name is part of it ("(d-ohio)").
    let closed;
    let trimmed = if trimmed.matches('(').count() > trimmed.matches(')').count() {
        closed = format!("{trimmed})");
        closed.as_str()
    } else {
        trimmed
    };
    let mut words: Vec<String> = trimmed
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(abbreviation_periods_dropped)
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && matches!(words[0].as_str(), "the" | "a" | "an") {
        words.remove(0);
    }
    words.join(" ")
}

/// `name` without a trailing bracketed acronym of its own capitalized words: "Bluefjord
/// Pilots Association (BPA)" and "Ministry of Foreign Affairs (MFA)" name what the words
/// before the bracket name; "Sherrod Brown (D-Ohio)" keeps its bracket.
fn without_own_acronym(name: &str) -> &str {
    let Some(inner) = name.trim_end().strip_suffix(')') else {
        return name;
    };
    let Some(open) = inner.rfind('(') else {
        return name;
    };
    let (before, acronym) = (inner[..open].trim_end(), &inner[open + 1..]);
    let initials: String = before
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    let is_acronym = acronym.chars().count() >= 2 && acronym.chars().all(char::is_uppercase);
    if is_acronym && initials == acronym {
        before
    } else {
        name
    }
}

/// Drops a word's trailing periods, and its inner periods when they separate short letter
/// groups ("u.s", "ph.d"), so "U.S." and "US" meet; "yahoo.com" keeps its period.
fn abbreviation_periods_dropped(word: &str) -> String {
    let word = word.trim_end_matches('.');
    let abbreviation = word.contains('.')
        && word.split('.').all(|part| {
            (1..=3).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        });
    if abbreviation {
        word.replace('.', "")
    } else {
        word.to_owned()
    }
}

/// The IRI path segment for a source key: ASCII letters and digits kept, other letters and
/// digits percent-encoded (UTF-8), apostrophes dropped, any other run of characters turned
/// into one `-`. Always a valid IRI segment; never empty for a non-empty key.
///
/// Coarser than the key on purpose ("at&t" and "at t" share a slug); the key is what matters
/// for matching, the slug only has to be stable.
pub fn key_slug(key: &str) -> String {
    let mut slug = String::with_capacity(key.len());
    let mut pending_dash = false;
    for c in key.chars() {
        if c == '\'' {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            if c.is_ascii() {
                slug.push(c);
            } else {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    slug.push_str(&format!("%{byte:02X}"));
                }
            }
        } else {
            pending_dash = true;
        }
    }
    if slug.is_empty() && !key.is_empty() {
        // A key of punctuation only ("—"): still needs a distinct, stable segment.
        slug = format!("h-{}", super::iri::hash16(key));
    }
    slug
}

/// Maps a source key to the key of the source it stands for.
///
/// The seam for cross-article alias merging ("American officials" → "us officials",
/// "peskov" → "dmitry peskov"): `graph::article_quads_with` asks it for every source, and the
/// IRI and `hs:key` come from the answer. [`NoAliases`] keeps every key as it is.
pub trait SourceAliases {
    fn canonical<'k>(&self, key: &'k str) -> Cow<'k, str>;

    /// The `schema:name` of the source under `key` (as [`Self::canonical`] gave it), which
    /// the article writes `written`: by default, as written.
    fn name<'n>(&self, key: &str, written: &'n str) -> Cow<'n, str> {
        let _ = key;
        Cow::Borrowed(written)
    }
}

/// Every key stands for itself: what `graph::article_quads` uses.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAliases;

impl SourceAliases for NoAliases {
    fn canonical<'k>(&self, key: &'k str) -> Cow<'k, str> {
        Cow::Borrowed(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_source_meet() {
        for name in [
            "U.S. officials",
            "US officials",
            "the US officials",
            "The U.S. officials",
            "  US\u{a0} officials, ",
            "“U.S. officials”",
        ] {
            assert_eq!(source_key(name), "us officials", "{name:?}");
        }
        assert_eq!(source_key("Moscow’s envoy"), source_key("Moscow's envoy"));
        // Diacritics and case aside, one name.
        assert_eq!(source_key("ERDOĞAN"), source_key("Erdogan"));
        assert_eq!(source_key("Lucía Ferrer"), "lucia ferrer");
        assert_eq!(
            source_key("Korean Central News Agency"),
            "korean central news agency"
        );
        assert_eq!(source_key("Dr. Jane Doe"), "dr jane doe");
        // A bracketed acronym of the name's own words is the same source; another bracket
        // is part of the name.
        assert_eq!(
            source_key("Bluefjord Pilots Association (BPA)"),
            "bluefjord pilots association"
        );
        assert_eq!(
            source_key("the Ministry of Foreign Affairs (MFA)"),
            "ministry of foreign affairs"
        );
        assert_eq!(
            source_key("Sherrod Brown (D-Ohio)"),
            "sherrod brown (d-ohio)"
        );
        assert_eq!(source_key("Acme Corp (XYZ)"), "acme corp (xyz)");
        assert_eq!(source_key("(AP)"), "ap");
        assert_eq!(source_key("Yahoo.com"), "yahoo.com");
        // A lone determiner is a name, not a determiner.
        assert_eq!(source_key("The"), "the");
        assert_eq!(source_key("A source"), "source");
        assert_eq!(source_key(""), "");
    }

    #[test]
    fn slugs_are_iri_safe() {
        assert_eq!(key_slug("us officials"), "us-officials");
        assert_eq!(key_slug("moscow's envoy"), "moscows-envoy");
        assert_eq!(key_slug("erdoğan"), "erdo%C4%9Fan");
        assert_eq!(key_slug("--a--b--"), "a-b");
        let dash = key_slug("—");
        assert!(dash.starts_with("h-") && dash.len() == 18, "{dash}");
        for key in ["us officials", "erdoğan", "—", "a/b?c#d"] {
            let slug = key_slug(key);
            assert!(
                slug.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '%'),
                "{slug}"
            );
        }
    }
}
