"""The review-report writers, on a hand-built Run made of real sentences of the bundled sample."""
from __future__ import annotations

import dataclasses
import json
import math
from importlib import resources

import pandas as pd
import pytest

from reportcheck import __version__
from reportcheck.model import DocumentSummary, Evidence, Result, Run
from reportcheck.report import WRITERS, exit_code, gating
from reportcheck.report.json import jsonable, result_id
from reportcheck.report.text import exit_line

SAMPLE = resources.files("reportcheck.samples").joinpath("mali-2020.txt").read_text(encoding="utf-8")
DOC = "mali-2020"

TARKINT = "killing at least 29 soldiers and wounding five others"
GAO = "a total of 30 soldiers were killed and 20 injured in an attack in Gao"
CHILDREN_TOTAL = "the United Nations documented 164 cases of recruitment and use of child soldiers"
CHILDREN_PARTS = ["127 by signatory armed groups in the North", "21 by the MDSF",
                  "14 by Katiba Macina in Segou and Mopti", "two by Dan Na Ambassagou in Mopti"]
KAYES_CENTER = "in the city of Kayes in the central part of the country"
KAYES_WEST = "the Kayes Region in the West"

CHECKS = {
    "RC101": {"name": "same-incident-counts", "summary": "One incident, counted differently.", "doc": "..."},
    "RC103": {"name": "place-conflicts", "summary": "One place, put in different parts.", "doc": "..."},
    "RC201": {"name": "totals", "summary": "A total that is not the sum of its parts.", "doc": "..."},
}


def ev(quote: str, section: str, role: str = "", text: str = SAMPLE, fid: str = "") -> Evidence:
    start = text.find(quote)
    assert start >= 0, quote
    return Evidence(fid or f"{DOC}:{start}", quote, start, start + len(quote), section, role)


def build_results(text: str = SAMPLE) -> list[Result]:
    tarkint, gao = ev(TARKINT, "1.a", "mention", text), ev(GAO, "1.g", "mention", text)
    return [
        Result("RC101", "same-incident-counts", DOC, "fail", "error",
               "March 19 attack on the military camp in Tarkint, Gao Region: injured 5 in section 1.a, "
               "20 in section 1.g",
               [tarkint, gao], arithmetic="5 != 20",
               details={"measure": "injured", "intervals": [[5, 5], [20, 20]]}),
        Result("RC101", "same-incident-counts", DOC, "pass", "error",
               "March 19 attack in Tarkint, Gao Region: killed 'at least 29' and 30 agree",
               [tarkint, gao], details={"measure": "killed", "intervals": [[29, math.inf], [30, 30]]}),
        Result("RC201", "totals", DOC, "pass", "warning",
               "164 cases of recruitment of child soldiers = the sum of its 4 parts",
               [ev(CHILDREN_TOTAL, "6", "total", text)] + [ev(p, "6", "part", text) for p in CHILDREN_PARTS],
               arithmetic="127 + 21 + 14 + 2 = 164 = stated 164"),
        Result("RC103", "place-conflicts", DOC, "fail", "warning",
               "Kayes is put in the central part of the country and in the West",
               [ev(KAYES_CENTER, "1.a", "", text), ev(KAYES_WEST, "1.a", "", text)], status="waived"),
    ]


def build_run(results: list[Result] | None = None, text: str = SAMPLE) -> Run:
    doc = DocumentSummary(DOC, "sample_reports/mali-2020.txt", "text", 2020, "file name", "ML",
                          len(text), figures=4, unparsed_numbers=1, numbers_in_dates=12)
    figures = pd.DataFrame({
        "figure_id": [f"{DOC}:{text.find('29 soldiers')}", f"{DOC}:{text.find('30 soldiers')}"],
        "document": [DOC, DOC],
        "text": ["at least 29", "a total of 30"],
        "value": [29.0, 30.0],
        "low": [29.0, 30.0],
        "high": [math.inf, 30.0],
        "qualifier": ["at_least", "exact"],
    })
    return Run([doc], figures, build_results(text) if results is None else results, checks=dict(CHECKS))


@pytest.fixture
def run() -> Run:
    return build_run()


# --- JSON -----------------------------------------------------------------------------------


def test_json_is_the_scorer_contract(run):
    data = json.loads(WRITERS["json"](run))
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "reportcheck", "version": __version__}
    (doc,) = data["documents"]
    for key in ("id", "path", "year", "year_source", "country", "format", "characters", "figures",
                "unparsed_numbers", "numbers_in_dates", "numbers_in_names"):
        assert key in doc
    assert doc["year"] == 2020 and doc["characters"] == len(SAMPLE)
    assert len(data["results"]) == 4
    for r in data["results"]:
        for key in ("id", "code", "rule", "document", "outcome", "severity", "status", "message",
                    "arithmetic", "evidence", "details", "help"):
            assert key in r
        assert r["help"] == f"check-report --explain {r['code']}"
        for e in r["evidence"]:
            assert set(e) == {"figure_id", "quote", "start", "end", "section", "role"}
            # offsets are string indices into the text as read
            assert SAMPLE[e["start"]:e["end"]] == e["quote"]
    assert data["summary"] == run.summary()
    assert data["summary"]["error"] == 1 and data["summary"]["waived"] == 1
    assert data["checks"]["RC101"] == {"name": "same-incident-counts", "summary": "One incident, counted differently."}
    assert list(data["checks"]) == sorted(data["checks"])


