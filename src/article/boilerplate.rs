//! Cuts the tail that news aggregators append to articles (repeated headline, disclaimer,
//! "Related Articles", "Back to top button"). Only ever truncates, so offsets into the kept
//! text stay valid. Pure string work; knows nothing of files or formats.

/// Lines that, alone on their line, end an article on aggregator and news sites.
/// Compared lowercased, with trailing `:`, `.`, `!`, `…` and spaces removed.
const WHOLE_LINE_MARKERS: &[&str] = &[
    "related articles",
    "related posts",
    "related stories",
    "related news",
    "related content",
    "related",
    "more stories",
    "more news",
    "back to top button",
    "back to top",
    "share this",
    "share this article",
    "share this story",
    "share",
    "share on facebook",
    "share on twitter",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "read more",
    "read next",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "leave a comment",
    "leave a reply",
    "comments",
    "advertisement",
];

/// Lines starting with these (lowercased) are boilerplate when the line is short.
const PREFIX_MARKERS: &[&str] = &[
    "read more:",
    "read more at",
    "share this:",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "related:",
    "see also:",
    "tags:",
    "filed under:",
];

/// A line containing one of these (lowercased) is an aggregator's or publisher's disclaimer,
/// whatever its length.
const DISCLAIMER_PHRASES: &[&str] = &[
    "automatic aggregator",
    "all trademarks belong to",
    "all rights reserved",
    "if you are the owner of the content",
    "the content will be deleted within",
];

/// A prefix-marker line longer than this (in chars) is a sentence, not a link.
const PREFIX_MARKER_MAX_CHARS: usize = 200;

/// A line longer than this (in chars) is article body; shorter lines after the body
/// (related headlines, "___", bylines) may be cut along with the markers.
const SHORT_LINE_MAX_CHARS: usize = 120;

/// A first line shorter than this (in chars or words) is too common to count as a headline
/// (datelines such as "Friday, January 4, 2019").
const HEADLINE_MIN_CHARS: usize = 30;
const HEADLINE_MIN_WORDS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Marker,
    Short,
    Body,
}

/// Returns `text` without the boilerplate tail an aggregator added, or `text` unchanged.
///
/// Only truncates: the result is a prefix of `text` (trimmed at the end when something was
/// cut), so every byte or code point offset into it is also an offset into `text`.
///
/// The cut starts at the first of, in the second half of the text and after the last
/// body paragraph (a line over 120 chars that is no disclaimer):
/// - the article's first line (its headline, at least 30 chars and 5 words) repeated at the
///   start of a line or after a sentence, ending its line;
/// - a boilerplate line: alone on its line ("Related Articles", "Back to top button",
///   "Share this"), leading a short line ("Read more: …"), or a disclaimer anywhere in
///   its line ("… is an automatic aggregator …", "All trademarks belong to …").
///
/// Requiring the cut to follow the last body paragraph keeps a "Read more:" link in the
/// middle of an article from cutting the article short.
///
/// ```
/// use hearsay::article::strip_boilerplate;
/// let text = "Rain expected in the north by Friday, forecasters say today\n\n\
///     Forecasters said rain was likely.\n\nRelated Articles\n\nBack to top button\n";
/// assert_eq!(strip_boilerplate(text), "Rain expected in the north by Friday, forecasters say today\n\n\
///     Forecasters said rain was likely.");
/// ```
pub fn strip_boilerplate(text: &str) -> &str {
    let half = text.len() / 2;
    let lines = lines_with_offsets(text);
    let kinds: Vec<LineKind> = lines.iter().map(|&(_, line)| classify(line)).collect();
    let last_body = kinds.iter().rposition(|k| *k == LineKind::Body);
    // Cuts may start in the last body line (a repeated headline ending it) or after it.
    let tail_from = last_body.unwrap_or(0);

    let marker = lines
        .iter()
        .zip(&kinds)
        .skip(tail_from)
        .find(|((start, _), kind)| **kind == LineKind::Marker && *start >= half)
        .map(|((start, _), _)| *start);
    let headline = repeated_headline(text, &lines, tail_from, half);

    match [marker, headline].into_iter().flatten().min() {
        Some(cut) => text[..cut].trim_end(),
        None => text,
    }
}

/// Each line (without its `\n`) with the byte offset where it starts.
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut start = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let here = start;
            start += line.len();
            (here, line.trim_end_matches(['\n', '\r']))
        })
        .collect()
}

fn classify(line: &str) -> LineKind {
    let line = line.trim();
    if line.is_empty() {
        return LineKind::Blank;
    }
    let lower = line.to_lowercase();
    let chars = line.chars().count();
    let bare = lower.trim_end_matches([':', '.', '!', '…', ' ']);
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    if WHOLE_LINE_MARKERS.contains(&bare.as_str())
        || (chars <= PREFIX_MARKER_MAX_CHARS && PREFIX_MARKERS.iter().any(|p| lower.starts_with(p)))
        || DISCLAIMER_PHRASES.iter().any(|p| lower.contains(p))
    {
        LineKind::Marker
    } else if chars <= SHORT_LINE_MAX_CHARS {
        LineKind::Short
    } else {
        LineKind::Body
    }
}

