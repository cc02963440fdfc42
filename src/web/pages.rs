//! The HTML pages, rendered on the server with maud, which escapes every value it writes:
//! article text, titles and names reach the page as text, never as markup.
//! Pages work without JavaScript (they carry none) and use plain semantic HTML.
//! Knows nothing of HTTP: each function takes what the store returned and gives markup.

use maud::{html, Markup, DOCTYPE};
use oxigraph::model::Term;

use super::charts;
use super::sparql::ResultTable;
use super::Options;
use crate::extract::Stance;
use crate::graph::vocab::{short_form, ID};
use crate::offsets::CodePoints;
use crate::store::{
    ArticleDetail, ArticleRow, BackingRow, ClaimDetail, ClaimRow, ClaimSpans, ClaimsPage, Opponent,
    PropositionRow, SourceDetail, Store, Story, StoryEdgeKind, TimelineRow,
};
use crate::track::{
    confidence_terms, Backing, ConfidenceTerms, OPPOSITION_FACTOR, UNCONFIRMED_FACTOR,
};

/// The stylesheet, served at `/style.css`.
pub const STYLE: &str = include_str!("style.css");

/// The icon, served at `/favicon.svg` (and `/favicon.ico`, where browsers look by default).
pub const ICON: &str = include_str!("favicon.svg");

/// Claims on one page of a listing.
pub const PAGE_SIZE: usize = 50;

/// The queries shipped in `queries/`, offered as examples on the SPARQL page.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("denials", include_str!("../../queries/denials.rq")),
    (
        "claims-by-source",
        include_str!("../../queries/claims-by-source.rq"),
    ),
    (
        "propositions-contested",
        include_str!("../../queries/propositions-contested.rq"),
    ),
    (
        "propositions-corroborated",
        include_str!("../../queries/propositions-corroborated.rq"),
    ),
    (
        "proposition-timeline",
        include_str!("../../queries/proposition-timeline.rq"),
    ),
    (
        "relayed-claims",
        include_str!("../../queries/relayed-claims.rq"),
    ),
    ("hedged", include_str!("../../queries/hedged.rq")),
    (
        "anonymous-only",
        include_str!("../../queries/anonymous-only.rq"),
    ),
    (
        "sources-by-kind",
        include_str!("../../queries/sources-by-kind.rq"),
    ),
    (
        "sources-aliases",
        include_str!("../../queries/sources-aliases.rq"),
    ),
    ("articles", include_str!("../../queries/articles.rq")),
    ("mentions", include_str!("../../queries/mentions.rq")),
];

/// The local path of a hearsay IRI (`https://w3id.org/hearsay/id/claim/…` → `/id/claim/…`),
/// where its page is; `None` for other IRIs.
pub fn local_path(iri: &str) -> Option<String> {
    iri.strip_prefix(ID).map(|rest| format!("/id/{rest}"))
}

/// The frame of every page: header with the site's links, the page's main content, footer.
fn layout(title: &str, rdf: Option<&str>, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · hearsay" }
                link rel="stylesheet" href="/style.css";
                link rel="icon" type="image/svg+xml" href="/favicon.svg";
                @if let Some(iri) = rdf {
                    link rel="alternate" type="text/turtle" href=(local_path(iri).unwrap_or_else(|| iri.to_owned()));
                }
            }
            body {
                header {
                    nav aria-label="Site" {
                        a.brand href="/" { "hearsay" }
                        a href="/claims" { "Claims" }
                        a href="/propositions" { "Contested" }
                        a href="/sparql" { "SPARQL" }
                    }
                }
                main { (main) }
                footer {
                    p {
                        "Claims are what sources said, as reported; hearsay never states them as fact."
                        @if let Some(iri) = rdf {
                            " RDF: " a href=(local_path(iri).unwrap_or_else(|| iri.to_owned())) type="text/turtle" { code { (iri) } }
                            " (ask for " code { "text/turtle" } ")."
                        }
                    }
                }
            }
        }
    }
}

/// A page saying what went wrong.
pub fn message(title: &str, text: &str) -> Markup {
    layout(title, None, html! { h1 { (title) } p { (text) } })
}

