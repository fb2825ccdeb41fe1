"""How check-report's time and memory grow with a figures table's size.

Builds three user tables (incident,source,date,place,region,measure,value) and checks each
with check-report in a child process, printing its wall time, its peak memory (the child's
maximum resident set) and the ratios between sizes:

* spread-10k, spread-100k: rows spread over many incidents (three sources each, a conflicting
  count in one incident of twenty), so that a tenfold table should cost about tenfold;
* one-20k: 20,000 rows of one incident, each from its own source and place, a few counts and
  dates among them: what costs the square of an incident's mentions shows here.

Usage: .venv/bin/python benchmarks/tables.py [--check-report PATH] [--only NAME ...]
       [--timeout SECONDS] [--max-memory MIB] [--keep DIR]
"""
from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HEADER = ["incident", "source", "date", "place", "region", "measure", "value"]

# the child reports its own time and its children's peak memory: getrusage(RUSAGE_CHILDREN) of
# this process would give the largest child of the whole benchmark, not the one just run
MEASURE = """
import resource, subprocess, sys, time
timeout, limit = float(sys.argv[1]), int(sys.argv[2]) * 2**20
if limit:  # inherited by check-report: an explosion ends in a MemoryError (exit 3), not in swap
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
start = time.perf_counter()
try:
    code = subprocess.run(sys.argv[3:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=timeout).returncode
except subprocess.TimeoutExpired:
    code = "timeout"
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def spread(path: Path, rows: int) -> None:
    """`rows` rows, three sources per incident; every 20th incident's third source disagrees."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(rows):
            incident, source = divmod(i, 3)
            value = 10 + incident % 40 + (5 if incident % 20 == 0 and source == 2 else 0)
            w.writerow([f"E{incident}", f"S{source}", f"2020-{1 + incident % 12:02d}-{1 + incident % 28:02d}",
                        f"P{incident % 500}", f"R{incident % 500 // 50}", "killed", value])


def one_incident(path: Path, rows: int) -> None:
    """`rows` rows of one incident, each its own source and place (one region): mostly 12
    killed on one day, a few other counts and days."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(rows):
            value = 12 if i % 100 else 12 + i // 100 % 5
            day = 19 if i % 250 else 18 + i // 250 % 3
            w.writerow(["E1", f"S{i}", f"2020-03-{day:02d}", f"P{i % 1000}", "Gao", "killed", value])


TABLES = {"spread-10k": (spread, 10_000), "spread-100k": (spread, 100_000), "one-20k": (one_incident, 20_000)}


def measure(tool: list[str], table: Path, timeout: float, memory_mib: int = 0) -> tuple[float, float, str]:
    """(seconds, peak MiB, exit status) of check-report on `table`."""
    out = subprocess.run([sys.executable, "-c", MEASURE, str(timeout), str(memory_mib), *tool, str(table),
                          "--format", "json", "--output", str(table.with_suffix(".json"))],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, out[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check-report", default=None, help="the command to measure (default: this venv's)")
    ap.add_argument("--only", nargs="*", choices=sorted(TABLES), help="these tables only")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a run is given up")
    ap.add_argument("--max-memory", type=int, default=0, metavar="MIB",
                    help="bound each run's address space (a run that needs more fails: exit 3)")
    ap.add_argument("--keep", help="write the tables and outputs here (default: a temporary folder)")
    args = ap.parse_args(argv)
    tool = [args.check_report or str(Path(sys.executable).with_name("check-report"))]
    work = Path(args.keep or tempfile.mkdtemp(prefix="reportcheck-tables-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    print(f"{'table':<12} {'rows':>8} {'seconds':>9} {'peak MiB':>9}  exit")
    try:
        for name, (build, rows) in TABLES.items():
            if args.only and name not in args.only:
                continue
            table = work / f"{name}.csv"
            build(table, rows)
            seconds, mib, code = measure(tool, table, args.timeout, args.max_memory)
            results[name] = (seconds, mib)
            print(f"{name:<12} {rows:>8} {seconds:>9.2f} {mib:>9.0f}  {code}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for big, small in (("spread-100k", "spread-10k"), ("one-20k", "spread-10k")):
        if big in results and small in results:
            (t1, m1), (t0, m0) = results[big], results[small]
            print(f"{big} / {small}: time x{t1 / t0:.1f}, peak memory x{m1 / m0:.1f} "
                  f"(rows x{TABLES[big][1] / TABLES[small][1]:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
