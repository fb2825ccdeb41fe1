"""Date expressions (reportcheck.extract.dates), on sentences copied from real reports.

Each case: (sentence, report year, expected mentions in order). A mention is
(text, low, high, precision, kind) or, for relative ones, (text, None, None, precision,
"relative", offset_days). The list is exhaustive: every mention found in the sentence is listed.
"""
from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from reportcheck.extract import dates as D
from reportcheck.extract.dates import find_dates, resolve_relative
from reportcheck.model import DateMention

# mali-2020-excerpt.txt (report year 2020)
MALI_2020 = [
    ("On May 11, in the city of Kayes in the central part of the country, an off-duty police officer allegedly "
     "shot and killed a teenager for a traffic infraction, prompting protests during the ensuing days that left at "
     "least two more persons dead.",
     [("May 11", "2020-05-11", "2020-05-11", "day", "absolute")]),
    ("Between July 10 and 13, a total of 14 persons, including two children, were killed in the course of "
     "interventions by security forces during antigovernment demonstrations in the capital, Bamako.",
     [("Between July 10 and 13", "2020-07-10", "2020-07-13", "days", "absolute")]),
    ("Leaders of the opposition movement the June 5 Movement-Rally of Patriotic Forces (M5-RFP), arrested in the "
     "wake of the violent July 10-12 protests, claimed they were tortured or mistreated by the gendarmerie at the "
     "Gendarmerie Camp I detention facility in Bamako.",
     [("July 10-12", "2020-07-10", "2020-07-12", "days", "absolute")]),
    ("Separately, MINUSMA’s HRPD, tasked with monitoring human rights abuses throughout the country, reported more "
     "than 700 civilians killed from January to June.",
     [("from January to June", "2020-01-01", "2020-06-30", "months", "absolute")]),
    ("Among these the Malian defense and security forces (MDSF) allegedly committed at least 195 extrajudicial "
     "killings during the first six months of the year.",
     [("the first six months of the year", "2020-01-01", "2020-06-30", "months", "absolute")]),
    ("In December 2019 at least 26 individuals were arrested by a FAMa patrol at the Maliemana market in Segou and "
     "never seen again.",
     [("December 2019", "2019-12-01", "2019-12-31", "month", "absolute")]),
    ("According to the National Directorate for Penitentiary Administration, as of August authorities detained 372 "
     "persons charged with terrorism in connection with the conflict in the northern and central parts of the "
     "country.",
     [("as of August", "2020-08-01", "2020-08-31", "month", "as_of")]),
    ("Bodies were reportedly discovered in a well in the nearby village of N’Doukala seven days later.",
     [("seven days later", None, None, "day", "relative", 7)]),
    ("The government issued a communique 10 days after the arrests announcing an investigation and, as of December, "
     "a military prosecution order to investigate formally the allegations was pending the assignment of an "
     "investigative judge.",
     [("10 days after", None, None, "day", "relative", 10),
      ("as of December", "2020-12-01", "2020-12-31", "month", "as_of")]),
    ("Other organizations reported on the recruitment and use of child soldiers, including the National "
     "Directorate for the Protection of Children and Families, which reported that as of October 6, it had "
     "identified 70 such cases during the year, among 290 cases since 2013.",
     [("as of October 6", "2020-10-06", "2020-10-06", "day", "as_of"),
      ("during the year", "2020-01-01", "2020-12-31", "year", "absolute"),
      ("since 2013", "2013-01-01", "2020-12-31", "years", "since")]),
    ("It stated that from January 1 to March 31, 82 percent of conflict-related civilian deaths occurred in Mopti "
     "and Segou Regions.",
     [("from January 1 to March 31", "2020-01-01", "2020-03-31", "days", "absolute")]),
    ("HRPD’s quarterly report, covering the period April to June, alleged that between June 3 and June 6, the FAMa "
     "killed or summarily executed at least 61 individuals during the course of three separate raids in the "
     "villages of Yangassadiou, Binedama, and Massabougou in the central area of the country.",
     [("the period April to June", "2020-04-01", "2020-06-30", "months", "absolute"),
      ("between June 3 and June 6", "2020-06-03", "2020-06-06", "days", "absolute")]),
    ("Regarding the attack in Massabougou, the report stated, “On June 6, around 11 a.m., FAMa elements in several "
     "military vehicles raided the village of Massabougou (Dogofry Commune, Niono Circle) during which they "
     "searched houses and arrested nine villagers whom they summarily executed near the village cemetery.",
     [("June 6", "2020-06-06", "2020-06-06", "day", "absolute")]),
    ("In June the United Nations also published its annual Report on Children and Armed Conflict covering January "
     "2019-December 2019, a period during which it verified the recruitment and use of 215 children (189 boys, "
     "26 girls) between ages nine and 17 in most cases by armed groups, but also by the MDSF, for the first time "
     "since 2014.",
     [("June", "2020-06-01", "2020-06-30", "month", "absolute"),
      ("January 2019-December 2019", "2019-01-01", "2019-12-31", "months", "absolute"),
      ("since 2014", "2014-01-01", "2020-12-31", "years", "since")]),
    ("In June and July, there were several reports of peace agreements between Fulani and Dogon communities in "
     "several parts of Koro Circle, Mopti Region, which allowed the latter to cultivate their farms and the former "
     "to go to local markets.",
     [("June and July", "2020-06-01", "2020-07-31", "months", "absolute")]),
    ("As of November 30, MINUSMA suffered at least 231 fatalities since the beginning of MINUSMA’s mission in 2013.",
     [("As of November 30", "2020-11-30", "2020-11-30", "day", "as_of"),
      ("2013", "2013-01-01", "2013-12-31", "year", "absolute")]),
    ("There was limited progress in the prosecution of suspects–including the 2012 coup leader Amadou Sanogo–in the "
     "disappearance, torture, and killing of 21 Red Berets (members of FAMa’s 33rd Parachute Regiment) and former "
     "junta member Colonel Youssouf Traore.",
     [("2012", "2012-01-01", "2012-12-31", "year", "absolute")]),
    ("Human Rights Watch and Amnesty International also documented the use of excessive force by security forces "
     "and the role of FORSAT during the same protests. On July 15, the then prime minister’s office announced an "
     "investigation into the alleged role of FORSAT in the deaths, and on December 3, the transition government’s "
     "National Council recommended renewed investigations into the July 10-13 events.",
     [("July 15", "2020-07-15", "2020-07-15", "day", "absolute"),
      ("December 3", "2020-12-03", "2020-12-03", "day", "absolute"),
      ("July 10-13", "2020-07-10", "2020-07-13", "days", "absolute")]),
    ("The HRPD furthermore reported that intercommunal violence, often by ethnic militias, accounted for the deaths "
     "of at least 350 civilians during the same period.",
     [("during the same period", None, None, "months", "same_period")]),
    ("... summarily executed by the FAMa at approximately 3 a.m. on the same day.”",
     [("the same day", None, None, "day", "relative", 0)]),
    ("Several organizations continued at year’s end. At year’s end, however, there were no reports.",
     [("at year’s end", "2020-12-31", "2020-12-31", "day", "as_of"),
      ("At year’s end", "2020-12-31", "2020-12-31", "day", "as_of")]),
    ("As of September the United Nations had verified ... covering the first five months of the year, the United "
     "Nations verified 95 grave violations.",
     [("As of September", "2020-09-01", "2020-09-30", "month", "as_of"),
      ("the first five months of the year", "2020-01-01", "2020-05-31", "months", "absolute")]),
]

