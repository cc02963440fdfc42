#!/usr/bin/env python3
"""Lists the attributions whose source name differs between two hearsay binaries, with the
words before the source, so that a change to how sources are named can be read case by case.
Attributions are paired by their source, cue and content offsets; only pairs found by both
binaries are compared.

usage: tools/source_name_changes.py OLD_BINARY NEW_BINARY INPUT

Runs `hearsay read` and `hearsay extract` on INPUT (any file `ingest` takes). Prints the text
it reads: run it on your own copy of the data, never commit its output. Standard library only."""
import json
import subprocess
import sys


def lines(binary, command, path):
    out = subprocess.run([binary, command, path], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def main():
    old_bin, new_bin, path = sys.argv[1:4]
    texts = [doc.get("text", "") for doc in lines(new_bin, "read", path)]
    old = lines(old_bin, "extract", path)
    new = lines(new_bin, "extract", path)
    changed = 0
    for text, before, after in zip(texts, old, new):
        key = lambda a: (json.dumps(a["source"]), json.dumps(a["cue"]), json.dumps(a["content"]))
        names = {key(a): a.get("source_canonical") for a in before["attributions"]}
        for a in after["attributions"]:
            was = names.get(key(a), a.get("source_canonical"))
            if was != a.get("source_canonical"):
                changed += 1
                start = a["source"][0][0] if a["source"] else 0
                context = text[max(0, start - 100):start + 60].replace("\n", " ")
                print(f"{after['id'][:40]}  {was!r} -> {a.get('source_canonical')!r}  | {context}")
    print(f"{changed} source names changed")


if __name__ == "__main__":
    main()
