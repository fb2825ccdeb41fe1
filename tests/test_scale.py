"""Corpus runs (issue 12): streaming outputs (JSON Lines, the HTML review as a directory, the
figures as Parquet parts), a corpus that goes on past a document that cannot be checked, the
cache of incremental runs, the progress bar. The engines are in test_engines.py."""
from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportcheck import cache as cache_module
from reportcheck import pipeline
from reportcheck.cache import Cache
from reportcheck.cli import main

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SCRIPT = Path(sys.executable).with_name("check-report")
REPORTS = {  # small reports: the sample (its findings), excerpts, one flagged by hand
    "mali-2020.txt": REPO / "sample_reports" / "mali-2020.txt",
    "cameroon-2019.txt": DATA / "cameroon-2019-excerpt.txt",
    "mali-2019.txt": DATA / "mali-2019-flagged.txt",
    "serbia-2019.txt": DATA / "serbia-2019-excerpt.txt",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, source in REPORTS.items():
        shutil.copyfile(source, folder / name)
    return folder


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_holds_the_json_reviews_results_and_summary(corpus, tmp_path):
    streamed = invoke(corpus, "--format", "jsonl", "-o", tmp_path / "r.jsonl", "-j", "1")
    assert streamed.exit_code == 1, streamed.output  # the sample's error
    whole = invoke(corpus, "--format", "json", "-o", tmp_path / "r.json", "-j", "1")
    assert whole.exit_code == 1
    review = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    got = lines(tmp_path / "r.jsonl")
    assert [x["type"] for x in got][-1] == "summary" and {x["type"] for x in got} == {"document", "result", "summary"}
    assert [x["document"] for x in got if x["type"] == "document"] == review["documents"]
    assert [{k: v for k, v in x.items() if k != "type"} for x in got if x["type"] == "result"] == review["results"]
    assert got[-1]["summary"] == review["summary"] and got[-1]["checks"] == review["checks"]


def test_jsonl_streamed_or_from_a_whole_run_is_the_same_bytes(corpus, tmp_path):
    # --format text needs the whole run in memory: the JSON Lines review is then written from it
    invoke(corpus, "--format", "jsonl", "-o", tmp_path / "a.jsonl", "-j", "1")
    invoke(corpus, "--format", "jsonl", "-o", tmp_path / "b.jsonl", "--format", "text", "-o", tmp_path / "b.txt",
           "-j", "1")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


@pytest.mark.parametrize("case", ["plain", "errors", "baseline", "same stems"])
def test_json_streamed_or_from_a_whole_run_is_the_same_bytes(corpus, tmp_path, case):
    # alone, the JSON review's results are written as documents arrive (only counts kept); with
    # the text review the run is kept whole and the review rendered from it: the same bytes
    args = [corpus, "-j", "1"]
    if case == "errors":  # the "errors" key
        (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 100)
    if case == "baseline":  # waived results, the "baseline" key
        assert invoke(corpus, "--write-baseline", tmp_path / "b.yml").exit_code == 1
        import yaml

        data = yaml.safe_load((tmp_path / "b.yml").read_text(encoding="utf-8"))
        for e in data["reviewed"]:
            e.update(reviewer="t", date="2024-05-02", reason="as published")
        (tmp_path / "b.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
        args += ["--baseline", tmp_path / "b.yml"]
    if case == "same stems":  # two documents of one id: their results sort together (the whole run)
        (corpus / "again").mkdir()
        shutil.copyfile(REPORTS["mali-2020.txt"], corpus / "again" / "mali-2020.txt")
    streamed = invoke(*args, "--format", "json", "-o", tmp_path / "a.json")
    whole = invoke(*args, "--format", "json", "-o", tmp_path / "b.json", "--format", "text", "-o", tmp_path / "b.txt")
    assert streamed.exit_code == whole.exit_code == {"errors": 2, "baseline": 0}.get(case, 1), streamed.output
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    review = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert len(review["documents"]) == (5 if case == "same stems" else 4)
    assert {r["document"] for r in review["results"]} >= {"mali-2020", "cameroon-2019"}
    assert invoke(*args, "--format", "json").stdout == (tmp_path / "a.json").read_text(encoding="utf-8")


def test_json_streamed_equals_the_whole_run_rendered(corpus, tmp_path):
    from reportcheck.report.json import render

    assert invoke(corpus, "--format", "json", "-o", tmp_path / "a.json", "--no-report-rules").exit_code == 1
    run = pipeline.run([str(corpus)])
    assert len(run.documents) == 4 and len({r.document for r in run.results}) > 1
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == json.loads(render(run))


def test_jsonl_on_stdout(corpus):
    result = invoke(corpus, "--format", "jsonl", "-j", "1")
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[-1])["type"] == "summary"


def test_jsonl_with_a_baseline_waives_and_lists_stale_entries(corpus, tmp_path):
    assert invoke(corpus, "--write-baseline", tmp_path / "b.yml").exit_code == 1
    import yaml

    data = yaml.safe_load((tmp_path / "b.yml").read_text(encoding="utf-8"))
    for e in data["reviewed"]:
        e.update(reviewer="t", date="2024-05-02", reason="as published")
    first = data["reviewed"][0]
    data["reviewed"].append({**first, "fingerprint": f"{first['code']}-000000000000", "document": "mali-2020"})
    (tmp_path / "b.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    result = invoke(corpus, "--baseline", tmp_path / "b.yml", "--format", "jsonl", "-o", out)
    assert result.exit_code == 0, result.output
    whole = invoke(corpus, "--baseline", tmp_path / "b.yml", "--format", "json", "-o", tmp_path / "r.json")
    review = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    got = lines(out)
    assert whole.exit_code == 0
    assert got[-1]["baseline"] == review["baseline"] and len(review["baseline"]["stale"]) == 1
    assert [x for x in got if x["type"] == "result" and x["status"] == "waived"]
    assert got[-1]["summary"] == review["summary"]


# --- the HTML review as a directory ----------------------------------------------------------------


def test_html_directory_has_an_index_and_a_page_per_document(corpus, tmp_path):
    out = tmp_path / "review"
    result = invoke(corpus, "--format", "html", "-o", f"{out}/", "-j", "1")
    assert result.exit_code == 1, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (out / "documents").iterdir())
    assert pages == ["00001-cameroon-2019.html", "00002-mali-2019.html", "00003-mali-2020.html",
                     "00004-serbia-2019.html"]
    for name in pages:
        assert f'href="documents/{name}"' in index
    assert 'id="filter-text"' in index and 'class="sortable"' in index and "exit 1" in index
    page = (out / "documents" / "00003-mali-2020.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in page and "this document: 1 error" in page and "Tarkint" in page
    # the page is the one-document review: its findings, its figures, its text
    single = invoke(corpus / "mali-2020.txt", "--format", "html", "-o", tmp_path / "one.html")
    assert single.exit_code == 1
    one = (tmp_path / "one.html").read_text(encoding="utf-8")
    assert page.count('class="finding ') == one.count('class="finding ') > 0


def test_html_directory_is_replaced_only_when_ours(corpus, tmp_path):
    out = tmp_path / "review"
    assert invoke(corpus, "--format", "html", "-o", f"{out}/").exit_code == 1
    (out / "documents" / "stale.html").write_text("x", encoding="utf-8")
    assert invoke(corpus, "--format", "html", "-o", f"{out}/").exit_code == 1
    assert not (out / "documents" / "stale.html").exists()  # replaced whole
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    result = invoke(corpus, "--format", "html", "-o", f"{mine}/")
    assert result.exit_code == 2 and "did not write" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    inside = invoke(corpus, "--format", "html", "-o", f"{corpus}/review/")
    assert inside.exit_code == 2 and "inside the input directory" in inside.stderr
    text_dir = invoke(corpus, "--format", "text", "-o", f"{tmp_path}/t/")
    assert text_dir.exit_code == 2 and "only --format html writes a directory" in text_dir.stderr


# --- the figures table as Parquet parts --------------------------------------------------------------


def test_parquet_directory_is_the_figures_table(corpus, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    assert invoke(corpus, "--figures-out", f"{tmp_path}/figures/", "--format", "jsonl", "-o",
                  tmp_path / "r.jsonl").exit_code == 1
    assert invoke(corpus, "--figures-out", tmp_path / "figures.parquet").exit_code == 1
    parts = sorted(p.name for p in (tmp_path / "figures").iterdir())
    assert parts == [".check-report"] + [f"part-0000{i}.parquet" for i in range(1, 5)]
    got = pd.read_parquet(tmp_path / "figures")
    whole = pd.read_parquet(tmp_path / "figures.parquet")
    assert list(got.columns) == list(whole.columns) and len(got) == len(whole) > 0
    assert got["document"].tolist() == whole["document"].tolist()
    assert got["quote"].tolist() == whole["quote"].tolist()
    assert (got["document_sha256"] == whole["document_sha256"]).all()
    # provenance: where each report is (absolute: the reports are not below the table's directory)
    assert got["document_path"].iloc[0].endswith("reports/cameroon-2019.txt")


# --- a corpus goes on past a document that cannot be checked ---------------------------------------


def test_a_bad_document_is_named_and_the_others_reviewed(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 100)
    out = tmp_path / "r.jsonl"
    result = invoke(corpus, "--format", "jsonl", "-o", out, "--format", "html", "-o", f"{tmp_path}/h/")
    assert result.exit_code == 2
    err = result.stderr.splitlines()
    assert err[0].startswith("check-report: ") and "broken.txt" in err[0]
    assert err[-1] == ("check-report: 1 of 5 documents could not be checked (named above); "
                       "the review covers the other 4")
    got = lines(out)
    assert len([x for x in got if x["type"] == "document"]) == 4
    assert [x for x in got if x["type"] == "error"][0]["path"].endswith("broken.txt")
    assert "broken.txt" in (tmp_path / "h" / "index.html").read_text(encoding="utf-8")
    # the whole-run formats too: the review of the others, and the status 2
    text = invoke(corpus, "-o", tmp_path / "r.txt")
    assert text.exit_code == 2 and "mali-2020" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_fail_fast_stops_at_the_first_bad_document_and_writes_nothing(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 100)
    for fmt in ("jsonl", "json"):
        out = tmp_path / f"r.{fmt}"
        result = invoke(corpus, "--fail-fast", "--format", fmt, "-o", out)
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1 and "broken.txt" in result.stderr
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]  # no temporary left


def test_one_bad_file_alone_is_one_line(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01binary\x00" * 100)
    for fmt in ("jsonl", "text"):
        result = invoke(bad, "--format", fmt, "-o", tmp_path / f"r.{fmt}")
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("check-report: ")
        assert not (tmp_path / f"r.{fmt}").exists()


def test_pipeline_run_raises_on_a_bad_document_unless_asked_not_to(corpus):
    from reportcheck.errors import InputError

    (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 100)
    with pytest.raises(InputError, match="broken.txt"):
        pipeline.run([str(corpus)])
    run = pipeline.run([str(corpus)], fail_fast=False)
    assert len(run.documents) == 4 and [e.path for e in run.errors] == [str(corpus / "broken.txt")]


# --- the cache ---------------------------------------------------------------------------------------


def cached_run(corpus, cache_dir, **kwargs):
    cache = Cache(cache_dir)
    run = pipeline.run([str(corpus)], cache=cache, report_rules=True, **kwargs)
    return run, cache


def test_cache_reuses_unchanged_reports_with_the_same_results(corpus, tmp_path):
    first, c1 = cached_run(corpus, tmp_path / "cache")
    assert (c1.hits, c1.stored) == (0, 4)
    second, c2 = cached_run(corpus, tmp_path / "cache")
    assert (c2.hits, c2.misses, c2.stored) == (4, 0, 0)
    assert second.results == first.results and second.documents == first.documents
    import pandas as pd

    pd.testing.assert_frame_equal(second.figures, first.figures)
    assert second.texts == first.texts


def test_cached_outputs_are_byte_identical(corpus, tmp_path):
    args = [corpus, "--cache", tmp_path / "cache", "--format", "jsonl", "-o", tmp_path / "r.jsonl",
            "--format", "html", "-o", f"{tmp_path}/h/", "-j", "1"]
    assert invoke(*args).exit_code == 1
    before = (tmp_path / "r.jsonl").read_bytes(), (tmp_path / "h" / "documents" / "00003-mali-2020.html").read_bytes()
    assert invoke(*args).exit_code == 1
    after = (tmp_path / "r.jsonl").read_bytes(), (tmp_path / "h" / "documents" / "00003-mali-2020.html").read_bytes()
    assert after == before
    text = [corpus, "--cache", tmp_path / "cache", "--format", "text", "-o", tmp_path / "r.txt"]
    invoke(*text)
    plain = (tmp_path / "r.txt").read_bytes()
    invoke(*text)
    assert (tmp_path / "r.txt").read_bytes() == plain


def streamed_outputs(corpus, out: Path, *extra) -> dict[str, bytes]:
    """Every streamed output of a run over `corpus` (JSON Lines, the HTML directory, the Parquet
    directory): relative name -> bytes."""
    out.mkdir(parents=True)
    result = invoke(corpus, "--format", "jsonl", "-o", out / "r.jsonl", "--format", "html", "-o", f"{out}/h/",
                    "--figures-out", f"{out}/figures/", "-j", "1", *extra)
    assert result.exit_code in (0, 1), result.output
    return {str(f.relative_to(out)): f.read_bytes() for f in sorted(out.rglob("*")) if f.is_file()}


def test_a_warm_run_copies_the_cold_runs_outputs_byte_for_byte(corpus, tmp_path, monkeypatch):
    plain = streamed_outputs(corpus, tmp_path / "plain")
    cold = streamed_outputs(corpus, tmp_path / "cold", "--cache", tmp_path / "cache")
    # the JSON Lines review, the index, 4 pages and the marker, 4 Parquet parts and the marker
    assert cold == plain and len(cold) == 12, sorted(cold)
    for kind in ("jsonl", "page", "part"):
        assert len(list((tmp_path / "cache").rglob(f"*.{kind}"))) == 4
    # a warm run renders nothing and reads no result: it copies what the cold run rendered
    from reportcheck.report import html, jsonl

    def never(*args, **kwargs):
        raise AssertionError("rendered again")

    for module, name in ((html, "render_page"), (jsonl, "document_lines"), (cache_module.Entry, "load_results"),
                         (cache_module.Entry, "load_figures")):
        monkeypatch.setattr(module, name, never)
    assert streamed_outputs(corpus, tmp_path / "warm", "--cache", tmp_path / "cache") == cold


def test_a_damaged_rendered_output_or_other_options_render_again(corpus, tmp_path, monkeypatch):
    streamed_outputs(corpus, tmp_path / "cold", "--cache", tmp_path / "cache")
    page = sorted((tmp_path / "cache").rglob("*.page"))[0]
    page.write_bytes(page.read_bytes()[:-10])  # truncated
    part = sorted((tmp_path / "cache").rglob("*.part"))[0]
    part.write_bytes(part.read_bytes().replace(b"PAR1", b"PAR2"))  # altered
    assert streamed_outputs(corpus, tmp_path / "warm", "--cache", tmp_path / "cache") == \
        streamed_outputs(corpus, tmp_path / "plain")
    # the options an output depends on: --fail-on (the pages' status lines), where the report is
    assert streamed_outputs(corpus, tmp_path / "never", "--cache", tmp_path / "cache", "--fail-on", "never") == \
        streamed_outputs(corpus, tmp_path / "never-plain", "--fail-on", "never")
    moved = tmp_path / "elsewhere" / "reports"
    shutil.copytree(corpus, moved)
    assert streamed_outputs(moved, tmp_path / "moved", "--cache", tmp_path / "cache") == \
        streamed_outputs(moved, tmp_path / "moved-plain")
    # the pages show a report's path relative to the working directory: run from another one
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert streamed_outputs(moved, tmp_path / "cwd", "--cache", tmp_path / "cache") == \
        streamed_outputs(moved, tmp_path / "cwd-plain")


def test_a_baseline_is_applied_to_cached_outputs_as_to_checked_ones(corpus, tmp_path):
    import yaml

    assert invoke(corpus, "--write-baseline", tmp_path / "b.yml").exit_code == 1
    data = yaml.safe_load((tmp_path / "b.yml").read_text(encoding="utf-8"))
    for e in data["reviewed"]:
        e.update(reviewer="t", date="2024-05-02", reason="as published")
    (tmp_path / "b.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    streamed_outputs(corpus, tmp_path / "cold", "--cache", tmp_path / "cache")  # stored without a baseline
    baseline = ("--baseline", tmp_path / "b.yml")
    waived = streamed_outputs(corpus, tmp_path / "warm", "--cache", tmp_path / "cache", *baseline)
    assert waived == streamed_outputs(corpus, tmp_path / "plain", *baseline)
    assert b'"status":"waived"' in waived["r.jsonl"]


def test_an_edited_report_is_checked_again(corpus, tmp_path):
    cached_run(corpus, tmp_path / "cache")
    report = corpus / "cameroon-2019.txt"
    text = report.read_text(encoding="utf-8")
    assert "that 174 individuals arrested" in text
    report.write_text(text.replace("that 174 individuals arrested", "that 175 individuals arrested"), encoding="utf-8")
    run, cache = cached_run(corpus, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (3, 1)
    assert "175 individuals" in run.texts["cameroon-2019"]
    assert (run.figures["number_text"] == "175").any() and not (run.figures["number_text"] == "174").any()


def test_an_edited_rule_file_is_checked_again(corpus, tmp_path):
    cached_run(corpus, tmp_path / "cache")
    (corpus / "checks").mkdir()
    own = corpus / "checks" / "serbia-2019.yml"
    own.write_text("checks:\n  RC101: {severity: warning}\n", encoding="utf-8")
    _, cache = cached_run(corpus, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (3, 1)  # the report's own rule file: that report only
    own.write_text("checks:\n  RC101: {severity: info}\n", encoding="utf-8")
    _, cache = cached_run(corpus, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (3, 1)
    rules = tmp_path / "rules.yml"
    rules.write_text("checks:\n  RC103: {severity: info}\n", encoding="utf-8")
    _, cache = cached_run(corpus, tmp_path / "cache", rule_files=[str(rules)])
    assert (cache.hits, cache.misses) == (0, 4)  # a --rules file: every report


def test_a_new_tool_version_checks_everything_again(corpus, tmp_path, monkeypatch):
    cached_run(corpus, tmp_path / "cache")
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    cache_module.tool_digest.cache_clear()
    try:
        _, cache = cached_run(corpus, tmp_path / "cache")
        assert (cache.hits, cache.misses) == (0, 4)
    finally:
        monkeypatch.undo()
        cache_module.tool_digest.cache_clear()


def test_a_damaged_or_foreign_cache_entry_is_checked_again(corpus, tmp_path):
    first, _ = cached_run(corpus, tmp_path / "cache")
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 4
    entries[0].write_text("{not json", encoding="utf-8")  # damaged
    other = json.loads(entries[1].read_text(encoding="utf-8"))
    entries[2].write_text(json.dumps({**other, "key": "0" * 64}), encoding="utf-8")  # another key's
    entries[3].write_text(json.dumps({"format": "something else"}), encoding="utf-8")  # foreign
    run, cache = cached_run(corpus, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (1, 3)
    assert run.results == first.results
    # a damaged figures file is found when the figures are read: the report is checked again then
    for f in (tmp_path / "cache").rglob("*.figures.json.gz"):
        f.write_bytes(b"garbage")
    run, cache = cached_run(corpus, tmp_path / "cache")
    assert cache.hits == 4 and run.figures.equals(first.figures)


def test_an_unusable_cache_directory_is_exit_2(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = invoke(corpus, "--cache", blocker / "cache")
    assert result.exit_code == 2 and result.stderr.startswith("check-report: --cache")


def test_results_round_trip_through_the_cache_with_their_types():
    from reportcheck.cache import _decode, _encode

    value = {"a": (1, 2.5, float("inf")), "b": {3, 4}, "c": [None, True, "x", float("-inf")], 5: "int key",
             "__t": "a key like a tag"}
    assert _decode(json.loads(json.dumps(_encode(value)))) == value


# --- progress ------------------------------------------------------------------------------------------


def _in_a_terminal(args, timeout=300) -> tuple[int, str]:
    """check-report with stderr (and stdin, stdout) on a pseudo-terminal: (status, what it printed)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 100 columns, no colour variables in the way
        os.environ.update(COLUMNS="100", LINES="30", TERM="xterm")
        os.environ.pop("NO_COLOR", None)
        os.execv(str(SCRIPT), [str(SCRIPT), *map(str, args)])
    out, deadline = b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(corpus, tmp_path):
    status, shown = _in_a_terminal([corpus, "--format", "jsonl", "-o", tmp_path / "r.jsonl", "-j", "1"])
    assert status == 1, shown
    assert "documents" in shown and "figures" in shown and "findings" in shown and "time left" in shown
    assert "4/4" in shown


def test_no_progress_bar_when_quiet_or_not_a_terminal(corpus, tmp_path):
    status, shown = _in_a_terminal([corpus, "--quiet", "--format", "jsonl", "-o", tmp_path / "r.jsonl", "-j", "1"])
    assert status == 1 and "time left" not in shown and "documents" not in shown, shown
    # a CI log: stderr a pipe
    proc = subprocess.run([str(SCRIPT), str(corpus), "--format", "jsonl", "-o", str(tmp_path / "r.jsonl"), "-j", "1"],
                          capture_output=True, text=True, timeout=300, check=False, stdin=subprocess.DEVNULL)
    assert proc.returncode == 1 and proc.stderr == ""


# --- the CI templates keep the cache in the CI system's cache ---------------------------------------


def test_ci_templates_cache_the_results():
    import shlex

    import yaml

    gh = yaml.safe_load((REPO / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = gh["jobs"]["check-report"]["steps"]
    cache_step = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache"))
    run = next(s["run"] for s in steps if "check-report " in str(s.get("run", "")))
    argv = shlex.split(run.replace("\\\n", " ").split("check-report ", 1)[1])
    assert argv[argv.index("--cache") + 1] == cache_step["with"]["path"]
    assert steps.index(cache_step) < next(i for i, s in enumerate(steps) if s.get("run") == run)
    gl = yaml.safe_load((REPO / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["check-report"]
    line = next(x for x in gl["script"] if x.startswith("check-report "))
    argv = shlex.split(line)
    assert argv[argv.index("--cache") + 1].rstrip("/") + "/" in gl["cache"]["paths"]


def test_a_table_stored_validated_is_not_validated_again(corpus, tmp_path, monkeypatch):
    # a warm --figures-out run spent most of its time re-validating tables the same tool stored
    cache = tmp_path / "cache"
    first = invoke(corpus, "--figures-out", tmp_path / "one.csv", "--cache", cache, "--fail-on", "never")
    assert first.exit_code == 0, first.output
    import reportcheck.schema as schema

    def refuse(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(schema, "validate", refuse)
    second = invoke(corpus, "--figures-out", tmp_path / "two.csv", "--cache", cache, "--fail-on", "never")
    assert second.exit_code == 0, second.output
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
