#!/bin/sh
# The property tests of tests/properties.rs run long (issue 18: ten minutes without a failure).
# Release build, one property at a time; prints each property's result and the wall time.
#
#   tools/properties_long.sh              # 200,000 cases per property
#   PROPTEST_CASES=20000 tools/properties_long.sh
set -eu
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${PROPTEST_CASES:-200000}"
cargo test --release --locked --quiet --test properties --no-run
echo "PROPTEST_CASES=$PROPTEST_CASES, started $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
cargo test --release --locked --quiet --test properties -- --test-threads 1
echo "wall $(( $(date +%s) - start )) s, ended $(date -u +%H:%M:%S)"