pub(super) fn stance_class(stance: Stance) -> &'static str {
    match stance {
        Stance::Asserted => "asserted",
        Stance::Denied => "denied",
        Stance::Unconfirmed => "unconfirmed",
    }
}

/// `n` and its noun, in the singular for one: "1 proposition", "2 propositions".
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn link_to(iri: &str, text: Markup) -> Markup {
    match local_path(iri) {
        Some(path) => html! { a href=(path) { (text) } },
        None => text,
    }
}

fn search_form(text: &str) -> Markup {
    html! {
        form.search role="search" action="/claims" method="get" {
            label for="q" { "Search claims" }
            input #q type="search" name="text" value=(text) placeholder="words in what was said";
            button type="submit" { "Search" }
        }
    }
}

/// Home: counts, a search box, the latest articles and the most contested propositions.
pub fn home(
    counts: (usize, usize, usize),
    latest: &[ArticleRow],
    contested: &[PropositionRow],
) -> Markup {
    let (articles, claims, sources) = counts;
    layout(
        "Home",
        None,
        html! {
            h1 { "hearsay" }
            p.lead { "Who claimed what, how firmly, and who denied it." }
            dl.counts {
                div { dt { "Articles" } dd { (articles) } }
                div { dt { "Claims" } dd { (claims) } }
                div { dt { "Sources" } dd { (sources) } }
            }
            (search_form(""))
            div.columns {
                section aria-labelledby="latest" {
                    h2 #latest { "Latest articles" }
                    ol.articles {
                        @for article in latest { li { (article_line(article)) } }
                    }
                }
                section aria-labelledby="contested" {
                    h2 #contested { "Most contested" }
                    (proposition_list(contested))
                    p { a href="/propositions" { "All contested propositions" } }
                }
            }
        },
    )
}

fn article_line(article: &ArticleRow) -> Markup {
    html! {
        (link_to(&article.iri, html! { (article.title.as_deref().unwrap_or("(untitled)")) }))
        @if let Some(date) = article.date { " " time datetime=(date) { (date) } }
        @if let Some(publisher) = &article.publisher { " · " (publisher) }
    }
}

fn proposition_list(rows: &[PropositionRow]) -> Markup {
    html! {
        ol.propositions {
            @for row in rows {
                li {
                    (link_to(&row.iri, html! { (row.label) }))
                    " " span.counts {
                        span.asserted { (row.asserting) " assert" } ", "
                        span.denied { (row.denying) " deny" }
                        @if row.unconfirmed > 0 { ", " span.unconfirmed { (row.unconfirmed) " decline to confirm" } }
                    }
                }
            }
        }
    }
}

/// Contested propositions.
pub fn propositions(rows: &[PropositionRow]) -> Markup {
    layout(
        "Contested propositions",
        None,
        html! {
            h1 { "Contested propositions" }
            p { "What some sources assert and others deny, by independent origins." }
            @if rows.is_empty() { p { "None in this store." } }
            (proposition_list(rows))
        },
    )
}

/// The claim filters of `hearsay claims`, as the form sends them back.
#[derive(Debug, Default)]
pub struct ClaimsForm {
    pub source: String,
    pub text: String,
    pub stance: String,
    pub min_confidence: String,
    pub since: String,
    pub until: String,
    pub page: usize,
}

