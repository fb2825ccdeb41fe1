"""The public API (reportcheck/__init__.py): what a notebook or another tool calls."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import reportcheck

DATA = Path(__file__).parent / "data"


def test_check_the_sample_excerpt_through_the_api():
    run = reportcheck.check([str(DATA / "mali-2020-excerpt.txt")])
    assert isinstance(run, reportcheck.Run)
    failing = [r for r in run.results if r.failed]
    # the Tarkint attack: five wounded (1.a) against 20 injured (1.g)
    assert any(r.code == "RC101" and r.severity == "error" and "20 injured" in r.message for r in failing)
    assert reportcheck.exit_code(run) == 1
    review = json.loads(reportcheck.render(run, "json"))
    assert review["summary"]["error"] >= 1
    assert set(reportcheck.FORMATS) >= {"text", "json", "html", "markdown", "junit", "sarif", "github"}


def test_load_rules_and_checks():
    rules = reportcheck.load_rules()
    assert rules["checks"]["RC101"]["severity_incompatible"] == "error"
    assert reportcheck.get_check("RC101").name == "same-incident-counts"
    assert {c.code for c in reportcheck.every_check()} >= {"RC101", "RC201", "RC401", "RC901"}


def test_unknown_names_and_formats():
    with pytest.raises(AttributeError):
        reportcheck.no_such_thing  # noqa: B018
    with pytest.raises(ValueError, match="unknown format"):
        reportcheck.render(None, "pdf")


def test_importing_the_package_is_cheap():
    code = "import sys, reportcheck; print('pandas' in sys.modules, 'reportcheck.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
