//! The RDF shape of one article: IRIs, sources, offsets, links, and the rule that a claim's
//! content is never asserted. Extractions are built by hand, so these tests pin the graph
//! module alone; the quads go through a real N-Quads round trip and a real on-disk store.

use std::collections::BTreeSet;

use hearsay::article::Article;
use hearsay::extract::{
    Attribution, Certainty, Extraction, Link, LinkKind, QuoteKind, SourceKind, Span, Stance,
};
use hearsay::graph::vocab::{hs, prov, rdf, schema, xsd};
use hearsay::graph::{article_iri, article_quads, claim_iri, source_iri, source_key};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// Written for these tests: curly quotes and dashes before every span, so byte offsets and
/// code point offsets differ and a mix-up shows.
const TEXT: &str = "Pyongyang’s state media — the Korean Central News Agency — said the leaders \
would meet “soon”. “Dear Comrade Kim will meet Comrade Putin,” it said. “The talks,” Peskov said, \
“may go on for days.” Reuters reported, citing U.S. officials, that Moscow could seek shells. \
The Kremlin denied such claims. The White House did not immediately confirm the report. \
The summit is expected next week, it was reported. The US officials declined to say more.";

/// The byte span of the `nth` (0-based) occurrence of `needle` in `TEXT`.
fn at(needle: &str, nth: usize) -> Span {
    let (start, _) = TEXT
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in the test text"));
    Span::new(start, start + needle.len())
}

/// The sentence around `span`: from after the previous sentence end to the next one, where
/// a sentence ends with "." or ".”" before a space. ("U.S. " counts too; no test reads those.)
fn sentence_of(span: Span) -> Span {
    let ends: Vec<usize> = TEXT
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .chain(TEXT.match_indices(".” ").map(|(i, _)| i + ".”".len()))
        .collect();
    let start = ends
        .iter()
        .filter(|&&e| e <= span.start)
        .max()
        .map_or(0, |e| e + 1);
    let end = ends.iter().filter(|&&e| e >= span.end).min().copied();
    Span::new(start, end.unwrap_or(TEXT.len()))
}

#[allow(clippy::too_many_arguments)]
fn attribution(
    source: &[Span],
    source_name: &str,
    cue: &[Span],
    content: &[Span],
    kind: SourceKind,
    stance: Stance,
    certainty: Certainty,
    quote: QuoteKind,
) -> Attribution {
    let anchor = cue.first().copied().unwrap_or_default();
    Attribution {
        source: source.to_vec(),
        cue: cue.to_vec(),
        content: content.to_vec(),
        sentence: sentence_of(anchor),
        source_name: source_name.to_owned(),
        source_kind: kind,
        stance,
        certainty,
        quote,
        confidence: hearsay::extract::confidence(certainty, kind, !source.is_empty()),
    }
}

fn article() -> Article {
    Article {
        origin: "tests/graph.rs".into(),
        id: Some("kim-putin-1".into()),
        title: Some("Kim will visit Russia".into()),
        date: chrono::NaiveDate::from_ymd_opt(2023, 9, 11),
        url: Some("https://example.org/news/kim-putin".into()),
        publisher: Some("Example News".into()),
        author: Some("A. Reporter".into()),
        text: TEXT.into(),
    }
}