# mali-2019.txt (report year 2019)
MALI_2019 = [
    ("Mali, a constitutional democracy, reelected President Ibrahim Boubacar Keita to a second five-year term in "
     "August 2018.",
     [("August 2018", "2018-08-01", "2018-08-31", "month", "absolute")]),
    ("Violence between nomadic Fulani herders and Dogon farmers and hunters increased in the first half of the "
     "year, and internal displacement throughout central Mali has more than quadrupled since January 2018.",
     [("the first half of the year", "2019-01-01", "2019-06-30", "months", "absolute"),
      ("since January 2018", "2018-01-01", "2019-12-31", "months", "since")]),
    ("Investigations regarding the reported killing of 12 civilians at the Boulikessi livestock market on May 19, "
     "2018, also remained ongoing.",
     [("May 19, 2018", "2018-05-19", "2018-05-19", "day", "absolute")]),
    ("Casualties were 38 soldiers dead, 17 wounded, and as many as 27 missing, according to the government’s "
     "mid-October reports.",
     [("mid-October", "2019-10-10", "2019-10-20", "days", "absolute")]),
    ("According to MINUSMA’s May 31 quarterly report to the UN Security Council, during the reporting period, at "
     "least 245 incidents occurred in which 333 civilians were killed.",
     [("May 31", "2019-05-31", "2019-05-31", "day", "absolute"),
      ("during the reporting period", "2019-01-01", "2019-12-31", "year", "absolute")]),
    ("Bamako Central Prison held 5,966 prisoners in a facility designed to hold 400, doubling last year’s inmate "
     "numbers, likely as a result of population growth.",
     [("last year", "2018-01-01", "2018-12-31", "year", "absolute")]),
    ("The chief griot of Dialoube, and the mayor of Wadouba in June, July, and August respectively.",
     [("June, July, and August", "2019-06-01", "2019-08-31", "months", "absolute")]),
    ("Two were released, while the mayor of Wadouba, abducted August 8, was found dead the following day.",
     [("August 8", "2019-08-08", "2019-08-08", "day", "absolute"),
      ("the following day", None, None, "day", "relative", 1)]),
    ("As of September 30, at least 204 MINUSMA personnel had been killed since 2013, when MINUSMA’s mission began.",
     [("As of September 30", "2019-09-30", "2019-09-30", "day", "as_of"),
      ("since 2013", "2013-01-01", "2019-12-31", "years", "since")]),
    ("A 2012/2013 gender assessment found a vast majority of women in the country.",
     [("2012/2013", "2012-01-01", "2013-12-31", "years", "absolute")]),
    ("Attacks caused, as of July, the closure of over 900 schools during the 2018-19 school year, up from 657 "
     "schools in the same period in 2017-18.",
     [("as of July", "2019-07-01", "2019-07-31", "month", "as_of"),
      ("2018-19", "2018-01-01", "2019-12-31", "years", "absolute"),
      ("in the same period", None, None, "months", "same_period"),
      ("2017-18", "2017-01-01", "2018-12-31", "years", "absolute")]),
    ("From April 2017 to August, the National Directorate for the Promotion of Children and Families identified "
     "cases.",
     [("From April 2017 to August", "2017-04-01", "2019-08-31", "months", "absolute")]),
    ("The court took cases until 2017. Conditions at the beginning of the year encouraged some refugees and IDPs to "
     "return to their homes.",
     [("until 2017", "2017-01-01", "2017-12-31", "year", "absolute"),
      ("at the beginning of the year", "2019-01-01", "2019-04-30", "months", "absolute")]),
    ("The agency was operational by year’s end, and intercommunal violence resulted in at least 458 civilian "
     "deaths since the beginning of the year.",
     [("by year’s end", "2019-12-31", "2019-12-31", "day", "as_of"),
      ("since the beginning of the year", "2019-01-01", "2019-12-31", "months", "since")]),
]

