#!/usr/bin/env bash
# Page and endpoint timings of `hearsay serve --http` (issue 16): the median time at the
# client (curl's time_total, loopback) of each page and of /sparql running queries/denials.rq,
# next to `hearsay query queries/denials.rq` through the Unix-socket server, on a store of
# your choice (default: data/ ingested into a temp dir).
#
#   benches/web.sh                       # data/, 50 runs each, release build
#   STORE=/path/to/store RUNS=20 benches/web.sh
#   PROFILE=debug benches/web.sh         # the debug build (slower; no release build needed)
#
# Tools: cargo, curl, python3 (for the medians). The server log's own "in X ms" per request
# is the time at the server; this script reports both.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-50}
PORT=${PORT:-7893}
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then cargo build --release --locked --quiet; else cargo build --locked --quiet; fi
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE/hearsay"
TMP=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$TMP"' EXIT
if [ -z "${STORE:-}" ]; then
    STORE="$TMP/store"
    "$BIN" --store "$STORE" ingest data/ >/dev/null 2>&1
fi
"$BIN" --store "$STORE" serve --http "127.0.0.1:$PORT" 2>"$TMP/server.log" &
SERVER=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
B="http://127.0.0.1:$PORT"
ARTICLE=$(curl -s "$B/" | grep -o '/id/article/[^"]*' | head -1)
PROPOSITION=$(curl -s "$B/propositions" | grep -o '/id/proposition/[^"]*' | head -1)
CLAIM=$(curl -s "$B$ARTICLE" | grep -o '/id/claim/[^"]*' | head -1)
SOURCE=$(curl -s "$B$ARTICLE" | grep -o '/id/source/[^"]*' | head -1)
DENIALS=$(python3 -c 'import urllib.parse,sys;print(urllib.parse.quote(open("queries/denials.rq").read()))')
median() { python3 -c 'import statistics,sys; xs=[float(x)*1000 for x in sys.stdin if x.strip()]; print(f"{statistics.median(xs):.1f} ms (p95 {sorted(xs)[int(len(xs)*0.95)-1]:.1f}, n={len(xs)})")'; }
printf '%-40s %s\n' "what" "median at the client"
for path in "/" "/claims?text=port" "/claims?stance=denied" "/propositions" "$ARTICLE" "$CLAIM" "$SOURCE" "$PROPOSITION" "/sparql" "/sparql?query=$DENIALS"; do
    accept='text/html'
    case "$path" in "/sparql?query="*) accept='application/sparql-results+json';; esac
    printf '%-40s %s\n' "${path:0:40}" "$(for _ in $(seq "$RUNS"); do
        curl -s -o /dev/null -H "Accept: $accept" -w '%{time_total}\n' "$B$path"
    done | median)"
done
printf '%-40s %s\n' "hearsay query queries/denials.rq" "$(for _ in $(seq "$RUNS"); do
    { TIMEFORMAT=%R; time "$BIN" --store "$STORE" query queries/denials.rq >/dev/null 2>&1; } 2>&1
done | median)"
echo
echo "at the server (its log, medians per path):"
python3 - "$TMP/server.log" <<'PY'
import re, statistics, sys, collections
times = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r"GET (\S+): \d+ in ([\d.]+) ms", line)
    if m:
        path = m.group(1).split("?query=")[0] + ("?query=…" if "?query=" in m.group(1) else "")
        times[path[:60]].append(float(m.group(2)))
for path, xs in times.items():
    print(f"{path:60} {statistics.median(xs):8.1f} ms  (n={len(xs)})")
PY
