//! The `hearsay` binary end to end: real files, a real on-disk store in a temp dir, the
//! real executable. Each test says what a user does and what they must see.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/kim-putin-visit.txt"
);
const SEED_GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/seed.jsonl");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

/// A temp dir with a store path inside it.
struct Workspace {
    dir: TempDir,
}

impl Workspace {
    fn new() -> Self {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).expect("write test file");
        path
    }

    /// `hearsay --store <tmp>/store ARGS…`, piped (so listings print TSV).
    fn hearsay(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("hearsay").expect("binary");
        cmd.env_remove("HEARSAY_STORE")
            .arg("--store")
            .arg(self.store())
            .args(args);
        cmd
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.hearsay(args).output().expect("run hearsay");
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// How many claims the store holds, through the public query command.
    fn claim_count(&self) -> usize {
        let out = self.stdout(&[
            "query",
            "SELECT (COUNT(?c) AS ?n) WHERE { ?c a hs:Claim }",
            "--results-format",
            "csv",
        ]);
        out.lines()
            .nth(1)
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    }
}

fn tsv_rows(output: &str) -> Vec<Vec<String>> {
    output
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn seed_article_answers_the_done_when_questions() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED])
        .assert()
        .success()
        .stderr(predicate::str::contains("ingested 1 articles"));

    // U.S. officials' claims, found also under the spelling without periods.
    let us = ws.stdout(&["claims", "--source", "US officials"]);
    let rows = tsv_rows(&us);
    assert!(rows.len() >= 2, "{us}");
    assert!(rows.iter().all(|r| r[2].contains("U.S. officials")), "{us}");
    assert!(us.contains("Putin could focus on securing more supplies"));

    // The denial, linked to the accusation it denies.
    let denied = ws.stdout(&["claims", "--stance", "denied"]);
    let rows = tsv_rows(&denied);
    let denial = rows
        .iter()
        .find(|r| r[2].contains("Both Russian and North Korean officials"))
        .unwrap_or_else(|| panic!("no officials' denial in {denied}"));
    let shown = ws.stdout(&["show", &denial[0]]);
    assert!(shown.contains("denies"), "{shown}");
    assert!(shown.contains("supplying Russia with weapons"), "{shown}");

    // The Turtle export parses.
    let turtle = ws.stdout(&["export"]);
    assert!(turtle.starts_with("PREFIX") || turtle.starts_with("@prefix"));
    let parsed = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
        .collect::<Result<Vec<_>, _>>();
    assert!(parsed.is_ok_and(|quads| quads.len() > 100));
}

/// Two JSON Lines rows under two ids with one text (a wire story run by two outlets) are two
/// articles and one origin; ingesting them again changes nothing (issue 15).
#[test]
fn two_ids_with_one_text_are_two_articles_of_one_origin() {
    let ws = Workspace::new();
    let text = "The bridge will reopen in May, Mayor Jo Hale said on Monday. Chief engineer Ana Lind said the bridge would reopen in May.";
    let rows = format!(
        "{{\"id\": \"outlet-a-17\", \"text\": \"{text}\"}}\n{{\"id\": \"outlet-b-3\", \"text\": \"{text}\"}}\n"
    );
    let file = ws.file("wire.jsonl", rows.as_bytes());
    let path = file.to_str().expect("utf-8 path");
    ws.hearsay(&["ingest", path])
        .assert()
        .success()
        .stderr(predicate::str::starts_with("ingested 2 articles, "));
    let graphs = ws.stdout(&[
        "query",
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
        "--results-format",
        "csv",
    ]);
    assert_eq!(graphs.lines().nth(1).map(str::trim), Some("2"), "{graphs}");
    // The mayor's claim and the engineer's are one proposition with two origins, whichever
    // outlet printed them: reprints add claims, not origins.
    let propositions = ws.stdout(&["propositions", "--min-origins", "1"]);
    let row = tsv_rows(&propositions)
        .into_iter()
        .find(|r| r.last().is_some_and(|l| l.contains("reopen in May")))
        .unwrap_or_else(|| panic!("{propositions}"));
    assert_eq!(
        (row[2].as_str(), row[5].as_str(), row[6].as_str()),
        ("2", "4", "2"),
        "{propositions}"
    );
    let sorted_export = || {
        let export = ws.stdout(&["export", "--format", "nquads"]);
        let mut lines: Vec<String> = export.lines().map(str::to_owned).collect();
        lines.sort_unstable();
        lines
    };
    let first = sorted_export();
    ws.hearsay(&["ingest", path])
        .assert()
        .success()
        .stderr(predicate::str::starts_with(
            "ingested 2 articles (2 unchanged), ",
        ));
    assert_eq!(sorted_export(), first);
}