/// Positions: 0 KCNA said, 1 "it said" (pronoun), 2 Peskov (split content), 3 Reuters
/// reported, 4 U.S. officials (relayed by 3), 5 Kremlin denied 4, 6 White House declines to
/// confirm 3, 7 no source, 8 "The US officials" (same source as 4).
fn extraction() -> Extraction {
    use Certainty::*;
    use QuoteKind::*;
    use SourceKind::*;
    use Stance::*;
    let attributions = vec![
        attribution(
            &[at("Korean Central News Agency", 0)],
            "",
            &[at("said", 0)],
            &[at("the leaders would meet “soon”", 0)],
            Media,
            Asserted,
            Certain,
            Mixed,
        ),
        attribution(
            &[at("it", 0)],
            "Korean Central News Agency",
            &[at("said", 1)],
            &[at("Dear Comrade Kim will meet Comrade Putin,", 0)],
            Media,
            Asserted,
            Certain,
            Direct,
        ),
        attribution(
            &[at("Peskov", 0)],
            "",
            &[at("said", 2)],
            &[at("The talks", 0), at("may go on for days.", 0)],
            Person,
            Asserted,
            Possible,
            Direct,
        ),
        attribution(
            &[at("Reuters", 0)],
            "",
            &[at("reported", 0)],
            &[at("Moscow could seek shells", 0)],
            Media,
            Asserted,
            Possible,
            Indirect,
        ),
        attribution(
            &[at("U.S. officials", 0)],
            "",
            &[at("citing", 0)],
            &[at("Moscow could seek shells", 0)],
            OfficialGroup,
            Asserted,
            Possible,
            Indirect,
        ),
        attribution(
            &[at("The Kremlin", 0)],
            "",
            &[at("denied", 0)],
            &[at("such claims", 0)],
            Government,
            Denied,
            Unknown,
            Indirect,
        ),
        attribution(
            &[at("The White House", 0)],
            "",
            &[at("did not immediately confirm", 0)],
            &[at("the report", 0)],
            Government,
            Unconfirmed,
            Unknown,
            Indirect,
        ),
        attribution(
            &[],
            "",
            &[at("it was reported", 0)],
            &[at("The summit is expected next week", 0)],
            Anonymous,
            Asserted,
            Probable,
            Indirect,
        ),
        attribution(
            &[at("The US officials", 0)],
            "",
            &[at("declined", 0)],
            &[at("to say more", 0)],
            OfficialGroup,
            Unconfirmed,
            Unknown,
            Indirect,
        ),
    ];
    let link = |from, kind, to| Link { from, kind, to };
    Extraction {
        attributions,
        links: vec![
            link(3, LinkKind::Relays, 4),
            link(5, LinkKind::Denies, 4),
            link(6, LinkKind::DeclinesToConfirm, 3),
            link(1, LinkKind::Corroborates, 0),
            // Duplicates, self-links and links off the end are dropped, not fatal.
            link(5, LinkKind::Denies, 4),
            link(2, LinkKind::Denies, 2),
            link(0, LinkKind::Denies, 99),
        ],
    }
}

fn objects(quads: &[Quad], subject: &NamedNode, predicate: NamedNodeRef<'_>) -> Vec<Term> {
    quads
        .iter()
        .filter(|q| q.subject == subject.clone().into() && q.predicate == predicate)
        .map(|q| q.object.clone())
        .collect()
}

fn one(quads: &[Quad], subject: &NamedNode, predicate: NamedNodeRef<'_>) -> Term {
    let found = objects(quads, subject, predicate);
    assert_eq!(found.len(), 1, "{subject} {predicate}: {found:?}");
    found[0].clone()
}

fn int(term: &Term) -> usize {
    match term {
        Term::Literal(l) if l.datatype() == xsd::INTEGER => l.value().parse().unwrap_or(usize::MAX),
        other => panic!("not an xsd:integer: {other}"),
    }
}

fn string(term: &Term) -> &str {
    match term {
        Term::Literal(l) if l.datatype() == xsd::STRING => l.value(),
        other => panic!("not a string: {other}"),
    }
}

fn chars(start: usize, end: usize) -> String {
    TEXT.chars().skip(start).take(end - start).collect()
}

