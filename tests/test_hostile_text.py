"""Hostile text and HTML: crafted inputs that took time quadratic in their size (or worse) run in
linear time, end with the documented exit status and read the figures they hold.

No test asserts a time. Most inputs (100k-2M characters) are ones that the quadratic code took
minutes or hours over (a few seconds now), so a return to it runs into the guard: after 120 s
the test fails instead of letting the suite hang. (The list of counts by place, the paragraph
of dated sentences, the lines of one statistic and the distinct tag names are smaller: they
check what the new indexes and the page rewrite read.) Text is checked in this process under an
alarm (_no_hang: SIGALRM; faulthandler dumps the stacks and ends the run as a last resort);
HTML pages in a child process with a timeout, since the alarm cannot interrupt the HTML
parser's C code.
"""
from __future__ import annotations

import csv
import faulthandler
import itertools
import json
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import invoke

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="the hang guard needs SIGALRM")

GUARD_S = 120
SCRIPT = Path(sys.executable).with_name("check-report")


class Hung(BaseException):
    """Raised by the guard; a BaseException, so that neither click's runner nor the command's
    own handler of internal errors (exit 3) takes it for a result."""


@contextmanager
def _no_hang(seconds: int = GUARD_S):
    def alarm(signum, frame):
        raise Hung(f"still running after {seconds} s: the input is no longer read in linear time")

    previous = signal.signal(signal.SIGALRM, alarm)
    faulthandler.dump_traceback_later(seconds * 2, exit=True)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, previous)


def check(tmp_path, content: str, suffix: str = ".txt", year: int = 2019, figures_out: bool = False):
    """check-report on `content` (as mali<suffix>, so the country reads as usual), guarded: an
    HTML page in a child process, text in this one. Returns the document's summary in the JSON
    review (its "figures": parsed figures), and the rows of the figures table when `figures_out`."""
    report = tmp_path / f"mali{suffix}"
    report.write_text(content, encoding="utf-8")
    figures, review = tmp_path / "figures.csv", tmp_path / "review.json"
    args = [report, "--year", year, "--format", "json", "--output", review]
    args += ["--figures-out", figures] if figures_out else []
    if suffix == ".html":
        try:
            proc = subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=GUARD_S,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running after {GUARD_S} s: the page is no longer read in linear time")
        code, output = proc.returncode, proc.stdout + proc.stderr
    else:
        with _no_hang():
            result = invoke(*args)
        code, output = result.exit_code, result.output + repr(result.exception)
    # the documented outcome of a run: 0 (nothing fails) or 1 (a finding), never 3 (internal error)
    assert code in (0, 1), (code, output[-2000:])
    assert "Traceback" not in output
    (summary,) = json.loads(review.read_text(encoding="utf-8"))["documents"]
    if not figures_out:
        return summary
    with figures.open(encoding="utf-8", newline="") as f:
        return summary, [r for r in csv.DictReader(f) if r["parse_status"] == "parsed"]


def _fill(parts, size: int, sep: str) -> list[str]:
    """Items of `parts`, as many as `size` characters hold when joined by `sep`."""
    out, n = [], 0
    for p in parts:
        out.append(p)
        n += len(p) + len(sep)
        if n >= size:
            return out
    return out


