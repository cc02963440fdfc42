//! How lookups over many claims stay fast on a large store: find the few claims a filter
//! keeps through the indexes first, then read each claim's row, one claim at a time.
//!
//! Oxigraph evaluates `OPTIONAL { ?claim schema:text ?content }` by reading that property of
//! every claim in the store and joining (a minute and gigabytes on a million claims), and its
//! planner may start a group from its largest pattern. So a lookup is two queries: the
//! narrowing steps, each evaluated for every solution of the one before (`LATERAL`,
//! SEP-0006), list the claims and their graphs; then a row query per chunk of them, whose
//! patterns are `LATERAL` too, so every property is one index seek for the claim at hand.
//! Terms stay encoded until a solution is read, so only the projected values are decoded.
//! A SPARQL server gets the same two queries in standard SPARQL ([`SparqlForm::Standard`]):
//! the steps joined, the row's parts as `OPTIONAL`s.
//! On the embedded store, filters on words of the content go
//! through the text index (`super::text_index`), whose claims come first.

use std::collections::HashMap;
use std::fmt::Write as _;

use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;
use rayon::prelude::*;

use super::lookup::ClaimRow;
use super::reader::{ClaimHits, SparqlForm, SparqlReader};
use super::words::phrases;
use super::StoreError;

/// At most this many claims' rows are read by one query; chunks go to every core.
const ROW_CHUNK: usize = 64;

/// The chunk size that splits `claims` into chunks of at most [`ROW_CHUNK`], as many as
/// a multiple of the cores: 150 claims on two cores are four chunks of 38, not 64, 64, 22.
fn chunk_size(claims: usize, cores: usize) -> usize {
    let cores = cores.max(1);
    let chunks = claims.div_ceil(ROW_CHUNK).div_ceil(cores) * cores;
    claims.div_ceil(chunks.max(1)).max(1)
}

/// Claims with their graphs, each with its place in the claims' order and its row if known
/// ([`super::reader::ClaimHit`]).
type Among = HashMap<(NamedNode, NamedNode), (Option<(i64, u64)>, Option<ClaimRow>)>;

/// Rows a text index gave, and the claims (with their graphs) whose rows must be read.
type KnownRows = (Vec<ClaimRow>, Vec<(NamedNode, NamedNode)>);

/// The steps that bind `?claim` and `?g`, its article graph, and the FILTERs on the rows
/// for what no index answers.
#[derive(Debug, Default)]
pub(super) struct Narrowing {
    /// Only the claims of this article graph.
    graph: Option<NamedNode>,
    /// Only these claims, found by a text index (the intersection of every such filter),
    /// each with its place in the claims' order if the index gave it.
    among: Option<Among>,
    steps: Vec<String>,
    filters: String,
}

impl Narrowing {
    /// Keeps the claims of one article graph.
    pub fn in_graph(&mut self, graph: NamedNode) {
        self.graph = Some(graph);
    }

    /// Keeps only `claims` (with their graphs), as a text index found them.
    pub fn among(&mut self, claims: ClaimHits) {
        let claims: HashMap<_, _> = claims
            .into_iter()
            .map(|hit| ((hit.claim, hit.graph), (hit.order, hit.row)))
            .collect();
        self.among = Some(match self.among.take() {
            Some(mut before) => claims
                .into_iter()
                .filter_map(|(claim, (order, row))| {
                    let (known_order, known_row) = before.remove(&claim)?;
                    Some((claim, (order.or(known_order), row.or(known_row))))
                })
                .collect(),
            None => claims,
        });
    }

    /// The first `n` claims in the lookups' order, when the claims come from a text index
    /// that gave each one's place in that order and nothing else decides: then only their
    /// rows need reading. `None` otherwise.
    pub fn first(&self, n: usize) -> Option<Vec<(NamedNode, NamedNode)>> {
        if !self.steps.is_empty() || self.filters_rows() {
            return None;
        }
        let among = self.among.as_ref()?;
        let mut ordered = among
            .iter()
            .filter(|((_, graph), _)| self.graph.as_ref().is_none_or(|wanted| wanted == graph))
            .map(|((claim, graph), (order, _))| {
                let (day, position) = (*order)?;
                Some(((day, graph, position, claim), (claim, graph)))
            })
            .collect::<Option<Vec<_>>>()?;
        ordered.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Some(
            ordered
                .into_iter()
                .take(n)
                .map(|(_, (claim, graph))| (claim.clone(), graph.clone()))
                .collect(),
        )
    }

