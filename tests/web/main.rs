//! `hearsay serve --http` end to end: the real binary serving a real store in a temp dir,
//! asked by real clients (curl, Python's rdflib and SPARQLWrapper, headless Chromium through
//! chromedriver, driven by fantoccini in browser.rs). Each test says what a client does and
//! what it must get.

mod browser;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use tempfile::TempDir;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

/// An article whose title, publisher, source and content carry markup meant to run.
/// `window.hearsayXss` is set by any of it that runs.
pub const HOSTILE: &str = r#"---
title: <script>window.hearsayXss=1</script>"><img src=x onerror=window.hearsayXss=2> Port talks
date: 2026-03-10
url: https://example-wire.test/2026/03/10/hostile
publisher: <script>window.hearsayXss=3</script> Wire
---
The <script>window.hearsayXss=4</script> Group said on Monday that "><img src=x onerror=window.hearsayXss=5> ships would dock in April.

According to Harbor<img/src=x/onerror=window.hearsayXss=6>Group, the port was ready.
"#;

/// A store with the sample articles and the hostile one, in a temp dir.
pub struct Stored {
    pub dir: TempDir,
}

impl Stored {
    pub fn ingested() -> Stored {
        let dir = tempfile::tempdir().expect("temp dir");
        let hostile = dir.path().join("hostile.txt");
        std::fs::write(&hostile, HOSTILE).expect("write hostile article");
        let status = hearsay(dir.path())
            .arg("ingest")
            .arg(DATA)
            .arg(&hostile)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run hearsay ingest");
        assert!(status.success(), "ingest failed");
        Stored { dir }
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// `hearsay --store STORE query SPARQL --results-format csv`: what the CLI answers.
    pub fn query_csv(&self, sparql: &str) -> String {
        let out = hearsay(self.dir.path())
            .args(["query", sparql, "--results-format", "csv"])
            .output()
            .expect("run hearsay query");
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

/// The binary, on the store in `dir`.
fn hearsay(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hearsay"));
    command
        .env_remove("HEARSAY_STORE")
        .arg("--store")
        .arg(dir.join("store"));
    command
}

/// A running `hearsay serve --http`, killed by its process id when dropped.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    log: Arc<Mutex<String>>,
}

impl Served {
    /// Serves `stored` on a free port of `host`, with `options` after `serve`.
    pub fn start(stored: &Stored, host: &str, options: &[&str]) -> Served {
        let mut child = hearsay(stored.dir.path())
            .arg("serve")
            .arg("--http")
            .arg(format!("{host}:0"))
            .args(options)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn hearsay serve");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let log = Arc::new(Mutex::new(String::new()));
        let mut base = None;
        let mut line = String::new();
        while base.is_none() && stderr.read_line(&mut line).unwrap_or(0) > 0 {
            log.lock().unwrap().push_str(&line);
            if let Some(rest) = line.split("endpoint on ").nth(1) {
                base = rest
                    .split_whitespace()
                    .next()
                    .map(|url| url.trim_end_matches('/').to_owned());
            }
            line.clear();
        }
        let Some(base) = base else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server did not start: {}", log.lock().unwrap());
        };
        // Keep reading its log, so that it never blocks on a full pipe.
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Served { child, base, log }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What curl got: status, headers (lowercase names) and body.
pub struct Got {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

/// `curl -s` with `args` before the URL; the status, headers and body it got.
pub fn curl(args: &[&str], url: &str) -> Got {
    let out = Command::new("curl")
        .args(["-s", "-D", "-", "--max-time", "30"])
        .args(args)
        .arg(url)
        .output()
        .expect("curl is installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Got {
        status,
        headers: headers.to_lowercase(),
        body: body.to_owned(),
    }
}

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

const COUNT_CLAIMS: &str = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hs:Claim }";

#[test]
fn sparql_protocol_answers_curl_as_the_cli_does() {
    let stored = Stored::ingested();
    let served = Served::start(&stored, "127.0.0.1", &[]);
    let sparql = format!("{}/sparql", served.base);
    let cli = stored.query_csv(COUNT_CLAIMS);
    let claims: usize = cli
        .lines()
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(claims > 100, "{cli}");

    // GET, JSON by default; hearsay's prefixes and the union default graph, as in the CLI.
    let got = curl(&[], &format!("{sparql}?query={}", encode(COUNT_CLAIMS)));
    assert_eq!(got.status, 200, "{}", got.body);
    assert!(got
        .headers
        .contains("content-type: application/sparql-results+json"));
    let json: serde_json::Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(
        json["results"]["bindings"][0]["n"]["value"],
        claims.to_string()
    );

    // POST application/sparql-query, CSV: the CLI's CSV byte for byte.
    let got = curl(
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "-H",
            "Accept: text/csv",
            "--data-binary",
            COUNT_CLAIMS,
        ],
        &sparql,
    );
    assert_eq!((got.status, got.body.as_str()), (200, cli.as_str()));

    // POST URL-encoded, XML and TSV by weight.
    let form = format!("query={}", encode(COUNT_CLAIMS));
    let got = curl(
        &[
            "-H",
            "Accept: text/tab-separated-values;q=0.5, application/sparql-results+xml",
            "--data",
            &form,
        ],
        &sparql,
    );
    assert_eq!(got.status, 200);
    assert!(got.headers.contains("application/sparql-results+xml"));
    assert!(
        got.body.contains(&format!(">{claims}</literal>")),
        "{}",
        got.body
    );
    let got = curl(
        &["-H", "Accept: text/tab-separated-values", "--data", &form],
        &sparql,
    );
    assert!(got.body.starts_with("?n\n"), "{}", got.body);

    // Graphs in each RDF format asked for.
    let construct =
        "CONSTRUCT { ?c schema:text ?t } WHERE { ?c a hs:Claim ; schema:text ?t } LIMIT 3";
    for (accept, expect) in [
        ("text/turtle", "@prefix hs:"),
        ("application/n-triples", "<http://schema.org/text>"),
        ("application/n-quads", "<http://schema.org/text>"),
        ("application/ld+json", "\"@id\""),
    ] {
        let got = curl(
            &["-H", &format!("Accept: {accept}")],
            &format!("{sparql}?query={}", encode(construct)),
        );
        assert_eq!(got.status, 200, "{accept}: {}", got.body);
        assert!(
            got.headers.contains(&format!("content-type: {accept}")),
            "{}",
            got.headers
        );
        assert!(got.body.contains(expect), "{accept}: {}", got.body);
    }
    let got = curl(
        &["-H", "Accept: image/png"],
        &format!("{sparql}?query={}", encode(COUNT_CLAIMS)),
    );
    assert_eq!(got.status, 406);

    // Read-only: updates are refused, however they come, and the store keeps its claims.
    let insert = "INSERT DATA { <http://example.org/a> a hs:Claim }";
    for args in [
        vec!["--data".to_owned(), format!("update={}", encode(insert))],
        vec![
            "-H".to_owned(),
            "Content-Type: application/sparql-update".to_owned(),
            "--data-binary".to_owned(),
            insert.to_owned(),
        ],
        vec!["--data".to_owned(), format!("query={}", encode(insert))],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let got = curl(&args, &sparql);
        assert_eq!(got.status, 403, "{args:?}: {}", got.body);
        assert!(got.body.contains("read-only"), "{}", got.body);
    }
    assert_eq!(stored.query_csv(COUNT_CLAIMS), cli);

    // A malformed query: 400 with the parser's message and position.
    let got = curl(
        &[],
        &format!("{sparql}?query={}", encode("SELECT ?x WHERE { ?x ")),
    );
    assert_eq!(got.status, 400);
    assert!(
        got.body.starts_with("SPARQL syntax error: "),
        "{}",
        got.body
    );
    assert!(got.body.contains("error at 1:"), "{}", got.body);

    // The Service Description, for a client that asks without a query.
    let got = curl(&["-H", "Accept: text/turtle"], &sparql);
    assert_eq!(got.status, 200);
    assert!(
        got.body
            .contains("sparql-service-description#UnionDefaultGraph"),
        "{}",
        got.body
    );
    assert!(got.body.contains(&format!("<{sparql}>")), "{}", got.body);
}

#[test]
fn queries_stop_at_the_time_limit_and_the_row_cap() {
    let stored = Stored::ingested();
    let served = Served::start(
        &stored,
        "127.0.0.1",
        &["--query-timeout", "0.5", "--max-rows", "7"],
    );
    let sparql = format!("{}/sparql", served.base);
    // Every triple against every triple against every triple, each read from the store
    // again (LATERAL): far beyond half a second.
    let slow =
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c LATERAL { ?d ?e ?f LATERAL { ?g ?h ?i } } }";
    let started = std::time::Instant::now();
    let got = curl(&[], &format!("{sparql}?query={}", encode(slow)));
    assert_eq!(got.status, 503, "{}", got.body);
    assert!(got.body.contains("time limit of 0.5 s"), "{}", got.body);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());

