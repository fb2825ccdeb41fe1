"""Linking by content (link/content.py, extract/entities.py): mentions of one event found by what
they share, on real excerpts of reports from six countries (tests/data/*-excerpt.txt, copied
from the State Department's reports: the executive summary and the sections that tell the
events again), with what must and must not be flagged."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import covers, failing
from reportcheck import config, pipeline
from reportcheck.extract.entities import find_names, find_phrases
from reportcheck.extract.figures import extract
from reportcheck.link.content import link_content
from reportcheck.read import read_document

DATA = Path(__file__).parent / "data"


def _run(path: Path, old: str | None = None, new: str | None = None, tmp_path: Path | None = None):
    """The run on an excerpt, with `old` replaced by `new` (a planted change) in a copy."""
    if old is not None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path = tmp_path / path.name
        path.write_text(text.replace(old, new), encoding="utf-8")
    return pipeline.run([str(path)]), path.read_text(encoding="utf-8")


def _links(path: Path):
    rules = config.load_rules()
    doc = read_document(path)
    return doc.text, link_content(doc, extract(doc, rules), rules)


def _linked(text, links, quote_a, quote_b):
    """The content links between the sentence holding quote_a and the one holding quote_b."""
    a, b = text.index(quote_a), text.index(quote_b)
    return [ln for ln in links if {ln.a.start <= a < ln.a.end, ln.b.start <= a < ln.b.end} == {True, False}
            and (ln.a.start <= b < ln.a.end or ln.b.start <= b < ln.b.end)]


# --- Ethiopia 2021: an election told in the executive summary and in section 3 ----------------------

ETHIOPIA = DATA / "ethiopia-2021-excerpt.txt"


def test_an_election_told_twice_agrees_on_its_date_and_its_share_of_seats():
    run, text = _run(ETHIOPIA)
    assert failing(run) == []
    rc102 = [r for r in run.results if r.code == "RC102" and not r.failed]
    # "the sixth general election held on June 21" (executive summary) and "took place on June 21" (3)
    assert any(covers(r, "election held on June 21", "general election took place on June 21", text=text)
               for r in rc102)
    rc104 = [r for r in run.results if r.code == "RC104" and not r.failed]
    assert any(covers(r, "winning 96 percent of the seats in the House", "winning 96 percent of the seats.",
                      text=text) for r in rc104)
    (link,) = [r for r in rc102 if covers(r, "election held on June 21", text=text)][:1]
    assert link.details["link"]["reasons"] and link.details["link"]["score"] > 0  # why they were judged one


def test_a_second_round_dated_two_days_off_is_found(tmp_path):
    run, text = _run(ETHIOPIA, "On September 30, a second round", "On October 2, a second round", tmp_path)
    (r,) = [r for r in failing(run) if r.code == "RC102"][:1]
    assert covers(r, "On October 2, a second round", "On September 30, the board held a second round", text=text)
    assert "second round" in r.message and r.details["link"]["tier"] in ("weak", "strong")
    assert r.severity == ("info" if r.details["link"]["tier"] == "weak" else "warning")


def test_a_second_round_months_off_is_another_event(tmp_path):
    # two rounds of one kind of event months apart are not a slipped date
    run, _ = _run(ETHIOPIA, "On September 30, a second round", "On December 30, a second round", tmp_path)
    assert [r for r in failing(run) if r.code == "RC102"] == []


def test_a_day_shared_by_two_different_events_links_nothing():
    # September 30: the second round (3) and seven UN officials expelled (5)
    text, links = _links(ETHIOPIA)
    run, _ = _run(ETHIOPIA)
    for r in run.results:
        if r.code == "RC102":
            assert not covers(r, "On September 30, the government declared seven UN officials", text=text)


# --- Cameroon 2019: a sentence told in two sections ------------------------------------------------


def test_a_sentencing_told_twice_agrees():
    path = DATA / "cameroon-2019-excerpt.txt"
    run, text = _run(path)
    assert failing(run) == []
    assert any(r.code == "RC102" and covers(r, "When the Yaounde Military Tribunal on August 20 sentenced",
                                            "On August 20, the Yaounde military court sentenced", text=text)
               for r in run.results)


# --- what must not be flagged, though the mentions are linked ------------------------------------


@pytest.mark.parametrize("name, quote_a, quote_b", [
    # Cuba 2019: UNPACU activists detained on September 7, Ferrer arrested on September 8 (one sentence
    # tells both days: a sequence, not a slip)
    ("cuba-2019-excerpt.txt", "In connection with a planned march on September 8",
     "Several UNPACU activists were arbitrarily detained on September 7"),
    # Egypt 2019: two people's detentions renewed on December 17 and December 22, with the same charges
    ("egypt-2019-excerpt.txt", "On December 22, the State Security Prosecution ordered a renewal of Dawoud",
     "On December 17, the State Security Prosecutor ordered the renewal of Hosni"),
    # Iraq 2019: HRW's April report on Faisaliya and what HRW observed there in July
    ("iraq-2019-excerpt.txt", "The April HRW report also detailed", "In July HRW observed that all three"),
    # Serbia 2019: 72 displaced persons from Kosovo, and 198,545 displaced persons in all
    ("serbia-2019-excerpt.txt", "198,545 displaced", "72 displaced persons from Kosovo"),
])
def test_linked_but_not_contradictory(name, quote_a, quote_b):
    path = DATA / name
    text, links = _links(path)
    assert _linked(text, links, quote_a, quote_b), "the test needs the two mentions linked"
    run, _ = _run(path)
    assert not [r for r in failing(run) if covers(r, quote_a, quote_b, text=text)]


def test_the_sample_ied_attacks_in_two_places_are_two_events():
    # Mali 2020: an IED near Kidal on October 15, another at Tessalit in September
    run, text = _run(DATA / "mali-2020-excerpt.txt")
    assert not [r for r in failing(run) if r.code == "RC102" and "IED" in r.message]


# --- entities --------------------------------------------------------------------------------------


def test_an_acronym_and_a_surname_name_the_long_form():
    text = ("Human Rights Watch (HRW) documented 26 cases. According to HRW, they were held at the SED. "
            "President Paul Biya pardoned 333 detainees. Biya also ordered the release of others.")
    keys = {e.text: e.key for e in find_names(text)}
    assert keys["HRW"] == keys["Human Rights Watch"] == "name:human rights watch"
    assert keys["Biya"] == keys["President Paul Biya"]


def test_names_are_split_at_and_unless_it_joins_one_title():
    names = [e.text for e in find_names("Attacks by Boko Haram and ISIS-WA continued, the Commissariat for "
                                        "Refugees and Migration said.")]
    assert "Boko Haram" in names and "ISIS-WA" in names
    assert "Commissariat for Refugees and Migration" in names


def test_a_capitalised_ordinary_word_is_no_name():
    text = "Defendants have the right to counsel. The defendants met the judge. Kamto’s lawyers appealed."
    names = {e.key for e in find_names(text)}
    assert "name:defendants" not in names and "name:kamto" in names


def test_phrases_are_pairs_of_content_words():
    keys = {e.key for e in find_phrases("the prison riots erupted after the elections, in the prison")}
    assert "phrase:prison riot" in keys and not any("after" in k or " the" in k for k in keys)
