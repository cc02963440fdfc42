//! The command line, as clap types: every flag, its help and its validation.
//! Turns what the user typed into typed values; does no work itself.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::extract::Stance;

/// Turns news articles into a claim-tracking knowledge graph: who claimed what, how
/// firmly, who denied it.
#[derive(Debug, Parser)]
#[command(name = "hearsay", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub remote: RemoteArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Where the store lives.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Directory of the Oxigraph store
    ///
    /// Created by `ingest` when missing. Read-only commands (claims, sources, show, query,
    /// export) open it read-only, so they can run while an ingest is writing.
    #[arg(
        long,
        short = 'l',
        visible_alias = "location",
        env = "HEARSAY_STORE",
        default_value = "hearsay-store",
        value_hint = clap::ValueHint::DirPath,
        global = true
    )]
    pub store: PathBuf,

    /// Keep the store in memory for this one run (nothing is written to disk; overrides --store)
    #[arg(long, global = true)]
    pub memory: bool,
}

/// A SPARQL server in place of the store.
#[derive(Debug, Args)]
pub struct RemoteArgs {
    /// A SPARQL server for the lookups and query to read, or for push to write to: its base
    /// URL or its query URL
    ///
    /// The update and Graph Store URLs are found from its Service Description, else from
    /// the known layouts (Oxigraph: /query, /update, /store; Fuseki: /DS/sparql, /DS/update,
    /// /DS/data; Virtuoso: /sparql, /sparql-graph-crud). Credentials, when the server needs
    /// them, come from HEARSAY_ENDPOINT_USER and HEARSAY_ENDPOINT_PASSWORD (HTTP basic),
    /// never from the command line.
    #[arg(long, value_name = "URL", global = true)]
    pub endpoint: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, extract their attributed claims and store them
    ///
    /// Takes .txt files (with an optional front-matter block of title, date, url, publisher,
    /// author), .csv files with columns url,date,title,text, .jsonl files with the same fields
    /// or {id, text}, web pages (.html, .htm), RSS and Atom feeds (.rss, .atom, .xml; one
    /// article per item), WARC archives (.warc; one article per HTML response), the last
    /// three also gzipped (.html.gz, .warc.gz), directories (recursively) and `-` for stdin. Each article becomes one
    /// named graph; ingesting it again replaces it, unless its claims came out the same, in
    /// which case nothing is written (the summary counts such unchanged articles).
    Ingest(IngestArgs),
    /// Look up claims
    ///
    /// Exits 1 when no claim matches, so scripts can branch on it.
    Claims(ClaimsArgs),
    /// List sources with their kind and how many claims each made
    Sources(SourcesArgs),
    /// What was said, by whom, when: claims in date order, across articles
    ///
    /// Select by source (any name it goes by: "Peskov" finds "Kremlin spokesman Dmitry
    /// Peskov"), by content, or by proposition (an id from `hearsay propositions`).
    Timeline(TimelineArgs),
    /// List propositions: what several claims say alike, with who asserts, denies or
    /// declines to confirm them
    ///
    /// Counts are of independent origins: a wire copy reprinted by two publishers, or a claim
    /// relayed by a newspaper from its source, counts once. Exits 1 when none matches.
    Propositions(PropositionsArgs),
    /// Print one claim with its sentence, article, offsets and linked claims
    Show(ShowArgs),
    /// Run a SPARQL query (text or a .rq file) over all articles
    ///
    /// The default graph is the union of every article's graph, and the prefixes hs, article,
    /// claim, source, proposition, hsid, schema, prov, rdf, rdfs and xsd are predeclared.
    Query(QueryArgs),
    /// Write the store (or one article) as RDF
    Export(ExportArgs),
    /// Write the store to a SPARQL server (--endpoint URL): each article graph and the
    /// propositions graph, only those that changed since the last push
    ///
    /// SPARQL 1.1 Update (DROP SILENT GRAPH, INSERT DATA), many graphs a request, each
    /// replaced whole, so a push can be repeated safely; a PUT per graph to the server's Graph
    /// Store (SPARQL 1.1 Graph Store Protocol) where the server offers only that, on
    /// Virtuoso (faster there), or with --via graph-store. Each graph gets one more triple
    /// on the server, <graph> hs:pushedDigest "SHA-256 of its triples": the next push reads
    /// these and sends only graphs whose digest changed. With --prune, graphs an earlier
    /// push wrote that the store no longer has are dropped. The store is only read.
    Push(PushArgs),
    /// Compact the store's files, so that lookups read fewer of them
    ///
    /// Worth running once after a large ingest: a bulk load leaves many overlapping files,
    /// which RocksDB otherwise merges only as later writes come. Takes about as long as the
    /// load did; no other process may have the store open for writing meanwhile.
    Compact,
    /// Keep the store open, so that lookups on it answer faster
    ///
    /// While it runs, `claims`, `sources`, `show`, `timeline`, `propositions` and `query` on
    /// this store are run by it, through the socket hearsay.sock in the store's directory:
    /// the same arguments, output and exit codes, without opening the store each time (on a
    /// million claims, a lookup by source takes about a third of the time). It only reads: ingest and compact run beside it, and every lookup sees the
    /// store as it is then. Stop it with Ctrl-C; without it, commands open the store
    /// themselves.
    ///
    /// With --http it also serves the store on the web: pages to read (claims, articles with
    /// their attributions marked, sources, propositions) and a read-only SPARQL 1.1 endpoint
    /// at /sparql for RDF tools.
    Serve(ServeArgs),
    /// Extract attributions without a store, as JSON Lines in the exchange format
    ///
    /// Offsets count Unicode code points. For JSON Lines input, each output line keeps the
    /// input's `id`.
    Extract(ExtractArgs),
    /// Score extraction against gold annotations (exact, partial and overlap P/R/F1)
    Eval(EvalArgs),
    /// Print the articles as hearsay reads them, as JSON Lines, without a store
    ///
    /// One line per article: `id` (the article's id in the store: its graph is
    /// hsid:article/ID and its claims' ids start with it), `origin` (file, row, item or
    /// record), `url`, `title`, `date`, `author`, `publisher` and `text` (for a web page, its
    /// main text only). Takes what `ingest` takes; check here what a page, feed or archive
    /// gives before ingesting it.
    Read(ReadArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Load through Oxigraph's bulk loader even when the input is small
    ///
    /// Inputs of 256 articles or more always go through it, and so do fewer articles that
    /// make 20,000 quads or more (about 700 claims). The articles appear all at once
    /// when the load ends; a crash before that leaves none of them. Uses more memory than the
    /// transaction per article that smaller inputs get.
    #[arg(long)]
    pub bulk: bool,

    /// Never draw a progress bar (it is drawn only when stderr is a terminal anyway)
    #[arg(long)]
    pub no_progress: bool,

    /// Claims stored of one article at most, the first in text order; 0 for no limit
    ///
    /// News articles hold a few dozen claims (PolNeAR's largest, 214); a page of "He said …"
    /// repeated holds 40,000 per megabyte and would take minutes and gigabytes to store.
    /// An article over the limit is stored with its first N claims and named on stderr.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_claims_per_article: usize,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Claims whose source goes by TEXT, or by a name containing it (as written, canonical
    /// name or key; case and diacritics aside)
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,

    /// Claims whose content holds these words (case and diacritics aside): "a phrase" in
    /// double quotes, word* for words that begin so
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,

    /// Only claims with this stance
    #[arg(long, value_enum)]
    pub stance: Option<StanceArg>,

    /// Only claims whose confidence is at least X (0 to 1)
    #[arg(long, value_name = "X", value_parser = parse_unit_interval)]
    pub min_confidence: Option<f64>,

    /// Only claims from this article (its url or IRI)
    #[arg(long, value_name = "URL|IRI")]
    pub article: Option<String>,

    /// Only claims from articles dated on or after DATE (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,

    /// Only claims from articles dated on or before DATE (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<NaiveDate>,

    /// List contested propositions instead: those some sources assert and others deny,
    /// each claim on both sides with its proposition (the other filters do not apply)
    #[arg(long, conflicts_with_all = ["source", "text", "stance", "min_confidence", "article", "since", "until"])]
    pub contested: bool,

    #[command(flatten)]
    pub output: TableOutput,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct TimelineSelect {
    /// Claims of this source, under any name containing S (case and diacritics aside)
    #[arg(long, value_name = "S", value_parser = parse_nonblank)]
    pub source: Option<String>,

    /// Claims whose content holds these words: "a phrase" in double quotes, word* for words
    /// that begin so (case and diacritics aside)
    #[arg(long, value_name = "WORDS", value_parser = parse_nonblank)]
    pub text: Option<String>,

    /// Claims of one proposition (its id, as `hearsay propositions` prints it)
    #[arg(long, value_name = "ID", value_parser = parse_nonblank)]
    pub proposition: Option<String>,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub select: TimelineSelect,

    #[command(flatten)]
    pub output: TableOutput,
}

#[derive(Debug, Args)]
pub struct PropositionsArgs {
    /// Only propositions some sources assert and others deny
    #[arg(long)]
    pub contested: bool,

    /// Only propositions asserted by at least N independent origins
    #[arg(long, value_name = "N")]
    pub min_origins: Option<usize>,

    /// Only propositions with at least N claims (default 2: a lone claim is no proposition
    /// worth listing; 1 lists every one)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_claims: usize,

    /// Only propositions whose text contains T (case-insensitive)
    #[arg(long, value_name = "T")]
    pub text: Option<String>,

    #[command(flatten)]
    pub output: TableOutput,
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    #[command(flatten)]
    pub output: TableOutput,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The claim's id (as `hearsay claims` prints it) or full IRI
    pub id: String,

    /// text for people, json for scripts
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// SPARQL text, or the path of a .rq file
    pub query: String,

    /// Format of SELECT and ASK results (default: table on a terminal, tsv when piped)
    #[arg(long, value_enum)]
    pub results_format: Option<ResultsFormat>,

    /// Format of CONSTRUCT and DESCRIBE results
    #[arg(long, value_enum, default_value_t = RdfFormatArg::Turtle)]
    pub format: RdfFormatArg,

    /// Stop the query after SECONDS (running it and writing its results), with an error
    /// and exit code 2; 0 for no limit
    ///
    /// The default, 120 s, lets every query of queries/ finish on a million claims while a
    /// query that joins the store with itself ends with an error instead of running for ever.
    #[arg(long, value_name = "SECONDS", default_value = "120", value_parser = parse_timeout)]
    pub timeout: TimeLimit,
}

/// A time limit, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLimit(pub Option<Duration>);

/// How `push` writes graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PushVia {
    /// SPARQL 1.1 Update: many graphs a request
    Update,
    /// The Graph Store HTTP Protocol: a PUT per graph
    GraphStore,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The server's Graph Store (SPARQL 1.1 Graph Store Protocol), when it is not found
    #[arg(long, value_name = "URL")]
    pub graph_store: Option<String>,

    /// The server's update endpoint (SPARQL 1.1 Update), when it is not found; used alone
    /// when no Graph Store is known
    #[arg(long, value_name = "URL")]
    pub update: Option<String>,

    /// How graphs are written: update (SPARQL 1.1 Update, many graphs a request) or
    /// graph-store (a PUT per graph) [default: update when the server takes it, except on
    /// Virtuoso]
    #[arg(long, value_enum, value_name = "CHANNEL")]
    pub via: Option<PushVia>,

    /// Bytes of SPARQL Update text in one request, roughly (a larger graph goes alone)
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub request_bytes: u32,

    /// Graphs read, compared and sent together (progress is reported after each batch)
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,

    /// Requests in flight at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub connections: u32,

    /// Send every graph, whatever the server holds
    #[arg(long)]
    pub all: bool,

    /// Also drop the graphs an earlier push wrote that the store no longer has (not when
    /// several stores push to one server: each would drop the others' articles)
    #[arg(long)]
    pub prune: bool,

    /// Give up on a request after SECONDS (each is tried up to 5 times while the server is
    /// busy or unreachable)
    #[arg(long, value_name = "SECONDS", default_value = "600", value_parser = parse_timeout)]
    pub timeout: TimeLimit,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// RDF format (default: guessed from -o's extension, else Turtle)
    #[arg(long, value_enum)]
    pub format: Option<RdfFormatArg>,

    /// Export only this article (its url or IRI)
    #[arg(long, value_name = "URL|IRI")]
    pub article: Option<String>,

    /// Write to FILE instead of stdout
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Also serve pages and a SPARQL endpoint over HTTP, on ADDR (default 127.0.0.1:7878)
    ///
    /// Only this machine can reach the default address. Give another (0.0.0.0:7878) to let
    /// other machines read the store: everything in it becomes readable to them.
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "127.0.0.1:7878")]
    pub http: Option<std::net::SocketAddr>,

    /// Seconds a SPARQL query may run before it is stopped (with --http; 0 for no limit)
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_timeout)]
    pub query_timeout: TimeLimit,

    /// Rows at most in one SPARQL answer (with --http)
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub max_rows: usize,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Include each article's text in the output lines
    #[arg(long)]
    pub with_text: bool,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// What `ingest`, `extract` and `read` read, and how they fetch web addresses.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories, web addresses (http://, https://), or `-` for stdin
    #[arg(required_unless_present = "urls", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,

    /// Also read the web addresses listed in FILE, one per line (`#` starts a comment)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub urls: Option<PathBuf>,

    /// Fetch each feed item's page and read it as the item's text
    #[arg(long)]
    pub fetch: bool,

    /// Seconds between two requests to one host
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_seconds)]
    pub delay: Duration,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold annotations, JSON Lines in the exchange format
    #[arg(long, value_name = "FILE.jsonl", value_hint = clap::ValueHint::FilePath)]
    pub gold: PathBuf,

    /// Score these predictions instead of running the extractor on the gold texts
    #[arg(long, value_name = "FILE.jsonl", value_hint = clap::ValueHint::FilePath)]
    pub predictions: Option<PathBuf>,

    /// table for people, json for scripts (the shape of score.py --json)
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
}

