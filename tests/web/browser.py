"""The pages of a running `hearsay serve --http` in a real browser: Debian's headless Chromium,
driven through chromedriver (started here on a free port, ended by its process id) by
Selenium's WebDriver client; run by tests/web/main.rs.

Usage: browser.py BASE_URL SCREENSHOT_DIR
Checks that pages show what the store holds (asked of the same server's /sparql), that the
marked stretches of an article are its stored offsets, that the forms work, that the hostile
article (tests/web/main.rs, HOSTILE) runs nothing, and that the console logs no error.
Leaves screenshots at 1280x800 and 375 px wide in SCREENSHOT_DIR. Exits non-zero, saying
what differed, on any failure.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]
ID = "https://w3id.org/hearsay/id/"
PROPOSITIONS = f"<{ID}graph/propositions>"


def check(what, ok, detail=""):
    if not ok:
        sys.exit(f"{what}: {detail}")


def select(sparql):
    """A SELECT's bindings, asked of the server's endpoint."""
    url = f"{BASE}/sparql?query={urllib.parse.quote(sparql)}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request) as answer:
        return [{k: v["value"] for k, v in row.items()} for row in json.load(answer)["results"]["bindings"]]


def count(sparql):
    return int(select(sparql)[0]["n"])


def local(iri):
    return iri.replace(ID, f"{BASE}/id/")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def texts(driver, css):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, css)]


def console_errors(driver, page):
    # chromedriver's log endpoint, which Selenium's Remote driver does not wrap.
    entries = driver.execute("browserLog", {"type": "browser"})["value"]
    errors = [e["message"] for e in entries if e["level"] == "SEVERE"]
    check(f"console errors on {page}", not errors, errors)


def shoot(driver, name, widths=(1280,)):
    for width in widths:
        driver.set_window_size(width, 800)
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-{width}.png"))
    driver.set_window_size(1280, 800)


def propositions_of(driver, wait, proposition):
    """The proposition page open in `driver`: its confidence, term by term, is the stored one;
    its chart draws each dated claim once, on its side; its story picture opens."""
    fits_a_phone(driver, f"proposition {proposition}")
    stored = select(f"SELECT ?c WHERE {{ <{proposition}> hs:propositionConfidence ?c }}")[0]["c"]
    shown = driver.find_element(By.CSS_SELECTOR, ".confidence [data-confidence]").get_attribute("data-confidence")
    check("proposition: confidence is the stored one", abs(float(shown) - float(stored)) < 1e-6, (shown, stored))
    claims = select(f"""SELECT ?c ?s ?o WHERE {{ GRAPH {PROPOSITIONS} {{ ?c hs:proposition <{proposition}> ;
        hs:propositionStance ?s OPTIONAL {{ ?c hs:origin ?o }} }} }}""")
    sides = {(c["s"], c.get("o", c["c"])) for c in claims}
    terms = texts(driver, "table.terms tbody tr")
    check("proposition: one term per origin and side", len(terms) == len(sides), (terms, sides))
    dated = select(f"""SELECT DISTINCT ?c ?s WHERE {{ GRAPH {PROPOSITIONS} {{ ?c hs:proposition <{proposition}> ;
        hs:propositionStance ?s }} ?c hs:article ?a . ?a schema:datePublished ?d }}""")
    for stance in ("Asserted", "Denied", "Unconfirmed"):
        drawn = len(driver.find_elements(By.CSS_SELECTOR, f"figure.timeline circle.{stance.lower()}"))
        drawn += sum(int(e.get_attribute("data-more")) for e in driver.find_elements(By.CSS_SELECTOR, f"figure.timeline text.more.{stance.lower()}"))
        want = sum(1 for c in dated if c["s"].endswith(stance))
        check(f"proposition: {stance.lower()} claims on the chart", drawn == want, (drawn, want))
    driver.find_element(By.PARTIAL_LINK_TEXT, "Story picture").click()
    wait.until(lambda d: d.current_url.endswith("/story"))
    story_of(driver, proposition)
    drawn = driver.execute_script(
        "return Array.from(document.querySelectorAll('figure.story svg a')).filter(a => a.querySelector('circle.source')).map(a => a.getAttribute('href'));"
    )
    sources = select(f"""SELECT DISTINCT ?s WHERE {{ GRAPH {PROPOSITIONS} {{ ?c hs:proposition <{proposition}> ;
        hs:origin ?o OPTIONAL {{ ?c hs:relay ?r }} }} VALUES ?v {{ 1 2 }} BIND(IF(?v = 1, ?o, ?r) AS ?s) FILTER(BOUND(?s)) }}""")
    sources = {local(r["s"]).replace(BASE, "") for r in sources}
    if len(sources) < 20:
        check("story: its sources are the proposition's origins and relays", sources == set(drawn), (sources, drawn))
    driver.back()


def story_of(driver, node):
    """The story picture open in `driver`, around `node`: it draws the node, each edge once
    (listed beside it), and nothing runs."""
    check("story: a picture", driver.find_elements(By.CSS_SELECTOR, "figure.story svg"))
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('figure.story svg a')).map(a => a.getAttribute('href'));"
    )
    path = local(node).replace(BASE, "")
    check("story: draws the node it is about", path in links, (path, links))
    drawn = len(driver.find_elements(By.CSS_SELECTOR, "figure.story svg .edge"))
    listed = len(driver.find_elements(By.CSS_SELECTOR, "ul.story-edges li"))
    check("story: every edge drawn is listed", drawn == listed and drawn > 0, (drawn, listed))
    focused = driver.execute_script(
        "const a = document.querySelector('figure.story svg a'); a.focus(); return document.activeElement === a;"
    )
    check("story: its nodes are reachable from the keyboard", focused)
    nodes = len(driver.find_elements(By.CSS_SELECTOR, "figure.story svg .node"))
    check("story: at most 40 nodes", 0 < nodes <= 40, nodes)
    name = path.strip("/").replace("/", "-")
    shoot(driver, f"story-{name[:40]}", (1280, 375))
    fits_a_phone(driver, f"story of {node}")
    console_errors(driver, f"story of {node}")


def fits_a_phone(driver, page):
    """At 375 px the page needs no sideways scrolling (wide tables scroll in their own box)."""
    driver.set_window_size(375, 800)
    wide = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    driver.set_window_size(1280, 800)
    check(f"{page} fits 375 px", wide <= 0, wide)


def pages(driver):
    wait = WebDriverWait(driver, 10)

    # Home: the store's counts and its latest article.
    driver.get(f"{BASE}/")
    counts = texts(driver, "dl.counts dd")
    check("home: articles", counts[0] == str(count("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a hs:Article }")), counts)
    check("home: claims", counts[1] == str(count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hs:Claim }")), counts)
    latest = select("SELECT ?t WHERE { ?a schema:headline ?t ; schema:datePublished ?d } ORDER BY DESC(?d) LIMIT 1")[0]["t"]
    check("home: latest article", latest in texts(driver, "ol.articles li")[0], latest)
    shoot(driver, "home", (1280, 375))
    console_errors(driver, "home")

    # The search box leads to the claims that hold the words.
    driver.find_element(By.CSS_SELECTOR, "form.search input[name=text]").send_keys("lease")
    driver.find_element(By.CSS_SELECTOR, "form.search button").click()
    wait.until(lambda d: "/claims" in d.current_url)
    contents = texts(driver, "table.claims tbody td:nth-child(4)")
    stored = count('SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hs:Claim ; schema:text ?t FILTER(CONTAINS(LCASE(?t), "lease")) }')
    check("search: rows", len(contents) == stored, (len(contents), stored))
    check("search: every row holds the word", all("lease" in c.lower() for c in contents), contents)

    # The filter form: denials only.
    driver.find_element(By.CSS_SELECTOR, "form.filters input[name=text]").clear()
    Select(driver.find_element(By.CSS_SELECTOR, "form.filters select[name=stance]")).select_by_value("denied")
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait.until(lambda d: "stance=denied" in d.current_url)
    stances = texts(driver, "table.claims tbody td:nth-child(5)")
    denied = count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c hs:stance hs:Denied }")
    check("filter: rows", len(stances) == denied, (len(stances), denied))
    check("filter: all denied", set(stances) == {"denied"}, stances)
    shoot(driver, "claims")
    console_errors(driver, "claims")

    # An article: every marked stretch is the text at its offsets, and each claim's source,
    # cue and content are covered exactly, without gaps, by the stretches that name them.
    article = select("SELECT ?a (COUNT(?c) AS ?n) WHERE { ?c hs:article ?a } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1")[0]["a"]
    driver.get(local(article))
    text = select(f"SELECT ?t WHERE {{ <{article}> hs:text ?t }}")[0]["t"]
    marks = driver.execute_script(
        "return Array.from(document.querySelectorAll('.text mark')).map(m => [+m.dataset.from, +m.dataset.to, m.dataset.parts, m.textContent]);"
    )
    check("article: marks", len(marks) > 0)
    for start, end, _, shown in marks:
        check("article: a mark is the text at its offsets", text[start:end] == shown, (start, end, shown))
    spans = select(f"""SELECT ?p ?ss ?se ?cs ?ce ?ts ?te WHERE {{ GRAPH <{article}> {{
        ?c hs:article <{article}> ; hs:position ?p
        OPTIONAL {{ ?c hs:sourceStart ?ss ; hs:sourceEnd ?se }} OPTIONAL {{ ?c hs:cueStart ?cs ; hs:cueEnd ?ce }}
        OPTIONAL {{ ?c hs:contentStart ?ts ; hs:contentEnd ?te }} }} }}""")
    checked = 0
    for claim in spans:
        for part, start, end in (("source", "ss", "se"), ("cue", "cs", "ce"), ("content", "ts", "te")):
            if start not in claim:
                continue
            name = f"{claim['p']}:{part}"
            covered = sorted((m[0], m[1]) for m in marks if name in m[2].split(" "))
            check(f"article: {name} starts at the stored offset", covered and covered[0][0] == int(claim[start]), covered)
            check(f"article: {name} ends at the stored offset", covered[-1][1] == int(claim[end]), covered)
            check(f"article: {name} has no gap", all(a[1] == b[0] for a, b in zip(covered, covered[1:])), covered)
            checked += 1
    check("article: spans checked", checked >= len(spans), checked)
    shoot(driver, "article", (1280, 375))
    console_errors(driver, "article")

    # The hostile article, its claims and its source: shown as text, nothing run.
    hostile = select('SELECT ?a WHERE { ?a schema:url ?u FILTER(STR(?u) = "https://example-wire.test/2026/03/10/hostile") }')[0]["a"]
    for url in (local(hostile), f"{BASE}/claims?source=harbor", f"{BASE}/claims?text=ships", f"{BASE}/"):
        driver.get(url)
        ran = driver.execute_script("return window.hearsayXss !== undefined || document.images.length > 0;")
        check(f"nothing runs on {url}", not ran)
    driver.get(local(hostile))
    title = driver.find_element(By.TAG_NAME, "h1").text
    check("hostile title shown as text", title.startswith("<script>window.hearsayXss=1</script>"), title)
    shoot(driver, "hostile")
    console_errors(driver, "hostile article")

    # A contested proposition, reached by its link, with both sides.
    driver.get(f"{BASE}/propositions")
    driver.find_element(By.CSS_SELECTOR, "ol.propositions a").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "dl.facts"))
    check("proposition: both sides", texts(driver, "h2.asserted") and texts(driver, "h2.denied"))
    shoot(driver, "proposition", (1280, 375))
    console_errors(driver, "proposition")
    proposition = driver.current_url.split("/id/", 1)[1]
    propositions_of(driver, wait, ID + proposition)

    # The proposition most origins take a side on: its terms, its chart and its story.
    busiest = select("""SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c hs:proposition ?p ; hs:propositionStance ?s }
        GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1""")[0]["p"]
    driver.get(local(busiest))
    propositions_of(driver, wait, busiest)

    # A source, reached from a claim's row.
    driver.get(f"{BASE}/claims?stance=denied")
    driver.find_element(By.CSS_SELECTOR, "table.claims tbody td:nth-child(2) a").click()
    wait.until(lambda d: "/id/source/" in d.current_url)
    check("source: claims over time", texts(driver, "table.claims tbody tr"))
    shoot(driver, "source", (1280, 375))
    console_errors(driver, "source")

    # A source that some other source contradicts: whom it contradicts and who contradicts it,
    # as the store says (asked of /sparql).
    at_odds = f"""SELECT DISTINCT ?s ?mine ?other ?theirs ?p WHERE {{
        ?c prov:wasAttributedTo ?s . GRAPH {PROPOSITIONS} {{ ?c hs:proposition ?p ; hs:propositionStance ?mine .
        ?d hs:proposition ?p ; hs:propositionStance ?theirs }}
        ?d prov:wasAttributedTo ?other
        FILTER(?mine IN (hs:Asserted, hs:Denied) && ?theirs IN (hs:Asserted, hs:Denied) && ?mine != ?theirs && ?other != ?s) }}"""
    rows = select(at_odds)
    check("source: the store has a contradiction", rows)
    source = sorted(r["s"] for r in rows)[0]
    mine = [r for r in rows if r["s"] == source]
    driver.get(local(source))
    for stance, table in (("Denied", "contradicts"), ("Asserted", "contradicted")):
        expected = sorted((r["other"], r["p"]) for r in mine if r["mine"].endswith(stance))
        shown = driver.execute_script(
            f"return Array.from(document.querySelectorAll('table[aria-labelledby={table}] tbody tr'))"
            ".map(r => Array.from(r.querySelectorAll('a')).map(a => a.getAttribute('href')));"
        )
        shown = sorted((a, b) for a, b in shown)
        expected = [(local(o).replace(BASE, ""), local(p).replace(BASE, "")) for o, p in expected]
        check(f"source: {table}", shown == sorted(expected), (shown, expected))
    shoot(driver, "source-opponents", (1280, 375))
    fits_a_phone(driver, "source with opponents")
    console_errors(driver, "source with opponents")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Story picture").click()
    wait.until(lambda d: d.current_url.endswith("/story"))
    story_of(driver, source)

    # The SPARQL page: the first example (queries/denials.rq) run from the form.
    driver.get(f"{BASE}/sparql")
    query = driver.find_element(By.ID, "query").get_attribute("value")
    driver.find_element(By.CSS_SELECTOR, "form.query button").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.results"))
    rows = texts(driver, "table.results tbody tr")
    check("sparql: rows", len(rows) == len(select(query)), (len(rows), len(select(query))))
    shoot(driver, "sparql")
    console_errors(driver, "sparql")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    port = free_port()
    driver_process = subprocess.Popen(
        [shutil.which("chromedriver"), f"--port={port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                check("chromedriver listens", time.time() < deadline)
                time.sleep(0.05)
        options = webdriver.ChromeOptions()
        for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,800"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
        driver.command_executor.add_command("browserLog", "POST", "/session/$sessionId/se/log")
        try:
            pages(driver)
        finally:
            driver.quit()
    finally:
        os.kill(driver_process.pid, 15)
        driver_process.wait()
    print("browser: ok")


if __name__ == "__main__":
    main()
