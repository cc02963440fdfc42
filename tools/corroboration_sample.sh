#!/usr/bin/env bash
# Issue 15, targets 2 and 1: a fixed random sample of the propositions two or more independent
# origins assert, each with its claims (origin, article, content), for a reviewer to judge by
# hand (is each a whole claim, and are its origins truly independent?); then a fixed sample of
# the contested propositions, each with both sides (is it a real disagreement?).
#
# Usage: tools/corroboration_sample.sh [HEARSAY_BINARY] [CORPUS] [N] [SEED] [N_CONTESTED]
#   default binary: $CARGO_TARGET_DIR/release/hearsay (or target/release/hearsay)
#   default corpus: ../shared/eval/polnear/train.jsonl (840 articles from seven outlets that
#   cover the same 2016 campaign events); N 30; seed 15; N_CONTESTED 12.
# Prints PolNeAR text: read it, never commit it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-${CARGO_TARGET_DIR:-$here/target}/release/hearsay}"
corpus="${2:-$here/../shared/eval/polnear/train.jsonl}"
n="${3:-30}"
seed="${4:-15}"
contested="${5:-12}"
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
echo
echo "## contested: $("$bin" --store "$store/s" claims --contested --format tsv | tail -n +2 | cut -f1 | sort -u | wc -l) propositions"
"$bin" --store "$store/s" claims --contested --format tsv | python3 -c "
import collections, random, sys
rows = [line.rstrip('\\n').split('\\t') for line in sys.stdin][1:]
sides = collections.defaultdict(list)
for row in rows:
    sides[row[0]].append(row)
ids = sorted(sides)
random.seed($seed)
for i in random.sample(ids, min($contested, len(ids))):
    print('===', i)
    for row in sides[i]:
        print('  ', row[1], '|', row[3], '|', row[4], '|', row[5])
"