# other reports of the corpus: (report year, sentence, expected)
OTHERS = [
    (2023, "including all directives in the UN Convention, the final conclusions (Oct. 29, 2019) of the UN "
           "Committee on the Rights of Persons with Disabilities",
     [("Oct. 29, 2019", "2019-10-29", "2019-10-29", "day", "absolute")]),
    (2016, "Numerous media sources reported that Agence France-Presse inaugurated its Pyongyang bureau on Sept 6.",
     [("Sept 6", "2016-09-06", "2016-09-06", "day", "absolute")]),
    (2017, "As of mid-March the number of persons held in Salak (Maroua, Far North region) and DGRE Lac was unknown.",
     [("As of mid-March", "2017-03-10", "2017-03-20", "days", "as_of")]),
    (2016, "Three days after a sit-in outside of Sheikh Isa Qassim’s house in Diraz began in late June, residents "
           "complained that mobile phone networks were slow.",
     [("Three days after", None, None, "day", "relative", 3),
      ("late June", "2016-06-20", "2016-06-30", "days", "absolute")]),
    (2018, "the government does not grant work permits to refugees, a regulation updated in early 2019 to change "
           "this, and other, refugee policies.",
     [("early 2019", "2019-01-01", "2019-04-30", "months", "absolute")]),
    (2016, "an election expert team for the December 4 election, but their report was not available at the end of "
           "the year.",
     [("December 4", "2016-12-04", "2016-12-04", "day", "absolute"),
      ("at the end of the year", "2016-12-31", "2016-12-31", "day", "as_of")]),
    (2016, "addressing cases of enforced or involuntary disappearances from the 1990s that the working group "
           "submitted to it in 2014.",
     [("1990s", "1990-01-01", "1999-12-31", "years", "absolute"),
      ("2014", "2014-01-01", "2014-12-31", "year", "absolute")]),
    (2016, "thousands of civilians were allegedly killed and falsely presented as guerrilla combatants in the late "
           "1990s to mid-2000s.",
     [("the late 1990s to mid-2000s", "1996-01-01", "2006-12-31", "years", "absolute")]),
    (2016, "two organizations reported that between 2015 and August 2016, there were 159 cases of sexual abuse.",
     [("between 2015 and August 2016", "2015-01-01", "2016-08-31", "months", "absolute")]),
    (2019, "The change came with the increase of new arrivals in 2018 and 2019.",
     [("2018 and 2019", "2018-01-01", "2019-12-31", "years", "absolute")]),
    (2019, "Complaints were filed in 2015 and 2019.",
     [("2015", "2015-01-01", "2015-12-31", "year", "absolute"),
      ("2019", "2019-01-01", "2019-12-31", "year", "absolute")]),
    (2016, "a 10 percent increase in rape and other violence against women in the third quarter of the year.",
     [("the third quarter of the year", "2016-07-01", "2016-09-30", "months", "absolute")]),
    (2016, "UNHCR was also not allowed unrestricted access to a new influx of Rohingya migrants during the last "
           "three months of the year although the IOM was allowed to provide aid.",
     [("the last three months of the year", "2016-10-01", "2016-12-31", "months", "absolute")]),
    (2020, "Data for the second half of 2019 and the first quarter were not available.",
     [("the second half of 2019", "2019-07-01", "2019-12-31", "months", "absolute"),
      ("the first quarter", "2020-01-01", "2020-03-31", "months", "absolute")]),
    (2016, "held 145 children for security-related offenses ay year’s end, a threefold increase compared with the "
           "previous year.",
     [("the previous year", "2015-01-01", "2015-12-31", "year", "absolute")]),
    (2016, "The city’s mayor, however, banned a march scheduled by the opposition Union for Democracy and Social "
           "Progress two weeks later and deployed police to prevent the rally.",
     [("two weeks later", None, None, "day", "relative", 14)]),
    (2016, "The men were released the next day during a military operation.",
     [("the next day", None, None, "day", "relative", 1)]),
    (2019, "From March 2011 through December, PHR corroborated 588 attacks on at least 350 separate health "
           "facilities.",
     [("From March 2011 through December", "2011-03-01", "2019-12-31", "months", "absolute")]),
    (2016, "On August 17, 19, and 24, separate courts released Martirosyan, Sanasaryan and Khurshudyan on bail.",
     [("August 17", "2016-08-17", "2016-08-17", "day", "absolute"),
      ("19", "2016-08-19", "2016-08-19", "day", "absolute"),
      ("24", "2016-08-24", "2016-08-24", "day", "absolute")]),
    (2016, "the Prosecutor General’s Office set up a commission of inquiry to “shed light on the deaths of 11 and 12 "
           "December 2015 and on the allegations of mass graves.",
     [("11 and 12 December 2015", "2015-12-11", "2015-12-12", "days", "absolute")]),
    (2022, "Turkey transferred them to Syria to SNA commanders on July 25-28, 2022.",
     [("July 25-28, 2022", "2022-07-25", "2022-07-28", "days", "absolute")]),
    (2019, "Eight persons were detained from November to February 2019.",
     [("from November to February 2019", "2018-11-01", "2019-02-28", "months", "absolute")]),
    (2019, "The hearing was set for June 3 or 4, and a second one in the first half of 2017.",
     [("June 3 or 4", "2019-06-03", "2019-06-04", "days", "absolute"),
      ("the first half of 2017", "2017-01-01", "2017-06-30", "months", "absolute")]),
    (2019, "Early in the year, the devaluation of the local currency hurt wages; later that day police left.",
     [("in the year", "2019-01-01", "2019-12-31", "year", "absolute"),
      ("later that day", None, None, "day", "relative", 0)]),
    (2018, "In October the ministry closed 12 facilities in March 2019 and in March of 2017.",
     [("October", "2018-10-01", "2018-10-31", "month", "absolute"),
      ("March 2019", "2019-03-01", "2019-03-31", "month", "absolute"),
      ("March of 2017", "2017-03-01", "2017-03-31", "month", "absolute")]),
    (2020, "as of the end of August, close to 63,000 had returned; by the end of June the camp was closed; until "
           "the end of the year it stayed shut; 30 persons were released through the end of May.",
     [("as of the end of August", "2020-08-31", "2020-08-31", "day", "as_of"),
      ("by the end of June", "2020-06-30", "2020-06-30", "day", "as_of"),
      ("until the end of the year", "2020-12-31", "2020-12-31", "day", "absolute"),
      ("through the end of May", "2020-05-31", "2020-05-31", "day", "absolute")]),
    (2020, "By May the figure had doubled; Early in 2021 it fell; from 2018 to 2020 it rose.",
     [("By May", "2020-05-01", "2020-05-31", "month", "as_of"),
      ("2021", "2021-01-01", "2021-12-31", "year", "absolute"),
      ("from 2018 to 2020", "2018-01-01", "2020-12-31", "years", "absolute")]),
    (2019, "In the same time period, on 25 March, a court in Rabinal convicted him; on 1st of May he appealed.",
     [("In the same time period", None, None, "months", "same_period"),
      ("25 March", "2019-03-25", "2019-03-25", "day", "absolute"),
      ("1st of May", "2019-05-01", "2019-05-01", "day", "absolute")]),
    (2024, "South African Police Service Annual Report: 1 April 2023 to 31 March 2024 stated the figures.",
     [("1 April 2023 to 31 March 2024", "2023-04-01", "2024-03-31", "days", "absolute")]),
    (2016, "Rahman was kidnapped 15 days earlier; one day before the trial he spoke.",
     [("15 days earlier", None, None, "day", "relative", -15),
      ("one day before", None, None, "day", "relative", -1)]),
    (2020, "Six police officials were charged in July and August, and two more in October.",
     [("July and August", "2020-07-01", "2020-08-31", "months", "absolute"),
      ("October", "2020-10-01", "2020-10-31", "month", "absolute")]),
]

