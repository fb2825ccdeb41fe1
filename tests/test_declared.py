"""Report-specific declared rules (`rules:` in a rule file): each kind on the real sample text,
a wrong declaration failing, the report's own rule file found next to it, and every mistake a
user can make in one ending in one line that names the file and line (exit 2)."""
from __future__ import annotations

import json
import shutil
import textwrap
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

import helpers
from helpers import failing
from reportcheck import cli, pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_reports" / "mali-2020.txt"
SAMPLE_RULES = ROOT / "checks" / "mali-2020.yml"
TEXT = SAMPLE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "rules.yml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def run_rules(tmp_path, rules_text: str, report: Path = SAMPLE):
    return pipeline.run([str(report)], rule_files=[str(write(tmp_path, rules_text))])



def results(run, code):
    return [r for r in run.results if r.code == code]


def quotes(result) -> list[str]:
    return [e.quote for e in result.evidence]


def covers(result, *needles) -> bool:
    """Each needle of the sample text overlaps one of the result's evidence spans."""
    return helpers.covers(result, *needles, text=TEXT)


KNOWN_FAILURES = [("RC101", "error"), ("RC101", "info"), ("RC102", "warning"), ("RC103", "warning"),
                  ("RC201", "warning")]


# --- the sample's own rule file ---------------------------------------------------------------

def test_the_packaged_sample_rules_are_the_checks_dir_file():
    shipped = resources.files("reportcheck.samples").joinpath("mali-2020.yml").read_text(encoding="utf-8")
    assert SAMPLE_RULES.read_text(encoding="utf-8") == shipped, (
        "checks/mali-2020.yml and src/reportcheck/samples/mali-2020.yml differ: copy checks/ over")


@pytest.fixture(scope="module")
def sample_with_rules():
    return pipeline.run([str(SAMPLE)], report_rule_files={str(SAMPLE): str(SAMPLE_RULES)})


def test_sample_rules_keep_the_known_inconsistencies(sample_with_rules):
    run = sample_with_rules
    assert sorted((r.code, r.severity) for r in failing(run)) == KNOWN_FAILURES
    (injured,) = [r for r in failing(run, "RC101") if r.severity == "error"]
    assert "5 and 20 do not overlap" in injured.message
    (dates,) = failing(run, "RC102")
    assert covers(dates, "Between July 10 and 13", "violent July 10-12 protests")
    (kayes,) = failing(run, "RC103")
    assert covers(kayes, "in the city of Kayes in the central part", "the Kayes Region in the West")
    assert run.documents[0].rule_files == [str(SAMPLE_RULES)]


def test_sample_rules_are_named_in_what_they_declared(sample_with_rules):
    run = sample_with_rules
    where = f"{SAMPLE_RULES}:"
    # the declared Tarkint incident: its two RC101 findings name the rule, its id and note
    for r in failing(run, "RC101"):
        assert f"declared in {where}" in r.message and "(tarkint-march-19)" in r.message
        assert "Tarkint is a military camp in Gao Region" in r.message
    (total,) = failing(run, "RC201")
    assert "(civilians-killed-h1)" in total.message and "understates them by 47" in total.message
    # the rules of every other kind were judged, and hold
    declared = [r for r in run.results if "declared" in r.details]
    assert {r.code for r in declared} == {"RC101", "RC102", "RC103", "RC201", "RC202", "RC301", "RC302"}
    assert [r.code for r in declared if r.failed] == ["RC101", "RC101", "RC201"]
    (order,) = results(run, "RC301")
    assert "2019-12-08..2020-01-07" in order.arithmetic


def test_the_rule_file_line_is_the_entry_line(sample_with_rules):
    lines = SAMPLE_RULES.read_text(encoding="utf-8").splitlines()
    (order,) = results(sample_with_rules, "RC301")
    line = int(order.details["declared"].rsplit(":", 1)[1])
    assert lines[line - 1].strip() == "- id: ndoukala-bodies"


# --- total ------------------------------------------------------------------------------------

