#!/usr/bin/env bash
# Incremental ingest (issue 15, target 6): a few new articles into the 50x replica store of
# PolNeAR train (42,000 articles), end to end, median of RUNS runs, each on a fresh copy of
# the store.
#
#   benches/incremental.sh                   # data/ (8 articles) into the replica store
#   NEW=dev benches/incremental.sh           # the first 8 articles of PolNeAR dev instead
#   HS=/path/to/other/hearsay STORE_DIR=/tmp/x benches/incremental.sh   # another build
#   IN_PLACE=1 NEW=dev RUNS=5 benches/incremental.sh   # no copies: run k ingests dev batch k
#
# IN_PLACE=1 is for a disk without room for a copy of the store: each run ingests new
# articles into the replica itself (NEW=dev: the k-th batch of 8 PolNeAR dev articles, from
# FIRST_BATCH on, so that every run brings articles the store does not hold; NEW=wikinews:
# the k-th batch of 8 Wikinews 2019 articles; NEW=reprint: one more copy of the k-th batch
# of 8 train articles, each of whose claims the store holds 50 times, the costly case;
# NEW=data only with RUNS=1). The store grows by 8 articles a run, which changes nothing measurable. Each
# run records the 1-minute load average before and after it (other work on the machine).
# The replica store is built once (a few minutes of both cores) into STORE_DIR and reused;
# delete it to build it again (a build that changes what the store holds needs its own).
# Tools: GNU time (/usr/bin/time), python3. Env: COPIES (50), RUNS (5), NEW (data | dev | wikinews | reprint),
# STORE_DIR ($CARGO_TARGET_DIR/incremental-bench), HS (the hearsay binary; built in release
# when unset), OUT (results as JSON lines).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
TRAIN="$ROOT/../shared/eval/polnear/train.jsonl"
DEV="$ROOT/../shared/eval/polnear/dev.jsonl"
WIKINEWS="$ROOT/../shared/corpus/wikinews/wikinews_2019.csv"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
COPIES=${COPIES:-50}
RUNS=${RUNS:-5}
NEW=${NEW:-data}
STORE_DIR=${STORE_DIR:-$TARGET/incremental-bench}
OUT=${OUT:-$STORE_DIR/results.jsonl}

[ -x /usr/bin/time ] || { echo "benches/incremental.sh: please install GNU time (apt-get install -y time)" >&2; exit 1; }
[ -f "$TRAIN" ] || { echo "benches/incremental.sh: $TRAIN is missing" >&2; exit 1; }
if [ -z "${HS:-}" ]; then
    cargo build --release --quiet
    HS="$TARGET/release/hearsay"
fi
mkdir -p "$STORE_DIR"

if [ ! -d "$STORE_DIR/replica" ]; then
    echo "building the ${COPIES}x replica store in $STORE_DIR/replica" >&2
    python3 benches/replica.py "$TRAIN" "$COPIES" "$STORE_DIR/replica.jsonl"
    "$HS" --store "$STORE_DIR/replica.tmp" ingest --no-progress "$STORE_DIR/replica.jsonl"
    # As the README advises after a large ingest.
    "$HS" --store "$STORE_DIR/replica.tmp" compact
    mv "$STORE_DIR/replica.tmp" "$STORE_DIR/replica"
    rm -f "$STORE_DIR/replica.jsonl"
fi

IN_PLACE=${IN_PLACE:-0}
FIRST_BATCH=${FIRST_BATCH:-1}
if [ "$IN_PLACE" = 1 ] && [ "$NEW" = data ] && [ "$RUNS" != 1 ]; then
    echo "benches/incremental.sh: IN_PLACE=1 with NEW=data takes RUNS=1 (data/ is one batch)" >&2
    exit 1
fi

