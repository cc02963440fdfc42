//! Splits text into word, number, punctuation, quote and dash tokens the way Universal
//! Dependencies English does (clitics apart, abbreviations whole), so the tagger sees what it
//! was trained on. Knows nothing of sentences, tags or attributions; never fails.
//!
//! One pass over the characters, no regex and no allocation beyond the returned `Vec`.

use super::Span;
use unicode_general_category::{get_general_category, GeneralCategory};

/// One token: where it is (bytes into the text) and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// What a token is, decided from its characters and, for straight quotes, their context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TokenKind {
    /// Letters (with inner hyphens, apostrophes, abbreviation periods) or a clitic such as
    /// `n't`, `'s`, or a possessive `'` after a plural.
    Word,
    /// Digits with inner `,` `.` `:` `/` (`1,000`, `3.5`, `10:30`, `9/11`).
    Number,
    /// Sentence and clause punctuation: `. , ; : ! ? ( ) [ ] …` and the like.
    Punct,
    /// `“`, `‘`, `„`, `«`, or a straight `"`/`'` at the start, after a space or an open bracket.
    OpenQuote,
    /// `”`, `’`, `»`, or a straight quote elsewhere.
    CloseQuote,
    /// `–`, `—`, `―`, `--`, or a hyphen standing apart between spaces.
    Dash,
    /// Currency, `%`, `&`, `@`, `#`, maths signs, emoji: anything neither letter nor punctuation.
    Symbol,
}

/// Capitalised words that keep a final period: titles, months, days, company suffixes.
/// Lowercase, without the period. Single letters (initials) and dotted forms (`U.S`) are
/// recognised by shape, not listed. Only capitalised forms count, so "he sat." and "said no."
/// still end their sentences.
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "aug", "ave", "blvd", "bros", "capt", "cf", "cmdr", "co", "col",
    "corp", "dec", "dept", "dr", "est", "etc", "feb", "fig", "fri", "ft", "gen", "gov", "inc",
    "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mon", "mr", "mrs", "ms", "mt",
    "no", "nos", "nov", "oct", "ph", "pp", "prof", "pvt", "rep", "reps", "rev", "sat", "sen",
    "sens", "sep", "sept", "sgt", "sr", "st", "sun", "supt", "thu", "thur", "thurs", "tue", "tues",
    "univ", "vol", "vs", "wed",
];

/// Lowercase words that keep a final period.
const LOWER_ABBREVIATIONS: &[&str] = &["approx", "cf", "etc", "pp", "viz", "vs"];

/// Splits `text[range]` into tokens. Spans are bytes into `text` (not into the range).
///
/// A range past the end of `text` is clipped, and one that splits a character is moved inward
/// to the nearest character boundary, so any input gives valid spans.
pub(crate) fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = range.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut lexer = Lexer {
        text,
        end,
        tokens: Vec::with_capacity((end - start) / 5 + 1),
        open_single: false,
    };
    lexer.run(start);
    lexer.tokens
}

struct Lexer<'t> {
    text: &'t str,
    end: usize,
    tokens: Vec<Token>,
    /// A single quote opened and not yet closed: decides whether `players’ ` is a possessive or
    /// the end of a quotation.
    open_single: bool,
}

