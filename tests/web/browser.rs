//! The pages of a running `hearsay serve --http` in a real browser: Debian's headless
//! Chromium, driven through chromedriver (started on a free port, ended by its process id)
//! with fantoccini's WebDriver client.
//!
//! Checks that pages show what the store holds (asked of the same server's /sparql), that the
//! marked stretches of an article are its stored offsets, that the forms work, from the mouse
//! and from the keyboard, that the hostile article (`HOSTILE` in main.rs) runs nothing, and
//! that the console logs no error. Leaves screenshots at 1280×800 and 375 px wide in the
//! folder it is given.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use super::{curl, encode};

const ID: &str = "https://w3id.org/hearsay/id/";
const PROPOSITIONS: &str = "<https://w3id.org/hearsay/id/graph/propositions>";
/// How long a page may take to arrive after a click.
const PATIENCE: Duration = Duration::from_secs(10);

/// Runs every check on the server at `base` and leaves the screenshots in `shots`.
pub async fn check_pages(base: &str, shots: &Path) -> Result<()> {
    std::fs::create_dir_all(shots).context("create the screenshot folder")?;
    let driver = Chromedriver::start()?;
    let profile = tempfile::tempdir().context("a fresh browser profile")?;
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities(profile.path()))
        .connect(&driver.url)
        .await
        .context("open a Chromium session through chromedriver")?;
    let browser = Browser {
        client,
        base: base.trim_end_matches('/').to_owned(),
        shots: shots.to_owned(),
    };
    let checked = pages(&browser).await;
    // Close the session (and so Chromium) whether or not the checks passed.
    let closed = browser.client.close().await;
    checked?;
    closed.context("close the browser")?;
    drop(driver);
    Ok(())
}

/// Headless Chromium with nothing of its own to fetch (this machine has no network beyond
/// loopback), a profile of its own, and its console kept for [`Browser::console_errors`].
fn capabilities(profile: &Path) -> Capabilities {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
    ]
    .map(str::to_owned)
    .into_iter()
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let capabilities = json!({
        "goog:chromeOptions": { "args": args },
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    match capabilities {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object"),
    }
}

/// chromedriver on a free loopback port, ended by its process id when dropped.
struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    fn start() -> Result<Chromedriver> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("start chromedriver")?;
        let driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}/"),
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            ensure!(
                started.elapsed() < PATIENCE,
                "chromedriver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// chromedriver's log endpoint (`goog:loggingPrefs`), which the W3C protocol lacks and
/// fantoccini does not wrap: the browser console's entries since the last call.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (hyper::Method, Option<String>) {
        (
            hyper::Method::POST,
            Some(r#"{"type":"browser"}"#.to_owned()),
        )
    }
}

/// One row of a SELECT's answer: variable → value.
type Row = HashMap<String, String>;

struct Browser {
    client: Client,
    /// The server, `http://127.0.0.1:PORT`.
    base: String,
    shots: PathBuf,
}