# What must not be a date (or must not be read as more than the listed mentions).
NEGATIVE = [
    (2020, "Some cases related to military abuses may be processed by the Ministry of Justice.", []),
    (2020, "Police dispersed a peaceful march; protesters marched to the ministry and March organizers left.", []),
    (2020, "Leaders of the opposition movement the June 5 Movement-Rally of Patriotic Forces (M5-RFP) met.", []),
    (2016, "Following the defeat of the March 23 Movement (M23) in 2013, the National Assembly enacted a law.",
     [("2013", "2013-01-01", "2013-12-31", "year", "absolute")]),
    (2016, "a misdemeanor court sentenced Amr Ali, coordinator of the April 6 Youth Movement, to three years.", []),
    (2023, "opposition candidates attempting to reach 13 May Square, where attempts were launched.", []),
    (2016, "amnesty for any “acts made necessary by the 17 February revolution” for its success.", []),
    (2019, "Lebanon’s March 8 coalition and the March 14 alliance met.", []),
    (2020, "On June 6, around 11 a.m., FAMa elements raided the village at 3 a.m.",
     [("June 6", "2020-06-06", "2020-06-06", "day", "absolute")]),
    (2020, "In 140 of these cases, the children had been recruited and exploited in previous years.", []),
    (2020, "The COVID-19 pandemic was also a contributing factor. See Section 1.", []),
    (2020, "It verified the use of 215 children (189 boys, 26 girls) between ages nine and 17 in most cases.", []),
    (2018, "The Ministry of Internal Affairs reported in November 22 people were charged with violent crimes.",
     [("November", "2018-11-01", "2018-11-30", "month", "absolute")]),
    (2022, "In September 24 garment workers were denied their wages.",
     [("September", "2022-09-01", "2022-09-30", "month", "absolute")]),
    (2019, "In June local human rights groups reported that in May 111 persons died in conflicts.",
     [("June", "2019-06-01", "2019-06-30", "month", "absolute"),
      ("May", "2019-05-01", "2019-05-31", "month", "absolute")]),
    (2016, "The law requires a divorced woman to wait 40 days before remarrying; a man may remarry immediately.", []),
    (2016, "Detainees may be held for 30 days after arrest, or within 10 days after charges.", []),
    (2016, "a party must have received 4 percent of the vote or at least 2,000 votes in 25 provinces.", []),
    (2016, "Under UN Security Council Resolution 2098 and Law No. 2017-022, at least 2000 persons were moved.", []),
    (2019, "Theresa May said the plan would work; May was quoted widely.", []),
    (2016, "The parents received salaries for the first three months to avoid burdening the business.", []),
    (2016, "The ministry reported 2,684 complaints in 2015, the last year information was available.",
     [("2015", "2015-01-01", "2015-12-31", "year", "absolute")]),
    (2021, "Source URL: https://www.state.gov/reports/2021-country-reports-on-human-rights-practices/mali/", []),
]