def test_declared_exhaustive_total_that_does_not_add_up_fails(tmp_path):
    # the linker's breakdown of the 164 cases (127 + 21 + 14 + 2) is replaced: without the two by
    # Dan Na Ambassagou, an exhaustive breakdown falls short
    run = run_rules(tmp_path, """
        rules:
          - kind: total
            total: "documented 164 cases"
            parts: ["127 by signatory", "21 by the MDSF", "14 by Katiba Macina"]
            breakdown: exhaustive
    """)
    (r,) = [r for r in results(run, "RC201") if "164 cases" in r.message]
    assert r.failed and r.severity == "error"
    assert "at most 162" in r.message and "declared in" in r.message and "rules.yml:2" in r.message
    assert "cue: declared in" in r.arithmetic


def test_declared_partial_total_passes_and_severity_is_the_rules(tmp_path):
    run = run_rules(tmp_path, """
        rules:
          - kind: total
            total: "documented 164 cases"
            parts: ["127 by signatory", "21 by the MDSF"]
            breakdown: partial
          - kind: total
            total: "a total of 14 persons"
            parts: ["two children", {quote: "responsible for two of the 14", value: 2}]
            breakdown: exhaustive
            severity: info
    """)
    (cases,) = [r for r in results(run, "RC201") if "164 cases" in r.message]
    assert not cases.failed and "16 not broken down" in cases.message
    (persons,) = [r for r in results(run, "RC201") if "14 persons" in r.message]
    assert persons.failed and persons.severity == "info"


# --- same_incident ----------------------------------------------------------------------------

def test_a_wrong_same_incident_fails_on_counts_dates_and_places(tmp_path):
    # the October 13 attack at Soukoura (Mopti) is not the April 6 attack in Gao
    run = run_rules(tmp_path, """
        rules:
          - id: wrong
            kind: same_incident
            mentions: ["left nine soldiers dead", "another 25 soldiers were killed and 12 injured"]
            note: a test
    """)
    new = [r for r in failing(run) if "declared" in r.details]
    assert sorted(r.code for r in new) == ["RC101", "RC102", "RC103"]
    assert all("(wrong): a test" in r.message for r in new)
    (dates,) = [r for r in new if r.code == "RC102"]
    assert "Oct 13 and Apr 06" in dates.message
    (places,) = [r for r in new if r.code == "RC103"]
    assert "Mopti" in places.message and "Gao" in places.message and places.severity == "error"


def test_same_incident_builds_mentions_the_linker_did_not_make(tmp_path):
    # dated to the month, neither sentence is an incident mention of the linker's
    run = run_rules(tmp_path, """
        rules:
          - kind: same_incident
            mentions:
              - "an attack on the same village in March 2019"
              - "Of the 10 suspects who were arrested following the March 2019 attack"
    """)
    (r,) = [r for r in results(run, "RC102") if "declared" in r.details]
    assert not r.failed and r.message.count('"March 2019"') == 2
    assert pipeline.run([str(SAMPLE)]).results != run.results


def test_same_incident_compares_mentions_within_one_paragraph(tmp_path, monkeypatch):
    # two different numbers in one paragraph are not compared by the linker's incidents; declared
    # one incident, they are
    text = TEXT.replace("killing at least 29 soldiers and wounding five others.",
                        "killing at least 29 soldiers and wounding five others. Later that day, "
                        "a second count gave 31 soldiers killed.")
    report = tmp_path / "mali-2020.txt"
    report.write_text(text, encoding="utf-8")
    rules = """
        rules:
          - kind: same_incident
            mentions: ["killing at least 29 soldiers", "a second count gave 31 soldiers killed"]
    """
    killed = [r for r in failing(run_rules(tmp_path, rules, report), "RC101") if "31" in r.arithmetic]
    assert killed and "declared in" in killed[0].message


# --- distinct ---------------------------------------------------------------------------------

def test_distinct_removes_the_linkers_incident_and_statistic(tmp_path):
    base = pipeline.run([str(SAMPLE)])
    assert len(failing(base, "RC101")) == 2
    assert any(covers(r, "more than 700 civilian deaths") for r in results(base, "RC104"))
    run = run_rules(tmp_path, """
        rules:
          - kind: distinct
            mentions: ["killing at least 29 soldiers", "a total of 30 soldiers were killed"]
          - kind: distinct
            mentions: ["more than 700 civilians killed", "more than 700 civilian deaths"]
    """)
    assert failing(run, "RC101") == []
    assert not [r for r in results(run, "RC102") if '"March 19"' in r.message]
    assert not any(covers(r, "more than 700 civilian deaths") for r in results(run, "RC104"))
    # the other incidents and statistics stay linked
    assert len(results(run, "RC104")) == len(results(base, "RC104")) - 1
    assert failing(run, "RC102") == failing(base, "RC102")


