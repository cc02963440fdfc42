#!/usr/bin/env python3
"""Sorts the boundary errors of a prediction file against a gold file (exchange format): the
content (or source) pairs that overlap but are not equal, as score.py pairs them.

usage: tools/boundary_errors.py GOLD PRED [source|content] [N]

For each such pair it says, at each edge, whether the prediction starts or ends earlier or later
than the gold and how many words the difference holds, and counts the first word of each
difference (lowercased) with the part-of-speech-like shape of the edge (a comma, a quote, a
dash, a capital). Prints counts and single words only: run it on your own copy of the data,
never commit its output."""
import collections
import re
import sys
import unicodedata

from cue_errors import load



def positions(text, spans, component):
    """The scorer's character set of a component (../shared/eval/score.py, which runs when
    imported)."""
    pos = set()
    for s, e in spans:
        for i in range(max(0, s), min(len(text), e)):
            ch = text[i]
            if ch.isspace() or unicodedata.category(ch).startswith("P") or ch in "`'\"":
                continue
            pos.add(i)
    if component == "content" and pos:
        first = min(pos)
        if text[first:first + 4].lower() == "that" and (first + 4 >= len(text) or not text[first + 4].isalnum()):
            pos -= set(range(first, first + 4))
    return frozenset(pos)


def greedy(pred, gold):
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            inter = len(p & g)
            if inter:
                cands.append((inter / len(p | g), i, j))
    cands.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


WORD = re.compile(r"\w+|[^\w\s]")


def words(text, a, b):
    return WORD.findall(text[a:b])


def size(n):
    return "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def main():
    gold = load(sys.argv[1])
    pred = load(sys.argv[2])
    comp = sys.argv[3] if len(sys.argv) > 3 else "content"
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    shapes = collections.Counter()
    first = collections.Counter()
    pairs_total = exact = 0
    multi = collections.Counter()
    for doc_id, g in gold.items():
        text = g["text"]
        p = pred.get(doc_id, {"attributions": []})
        gs = [(a[comp], positions(text, a.get(comp, []), comp)) for a in g["attributions"]]
        ps = [(a[comp], positions(text, a.get(comp, []), comp)) for a in p["attributions"]]
        gs = [x for x in gs if x[1]]
        ps = [x for x in ps if x[1]]
        for i, j in greedy([x[1] for x in ps], [x[1] for x in gs]):
            pairs_total += 1
            pset, gset = ps[i][1], gs[j][1]
            if pset == gset:
                exact += 1
                continue
            multi[(len(ps[i][0]) > 1, len(gs[j][0]) > 1)] += 1
            pa, pb = min(pset), max(pset) + 1
            ga, gb = min(gset), max(gset) + 1
            edges = []
            if pa < ga:
                ws = words(text, pa, ga)
                edges.append(f"start+{size(len(ws))}")
                first["start extra: " + (ws[0].lower() if ws else "?")] += 1
            elif pa > ga:
                ws = words(text, ga, pa)
                edges.append(f"start-{size(len(ws))}")
                first["start missing: " + (ws[0].lower() if ws else "?")] += 1
            if pb > gb:
                ws = words(text, gb, pb)
                edges.append(f"end+{size(len(ws))}")
                first["end extra: " + (ws[0].lower() if ws else "?")] += 1
            elif pb < gb:
                ws = words(text, pb, gb)
                edges.append(f"end-{size(len(ws))}")
                first["end missing: " + (ws[0].lower() if ws else "?")] += 1
            if not edges:
                edges.append("inside (gap or split)")
            shapes[" ".join(edges)] += 1
    print(f"{comp}: {pairs_total} pairs, {exact} exact, {pairs_total - exact} differ")
    print("split spans (pred, gold):", dict(multi))
    print("\nedge shapes:")
    for k, v in shapes.most_common(n):
        print(f"{v:6d}  {k}")
    print("\nfirst word of each difference:")
    for k, v in first.most_common(n * 2):
        print(f"{v:6d}  {k}")


if __name__ == "__main__":
    main()
