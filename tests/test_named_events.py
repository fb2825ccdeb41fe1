"""RC111 named-event-dates, on real sentences (each copied from the report and year named beside
it): one telling of a once-kind event by a neighbouring year among several of another year is
flagged; tellings of one event with one date pass; two events of a kind, a year a conflict went on
in, a date of what was done to an event and an unqualified law are not compared or not keyed."""
from __future__ import annotations

from helpers import run_sections
from reportcheck.checks import get_check


def _run(tmp_path, paragraphs: list[str], rules: str | None = None, name: str = "report"):
    return run_sections(tmp_path, paragraphs, "RC111", rules, name=name)


BURMA_2022 = [
    "Burma’s military overthrew the democratically elected civilian government via a coup d’état on February 1, "
    "2021, declaring a state of emergency and transferring all executive, legislative, and judicial authorities to "
    "the State Administration Council.",
    "According to AAPP, occupancy at Insein Prison, the country’s largest, more than doubled after the February 2021 "
    "coup, requiring the construction of additional buildings on the property.",
    "Following the 2021 coup, the right to freedom of assembly was violently curtailed after widespread "
    "anti-military protests.",
    "The regime tightened restrictions on freedom of movement after the 2021 coup.",
    "The informal sector likely increased with COVID-19 and after the 2020 coup.",
]


def test_one_telling_of_a_neighbouring_year_is_a_slip(tmp_path):
    results = _run(tmp_path, BURMA_2022)
    (fail,) = [r for r in results if r.failed]
    assert (fail.severity, fail.arithmetic) == ("warning", "2020 vs 2021")
    assert fail.evidence[0].quote == "the 2020 coup"
    assert [e.quote for e in fail.evidence[1:]] == ["coup d’état on February 1, 2021", "the February 2021 coup",
                                                    "the 2021 coup", "the 2021 coup"]
    assert "2020 once" in fail.message and "by 2021 in 4 places" in fail.message
    # --format json says why the tellings were judged one event
    link = fail.details["link"]
    assert (link["kind"], link["once"]) == ("coup", True)
    assert [(t["form"], t["date"]) for t in link["tellings"][:3]] == [
        ("named", "2020"), ("after", "February 1, 2021"), ("named", "February 2021")]
    # the tellings that agree still make one event, which passes
    (ok,) = [r for r in results if r.outcome == "pass"]
    assert "February 2021" in ok.message and len(ok.evidence) == 4


def test_too_few_tellings_of_the_other_year_are_not_a_slip(tmp_path):
    # two against one could be two coups: min_majority is 3
    results = _run(tmp_path, BURMA_2022[2:])
    assert not [r for r in results if r.failed]
    assert not [r for r in _run(tmp_path, BURMA_2022, "checks:\n  RC111:\n    min_majority: 5\n") if r.failed]


def test_two_events_of_a_kind_far_apart_pass_apart(tmp_path):
    # Turkey 2021: the 1980 coup and the 2016 coup attempt
    results = _run(tmp_path, [
        "Bulu, an academic and former AKP parliamentary candidate, was the first rector appointed from outside the "
        "university community since the 1980 military coup, and his appointment quickly drew opposition.",
        "In February human rights groups reported that Huseyin Galip Kucukozyigit, a former legal advisor to the "
        "Prime Minister’s Office who was dismissed after the 2016 coup attempt, may have been subjected to enforced "
        "disappearance.",
        "Human rights groups noted that following the 2016 coup attempt, authorities continued to detain, arrest, "
        "and try hundreds of thousands of individuals with alleged ties to the Gulen movement or the PKK.",
        "Since the 2016 coup attempt, authorities have dismissed or suspended tens of thousands of civil servants.",
    ])
    assert [r.outcome for r in results] == ["pass"]
    assert "2016" in results[0].message and "1980" not in results[0].message


