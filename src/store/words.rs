//! The words a user searches a content for, read once for every engine: the text index
//! (`super::text_index`) turns them into tantivy queries, and a SPARQL server gets a REGEX per
//! phrase (`super::narrowing`), so the two cannot drift apart.
//!
//! Words are runs of letters and digits, lowercased. A query is a list of phrases, each of
//! which must be in the content: text between double quotes is one phrase (an unclosed quote
//! runs to the end); elsewhere each piece between spaces is one ("border", or "e-mail", whose
//! words must follow each other), and a piece ending in `*` matches every word its last word
//! begins.

use super::StoreError;

/// Words that must follow each other in a content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Phrase {
    /// Lowercased, never empty.
    pub words: Vec<String>,
    /// Whether the last word matches every word it begins.
    pub prefix: bool,
}

/// The phrases of `query`; an error when it holds no word.
pub(super) fn phrases(query: &str) -> Result<Vec<Phrase>, StoreError> {
    let mut phrases = Vec::new();
    // Even pieces lie outside double quotes, odd ones inside.
    for (i, piece) in query.split('"').enumerate() {
        if i % 2 == 1 {
            phrases.push(Phrase {
                words: words(piece),
                prefix: false,
            });
        } else {
            phrases.extend(piece.split_whitespace().map(|token| Phrase {
                words: words(token),
                prefix: token.ends_with('*'),
            }));
        }
    }
    phrases.retain(|phrase| !phrase.words.is_empty());
    if phrases.is_empty() {
        return Err(StoreError::InvalidFilter(format!(
            "'{query}' holds no word to search for (words are letters and digits)"
        )));
    }
    Ok(phrases)
}

/// The words of `text`, lowercased: what tantivy's simple tokenizer and lowercaser give.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(words: &[&str], prefix: bool) -> Phrase {
        Phrase {
            words: words.iter().map(|w| w.to_string()).collect(),
            prefix,
        }
    }

    #[test]
    fn quotes_make_phrases_and_stars_prefixes() {
        assert_eq!(
            phrases(r#"Immigra* "the Border  wall" e-mail"#).ok(),
            Some(vec![
                phrase(&["immigra"], true),
                phrase(&["the", "border", "wall"], false),
                phrase(&["e", "mail"], false),
            ])
        );
        // An unclosed quote runs to the end; a star inside quotes is no prefix.
        assert_eq!(
            phrases(r#"a "b c*"#).ok(),
            Some(vec![phrase(&["a"], false), phrase(&["b", "c"], false)])
        );
    }

    #[test]
    fn a_query_without_words_is_an_error() {
        for query in ["", "  ", "\"\"", "*", "-- !"] {
            assert!(
                matches!(phrases(query), Err(StoreError::InvalidFilter(_))),
                "{query}"
            );
        }
    }
}
