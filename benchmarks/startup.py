#!/usr/bin/env python3
"""Wall time and peak memory of check-report as a whole process, against baselines.

    .venv/bin/python benchmarks/startup.py [-n 5] [--check-report PATH]

Runs, each N times as a fresh process:
  - `check-report sample_reports/mali-2020.txt --format json --output /tmp/x.json` (a real run)
  - `check-report --help` (start-up only: must not import pandas)
  - `python -c "import pandas"` and `python -c pass` (baselines)
and prints the median wall time and the peak RSS of each, and the ratios to the baselines.
Peak RSS comes from wait4() (the child's own ru_maxrss), so each run is measured alone.
Stops with a message when a check-report run fails (exit status 2, or no output written).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure(argv: list[str], n: int, writes: Path | None = None) -> dict:
    """Median wall time and peak RSS of `argv` over n runs; `writes`: a file each run must write."""
    walls, rss = [], []
    for _ in range(n):
        if writes is not None and writes.exists():
            writes.unlink()
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # child: quiet, no stdin
            try:
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.execv(argv[0], argv)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        walls.append(time.perf_counter() - start)
        code = os.waitstatus_to_exitcode(status)
        # 1 is "findings" for check-report, but also an uncaught exception: check the output too
        if code not in (0, 1) or (writes is not None and not writes.exists()):
            raise SystemExit(f"{' '.join(argv)}: exit status {code}, failed (run it by hand to see why)")
        # ru_maxrss is KiB on Linux, bytes on macOS
        rss.append(usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024))
    return {"median_s": statistics.median(walls), "peak_rss_mib": max(rss)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--check-report", default=str(Path(sys.executable).with_name("check-report")),
                        help="the check-report executable (default: next to this Python)")
    args = parser.parse_args()

    cr = args.check_report
    if not Path(cr).exists():
        raise SystemExit(f"{cr} not found: install reportcheck in this environment (pip install -e .)")
    out = Path(tempfile.gettempdir()) / "x.json"
    commands = {
        "check-report sample (json)": [cr, str(REPO / "sample_reports" / "mali-2020.txt"),
                                       "--format", "json", "--output", str(out)],
        "check-report --help": [cr, "--help"],
        'python -c "import pandas"': [sys.executable, "-c", "import pandas"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    results = {}
    for name, argv in commands.items():
        writes = out if "--output" in argv else None
        measure(argv, 1, writes)  # warm the file cache
        results[name] = measure(argv, args.n, writes)

    width = max(len(k) for k in results)
    print(f"{'command'.ljust(width)}  median wall   peak RSS   (n={args.n})")
    for name, r in results.items():
        print(f"{name.ljust(width)}  {r['median_s'] * 1000:8.0f} ms  {r['peak_rss_mib']:6.0f} MiB")

    print()
    base_py, base_pd = results["python -c pass"], results['python -c "import pandas"']
    for name in ("check-report sample (json)", "check-report --help"):
        r = results[name]
        print(f"{name}: {r['median_s'] / base_py['median_s']:.1f}x python -c pass, "
              f"{r['median_s'] / base_pd['median_s']:.1f}x import pandas (time); "
              f"{r['peak_rss_mib'] / base_pd['peak_rss_mib']:.1f}x import pandas (memory)")


if __name__ == "__main__":
    main()
