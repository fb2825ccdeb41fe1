"""extract/numbers.py on real sentences.

Sentences are copied from the US State Department country reports (mali-2020 excerpt,
mali-2019, and 2019 reports of other countries) so the tests run without /work/shared.
A few identifier forms that do not occur in those reports are marked "constructed".
"""
from __future__ import annotations

import copy
import math

import pytest

from reportcheck.config import load_rules
from reportcheck.extract.numbers import (
    analyse,
    find_numbers,
    number_tokens,
    skipped_identifiers,
    unit_of,
)

INF = math.inf


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def mention(text, rules, span):
    """The one mention whose text is exactly `span` (and check its offsets)."""
    ms = [m for m in find_numbers(text, rules) if m.text == span]
    assert len(ms) == 1, (span, [m.text for m in find_numbers(text, rules)])
    m = ms[0]
    assert text[m.start:m.end] == m.text
    return m


# --- the qualifier table --------------------------------------------------------------------

QUALIFIED = [
    # (sentence, mention text, number text, value, low, high, qualifier)
    ("On March 19, al-Qa’ida in the Islamic Maghreb attacked a military camp in Tarkint, Gao Region, "
     "killing at least 29 soldiers and wounding five others.",
     "at least 29", "29", 29, 29, INF, "at_least"),
    ("Separately, MINUSMA’s HRPD, tasked with monitoring human rights abuses throughout the country, "
     "reported more than 700 civilians killed from January to June.",
     "more than 700", "700", 700, 701, INF, "more_than"),
    ("Dogon self-defense groups were responsible for 17 attacks resulting in the deaths of nearly 100 Fulanis.",
     "nearly 100", "100", 100, 90, 99, "nearly"),
    ("According to MINUSMA, on June 5, a military convoy of approximately 30 vehicles entered the village.",
     "approximately 30", "30", 30, 27, 33, "about"),
    ("Authorities may hold arrested individuals for up to 72 hours in police stations, where there were "
     "no separate holding areas for women and children.",
     "up to 72", "72", 72, 0, 72, "at_most"),
    ("There were fewer than 50 Jews in the country, and there were no reports of anti-Semitic acts.",
     "fewer than 50", "50", 50, 0, 49, "fewer_than"),
    ("Between July 10 and 13, a total of 14 persons, including two children, were killed in the course of "
     "interventions by security forces during antigovernment demonstrations in the capital, Bamako.",
     "a total of 14", "14", 14, 14, 14, "exact"),
    ("On March 19, a total of 30 soldiers were killed and 20 injured in an attack in Gao, and on April 6, "
     "another 25 soldiers were killed and 12 injured in another attack in Gao.",
     "another 25", "25", 25, 25, 25, "exact"),
    ("The attackers first attacked Panga Dougou, killing at least one person, before continuing to Djimdo "
     "where an additional 15 persons were killed.",
     "an additional 15", "15", 15, 15, 15, "exact"),
    ("There were allegations that security forces killed these additional two civilians, but the "
     "Gendarmerie conducted an investigation.",
     "additional two", "two", 2, 2, 2, "exact"),
    ("In November, the transition government’s National Council of the Transition released nearly 200 "
     "suspected extremists.",
     "nearly 200", "200", 200, 180, 199, "nearly"),
    ("Public gatherings of 10 or more persons require a government permit, and police may disband an "
     "unofficial assembly of five or more persons deemed likely to cause a disturbance of the peace.",
     "10 or more", "10", 10, 10, INF, "at_least"),
    ("The attacks resulted in at least 40 fatalities, including 33 civilians, and approximately a dozen "
     "wounded, including at least six French and Estonian soldiers.",
     "approximately a dozen", "a dozen", 12, 11, 13, "about"),
    ("Authorities continued to detain children younger than 18 with adults.",
     "younger than 18", "18", 18, 0, 17, "fewer_than"),
]


@pytest.mark.parametrize("sentence,span,num,value,low,high,qual", QUALIFIED)
def test_qualifier_table(rules, sentence, span, num, value, low, high, qual):
    m = mention(sentence, rules, span)
    assert sentence[m.num_start:m.num_end] == num
    assert (m.value, m.low, m.high, m.qualifier) == (value, low, high, qual)


