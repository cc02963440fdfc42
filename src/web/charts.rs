//! The pictures of the pages, as inline SVG drawn on the server with maud: a proposition's
//! claims over time, and the story network of sources and propositions. No script and no
//! style attribute (the Content-Security-Policy allows neither): shapes carry classes that
//! `style.css` colours, and every mark has a `title` a screen reader or a hover can show.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use maud::{html, Markup};

use super::pages::{counted, local_path, stance_class};
use crate::extract::Stance;
use crate::graph::claim_iri_from_id;
use crate::store::{Story, StoryEdgeKind, TimelineRow};

/// Width of every chart's coordinate space; the stylesheet scales it to the page.
const WIDTH: f64 = 720.0;
/// Dots drawn in one column of the timeline; the rest are counted in a label.
const MAX_STACK: usize = 12;
/// Vertical room of one dot in the timeline.
const DOT_STEP: f64 = 12.0;

/// A node's link target, where the store has a page for it.
fn href(iri: &str) -> String {
    local_path(iri).unwrap_or_else(|| iri.to_owned())
}

/// `text` cut to `max` characters (never inside one), with an ellipsis when cut.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The claims of a proposition by their article's date: one column per date, asserting
/// claims stacked above the line, denying ones below, declining ones on it. Undated claims
/// are left out and counted under the chart.
pub fn timeline(claims: &[TimelineRow]) -> Markup {
    // (date, side) → claims, in date order.
    let mut columns: BTreeMap<NaiveDate, [Vec<&TimelineRow>; 3]> = BTreeMap::new();
    let mut undated = 0;
    for claim in claims {
        let Some(date) = claim.date else {
            undated += 1;
            continue;
        };
        let side = match claim.proposition_stance.unwrap_or(claim.stance) {
            Stance::Asserted => 0,
            Stance::Denied => 1,
            Stance::Unconfirmed => 2,
        };
        columns.entry(date).or_default()[side].push(claim);
    }
    let (Some(first), Some(last)) = (
        columns.keys().next().copied(),
        columns.keys().next_back().copied(),
    ) else {
        return html! { p { "No dated claim to draw." } };
    };
    let tallest = |side: usize| {
        columns
            .values()
            .map(|c| c[side].len().min(MAX_STACK))
            .max()
            .unwrap_or(0)
    };
    let above = tallest(0).max(1) as f64 * DOT_STEP + 16.0;
    let below = tallest(1).max(1) as f64 * DOT_STEP + 16.0;
    let base = above + 4.0;
    let height = base + below + 22.0;
    let (left, right) = (48.0, WIDTH - 48.0);
    let span = (last - first).num_days().max(1) as f64;
    let x_of = |date: NaiveDate| {
        if first == last {
            (left + right) / 2.0
        } else {
            left + (date - first).num_days() as f64 / span * (right - left)
        }
    };
    let dot = |claim: &TimelineRow, cx: f64, cy: f64, class: &str| {
        let title = format!(
            "{} · {} {}: {}",
            claim.date.map(|d| d.to_string()).unwrap_or_default(),
            claim
                .source
                .as_deref()
                .or(claim.source_text.as_deref())
                .unwrap_or("unnamed"),
            claim.cue,
            shortened(&claim.content, 140)
        );
        let iri = claim_iri_from_id(&claim.claim_id).map(|n| n.as_str().to_owned());
        html! {
            @match iri {
                Some(iri) => a href=(href(&iri)) {
                    circle class=(class) cx=(format!("{cx:.1}")) cy=(format!("{cy:.1}")) r="5" { title { (title) } }
                },
                None => circle class=(class) cx=(format!("{cx:.1}")) cy=(format!("{cy:.1}")) r="5" { title { (title) } },
            }
        }
    };
    let summary = format!(
        "Claims from {first} to {last}: asserting above the line, denying below{}.",
        if undated > 0 {
            format!("; {undated} undated left out")
        } else {
            String::new()
        }
    );
    html! {
        figure.chart.timeline {
            svg role="img" aria-labelledby="timeline-title" viewBox=(format!("0 0 {WIDTH} {height:.0}")) xmlns="http://www.w3.org/2000/svg" {
                title #timeline-title { (summary) }
                line.axis x1=(left - 8.0) x2=(right + 8.0) y1=(base) y2=(base) {}
                text.label x="4" y=(base - 6.0) { "asserted" }
                text.label x="4" y=(base + 14.0) { "denied" }
                @for (date, sides) in &columns {
                    @let cx = x_of(*date);
                    @for (i, claim) in sides[0].iter().take(MAX_STACK).enumerate() {
                        (dot(claim, cx, base - 10.0 - i as f64 * DOT_STEP, "asserted"))
                    }
                    @for (i, claim) in sides[1].iter().take(MAX_STACK).enumerate() {
                        (dot(claim, cx, base + 10.0 + i as f64 * DOT_STEP, "denied"))
                    }
                    @for claim in &sides[2] {
                        (dot(claim, cx, base, "unconfirmed"))
                    }
                    @for (side, more) in [("asserted", sides[0].len().saturating_sub(MAX_STACK)), ("denied", sides[1].len().saturating_sub(MAX_STACK))] {
                        @if more > 0 {
                            @let y = if side == "asserted" { base - 14.0 - MAX_STACK as f64 * DOT_STEP } else { base + 18.0 + MAX_STACK as f64 * DOT_STEP };
                            text class=(format!("more {side}")) x=(format!("{cx:.1}")) y=(format!("{y:.1}")) text-anchor="middle" data-more=(more) { "+" (more) }
                        }
                    }
                }
                text.date x=(left) y=(height - 4.0) text-anchor="start" { (first) }
                @if last != first { text.date x=(right) y=(height - 4.0) text-anchor="end" { (last) } }
            }
            figcaption { (summary) }
        }
    }
}

