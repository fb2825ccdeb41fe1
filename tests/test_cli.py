"""The command line: options, exit statuses, outputs. The pipeline is replaced by a prepared Run."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import invoke, one_line_error
from reportcheck import cli, outputs, pipeline
from reportcheck.errors import InputError
from reportcheck.model import Result
from test_report import DOC, build_run

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("check-report")


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "mali-2020.txt"
    path.write_text((REPO / "sample_reports" / "mali-2020.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def calls(monkeypatch) -> list:
    """pipeline.run returns the hand-built Run; the list records how it was called."""
    seen = []

    def fake_run(paths, *, year=None, rule_files=(), validate=False, report_rules=False, report_rule_files=None,
                 jobs=1, **engine_options):
        seen.append({"paths": list(paths), "year": year, "rule_files": list(rule_files),
                     "exists": [Path(p).exists() for p in paths], "validate": validate,
                     "report_rules": report_rules, "report_rule_files": dict(report_rule_files or {}),
                     "own_exists": [Path(p).exists() for p in (report_rule_files or {}).values()]})
        return build_run()

    monkeypatch.setattr(pipeline, "run", fake_run)
    return seen




def one_failure(severity):
    """A pipeline.run that finds one failing result of `severity`."""
    return lambda *a, **k: build_run([Result("RC201", "totals", DOC, "fail", severity, "m")])


# --- exit statuses --------------------------------------------------------------------------


@pytest.mark.parametrize("fail_on, expected", [(None, 1), ("error", 1), ("warning", 1), ("never", 0)])
def test_exit_status_with_an_error(calls, report, fail_on, expected):
    args = [report] + (["--fail-on", fail_on] if fail_on else [])
    result = invoke(*args)
    assert result.exit_code == expected, result.output
    assert "RC101 same-incident-counts  error" in result.stdout
    assert calls[0]["paths"] == [str(report)]


@pytest.mark.parametrize("severity, fail_on, expected", [
    ("warning", "error", 0), ("warning", "warning", 1), ("info", "warning", 0), ("error", "never", 0),
])
def test_exit_status_by_severity(monkeypatch, report, severity, fail_on, expected):
    monkeypatch.setattr(pipeline, "run", one_failure(severity))
    assert invoke(report, "--fail-on", fail_on).exit_code == expected


def test_waived_and_passing_results_do_not_fail(monkeypatch, report):
    run = build_run()
    run.results = [r for r in run.results if not (r.failed and r.status == "new")]
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: run)
    result = invoke(report, "--fail-on", "warning")
    assert result.exit_code == 0, result.output


def test_options_reach_the_pipeline(calls, report, tmp_path):
    rules = tmp_path / "mine.yml"
    rules.write_text("checks: {}\n")
    assert invoke(report, "--year", 2020, "--rules", rules, "--rules", rules).exit_code == 1
    assert calls[0]["year"] == 2020 and calls[0]["rule_files"] == [str(rules), str(rules)]
    assert calls[0]["report_rules"] is True  # each report's own rule file is looked for
    assert invoke(report, "--no-report-rules").exit_code == 1
    assert calls[1]["report_rules"] is False


def test_sample(calls):
    # a format of the whole run (the JSON review streams, without pipeline.run)
    result = invoke("--sample", "--format", "sarif")
    assert result.exit_code == 1
    (path,) = calls[0]["paths"]
    assert Path(path).name == "mali-2020.txt" and calls[0]["exists"] == [True]
    # the sample's own rule file, shipped with it, applies to it
    assert {k: Path(v).name for k, v in calls[0]["report_rule_files"].items()} == {path: "mali-2020.yml"}
    assert calls[0]["own_exists"] == [True]
    assert invoke("--sample", "--no-report-rules").exit_code == 1
    assert calls[1]["report_rule_files"] == {} and calls[1]["report_rules"] is False
    assert json.loads(result.stdout)["version"] == "2.1.0"


# --- usage and input errors -----------------------------------------------------------------


def test_missing_path(calls):
    assert "missing PATH" in one_line_error(invoke())
    assert calls == []


def test_unknown_format(calls, report):
    assert "--format" in one_line_error(invoke(report, "--format", "xml"))


def test_unknown_option(calls, report):
    assert "--frmat" in one_line_error(invoke(report, "--frmat", "json"))


def test_input_error_is_one_line(monkeypatch, report):
    def fail(*a, **k):
        raise InputError("reports/x.txt: not a text file (binary content); give a .txt or .html report")

    monkeypatch.setattr(pipeline, "run", fail)
    line = one_line_error(invoke(report))
    assert line == "check-report: reports/x.txt: not a text file (binary content); give a .txt or .html report"


def test_unexpected_exception_is_exit_3_with_one_line(monkeypatch, report):
    def bug(*a, **k):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(pipeline, "run", bug)
    monkeypatch.delenv("REPORTCHECK_DEBUG", raising=False)
    result = invoke(report)
    assert result.exit_code == 3  # not 1: CI must tell a crash from findings
    assert result.stderr.count("\n") == 1 and "internal error (ZeroDivisionError: bug)" in result.stderr


def test_unexpected_exception_traceback_on_request(monkeypatch, report):
    def bug(*a, **k):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(pipeline, "run", bug)
    monkeypatch.setenv("REPORTCHECK_DEBUG", "1")
    result = invoke(report)
    assert isinstance(result.exception, ZeroDivisionError)


def test_usage_error_from_the_installed_script(tmp_path):
    assert SCRIPT.exists(), SCRIPT
    proc = subprocess.run([str(SCRIPT), "--format", "xml", "x.txt"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("check-report: ")
    proc = subprocess.run([str(SCRIPT)], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and proc.stderr.startswith("check-report: missing PATH")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["--list-checks"], ["--explain", "RC000"]])
def test_fast_paths_do_not_import_pandas(args):
    code = ("import sys\nfrom reportcheck.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "print('pandas' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.split()[-1:] == ["False"], proc.stdout + proc.stderr


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("check-report ")


# --- --explain and --list-checks ------------------------------------------------------------


@pytest.fixture
def dummy_check(monkeypatch):
    """A registry holding one dummy check only (the built-in checks left out)."""
    from reportcheck.checks import registry

    monkeypatch.setattr(registry, "REGISTRY", {})

    @registry.register("RC999", "dummy-check")
    def dummy(ctx, params):
        """A dummy check registered by the CLI tests.

        It finds nothing. Example: none. Resolve by deleting this test.
        """
        return []

    return registry.REGISTRY["RC999"]


def test_explain(dummy_check):
    result = invoke("--explain", "RC999")
    assert result.exit_code == 0
    assert result.stdout.startswith("RC999 dummy-check\n")
    assert "It finds nothing." in result.stdout
    assert invoke("--explain", "dummy-check").stdout == result.stdout


def test_explain_unknown(dummy_check):
    assert "unknown check 'RC000'" in one_line_error(invoke("--explain", "RC000"))


def test_list_checks(dummy_check):
    result = invoke("--list-checks")
    assert result.exit_code == 0
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("RC999"))
    assert "dummy-check" in line and "A dummy check registered by the CLI tests." in line


# --- --output -------------------------------------------------------------------------------


def test_output_file(calls, report, tmp_path):
    out = tmp_path / "review.json"
    result = invoke(report, "--format", "json", "--output", out)
    assert result.exit_code == 1 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["error"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_output_text_has_no_color(calls, report, tmp_path):
    out = tmp_path / "review.txt"
    invoke(report, "--output", out)
    assert "\x1b[" not in out.read_text(encoding="utf-8")
    assert "\x1b[" not in invoke(report, "--no-color").stdout


def test_output_refuses_to_overwrite_an_input(calls, report, tmp_path):
    before = report.read_text(encoding="utf-8")
    assert "refusing to overwrite" in one_line_error(invoke(report, "--output", report))
    link = tmp_path / "same.txt"
    os.link(report, link)
    assert "refusing to overwrite" in one_line_error(invoke(report, "--output", link))
    rules = tmp_path / "rules.yml"
    rules.write_text("checks: {}\n")
    assert "refusing" in one_line_error(invoke(report, "--rules", rules, "--figures-out", rules))
    assert report.read_text(encoding="utf-8") == before
    assert calls == []


def test_output_inside_an_input_directory(calls, report, tmp_path):
    line = one_line_error(invoke(tmp_path, "--output", tmp_path / "review.txt"))
    assert "inside the input directory" in line
    assert invoke(tmp_path, "--format", "json", "--output", tmp_path / "review.json").exit_code == 1


def test_output_directory_missing(calls, report, tmp_path):
    assert "does not exist" in one_line_error(invoke(report, "--output", tmp_path / "nope" / "r.txt"))
    assert "is a directory" in one_line_error(invoke(report, "--output", tmp_path))


def test_output_write_error_is_one_line(calls, report, tmp_path, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outputs.tempfile, "mkstemp", denied)
    line = one_line_error(invoke(report, "--output", tmp_path / "r.txt"))
    assert "Permission denied" in line and "--output" in line
    assert calls == []  # found before the run


def test_a_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "review.txt"
    target.write_text("old")

    def half(tmp):
        Path(tmp).write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        outputs.write_atomically(target, half)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["review.txt"]


# --- --figures-out --------------------------------------------------------------------------


def test_figures_csv(calls, report, tmp_path):
    out = tmp_path / "figures.csv"
    assert invoke(report, "--figures-out", out).exit_code == 1
    table = pd.read_csv(out)
    assert list(table["text"]) == ["at least 29", "a total of 30"]
    assert table["high"].iloc[0] == float("inf")


def test_figures_json(calls, report, tmp_path):
    out = tmp_path / "figures.json"
    assert invoke(report, "--figures-out", out).exit_code == 1
    records = json.loads(out.read_text(encoding="utf-8"))  # strict: no Infinity
    assert isinstance(records, list) and records[0]["text"] == "at least 29"
    assert records[0]["high"] == "inf" and records[1]["high"] == 30


def test_figures_parquet(calls, report, tmp_path):
    out = tmp_path / "figures.parquet"
    assert invoke(report, "--figures-out", out).exit_code == 1
    pd.testing.assert_frame_equal(pd.read_parquet(out), build_run().figures)


def test_figures_bad_extension(calls, report, tmp_path):
    assert ".csv, .json or .parquet" in one_line_error(invoke(report, "--figures-out", tmp_path / "f.xlsx"))
    assert calls == []


def test_figures_parquet_without_pyarrow(calls, report, tmp_path, monkeypatch):
    real = cli.find_spec
    monkeypatch.setattr(cli, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    line = one_line_error(invoke(report, "--figures-out", tmp_path / "f.parquet"))
    assert 'pip install "reportcheck[parquet]"' in line
    assert calls == []


def test_figures_and_output_same_file(calls, report, tmp_path):
    out = tmp_path / "x.json"
    assert "same file" in one_line_error(invoke(report, "--output", out, "--figures-out", out))