def test_distinct_and_same_incident_of_one_pair_contradict(tmp_path):
    rules = write(tmp_path, """
        rules:
          - id: one
            kind: same_incident
            mentions: ["killing at least 29 soldiers", "a total of 30 soldiers were killed"]
          - id: two
            kind: distinct
            mentions: ["killing at least 29 soldiers", "a total of 30 soldiers were killed"]
    """)
    line = error_line(CliRunner().invoke(cli.main, [str(SAMPLE), "--rules", str(rules), "--no-report-rules"]))
    assert "rules.yml:5: rule 'two':" in line and "rule 'one'" in line


# --- part_of ----------------------------------------------------------------------------------

def test_part_of_passes_fails_and_replaces_the_traced_whole(tmp_path):
    run = run_rules(tmp_path, """
        rules:
          - kind: part_of
            part: "In 140 of these cases"
            whole: {quote: "215 children (189 boys", value: 215}
          - kind: part_of
            part: "recruitment and use of 215 children"
            whole: "In 140 of these cases"
          - kind: part_of
            part: "two children"
            whole: {quote: "two of the 14 deaths", value: 14}
    """)
    declared = {tuple(quotes(r)): r for r in results(run, "RC202") if "declared" in r.details}
    assert {q: (r.failed, r.severity) for q, r in declared.items()} == {
        ("140", "215 children"): (False, "error"),
        ("215 children", "140"): (True, "error"),
        ("two children", "14 deaths"): (False, "error"),
    }
    assert "larger than its whole" in declared["215 children", "140"].message
    # "two children" had been traced to "a total of 14 persons": one whole per part
    assert len([r for r in results(run, "RC202") if "two children" in quotes(r)]) == 1


# --- date_order -------------------------------------------------------------------------------

DATE_ORDER = """
    rules:
      - kind: date_order
        before: "{before}"
        after: "{after}"
{days}"""
ARRESTS = "In December 2019 at least 26 individuals were arrested"
BODIES = "Bodies were reportedly discovered in a well in the nearby village of N’Doukala seven days later"


@pytest.mark.parametrize("before, after, days, ok", [
    (ARRESTS, BODIES, 7, True),
    (ARRESTS, BODIES, None, True),
    # reversed: "seven days later" counts from "December 2019", so both fall in December and
    # the dates cannot refute the order (a month-dated anchor gives a month-wide date)
    (BODIES, ARRESTS, None, True),
    (ARRESTS, BODIES, 60, False),  # "seven days later" is not two months later
    ("Soumaila Cisse was abducted", "On October 8, Cisse was released", None, True),
    ("On October 8, Cisse was released", "Soumaila Cisse was abducted", None, False),
    ("On October 8, Cisse was released", "Soumaila Cisse was abducted", 0, False),
])
def test_date_order(tmp_path, before, after, days, ok):
    days_line = f"        days: {days}\n" if days is not None else ""
    run = run_rules(tmp_path, DATE_ORDER.format(before=before, after=after, days=days_line))
    (r,) = results(run, "RC301")
    assert r.failed is (not ok), r.message
    assert r.severity == "error" and "declared in" in r.message


def test_date_order_counts_a_relative_date_from_the_declared_mention(tmp_path):
    run = run_rules(tmp_path, DATE_ORDER.format(before=ARRESTS, after=BODIES, days="        days: 7\n"))
    (r,) = results(run, "RC301")
    assert "seven days later = 2019-12-08..2020-01-07" in r.arithmetic
    # the extraction counts it from "December 2019" too, so the two agree
    assert "another date" not in r.arithmetic and not r.failed


# --- equals -----------------------------------------------------------------------------------

@pytest.mark.parametrize("tolerance, ok", [
    ("", False),  # 29 and 30 are not equal
    ("tolerance: 0.05", True),  # 1 <= 5% of 30
    ("tolerance: 0.02", False),  # 1 > 0.6
    ("tolerance_abs: 1", True),
    ("tolerance_abs: 0.5", False),
])
def test_equals_with_a_tolerance(tmp_path, tolerance, ok):
    run = run_rules(tmp_path, f"""
        rules:
          - kind: equals
            figures: ["at least 29 soldiers", "a total of 30 soldiers"]
            {tolerance}
    """)
    (r,) = results(run, "RC302")
    assert r.failed is (not ok), r.message
    assert covers(r, "at least 29 soldiers", "a total of 30 soldiers")