#[test]
fn iris_are_deterministic_and_follow_the_scheme() {
    let a = article_iri(&article());
    assert_eq!(a, article_iri(&article().clone()));
    let id = a
        .as_str()
        .strip_prefix("https://w3id.org/hearsay/id/article/")
        .unwrap_or_else(|| panic!("unexpected article IRI {a}"));
    assert_eq!(id.len(), 16);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    // Keyed on the URL: an edited text keeps its IRI (and so its graph is replaced).
    let mut edited = article();
    edited.text.push_str(" Updated.");
    assert_eq!(article_iri(&edited), a);
    assert_eq!(
        claim_iri(&a, 3).as_str(),
        format!("https://w3id.org/hearsay/id/claim/{id}-3")
    );
    assert_eq!(
        source_iri(&source_key("The U.S. officials")).as_str(),
        "https://w3id.org/hearsay/id/source/us-officials"
    );
}

#[test]
fn rerunning_gives_identical_quads() {
    let first = article_quads(&article(), &extraction());
    let second = article_quads(&article(), &extraction());
    assert_eq!(first, second, "same input, same quads in the same order");
    let unique: BTreeSet<String> = first.iter().map(ToString::to_string).collect();
    assert_eq!(unique.len(), first.len(), "no quad twice");
}

#[test]
fn everything_lives_in_the_article_graph() {
    let quads = article_quads(&article(), &extraction());
    let graph = GraphName::NamedNode(article_iri(&article()));
    assert!(quads.iter().all(|q| q.graph_name == graph));
    let a = article_iri(&article());
    assert_eq!(
        objects(&quads, &a, rdf::TYPE),
        vec![
            Term::from(hs::ARTICLE.into_owned()),
            schema::NEWS_ARTICLE.into_owned().into()
        ]
    );
    assert_eq!(
        one(&quads, &a, schema::DATE_PUBLISHED),
        Literal::new_typed_literal("2023-09-11", xsd::DATE).into()
    );
    assert_eq!(
        one(&quads, &a, schema::URL),
        Literal::new_typed_literal("https://example.org/news/kim-putin", xsd::ANY_URI).into()
    );
    assert_eq!(
        string(&one(&quads, &a, schema::HEADLINE)),
        "Kim will visit Russia"
    );
    assert_eq!(string(&one(&quads, &a, hs::PUBLISHER_NAME)), "Example News");
    assert_eq!(string(&one(&quads, &a, hs::AUTHOR_NAME)), "A. Reporter");
    assert_eq!(string(&one(&quads, &a, schema::IDENTIFIER)), "kim-putin-1");
    assert_eq!(string(&one(&quads, &a, hs::TEXT)), TEXT);
}

#[test]
fn claims_carry_their_parts_and_code_point_offsets() {
    let quads = article_quads(&article(), &extraction());
    let a = article_iri(&article());
    let peskov = claim_iri(&a, 2);
    assert_eq!(
        one(&quads, &peskov, hs::ARTICLE_PROP),
        Term::from(a.clone())
    );
    assert_eq!(int(&one(&quads, &peskov, hs::POSITION)), 2);
    assert_eq!(
        string(&one(&quads, &peskov, schema::TEXT)),
        "The talks … may go on for days."
    );
    assert_eq!(string(&one(&quads, &peskov, hs::CUE)), "said");
    assert_eq!(string(&one(&quads, &peskov, hs::SOURCE_TEXT)), "Peskov");
    assert_eq!(
        string(&one(&quads, &peskov, hs::SENTENCE)),
        "“The talks,” Peskov said, “may go on for days.”"
    );
    assert_eq!(
        one(&quads, &peskov, hs::STANCE_PROP),
        hs::ASSERTED.into_owned().into()
    );
    assert_eq!(
        one(&quads, &peskov, hs::CERTAINTY_PROP),
        hs::POSSIBLE.into_owned().into()
    );
    assert_eq!(
        one(&quads, &peskov, hs::QUOTE_KIND_PROP),
        hs::DIRECT_QUOTE.into_owned().into()
    );
    assert_eq!(
        one(&quads, &peskov, hs::CONFIDENCE),
        Literal::new_typed_literal("0.5", xsd::DOUBLE).into()
    );
    // Offsets are code points: slicing the text by chars gives the spans back.
    let span = |start, end| {
        chars(
            int(&one(&quads, &peskov, start)),
            int(&one(&quads, &peskov, end)),
        )
    };
    assert_eq!(span(hs::SOURCE_START, hs::SOURCE_END), "Peskov");
    assert_eq!(span(hs::CUE_START, hs::CUE_END), "said");
    // A split content's extent runs from its first part's start to its last part's end.
    assert_eq!(
        span(hs::CONTENT_START, hs::CONTENT_END),
        "The talks,” Peskov said, “may go on for days."
    );
    // Byte offsets would be larger: the text has multi-byte characters before the claim.
    let start = int(&one(&quads, &peskov, hs::SOURCE_START));
    assert!(start < at("Peskov", 0).start);
}