def test_longest_phrase_wins(rules):
    s = "Authorities may hold suspects for no more than 48 hours before charging them."  # mali-2019 style
    m = mention(s, rules, "no more than 48")
    assert (m.qualifier, m.low, m.high) == ("at_most", 0, 48)


def test_table_is_declared_not_coded(rules):
    s = "Dogon self-defense groups were responsible for 17 attacks resulting in the deaths of nearly 100 Fulanis."
    changed = copy.deepcopy(rules)
    changed["qualifiers"]["nearly"]["ratio"] = 0.2
    m = mention(s, changed, "nearly 100")
    assert (m.low, m.high) == (80, 99)
    # a phrase removed from the table is no qualifier any more
    changed["qualifiers"]["nearly"]["phrases"] = ["almost"]
    m = mention(s, changed, "100")
    assert (m.qualifier, m.low, m.high) == ("exact", 100, 100)
    # a new phrase is one
    changed["qualifiers"]["about"]["phrases"].append("convoy of")
    s2 = "According to MINUSMA, on June 5, a military convoy of 30 vehicles entered the village."
    m = mention(s2, changed, "convoy of 30")
    assert (m.qualifier, m.low, m.high) == ("about", 27, 33)
    # and the vague table
    changed["vague_quantities"]["dozens"] = [12, 99]
    changed["vague_quantities"]["dozens of"] = [12, 99]  # the longest entry is the one that matches
    m = mention("Human rights observers were unable to verify the whereabouts of dozens of prisoners.", changed,
                "dozens")
    assert (m.low, m.high) == (12, 99)


# --- number words, digits, money, percent ---------------------------------------------------

PLAIN = [
    ("On March 19, al-Qa’ida in the Islamic Maghreb attacked a military camp in Tarkint, Gao Region, "
     "killing at least 29 soldiers and wounding five others.", "five", 5, "words"),
    ("Between July 10 and 13, a total of 14 persons, including two children, were killed.", "two", 2, "words"),
    ("FAMa elements in several military vehicles raided the village of Massabougou during which they "
     "searched houses and arrested nine villagers whom they summarily executed near the village cemetery.",
     "nine", 9, "words"),
    ("On October 8, Cisse was released along with three foreign hostages in exchange for the release of "
     "nearly 200 suspected extremists.", "three", 3, "words"),
    ("More than 2,000 families who were displaced in 2019 remained unable to return.", "More than 2,000", 2000,
     "digits"),
    ("In 2018 the government allocated two million markas ($1.1 million) for employment, healthcare, and "
     "housing of Roma.", "1.1 million", 1_100_000, "digits"),
    ("In 2018 the government allocated two million markas ($1.1 million) for employment, healthcare, and "
     "housing of Roma.", "two million", 2_000_000, "words"),
    ("Twenty-one journalists were detained during the year.", "Twenty-one", 21, "words"),  # constructed
    ("The BDCS facility was designed to accommodate 1,000 prisoners, but it sometimes housed several hundred more.",
     "1,000", 1000, "digits"),
    ("There remained one open allegation of sexual exploitation and abuse against Malian peacekeepers.",
     "one", 1, "words"),
    ("FORSAT, whose actions it concluded were responsible for two of the 14 deaths, not only used "
     "disproportionate force.", "two", 2, "words"),
]


@pytest.mark.parametrize("sentence,span,value,kind", PLAIN)
def test_plain_numbers(rules, sentence, span, value, kind):
    m = mention(sentence, rules, span)
    assert (m.value, m.kind) == (value, kind)


