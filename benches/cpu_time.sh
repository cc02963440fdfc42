#!/usr/bin/env bash
# CPU time of `hearsay extract` over PolNeAR train, for one or more hearsay binaries (say main's
# and a branch's), as the median of RUNS runs of each. CPU time (perf's task-clock) moves less
# than wall time on a shared, loaded machine, where criterion's medians wander by 2x.
#
#   benches/cpu_time.sh BIN [BIN ...]      # e.g. /tmp/hearsay-main target/release/hearsay
#
# Tools: perf (Debian's linux-perf), python3. Environment: RUNS (7), INPUT (PolNeAR train).
set -euo pipefail

cd "$(dirname "$0")/.."
INPUT=${INPUT:-../shared/eval/polnear/train.jsonl}
RUNS=${RUNS:-7}
[ $# -ge 1 ] || { echo "usage: benches/cpu_time.sh BIN [BIN ...]" >&2; exit 2; }
bytes=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$INPUT")
for bin in "$@"; do
    times=()
    for _ in $(seq "$RUNS"); do
        ms=$(perf stat -x, -e task-clock "$bin" extract "$INPUT" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}')
        times+=("$ms")
    done
    python3 - "$bin" "$bytes" "${times[@]}" <<'PY'
import statistics, sys
bin, nbytes, times = sys.argv[1], int(sys.argv[2]), [float(t) for t in sys.argv[3:]]
med = statistics.median(times)
print(f"{bin}: median CPU {med:.0f} ms over {len(times)} runs (min {min(times):.0f}, max {max(times):.0f}); "
      f"{nbytes / 1e6:.2f} MB of text: {nbytes / 1e6 / (med / 1e3):.2f} MB/s per core, reading and writing included")
PY
done