    /// Of `claims`, the rows a text index gave (taken out of the narrowing), and the claims
    /// whose rows must be read: every one of them when FILTERs on the rows decide.
    pub fn known_rows(&mut self, claims: &[(NamedNode, NamedNode)]) -> KnownRows {
        let filters_rows = self.filters_rows();
        let (Some(among), false) = (&mut self.among, filters_rows) else {
            return (Vec::new(), claims.to_vec());
        };
        let mut known = Vec::with_capacity(claims.len());
        let mut unknown = Vec::new();
        for claim in claims {
            match among.get_mut(claim).and_then(|(_, row)| row.take()) {
                Some(row) => known.push(row),
                None => unknown.push(claim.clone()),
            }
        }
        (known, unknown)
    }

    /// When a text index named every claim (no step to ask the store), the claims (in the
    /// graph asked for, if any) taken out of the narrowing whole: the rows the index gave, and
    /// the claims whose rows must be read (every one of them when FILTERs on the rows decide),
    /// as [`narrowed_claims`] then [`Self::known_rows`] give them, without copying every
    /// claim's IRIs and looking each one up again. `None` when steps must be asked.
    pub fn take_among(&mut self) -> Option<KnownRows> {
        if !self.steps.is_empty() {
            return None;
        }
        let among = self.among.take()?;
        let graph = self.graph.as_ref();
        let mut claims: Vec<_> = among
            .into_iter()
            .filter(|((_, in_graph), _)| graph.is_none_or(|wanted| wanted == in_graph))
            .collect();
        // In the order `known_rows` gives them (that of `among_in_graph`); sorted by index,
        // as moving the rows themselves at every step of the sort cost more than the sort.
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_unstable_by(|&a, &b| claims[a].0.cmp(&claims[b].0));
        let filters_rows = self.filters_rows();
        let mut known = Vec::with_capacity(claims.len());
        let mut unknown = Vec::new();
        for i in order {
            let (claim, (_, row)) = &mut claims[i];
            match row.take() {
                Some(row) if !filters_rows => known.push(row),
                _ => unknown.push(claim.clone()),
            }
        }
        Some((known, unknown))
    }

    /// Adds a step, a group graph pattern evaluated for each solution of the steps before.
    pub fn step(&mut self, pattern: std::fmt::Arguments<'_>) {
        self.steps.push(pattern.to_string());
    }

    /// Adds a FILTER on the rows.
    pub fn filter(&mut self, condition: std::fmt::Arguments<'_>) {
        let _ = writeln!(self.filters, "  FILTER({condition})");
    }

    /// Whether a step narrows the claims already: later filters are better as FILTERs on the
    /// rows, as a second narrowing step might read much more than the rows.
    pub fn is_narrowed(&self) -> bool {
        self.graph.is_some() || self.among.is_some() || !self.steps.is_empty()
    }

    /// The claims a text index found, in the graph asked for if any.
    fn among_in_graph(&self) -> Option<Vec<(NamedNode, NamedNode)>> {
        let among = self.among.as_ref()?;
        let mut claims: Vec<_> = among
            .keys()
            .filter(|(_, graph)| self.graph.as_ref().is_none_or(|wanted| wanted == graph))
            .cloned()
            .collect();
        // In a stable order, so that chunks and their queries repeat from run to run.
        claims.sort_unstable();
        Some(claims)
    }

