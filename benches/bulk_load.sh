#!/usr/bin/env bash
# Times the other way into a large server: `hearsay export --format nquads`, then
# Virtuoso's bulk loader (ld_dir + rdf_loader_run) into a fresh Virtuoso 7.2, with the load
# average before and after each step (the machine may be shared).
#
#   benches/bulk_load.sh STORE [HEARSAY]      # HEARSAY defaults to target/release/hearsay
#
# Needs virtuoso-t (apt-get install -y virtuoso-opensource). The store is only read; the
# N-Quads file and the server live in a temp dir, deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?usage: benches/bulk_load.sh STORE [HEARSAY]}
hearsay=${2:-${CARGO_TARGET_DIR:-target}/release/hearsay}
sql_port=${VIRTUOSO_SQL_PORT:-1112}
work=$(mktemp -d /tmp/hearsay-bulk.XXXXXX)
trap 'benches/virtuoso.sh stop "$work"; rm -rf "$work"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
timed() { # LABEL COMMAND…
  local label=$1 before start end; shift
  before=$(load); start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  printf '%s: %.1f s wall (load before %s, after %s)\n' "$label" "$(echo "$end - $start" | bc)" "$before" "$(load)"
}

endpoint=$(benches/virtuoso.sh start "$work")
timed "export N-Quads" "$hearsay" --store "$store" export --format nquads -o "$work/store.nq"
echo "  $(du -h "$work/store.nq" | cut -f1), $(wc -l <"$work/store.nq") quads"
timed "Virtuoso bulk load (ld_dir, rdf_loader_run, checkpoint)" \
  isql-vt "$sql_port" dba dba exec="ld_dir('$work', 'store.nq', 'https://w3id.org/hearsay/id/graph/default'); rdf_loader_run(); checkpoint;" >/dev/null
curl -fsS -H 'Accept: text/tab-separated-values' --data-urlencode \
  'query=SELECT (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/hearsay/")) }' \
  "$endpoint" | tail -n1 | sed 's/^/  quads loaded: /'
