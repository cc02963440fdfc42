#!/usr/bin/env python3
"""Hostile input shapes (issue 18): time and max RSS of `ingest` and `extract` on each.

Writes one article per shape (1 MB by default) and runs the release binary on it: `ingest`
into a fresh store in a temp dir, and `extract`. Each run is measured with GNU time
(`/usr/bin/time -f '%e %U %S %M'`: wall and CPU seconds, max RSS in KB); the median of RUNS runs is
reported. Exits 1 when any shape takes more than LIMIT seconds.

    cargo build --release && benches/hostile.py            # every shape, 1 MB, 3 runs
    SIZE=100000 RUNS=1 benches/hostile.py quotes sources   # some shapes, 100 KB
    HEARSAY=path/to/hearsay benches/hostile.py             # another binary
    MAX_CLAIMS=0 benches/hostile.py said-chain             # without the per-article claim cap

Environment: SIZE (bytes, 1000000), RUNS (3), LIMIT (seconds, 2), HEARSAY (the binary,
default $CARGO_TARGET_DIR or target, then release/hearsay), TIMEOUT (seconds a run may take
before it is stopped and reported as such, 120), KEEP (keep the temp dir), MAX_CLAIMS (passed to
`ingest --max-claims-per-article`; unset keeps the binary's default, 0 stores every claim, which
is how the cost of an article of 90,000 claims before the cap is measured).
"""

import json
import os
import random
import shutil
import statistics
import signal
import subprocess
import sys
import tempfile

SIZE = int(os.environ.get("SIZE", "1000000"))
RUNS = int(os.environ.get("RUNS", "3"))
LIMIT = float(os.environ.get("LIMIT", "2"))
TIMEOUT = float(os.environ.get("TIMEOUT", "120"))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
HEARSAY = os.environ.get("HEARSAY", os.path.join(TARGET, "release", "hearsay"))
MAX_CLAIMS = os.environ.get("MAX_CLAIMS")


def repeat(unit: str, size: int = SIZE) -> str:
    """`unit` repeated until the text holds `size` bytes (whole units only)."""
    count = max(1, size // len(unit.encode()))
    return unit * count


def surname(rng: random.Random) -> str:
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(4)).capitalize()


def named_sentences(say, size: int = SIZE) -> str:
    """Sentences of `say(rng, name)`, every name a different full name, to `size` bytes."""
    rng = random.Random(18)
    sentences, total = [], 0
    while total < size:
        name = f"{rng.choice(['Maria', 'John', 'Ahmed', 'Li', 'Olga'])} {surname(rng)}"
        sentence = say(rng, name)
        sentences.append(sentence)
        total += len(sentence)
    return "".join(sentences)


def sources(size: int = SIZE) -> str:
    """A sentence per source, every source a different full name: 10,000 or more of them."""
    return named_sentences(
        lambda rng, name: f"{name} said the plan would cost {rng.randint(1, 999)} million dollars. ",
        size,
    )


def sources_one_claim(size: int = SIZE) -> str:
    """Every source a different full name, all saying one thing: one proposition of 10,000
    or more origins, each a spelling that others may spell longer."""
    return named_sentences(
        lambda rng, name: (
            f"{rng.choice(['', 'Gov. ', 'Sen. ', 'former Sen. '])}{name} said \u201cthe plan "
            f"would cost a million dollars and more than we can pay.\u201d "
        ),
        size,
    )


def nested_brackets(size: int = SIZE) -> str:
    half = size // 2
    return "(" * half + ")" * half


def quotes_in_sentences(size: int = SIZE) -> str:
    """Quote pairs that each open a quotation with a cue: a million quote marks in all."""
    return repeat('He said "yes" and "no" and "' + "maybe" + '". ', size)


def long_words(size: int = SIZE) -> str:
    """Tokens of 10,000 letters, separated by spaces, inside sentences that attribute."""
    word = "x" * 10000
    return repeat(f"The officials said that {word} {word}. ", size)


def name_chain(size: int = SIZE) -> str:
    """Capitalized words without end: one name-like phrase as long as the article."""
    return repeat("Smith ", size)