    /// Claims whose source as written ("it") contains `q`, a lowercase SPARQL literal, or
    /// whose source goes by a value of one of the `names` properties that does, written in
    /// `form`. Oxigraph has
    /// no text index: this reads every such value once, and each matching source once.
    pub fn source_containing(&mut self, q: &str, names: &str, form: SparqlForm) {
        let lateral = match form {
            SparqlForm::Lateral => "LATERAL ",
            SparqlForm::Standard => "",
        };
        self.step(format_args!(
            "{{ GRAPH ?g {{ ?claim hs:sourceText ?said FILTER(CONTAINS(LCASE(?said), {q})) }} }}
    UNION {{ {{ SELECT DISTINCT ?named WHERE {{
                 VALUES ?np {{ {names} }}
                 GRAPH ?k {{ ?named ?np ?nv }}
                 FILTER(CONTAINS(LCASE(STR(?nv)), {q})) }} }}
             {lateral}{{ GRAPH ?g {{ ?claim prov:wasAttributedTo ?named }} }} }}"
        ));
    }

    /// Claims whose `?content` holds the words of `query` as the text index matches them
    /// (every word; "a phrase" in double quotes; `word*` for words it begins), for an engine
    /// without the index: a REGEX per word or phrase, case aside (diacritics are not folded
    /// here). A step reading every content when nothing narrows the claims yet, else FILTERs
    /// on the rows.
    pub fn content_with_words(&mut self, query: &str) -> Result<(), StoreError> {
        const EDGE: &str = "[^\\p{L}\\p{N}]";
        let patterns = phrases(query)?.into_iter().map(|phrase| {
            let end = if phrase.prefix {
                String::new()
            } else {
                format!("({EDGE}|$)")
            };
            // Words are letters and digits only: nothing in them to escape.
            let words = phrase.words.join(&format!("{EDGE}+"));
            format!("(^|{EDGE}){words}{end}")
        });
        for pattern in patterns {
            let pattern = super::values::literal(&pattern);
            if self.is_narrowed() {
                self.filter(format_args!("REGEX(?content, {pattern}, \"i\")"));
            } else {
                self.step(format_args!(
                    "GRAPH ?g {{ ?claim schema:text ?matched FILTER(REGEX(?matched, {pattern}, \"i\")) }}"
                ));
            }
        }
        Ok(())
    }

    /// Whether FILTERs on the rows decide too: then only the rows tell which claims match.
    pub fn filters_rows(&self) -> bool {
        !self.filters.is_empty()
    }

    /// The claims the steps keep, with their graphs (every claim when there is no step),
    /// among `among` if given. In the `LATERAL` form each step is evaluated for the solutions
    /// of the one before; in the standard form they are joined, which gives the same claims.
    fn claims_query(&self, form: SparqlForm, among: Option<&[(NamedNode, NamedNode)]>) -> String {
        let after = match form {
            SparqlForm::Lateral => "LATERAL ",
            SparqlForm::Standard => "",
        };
        let mut sparql = String::from("SELECT DISTINCT ?claim ?g WHERE {\n");
        let mut first = true;
        if let Some(among) = among {
            sparql.push_str("  { VALUES (?claim ?g) {");
            for (claim, graph) in among {
                let _ = write!(sparql, " ({claim} {graph})");
            }
            sparql.push_str(" } }\n");
            first = false;
        } else if let Some(graph) = &self.graph {
            let _ = writeln!(sparql, "  {{ VALUES ?g {{ {graph} }} }}");
            first = false;
        }
        for step in &self.steps {
            let lateral = if first { "" } else { after };
            let _ = writeln!(sparql, "  {lateral}{{ {step} }}");
            first = false;
        }
        let lateral = if first { "" } else { after };
        let _ = writeln!(
            sparql,
            "  {lateral}{{ GRAPH ?g {{ ?claim a hs:Claim }} }}\n}}"
        );
        sparql
    }