impl Browser {
    /// A SELECT's rows, asked of the server's endpoint.
    fn select(&self, sparql: &str) -> Result<Vec<Row>> {
        let got = curl(
            &["-H", "Accept: application/sparql-results+json"],
            &format!("{}/sparql?query={}", self.base, encode(sparql)),
        );
        ensure!(
            got.status == 200,
            "/sparql answered {}: {}",
            got.status,
            got.body
        );
        let json: Value = serde_json::from_str(&got.body)?;
        let rows = json["results"]["bindings"]
            .as_array()
            .context("no bindings")?
            .iter()
            .map(|row| {
                row.as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap_or("").to_owned()))
                    .collect()
            })
            .collect();
        Ok(rows)
    }

    /// The `?n` of a SELECT that counts.
    fn count(&self, sparql: &str) -> Result<usize> {
        let rows = self.select(sparql)?;
        let n = rows.first().and_then(|row| row.get("n")).context("no ?n")?;
        Ok(n.parse()?)
    }

    /// The path on this server of a hearsay IRI.
    fn path(iri: &str) -> String {
        iri.replace(ID, "/id/")
    }

    async fn goto(&self, path: &str) -> Result<()> {
        let url = format!("{}{path}", self.base);
        self.client
            .goto(&url)
            .await
            .with_context(|| format!("open {url}"))
    }

    async fn current(&self) -> Result<String> {
        Ok(self.client.current_url().await?.to_string())
    }

    /// Waits until the current URL satisfies `ok`.
    async fn wait_for_url(&self, what: &str, ok: impl Fn(&str) -> bool) -> Result<()> {
        let started = Instant::now();
        loop {
            let url = self.current().await?;
            if ok(&url) {
                return Ok(());
            }
            ensure!(
                started.elapsed() < PATIENCE,
                "never reached {what}: at {url}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// What `script` returns (its `arguments` are `args`), read as `T`.
    async fn js<T: serde::de::DeserializeOwned>(
        &self,
        script: &str,
        args: Vec<Value>,
    ) -> Result<T> {
        let value = self.client.execute(script, args).await?;
        serde_json::from_value(value.clone()).with_context(|| format!("{script} returned {value}"))
    }

    /// The text of every element `css` selects, as shown.
    async fn texts(&self, css: &str) -> Result<Vec<String>> {
        self.js(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText);",
            vec![json!(css)],
        )
        .await
    }

    async fn count_of(&self, css: &str) -> Result<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    async fn click(&self, css: &str) -> Result<()> {
        self.client
            .find(Locator::Css(css))
            .await
            .with_context(|| format!("find {css}"))?
            .click()
            .await?;
        Ok(())
    }

    /// Fails with the page's name if its console logged an error since the last look.
    async fn console_errors(&self, page: &str) -> Result<()> {
        let entries = self.client.issue_cmd(BrowserLog).await?;
        let errors: Vec<&Value> = entries
            .as_array()
            .context("the browser log is a list")?
            .iter()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| &entry["message"])
            .collect();
        ensure!(errors.is_empty(), "console errors on {page}: {errors:?}");
        Ok(())
    }

    /// Screenshots of the page at each width (800 px high), as `SHOTS/NAME-WIDTH.png`.
    async fn shoot(&self, name: &str, widths: &[u32]) -> Result<()> {
        for &width in widths {
            self.client.set_window_size(width, 800).await?;
            let png = self.client.screenshot().await?;
            std::fs::write(self.shots.join(format!("{name}-{width}.png")), png)?;
        }
        self.client.set_window_size(1280, 800).await?;
        Ok(())
    }

    /// At 375 px the page needs no sideways scrolling (wide tables scroll in their own box).
    async fn fits_a_phone(&self, page: &str) -> Result<()> {
        self.client.set_window_size(375, 800).await?;
        let wide: i64 = self
            .js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .await?;
        self.client.set_window_size(1280, 800).await?;
        ensure!(wide <= 0, "{page} is {wide} px too wide at 375 px");
        Ok(())
    }

    /// Presses `key` `times` times, as a person at the keyboard does.
    async fn press(&self, key: Key, times: usize) -> Result<()> {
        let mut keys = KeyActions::new("keyboard".to_owned());
        for _ in 0..times {
            keys = keys
                .then(KeyAction::Down { value: key.into() })
                .then(KeyAction::Up { value: key.into() });
        }
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// The element that has the keyboard focus: its tag, name or text, and whether the
    /// focus shows (an outline drawn).
    async fn focused(&self) -> Result<(String, String, bool)> {
        self.js(
            "const e = document.activeElement; \
             return [e.tagName.toLowerCase(), e.getAttribute('name') || e.innerText, \
                     getComputedStyle(e).outlineStyle !== 'none'];",
            vec![],
        )
        .await
    }
}

/// Every check, page by page.
async fn pages(b: &Browser) -> Result<()> {
    home_and_forms(b).await?;
    article(b).await?;
    hostile(b).await?;

    // A contested proposition, reached by its link, with both sides.
    b.goto("/propositions").await?;
    b.click("ol.propositions a").await?;
    b.client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css("dl.facts"))
        .await?;
    ensure!(
        b.count_of("h2.asserted").await? > 0 && b.count_of("h2.denied").await? > 0,
        "proposition: both sides"
    );
    b.shoot("proposition", &[1280, 375]).await?;
    b.console_errors("proposition").await?;
    let url = b.current().await?;
    let proposition = format!("{ID}{}", url.split_once("/id/").context("an /id/ URL")?.1);
    proposition_page(b, &proposition).await?;

    // The proposition most origins take a side on: its terms, its chart and its story.
    let busiest = b.select(
        "SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c hs:proposition ?p ; hs:propositionStance ?s } \
         GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1",
    )?;
    let busiest = busiest[0]["p"].clone();
    b.goto(&Browser::path(&busiest)).await?;
    proposition_page(b, &busiest).await?;

    sources(b).await?;
    sparql(b).await
}