#[test]
fn a_pronoun_source_is_its_antecedent() {
    let quads = article_quads(&article(), &extraction());
    let a = article_iri(&article());
    let (named, pronoun) = (claim_iri(&a, 0), claim_iri(&a, 1));
    let kcna = source_iri("korean central news agency");
    assert_eq!(
        one(&quads, &named, prov::WAS_ATTRIBUTED_TO),
        Term::from(kcna.clone())
    );
    assert_eq!(
        one(&quads, &pronoun, prov::WAS_ATTRIBUTED_TO),
        Term::from(kcna.clone())
    );
    // The pronoun stays the source as written, with its own offsets.
    assert_eq!(string(&one(&quads, &pronoun, hs::SOURCE_TEXT)), "it");
    let (s, e) = (
        int(&one(&quads, &pronoun, hs::SOURCE_START)),
        int(&one(&quads, &pronoun, hs::SOURCE_END)),
    );
    assert_eq!(chars(s, e), "it");
    // One source node, typed and named once.
    assert_eq!(
        objects(&quads, &kcna, rdf::TYPE),
        vec![
            Term::from(hs::SOURCE.into_owned()),
            prov::AGENT.into_owned().into()
        ]
    );
    assert_eq!(
        string(&one(&quads, &kcna, schema::NAME)),
        "Korean Central News Agency"
    );
    assert_eq!(
        string(&one(&quads, &kcna, hs::KEY)),
        "korean central news agency"
    );
    assert_eq!(
        one(&quads, &kcna, hs::SOURCE_KIND_PROP),
        hs::MEDIA.into_owned().into()
    );
}

#[test]
fn spellings_of_one_source_share_a_node() {
    let quads = article_quads(&article(), &extraction());
    let a = article_iri(&article());
    let officials = source_iri("us officials");
    assert_eq!(
        one(&quads, &claim_iri(&a, 4), prov::WAS_ATTRIBUTED_TO),
        officials.clone().into()
    );
    assert_eq!(
        one(&quads, &claim_iri(&a, 8), prov::WAS_ATTRIBUTED_TO),
        officials.clone().into()
    );
    // Named as first written.
    assert_eq!(
        string(&one(&quads, &officials, schema::NAME)),
        "U.S. officials"
    );
    let sources = quads
        .iter()
        .filter(|q| q.predicate == rdf::TYPE && q.object == hs::SOURCE.into_owned().into())
        .count();
    // KCNA, Peskov, Reuters, US officials, Kremlin, White House.
    assert_eq!(sources, 6);
}

#[test]
fn a_claim_without_a_source_has_no_attribution_or_source_offsets() {
    let quads = article_quads(&article(), &extraction());
    let unsourced = claim_iri(&article_iri(&article()), 7);
    assert!(objects(&quads, &unsourced, prov::WAS_ATTRIBUTED_TO).is_empty());
    assert!(objects(&quads, &unsourced, hs::SOURCE_START).is_empty());
    assert!(objects(&quads, &unsourced, hs::SOURCE_END).is_empty());
    assert!(objects(&quads, &unsourced, hs::SOURCE_TEXT).is_empty());
    assert_eq!(
        string(&one(&quads, &unsourced, schema::TEXT)),
        "The summit is expected next week"
    );
    // probable 0.75 × no source 0.5
    assert_eq!(
        one(&quads, &unsourced, hs::CONFIDENCE),
        Literal::new_typed_literal("0.375", xsd::DOUBLE).into()
    );
}