impl Lexer<'_> {
    fn at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            return None;
        }
        self.text.get(i..self.end).and_then(|s| s.chars().next())
    }

    /// The character before byte `i`, looking back into the whole text so a range that starts
    /// mid-text still sees its context.
    fn before(&self, i: usize) -> Option<char> {
        self.text.get(..i).and_then(|s| s.chars().next_back())
    }

    /// The first character at or after `i` that is not a space.
    fn next_visible(&self, mut i: usize) -> Option<char> {
        while let Some(c) = self.at(i) {
            if !c.is_whitespace() {
                return Some(c);
            }
            i += c.len_utf8();
        }
        None
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.tokens.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }

    fn run(&mut self, mut i: usize) {
        while let Some(c) = self.at(i) {
            let len = c.len_utf8();
            if c.is_whitespace() || is_invisible(c) {
                i += len;
            } else if is_word_char(c) {
                i = self.word(i);
            } else {
                i = self.other(i, c);
            }
        }
    }

    /// A run of letters and digits with inner joiners, then its clitics and final period.
    fn word(&mut self, start: usize) -> usize {
        let mut j = start;
        // Length in bytes of the current dot-free segment, to tell `U.S` from `end.The`.
        let mut segment = 0usize;
        let mut all_digits = true;
        while let Some(c) = self.at(j) {
            let len = c.len_utf8();
            if is_word_char(c) {
                all_digits &= c.is_ascii_digit();
                segment += len;
                j += len;
                continue;
            }
            let Some(next) = self.at(j + len) else { break };
            let prev = self.before(j).unwrap_or(' ');
            let joins = match c {
                '.' => {
                    (prev.is_ascii_digit() && next.is_ascii_digit())
                        || (is_word_char(next) && !next.is_uppercase() && !prev.is_ascii_digit())
                        || (next.is_alphabetic() && segment <= 2 && !prev.is_ascii_digit())
                        // `U.S.-led`: an abbreviation's period, then a hyphenated word.
                        || (next == '-'
                            && self.at(j + 2).is_some_and(is_word_char)
                            && is_abbreviation(&self.text[start..j], None))
                }
                ',' | ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
                '-' | '\u{2010}' | '\u{2011}' => is_word_char(next),
                '\'' | '’' => next.is_alphabetic() && prev.is_alphabetic(),
                '&' => prev.is_uppercase() && next.is_uppercase(),
                '@' | '_' => is_word_char(next),
                _ => false,
            };
            if !joins {
                break;
            }
            if c == '.' {
                segment = 0;
            } else {
                segment += len;
            }
            all_digits &= matches!(c, '.' | ',' | ':' | '/');
            j += len + next.len_utf8();
            all_digits &= next.is_ascii_digit();
            segment += next.len_utf8();
        }
        // A URL: `http` + `://…` up to the next space.
        if self.at(j) == Some(':')
            && matches!(
                &self.text[start..j],
                "http" | "https" | "HTTP" | "HTTPS" | "ftp"
            )
            && self.text[j..self.end].starts_with("://")
        {
            while let Some(c) = self.at(j).filter(|c| !c.is_whitespace()) {
                j += c.len_utf8();
            }
            // Trailing sentence punctuation belongs to the sentence, not the URL.
            while let Some(c @ ('.' | ',' | ')' | ';' | '"' | '”')) = self.before(j) {
                if j <= start + 4 {
                    break;
                }
                j -= c.len_utf8();
            }
            self.push(start, j, TokenKind::Word);
            return j;
        }
        if self.at(j) == Some('.')
            && self.at(j + 1) != Some('.')
            && is_abbreviation(&self.text[start..j], self.next_visible(j + 1))
        {
            j += 1;
        }
        let kind = if all_digits {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        self.push_word(start, j, kind);
        // A possessive after a plural (`players’ `) unless it closes an open single quote.
        if let Some(q @ ('\'' | '’')) = self.at(j) {
            let after = self.at(j + 1);
            let ends_s = matches!(self.before(j), Some('s' | 'S'));
            if ends_s && !self.open_single && !after.is_some_and(is_word_char) {
                self.push(j, j + q.len_utf8(), TokenKind::Word);
                return j + q.len_utf8();
            }
        }
        j
    }

    /// Pushes a word, splitting off a UD clitic (`n't`, `'s`, `'re`, `'ll`, `'ve`, `'d`, `'m`)
    /// and the fused forms UD splits (`cannot`, `gonna`, `wanna`, `gotta`).
    fn push_word(&mut self, start: usize, end: usize, kind: TokenKind) {
        if kind == TokenKind::Word {
            // `I'd've` has two clitics: split the host again.
            if let Some(split) = clitic_split(&self.text[start..end]) {
                self.push_word(start, start + split, TokenKind::Word);
                self.push(start + split, end, TokenKind::Word);
                return;
            }
        }
        self.push(start, end, kind);
    }

    /// Everything that is not a word: quotes, dashes, punctuation, symbols.
    fn other(&mut self, i: usize, c: char) -> usize {
        let len = c.len_utf8();
        let next = self.at(i + len);
        let kind = match c {
            '“' | '„' | '«' | '‹' => TokenKind::OpenQuote,
            '‘' | '‚' => {
                self.open_single = true;
                TokenKind::OpenQuote
            }
            '”' | '»' | '›' => TokenKind::CloseQuote,
            '"' | '\'' | '’' => {
                let opens = self.before(i).is_none_or(opens_after)
                    && next.is_some_and(|n| !n.is_whitespace());
                if c != '"' {
                    self.open_single = opens;
                }
                if opens {
                    TokenKind::OpenQuote
                } else {
                    TokenKind::CloseQuote
                }
            }
            '–' | '—' | '―' | '\u{2012}' => TokenKind::Dash,
            '-' => {
                let mut j = i + 1;
                while self.at(j) == Some('-') {
                    j += 1;
                }
                if j > i + 1 {
                    self.push(i, j, TokenKind::Dash);
                    return j;
                }
                let spaced = self.before(i).is_none_or(char::is_whitespace)
                    || next.is_none_or(char::is_whitespace);
                if spaced {
                    TokenKind::Dash
                } else {
                    TokenKind::Punct
                }
            }
            '.' | '!' | '?' => {
                // `...`, `?!`, `!!!` stay one token, as in UD.
                let mut j = i + 1;
                while let Some('.' | '!' | '?') = self.at(j) {
                    j += 1;
                }
                self.push(i, j, TokenKind::Punct);
                return j;
            }
            '$' | '%' | '&' | '@' | '#' | '*' | '+' | '=' | '<' | '>' | '^' | '~' | '|' | '\\'
            | '`' => TokenKind::Symbol,
            c if c.is_ascii() => TokenKind::Punct,
            c => match get_general_category(c) {
                GeneralCategory::CurrencySymbol
                | GeneralCategory::MathSymbol
                | GeneralCategory::ModifierSymbol
                | GeneralCategory::OtherSymbol
                | GeneralCategory::PrivateUse
                | GeneralCategory::Surrogate
                | GeneralCategory::Unassigned => TokenKind::Symbol,
                _ => TokenKind::Punct,
            },
        };
        self.push(i, i + len, kind);
        i + len
    }
}

