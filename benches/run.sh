#!/usr/bin/env bash
# hearsay's performance benchmark (issue 5): extraction MB/s, end-to-end ingest, the bulk-load
# ceiling, lookup latency and max RSS, all with release builds, reported as medians.
#
#   benches/run.sh            # everything (about 35 minutes on 2 cores)
#   COPIES=5 RUNS=20 benches/run.sh    # a quicker pass
#
# Tools: cargo (criterion), hyperfine, GNU time (/usr/bin/time -v), python3 for the numbers.
# Missing hyperfine or GNU time are installed from Debian's packages when we are root.
# The 50x replica of PolNeAR train and every store live in a temp dir, removed at the end.
# Environment knobs: COPIES (50), RUNS (100, lookups), INGEST_RUNS (3, on train),
# REPLICA_RUNS (1), CEILING_RUNS (1), SCAN_RUNS (20: --text, which reads every content),
# SOURCE, HEAVY_SOURCE, TEXT, QUERY, KEEP (keep the temp dir), OUT.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
TRAIN="$ROOT/../shared/eval/polnear/train.jsonl"
COPIES=${COPIES:-50}
RUNS=${RUNS:-100}
INGEST_RUNS=${INGEST_RUNS:-3}
REPLICA_RUNS=${REPLICA_RUNS:-1}
CEILING_RUNS=${CEILING_RUNS:-1}
# A source with 4 claims in train (the claim-weighted median), so about 200 in the replica,
# and one with 13 (663 in the replica).
SOURCE=${SOURCE:-Tom Vilsack}
HEAVY_SOURCE=${HEAVY_SOURCE:-Chris Christie}
SCAN_RUNS=${SCAN_RUNS:-20}
TEXT=${TEXT:-immigration}
QUERY=${QUERY:-queries/denials.rq}
OUT=${OUT:-$ROOT/target/bench-results}

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] && /usr/bin/time -v true 2>/dev/null || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
    else
        echo "benches/run.sh: please install: ${need[*]} (sudo apt-get install -y ${need[*]})" >&2
        exit 1
    fi
fi
command -v python3 >/dev/null || { echo "benches/run.sh: python3 is needed" >&2; exit 1; }
[ -f "$TRAIN" ] || { echo "benches/run.sh: $TRAIN is missing" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hearsay-bench.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
record() { echo "$1" >> "$RESULTS"; }

say "building (release)"
cargo build --release --quiet
HS="$ROOT/target/release/hearsay"
CEILING=$(cargo bench --bench bulk_ceiling --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m["target"]["name"]=="bulk_ceiling" and m.get("executable"): print(m["executable"])' | tail -1)

# /usr/bin/time -v report -> JSON {wall_s, max_rss_mb, cpu_percent}
timev() {
    python3 - "$1" <<'PY'
import json, re, sys
t = open(sys.argv[1]).read()
def field(name):
    m = re.search(re.escape(name) + r":\s*(.+)", t)
    return m.group(1).strip() if m else ""
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
print(json.dumps({"wall_s": round(secs, 3),
                  "max_rss_mb": round(int(field("Maximum resident set size (kbytes)") or 0) / 1024, 1),
                  "cpu_percent": int((field("Percent of CPU this job got") or "0%").rstrip("%"))}))
PY
}

# --- (a) extraction throughput: criterion, one core ----------------------------------------
say "(a) extraction throughput (criterion, benches/extract.rs)"
cargo bench --quiet --bench extract -- --noplot >&2
python3 - "$TRAIN" "$ROOT/target/criterion/extract/polnear_train/new/estimates.json" >> "$RESULTS" <<'PY'
import json, sys
size = sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1]))
est = json.load(open(sys.argv[2]))
median_s = est["median"]["point_estimate"] / 1e9
print(json.dumps({"figure": "extract", "bytes": size, "median_s": round(median_s, 4),
                  "mb_per_s_per_core": round(size / 1e6 / median_s, 2)}))
PY

# --- corpora ---------------------------------------------------------------------------------
say "generating the ${COPIES}x replica of PolNeAR train"
python3 benches/replica.py "$TRAIN" "$COPIES" "$WORK/replica.jsonl"