# Each shape: a name and its text. Articles are plain .txt without front matter.
SHAPES = {
    "parens": lambda: repeat("("),
    "nested-brackets": nested_brackets,
    "quotes": lambda: repeat('"'),
    "curly-quotes": lambda: repeat("\u201c"),
    "quotes-in-sentences": quotes_in_sentences,
    "one-char": lambda: repeat("a"),
    "spaces": lambda: repeat(" "),
    "newlines": lambda: repeat("\n"),
    "periods": lambda: repeat("."),
    "multibyte": lambda: repeat("\u00e9\U0001f600"),
    "long-words": long_words,
    "giant-sentence": lambda: repeat("the officials said that "),
    "giant-sentence-quoted": lambda: repeat('the officials said "'),
    "said-chain": lambda: repeat("Smith said Jones said "),
    "name-chain": name_chain,
    "sources": sources,
    "sources-one-claim": sources_one_claim,
    "one-source-many-claims": lambda: repeat("He said the plan would work. "),
    "according-to": lambda: repeat("according to "),
}


def measure(argv: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (user + system), max RSS in MB and the exit code of `argv`
    under GNU time. CPU time is what a loaded machine does not inflate much."""
    fd, report = tempfile.mkstemp()
    os.close(fd)
    try:
        # A session of its own, so that a timeout ends hearsay too and not only GNU time:
        # killing time alone left the timed runs behind, burning both cores.
        with subprocess.Popen(
            ["/usr/bin/time", "-o", report, "-f", "%e %U %S %M", *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        ) as child:
            try:
                _, stderr = child.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
                return float("inf"), float("inf"), 0, -1
        wall, user, system, rss = open(report).read().split()[-4:]
        if child.returncode != 0:
            sys.stderr.write(stderr.decode(errors="replace")[-2000:])
        return float(wall), float(user) + float(system), int(rss) // 1024, child.returncode
    finally:
        os.unlink(report)


def main() -> int:
    if not os.access(HEARSAY, os.X_OK):
        print(f"benches/hostile.py: no binary at {HEARSAY}; run `cargo build --release`",
              file=sys.stderr)
        return 2
    chosen = sys.argv[1:] or list(SHAPES)
    unknown = [name for name in chosen if name not in SHAPES]
    if unknown:
        print(f"benches/hostile.py: unknown shapes {unknown}; known: {list(SHAPES)}",
              file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="hearsay-hostile.")
    failed = []
    results = []
    load = open("/proc/loadavg").read().split()[0]
    cap = "default" if MAX_CLAIMS is None else MAX_CLAIMS
    print(f"load average {load} at the start; seconds are wall (cpu); claim cap {cap}")
    print(f"{'shape':24} {'bytes':>8} {'ingest s':>14} {'MB':>6} {'extract s':>14} {'MB':>6}")
    try:
        for name in chosen:
            article = os.path.join(work, f"{name}.txt")
            with open(article, "w", encoding="utf-8") as f:
                f.write(SHAPES[name]())
            row = {"shape": name, "bytes": os.path.getsize(article)}
            for command in ("ingest", "extract"):
                times, cpu, rss, codes = [], [], [], []
                for run in range(RUNS):
                    store = os.path.join(work, f"store-{name}-{run}")
                    argv = [HEARSAY, "--store", store, command, article]
                    if command == "ingest":
                        argv.append("--no-progress")
                        if MAX_CLAIMS is not None:
                            argv += ["--max-claims-per-article", MAX_CLAIMS]
                    wall, seconds, megabytes, code = measure(argv)
                    times.append(wall)
                    cpu.append(seconds)
                    rss.append(megabytes)
                    codes.append(code)
                    shutil.rmtree(store, ignore_errors=True)
                    if wall == float("inf"):
                        break  # one run past TIMEOUT says enough
                row[command] = {
                    "seconds": statistics.median(times),
                    "cpu_seconds": statistics.median(cpu),
                    "max_rss_mb": statistics.median(rss),
                    "exit": max(codes, key=abs),
                }
                # Exit 2 is a reported bad input (an empty article); anything else is a crash.
                if row[command]["seconds"] > LIMIT or row[command]["exit"] not in (0, 1, 2):
                    failed.append(f"{name} {command}")
            results.append(row)
            i, e = row["ingest"], row["extract"]
            print(f"{name:24} {row['bytes']:8} {i['seconds']:6.2f} ({i['cpu_seconds']:5.2f}) "
                  f"{i['max_rss_mb']:6} {e['seconds']:6.2f} ({e['cpu_seconds']:5.2f}) "
                  f"{e['max_rss_mb']:6}", flush=True)
    finally:
        if os.environ.get("KEEP"):
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    os.makedirs(TARGET, exist_ok=True)
    out = os.path.join(TARGET, "hostile-results.jsonl")
    with open(out, "w") as f:
        for row in results:
            f.write(json.dumps(row) + "\n")
    if failed:
        print(f"over {LIMIT} s or failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
