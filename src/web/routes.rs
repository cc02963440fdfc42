//! Which handler answers which path: the pages, `/sparql`, the stylesheet, and the IRIs
//! under `/id/`, which give their page or, to a client that asks for RDF, their triples.
//! The only static files are the stylesheet and the icon, compiled in: no path reaches the
//! file system.

use chrono::NaiveDate;

use super::negotiate::{choose, prefers_html};
use super::pages::{self, ClaimsForm};
use super::{sparql, Method, Options, Reply, Request};
use crate::extract::Stance;
use crate::graph::vocab::ID;
use crate::store::{
    write_triples, ClaimFilter, ExportFormat, Lookups, PropositionFilter, Store, StoreError,
    TimelineQuery,
};

/// Propositions shown on the home page.
const HOME_LIST: usize = 10;

/// Answers `request` from `store`.
pub(super) fn route(request: &Request, store: &Store, options: &Options) -> Reply {
    if request.path == "/sparql" {
        return sparql::handle(request, store, options);
    }
    if !matches!(request.method, Method::Get | Method::Head) {
        return Reply::text(405, "pages answer GET only; SPARQL queries go to /sparql")
            .with_header("Allow", "GET, HEAD");
    }
    let result = match request.path.as_str() {
        "/" => home(store),
        "/claims" => Ok(claims(request, store)),
        "/propositions" => contested(store),
        "/style.css" => Ok(
            Reply::bytes(200, "text/css; charset=utf-8", pages::STYLE.into())
                .with_header("Cache-Control", "max-age=3600"),
        ),
        "/favicon.svg" | "/favicon.ico" => {
            Ok(Reply::bytes(200, "image/svg+xml", pages::ICON.into())
                .with_header("Cache-Control", "max-age=86400"))
        }
        path => match path.strip_prefix("/id/") {
            Some(rest) => resource(request, store, rest),
            None => Ok(not_found()),
        },
    };
    result.unwrap_or_else(|error| {
        Reply::html(pages::message("Error", &error.to_string())).with_status(500)
    })
}

fn not_found() -> Reply {
    Reply::html(pages::message(
        "Not found",
        "This store has nothing at this address.",
    ))
    .with_status(404)
}

fn home(store: &Store) -> Result<Reply, StoreError> {
    let counts = (
        store.article_count()?,
        store.claim_count()?,
        store.source_count()?,
    );
    let latest = store.latest_articles(HOME_LIST)?;
    let mut contested = store.propositions(&PropositionFilter {
        contested: true,
        ..PropositionFilter::default()
    })?;
    // Most contested: the most origins on the losing side, then the most overall.
    contested.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.asserting.min(p.denying)),
            std::cmp::Reverse(p.asserting + p.denying),
        )
    });
    contested.truncate(HOME_LIST);
    Ok(Reply::html(pages::home(counts, &latest, &contested)))
}

fn contested(store: &Store) -> Result<Reply, StoreError> {
    let rows = store.propositions(&PropositionFilter {
        contested: true,
        ..PropositionFilter::default()
    })?;
    Ok(Reply::html(pages::propositions(&rows)))
}

/// `/claims`: the form's fields read as `hearsay claims` reads its flags.
fn claims(request: &Request, store: &Store) -> Reply {
    let field = |name: &str| request.param(name).unwrap_or("").to_owned();
    let form = ClaimsForm {
        source: field("source"),
        text: field("text"),
        stance: field("stance"),
        min_confidence: field("min_confidence"),
        since: field("since"),
        until: field("until"),
        page: request
            .param("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0),
    };
    let filter = match claim_filter(&form) {
        Ok(filter) => filter,
        Err(message) => {
            return Reply::html(pages::claims(&form, Err(&message))).with_status(400);
        }
    };
    match store.claims_page(
        &filter,
        form.page.saturating_mul(pages::PAGE_SIZE),
        pages::PAGE_SIZE,
    ) {
        Ok(page) => Reply::html(pages::claims(&form, Ok(&page))),
        Err(error) => Reply::html(pages::claims(&form, Err(&error.to_string()))).with_status(400),
    }
}

fn claim_filter(form: &ClaimsForm) -> Result<ClaimFilter, String> {
    let nonblank = |value: &str| (!value.trim().is_empty()).then(|| value.trim().to_owned());
    let day = |value: &str, name: &str| -> Result<Option<NaiveDate>, String> {
        nonblank(value)
            .map(|v| {
                NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| format!("{name} must be a date written YYYY-MM-DD, not '{v}'"))
            })
            .transpose()
    };
    let stance = nonblank(&form.stance)
        .map(|s| s.parse::<Stance>().map_err(|e| e.to_string()))
        .transpose()?;
    let min_confidence = nonblank(&form.min_confidence)
        .map(|c| match c.parse::<f64>() {
            Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
            _ => Err(format!(
                "confidence must be a number from 0 to 1, not '{c}'"
            )),
        })
        .transpose()?;
    Ok(ClaimFilter {
        source: nonblank(&form.source),
        text: nonblank(&form.text),
        stance,
        min_confidence,
        article: None,
        since: day(&form.since, "since")?,
        until: day(&form.until, "until")?,
    })
}

