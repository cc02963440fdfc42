#!/usr/bin/env bash
# The write phase of a large `hearsay ingest`: from start until the bulk load commits (the
# loader's bulk-*.sst files leave the store directory), before the proposition pass. Samples
# RSS every second, then stops the ingest.
#
#   benches/write_phase.sh CORPUS.jsonl NEW_STORE_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$1 store=$2
[ -e "$store" ] && { echo "write_phase.sh: $store exists; give a new directory" >&2; exit 1; }
start=$(date +%s.%N)
target/release/hearsay --store "$store" ingest --no-progress "$corpus" 2>/dev/null &
pid=$!
seen=0 max=0
while kill -0 "$pid" 2>/dev/null; do
    rss=$(ps -o rss= -p "$pid" | tr -d ' ')
    [ -n "$rss" ] && [ "$rss" -gt "$max" ] && max=$rss
    n=$(ls "$store" 2>/dev/null | grep -c '^bulk-' || true)
    [ "$n" -gt 0 ] && seen=1
    if [ "$seen" = 1 ] && [ "$n" = 0 ]; then
        python3 -c "import sys,time; print(f'{{\"write_s\": {time.time()-float(sys.argv[1]):.1f}, \"max_rss_mb\": {int(sys.argv[2])//1024}, \"cpu\": \"{sys.argv[3]}\"}}')" \
            "$start" "$max" "$(ps -o times= -p "$pid" | tr -d ' ') s"
        kill "$pid"
        exit 0
    fi
    sleep 1
done
echo "write_phase.sh: the ingest ended before a bulk load was seen (small input?)" >&2
exit 1