def test_equals_exact_and_the_rules_severity(tmp_path):
    run = run_rules(tmp_path, """
        rules:
          - kind: equals
            figures: ["recruited and used 24 children", "these 24 children were released"]
          - kind: equals
            figures: ["82 killings", {quote: "at least 18 deaths", section: "1.a"}]
            severity: info
            note: not really equal
    """)
    same, differ = results(run, "RC302")
    assert not same.failed
    assert differ.failed and differ.severity == "info" and "not really equal" in differ.message


# --- merging and discovery --------------------------------------------------------------------

EQUALS_24 = """
    rules:
      - id: gao-children
        kind: equals
        figures: ["recruited and used 24 children", "these 24 children were released"]
"""


def test_rules_of_several_files_add_up(tmp_path):
    first = write(tmp_path, EQUALS_24, "first.yml")
    second = write(tmp_path, """
        rules:
          - kind: equals
            figures: ["at least 29 soldiers", "a total of 30 soldiers"]
            tolerance_abs: 1
    """, "second.yml")
    run = pipeline.run([str(SAMPLE)], rule_files=[str(first), str(second)])
    assert [r.details["declared"] for r in results(run, "RC302")] == [f"{first}:2", f"{second}:2"]
    assert run.documents[0].rule_files == [str(first), str(second)]


@pytest.fixture
def report_dir(tmp_path) -> Path:
    """A copy of the sample report, with its rule file in checks/ next to it."""
    folder = tmp_path / "reports"
    (folder / "checks").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "mali-2020.txt")
    write(folder / "checks", EQUALS_24, "mali-2020.yml")
    return folder


