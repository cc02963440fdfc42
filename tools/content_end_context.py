#!/usr/bin/env python3
"""Where predicted contents end against gold (exchange format), by what follows the end:
for each content pair score.py would make, the two tokens after the earlier of the two ends
(", which", ", and", ". “" …), counted when the prediction runs longer, stops shorter, or ends
where gold does. Tells whether a rule "end before X" (or "go on past X") would win more
pairs than it loses. Prints counts of punctuation and single words only: run it on your own
copy of the data, never commit its output.

usage: tools/content_end_context.py GOLD PRED [N]"""
import collections
import sys

from boundary_errors import greedy, load, positions, words


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    gold, pred = load(sys.argv[1]), load(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    differ, same = collections.Counter(), collections.Counter()
    for doc_id, g in gold.items():
        text = g["text"]
        p = pred.get(doc_id, {"attributions": []})
        gs = [positions(text, a.get("content", []), "content") for a in g["attributions"]]
        ps = [positions(text, a.get("content", []), "content") for a in p["attributions"]]
        gs, ps = [x for x in gs if x], [x for x in ps if x]
        for i, j in greedy(ps, gs):
            pb, gb = max(ps[i]) + 1, max(gs[j]) + 1
            end = min(pb, gb)
            after = " ".join(w.lower() for w in words(text, end, end + 40)[:2])
            if pb == gb:
                same[after] += 1
            else:
                differ[("pred longer" if pb > gb else "pred shorter", after)] += 1
    print("count  side          next  | pairs ending there alike")
    for (side, after), count in differ.most_common(n):
        print(f"{count:5d}  {side:12s}  {after!r}  | {same[after]}")


if __name__ == "__main__":
    main()
