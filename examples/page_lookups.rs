//! Times the store lookups behind each web page on a store opened read-only, as
//! `hearsay serve --http` opens it: first what a fresh server computes once (its memo), then
//! the median of RUNS calls of each page's lookups. For profiling the pages that
//! `benches/web.sh` finds slow; the page timings themselves come from `benches/web.sh`.
//!
//!   cargo run --release --example page_lookups -- STORE [RUNS [PROPOSITION]]
//!
//! Given a PROPOSITION's id, only its page's lookups are timed.

use std::time::Instant;

use hearsay::store::{ClaimFilter, Lookups, PropositionFilter, Store, TimelineQuery};
use hearsay::Stance;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: page_lookups STORE [RUNS]")?;
    let runs: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let only = args.next();

    let once = |name: &str, f: &mut dyn FnMut() -> Result<String, Box<dyn std::error::Error>>| {
        let started = Instant::now();
        let said = f();
        println!(
            "{name:<34} {:>9.1} ms  {}",
            started.elapsed().as_secs_f64() * 1000.0,
            said.unwrap_or_else(|e| format!("error: {e}"))
        );
    };
    let median = |name: &str, f: &mut dyn FnMut() -> Result<String, Box<dyn std::error::Error>>| {
        let mut times = Vec::new();
        let mut said = String::new();
        for _ in 0..runs {
            let started = Instant::now();
            said = f().unwrap_or_else(|e| format!("error: {e}"));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!("{name:<34} {:>9.1} ms  {said}", times[times.len() / 2]);
    };

    let started = Instant::now();
    let store = Store::open_read_only(&path)?;
    println!(
        "{:<34} {:>9.1} ms",
        "open read-only",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let proposition = match only {
        Some(id) => id,
        None => first_pages(&store, runs, &once, &median)?,
    };
    proposition_page(&store, &proposition, &median)
}

type Timed<'a> = dyn Fn(&str, &mut dyn FnMut() -> Result<String, Box<dyn std::error::Error>>) + 'a;

/// What a fresh server computes once, then the listings; gives the first contested
/// proposition.
fn first_pages(
    store: &Store,
    _runs: usize,
    once: &Timed<'_>,
    median: &Timed<'_>,
) -> Result<String, Box<dyn std::error::Error>> {
    // What a fresh server computes once, each part alone.
    once("article count (first)", &mut || {
        Ok(store.article_count()?.to_string())
    });
    once("claim count (first)", &mut || {
        Ok(store.claim_count()?.to_string())
    });
    once("source count (first)", &mut || {
        Ok(store.source_count()?.to_string())
    });
    once("latest articles (first)", &mut || {
        Ok(store.latest_articles(10)?.len().to_string())
    });
    let contested = PropositionFilter {
        contested: true,
        ..PropositionFilter::default()
    };
    let mut first = None;
    once("contested (first)", &mut || {
        let rows = store.propositions(&contested)?;
        first = rows.first().map(|p| p.id.clone());
        Ok(format!("{} propositions", rows.len()))
    });
    let proposition = first.ok_or("no contested proposition")?;
    println!("first contested proposition: {proposition}");

    for (name, stance, page) in [
        ("claims stance=denied", Stance::Denied, 0),
        ("claims stance=denied page 3", Stance::Denied, 2),
        ("claims stance=unconfirmed", Stance::Unconfirmed, 0),
        ("claims stance=asserted", Stance::Asserted, 0),
    ] {
        let filter = ClaimFilter {
            stance: Some(stance),
            ..ClaimFilter::default()
        };
        median(name, &mut || {
            let page = store.claims_page(&filter, page * 50, 50)?;
            Ok(format!("{} of {}", page.rows.len(), page.total))
        });
    }
    median("claims", &mut || {
        let page = store.claims_page(&ClaimFilter::default(), 0, 50)?;
        Ok(format!("{} of {}", page.rows.len(), page.total))
    });

    Ok(proposition)
}

/// The lookups of a proposition's page and its story.
fn proposition_page(
    store: &Store,
    proposition: &str,
    median: &Timed<'_>,
) -> Result<(), Box<dyn std::error::Error>> {
    let iri = format!("https://w3id.org/hearsay/id/proposition/{proposition}");
    median("proposition: row", &mut || {
        let row = store.proposition(proposition)?.ok_or("gone")?;
        Ok(format!("{} claims", row.claims))
    });
    median("proposition: timeline", &mut || {
        let rows = store.timeline(&TimelineQuery {
            proposition: Some(proposition.to_owned()),
            ..TimelineQuery::default()
        })?;
        Ok(format!("{} rows", rows.len()))
    });
    median("proposition: backing", &mut || {
        Ok(format!("{} rows", store.backing(&iri)?.len()))
    });
    median("proposition: story", &mut || {
        let story = store.story(&iri, 40)?;
        Ok(format!(
            "{} sources, {} propositions, {} left out",
            story.sources.len(),
            story.propositions.len(),
            story.left_out
        ))
    });
    Ok(())
}