def test_money(rules):
    s = ("These two agencies were reported to have lost 2.12 billion CFA (more than five million dollars) "
         "in taxpayers’ money in 2018.")
    ms = find_numbers(s, rules)
    assert [m.text for m in ms] == ["two", "2.12 billion", "more than five million"]
    big = ms[1]
    assert (big.value, big.low, big.high) == (2.12e9, 2.12e9, 2.12e9)
    assert unit_of(s, big) == "money"
    usd = ms[2]
    # money is no count: the open bound is read as the stated amount (numbers.continuous)
    assert (usd.value, usd.low, usd.high, usd.qualifier) == (5e6, 5e6, INF, "more_than")
    assert unit_of(s, usd) == "money"
    assert ("2018" in [s[a:b] for a, b, r in skipped_identifiers(s) if r == "year"])
    s2 = ("A mixture of cash and land/immovable assets valued at approximately 3.2 billion shillings "
          "($31.4 million) were recovered in the period 2018-2019.")
    m = mention(s2, rules, "31.4 million")
    assert m.value == 31_400_000 and unit_of(s2, m) == "money"
    m = mention(s2, rules, "approximately 3.2 billion")
    assert m.qualifier == "about" and unit_of(s2, m) == "money"


def test_percent_and_date_before_it(rules):
    s = ("It stated that from January 1 to March 31, 82 percent of conflict-related civilian deaths "
         "occurred in Mopti and Segou Regions.")
    ms = find_numbers(s, rules)
    assert [m.text for m in ms] == ["82"]
    assert ms[0].value == 82 and unit_of(s, ms[0]) == "percent"
    assert [(s[a:b], r) for a, b, r in skipped_identifiers(s)] == [("1", "date"), ("31", "date")]
    s2 = "The survey found 82% of respondents had no access to legal aid."  # constructed
    m = mention(s2, rules, "82")
    assert unit_of(s2, m) == "percent"


# --- ranges ------------------------------------------------------------------------------------

RANGES = [
    ("In 2019 the UN verified the recruitment and use of 215 children (189 boys, 26 girls) between ages "
     "nine and 17 in most cases by armed groups.", "between ages nine and 17", "nine and 17", 9, 17, "range"),
    ("The most recent comprehensive FGM/C survey indicated that 83 percent of girls and women between the "
     "ages of 15 and 49 were excised.", "between the ages of 15 and 49", "15 and 49", 15, 49, "range"),
    ("The legal workweek is 40 hours, except for the agricultural sector, where the legal workweek ranges "
     "from 42 to 48 hours, depending on the season.", "42 to 48", "42 to 48", 42, 48, "range"),
    ("According to UNICEF, 6 percent of men aged 20-24 were married or in union before age 18.",
     "20-24", "20-24", 20, 24, "range"),
    ("Assault is punishable by prison terms of one to five years and fines of up to 500,000 CFA francs ($830).",
     "one to five", "one to five", 1, 5, "range"),
    ("Experts estimated that between 60,000 and 80,000 women were victims of gender-based violence.",
     "between 60,000 and 80,000", "60,000 and 80,000", 60000, 80000, "range"),
    ("Authorities evacuated at least four migrant camps housing an estimated 3,500 to 4,000 migrants.",
     "an estimated 3,500 to 4,000", "3,500 to 4,000", 3150, 4400, "about"),
    ("The fine is two million to 100 million ariary ($540 to $28,000).",
     "two million to 100 million", "two million to 100 million", 2e6, 1e8, "range"),
    ("The fine is two million to 100 million ariary ($540 to $28,000).",
     "540 to $28,000", "540 to $28,000", 540, 28000, "range"),
    ("Officials permitted visits of one to three days two or three times per month.",  # constructed
     "two or three", "two or three", 2, 3, "range"),
]


@pytest.mark.parametrize("sentence,span,num,low,high,qual", RANGES)
def test_ranges(rules, sentence, span, num, low, high, qual):
    m = mention(sentence, rules, span)
    assert sentence[m.num_start:m.num_end] == num
    assert (m.kind, m.value, m.low, m.high, m.qualifier) == ("range", None, low, high, qual)


def test_from_to_is_two_numbers(rules):
    s = "The number of minor victims of trafficking increased from 199 in 2017 to 215 in 2018."
    assert [m.text for m in find_numbers(s, rules)] == ["199", "215"]


# --- vague quantities ------------------------------------------------------------------------

