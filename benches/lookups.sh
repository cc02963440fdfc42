#!/usr/bin/env bash
# Lookup latency on a large store (issue 18, target 4), alone and with `hearsay serve` running:
# hyperfine medians and p95 of each lookup, with the rows it prints and the load average.
#
#   STORE=/path/to/replica benches/lookups.sh              # the 42,000-article replica
#   RUNS=20 HS=/path/to/hearsay STORE=… benches/lookups.sh  # another build, fewer runs
#
# The store is only read (build one with benches/incremental.sh or benches/run.sh).
# Env: STORE (required), HS (release hearsay; built when unset), RUNS (50), SLOW_RUNS (10, for
# lookups of a second or more), RESULTS (JSON lines appended; default target/lookups.jsonl),
# SOURCE (Tom Vilsack), PART (Vilsack: a part of a name, which no source key equals),
# TEXT (immigration; also timed with --limit 20), QUERY (queries/denials.rq).
# ONLY (a pattern of the names to time, e.g. 'text|contested'; all when unset).
# Each line also gives the CPU time of a lookup (`cpu_ms`), which a loaded machine inflates
# less than the wall time: alone, the mean user + system time of its runs (hyperfine's); served,
# the server's own CPU time over the runs (from /proc), divided by their number (the client's,
# a few ms, is left out).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
: "${STORE:?set STORE to a hearsay store}"
RUNS=${RUNS:-50}
SLOW_RUNS=${SLOW_RUNS:-10}
SOURCE=${SOURCE:-Tom Vilsack}
PART=${PART:-Vilsack}
TEXT=${TEXT:-immigration}
QUERY=${QUERY:-queries/denials.rq}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
RESULTS=${RESULTS:-$TARGET/lookups.jsonl}
command -v hyperfine >/dev/null || { echo "benches/lookups.sh: please install hyperfine" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "benches/lookups.sh: please install GNU time" >&2; exit 1; }
if [ -z "${HS:-}" ]; then
    cargo build --release --quiet
    HS="$TARGET/release/hearsay"
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hearsay-lookups.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$RESULTS")"

latency() { # name, runs, then the hearsay arguments
    local name=$1 runs=$2; shift 2
    if [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]]; then return 0; fi
    local rows; rows=$("$HS" --store "$STORE" "$@" 2>/dev/null | wc -l)
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    local before; before=$(server_ticks)
    hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$WORK/hf.json" \
        "$HS --store $STORE $(printf '%q ' "$@")" >/dev/null 2>&1
    local served_ticks=$(( $(server_ticks) - before ))
    /usr/bin/time -f '%M' -o "$WORK/rss.txt" "$HS" --store "$STORE" "$@" >/dev/null 2>&1 || true
    python3 - "$WORK/hf.json" "$(cat "$WORK/rss.txt")" "$name" "$rows" "$load" "$*" \
        "${SERVER:-}" "$served_ticks" "$(getconf CLK_TCK)" <<'PY' | tee -a "$RESULTS"
import json, math, statistics, sys
result = json.load(open(sys.argv[1]))["results"][0]
times = sorted(result["times"])
p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)]
server, ticks, hz = sys.argv[7], int(sys.argv[8]), int(sys.argv[9])
if server:
    # The server answered the warmup runs too (2), not the one that counted rows.
    cpu = ticks / hz / (len(times) + 2)
else:
    cpu = result["user"] + result["system"]
print(json.dumps({"figure": "lookup", "name": sys.argv[3], "args": sys.argv[6], "runs": len(times),
                  "rows_out": int(sys.argv[4]), "median_ms": round(statistics.median(times) * 1000, 1),
                  "p95_ms": round(p95 * 1000, 1), "cpu_ms": round(cpu * 1000, 1),
                  "max_rss_mb": int(sys.argv[2].split()[-1]) // 1024,
                  "load_before": float(sys.argv[5])}))
PY
}

server_ticks() { # the server's user + system clock ticks so far (0 with no server)
    if [ -n "${SERVER:-}" ]; then
        # Fields 14 and 15 of /proc/PID/stat, counted after the command name's closing ")".
        sed 's/.*) //' "/proc/$SERVER/stat" | awk '{print $12 + $13}'
    else
        echo 0
    fi
}

lookups() { # prefix of the names
    latency "${1}claims-source" "$RUNS" claims --source "$SOURCE" --format tsv
    latency "${1}claims-source-part" "$RUNS" claims --source "$PART" --format tsv
    latency "${1}claims-text" "$RUNS" claims --text "$TEXT" --format tsv
    latency "${1}claims-text-limit" "$RUNS" claims --text "$TEXT" --limit 20 --format tsv
    latency "${1}timeline-source" "$RUNS" timeline --source "$PART" --format tsv
    latency "${1}propositions-contested" "$SLOW_RUNS" propositions --contested --format tsv
    latency "${1}query-contested" "$SLOW_RUNS" query queries/propositions-contested.rq --results-format tsv
    latency "${1}query" "$RUNS" query "$QUERY" --results-format tsv
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:\s*//p' | head -1); store $STORE" >&2
lookups ""
# The same commands while `hearsay serve` keeps the store open: each is still a new process,
# which hands its command line to the server.
"$HS" --store "$STORE" serve 2> "$WORK/serve.err" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -S "$STORE/hearsay.sock" ] && break; sleep 0.1; done
lookups "served-"