ALL = ([(2020, s, e) for s, e in MALI_2020] + [(2019, s, e) for s, e in MALI_2019] + OTHERS + NEGATIVE)


def _row(m: DateMention) -> tuple:
    row = (m.text, m.low.isoformat() if m.low else None, m.high.isoformat() if m.high else None,
           m.precision, m.kind)
    return row + (m.offset_days,) if m.kind == "relative" else row


@pytest.mark.parametrize("year,sentence,expected", ALL, ids=[f"{y}:{s[:40]}" for y, s, _ in ALL])
def test_sentence(year, sentence, expected):
    got = find_dates(sentence, year)
    assert [_row(m) for m in got] == [tuple(e) for e in expected]
    for m in got:
        assert sentence[m.start:m.end] == m.text


def test_sorted_and_non_overlapping():
    text = "\n\n".join(s for _, s, _ in ALL)
    got = find_dates(text, 2020)
    for a, b in pairwise(got):
        assert a.end <= b.start


def test_exact_offsets_in_a_document():
    text = ("Bamako\n\nOn May 11, in the city of Kayes, police fired. Between July 10 and 13, a total of 14 persons "
            "died; the June 5 Movement-Rally protested on June 6, around 11 a.m., and seven days later.")
    got = find_dates(text, 2020)
    spans = [(text[m.start:m.end], m.start) for m in got]
    assert spans == [("May 11", text.index("May 11")), ("Between July 10 and 13", text.index("Between")),
                     ("June 6", text.index("June 6")), ("seven days later", text.index("seven days later"))]