# --- (b) end-to-end ingest, (e) its max RSS ------------------------------------------------
ingest_runs() { # name corpus runs
    local name=$1 corpus=$2 runs=$3 i
    for i in $(seq "$runs"); do
        rm -rf "$WORK/store-$name"
        /usr/bin/time -v -o "$WORK/time.txt" "$HS" --store "$WORK/store-$name" ingest --no-progress "$corpus" 2> "$WORK/ingest.err"
        tail -1 "$WORK/ingest.err" >&2
        python3 - "$(timev "$WORK/time.txt")" "$(tail -1 "$WORK/ingest.err")" "$name" "$i" >> "$WORK/ingest-$name.jsonl" <<'PY'
import json, re, sys
t = json.loads(sys.argv[1]); line = sys.argv[2]
m = re.search(r"ingested (\d+) articles(?: \(\d+ unchanged\))?, (\d+) claims, (\d+) sources in ([\d.]+) s", line)
p = re.search(r"; (\d+) propositions in ([\d.]+) s", line)
t.update({"name": sys.argv[3], "run": int(sys.argv[4]),
          "articles": int(m.group(1)), "claims": int(m.group(2)), "sources": int(m.group(3)),
          # hearsay's clock covers the whole run, propositions included: writing is the rest.
          "write_s": float(m.group(4)) - (float(p.group(2)) if p else 0.0),
          "propositions_s": float(p.group(2)) if p else 0.0})
print(json.dumps(t))
PY
    done
    # The quads the store holds after ingest: the same set the ceiling loads.
    "$HS" --store "$WORK/store-$name" export --format nquads -o "$WORK/$name.nq"
    local quads; quads=$(wc -l < "$WORK/$name.nq")
    python3 - "$WORK/ingest-$name.jsonl" "$quads" "$name" >> "$RESULTS" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
quads = int(sys.argv[2]); wall = statistics.median(r["wall_s"] for r in runs)
r0 = runs[0]
print(json.dumps({"figure": "ingest", "name": sys.argv[3], "runs": len(runs),
                  "articles": r0["articles"], "claims": r0["claims"], "quads": quads,
                  "median_s": wall, "articles_per_s": round(r0["articles"] / wall, 1),
                  "median_write_s": statistics.median(r["write_s"] for r in runs),
                  "median_propositions_s": statistics.median(r["propositions_s"] for r in runs),
                  "quads_per_s": round(quads / wall), "max_rss_mb": max(r["max_rss_mb"] for r in runs),
                  "cpu_percent": statistics.median(r["cpu_percent"] for r in runs)}))
PY
}

# A second run over the same input and store: every article is stored as given already, so
# this measures reading, extraction and the comparison, with nothing to write.
reingest() { # name corpus
    local name=$1 corpus=$2
    /usr/bin/time -v -o "$WORK/time.txt" "$HS" --store "$WORK/store-$name" ingest --no-progress "$corpus" 2> "$WORK/ingest.err"
    tail -1 "$WORK/ingest.err" >&2
    python3 - "$(timev "$WORK/time.txt")" "$(tail -1 "$WORK/ingest.err")" "$name" >> "$RESULTS" <<'PY'
import json, re, sys
t = json.loads(sys.argv[1]); line = sys.argv[2]
m = re.search(r"ingested (\d+) articles(?: \((\d+) unchanged\))?", line)
t.update({"figure": "reingest", "name": sys.argv[3], "articles": int(m.group(1)),
          "unchanged": int(m.group(2) or 0)})
print(json.dumps(t))
PY
}

