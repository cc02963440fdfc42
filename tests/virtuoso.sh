#!/usr/bin/env bash
# Runs tests/remote.rs's push, lookup and query checks against Virtuoso Open Source 7.2
# (Debian's virtuoso-opensource), started fresh in a temp dir by benches/virtuoso.sh and
# stopped at the end. Run by hand from the repository: tests/virtuoso.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/hearsay-virtuoso.XXXXXX)
trap 'benches/virtuoso.sh stop "$dir"; rm -rf "$dir"' EXIT
endpoint=$(benches/virtuoso.sh start "$dir")
echo "Virtuoso at $endpoint"
HEARSAY_TEST_ENDPOINT=$endpoint cargo test --release --locked --test remote -- --ignored --nocapture \
  push_then_lookups_and_queries_on_the_named_server
