//! Part-of-speech tagging: the 17 Universal Dependencies tags for the tokens of one sentence,
//! from an averaged perceptron trained on the English Web Treebank (see `README.md` here).
//! Knows nothing of cues, sources or attributions; never fails once loaded.
//!
//! The model ships inside the binary (`model.bin`, ~2 MB, `include_bytes!`) and is decoded once,
//! on first use, into a process-wide [`OnceLock`].

mod model;

pub(crate) use model::{
    encode_as, fnv1a, key, mix, Format, Model, ModelError, Trained, Upos, TAGS,
};

use super::token::Token;
use model::Context;
use std::sync::OnceLock;

/// The shipped model, written by `cargo run --release --example train_tagger`.
static MODEL_BYTES: &[u8] = include_bytes!("model.bin");

/// A loaded tagger. Cheap to share: tagging takes `&self`.
pub(crate) struct Tagger {
    model: Model,
}

/// The shipped tagger, decoded on first call (about 20 ms) and shared afterwards.
///
/// `None` only if the model bundled into this binary is damaged, which the tests rule out;
/// callers should then carry on without tags rather than fail.
pub(crate) fn tagger() -> Option<&'static Tagger> {
    static TAGGER: OnceLock<Option<Tagger>> = OnceLock::new();
    TAGGER
        .get_or_init(|| Tagger::from_bytes(MODEL_BYTES).ok())
        .as_ref()
}

impl Tagger {
    /// Reads a model in the format `train_tagger` writes. Errors, never panics, on bad bytes.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Model::decode(bytes).map(|model| Tagger { model })
    }

    /// One tag per token of one sentence. `tokens` should be one sentence from
    /// [`tokenize`](super::token::tokenize): the two words on either side are features, so
    /// tagging a whole article at once works but blurs sentence starts.
    ///
    /// Cost: about 1 µs per token (see `README.md`), no allocation beyond the result and one
    /// scratch vector.
    pub(crate) fn tag(&self, text: &str, tokens: &[Token]) -> Vec<Upos> {
        let ctx = Context::new(tokens.iter().map(|t| t.span.text(text)));
        self.model.tag(&ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::super::Span;
    use super::*;

    fn tags(text: &str) -> Vec<(String, Upos)> {
        let tokens = tokenize(text, Span::new(0, text.len()));
        let Some(tagger) = tagger() else {
            panic!("the shipped tagger model does not load");
        };
        let tags = tagger.tag(text, &tokens);
        assert_eq!(tags.len(), tokens.len());
        tokens
            .iter()
            .zip(tags)
            .map(|(t, u)| (t.span.text(text).to_string(), u))
            .collect()
    }

    fn tag_of(tagged: &[(String, Upos)], word: &str) -> Option<Upos> {
        tagged.iter().find(|(w, _)| w == word).map(|(_, t)| *t)
    }

    #[test]
    fn shipped_model_loads_and_tags_news() {
        let t = tags("“We won’t back down,” the minister told reporters on Tuesday.");
        assert_eq!(tag_of(&t, "minister"), Some(Upos::Noun));
        assert_eq!(tag_of(&t, "told"), Some(Upos::Verb));
        assert_eq!(tag_of(&t, "reporters"), Some(Upos::Noun));
        assert_eq!(tag_of(&t, "Tuesday"), Some(Upos::Propn));
        assert_eq!(tag_of(&t, "n’t"), Some(Upos::Part));
        assert_eq!(tag_of(&t, "“"), Some(Upos::Punct));
        assert_eq!(tag_of(&t, "We"), Some(Upos::Pron));

        let t = tags("Officials said the U.S.-led talks could resume, according to Reuters.");
        assert_eq!(tag_of(&t, "said"), Some(Upos::Verb));
        assert_eq!(tag_of(&t, "could"), Some(Upos::Aux));
        assert_eq!(tag_of(&t, "Reuters"), Some(Upos::Propn));
        assert_eq!(tag_of(&t, "talks"), Some(Upos::Noun));
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(tags("").is_empty());
        assert_eq!(tags("!!! 😀 ---").len(), 3);
        // Tokens whose spans do not fit the text tag as empty words, without panicking.
        let Some(tagger) = tagger() else {
            panic!("the shipped tagger model does not load");
        };
        let tokens = tokenize("a longer text here", Span::new(0, 18));
        assert_eq!(tagger.tag("short", &tokens).len(), tokens.len());
    }

    #[test]
    fn damaged_models_are_errors_not_panics() {
        assert_eq!(Tagger::from_bytes(b"").err(), Some(ModelError::BadMagic));
        assert_eq!(
            Tagger::from_bytes(b"nonsense here").err(),
            Some(ModelError::BadMagic)
        );
        let good = MODEL_BYTES;
        assert!(Tagger::from_bytes(good).is_ok());

        let mut version = good.to_vec();
        version[8] ^= 0x40;
        assert!(matches!(
            Tagger::from_bytes(&version).err(),
            Some(ModelError::Version { .. })
        ));
        // Every truncation and a flipped byte anywhere after the header fail cleanly.
        for cut in [9, 12, 16, 20, 27, 28, 100, good.len() / 2, good.len() - 1] {
            assert!(Tagger::from_bytes(&good[..cut]).is_err(), "cut at {cut}");
        }
        for at in [
            14,
            20,
            24,
            30,
            good.len() / 3,
            good.len() - 9,
            good.len() - 1,
        ] {
            let mut bad = good.to_vec();
            bad[at] ^= 0x01;
            assert!(Tagger::from_bytes(&bad).is_err(), "flip at {at}");
        }
        let mut longer = good.to_vec();
        longer.push(0);
        assert!(Tagger::from_bytes(&longer).is_err());
    }

    #[test]
    fn hashes_are_stable() {
        // The model file stores these hashes: a change here silently breaks the shipped model.
        assert_eq!(model::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(model::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(model::fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
