#!/usr/bin/env python3
"""Fails CI when the seed's exact F1 for source, cue or content falls below its floor.

usage: gate.py EVAL.json   (the output of `hearsay eval --format json`)
The floors are the figures the extraction issues ask for; raise them as the extractor improves.
"""
import json
import sys

FLOORS = {"source": 0.60, "cue": 0.60, "content": 0.60}

scores = json.load(open(sys.argv[1], encoding="utf-8"))
failed = False
for component, floor in FLOORS.items():
    f1 = scores["exact"][component]["f1"]
    status = "ok" if f1 >= floor else "BELOW FLOOR"
    print(f"seed exact F1 {component:8} {f1:.3f} (floor {floor:.2f}) {status}")
    failed |= f1 < floor
sys.exit(1 if failed else 0)
