#!/usr/bin/env python3
"""Fails CI when extraction on the seed article falls below the floors issue 3 sets.

usage: gate.py EVAL.json   (the output of `hearsay eval --gold ../shared/eval/seed.jsonl --format json`)
Floors: exact F1 source >= 0.95, cue >= 0.95, content >= 0.90; stance right on every paired
attribution; certainty and source kind right on all but two.
"""
import json
import sys

F1_FLOORS = {"source": 0.95, "cue": 0.95, "content": 0.90}
LABEL_MISSES_ALLOWED = {"stance": 0, "certainty": 2, "source_kind": 2}

scores = json.load(open(sys.argv[1], encoding="utf-8"))
failed = False
for component, floor in F1_FLOORS.items():
    f1 = scores["exact"][component]["f1"]
    ok = f1 >= floor
    print(f"seed exact F1 {component:12} {f1:.3f}  floor {floor:.2f}  {'ok' if ok else 'BELOW FLOOR'}")
    failed |= not ok
gold = scores["gold"]
for label, allowed in LABEL_MISSES_ALLOWED.items():
    correct = scores["labels"][label]["correct"]
    ok = correct >= gold - allowed
    print(f"seed {label:22} {correct}/{gold}  floor {gold - allowed}/{gold}  {'ok' if ok else 'BELOW FLOOR'}")
    failed |= not ok
sys.exit(1 if failed else 0)
