//! The word scanner the attribution rules run on: words, possessive endings, quote marks,
//! dashes and punctuation, each with its byte span and a lowercase form.
//! Knows nothing of cues or sentences; never slices a string off a char boundary.

use super::attribution::Span;

/// What a token is, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, digits and the joiners inside them ("U.S.", "don't", "co-founder").
    Word,
    /// A possessive ending split off its word ("’s", "'s", or a lone "’" after "s").
    Possessive,
    /// An opening quotation mark (“ or a straight quote before a word).
    OpenQuote,
    /// A closing quotation mark (” or a straight quote after a word).
    CloseQuote,
    /// A free-standing dash (– — or a spaced hyphen).
    Dash,
    /// Any other punctuation mark, one character.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Range of the lowercase form in [`Words::lower`].
    lo: (u32, u32),
    /// Whether a line break stands between this token and the one before.
    pub newline_before: bool,
}

/// All tokens of one text, with their lowercase forms kept in one buffer (no allocation per token).
pub(crate) struct Words<'t> {
    pub text: &'t str,
    pub toks: Vec<Token>,
    lower: String,
}

/// Titles and initials whose period belongs to the word ("Mr.", "Sen.", "R.").
fn keeps_period(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    if first.is_some_and(|c| c.is_uppercase()) && chars.next().is_none() {
        return true;
    }
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Cmdr"
            | "Adm"
            | "Maj"
            | "Prof"
            | "Rev"
            | "Jr"
            | "Sr"
            | "St"
            | "Del"
            | "Sens"
            | "Reps"
            | "Gens"
            | "Govs"
            | "Pres"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Ft"
            | "Mt"
            | "Supt"
            | "Messrs"
            | "a.m"
            | "p.m"
    )
}

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':'),
    }
}

/// Whether a straight double quote followed by `rest` closes a quotation though a space
/// stands before it (`say, 'no,' " she said`): nothing but a space or punctuation follows it.
fn closes_before(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | '!' | '?' | ')'))
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut lower = String::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        let mut prev: Option<char> = None;
        let mut newline = false;
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                if c == '\n' || c == '\r' || c == '\u{2029}' {
                    newline = true;
                }
                prev = Some(c);
                continue;
            }
            let kind;
            let mut end = i + c.len_utf8();
            if c.is_alphanumeric() {
                // A word: alphanumerics joined by . ' ’ - & when another alphanumeric follows.
                let mut last = c;
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_alphanumeric() {
                        chars.next();
                        end = j + d.len_utf8();
                        last = d;
                        continue;
                    }
                    if matches!(d, '.' | '\'' | '’' | '-' | '&' | '‑') {
                        let next = text[j + d.len_utf8()..].chars().next();
                        if next.is_some_and(|n| n.is_alphanumeric()) {
                            // Possessive "’s" / "'s" at the end of a word splits off.
                            if matches!(d, '\'' | '’') {
                                let rest = &text[j + d.len_utf8()..];
                                let mut r = rest.chars();
                                let s = r.next();
                                let after = r.next();
                                if matches!(s, Some('s') | Some('S'))
                                    && !after.is_some_and(|a| a.is_alphanumeric())
                                {
                                    break;
                                }
                            }
                            chars.next();
                            end = j + d.len_utf8();
                            last = d;
                            continue;
                        }
                        // "U.S." keeps its final period when it already has one inside, and
                        // so do initials ("R.") and titles ("Mr.", "Gen.").
                        if d == '.'
                            && last.is_alphanumeric()
                            && (text[i..end].contains('.') || keeps_period(&text[i..end]))
                        {
                            chars.next();
                            end = j + 1;
                            last = d;
                        }
                    }
                    break;
                }
                let _ = last;
                kind = Kind::Word;
            } else if matches!(c, '\'' | '’') && prev.is_some_and(|p| p.is_alphanumeric()) && {
                let rest = &text[end..];
                let mut r = rest.chars();
                let s = r.next();
                let after = r.next();
                (matches!(s, Some('s') | Some('S')) && !after.is_some_and(|a| a.is_alphanumeric()))
                    || (prev == Some('s') && !s.is_some_and(|x| x.is_alphanumeric()))
            } {
                // Possessive ending: "’s", or a bare "’" after a plural.
                if let Some(&(j, s)) = chars.peek() {
                    if s == 's' || s == 'S' {
                        chars.next();
                        end = j + 1;
                    }
                }
                kind = Kind::Possessive;
            } else if c == '\'' && text[end..].starts_with("''") && !is_open_context(prev) {
                // "'''" closing a single quote inside a double one ("... 'no,'''"): the first
                // closes the single quote, the next two the double.
                kind = Kind::Punct;
            } else if c == '\'' && text[end..].starts_with('\'') {
                // '' … '' used as double quotes.
                chars.next();
                end += 1;
                kind = if is_open_context(prev) && !closes_before(&text[end..]) {
                    Kind::OpenQuote
                } else {
                    Kind::CloseQuote
                };
            } else {
                kind = match c {
                    '“' | '«' | '„' => Kind::OpenQuote,
                    '”' | '»' => Kind::CloseQuote,
                    '"' => {
                        if is_open_context(prev) && !closes_before(&text[end..]) {
                            Kind::OpenQuote
                        } else {
                            Kind::CloseQuote
                        }
                    }
                    '‘' => Kind::OpenQuote,
                    '—' | '–' | '―' => Kind::Dash,
                    // "--" (or longer) stands for a dash, spaced or not.
                    '-' if chars.peek().is_some_and(|&(_, d)| d == '-') => {
                        while let Some(&(j, '-')) = chars.peek() {
                            chars.next();
                            end = j + 1;
                        }
                        Kind::Dash
                    }
                    '-' if prev.is_some_and(|p| p.is_whitespace()) => Kind::Dash,
                    _ => Kind::Punct,
                };
            }
            let s = &text[i..end];
            let lo_start = lower.len() as u32;
            for ch in s.chars() {
                if ch == '’' {
                    lower.push('\'');
                } else if ch.is_ascii() {
                    lower.push(ch.to_ascii_lowercase());
                } else {
                    lower.extend(ch.to_lowercase());
                }
            }
            toks.push(Token {
                start: i,
                end,
                kind,
                lo: (lo_start, lower.len() as u32),
                newline_before: newline,
            });
            newline = false;
            prev = text[..end].chars().next_back();
        }
        Words { text, toks, lower }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Lowercase form of token `i`; "" past the end.
    pub fn low(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self
                .lower
                .get(t.lo.0 as usize..t.lo.1 as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    pub fn raw(&self, i: usize) -> &'t str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// Whether token `i` is a word starting with an uppercase letter or a digit-free acronym.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).chars().next().is_some_and(|c| c.is_uppercase())
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.raw(i) == p
    }

    /// Span from the start of token `a` to the end of token `b` (inclusive); empty if `b < a`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if a <= b => Span::new(x.start, y.end),
            _ => Span::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_possessives_and_keeps_abbreviations() {
        let w = Words::new("The U.S. official’s “claim” – Jones' view, p.m.");
        let forms: Vec<&str> = (0..w.len()).map(|i| w.low(i)).collect();
        assert_eq!(
            forms,
            [
                "the", "u.s.", "official", "'s", "“", "claim", "”", "–", "jones", "'", "view", ",",
                "p.m."
            ]
        );
        assert_eq!(w.kind(4), Some(Kind::OpenQuote));
        assert_eq!(w.kind(6), Some(Kind::CloseQuote));
        assert_eq!(w.kind(9), Some(Kind::Possessive));
    }
}