/// Claims: the filter form and one page of the claims it selects.
pub fn claims(form: &ClaimsForm, result: Result<&ClaimsPage, &str>) -> Markup {
    let stance_option = |value: &str, label: &str| {
        html! { option value=(value) selected[form.stance == value] { (label) } }
    };
    layout(
        "Claims",
        None,
        html! {
            h1 { "Claims" }
            form.filters action="/claims" method="get" {
                label { "Source " input type="text" name="source" value=(form.source); }
                label { "Text " input type="search" name="text" value=(form.text); }
                label { "Stance "
                    select name="stance" {
                        (stance_option("", "any"))
                        (stance_option("asserted", "asserted"))
                        (stance_option("denied", "denied"))
                        (stance_option("unconfirmed", "unconfirmed"))
                    }
                }
                label { "Confidence at least " input type="number" name="min_confidence" min="0" max="1" step="0.05" value=(form.min_confidence); }
                label { "Since " input type="date" name="since" value=(form.since); }
                label { "Until " input type="date" name="until" value=(form.until); }
                button type="submit" { "Filter" }
            }
            @match result {
                Err(error) => p.error role="alert" { (error) },
                Ok(page) => {
                    @let first = form.page * PAGE_SIZE;
                    p.summary {
                        (counted(page.total, "claim", "claims"))
                        @if !page.rows.is_empty() { "; " (first + 1) "–" (first + page.rows.len()) " shown" }
                    }
                    (claim_table(page.rows.iter()))
                    nav.pager aria-label="Pages" {
                        @if form.page > 0 { a rel="prev" href=(page_link(form, form.page - 1)) { "← Previous" } }
                        @if first + PAGE_SIZE < page.total { a rel="next" href=(page_link(form, form.page + 1)) { "Next →" } }
                    }
                }
            }
        },
    )
}

fn page_link(form: &ClaimsForm, page: usize) -> String {
    form_urlencoded::Serializer::new("/claims?".to_owned())
        .append_pair("source", &form.source)
        .append_pair("text", &form.text)
        .append_pair("stance", &form.stance)
        .append_pair("min_confidence", &form.min_confidence)
        .append_pair("since", &form.since)
        .append_pair("until", &form.until)
        .append_pair("page", &page.to_string())
        .finish()
}

fn claim_table<'a>(rows: impl Iterator<Item = &'a ClaimRow>) -> Markup {
    html! {
        div.scroll {
            table.claims {
                thead { tr { th scope="col" { "Date" } th scope="col" { "Source" } th scope="col" { "Cue" } th scope="col" { "Content" } th scope="col" { "Stance" } th scope="col" { "Confidence" } } }
                tbody {
                    @for row in rows {
                        tr {
                            td { @if let Some(date) = row.date { time datetime=(date) { (date) } } }
                            td { (source_link(row)) }
                            td { (row.cue) }
                            td { (link_to(&row.iri, html! { (row.content) })) }
                            td { span class=(stance_class(row.stance)) { (row.stance) } }
                            td { @if let Some(c) = row.confidence { (format!("{c:.2}")) } }
                        }
                    }
                }
            }
        }
    }
}

/// A claim's source by name, linked to the source's page.
fn source_link(row: &ClaimRow) -> Markup {
    let name = row
        .source_name
        .as_deref()
        .or(row.source_text.as_deref())
        .unwrap_or("—");
    match &row.source_iri {
        Some(iri) => link_to(iri, html! { (name) }),
        None => html! { (name) },
    }
}

/// One claim with its article, sentence and links.
pub fn claim(detail: &ClaimDetail) -> Markup {
    let row = &detail.claim;
    layout(
        &format!("Claim {}", row.id),
        Some(&row.iri),
        html! {
            h1 { "Claim" }
            blockquote { p { (row.content) } }
            dl.facts {
                dt { "Source" } dd { (source_link(row)) }
                dt { "Cue" } dd { (row.cue) }
                dt { "Stance" } dd { span class=(stance_class(row.stance)) { (row.stance) } }
                dt { "Certainty" } dd { (row.certainty) }
                @if let Some(c) = row.confidence { dt { "Confidence" } dd { (format!("{c:.2}")) } }
                dt { "Article" } dd { (link_to(&row.article_iri, html! { (detail.article_title.as_deref().unwrap_or("(untitled)")) })) }
                @if let Some(sentence) = &detail.sentence { dt { "Sentence" } dd { (sentence) } }
            }
            @if !detail.links.is_empty() {
                h2 { "Linked claims" }
                ul {
                    @for link in &detail.links {
                        li {
                            (format!("{:?} {:?}", link.direction, link.kind)) ": "
                            (link_to(&link.other_iri, html! { (link.other_content.as_deref().unwrap_or(&link.other_id)) }))
                            @if let Some(source) = &link.other_source { " (" (source) ")" }
                        }
                    }
                }
            }
        },
    )
}

/// Which part of a claim a stretch of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Cue,
    Source,
    Content,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Cue => "cue",
            Part::Source => "source",
            Part::Content => "content",
        }
    }
}

