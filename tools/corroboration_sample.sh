#!/usr/bin/env bash
# Issue 15, target 2: a fixed random sample of the propositions two or more independent
# origins assert, each with its claims (origin, article, content), for a reviewer to judge by
# hand: is each a whole claim, and are its origins truly independent?
#
# Usage: tools/corroboration_sample.sh [HEARSAY_BINARY] [CORPUS] [N] [SEED]
#   default binary: $CARGO_TARGET_DIR/release/hearsay (or target/release/hearsay)
#   default corpus: ../shared/eval/polnear/train.jsonl (840 articles from seven outlets that
#   cover the same 2016 campaign events); N 30; seed 15.
# Prints PolNeAR text: read it, never commit it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-${CARGO_TARGET_DIR:-$here/target}/release/hearsay}"
corpus="${2:-$here/../shared/eval/polnear/train.jsonl}"
n="${3:-30}"
seed="${4:-15}"
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
"$bin" --store "$store/s" ingest "$corpus" >&2
"$bin" --store "$store/s" propositions --min-origins 2 --format tsv | tail -n +2 | cut -f1 \
  | python3 -c "import random, sys; ids = sys.stdin.read().split(); random.seed($seed); print('\n'.join(random.sample(ids, min($n, len(ids)))))" \
  > "$store/ids"
echo "propositions with 2+ origins: $("$bin" --store "$store/s" propositions --min-origins 2 --format tsv | tail -n +2 | wc -l); sample of $(wc -l < "$store/ids")"
while read -r id; do
  echo "=== $id"
  "$bin" --store "$store/s" query "PREFIX hs: <https://w3id.org/hearsay/ontology#>
PREFIX schema: <http://schema.org/>
SELECT ?origin ?article ?content WHERE {
  GRAPH <https://w3id.org/hearsay/id/graph/propositions> {
    ?claim hs:proposition <https://w3id.org/hearsay/id/proposition/$id> .
    OPTIONAL { ?claim hs:origin ?origin }
  }
  GRAPH ?g { ?claim schema:text ?content ; hs:article ?article }
} ORDER BY ?article ?origin" | tail -n +2 | sed 's#https://w3id.org/hearsay/id/##g'
done < "$store/ids"
