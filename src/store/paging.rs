//! One page of the claims a filter selects, in [`Store::claims`]' order, reading the rows of
//! the page's articles only: the web's claims listing pages through a million claims without
//! reading a million rows.
//!
//! Claims are ordered by their article (by date, undated last, then IRI; [`ArticleOrder`])
//! and by position within it. So a page is found from the claims and their articles alone,
//! and rows are read only for the articles the page falls in. With no filter at all, even
//! listing the claims would read a million: the articles are walked in order instead, from
//! whichever end of the listing is nearer the page, counting each one's claims.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Term};

use super::lookup::{self, ClaimFilter, ClaimRow};
use super::memo;
use super::narrowing::narrowed_claims;
use super::values::{date, nonblank, number};
use super::{Lookups, Store, StoreError, PROPOSITIONS_GRAPH};
use crate::extract::Stance;
use crate::graph::stance_iri;
use crate::graph::vocab::{hs, rdf};

/// One page of the claims a filter selects.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimsPage {
    /// How many claims the filter selects in all.
    pub total: usize,
    /// The page's claims, in [`Store::claims`]' order.
    pub rows: Vec<ClaimRow>,
}

/// Every article in the order claims are listed: by date (the earliest, if it has several),
/// undated last, then by IRI; and the newest first, as [`Store::latest_articles`] lists them.
pub(super) struct ArticleOrder {
    articles: Vec<NamedNode>,
    rank: HashMap<NamedNode, usize>,
    /// By latest date, newest first, undated last, then by IRI.
    pub(super) newest: Vec<(NamedNode, Option<NaiveDate>)>,
}

/// Where the claims with one stance are: the places in [`ArticleOrder`] of the articles that
/// hold some, in order, each with how many it holds; and how many there are in all.
pub(super) struct Spread {
    articles: Vec<(usize, usize)>,
    total: usize,
}

impl ArticleOrder {
    /// How many articles there are.
    pub(super) fn count(&self) -> usize {
        self.articles.len()
    }

    /// The place of `graph` in the order (after every article if it is none).
    fn rank(&self, graph: &NamedNode) -> usize {
        self.rank.get(graph).copied().unwrap_or(usize::MAX)
    }
}

impl Store {
    /// The claims [`Store::claims`] gives for `filter` from the `offset`-th on, at most
    /// `limit`, with how many it gives in all.
    pub fn claims_page(
        &self,
        filter: &ClaimFilter,
        offset: usize,
        limit: usize,
    ) -> Result<ClaimsPage, StoreError> {
        let mut narrowing = lookup::claim_narrowing(self, filter)?;
        if narrowing.filters_rows() {
            // A confidence or a date decides on the rows: every row is read, as `claims` does.
            let rows = self.claims(filter)?;
            return Ok(ClaimsPage {
                total: rows.len(),
                rows: rows.into_iter().skip(offset).take(limit).collect(),
            });
        }
        let order = self.article_order()?;
        // A stance alone keeps most of the store when it is asserted, and even denials are
        // thousands on the replica (listing them took 0.2 s): found through its spread.
        let stance_alone = filter.stance.filter(|_| {
            [&filter.source, &filter.text, &filter.article]
                .into_iter()
                .all(|field| nonblank(field).is_none())
                && (filter.min_confidence, filter.since, filter.until) == (None, None, None)
        });
        // The claims of the articles that hold the page, and how many claims come before them.
        let (total, before, claims) = if let Some(stance) = stance_alone {
            let spread = self.spread(stance, &order)?;
            let end = offset.saturating_add(limit).min(spread.total);
            let (mut seen, mut before, mut claims) = (0, spread.total, Vec::new());
            for &(rank, count) in &spread.articles {
                if seen >= end {
                    break;
                }
                if seen + count > offset {
                    before = before.min(seen);
                    let graph = &order.articles[rank];
                    let here = self.claims_in(graph, Some(stance))?;
                    claims.extend(here.into_iter().map(|claim| (claim, graph.clone())));
                }
                seen += count;
            }
            (spread.total, before, claims)
        } else if narrowing.is_narrowed() {
            let mut claims = narrowed_claims(self, &narrowing)?;
            claims.sort_by_cached_key(|(_, graph)| order.rank(graph));
            let total = claims.len();
            let end = offset.saturating_add(limit).min(total);
            if offset >= end {
                return Ok(ClaimsPage {
                    total,
                    rows: Vec::new(),
                });
            }
            // Whole articles, from the one holding the page's first claim to the one holding
            // its last.
            let (first, last) = (
                order.rank(&claims[offset].1),
                order.rank(&claims[end - 1].1),
            );
            let start = claims.partition_point(|(_, graph)| order.rank(graph) < first);
            let stop = claims.partition_point(|(_, graph)| order.rank(graph) <= last);
            (total, start, claims[start..stop].to_vec())
        } else {
            let total = self.claim_count()?;
            let (before, claims) = self.walk(&order, total, offset, limit)?;
            (total, before, claims)
        };
        let rows = lookup::claim_rows(self, &mut narrowing, &claims)?;
        Ok(ClaimsPage {
            total,
            rows: rows
                .into_iter()
                .skip(offset.saturating_sub(before))
                .take(limit)
                .collect(),
        })
    }