VAGUE = [
    ("Human rights observers were unable to verify the whereabouts of dozens of prisoners purportedly "
     "detained in connection with the northern conflict.", "dozens", 24, 199),
    ("Lethal attacks resulted in the deaths of dozens, if not hundreds, of the country’s soldiers.",
     "dozens, if not hundreds", 24, 1999),
    ("On August 19, attackers killed 24 soldiers and wounded dozens more.", "dozens", 24, 199),
    ("When tens of thousands of protestors took to the streets in April, the national media’s coverage was minimal.",
     "tens of thousands", 20000, 199999),
    ("The incident sparked a protest of several hundred students as well as criticism from the media.",
     "several hundred", 300, 900),
    ("Bankass, Mopti region, killing at least 32 civilians and wounding several others.", "several", 3, 9),
    ("There were several reports that the government or its agents committed arbitrary or unlawful killings.",
     "several", 3, 9),
    ("Armed groups perpetrated more than 300 attacks that resulted in hundreds of civilian deaths.",
     "hundreds", 200, 1999),
]


@pytest.mark.parametrize("sentence,span,low,high", VAGUE)
def test_vague(rules, sentence, span, low, high):
    m = mention(sentence, rules, span)
    assert (m.kind, m.value, m.qualifier, m.low, m.high) == ("vague", None, "vague", low, high)


def test_vague_never_swallows_numbers(rules):
    s = "Estimates ranged from a few hundred to as many as 4,000."
    ms = find_numbers(s, rules)
    assert [(m.text, m.kind) for m in ms] == [("a few hundred", "vague"), ("as many as 4,000", "digits")]
    assert (ms[1].low, ms[1].high) == (0, 4000)
    s2 = "The attackers killed more than a dozen villagers."  # constructed
    m = mention(s2, rules, "more than a dozen")
    assert (m.value, m.low, m.high, m.kind) == (12, 13, INF, "words")
    assert [m.text for m in find_numbers("Nobody knew how many prisoners remained.", rules)] == []


# --- what is not a count ----------------------------------------------------------------------

_UKRAINE_2024 = ("In 2022, six television stations (1+1, Ukraina 24, Inter, ICTV, public broadcaster Suspilne, and "
                 "the government outlet Rada) started producing around-the-clock coverage in Ukrainian, called the "
                 "“telemarathon,” to convey to the public a unified wartime message.")
_RWANDA_2020 = ("Some radio stations, including Radio 1, Radio Isango Star, Radio 10, and Radio Salus, had regular "
                "call-in shows that featured discussion of government programs or policies.")
_CAMEROON_2021 = ("The Buea-based NGO Human Is Right reported in August that it documented several cases of arbitrary "
                  "arrests and detentions by defense and security forces in Mutengene, Muea, Mile 16, Mile 14, and "
                  "Molyko, in the Southwest Region, from August 18 to August 30.")

