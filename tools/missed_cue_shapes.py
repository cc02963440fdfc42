#!/usr/bin/env python3
"""Sorts the gold cues the rules never propose by shape: a word after a determiner (a noun),
after "to" (an infinitive), after a form of "be", in "-ing", a punctuation mark, one word or
several, each with or without a source; then the first and last words of the multi-word ones.

usage: tools/missed_cue_shapes.py GOLD MISSED [N]

MISSED is what `cargo run --release --example proposal_ceiling -- GOLD --missed MISSED` writes.
Prints counts and cue words only: run it on your own copy of the data, never commit output.
Standard library only."""
import collections
import json
import re
import sys

from cue_errors import load

DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this",
               "that", "these", "those", "such", "no", "any", "some"}
BE = {"was", "were", "is", "are", "been", "be", "being"}


def shape(text, start, cue, has_source):
    words = cue.split()
    before = text[max(0, start - 40):start].split()
    prev = before[-1].lower() if before else ""
    if not re.search(r"[A-Za-z]", cue):
        kind = "punctuation"
    elif prev in DETERMINERS or prev.endswith(("'s", "’s")):
        kind = "after a determiner"
    elif prev == "to":
        kind = "infinitive"
    elif words[0].lower().endswith("ing"):
        kind = "-ing"
    elif prev in BE:
        kind = "after be"
    elif len(words) > 1:
        kind = "several words"
    else:
        kind = "one word"
    return kind + (", source" if has_source else ", no source")


def main():
    gold = load(sys.argv[1])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    shapes = collections.Counter()
    examples = collections.defaultdict(collections.Counter)
    first, last = collections.Counter(), collections.Counter()
    for line in open(sys.argv[2], encoding="utf-8"):
        missed = json.loads(line)
        doc = gold[missed["id"]]
        text = doc["text"]
        attribution = next(a for a in doc["attributions"] if a["cue"] == missed["cue"])
        start = min(s for s, _ in missed["cue"])
        end = max(e for _, e in missed["cue"])
        cue = text[start:end]
        kind = shape(text, start, cue, bool(attribution["source"]))
        shapes[kind] += 1
        examples[kind][cue.lower()] += 1
        if kind == "several words, source":
            first[cue.split()[0].lower()] += 1
            last[cue.split()[-1].lower()] += 1
    for kind, count in shapes.most_common():
        common = ", ".join(w for w, _ in examples[kind].most_common(n))
        print(f"{count:6d}  {kind}  e.g. {common}")
    print("several words with a source, first words:", first.most_common(n))
    print("several words with a source, last words:", last.most_common(n))


if __name__ == "__main__":
    main()
