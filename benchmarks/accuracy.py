#!/usr/bin/env python3
"""Reproduce every accuracy figure of benchmarks/accuracy.md.

    .venv/bin/python benchmarks/accuracy.py [--shared ../shared] [--corpus-year 2019]

1. Runs `check-report --format json` on each development report that has a gold file in
   ../shared/eval/gold/ and prints what ../shared/eval/score.py says of it.
2. Runs check-report over every report of one corpus year (../shared/corpus/text/<year>/) and
   prints how many results failed, per check and severity, with each failing message, so that
   they can be read by hand (precision is what a careful reader agrees with; it is not computed).
3. Lists the failing results, with their quotes, of five reports of that year drawn with
   random.seed(2026), for the hand-read precision of benchmarks/accuracy.md.

Recall on planted contradictions: benchmarks/planted.py. Speed and memory: benchmarks/corpus.py.

Reads ../shared only here, in benchmarks: the tests never need it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD_REPORTS = {"mali-2020-excerpt": "reports/mali-2020-excerpt.txt", "mali-2019": "reports/mali-2019.txt"}


def check_report() -> str:
    exe = Path(sys.executable).parent / "check-report"
    return str(exe) if exe.exists() else "check-report"


def score(shared: Path, tmp: Path) -> None:
    for stem, rel in GOLD_REPORTS.items():
        report, gold = shared / rel, shared / "eval" / "gold" / f"{stem}.json"
        if not (report.exists() and gold.exists()):
            print(f"{stem}: no report or gold file under {shared}")
            continue
        out = tmp / f"{stem}.json"
        subprocess.run([check_report(), str(report), "--format", "json", "--output", str(out)],
                       stdin=subprocess.DEVNULL, check=False)
        print(f"$ check-report {rel} --format json --output OUT.json && score.py ...")
        res = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold), str(report), str(out)],
                             capture_output=True, text=True, check=False)
        print(res.stdout.rstrip() or res.stderr.rstrip())
        print()


def corpus(shared: Path, year: int, tmp: Path) -> None:
    folder = shared / "corpus" / "text" / str(year)
    if not folder.is_dir():
        print(f"no corpus at {folder}")
        return None
    out = tmp / "corpus.json"
    start = time.perf_counter()
    proc = subprocess.run([check_report(), str(folder), "--format", "json", "--output", str(out), "--fail-on", "never"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        print(f"check-report {folder}: exit {proc.returncode}: {proc.stderr.strip()}")
        return None
    data = json.loads(out.read_text(encoding="utf-8"))
    failing = [r for r in data["results"] if r["outcome"] == "fail"]
    by = Counter((r["code"], r["severity"]) for r in failing)
    print(f"$ check-report {folder} --format json --fail-on never   ({wall:.1f} s)")
    print(f"documents {len(data['documents'])}, results {len(data['results'])}, failing {len(failing)}, "
          f"figures {sum(d['figures'] for d in data['documents'])}, "
          f"unparsed numbers {sum(d['unparsed_numbers'] for d in data['documents'])}")
    for (code, sev), n in sorted(by.items()):
        print(f"  {code} {sev}: {n}")
    for r in failing:
        print(f"- [{r['document']}] {r['code']} {r['severity']}: {r['message']}")
    return data


def random_five(shared: Path, year: int, data: dict | None, seed: int = 2026, k: int = 5) -> None:
    """The failing results of `k` reports drawn at random (random.seed(seed)) from the corpus year,
    each with its quotes, for reading by hand: precision is how many a careful reader would raise."""
    import random

    folder = shared / "corpus" / "text" / str(year)
    stems = sorted(p.stem for p in folder.glob("*.txt"))
    random.seed(seed)
    chosen = sorted(random.sample(stems, k))
    print(f"\n{k} reports drawn with random.seed({seed}) from {folder}: {', '.join(chosen)}")
    results = [r for r in (data or {}).get("results", []) if r["document"] in chosen]
    for stem in chosen:
        mine = [r for r in results if r["document"] == stem]
        failing = [r for r in mine if r["outcome"] == "fail"]
        print(f"  {stem}: {len(mine)} results, {len(failing)} failing")
        for r in failing:
            print(f"    {r['code']} {r['severity']}: {r['message']}")
            for e in r["evidence"]:
                print(f"      [{e['section']}] {e['quote']!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--corpus-year", type=int, default=2019)
    args = ap.parse_args()
    shared = Path(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        score(shared, Path(tmp))
        data = corpus(shared, args.corpus_year, Path(tmp))
        random_five(shared, args.corpus_year, data)


if __name__ == "__main__":
    main()