    let got = curl(
        &["-H", "Accept: text/csv"],
        &format!(
            "{sparql}?query={}",
            encode("SELECT ?c WHERE { ?c a hs:Claim }")
        ),
    );
    assert_eq!(got.status, 200);
    assert_eq!(got.body.lines().count(), 1 + 7, "{}", got.body);
    assert!(
        got.headers
            .contains("hearsay-truncated: only the first 7 rows"),
        "{}",
        got.headers
    );
}

// With tiny_http, idle keep-alive connections each held a thread of a pool that could lose
// new connections behind them: under load, dozens of a burst's 200 were never answered.
#[test]
fn a_burst_of_200_requests_beside_100_idle_connections_gets_answers_or_503s() {
    let stored = Stored::ingested();
    let mut served = Served::start(&stored, "127.0.0.1", &[]);
    // Clients that connect and say nothing, held open through the burst.
    let address = served.base.trim_start_matches("http://").to_owned();
    let idle: Vec<std::net::TcpStream> = (0..100)
        .map(|_| std::net::TcpStream::connect(&address).expect("connect"))
        .collect();
    let config = stored.dir.path().join("burst.curl");
    let mut urls = String::new();
    for i in 0..200 {
        // Cheap answers, so that the burst tests the queue rather than the queries.
        let path = match i % 4 {
            0 => "/style.css".to_owned(),
            1 => "/id/article/none".to_owned(),
            2 => format!("/sparql?query={}", encode("ASK { ?s a hs:Article }")),
            _ => "/propositions".to_owned(),
        };
        urls.push_str(&format!(
            "url = \"{}{path}\"\noutput = \"/dev/null\"\n",
            served.base
        ));
    }
    std::fs::write(&config, urls).unwrap();
    let out = Command::new("curl")
        .args([
            "-s",
            "--parallel",
            "--parallel-immediate",
            "--parallel-max",
            "200",
            // A transfer the server never answers shows as 000 instead of hanging the test.
            // Connections beyond the listen backlog wait for the kernel's SYN retries.
            "--max-time",
            "60",
            "-w",
            "%{http_code}\n",
            "-K",
        ])
        .arg(&config)
        .output()
        .expect("curl");
    let codes = String::from_utf8_lossy(&out.stdout).into_owned();
    let codes: Vec<&str> = codes.lines().collect();
    assert_eq!(codes.len(), 200);
    assert!(
        codes.iter().all(|c| ["200", "404", "503"].contains(c)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"200") && codes.contains(&"404"),
        "{codes:?}"
    );
    assert!(served.alive(), "{}", served.log());
    assert_eq!(curl(&[], &format!("{}/", served.base)).status, 200);
    drop(idle);
}

