"""Hostile input: each case ends in one line and exit 2 (or the documented result), in bounded
time and memory, and nothing the user wrote is overwritten, read from outside the given folder,
or lost.

Other hostile-input modules: test_hostile_cli.py (outputs, signals, closed streams, --jobs),
test_hostile_text.py (crafted text and HTML in linear time), test_hostile_tables.py (large
figures tables in linear time and memory)."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import error_message, invoke, one_line_error

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "mali-2020-excerpt.txt"
SCRIPT = Path(sys.executable).with_name("check-report")


def _bounded(args, *, memory_mib: int = 1536, seconds: int = 120, **kw):
    """check-report in a child process whose address space and CPU time are bounded: an
    explosion fails the run (a MemoryError or a signal) instead of taking the machine."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory_mib * 2**20, memory_mib * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, preexec_fn=limit,
                          timeout=seconds * 2, stdin=subprocess.DEVNULL, **kw)


def _one_line(proc, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr[-2000:])
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("check-report: "), proc.stderr[-2000:]
    return lines[0]


# --- rule files -------------------------------------------------------------------------------

# (rule file, its line the message names, what the message says): each was a traceback (exit 3)
# or silently accepted before settings were checked against default.yml and settings.yml
TYPE_ERRORS = [
    ("version: x\n", 1, "version must be a whole number"),
    ("qualifiers: 5\n", 1, "qualifiers must be a mapping"),
    ("qualifiers:\n  at_least: {phrases: x}\n", 2, "qualifiers.at_least.phrases must be a list"),
    ("qualifiers:\n  new_one: {low: N}\n", 2, "a new qualifier needs phrases"),
    ("qualifiers:\n  about: {phrases: [about], ratio: -1}\n", 2, "qualifiers.about.ratio must be a number"),
    ("vague_quantities:\n  dozens: [1, a]\n", 2, "vague_quantities.dozens must be [low, high]"),
    ("measures:\n  killed: 5\n", 2, "measures.killed must be a mapping"),
    ("measures:\n  killed: {nouns: deaths}\n", 2, "measures.killed.nouns must be a list"),
    ("measures:\n  killed: {adjectives: [dead]}\n", 2, "unknown key 'adjectives'"),
    ("victims:\n  children: 5\n", 2, "victims.children must be a list"),
    ("linking: [1, 2]\n", 1, "linking must be a mapping"),
    ("linking:\n  incident_max_days: -3\n", 2, "linking.incident_max_days must be a whole number between 0"),
    ("linking:\n  statistic_max_ratio: .nan\n", 2, "linking.statistic_max_ratio must be a number"),
    ("linking:\n  name_max_paragraphs: true\n", 2, "linking.name_max_paragraphs must be a whole number"),
    ("linking:\n  event_words: 5\n", 2, "linking.event_words must be a mapping"),
    ("linking:\n  event_words:\n    attack: [1, 2]\n", 3, "linking.event_words.attack must be a list"),
    ("checks: [RC101]\n", 1, "checks must be a mapping"),
    ("checks:\n  RC101: true\n", 2, "checks.RC101 must be a mapping"),
    ("checks:\n  RC101:\n    measures: [slain]\n", 3, "'slain' is not one of"),
    ("checks:\n  RC105:\n    tolerance_by_country: {VE: x}\n", 3, "tolerance_by_country.VE must be a number"),
    ("checks:\n  RC105:\n    min_conversions: 2.5\n", 3, "min_conversions must be a whole number"),
    ("checks:\n  RC106:\n    precisions: [decade]\n", 3, "'decade' is not one of"),
    ("checks:\n  RC201:\n    understated_min_rato: 0.1\n", 3, "did you mean 'understated_min_ratio'"),
    ("qualifiers:\n  about: {phrases: [about], low: 'N / (ratio - ratio)'}\n", 2, "gives no number"),
    ("qualifiers:\n  about: {phrases: [about], low: \"'a' * 3000000000\"}\n", 2, "is not a number"),
    ("qualifiers:\n  about: {phrases: [about], low: 'N ** 99999'}\n", 2, "may only use"),
    # a value YAML recognises but cannot build
    ("period: [2020-02-30, 2020-12-31]\n", 1, "'2020-02-30' is not a date"),
    ("linking:\n  incident_max_days: !!int seven\n", 2, "'seven' is not an integer"),
]


@pytest.mark.parametrize("text, line, needle", TYPE_ERRORS)
def test_rule_file_type_errors_are_one_line_naming_file_and_line(tmp_path, text, line, needle):
    rules = tmp_path / "rules.yml"
    rules.write_text(text, encoding="utf-8")
    message = error_message(invoke(SAMPLE, "--rules", rules))
    assert message.startswith(f"{rules}:{line}: ") and needle in message, message