#[test]
fn ingesting_again_changes_nothing() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", DATA]).assert().success();
    let first = ws.stdout(&["export", "--format", "nquads"]);
    // Every article comes out the same, so none is rewritten, and the summary says so.
    ws.hearsay(&["ingest", DATA])
        .assert()
        .success()
        .stderr(predicate::str::starts_with(
            "ingested 8 articles (8 unchanged), ",
        ));
    let second = ws.stdout(&["export", "--format", "nquads"]);
    let sorted = |s: &str| {
        let mut lines: Vec<&str> = s.lines().collect();
        lines.sort_unstable();
        lines.join("\n")
    };
    assert!(!first.is_empty());
    assert_eq!(sorted(&first), sorted(&second));
}

/// A surname meets the full name given later in the same run, even batches apart: the
/// store does not depend on the order of the input.
#[test]
fn a_surname_meets_a_full_name_given_later_in_the_run() {
    let ws = Workspace::new();
    let mut rows =
        vec![serde_json::json!({"id": "first", "text": "Hannity said the plan would fail."})];
    // More than a batch (256 articles) between the two.
    for i in 0..300 {
        rows.push(serde_json::json!({"id": format!("filler-{i}"), "text": format!("Filler article {i} has no quotes.")}));
    }
    rows.push(serde_json::json!({"id": "last", "text": "Sean Hannity, a television host, said the vote was fair."}));
    let lines: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    let input = ws.file("run.jsonl", lines.join("\n").as_bytes());
    ws.hearsay(&["ingest", input.to_str().expect("utf-8 path")])
        .assert()
        .success();
    let listed = ws.stdout(&["claims", "--source", "Sean Hannity"]);
    assert!(listed.contains("the plan would fail"), "{listed}");
    assert!(listed.contains("the vote was fair"), "{listed}");
}

/// One article writes "KCNA", another "Korean Central News Agency": one source, listed by
/// the full name whichever file comes first.
#[test]
fn a_source_is_listed_by_its_fullest_spelling() {
    for reversed in [false, true] {
        let ws = Workspace::new();
        let mut files = [
            ws.file(
                "short.txt",
                b"KCNA said on Monday that the launch had been a success.\n",
            ),
            ws.file(
                "full.txt",
                b"The Korean Central News Agency said on Tuesday that more launches would follow.\n",
            ),
        ];
        if reversed {
            files.reverse();
        }
        let mut args = vec!["ingest"];
        args.extend(files.iter().map(|f| f.to_str().expect("utf-8 path")));
        ws.hearsay(&args).assert().success();
        let listed = ws.stdout(&["sources"]);
        let rows = tsv_rows(&listed);
        let agency = rows
            .iter()
            .find(|r| r[3] == "korean central news agency")
            .unwrap_or_else(|| panic!("no agency in {listed}"));
        assert_eq!(agency[0], "Korean Central News Agency", "{listed}");
        assert_eq!(agency[2], "2", "{listed}");
        // Either spelling still finds both claims.
        for spelling in ["KCNA", "Korean Central"] {
            let found = ws.stdout(&["claims", "--source", spelling]);
            assert_eq!(tsv_rows(&found).len(), 2, "{spelling}: {found}");
        }
    }
}