/// Home shows the store's counts and latest article; its search box works from the keyboard
/// alone; the claims filter form works with the mouse.
async fn home_and_forms(b: &Browser) -> Result<()> {
    b.goto("/").await?;
    let counts = b.texts("dl.counts dd").await?;
    let articles = b.count("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a hs:Article }")?;
    let claims = b.count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hs:Claim }")?;
    ensure!(
        counts.first() == Some(&articles.to_string()) && counts.get(1) == Some(&claims.to_string()),
        "home: counts {counts:?}, the store has {articles} articles and {claims} claims"
    );
    let latest = b.select(
        "SELECT ?t WHERE { ?a schema:headline ?t ; schema:datePublished ?d } ORDER BY DESC(?d) LIMIT 1",
    )?;
    let latest = &latest[0]["t"];
    let shown = b.texts("ol.articles li").await?;
    ensure!(
        shown
            .first()
            .is_some_and(|first| first.contains(latest.as_str())),
        "home: the latest article is {latest}, the page shows {shown:?}"
    );
    b.shoot("home", &[1280, 375]).await?;
    b.console_errors("home").await?;

    // From the keyboard: Tab goes through the site's links to the search box, with the focus
    // drawn; words typed there and Enter lead to the claims that hold them.
    let mut order = Vec::new();
    for _ in 0..5 {
        b.press(Key::Tab, 1).await?;
        let (tag, name, outlined) = b.focused().await?;
        ensure!(
            outlined,
            "keyboard: the focus on {tag} '{name}' is not drawn"
        );
        order.push(format!("{tag}:{name}"));
    }
    ensure!(
        order
            == [
                "a:hearsay",
                "a:Claims",
                "a:Contested",
                "a:SPARQL",
                "input:text"
            ],
        "keyboard: Tab went through {order:?}"
    );
    let mut typing = KeyActions::new("typing".to_owned());
    for c in "lease".chars() {
        typing = typing
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    b.client.perform_actions(typing).await?;
    b.press(Key::Enter, 1).await?;
    b.wait_for_url("the search's claims", |url| {
        url.contains("/claims?text=lease")
    })
    .await?;
    let contents = b.texts("table.claims tbody td:nth-child(4)").await?;
    let stored = b.count(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hs:Claim ; schema:text ?t \
         FILTER(REGEX(?t, \"(^|[^\\\\p{L}\\\\p{N}])lease([^\\\\p{L}\\\\p{N}]|$)\", \"i\")) }",
    )?;
    ensure!(
        contents.len() == stored && stored > 0,
        "search: {} rows, the store has {stored}",
        contents.len()
    );
    ensure!(
        contents.iter().all(|c| c.to_lowercase().contains("lease")),
        "search: a row without the word: {contents:?}"
    );

    // The filter form: denials only.
    b.client
        .find(Locator::Css("form.filters input[name=text]"))
        .await?
        .clear()
        .await?;
    b.client
        .find(Locator::Css("form.filters select[name=stance]"))
        .await?
        .select_by_value("denied")
        .await?;
    b.click("form.filters button").await?;
    b.wait_for_url("the denials", |url| url.contains("stance=denied"))
        .await?;
    let stances = b.texts("table.claims tbody td:nth-child(5)").await?;
    let denied = b.count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c hs:stance hs:Denied }")?;
    ensure!(
        stances.len() == denied.min(50) && denied > 0,
        "filter: {} rows, the store has {denied} denials",
        stances.len()
    );
    ensure!(
        stances.iter().all(|s| s == "denied"),
        "filter: not all denied: {stances:?}"
    );
    b.shoot("claims", &[1280]).await?;
    b.console_errors("claims").await
}

/// The article with the most claims: every marked stretch is the text at its offsets, and
/// each claim's source, cue and content are covered exactly, without gaps, by the
/// stretches that name them.
async fn article(b: &Browser) -> Result<()> {
    let article = b.select(
        "SELECT ?a (COUNT(?c) AS ?n) WHERE { ?c hs:article ?a } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1",
    )?;
    let article = article[0]["a"].clone();
    b.goto(&Browser::path(&article)).await?;
    let text: Vec<char> = b.select(&format!("SELECT ?t WHERE {{ <{article}> hs:text ?t }}"))?[0]
        ["t"]
        .chars()
        .collect();
    let marks: Vec<(usize, usize, String, String)> = b
        .js(
            "return Array.from(document.querySelectorAll('.text mark'))\
             .map(m => [+m.dataset.from, +m.dataset.to, m.dataset.parts, m.textContent]);",
            vec![],
        )
        .await?;
    ensure!(!marks.is_empty(), "article: no marks");
    for (start, end, _, shown) in &marks {
        let stored: String = text.get(*start..*end).unwrap_or_default().iter().collect();
        ensure!(
            &stored == shown,
            "article: the mark {start}..{end} shows '{shown}', the text there is '{stored}'"
        );
    }
    let spans = b.select(&format!(
        "SELECT ?p ?ss ?se ?cs ?ce ?ts ?te WHERE {{ GRAPH <{article}> {{
            ?c hs:article <{article}> ; hs:position ?p
            OPTIONAL {{ ?c hs:sourceStart ?ss ; hs:sourceEnd ?se }}
            OPTIONAL {{ ?c hs:cueStart ?cs ; hs:cueEnd ?ce }}
            OPTIONAL {{ ?c hs:contentStart ?ts ; hs:contentEnd ?te }} }} }}"
    ))?;
    let mut checked = 0;
    for claim in &spans {
        for (part, start, end) in [
            ("source", "ss", "se"),
            ("cue", "cs", "ce"),
            ("content", "ts", "te"),
        ] {
            let (Some(start), Some(end)) = (claim.get(start), claim.get(end)) else {
                continue;
            };
            let (start, end): (usize, usize) = (start.parse()?, end.parse()?);
            let name = format!("{}:{part}", claim["p"]);
            let mut covered: Vec<(usize, usize)> = marks
                .iter()
                .filter(|m| m.2.split(' ').any(|p| p == name))
                .map(|m| (m.0, m.1))
                .collect();
            covered.sort();
            ensure!(
                covered.first().map(|c| c.0) == Some(start)
                    && covered.last().map(|c| c.1) == Some(end),
                "article: {name} is stored at {start}..{end}, marked at {covered:?}"
            );
            ensure!(
                covered.windows(2).all(|w| w[0].1 == w[1].0),
                "article: {name} has a gap: {covered:?}"
            );
            checked += 1;
        }
    }
    ensure!(
        checked >= spans.len() && checked > 0,
        "article: only {checked} spans checked"
    );
    b.shoot("article", &[1280, 375]).await?;
    b.console_errors("article").await
}

