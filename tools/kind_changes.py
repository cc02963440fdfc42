#!/usr/bin/env python3
"""Counts the source kinds that differ between two predictions of one corpus (exchange
format, e.g. two binaries' `hearsay extract FILE`): attributions matched by their source and
cue offsets, each change counted as (old kind, new kind). Prints counts only.

usage: tools/kind_changes.py OLD_PRED NEW_PRED
Standard library only."""
import collections
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return {d["id"]: d for d in map(json.loads, f)}


def key(attribution):
    return (
        tuple(map(tuple, attribution.get("source", []))),
        tuple(map(tuple, attribution.get("cue", []))),
    )


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old, new = load(sys.argv[1]), load(sys.argv[2])
    changes = collections.Counter()
    for doc_id, doc in new.items():
        before = {key(a): a.get("source_kind") for a in old.get(doc_id, {}).get("attributions", [])}
        for a in doc["attributions"]:
            k = key(a)
            if k in before and before[k] != a.get("source_kind"):
                changes[(before[k], a.get("source_kind"))] += 1
    print(f"{sum(changes.values())} kinds changed")
    for (was, now), n in changes.most_common():
        print(f"{n:6d}  {was} -> {now}")


if __name__ == "__main__":
    main()
