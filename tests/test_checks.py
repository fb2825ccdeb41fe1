"""Each check on real sentences from other reports: what it must flag and what it must not."""
from __future__ import annotations

import pytest

from reportcheck import pipeline
from reportcheck.checks import all_checks, get_check


def run_text(tmp_path, text: str, name: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return pipeline.run([str(p)])


def results(run, code):
    return [r for r in run.results if r.code == code]


# Syria 2019: one source (SNHR), one period, two numbers in two sections
SYRIA = (
    "Section 1. Respect for the Integrity of the Person\n\n"
    "a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings\n\n"
    "The SNHR reported that more than 14,361 individuals died due to torture between 2011 and September, including "
    "178 children and 63 women.\n\n"
    "c. Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment\n\n"
    "The SNHR reported at least 14,200 individuals died due to torture between 2011 and September and that "
    "approximately 99 percent of these deaths were attributable to regime forces.\n")


def test_repeated_statistic_given_as_two_lower_bounds_is_info(tmp_path):
    # both can hold: shown, never failing a run (the fourth hand reading judged it compatible)
    run = run_text(tmp_path, SYRIA, "syria-2019.txt")
    (r,) = results(run, "RC104")
    assert r.failed and r.severity == "info" and "two lower bounds" in r.message
    assert "14200 and 14361" in r.message
    assert {e.section for e in r.evidence} == {"1.a", "1.c"}


def test_repeated_statistic_same_number_other_qualifier_passes(tmp_path):
    text = SYRIA.replace("at least 14,200", "14,361")
    (r,) = results(run_text(tmp_path, text, "syria-2019.txt"), "RC104")
    assert not r.failed


def test_approximations_of_one_statistic_agree(tmp_path):
    # Niger 2019: "approximately 60,000" and "an estimated 56,500" refugees, in two sections
    text = ("Section 1.\n\ng. Abuses in Internal Conflict\n\nAs of September the country hosted approximately 60,000 "
            "refugees in the Tillaberi Region.\n\nSection 2.\n\nf. Protection of Refugees\n\nAs of September the "
            "country hosted an estimated 56,500 refugees in the Tillaberi Region.\n")
    run = run_text(tmp_path, text, "niger-2019.txt")
    assert all(not r.failed for r in results(run, "RC104"))


def test_two_statistics_far_apart_are_not_one(tmp_path):
    # Philippines 2019 style: a population and a capacity of the same prisons are two statistics
    text = ("Section 1.\n\nc. Torture\n\nFrom January to July the jails held 46,272 prisoners.\n\n"
            "d. Arbitrary Arrest\n\nFrom January to July the jails held 53,751 inmates.\n")
    run = run_text(tmp_path, text, "philippines-2019.txt")
    assert results(run, "RC104") == []


def test_place_in_two_regions_is_an_error(tmp_path):
    text = ("Section 1.\n\na. Killings\n\nOn March 19, armed individuals attacked a military camp in Tarkint, Gao "
            "Region, killing at least 29 soldiers.\n\ng. Abuses in Internal Conflict\n\nOn April 2, unidentified "
            "gunmen attacked the village of Tarkint, Kidal Region, killing four civilians.\n")
    run = run_text(tmp_path, text, "mali-2020.txt")
    (r,) = [r for r in results(run, "RC103") if r.failed]
    assert r.severity == "error" and "two regions" in r.message


def test_place_located_consistently_passes(tmp_path):
    text = ("Attacks continued to reach beyond the northern regions to the Mopti and Segou Regions in the central "
            "part of the country.\n\nOn October 13, JNIM attacked a FAMa outpost in Soukoura town in the central "
            "Mopti Region that left nine soldiers dead.\n")
    run = run_text(tmp_path, text, "mali-2020.txt")
    mopti = [r for r in results(run, "RC103") if "Mopti" in r.message]
    assert mopti and not any(r.failed for r in mopti)


def test_within_a_paragraph_different_groups_are_not_one_count(tmp_path):
    # DRC 2019: "at least 10 civilians" and then "five persons" in the same paragraph, same day
    text = ("On January 10, security forces killed at least 10 civilians during protests in Kikwit, Kwilu Province. "
            "Police also shot five persons who were then taken to the hospital.\n")
    run = run_text(tmp_path, text, "democratic-republic-of-the-congo-2019.txt")
    assert not any(r.failed for r in results(run, "RC101"))


def test_different_days_in_a_long_range_are_not_one_incident(tmp_path):
    # Iraq 2019: "early October" and "between October 1 and November 4" are periods, not an incident date
    text = ("Executive Summary\n\nIn early October protesters were killed in Baghdad.\n\nSection 1.\n\n"
            "a. Killings\n\nBetween October 1 and November 4, protesters were killed in Baghdad.\n")
    run = run_text(tmp_path, text, "iraq-2019.txt")
    # no incident of the incident linker; the content linker may say the two tellings agree
    # (early October lies within October 1 - November 4), never that they conflict
    assert not [r for r in results(run, "RC102") if r.failed or "link" not in (r.details or {})]


def test_every_check_is_documented_like_a_lint_rule():
    checks = all_checks()
    assert [c.code for c in checks] == sorted(c.code for c in checks)
    for c in checks:
        doc = c.doc
        for part in ("**What it checks.**", "**Why it matters.**", "**Example**", "**Severity.**",
                     "**How to resolve.**"):
            assert part in doc, (c.code, part)
        assert get_check(c.name) is c and get_check(c.code.lower()) is c


@pytest.mark.parametrize("code", ["RC101", "RC102", "RC103", "RC104", "RC201", "RC202"])
def test_explain_prints_the_documentation(code):
    from click.testing import CliRunner

    from reportcheck import cli

    result = CliRunner().invoke(cli.main, ["--explain", code])
    assert result.exit_code == 0 and result.output.startswith(code) and "How to resolve" in result.output
