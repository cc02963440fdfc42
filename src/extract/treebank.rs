//! Reads Universal Dependencies treebanks (CoNLL-U), the training and test data of the tagger
//! and the parser: syntactic words with their form, UPOS tag, head and relation. Knows nothing
//! of models; used only by training and evaluation, never on the extraction path.
//!
//! `examples/train_tagger.rs` includes this very file with `#[path]`, so no `crate::` paths.

use std::path::Path;

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeWord {
    pub form: String,
    /// The UPOS tag's name (`NOUN`).
    pub upos: String,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    /// The relation to the head with its subtype (`nsubj:pass`).
    pub deprel: String,
    /// Whether the text has a space after this word (`SpaceAfter=No` absent).
    pub space_after: bool,
}

/// One sentence: its words in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeSentence {
    pub words: Vec<TreeWord>,
}

/// Reads a CoNLL-U file: syntactic words only (multiword-token lines `1-2` and empty nodes
/// `1.1` are skipped). With `join_hyphens`, `Soviet` `-` `style` written without spaces
/// becomes one word `Soviet-style`, as hearsay's tokenizer keeps it: see [`join_hyphens`].
pub fn read(path: &Path, join_hyphens: bool) -> Result<Vec<TreeSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&text, join_hyphens).map_err(|e| format!("{}: {e}", path.display()))
}

/// [`read`] on text already in memory.
pub fn parse(text: &str, join_hyphens: bool) -> Result<Vec<TreeSentence>, String> {
    let mut sentences = Vec::new();
    let mut words: Vec<TreeWord> = Vec::new();
    let mut finish = |words: &mut Vec<TreeWord>| {
        if !words.is_empty() {
            let mut s = TreeSentence {
                words: std::mem::take(words),
            };
            if join_hyphens {
                s = self::join_hyphens(s);
            }
            sentences.push(s);
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            finish(&mut words);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!("line {}: expected 10 columns", n + 1));
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let head = cols[6]
            .parse()
            .map_err(|_| format!("line {}: head {:?} is not a number", n + 1, cols[6]))?;
        words.push(TreeWord {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    finish(&mut words);
    for (k, s) in sentences.iter().enumerate() {
        if s.words.iter().any(|w| w.head > s.words.len()) {
            return Err(format!("sentence {}: a head outside the sentence", k + 1));
        }
    }
    Ok(sentences)
}

/// Joins `X` `-` `Y` written without spaces into one word `X-Y`, as hearsay's tokenizer
/// keeps it. The joined word takes the tag of its last part, and the head and relation of the
/// part whose head lies outside the group (the last such part); words that hung on any part
/// hang on the joined word.
pub fn join_hyphens(sentence: TreeSentence) -> TreeSentence {
    let words = sentence.words;
    // group[i]: the index of the joined word that old word i becomes.
    let mut group = Vec::with_capacity(words.len());
    let mut next = 0usize;
    let mut i = 0;
    while i < words.len() {
        let joinable = |i: usize| {
            i > 0
                && words[i].form == "-"
                && !words[i].space_after
                && !words[i - 1].space_after
                && words[i - 1].form.ends_with(char::is_alphanumeric)
                && words
                    .get(i + 1)
                    .is_some_and(|n| n.form.starts_with(char::is_alphanumeric))
        };
        if joinable(i) && !group.is_empty() {
            group.push(next - 1);
            group.push(next - 1);
            i += 2;
        } else {
            group.push(next);
            next += 1;
            i += 1;
        }
    }
    let mut joined: Vec<TreeWord> = Vec::with_capacity(next);
    for (old, w) in words.iter().enumerate() {
        let g = group[old];
        let head_outside = w.head == 0 || group[w.head - 1] != g;
        let head = if w.head == 0 {
            0
        } else {
            group[w.head - 1] + 1
        };
        if g == joined.len() {
            joined.push(TreeWord { head, ..w.clone() });
            continue;
        }
        let Some(j) = joined.last_mut() else { continue };
        j.form.push_str(&w.form);
        j.upos.clone_from(&w.upos);
        j.space_after = w.space_after;
        if head_outside {
            j.head = head;
            j.deprel.clone_from(&w.deprel);
        }
    }
    // A group whose parts all hang inside it (never in a tree) would point at itself.
    for (k, j) in joined.iter_mut().enumerate() {
        if j.head == k + 1 {
            j.head = 0;
        }
    }
    TreeSentence { words: joined }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Soviet-style rule ended.\n\
1\tSoviet\tSoviet\tADJ\tJJ\t_\t3\tamod\t_\tSpaceAfter=No\n\
2\t-\t-\tPUNCT\tHYPH\t_\t3\tpunct\t_\tSpaceAfter=No\n\
3\tstyle\tstyle\tNOUN\tNN\t_\t4\tcompound\t_\t_\n\
4\trule\trule\tNOUN\tNN\t_\t5\tnsubj\t_\t_\n\
5-6\tended.\t_\t_\t_\t_\t_\t_\t_\t_\n\
5\tended\tend\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_joins_hyphenated_ones() {
        let s = parse(SAMPLE, false).expect("valid CoNLL-U");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 6);
        assert_eq!(s[0].words[4].head, 0);
        let j = parse(SAMPLE, true).expect("valid CoNLL-U");
        let forms: Vec<&str> = j[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["Soviet-style", "rule", "ended", "."]);
        let heads: Vec<usize> = j[0].words.iter().map(|w| w.head).collect();
        assert_eq!(heads, [2, 3, 0, 3]);
        assert_eq!(j[0].words[0].deprel, "compound");
        assert_eq!(j[0].words[0].upos, "NOUN");
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(parse("1\tx\n\n", false).is_err());
        assert!(parse("1\tx\tx\tX\t_\t_\tone\tdep\t_\t_\n\n", false).is_err());
        assert!(parse("1\tx\tx\tX\t_\t_\t7\tdep\t_\t_\n\n", false).is_err());
    }
}