/// Characters of a node's label shown in the story picture (the `title` holds all of it).
const LABEL_CHARS: usize = 30;
/// Vertical room of one node in the story picture.
const ROW: f64 = 30.0;

/// The story network: sources in a column on the left, propositions on the right; an edge
/// from a source to a proposition in the colour of its stance, and a relay as an arc on the
/// left from the relaying source to the source it relays. Every node links to its page.
pub fn story(story: &Story) -> Markup {
    let rows = story.sources.len().max(story.propositions.len()).max(1);
    let height = rows as f64 * ROW + 20.0;
    let (source_x, proposition_x) = (250.0, 470.0);
    let y_of = |i: usize, count: usize| {
        // Centre the shorter column against the longer one.
        let offset = (rows - count) as f64 * ROW / 2.0;
        20.0 + offset + i as f64 * ROW
    };
    let (sources, propositions) = (story.sources.len(), story.propositions.len());
    html! {
        svg role="img" aria-labelledby="story-title" viewBox=(format!("0 0 {WIDTH} {height:.0}")) xmlns="http://www.w3.org/2000/svg" {
            title #story-title { (counted(sources, "source", "sources")) " and " (counted(propositions, "proposition", "propositions")) }
            @for &(from, to, kind) in &story.edges {
                @let y1 = y_of(from, sources);
                @match kind {
                    StoryEdgeKind::Takes(stance) => {
                        line class=(format!("edge {}", stance_class(stance))) x1=(source_x) y1=(format!("{y1:.1}")) x2=(proposition_x) y2=(format!("{:.1}", y_of(to, propositions))) {
                            title { (story.sources[from].label) " " (verb(stance)) " " (story.propositions[to].label) }
                        }
                    },
                    StoryEdgeKind::Relays => {
                        @let y2 = y_of(to, sources);
                        @let bend = source_x + 30.0 + (y2 - y1).abs() / 6.0;
                        path.edge.relays d=(format!("M {source_x} {y1:.1} C {bend:.1} {y1:.1} {bend:.1} {y2:.1} {source_x} {y2:.1}")) {
                            title { (story.sources[from].label) " relays " (story.sources[to].label) }
                        }
                    },
                }
            }
            @for (i, node) in story.sources.iter().enumerate() {
                @let y = y_of(i, sources);
                a href=(href(&node.iri)) {
                    circle.node.source cx=(source_x) cy=(format!("{y:.1}")) r="6" {}
                    text x=(source_x - 12.0) y=(format!("{:.1}", y + 4.0)) text-anchor="end" { title { (node.label) } (shortened(&node.label, LABEL_CHARS)) }
                }
            }
            @for (i, node) in story.propositions.iter().enumerate() {
                @let y = y_of(i, propositions);
                a href=(href(&node.iri)) {
                    rect.node.proposition x=(proposition_x - 6.0) y=(format!("{:.1}", y - 6.0)) width="12" height="12" {}
                    text x=(proposition_x + 12.0) y=(format!("{:.1}", y + 4.0)) { title { (node.label) } (shortened(&node.label, LABEL_CHARS)) }
                }
            }
        }
    }
}

/// What an edge of the given stance says, as a verb.
pub fn verb(stance: Stance) -> &'static str {
    match stance {
        Stance::Asserted => "asserts",
        Stance::Denied => "denies",
        Stance::Unconfirmed => "declines to confirm",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_between_characters() {
        assert_eq!(shortened("Łódź said", 4), "Łódź…");
        assert_eq!(shortened("short", 30), "short");
        assert_eq!(shortened("", 3), "");
    }

    #[test]
    fn an_empty_story_and_an_undated_timeline_draw_without_panicking() {
        assert!(story(&Story::default()).into_string().contains("<svg"));
        assert!(timeline(&[]).into_string().contains("No dated claim"));
    }
}