#[test]
fn pages_escape_the_hostile_article_and_iris_dereference() {
    let stored = Stored::ingested();
    let served = Served::start(&stored, "127.0.0.1", &[]);
    let home = curl(&[], &format!("{}/", served.base));
    assert_eq!(home.status, 200);
    let articles = stored.query_csv("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a hs:Article }");
    let articles = articles.lines().nth(1).unwrap().trim().to_owned();
    assert!(
        home.body
            .contains(&format!("<dt>Articles</dt><dd>{articles}</dd>")),
        "{}",
        home.body
    );

    // The hostile article's page: its markup shown as text, none of it as markup.
    let hostile = stored.query_csv("SELECT ?a WHERE { ?a a hs:Article ; schema:url ?u FILTER(STR(?u) = \"https://example-wire.test/2026/03/10/hostile\") }");
    let hostile = hostile.lines().nth(1).unwrap().trim().to_owned();
    let path = hostile.replace("https://w3id.org/hearsay/id/", "/id/");
    let page = curl(
        &["-H", "Accept: text/html"],
        &format!("{}{path}", served.base),
    );
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script"), "{}", page.body);
    assert!(!page.body.contains("<img"), "{}", page.body);
    assert!(page.body.contains("&lt;script&gt;window.hearsayXss=1"));
    assert!(page
        .headers
        .contains("content-security-policy: default-src 'none'"));
    for path in ["/", "/claims?text=ships", "/claims?source=harbor"] {
        let got = curl(&[], &format!("{}{path}", served.base));
        assert!(
            !got.body.contains("<script") && !got.body.contains("<img"),
            "{path}"
        );
    }

    // Its sources' pages and story pictures: their names shown as text.
    let sources = stored.query_csv(&format!(
        "SELECT DISTINCT ?s WHERE {{ GRAPH <{hostile}> {{ ?c prov:wasAttributedTo ?s }} }}"
    ));
    let sources: Vec<&str> = sources.lines().skip(1).map(str::trim).collect();
    assert!(!sources.is_empty());
    for source in sources {
        let page = source.replace("https://w3id.org/hearsay/id/", "/id/");
        for path in [page.clone(), format!("{page}/story")] {
            let got = curl(&[], &format!("{}{path}", served.base));
            assert_eq!(got.status, 200, "{path}");
            assert!(
                !got.body.contains("<script") && !got.body.contains("<img"),
                "{path}: {}",
                got.body
            );
        }
    }
    // A story of nothing the store holds is not found.
    for path in [
        "/id/source/no-such-source/story",
        "/id/proposition/0000000000000000/story",
        "/id/claim/story",
        "/id/story",
    ] {
        assert_eq!(
            curl(&[], &format!("{}{path}", served.base)).status,
            404,
            "{path}"
        );
    }

    // The IRI gives Turtle to an RDF client, the page to anyone else.
    let turtle = curl(
        &["-H", "Accept: text/turtle"],
        &format!("{}{path}", served.base),
    );
    assert_eq!(turtle.status, 200);
    assert!(turtle.headers.contains("content-type: text/turtle"));
    assert!(turtle.body.contains("hs:Article"), "{}", turtle.body);
    assert!(curl(&[], &format!("{}{path}", served.base))
        .body
        .starts_with("<!DOCTYPE html>"));

    // Static files: only the stylesheet, whatever the path tries.
    assert_eq!(curl(&[], &format!("{}/style.css", served.base)).status, 200);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/style.css/../../Cargo.toml",
        "/id/../../Cargo.toml",
    ] {
        let got = curl(&["--path-as-is"], &format!("{}{path}", served.base));
        assert_eq!(got.status, 404, "{path}");
        assert!(
            !got.body.contains("[package]") && !got.body.contains("root:"),
            "{path}"
        );
    }
    // Pages only read.
    assert_eq!(
        curl(&["-X", "DELETE"], &format!("{}{path}", served.base)).status,
        405
    );
}

