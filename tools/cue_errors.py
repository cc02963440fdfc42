#!/usr/bin/env python3
"""Counts missed and spurious cues of a prediction file against a gold file (exchange format),
by the lowercase cue text, and sorts attribution-level errors into classes.

usage: tools/cue_errors.py GOLD PRED [N]

Pairs attributions by cue overlap (character sets, as score.py pairs them) and prints:
missed gold cues (no predicted cue overlaps), spurious predicted cues, and, for paired
attributions, how source and content differ (too long/short at either end, wrong).
Prints counts and cue words only: run it on your own copy of the data, never commit output."""
import collections
import json
import sys


def load(path):
    docs = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            docs[d["id"]] = d
    return docs


def chars(spans):
    out = set()
    for s, e in spans:
        out.update(range(s, e))
    return out


def main():
    gold = load(sys.argv[1])
    pred = load(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    missed = collections.Counter()
    spurious = collections.Counter()
    classes = collections.Counter()
    for doc_id, g in gold.items():
        text = g["text"]
        p = pred.get(doc_id, {"attributions": []})
        ga = g["attributions"]
        pa = p["attributions"]
        gcue = [chars(a["cue"]) for a in ga]
        pcue = [chars(a["cue"]) for a in pa]
        used = set()
        for i, gc in enumerate(gcue):
            best = None
            for j, pc in enumerate(pcue):
                if j in used or not (gc & pc):
                    continue
                best = j
                break
            word = " ".join(text[s:e] for s, e in ga[i]["cue"]).lower()
            if best is None:
                missed[word] += 1
                classes["missed cue"] += 1
                continue
            used.add(best)
            for comp in ("source", "content"):
                gs = chars(ga[i][comp])
                ps = chars(pa[best][comp])
                gs = {c for c in gs if not text[c].isspace()}
                ps = {c for c in ps if not text[c].isspace()}
                if gs == ps:
                    continue
                if not gs:
                    classes[f"{comp}: predicted, gold has none"] += 1
                elif not ps:
                    classes[f"{comp}: missing"] += 1
                elif not (gs & ps):
                    classes[f"{comp}: elsewhere"] += 1
                else:
                    ends = []
                    if min(ps) < min(gs):
                        ends.append("starts early")
                    if min(ps) > min(gs):
                        ends.append("starts late")
                    if max(ps) > max(gs):
                        ends.append("ends late")
                    if max(ps) < max(gs):
                        ends.append("ends early")
                    classes[f"{comp}: " + (", ".join(ends) or "gaps differ")] += 1
        for j, pc in enumerate(pcue):
            if j not in used:
                word = " ".join(text[s:e] for s, e in pa[j]["cue"]).lower()
                spurious[word] += 1
                classes["spurious cue"] += 1
    print("error classes:")
    for k, v in classes.most_common():
        print(f"  {v:6d}  {k}")
    print(f"missed cues ({sum(missed.values())}), top {n}:")
    for k, v in missed.most_common(n):
        print(f"  {v:6d}  {k!r}")
    print(f"spurious cues ({sum(spurious.values())}), top {n}:")
    for k, v in spurious.most_common(n):
        print(f"  {v:6d}  {k!r}")


if __name__ == "__main__":
    main()
