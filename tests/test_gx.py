"""Great Expectations: the suite in expectations/ run through GX (--expectations), its results in
the review; the figures checks inside a GX checkpoint (reportcheck.gx.ExpectFiguresToPassReportcheck,
the README's example); GX imported only when a suite is used."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import invoke

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "expectations" / "figures.json"
SAMPLE = REPO / "sample_reports" / "mali-2020.txt"
TABLES = Path(__file__).parent / "data" / "tables"



def test_the_command_does_not_import_great_expectations():
    code = ("import sys, reportcheck.cli, reportcheck.pipeline, reportcheck.read.table; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('great_expectations', 'pandera')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_run_without_a_suite_does_not_import_great_expectations(tmp_path):
    code = ("import sys\nfrom click.testing import CliRunner\nfrom reportcheck import cli\n"
            f"r = CliRunner().invoke(cli.main, [{str(SAMPLE)!r}, '--format', 'json'])\n"
            "assert r.exit_code == 1, r.output\n"
            "print('great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "False"


gx = pytest.importorskip("great_expectations")


def test_the_suite_is_gx_json_and_holds_on_the_sample():
    from reportcheck.gx import load_suite

    data = json.loads(SUITE.read_text(encoding="utf-8"))
    assert data["name"] == "figures" and all({"type", "kwargs"} <= set(e) for e in data["expectations"])
    suite = load_suite(SUITE)
    assert len(suite.expectations) == len(data["expectations"])
    result = invoke(SAMPLE, "--expectations", SUITE, "--format", "json", "--no-report-rules")
    assert result.exit_code == 1, result.output  # the sample's own findings
    review = json.loads(result.stdout)
    gx_results = [r for r in review["results"] if r["code"].startswith("GX.")]
    assert len(gx_results) == len(data["expectations"])
    assert all(r["outcome"] == "pass" for r in gx_results), [r["message"] for r in gx_results if r["outcome"] != "pass"]
    assert "GX.expect_column_values_to_be_unique" in review["checks"]
    assert review["checks"]["GX.expect_column_values_to_be_unique"]["name"] == "great-expectations"


def test_failed_expectations_show_in_the_review_with_rows(tmp_path):
    table = tmp_path / "figures.csv"
    assert invoke(SAMPLE, "--figures-out", table, "--fail-on", "never", "--no-report-rules").exit_code == 0
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    rows.loc[4, "figure_id"] = rows.loc[3, "figure_id"]  # a duplicated id: the schema allows it, the suite not
    rows.loc[10, ["value", "high"]] = ["25000000.0", "25000000.0"]  # implausible: a warning of the suite
    rows.loc[10, "low"] = "25000000.0"
    rows.to_csv(table, index=False)
    result = invoke(table, "--expectations", SUITE, "--format", "json", "--no-report-rules")
    assert result.exit_code == 1, (result.output, result.stderr)
    review = json.loads(result.stdout)
    failed = {r["code"]: r for r in review["results"] if r["code"].startswith("GX.") and r["outcome"] == "fail"}
    unique = failed["GX.expect_column_values_to_be_unique"]
    assert unique["severity"] == "error" and [e["row"] for e in unique["evidence"]] == [4, 5]
    assert "2 of 129 rows unexpected (rows 4, 5)" in unique["message"]
    between = [r for r in review["results"] if r["code"] == "GX.expect_column_values_to_be_between"
               and r["outcome"] == "fail"]
    assert [(r["severity"], [e["row"] for e in r["evidence"]]) for r in between] == [("warning", [11])]
    text = invoke(table, "--expectations", SUITE, "--no-color", "--no-report-rules").stdout
    assert "GX.expect_column_values_to_be_unique great-expectations  error" in text
    assert "[section 1.a, row 4]" in text or "row 4]" in text


def test_severity_from_the_suite_meta_or_error(tmp_path):
    suite = tmp_path / "suite.json"
    suite.write_text(json.dumps({"name": "mine", "expectations": [
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "low", "max_value": 10},
         "meta": {"severity": "info"}},
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "high", "max_value": 10}},
    ]}), encoding="utf-8")
    review = json.loads(invoke(SAMPLE, "--expectations", suite, "--format", "json", "--no-report-rules").stdout)
    severities = sorted((r["details"]["kwargs"]["column"], r["severity"], r["outcome"]) for r in review["results"]
                        if r["code"].startswith("GX."))
    assert severities == [("high", "error", "fail"), ("low", "info", "fail")]


@pytest.mark.parametrize("content, needle", [
    (None, "file not found"),
    ("{", "not valid JSON"),
    ('{"name": "x"}', "not a Great Expectations suite"),
    ('{"name": "x", "expectations": [{"type": "expect_bogus", "kwargs": {}}]}', "not a valid suite"),
    ('{"name": "x", "expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"colum": "a"}}]}',
     "not a valid suite"),
])
def test_bad_suites_are_one_line_errors(tmp_path, content, needle):
    suite = tmp_path / "suite.json"
    if content is not None:
        suite.write_text(content, encoding="utf-8")
    result = invoke(SAMPLE, "--expectations", suite)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("check-report: --expectations") and needle in lines[0]


def test_a_gx_result_can_be_reviewed_in_a_baseline(tmp_path):
    suite = tmp_path / "suite.json"
    suite.write_text(json.dumps({"name": "mine", "expectations": [
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "high", "max_value": 10}}]}),
        encoding="utf-8")
    baseline = tmp_path / "reviewed.yml"
    args = [SAMPLE, "--expectations", suite, "--no-report-rules"]
    assert invoke(*args, "--write-baseline", baseline).exit_code == 1
    text = baseline.read_text(encoding="utf-8").replace("reason: ''", "reason: accepted")
    baseline.write_text(text.replace("reviewer: ''", "reviewer: A").replace("date: ''", "date: 2024-05-02"),
                        encoding="utf-8")
    result = invoke(*args, "--baseline", baseline, "--format", "json")
    assert result.exit_code == 0, (result.output, result.stderr)


# --- the figures checks inside a GX checkpoint (README, "Great Expectations") ----------------------------


def test_the_figures_checks_inside_a_gx_checkpoint(tmp_path):
    import great_expectations.expectations as gxe

    from reportcheck.gx import ExpectFiguresToPassReportcheck

    table = tmp_path / "figures.csv"
    assert invoke(SAMPLE, "--figures-out", table, "--fail-on", "never", "--no-report-rules").exit_code == 0

    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_pandas("figures")
    asset = source.add_csv_asset("release", filepath_or_buffer=table)
    batch_definition = asset.add_batch_definition_whole_dataframe("whole table")
    suite = context.suites.add(gx.ExpectationSuite(name="release", expectations=[
        gxe.ExpectColumnValuesToNotBeNull(column="quote"),
        ExpectFiguresToPassReportcheck(fail_on="error"),
    ]))
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name="figures", data=batch_definition, suite=suite))
    checkpoint = context.checkpoints.add(gx.Checkpoint(name="release", validation_definitions=[validation]))
    result = checkpoint.run()

    assert result.success is False  # the sample's injured counts (5 and 20) for one incident
    (run_result,) = result.run_results.values()
    by_type = {r.expectation_config.type: r for r in run_result.results}
    assert by_type["expect_column_values_to_not_be_null"].success
    ours = by_type["expect_figures_to_pass_reportcheck"]
    findings = ours.result["details"]["findings"]
    assert ours.result["observed_value"] == 1
    (error,) = [f for f in findings if f["severity"] == "error"]
    assert error["code"] == "RC101" and "injured" in error["message"] and len(error["rows"]) == 2


def test_a_user_table_in_a_checkpoint_with_its_rule_file():
    from reportcheck.gx import ExpectFiguresToPassReportcheck

    context = gx.get_context(mode="ephemeral")
    batch = (context.data_sources.add_pandas("events").add_dataframe_asset("events")
             .add_batch_definition_whole_dataframe("all")
             .get_batch(batch_parameters={"dataframe": pd.read_csv(TABLES / "monthly-regions.csv", dtype=str,
                                                                   keep_default_na=False)}))
    strict = batch.validate(ExpectFiguresToPassReportcheck(rule_files=[str(TABLES / "monthly-regions.yml")]))
    assert strict.success is False and strict.result["observed_value"] == 1
    lenient = batch.validate(ExpectFiguresToPassReportcheck(rule_files=[str(TABLES / "monthly-regions.yml")],
                                                            fail_on="warning"))
    assert lenient.result["observed_value"] == 2  # the error and the warning