# --- (c) the bulk-load ceiling on the same quads -------------------------------------------
ceiling() { # name runs
    local name=$1 runs=$2
    /usr/bin/time -v -o "$WORK/time.txt" "$CEILING" "$WORK/$name.nq" "$WORK/ceiling-$name" "$runs" > "$WORK/ceiling.out"
    python3 - "$(timev "$WORK/time.txt")" "$WORK/ceiling.out" "$name" "$RESULTS" >> "$RESULTS" <<'PY'
import json, sys
t = json.loads(sys.argv[1]); lines = [json.loads(l) for l in open(sys.argv[2])]
last = lines[-1]
ingest = [json.loads(l) for l in open(sys.argv[4]) if '"ingest"' in l and json.loads(l).get("name") == sys.argv[3]][-1]
print(json.dumps({"figure": "ceiling", "name": sys.argv[3], "runs": len(lines) - 1, "quads": last["quads"],
                  "median_s": last["median_seconds"], "quads_per_s": last["median_quads_per_s"],
                  "max_rss_mb": t["max_rss_mb"], "cpu_percent": t["cpu_percent"],
                  "ingest_over_ceiling": round(ingest["quads_per_s"] / last["median_quads_per_s"], 3),
                  # Without the proposition pass that ingest runs over the whole store at the end.
                  "write_over_ceiling": round(ingest["quads"] / ingest["median_write_s"] / last["median_quads_per_s"], 3)}))
PY
    rm -rf "$WORK/ceiling-$name"
}

say "(b) ingest PolNeAR train (${INGEST_RUNS} runs)"
ingest_runs train "$TRAIN" "$INGEST_RUNS"
say "(c) bulk-load ceiling, train"
ceiling train "$CEILING_RUNS"
say "(b) ingest the ${COPIES}x replica (${REPLICA_RUNS} runs)"
ingest_runs replica "$WORK/replica.jsonl" "$REPLICA_RUNS"
say "(b) ingest the ${COPIES}x replica again into its store"
reingest replica "$WORK/replica.jsonl"
say "(c) bulk-load ceiling, replica"
ceiling replica "$CEILING_RUNS"
rm -f "$WORK"/*.nq

# --- (d) lookup latency on the replica store, (e) max RSS ----------------------------------
STORE="$WORK/store-replica"
# As the README advises after a large ingest: merge the bulk loads' overlapping files.
say "compacting the replica store"
/usr/bin/time -v -o "$WORK/time.txt" "$HS" --store "$STORE" compact 2> "$WORK/compact.err"
python3 - "$(timev "$WORK/time.txt")" >> "$RESULTS" <<'PY'
import json, sys
t = json.loads(sys.argv[1]); t.update({"figure": "compact", "name": "replica"})
print(json.dumps(t))
PY
latency() { # name, runs, then the hearsay arguments
    local name=$1 runs=$2; shift 2
    local rows; rows=$("$HS" --store "$STORE" "$@" 2>/dev/null | wc -l)
    hyperfine -N --style basic --warmup "$(( runs > 10 ? 3 : 0 ))" --runs "$runs" --export-json "$WORK/hf.json" \
        "$HS --store $STORE $(printf '%q ' "$@")" >&2
    /usr/bin/time -v -o "$WORK/time.txt" "$HS" --store "$STORE" "$@" >/dev/null 2>&1
    python3 - "$WORK/hf.json" "$(timev "$WORK/time.txt")" "$name" "$rows" "$*" >> "$RESULTS" <<'PY'
import json, math, statistics, sys
times = sorted(json.load(open(sys.argv[1]))["results"][0]["times"])
p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)]
t = json.loads(sys.argv[2])
print(json.dumps({"figure": "lookup", "name": sys.argv[3], "args": sys.argv[5], "runs": len(times),
                  "rows_out": int(sys.argv[4]), "median_ms": round(statistics.median(times) * 1000, 1),
                  "p95_ms": round(p95 * 1000, 1), "max_rss_mb": t["max_rss_mb"]}))
PY
}
say "(d) lookup latency, ${RUNS} runs each"
latency claims-source "$RUNS" claims --source "$SOURCE" --format tsv
latency claims-source-heavy "$RUNS" claims --source "$HEAVY_SOURCE" --format tsv
latency query "$RUNS" query "$QUERY" --results-format tsv
# Oxigraph has no text index: --text reads every claim's content (seconds a run).
latency claims-text "$SCAN_RUNS" claims --text "$TEXT" --format tsv

# The same lookups while `hearsay serve` keeps the store open: the commands are the same,
# each still a new process, which hands its command line to the server.
say "(d) lookup latency through hearsay serve, ${RUNS} runs each"
"$HS" --store "$STORE" serve 2> "$WORK/serve.err" &
SERVER=$!
for _ in $(seq 100); do [ -S "$STORE/hearsay.sock" ] && break; sleep 0.1; done
latency served-claims-source "$RUNS" claims --source "$SOURCE" --format tsv
latency served-claims-source-heavy "$RUNS" claims --source "$HEAVY_SOURCE" --format tsv
latency served-query "$RUNS" query "$QUERY" --results-format tsv
latency served-claims-text "$SCAN_RUNS" claims --text "$TEXT" --format tsv
echo "{\"figure\": \"server\", \"max_rss_mb\": $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$SERVER/status"), \"served\": $(grep -c ': exit ' "$WORK/serve.err")}" >> "$RESULTS"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

# --- report --------------------------------------------------------------------------------
say "machine"
{
    echo "{\"figure\": \"machine\", \"nproc\": $(nproc), \"cpu\": \"$(lscpu | sed -n 's/^Model name:\s*//p' | head -1)\", \"mem_gb\": $(free -g | awk '/^Mem:/{print $2}'), \"commit\": \"$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +dirty)\"}"
} >> "$RESULTS"
python3 - "$RESULTS" <<'PY' | tee "$OUT/summary.md"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def get(fig, name=None):
    return next((r for r in rows if r["figure"] == fig and (name is None or r.get("name") == name)), None)
