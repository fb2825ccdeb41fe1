"""RC109 body-sizes, on real sentences (each copied from the report and year named beside it): a
named body or one of the country's whole sets given two sizes is flagged; the same size told
again passes; sets that their context narrows, crowds and statistics are not sizes of one thing."""
from __future__ import annotations

from helpers import run_sections


def _run(tmp_path, paragraphs: list[str], rules: str | None = None):
    return run_sections(tmp_path, paragraphs, "RC109", rules)


SOMALIA_2020 = [
    # Somaliland's two houses: 86 Elders, 82 Representatives; section 3 later gives the lower house 86
    "Somaliland has a bicameral parliament consisting of an appointed 86-member House of Elders, known as the "
    "Guurti, and an elected 82-member House of Representatives with proportional regional representation.",
    "Somaliland had one woman in its 86-member House of Representatives.",
]


def test_a_named_body_given_two_sizes_is_flagged(tmp_path):
    (r,) = _run(tmp_path, SOMALIA_2020)
    assert (r.outcome, r.severity) == ("fail", "warning")
    assert "82, 86" in r.message and "House of Representatives" in r.message
    assert [e.quote for e in r.evidence] == ["82-member House of Representatives", "86-member House of Representatives"]
    assert r.arithmetic == "82 vs 86"


NEPAL_2021 = [
    "The Nepal Police had women’s cells staffed by female officers in each of the country’s 77 districts to make it "
    "easier for women and girls to report crimes to police.",
    "According to Women, Children and Senior Citizens Service Directors, all 233 women’s cells across the country "
    "located in all 77 districts were in operation.",
    # a definite set of districts that the context narrows: not the country's districts
    "Victims of sexual violence had access to sexual and reproductive health services in government hospitals, "
    "including emergency contraception, psychosocial counseling, and there were one-stop crisis management centers "
    "in each of the 17 districts.",
]


def test_a_whole_set_told_again_passes_and_a_narrower_set_is_at_most_info(tmp_path):
    (r,) = _run(tmp_path, NEPAL_2021[:2])
    assert r.outcome == "pass" and "77" in r.message
    assert [e.quote for e in r.evidence] == ["the country’s 77 districts", "all 77 districts"]
    # "each of the 17 districts" may be a context's: shown, never failing a run
    (r,) = _run(tmp_path, NEPAL_2021)
    assert (r.outcome, r.severity) == ("fail", "info")


def test_sets_that_are_statistics_or_crowds_are_not_compared(tmp_path):
    assert _run(tmp_path, [
        # Philippines 2021: two inquiries' cases
        "As of October, the committee investigated and established administrative liability in 52 of the 61 cases "
        "the PNP opened for the committee’s review.",
        "It noted that of the 51 cases of intimidation from June 2016 to April 2021, 30 were incidents of "
        "red-tagging.",
        # Guatemala 2023: two firms' workers
        "The company dismissed all 600 workers at the plant.",
        "The union said all 15 workers at the farm were fired.",
    ]) == []


def test_an_indefinite_body_is_one_of_many(tmp_path):
    # Pakistan 2023: two committees, each "a ...-member committee"
    assert _run(tmp_path, [
        "The government formed a seven-member committee headed by the interior minister to investigate.",
        "The court formed a three-member committee headed by a judge to review the cases.",
    ]) == []


def test_severity_and_words_come_from_the_rule_file(tmp_path):
    (r,) = _run(tmp_path, SOMALIA_2020, "checks:\n  RC109:\n    severity: error\n")
    assert r.severity == "error"
    assert _run(tmp_path, SOMALIA_2020, "checks:\n  RC109:\n    enabled: false\n") == []
    assert _run(tmp_path, SOMALIA_2020, "linking:\n  sizes:\n    units: [seat]\n") == []


def test_a_union_of_two_sets_is_not_the_size_of_one(tmp_path):
    # Madagascar 2017: 82 prisons and detention centers are 41 prisons, 39 jails and two centers
    assert _run(tmp_path, [
        "Conditions in the country\u2019s 82 prisons and detention centers remained harsh.",
        "The country\u2019s 41 prisons, 39 jails, and two juvenile detention centers held 26,000 detainees.",
    ]) == []


def test_a_part_named_as_the_whole_is_info(tmp_path):
    # Cyprus 2017: 56 of the 80 seats are the Greek Cypriots'; "the 56-seat House" is shorthand
    (r,) = _run(tmp_path, [
        "In May 2016 voters elected 56 representatives to the 80-seat House of Representatives (Vouli "
        "Antiprosopon) in free and fair elections.",
        "There was one woman in the 11-seat Council of Ministers and 10 women in the 56-seat House of "
        "Representatives.",
    ])
    assert (r.outcome, r.severity) == ("fail", "info")
