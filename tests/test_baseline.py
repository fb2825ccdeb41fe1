"""Reviewed findings: fingerprints, --write-baseline, --baseline, stale entries, a baseline's errors.

Everything runs the real pipeline on the bundled sample (a copy in a temporary directory, checked
from there so that no report rule file of the working directory applies)."""
from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

from helpers import error_message, failing, invoke
from reportcheck import pipeline
from reportcheck.fingerprint import fingerprint
from reportcheck.model import Evidence, Result, Run
from reportcheck.report import WRITERS

SAMPLE = resources.files("reportcheck.samples").joinpath("mali-2020.txt").read_text(encoding="utf-8")
TOP = "A paragraph added at the top of the report, with 12 figures of its own and 3 more.\n\n"


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no ./checks/mali-2020.yml: the report is checked on its own
    (tmp_path / "mali-2020.txt").write_text(SAMPLE, encoding="utf-8")
    return tmp_path




def written_baseline(work: Path, name: str = "reviewed.yml", *extra) -> tuple[Path, dict]:
    """--write-baseline on the sample: the file and its data."""
    path = work / name
    result = invoke("mali-2020.txt", "--write-baseline", path, *extra)
    assert result.exit_code == 1, result.output  # writing a baseline does not change the verdict
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def reviewed(work: Path, drop=lambda entry: False) -> Path:
    """A baseline of the sample's failures with reviewer, date and reason filled in."""
    path, data = written_baseline(work)
    data["reviewed"] = [e for e in data["reviewed"] if not drop(e)]
    for i, e in enumerate(data["reviewed"]):
        e.update(reviewer="A. Analyst", date="2024-05-02", reason=f"accepted as published ({i + 1})")
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path



# --- fingerprints ---------------------------------------------------------------------------


def test_fingerprint_normalises_and_sorts_quotes():
    a = fingerprint("RC101", "mali-2020", ["killing at least 29\n soldiers", "20  injured"])
    assert a == fingerprint("RC101", "mali-2020", ["20 injured", "killing at least 29 soldiers"])
    assert a.startswith("RC101-") and len(a) == len("RC101-") + 12
    assert a != fingerprint("RC101", "mali-2019", ["20 injured", "killing at least 29 soldiers"])
    assert a != fingerprint("RC102", "mali-2020", ["20 injured", "killing at least 29 soldiers"])
    r = Result("RC101", "same-incident-counts", "mali-2020", "fail", "error", "m",
               [Evidence("x", "20  injured", 5, 16, "1.g"),
                Evidence("y", "killing at least 29\n soldiers", 1, 9, "1.a")])
    assert r.fingerprint == a
    # every writer names a result by it: the JSON id is the fingerprint
    run = Run([], None, [r])
    (out,) = json.loads(WRITERS["json"](run))["results"]
    assert out["id"] == out["fingerprint"] == a


def test_fingerprints_survive_an_edit_elsewhere(work):
    before = pipeline.run([str(work / "mali-2020.txt")])
    (work / "mali-2020.txt").write_text(TOP + SAMPLE, encoding="utf-8")
    after = pipeline.run([str(work / "mali-2020.txt")])
    assert failing(before) and [r.evidence[0].start for r in failing(before)] != \
        [r.evidence[0].start for r in failing(after)]  # the offsets moved ...
    assert sorted(r.fingerprint for r in failing(after)) == sorted(r.fingerprint for r in failing(before))
    # every result about the rest of the report keeps its fingerprint (the added paragraph's own
    # figures may bring results of their own)
    about_rest = [r.fingerprint for r in after.results if all(e.start >= len(TOP) for e in r.evidence)]
    assert sorted(about_rest) == sorted(r.fingerprint for r in before.results)


def test_a_baseline_survives_an_edit_elsewhere(work):
    baseline = reviewed(work)
    (work / "mali-2020.txt").write_text(TOP + SAMPLE, encoding="utf-8")
    result = invoke("mali-2020.txt", "--baseline", baseline)
    assert result.exit_code == 0, result.output
    assert "Stale baseline entries" not in result.output


# --- --write-baseline -----------------------------------------------------------------------