/// The hostile article, its claims and its source: shown as text, nothing run.
async fn hostile(b: &Browser) -> Result<()> {
    let hostile = b.select(
        "SELECT ?a WHERE { ?a schema:url ?u \
         FILTER(STR(?u) = \"https://example-wire.test/2026/03/10/hostile\") }",
    )?;
    let page = Browser::path(&hostile.first().context("the hostile article")?["a"]);
    for path in [
        page.as_str(),
        "/claims?source=harbor",
        "/claims?text=ships",
        "/",
    ] {
        b.goto(path).await?;
        let ran: bool = b
            .js(
                "return window.hearsayXss !== undefined || document.images.length > 0;",
                vec![],
            )
            .await?;
        ensure!(!ran, "something ran on {path}");
    }
    b.goto(&page).await?;
    let title = b.client.find(Locator::Css("h1")).await?.text().await?;
    ensure!(
        title.starts_with("<script>window.hearsayXss=1</script>"),
        "hostile: the title shows as '{title}'"
    );
    b.shoot("hostile", &[1280]).await?;
    b.console_errors("hostile article").await
}

/// The proposition page open in the browser: its confidence, term by term, is the stored
/// one; its chart draws each dated claim once, on its side; its story picture opens and
/// draws the proposition's origins and relays.
async fn proposition_page(b: &Browser, proposition: &str) -> Result<()> {
    b.fits_a_phone(&format!("proposition {proposition}"))
        .await?;
    let stored = b.select(&format!(
        "SELECT ?c WHERE {{ <{proposition}> hs:propositionConfidence ?c }}"
    ))?;
    let stored: f64 = stored.first().context("a stored confidence")?["c"].parse()?;
    let shown: f64 = b
        .client
        .find(Locator::Css(".confidence [data-confidence]"))
        .await?
        .attr("data-confidence")
        .await?
        .context("data-confidence")?
        .parse()?;
    ensure!(
        (shown - stored).abs() < 1e-6,
        "proposition: confidence {shown} shown, {stored} stored"
    );
    let claims = b.select(&format!(
        "SELECT ?c ?s ?o WHERE {{ GRAPH {PROPOSITIONS} {{ ?c hs:proposition <{proposition}> ;
            hs:propositionStance ?s OPTIONAL {{ ?c hs:origin ?o }} }} }}"
    ))?;
    let sides: BTreeSet<(&str, &str)> = claims
        .iter()
        .map(|c| (c["s"].as_str(), c.get("o").unwrap_or(&c["c"]).as_str()))
        .collect();
    let terms = b.count_of("table.terms tbody tr").await?;
    ensure!(
        terms == sides.len(),
        "proposition: {terms} terms for {} origins and sides",
        sides.len()
    );
    let dated = b.select(&format!(
        "SELECT DISTINCT ?c ?s WHERE {{ GRAPH {PROPOSITIONS} {{ ?c hs:proposition <{proposition}> ;
            hs:propositionStance ?s }} ?c hs:article ?a . ?a schema:datePublished ?d }}"
    ))?;
    for stance in ["Asserted", "Denied", "Unconfirmed"] {
        let class = stance.to_lowercase();
        let drawn = b
            .count_of(&format!("figure.timeline circle.{class}"))
            .await?;
        let more: Vec<String> = b
            .js(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.dataset.more);",
                vec![json!(format!("figure.timeline text.more.{class}"))],
            )
            .await?;
        let drawn = drawn
            + more
                .iter()
                .map(|n| n.parse::<usize>())
                .sum::<Result<usize, _>>()?;
        let want = dated.iter().filter(|c| c["s"].ends_with(stance)).count();
        ensure!(
            drawn == want,
            "proposition: {drawn} {class} claims on the chart, {want} dated in the store"
        );
    }
    open_story(b, "the story picture").await?;
    story(b, proposition).await?;
    let drawn: BTreeSet<String> = b
        .js(
            "return Array.from(document.querySelectorAll('figure.story svg a'))\
             .filter(a => a.querySelector('circle.source')).map(a => a.getAttribute('href'));",
            vec![],
        )
        .await?;
    let sources: BTreeSet<String> = b
        .select(&format!(
            "SELECT DISTINCT ?s WHERE {{ GRAPH {PROPOSITIONS} {{ ?c hs:proposition <{proposition}> ;
                hs:origin ?o OPTIONAL {{ ?c hs:relay ?r }} }}
                VALUES ?v {{ 1 2 }} BIND(IF(?v = 1, ?o, ?r) AS ?s) FILTER(BOUND(?s)) }}"
        ))?
        .iter()
        .map(|r| Browser::path(&r["s"]))
        .collect();
    // A story draws at most 40 nodes: with fewer sources, all of them.
    if sources.len() < 20 {
        ensure!(
            sources == drawn,
            "story: the proposition's origins and relays are {sources:?}, it draws {drawn:?}"
        );
    }
    b.client.back().await?;
    Ok(())
}

