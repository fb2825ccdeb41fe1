"""Hostile figures tables: large tables, and one incident told thousands of times, are checked
in linear time and memory, with the same findings a reader needs (the conflicting values side by
side); a JSON table nested too deeply for the parser is refused in one line (exit 2).

Each large table is checked by check-report in a child process whose address space is bounded
(an explosion fails the run instead of taking the machine) and which is given up after
HANG_GUARD seconds. The sizes are where the quadratic code took minutes or ran out of memory
(10,000 rows: 50 s; 20,000 rows of one incident: 12.6 GiB); no test measures time. The
benchmark is benchmarks/tables.py."""
from __future__ import annotations

import csv
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import error_message, invoke

SCRIPT = Path(sys.executable).with_name("check-report")
SAMPLE = Path(__file__).parent.parent / "sample_reports" / "mali-2020.txt"
HEADER = ["incident", "source", "date", "place", "region", "measure", "value"]
HANG_GUARD = 120  # seconds: far more than these runs take, far less than the quadratic code took
MEMORY_MIB = 2048


@pytest.fixture(autouse=True)
def hang_guard():
    """A run that hangs fails the test (no wall-clock assertion: a guard against hanging)."""
    def hung(signum, frame):
        pytest.fail(f"no result after {HANG_GUARD * 2} s: a quadratic path is back")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD * 2)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _write(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _check(table: Path) -> tuple[int, dict]:
    """check-report TABLE in a child process of bounded memory: its exit status and its review."""
    out = table.with_suffix(".review.json")

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_MIB * 2**20, MEMORY_MIB * 2**20))

    # one malloc arena and one BLAS thread: the address space then depends on the work, not on the cores
    env = {**os.environ, "MALLOC_ARENA_MAX": "2", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run([str(SCRIPT), str(table), "--format", "json", "--output", str(out)], capture_output=True,
                          text=True, preexec_fn=limit, timeout=HANG_GUARD, stdin=subprocess.DEVNULL, env=env)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.returncode, json.loads(out.read_text(encoding="utf-8"))


def _failed(review: dict, code: str) -> list[dict]:
    return [r for r in review["results"] if r["code"] == code and r["outcome"] == "fail"]


# --- one incident, thousands of mentions -------------------------------------------------------


def test_one_incident_of_many_agreeing_mentions_is_not_flagged(tmp_path):
    # 20,000 sources tell the same incident alike: every pair of mentions was compared (and the
    # pairs of its declared mentions listed: 200 million of them)
    rows = [["E1", f"S{i}", "2020-03-19", f"P{i % 200}", "Gao", "killed", 12] for i in range(20_000)]
    code, review = _check(_write(tmp_path / "one.csv", rows))
    assert code == 0
    assert not [r for r in review["results"] if r["outcome"] == "fail"]
    counts = [r for r in review["results"] if r["code"] == "RC101"]
    assert len(counts) == 1 and "killed counts are consistent" in counts[0]["message"]
    assert {e["row"] for e in counts[0]["evidence"]} == set(range(1, 20_001))
    dates = [r for r in review["results"] if r["code"] == "RC102"]
    assert len(dates) == 1 and dates[0]["message"].startswith("Mentions of one incident agree on its date")
    places = [r for r in review["results"] if r["code"] == "RC103" and r["details"].get("declared")]
    assert len(places) == 1 and "placed consistently" in places[0]["message"]


def test_planted_conflicts_among_thousands_are_reported_side_by_side(tmp_path):
    # 5,000 incidents told alike by three sources each, one of which (E4321) gives another count;
    # and one incident told by 3,000 sources: row PLANTED gives 40 killed where the others give 12,
    # one mention places it in another region, one dates it a week later
    rows = [[f"E{k}", f"S{s}", f"2020-{1 + k % 12:02d}-{1 + k % 28:02d}", f"P{k % 300}", f"R{k % 300 // 30}",
             "killed", 9 if (k, s) == (4321, 2) else 7 + k % 20] for k in range(5_000) for s in range(3)]
    first = len(rows) + 1  # the big incident's first row
    big = [["BIG", f"T{i}", "2020-03-19", "Tarkint", "Gao", "killed", 12] for i in range(3_000)]
    big[1_700][6] = 40
    big[2_100][3:5] = ["Anefis", "Kidal"]
    big[2_500][2] = "2020-03-26"
    planted, elsewhere, later = first + 1_700, first + 2_100, first + 2_500
    code, review = _check(_write(tmp_path / "needle.csv", rows + big))
    assert code == 1

    counts = _failed(review, "RC101")
    assert len(counts) == 2
    small = next(r for r in counts if "(row 12965)" in r["message"])
    assert "value=8" in small["message"] and "value=9" in small["message"]  # its other two sources say 8
    assert {e["row"] for e in small["evidence"]} == {12964, 12965, 12966}
    needle = next(r for r in counts if r is not small)
    # the conflicting values side by side, with their rows; the pairs beyond the first few counted
    assert "value=40" in needle["message"] and f"(row {planted})" in needle["message"]
    assert "value=12" in needle["message"] and "cannot both hold" in needle["message"]
    assert "and 2989 more pairs of mentions disagree" in needle["message"]
    assert needle["severity"] == "error" and len(needle["message"]) < 10_000
    assert len(needle["evidence"]) == 3_000

    places = _failed(review, "RC103")
    assert len(places) == 1 and "different regions: Gao" in places[0]["message"]
    assert f"Kidal (row {elsewhere})" in places[0]["message"]
    dates = _failed(review, "RC102")
    assert len(dates) == 1 and dates[0]["severity"] == "warning"
    assert f'"2020-03-26" in row {later}' in dates[0]["message"]
    # every other incident agrees
    assert review["summary"]["by_check"]["RC101"]["passed"] == 4_999


def test_one_incident_of_all_different_accounts_is_bounded(tmp_path):
    # 12,000 mentions, each its own count, day and region: every pair disagrees (72 million
    # notes and date conflicts were collected); each account is compared with a few, and the
    # finding lists the first pairs
    rows = [["E1", f"S{i}", f"{2000 + i // 336}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}", f"P{i}", f"R{i}",
             "killed", i] for i in range(12_000)]
    code, review = _check(_write(tmp_path / "distinct.csv", rows))
    assert code == 1
    (counts,) = _failed(review, "RC101")
    assert '"incident=E1; source=S0;' in counts["message"] and "value=0\" (row 1) and" in counts["message"]
    assert "12000 different accounts, each compared with the most frequent" in counts["message"]
    assert len(counts["message"]) < 10_000
    (dates,) = _failed(review, "RC102")
    assert 'dated "2000-01-01" in row 1 and "2000-01-02" in row 2' in dates["message"]
    regions = [r for r in _failed(review, "RC103") if r["details"].get("declared")]
    assert len(regions) == 1 and "different regions: R0 (row 1) and R1 (row 2)" in regions[0]["message"]


# --- JSON nested too deeply ---------------------------------------------------------------------

DEEP = {
    "arrays": "[" * 100_000 + "]" * 100_000,
    "objects": '{"a": ' * 100_000 + "1" + "}" * 100_000,
    "records": '{"data": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "a cell": '[{"figure_id": ' + "[" * 5_000 + "]" * 5_000 + "}]",
}


@pytest.mark.parametrize("name", DEEP)
def test_a_json_table_nested_too_deeply_is_one_line_exit_2(tmp_path, name):
    table = tmp_path / "deep.json"
    table.write_text(DEEP[name], encoding="utf-8")
    message = error_message(invoke(table))
    assert message == f"{table}: not a table: its JSON is nested too deeply (a JSON table is a list of records)"


@pytest.mark.parametrize("name", DEEP)
def test_compare_to_a_json_table_nested_too_deeply_is_one_line_exit_2(tmp_path, name):
    previous = tmp_path / "previous.json"
    previous.write_text(DEEP[name], encoding="utf-8")
    message = error_message(invoke(SAMPLE, "--compare-to", previous))
    assert message == f"--compare-to {previous}: not a figures table (its JSON is nested too deeply)"