def test_start_end_window_keeps_absolute_offsets():
    text = "In 2017 nothing. On May 11, police fired. In December 2019 at least 26 were arrested."
    a = text.index("On May 11")
    b = text.index(" at least")
    got = find_dates(text, 2020, a, b)
    assert [(m.text, m.start) for m in got] == [("May 11", a + 3), ("December 2019", text.index("December"))]
    assert all(text[m.start:m.end] == m.text for m in got)
    # a window that cuts an expression reads only what is inside it
    got = find_dates(text, 2020, 0, text.index("2019"))
    assert [m.text for m in got] == ["2017", "May 11", "December"]


def test_no_report_year_keeps_mentions_without_guessing():
    text = ("On May 11, police fired; in March 2019 and June, and since 2013, as of August, since January, in the "
            "first quarter, early June, 11 and 12 December, during the year, the previous year.")
    got = {m.text: m for m in find_dates(text, None)}
    assert got["May 11"].low is None and got["May 11"].precision == "day" and got["May 11"].kind == "absolute"
    assert got["March 2019"].low == dt.date(2019, 3, 1)
    assert got["June"].low == dt.date(2019, 6, 1)  # its year is in the text
    assert (got["since 2013"].low, got["since 2013"].high, got["since 2013"].kind) == (dt.date(2013, 1, 1), None,
                                                                                         "since")
    assert (got["as of August"].low, got["as of August"].kind, got["as of August"].precision) == (None, "as_of",
                                                                                                   "month")
    assert got["since January"].low is None
    assert got["the first quarter"].low is None and got["the first quarter"].precision == "months"
    assert got["early June"].low is None and got["early June"].precision == "days"
    assert got["11 and 12 December"].low is None and got["11 and 12 December"].precision == "days"
    assert got["during the year"].low is None and got["the previous year"].low is None