/// The story picture open in the browser, around `node`: it draws the node and each edge
/// once (listed beside it), its nodes take the keyboard focus, and nothing errs.
/// Follows the page's "Story picture" link and waits for the story page.
async fn open_story(b: &Browser, what: &str) -> Result<()> {
    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(.), 'Story picture')]",
        ))
        .await?
        .click()
        .await?;
    b.wait_for_url(what, |url| url.ends_with("/story")).await
}

async fn story(b: &Browser, node: &str) -> Result<()> {
    ensure!(
        b.count_of("figure.story svg").await? == 1,
        "story: no picture"
    );
    let links: Vec<String> = b
        .js(
            "return Array.from(document.querySelectorAll('figure.story svg a')).map(a => a.getAttribute('href'));",
            vec![],
        )
        .await?;
    let path = Browser::path(node);
    ensure!(
        links.contains(&path),
        "story: {path} is not drawn among {links:?}"
    );
    let drawn = b.count_of("figure.story svg .edge").await?;
    let listed = b.count_of("ul.story-edges li").await?;
    ensure!(
        drawn == listed && drawn > 0,
        "story: {drawn} edges drawn, {listed} listed"
    );
    let focused: bool = b
        .js(
            "const a = document.querySelector('figure.story svg a'); a.focus(); \
             return document.activeElement === a;",
            vec![],
        )
        .await?;
    ensure!(focused, "story: its nodes cannot take the keyboard focus");
    let nodes = b.count_of("figure.story svg .node").await?;
    ensure!(
        (1..=40).contains(&nodes),
        "story: {nodes} nodes drawn (1 to 40)"
    );
    let name: String = path
        .trim_matches('/')
        .replace('/', "-")
        .chars()
        .take(40)
        .collect();
    b.shoot(&format!("story-{name}"), &[1280, 375]).await?;
    b.fits_a_phone(&format!("story of {node}")).await?;
    b.console_errors(&format!("story of {node}")).await
}

