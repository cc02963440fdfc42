#!/usr/bin/env bash
# Times `hearsay push` of a store into Oxigraph's server and into Virtuoso 7.2, each started
# fresh in a temp dir: the first push (every graph), then a second (nothing changed), with
# the load average before and after each (the machine may be shared: read figures with it).
#
#   benches/push.sh STORE [HEARSAY]      # HEARSAY defaults to target/release/hearsay
#
# CONNECTIONS (default 4) is push's --connections, VIA (update or graph-store; default:
# push's own choice) its --via, REQUEST_BYTES its --request-bytes. LIMIT_SECONDS stops each first push
# after that long (a push is safe to stop: the next one sends what is missing) and reports
# the graphs it sent by then; the second push is then skipped. SERVERS (default "oxigraph
# virtuoso") names the servers to push into.
#
# Needs the `oxigraph` command (python3 -m pip install oxigraph) and, for Virtuoso,
# virtuoso-t (apt-get install -y virtuoso-opensource); a server that is missing is skipped.
# The store is only read.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?usage: benches/push.sh STORE [HEARSAY]}
hearsay=${2:-${CARGO_TARGET_DIR:-target}/release/hearsay}
work=$(mktemp -d /tmp/hearsay-push.XXXXXX)
oxigraph_pid=
cleanup() {
  [ -n "$oxigraph_pid" ] && kill "$oxigraph_pid" 2>/dev/null && wait "$oxigraph_pid" 2>/dev/null
  [ -d "$work/virtuoso" ] && benches/virtuoso.sh stop "$work/virtuoso"
  rm -rf "$work"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }

connections=${CONNECTIONS:-4}
extra=()
[ -n "${VIA:-}" ] && extra+=(--via "$VIA")
[ -n "${REQUEST_BYTES:-}" ] && extra+=(--request-bytes "$REQUEST_BYTES")
limit=${LIMIT_SECONDS:-0}

# push LABEL ENDPOINT: two pushes, each timed.
push() {
  local label=$1 endpoint=$2
  for run in first second; do
    local before after start end status=0
    before=$(load)
    start=$(date +%s.%N)
    timeout "$limit" "$hearsay" --store "$store" push --endpoint "$endpoint" \
      --connections "$connections" "${extra[@]}" 2>"$work/push.log" || status=$?
    end=$(date +%s.%N)
    after=$(load)
    printf '%s %s push, %s connections %s: %.1f s wall (load before %s, after %s)\n  %s\n' \
      "$label" "$run" "$connections" "${extra[*]}" "$(echo "$end - $start" | bc)" "$before" "$after" "$(tail -n1 "$work/push.log")"
    if [ "$status" = 124 ]; then
      echo "  stopped at LIMIT_SECONDS=$limit; the line above is the last progress report"
      return
    fi
    [ "$status" = 0 ] || { cat "$work/push.log" >&2; return 1; }
  done
}

echo "store: $store, $(nproc) cores"

servers=${SERVERS:-oxigraph virtuoso}
if [[ " $servers " != *" oxigraph "* ]]; then
  :
elif command -v oxigraph >/dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  oxigraph serve --location "$work/oxigraph" --bind "127.0.0.1:$port" >/dev/null 2>&1 &
  oxigraph_pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/query?query=ASK%7B%7D"; do sleep 0.2; done
  echo "Oxigraph $(oxigraph --version | cut -d' ' -f2) server: http://127.0.0.1:$port"
  push oxigraph "http://127.0.0.1:$port"
  kill "$oxigraph_pid"; wait "$oxigraph_pid" 2>/dev/null || true; oxigraph_pid=
  echo "  server files: $(du -sh "$work/oxigraph" | cut -f1)"
else
  echo "SKIPPED Oxigraph: the oxigraph command is missing"
fi

if [[ " $servers " != *" virtuoso "* ]]; then
  :
elif command -v virtuoso-t >/dev/null; then
  endpoint=$(benches/virtuoso.sh start "$work/virtuoso")
  echo "Virtuoso $(virtuoso-t -? 2>&1 | grep -o 'Version [0-9.]*' | head -n1): $endpoint"
  push virtuoso "$endpoint"
  echo "  server files: $(du -sh "$work/virtuoso" | cut -f1)"
else
  echo "SKIPPED Virtuoso: virtuoso-t is missing"
fi
