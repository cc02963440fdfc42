//! Converts between byte offsets (how Rust indexes a `str`, and how hearsay keeps spans
//! inside) and Unicode code point offsets (how the exchange format and the graph count).
//! This is the one place the two units meet.

/// A text's code point ↔ byte map, built once per text.
///
/// ```
/// use hearsay::offsets::CodePoints;
/// let text = "“Yes” – he said";
/// let map = CodePoints::new(text);
/// assert_eq!(map.to_char(text.find('h').unwrap()), 8);
/// assert_eq!(map.to_byte(8), Some(text.find('h').unwrap()));
/// ```
#[derive(Debug, Clone)]
pub struct CodePoints {
    /// Byte offset of each code point, plus the text's length at the end.
    starts: Vec<usize>,
    ascii: bool,
}

impl CodePoints {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            // Bytes and code points coincide: skip the table.
            return CodePoints {
                starts: vec![text.len()],
                ascii: true,
            };
        }
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CodePoints {
            starts,
            ascii: false,
        }
    }

    /// Number of code points in the text.
    pub fn len(&self) -> usize {
        if self.ascii {
            self.starts[0]
        } else {
            self.starts.len() - 1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point offset of byte offset `byte`; a byte inside a character maps to that
    /// character, one past the end maps to the length.
    pub fn to_char(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.starts[0]);
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of code point offset `char`, or `None` past the end of the text.
    pub fn to_byte(&self, char: usize) -> Option<usize> {
        if self.ascii {
            return (char <= self.starts[0]).then_some(char);
        }
        self.starts.get(char).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_and_dashes_round_trip() {
        let text = "Moscow’s war — “in person,” he said – 2019…";
        let map = CodePoints::new(text);
        assert_eq!(map.len(), text.chars().count());
        for (cp, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(map.to_char(byte), cp);
            assert_eq!(map.to_byte(cp), Some(byte));
        }
        assert_eq!(map.to_char(text.len()), map.len());
        assert_eq!(map.to_byte(map.len()), Some(text.len()));
        assert_eq!(map.to_byte(map.len() + 1), None);
        // A byte inside the three-byte ’ maps to the ’ itself.
        let apostrophe = text.find('’').unwrap_or(0);
        assert_eq!(map.to_char(apostrophe + 1), map.to_char(apostrophe));
    }

    #[test]
    fn ascii_text_maps_to_itself() {
        let map = CodePoints::new("U.S. officials say");
        assert_eq!(map.to_char(5), 5);
        assert_eq!(map.to_byte(18), Some(18));
        assert_eq!(map.to_byte(19), None);
    }
}
