#!/usr/bin/env bash
# Writes what a set of lookups print on a store, one file each, to compare two builds (or
# two layouts of the text index) byte for byte: run it with the old binary, change the store
# (`hearsay compact` with the new one rebuilds an index of another layout), run it with the new
# binary into another directory, then `diff -r OLD_DIR NEW_DIR`.
#
#     tools/lookup_outputs.sh HEARSAY STORE OUT_DIR
#
# The lookups: `claims --source` and `timeline --source` for each of SOURCES (full names,
# parts of names, parts too short for a trigram), `claims --text` for each of TEXTS (words,
# phrases, prefixes), each with `--format tsv`; the store is only read. The outputs hold the
# store's text: keep them out of the repository.
# Env: SOURCES and TEXTS (lists separated by `|`).
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 HEARSAY STORE OUT_DIR" >&2
    exit 2
fi
hs=$1 store=$2 out=$3
SOURCES=${SOURCES:-Tom Vilsack|Vilsack|Chris Christie|christie|Trump|Hillary Clinton|Obama|Erdogan|sanders|ck|Mc|officials|a spokesman}
TEXTS=${TEXTS:-immigration|border wall|immig*|"tax cuts"|Mexico|Erdoğan|refugees from syria}
mkdir -p "$out"

run() { # file name, then the hearsay arguments
    local name=$1; shift
    # A lookup that finds nothing exits 1: its (empty) output is compared all the same.
    "$hs" --store "$store" "$@" --format tsv >"$out/$name" 2>"$out/$name.err" || echo "exit $?" >>"$out/$name.err"
}

slug() { tr -c 'A-Za-z0-9\n' '_' <<<"$1"; }

IFS='|' read -r -a sources <<<"$SOURCES"
IFS='|' read -r -a texts <<<"$TEXTS"
for source in "${sources[@]}"; do
    run "claims-source-$(slug "$source")" claims --source "$source"
    run "timeline-source-$(slug "$source")" timeline --source "$source"
done
for text in "${texts[@]}"; do
    run "claims-text-$(slug "$text")" claims --text "$text"
done
for file in "$out"/*; do
    case $file in *.err) ;; *) printf '%8d %s\n' "$(wc -l <"$file")" "$(basename "$file")" ;; esac
done