/// Where the first line reappears, from line `from_line` on and at or after byte `half`.
fn repeated_headline(
    text: &str,
    lines: &[(usize, &str)],
    from_line: usize,
    half: usize,
) -> Option<usize> {
    let &(first_start, first) = lines.iter().find(|(_, l)| !l.trim().is_empty())?;
    let headline = first.trim();
    if headline.chars().count() < HEADLINE_MIN_CHARS
        || headline.split_whitespace().count() < HEADLINE_MIN_WORDS
    {
        return None;
    }
    let headline_end = first_start + first.len();
    let search_from = lines
        .get(from_line)
        .map_or(0, |(start, _)| *start)
        .max(half)
        .max(headline_end);
    let mut from = search_from;
    while from < text.len() {
        // `from` may fall inside a character when it comes from `half`.
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let at = from + text[from..].find(headline)?;
        if starts_sentence(&text[..at]) && ends_line(&text[at + headline.len()..]) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// True when text continues after `before` at a line start, or after a sentence end and a space.
fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end();
    let gap = &before[trimmed.len()..];
    trimmed.is_empty()
        || gap.contains('\n')
        || (!gap.is_empty() && trimmed.ends_with(['.', '!', '?', '…', '"', '”', '’', ')']))
}

fn ends_line(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\t', '\r', '\u{a0}']);
    rest.is_empty() || rest.starts_with('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADLINE: &str = "Council approves new budget after a long night of debate";

    fn body(paragraphs: usize) -> String {
        (0..paragraphs)
            .map(|i| {
                format!(
                    "Paragraph {i}: the council met on Tuesday and members said the budget \
                     would fund schools, roads and the library for another year, officials said."
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn ordinary_article_is_unchanged() {
        let text = format!("{HEADLINE}\n\n{}\n", body(6));
        assert_eq!(strip_boilerplate(&text), text);
        assert_eq!(strip_boilerplate(""), "");
        assert_eq!(strip_boilerplate("Related Articles"), "Related Articles");
    }

    #[test]
    fn cuts_markers_after_the_body() {
        let kept = format!("{HEADLINE}\n\n{}", body(6));
        for tail in [
            "\n\nRelated Articles\n\nOther story one\nOther story two\n",
            "\n\nBack to top button",
            "\nShare this:\nFacebook\nTwitter\n",
            "\n\nRead more: Council debates taxes\n",
            "\n\nSIGN UP FOR OUR NEWSLETTER!\n",
            "\n\n© 2023 Example Wire. All rights reserved.\n",
        ] {
            let text = format!("{kept}{tail}");
            assert_eq!(strip_boilerplate(&text), kept, "tail {tail:?}");
        }
    }

    #[test]
    fn keeps_markers_followed_by_body() {
        // "Read more:" in the middle links elsewhere; the article goes on after it.
        let text = format!(
            "{HEADLINE}\n\n{}\n\nRead more: Council debates taxes\n\n{}",
            body(3),
            body(3)
        );
        assert_eq!(strip_boilerplate(&text), text);
    }

    #[test]
    fn keeps_markers_inside_sentences_and_early_on() {
        let text = format!(
            "{HEADLINE}\n\n{}\n\nThe mayor said the related articles were filed.\n",
            body(4)
        );
        assert_eq!(strip_boilerplate(&text), text);
        let text = format!("{HEADLINE}\n\nRelated Articles\n\n{}", body(4));
        assert_eq!(strip_boilerplate(&text), text);
    }

    #[test]
    fn cuts_repeated_headline_ending_the_last_paragraph() {
        let kept = format!("{HEADLINE}\n\n{}\n\nReporters contributed.", body(6));
        let text = format!("{kept} {HEADLINE}\n\nExample is an automatic aggregator of news.\n");
        assert_eq!(strip_boilerplate(&text), kept);
        let text = format!("{kept}\n{HEADLINE}");
        assert_eq!(strip_boilerplate(&text), kept);
    }

    #[test]
    fn keeps_headline_quoted_in_a_sentence() {
        let text = format!(
            "{HEADLINE}\n\n{}\n\nThe paper's front page read {HEADLINE} in bold type on Wednesday.",
            body(6)
        );
        assert_eq!(strip_boilerplate(&text), text);
    }

    #[test]
    fn short_headlines_do_not_count() {
        let text = format!(
            "Friday, January 4, 2019\n\n{}\n\nFriday, January 4, 2019\n",
            body(4)
        );
        assert_eq!(strip_boilerplate(&text), text);
    }

    #[test]
    fn result_is_a_prefix_on_multibyte_text() {
        let text = format!(
            "“{HEADLINE}” – é\n\n{}\n\nRelated Articles\n\n“{HEADLINE}” – é",
            body(5)
        );
        let kept = strip_boilerplate(&text);
        assert!(text.starts_with(kept));
        assert!(kept.len() < text.len());
        assert!(!kept.contains("Related"));
    }
}