/// The article's text cut where any claim's source, cue or content starts or ends; each
/// stretch inside one is a `mark` that names every (claim, part) it belongs to, so spans
/// that overlap (a claim inside another's content) still show, and its code point range.
fn highlighted_text(text: &str, claims: &[(ClaimRow, ClaimSpans)]) -> Markup {
    let points = CodePoints::new(text);
    let length = points.len() as u64;
    let mut spans: Vec<(u64, u64, Part, usize)> = Vec::new();
    for (row, found) in claims {
        for (span, part) in [
            (found.source, Part::Source),
            (found.cue, Part::Cue),
            (found.content, Part::Content),
        ] {
            if let Some((start, end)) = span.filter(|(s, e)| s < e && *e <= length) {
                spans.push((start, end, part, row.position as usize));
            }
        }
    }
    let mut cuts: Vec<u64> = vec![0, length];
    cuts.extend(spans.iter().flat_map(|(s, e, _, _)| [*s, *e]));
    cuts.sort_unstable();
    cuts.dedup();
    let byte = |point: u64| points.to_byte(point as usize).unwrap_or(text.len());
    html! {
        @for pair in cuts.windows(2) {
            @let (from, to) = (pair[0], pair[1]);
            @let piece = &text[byte(from)..byte(to)];
            @let inside = parts_covering(&spans, from, to);
            @if inside.is_empty() {
                (piece)
            } @else {
                mark class=(inside[0].0.name())
                    data-parts=(inside.iter().map(|(part, claim)| format!("{claim}:{}", part.name())).collect::<Vec<_>>().join(" "))
                    data-from=(from) data-to=(to) { (piece) }
            }
        }
    }
}

/// The (part, claim) pairs whose span covers `[from, to)`, cue first, then source, content.
fn parts_covering(spans: &[(u64, u64, Part, usize)], from: u64, to: u64) -> Vec<(Part, usize)> {
    let mut inside: Vec<(Part, usize)> = spans
        .iter()
        .filter(|(start, end, _, _)| *start <= from && to <= *end)
        .map(|(_, _, part, claim)| (*part, *claim))
        .collect();
    inside.sort_unstable();
    inside
}