NOT_COUNTS = [
    # (sentence, token, reason)
    ("The COVID-19 pandemic was also a contributing factor, since many organizations were either denied "
     "access or unable to visit prisons for health-safety reasons.", "19", "name"),
    ("The HRPD reports also alleged instances of extrajudicial executions within the country committed by "
     "members of the G5 Sahel Joint Force (18), the Nigerien armed forces (34), and the Burkinabe armed "
     "forces (50).", "5", "name"),
    ("Leaders of the opposition movement the June 5 Movement-Rally of Patriotic Forces (M5-RFP), arrested "
     "in the wake of the violent July 10-12 protests, claimed they were tortured.", "5", "date"),
    ("There was limited progress in the prosecution of suspects in the 2012 disappearance, torture, and "
     "killing of 21 Red Berets (members of FAMA’s 33rd Parachute Regiment).", "33rd", "ordinal"),
    ("Regarding the attack in Massabougou, the report stated, “On June 6, around 11 a.m., FAMa elements "
     "in several military vehicles raided the village.", "11", "time"),
    ("There were several reports that the government or its agents committed arbitrary or unlawful "
     "killings (see section 1.g.).", "1", "reference"),
    ("The government made minimal progress in implementing UN Security Council Resolution 1325 on women, "
     "peace, and security.", "1325", "reference"),
    ("Article 27 of the code grants the Senegalese Regulatory Authority the power to suspend broadcasts.",
     "27", "reference"),
    ("The allegation was submitted in 2017 and allegedly involved an exploitative relationship with two adults.",
     "2017", "year"),
    ("For the first time since 2014, the UN’s annual Report on Children and Armed Conflict listed the MDSF.",
     "2014", "year"),
    ("There was limited progress in the prosecution of suspects–including the 2012 coup leader Amadou Sanogo.",
     "2012", "year"),
    ("On May 11, in the city of Kayes, an off-duty police officer allegedly shot and killed a teenager.",
     "11", "date"),
    ("The HRPD reported that 1,500 persons were detained in 2014-15 in the North.", "15", "year"),  # constructed
    ("The government adopted Law 2017-012 and Decree No. 2019-0123 on the protection of witnesses.",
     "2017", "reference"),  # constructed
    ("The government adopted Law 2017-012 and Decree No. 2019-0123 on the protection of witnesses.",
     "0123", "reference"),  # constructed
    ("The hotline (+223 20 22 33 44) received 400 calls.", "+223 20 22 33 44", "reference"),  # constructed
    ("The curfew ran between 10:30 p.m. and 6 a.m.", "10:30", "time"),  # constructed
    ("In Zanzibar, at One Stop Centers in both Unguja and Pemba, police officers took statements.",
     "One", "name"),
] + [
    # 2024 Ukraine: television stations named "1+1" and "Ukraina 24", in a list of names
    (_UKRAINE_2024, token, "name") for token in ("1", "24")
] + [
    # 2020 Rwanda: "Radio 1", "Radio 10" among "Radio Isango Star" and "Radio Salus"
    (_RWANDA_2020, "1", "name"), (_RWANDA_2020, "10", "name"),
    # 2021 Cameroon: places "Mile 16", "Mile 14" after "Muea"
    (_CAMEROON_2021, "16", "name"), (_CAMEROON_2021, "14", "name"),
]


@pytest.mark.parametrize("sentence,token,reason", NOT_COUNTS)
def test_not_counts(rules, sentence, token, reason):
    skipped = [(sentence[a:b], r, a) for a, b, r in skipped_identifiers(sentence, rules=rules)]
    at = [a for tok, r, a in skipped if (tok, r) == (token, reason)]
    assert at, skipped
    for m in find_numbers(sentence, rules):
        assert not (m.num_start <= at[0] < m.num_end), m


def test_numbers_in_a_list_of_names_are_names_but_counts_in_a_list_stay_counts(rules):
    # 2024 Ukraine: nothing in the stations' names is a count; only the six stations are
    assert [m.text for m in find_numbers(_UKRAINE_2024, rules)] == ["six"]
    # a list whose other items are counts too, not names without numbers: the numbers are counts
    # (2019 Sudan: seats won; 2018 Uruguay: "Unit 6, Unit 10 ..." have no name without a number beside
    # them and are left as they were read)
    s = ("The NCP won 323 seats, Democratic Unionist Party 25, and independents 19 seats in the 426 seat National "
         "Assembly; minor political parties won the remaining seats.")
    assert [m.text for m in find_numbers(s, rules)] == ["323", "25", "19", "426"]
    s = ("Model prisons, such as Unit 6, Unit 10, Unit 18, Unit 28, and Unit 20, served as positive examples for the "
         "corrections system.")
    assert [m.text for m in find_numbers(s, rules)] == ["6", "10", "18", "28", "20"]


def test_g5_sahel_counts_the_18_not_the_5(rules):
    s = ("The HRPD reports also alleged instances of extrajudicial executions within the country committed "
         "by members of the G5 Sahel Joint Force (18), the Nigerien armed forces (34), and the Burkinabe "
         "armed forces (50).")
    assert [(m.text, m.value) for m in find_numbers(s, rules)] == [("18", 18), ("34", 34), ("50", 50)]


