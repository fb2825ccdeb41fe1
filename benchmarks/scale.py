#!/usr/bin/env python3
"""Corpus scale (issue 12): check-report over every edition of the corpus, streamed, on each
engine; the peak memory of the whole process tree; an incremental run with --cache.

    .venv/bin/python benchmarks/scale.py [--shared ../shared] [--one-year 2019]
                                         [--configs local:2,dask:1,dask:2] [--keep DIR]

Each run is one `check-report` process (a subprocess, REPORTCHECK_DEBUG=1) writing the outputs
that stream, so that memory is bounded by the largest document and not the corpus:

    check-report DIR... --format jsonl -o OUT/review.jsonl --format html -o OUT/html/
                 --figures-out OUT/figures/ --fail-on never --quiet ENGINE-OPTIONS

For each engine configuration (`local:N` is --engine local --jobs N; `dask:N` --engine dask
--jobs N, a Dask LocalCluster of N worker processes) it runs once on one edition
(--one-year) and once on all of them (every year under corpus/text/), and prints: documents,
input MB, wall seconds, CPU seconds of the whole process tree (the command, its workers and,
for Dask, the nanny's worker processes: from /proc, summed over every process seen, plus what
the command reaped), MB/s (input MB / wall), and the peak memory of the process tree: the
largest sum of RSS of the command and all its descendants, and the same of PSS (shared pages
split between the processes that share them: what the tree really holds), sampled every 50 ms.
Then the ratio of the peak on all editions to the peak on one (target: at most 1.3).

Cache: the first configuration's run on all editions is given `--cache DIR` (a new directory:
every report checked and stored), then the same command runs again (every report reused) and
the ratio of the two wall times is printed (target: under 0.10).

Stdlib only. Timings are noisy on a shared machine: the load average is printed before and
after; CPU seconds are steadier than wall seconds.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")
TARGET_MEMORY_RATIO = 1.3
TARGET_CACHE_RATIO = 0.10


def check_report() -> str:
    exe = Path(sys.executable).parent / "check-report"
    return str(exe) if exe.exists() else "check-report"


def corpus_bytes(folders: list[Path]) -> tuple[int, int]:
    files = [f for d in folders for f in d.rglob("*") if f.is_file() and f.suffix.lower() in (".txt", ".html")]
    return len(files), sum(f.stat().st_size for f in files)


# --- the process tree, from /proc -----------------------------------------------------------------


def _parents() -> dict[int, int]:
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    stat = fh.read()
                out[int(name)] = int(stat[stat.rfind(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    return out


def _tree(root: int) -> list[int]:
    parent = _parents()
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def _sample(pid: int) -> tuple[int, int, float] | None:
    """(RSS, PSS, CPU seconds so far) of one process, None when it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            rss = int(fh.read().split()[1]) * PAGE
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
        pss = 0
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss = int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
        return rss, pss, cpu
    except (OSError, ValueError, IndexError):
        return None


class TreeSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.procs = self.samples = 0
        self.cpu: dict[int, float] = {}  # pid -> last CPU seconds seen (descendants the command did not reap)
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            rss = pss = n = 0
            for p in _tree(self.pid):
                s = _sample(p)
                if s is None:
                    continue
                rss, pss, n = rss + s[0], pss + s[1], n + 1
                if p != self.pid:
                    self.cpu[p] = s[2]
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.procs, self.samples = max(self.procs, n), self.samples + 1
            self.stop.wait(self.interval)


def run_once(argv: list[str]) -> dict:
    env = dict(os.environ, REPORTCHECK_DEBUG="1")
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env,
                                start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    # wait4: the command and the children it reaped (its local workers); the Dask nanny's
    # workers are reaped by it too, but a process reaped by no one would be missing: add what
    # /proc showed of descendants beyond what the rusage covers (never counted twice: the larger)
    reaped = usage.ru_utime + usage.ru_stime
    seen = sum(sampler.cpu.values())
    return {"wall": wall, "cpu": max(reaped, seen), "exit": proc.returncode, "stderr": stderr,
            "rss_mib": sampler.peak_rss / 2**20, "pss_mib": sampler.peak_pss / 2**20, "procs": sampler.procs,
            "samples": sampler.samples, "argv": argv}