/// Articles ingested in three runs give the store one run over them all gives: the names a
/// later run learns ("Dmitry Peskov", "Korean Central News Agency", the spelling
/// "FactWatch") reach the sources an earlier run stored ("Peskov", "KCNA", "Factwatch"), and
/// a surname that fitted one full name ("Reyes", "Ana Reyes") stands alone again once a
/// second one comes ("Maria Reyes").
#[test]
fn a_store_does_not_depend_on_how_its_articles_were_split_into_runs() {
    let texts: [(&str, &[u8]); 3] = [
        (
            "first.txt",
            b"KCNA said on Monday that the launch had been a success. \
            Peskov said the talks went well. Factwatch said the figure was wrong. \
            Reyes said the port would reopen.\n",
        ),
        (
            "second.txt",
            b"The Korean Central News Agency said on Tuesday that more launches would \
            follow. Kremlin spokesman Dmitry Peskov said the visit was historic. \
            FactWatch said the claim was false. Ana Reyes said the ferry would run.\n",
        ),
        (
            "third.txt",
            b"Maria Reyes said the bridge would close for a week.\n",
        ),
    ];
    let store_after = |runs: &[&[usize]]| {
        let ws = Workspace::new();
        let files: Vec<String> = texts
            .iter()
            .map(|(name, text)| ws.file(name, text).to_str().expect("utf-8 path").to_owned())
            .collect();
        for run in runs {
            let mut args = vec!["ingest"];
            args.extend(run.iter().map(|&i| files[i].as_str()));
            ws.hearsay(&args).assert().success();
        }
        let sources = ws.stdout(&["sources"]);
        let mut quads: Vec<String> = ws
            .stdout(&["export", "--format", "nq"])
            .lines()
            .map(str::to_owned)
            .collect();
        quads.sort();
        // Parts of names, through the text index's sources, which relinking keeps in step.
        let parts: Vec<String> = ["dmitry", "reye", "ana r", "central news", "kcna"]
            .iter()
            .map(|part| ws.stdout(&["claims", "--source", part, "--format", "tsv"]))
            .collect();
        (sources, (quads, parts))
    };
    let (sources, in_three) = store_after(&[&[0], &[1], &[2]]);
    let claims = |parts: &[String], i: usize| parts[i].lines().count().saturating_sub(1);
    let parts = &in_three.1;
    assert_eq!(
        [0, 1, 2, 3, 4].map(|i| claims(parts, i)),
        [2, 3, 1, 2, 2],
        "{parts:?}"
    );
    let rows = tsv_rows(&sources);
    for (name, key, claims) in [
        (
            "Korean Central News Agency",
            "korean central news agency",
            "2",
        ),
        ("Dmitry Peskov", "dmitry peskov", "2"),
        ("FactWatch", "factwatch", "2"),
        ("Reyes", "reyes", "1"),
        ("Ana Reyes", "ana reyes", "1"),
        ("Maria Reyes", "maria reyes", "1"),
    ] {
        let row = rows
            .iter()
            .find(|r| r[3] == key)
            .unwrap_or_else(|| panic!("no {key} in {sources}"));
        assert_eq!(
            (row[0].as_str(), row[2].as_str()),
            (name, claims),
            "{sources}"
        );
    }
    assert_eq!(rows.len(), 6, "{sources}");
    let (_, in_one) = store_after(&[&[0, 1, 2]]);
    assert!(!in_one.0.is_empty());
    assert_eq!(in_three, in_one);
}

#[test]
fn piped_ingest_prints_only_its_summary() {
    let ws = Workspace::new();
    let out = ws.hearsay(&["ingest", DATA]).output().expect("run hearsay");
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    // No bar, no escape codes, no carriage returns: one line a log file can keep.
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with("ingested 8 articles, "), "{stderr:?}");
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\r'),
        "{stderr:?}"
    );
}

#[test]
fn an_article_over_the_claim_limit_keeps_its_first_claims_and_is_named() {
    let ws = Workspace::new();
    let sentences: String = (0..30)
        .map(|i| format!("Officer Dana Reyes said the bridge {i} would reopen. "))
        .collect();
    let page = ws.file("page.txt", sentences.as_bytes());
    let out = ws
        .hearsay(&["ingest", "--max-claims-per-article", "12"])
        .arg(&page)
        .output()
        .expect("run hearsay");
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        stderr.contains("page.txt: 30 claims found; the first 12 are stored"),
        "{stderr:?}"
    );
    assert_eq!(ws.claim_count(), 12);
    let kept = ws.stdout(&["claims", "--text", "bridge 11 "]);
    assert_eq!(tsv_rows(&kept).len(), 1, "{kept}");
    let dropped = ws
        .hearsay(&["claims", "--text", "bridge 12 "])
        .output()
        .unwrap();
    assert_eq!(dropped.status.code(), Some(1));
    // 0 lifts the limit.
    ws.hearsay(&["ingest", "--max-claims-per-article", "0"])
        .arg(&page)
        .assert()
        .success();
    assert_eq!(ws.claim_count(), 30);
}