#[test]
fn links_become_claim_to_claim_triples() {
    let quads = article_quads(&article(), &extraction());
    let a = article_iri(&article());
    let c = |i| claim_iri(&a, i);
    let term = |i| Term::from(claim_iri(&a, i));
    assert_eq!(objects(&quads, &c(3), hs::RELAYS), vec![term(4)]);
    assert_eq!(objects(&quads, &c(3), prov::WAS_QUOTED_FROM), vec![term(4)]);
    assert_eq!(
        objects(&quads, &c(5), hs::DENIES),
        vec![term(4)],
        "duplicate dropped"
    );
    assert_eq!(
        objects(&quads, &c(6), hs::DECLINES_TO_CONFIRM),
        vec![term(3)]
    );
    assert_eq!(objects(&quads, &c(1), hs::CORROBORATES), vec![term(0)]);
    assert!(
        objects(&quads, &c(2), hs::DENIES).is_empty(),
        "self-link dropped"
    );
    assert!(
        objects(&quads, &c(0), hs::DENIES).is_empty(),
        "dangling link dropped"
    );
    let links = quads
        .iter()
        .filter(|q| {
            [
                hs::DENIES,
                hs::DECLINES_TO_CONFIRM,
                hs::CORROBORATES,
                hs::RELAYS,
            ]
            .contains(&q.predicate.as_ref())
        })
        .count();
    assert_eq!(links, 4);
}

#[test]
fn content_is_never_asserted() {
    let article = article();
    let extraction = extraction();
    let quads = article_quads(&article, &extraction);
    let a = article_iri(&article);
    let contents: Vec<String> = extraction
        .attributions
        .iter()
        .map(|x| hearsay::extract::spans_text(&article.text, &x.content))
        .collect();
    let claims: Vec<NamedNode> = (0..contents.len()).map(|i| claim_iri(&a, i)).collect();
    for q in &quads {
        // No RDF 1.2 triple terms: nothing is quoted, so nothing is asserted by quoting.
        assert!(!matches!(q.object, Term::Triple(_)), "triple term in {q}");
        // Every subject is a node hearsay minted, never something made from the content.
        let subject = q.subject.to_string();
        assert!(subject.starts_with("<https://w3id.org/hearsay/id/"), "{q}");
        for content in &contents {
            assert!(!subject.contains(content.as_str()), "{q}");
            assert!(!q.predicate.as_str().contains(content.as_str()), "{q}");
        }
        if let Term::Literal(l) = &q.object {
            if contents.iter().any(|c| c == l.value()) {
                assert_eq!(q.predicate, schema::TEXT, "content as object of {q}");
                let on_its_claim = (0..claims.len())
                    .any(|i| contents[i] == l.value() && q.subject == claims[i].clone().into());
                assert!(on_its_claim, "content on another node: {q}");
            }
        }
    }
    // Each claim has its content once, and only the claim node carries it.
    for (claim, content) in claims.iter().zip(&contents) {
        assert_eq!(string(&one(&quads, claim, schema::TEXT)), content);
        assert_eq!(
            objects(&quads, claim, rdf::TYPE),
            vec![
                Term::from(hs::CLAIM.into_owned()),
                schema::CLAIM.into_owned().into()
            ]
        );
    }
}

#[test]
fn quads_survive_an_n_quads_round_trip() {
    let quads = article_quads(&article(), &extraction());
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in &quads {
        serializer
            .serialize_quad(q)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let bytes = serializer.finish().unwrap_or_else(|e| panic!("{e}"));
    let parsed: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("N-Quads do not parse back: {e}"));
    assert_eq!(parsed, quads, "same quads, same order");
}