/// `/id/KIND/ID`: the page of the node `https://w3id.org/hearsay/id/KIND/ID`, or its RDF
/// when the client asks for an RDF format rather than HTML.
fn resource(request: &Request, store: &Store, rest: &str) -> Result<Reply, StoreError> {
    if let Some(node) = rest.strip_suffix("/story") {
        return story(store, node);
    }
    let iri = format!("{ID}{rest}");
    // RDF only for a client that names an RDF format before HTML and before any wildcard:
    // a browser, or curl's `*/*`, gets the page.
    let accept = request.accept.as_deref();
    let rdf = choose(accept, |t| ExportFormat::from_media_type(t).map(Some), None).flatten();
    if let Some(format) = rdf.filter(|_| !prefers_html(accept, ExportFormat::from_media_type)) {
        return describe(store, &iri, format);
    }
    let (kind, id) = rest.split_once('/').unwrap_or((rest, ""));
    let page = match kind {
        "article" => store.article(&iri)?.map(|detail| pages::article(&detail)),
        "claim" => store.claim(&iri)?.map(|detail| pages::claim(&detail)),
        "source" => match store.source(&iri)? {
            Some(detail) => Some(pages::source(&detail, &store.opponents(&iri)?)),
            None => None,
        },
        "proposition" => {
            // Its counts, its claims and their backing read at once, each on its own core
            // when there is one (the claims of a proposition quoted 250 times: 15, 50 and
            // 30 ms on the replica).
            let timeline = TimelineQuery {
                proposition: Some(id.to_owned()),
                ..TimelineQuery::default()
            };
            let (row, (claims, backing)) = rayon::join(
                || store.proposition(id),
                || rayon::join(|| store.timeline(&timeline), || store.backing(&iri)),
            );
            match row? {
                Some(row) => Some(pages::proposition(&row, &claims?, &backing?)),
                None => None,
            }
        }
        _ => None,
    };
    Ok(page.map_or_else(not_found, Reply::html))
}

/// `/id/KIND/ID/story`: the story picture around the source or proposition `KIND/ID`.
fn story(store: &Store, node: &str) -> Result<Reply, StoreError> {
    let iri = format!("{ID}{node}");
    let (kind, id) = node.split_once('/').unwrap_or((node, ""));
    let title = match kind {
        "source" => store.source(&iri)?.map(|detail| {
            detail
                .names
                .into_iter()
                .next()
                .unwrap_or_else(|| id.to_owned())
        }),
        "proposition" => store.proposition_label(id)?,
        _ => None,
    };
    let Some(title) = title else {
        return Ok(not_found());
    };
    let story = store.story(&iri, pages::STORY_NODES)?;
    Ok(Reply::html(pages::story(&iri, &title, &story)))
}

/// The triples about `iri` (its concise bounded description) in `format`.
fn describe(store: &Store, iri: &str, format: ExportFormat) -> Result<Reply, StoreError> {
    let Ok(node) = oxigraph::model::NamedNode::new(iri) else {
        return Ok(Reply::text(404, "not an IRI this store could hold"));
    };
    let triples = match store.query(&format!("DESCRIBE {node}"))? {
        oxigraph::sparql::QueryResults::Graph(triples) => triples.collect::<Result<Vec<_>, _>>()?,
        _ => Vec::new(),
    };
    if triples.is_empty() {
        return Ok(Reply::text(404, "this store says nothing about that IRI"));
    }
    let mut body = Vec::new();
    write_triples(triples, format, &mut body)?;
    Ok(Reply::bytes(200, format.media_type(), body))
}