#[test]
fn compact_keeps_every_quad_and_wants_an_existing_store() {
    let ws = Workspace::new();
    let missing = ws.hearsay(&["compact"]).output().expect("run hearsay");
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8(missing.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.contains("no store at"), "{stderr:?}");
    assert!(!ws.store().exists(), "compact must not create a store");
    // An empty directory is no store either, and stays empty.
    std::fs::create_dir(ws.store()).expect("mkdir");
    let empty = ws.hearsay(&["compact"]).output().expect("run hearsay");
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no hearsay store at"));
    assert_eq!(std::fs::read_dir(ws.store()).expect("ls").count(), 0);
    std::fs::remove_dir(ws.store()).expect("rmdir");

    ws.hearsay(&["ingest", DATA]).assert().success();
    let before = ws.stdout(&["export", "--format", "nquads"]);
    ws.hearsay(&["compact"]).assert().success();
    let after = ws.stdout(&["export", "--format", "nquads"]);
    assert!(!before.is_empty());
    assert_eq!(before, after);
}

#[test]
fn claims_exits_one_when_nothing_matches() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    ws.hearsay(&["claims", "--text", "no such words anywhere"])
        .assert()
        .code(1);
    ws.hearsay(&["claims", "--text", "Vladivostok", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"cue\": \"according to\""));
}

/// Claims `claims --text WORDS` (or another filter) lists, as their contents.
fn contents_found(ws: &Workspace, filter: &str, value: &str) -> Vec<String> {
    tsv_rows(&ws.stdout(&["claims", filter, value]))
        .into_iter()
        .filter_map(|row| row.last().cloned())
        .collect()
}

const WORDS_ARTICLE: &str = "Officer Dana Reyes said immigrants want the border wall finished. \
Recep Tayyip Erdoğan said the café in Zürich would close on Monday. \
The ministry said the wall would not be finished before winter.\n";