#[test]
fn a_store_answers_who_denied_what() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    store
        .extend(article_quads(&article(), &extraction()))
        .unwrap_or_else(|e| panic!("{e}"));
    let query = r#"
        PREFIX hs: <https://w3id.org/hearsay/ontology#>
        PREFIX schema: <http://schema.org/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?who ?what ?whose WHERE { GRAPH ?g {
            ?denial hs:stance hs:Denied ; prov:wasAttributedTo/schema:name ?who ; hs:denies ?claim .
            ?claim schema:text ?what ; prov:wasAttributedTo/schema:name ?whose .
        } }"#;
    let results = SparqlEvaluator::new()
        .parse_query(query)
        .unwrap_or_else(|e| panic!("{e}"))
        .on_store(&store)
        .execute()
        .unwrap_or_else(|e| panic!("{e}"));
    let QueryResults::Solutions(solutions) = results else {
        panic!("not a SELECT result")
    };
    let rows: Vec<Vec<String>> = solutions
        .map(|s| {
            let s = s.unwrap_or_else(|e| panic!("{e}"));
            ["who", "what", "whose"]
                .iter()
                .map(|v| match s.get(*v) {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        vec![vec![
            "The Kremlin".to_owned(),
            "Moscow could seek shells".to_owned(),
            "U.S. officials".to_owned()
        ]]
    );
    // Re-inserting the same quads changes nothing.
    let before = store.len().unwrap_or_default();
    store
        .extend(article_quads(&article(), &extraction()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.len().unwrap_or_default(), before);
}

#[test]
fn a_claim_keeps_a_bounded_part_of_a_giant_sentence() {
    use hearsay::graph::MAX_SENTENCE_BYTES;
    // One sentence of 40 KB without an end, a claim in its middle: the claim keeps the part
    // of the sentence around its cue, in whole words, marked as cut at both ends.
    let filler = "and the rain fell on the quiet town once more ".repeat(400);
    let text = format!("{filler}the mayor said that the bridge would reopen ü{filler}");
    let cue = text.find("said").expect("cue");
    let mut extraction = Extraction::default();
    extraction.attributions.push(Attribution {
        source: vec![Span::new(cue - 10, cue - 1)],
        cue: vec![Span::new(cue, cue + 4)],
        content: vec![Span::new(cue + 10, cue + 38)],
        sentence: Span::new(0, text.len()),
        source_name: String::new(),
        source_kind: SourceKind::Person,
        stance: Stance::Asserted,
        certainty: Certainty::Certain,
        quote: QuoteKind::Indirect,
        confidence: 1.0,
    });
    let long = Article {
        text: text.clone(),
        ..article()
    };
    let quads = article_quads(&long, &extraction);
    let claim = claim_iri(&article_iri(&long), 0);
    let kept = one(&quads, &claim, hs::SENTENCE);
    let kept = string(&kept);
    assert!(kept.len() <= MAX_SENTENCE_BYTES + 8, "{}", kept.len());
    assert!(kept.len() >= MAX_SENTENCE_BYTES / 2, "{}", kept.len());
    assert!(
        kept.contains("the mayor said that the bridge would reopen"),
        "{kept}"
    );
    assert!(kept.starts_with('…') && kept.ends_with('…'), "{kept}");
    // Whole words: the part kept follows a space in the text and a space follows it.
    let inner = kept.trim_start_matches('…').trim_end_matches('…');
    assert!(text.contains(&format!(" {inner} ")), "{kept}");
    // A sentence of ordinary length is kept whole.
    let short = Article {
        text: "The mayor said that the bridge would reopen.".into(),
        ..article()
    };
    extraction.attributions[0].sentence = Span::new(0, short.text.len());
    let quads = article_quads(&short, &extraction);
    let claim = claim_iri(&article_iri(&short), 0);
    assert_eq!(string(&one(&quads, &claim, hs::SENTENCE)), short.text);
}
