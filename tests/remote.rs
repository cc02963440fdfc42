//! hearsay against real SPARQL servers: `hearsay push` into Oxigraph's server (the `oxigraph`
//! command from PyPI, started here on a free port), the lookups and every shipped query
//! there with the same output as on the embedded store, every shipped query through rdflib's
//! parser, and the errors a bad endpoint gives (no server, 401, 503, malformed results),
//! from small HTTP servers started here that answer only that.
//!
//! Virtuoso: `tests/virtuoso.sh` starts one and runs the ignored test here against it.
//! Tests that need the `oxigraph` command, Python or rdflib skip, saying so, when they are
//! missing (.ci/run installs them).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A free port on the loopback interface.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Oxigraph's server, stopped when dropped.
struct OxigraphServer {
    child: Child,
    url: String,
    _dir: TempDir,
}

impl Drop for OxigraphServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `oxigraph serve` on a free port, or says why it cannot and gives `None`.
fn oxigraph_server() -> Option<OxigraphServer> {
    let found = StdCommand::new("oxigraph")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        eprintln!("SKIPPED: the `oxigraph` command is missing (python3 -m pip install oxigraph)");
        return None;
    }
    let dir = TempDir::new().expect("a temp dir");
    let port = free_port();
    let child = StdCommand::new("oxigraph")
        .args(["serve", "--location"])
        .arg(dir.path().join("data"))
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("oxigraph serve starts");
    let server = OxigraphServer {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    };
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "oxigraph serve did not listen on {port} within 30 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(server)
}

fn hearsay() -> Command {
    let mut command = Command::cargo_bin("hearsay").expect("the binary");
    command
        .env_remove("HEARSAY_STORE")
        .env_remove("HEARSAY_ENDPOINT_USER")
        .env_remove("HEARSAY_ENDPOINT_PASSWORD");
    command
}

/// A store in a temp dir holding the data/ example (8 articles, a contested proposition).
fn example_store() -> TempDir {
    let dir = TempDir::new().expect("a temp dir");
    hearsay()
        .arg("--store")
        .arg(dir.path().join("store"))
        .args(["ingest", "--no-progress"])
        .arg(Path::new(ROOT).join("data"))
        .assert()
        .success();
    dir
}

fn store_path(dir: &TempDir) -> PathBuf {
    dir.path().join("store")
}

