#!/usr/bin/env bash
# Checks that two hearsay binaries give byte-identical output on the same inputs: what
# `extract` prints of each input, and the TriG export of a store each one ingests from
# all the inputs at once (one run, so the names of every input meet). For a change meant
# to keep output as it was (a faster path, an index layout).
#
#     tools/same_output.sh OLD_BINARY NEW_BINARY INPUT...
#     tools/same_output.sh /tmp/hearsay-main target/release/hearsay data /tmp/said-chain.txt
#
# Environment: KEEP (keep the temp dir). Exits 1 on the first difference, naming it.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 OLD_BINARY NEW_BINARY INPUT..." >&2
    exit 2
fi
old=$1 new=$2
shift 2
work=$(mktemp -d /tmp/hearsay-same.XXXXXX)
if [ -z "${KEEP:-}" ]; then
    trap 'rm -rf "$work"' EXIT
else
    echo "keeping $work" >&2
fi

status=0
for input in "$@"; do
    name=$(basename "$input")
    for side in old new; do
        bin=${!side}
        "$bin" extract "$input" >"$work/$side-extract-$name.jsonl" 2>"$work/$side-extract-$name.err" || true
    done
    if cmp -s "$work/old-extract-$name.jsonl" "$work/new-extract-$name.jsonl"; then
        echo "extract $input: same ($(wc -c <"$work/new-extract-$name.jsonl") bytes)"
    else
        echo "extract $input: DIFFERENT" >&2
        status=1
    fi
done
for side in old new; do
    bin=${!side}
    "$bin" --store "$work/$side-store" ingest --no-progress "$@" 2>"$work/$side-ingest.err" || true
    "$bin" --store "$work/$side-store" export --format trig >"$work/$side.trig"
done
if cmp -s "$work/old.trig" "$work/new.trig"; then
    echo "ingest + export (TriG): same ($(wc -c <"$work/new.trig") bytes)"
else
    echo "ingest + export (TriG): DIFFERENT" >&2
    diff "$work/old.trig" "$work/new.trig" | head -20 >&2
    status=1
fi
exit $status
