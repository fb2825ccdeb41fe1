"""RC112 subdivision-types, on real sentences (each copied from the report and year named beside
it): a subdivision named with the word of another kind is flagged, a warning when the report
itself names it with its own kind elsewhere, info when only the gazetteer says so; subdivisions
named with their own kind, names that two kinds share, and countries of one kind are not."""
from __future__ import annotations

from helpers import run_sections
from reportcheck.checks import get_check


def _run(tmp_path, paragraphs: list[str], name: str):
    return run_sections(tmp_path, paragraphs, "RC112", name=name)


BURMA_2022 = [
    "Fighting between the military and the Arakan Army in Rakhine State resumed midyear when the military launched "
    "its first airstrikes since the informal 2020 ceasefire.",
    "The same day, a Sintgaing Township, Mandalay Region court sentenced the chief reporter of Channel Mandalay TV, "
    "to five years in prison on a terrorism charge.",
    "The regime arrested a man from Maubin Township, Ayeyarwady Region and charged him with sedition for filming "
    "and sharing online a recording of heavy rains brought about by a cyclone.",
    "According to the World Health Organization, the maternal mortality ratio was highest in Shan, Chin, and "
    "Ayeyarwady States.",
]


def test_a_region_listed_among_states_is_flagged_beside_the_reports_own_naming(tmp_path):
    (r,) = _run(tmp_path, BURMA_2022, "burma-2022")
    assert (r.outcome, r.severity) == ("fail", "warning")
    assert [e.quote for e in r.evidence] == ["Shan, Chin, and Ayeyarwady States", "Ayeyarwady Region"]
    assert "Ayeyarwady is a region" in r.message and "MM-07" in r.message
    assert r.details["subdivision"] == {"code": "MM-07", "type": "Region", "kind": "Region", "named_as": "State",
                                        "named_rightly_elsewhere": True}
    # Shan and Chin are states: only Ayeyarwady is judged wrong in the list
    assert "Shan is" not in r.message and "Chin is" not in r.message


def test_only_the_gazetteer_saying_so_is_info(tmp_path):
    # Burma 2022 without the sentence that names Ayeyarwady a region
    (r,) = _run(tmp_path, BURMA_2022[:2] + BURMA_2022[3:], "burma-2022")
    assert (r.outcome, r.severity, len(r.evidence)) == ("fail", "info", 1)
    # China 2021: Guangxi is an autonomous region
    (r,) = _run(tmp_path, [
        "In August labor activist and University of Hong Kong doctoral student Fang Ran was detained in Guangxi "
        "Province on charges of “incitement to subvert state power.”",
    ], "china-2021")
    assert (r.outcome, r.severity) == ("fail", "info") and "Guangxi" in r.message


def test_names_of_their_own_kind_shared_names_and_one_kind_countries_are_not_flagged(tmp_path):
    assert _run(tmp_path, BURMA_2022[:3], "burma-2022") == []
    # Kazakhstan 2024: Almaty is a city and the name of a region
    assert _run(tmp_path, [
        "On August 2, a court in Konayev, Almaty Region, sentenced journalist and civil activist Duman "
        "Mukhammedkarim to seven years in prison.",
        "On September 29, at least 12 persons were detained in Almaty and the Almaty Region.",
    ], "kazakhstan-2024") == []
    # Ethiopia 2021 and Nigeria 2019: one kind each (ISO's "regional states", the report's
    # regions; Nigeria's states), nothing to confuse
    assert _run(tmp_path, [
        "Earlier that month HRW reported Tigrayan forces had executed dozens of civilians in two towns they "
        "temporarily controlled in Amhara Region.",
    ], "ethiopia-2021") == []
    assert _run(tmp_path, [
        "The Borno State government provided financial and in-kind resources to the Civilian Joint Task Force "
        "(CJTF), a nongovernmental self-defense militia that at times coordinated with the military.",
    ], "nigeria-2019") == []


def test_the_check_is_documented():
    doc = get_check("RC112").doc
    for part in ("**What it checks.**", "**Why it matters.**", "**Example**", "**Severity.**", "**How to resolve.**"):
        assert part in doc
