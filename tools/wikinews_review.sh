#!/usr/bin/env bash
# Ingests the shared Wikinews 2019 corpus into a fresh temporary store and prints what a
# reviewer judges by hand (issue 15): every contested proposition with both sides
# (`claims --contested`), the propositions asserted by two or more independent origins
# (`propositions --min-origins 2`) and a count of each; then the pairs of claims that may be
# corroborations the similarity misses (examples/corroboration_candidates.rs: different
# articles and origins, not one proposition, words shared), for the reviewer to judge.
#
# Usage: tools/wikinews_review.sh [HEARSAY_BINARY] [CORPUS_CSV]
#   default binary: $CARGO_TARGET_DIR/release/hearsay (or target/release/hearsay)
#   default corpus: ../shared/corpus/wikinews/wikinews_2019.csv beside the checkout, else
#   /work/shared/corpus/wikinews/wikinews_2019.csv
# The candidate pairs need the example built first:
#   cargo build --release --example corroboration_candidates
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-${CARGO_TARGET_DIR:-$here/target}/release/hearsay}"
corpus="${2:-$here/../shared/corpus/wikinews/wikinews_2019.csv}"
if [ -z "${2:-}" ] && [ ! -e "$corpus" ]; then corpus=/work/shared/corpus/wikinews/wikinews_2019.csv; fi
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
"$bin" --store "$store/s" ingest "$corpus" >&2
echo "## claims --contested"
"$bin" --store "$store/s" claims --contested --format tsv || true
echo
echo "## propositions --min-origins 2"
"$bin" --store "$store/s" propositions --min-origins 2 --format tsv || true
echo
echo "## counts"
printf 'contested propositions: '
"$bin" --store "$store/s" propositions --contested --format tsv | tail -n +2 | wc -l
printf 'propositions with 2+ origins: '
"$bin" --store "$store/s" propositions --min-origins 2 --format tsv | tail -n +2 | wc -l
echo
echo "## corroboration candidates"
candidates="$(dirname "$bin")/examples/corroboration_candidates"
if [ -x "$candidates" ]; then
  "$candidates" "$store/s"
else
  echo "(not built: cargo build --release --example corroboration_candidates)"
fi