    /// `head` (`SELECT … WHERE {`) over `claims`, each in its graph, then `row`'s patterns
    /// and the filters.
    fn rows_query(
        &self,
        head: &str,
        row: &str,
        claims: &[(NamedNode, NamedNode)],
        form: SparqlForm,
    ) -> String {
        let mut sparql = String::from(head);
        sparql.push_str("  VALUES (?claim ?g) {");
        for (claim, graph) in claims {
            let _ = write!(sparql, " ({claim} {graph})");
        }
        if let ([(claim, graph)], SparqlForm::Standard) = (claims, form) {
            // Virtuoso 7.2's SPARQL compiler fails on a one-row VALUES before two OPTIONALs
            // over one named graph (SP031, "no SPART_VARR_FIXED"). The row twice gives each
            // solution twice, which the lookups drop as they drop a claim's other repeats.
            let _ = write!(sparql, " ({claim} {graph})");
        }
        sparql.push_str(" }\n");
        sparql.push_str(row);
        sparql.push_str(&self.filters);
        sparql.push_str("}\n");
        sparql
    }
}

/// The claims `narrowing` finds, each with its graph, in no particular order.
pub(super) fn narrowed_claims<S: SparqlReader + ?Sized>(
    db: &S,
    narrowing: &Narrowing,
) -> Result<Vec<(NamedNode, NamedNode)>, StoreError> {
    let among = narrowing.among_in_graph();
    if narrowing.steps.is_empty() {
        if let Some(among) = among {
            // A text index named them all: nothing to ask.
            return Ok(among);
        }
    }
    // Claims are named by IRIs: a blank node (a hand-made store) cannot be passed on.
    Ok(db
        .select(&narrowing.claims_query(db.form(), among.as_deref()))?
        .iter()
        .filter_map(|s| match (s.get("claim"), s.get("g")) {
            (Some(Term::NamedNode(claim)), Some(Term::NamedNode(graph))) => {
                Some((claim.clone(), graph.clone()))
            }
            _ => None,
        })
        .collect())
}

/// The solutions of `head` and `row` (written in `db`'s form) for the claims `narrowing`
/// finds, read in chunks on every core and turned into rows by `to_row`; in no particular
/// order.
pub(super) fn rows_narrowed<S: SparqlReader + ?Sized, T: Send>(
    db: &S,
    narrowing: &Narrowing,
    head: &str,
    row: &str,
    to_row: impl Fn(&QuerySolution) -> Result<T, StoreError> + Sync,
) -> Result<Vec<T>, StoreError> {
    let claims = narrowed_claims(db, narrowing)?;
    rows_of(db, narrowing, &claims, head, row, to_row)
}

/// The solutions of `head` and `row` for `claims` (each in its graph), with `narrowing`'s
/// FILTERs, read in chunks on every core; in no particular order.
pub(super) fn rows_of<S: SparqlReader + ?Sized, T: Send>(
    db: &S,
    narrowing: &Narrowing,
    claims: &[(NamedNode, NamedNode)],
    head: &str,
    row: &str,
    to_row: impl Fn(&QuerySolution) -> Result<T, StoreError> + Sync,
) -> Result<Vec<T>, StoreError> {
    let chunks = claims
        .par_chunks(chunk_size(claims.len(), rayon::current_num_threads()))
        .map(|chunk| {
            db.select(&narrowing.rows_query(head, row, chunk, db.form()))?
                .iter()
                .map(&to_row)
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(chunks.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::{chunk_size, ROW_CHUNK};

    #[test]
    fn chunks_are_even_across_cores_and_never_too_large() {
        assert_eq!(chunk_size(150, 2), 38);
        assert_eq!(chunk_size(10, 2), 5);
        assert_eq!(chunk_size(1, 2), 1);
        assert_eq!(chunk_size(0, 2), 1);
        assert_eq!(chunk_size(128, 1), 64);
        for claims in 0..1000 {
            for cores in 1..5 {
                let size = chunk_size(claims, cores);
                assert!((1..=ROW_CHUNK).contains(&size), "{claims} {cores}: {size}");
                // Never more queries than the fewest possible plus one per spare core.
                let chunks = claims.div_ceil(size);
                assert!(
                    chunks < claims.div_ceil(ROW_CHUNK) + cores,
                    "{claims} {cores}"
                );
            }
        }
    }
}