def _full_scan(text: str, year: int) -> list[DateMention]:
    """The reference reading: the scanner's pattern tried at every position (slow)."""
    out, pos = [], 0
    while (m := D._SCAN.search(text, pos)) is not None:
        k = m.lastgroup
        if k == "chain":
            got = D._chain(text, m.start(), m.end(), len(text), year)
            out += got
            if got:
                pos = got[-1].end
                continue
        elif k == "per":
            out += D._period(text, m, len(text), year)
        elif k == "rel":
            out += D._relative(text, m)
        elif k == "same":
            out.append(DateMention(m.start(), m.end(), m.group(), None, None, "months", "same_period"))
        else:
            y = year if m.group("ycur") else year - 1
            out.append(DateMention(m.start(), m.end(), m.group(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year"))
        pos = m.end()
    return out


def test_trigger_scan_finds_what_a_full_scan_finds():
    # find_dates only tries the pattern near cheap triggers; it must not miss anything a scan
    # of every position would find (e.g. a word missing from the list of words that may begin
    # an expression).
    text = "\n".join(s for _, s, _ in ALL)
    assert find_dates(text, 2020) == _full_scan(text, 2020)


def _m(text, low, high, precision, kind="absolute", offset=None):
    lo = dt.date.fromisoformat(low) if low else None
    hi = dt.date.fromisoformat(high) if high else None
    return DateMention(0, len(text), text, lo, hi, precision, kind, offset)


@pytest.mark.parametrize("rel,anchor,expected", [
    (("seven days later", None, None, "day", "relative", 7), ("December 2019", "2019-12-01", "2019-12-31", "month"),
     ("2019-12-08", "2020-01-07", "days")),
    (("the following day", None, None, "day", "relative", 1), ("August 8", "2019-08-08", "2019-08-08", "day"),
     ("2019-08-09", "2019-08-09", "day")),
    (("two weeks later", None, None, "day", "relative", 14), ("May 11", "2020-05-11", "2020-05-11", "day"),
     ("2020-05-25", "2020-05-25", "day")),
    (("the same day", None, None, "day", "relative", 0), ("June 6", "2020-06-06", "2020-06-06", "day"),
     ("2020-06-06", "2020-06-06", "day")),
    (("15 days earlier", None, None, "day", "relative", -15), ("March 1", "2020-03-01", "2020-03-01", "day"),
     ("2020-02-15", "2020-02-15", "day")),
    (("two months later", None, None, "month", "relative", 60), ("December 31", "2019-12-31", "2019-12-31", "day"),
     ("2020-02-29", "2020-02-29", "days")),
    (("the following year", None, None, "year", "relative", 365), ("2015", "2015-01-01", "2015-12-31", "year"),
     ("2016-01-01", "2016-12-31", "year")),
    (("during the same period", None, None, "months", "same_period"),
     ("the first six months of the year", "2020-01-01", "2020-06-30", "months"),
     ("2020-01-01", "2020-06-30", "months")),
])
def test_resolve_relative(rel, anchor, expected):
    r = resolve_relative(_m(*rel), _m(*anchor))
    assert (r.low.isoformat(), r.high.isoformat(), r.precision, r.kind) == (*expected, "absolute")
    assert r.text == rel[0]


def test_resolve_relative_leaves_other_mentions_alone():
    absolute = _m("May 11", "2020-05-11", "2020-05-11", "day")
    assert resolve_relative(absolute, _m("June", "2020-06-01", "2020-06-30", "month")) is absolute
    rel = _m("seven days later", None, None, "day", "relative", 7)
    assert resolve_relative(rel, _m("May 11", None, None, "day")) is rel


def test_relative_forms_found_in_text():
    got = find_dates("He was found the following day; the trial opened two months later and closed the following "
                     "year.", 2020)
    assert [(m.text, m.kind, m.offset_days) for m in got] == [
        ("the following day", "relative", 1), ("two months later", "relative", 60),
        ("the following year", "relative", 365)]
