#!/usr/bin/env bash
# Page and endpoint timings of `hearsay serve --http` (issue 16, section 5): for each kind of
# page, the median time at the server (its log's "in X ms" per request) and at the client
# (curl's time_total, loopback) over RUNS requests; /sparql running queries/denials.rq next to
# `hearsay query queries/denials.rq` (which the same server answers over its Unix socket);
# and the wall time of a burst of 200 concurrent requests. Each row gives the 1-minute load
# average when it was measured: on a shared machine, read the medians with it.
#
#   benches/web.sh                       # data/, ingested into a temp dir; 20 runs each
#   STORE=/path/to/store RUNS=9 benches/web.sh
#   PROFILE=debug benches/web.sh         # the debug build (slower; no release build needed)
#   BIN=/path/to/hearsay benches/web.sh  # that binary as it is, unbuilt (another branch's, say)
#
# A STORE is only read: `serve` puts its socket in the store's folder, so a given STORE is
# served through a folder of links to its files (made here, removed at the end).
# Tools: cargo, curl, python3 (for the medians).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-20}
PORT=${PORT:-7893}
PROFILE=${PROFILE:-release}
if [ -z "${BIN:-}" ]; then
    if [ "$PROFILE" = release ]; then cargo build --release --locked --quiet; else cargo build --locked --quiet; fi
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE/hearsay"
fi
TMP=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
if [ -z "${STORE:-}" ]; then
    STORE="$TMP/store"
    "$BIN" --store "$STORE" ingest data/ >/dev/null 2>&1
else
    mkdir "$TMP/links"
    # Not the info logs: RocksDB writes its own LOG wherever it opens a store.
    for f in "$STORE"/*; do case "${f##*/}" in LOG*) ;; *) ln -s "$f" "$TMP/links/" ;; esac; done
    STORE="$TMP/links"
fi
"$BIN" --store "$STORE" serve --http "127.0.0.1:$PORT" 2>"$TMP/server.log" &
SERVER=$!
B="http://127.0.0.1:$PORT"
for _ in $(seq 600); do curl -s -o /dev/null "$B/style.css" && break; sleep 0.1; done

# One node of each kind, found through the pages as a reader would.
ARTICLE=$(curl -s "$B/" | grep -o '/id/article/[^"]*' | head -1)
PROPOSITION=$(curl -s "$B/propositions" | grep -o '/id/proposition/[^"]*' | head -1)
CLAIM=$(curl -s "$B$ARTICLE" | grep -o '/id/claim/[^"]*' | head -1)
SOURCE=$(curl -s "$B$ARTICLE" | grep -o '/id/source/[^"]*' | head -1)
SOURCE_NAME=$(curl -s "$B$SOURCE" | grep -o '<h1>[^<]*' | head -1 | sed 's/<h1>//')
encode() { python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
DENIALS=$(encode "$(cat queries/denials.rq)")
load() { cut -d' ' -f1 /proc/loadavg; }
median() { python3 -c 'import statistics,sys; xs=[float(x) for x in sys.stdin if x.strip()]; print(f"{statistics.median(xs):.1f}" if xs else "-")'; }

echo "store: $STORE; $RUNS runs each; $(nproc) cores; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %-46s %10s %10s %6s\n' "page" "path" "server ms" "client ms" "load"
measure() { # NAME PATH [ACCEPT]
    local name=$1 path=$2 accept=${3:-text/html} before client server
    before=$(wc -l <"$TMP/server.log")
    # One request first, so that each row measures a warm cache as a reader's second visit.
    curl -s -o /dev/null -H "Accept: $accept" "$B$path"
    before=$((before + 1))
    client=$(for _ in $(seq "$RUNS"); do
        curl -s -o /dev/null -H "Accept: $accept" -w '%{time_total}\n' "$B$path" | awk '{print $1 * 1000}'
    done | median)
    sleep 0.2
    server=$(tail -n +"$((before + 1))" "$TMP/server.log" | grep -o ': [0-9]* in [0-9.]* ms' | awk '{print $4}' | median)
    printf '%-22s %-46s %10s %10s %6s\n' "$name" "${path:0:46}" "$server" "$client" "$(load)"
}
measure home "/"
measure claims "/claims"
measure "claims by stance" "/claims?stance=denied"
measure "claims by source" "/claims?source=$(encode "$SOURCE_NAME")"
measure "claims page 3" "/claims?stance=denied&page=2"
measure "text search*" "/claims?text=port"
measure contested "/propositions"
measure article "$ARTICLE"
measure claim "$CLAIM"
measure source "$SOURCE"
measure "source story" "$SOURCE/story"
measure proposition "$PROPOSITION"
measure "proposition story" "$PROPOSITION/story"
measure "article as Turtle" "$ARTICLE" text/turtle
measure "sparql page" "/sparql"
measure "sparql page: denials" "/sparql?query=$DENIALS"
measure "/sparql denials.rq" "/sparql?query=$DENIALS" application/sparql-results+json
echo "(* a text search reads every claim's content: the issue exempts it from the 100 ms)"

printf '%-69s %10s %6s\n' "hearsay query queries/denials.rq (same server, Unix socket)" \
    "$(for _ in $(seq "$RUNS"); do
        s=$(date +%s%N); "$BIN" --store "$STORE" query queries/denials.rq >/dev/null 2>&1; e=$(date +%s%N)
        echo $(((e - s) / 1000)) | awk '{print $1 / 1000}'
    done | median)" "$(load)"

# 200 requests at once, over the page kinds: the wall time until the last answer, and the
# answers' status codes.
for i in $(seq 200); do
    case $((i % 5)) in
        0) path="/" ;; 1) path="$ARTICLE" ;; 2) path="$SOURCE" ;; 3) path="$PROPOSITION" ;; *) path="/propositions" ;;
    esac
    printf 'url = "%s%s"\noutput = "/dev/null"\n' "$B" "$path"
done >"$TMP/burst.curl"
s=$(date +%s%N)
codes=$(curl -s --parallel --parallel-immediate --parallel-max 200 --max-time 120 -w '%{http_code}\n' -K "$TMP/burst.curl" 2>/dev/null | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}' || true)
e=$(date +%s%N)
echo "burst of 200 concurrent requests: $(((e - s) / 1000000)) ms until the last answer; status codes: $codes; load $(load)"
