#!/usr/bin/env python3
"""How often hearsay's source kind and stance agree with labels given by hand on PolNeAR dev.

usage: tools/label_accuracy.py [--hearsay BIN] [--dev DEV.jsonl] [--labels LABELS.tsv] [--errors]

The labels (tests/fixtures/polnear-dev-labels.tsv) are article ids and code-point offsets, no
text. This script runs `hearsay extract` on dev once, then for each stratum of the labels (and
all of them) writes a gold file, dev with the hand labels put on the labelled attributions, and
scores it with `hearsay eval --predictions`: the pairing (one-to-one by cue overlap) and the
label counts are hearsay's own, those of ../shared/eval/score.py. "paired" is how many labelled
attributions got a prediction; rows of kind "other" count for stance only.
--errors lists each wrong label with the gold source and cue (PolNeAR text: print, never commit).
Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spans(field):
    return [[int(a), int(b)] for a, b in (part.split("-") for part in field.split(";"))]


def read_labels(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            article, source, cue, kind, stance, strata = line.rstrip("\n").split("\t")
            rows.append({
                "article": article,
                "source": spans(source),
                "cue": spans(cue),
                "kind": kind,
                "stance": stance,
                "strata": strata.split(","),
            })
    return rows


def labelled_gold(dev, rows):
    """Dev articles that hold labelled rows, with the labels put on their gold attributions."""
    by_key = {(r["article"], json.dumps(r["source"]), json.dumps(r["cue"])): r for r in rows}
    docs, found = [], 0
    for doc in dev:
        hit = False
        attributions = []
        for a in doc["attributions"]:
            a = dict(a)
            r = by_key.get((doc["id"], json.dumps(a["source"]), json.dumps(a["cue"])))
            if r is not None:
                hit = True
                found += 1
                a["stance"] = r["stance"]
                if r["kind"] != "other":
                    a["source_kind"] = r["kind"]
            attributions.append(a)
        if hit:
            docs.append({**doc, "attributions": attributions})
    if found != len(rows):
        sys.exit(f"label_accuracy: {len(rows) - found} labelled rows match no dev attribution")
    return docs


def write_jsonl(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def overlap(a, b):
    return sum(max(0, min(y, q) - max(x, p)) for x, y in a for p, q in b)


def errors(dev, predictions, rows):
    """Each labelled row against the prediction whose cue overlaps its cue most."""
    texts = {d["id"]: d["text"] for d in dev}
    preds = {d["id"]: d["attributions"] for d in predictions}
    confusion = defaultdict(Counter)
    for r in rows:
        best = max(preds.get(r["article"], []), key=lambda p: overlap(p["cue"], r["cue"]), default=None)
        if best is None or overlap(best["cue"], r["cue"]) == 0:
            continue
        text = texts[r["article"]]
        show = lambda s: " … ".join(text[a:b] for a, b in s)
        if r["kind"] != "other":
            confusion[r["kind"]][best.get("source_kind")] += 1
        for label, gold, got in (("kind", r["kind"], best.get("source_kind")),
                                 ("stance", r["stance"], best.get("stance"))):
            if gold != got and not (label == "kind" and gold == "other"):
                print(f"{label}: gold {gold}, got {got}: {show(r['source'])!r} | "
                      f"{show(r['cue'])!r} (predicted source {show(best['source'])!r})")
    print("\nkind confusion (gold: predicted counts)")
    for gold, got in sorted(confusion.items()):
        print(f"  {gold}: " + ", ".join(f"{k} {n}" for k, n in got.most_common()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hearsay", default=os.path.join(ROOT, "target", "release", "hearsay"))
    ap.add_argument("--dev", default=os.path.join(ROOT, "..", "shared", "eval", "polnear", "dev.jsonl"))
    ap.add_argument("--labels", default=os.path.join(ROOT, "tests", "fixtures", "polnear-dev-labels.tsv"))
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()

    with open(args.dev, encoding="utf-8") as f:
        dev = [json.loads(line) for line in f if line.strip()]
    rows = read_labels(args.labels)
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = os.path.join(tmp, "pred.jsonl")
        with open(pred_path, "w", encoding="utf-8") as out:
            subprocess.run([args.hearsay, "extract", args.dev], stdout=out, check=True)
        strata = sorted({s for r in rows for s in r["strata"]})
        print(f"{'labels':14} {'rows':>5} {'paired':>7} {'kind right':>12} {'stance right':>13}")
        for name in strata + ["all"]:
            chosen = [r for r in rows if name == "all" or name in r["strata"]]
            gold_path = os.path.join(tmp, f"gold-{name}.jsonl")
            write_jsonl(gold_path, labelled_gold(dev, chosen))
            scored = subprocess.run(
                [args.hearsay, "eval", "--gold", gold_path, "--predictions", pred_path,
                 "--format", "json"], capture_output=True, text=True, check=True)
            labels = json.loads(scored.stdout)["labels"]
            kind, stance = labels["source_kind"], labels["stance"]
            pct = lambda x: f"{x['correct']}/{x['matched']} {100 * x['correct'] / max(1, x['matched']):3.0f}%"
            print(f"{name:14} {len(chosen):5} {stance['matched']:7} {pct(kind):>12} {pct(stance):>13}")
        if args.errors:
            with open(pred_path, encoding="utf-8") as f:
                predictions = [json.loads(line) for line in f if line.strip()]
            errors(dev, predictions, rows)


if __name__ == "__main__":
    main()
