#!/usr/bin/env python3
"""Time of check-report on crafted hostile inputs at 10k, 100k and 1M characters.

    .venv/bin/python benchmarks/hostile.py [--sizes 10000,100000,1000000] [--only NAME ...]
                                           [--timeout 300]

Each input is written to a temporary file and checked in this process by the path the command
takes (reportcheck.pipeline.run), after an untimed warm-up on the bundled sample (imports,
compiled patterns). Printed per input: seconds at each size, figures found at the largest, and
the ratio of the times of consecutive sizes: for sizes ten times apart, a ratio near 10 is
linear time, near 100 quadratic. An input that takes longer than --timeout seconds is stopped
and shown as "timeout" (its larger sizes are skipped). Stdlib only, plus the installed
reportcheck. Timings are noisy on a shared machine: read the ratios, not the last digit.
"""
from __future__ import annotations

import argparse
import itertools
import signal
import string
import tempfile
import time
from importlib import resources
from pathlib import Path


def _fill(parts, size: int, sep: str) -> str:
    """Items of `parts` joined by `sep`, up to `size` characters."""
    out, n = [], 0
    for p in parts:
        out.append(p)
        n += len(p) + len(sep)
        if n >= size:
            break
    return sep.join(out)


def _names():
    """A, B, ..., Z, AA, AB, ... (place-like names for list items)."""
    for k in itertools.count(1):
        for t in itertools.product(string.ascii_uppercase, repeat=k):
            yield "".join(t)


def hyphen_numbers(size: int) -> str:
    """One token of numbers joined by hyphens: "1-2-3-4-..."."""
    return "In 2019 the counts were " + _fill((str(i % 1000) for i in itertools.count(1)), size, "-") + ".\n"


def list_in_places(size: int) -> str:
    """One sentence without an end: "12 in A, 13 in B, 14 in C, ..."."""
    return "Police arrested " + _fill((f"{10 + i % 90} in {n}" for i, n in enumerate(_names())), size, ", ") + "\n"


def list_numbers(size: int) -> str:
    """One sentence without an end: "1, 2, 3, ..., and 4"."""
    return "The victims numbered " + _fill((str(1 + i % 997) for i in itertools.count()), size, ", ") + ", and 4\n"


def paragraph_no_end(size: int) -> str:
    """One paragraph of words and counts without a sentence end."""
    words = ("the army killed 12 civilians and wounded 3 others in the village while police detained "
             "45 persons and released 7 of them").split()
    return _fill(itertools.cycle(words), size, " ") + "\n"


def one_paragraph_of_sentences(size: int) -> str:
    """One paragraph of many short dated sentences with counts and cues."""
    s = "On March 3, soldiers killed 12 civilians in Gao. Police arrested 40 persons, including 5 women. "
    return (s * (size // len(s) + 1))[:size].rsplit(".", 1)[0] + ".\n"


def lines_of_statistics(size: int) -> str:
    """The same statistic on every line: "12 civilians were killed in 2019 by ..."."""
    return _fill((f"In 2019, {100 + i % 50} civilians were killed by security forces." for i in itertools.count()),
                 size, "\n") + "\n"


def html_one_element_attributes(size: int) -> str:
    """One element with a distinct attribute for every ~9 characters."""
    attrs = " ".join(f'a{i}="x"' for i in range(size // 9))
    return f"<html><body><p {attrs}>Police killed 12 persons in 2019.</p></body></html>"


def html_spread_attributes(size: int) -> str:
    """Distinct attributes spread over elements, ten each."""
    out = [f"<p {' '.join(f'a{j}={chr(34)}x{chr(34)}' for j in range(i, i + 10))}>12 were killed.</p>"
           for i in range(0, size // 9, 10)]
    return "<html><body>" + "".join(out) + "</body></html>"


def html_deep_nesting(size: int) -> str:
    """Block elements nested as deep as the size allows (~100k deep at 1M characters)."""
    depth = size // 11
    return ("<html><body>" + "<div>" * depth + "<p>Police killed 12 persons in 2019.</p>" + "</div>" * depth
            + "</body></html>")


INPUTS = {
    "hyphen-numbers": (hyphen_numbers, ".txt"),
    "list-in-places": (list_in_places, ".txt"),
    "list-numbers": (list_numbers, ".txt"),
    "paragraph-no-end": (paragraph_no_end, ".txt"),
    "one-paragraph-sentences": (one_paragraph_of_sentences, ".txt"),
    "lines-of-statistics": (lines_of_statistics, ".txt"),
    "html-one-element-attrs": (html_one_element_attributes, ".html"),
    "html-spread-attrs": (html_spread_attributes, ".html"),
    "html-deep-nesting": (html_deep_nesting, ".html"),
}


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def time_one(path: Path, timeout: int) -> tuple[float | None, int]:
    """(seconds, figures) of one check of `path`; (None, 0) when it takes over `timeout` s."""
    from reportcheck import pipeline

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    start = time.perf_counter()
    try:
        run = pipeline.run([str(path)], year=2019)
    except _Timeout:
        return None, 0
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return time.perf_counter() - start, len(run.figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="input sizes in characters")
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS), help="inputs to time (default: all)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per check (default 300)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from reportcheck import pipeline

    sample = resources.files("reportcheck.samples").joinpath("mali-2020.txt")
    pipeline.run([str(sample)])  # warm-up: imports and compiled patterns are not timed

    head = "".join(f"{s:>10,}" for s in sizes)
    ratios = "".join(f"{'x' + format(b // a, ','):>9}" for a, b in zip(sizes, sizes[1:], strict=False))
    print(f"{'input':<26}{head} s {'figures':>9}   ratio of times:{ratios}")
    with tempfile.TemporaryDirectory(prefix="reportcheck-hostile-") as tmp:
        for name in args.only or INPUTS:
            make, suffix = INPUTS[name]
            times: list[float | None] = []
            figures = 0
            for size in sizes:
                if times and times[-1] is None:
                    times.append(None)
                    continue
                # "mali": a report's name, so that the country (and its gazetteer) is read as usual
                path = Path(tmp) / f"mali{suffix}"
                path.write_text(make(size), encoding="utf-8")
                seconds, figures = time_one(path, args.timeout)
                times.append(seconds)
            cells = "".join(f"{t:>10.2f}" if t is not None else f"{'timeout':>10}" for t in times)
            rs = "".join(f"{b / a:>9.1f}" if a and b else f"{'-':>9}" for a, b in zip(times, times[1:], strict=False))
            print(f"{name:<26}{cells}   {figures:>9}                  {rs}", flush=True)


if __name__ == "__main__":
    main()