def test_write_baseline(work):
    path, data = written_baseline(work)
    assert data["version"] == 1
    run = pipeline.run([str(work / "mali-2020.txt")])
    assert {e["fingerprint"] for e in data["reviewed"]} == {r.fingerprint for r in failing(run)}
    for e in data["reviewed"]:
        assert list(e) == ["fingerprint", "code", "rule", "document", "message", "quotes", "reviewer", "date",
                           "reason"]
        assert e["reviewer"] == e["date"] == e["reason"] == ""
        assert e["document"] == "mali-2020" and e["fingerprint"].startswith(e["code"] + "-")
        assert e["quotes"] and all(q in " ".join(SAMPLE.split()) for q in e["quotes"])
    assert path.read_text(encoding="utf-8").startswith("# Reviewed findings of check-report")
    assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []  # written atomically


def test_a_written_baseline_must_be_filled_in(work):
    path, data = written_baseline(work)
    first = data["reviewed"][0]["fingerprint"]
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if first in text)
    message = error_message(invoke("mali-2020.txt", "--baseline", path))
    assert message.startswith(f"{path}:{line}: entry 1 ({first}): no reason given"), message


@pytest.mark.parametrize("target", ["mali-2020.txt", "reviewed.yml", "mine.yml"])
def test_write_baseline_refuses_to_overwrite_an_input(work, target):
    baseline = reviewed(work)
    (work / "mine.yml").write_text("checks: {}\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    result = invoke("mali-2020.txt", "--baseline", baseline, "--rules", "mine.yml", "--write-baseline", target)
    assert "refusing to overwrite the input" in error_message(result)
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


def test_write_baseline_target_checks(work):
    assert ".yml or .yaml" in error_message(invoke("mali-2020.txt", "--write-baseline", "reviewed.txt"))
    assert "does not exist" in error_message(invoke("mali-2020.txt", "--write-baseline", "no/reviewed.yml"))
    line = error_message(invoke("mali-2020.txt", "--output", "x.yml", "--write-baseline", "x.yml"))
    assert "also named by --output" in line


def test_write_baseline_keeps_the_reviews_of_a_baseline(work):
    baseline = reviewed(work, drop=lambda e: e["code"] == "RC101" and "injured" in e["message"])
    result = invoke("mali-2020.txt", "--baseline", baseline, "--write-baseline", "next.yml")
    assert result.exit_code == 1
    entries = yaml.safe_load((work / "next.yml").read_text(encoding="utf-8"))["reviewed"]
    old = {e["fingerprint"]: e for e in yaml.safe_load(baseline.read_text(encoding="utf-8"))["reviewed"]}
    assert len(entries) == len(old) + 1
    for e in entries:
        if e["fingerprint"] in old:
            assert (e["reviewer"], e["reason"]) == (old[e["fingerprint"]]["reviewer"], old[e["fingerprint"]]["reason"])
        else:  # the one that was dropped: new, to review
            assert e["reason"] == "" and "injured" in e["message"]


# --- --baseline -----------------------------------------------------------------------------


def test_reviewed_findings_do_not_fail_and_stay_in_the_review(work):
    baseline = reviewed(work).name  # as given, relative to the working directory
    result = invoke("mali-2020.txt", "--baseline", baseline)
    assert result.exit_code == 0, result.output
    out = result.output
    run = pipeline.run([str(work / "mali-2020.txt")])
    assert f"Waived (reviewed) findings ({len(failing(run))})" in out
    assert "RC101 same-incident-counts  error  waived" in out
    assert "reviewed: accepted as published (1) (A. Analyst, 2024-05-02; reviewed.yml:" in out
    assert "Errors (" not in out and "Warnings (" not in out
    assert f"baseline {baseline}: {len(failing(run))} entries, {len(failing(run))} findings reviewed, 0 stale" in out
    assert "exit 0: nothing at or above --fail-on error" in out

    data = json.loads(invoke("mali-2020.txt", "--baseline", baseline, "--format", "json").output)
    fails = [r for r in data["results"] if r["outcome"] == "fail"]
    assert fails and all(r["status"] == "waived" for r in fails)
    for r in fails:
        assert r["review"]["reviewer"] == "A. Analyst" and r["review"]["date"] == "2024-05-02"
        assert r["review"]["reason"].startswith("accepted as published")
        assert r["review"]["source"].startswith(f"{baseline}:")
    assert all(r["review"] is None for r in data["results"] if r["outcome"] == "pass")
    assert data["summary"]["failed"] == 0 and data["summary"]["waived"] == len(fails)
    assert data["summary"]["baseline"] == {"entries": len(fails), "waived": len(fails), "ignored": 0, "stale": 0}
    assert data["baseline"]["stale"] == [] and data["baseline"]["path"] == str(baseline)


def test_an_unreviewed_error_fails_again(work):
    baseline = reviewed(work, drop=lambda e: e["code"] == "RC101" and "injured" in e["message"])
    result = invoke("mali-2020.txt", "--baseline", baseline)
    assert result.exit_code == 1
    assert "Errors (1)" in result.output and "exit 1: 1 error at or above --fail-on error" in result.output
    data = json.loads(invoke("mali-2020.txt", "--baseline", baseline, "--format", "json").output)
    (new,) = [r for r in data["results"] if r["outcome"] == "fail" and r["status"] == "new"]
    assert new["code"] == "RC101" and new["severity"] == "error" and new["review"] is None


def test_stale_entries_are_reported(work):
    baseline = reviewed(work)
    data = yaml.safe_load(baseline.read_text(encoding="utf-8"))
    fixed = {"fingerprint": "RC201-0123456789ab", "code": "RC201", "document": "mali-2020",
             "message": "a total that was fixed", "reviewer": "B", "date": "2024-01-01", "reason": "old"}
    elsewhere = {**fixed, "fingerprint": "RC201-ba9876543210", "document": "niger-2020"}
    data["reviewed"] += [fixed, elsewhere]
    baseline.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    line = next(i for i, text in enumerate(baseline.read_text(encoding="utf-8").splitlines(), 1)
                if "RC201-0123456789ab" in text)
    baseline = baseline.name  # as given, relative to the working directory

    result = invoke("mali-2020.txt", "--baseline", baseline)
    assert result.exit_code == 0, result.output  # stale entries do not fail by default
    assert "Stale baseline entries (1)" in result.output
    assert f"{baseline}:{line}  RC201-0123456789ab  mali-2020" in result.output
    assert "RC201-ba9876543210" not in result.output  # about a report this run did not check
    assert "1 stale, 1 about documents not checked" in result.output

    data = json.loads(invoke("mali-2020.txt", "--baseline", baseline, "--format", "json").output)
    (stale,) = data["baseline"]["stale"]
    assert stale["fingerprint"] == "RC201-0123456789ab" and stale["source"] == f"{baseline}:{line}"
    assert data["summary"]["baseline"]["stale"] == 1 and data["summary"]["baseline"]["ignored"] == 1

    strict = invoke("mali-2020.txt", "--baseline", baseline, "--fail-on-stale")
    assert strict.exit_code == 1
    assert "exit 1: 1 stale baseline entry (--fail-on-stale)" in strict.output
    assert invoke("mali-2020.txt", "--baseline", baseline, "--fail-on-stale", "--fail-on", "never").exit_code == 0


def test_fail_on_stale_needs_a_baseline(work):
    assert "--fail-on-stale needs --baseline" in error_message(invoke("mali-2020.txt", "--fail-on-stale"))


def test_the_sample_with_its_own_rules(work):
    path = work / "sample.yml"
    assert invoke("--sample", "--write-baseline", path).exit_code == 1
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for e in data["reviewed"]:
        e["reason"] = "reviewed"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert invoke("--sample", "--baseline", path).exit_code == 0


# --- a baseline's errors: one line, file and line -------------------------------------------

FP = "RC101-0123456789ab"
ENTRY = f"  - fingerprint: {FP}\n    reason: ok\n"


@pytest.mark.parametrize("text, line, needle", [
    ("reviewed:\n  - fingerprint: [\n", 3, "not valid YAML"),
    ("- fingerprint: x\n", 1, "a baseline must be a mapping"),
    ("version: 1\nreview:\n" + ENTRY, 2, "unknown key 'review'"),
    ("version: 2\nreviewed: []\n", 1, "version 2"),
    ("reviewed: {fingerprint: x}\n", 1, "reviewed must be a list"),
    ("reviewed:\n  - just text\n", 2, "entry 1 must be a mapping"),
    ("reviewed:\n" + ENTRY + "    reviwer: me\n", 4, "unknown key 'reviwer'"),
    ("reviewed:\n  - reason: ok\n", 2, "missing fingerprint"),
    ("reviewed:\n  - fingerprint: RC101-xyz\n    reason: ok\n", 2, "'RC101-xyz' is not a fingerprint"),
    ("reviewed:\n" + ENTRY + ENTRY, 4, "the fingerprint is listed twice (entries 1 and 2)"),
    ("reviewed:\n" + ENTRY + "    quotes: one quote\n", 4, "quotes must be a list"),
    ("reviewed:\n" + ENTRY + "    reviewer: 12\n", 4, "reviewer must be text"),
    ("reviewed:\n" + ENTRY + "    code: RC201\n", 4, "code RC201 is not the fingerprint's"),
    ("reviewed:\n" + ENTRY + "  - fingerprint: RC102-0123456789ab\n    reviewer: me\n", 4,
     "entry 2 (RC102-0123456789ab): no reason given"),
    ("reviewed:\n" + ENTRY + "  - fingerprint: RC102-0123456789ab\n    reason: '  '\n", 4, "no reason given"),
])
def test_baseline_errors_name_file_and_line(work, text, line, needle):
    path = work / "reviewed.yml"
    path.write_text(text, encoding="utf-8")
    message = error_message(invoke("mali-2020.txt", "--baseline", path))
    assert message.startswith(f"{path}:{line}: ") and needle in message, message


def test_baseline_missing_or_empty(work):
    assert "baseline file not found" in error_message(invoke("mali-2020.txt", "--baseline", "nope.yml"))
    (work / "empty.yml").write_text("# nothing reviewed yet\n", encoding="utf-8")
    result = invoke("mali-2020.txt", "--baseline", "empty.yml")
    assert result.exit_code == 1 and "baseline empty.yml: 0 entries" in result.output


def test_a_date_written_as_a_date(work):
    path = work / "reviewed.yml"
    run = pipeline.run([str(work / "mali-2020.txt")])
    entries = "".join(f"  - fingerprint: {fp}\n    date: 2024-05-02\n    reason: ok\n"
                      for fp in sorted({r.fingerprint for r in failing(run)}))
    path.write_text("version: 1\nreviewed:\n" + entries, encoding="utf-8")
    data = json.loads(invoke("mali-2020.txt", "--baseline", path, "--format", "json").output)
    assert {r["review"]["date"] for r in data["results"] if r["outcome"] == "fail"} == {"2024-05-02"}


def test_apply_baseline_does_not_change_the_run(work):
    from reportcheck.baseline import Baseline, Entry, apply_baseline

    run = pipeline.run([str(work / "mali-2020.txt")])
    target = failing(run)[0]
    out = apply_baseline(run, Baseline("b.yml", (Entry(target.fingerprint, "why", line=3),)))
    assert target.status == "new" and not target.review
    (waived,) = [r for r in out.results if r.status == "waived"]
    assert dataclasses.replace(waived, status="new", review={}) == target
    assert waived.review == {"reviewer": "", "date": "", "reason": "why", "source": "b.yml:3"}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_stale_entries_and_reviews_show_in_markdown_and_html(work, fmt):
    baseline = reviewed(work)
    data = yaml.safe_load(baseline.read_text(encoding="utf-8"))
    data["reviewed"].append({"fingerprint": "RC201-0123456789ab", "code": "RC201", "document": "mali-2020",
                             "message": "a total that was fixed", "reviewer": "B", "date": "2024-01-01",
                             "reason": "old"})
    baseline.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = invoke("mali-2020.txt", "--baseline", baseline.name, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Stale baseline entries (1)" in result.output and "RC201-0123456789ab" in result.output
    assert "1 stale" in result.output and "accepted as published" in result.output
