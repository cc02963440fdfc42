//! `hearsay claims`, `hearsay sources` and `hearsay show`: lookups over the store.

use std::io::Write;

use anyhow::Result;
use serde_json::{json, Value};

use super::args::{ClaimsArgs, ShowArgs, ShowFormat, SourcesArgs, TableOutput};
use super::output::{default_format, write_table, Console, Table};
use super::Outcome;
use crate::store::{ClaimDetail, ClaimFilter, ClaimRow, LinkDirection, Lookups};

pub fn claims(
    store: &dyn Lookups,
    args: &ClaimsArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    if args.contested {
        return super::timeline::contested(store, &args.output, console, out);
    }
    let filter = ClaimFilter {
        source: args.source.clone(),
        text: args.text.clone(),
        stance: args.stance.map(Into::into),
        min_confidence: args.min_confidence,
        article: args.article.clone(),
        since: args.since,
        until: args.until,
    };
    let rows = match args.output.limit {
        Some(n) => store.first_claims(&filter, n)?,
        None => store.claims(&filter)?,
    };
    let mut table = Table::new(vec![
        "id",
        "date",
        "source",
        "cue",
        "stance",
        "certainty",
        "confidence",
        "content",
    ])
    .wrapping(&["source", "cue", "content"]);
    // Moved into the table, not copied: `claims --text` may list thousands.
    for row in rows {
        let source = source_label(&row);
        table.push(vec![
            Value::from(row.id),
            json!(row.date.map(|d| d.to_string())),
            Value::from(source),
            Value::from(row.cue),
            json!(row.stance.as_str()),
            json!(row.certainty.as_str()),
            json!(row.confidence),
            Value::from(row.content),
        ]);
    }
    print_table(table, &args.output, console, out)
}

pub fn sources(
    store: &dyn Lookups,
    args: &SourcesArgs,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let rows = store.sources()?;
    let mut table =
        Table::new(vec!["source", "kind", "claims", "key"]).wrapping(&["source", "key"]);
    for row in &rows {
        table.push(vec![
            json!(row.name),
            json!(row.kind.map(|k| k.as_str())),
            json!(row.claims),
            json!(row.key),
        ]);
    }
    print_table(table, &args.output, console, out)
}

pub fn show(store: &dyn Lookups, args: &ShowArgs, out: &mut dyn Write) -> Result<Outcome> {
    let Some(detail) = store.claim(&args.id)? else {
        anyhow::bail!(
            "no claim '{}' in the store; `hearsay claims` lists the ids",
            args.id
        );
    };
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &detail_json(&detail))?;
            writeln!(out)?;
        }
        ShowFormat::Text => write_detail(&detail, out)?,
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// Who said it, as people read it: the surface form, with the resolved name when they differ
/// ("it (Korean Central News Agency)").
fn source_label(row: &ClaimRow) -> String {
    match (&row.source_text, &row.source_name) {
        (Some(text), Some(name)) if !text.to_lowercase().contains(&name.to_lowercase()) => {
            format!("{text} ({name})")
        }
        (Some(text), _) => text.clone(),
        (None, Some(name)) => name.clone(),
        (None, None) => String::new(),
    }
}

pub(super) fn print_table(
    mut table: Table,
    output: &TableOutput,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Outcome> {
    if let Some(limit) = output.limit {
        table.rows.truncate(limit);
    }
    let format = default_format(output.format, console);
    write_table(&table, format, console.width, out)?;
    out.flush()?;
    Ok(if table.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

fn span_json(span: Option<(u64, u64)>) -> Value {
    span.map_or(Value::Null, |(start, end)| json!([start, end]))
}

fn direction_name(direction: LinkDirection) -> &'static str {
    match direction {
        LinkDirection::Outgoing => "outgoing",
        LinkDirection::Incoming => "incoming",
    }
}

fn detail_json(detail: &ClaimDetail) -> Value {
    let c = &detail.claim;
    json!({
        "id": c.id,
        "iri": c.iri,
        "source": c.source_text,
        "source_name": c.source_name,
        "source_kind": c.source_kind.map(|k| k.as_str()),
        "cue": c.cue,
        "content": c.content,
        "stance": c.stance.as_str(),
        "certainty": c.certainty.as_str(),
        "confidence": c.confidence,
        "quote": c.quote_kind.as_str(),
        "sentence": detail.sentence,
        "article": {"iri": c.article_iri, "title": detail.article_title, "url": detail.article_url,
                    "date": c.date.map(|d| d.to_string())},
        "offsets": {"source": span_json(detail.spans.source), "cue": span_json(detail.spans.cue),
                    "content": span_json(detail.spans.content), "unit": "code points"},
        "links": detail.links.iter().map(|l| json!({
            "direction": direction_name(l.direction),
            "kind": format!("{:?}", l.kind),
            "claim": l.other_id,
            "source": l.other_source,
            "content": l.other_content,
        })).collect::<Vec<_>>(),
    })
}

fn write_detail(detail: &ClaimDetail, out: &mut dyn Write) -> Result<()> {
    let c = &detail.claim;
    let offsets = |span: Option<(u64, u64)>| {
        span.map_or_else(|| "-".to_owned(), |(s, e)| format!("{s}..{e}"))
    };
    writeln!(out, "claim      {}", c.id)?;
    writeln!(out, "source     {}", source_label(c))?;
    if let Some(kind) = c.source_kind {
        writeln!(out, "kind       {kind}")?;
    }
    writeln!(out, "cue        {}", c.cue)?;
    writeln!(out, "content    {}", c.content)?;
    writeln!(
        out,
        "stance     {}, {}, {} quote, confidence {}",
        c.stance,
        c.certainty,
        c.quote_kind,
        c.confidence
            .map_or_else(|| "-".to_owned(), |x| format!("{x:.2}"))
    )?;
    if let Some(sentence) = &detail.sentence {
        writeln!(out, "sentence   {sentence}")?;
    }
    let title = detail.article_title.as_deref().unwrap_or("(untitled)");
    let date = c.date.map(|d| d.to_string()).unwrap_or_default();
    writeln!(out, "article    {title} {date}")?;
    writeln!(
        out,
        "           {}",
        detail.article_url.as_deref().unwrap_or(&c.article_iri)
    )?;
    writeln!(
        out,
        "offsets    source {}, cue {}, content {} (code points)",
        offsets(detail.spans.source),
        offsets(detail.spans.cue),
        offsets(detail.spans.content)
    )?;
    for link in &detail.links {
        let verb = link_phrase(link.kind, link.direction);
        writeln!(
            out,
            "link       {verb} {}: {} — {}",
            link.other_id,
            link.other_source.as_deref().unwrap_or("?"),
            link.other_content.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

fn link_phrase(kind: crate::extract::LinkKind, direction: LinkDirection) -> &'static str {
    use crate::extract::LinkKind::*;
    match (kind, direction) {
        (Denies, LinkDirection::Outgoing) => "denies",
        (Denies, LinkDirection::Incoming) => "denied by",
        (DeclinesToConfirm, LinkDirection::Outgoing) => "declines to confirm",
        (DeclinesToConfirm, LinkDirection::Incoming) => "not confirmed by",
        (Corroborates, LinkDirection::Outgoing) => "corroborates",
        (Corroborates, LinkDirection::Incoming) => "corroborated by",
        (Relays, LinkDirection::Outgoing) => "relays",
        (Relays, LinkDirection::Incoming) => "relayed by",
    }
}
