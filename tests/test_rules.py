"""Rule files: the shipped defaults, the user's files merged over them, and every error a user
can make in one (one line naming file and line, exit 2)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportcheck import cli, pipeline
from reportcheck.config import load_rules, qualifiers, validate_rule_file

ROOT = Path(__file__).parent.parent
SAMPLE = Path(str(resources.files("reportcheck.samples").joinpath("mali-2020.txt")))


@pytest.mark.parametrize("name", ["default.yml", "places.yml", "settings.yml"])
def test_checks_dir_copy_is_the_shipped_file(name):
    shipped = resources.files("reportcheck.rules").joinpath(name).read_text(encoding="utf-8")
    assert (ROOT / "checks" / name).read_text(encoding="utf-8") == shipped, (
        f"checks/{name} and src/reportcheck/rules/{name} differ: copy the package one over")


def test_default_rules_pass_their_own_validation():
    text = resources.files("reportcheck.rules").joinpath("default.yml").read_text(encoding="utf-8")
    import yaml

    validate_rule_file(yaml.safe_load(text), text, "default.yml")


def test_every_default_setting_is_declared_and_meets_its_declaration():
    # settings.yml types and bounds every setting of default.yml; a default out of its own
    # bounds, or a new setting without a declaration, fails here
    from reportcheck.settings import check_defaults

    assert check_defaults(load_rules()) == []


def test_the_declaration_check_can_fail():
    from reportcheck.settings import check_defaults

    rules = load_rules()
    rules["linking"]["incident_max_days"] = -1
    rules["linking"]["new_threshold"] = 3
    assert check_defaults(rules) == [
        "linking.incident_max_days: must be a whole number between 0 and 366, not -1",
        "linking.new_threshold: not declared in settings.yml"]


def test_the_readme_example_sets_every_severity_of_a_check(tmp_path):
    # README: `checks: {RC101: {severity: warning}}` "changes that one value and nothing else";
    # RC101 has two severities (incompatible, different): `severity` sets both
    rules = tmp_path / "rules.yml"
    rules.write_text("checks:\n  RC101: {severity: warning}\n", encoding="utf-8")
    merged = load_rules([rules])
    assert merged["checks"]["RC101"]["severity_incompatible"] == "warning"
    assert merged["checks"]["RC101"]["severity_different"] == "warning"
    assert merged["checks"]["RC201"] == load_rules()["checks"]["RC201"]
    run = pipeline.run([str(SAMPLE)], rule_files=[str(rules)])
    rc101 = [r for r in run.results if r.code == "RC101" and r.failed]
    assert rc101 and all(r.severity == "warning" for r in rc101)  # "five others" vs "20 injured"


def test_a_specific_severity_beats_the_shorthand_in_the_same_file(tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text("checks:\n  RC101: {severity: info, severity_incompatible: error}\n", encoding="utf-8")
    conf = load_rules([rules])["checks"]["RC101"]
    assert (conf["severity_incompatible"], conf["severity_different"]) == ("error", "info")


def test_every_check_is_configured_in_the_defaults():
    # every registered check, whatever it judges (a report, a table's rows, two runs)
    from reportcheck.checks import every_check

    rules = load_rules()
    assert {c.code for c in every_check()} == set(rules["checks"])


def _run(tmp_path, rules_text, *extra):
    rules = tmp_path / "rules.yml"
    rules.write_text(rules_text, encoding="utf-8")
    return CliRunner().invoke(cli.main, [str(SAMPLE), "--rules", str(rules), *extra])


def test_a_user_file_changes_one_severity(tmp_path):
    # the only error of the sample (injured 5 vs 20) becomes a warning: the gate passes
    result = _run(tmp_path, "checks:\n  RC101:\n    severity_incompatible: warning\n")
    assert result.exit_code == 0, result.output
    assert "RC101 same-incident-counts  warning" in result.output
    assert "Errors (" not in result.output


def test_a_user_file_switches_a_check_off(tmp_path):
    rules = tmp_path / "off.yml"
    rules.write_text("checks:\n  RC103: {enabled: false}\n", encoding="utf-8")
    run = pipeline.run([str(SAMPLE)], rule_files=[str(rules)])
    assert "RC103" not in {r.code for r in run.results} and "RC103" not in run.checks
    assert "RC101" in run.checks


def test_the_qualifier_table_is_declared_not_coded(tmp_path):
    # "more than N" read as [N, inf) instead of [N+1, inf)
    rules = tmp_path / "q.yml"
    rules.write_text('qualifiers:\n  more_than:\n    phrases: ["more than"]\n    low: "N"\n    high: "inf"\n',
                     encoding="utf-8")
    default = pipeline.run([str(SAMPLE)]).figures
    changed = pipeline.run([str(SAMPLE)], rule_files=[str(rules)]).figures
    pick = lambda t: t[t["quote"] == "more than 35 villagers"].iloc[0]  # noqa: E731
    assert (pick(default)["low"], pick(changed)["low"]) == (36.0, 35.0)
    q = qualifiers(load_rules([rules]))["more_than"]
    assert q.interval(700) == (700.0, float("inf"))


@pytest.mark.parametrize("text, line, needle", [
    ("checks:\n  RC101: [\n", 3, "not valid YAML"),
    ("- just\n- a list\n", 1, "must be a mapping"),
    ("qualifier:\n  at_least: {}\n", 1, "unknown key 'qualifier'"),
    ("checks:\n  RC999:\n    enabled: false\n", 2, "unknown check 'RC999'"),
    ("checks:\n  RC101:\n    enabled: no-thanks\n", 3, "enabled must be true or false"),
    ("checks:\n  RC102:\n    severity: critical\n", 3, "'critical' is not a severity"),
    ("qualifiers:\n  about:\n    phrases: [about]\n    low: \"N * (1 - rate)\"\n", 4, "unknown name 'rate'"),
    ("vague_quantities:\n  dozens: [200, 24]\n", 2, "low <= high"),
])
def test_rule_file_errors_name_file_and_line(tmp_path, text, line, needle):
    result = _run(tmp_path, text)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert f"rules.yml:{line}: " in lines[0] and needle in lines[0], lines[0]


def test_missing_rule_file(tmp_path):
    result = CliRunner().invoke(cli.main, [str(SAMPLE), "--rules", str(tmp_path / "nope.yml")])
    assert result.exit_code == 2 and "rule file not found" in result.stderr