m = get("machine")
print(f"machine: {m['nproc']} cores, {m['cpu']}, {m['mem_gb']} GB; commit {m['commit']}\n")
print("| figure | median | p95 / extra | max RSS | target |")
print("|---|---|---|---|---|")
e = get("extract")
print(f"| (a) extraction, PolNeAR train, 1 core | {e['mb_per_s_per_core']} MB/s | {e['median_s']} s per pass | | >= 10 MB/s per core |")
for name in ("train", "replica"):
    i = get("ingest", name); c = get("ceiling", name)
    if not i: continue
    print(f"| (b) ingest {name}: {i['articles']} articles, {i['claims']} claims, {i['quads']} quads | "
          f"{i['median_s']} s = {i['articles_per_s']} articles/s, {i['quads_per_s']} quads/s | "
          f"CPU {i['cpu_percent']}% ({i['runs']} runs); of which propositions {i['median_propositions_s']} s | {i['max_rss_mb']} MB | "
          f"{'RSS <= 1536 MB, both cores busy' if name == 'replica' else ''} |")
    if c:
        print(f"| (c) bulk-load ceiling {name} | {c['median_s']} s = {c['quads_per_s']} quads/s | "
              f"ingest/ceiling = {c['ingest_over_ceiling']} (without propositions {c['write_over_ceiling']}) | {c['max_rss_mb']} MB | ingest/ceiling >= 0.70 |")
r = get("reingest", "replica")
if r:
    print(f"| (b) ingest the replica again into its store ({r['unchanged']} of {r['articles']} articles unchanged) | "
          f"{r['wall_s']} s | CPU {r['cpu_percent']}% | {r['max_rss_mb']} MB | RSS <= 1536 MB |")
k = get("compact")
if k:
    print(f"| `hearsay compact`, replica store, before the lookups | {k['wall_s']} s | CPU {k['cpu_percent']}% | {k['max_rss_mb']} MB | |")
for served in ("", "served-"):
    for name, target in (("claims-source", "median <= 50 ms"), ("claims-source-heavy", "median <= 50 ms"),
                         ("claims-text", ""), ("query", "")):
        l = get("lookup", served + name)
        if l:
            how = " with `hearsay serve` running" if served else ""
            print(f"| (d) `hearsay {l['args']}`{how} ({l['rows_out']} lines out) | {l['median_ms']} ms | "
                  f"p95 {l['p95_ms']} ms ({l['runs']} runs) | {l['max_rss_mb']} MB | {target} |")
s = get("server")
if s:
    print(f"| `hearsay serve` through those lookups ({s['served']} served) | | | {s['max_rss_mb']} MB | |")
PY
echo "results: $RESULTS" >&2
