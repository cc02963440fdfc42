//! Splits a scanned text into sentences: at . ! ? (after any closing quotes and brackets)
//! before a capital, a digit or an opening quote, and at every line break; never after an
//! abbreviation such as "Gen.", "Sept." or "Mr.", nor inside "U.S." or "p.m.".
//! Knows nothing of cues or attributions.

use super::words::{Kind, Words};

/// Titles and month names that a period follows without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "sens", "rep", "reps", "gov", "govs", "lt", "col",
    "sgt", "capt", "cmdr", "adm", "maj", "pres", "prof", "rev", "hon", "jr", "sr", "st", "mt",
    "ft", "no", "nos", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "corp", "inc", "co", "ltd", "dept", "est", "approx", "fig", "gens",
    "supt", "ave", "blvd", "calif", "ill", "mass", "wash", "fla", "conn", "penn", "ariz", "colo",
    "mich", "minn", "wis", "tenn", "okla", "ore", "nev", "ky", "va", "md", "pa", "la", "ga", "e.g",
    "i.e", "etc", "al",
];

/// The most tokens a sentence may hold. News sentences stay far below it (a 100-word one is
/// rare); a text without sentence ends (a scraped table, a hostile page) is cut into pieces
/// of this size, because the patterns scan a sentence once per cue in it: unbounded, one
/// 1 MB "sentence" of cues took minutes.
pub(crate) const MAX_SENTENCE_TOKENS: usize = 400;

/// Sentences as token ranges `[start, end)`, in order, covering every token, none longer
/// than [`MAX_SENTENCE_TOKENS`].
pub(crate) fn split(w: &Words) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (start, end) in split_at_ends(w) {
        let mut start = start;
        while end - start > MAX_SENTENCE_TOKENS {
            let cut = cut_point(w, start, start + MAX_SENTENCE_TOKENS);
            out.push((start, cut));
            start = cut;
        }
        out.push((start, end));
    }
    out
}

/// Where to cut an over-long sentence that starts at token `start`, at `limit` at the latest:
/// after the last comma, semicolon, colon or dash of its second half, else at `limit`.
fn cut_point(w: &Words, start: usize, limit: usize) -> usize {
    (start + MAX_SENTENCE_TOKENS / 2..limit)
        .rev()
        .find(|&i| {
            w.kind(i) == Some(Kind::Punct) && matches!(w.raw(i), "," | ";" | ":" | "—" | "-")
        })
        .map_or(limit, |i| i + 1)
}

/// Sentences at their ends (punctuation, line breaks), whatever their length.
fn split_at_ends(w: &Words) -> Vec<(usize, usize)> {
    let n = w.len();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        if i > start && w.toks[i].newline_before {
            out.push((start, i));
            start = i;
        }
        let t = w.toks[i];
        // "… in the U.S. He said …", "… at 7 p.m. They …": a word that kept its period ends a
        // sentence before a capitalized pronoun or connective.
        if t.kind == Kind::Word
            && w.raw(i).ends_with('.')
            && w.raw(i).len() > 2
            && i + 1 < n
            && !w.toks[i + 1].newline_before
            && matches!(
                w.raw(i + 1),
                "He" | "She" | "They" | "We" | "I" | "It" | "But" | "And" | "There" | "This"
            )
        {
            out.push((start, i + 1));
            start = i + 1;
            i += 1;
            continue;
        }
        let ends = t.kind == Kind::Punct && matches!(w.raw(i), "." | "!" | "?" | "…");
        // A word that kept its period ("Gen.", "U.S.") ends a sentence only before a line break.
        if ends && !(w.raw(i) == "." && i > 0 && is_abbreviation(w, i - 1)) {
            // Take closing quotes and brackets along.
            let mut j = i + 1;
            while j < n
                && !w.toks[j].newline_before
                && (w.kind(j) == Some(Kind::CloseQuote) || matches!(w.raw(j), ")" | "]"))
            {
                j += 1;
            }
            let boundary = j >= n
                || w.toks[j].newline_before
                || w.is_cap(j)
                || w.kind(j) == Some(Kind::OpenQuote)
                || w.raw(j).starts_with(|c: char| c.is_ascii_digit());
            if boundary {
                if j < n && !w.toks[j].newline_before {
                    out.push((start, j));
                    start = j;
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        out.push((start, n));
    }
    out
}

/// Whether word `i` is an abbreviation or initial whose period follows it ("Gen.", "Pa.").
pub(crate) fn is_abbreviation(w: &Words, i: usize) -> bool {
    if !w.is_word(i) || w.toks[i].end != w.toks[i + 1].start {
        return false;
    }
    let low = w.low(i);
    // Single-letter initials ("John F. Kennedy").
    if low.chars().count() == 1 && w.is_cap(i) {
        return true;
    }
    ABBREVIATIONS.contains(&low)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let w = Words::new(text);
        split(&w)
            .into_iter()
            .map(|(a, b)| w.span(a, b - 1).text(text).to_string())
            .collect()
    }

    #[test]
    fn survives_abbreviations_and_quotes() {
        let got = sentences(
            "Gen. Smith met U.S. officials at 7 p.m. on Sept. 11 in Washington. “It went well.” She left.\nNext line",
        );
        assert_eq!(
            got,
            [
                "Gen. Smith met U.S. officials at 7 p.m. on Sept. 11 in Washington.",
                "“It went well.”",
                "She left.",
                "Next line"
            ]
        );
    }

    #[test]
    fn an_endless_sentence_is_cut_into_bounded_pieces() {
        let text = "the officials said that, ".repeat(1000);
        let w = Words::new(&text);
        let pieces = split(&w);
        assert!(pieces.len() > 1);
        // In order, covering every token, each at most the bound, cut after a comma.
        assert_eq!(pieces.first().map(|p| p.0), Some(0));
        assert_eq!(pieces.last().map(|p| p.1), Some(w.len()));
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].1, pair[1].0);
        }
        for &(a, b) in &pieces {
            assert!(b > a && b - a <= MAX_SENTENCE_TOKENS, "{a}..{b}");
        }
        assert_eq!(w.raw(pieces[0].1 - 1), ",");
    }

    #[test]
    fn a_kept_period_ends_a_sentence_before_a_pronoun() {
        let got = sentences("The ferry docks at 7 p.m. She waits in the U.S. Senate lobby.");
        assert_eq!(
            got,
            [
                "The ferry docks at 7 p.m.",
                "She waits in the U.S. Senate lobby."
            ]
        );
    }
}
