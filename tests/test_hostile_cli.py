"""Hostile input to the command line and its outputs: impossible baseline dates."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from helpers import error_message, invoke
from reportcheck import pipeline
from test_report import build_run

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
