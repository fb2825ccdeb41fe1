"""Figures tables as input (check-report TABLE): the table --figures-out writes, read back with
its report's text (the same findings, pointing to rows, quoting the report), an edited figure,
a table without its report, user tables through a `columns:` mapping (wide and long), rules by
column selectors (totals by group, part of whole, date order), the schema's violations as
findings (RC401), the Data Package, and bad input (one line, exit 2)."""
from __future__ import annotations

import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from helpers import invoke, one_line_error
from reportcheck import pipeline, schema
from reportcheck.config import load_rules

SAMPLE = Path(str(resources.files("reportcheck.samples").joinpath("mali-2020.txt")))
DATA = Path(__file__).parent / "data"
TABLES = DATA / "tables"




def review(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def outcomes(data: dict, codes_out=("RC401",)) -> list[tuple]:
    """Each result as what a reader sees: code, outcome, severity, message, quotes."""
    return sorted((r["code"], r["outcome"], r["severity"], r["message"], tuple(e["quote"] for e in r["evidence"]))
                  for r in data["results"] if r["code"] not in codes_out)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The sample checked as a report, its figures table written (--figures-out) and its review."""
    folder = tmp_path_factory.mktemp("export")
    table, text_review = folder / "figures.csv", folder / "report.json"
    result = invoke("--sample", "--figures-out", table, "--format", "json", "--output", text_review)
    assert result.exit_code == 1, result.output
    return table, review(text_review)


def check_table(table: Path, *extra, code: int = 1) -> dict:
    """The JSON review of `table` (written to a temporary directory: never next to the fixtures)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "review.json"
        result = invoke(table, "--format", "json", "--output", out, *extra)
        assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
        return review(out)


# --- the table --figures-out writes, checked again -------------------------------------------------


def test_the_csv_gives_the_same_findings_as_the_report(exported):
    table, from_text = exported
    from_table = check_table(table)
    assert outcomes(from_table) == outcomes(from_text)
    assert [r["code"] for r in from_table["results"] if r["code"] == "RC401"] == ["RC401"]  # the schema: passed
    doc = from_table["documents"][0]
    assert doc["format"] == "table" and doc["table"]["mode"] == "text" and doc["table"]["shape"] == "figures"
    assert doc["table"]["report"] == str(SAMPLE) and doc["id"] == "mali-2020"
    # the same fingerprints: a baseline written on the report applies to the table
    assert sorted(r["id"] for r in from_table["results"] if r["code"] != "RC401") == sorted(
        r["id"] for r in from_text["results"])


def test_findings_on_the_csv_point_to_rows_and_quote_the_report(exported):
    table, _ = exported
    rows = pd.read_csv(table, keep_default_na=False)
    text = SAMPLE.read_text(encoding="utf-8")
    from_table = check_table(table)
    (injured,) = [r for r in from_table["results"] if r["code"] == "RC101" and r["severity"] == "error"
                  and r["outcome"] == "fail"]
    for e in injured["evidence"]:
        row = rows.iloc[e["row"] - 1]  # row N: the Nth data row
        assert row["quote"] == e["quote"] == text[e["start"]:e["end"]]
    assert {e["quote"] for e in injured["evidence"]} == {"five others", "20 injured"}
    # every evidence of a figure names its row; a quoted date or place, the row of its sentence
    for r in from_table["results"]:
        for e in r["evidence"]:
            if e["figure_id"] in set(rows["figure_id"]):
                assert rows.iloc[e["row"] - 1]["figure_id"] == e["figure_id"]


def test_the_text_review_of_a_table_shows_rows(exported):
    table, _ = exported
    result = invoke(table, "--no-color")
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())  # lines wrap where a long (site-packages) path ends
    assert "[section 1.a, row 21]" in out and '"five others"' in out
    assert "links built from the text of" in out and "(its SHA-256 matches)" in out


