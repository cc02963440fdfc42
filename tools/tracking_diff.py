#!/usr/bin/env python3
"""Issue 15: what a change to tracking does to the corroborated and the contested propositions
of a corpus. Ingests CORPUS with each of two hearsay binaries into fresh temporary stores and
lists the propositions (each as its claims: origin, stance, content) that are corroborated
(two or more asserting origins) or contested by one binary and not, with the same claims, by
the other; then the counts. Propositions are compared by their claims, not their ids.

usage: tools/tracking_diff.py OLD_BINARY NEW_BINARY [CORPUS]
  default corpus: ../shared/eval/polnear/train.jsonl beside the checkout

Prints corpus text for a reviewer: read it, never commit it."""
import csv
import io
import os
import subprocess
import sys
import tempfile

QUERY = """PREFIX hs: <https://w3id.org/hearsay/ontology#>
PREFIX schema: <http://schema.org/>
SELECT ?p ?claim ?origin ?stance ?content WHERE {
  GRAPH <https://w3id.org/hearsay/id/graph/propositions> {
    ?claim hs:proposition ?p ; hs:propositionStance ?stance .
    OPTIONAL { ?claim hs:origin ?origin }
  }
  GRAPH ?g { ?claim schema:text ?content }
}"""

ID = "https://w3id.org/hearsay/id/"


def run(binary, store, *args):
    out = subprocess.run([binary, "--store", store, *args], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{binary} {' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def ids(binary, store, flag):
    text = run(binary, store, "propositions", *flag, "--format", "tsv")
    return {line.split("\t")[0] for line in text.splitlines()[1:] if line}


def tracked(binary, corpus, scratch):
    store = os.path.join(scratch, os.path.basename(binary) + "-store")
    subprocess.run([binary, "--store", store, "ingest", corpus], check=True, capture_output=True)
    rows = csv.DictReader(io.StringIO(run(binary, store, "query", "--results-format", "csv", QUERY)))
    claims = {}
    for row in rows:
        p = row["p"].rsplit("/", 1)[-1]
        origin = (row.get("origin") or "").replace(ID + "source/", "")
        stance = row["stance"].rsplit("#", 1)[-1]
        claims.setdefault(p, {})[row["claim"]] = (origin, stance, row["content"])
    corroborated = ids(binary, store, ["--min-origins", "2"])
    contested = ids(binary, store, ["--contested"])
    return claims, corroborated, contested


def show(title, keys, claims):
    print(f"## {title}: {len(keys)}")
    for key in sorted(keys):
        p, members = key
        print("===", p)
        for claim in members:
            origin, stance, content = claims[p][claim]
            print(f"   {stance} | {origin or '-'} | {content[:300]}")
    print()


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: tools/tracking_diff.py OLD_BINARY NEW_BINARY [CORPUS]")
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    corpus = sys.argv[3] if len(sys.argv) == 4 else os.path.join(here, "..", "shared", "eval", "polnear", "train.jsonl")
    for path in sys.argv[1:3] + [corpus]:
        if not os.path.exists(path):
            sys.exit(f"tracking_diff: no such file: {path}")
    with tempfile.TemporaryDirectory() as scratch:
        sides = []
        for n, binary in enumerate(sys.argv[1:3]):
            copy = os.path.join(scratch, f"bin{n}")
            os.symlink(os.path.abspath(binary), copy)
            sides.append(tracked(copy, corpus, scratch))
    for name, index in (("corroborated", 1), ("contested", 2)):
        keyed = []
        for claims, *lists in sides:
            keyed.append({(p, tuple(sorted(claims.get(p, {})))) for p in lists[index - 1]})
        old, new = keyed
        old_sets = {members for _, members in old}
        new_sets = {members for _, members in new}
        show(f"{name} before, not after", {k for k in old if k[1] not in new_sets}, sides[0][0])
        show(f"{name} after, not before", {k for k in new if k[1] not in old_sets}, sides[1][0])
        print(f"## {name}: {len(old)} before, {len(new)} after\n")


if __name__ == "__main__":
    main()