/// A source reached from a claim's row; then a source that another contradicts: whom it
/// contradicts and who contradicts it, as the store says, and its story picture.
async fn sources(b: &Browser) -> Result<()> {
    b.goto("/claims?stance=denied").await?;
    b.click("table.claims tbody td:nth-child(2) a").await?;
    b.wait_for_url("a source's page", |url| url.contains("/id/source/"))
        .await?;
    ensure!(
        b.count_of("table.claims tbody tr").await? > 0,
        "source: no claims over time"
    );
    b.shoot("source", &[1280, 375]).await?;
    b.console_errors("source").await?;

    let rows = b.select(&format!(
        "SELECT DISTINCT ?s ?mine ?other ?theirs ?p WHERE {{
            ?c prov:wasAttributedTo ?s . GRAPH {PROPOSITIONS} {{ ?c hs:proposition ?p ;
            hs:propositionStance ?mine . ?d hs:proposition ?p ; hs:propositionStance ?theirs }}
            ?d prov:wasAttributedTo ?other
            FILTER(?mine IN (hs:Asserted, hs:Denied) && ?theirs IN (hs:Asserted, hs:Denied)
                   && ?mine != ?theirs && ?other != ?s) }}"
    ))?;
    let Some(source) = rows.iter().map(|r| r["s"].clone()).min() else {
        bail!("source: the store has no contradiction");
    };
    b.goto(&Browser::path(&source)).await?;
    for (stance, table) in [("Denied", "contradicts"), ("Asserted", "contradicted")] {
        let expected: BTreeSet<(String, String)> = rows
            .iter()
            .filter(|r| r["s"] == source && r["mine"].ends_with(stance))
            .map(|r| (Browser::path(&r["other"]), Browser::path(&r["p"])))
            .collect();
        let shown: Vec<Vec<String>> = b
            .js(
                "return Array.from(document.querySelectorAll(`table[aria-labelledby=${arguments[0]}] tbody tr`))\
                 .map(r => Array.from(r.querySelectorAll('a')).map(a => a.getAttribute('href')));",
                vec![json!(table)],
            )
            .await?;
        let shown: BTreeSet<(String, String)> = shown
            .into_iter()
            .map(|pair| match &pair[..] {
                [other, proposition] => Ok((other.clone(), proposition.clone())),
                _ => Err(anyhow::anyhow!("source: a row of {table} links {pair:?}")),
            })
            .collect::<Result<_>>()?;
        ensure!(
            shown == expected,
            "source: {table} shows {shown:?}, the store has {expected:?}"
        );
    }
    b.shoot("source-opponents", &[1280, 375]).await?;
    b.fits_a_phone("source with opponents").await?;
    b.console_errors("source with opponents").await?;
    open_story(b, "the source's story").await?;
    story(b, &source).await
}

/// The SPARQL page: the first example (queries/denials.rq) run from the form.
async fn sparql(b: &Browser) -> Result<()> {
    b.goto("/sparql").await?;
    let query = b
        .client
        .find(Locator::Id("query"))
        .await?
        .prop("value")
        .await?
        .context("the query box's value")?;
    b.click("form.query button").await?;
    b.client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css("table.results"))
        .await?;
    let rows = b.count_of("table.results tbody tr").await?;
    let stored = b.select(&query)?.len();
    ensure!(
        rows == stored,
        "sparql: {rows} rows shown, {stored} answered"
    );
    b.shoot("sparql", &[1280]).await?;
    b.console_errors("sparql").await
}