#[test]
fn text_search_matches_words_phrases_and_prefixes_and_sources_by_part_of_a_name() {
    let ws = Workspace::new();
    let article = ws.file("words.txt", WORDS_ARTICLE.as_bytes());
    ws.hearsay(&["ingest"]).arg(&article).assert().success();
    // Every word, in any order.
    assert_eq!(contents_found(&ws, "--text", "wall border").len(), 1);
    assert_eq!(contents_found(&ws, "--text", "wall finished").len(), 2);
    // A phrase: "wall would not be finished" is no match for it.
    let phrase = contents_found(&ws, "--text", "\"wall finished\"");
    assert_eq!(phrase.len(), 1, "{phrase:?}");
    assert!(phrase[0].contains("border wall finished"), "{phrase:?}");
    // A prefix, and a part of a word that is no prefix query.
    assert_eq!(contents_found(&ws, "--text", "immigra*").len(), 1);
    ws.hearsay(&["claims", "--text", "immigra"])
        .assert()
        .code(1);
    // Case and diacritics aside, both ways.
    assert_eq!(contents_found(&ws, "--text", "ZURICH cafe").len(), 1);
    assert_eq!(contents_found(&ws, "--text", "zürich").len(), 1);
    // A source by a part of any of its names, across words.
    let by_part = contents_found(&ws, "--source", "yip erdoğ");
    assert_eq!(by_part.len(), 1, "{by_part:?}");
    assert!(by_part[0].contains("Zürich"), "{by_part:?}");
    assert_eq!(contents_found(&ws, "--source", "REYES").len(), 1);
    // Both filters together keep what both keep.
    ws.hearsay(&["claims", "--source", "reyes", "--text", "winter"])
        .assert()
        .code(1);
    // No word at all is a clear error, not a scan.
    ws.hearsay(&["claims", "--text", "?!"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no word to search for"));
}

#[test]
fn a_text_index_left_behind_by_a_dead_writer_is_not_trusted_and_is_rebuilt() {
    let ws = Workspace::new();
    let first = ws.file(
        "first.txt",
        b"Officer Dana Reyes said the bridge would reopen.\n",
    );
    let second = ws.file("second.txt", b"The mayor said the tunnel would close.\n");
    ws.hearsay(&["ingest"]).arg(&first).assert().success();
    let index = ws.store().join("text-index");
    let before = ws.dir.path().join("index-before");
    copy_dir(&index, &before);
    ws.hearsay(&["ingest"]).arg(&second).assert().success();
    assert!(!ws.store().join("text-index.pending").exists());
    // What a writer that died after writing the second article leaves: the index of the
    // first run, and the marker.
    std::fs::remove_dir_all(&index).unwrap();
    copy_dir(&before, &index);
    std::fs::write(ws.store().join("text-index.pending"), b"").unwrap();
    // Read-only lookups build their own index and see the second article.
    assert_eq!(contents_found(&ws, "--text", "tunnel").len(), 1);
    // A writer rebuilds the index on disk and removes the marker.
    ws.hearsay(&["compact"]).assert().success();
    assert!(!ws.store().join("text-index.pending").exists());
    assert_eq!(contents_found(&ws, "--text", "tunnel").len(), 1);
    assert_eq!(contents_found(&ws, "--text", "bridge").len(), 1);
    // A store from before the index: the next ingest builds it.
    std::fs::remove_dir_all(&index).unwrap();
    assert_eq!(contents_found(&ws, "--source", "mayor").len(), 1);
    ws.hearsay(&["ingest"]).arg(&first).assert().success();
    assert!(index.join("meta.json").exists());
    assert_eq!(contents_found(&ws, "--source", "mayor").len(), 1);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn lookups_filter_by_date_confidence_and_article() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", DATA]).assert().success();
    let all = tsv_rows(&ws.stdout(&["claims"]));
    let late = tsv_rows(&ws.stdout(&["claims", "--since", "2026-03-06"]));
    assert!(!late.is_empty() && late.len() < all.len());
    assert!(late.iter().all(|r| r[1].as_str() >= "2026-03-06"));
    let firm = tsv_rows(&ws.stdout(&["claims", "--min-confidence", "0.9"]));
    assert!(firm
        .iter()
        .all(|r| r[6].parse::<f64>().unwrap_or(0.0) >= 0.9));
    let url = "https://example-wire.test/2026/03/06/bluefjord-strike-called-off";
    let one = tsv_rows(&ws.stdout(&["claims", "--article", url]));
    assert!(!one.is_empty());
    assert!(one.iter().all(|r| r[1] == "2026-03-06"));
    let sources = ws.stdout(&["sources", "--format", "csv"]);
    assert!(sources.starts_with("source,kind,claims,key"));
}

#[test]
fn query_runs_text_and_files_in_every_results_format() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    for (format, marker) in [
        ("json", "\"results\""),
        ("xml", "<sparql"),
        ("csv", "claim"),
        ("tsv", "?claim"),
        ("table", "claim"),
    ] {
        ws.hearsay(&[
            "query",
            "SELECT ?claim WHERE { ?claim hs:stance hs:Denied }",
            "--results-format",
            format,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(marker));
    }
    let denials = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/denials.rq");
    ws.hearsay(&["query", denials.to_str().unwrap_or_default()])
        .assert()
        .success()
        .stdout(predicate::str::contains("such claims"));
    ws.hearsay(&[
        "query",
        "CONSTRUCT { ?c hs:cue ?cue } WHERE { ?c hs:cue ?cue }",
        "--format",
        "ntriples",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "<https://w3id.org/hearsay/ontology#cue>",
    ));
}

#[test]
fn export_writes_every_format_and_guesses_from_the_file_name() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    for format in ["turtle", "trig", "ntriples", "nquads", "jsonld"] {
        ws.hearsay(&["export", "--format", format])
            .assert()
            .success()
            .stdout(predicate::str::is_empty().not());
    }
    let out = ws.dir.path().join("dump.nq");
    ws.hearsay(&["export", "-o", out.to_str().unwrap_or_default()])
        .assert()
        .success();
    let dump = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(dump.lines().all(|l| l.trim_end().ends_with('.')));
    assert!(dump.contains("<https://w3id.org/hearsay/id/article/"));
    ws.hearsay(&["export", "-o", "out.xyz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot guess a format from out.xyz",
        ));
    ws.hearsay(&["export", "--format", "rdfxml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'rdfxml'"));
}

#[test]
fn extract_counts_code_points_and_keeps_jsonl_ids() {
    let ws = Workspace::new();
    let text = "“The plan is dead,” she said — firmly. Officials say talks may resume.";
    let input = ws.file(
        "in.jsonl",
        format!(
            "{{\"id\": \"doc-7\", \"text\": {}}}\n",
            serde_json::json!(text)
        )
        .as_bytes(),
    );
    let out = Command::cargo_bin("hearsay")
        .expect("binary")
        .args(["extract", input.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert!(out.status.success());
    let line: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON line of output");
    assert_eq!(line["id"], "doc-7");
    let chars: Vec<char> = text.chars().collect();
    let span_text = |span: &serde_json::Value| -> String {
        let (s, e) = (
            span[0].as_u64().unwrap_or(0) as usize,
            span[1].as_u64().unwrap_or(0) as usize,
        );
        chars[s..e].iter().collect()
    };
    let cues: Vec<String> = line["attributions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| span_text(&a["cue"][0]))
        .collect();
    assert!(cues.contains(&"said".to_owned()), "{cues:?}");
    assert!(cues.contains(&"say".to_owned()), "{cues:?}");
}

#[test]
fn eval_scores_the_seed_and_prints_json_on_request() {
    let out = Command::cargo_bin("hearsay")
        .expect("binary")
        .args(["eval", "--gold", SEED_GOLD, "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let scores: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(scores["gold"], 26);
    assert!(scores["exact"]["cue"]["f1"].as_f64().unwrap_or(0.0) > 0.5);
    Command::cargo_bin("hearsay")
        .expect("binary")
        .args(["eval", "--gold", SEED_GOLD])
        .assert()
        .success()
        .stdout(predicate::str::contains("exact"));
}

#[test]
fn eval_into_a_closed_pipe_ends_quietly() {
    // The reader is gone before eval writes (it scores first), as with `| head -0`.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hearsay"))
        .args(["eval", "--gold", SEED_GOLD])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{stderr}");
}

#[test]
fn bad_input_gets_one_line_a_nonzero_exit_and_the_store_keeps_its_claims() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    let before = ws.claim_count();
    assert!(before > 0);

    let invalid_utf8 = ws.file("latin1.txt", b"Caf\xe9 owners said prices rose.\n");
    let binary = ws.file("blob.txt", b"\x00\x01\x02binary");
    let empty = ws.file("empty.txt", b"  \n\n");
    let unknown = ws.file("notes.pdf", b"%PDF-1.4");
    let missing = ws.dir.path().join("missing.txt");
    let empty_dir = ws.dir.path().join("nothing-here");
    std::fs::create_dir(&empty_dir).expect("mkdir");
    for (path, message) in [
        (&invalid_utf8, "UTF-8"),
        (&binary, "binary"),
        (&empty, "empty"),
        (&unknown, "notes.pdf"),
        (&missing, "no such file"),
        (&empty_dir, "no articles"),
    ] {
        let assert = ws
            .hearsay(&["ingest", path.to_str().unwrap_or_default()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(
            stderr.lines().all(|l| l.starts_with("hearsay: ")),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert_eq!(ws.claim_count(), before);

    ws.hearsay(&["query", "SELEC nothing"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("hearsay: SPARQL syntax error"));
    ws.hearsay(&["claims", "--stance", "maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'maybe'"));
    // A blank selector would list every claim in the store as a timeline.
    ws.hearsay(&["timeline", "--source", "  "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it is blank"));
    ws.hearsay(&["claims", "--min-confidence", "2"])
        .assert()
        .code(2);
    ws.hearsay(&["show", "0000000000000000-0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no claim"));
    assert_eq!(ws.claim_count(), before);
}

#[test]
fn a_malformed_row_is_reported_with_its_line_and_the_rest_go_in() {
    let ws = Workspace::new();
    let rows = ws.file(
        "rows.jsonl",
        b"{\"id\": \"a\", \"text\": \"Officials said the bridge would reopen on Monday.\"}\n\
          {\"id\": \"b\", \"txet\": \"oops\"}\n\
          not json at all\n\
          {\"id\": \"c\", \"text\": \"The mayor told reporters that repairs may take weeks.\"}\n",
    );
    ws.hearsay(&["ingest", rows.to_str().unwrap_or_default()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rows.jsonl line 2"))
        .stderr(predicate::str::contains("rows.jsonl line 3"))
        .stderr(predicate::str::contains("2 of 4 articles failed"));
    assert_eq!(ws.claim_count(), 2);
}

#[test]
fn a_store_held_by_another_process_is_a_clear_error() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    // An ingest reading stdin holds the store open until its input ends.
    let spawn_holder = || {
        StdCommand::new(assert_cmd::cargo::cargo_bin("hearsay"))
            .arg("--store")
            .arg(ws.store())
            .args(["ingest", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn holder")
    };
    let mut holder = spawn_holder();
    // Probe with a second writer until it is refused. If the probe won the race for the
    // lock instead, the holder gave up: start another one.
    let mut message = String::new();
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(200));
        if holder.try_wait().ok().flatten().is_some() {
            holder = spawn_holder();
            continue;
        }
        let out = ws.hearsay(&["ingest", SEED]).output().expect("run");
        message = String::from_utf8_lossy(&out.stderr).to_string();
        if !out.status.success() {
            break;
        }
    }
    assert!(
        message.contains("in use by another hearsay process"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    // Readers still work beside the writer.
    ws.hearsay(&["claims", "--source", "analysts"])
        .assert()
        .success();
    if let Some(mut stdin) = holder.stdin.take() {
        let _ = stdin.write_all(b"Officials said the holder is done.\n");
    }
    assert!(holder.wait().expect("holder exits").success());
}

#[test]
fn export_into_a_closed_pipe_ends_quietly() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    for args in [
        &["export", "--format", "nquads"][..],
        &["claims", "--format", "tsv"],
        &["claims", "--format", "csv"],
        &["claims", "--format", "json"],
    ] {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("hearsay"))
            .arg("--store")
            .arg(ws.store())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn hearsay");
        // Close our end of stdout at once, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("hearsay exits");
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A running `hearsay serve`, stopped (killed, as Ctrl-C would) when dropped.
struct Server {
    child: std::process::Child,
    socket: PathBuf,
}

impl Server {
    fn start(ws: &Workspace) -> Server {
        let child = StdCommand::new(assert_cmd::cargo::cargo_bin("hearsay"))
            .env_remove("HEARSAY_STORE")
            .arg("--store")
            .arg(ws.store())
            .arg("serve")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn server");
        let server = Server {
            child,
            socket: ws.store().join("hearsay.sock"),
        };
        for _ in 0..300 {
            if std::os::unix::net::UnixStream::connect(&server.socket).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the server did not listen on {}", server.socket.display());
    }

    /// Stops the server and returns its log: a line per lookup it ran.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut stderr, &mut log);
        }
        log
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a run printed and how it exited.
fn run_whole(cmd: &mut Command) -> (String, String, Option<i32>) {
    let out = cmd.output().expect("run hearsay");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn lookups_through_a_server_print_what_they_print_without_it() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    let id = tsv_rows(&ws.stdout(&["claims", "--stance", "denied"]))[0][0].clone();
    let lookups: Vec<Vec<&str>> = vec![
        vec!["claims", "--source", "US officials"],
        vec!["claims", "--source", "nobody by that name"],
        vec!["claims", "--format", "table"],
        vec!["sources", "--format", "json"],
        vec!["show", &id],
        vec!["show", "no-such-claim"],
        vec!["timeline", "--source", "analysts"],
        vec!["propositions", "--min-claims", "1"],
        vec!["query", "SELECT ?c WHERE { ?c hs:stance hs:Denied }"],
        vec!["query", "SELECT nonsense"],
        // A query file, named relative to the client's directory (not the server's).
        vec!["query", "denied.rq"],
        vec!["query", "missing.rq"],
    ];
    ws.file(
        "denied.rq",
        b"SELECT ?c ?content WHERE { ?c hs:stance hs:Denied ; schema:text ?content }",
    );
    // The table's width is the client's console, whatever the server's.
    let run = |args: &[&str]| {
        run_whole(
            ws.hearsay(args)
                .env("COLUMNS", "70")
                .current_dir(ws.dir.path()),
        )
    };
    let alone: Vec<_> = lookups.iter().map(|args| run(args)).collect();
    let server = Server::start(&ws);
    let served: Vec<_> = lookups.iter().map(|args| run(args)).collect();
    let log = server.stop();
    for ((args, alone), served) in lookups.iter().zip(&alone).zip(&served) {
        assert_eq!(alone, served, "{args:?}");
    }
    // Every lookup ran in the server: its log has a line for each, with the exit code.
    assert!(
        log.contains("claims --source nobody by that name: exit 1"),
        "{log}"
    );
    assert!(log.contains("show no-such-claim: exit 2"), "{log}");
    assert!(served[10].0.contains("such claims"), "{:?}", served[10]);
    assert!(log.contains("query denied.rq: exit 0"), "{log}");
    // A file the client cannot read is the client's to report.
    assert!(served[11].1.contains("missing.rq"), "{:?}", served[11]);
    assert_eq!(log.matches(": exit ").count(), lookups.len() - 1, "{log}");
    // The errors are the one line they are without a server.
    assert!(
        served[5].1.starts_with("hearsay: 'no-such-claim'"),
        "{}",
        served[5].1
    );
    assert_eq!(served[5].1.lines().count(), 1);
}

#[test]
fn a_server_sees_what_an_ingest_writes_beside_it() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    let server = Server::start(&ws);
    ws.hearsay(&["claims", "--source", "Valdoria"])
        .assert()
        .code(1);
    let article = ws.file(
        "valdoria.txt",
        b"The Valdorian foreign ministry said on Monday that the border would stay open.\n",
    );
    ws.hearsay(&["ingest", article.to_str().expect("utf-8 path")])
        .assert()
        .success();
    ws.hearsay(&["claims", "--source", "Valdorian foreign ministry"])
        .assert()
        .success()
        .stdout(predicate::str::contains("the border would stay open"));
    let log = server.stop();
    assert!(
        log.contains("claims --source Valdorian foreign ministry: exit 0"),
        "{log}"
    );
}

#[test]
fn a_dead_servers_socket_is_passed_over_and_replaced() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    // A server killed before it could clean up leaves its socket behind.
    let socket = ws.store().join("hearsay.sock");
    drop(std::os::unix::net::UnixListener::bind(&socket).expect("bind"));
    assert!(socket.exists());
    ws.hearsay(&["claims", "--source", "analysts"])
        .assert()
        .success();
    // A server that hangs up before answering leaves the command to the client too.
    std::fs::remove_file(&socket).expect("remove socket");
    let listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
    let hang_up = std::thread::spawn(move || drop(listener.accept()));
    ws.hearsay(&["claims", "--source", "analysts"])
        .assert()
        .success()
        .stdout(predicate::str::contains("analysts"));
    hang_up.join().expect("listener thread");
    let server = Server::start(&ws);
    // One server per store.
    ws.hearsay(&["serve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already serves"));
    ws.hearsay(&["claims", "--source", "analysts"])
        .assert()
        .success();
    let log = server.stop();
    assert!(log.contains("claims --source analysts: exit 0"), "{log}");
}

/// A query that joins the store with itself four times: on the seed's store, more rows than
/// any run could list.
const RUNAWAY: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

/// Asserts that a run ended at its time limit: exit 2 and the one line that says so.
fn assert_timed_out((_, stderr, code): &(String, String, Option<i32>)) {
    assert_eq!(*code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("hearsay: the query ran past its time limit of 1 s"),
        "{stderr}"
    );
}

#[test]
fn a_runaway_query_stops_at_its_time_limit() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    for format in ["tsv", "table"] {
        let started = std::time::Instant::now();
        let run = run_whole(&mut ws.hearsay(&[
            "query",
            RUNAWAY,
            "--timeout",
            "1",
            "--results-format",
            format,
        ]));
        assert_timed_out(&run);
        // Far from the hours the query would take; the bound only allows for a busy machine.
        assert!(started.elapsed().as_secs() < 60, "{format}");
    }
    // A product of VALUES never reads the store, so nothing checks its cancellation: the
    // process ends itself shortly after the limit.
    let values = (0..8)
        .map(|i| format!("VALUES ?v{i} {{ 0 1 2 3 4 5 6 7 8 9 }}"))
        .collect::<String>();
    let run = run_whole(&mut ws.hearsay(&[
        "query",
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {values} }}"),
        "--timeout",
        "1",
    ]));
    assert_timed_out(&run);
    // Within the limit, a query answers as before; 0 means no limit.
    for limit in ["30", "0"] {
        ws.hearsay(&["query", "ASK { ?c a hs:Claim }", "--timeout", limit])
            .assert()
            .success()
            .stdout(predicate::str::contains("true"));
    }
    ws.hearsay(&["query", "ASK {}", "--timeout", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a number of seconds"));
}

#[test]
fn a_server_stops_a_runaway_query_and_goes_on_serving() {
    let ws = Workspace::new();
    ws.hearsay(&["ingest", SEED]).assert().success();
    let server = Server::start(&ws);
    assert_timed_out(&run_whole(&mut ws.hearsay(&[
        "query",
        RUNAWAY,
        "--timeout",
        "1",
    ])));
    ws.hearsay(&["claims", "--source", "analysts"])
        .assert()
        .success();
    let log = server.stop();
    // The server ran the query and stopped it itself.
    assert!(
        log.contains(&format!("query {RUNAWAY} --timeout 1: exit 2")),
        "{log}"
    );
    assert!(log.contains("claims --source analysts: exit 0"), "{log}");
}