def test_changing_one_figure_in_the_csv_brings_its_finding(exported, tmp_path):
    table, _ = exported
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    (i,) = rows.index[rows["quote"] == "26 girls"]
    rows.loc[i, ["value", "low", "high"]] = ["36.0", "36.0", "36.0"]
    edited = tmp_path / "figures.csv"
    rows.to_csv(edited, index=False)
    before, after = check_table(table), check_table(edited)
    new = [r for r in after["results"] if r["outcome"] == "fail" and r["id"] not in
           {x["id"] for x in before["results"] if x["outcome"] == "fail"}]
    assert [(r["code"], r["severity"]) for r in new] == [("RC201", "error")]
    (r,) = new
    assert "189 + 36 = 225" in r["arithmetic"] and "215 children" in r["message"]
    assert {e["quote"]: e["row"] for e in r["evidence"]} == {"215 children": i - 1, "189 boys": i, "26 girls": i + 1}
    doc = after["documents"][0]["table"]
    assert doc["edited"] == [{"row": i + 1, "figure_id": rows.loc[i, "figure_id"],
                              "changes": {"value": [26.0, 36.0], "low": [26.0, 36.0], "high": [26.0, 36.0]}}]


@pytest.mark.parametrize("suffix", [".json", ".parquet"])
def test_json_and_parquet_tables_give_the_same_findings(exported, tmp_path, suffix):
    table, from_text = exported
    other = tmp_path / f"figures{suffix}"
    assert invoke("--sample", "--figures-out", other, "--fail-on", "never").exit_code == 0
    assert outcomes(check_table(other)) == outcomes(from_text)


def test_a_table_without_its_report_is_checked_from_its_rows(exported, tmp_path):
    table, _ = exported
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    alone = tmp_path / "figures.csv"
    rows.drop(columns=["document_path", "document_sha256"]).to_csv(alone, index=False)
    data = check_table(alone, "--fail-on", "never", "--no-report-rules", code=0)
    doc = data["documents"][0]["table"]
    assert doc["mode"] == "rows" and "was not found" in doc["note"]
    assert {r["code"] for r in data["results"]} <= {"RC401", "RC104", "RC106", "RC107"}
    assert any(r["code"] == "RC104" for r in data["results"])  # statistics told twice: from the rows
    # with the report next to it (found by the document id), the text's links again
    shutil.copy(SAMPLE, tmp_path / "mali-2020.txt")
    again = check_table(alone, "--no-report-rules")
    assert again["documents"][0]["table"]["mode"] == "text"
    assert "the quotes are at their offsets" in again["documents"][0]["table"]["note"]


def test_a_report_edited_since_the_table_is_not_used(exported, tmp_path):
    table, _ = exported
    report = tmp_path / "mali-2020.txt"
    report.write_text(SAMPLE.read_text(encoding="utf-8").replace("Kayes", "Kaye"), encoding="utf-8")
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    rows["document_path"] = "mali-2020.txt"
    moved = tmp_path / "figures.csv"
    rows.to_csv(moved, index=False)
    data = check_table(moved, "--fail-on", "never", code=0)
    note = data["documents"][0]["table"]["note"]
    assert data["documents"][0]["table"]["mode"] == "rows" and "SHA-256 differs" in note


def test_quote_rules_are_skipped_without_the_text_and_said_so(exported, tmp_path):
    table, _ = exported
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    alone = tmp_path / "figures.csv"
    rows.drop(columns=["document_path", "document_sha256"]).to_csv(alone, index=False)
    rules = Path(str(resources.files("reportcheck.samples").joinpath("mali-2020.yml")))
    data = check_table(alone, "--rules", rules, "--fail-on", "never", code=0)
    skipped = data["documents"][0]["table"]["skipped_rules"]
    assert any("tarkint-march-19" in s for s in skipped)


# --- the schema: violations are findings with row numbers --------------------------------------------