/// Runs hearsay with `args` on the store, or on `endpoint` when given: (exit code, stdout).
fn run(store: &Path, endpoint: Option<&str>, args: &[&str]) -> (i32, String) {
    let mut command = hearsay();
    command.arg("--store").arg(store).args(args);
    if let Some(endpoint) = endpoint {
        command.args(["--endpoint", endpoint]);
    }
    let output = command.output().expect("hearsay runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "hearsay {args:?} (endpoint {endpoint:?}) failed ({code}): {stderr}"
    );
    (code, String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Pushes the store to `endpoint`; the summary line.
fn push(store: &Path, endpoint: &str) -> String {
    push_with(store, endpoint, &[])
}

/// Pushes the store to `endpoint` with more arguments; the summary line.
fn push_with(store: &Path, endpoint: &str, args: &[&str]) -> String {
    let output = hearsay()
        .arg("--store")
        .arg(store)
        .args(["push", "--endpoint", endpoint])
        .args(args)
        .output()
        .expect("hearsay runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "push failed: {stderr}");
    stderr.lines().last().unwrap_or_default().to_owned()
}

/// The number before `word` in a push summary ("3 unchanged").
fn count(summary: &str, word: &str) -> usize {
    let words: Vec<&str> = summary.split_whitespace().collect();
    words
        .windows(2)
        .find(|w| w[1].trim_start_matches('(').starts_with(word))
        .and_then(|w| w[0].trim_start_matches('(').parse().ok())
        .unwrap_or_else(|| panic!("no count of {word} in {summary:?}"))
}

/// The first value of the first row of a TSV listing.
fn first_value(tsv: &str) -> String {
    tsv.lines()
        .nth(1)
        .and_then(|l| l.split('\t').next())
        .expect("a row")
        .to_owned()
}

/// The first claim id, the most quoted source's name, and a proposition id.
fn sample(store: &Path) -> (String, String, String) {
    let (_, claims) = run(store, None, &["claims", "--format", "tsv"]);
    let (_, sources) = run(store, None, &["sources", "--format", "tsv"]);
    let (_, propositions) = run(
        store,
        None,
        &["propositions", "--min-claims", "1", "--format", "tsv"],
    );
    (
        first_value(&claims),
        first_value(&sources),
        first_value(&propositions),
    )
}

/// Every lookup gives the same output on `endpoint` as on the store; on the data/ example
/// (`full`) each finds something, so that the comparison proves something.
fn lookups_match(store: &Path, endpoint: &str, full: bool) {
    let (claim, source, proposition) = sample(store);
    let source_word = source
        .split_whitespace()
        .last()
        .unwrap_or(&source)
        .to_owned();
    let lookups: Vec<Vec<&str>> = vec![
        vec!["claims", "--format", "json"],
        vec!["claims", "--source", &source, "--format", "json"],
        vec!["claims", "--source", &source_word, "--format", "json"],
        vec!["claims", "--text", "port", "--format", "json"],
        vec!["claims", "--stance", "denied", "--format", "json"],
        vec!["claims", "--since", "2026-03-04", "--format", "json"],
        vec!["claims", "--contested", "--format", "json"],
        vec!["sources", "--format", "json"],
        vec!["show", &claim, "--format", "json"],
        vec!["show", &claim],
        vec!["timeline", "--source", &source_word, "--format", "json"],
        vec!["timeline", "--text", "lease", "--format", "json"],
        vec![
            "timeline",
            "--proposition",
            &proposition,
            "--format",
            "json",
        ],
        vec!["propositions", "--format", "json"],
        vec!["propositions", "--min-claims", "1", "--format", "json"],
        vec!["propositions", "--contested", "--format", "json"],
    ];
    for args in lookups {
        let here = run(store, None, &args);
        let there = run(store, Some(endpoint), &args);
        assert!(
            !full || (!here.1.trim().is_empty() && here.1.trim() != "[]"),
            "{args:?} finds nothing on the store: the comparison would prove nothing"
        );
        assert_eq!(here, there, "{args:?} differs on {endpoint}");
    }
}

/// The shipped queries: each file, and the form a server gets (its standard form when it
/// has one).
fn shipped_queries() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(ROOT).join("queries");
    let mut queries: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .expect("queries/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .map(|p| {
            let standard = dir
                .join("standard")
                .join(p.file_name().expect("a file name"));
            let remote = if standard.is_file() {
                standard
            } else {
                p.clone()
            };
            (p, remote)
        })
        .collect();
    queries.sort();
    assert_eq!(queries.len(), 12, "the shipped queries: {queries:?}");
    queries
}

/// Rows of a query's TSV results, sorted (ties in ORDER BY may come in any order), and the
/// values a GROUP_CONCAT joins with " | " sorted too (SPARQL leaves their order to the
/// engine: Virtuoso sorts them, Oxigraph does not).
fn sorted_rows(tsv: &str) -> Vec<String> {
    let mut rows: Vec<String> = tsv
        .lines()
        .map(|line| {
            line.split('\t')
                .map(|cell| {
                    let mut parts: Vec<&str> = cell.trim_matches('"').split(" | ").collect();
                    parts.sort_unstable();
                    parts.join(" | ")
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    rows.sort();
    rows
}

/// The example values the queries ship with ("korean central", "Putin"), swapped for names
/// the data/ example has: a copy of each query in `dir`.
fn for_the_example(query: &Path, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(query)
        .expect("the query")
        .replace("\"korean central\"", "\"whitfield\"")
        .replace("\"Putin\"", "\"Arkos\"");
    let parent = query.parent().and_then(Path::file_name).unwrap_or_default();
    let copy = dir.join(format!(
        "{}-{}",
        parent.to_string_lossy(),
        query.file_name().unwrap_or_default().to_string_lossy()
    ));
    std::fs::write(&copy, text).expect("a copy of the query");
    copy
}

/// Every shipped query gives the same rows on `endpoint` (in its standard form) as on the
/// store.
fn queries_match(store: &Path, endpoint: &str) {
    let copies = TempDir::new().expect("a temp dir");
    for (local, remote) in shipped_queries() {
        let local = for_the_example(&local, copies.path());
        let remote = for_the_example(&remote, copies.path());
        let local_text = local.to_string_lossy().into_owned();
        let remote_text = remote.to_string_lossy().into_owned();
        let args = |q: &str| {
            vec![
                "query".to_owned(),
                q.to_owned(),
                "--results-format".into(),
                "tsv".into(),
            ]
        };
        let here_args = args(&local_text);
        let there_args = args(&remote_text);
        let here = run(
            store,
            None,
            &here_args.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        let there = run(
            store,
            Some(endpoint),
            &there_args.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert!(
            here.1.lines().count() > 1,
            "{local_text} gives no row on the example store: the comparison would prove nothing"
        );
        assert_eq!(
            sorted_rows(&here.1),
            sorted_rows(&there.1),
            "{remote_text} on {endpoint} differs from {local_text} on the store"
        );
    }
}

#[test]
fn push_then_lookups_and_queries_on_oxigraph_server() {
    let Some(server) = oxigraph_server() else {
        return;
    };
    let dir = example_store();
    let store = store_path(&dir);

    // The base URL: the query, update and Graph Store URLs are found from it.
    let first = push(&store, &server.url);
    let graphs = count(&first, "of");
    assert_eq!(count(&first, "unchanged"), 0, "{first}");
    assert!(
        first.starts_with(&format!("pushed {graphs} of {graphs} graphs")),
        "{first}"
    );
    // Many graphs a request: the 9 graphs (8 articles and the propositions graph) in one.
    assert!(first.contains("by SPARQL Update"), "{first}");
    assert_eq!(count(&first, "requests"), 1, "{first}");
    assert_eq!(graphs, 9, "{first}");

    // Again: nothing changed, nothing is sent (the server's digests say so).
    let again = push(&store, &format!("{}/query", server.url));
    assert!(
        again.starts_with("pushed 0 of 9 graphs (9 unchanged, 0 removed)"),
        "{again}"
    );

    lookups_match(&store, &server.url, true);
    queries_match(&store, &format!("{}/query", server.url));

    // A new article changes its graph and the propositions graph only.
    let more = dir.path().join("more.txt");
    std::fs::write(
        &more,
        "title: Harbour authority comments\ndate: 2026-03-10\n---\n\
         The harbour authority said on Tuesday that the lease would be reviewed. \
         A spokesman denied that the port had been sold.\n",
    )
    .expect("an article written");
    hearsay()
        .arg("--store")
        .arg(&store)
        .args(["ingest", "--no-progress"])
        .arg(&more)
        .assert()
        .success();
    let third = push(&store, &server.url);
    assert!(third.contains("of 10 graphs"), "{third}");
    let (sent, unchanged) = (count(&third, "of"), count(&third, "unchanged"));
    // The new article and the propositions graph at least; the other articles unless
    // the new one changed them (a source's name resolved across articles).
    assert!(
        sent >= 2 && sent + unchanged == 10 && unchanged >= 7,
        "{third}"
    );
    lookups_match(&store, &server.url, true);
}

#[test]
fn a_push_in_small_requests_or_by_graph_store_puts_writes_the_same() {
    let Some(server) = oxigraph_server() else {
        return;
    };
    let dir = example_store();
    let store = store_path(&dir);
    // Requests of about 2 kB: each holds a few small graphs, or part of a larger one (its
    // DROP and INSERTs in order), several in flight at once.
    let small = push_with(&store, &server.url, &["--request-bytes", "2000"]);
    assert!(small.starts_with("pushed 9 of 9 graphs"), "{small}");
    assert!(small.contains("by SPARQL Update"), "{small}");
    assert!(count(&small, "requests") > 9, "{small}");
    lookups_match(&store, &server.url, true);
    queries_match(&store, &format!("{}/query", server.url));
    // The digests were written with their graphs: nothing is sent again.
    let again = push(&store, &server.url);
    assert!(
        again.starts_with("pushed 0 of 9 graphs (9 unchanged"),
        "{again}"
    );

    // Graph Store PUTs, one a graph, replace the same graphs with the same triples.
    let puts = push_with(&store, &server.url, &["--via", "graph-store", "--all"]);
    assert!(puts.starts_with("pushed 9 of 9 graphs"), "{puts}");
    assert!(puts.contains("by Graph Store PUTs"), "{puts}");
    assert_eq!(count(&puts, "requests"), 9, "{puts}");
    lookups_match(&store, &server.url, true);
    let again = push(&store, &server.url);
    assert!(
        again.starts_with("pushed 0 of 9 graphs (9 unchanged"),
        "{again}"
    );
}

#[test]
fn a_push_drops_what_the_store_no_longer_has_and_update_alone_does_it_too() {
    let Some(server) = oxigraph_server() else {
        return;
    };
    let dir = example_store();
    let store = store_path(&dir);
    // SPARQL Update only: no Graph Store named, the update URL named outright.
    let output = hearsay()
        .arg("--store")
        .arg(&store)
        .args(["push", "--endpoint", &format!("{}/query", server.url)])
        .args(["--graph-store", &format!("{}/nowhere", server.url)])
        .args(["--update", &format!("{}/update", server.url)])
        .output()
        .expect("hearsay runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("by SPARQL Update"), "{stderr}");
    lookups_match(&store, &server.url, true);

    // A store with fewer articles: the graphs only the server has are dropped.
    let other = TempDir::new().expect("a temp dir");
    let one = Path::new(ROOT)
        .join("data")
        .join("2026-03-03-bluefjord-pilots-strike.txt");
    hearsay()
        .arg("--store")
        .arg(other.path())
        .args(["ingest", "--no-progress"])
        .arg(&one)
        .assert()
        .success();
    // Without --prune nothing is dropped (several stores may push to one server).
    let summary = push(other.path(), &server.url);
    assert_eq!(count(&summary, "removed"), 0, "{summary}");
    let output = hearsay()
        .arg("--store")
        .arg(other.path())
        .args(["push", "--prune", "--endpoint", &server.url])
        .output()
        .expect("hearsay runs");
    let summary = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{summary}");
    assert!(count(&summary, "removed") >= 7, "{summary}");
    lookups_match(other.path(), &server.url, false);
    // The server holds the store's graphs, no others.
    let graphs = [
        "query",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
    ];
    assert_eq!(
        run(other.path(), None, &graphs),
        run(other.path(), Some(&server.url), &graphs)
    );
}

#[test]
fn every_shipped_query_has_a_standard_form_that_rdflib_parses() {
    for (local, remote) in shipped_queries() {
        let text = std::fs::read_to_string(&remote).expect("the query");
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .collect();
        assert!(
            !code.to_ascii_uppercase().contains("LATERAL"),
            "{} uses LATERAL, which other servers reject",
            remote.display()
        );
        let original = std::fs::read_to_string(&local).expect("the query");
        if original.contains("LATERAL") {
            assert!(
                original.contains(&format!(
                    "queries/standard/{}",
                    local.file_name().unwrap_or_default().to_string_lossy()
                )),
                "{} does not point to its standard form",
                local.display()
            );
        }
    }
    let script = "import sys\nfrom rdflib.plugins.sparql import prepareQuery\n\
                  for path in sys.argv[1:]:\n    prepareQuery(open(path).read())\n    print('parsed', path)\n";
    let probe = StdCommand::new("python3")
        .args(["-c", "import rdflib"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED the rdflib half: python3 with rdflib is missing (pip install rdflib)");
        return;
    }
    let remote: Vec<PathBuf> = shipped_queries().into_iter().map(|(_, r)| r).collect();
    let output = StdCommand::new("python3")
        .args(["-c", script])
        .args(&remote)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "rdflib rejects a query: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 12);
    // And rdflib does reject the LATERAL forms: the standard ones are needed.
    let lateral = Path::new(ROOT).join("queries").join("denials.rq");
    let rejected = StdCommand::new("python3")
        .args(["-c", script])
        .arg(lateral)
        .output()
        .expect("python3 runs");
    assert!(!rejected.status.success());
}

/// A small HTTP server that answers every request with `respond`, counting requests.
fn answering_server(
    respond: impl Fn(&tiny_http::Request) -> tiny_http::ResponseBox + Send + 'static,
) -> (String, Arc<AtomicUsize>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a server");
    let url = format!(
        "http://{}",
        server.server_addr().to_ip().expect("an address")
    );
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&requests);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            counter.fetch_add(1, Ordering::SeqCst);
            let response = respond(&request);
            let _ = request.respond(response);
        }
    });
    (url, requests)
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a header")
}

/// A bad endpoint ends the command with one line of error and exit code 2.
fn fails_with(args: &[&str], env: &[(&str, &str)], wanted: &str) {
    let dir = TempDir::new().expect("a temp dir");
    let mut command = hearsay();
    command
        .arg("--store")
        .arg(dir.path().join("store"))
        .args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("hearsay runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(wanted), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_unreachable_endpoint_is_one_line_of_error() {
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/sparql");
    fails_with(&["claims", "--endpoint", &url], &[], "cannot reach");
    fails_with(
        &["sources", "--endpoint", "ftp://example.org/"],
        &[],
        "not an http",
    );
    fails_with(
        &["push"],
        &[],
        "push writes to a SPARQL server: name it with --endpoint",
    );
}

#[test]
fn refused_credentials_name_the_variables_and_good_ones_are_sent() {
    // "u:p" in base64.
    let (url, _) = answering_server(|request| {
        let authorized = request
            .headers()
            .iter()
            .any(|h| h.field.equiv("Authorization") && h.value.as_str() == "Basic dTpw");
        if authorized {
            tiny_http::Response::from_string(r#"{"head":{"vars":["n"]},"results":{"bindings":[]}}"#)
                .with_header(header("Content-Type", "application/sparql-results+json"))
                .boxed()
        } else {
            tiny_http::Response::from_string("Unauthorized")
                .with_status_code(401)
                .boxed()
        }
    });
    let endpoint = format!("{url}/sparql");
    fails_with(
        &["sources", "--endpoint", &endpoint],
        &[],
        "set HEARSAY_ENDPOINT_USER and HEARSAY_ENDPOINT_PASSWORD",
    );
    fails_with(
        &["sources", "--endpoint", &endpoint],
        &[
            ("HEARSAY_ENDPOINT_USER", "u"),
            ("HEARSAY_ENDPOINT_PASSWORD", "wrong"),
        ],
        "check HEARSAY_ENDPOINT_USER",
    );
    let dir = TempDir::new().expect("a temp dir");
    hearsay()
        .arg("--store")
        .arg(dir.path())
        .args(["sources", "--endpoint", &endpoint])
        .env("HEARSAY_ENDPOINT_USER", "u")
        .env("HEARSAY_ENDPOINT_PASSWORD", "p")
        .assert()
        .code(1); // No source: nothing found, as on an empty store.
}

#[test]
fn a_failing_server_is_retried_then_reported() {
    let (url, requests) = answering_server(|_| {
        tiny_http::Response::from_string("Service Unavailable: overloaded")
            .with_status_code(503)
            .with_header(header("Retry-After", "0"))
            .boxed()
    });
    fails_with(
        &["claims", "--endpoint", &format!("{url}/sparql")],
        &[],
        "failed with 503 after 5 attempts: Service Unavailable: overloaded",
    );
    assert_eq!(requests.load(Ordering::SeqCst), 5);
}

#[test]
fn malformed_results_are_one_line_of_error() {
    // Answers the probe (a GET) with real results, and queries (POSTs) with broken ones.
    let (url, _) = answering_server(|request| {
        let body = if request.method() == &tiny_http::Method::Get {
            r#"{"head":{},"boolean":true}"#
        } else {
            r#"{"head":{"vars":["claim"]},"results":{"bindings":[{"claim":{"type":"uri""#
        };
        tiny_http::Response::from_string(body)
            .with_header(header("Content-Type", "application/sparql-results+json"))
            .boxed()
    });
    fails_with(
        &["claims", "--endpoint", &format!("{url}/sparql")],
        &[],
        "sent SPARQL results hearsay cannot read",
    );
}

/// The same checks on a server named by HEARSAY_TEST_ENDPOINT: tests/virtuoso.sh runs it
/// against Virtuoso 7.2.
#[test]
#[ignore = "needs a server: run tests/virtuoso.sh"]
fn push_then_lookups_and_queries_on_the_named_server() {
    let endpoint =
        std::env::var("HEARSAY_TEST_ENDPOINT").expect("HEARSAY_TEST_ENDPOINT names the server");
    let dir = example_store();
    let store = store_path(&dir);
    let first = push(&store, &endpoint);
    assert!(first.starts_with("pushed 9 of 9 graphs"), "{first}");
    let again = push(&store, &endpoint);
    assert!(
        again.starts_with("pushed 0 of 9 graphs (9 unchanged"),
        "{again}"
    );
    lookups_match(&store, &endpoint, true);
    queries_match(&store, &endpoint);
    // The other channel writes the same graphs: updates where the server chose PUTs
    // (Virtuoso: one operation a request, as its SPARQL compiler refuses a request of many
    // graphs, "generated SQL text has exceeded 10000 lines"), PUTs where it chose updates.
    let first_by_update = first.contains("by SPARQL Update");
    let other = if first_by_update {
        push_with(&store, &endpoint, &["--via", "graph-store", "--all"])
    } else {
        push_with(
            &store,
            &endpoint,
            &["--via", "update", "--request-bytes", "1", "--all"],
        )
    };
    assert!(other.starts_with("pushed 9 of 9 graphs"), "{other}");
    assert_ne!(
        other.contains("by SPARQL Update"),
        first_by_update,
        "{other}"
    );
    lookups_match(&store, &endpoint, true);
}