/// Output choices shared by the listing commands.
#[derive(Debug, Args)]
pub struct TableOutput {
    /// Output format (default: table on a terminal, tsv when piped)
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,

    /// Print at most N rows
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StanceArg {
    Asserted,
    Denied,
    Unconfirmed,
}

impl From<StanceArg> for Stance {
    fn from(value: StanceArg) -> Self {
        match value {
            StanceArg::Asserted => Stance::Asserted,
            StanceArg::Denied => Stance::Denied,
            StanceArg::Unconfirmed => Stance::Unconfirmed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
    Csv,
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultsFormat {
    Table,
    Json,
    Xml,
    Csv,
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RdfFormatArg {
    Turtle,
    #[value(name = "trig")]
    TriG,
    #[value(name = "ntriples", alias = "nt")]
    NTriples,
    #[value(name = "nquads", alias = "nq")]
    NQuads,
    #[value(name = "jsonld", alias = "json-ld")]
    JsonLd,
}

/// A selector that selects something: a blank one would pick every claim in the store.
fn parse_nonblank(value: &str) -> Result<String, String> {
    if value.trim().is_empty() {
        Err("it is blank; give a name, words or an id".to_owned())
    } else {
        Ok(value.to_owned())
    }
}

/// A time limit in seconds (fractions allowed); 0 means none.
fn parse_timeout(value: &str) -> Result<TimeLimit, String> {
    let limit = parse_seconds(value)?;
    Ok(TimeLimit((!limit.is_zero()).then_some(limit)))
}

/// A number of seconds, fractions allowed, 0 or more.
fn parse_seconds(value: &str) -> Result<Duration, String> {
    let seconds: f64 = value
        .parse()
        .map_err(|_| format!("'{value}' is not a number of seconds"))?;
    Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("{value} is not a number of seconds (give 0 or more)"))
}

fn parse_unit_interval(value: &str) -> Result<f64, String> {
    let x: f64 = value
        .parse()
        .map_err(|_| format!("'{value}' is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is outside 0 to 1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn min_confidence_must_lie_in_unit_interval() {
        assert_eq!(parse_unit_interval("0.5"), Ok(0.5));
        assert!(parse_unit_interval("1.5").is_err());
        assert_eq!(parse_seconds("0.25"), Ok(Duration::from_millis(250)));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_unit_interval("high").is_err());
    }

    #[test]
    fn timeout_is_seconds_and_zero_is_none() {
        assert_eq!(
            parse_timeout("1.5"),
            Ok(TimeLimit(Some(Duration::from_millis(1500))))
        );
        assert_eq!(parse_timeout("0"), Ok(TimeLimit(None)));
        assert!(parse_timeout("-1").is_err());
        assert!(parse_timeout("NaN").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}