def test_json_infinity_is_the_string_inf(run):
    text = WRITERS["json"](run)
    assert "Infinity" not in text and "NaN" not in text
    killed = next(r for r in json.loads(text)["results"] if r["details"].get("measure") == "killed")
    assert killed["details"]["intervals"] == [[29, "inf"], [30, 30]]
    assert jsonable({"x": (-math.inf, math.nan)}) == {"x": ["-inf", None]}


def test_json_ids_are_stable_under_offset_shifts(run):
    before = {r["message"]: r["id"] for r in json.loads(WRITERS["json"](run))["results"]}
    shifted_text = "A new paragraph added at the top of the report.\n\n" + SAMPLE
    shifted = build_run(text=shifted_text)
    after = json.loads(WRITERS["json"](shifted))["results"]
    assert {r["message"]: r["id"] for r in after} == before
    assert after[0]["evidence"][0]["start"] != json.loads(WRITERS["json"](run))["results"][0]["evidence"][0]["start"]


def test_json_ids_unique_and_output_deterministic(run):
    data = json.loads(WRITERS["json"](run))
    ids = [r["id"] for r in data["results"]]
    assert len(set(ids)) == len(ids)
    # the killed and injured comparisons quote the same two sentences: same hash, suffixed
    rc101 = [i for i in ids if i.startswith("RC101-")]
    assert len(rc101) == 2 and rc101[1] == rc101[0] + "-2"
    reordered = dataclasses.replace(run, results=list(reversed(run.results)))
    assert ([r["code"] for r in json.loads(WRITERS["json"](reordered))["results"]]
            == [r["code"] for r in data["results"]])
    assert WRITERS["json"](run) == WRITERS["json"](run)


def test_result_id_depends_on_quotes_not_order_or_offsets(run):
    r = run.results[0]
    moved = dataclasses.replace(r, evidence=[dataclasses.replace(e, start=e.start + 7, end=e.end + 7)
                                             for e in reversed(r.evidence)])
    assert result_id(moved) == result_id(r)
    other = dataclasses.replace(r, evidence=r.evidence[:1])
    assert result_id(other) != result_id(r)


# --- text -----------------------------------------------------------------------------------


def test_text_report_shows_the_finding(run):
    out = WRITERS["text"](run)
    assert "sample_reports/mali-2020.txt" in out
    assert "year 2020 (from the file name)" in out and "4 figures" in out and "1 unparsed number" in out
    assert "RC101 same-incident-counts  error" in out
    assert "arithmetic: 5 != 20" in out
    assert f'[section 1.a]  "{TARKINT}"  (mention)' in out
    assert '[section 1.g]  "a total of 30 soldiers were killed and 20 injured' in out
    assert "see: check-report --explain RC101" in out
    assert "\x1b[" not in out  # no color unless asked
    assert max(len(line) for line in out.splitlines()) <= 100


def test_text_report_groups(run):
    out = WRITERS["text"](run)
    errors, waived, passed, summary = (out.index(h) for h in (
        "Errors (1)", "Waived (reviewed) findings (1)", "Checks that passed (2)", "Summary"))
    assert errors < waived < passed < summary
    assert "Warnings" not in out  # the only warning is waived
    assert "RC103 place-conflicts  warning  waived" in out
    passed_block = out[passed:summary]
    assert "RC201 totals  164 cases of recruitment" in passed_block
    assert "arithmetic" not in passed_block  # one line each


def test_text_report_summary_and_exit_line(run):
    out = WRITERS["text"](run)
    assert "checks run: 4, passed: 2, failed: 1 (1 error, 0 warnings, 0 infos), waived: 1" in out
    assert "documents: 1, figures: 4, unparsed numbers: 1" in out
    assert "exit 1: 1 error at or above --fail-on error" in out
    assert "exit 0: --fail-on never" in WRITERS["text"](run, fail_on="never")


def test_text_report_wraps_long_quotes():
    long_quote = SAMPLE[SAMPLE.find("For example, on June 7"):SAMPLE.find("On May 10, a Chadian")].strip()
    assert len(long_quote) > 200
    r = Result("RC101", "same-incident-counts", DOC, "fail", "error", "m", [ev(long_quote, "1.a", "part")])
    out = WRITERS["text"](build_run([r]))
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if '[section 1.a]  "For example' in line)
    assert all(len(line) <= 100 for line in lines)
    assert lines[first + 1].startswith(" " * len('  [section 1.a]  "'))  # continuation under the quote
    assert "(part)" in out


def test_text_report_color():
    out = WRITERS["text"](build_run(), color=True)
    assert "\x1b[" in out
    assert "RC101 same-incident-counts" in out


def test_empty_run_renders():
    empty = Run([], None, [])
    assert json.loads(WRITERS["json"](empty))["results"] == []
    assert "exit 0: nothing at or above --fail-on error" in WRITERS["text"](empty)


# --- the gate -------------------------------------------------------------------------------


def _result(severity, outcome="fail", status="new"):
    return Result("RC201", "totals", DOC, outcome, severity, "m", status=status)


@pytest.mark.parametrize("results, fail_on, expected", [
    ([_result("error")], "error", 1),
    ([_result("error")], "never", 0),
    ([_result("warning")], "error", 0),
    ([_result("warning")], "warning", 1),
    ([_result("info")], "warning", 0),
    ([_result("error", outcome="pass")], "warning", 0),
    ([_result("error", status="waived")], "error", 0),
    ([], "warning", 0),
])
def test_exit_code(results, fail_on, expected):
    run = build_run(results)
    assert exit_code(run, fail_on) == expected
    assert len(gating(run, fail_on)) == expected
    assert exit_line(run, fail_on).startswith(f"exit {expected}")
