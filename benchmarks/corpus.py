#!/usr/bin/env python3
"""Speed and memory of check-report on a whole corpus year, against the targets.

    .venv/bin/python benchmarks/corpus.py [--shared ../shared] [--year 2019] [--runs 1]
                                          [--formats text,html] [--jobs N] [--no-inprocess]

1. Whole process: runs `check-report DIR --format json --output OUT.json --fail-on never` once
   per run over ../shared/corpus/text/<year> and ../shared/corpus/html/<year> (one call each,
   a subprocess, REPORTCHECK_DEBUG=1 so that an internal error shows its traceback), and prints
   per run: documents, input MB, wall seconds, MB/s, CPU seconds of the child (user + system,
   from wait4: less sensitive to other work on the machine than wall time), peak RSS, exit
   status, failing results, figures, unparsed numbers.
   Peak RSS is given two ways:
   - `maxrss`: the child's ru_maxrss from wait4() (the rusage of that one child and the
     descendants it waited for: the largest *single* process). getrusage(RUSAGE_CHILDREN) would
     give the same for the first run, but it is a maximum over every child this script ever
     waited for, so later runs could not be told apart; wait4 gives each run its own.
   - `tree RSS`: the largest sum of RSS of the child and all its descendants, sampled from /proc
     every 50 ms (check-report may use worker processes: `--jobs`, one per core by default).
     Forked workers share their parent's pages, which RSS counts once per process, so this is an
     upper bound; `tree PSS` (from /proc/PID/smaps_rollup, shared pages split between their
     processes) is what the tree really holds. `procs`: most processes seen at once.
   A traceback on stderr, an exit status other than 0/1 or no output file is reported loudly and
   the script exits 1 (after printing everything else).
2. In one process, one core: reads every text report of the year (read_document), then times
   `reportcheck.extract.figures.extract(doc, rules)` (extraction alone) and, in a second fresh
   process (reportcheck caches per-country tables and its last number analyses, so the two must
   not share a process), `reportcheck.pipeline.check_document(doc, rules)` (extract -> link ->
   check) per document, after an untimed warm-up on the bundled sample (lazy imports, compiled
   patterns). Prints MB/s of each and the 5 slowest documents.

Targets printed alongside: the corpus year under 15 s, extraction >= 2 MB/s per core, peak
memory under 1 GiB; `x target` is the figure divided by its target (time and memory: under 1.0
meets it; throughput: at least 1.0 meets it). MB = 10^6 bytes of input files; MiB for memory.
Stdlib only (plus the installed reportcheck for part 2). Timings are noisy on a shared machine:
rerun with --runs 3 and read the median.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = {".txt", ".text", ".htm", ".html", ".xhtml"}
TARGET_WALL_S = 15.0
TARGET_EXTRACT_MBS = 2.0
TARGET_RSS_MIB = 1024.0
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def check_report() -> str:
    exe = Path(sys.executable).parent / "check-report"
    return str(exe) if exe.exists() else "check-report"


def input_files(folder: Path) -> list[Path]:
    try:
        from reportcheck.read.decode import HTML_SUFFIXES, TEXT_SUFFIXES
        suffixes = set(TEXT_SUFFIXES) | set(HTML_SUFFIXES)
    except Exception:  # an older package: a fixed list will do for counting bytes
        suffixes = SUFFIXES
    return sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)


# --- process tree RSS, sampled from /proc ---------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    out += [int(c) for c in fh.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return out


def _children_by_scan(root: int) -> list[int]:
    """Fallback when /proc/PID/task/TID/children does not exist: every process's parent."""
    parent = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    stat = fh.read()
                parent[int(name)] = int(stat[stat.rfind(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        out += kids
        todo += kids
    return out


def tree_memory(root: int, by_scan: bool) -> tuple[int, int, int]:
    """(sum of RSS, sum of PSS, processes) over root and its descendants, in bytes. RSS counts
    pages a forked worker shares with its parent once per process (an upper bound); PSS splits
    them between the processes sharing them (0 when smaps_rollup cannot be read)."""
    pids = [root] + (_children_by_scan(root) if by_scan else [])
    if not by_scan:
        todo = [root]
        while todo:
            kids = _children(todo.pop())
            pids += kids
            todo += kids
    rss = pss = n = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as fh:
                rss += int(fh.read().split()[1]) * PAGE
            n += 1
        except (OSError, ValueError, IndexError):
            continue
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError, IndexError):
            pass
    return rss, pss, n


class TreeSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.samples = pid, interval, 0
        self.peak = self.peak_pss = self.procs = 0
        self.stop = threading.Event()
        self.by_scan = not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")

    def run(self) -> None:
        while not self.stop.is_set():
            rss, pss, n = tree_memory(self.pid, self.by_scan)
            self.peak, self.peak_pss, self.procs = max(self.peak, rss), max(self.peak_pss, pss), max(self.procs, n)
            self.samples += 1
            self.stop.wait(self.interval)


# --- 1. whole process ---------------------------------------------------------------------------


def run_once(folder: Path, out: Path, extra: list[str]) -> dict:
    if out.exists():
        out.unlink()
    env = dict(os.environ, REPORTCHECK_DEBUG="1")
    argv = [check_report(), str(folder), "--format", "json", "--output", str(out), "--fail-on", "never", *extra]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    r = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "exit": proc.returncode, "stderr": stderr,
         "maxrss_mib": usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024),
         "tree_mib": sampler.peak / 2**20, "tree_pss_mib": sampler.peak_pss / 2**20, "procs": sampler.procs,
         "samples": sampler.samples, "argv": argv}
    if out.exists():
        try:
            data = json.loads(out.read_text(encoding="utf-8"))
            r["documents"] = len(data["documents"])
            r["figures"] = sum(d.get("figures", 0) for d in data["documents"])
            r["unparsed"] = sum(d.get("unparsed_numbers", 0) for d in data["documents"])
            r["failing"] = sum(1 for x in data["results"] if x.get("outcome") == "fail")
            r["results"] = len(data["results"])
        except (ValueError, KeyError) as exc:
            r["bad_output"] = f"{type(exc).__name__}: {exc}"
    return r


