#!/usr/bin/env bash
# How far a store depends on how its articles were split into runs (README, "Names learned
# in a later run"): ingests a JSON Lines corpus in one run and in RUNS runs (consecutive
# slices), each into a fresh store, exports both as N-Quads and counts the lines that are in
# one export and not the other.
#
#   tools/split_runs.sh [CORPUS] [RUNS]       # default: PolNeAR train beside the checkout, 4
#   HS=/path/to/hearsay tools/split_runs.sh  # another build (default: target/release/hearsay)
#
# Prints one line: corpus, runs, lines of the one-run export, lines that differ. Needs GNU
# coreutils (split, sort, comm).
set -euo pipefail

cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/eval/polnear/train.jsonl}
RUNS=${2:-4}
HS=${HS:-${CARGO_TARGET_DIR:-target}/release/hearsay}
[ -x "$HS" ] || { echo "tools/split_runs.sh: no binary at $HS (cargo build --release, or set HS)" >&2; exit 1; }
[ -f "$CORPUS" ] || { echo "tools/split_runs.sh: $CORPUS is missing" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$HS" --store "$WORK/one" ingest --no-progress "$CORPUS" 2>/dev/null
split -n "l/$RUNS" -d --additional-suffix=.jsonl "$CORPUS" "$WORK/part-"
for part in "$WORK"/part-*.jsonl; do
    "$HS" --store "$WORK/split" ingest --no-progress "$part" 2>/dev/null
done
"$HS" --store "$WORK/one" export --format nq | LC_ALL=C sort > "$WORK/one.nq"
"$HS" --store "$WORK/split" export --format nq | LC_ALL=C sort > "$WORK/split.nq"
differ=$(LC_ALL=C comm -3 "$WORK/one.nq" "$WORK/split.nq" | wc -l)
echo "$(basename "$CORPUS") in $RUNS runs: $(wc -l < "$WORK/one.nq") N-Quads lines in one run, $differ differ"
