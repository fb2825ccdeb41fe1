#!/usr/bin/env python3
"""Every failing RC108 stated-arithmetic result of the corpus, with its sentence, for reading.

    .venv/bin/python benchmarks/claims.py [--shared ../shared] [--years 2019-2024] [--jobs N] [--passed]

Runs reportcheck.pipeline.run over ../shared/corpus/text/<year>/ for each year (one year at a
time, `--jobs` worker processes) and prints, per failing RC108 result: the report, its message,
its arithmetic and the sentence it is in; then how many claims were judged per year, and the
precision of the flags against the verdicts of READ below (a careful reader's, made by reading
each flag's sentence in the report: "real" a slip of the report, "false" a misreading by the
tool, "uncertain" when the text cannot settle it). A flag not in READ is printed as "unread":
read it, and add it. `--passed` also lists the claims that hold (to see what is read at all).

Reads ../shared only here, in benchmarks: the tests never need it.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from flag_reading import print_precision, verdict, years

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

# (document, the start of the quoted claim) -> (verdict, why)
READ = {
    ("iraq", "quadrupled between 2017 and 2018"): (
        "real", "at least 271 after 125 is 2.2 times, a little more than double (gold: death-sentences-quadrupled)"),
    ("afghanistan", "from 717 to 1,149"): (
        "real", "717 to 1,149 is +60 percent, not +36; the sentence mixes two comparisons"),
    ("bosnia-and-herzegovina", "out of 83 delegate seats"): (
        "real", "18 of 83 seats is 21.7 percent, not 23 (23 percent of 83 is 19)"),
    ("mongolia", "16 of 76"): ("real", "16 of 76 is 21.1 percent, not 22"),
    ("liberia", "926,380 (37 percent)"): (
        "real", "the whole is printed as '2,476,356 million' voters; the share holds only for 2,476,356"),
    ("brazil", "6,416 persons nationwide"): ("real", "6,351 to 6,416 is +1.0 percent, not +0.3"),
    ("democratic-republic-of-the-congo", "66 percent of the affected mining sites"): (
        "uncertain", "198 of 265 is 74.7 percent; the parenthesis may count the affected sites among all sites"),
    ("austria", "1,061 complaints"): (
        "real", "1,061 after 1,402 is a 24 percent decrease; the 2021 sentence's 'a 33.4 percent increase over' was "
                "kept from the year before"),
    ("libya", "688,121 returnees"): ("real", "544,618 to 688,121 is +26.3 percent, not +21"),
}


def sentence(run, doc_id: str, result) -> str:
    """The sentence of the claim: the span of its figures' sentences in the figures table."""
    text = run.texts.get(doc_id, "")
    ids = {e.figure_id for e in result.evidence}
    fig = run.figures
    rows = fig[(fig["document"] == doc_id) & fig["figure_id"].isin(ids)]
    if len(rows):
        a, b = int(rows["sentence_start"].min()), int(rows["sentence_end"].max())
    else:
        a, b = result.evidence[0].start, result.evidence[0].end
    return " ".join(text[a:b].split())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--years", default="2019-2024")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--passed", action="store_true", help="also list the claims that hold")
    args = ap.parse_args(argv)

    from reportcheck import pipeline

    verdicts: Counter = Counter()
    for year in years(args.years):
        folder = Path(args.shared) / "corpus" / "text" / str(year)
        if not folder.is_dir():
            print(f"no corpus at {folder}")
            continue
        start = time.perf_counter()
        run = pipeline.run([str(folder)], jobs=args.jobs)
        judged = [r for r in run.results if r.code == "RC108"]
        failed = [r for r in judged if r.failed]
        kinds = Counter(r.details.get("claim") for r in judged)
        print(f"== {year}: {len(run.documents)} reports, {len(judged)} claims judged "
              f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), {len(failed)} failing "
              f"[{time.perf_counter() - start:.0f} s]")
        for r in failed if not args.passed else judged:
            v, why = verdict(READ, r.document, r) if r.failed else ("", "")
            if r.failed:
                verdicts[v] += 1
            mark = f"FAIL {v}" if r.failed else "pass"
            print(f"[{mark}] {r.document} ({r.severity}): {r.message}")
            print(f"    arithmetic: {r.arithmetic}")
            if why:
                print(f"    verdict: {why}")
            print(f"    sentence: {sentence(run, r.document, r)}")
        print()
    print_precision(verdicts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