def test_a_conflict_is_dated_by_its_start_not_by_a_year_it_went_on_in(tmp_path):
    # South Sudan 2019
    results = _run(tmp_path, [
        "Since the beginning of the crisis in 2013, there were regular reports that security forces conducted "
        "arbitrary arrests.",
        "Child Soldiers: Following the outbreak of conflict in 2013, forced conscription by government forces "
        "increased.",
        "UNICEF estimated, as of February, 19,000 children had been recruited in the country since the conflict "
        "began in 2013.",
    ])
    (r,) = results
    assert r.outcome == "pass" and "2013" in r.message
    assert [e.quote for e in r.evidence] == ["beginning of the crisis in 2013", "outbreak of conflict in 2013",
                                             "conflict began in 2013"]
    # years a conflict went on in (Guinea-Bissau 2016, 2017): not its date, and no event
    assert _run(tmp_path, [
        "The government ratified the Optional Protocol to the Rights of the Child on the involvement of children in "
        "armed conflict in 2014 but undertook no investigative or enforcement actions.",
        "The government ratified the Optional Protocol to the Rights of the Child on the involvement of children in "
        "armed conflict in 2014 but undertook no investigative or enforcement actions.",
    ]) == []


def test_a_law_is_keyed_by_its_subject_and_a_bare_law_is_not_keyed(tmp_path):
    # South Sudan 2019: the labor law, told two ways; "A 2016 law" is one of many
    results = _run(tmp_path, [
        "The country passed a national labor law in 2017.",
        "The 2017 labor act specifies the ministry may establish a minimum wage.",
        "A 2016 law strictly regulating the activity and operations of civil society was widely enforced "
        "throughout the year.",
        # Papua New Guinea 2018 and Angola 2023: two laws of 2015, neither keyed
        "Although the country passed a law in 2015 to strengthen child protection efforts in compliance with the "
        "Convention on the Rights of the Child, implementing regulations were incomplete.",
        "Changes to the law in 2015 authorized the creation of reception centers for refugees and asylum seekers.",
    ])
    (r,) = results
    assert r.outcome == "pass" and "labor law" in r.message


def test_two_months_of_one_cycle_join_and_two_elections_of_a_year_stay_apart(tmp_path):
    # Colombia 2021: the 2018 elections, told by the year and by two months (the runoff of June is
    # another event, told once)
    colombia = [
        "Presidential and legislative elections were held in 2018.",
        "Recent Elections: Legislative and presidential elections were held in March and May 2018, respectively.",
        "There were no reports of election-related violence during the June 2018 presidential runoff, in which the "
        "candidate of the Democratic Center party, Ivan Duque Marquez, defeated the candidate of Humane Colombia.",
    ]
    (r,) = _run(tmp_path, colombia)
    assert r.outcome == "pass" and [e.quote for e in r.evidence] == [
        "elections were held in 2018", "elections were held in March and May 2018"]
    # Iraq 2019: the national elections of May and the Kurdistan elections of September
    results = _run(tmp_path, [
        "Due to problems obtaining or replacing civil documentation, many IDPs were disenfranchised during the May "
        "2018 elections.",
        "The Kurdistan Independent High Electoral Commission held elections in September 2018 for the Iraqi "
        "Kurdistan Parliament (IKP).",
    ])
    assert results == []


def test_an_agreement_signed_in_a_sentence_opened_by_its_date(tmp_path):
    # Central African Republic 2020
    (r,) = _run(tmp_path, [
        "In February 2019 the government and 14 armed groups signed the Political Agreement for Peace and "
        "Reconciliation.",
        "In February parliament passed a bill establishing the Truth, Justice, Reparation, and Reconciliation "
        "Commission (TJRRC) to support the 2019 Accord for Peace and Reconciliation.",
    ])
    assert r.outcome == "pass"
    assert r.evidence[0].quote.startswith("In February 2019") and r.evidence[1].quote == "the 2019 Accord"


def test_the_date_of_what_was_done_to_an_event_is_not_its_own(tmp_path):
    # Mauritius 2016 and 2017 tell the amendment twice: it is not "the 2014 constitution" (the
    # 2014 elections are one event, told twice)
    (r,) = _run(tmp_path, [
        "In response to that ruling, the government amended the constitution in July 2014 to exempt candidates in "
        "the 2014 legislative elections from having to declare themselves as belonging to one of four recognized "
        "“communities”.",
        "In response to that ruling, the government amended the constitution in 2014 to exempt candidates in the "
        "2014 legislative elections from having to declare themselves as belonging to one of four recognized "
        "“communities”.",
    ])
    assert "elections" in r.message and "constitution" not in r.message


def test_the_check_is_documented():
    doc = get_check("RC111").doc
    for part in ("**What it checks.**", "**Why it matters.**", "**Example**", "**Severity.**", "**How to resolve.**"):
        assert part in doc


