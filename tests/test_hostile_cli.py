"""Hostile input to the command line and its outputs: the markdown review's size limit, impossible baseline dates."""
from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import pytest

from helpers import error_message, invoke
from reportcheck import pipeline
from reportcheck.report import WRITERS
from reportcheck.report.markdown import LIMIT
from test_report import DOC, build_run

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_reports" / "mali-2020.txt"
MALI_2019 = REPO / "tests" / "data" / "mali-2019.txt"
SCRIPT = Path(sys.executable).with_name("check-report")


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "in" / "mali-2020.txt"
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def calls(monkeypatch) -> list:
    """pipeline.run returns the hand-built Run (exit 1); the list records each run."""
    seen = []

    def fake_run(paths, **kwargs):
        seen.append(list(paths))
        return build_run()

    monkeypatch.setattr(pipeline, "run", fake_run)
    return seen


def left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- 6. the markdown review's limit ------------------------------------------------------------------


def _size_ok(md: str) -> None:
    assert len(md) <= LIMIT and len(md.encode("utf-8")) <= LIMIT


def test_markdown_of_a_corpus_stays_under_the_limit(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(40):
        shutil.copy(SAMPLE, reports / f"mali-2020-{i:02d}.txt")
        shutil.copy(MALI_2019, reports / f"mali-2019-{i:02d}.txt")
    out = tmp_path / "review.md"
    result = invoke(reports, "--format", "markdown", "-o", out, "--no-report-rules")
    assert result.exit_code == 1, result.output
    md = out.read_text(encoding="utf-8")
    _size_ok(md)
    assert "left out to stay under GitHub's comment limit" in md
    assert md.count("<details>") == md.count("</details>")


def _many(run, n: int, results_per_doc=None):
    """`run` with its one document copied `n` times (ids doc-0 ...), each with its results."""
    doc = run.documents[0]
    docs, results = [], []
    for i in range(n):
        ident = f"doc-{i}"
        docs.append(dataclasses.replace(doc, id=ident, path=f"reports/{ident}-" + "long-name-" * 8 + ".txt"))
        for r in (run.results if results_per_doc is None else results_per_doc):
            results.append(dataclasses.replace(r, document=ident))
    return dataclasses.replace(run, documents=docs, results=results, texts={})


@pytest.mark.parametrize("n, with_results", [(3000, False), (600, True)])
def test_markdown_counts_every_part(n, with_results):
    """Many documents' headers (without findings) or findings count, not only the findings."""
    run = build_run()
    many = _many(run, n, None if with_results else [])
    md = WRITERS["markdown"](many)
    _size_ok(md)
    assert "more documents, with" in md and "left out to stay under GitHub's comment limit" in md
    assert md.count("<details>") == md.count("</details>")


def test_markdown_with_thousands_of_stale_entries():
    run = build_run()
    stale = [{"fingerprint": f"RC101-{i:012x}", "code": "RC101", "document": DOC, "message": "m " * 40,
              "source": f"b.yml:{i}"} for i in range(5000)]
    run = dataclasses.replace(run, baseline={"path": "b.yml", "entries": 5000, "waived": 0, "ignored": 0,
                                             "stale": stale, "fail_on_stale": False})
    md = WRITERS["markdown"](run)
    _size_ok(md)
    assert "more stale entries left out" in md


def test_markdown_under_a_small_limit_still_bounded():
    from reportcheck.report import markdown

    run = _many(build_run(), 50)
    for limit in (4_000, 10_000, 30_000):
        md = markdown.render(run, limit=limit)
        assert len(md.encode("utf-8")) <= limit
        assert md.count("<details>") == md.count("</details>")


def test_markdown_of_a_small_run_is_whole():
    md = WRITERS["markdown"](build_run())
    assert "left out" not in md and "#### :x: RC101" in md


# --- 7. baselines with impossible values --------------------------------------------------------------

ENTRY = "version: 1\nreviewed:\n- fingerprint: RC101-0123456789ab\n  reason: accepted\n"


@pytest.mark.parametrize("line, words", [
    ("  date: 2024-02-30\n", "'2024-02-30' is not a date (day is out of range for month)"),
    ("  date: 2024-13-01\n", "'2024-13-01' is not a date"),
    ("  date: '2024-02-30'\n", "date '2024-02-30' is not a day"),
    ("  date: 20240502\n", "date must be a date written YYYY-MM-DD, not int"),
    ("  date: 1850-01-01\n", "date 1850-01-01 is before 1900"),
    ("  date: [2024-05-02]\n", "date must be a date written YYYY-MM-DD, not list"),
    ("  date: last spring\n", "date 'last spring' is not a date written YYYY-MM-DD"),
    ("  reviewer: [A, B]\n", "reviewer must be text, not list"),
    ("  reviewer: 2024-05-02\n", "reviewer must be text, not date"),
    ("  message: !!int twelve\n", "'twelve' is not an integer"),
    ("  quotes: [a, 2]\n", "quotes must be a list of quotes (text)"),
])
def test_baseline_values_are_one_line_with_file_and_line(calls, report, tmp_path, line, words):
    baseline = tmp_path / "reviewed.yml"
    baseline.write_text(ENTRY + line, encoding="utf-8")
    message = error_message(invoke(report, "--baseline", baseline))
    assert message.startswith(f"{baseline}:5: ") and words in message, message
    assert calls == []


def test_baseline_dates_that_are_days_are_read(tmp_path):
    from reportcheck.baseline import parse_baseline

    for value, iso in [("2024-02-29", "2024-02-29"), ("'2024-05-02'", "2024-05-02"), ("''", ""),
                       ("2024-05-02 10:30:00", "2024-05-02T10:30:00")]:
        (entry,) = parse_baseline(ENTRY + f"  date: {value}\n", "b.yml")
        assert entry.date == iso