/// The claims page's lookup, page after page, lists what `Store::claims` lists, in its order:
/// on a read-only store (as the server opens it, which keeps the article order) and a
/// writable one, with no filter (the articles walked from either end) and with filters.
#[test]
fn claims_pages_cut_the_claims_lookup_in_pages() {
    use hearsay::extract::Stance;
    use hearsay::store::{ClaimFilter, Lookups, Store};
    let stored = Stored::ingested();
    let filters = [
        ClaimFilter::default(),
        ClaimFilter {
            stance: Some(Stance::Denied),
            ..ClaimFilter::default()
        },
        ClaimFilter {
            source: Some("harbor".into()),
            ..ClaimFilter::default()
        },
        ClaimFilter {
            text: Some("port".into()),
            min_confidence: Some(0.5),
            ..ClaimFilter::default()
        },
    ];
    for read_only in [true, false] {
        let store = if read_only {
            Store::open_read_only(stored.store())
        } else {
            Store::open(stored.store())
        }
        .expect("open the store");
        for filter in &filters {
            let all: Vec<String> = store
                .claims(filter)
                .expect("claims")
                .into_iter()
                .map(|row| row.iri)
                .collect();
            assert!(!all.is_empty(), "{filter:?}");
            for size in [3, 50] {
                let mut paged = Vec::new();
                for offset in (0..all.len() + size).step_by(size) {
                    let page = store.claims_page(filter, offset, size).expect("a page");
                    assert_eq!(page.total, all.len(), "{filter:?}");
                    assert!(page.rows.len() <= size);
                    paged.extend(page.rows.into_iter().map(|row| row.iri));
                }
                assert_eq!(
                    paged, all,
                    "{filter:?}, {size} a page, read-only {read_only}"
                );
            }
        }
    }
}