def summary_of(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            last = None
            for line in fh:
                last = line
        return json.loads(last)["summary"] if last else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def engine_args(config: str) -> list[str]:
    engine, _, jobs = config.partition(":")
    return ["--engine", engine, "--jobs", jobs or "0"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--one-year", default="2019")
    ap.add_argument("--configs", default="local:2,dask:1,dask:2",
                    help="engine:jobs, comma-separated (default local:2,dask:1,dask:2)")
    ap.add_argument("--keep", help="write the outputs under DIR (default: a temporary directory, removed)")
    ap.add_argument("--no-cache", action="store_true", help="skip the cache runs")
    args = ap.parse_args()
    text = Path(args.shared) / "corpus" / "text"
    years = sorted(p for p in text.iterdir() if p.is_dir())
    one = [text / args.one_year]
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    try:
        from reportcheck import __version__ as version
    except Exception:  # only printed
        version = "?"
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    print(f"{datetime.datetime.now().isoformat(timespec='seconds')}, reportcheck {version} at {commit}, "
          f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="scale."))
    base.mkdir(parents=True, exist_ok=True)
    problems, results = [], {}

    def measure(label: str, folders: list[Path], config: str, extra: list[str] = (), fresh: bool = True) -> dict:
        out = base / label.replace(" ", "_").replace(":", "")
        if fresh and out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True, exist_ok=True)
        argv = [check_report(), *map(str, folders), "--format", "jsonl", "-o", str(out / "review.jsonl"),
                "--format", "html", "-o", f"{out}/html/", "--figures-out", f"{out}/figures/", "--fail-on", "never",
                "--quiet", *engine_args(config), *extra]
        r = run_once(argv)
        docs, size = corpus_bytes(folders)
        s = summary_of(out / "review.jsonl")
        r.update(docs=docs, mb=size / 1e6, summary=s, review=out / "review.jsonl")
        if "Traceback" in r["stderr"] or r["exit"] not in (0,) or s.get("documents") != docs:
            problems.append(f"{label}: exit {r['exit']}, {s.get('documents')} of {docs} documents, "
                            f"stderr: {r['stderr'].strip()[:2000]}")
        print(f"| {label} | {docs} | {size / 1e6:.1f} | {r['wall']:.1f} | {r['cpu']:.1f} "
              f"| {size / 1e6 / r['wall']:.2f} | {r['rss_mib']:.0f} | {r['pss_mib']:.0f} | {r['procs']} "
              f"| {s.get('figures', '?')} | {s.get('failed', '?')} | {r['exit']} |", flush=True)
        return r

    print("## Streamed runs\n")
    print(f"`check-report DIR... --format jsonl -o OUT/review.jsonl --format html -o OUT/html/ --figures-out "
          f"OUT/figures/ --fail-on never --quiet --engine E --jobs N`; one edition: text/{args.one_year}; all: "
          f"text/{years[0].name}..{years[-1].name}\n")
    print("| run | docs | MB | wall s | CPU s (tree) | MB/s | peak RSS MiB (tree) | peak PSS MiB (tree) | procs "
          "| figures | failing | exit |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    cache_dir = base / "cache"
    for i, config in enumerate(configs):
        results[(config, "one")] = measure(f"{config} one edition", one, config)
        extra = ["--cache", str(cache_dir)] if i == 0 and not args.no_cache else []
        if extra and cache_dir.exists():
            shutil.rmtree(cache_dir)
        label = f"{config} all editions" + (" (cold cache)" if extra else "")
        results[(config, "all")] = measure(label, years, config, extra)
        if extra:
            results["warm"] = measure(f"{config} all editions (warm cache)", years, config, extra)
    print()
    for config in configs:
        a, o = results[(config, "all")], results[(config, "one")]
        ratio = a["pss_mib"] / o["pss_mib"] if o["pss_mib"] else float("nan")
        ratio_rss = a["rss_mib"] / o["rss_mib"] if o["rss_mib"] else float("nan")
        verdict = "ok" if max(ratio, ratio_rss) <= TARGET_MEMORY_RATIO else "MISSED"
        print(f"- {config}: peak memory all editions / one edition: PSS {a['pss_mib']:.0f} / {o['pss_mib']:.0f} MiB "
              f"= **{ratio:.2f}**, RSS {a['rss_mib']:.0f} / {o['rss_mib']:.0f} MiB = {ratio_rss:.2f} "
              f"(target <= {TARGET_MEMORY_RATIO}: {verdict}); "
              f"{a['mb'] / a['wall']:.2f} MB/s, {a['mb'] / a['cpu']:.2f} MB per CPU second")
    if "warm" in results:
        cold, warm = results[(configs[0], "all")], results["warm"]
        ratio = warm["wall"] / cold["wall"]
        print(f"- cache: second run over the unchanged corpus {warm['wall']:.1f} s / first run {cold['wall']:.1f} s "
              f"= **{ratio:.3f}** (target < {TARGET_CACHE_RATIO}: {'ok' if ratio < TARGET_CACHE_RATIO else 'MISSED'}); "
              f"CPU {warm['cpu']:.1f} s / {cold['cpu']:.1f} s")
        same = cold["review"].read_bytes() == warm["review"].read_bytes()
        print(f"  the two JSON Lines reviews are {'identical' if same else 'DIFFERENT'}")
        if not same:
            problems.append("the cached run's review differs")
    reviews = [results[(c, "all")]["review"] for c in configs]
    if len(reviews) > 1 and all(p.exists() for p in reviews):
        same = len({p.read_bytes() for p in reviews}) == 1
        print(f"- the JSON Lines reviews of every engine on all editions are {'identical' if same else 'DIFFERENT'}")
        if not same:
            problems.append("the engines' reviews differ")
    print(f"\nload average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          "(other work on the machine skews wall times)")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    if problems:
        print("\n" + "!" * 72)
        for p in problems:
            print(f"!!! {p}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
