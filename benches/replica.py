#!/usr/bin/env python3
"""Writes the COPIES x replica of PolNeAR train that the benchmarks ingest (never committed).

    benches/replica.py TRAIN_JSONL COPIES OUT_JSONL [FIRST_COPY]

Each copy of an article gets its own id and URL, so each copy is its own article graph.
Copies are numbered from FIRST_COPY (0): copy 50 of an article is new to the 50x replica.
"""
import json
import sys


def main():
    train, copies, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    rows = [json.loads(line) for line in open(train)]
    with open(out_path, "w") as out:
        for copy in range(first, first + copies):
            for r in rows:
                rid = f"{r['id']}~{copy}"
                out.write(json.dumps({"id": rid, "url": f"https://bench.invalid/polnear/{rid}",
                                      "publisher": r.get("publisher"), "date": r.get("publication_date"),
                                      "text": r["text"]}) + "\n")


if __name__ == "__main__":
    main()
