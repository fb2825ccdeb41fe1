#!/usr/bin/env python3
"""Every failing RC201 totals / RC202 part-of-whole result of the corpus, with its sentences, for reading.

    .venv/bin/python benchmarks/totals.py [--shared ../shared] [--years 2019] [--jobs N] [--cues]

Runs reportcheck.pipeline.run over ../shared/corpus/text/<year>/ for each year (one year at a
time, `--jobs` worker processes) and prints, per failing RC201 or RC202 result: the report, its
message, its arithmetic and the sentences it is about; then how many totals and parts were judged
per year, by cue, and the precision of the flags against the verdicts of READ below (a careful
reader's, made by reading each flag's sentences in the report: "real" the report's figures do not
add up, "false" a misreading by the tool, "uncertain" when the text cannot settle it). A flag not
in READ is printed as "unread": read it, and add it. `--cues` also prints, per cue, how many
breakdowns passed and failed (to see what each cue reads).

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

# (document, the start of the quoted total or part) -> (verdict, why)
READ: dict[tuple[str, str], tuple[str, str]] = {}


def sentences(run, doc_id: str, result) -> str:
    """The sentences a result is about: from the first of its evidence to the end of the last."""
    text = run.texts.get(doc_id, "")
    a = min(e.start for e in result.evidence)
    b = max(e.end for e in result.evidence)
    a = max(text.rfind(". ", 0, a) + 2, text.rfind("\n", 0, a) + 1, 0)
    stop = [p for p in (text.find(". ", b), text.find("\n", b)) if p >= 0]
    b = min(stop) + 1 if stop else len(text)
    return " ".join(text[a:b].split())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--years", default="2019")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cues", action="store_true", help="also count the breakdowns read after each cue")
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
        judged = [r for r in run.results if r.code in ("RC201", "RC202")]
        failed = [r for r in judged if r.failed]
        print(f"== {year}: {len(run.documents)} reports, {len(judged)} totals and parts judged, {len(failed)} failing "
              f"[{time.perf_counter() - start:.0f} s]")
        for r in failed:
            v, why = verdict(READ, r.document, r)
            verdicts[v] += 1
            print(f"[FAIL {v}] {r.document} {r.code} ({r.severity}): {r.message}")
            print(f"    arithmetic: {r.arithmetic}")
            if why:
                print(f"    verdict: {why}")
            print(f"    text: {sentences(run, r.document, r)}")
        if args.cues:
            cues = Counter((r.details.get("cue", "") if r.code == "RC201" else r.arithmetic.rsplit("cue: ", 1)[-1][:-1],
                            r.code, r.outcome) for r in judged)
            for (cue, code, outcome), n in sorted(cues.items()):
                print(f"    {code} {cue:<28} {outcome:<5} {n}")
        print()
    print_precision(verdicts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
