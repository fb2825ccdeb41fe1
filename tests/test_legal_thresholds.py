"""RC110 legal-thresholds, on real sentences (each copied from the report and year named beside
it): a threshold of the law told again with its number passes, told as another number fails;
what only refers to the threshold, a change of the law, another group's threshold and another
period of the same sentence are not held to it."""
from __future__ import annotations

from helpers import run_sections


def _run(tmp_path, paragraphs: list[str], rules: str | None = None):
    return run_sections(tmp_path, paragraphs, "RC110", rules)


SOUTH_SUDAN_2019 = [
    "The law specifies normal working hours should not exceed eight hours per day and 40 hours per week and should "
    "provide for overtime.",
    "Under the law only unskilled workers are eligible for overtime pay for work in excess of 40 hours per week.",
]
COLOMBIA_2021 = [
    "The law provides for a regular workweek of 48 hours and a minimum rest period of eight hours within the week.",
    "The law stipulates that workers receive premium compensation for nighttime work, hours worked in excess of 48 "
    "per week, and work performed on Sundays.",
]


def test_a_workweek_told_again_passes(tmp_path):
    for paragraphs, n in ((SOUTH_SUDAN_2019, "40"), (COLOMBIA_2021, "48")):
        (r,) = _run(tmp_path, paragraphs)
        assert r.outcome == "pass" and f"given as {n}" in r.message and "workweek" in r.message
        assert len(r.evidence) == 2


def test_a_workweek_stated_as_two_numbers_fails(tmp_path):
    # Colombia's first sentence with Ethiopia 2021's "48-hour maximum legal workweek" changed to 40
    (r,) = _run(tmp_path, [COLOMBIA_2021[0],
                           "The law provides for a 40-hour maximum legal workweek with a 24-hour rest period, premium "
                           "pay for overtime, and prohibition of excessive compulsory overtime."])
    assert (r.outcome, r.severity) == ("fail", "info")  # declared: shown, never failing a run
    assert r.arithmetic == "48 vs 40"


def test_practice_a_change_and_another_group_are_not_held_to_the_law(tmp_path):
    assert [r.outcome for r in _run(tmp_path, [
        # Ethiopia 2021: practice, not the law
        "The law provides for a 48-hour maximum legal workweek with a 24-hour rest period, premium pay for overtime, "
        "and prohibition of excessive compulsory overtime.",
        "Many foreign, migrant, and informal laborers worked more than 48 hours per week.",
        # Austria 2019: a change of the law, told with both numbers
        "Regulations to increase workhour flexibility allowed companies to increase the maximum regular time from 40 "
        "hours to 50 hours per week with overtime.",
        # Liechtenstein 2019: white-collar workers' workweek is another threshold
        "The law sets the maximum workweek at 45 hours for white-collar workers, employees of industrial firms, and "
        "sales personnel.",
        # China 2019: overtime laws named, practice told
        "The government seldom enforced overtime laws, and 72-hour workweeks were common for a wide range of "
        "workers.",
    ])] == ["pass"]  # the two 48s


def test_another_period_of_the_sentence_is_not_the_threshold(tmp_path):
    # Estonia 2019: "every 24-hour period" of rest is no detention limit
    assert _run(tmp_path, [
        "Authorities may hold individuals for 48 hours without charge; further detention requires a court order.",
        "The law requires a rest period of at least 11 hours in sequence for every 24-hour period.",
    ]) == []


def test_topics_and_severity_come_from_the_rule_file(tmp_path):
    bad = [COLOMBIA_2021[0], "The law provides for a 40-hour maximum legal workweek."]
    (r,) = _run(tmp_path, bad, "checks:\n  RC110:\n    severity: error\n")
    assert r.severity == "error"
    assert _run(tmp_path, bad, "checks:\n  RC110:\n    enabled: false\n") == []
