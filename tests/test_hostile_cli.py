"""Hostile outputs and command lines: devices, FIFOs and symlinks as outputs, unwritable places,
several outputs that must be written all or none, closed stdout, broken pipes, Ctrl-C, --jobs,
formula cells in the figures CSV, the markdown review's size limit, impossible baseline dates."""
from __future__ import annotations

import ast
import csv
import dataclasses
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pytest

from helpers import error_message, invoke, one_line_error
from reportcheck import outputs, pipeline
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


# --- 1. devices, FIFOs and symlinks as outputs ------------------------------------------------


def test_dev_null_stays_a_device(calls, report):
    before = os.stat("/dev/null")
    assert invoke(report, "-o", "/dev/null").exit_code == 1
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_dev_null_as_every_kind_of_output(calls, report, tmp_path):
    result = invoke(report, "--format", "text", "--format", "json", "-o", "/dev/null", "-o", "/dev/null",
                    "--write-baseline", tmp_path / "b.yml")
    assert result.exit_code == 1, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_as_a_stream(calls, report, tmp_path):
    fifo = tmp_path / "review.json"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = invoke(report, "--format", "json", "-o", fifo)
    reader.join(timeout=60)
    assert result.exit_code == 1, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["schema_version"] == 1
    assert left_in(tmp_path) == ["in", "review.json"]


def test_a_fifo_in_the_output_dir(calls, report, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "report.md")
    got = []
    reader = threading.Thread(target=lambda: got.append((out / "report.md").read_text(encoding="utf-8")))
    reader.start()
    result = invoke(report, "--format", "markdown", "--format", "json", "--output-dir", out)
    reader.join(timeout=60)
    assert result.exit_code == 1, result.output
    assert stat.S_ISFIFO(os.lstat(out / "report.md").st_mode) and got[0].startswith("## reportcheck")
    assert left_in(out) == ["report.json", "report.md"]


def test_a_symlink_to_a_file_stays_a_link(calls, report, tmp_path):
    target = tmp_path / "reviews" / "review.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert invoke(report, "--format", "json", "-o", link).exit_code == 1
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    assert left_in(target.parent) == ["review.json"]  # the temporary file was next to the target


def test_a_dangling_symlink_into_an_existing_directory_creates_its_target(calls, report, tmp_path):
    link = tmp_path / "figures.csv"
    link.symlink_to(tmp_path / "real.csv")
    assert invoke(report, "--figures-out", link).exit_code == 1
    assert link.is_symlink() and (tmp_path / "real.csv").is_file()
    assert pd.read_csv(link)["text"].tolist() == ["at least 29", "a total of 30"]


def _loop(tmp_path, suffix):
    (tmp_path / f"a{suffix}").symlink_to(tmp_path / f"b{suffix}")
    (tmp_path / f"b{suffix}").symlink_to(tmp_path / f"a{suffix}")
    return tmp_path / f"a{suffix}", "symbolic links"


def _dangling(tmp_path, suffix):
    (tmp_path / f"r{suffix}").symlink_to(tmp_path / "missing" / f"r{suffix}")
    return tmp_path / f"r{suffix}", "whose directory does not exist"


def _too_long(tmp_path, suffix):
    return tmp_path / ("x" * 300 + suffix), "file name too long"


def _through_a_file(tmp_path, suffix):
    (tmp_path / "plain").write_text("not a directory")
    return tmp_path / "plain" / f"r{suffix}", "not a directory"


@pytest.mark.parametrize("make", [_loop, _dangling, _too_long, _through_a_file])
@pytest.mark.parametrize("option, suffix", [("--output", ".txt"), ("--figures-out", ".csv"),
                                            ("--write-baseline", ".yml")])
def test_impossible_output_paths_are_refused_before_the_run(calls, report, tmp_path, make, option, suffix):
    path, why = make(tmp_path, suffix)
    line = error_message(invoke(report, option, path))
    assert line.startswith(f"{option} {path}: ") and why in line, line
    assert calls == []