    /// The claims of the articles that hold claims `offset..offset + limit` of the store's
    /// `total`, with the number of claims before those articles: the articles' claims
    /// counted one article at a time from the nearer end of `order`.
    fn walk(
        &self,
        order: &ArticleOrder,
        total: usize,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<(NamedNode, NamedNode)>), StoreError> {
        let end = offset.saturating_add(limit).min(total);
        let mut claims = Vec::new();
        if offset >= end {
            return Ok((total, claims));
        }
        let mut before = None;
        if offset <= total - end {
            let mut seen = 0;
            for graph in &order.articles {
                let here = self.claims_in(graph, None)?;
                if seen + here.len() > offset {
                    before.get_or_insert(seen);
                    claims.extend(here.iter().map(|c| (c.clone(), graph.clone())));
                }
                seen += here.len();
                if seen >= end {
                    break;
                }
            }
        } else {
            // Claims after the article at hand.
            let mut after = 0;
            for graph in order.articles.iter().rev() {
                let here = self.claims_in(graph, None)?;
                let starts_at = total.saturating_sub(after + here.len());
                if starts_at < end && !here.is_empty() {
                    before = Some(starts_at);
                    claims.extend(here.iter().map(|c| (c.clone(), graph.clone())));
                }
                after += here.len();
                if starts_at <= offset {
                    break;
                }
            }
        }
        Ok((before.unwrap_or(total), claims))
    }

    /// The claims in the article graph `graph`, those with `stance` if given: one range of
    /// the graph's index.
    fn claims_in(
        &self,
        graph: &NamedNode,
        stance: Option<Stance>,
    ) -> Result<Vec<NamedNode>, StoreError> {
        let (predicate, object) = match stance {
            Some(stance) => (hs::STANCE_PROP, stance_iri(stance)),
            None => (rdf::TYPE, hs::CLAIM),
        };
        let mut claims = Vec::new();
        for quad in self.inner.quads_for_pattern(
            None,
            Some(predicate),
            Some(object.into()),
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            if let NamedOrBlankNode::NamedNode(claim) = quad?.subject {
                claims.push(claim);
            }
        }
        Ok(claims)
    }

    /// Where the claims with `stance` are (kept by a read-only store): counted by article
    /// in one pass over that stance's index, only the articles decoded.
    fn spread(&self, stance: Stance, order: &ArticleOrder) -> Result<Arc<Spread>, StoreError> {
        self.remembered(memo::spread(stance), || {
            let rows = self.select(&format!(
                "SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?claim hs:stance {} }} }} GROUP BY ?g",
                stance_iri(stance)
            ))?;
            let mut articles: Vec<(usize, usize)> = rows
                .iter()
                .filter_map(|row| match row.get("g") {
                    Some(Term::NamedNode(graph)) => {
                        Some((order.rank(graph), number(row, "n").unwrap_or(0)))
                    }
                    _ => None,
                })
                // Not an article of the order: none that `claims_in` would read.
                .filter(|&(rank, _)| rank < order.articles.len())
                .collect();
            articles.sort_unstable();
            let total = articles.iter().map(|(_, count)| count).sum();
            Ok(Arc::new(Spread { articles, total }))
        })
    }

    /// Every article in claim order (kept by a read-only store: see [`memo`]).
    pub(super) fn article_order(&self) -> Result<Arc<ArticleOrder>, StoreError> {
        self.remembered(memo::ARTICLE_ORDER, || {
            // The dates alone, then the graphs: joined with the articles' type, the dates
            // took 4 s on the 42,000-article replica, alone 0.2 s.
            let mut dated: HashMap<NamedNode, (NaiveDate, NaiveDate)> = HashMap::new();
            for solution in
                self.select("SELECT ?g ?date WHERE { GRAPH ?g { ?g schema:datePublished ?date } }")?
            {
                let (Some(Term::NamedNode(graph)), Some(day)) =
                    (solution.get("g"), date(&solution, "date"))
                else {
                    continue;
                };
                let (earliest, latest) = dated.entry(graph.clone()).or_insert((day, day));
                *earliest = day.min(*earliest);
                *latest = day.max(*latest);
            }
            let mut articles = Vec::new();
            for graph in self.inner.named_graphs() {
                match graph? {
                    NamedOrBlankNode::NamedNode(graph) if graph != PROPOSITIONS_GRAPH => {
                        let days = dated.get(&graph).copied();
                        articles.push((days, graph));
                    }
                    _ => {}
                }
            }
            let mut newest: Vec<(NamedNode, Option<NaiveDate>)> = articles
                .iter()
                .map(|(days, graph)| (graph.clone(), days.map(|d| d.1)))
                .collect();
            newest.sort_by(|a, b| {
                (a.1.is_none(), std::cmp::Reverse(a.1), a.0.as_str()).cmp(&(
                    b.1.is_none(),
                    std::cmp::Reverse(b.1),
                    b.0.as_str(),
                ))
            });
            let earliest = |days: &Option<(NaiveDate, NaiveDate)>| days.map(|d| d.0);
            articles.sort_by(|a, b| {
                (a.0.is_none(), earliest(&a.0), a.1.as_str()).cmp(&(
                    b.0.is_none(),
                    earliest(&b.0),
                    b.1.as_str(),
                ))
            });
            let articles: Vec<NamedNode> = articles.into_iter().map(|(_, graph)| graph).collect();
            let rank = articles
                .iter()
                .enumerate()
                .map(|(i, graph)| (graph.clone(), i))
                .collect();
            Ok(Arc::new(ArticleOrder {
                articles,
                rank,
                newest,
            }))
        })
    }
}