def whole_process(shared: Path, year: int, formats: list[str], runs: int, problems: list[str],
                  extra: list[str]) -> None:
    print(f"## Whole process: `check-report DIR --format json --output OUT.json --fail-on never{' ' if extra else ''}"
          f"{' '.join(extra)}`\n")
    print("| input | run | docs | MB | wall s | MB/s | cpu s | maxrss MiB | tree RSS MiB | tree PSS MiB | procs "
          "| exit | failing | figures | unparsed |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    summary = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            folder = shared / "corpus" / fmt / str(year)
            if not folder.is_dir():
                print(f"| {fmt}/{year} | - | no corpus at {folder} |")
                continue
            files = input_files(folder)
            mb = sum(f.stat().st_size for f in files) / 1e6
            rows = []
            for i in range(1, runs + 1):
                r = run_once(folder, Path(tmp) / f"{fmt}.json", extra)
                rows.append(r)
                print(f"| {fmt}/{year} | {i} | {r.get('documents', '?')} (of {len(files)}) | {mb:.1f} | "
                      f"{r['wall']:.1f} | {mb / r['wall']:.2f} | {r['cpu']:.1f} | {r['maxrss_mib']:.0f} | "
                      f"{r['tree_mib']:.0f} | {r['tree_pss_mib']:.0f} | {r['procs']} | {r['exit']} | "
                      f"{r.get('failing', '?')} | {r.get('figures', '?')} | {r.get('unparsed', '?')} |")
                where = f"{fmt}/{year} run {i}"
                if "Traceback" in r["stderr"]:
                    problems.append(f"{where}: TRACEBACK on stderr:\n{r['stderr'].strip()}")
                elif r["stderr"].strip():
                    problems.append(f"{where}: stderr: {r['stderr'].strip()[:2000]}")
                if r["exit"] not in (0, 1):
                    problems.append(f"{where}: exit status {r['exit']} (expected 0 with --fail-on never)")
                if "documents" not in r:
                    problems.append(f"{where}: no usable output ({r.get('bad_output', 'no file written')})")
                elif r["documents"] != len(files):
                    problems.append(f"{where}: {r['documents']} documents in the output, {len(files)} input files")
            summary[fmt] = (mb, rows)
    print()
    for fmt, (mb, rows) in summary.items():
        wall = statistics.median(r["wall"] for r in rows)
        rss = max(max(r["maxrss_mib"], r["tree_mib"]) for r in rows)
        med = " (median)" if len(rows) > 1 else ""
        cpu = statistics.median(r["cpu"] for r in rows)
        print(f"- {fmt}/{year}: wall {wall:.1f} s{med} (cpu {cpu:.1f} s) vs target < {TARGET_WALL_S:.0f} s: "
              f"**{wall / TARGET_WALL_S:.2f} x target** {'ok' if wall < TARGET_WALL_S else 'MISSED'}; "
              f"peak memory {rss:.0f} MiB vs target < 1 GiB: **{rss / TARGET_RSS_MIB:.2f} x target** "
              f"{'ok' if rss < TARGET_RSS_MIB else 'MISSED'} (the larger of maxrss and tree RSS); "
              f"{mb / wall:.2f} MB/s whole process")
        samples = min(r["samples"] for r in rows)
        if samples < 3:
            print(f"  (tree RSS from only {samples} samples: too short a run to trust it)")
    print()


# --- 2. in one process ----------------------------------------------------------------------------
# Each stage runs in a fresh process of its own, one after the other: reportcheck keeps caches
# across calls (per-country place tables, the number analysis of the last texts, keyed by the
# text object), so timing extract() and then check_document() on the same document in one
# process would credit the second with the first one's work.


def stage(shared: Path, year: int, name: str) -> None:
    """Child process: time `name` (extract | check) on every text report; JSON on stdout."""
    t0 = time.perf_counter()
    from importlib import resources

    from reportcheck.config import load_rules
    from reportcheck.extract.figures import extract
    from reportcheck.pipeline import check_document
    from reportcheck.read import read_document

    rules = load_rules([])
    t_import = time.perf_counter() - t0
    fn = extract if name == "extract" else check_document
    files = input_files(shared / "corpus" / "text" / str(year))
    docs, read_s = [], 0.0
    for f in files:
        t = time.perf_counter()
        docs.append((f, read_document(f)))
        read_s += time.perf_counter() - t
    # warm-up on the bundled sample (lazy imports such as pandas, compiled patterns): the
    # per-country tables of every corpus report are still built in its own timed call
    t = time.perf_counter()
    with resources.as_file(resources.files("reportcheck.samples").joinpath("mali-2020.txt")) as sample:
        fn(read_document(sample), rules)
    t_warm = time.perf_counter() - t
    rows = []
    for f, doc in docs:
        t, c = time.perf_counter(), time.process_time()
        fn(doc, rules)
        rows.append([f.stem, f.stat().st_size, time.perf_counter() - t, time.process_time() - c])
    json.dump({"import_s": t_import, "warm_s": t_warm, "read_s": read_s, "rows": rows}, sys.stdout)


def run_stage(shared: Path, year: int, name: str, problems: list[str]) -> dict | None:
    argv = [sys.executable, str(Path(__file__).resolve()), "--shared", str(shared), "--year", str(year),
            "--stage", name]
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or "Traceback" in proc.stderr:
        problems.append(f"in-process stage {name}: exit {proc.returncode}, TRACEBACK/stderr:\n{proc.stderr.strip()}")
    try:
        return json.loads(proc.stdout)
    except ValueError:
        return None


def in_process(shared: Path, year: int, problems: list[str], slowest: int = 5) -> None:
    folder = shared / "corpus" / "text" / str(year)
    print(f"## In one process, one core: text/{year}\n")
    if not folder.is_dir():
        print(f"no corpus at {folder}\n")
        return
    ex = run_stage(shared, year, "extract", problems)
    ck = run_stage(shared, year, "check", problems)
    if not ex or not ck:
        print("(a stage failed: see the end)\n")
        return
    mb = sum(r[1] for r in ck["rows"]) / 1e6
    ex_s, ck_s = sum(r[2] for r in ex["rows"]), sum(r[2] for r in ck["rows"])
    ex_c, ck_c = sum(r[3] for r in ex["rows"]), sum(r[3] for r in ck["rows"])
    print(f"{len(ck['rows'])} documents, {mb:.1f} MB; each stage in a fresh process: import + rules "
          f"{ck['import_s']:.2f} s, warm-up on the bundled sample {ck['warm_s']:.2f} s (not counted), "
          f"read_document {ck['read_s']:.2f} s ({mb / ck['read_s']:.0f} MB/s, not counted)\n")
    print("| stage (sum over documents, one core) | wall s | MB/s (wall) | cpu s | MB/s (cpu) | target "
          "| x target (wall) |")
    print("|---|---|---|---|---|---|---|")
    ok = "ok" if mb / ex_s >= TARGET_EXTRACT_MBS else "MISSED"
    print(f"| `extract(doc, rules)` (extraction alone) | {ex_s:.1f} | {mb / ex_s:.2f} | {ex_c:.1f} | {mb / ex_c:.2f} | "
          f">= {TARGET_EXTRACT_MBS:g} MB/s | **{mb / ex_s / TARGET_EXTRACT_MBS:.2f}** {ok} |")
    print(f"| `check_document(doc, rules)` (extract+link+check) | {ck_s:.1f} | {mb / ck_s:.2f} | {ck_c:.1f} | "
          f"{mb / ck_c:.2f} | (>= {TARGET_EXTRACT_MBS:g} MB/s) | {mb / ck_s / TARGET_EXTRACT_MBS:.2f} |")
    print("\n(cpu: process_time of this process; on a busy machine wall - cpu is time spent waiting for a core)")
    print()
    ex_by = {r[0]: r[2] for r in ex["rows"]}
    print(f"{slowest} slowest documents (check_document, by CPU time: steadier than wall on a busy machine):\n")
    print("| document | KB | check_document cpu s (wall s) | extract wall s | KB/s (cpu) |")
    print("|---|---|---|---|---|")
    for stem, size, t, c in sorted(ck["rows"], key=lambda r: -r[3])[:slowest]:
        print(f"| {stem} | {size / 1e3:.0f} | {c:.2f} ({t:.2f}) | {ex_by.get(stem, float('nan')):.2f} | "
              f"{size / 1e3 / max(c, 1e-9):.0f} |")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--year", type=int, default=2019)
    ap.add_argument("--runs", type=int, default=1, help="whole-process runs per format (default 1)")
    ap.add_argument("--formats", default="text,html", help="corpus formats, comma-separated (default text,html)")
    ap.add_argument("--no-inprocess", action="store_true", help="skip the in-process measurement")
    ap.add_argument("--jobs", type=int, help="pass --jobs N to check-report (default: its own default)")
    ap.add_argument("--stage", choices=("extract", "check"), help=argparse.SUPPRESS)  # internal: one stage
    args = ap.parse_args()
    shared = Path(args.shared)
    if args.stage:
        stage(shared, args.year, args.stage)
        return
    try:
        from reportcheck import __version__ as version
    except Exception:  # any failure: the version is only printed
        version = "?"
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    print(f"{datetime.datetime.now().isoformat(timespec='seconds')}, reportcheck {version}, "
          f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    problems: list[str] = []
    extra = ["--jobs", str(args.jobs)] if args.jobs is not None else []
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    whole_process(shared, args.year, formats, args.runs, problems, extra)
    if not args.no_inprocess:
        in_process(shared, args.year, problems)
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          "(other work on the machine skews timings)")
    if problems:
        print("\n" + "!" * 72)
        for p in problems:
            print(f"!!! {p}")
        print("!" * 72)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