/// Letters, digits and the marks that attach to them (combining accents in decomposed text).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(
            get_general_category(c),
            GeneralCategory::NonspacingMark
                | GeneralCategory::SpacingMark
                | GeneralCategory::EnclosingMark
        )
}

/// Zero-width and format characters that separate nothing and belong to no token.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || c.is_control()
}

/// After these, a straight quote opens: the start of a text, a space, an open bracket or quote, a
/// dash.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | '“' | '‘' | '"' | '\'' | '—' | '–' | '-' | '/' | ':'
        )
}

/// Whether `word` (without its final period) keeps that period: a listed abbreviation, an
/// initial (`J`), or a dotted form of short letter segments (`U.S`, `p.m`, `Ph.D`).
/// `next` is the first character after the period and its spaces: `No.` is an abbreviation
/// only before a number.
fn is_abbreviation(word: &str, next: Option<char>) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    if word.contains('.') {
        return word
            .split(['.', '-'])
            .all(|seg| !seg.is_empty() && seg.len() <= 3 && seg.chars().all(char::is_alphabetic))
            || word.rsplit('-').next().is_some_and(|last| {
                last.contains('.')
                    && last.split('.').all(|s| {
                        !s.is_empty() && s.len() <= 3 && s.chars().all(char::is_alphabetic)
                    })
            });
    }
    if word.len() > 7 || !word.is_ascii() {
        return false;
    }
    let mut lower = [0u8; 7];
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let lower = &lower[..word.len()];
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return LOWER_ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower);
    }
    if lower == b"no" || lower == b"nos" {
        return next.is_some_and(|c| c.is_ascii_digit());
    }
    ABBREVIATIONS
        .binary_search_by(|a| a.as_bytes().cmp(lower))
        .is_ok()
}

/// Where to split a word into host and clitic, in bytes, or `None`.
fn clitic_split(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    // The last apostrophe (straight or curly) and what follows it.
    let (apos, apos_len) = match word.rfind(['\'', '’']) {
        Some(p) => (p, if bytes[p] == b'\'' { 1 } else { 3 }),
        None => return fused_split(word),
    };
    let tail = &word[apos + apos_len..];
    if tail.eq_ignore_ascii_case("t") && apos >= 2 && bytes[apos - 1].eq_ignore_ascii_case(&b'n') {
        return Some(apos - 1);
    }
    let clitic = ["s", "re", "ll", "ve", "d", "m"]
        .iter()
        .any(|c| tail.eq_ignore_ascii_case(c));
    (clitic && apos > 0).then_some(apos)
}

