#!/usr/bin/env bash
# What the reading layer's crates add to a clean build: builds `src/article` alone (as a
# scratch crate in a temporary directory, with hearsay's Cargo.lock and only the crates it
# uses) from nothing, and prints GNU time's wall and CPU seconds. RocksDB is left out, so
# the figure is the cost of the web-input crates (rs-trafilatura, html5ever, feed-rs, warc,
# ureq with rustls and ring, …) plus the few small ones the module shares with the rest.
#
#   tools/reading_build_cost.sh [--release]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
cp -r "$repo/src/article" "$work/src/article"
echo 'pub mod article;' >"$work/src/lib.rs"
cp "$repo/Cargo.lock" "$work/"
python3 - "$repo/Cargo.toml" "$work/Cargo.toml" <<'PY'
import re, sys
manifest = open(sys.argv[1]).read()
deps = manifest[manifest.index("[dependencies]"):manifest.index("[dev-dependencies]")]
used = set(re.findall(r"\b([a-z_][a-z0-9_]*)::", open(sys.argv[1].replace("Cargo.toml", "src/article/mod.rs")).read()))
import pathlib
for f in pathlib.Path(sys.argv[1]).parent.joinpath("src/article").glob("*.rs"):
    used |= set(re.findall(r"\b([a-z_][a-z0-9_]*)::", f.read_text()))
lines = [l for l in deps.splitlines() if re.match(r"^[a-z]", l) and l.split()[0].replace("-", "_") in used]
profile = manifest[manifest.index("[profile.dev.package.rs-trafilatura]"):]
open(sys.argv[2], "w").write(
    '[package]\nname = "reading"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n'
    + "\n".join(lines) + "\n\n" + profile)
PY
cd "$work"
/usr/bin/time -f "wall %e s, CPU %U s user + %S s system" \
  env CARGO_TARGET_DIR="$work/target" cargo build --lib --quiet "$@"
echo "crates built: $(ls "$work/target"/*/deps/*.rlib | sed 's/.*\/lib\(.*\)-.*/\1/' | sort -u | wc -l)"