# The input of run $1: data/, or the dev batch of that run.
input_of() {
    case "$NEW" in
        data) echo "$ROOT/data" ;;
        dev)
            local batch=1
            [ "$IN_PLACE" = 1 ] && batch=$((FIRST_BATCH + $1 - 1))
            sed -n "$((8 * batch - 7)),$((8 * batch))p" "$DEV" > "$STORE_DIR/dev8.raw"
            python3 benches/replica.py "$STORE_DIR/dev8.raw" 1 "$STORE_DIR/dev8-$batch.jsonl"
            echo "$STORE_DIR/dev8-$batch.jsonl"
            ;;
        reprint)
            local batch=1
            [ "$IN_PLACE" = 1 ] && batch=$((FIRST_BATCH + $1 - 1))
            sed -n "$((8 * batch - 7)),$((8 * batch))p" "$TRAIN" > "$STORE_DIR/train8.raw"
            python3 benches/replica.py "$STORE_DIR/train8.raw" 1 "$STORE_DIR/reprint8-$batch.jsonl" "$COPIES"
            echo "$STORE_DIR/reprint8-$batch.jsonl"
            ;;
        wikinews)
            local batch=1
            [ "$IN_PLACE" = 1 ] && batch=$((FIRST_BATCH + $1 - 1))
            python3 - "$WIKINEWS" "$batch" "$STORE_DIR/wikinews8-$batch.csv" <<'PY'
import csv, sys
csv.field_size_limit(1 << 30)
source, batch, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = list(csv.DictReader(open(source, newline="")))[8 * batch - 8:8 * batch]
with open(out, "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
PY
            echo "$STORE_DIR/wikinews8-$batch.csv"
            ;;
        *) echo "benches/incremental.sh: NEW is data, dev, wikinews or reprint" >&2; exit 1 ;;
    esac
}

for run in $(seq "$RUNS"); do
    INPUT=$(input_of "$run")
    if [ "$IN_PLACE" = 1 ]; then
        STORE="$STORE_DIR/replica"
    else
        STORE="$STORE_DIR/copy"
        rm -rf "$STORE"
        cp -a "$STORE_DIR/replica" "$STORE"
    fi
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %M %P" -o "$STORE_DIR/time.txt" \
        "$HS" --store "$STORE" ingest --no-progress "$INPUT" 2> "$STORE_DIR/ingest.err"
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    tail -1 "$STORE_DIR/ingest.err" >&2
    python3 - "$(cat "$STORE_DIR/time.txt")" "$(tail -1 "$STORE_DIR/ingest.err")" "$NEW" "$run" \
        "$(basename "$INPUT")" "$load_before" "$load_after" >> "$STORE_DIR/runs.jsonl" <<'PY'
import json, re, sys
wall, rss_kb, cpu = sys.argv[1].split()
p = re.search(r"; (\d+) propositions in ([\d.]+) s", sys.argv[2])
print(json.dumps({"new": sys.argv[3], "run": int(sys.argv[4]), "input": sys.argv[5],
                  "wall_s": float(wall), "max_rss_mb": round(int(rss_kb) / 1024, 1), "cpu": cpu,
                  "propositions_s": float(p.group(2)) if p else None,
                  "load_1m_before": float(sys.argv[6]), "load_1m_after": float(sys.argv[7])}))
PY
done
rm -rf "$STORE_DIR/copy"

python3 - "$STORE_DIR/runs.jsonl" "$RUNS" "$NEW" "$HS" >> "$OUT" <<'PY'
import json, statistics, subprocess, sys
runs = [json.loads(l) for l in open(sys.argv[1])][-int(sys.argv[2]):]
cpu = subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name:\\s*//p' | head -1"],
                     capture_output=True, text=True).stdout.strip()
print(json.dumps({"figure": "incremental", "new": sys.argv[3], "binary": sys.argv[4], "runs": len(runs),
                  "median_wall_s": statistics.median(r["wall_s"] for r in runs),
                  "walls_s": [r["wall_s"] for r in runs],
                  "median_propositions_s": statistics.median(r["propositions_s"] or 0 for r in runs),
                  "max_rss_mb": max(r["max_rss_mb"] for r in runs),
                  "loads_1m": [[r["load_1m_before"], r["load_1m_after"]] for r in runs],
                  "machine": f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, {cpu}"}))
PY
tail -1 "$OUT"
