//! A component (source, cue or content) as the set of code point positions it covers, less
//! whitespace, punctuation and quote marks, as `eval/score.py`'s `positions` computes it.
//! Knows nothing of files or of pairing.

use unicode_general_category::get_general_category;

use crate::exchange::is_python_space;

/// A component's positions, sorted and without repeats (a `frozenset` in `score.py`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PositionSet(Vec<usize>);

impl PositionSet {
    #[cfg(test)]
    pub(crate) fn from_positions(mut positions: Vec<usize>) -> Self {
        positions.sort_unstable();
        positions.dedup();
        PositionSet(positions)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `|self ∩ other|`, by merging the two sorted lists.
    pub(crate) fn intersection_len(&self, other: &PositionSet) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }
}

/// Which component a span list is; content alone drops a leading "that".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Component {
    Source,
    Cue,
    Content,
}

impl Component {
    pub(crate) const ALL: [Component; 3] = [Component::Source, Component::Cue, Component::Content];

    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

/// Whether `score.py` ignores this character: `ch.isspace()`, a Unicode punctuation category
/// (P*), or one of the quote marks `` ` ' " `` (the last two are punctuation anyway; the
/// backtick is a symbol).
fn ignored(c: char) -> bool {
    is_python_space(c)
        || get_general_category(c).abbreviation().starts_with('P')
        || matches!(c, '`' | '\'' | '"')
}

/// Python's `str.isalnum` for one character: a letter (L*) or a number (N*).
/// Python's `isnumeric` also counts a few CJK ideographs, which are letters (Lo) anyway.
fn is_python_alnum(c: char) -> bool {
    let category = get_general_category(c).abbreviation();
    category.starts_with('L') || category.starts_with('N')
}

/// The positions `spans` cover in `text` (code points, each range clipped to the text), less
/// ignored characters and, for content, less a leading word "that".
pub(crate) fn positions(text: &[char], spans: &[[usize; 2]], component: Component) -> PositionSet {
    let mut positions: Vec<usize> = spans
        .iter()
        .flat_map(|&[start, end]| start..end.min(text.len()))
        .filter(|&i| !ignored(text[i]))
        .collect();
    positions.sort_unstable();
    positions.dedup();
    if component == Component::Content {
        if let Some(&first) = positions.first() {
            let end = (first + 4).min(text.len());
            // `text[first:first + 4].lower() == "that"`: lower-case the slice as Python does
            // (one character may lower-case to several) and compare.
            let word: String = text[first..end]
                .iter()
                .flat_map(|c| c.to_lowercase())
                .collect();
            let word_ends = first + 4 >= text.len() || !is_python_alnum(text[first + 4]);
            if word == "that" && word_ends {
                positions.retain(|&i| !(first..first + 4).contains(&i));
            }
        }
    }
    PositionSet(positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, spans: &[[usize; 2]], component: Component) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        positions(&chars, spans, component).0
    }

    #[test]
    fn whitespace_punctuation_and_quotes_are_not_positions() {
        // “ — ’ … are punctuation (Pi, Pd, Pf, Po); ` is a symbol listed by hand; U+001F is
        // space to Python, not to Rust.
        let text = "“a — b’c…`d\u{1f}e”";
        assert_eq!(
            set(text, &[[0, 99]], Component::Source),
            vec![1, 5, 7, 10, 12]
        );
    }

    #[test]
    fn spans_are_clipped_merged_and_may_be_empty_or_reversed() {
        let text = "abcdef";
        assert_eq!(
            set(text, &[[4, 99], [1, 3], [2, 5]], Component::Cue),
            vec![1, 2, 3, 4, 5]
        );
        assert!(set(text, &[[4, 2], [9, 12]], Component::Cue).is_empty());
    }

    #[test]
    fn content_loses_a_leading_that_only_as_a_whole_word() {
        let text = "said “That Kim would go” and thatch, that";
        let chars: Vec<char> = text.chars().collect();
        let find = |needle: &str| {
            let byte = text.find(needle).unwrap_or(0);
            text[..byte].chars().count()
        };
        let that = find("That");
        let kim = find("Kim");
        // The opening quote is dropped first, so "That" is the first position.
        let content = set(text, &[[that - 1, that + 14]], Component::Content);
        assert_eq!(content.first(), Some(&kim));
        // As a source, "That" stays.
        assert_eq!(
            set(text, &[[that, that + 4]], Component::Source),
            vec![that, that + 1, that + 2, that + 3]
        );
        // "thatch" is not "that".
        let thatch = find("thatch");
        assert_eq!(
            set(text, &[[thatch, thatch + 6]], Component::Content).len(),
            6
        );
        // "that" at the very end of the text is removed.
        assert!(set(text, &[[chars.len() - 4, chars.len()]], Component::Content).is_empty());
    }

    #[test]
    fn that_followed_by_a_number_or_letter_in_any_script_is_kept() {
        assert_eq!(set("that1", &[[0, 5]], Component::Content).len(), 5);
        assert_eq!(set("thaté", &[[0, 5]], Component::Content).len(), 5);
        assert_eq!(set("that-so", &[[0, 7]], Component::Content), vec![5, 6]);
    }
}
