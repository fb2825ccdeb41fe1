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


# --- dates that differ between two tellings: which are findings (issue 9 precision reading) --------

def _two_sections(tmp_path: Path, name: str, summary: str, section3: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(f"Executive Summary\n\n{summary}\n\nSection 3. Freedom to Participate in the Political Process"
                    f"\n\n{section3}\n", encoding="utf-8")
    return pipeline.run([str(path)])


def test_one_verdict_dated_a_day_apart_is_a_warning(tmp_path):
    # Kazakhstan 2016, sections 1.e and 2.a: one conviction, January 23 and January 22
    run = _two_sections(
        tmp_path, "kazakhstan-2016",
        "On January 23, a court in Almaty convicted Serikzhan Mambetalin and Yermek Narymbayev, finding that their "
        "October 2015 social media postings incited social discord and insulted the honor and dignity of the country. "
        "The court sentenced Narymbayev to three years in jail and Mambetalin to two years in jail.",
        "Civic activists and bloggers Serikzhan Mambetalin and Yermek Narymbayev were sentenced to two and three years "
        "in jail respectively on January 22 on charges of \u201cinciting interethnic hatred discord\u201d by posting "
        "excerpts of an online book.")
    (r,) = failing(run, "RC102")
    assert r.severity == "warning" and "January 23" in r.message and "January 22" in r.message


def test_an_arrest_and_a_release_days_apart_are_no_warning(tmp_path):
    # Mali 2021, executive summary and section 3: arrested May 24, released from detention May 27
    run = _two_sections(
        tmp_path, "mali-2021",
        "Following the May 24 consolidation of military power, authorities arrested then transition president Bah "
        "N\u2019Daw and then prime minister Moctar Ouane and detained them on a military base. Although N\u2019Daw "
        "and Ouane were released from detention on May 27, they were subsequently placed under house arrest.",
        "On May 24, N\u2019Daw and Ouane were arrested by the military, placed in detention for three days, and then "
        "placed under house arrest.")
    assert [r.severity for r in failing(run, "RC102")] in ([], ["info"])  # shown at most, never failing a run


def test_a_first_round_and_a_runoff_a_month_apart_are_no_warning(tmp_path):
    # Guinea-Bissau 2022, executive summary and section 3: November 2019 and the December runoff
    run = _two_sections(
        tmp_path, "guinea-bissau-2022",
        "Guinea-Bissau is a multiparty republic. Presidential elections held in November 2019 resulted in two "
        "finalists: Umaro Sissoco Embalo and Domingos Simoes Pereira.",
        "Recent Elections: The last national presidential election took place in November 2019. The top two "
        "finishers from the first round, Domingos Simoes Pereira and Umaro Sissoco Embalo, met in a runoff election "
        "in December 2019. The National Election Commission declared Sissoco the winner.")
    assert [r.severity for r in failing(run, "RC102")] in ([], ["info"])


SYRIA_2023 = ("Section 1. Respect for the Integrity of the Person\n\nThe SNHR documented the SDF killed 74 civilians, "
              "including nine children and 11 women, during the year.\n\nSection 6. Discrimination\n\nThe SNHR "
              "reported 114 civilians, including 26 children and 11 women, were killed by remnants of war and "
              "unexploded ordnance during the year.\n")
BENIN_2022 = ("Executive Summary\n\nIn December 2021, following one-day trials based on virtually no evidence, the "
              "Court for the Repression of Economic and Terrorism Infractions (CRIET) convicted opposition "
              "presidential candidates Joel Aivo of money laundering and crimes against the security of the state "
              "and Reckya Madougou of terrorist financing.\n\nIn 2022, the Court for the Repression of Economic "
              "and Terrorism Infractions provisionally released a total of 47 political prisoners from jail.\n\n"
              "Section 1. Respect for the Integrity of the Person\n\n"
              "In July 2022, during the French president\u2019s visit to Benin, CRIET "
              "provisionally released 30 political opponents; however, high-profile political opponents Reckya "
              "Madougou and Joel Aivo both remained imprisoned at year\u2019s end.\n")


def _run_text(tmp_path: Path, name: str, text: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return pipeline.run([str(path)])


def test_killings_by_two_perpetrators_are_two_counts(tmp_path):
    # Syria 2023: the SDF's killings and those by remnants of war share only "11 women"
    assert failing(_run_text(tmp_path, "syria-2023", SYRIA_2023), "RC101") == []


def test_a_total_of_the_year_holds_one_release(tmp_path):
    # Benin 2022: 47 released in the year (17 in June, 30 in July)
    assert failing(_run_text(tmp_path, "benin-2022", BENIN_2022), "RC101") == []


def test_a_total_smaller_than_one_event_of_it_is_still_found(tmp_path):
    (r,) = failing(_run_text(tmp_path, "benin-2022", BENIN_2022.replace("released 30", "released 60")), "RC101")
    assert "47" in r.message and "60" in r.message


# --- what a reader links, shown as a passing result --------------------------------------------------

def test_a_precise_figure_restated_in_other_words_is_shown_to_agree(tmp_path):
    # Colombia 2021, sections 1.g and 6: 7,023 children, told by two agencies
    run = _run_text(tmp_path, "colombia-2021", (
        "Section 1. Respect for the Integrity of the Person\n\nAccording to the Child and Family Welfare Department, "
        "7,023 children separated from armed groups between November 16, 1999, and June 30.\n\nSection 6. "
        "Discrimination and Societal Abuses\n\nThe ICBF indicated that between November 16, 1999, and June 30, 2021, "
        "a total of 7,023 children and adolescents had demobilized from armed groups, of whom 12 percent were "
        "indigenous and 8 percent Afro-Colombian.\n"))
    text = (tmp_path / "colombia-2021.txt").read_text(encoding="utf-8")
    assert failing(run) == []
    assert any(r.code == "RC104" and covers(r, "7,023 children separated", "a total of 7,023 children", text=text)
               for r in run.results)


def test_one_day_named_twice_for_one_report_agrees(tmp_path):
    # Afghanistan 2020, sections 2.a and 4: the June 22 report on stolen ventilators
    run = _run_text(tmp_path, "afghanistan-2020", (
        "Section 2. Respect for Civil Liberties\n\nRSF also reported that authorities had harassed Pajhwok Afghan "
        "News agency, including through NDS interrogations of its director, following its June 22 reporting that "
        "ventilators intended to respond to the COVID-19 outbreak had been stolen and illegally sold to a "
        "neighboring country.\n\nSection 4. Corruption and Lack of Transparency in Government\n\nOn June 22, a media "
        "report alleged that 32 ventilators were embezzled from the Ministry of Public Health and subsequently "
        "smuggled to Pakistan for a profit.\n"))
    text = (tmp_path / "afghanistan-2020.txt").read_text(encoding="utf-8")
    assert failing(run) == []
    assert any(r.code == "RC102" and not r.failed
               and covers(r, "its June 22 reporting", "On June 22, a media", text=text) for r in run.results)


# --- a day retold in nearly the same words (RC102, link.content.restated_dates) -----------------------

AFGHAN_COMPROMISE = (
    "Executive Summary\n\nPolitical leaders mediated the resulting impasse, ultimately resulting in a compromise, "
    "announced on May 17, in which President Ghani retained the presidency, Abdullah was appointed to lead the High "
    "Council for National Reconciliation, and each of them would select one-half of the cabinet members.\n\n"
    "Section 3. Freedom to Participate in the Political Process\n\nAfghan political actors mediated the resulting "
    "political impasse, ultimately resulting in a compromise, announced on May 17, in which President Ghani retained "
    "the presidency, Abdullah was appointed to lead the High Council for National Reconciliation, and each would "
    "select one-half of the cabinet members.\n")


def test_a_day_retold_in_the_same_words_agrees(tmp_path):
    # Afghanistan 2020, executive summary and section 3
    run = _run_text(tmp_path, "afghanistan-2020", AFGHAN_COMPROMISE)
    assert failing(run) == []
    assert [r for r in run.results if r.code == "RC102" and not r.failed]


def test_a_day_retold_in_the_same_words_but_changed_is_found(tmp_path):
    second = AFGHAN_COMPROMISE.index("Afghan political actors")
    text = AFGHAN_COMPROMISE[:second] + AFGHAN_COMPROMISE[second:].replace("on May 17", "on May 20")
    assert text != AFGHAN_COMPROMISE
    (r,) = failing(_run_text(tmp_path, "afghanistan-2020", text), "RC102")
    assert r.severity == "warning" and "May 17" in r.message and "May 20" in r.message


def test_a_council_dissolved_on_two_days_is_found(tmp_path):
    # Tunisia 2022, sections 1.e and 2.a: the one day of the corpora of 2016-2024 told two ways so
    run = _run_text(tmp_path, "tunisia-2022", (
        "Section 1. Respect for the Integrity of the Person\n\nOn February 10, President Saied dissolved the Supreme "
        "Judicial Council, which had been in charge of nationwide judicial appointments and discipline.\n\n"
        "Section 2. Respect for Civil Liberties\n\nOn February 12, Saied dissolved the Supreme Judicial Council, which "
        "had been in charge of nationwide judicial appointments and discipline.\n"))
    assert [r.severity for r in failing(run, "RC102")] == ["warning"]


def test_a_figure_told_in_many_places_is_one_passing_result(tmp_path):
    # Afghanistan 2020 tells of "the country's 34 provinces" in several sections: one result for
    # all of them, not one for each pair (the review of a corpus held 6,000 such pairs)
    text = ("Section 1. Respect for the Integrity of the Person\n\nThe Independent Election Commission reported "
            "that attacks occurred in 28 of the country\u2019s 34 provinces.\n\nSection 3. Freedom to Participate in "
            "the Political Process\n\nThe Independent Election Commission said each of the country\u2019s 34 "
            "provinces should have one female deputy governor.\n\nSection 6. Discrimination\n\nThe Independent "
            "Election Commission found that women voted in all of the country\u2019s 34 provinces.\n")
    run = _run_text(tmp_path, "afghanistan-2020", text)
    restated = [r for r in run.results if r.code == "RC104" and "34" in r.message]
    assert len(restated) == 1 and len(restated[0].evidence) == 3 and not restated[0].failed


def test_two_attacks_told_alike_on_other_days_are_two_counts(tmp_path):
    # Mali 2017, section 1.g: two convoys attacked by unidentified assailants, April 29 and August 22
    text = ("Section 1. Respect for the Integrity of the Person\n\nOn April 29, unidentified assailants attacked a "
            "Danish Refugee Council convoy between Dorey and N\u2019Tillit, injuring three humanitarian workers.\n"
            "On August 22, unidentified assailants attacked a convoy of the Office for the UN High Commissioner for "
            "Refugees (UNHCR), injuring two UN humanitarian staff, in the central region.\n")
    assert failing(_run_text(tmp_path, "mali-2017", text), "RC101") == []
    # the same telling dated alike is one attack counted two ways
    same_day = text.replace("On August 22", "On April 29")
    assert [r.code for r in failing(_run_text(tmp_path, "mali-2017", same_day)) if r.code == "RC101"]


# --- two independent agreements before a content link fails a run (issue 9 precision) --------------

def test_one_killing_of_one_person_dated_two_ways_is_a_warning(tmp_path):
    # Pakistan 2016, sections 1.a and 1.g: a person is killed once; April 25 and April 22
    run = _two_sections(
        tmp_path, "pakistan-2016",
        "On April 25, PTI provincial assembly member Sardar Soran Singh (from the minority Sikh community) was killed "
        "by gunmen in KP\u2019s Buner District.",
        "The April 22 killing of provincial assembly member and advisor to the KP chief minister on minority affairs "
        "Sardar Soran Singh (a member of the Sikh minority) was initially claimed by the Pakistani Taliban.")
    (r,) = failing(run, "RC102")
    assert r.severity == "warning" and "corroborated by" in r.message
    assert r.details["link"]["tier"] == "strong"
    assert r.details["link"]["corroborated_by"] == ["the person 'sardar soran singh'",
                                                   "one killing of 'sardar soran singh'"]


def test_one_arrest_campaign_with_its_figure_and_town_dated_two_ways_is_a_warning(tmp_path):
    # Syria 2022, sections 1.d and 2.a: "16 activists" arrested in Raqqa, July 31 and July 30
    run = _two_sections(
        tmp_path, "syria-2022",
        "Local media reported the SDF arrested 16 activists and journalists in a security campaign in Raqqa on "
        "July 31.",
        "On July 30, the SDF arrested 16 activists and journalists and accused them of espionage during a security "
        "campaign in Raqqa, actions condemned by the SNHR and other human rights organizations.")
    (r,) = failing(run, "RC102")
    assert r.severity == "warning"
    assert "the figure '16 activist'" in r.details["link"]["corroborated_by"]


@pytest.mark.parametrize("name, summary, section3", [
    # Tanzania 2021: Mbowe arrested on July 21, charged in court on July 26 (the 54 members arrested
    # that day are another arrest): one person and a party are one agreement
    ("tanzania-2021",
     "On July 21, police arrested Freeman Mbowe, chairman of the opposition Chadema party (Party for Democracy "
     "and Progress) in Mwanza alongside 14 other party members ahead of a scheduled forum on constitutional reform.",
     "On July 26, police arrested 54 Chadema opposition members in different parts of the country for "
     "demonstrating against Mbowe\u2019s arrest."),
    # Togo 2020: Langueh detained on April 23, Kodjo on April 21; Kodjo only named as Langueh's client
    ("togo-2020",
     "On April 23, in Lome security forces detained without charge businessman Koko Langueh, who provided "
     "digital communication services to opposition presidential candidate Agbeyome Kodjo.",
     "On April 21, security forces detained runner-up opposition presidential candidate Agbeyome Kodjo together "
     "with 51 of his supporters."),
    # Benin 2023: one court convicting two journalists a day apart (Lissanon June 14, Ahouanse June 15)
    ("benin-2023",
     "On June 14, the Court for the Repression of Economic and Terrorism Infractions (CRIET) convicted journalist "
     "Hugues Sossoukpe Lissanon and gave him a one-year suspended prison term.",
     "Journalist Virgile Ahouanse was convicted by the Court for the Repression of Economic and Terrorism "
     "Infractions and on June 15, fined and given a one-year suspended prison sentence."),
])
def test_a_link_on_one_participant_and_common_words_never_fails_a_run(tmp_path, name, summary, section3):
    run = _two_sections(tmp_path, name, summary, section3)
    assert [r.severity for r in failing(run, "RC102")] in ([], ["info"])
    assert [r.severity for r in failing(run, "RC101")] in ([], ["info"])