COLOMBIA_2021 = [
    "According to government and NGO reports, police officers killed multiple civilians during nationwide protests "
    "that began on April 28.",
    "During mostly peaceful nationwide protests that began on April 28, protesters and NGOs alleged that members of "
    "the police force used excessive force to curb demonstrations, including killing protesters.",
    "The protests began on April 28, initially in response to a since-canceled tax reform, but also as a "
    "continuation of a protest movement that began in November 2019.",
]


def test_days_without_a_year_are_of_the_reports_year_and_a_start_told_on_two_days_is_a_slip(tmp_path):
    (r,) = _run(tmp_path, COLOMBIA_2021, name="colombia-2021")
    assert r.outcome == "pass" and "April 28, 2021" in r.message and len(r.evidence) == 3
    # one day moved three days, as benchmarks/planted.py plants it
    planted = [COLOMBIA_2021[0].replace("April 28", "April 25")] + COLOMBIA_2021[1:]
    results = _run(tmp_path, planted, name="colombia-2021")
    (fail,) = [r for r in results if r.failed]
    assert (fail.severity, fail.arithmetic) == ("warning", "April 25, 2021 vs April 28, 2021")
    assert fail.evidence[0].quote == "protests that began on April 25"


def test_a_runoff_is_not_the_first_round(tmp_path):
    # Bahrain 2022: the elections of November 12 told twice; the runoff of November 19 is another event
    (r,) = _run(tmp_path, [
        "The country held parliamentary and municipal elections on November 12 and runoff elections on November 19.",
        "Recent Elections: The government did not permit international election monitors for the November 12 "
        "parliamentary elections or for the runoffs the following week.",
    ], name="bahrain-2022")
    assert r.outcome == "pass" and "November 12, 2022" in r.message


def test_independence_and_a_massacre_named_by_their_year(tmp_path):
    # Malaysia 2021 and China 2019
    results = _run(tmp_path, [
        "In 2018 parliamentary elections, the Pakatan Harapan coalition defeated the ruling Barisan Nasional "
        "coalition, resulting in the first transfer of power between coalitions since independence in 1957.",
        "In the election the Pakatan Harapan coalition unseated the ruling Barisan Nasional coalition, marking the "
        "first federal transition of power between coalitions since independence in 1957.",
        "Government censors continued to block content from any source that discussed topics deemed sensitive, such "
        "as Taiwan, the Dalai Lama, Tibet, Xinjiang, and the 1989 Tiananmen Square massacre.",
        "In April the 1990s Cantonese pop song “Ren Jian Dao” was banned nationwide, including on Apple Music, "
        "because the lyrics were believed to be making a reference to the 1989 massacre.",
    ])
    assert [(r.outcome, r.arithmetic) for r in results] == [("pass", "1957"), ("pass", "1989")]
    assert "independence" in results[0].message and "massacre" in results[1].message


COLOMBIA_2021_COVID = [
    "The protests began on April 28, initially in response to a since-canceled tax reform, but also as a "
    "continuation of a protest movement that began in November 2019, which then stalled with the onset of the "
    "COVID-19 pandemic and a six-month national quarantine.",
    "In June, DANE reported the national unemployment rate was 14.4 percent, down from 21.4 percent at the height "
    "of the economic impact from COVID-19 in May 2019.",
]


def test_a_telling_dated_before_the_declared_start_is_a_slip(tmp_path):
    # Colombia 2021 (the gold item covid-height-may-2019): the first cases were in December 2019
    (r,) = [r for r in _run(tmp_path, COLOMBIA_2021_COVID, name="colombia-2021") if r.failed]
    assert (r.severity, r.arithmetic) == ("warning", "May 2019 < December 2019")
    assert [(e.role, e.quote) for e in r.evidence] == [("mention", "COVID-19 in May 2019"),
                                                        ("start", "onset of the COVID-19")]
    # the start is declared in the rule file, not in code
    assert not [r for r in _run(tmp_path, COLOMBIA_2021_COVID, "linking:\n  named_events:\n    kinds:\n"
                                "      COVID-19: {words: [COVID-19], not_before: \"2019-01\"}\n",
                                name="colombia-2021") if r.failed]


def test_a_year_that_may_hold_the_start_is_not_before_it(tmp_path):
    # Botswana 2020: "the 2019 COVID-19 lockdown" may be of December 2019, so it is not flagged
    assert _run(tmp_path, [
        "In April police reportedly used excessive force in at least one instance while enforcing the 2019 COVID-19 "
        "lockdown regulations in Lobatse, where two persons were beaten and injured.",
    ], name="botswana-2020") == []