def test_a_yaml_alias_bomb_is_refused_in_bounded_memory(tmp_path):
    # 726 bytes that expand to 9**9 strings: once 5.3 GiB
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "too large once its aliases are expanded" in _one_line(_bounded([SAMPLE, "--rules", bomb]))


def test_a_deeply_nested_rule_file_is_refused(tmp_path):
    deep = tmp_path / "deep.yml"
    deep.write_text("linking: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    line = _one_line(_bounded([SAMPLE, "--rules", deep]))
    assert str(deep) in line


def test_aliases_in_a_small_rule_file_still_work(tmp_path):
    # anchors are legitimate YAML: one list of words used twice
    rules = tmp_path / "rules.yml"
    rules.write_text("victims:\n  civilians: &people [civilians, villagers]\n  residents: *people\n", encoding="utf-8")
    assert invoke(SAMPLE, "--rules", rules).exit_code == 1  # the sample's findings, as without the file


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_a_device_as_rule_file_is_refused(special):
    if not Path(special).exists():
        pytest.skip(f"no {special} here")
    assert "not a regular file" in _one_line(_bounded([SAMPLE, "--rules", special], seconds=30))


def test_a_fifo_as_rule_file_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "rules.yml"
    os.mkfifo(fifo)
    assert "not a regular file" in _one_line(_bounded([SAMPLE, "--rules", fifo], seconds=30))


def test_a_huge_rule_file_is_refused(tmp_path):
    big = tmp_path / "big.yml"
    big.write_text("# " + "x" * (6 * 2**20) + "\n", encoding="utf-8")
    assert "larger than" in error_message(invoke(SAMPLE, "--rules", big))


# --- directories --------------------------------------------------------------------------------


def test_a_directory_is_read_without_leaving_it(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("The secret holds 4,242 figures that must never be read.\n", encoding="utf-8")
    reports = tmp_path / "reports"
    (reports / ".git").mkdir(parents=True)
    (reports / ".venv" / "lib").mkdir(parents=True)
    (reports / "mali.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (reports / ".git" / "description.txt").write_text("Unnamed repository; 12 people edit it.\n")
    (reports / ".venv" / "lib" / "LICENSE.txt").write_text("Copyright 2020 by 3 authors.\n")
    (reports / ".hidden.txt").write_text("A hidden note with 7 figures.\n")
    (reports / "passwd.txt").symlink_to(secret)  # a link out of the folder
    (reports / "loop").symlink_to(reports)  # a link to a directory: never followed
    (reports / "inside.txt").symlink_to(reports / "mali.txt")  # a link inside the folder: read
    out = tmp_path / "review.html"
    result = invoke(reports, "--format", "html", "--output", out, "--format", "json", "--output",
                    tmp_path / "review.json")
    assert result.exit_code == 1, result.output
    review = json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))
    assert sorted(Path(d["path"]).name for d in review["documents"]) == ["inside.txt", "mali.txt"]
    page = out.read_text(encoding="utf-8")
    assert "4,242" not in page and "secret" not in page and "Unnamed repository" not in page


def test_a_folder_holding_only_links_out_of_it_holds_no_report(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("At least 5 people were killed.\n", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    assert "holds no .txt, .html, .pdf or .docx report" in error_message(invoke(folder))


# --- figures tables out -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["figures.csv", "figures.json", "figures.parquet", "pkg/datapackage.json"])
def test_a_report_without_figures_is_an_empty_figures_table(tmp_path, name):
    report = tmp_path / "quiet.txt"
    report.write_text("The government generally respected the rights of its citizens.\n", encoding="utf-8")
    target = tmp_path / name
    target.parent.mkdir(exist_ok=True)
    result = invoke(report, "--figures-out", target)
    assert result.exit_code == 0, (result.output, result.exception)
    if name.endswith(".csv"):
        assert target.read_text(encoding="utf-8").startswith("figure_id,document,")
        assert len(target.read_text(encoding="utf-8").splitlines()) == 1
    elif name == "figures.json":
        assert json.loads(target.read_text(encoding="utf-8")) == []
    elif name.endswith(".parquet"):
        import pandas as pd

        assert len(pd.read_parquet(target)) == 0
    else:
        assert (target.parent / "figures.csv").is_file()


def test_one_line_helper_rejects_tracebacks():
    # the helper the tests above rely on must be able to fail
    class Fake:
        exit_code, stderr, output, exception = 2, "Traceback (most recent call last):\n...", "", SystemExit(2)

    with pytest.raises(AssertionError):
        one_line_error(Fake())