def test_the_reports_rule_file_next_to_it_applies(report_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./checks here
    result = CliRunner().invoke(cli.main, [str(report_dir / "mali-2020.txt"), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    own = str(report_dir / "checks" / "mali-2020.yml")
    assert data["documents"][0]["rule_files"] == [own]
    (r,) = [r for r in data["results"] if r["code"] == "RC302"]
    assert r["outcome"] == "pass" and f"declared in {own}:2 (gao-children)" in r["message"]
    text = CliRunner().invoke(cli.main, [str(report_dir / "mali-2020.txt")]).stdout
    assert f"rule files (over the defaults): {own}" in " ".join(text.split())


def test_no_report_rules_switches_discovery_off(report_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, [str(report_dir / "mali-2020.txt"), "--format", "json",
                                           "--no-report-rules"])
    data = json.loads(result.stdout)
    assert data["documents"][0]["rule_files"] == []
    assert not [r for r in data["results"] if r["code"] == "RC302"]


def test_the_working_directorys_checks_folder_is_looked_in_second(report_dir, tmp_path, monkeypatch):
    here = tmp_path / "here"
    (here / "checks").mkdir(parents=True)
    write(here / "checks", EQUALS_24.replace("gao-children", "from-cwd"), "mali-2020.yml")
    monkeypatch.chdir(here)
    # next to the report wins
    run = pipeline.run([str(report_dir / "mali-2020.txt")], report_rules=True)
    assert run.documents[0].rule_files == [str(report_dir / "checks" / "mali-2020.yml")]
    # without one there, ./checks/STEM.yml
    (report_dir / "checks" / "mali-2020.yml").unlink()
    run = pipeline.run([str(report_dir / "mali-2020.txt")], report_rules=True)
    assert run.documents[0].rule_files == [str(Path("checks") / "mali-2020.yml")]
    assert "(from-cwd)" in results(run, "RC302")[0].message
    # another report's name finds nothing
    other = report_dir / "mali-2021.txt"
    shutil.copy(SAMPLE, other)
    assert pipeline.run([str(other)], report_rules=True, year=2020).documents[0].rule_files == []


def test_a_report_rule_file_also_given_with_rules_applies_once(report_dir):
    own = report_dir / "checks" / "mali-2020.yml"
    run = pipeline.run([str(report_dir / "mali-2020.txt")], rule_files=[str(own)], report_rules=True)
    assert run.documents[0].rule_files == [str(own)] and len(results(run, "RC302")) == 1


def test_sample_option_applies_the_sample_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = json.loads(CliRunner().invoke(cli.main, ["--sample", "--format", "json"]).stdout)
    (rule_file,) = data["documents"][0]["rule_files"]
    assert Path(rule_file).name == "mali-2020.yml"
    assert {r["code"] for r in data["results"] if "declared" in r["details"]} >= {"RC301", "RC302"}
    data = json.loads(CliRunner().invoke(cli.main, ["--sample", "--format", "json", "--no-report-rules"]).stdout)
    assert data["documents"][0]["rule_files"] == []


def test_output_may_not_overwrite_a_discovered_rule_file(report_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    own = report_dir / "checks" / "mali-2020.yml"
    line = error_line(CliRunner().invoke(cli.main, [str(report_dir / "mali-2020.txt"), "-o", str(own)]))
    assert "refusing to overwrite the input" in line


def test_a_rule_of_every_report_must_resolve_in_every_report(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "mali-2020.txt")
    shutil.copy(ROOT / "tests" / "data" / "mali-2019.txt", folder / "mali-2019.txt")
    rules = write(tmp_path, EQUALS_24)
    # --fail-fast: the first report it fails in stops the run (without it, that report is named and the others
    # checked: test_scale.py)
    line = error_line(CliRunner().invoke(cli.main, [str(folder), "--rules", str(rules), "--no-report-rules",
                                                    "--fail-fast"]))
    assert "rules.yml:2: rule 'gao-children': quote 'recruited and used 24 children' matches no figure in " \
           "mali-2019.txt" in line


# --- mistakes in a rule file: exit 2, one line naming file and line ----------------------------

def error_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("check-report: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("text, line, needle", [
    # bad YAML
    ("rules:\n  - kind: total\n    total: \"more than 700\n", 4, "not valid YAML"),
    # rules that are no list, an entry that is no mapping
    ("rules:\n  kind: total\n", 1, "rules must be a list"),
    ("rules:\n  - kind: equals\n    figures: [\"82 killings\", \"at least 18 deaths\"]\n  - just a quote\n", 4,
     "rules entry 2 must be a mapping"),
    # unknown kind, missing key, unknown key, wrong types
    ("rules:\n  - kind: sum\n    total: \"82 killings\"\n", 2, "unknown kind 'sum'"),
    ("rules:\n  - id: x\n    total: \"82 killings\"\n", 2, "rule 'x': missing key 'kind'"),
    ("rules:\n  - kind: total\n    total: \"documented 164 cases\"\n    breakdown: partial\n", 2,
     "rule 'total': kind total needs 'parts'"),
    ("rules:\n  - kind: part_of\n    part: \"82 killings\"\n    whole: \"700 civilians\"\n    parts: []\n", 5,
     "unknown key 'parts' for kind part_of"),
    ("rules:\n  - kind: total\n    total: \"documented 164 cases\"\n    parts: \"127 by\"\n    breakdown: partial\n",
     4, "parts must be a list of one or more quotes"),
    ("rules:\n  - kind: total\n    total: \"documented 164 cases\"\n    parts: [\"127 by\"]\n    breakdown: some\n",
     5, "'some' is not exhaustive or partial"),
    ("rules:\n  - kind: same_incident\n    mentions: [\"killing at least 29 soldiers\"]\n", 3, "two or more quotes"),
    ("rules:\n  - kind: equals\n    figures: [\"82 killings\", {quote: \"18 deaths\", page: 3}]\n", 3,
     "unknown key 'page'"),
    ("rules:\n  - kind: equals\n    figures: [\"82 killings\", \"at least 18 deaths\"]\n    tolerance: 5\n", 4,
     "between 0 and 1"),
    ("rules:\n  - kind: date_order\n    before: \"a\"\n    after: \"b\"\n    days: seven\n", 5, "whole number of days"),
    ("rules:\n  - kind: equals\n    figures: [\"82 killings\", \"at least 18 deaths\"]\n    severity: high\n", 4,
     "'high' is not a severity"),
    ("rules:\n" + 2 * "  - id: a\n    kind: equals\n    figures: [\"82 killings\", \"at least 18 deaths\"]\n", 5,
     "id is used twice"),
])
def test_rule_file_mistakes_name_file_and_line(tmp_path, text, line, needle):
    rules = tmp_path / "rules.yml"
    rules.write_text(text, encoding="utf-8")
    msg = error_line(CliRunner().invoke(cli.main, [str(SAMPLE), "--rules", str(rules), "--no-report-rules"]))
    assert f"rules.yml:{line}: " in msg and needle in msg, msg


@pytest.mark.parametrize("entry, needle", [
    # a quote that is not in the report, or holds no figure
    ('kind: equals\n    figures: ["at least 29 soldiers", "at least 290 soldiers"]',
     "quote 'at least 290 soldiers' matches no figure in mali-2020.txt"),
    ('kind: part_of\n    part: "killing at least"\n    whole: "a total of 14 persons"',
     "quote 'killing at least' matches no figure in mali-2020.txt"),
    ('kind: same_incident\n    mentions: ["killing at least 29 soldiers", "killing at least 290"]',
     "quote 'killing at least 290' matches nothing in mali-2020.txt"),
    # a quote that names several figures, or occurs several times
    ('kind: equals\n    figures: ["four others", "a total of 30 soldiers"]',
     "quote 'four others' matches 2 figures (sections 1.a, 1.g; values 4, 4); add section: or value:"),
    ('kind: equals\n    figures: ["215 children (189 boys", "a total of 30 soldiers"]',
     "matches 2 figures (sections 1.g; values 215, 189)"),
    ('kind: same_incident\n    mentions: ["On May 10", "a total of 30 soldiers"]',
     "quote 'On May 10' occurs 2 times (sections 1.a, 1.g)"),
    # disambiguated, but by something that is not there
    ('kind: equals\n    figures: [{quote: "four others", section: "6"}, "a total of 30 soldiers"]',
     "matches no figure in section 6 in mali-2020.txt"),
    # the same figure twice, a date_order mention without any date
    ('kind: part_of\n    part: "82 killings"\n    whole: "responsible for 82 killings"',
     "is named twice"),
    ('kind: date_order\n    before: "Some Tuareg groups deprived black Tuaregs"\n'
     '    after: "On October 8, Cisse was released"',
     "has no date"),
])
def test_quotes_that_do_not_resolve_name_file_and_line(tmp_path, entry, needle):
    rules = write(tmp_path, f"# a comment\nrules:\n  - id: r1\n    {entry}\n")
    msg = error_line(CliRunner().invoke(cli.main, [str(SAMPLE), "--rules", str(rules), "--no-report-rules"]))
    assert "rules.yml:3: rule 'r1': " in msg and needle in msg, msg


def test_ambiguous_quotes_are_resolved_by_section_and_value(tmp_path):
    run = run_rules(tmp_path, """
        rules:
          - kind: equals
            figures: [{quote: "four others", section: "1.g"}, {quote: "215 children (189 boys", value: 189}]
            tolerance_abs: 200
          - kind: same_incident
            mentions: [{quote: "On May 10", section: "1.a"}, {quote: "On May 10", section: "1.g"}]
    """)
    (r,) = results(run, "RC302")
    assert quotes(r) == ["four others wounded", "189 boys"]


def test_the_new_checks_are_listed_and_explained():
    runner = CliRunner()
    listed = runner.invoke(cli.main, ["--list-checks"]).stdout
    assert "RC301  date-order" in listed and "RC302  declared-equals" in listed
    for code in ("RC301", "RC302"):
        doc = runner.invoke(cli.main, ["--explain", code]).stdout
        for part in ("**What it checks.**", "**Why it matters.**", "**Example**", "**Severity.**",
                     "**How to resolve.**"):
            assert part in doc, (code, part)


def test_the_readme_example_runs_on_the_sample(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Report-specific rules", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    rules = tmp_path / "readme.yml"
    rules.write_text(example, encoding="utf-8")
    run = pipeline.run([str(SAMPLE)], rule_files=[str(rules)])
    declared = {r.code for r in run.results if "declared" in r.details}
    assert declared == {"RC101", "RC102", "RC103", "RC201", "RC202", "RC301", "RC302"}
    # the three partial parts of the 700 add up to less: partial, so that passes
    (total,) = [r for r in results(run, "RC201") if "700" in r.message]
    assert not total.failed and "not broken down" in total.message