def test_a_figures_table_with_broken_rows(exported, tmp_path):
    table, _ = exported
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    rows.loc[2, "value"] = "abc"
    rows.loc[4, ["low", "high"]] = ["30.0", "20.0"]
    rows.loc[6, "measure"] = "kiled"
    rows.loc[8, "additive"] = "perhaps"
    broken = tmp_path / "figures.csv"
    rows.to_csv(broken, index=False)
    data = check_table(broken)
    found = {r["details"]["row"]: r["message"] for r in data["results"]
             if r["code"] == "RC401" and r["outcome"] == "fail"}
    assert set(found) == {3, 5, 7, 9}
    assert "value 'abc' is not a number" in found[3]
    assert "low 30 is above high 20" in found[5]
    assert "measure 'kiled' is not an allowed value" in found[7]
    assert "additive 'perhaps' is not true or false" in found[9]
    assert data["documents"][0]["table"]["excluded"] == [3, 5, 7, 9]
    assert all(r["severity"] == "error" for r in data["results"] if r["code"] == "RC401" and r["outcome"] == "fail")


def test_a_bad_user_table_gets_every_violation_with_its_row():
    result = invoke(TABLES / "bad.csv", "--format", "json")
    assert result.exit_code == 1, result.output  # findings (errors), not an input error: documented
    data = json.loads(result.stdout)
    found = {r["details"]["row"]: r for r in data["results"] if r["code"] == "RC401"}
    assert sorted(found) == [1, 2, 3]
    assert "value 'twelve' is not a number" in found[1]["message"]
    assert "low 30 is above high 20" in found[2]["message"]
    assert "measure 'kiled' is not an allowed value" in found[3]["message"]
    assert [e["row"] for e in found[2]["evidence"]] == [2]
    assert data["documents"][0]["figures"] == 1  # row 4, the one row left to check


def test_dates_outside_the_stated_period(tmp_path):
    rules = tmp_path / "period.yml"
    rules.write_text("period: [2020-04-01, 2020-12-31]\n", encoding="utf-8")
    data = json.loads(invoke(TABLES / "bad.csv", "--rules", rules, "--format", "json").stdout)
    row4 = [r for r in data["results"] if r["code"] == "RC401" and r["details"]["row"] == 4]
    assert row4 == []  # 2020-04-05: inside
    (row2,) = [r for r in data["results"] if r["code"] == "RC401" and r["details"]["row"] == 2]
    assert "outside the stated period" in row2["message"] and "low 30 is above high 20" in row2["message"]
    (row1,) = [r for r in data["results"] if r["code"] == "RC401" and r["details"]["row"] == 1]
    assert "outside" not in row1["message"]  # a row of the wrong type is reported for its type only


def test_the_schema_is_public_and_validates_the_extractor_output():
    from reportcheck.extract.figures import extract, figures_frame
    from reportcheck.read import read_document

    rules = load_rules()
    for path in (DATA / "mali-2019.txt", SAMPLE):
        doc = read_document(path)
        table = figures_frame(extract(doc, rules), rules)
        assert schema.violations(table, tuple(rules["qualifiers"]), measures=list(rules["measures"]),
                                 text_length=len(doc.text)) == []
        schema.validate(table, tuple(rules["qualifiers"]), measures=list(rules["measures"]), text_length=len(doc.text))
    names = [c["name"] for c in schema.describe_columns()]
    assert names == [*schema.COLUMNS, *schema.PROVENANCE]
    bad = table.copy()
    bad.loc[0, "end"] = len(doc.text) + 5
    found = schema.violations(bad, text_length=len(doc.text))
    assert any(v.index == 0 and v.check == "offsets within the document" for v in found)


# --- user tables: a columns: mapping -----------------------------------------------------------------


