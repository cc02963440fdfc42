//! The labels extraction puts on an attribution, through the public API: stance (a denial
//! needs a claim as its object; a negated or refused verb of saying leaves the content
//! unconfirmed) and source kind (the convention of `../shared/EVALUATION.md`). Every sentence
//! here was written for this file.

use hearsay::extract::{extract, spans_text, SourceKind, Stance};

/// The stance of the only attribution of `text` whose cue contains `cue`.
#[track_caller]
fn stance(text: &str, cue: &str) -> Stance {
    let ex = extract(text);
    let found: Vec<_> = ex
        .attributions
        .iter()
        .filter(|a| spans_text(text, &a.cue).contains(cue))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one attribution with cue {cue:?} in {text:?}"
    );
    found[0].stance
}

/// The source and kind of every attribution of `text`.
fn kinds(text: &str) -> Vec<(String, SourceKind)> {
    extract(text)
        .attributions
        .iter()
        .map(|a| (spans_text(text, &a.source), a.source_kind))
        .collect()
}

#[track_caller]
fn check_kind(text: &str, source: &str, kind: SourceKind) {
    let got = kinds(text);
    assert!(
        got.iter().any(|(s, k)| s == source && *k == kind),
        "{source:?} as {kind} in {text:?}; got {got:?}"
    );
}

#[test]
fn rejecting_or_dismissing_a_claim_denies_it() {
    for (text, cue) in [
        (
            "The ministry rejected the allegations of fraud at the depot.",
            "rejected",
        ),
        (
            "The mayor dismissed reports that the bridge was unsafe.",
            "dismissed",
        ),
        (
            "The mill owner rejected claims that wages were cut.",
            "rejected",
        ),
        (
            "The coach dismissed the rumours about his contract.",
            "dismissed",
        ),
        ("The firm denounced the leaked memo as fake.", "denounced"),
        (
            "The minister rejected that argument in a letter.",
            "rejected",
        ),
        (
            "The harbour master disputes the idea that the quay flooded.",
            "disputes",
        ),
        ("The council denied that it had sold the park.", "denied"),
    ] {
        assert_eq!(stance(text, cue), Stance::Denied, "{text}");
    }
}

#[test]
fn rejecting_a_plan_or_denouncing_an_act_denies_no_claim() {
    for (text, cue) in [
        (
            "The union rejected the plan to close the depot.",
            "rejected",
        ),
        ("The mayor denounced the attack on the ferry.", "denounced"),
        (
            "The judge rejected a request to move the trial.",
            "rejected",
        ),
        (
            "The governor dismissed the port director as too slow to act.",
            "dismissed",
        ),
    ] {
        assert_eq!(stance(text, cue), Stance::Asserted, "{text}");
    }
    // Refusing someone a permit is no speech act: whether or not it is kept as an attribution,
    // nothing in it is denied.
    let text = "The board could deny them building permits.";
    assert!(
        extract(text)
            .attributions
            .iter()
            .all(|a| a.stance != Stance::Denied),
        "{text}"
    );
}

#[test]
fn negated_or_refused_saying_leaves_the_content_unconfirmed() {
    for (text, cue) in [
        (
            "The ferry company did not disclose whether the captain was fired.",
            "disclose",
        ),
        (
            "The coach did not concede that the team had lost its edge.",
            "concede",
        ),
        (
            "The mayor declined to say whether the budget would pass.",
            "say",
        ),
        (
            "Through a spokesman, the brewer declined to comment.",
            "declined",
        ),
        (
            "The harbour office would not confirm the ship's name.",
            "confirm",
        ),
        ("The club did not deny the report.", "deny"),
        ("Lee has not said when the vote will be held.", "said"),
    ] {
        assert_eq!(stance(text, cue), Stance::Unconfirmed, "{text}");
    }
}

#[test]
fn a_negated_belief_and_a_refused_act_still_assert() {
    for (text, cue) in [
        ("The engineer does not think the dam will hold.", "think"),
        ("The senator refused to criticize the mayor.", "refused"),
    ] {
        assert_eq!(stance(text, cue), Stance::Asserted, "{text}");
    }
}

#[test]
fn a_named_or_described_individual_is_a_person_whatever_the_role() {
    check_kind(
        "Doug Pellman, a spokesman for the Harbor Cooperative, said the boats were safe.",
        "Doug Pellman, a spokesman for the Harbor Cooperative",
        SourceKind::Person,
    );
    check_kind(
        "An Interpol spokesperson said the notice had been issued.",
        "An Interpol spokesperson",
        SourceKind::Person,
    );
    check_kind(
        "A Tribune reporter said the hall was empty.",
        "A Tribune reporter",
        SourceKind::Person,
    );
    check_kind(
        "Mara Lind, the ministry's deputy director, said the audit was done.",
        "Mara Lind, the ministry's deputy director",
        SourceKind::Person,
    );
}

#[test]
fn international_bodies_and_companies_are_organizations() {
    for (text, source) in [
        ("Interpol said the suspect had fled.", "Interpol"),
        ("NATO said the drills would go ahead.", "NATO"),
        (
            "The United Nations Security Council said the blockade must end.",
            "The United Nations Security Council",
        ),
        ("The bloc said it would review the tariffs.", "The bloc"),
        (
            "Valley Dairy, a farmers' cooperative, said milk prices would fall.",
            "Valley Dairy, a farmers' cooperative",
        ),
        (
            "Nordhaven Airlines said the flight was delayed.",
            "Nordhaven Airlines",
        ),
    ] {
        check_kind(text, source, SourceKind::Organization);
    }
}

#[test]
fn news_outlets_are_media() {
    check_kind(
        "Al Jazeera reported that the border was closed.",
        "Al Jazeera",
        SourceKind::Media,
    );
    check_kind(
        "An editorial in the Courier said the plan was doomed.",
        "An editorial in the Courier",
        SourceKind::Media,
    );
}

#[test]
fn unnamed_officials_in_the_plural_are_an_official_group() {
    check_kind(
        "Representatives from Norland said the talks had stalled.",
        "Representatives from Norland",
        SourceKind::OfficialGroup,
    );
    check_kind(
        "A number of other members of parliament said the bill would fail.",
        "A number of other members of parliament",
        SourceKind::OfficialGroup,
    );
}

#[test]
fn a_source_on_condition_of_anonymity_is_anonymous() {
    let text = "“The plant will close,” said a manager who spoke on condition of anonymity.";
    let got = kinds(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, SourceKind::Anonymous, "{got:?}");
}

#[test]
fn a_pronoun_takes_its_antecedents_kind() {
    // Without an antecedent "it" would be an organization: the outlet makes it media.
    let text = "The Daily Courier reported the fire on Monday. It said two people were hurt.";
    let got = kinds(text);
    assert!(
        got.iter()
            .any(|(s, k)| s == "It" && *k == SourceKind::Media),
        "{got:?}"
    );
}

#[test]
fn a_document_takes_the_kind_of_whoever_issues_it() {
    check_kind(
        "A UN report said the harvest had failed.",
        "A UN report",
        SourceKind::Organization,
    );
    check_kind(
        "A short note on the ministry's website said the border was open.",
        "A short note on the ministry's website",
        SourceKind::Government,
    );
    check_kind(
        "A report in the Daily Courier said the mill would close.",
        "A report in the Daily Courier",
        SourceKind::Media,
    );
}
