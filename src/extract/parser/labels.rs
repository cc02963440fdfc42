//! The dependency relations the parser predicts: the universal relations of UD English and
//! the subtypes English Web Treebank uses often (`nsubj:pass`, `acl:relcl`, `nmod:poss`, …).
//! Rarer subtypes fold into their universal relation.

/// Number of relations: the width of the label model's weight rows.
pub(crate) const LABELS: usize = 50;

/// Relation names, in the order the label model stores them (most frequent in EWT train first).
const NAMES: [&str; LABELS] = [
    "punct",
    "case",
    "nsubj",
    "det",
    "root",
    "advmod",
    "obj",
    "amod",
    "obl",
    "conj",
    "compound",
    "mark",
    "nmod",
    "cc",
    "aux",
    "cop",
    "advcl",
    "nmod:poss",
    "xcomp",
    "ccomp",
    "acl:relcl",
    "flat",
    "parataxis",
    "nummod",
    "appos",
    "acl",
    "aux:pass",
    "nsubj:pass",
    "obl:unmarked",
    "nmod:unmarked",
    "discourse",
    "compound:prt",
    "iobj",
    "list",
    "expl",
    "fixed",
    "nmod:desc",
    "obl:agent",
    "csubj",
    "nsubj:outer",
    "det:predet",
    "vocative",
    "goeswith",
    "advcl:relcl",
    "cc:preconj",
    "reparandum",
    "orphan",
    "dislocated",
    "dep",
    "clf",
];

/// A dependency relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Label(pub(crate) u8);

impl Label {
    /// The relation of a sentence's head word to the root.
    pub(crate) const ROOT: Label = Label(4);
    /// Unspecified dependency: the label before one is predicted.
    pub(crate) const DEP: Label = Label(48);

    /// The relation named `name` (`nsubj:pass`); a subtype not in the set folds into its
    /// universal relation, and an unknown relation into `dep`.
    pub(crate) fn from_name(name: &str) -> Label {
        let find = |n: &str| NAMES.iter().position(|&m| m == n);
        let universal = name.split(':').next().unwrap_or(name);
        find(name)
            .or_else(|| find(universal))
            .map_or(Label::DEP, |i| Label(i as u8))
    }

    /// The class index `i` of the label model; `None` past the set.
    pub(crate) fn from_index(i: usize) -> Option<Label> {
        (i < LABELS).then_some(Label(i as u8))
    }

    /// The full name, with its subtype (`nsubj:pass`).
    pub(crate) fn name(self) -> &'static str {
        NAMES.get(usize::from(self.0)).copied().unwrap_or("dep")
    }

    /// The universal relation, without the subtype (`nsubj`).
    pub(crate) fn universal(self) -> &'static str {
        let name = self.name();
        name.split(':').next().unwrap_or(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_fold() {
        for i in 0..LABELS {
            let l = Label::from_index(i).expect("in range");
            assert_eq!(Label::from_name(l.name()), l);
        }
        assert_eq!(Label::from_name("root"), Label::ROOT);
        assert_eq!(Label::from_name("dep"), Label::DEP);
        assert_eq!(Label::from_name("csubj:pass").name(), "csubj");
        assert_eq!(Label::from_name("nsubj:pass").universal(), "nsubj");
        assert_eq!(Label::from_name("nonsense"), Label::DEP);
        assert_eq!(Label::from_index(LABELS), None);
    }
}