def test_a_wide_user_table_through_a_column_mapping():
    data = check_table(TABLES / "events-wide.csv", "--rules", TABLES / "events-wide.yml")
    doc = data["documents"][0]
    assert doc["table"]["shape"] == "wide" and doc["figures"] == 11  # 8 rows, 3 with injuries too
    failing = sorted((r["code"], r["severity"], tuple(e["row"] for e in r["evidence"])) for r in data["results"]
                     if r["outcome"] == "fail")
    assert failing == [
        ("RC101", "error", (1, 2)),  # injured: 20 and 5 for one incident (E1), two sources
        ("RC101", "error", (1, 2)),  # killed: 30 and 29
        ("RC102", "warning", (3, 4)),  # E2 dated 10-13 and 10-12 July
        ("RC103", "error", (5, 6)),  # Kayes put in Kayes and in Mopti
    ]
    messages = [r["message"] for r in data["results"] if r["outcome"] == "fail"]
    assert any('"injuries=20" (row 1) and "injuries=5" (row 2) cannot both hold' in m for m in messages)
    assert any("Kayes is put in two regions (Kayes, Mopti)" in m for m in messages)
    injured = [r for r in data["results"] if r["code"] == "RC101" and "injured" in r["message"]][0]
    assert "declared in events-wide.csv, row 1 (event_id=E1)" in injured["message"]
    # E5 from two sources, the same 27 killed: passes
    assert any(r["code"] == "RC101" and r["outcome"] == "pass" and "Binedama" in r["message"] for r in data["results"])


def test_a_long_user_table_with_totals_by_group():
    data = check_table(TABLES / "monthly-regions.csv", "--rules", TABLES / "monthly-regions.yml")
    totals = {r["message"].split("[")[1].split("]")[0]: r for r in data["results"] if r["code"] == "RC201"}
    assert set(totals) == {"month=2020-03, measure=killed", "month=2020-04, measure=killed",
                           "month=2020-05, measure=killed", "month=2020-03, measure=injured"}
    assert totals["month=2020-03, measure=killed"]["outcome"] == "pass"
    april = totals["month=2020-04, measure=killed"]
    assert (april["outcome"], april["severity"]) == ("fail", "error")
    assert "10 + 12 = 22" in april["arithmetic"] and [e["row"] for e in april["evidence"]] == [4, 5, 6]
    # an open bound in the table (low/high columns): [35, inf) against [40, inf) may hold; 35 != 40 is a warning
    may = totals["month=2020-05, measure=killed"]
    assert (may["outcome"], may["severity"]) == ("fail", "warning") and "[35, inf)" in may["arithmetic"]
    assert [r["outcome"] for r in data["results"] if r["code"] in ("RC202", "RC301")] == ["pass", "pass"]


def test_a_user_table_with_its_own_rule_file_found_by_its_name(tmp_path):
    shutil.copy(TABLES / "events-wide.csv", tmp_path / "events.csv")
    (tmp_path / "checks").mkdir()
    shutil.copy(TABLES / "events-wide.yml", tmp_path / "checks" / "events.yml")
    data = check_table(tmp_path / "events.csv")
    assert data["documents"][0]["table"]["shape"] == "wide"


def test_a_long_table_with_field_names_needs_no_mapping(tmp_path):
    table = tmp_path / "figures-long.csv"
    table.write_text("incident,source,date,place,measure,value\nA,UN,2020-01-02,Gao,killed,3\n"
                     "A,AP,2020-01-02,Gao,killed,5\n", encoding="utf-8")
    data = check_table(table)
    (r,) = [r for r in data["results"] if r["code"] == "RC101"]
    assert r["outcome"] == "fail" and [e["row"] for e in r["evidence"]] == [1, 2]


def test_a_table_in_memory_for_notebooks_and_gx():
    frame = pd.read_csv(TABLES / "events-wide.csv", dtype=str, keep_default_na=False)
    run = pipeline.run_frame(frame, name="events", rule_files=[str(TABLES / "events-wide.yml")])
    assert sum(r.failed for r in run.results) == 4


# --- rules by columns: errors are the rule's ---------------------------------------------------------