def test_hyphen_joined_numbers(tmp_path):
    # 200k characters of "100-101-102-...": each number read its whole token back to its start
    numbers = _fill((str(100 + i % 800) for i in itertools.count()), 200_000, "-")
    numbers = numbers[:len(numbers) // 2 * 2]
    summary = check(tmp_path, "In 2019 the counts were " + "-".join(numbers) + ".\n")
    # two numbers joined by a hyphen are a range ("100-101"): one figure for each pair
    assert summary["figures"] == len(numbers) // 2
    assert summary["unparsed_numbers"] == 0


def test_list_sentence_of_numbers(tmp_path):
    # "1, 2, 3, ..., and 4" without a sentence end: every cue was read to the end of the sentence
    numbers = _fill((str(1 + i % 997) for i in itertools.count()), 350_000, ", ")
    summary = check(tmp_path, "The victims numbered " + ", ".join(numbers) + ", and 4\n")
    assert summary["figures"] == len(numbers) + 1


def test_list_sentence_of_counts_by_place(tmp_path):
    # "12 in Zobb, 13 in Zobc, ...": one sentence, a place after each count
    places = ("Zo" + "".join(t) for k in itertools.count(2) for t in itertools.product("bcdghklpqrtvwxz", repeat=k))
    items = _fill((f"{10 + i % 90} in {p}" for i, p in enumerate(places)), 250_000, ", ")
    summary = check(tmp_path, "Police arrested " + ", ".join(items) + "\n")
    assert summary["figures"] == len(items)


def test_paragraph_without_a_sentence_end(tmp_path):
    words = "the army killed 12 civilians and wounded 3 others while police detained 45 persons".split()
    text = " ".join(_fill(itertools.cycle(words), 500_000, " "))
    summary = check(tmp_path, text + "\n")
    assert summary["figures"] == sum(w.isdigit() for w in text.split())


def test_one_paragraph_of_dated_sentences(tmp_path):
    # thousands of dated clauses in one paragraph: every pair of them was compared
    sentence = "On March 3, soldiers killed 12 civilians in Gao. Police arrested 40 persons, including 5 women. "
    n = 300_000 // len(sentence)
    summary = check(tmp_path, sentence * n + "\n")
    assert summary["figures"] == 3 * n


def test_many_paragraphs_of_one_statistic(tmp_path):
    # the same statistic on every line: each figure was compared with every other of its key
    lines = [f"In 2019, {100 + i % 50} civilians were killed by security forces." for i in range(15_000)]
    summary = check(tmp_path, "\n".join(lines) + "\n")
    assert summary["figures"] == len(lines)


def test_of_whom_clauses_in_one_sentence(tmp_path):
    # "N of whom" after every count of one sentence: each read the sentence once per count before it
    text = "Police detained 100 persons, " + "".join(f"{3 + i % 50} of whom " for i in range(10_000)) + "were freed\n"
    summary = check(tmp_path, text)
    assert summary["figures"] == 10_001


def test_markdown_heading_of_white_space(tmp_path):
    # "# a", 500k spaces, "b": the heading pattern read the run of spaces once per character
    summary = check(tmp_path, "# a" + " " * 500_000 + "b\n\nPolice killed 12 persons in 2019.\n")
    assert summary["figures"] == 1


def test_chain_of_dates(tmp_path):
    # "March 3 and 4, March 3 and 4, ...": each date of a chain looked ahead through all of it
    summary, rows = check(tmp_path, "Clashes took place on " + "March 3 and 4, " * 30_000 + "killing 12 persons.\n",
                          figures_out=True)
    assert [r["quote"] for r in rows] == ["12 persons"]
    assert summary["numbers_in_dates"] >= 60_000


def test_february_29_range_in_a_leap_year(tmp_path):
    # a reversed day range from February 29 was moved to the year before, which has none (exit 3)
    _, rows = check(tmp_path, "On February 29 - 4, police killed 12 persons.\n", year=2020, figures_out=True)
    assert [r["quote"] for r in rows] == ["12 persons"]


def test_html_element_with_200k_attributes(tmp_path):
    attrs = " ".join(f'a{i}="x"' for i in range(200_000))
    _, rows = check(tmp_path, f"<html><body><p {attrs}>Police killed 12 persons in 2019.</p></body></html>", ".html",
                    figures_out=True)
    assert [r["quote"] for r in rows] == ["12 persons"]


def test_html_400k_attributes_over_elements(tmp_path):
    counts = [10 + k % 80 for k in range(40_000)]
    paragraphs = [f"<p {' '.join(f'a{10 * k + j}={chr(34)}x{chr(34)}' for j in range(10))}>{c} were killed.</p>"
                  for k, c in enumerate(counts)]
    summary = check(tmp_path, "<html><body>" + "".join(paragraphs) + "</body></html>", ".html")
    assert summary["figures"] == len(counts)


def test_html_150k_deep_elements(tmp_path):
    # block elements nested 150k deep: the parser looked through every open element for each
    # one; the text inside is still read (no RecursionError), a hidden element still hidden
    depth = 150_000
    page = ("<html><body>" + "<div>" * depth + "<p>Police killed 12 persons in 2019.</p>"
            "<p hidden>Soldiers killed 99 persons.</p>" + "</div>" * depth + "<p>The end.</p></body></html>")
    _, rows = check(tmp_path, page, ".html", figures_out=True)
    assert [r["quote"] for r in rows] == ["12 persons"]


def test_html_distinct_tag_names(tmp_path):
    # more distinct tag names than a page has (the parser is quadratic in them): read as <span>
    tags = "".join(f"<x{i}>{i % 80 + 10} were killed. </x{i}>" for i in range(5000))
    summary = check(tmp_path, f"<html><body><p>{tags}</p></body></html>", ".html")
    assert summary["figures"] == 5000
