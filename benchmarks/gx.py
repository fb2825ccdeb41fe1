#!/usr/bin/env python3
"""What a Great Expectations suite costs a run: check-report on the sample without and with
`--expectations expectations/figures.json`, each as a fresh process, median of N (default 3).

    .venv/bin/python benchmarks/gx.py [-n 3] [--check-report PATH]

A run without --expectations must not import great_expectations (it is imported only when a
suite is given), so it stays well under a second on the sample; the run with the suite pays
GX's import and context. Exit status 1 when a run fails (a status other than 0 or 1, the
review's) or the run without a suite takes a second or more.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "expectations" / "figures.json"
SAMPLE = REPO / "sample_reports" / "mali-2020.txt"


def timed(argv: list[str], n: int) -> tuple[float, list[float]]:
    walls = []
    for _ in range(n):
        start = time.perf_counter()
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, cwd=REPO)
        walls.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)}: exit {proc.returncode}: {proc.stderr.strip()}")
    return statistics.median(walls), walls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=3, help="runs of each (median)")
    parser.add_argument("--check-report", default=str(Path(sys.executable).with_name("check-report")))
    args = parser.parse_args()
    base = [args.check_report, str(SAMPLE), "--format", "json", "--no-report-rules"]
    without, w1 = timed(base, args.n)
    with_gx, w2 = timed([*base, "--expectations", str(SUITE)], args.n)
    print(f"check-report {SAMPLE.relative_to(REPO)} (median of {args.n}, seconds)")
    print(f"  without --expectations: {without:.2f}  ({', '.join(f'{w:.2f}' for w in w1)})")
    print(f"  with --expectations {SUITE.relative_to(REPO)}: {with_gx:.2f}  ({', '.join(f'{w:.2f}' for w in w2)})")
    print(f"  the suite costs {with_gx - without:.2f} s ({with_gx / without:.1f}x)")
    if without >= 1.0:
        print("FAIL: without --expectations the run takes a second or more", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