def test_a_selector_that_selects_several_figures_is_an_input_error(tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text((TABLES / "monthly-regions.yml").read_text(encoding="utf-8").split("rules:")[0]
                     + "rules:\n  - id: national\n    kind: part_of\n    part: {where: {region: Gao}}\n"
                       "    whole: {where: {region: National}}\n", encoding="utf-8")
    line = one_line_error(invoke(TABLES / "monthly-regions.csv", "--rules", rules))
    assert "rules.yml:" in line and "rule 'national'" in line and "selects 4 figures" in line


@pytest.mark.parametrize("text, needle", [
    ("columns: {killd: fatalities}\n", "columns.killd: 'killd' is neither a field"),
    ("columns: [a, b]\n", "columns must be a mapping"),
    ("columns: {killed: {value: fatalities, top: x}}\n", "unknown key 'top'"),
    ("period: [2020-12-01, 2020-01-01]\n", "period must be [FIRST, LAST]"),
    ("rules:\n  - kind: total\n    total: {where: [1]}\n    parts: {where: {a: 1}}\n    breakdown: partial\n",
     "where must be a mapping"),
    ("rules:\n  - kind: total\n    by: 3\n    total: {where: {a: 1}}\n    parts: {where: {a: 2}}\n"
     "    breakdown: partial\n", "by must be a column name"),
])
def test_bad_table_rules_are_one_line_errors(tmp_path, text, needle):
    rules = tmp_path / "rules.yml"
    rules.write_text(text, encoding="utf-8")
    line = one_line_error(invoke(TABLES / "events-wide.csv", "--rules", rules))
    assert needle in line and "rules.yml:" in line


def test_a_mapping_that_names_a_missing_column(tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text("columns: {incident: id, killed: deaths}\n", encoding="utf-8")
    line = one_line_error(invoke(TABLES / "events-wide.csv", "--rules", rules))
    assert "names column 'id'" in line


# --- bad input: one line, exit 2 ---------------------------------------------------------------------


@pytest.mark.parametrize("name, content, needle", [
    ("empty.csv", b"", "the table is empty"),
    ("header.csv", b"figure_id,quote\n", "the table has no rows"),
    ("unknown.csv", b"foo,bar\n1,2\n", "no `columns:` mapping"),
    ("broken.parquet", b"PAR1 not really", "cannot read the table"),
    ("list.json", b'{"a": 1}', "a JSON table is a list of records"),
    ("bad.json", b"[{", "not valid JSON"),
    ("latin.csv", "a,b\ncaf\u00e9,1\n".encode("latin-1"), "not UTF-8"),
])
def test_bad_tables_exit_2_with_one_line(tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    line = one_line_error(invoke(path))
    assert needle in line and name in line


def test_a_review_report_is_not_a_table(tmp_path):
    out = tmp_path / "review.json"
    invoke("--sample", "--format", "json", "--output", out)
    assert "is a review report" in one_line_error(invoke(out))


# --- publishing: a Data Package ----------------------------------------------------------------------


def test_figures_out_writes_a_data_package(tmp_path):
    target = tmp_path / "release" / "datapackage.json"
    target.parent.mkdir()
    assert invoke("--sample", "--figures-out", target, "--fail-on", "never").exit_code == 0
    descriptor = json.loads(target.read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    (resource,) = descriptor["resources"]
    assert resource["path"] == "figures.csv" and resource["profile"] == "tabular-data-resource"
    assert (target.parent / "figures.csv").is_file()
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields) == [*schema.COLUMNS, *schema.PROVENANCE]
    assert fields["low"]["type"] == "number" and fields["low"]["constraints"]["minimum"] == 0
    assert fields["start"]["type"] == "integer" and fields["additive"]["type"] == "boolean"
    assert fields["date_low"]["type"] == "date"
    assert "killed" in fields["measure"]["constraints"]["enum"]
    assert "at_least" in fields["qualifier"]["constraints"]["enum"]
    assert fields["figure_id"]["constraints"]["required"] is True
    assert resource["schema"]["primaryKey"] == ["figure_id"]
    assert resource["sources"][0]["title"] == "mali-2020"
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(target))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    # and check-report reads the package back: the same findings
    data = check_table(target)
    assert data["documents"][0]["table"]["mode"] == "text"
    assert sum(r["outcome"] == "fail" for r in data["results"]) == 5