def test_date_list_after_month(rules):
    s = ("Between July 10 and 13, a total of 14 persons, including two children, were killed in the course "
         "of interventions by security forces.")
    assert [(s[a:b], r) for a, b, r in skipped_identifiers(s)] == [("10", "date"), ("13", "date")]
    assert [m.text for m in find_numbers(s, rules)] == ["a total of 14", "two"]
    s2 = "On July 10, 13 protesters were arrested."  # constructed: a comma does not continue the date
    assert [m.text for m in find_numbers(s2, rules)] == ["13"]


NOT_NUMBERS = [
    "As of September no one had been indicted or arrested for these killings.",
    "Defendants and lawyers were not allowed to communicate with one another during trials.",
    "The victim was the one who reported the abuse to police.",  # constructed
]


@pytest.mark.parametrize("sentence", NOT_NUMBERS)
def test_one_that_is_no_count(rules, sentence):
    assert find_numbers(sentence, rules) == []
    assert number_tokens(sentence) == []


# --- ages, durations, fractions, unparsed --------------------------------------------------------

def test_ages_and_durations_are_numbers(rules):
    s = ("The government issued a communique 10 days after the arrests announcing that the plot had been "
         "foiled; a 16-year-old was found in the nearby village of N’Doukala seven days later.")
    assert [(m.text, m.value) for m in find_numbers(s, rules)] == [("10", 10), ("16", 16), ("seven", 7)]


def test_fractions(rules):
    s = ("Approximately one-third of Roma lived in social housing, and more than one-half of journalists were "
         "dissatisfied.")
    a = mention(s, rules, "Approximately one-third")
    assert a.value == pytest.approx(1 / 3) and unit_of(s, a) == "fraction"
    b = mention(s, rules, "more than one-half")
    assert (b.low, b.high) == (0.5, 1)  # a share: its open bound read closed, at most the whole
    m = mention("Mustafa Hajibeyli was sentenced to five and one-half years in prison.", rules, "five and one-half")
    assert m.value == 5.5


def test_unparsed_is_kept(rules):
    s = "The ministry set a 70/30 ratio between science and humanities."
    ms = find_numbers(s, rules)
    assert [(m.text, m.value, m.low, m.high, m.qualifier, m.kind) for m in ms] == [
        ("70/30", None, 0, INF, "unparsed", "unparsed")]


# --- offsets, spans, reconciliation ---------------------------------------------------------------

EXCERPT = (
    "Section 1. Respect for the Integrity of the Person\n\n"
    "On March 19, al-Qa’ida in the Islamic Maghreb attacked a military camp in Tarkint, Gao Region, killing "
    "at least 29 soldiers and wounding five others. On May 10, three Chadian peacekeepers were killed and four "
    "others wounded in an attack in Aguelhoc, in the North. The COVID-19 pandemic was also a contributing factor. "
    "As of November 30, MINUSMA suffered at least 231 fatalities since the beginning of its mission in 2013. "
    "More than 2,000 families who were displaced in 2019 remained in Kayes."
)


def test_offsets_are_absolute_in_a_span(rules):
    start = EXCERPT.index("On May 10")
    end = EXCERPT.index("More than")
    ms = find_numbers(EXCERPT, rules, start, end)
    assert [EXCERPT[m.start:m.end] for m in ms] == ["three", "four", "at least 231"]
    assert all(start <= m.start and m.end <= end for m in ms)
    assert [EXCERPT[m.num_start:m.num_end] for m in ms] == ["three", "four", "231"]
    assert ms == sorted(ms, key=lambda m: m.start)


def test_every_token_is_accounted_for(rules):
    a = analyse(EXCERPT, rules)
    covered = [(m.num_start, m.num_end) for m in a.mentions] + [(s, e) for s, e, _ in a.skipped]
    for s, e in a.tokens:
        assert any(x <= s and e <= y for x, y in covered), EXCERPT[s:e]
    assert [(EXCERPT[s:e], r) for s, e, r in a.skipped] == [
        ("1", "reference"), ("19", "date"), ("10", "date"), ("19", "name"), ("30", "date"),
        ("2013", "year"), ("2019", "year")]


def test_rules_none_uses_defaults():
    s = "killing at least 29 soldiers"
    assert number_tokens(s) == [(17, 19)]
    assert skipped_identifiers("in 2013") == [(3, 7, "year")]
