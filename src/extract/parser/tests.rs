//! Tests of the parser: the shipped model on invented sentences, damaged model files, and
//! training a tiny model end to end.

use super::super::tagger::tagger;
use super::super::token::tokenize;
use super::super::treebank;
use super::train::{evaluate, train, TagSource, TrainOptions};
use super::*;
use crate::extract::Span;

/// Parses `text` as one sentence with the shipped tagger and parser; returns the words with
/// their heads' words and relations.
fn parse(text: &str) -> Vec<(String, Option<String>, &'static str)> {
    let tokens = tokenize(text, Span::new(0, text.len()));
    let words: Vec<&str> = tokens.iter().map(|t| t.span.text(text)).collect();
    let (Some(tagger), Some(parser)) = (tagger(), parser()) else {
        panic!("the shipped tagger or parser does not load");
    };
    let tags = tagger.tag(text, &tokens);
    let parse = parser.parse(&words, &tags);
    assert_eq!(parse.heads.len(), words.len());
    (0..words.len())
        .map(|i| {
            (
                words[i].to_string(),
                parse.heads[i].map(|h| words[h].to_string()),
                parse.labels[i].universal(),
            )
        })
        .collect()
}

fn arc<'p>(
    p: &'p [(String, Option<String>, &'static str)],
    word: &str,
) -> (Option<&'p str>, &'p str) {
    let found = p.iter().find(|(w, _, _)| w == word);
    let Some((_, head, label)) = found else {
        panic!("{word} not among the words of {p:?}");
    };
    (head.as_deref(), label)
}

#[test]
fn said_takes_its_subject_and_its_clause() {
    let p = parse("The minister said that the talks would resume on Monday.");
    assert_eq!(arc(&p, "said"), (None, "root"));
    assert_eq!(arc(&p, "minister"), (Some("said"), "nsubj"));
    assert_eq!(arc(&p, "resume"), (Some("said"), "ccomp"));
    assert_eq!(arc(&p, "talks"), (Some("resume"), "nsubj"));
    assert_eq!(arc(&p, "that").0, Some("resume"));

    let p = parse("Police said the suspect had fled the country.");
    assert_eq!(arc(&p, "Police"), (Some("said"), "nsubj"));
    assert_eq!(arc(&p, "fled"), (Some("said"), "ccomp"));
    assert_eq!(arc(&p, "suspect"), (Some("fled"), "nsubj"));
    assert_eq!(arc(&p, "country").0, Some("fled"));
}

#[test]
fn quotes_and_clauses_after_the_cue() {
    let p = parse("Her lawyer told reporters that she had done nothing wrong.");
    assert_eq!(arc(&p, "lawyer"), (Some("told"), "nsubj"));
    assert_eq!(arc(&p, "reporters").0, Some("told"));
    assert_eq!(arc(&p, "done"), (Some("told"), "ccomp"));

    let p = parse("The company denied the allegations.");
    assert_eq!(arc(&p, "company"), (Some("denied"), "nsubj"));
    assert_eq!(arc(&p, "allegations"), (Some("denied"), "obj"));
}

#[test]
fn every_word_gets_one_head_and_odd_input_parses() {
    let p = parse("");
    assert!(p.is_empty());
    let p = parse("!!! 😀 ---");
    assert_eq!(p.len(), 3);
    let Some(parser) = parser() else {
        panic!("the shipped parser does not load");
    };
    // More tags than words, and fewer: the extra ones are ignored.
    let parse = parser.parse(&["Hello", "world"], &[Upos::Intj]);
    assert_eq!(parse.heads.len(), 1);
    let text =
        "The mayor , who was elected in May , said on Tuesday that the budget would be cut .";
    let p = super::super::tagger::tagger().map(|t| {
        let words: Vec<&str> = text.split(' ').collect();
        let tags = t.tag_words(&words);
        parser.parse(&words, &tags)
    });
    let Some(p) = p else { panic!("no tagger") };
    let roots = p.heads.iter().filter(|h| h.is_none()).count();
    assert!(roots >= 1);
    // No word is its own head, and following heads from any word reaches a root.
    for start in 0..p.heads.len() {
        let mut at = start;
        let mut steps = 0;
        while let Some(h) = p.heads[at] {
            assert_ne!(h, at);
            at = h;
            steps += 1;
            assert!(steps <= p.heads.len(), "a cycle through word {start}");
        }
    }
}

#[test]
fn damaged_models_are_errors_not_panics() {
    assert!(Parser::from_bytes(MOVE_BYTES, LABEL_BYTES).is_ok());
    assert!(Parser::from_bytes(b"", LABEL_BYTES).is_err());
    assert!(Parser::from_bytes(LABEL_BYTES, MOVE_BYTES).is_err());
    assert!(Parser::from_bytes(MOVE_BYTES, &LABEL_BYTES[..LABEL_BYTES.len() / 2]).is_err());
    let mut bad = MOVE_BYTES.to_vec();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x10;
    assert!(Parser::from_bytes(&bad, LABEL_BYTES).is_err());
}

/// A few invented sentences in CoNLL-U, written for this test.
const TINY: &str = "\
1\tAnna\tAnna\tPROPN\t_\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\t_\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\t_\t_\t4\tdet\t_\t_
4\tplan\tplan\tNOUN\t_\t_\t5\tnsubj\t_\t_
5\tfailed\tfail\tVERB\t_\t_\t2\tccomp\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_
2\tmayor\tmayor\tNOUN\t_\t_\t3\tnsubj\t_\t_
3\tdenied\tdeny\tVERB\t_\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_
5\treport\treport\tNOUN\t_\t_\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

1\tOfficials\tofficial\tNOUN\t_\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\t_\t_\t0\troot\t_\t_
3\tprices\tprice\tNOUN\t_\t_\t4\tnsubj\t_\t_
4\trose\trise\tVERB\t_\t_\t2\tccomp\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

";

#[test]
fn a_tiny_model_trains_and_learns_its_data() {
    let sentences = treebank::parse(TINY, true).expect("valid CoNLL-U");
    let options = TrainOptions {
        iterations: 10,
        prune: 0.0,
        ..TrainOptions::default()
    };
    let model = train(&sentences, options);
    let again = train(&sentences, options);
    assert_eq!(model.moves, again.moves, "training is deterministic");
    assert_eq!(model.labels, again.labels);
    let scores = evaluate(&model, &sentences, TagSource::Gold).expect("the files decode");
    assert_eq!(scores.words, 17);
    assert!(scores.uas > 99.0, "{scores:?}");
    assert!(scores.las > 99.0, "{scores:?}");
}
