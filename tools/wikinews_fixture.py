#!/usr/bin/env python3
"""Copies the Wikinews 2019 articles listed in tests/fixtures/wikinews/urls.txt (one URL a
line, '#' comments) from the shared corpus into tests/fixtures/wikinews/articles.csv, the
judged sample of issue 15. Wikinews text is CC BY 2.5: the fixture's README credits it.

Usage: tools/wikinews_fixture.py [CORPUS_CSV]
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(HERE, "tests", "fixtures", "wikinews")


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        HERE, "..", "shared", "corpus", "wikinews", "wikinews_2019.csv")
    if len(sys.argv) == 1 and not os.path.exists(corpus):
        corpus = "/work/shared/corpus/wikinews/wikinews_2019.csv"
    with open(os.path.join(FIXTURE, "urls.txt"), encoding="utf-8") as f:
        wanted = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    with open(corpus, newline="", encoding="utf-8") as f:
        rows = {row["url"]: row for row in csv.DictReader(f)}
    missing = [url for url in wanted if url not in rows]
    if missing:
        sys.exit("not in the corpus: " + ", ".join(missing))
    with open(os.path.join(FIXTURE, "articles.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=["url", "date", "title", "text"])
        out.writeheader()
        for url in wanted:
            out.writerow({k: rows[url][k] for k in ("url", "date", "title", "text")})
    print(f"{len(wanted)} articles written to {os.path.relpath(FIXTURE, HERE)}/articles.csv")


if __name__ == "__main__":
    main()