#[test]
fn another_address_than_loopback_only_when_asked_and_with_a_warning() {
    let stored = Stored::ingested();
    let served = Served::start(&stored, "127.0.0.1", &[]);
    assert!(!served.log().contains("warning"), "{}", served.log());
    drop(served);
    let served = Served::start(&stored, "0.0.0.0", &[]);
    assert!(
        served.log().contains("warning: 0.0.0.0:"),
        "{}",
        served.log()
    );
}

/// Whether python3 can import `modules` (none when blank) and `tools` are on the PATH; when
/// not, says so and is false, except in CI (.ci/run installs them), where it fails.
fn ready(modules: &str, tools: &[&str]) -> bool {
    let ready = (modules.is_empty()
        || Command::new("python3")
            .args(["-c", &format!("import {modules}")])
            .status()
            .is_ok_and(|s| s.success()))
        && tools
            .iter()
            .all(|tool| Command::new(tool).arg("--version").output().is_ok());
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with {modules:?} and {tools:?}"
        );
        eprintln!(
            "SKIPPED: python3 with {modules:?}, or {tools:?}, is missing (pip install rdflib \
             SPARQLWrapper; apt-get install chromium chromium-driver)"
        );
    }
    ready
}

/// Runs `tests/web/SCRIPT` with `args`; its standard output, after checking it succeeded.
fn run_python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(format!("{}/tests/web/{script}", env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{script}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn python_rdflib_and_sparqlwrapper_query_the_endpoint() {
    if !ready("rdflib, SPARQLWrapper", &[]) {
        return;
    }
    let stored = Stored::ingested();
    let served = Served::start(&stored, "127.0.0.1", &[]);
    let cli = stored.query_csv(COUNT_CLAIMS);
    let claims = cli.lines().nth(1).unwrap().trim();
    let said = run_python("clients.py", &[&format!("{}/sparql", served.base), claims]);
    assert!(
        said.contains("rdflib SPARQLStore: ok") && said.contains("SPARQLWrapper: ok"),
        "{said}"
    );
}

#[test]
fn pages_work_in_headless_chromium() {
    if !ready("", &["chromedriver", "chromium"]) {
        return;
    }
    let stored = Stored::ingested();
    let served = Served::start(&stored, "127.0.0.1", &[]);
    let screenshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Err(failed) = runtime.block_on(browser::check_pages(&served.base, &screenshots)) {
        panic!("{failed:#}");
    }
    // Every page it checked was served, and none failed.
    let log = served.log();
    assert!(
        log.contains("GET /: 200") && !log.contains(": 500"),
        "{log}"
    );
}