/// UD splits a few fused words without an apostrophe: `cannot` → `can not`, `gonna` → `gon na`.
fn fused_split(word: &str) -> Option<usize> {
    if word.len() == 6 && word.eq_ignore_ascii_case("cannot") {
        return Some(3);
    }
    if word.len() == 5
        && ["gonna", "wanna", "gotta"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
    {
        return Some(3);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| (t.span.text(text), t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn abbreviation_list_is_sorted_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS.iter().all(|a| a.len() <= 7));
    }

    #[test]
    fn clitics_split_like_universal_dependencies() {
        assert_eq!(words("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(words("Moscow’s plan"), ["Moscow", "’s", "plan"]);
        assert_eq!(
            words("We're sure they'll say it's what I'd've done, I'm told"),
            [
                "We", "'re", "sure", "they", "'ll", "say", "it", "'s", "what", "I", "'d", "'ve",
                "done", ",", "I", "'m", "told"
            ]
        );
        assert_eq!(
            words("can't won’t CAN'T"),
            ["ca", "n't", "wo", "n’t", "CA", "N'T"]
        );
        assert_eq!(words("O'Brien cannot"), ["O'Brien", "can", "not"]);
        assert_eq!(
            words("the players' union"),
            ["the", "players", "'", "union"]
        );
    }

    #[test]
    fn abbreviations_keep_their_period_and_sentences_lose_theirs() {
        assert_eq!(
            words("Mr. Smith met Gen. Lee at 3 p.m. in the U.S. on Sept. 5."),
            [
                "Mr.", "Smith", "met", "Gen.", "Lee", "at", "3", "p.m.", "in", "the", "U.S.", "on",
                "Sept.", "5", "."
            ]
        );
        assert_eq!(
            words("It ended.The next"),
            ["It", "ended", ".", "The", "next"]
        );
        assert_eq!(
            words("Jan. 3, said J. Doe."),
            ["Jan.", "3", ",", "said", "J.", "Doe", "."]
        );
        assert_eq!(words("He left..."), ["He", "left", "..."]);
        assert_eq!(
            words("He sat. She said no."),
            ["He", "sat", ".", "She", "said", "no", "."]
        );
        assert_eq!(words("No. 1 etc. Inc."), ["No.", "1", "etc.", "Inc."]);
        assert_eq!(words("Really?!"), ["Really", "?!"]);
    }

    #[test]
    fn hyphens_numbers_and_urls_stay_whole() {
        assert_eq!(
            toks("Soviet-style U.S.-led 1,000 3.5 10:30 $5 50%"),
            [
                ("Soviet-style", TokenKind::Word),
                ("U.S.-led", TokenKind::Word),
                ("1,000", TokenKind::Number),
                ("3.5", TokenKind::Number),
                ("10:30", TokenKind::Number),
                ("$", TokenKind::Symbol),
                ("5", TokenKind::Number),
                ("50", TokenKind::Number),
                ("%", TokenKind::Symbol),
            ]
        );
        assert_eq!(
            words("see https://example.com/a-b?c=1, then"),
            ["see", "https://example.com/a-b?c=1", ",", "then"]
        );
        assert_eq!(words("AT&T e-mail x@y.org"), ["AT&T", "e-mail", "x@y.org"]);
        assert_eq!(words("1990s, 2nd"), ["1990s", ",", "2nd"]);
    }

    #[test]
    fn curly_quotes_and_dashes() {
        use TokenKind::*;
        let text = "“We won’t go,” she said — flatly – and ‘never’ -- again - ok.";
        assert_eq!(
            toks(text),
            [
                ("“", OpenQuote),
                ("We", Word),
                ("wo", Word),
                ("n’t", Word),
                ("go", Word),
                (",", Punct),
                ("”", CloseQuote),
                ("she", Word),
                ("said", Word),
                ("—", Dash),
                ("flatly", Word),
                ("–", Dash),
                ("and", Word),
                ("‘", OpenQuote),
                ("never", Word),
                ("’", CloseQuote),
                ("--", Dash),
                ("again", Word),
                ("-", Dash),
                ("ok", Word),
                (".", Punct),
            ]
        );
    }

    #[test]
    fn straight_quotes_decided_by_context() {
        use TokenKind::*;
        assert_eq!(
            toks(r#""Yes," he said ("really") 'no'"#),
            [
                ("\"", OpenQuote),
                ("Yes", Word),
                (",", Punct),
                ("\"", CloseQuote),
                ("he", Word),
                ("said", Word),
                ("(", Punct),
                ("\"", OpenQuote),
                ("really", Word),
                ("\"", CloseQuote),
                (")", Punct),
                ("'", OpenQuote),
                ("no", Word),
                ("'", CloseQuote),
            ]
        );
    }

    #[test]
    fn spans_are_valid_and_round_trip() {
        let text = "Le ministre a dit: « Non » — José’s café\u{301}\u{200B}… 東京 😀 end";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let mut last = 0;
        for t in &tokens {
            assert!(t.span.start >= last && t.span.start < t.span.end);
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            let s = &text[t.span.start..t.span.end];
            assert!(!s.trim().is_empty(), "{s:?}");
            last = t.span.end;
        }
        // Every non-space character is covered by exactly one token.
        let covered: String = tokens.iter().map(|t| t.span.text(text)).collect();
        let expected: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !is_invisible(*c))
            .collect();
        assert_eq!(covered, expected);
        assert!(words(text).contains(&"café\u{301}"));
        assert!(words(text).contains(&"José"));
    }

    #[test]
    fn ranges_are_clipped_and_offsets_are_into_the_whole_text() {
        let text = "First one. “Second” here.";
        let start = text.find('“').unwrap_or(0);
        let tokens = tokenize(text, Span::new(start, text.len()));
        assert_eq!(tokens[0].span, Span::new(start, start + 3));
        assert_eq!(tokens[0].kind, TokenKind::OpenQuote);
        // Out of range and mid-character ranges give no panic and valid spans.
        assert!(tokenize(text, Span::new(500, 900)).is_empty());
        let inside = tokenize(text, Span::new(start + 1, start + 9));
        assert!(inside.iter().all(|t| !t.span.text(text).is_empty()));
        assert!(tokenize("", Span::new(0, 0)).is_empty());
    }
}