def test_output_dir_files_are_checked_too(calls, report, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").symlink_to(out / "report.json")
    assert "symbolic links" in error_message(invoke(report, "--format", "json", "--output-dir", out))
    assert calls == []


# --- 2. unwritable places, and all outputs or none ----------------------------------------------


def test_an_unwritable_directory_is_found_before_the_run(calls, report, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere: this case is for the others
            pytest.skip("this user can write in a mode 555 directory")
        line = error_message(invoke(report, "-o", locked / "r.txt"))
    finally:
        locked.chmod(0o755)
    assert "cannot write in" in line and "Permission denied" in line
    assert calls == []


def test_a_read_only_location_is_found_before_the_run(calls, report):
    try:  # sysfs refuses new files, even to root
        fd, probe = tempfile.mkstemp(dir="/sys")
    except OSError:
        pass
    else:
        os.close(fd)
        os.unlink(probe)
        pytest.skip("/sys takes new files here")
    line = error_message(invoke(report, "--figures-out", "/sys/figures.csv"))
    assert line.startswith("--figures-out /sys/figures.csv: cannot write in '/sys'"), line
    assert calls == []


def test_a_failing_stream_leaves_no_file_written(calls, report, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    (tmp_path / "review.txt").write_text("old")
    result = invoke(report, "--format", "text", "--format", "json", "-o", tmp_path / "review.txt",
                    "-o", "/dev/full", "--figures-out", tmp_path / "figures.csv")
    assert "--output /dev/full: cannot write (No space left on device)" in one_line_error(result)
    assert (tmp_path / "review.txt").read_text() == "old"
    assert left_in(tmp_path) == ["in", "review.txt"]
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_one_output_failing_leaves_none_written(calls, report, tmp_path, monkeypatch):
    (tmp_path / "review.txt").write_text("old")

    def full(self, *a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    result = invoke(report, "-o", tmp_path / "review.txt", "--figures-out", tmp_path / "figures.csv",
                    "--write-baseline", tmp_path / "b.yml")
    assert error_message(result) == f"--figures-out {tmp_path / 'figures.csv'}: cannot write (No space left on device)"
    assert (tmp_path / "review.txt").read_text() == "old"
    assert left_in(tmp_path) == ["in", "review.txt"]  # no temporary file either


def test_commit_phase_moves_every_file_or_none(tmp_path):
    a, b = outputs.check_target("--output", str(tmp_path / "a.txt")), outputs.check_target("-o", str(tmp_path / "b"))

    def broken(tmp):
        raise OSError(5, "Input/output error")

    with pytest.raises(outputs.OutputError, match="-o .*b: cannot write"):
        outputs.write_all([(a, outputs.text_write("a")), (b, broken)])
    assert left_in(tmp_path) == []
    outputs.write_all([(a, outputs.text_write("a")), (b, outputs.text_write("b"))])
    assert left_in(tmp_path) == ["a.txt", "b"] and (tmp_path / "b").read_text() == "b"


# --- 3. closed stdout, broken pipe, Ctrl-C --------------------------------------------------------


def test_closed_stdout_is_one_line(tmp_path):
    result = subprocess.run(["sh", "-c", 'exec "$0" "$@" >&-', str(SCRIPT), str(SAMPLE)],
                            stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["check-report: standard output is closed; write the review with "
                                          "--output FILE"]


def test_closed_stdout_with_an_output_file_is_fine(tmp_path):
    out = tmp_path / "review.txt"
    result = subprocess.run(["sh", "-c", 'exec "$0" "$@" >&-', str(SCRIPT), str(SAMPLE), "-o", str(out)],
                            stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr == ""
    assert out.read_text(encoding="utf-8").startswith(str(SAMPLE))


def test_broken_pipe_keeps_the_exit_status():
    proc = subprocess.Popen([str(SCRIPT), str(SAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the review is written: `| head -0`
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 1 and err == b""


def test_a_full_stdout_is_one_line():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(SCRIPT), str(SAMPLE)], stdout=full, stderr=subprocess.PIPE, text=True,
                                timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["check-report: standard output: cannot write (No space left on device)"]


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="needs /proc/PID/task/PID/children to see the workers start")
def test_ctrl_c_exits_130_and_writes_nothing(tmp_path):
    reports, out = tmp_path / "reports", tmp_path / "out"
    reports.mkdir()
    out.mkdir()
    for i in range(60):
        shutil.copy(MALI_2019, reports / f"mali-2019-{i:02d}.txt")
    proc = subprocess.Popen([str(SCRIPT), str(reports), "-j", "2", "--format", "json", "-o", str(out / "r.json"),
                             "--figures-out", str(out / "figures.csv")], stderr=subprocess.PIPE, text=True)
    while proc.poll() is None and not _children(proc.pid):  # interrupt while the workers check
        threading.Event().wait(0.05)
    if proc.poll() is not None:
        pytest.skip("the run ended before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=300)[1]
    assert proc.returncode == 130
    assert err.splitlines() == ["check-report: interrupted"]
    assert left_in(out) == []


# --- 4. --jobs ------------------------------------------------------------------------------------


def test_jobs_is_bounded(calls, report):
    from reportcheck.cli import MAX_JOBS

    assert MAX_JOBS >= 8
    line = error_message(invoke(report, "--jobs", 1000))
    assert line.startswith(f"--jobs 1000: at most {MAX_JOBS} worker processes")
    assert calls == []
    assert invoke(report, "--jobs", MAX_JOBS).exit_code == 1
    assert f"at most {MAX_JOBS}" in " ".join(invoke("--help").stdout.split())


def test_no_more_workers_than_documents(monkeypatch):
    import concurrent.futures

    started = []

    class Pool:
        def __init__(self, max_workers=None, **kwargs):
            started.append(max_workers)

        def submit(self, fn, *args):
            future = concurrent.futures.Future()
            future.set_result(fn(*args))
            return future

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    from reportcheck.engines import open_engine

    open_engine("local", jobs=1000, items=3).close()
    assert started == [3]


# --- 5. formula cells in the figures CSV -----------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://x.example","click")', "-12 degrees", "+1 (555) 0100", "@SUM(A1)",
           "\tcmd", "\rcmd", "-3", "plain"]


def hostile_run():
    run = build_run()
    n = len(HOSTILE)
    figures = pd.DataFrame({
        "figure_id": [f"{DOC}:{i}" for i in range(n)],
        "document": [DOC] * n,
        "quote": HOSTILE,
        "who": list(reversed(HOSTILE)),
        "value": [-3.0] * n,
        "low": [-3] * n,
        "additive": [False] * n,
    })
    return dataclasses.replace(run, figures=figures)


def test_figures_csv_neutralises_formula_cells(monkeypatch, report, tmp_path):
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: hostile_run())
    out = tmp_path / "figures.csv"
    assert invoke(report, "--figures-out", out).exit_code == 1
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    expected = ["'" + v for v in HOSTILE[:6]] + ["-3", "plain"]  # a number stays a number
    assert [r["quote"] for r in rows] == expected
    assert [r["who"] for r in rows] == list(reversed(expected))
    assert {r["value"] for r in rows} == {"-3.0"} and {r["low"] for r in rows} == {"-3"}
    assert {r["additive"] for r in rows} == {"False"}


def test_figures_json_is_not_neutralised(monkeypatch, report, tmp_path):
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: hostile_run())
    out = tmp_path / "figures.json"
    assert invoke(report, "--figures-out", out).exit_code == 1
    assert [r["quote"] for r in json.loads(out.read_text(encoding="utf-8"))] == HOSTILE


def test_neutralise():
    assert outputs.neutralise("=1+2") == "'=1+2"
    assert outputs.neutralise("-1.5e3") == "-1.5e3" and outputs.neutralise("+2,000") == "+2,000"
    assert outputs.neutralise("-") == "'-" and outputs.neutralise("") == ""
    assert outputs.neutralise(-3) == -3 and outputs.neutralise(None) is None


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


# --- 8. outputs.py stays a leaf, cheap to import ----------------------------------------------------


def test_outputs_imports_neither_cli_nor_pipeline_nor_pandas():
    code = ("import sys, reportcheck.outputs; "
            "print(sorted(m for m in ('pandas', 'reportcheck.cli', 'reportcheck.pipeline') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
    tree = ast.parse((REPO / "src" / "reportcheck" / "outputs.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not {"pipeline", "cli"} & imported


def test_neutralised_cells_are_read_back_as_written(tmp_path):
    # --figures-out prefixes a formula-like text cell with "'"; reading the table back removes it,
    # so that a quote is the report's words again (else it is longer than its span: RC401)
    import pandas as pd

    from reportcheck.outputs import FORMULA_START, neutralise
    from reportcheck.read.table import _FORMULA_START, load

    assert _FORMULA_START == FORMULA_START  # the two modules agree on what is neutralised
    cells = ["-12 degrees", "=HYPERLINK(x)", "+20 percent", "@home", "-3", "plain", "'quoted already"]
    path = tmp_path / "t.csv"
    pd.DataFrame({"quote": [neutralise(c) for c in cells]}).to_csv(path, index=False)
    assert [neutralise(c) for c in cells][0] == "'-12 degrees"
    _, rows, _ = load(path)
    assert [r["quote"] for r in rows] == cells
