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

/// Sentences as token ranges `[start, end)`, in order, covering every token.
pub(crate) fn split(w: &Words) -> Vec<(usize, usize)> {
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