/// An article: its text with every claim's source, cue and content marked, its claims beside.
pub fn article(detail: &ArticleDetail) -> Markup {
    let title = detail.article.title.as_deref().unwrap_or("(untitled)");
    layout(
        title,
        Some(&detail.article.iri),
        html! {
            article.story {
                header {
                    h1 { (title) }
                    p.byline {
                        @if let Some(date) = detail.article.date { time datetime=(date) { (date) } }
                        @if let Some(publisher) = &detail.article.publisher { " · " (publisher) }
                        @if let Some(url) = &detail.url {
                            @if url.starts_with("http://") || url.starts_with("https://") {
                                " · " a href=(url) rel="nofollow noopener" { "original" }
                            }
                        }
                    }
                    p.legend {
                        mark.source { "source" } " " mark.cue { "cue" } " " mark.content { "content" }
                    }
                }
                div.reading {
                    div.text { (highlighted_text(&detail.text, &detail.claims)) }
                    aside aria-labelledby="claims-here" {
                        h2 #claims-here { "Claims (" (detail.claims.len()) ")" }
                        ol.claim-list {
                            @for (row, _) in &detail.claims {
                                li id=(format!("claim-{}", row.position)) {
                                    strong { (source_link(row)) }
                                    " " em { (row.cue) } ": "
                                    (link_to(&row.iri, html! { (row.content) }))
                                    " " span class=(stance_class(row.stance)) { (row.stance) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Opponents listed on a source's page; the rest are counted.
const OPPONENTS_SHOWN: usize = 100;

/// A source: its names, aliases, roles and kind, whom it contradicts and who contradicts
/// it, and its claims over time.
pub fn source(detail: &SourceDetail, opponents: &[Opponent]) -> Markup {
    let name = detail
        .names
        .first()
        .map(String::as_str)
        .unwrap_or("(unnamed source)");
    layout(
        name,
        Some(&detail.iri),
        html! {
            h1 { (name) }
            dl.facts {
                @if detail.names.len() > 1 { dt { "Names" } dd { (detail.names.join("; ")) } }
                @if !detail.aliases.is_empty() { dt { "Also written" } dd { (detail.aliases.join("; ")) } }
                @if !detail.roles.is_empty() { dt { "Role" } dd { (detail.roles.join("; ")) } }
                @if let Some(kind) = detail.kind { dt { "Kind" } dd { (kind) } }
                @if let Some(key) = &detail.key { dt { "Key" } dd { code { (key) } } }
                dt { "Claims" } dd { (detail.claims.len()) }
            }
            p { a href=(story_path(&detail.iri)) { "Story picture: the sources and propositions around " (name) } }
            section.opponents aria-labelledby="opponents" {
                h2 #opponents { "At odds with" }
                @if opponents.is_empty() {
                    p { "No other source takes the opposite side of a proposition " (name) " takes." }
                }
                @for (stance, id, heading, explained) in [
                    (Stance::Denied, "contradicts", "Whom it contradicts", "denies what they assert"),
                    (Stance::Asserted, "contradicted", "Who contradicts it", "asserts what they deny"),
                ] {
                    @let rows = opponents.iter().filter(|o| o.stance == stance).collect::<Vec<_>>();
                    @if !rows.is_empty() {
                        h3 id=(id) { (heading) }
                        p { (name) " " (explained) ":" }
                        div.scroll {
                            table.opponents aria-labelledby=(id) {
                                thead { tr { th scope="col" { "Source" } th scope="col" { "Its stance" } th scope="col" { "Proposition" } } }
                                tbody {
                                    @for o in rows.iter().take(OPPONENTS_SHOWN) {
                                        tr {
                                            td { (link_to(&o.other_iri, html! { (o.other_name.as_deref().unwrap_or("unnamed")) })) }
                                            td { span class=(stance_class(o.other_stance)) { (o.other_stance) } }
                                            td { (link_to(&o.proposition_iri, html! { (o.proposition_label) })) }
                                        }
                                    }
                                }
                            }
                        }
                        @if rows.len() > OPPONENTS_SHOWN { p { "and " (rows.len() - OPPONENTS_SHOWN) " more." } }
                    }
                }
            }
            h2 { "Claims over time" }
            (claim_table(detail.claims.iter()))
        },
    )
}

/// The path of the story picture around a hearsay node.
pub fn story_path(iri: &str) -> String {
    format!("{}/story", local_path(iri).unwrap_or_default())
}

/// A proposition: its claims on each side, its independent origins, its confidence with the
/// terms of its formula, and its claims over time as a chart.
pub fn proposition(row: &PropositionRow, claims: &[TimelineRow], backing: &[BackingRow]) -> Markup {
    let side = |stance: Stance| {
        claims
            .iter()
            .filter(|c| c.proposition_stance.unwrap_or(c.stance) == stance)
            .collect::<Vec<_>>()
    };
    let mut origins: Vec<&str> = claims
        .iter()
        .filter_map(|c| c.origin.as_deref().or(c.source.as_deref()))
        .collect();
    origins.sort_unstable();
    origins.dedup();
    layout(
        &row.label,
        Some(&row.iri),
        html! {
            h1 { (row.label) }
            dl.facts {
                dt { "Confidence" } dd { @match row.confidence { Some(c) => (format!("{c:.2}")), None => "—" } }
                dt { "Independent origins asserting" } dd { (row.asserting) }
                dt { "denying" } dd { (row.denying) }
                dt { "declining to confirm" } dd { (row.unconfirmed) }
                dt { "Claims" } dd { (row.claims) " in " (counted(row.articles, "article", "articles")) }
                @if let Some(date) = row.first_seen { dt { "First seen" } dd { time datetime=(date) { (date) } } }
            }
            div.columns {
                @for (stance, heading) in [(Stance::Asserted, "Asserted by"), (Stance::Denied, "Denied by"), (Stance::Unconfirmed, "Not confirmed by")] {
                    @let rows = side(stance);
                    @if !rows.is_empty() {
                        section {
                            h2 class=(stance_class(stance)) { (heading) }
                            ul {
                                @for c in rows {
                                    li {
                                        strong { (c.source.as_deref().or(c.source_text.as_deref()).unwrap_or("unnamed")) }
                                        " " (c.cue) ": " (c.content)
                                        br;
                                        small {
                                            @if let Some(date) = c.date { time datetime=(date) { (date) } " · " }
                                            (link_to(&c.article_iri, html! { (c.title.as_deref().or(c.publisher.as_deref()).unwrap_or("article")) }))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Independent origins" }
            ul { @for origin in origins { li { (origin) } } }
            p { a href=(story_path(&row.iri)) { "Story picture: the sources around this proposition" } }
            h2 #over-time { "Over time" }
            (charts::timeline(claims))
            (confidence_section(row.confidence, backing))
        },
    )
}

/// A number as the formula pages show it.
fn figure(x: f64) -> String {
    format!("{x:.3}")
}

/// `1 − Π(1 − w)` written out over the weights of one side's origins.
fn combined(terms: &ConfidenceTerms<'_>, stance: Stance, result: f64) -> String {
    let factors: Vec<String> = terms
        .origins
        .iter()
        .filter(|t| t.stance == stance)
        .map(|t| format!("(1 − {})", figure(t.weight)))
        .collect();
    if factors.is_empty() {
        "0 (no origin)".to_owned()
    } else {
        format!("1 − {} = {}", factors.join(" × "), figure(result))
    }
}

/// The confidence of a proposition, term by term, as `crate::track::proposition_confidence`
/// computes it from the claims the store holds now, beside the value the store holds.
fn confidence_section(stored: Option<f64>, backing: &[BackingRow]) -> Markup {
    let claims: Vec<Backing<'_>> = backing.iter().map(BackingRow::as_backing).collect();
    let terms = confidence_terms(&claims);
    let name = |origin: &str| {
        backing
            .iter()
            .find(|b| b.origin == origin)
            .and_then(|b| b.origin_name.clone())
            .unwrap_or_else(|| "no source named (the claim counts alone)".to_owned())
    };
    html! {
        section.confidence aria-labelledby="confidence" {
            h2 #confidence { "How its confidence is computed" }
            p {
                "How well the store backs it, not whether it is true. Each independent origin counts once, "
                "by its strongest claim on each side: weight w = 0.6 × certainty weight × source kind weight."
            }
            div.scroll {
                table.terms {
                    thead { tr { th scope="col" { "Origin" } th scope="col" { "Side" } th scope="col" { "Certainty (weight)" } th scope="col" { "Source kind (weight)" } th scope="col" { "w" } } }
                    tbody {
                        @for t in &terms.origins {
                            tr {
                                td { (link_to(t.origin, html! { (name(t.origin)) })) }
                                td { span class=(stance_class(t.stance)) { (t.stance) } }
                                td { (t.certainty.0) " (" (t.certainty.1) ")" }
                                td { @match t.kind.0 { Some(kind) => (kind), None => "none" } " (" (t.kind.1) ")" }
                                td.weight { (figure(t.weight)) }
                            }
                        }
                    }
                }
            }
            dl.facts.formula {
                dt { "support" } dd.support { (combined(&terms, Stance::Asserted, terms.support)) }
                dt { "opposition" } dd.opposition { (combined(&terms, Stance::Denied, terms.opposition)) }
                dt { "declining to confirm" } dd { (terms.unconfirmed) }
                dt { "confidence" }
                dd.result {
                    "support × (1 − " (OPPOSITION_FACTOR) " × opposition) × " (UNCONFIRMED_FACTOR) "^" (terms.unconfirmed) " = "
                    (figure(terms.support)) " × (1 − " (OPPOSITION_FACTOR) " × " (figure(terms.opposition)) ") × "
                    (figure(UNCONFIRMED_FACTOR.powi(terms.unconfirmed as i32))) " = "
                    strong data-confidence=(terms.confidence) { (figure(terms.confidence)) }
                }
            }
            @match stored {
                Some(value) if (value - terms.confidence).abs() < 1e-6 => p { "The store holds the same value, " (value) "." },
                Some(value) => p.error { "The store holds " (value) ", computed when its propositions were last refreshed." },
                None => p { "The store holds no confidence for it." },
            }
        }
    }
}

/// Nodes at most in a story picture.
pub const STORY_NODES: usize = 40;

/// The story picture around a source or a proposition, with the same network as a list.
pub fn story(center: &str, title: &str, story: &Story) -> Markup {
    layout(
        &format!("Story: {title}"),
        Some(center),
        html! {
            h1 { "Story: " (link_to(center, html! { (title) })) }
            p {
                "Sources on the left, propositions on the right; lines in green assert, in red deny, "
                "in brown decline to confirm; grey arcs on the left join a source to the source it relays."
            }
            @if story.sources.is_empty() && story.propositions.is_empty() {
                p { "No proposition in the store connects to it." }
            } @else {
                figure.chart.story {
                    (charts::story(story))
                    figcaption {
                        (counted(story.sources.len(), "source", "sources")) " and " (counted(story.propositions.len(), "proposition", "propositions"))
                        @if story.left_out > 0 { "; " span.left-out { (story.left_out) } " more left out (at most " (STORY_NODES) " are drawn)" }
                        "."
                    }
                }
                h2 #as-list { "The same, as a list" }
                ul.story-edges aria-labelledby="as-list" {
                    @for &(from, to, kind) in &story.edges {
                        li {
                            (link_to(&story.sources[from].iri, html! { (story.sources[from].label) }))
                            @match kind {
                                StoryEdgeKind::Takes(stance) => {
                                    " " span class=(stance_class(stance)) { (charts::verb(stance)) } " "
                                    (link_to(&story.propositions[to].iri, html! { (story.propositions[to].label) }))
                                },
                                StoryEdgeKind::Relays => {
                                    " relays " (link_to(&story.sources[to].iri, html! { (story.sources[to].label) }))
                                },
                            }
                        }
                    }
                }
            }
        },
    )
}

/// A term in a results table: hearsay IRIs link to their pages.
fn term(term: &Term) -> Markup {
    match term {
        Term::NamedNode(node) => match local_path(node.as_str()) {
            Some(path) => html! { a href=(path) { (short_form(term)) } },
            None => html! { (short_form(term)) },
        },
        other => html! { (short_form(other)) },
    }
}

/// The SPARQL page: a query box with the shipped queries as examples, and the results of
/// the query asked, as a table, or its error.
pub fn sparql(
    _store: &Store,
    options: &Options,
    query: Option<&str>,
    result: Option<Result<&ResultTable, &str>>,
) -> Markup {
    let text = query.unwrap_or(EXAMPLES[0].1);
    layout(
        "SPARQL",
        None,
        html! {
            h1 { "SPARQL" }
            p {
                "The default graph is the union of the article graphs; the prefixes "
                code { "hs: article: claim: source: proposition: hsid: schema: prov: rdf: rdfs: xsd:" }
                " are declared. "
                @if let Some(limit) = options.query_timeout { "Queries stop after " (limit.as_secs_f64()) " s and show at most " } @else { "Queries show at most " }
                (options.max_rows) " rows. Tools can use this address as a SPARQL 1.1 endpoint."
            }
            form.query action="/sparql" method="post" {
                label for="query" { "Query" }
                textarea #query name="query" rows="14" spellcheck="false" { (text) }
                button type="submit" { "Run" }
            }
            details.examples {
                summary { "Examples from " code { "queries/" } }
                ul {
                    @for (name, example) in EXAMPLES {
                        li { a href=(format!("/sparql?query={}", form_urlencoded::byte_serialize(example.as_bytes()).collect::<String>())) { (name) ".rq" } }
                    }
                }
            }
            @match result {
                None => {},
                Some(Err(message)) => p.error role="alert" { (message) },
                Some(Ok(table)) => {
                    p.summary { (counted(table.rows.len(), "row", "rows")) @if table.truncated { " (the first " (options.max_rows) " only)" } }
                    div.scroll {
                        table.results {
                            thead { tr { @for column in &table.columns { th scope="col" { (column) } } } }
                            tbody {
                                @for row in &table.rows {
                                    tr { @for value in row { td { @if let Some(value) = value { (term(value)) } } } }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
