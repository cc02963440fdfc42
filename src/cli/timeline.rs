//! `hearsay timeline`, `hearsay propositions` and `hearsay claims --contested`: claims
//! followed across articles and over time.

use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::args::{PropositionsArgs, TableOutput, TimelineArgs};
use super::lookup::print_table;
use super::output::{Console, Table};
use super::Outcome;
use crate::store::{Lookups, PropositionFilter, TimelineQuery, TimelineRow};

pub fn timeline(
    store: &dyn Lookups,
    args: &TimelineArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let query = TimelineQuery {
        source: args.select.source.clone(),
        text: args.select.text.clone(),
        proposition: args.select.proposition.clone(),
    };
    let rows = store.timeline(&query)?;
    let mut table = Table::new(vec![
        "date",
        "source",
        "cue",
        "stance",
        "content",
        "publisher",
        "proposition",
        "claim",
    ])
    .wrapping(&["source", "content"]);
    for row in &rows {
        table.push(vec![
            json!(row.date.map(|d| d.to_string())),
            json!(who(row)),
            json!(row.cue),
            json!(row.proposition_stance.unwrap_or(row.stance).as_str()),
            json!(row.content),
            json!(row.publisher),
            json!(row.proposition_id),
            json!(row.claim_id),
        ]);
    }
    print_table(table, &args.output, console, out)
}

pub fn propositions(
    store: &dyn Lookups,
    args: &PropositionsArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let filter = PropositionFilter {
        contested: args.contested,
        min_origins: args.min_origins,
        min_claims: Some(args.min_claims),
        text: args.text.clone(),
    };
    let rows = store.propositions(&filter)?;
    let mut table = Table::new(vec![
        "id",
        "first seen",
        "origins",
        "denying",
        "unconfirmed",
        "claims",
        "articles",
        "confidence",
        "proposition",
    ]);
    for row in &rows {
        table.push(vec![
            json!(row.id),
            json!(row.first_seen.map(|d| d.to_string())),
            json!(row.asserting),
            json!(row.denying),
            json!(row.unconfirmed),
            json!(row.claims),
            json!(row.articles),
            json!(row.confidence),
            json!(row.label),
        ]);
    }
    print_table(table, &args.output, console, out)
}

/// Contested propositions with both sides: one row per claim, asserting side first.
pub fn contested(
    store: &dyn Lookups,
    output: &TableOutput,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let filter = PropositionFilter {
        contested: true,
        ..PropositionFilter::default()
    };
    let mut table = Table::new(vec![
        "proposition",
        "side",
        "date",
        "source",
        "cue",
        "content",
        "claim",
    ])
    .wrapping(&["source", "content"]);
    for proposition in store.propositions(&filter)? {
        let query = TimelineQuery {
            proposition: Some(proposition.id.clone()),
            ..TimelineQuery::default()
        };
        let mut rows = store.timeline(&query)?;
        // Asserting side, then denying, then declining; each in date order (stable sort).
        rows.sort_by_key(|r| r.proposition_stance.map_or(3, |s| s as u8));
        for row in &rows {
            let side = row.proposition_stance.unwrap_or(row.stance);
            table.push(vec![
                json!(proposition.id),
                json!(side.as_str()),
                json!(row.date.map(|d| d.to_string())),
                json!(who(row)),
                json!(row.cue),
                json!(row.content),
                json!(row.claim_id),
            ]);
        }
    }
    print_table(table, output, console, out)
}

/// Who said it: the resolved name, the surface form when it differs, and the origin of a
/// relayed claim ("Serrano Herald, citing unnamed officials").
fn who(row: &TimelineRow) -> String {
    let mut label = match (&row.source, &row.source_text) {
        (Some(name), Some(text)) if !text.to_lowercase().contains(&name.to_lowercase()) => {
            format!("{name} ({text})")
        }
        (Some(name), _) => name.clone(),
        (None, Some(text)) => text.clone(),
        (None, None) => String::new(),
    };
    if let Some(origin) = &row.origin {
        label.push_str(&format!(", citing {origin}"));
    }
    label
}
