#!/usr/bin/env bash
# Body precision, recall and F1 of `hearsay read` on the article-extraction benchmark's pages,
# scored by the benchmark's own evaluate.py (token-shingle P/R/F1 averaged over pages).
#
#   tools/html_benchmark.sh [PATH/TO/hearsay]
#
# The binary defaults to the release build (`cargo build --release`, in $CARGO_TARGET_DIR when
# set, else target/); a debug build scores the same, only slower.
# BENCHMARK_DIR names the benchmark folder (default: ../shared/corpus/article-extraction-benchmark
# beside the repository); it is read in place and never copied into the project: the script
# works in a temporary copy, which it deletes. KEEP=DIR keeps the predictions there instead.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
hearsay=${1:-${CARGO_TARGET_DIR:-$repo/target}/release/hearsay}
bench=${BENCHMARK_DIR:-$repo/../shared/corpus/article-extraction-benchmark}
[[ -x $hearsay ]] || { echo "no hearsay binary at $hearsay; build it or name it" >&2; exit 2; }
[[ -f $bench/evaluate.py ]] || { echo "no benchmark at $bench; set BENCHMARK_DIR" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$bench/evaluate.py" "$bench/ground-truth.json" "$work/"
mkdir "$work/output"

# One `hearsay read` over every page; a page it cannot read is reported on stderr and
# scored as an empty prediction (so it counts against recall, as it should).
"$hearsay" read "$bench"/html/*.html.gz >"$work/read.jsonl" 2>"$work/read.err" || true
python3 - "$work" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
truth = json.loads((work / "ground-truth.json").read_text())
bodies = {}
for line in (work / "read.jsonl").read_text().splitlines():
    article = json.loads(line)
    key = pathlib.Path(article["origin"]).name.removesuffix(".html.gz")
    bodies[key] = article["text"]
missing = sorted(set(truth) - set(bodies))
for key in missing:
    print(f"no article read from {key}", file=sys.stderr)
prediction = {key: {"articleBody": bodies.get(key, "")} for key in truth}
(work / "output" / "hearsay.json").write_text(json.dumps(prediction))
PY
sed 's/^/  read: /' "$work/read.err" >&2
cd "$work"
python3 evaluate.py --n-bootstrap "${N_BOOTSTRAP:-1000}" --output metrics.json
if [[ -n ${KEEP:-} ]]; then mkdir -p "$KEEP" && cp -r "$work"/output "$work"/metrics.json "$work"/read.jsonl "$KEEP"/; fi
