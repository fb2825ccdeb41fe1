"""The number grammar (issue 10): comparatives, two-sided bounds, ranges, fractions and shares,
magnitudes and money, composition, what is not a figure, and paragraph breaks, as the figures
table gets them (extract.figures.extract: the rows --figures-out writes).

Sentences marked with a report are copied from the 2019 State Department country reports
(../shared/corpus/text/2019); the others are written like them. benchmarks/number_expressions.py
measures the same grammar on several hundred sentences against quantulum3.
"""
from __future__ import annotations

import copy
import csv
import math

import pytest

from helpers import invoke
from reportcheck.config import load_rules
from reportcheck.extract.figures import extract
from reportcheck.extract.numbers import analyse, find_numbers, parse_number
from reportcheck.link.conversions import link_conversions
from reportcheck.model import Document

INF = math.inf


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def rows(text, rules, year=2019):
    doc = Document(id="r", path="r.txt", text=text, format="text", encoding="utf-8", year=year)
    return extract(doc, rules).rows


def figures(text, rules):
    """(value or None, low, high) of every figure of the text, in order."""
    return [(None if math.isnan(r["value"]) else r["value"], r["low"], r["high"]) for r in rows(text, rules)]


def same(got, want):
    assert len(got) == len(want), (got, want)
    for g, w in zip(got, want, strict=True):
        assert (g[0] is None) == (w[0] is None), (got, want)
        for a, b in zip(g, w, strict=True):
            assert a is None or a == pytest.approx(b, rel=1e-3), (got, want)


# --- comparatives and two-sided bounds -------------------------------------------------------

BOUNDS = [
    # counts are whole numbers: an open bound moves to the next one
    ("Casualties exceeding 500 were reported after the offensive.", [(500, 501, INF)]),
    ("The number of displaced persons exceeded 40,000 by August.", [(40000, 40001, INF)]),
    ("The death toll from the clashes surpassed 1,000 in May.", [(1000, 1001, INF)]),
    ("The law limits pretrial detention to less than or equal to 30 days.", [(30, 0, 30)]),
    ("Public gatherings of greater than or equal to 50 persons were banned.", [(50, 50, INF)]),
    ("No fewer than 12 journalists were detained.", [(12, 12, INF)]),
    ("Groups of 30 or more people require prior authorization.", [(30, 30, INF)]),
    # bahrain-2019: "not exceeding" is an upper bound, not "exceeding"
    ("The judge may authorize a further extension not exceeding 45 days.", [(45, 0, 45)]),
    # uruguay-2019
    ("Women's participation in the chamber had never exceeded 25 percent of members.", [(25, 0, 25)]),
    # two bounds joined by "and"/"but" are one interval
    ("The camp held greater than 100 and smaller than 300 families.", [(None, 101, 299)]),
    ("The armed group had more than 100 but fewer than 300 fighters.", [(None, 101, 299)]),
    # cameroon-2019
    ("With the voting age set at 20, youths older than 18 and younger than 20 are not allowed to vote.",
     [(20, 20, 20), (None, 19, 19)]),
    # kiribati-2019
    ("The House of Assembly nominates at least three and no more than four presidential candidates.",
     [(None, 3, 4)]),
    ("Turnout was more than 40 percent but less than 50 percent.", [(None, 40, 50)]),
    ("Between 20 and 30 protesters were arrested.", [(None, 20, 30)]),
    # two bounds of two things are two figures
    ("Police killed more than 10 and injured fewer than 20 protesters.", [(10, 11, INF), (20, 0, 19)]),
]


@pytest.mark.parametrize("sentence,want", BOUNDS)
def test_comparatives_and_bounds(rules, sentence, want):
    same(figures(sentence, rules), want)


# --- ranges ------------------------------------------------------------------------------------

RANGES = [
    # brunei-2019, cameroon-2019: "from A to B" is a range ...
    ("Secular law stipulates imprisonment from eight to 30 years plus caning.", [(None, 8, 30)]),
    ("Perpetrators are subject to a prison sentence of from 10 to 20 years.", [(None, 10, 20)]),
    ("Education is compulsory from ages six through 16 and free until age 18.", [(None, 6, 16), (18, 18, 18)]),
    # ... unless the clause tells a change (botswana-2019, azerbaijan-2019, bulgaria-2019)
    ("Parliament amended the penal code, raising the age of consent from 16 to 18.", [(16, 16, 16), (18, 18, 18)]),
    ("Constitutional amendments extended the presidential term from five to seven years.",
     [(5, 5, 5), (7, 7, 7)]),
    ("Incidents increased compared with 2016, from 21 percent to 42 percent.", [(21, 21, 21), (42, 42, 42)]),
    ("The number of minor victims of trafficking increased from 199 in 2017 to 215 in 2018.",
     [(199, 199, 199), (215, 215, 215)]),
    ("Each convoy carried 20 through 100 passengers.", [(None, 20, 100)]),
    ("Estimates put the displaced at 1,000 – 5,000 people.", [(None, 1000, 5000)]),
    ("They counted 20~100 bodies in the trench.", [(None, 20, 100)]),
    ("Turnout was 44 to 50 percent in the northern provinces.", [(None, 44, 50)]),
    ("Turnout was 44%-50% in the north.", [(None, 44, 50)]),
    # a spaced hyphen is no range sign ("10 - 15"), an en dash is
    ("The score was 10 - 15 in the final count.", [(10, 10, 10), (15, 15, 15)]),
    ("Between $1 million and $2 million was allocated to compensation.", [(None, 1e6, 2e6)]),
]


@pytest.mark.parametrize("sentence,want", RANGES)
def test_ranges(rules, sentence, want):
    same(figures(sentence, rules), want)


# --- fractions and shares ------------------------------------------------------------------------

FRACTIONS = [
    ("Half of the 300 detainees were released without charge.", [(0.5, 0.5, 0.5), (300, 300, 300)]),
    # a share lies in [0, 1]: its open bound read closed
    ("More than half of the prisoners were held in pretrial detention.", [(0.5, 0.5, 1)]),
    ("Nearly half of the displaced were children.", [(0.5, 0.45, 0.5)]),
    ("Less than a quarter of the cases reached trial.", [(0.25, 0, 0.25)]),
    ("A third of the schools in the district remained closed.", [(1 / 3, 1 / 3, 1 / 3)]),
    ("Two-thirds of those arrested were minors.", [(2 / 3, 2 / 3, 2 / 3)]),
    ("He served five and a quarter years of his sentence.", [(5.25, 5.25, 5.25)]),
    ("The activist served 2 1/2 years in prison.", [(2.5, 2.5, 2.5)]),
    ("The trial lasted 3½ years.", [(3.5, 3.5, 3.5)]),
    ("Each prisoner had ¾ of a square meter of space.", [(0.75, 0.75, 0.75)]),
    ("Half a million refugees crossed the border.", [(5e5, 5e5, 5e5)]),
    ("The ministry said 1½ million people needed food aid.", [(1.5e6, 1.5e6, 1.5e6)]),
    # not shares: a period, an ordinal, a relative, the time
    ("In the first half of the year, police recorded 112 killings.", [(112, 112, 112)]),
    ("A third attack on the village occurred in March.", []),
    ("His half-brother was detained for 3 days.", [(3, 3, 3)]),
    ("The curfew started at half past nine, and 37 people were arrested.", [(37, 37, 37)]),
]


@pytest.mark.parametrize("sentence,want", FRACTIONS)
def test_fractions(rules, sentence, want):
    same(figures(sentence, rules), want)


def test_a_share_names_its_whole(rules):
    s = "The police reported that half of the 40 arrested protesters were students."
    share, whole = rows(s, rules)
    assert (share["kind"], share["number_text"], whole["value"]) == ("share", "half", 40)
    assert share["whole"] == whole["figure_id"] and whole["whole"] == ""
    pct = rows("Some 45 percent of the 1,200 inmates were foreigners.", rules)
    assert pct[0]["whole"] == pct[1]["figure_id"]
    assert rows("Two-thirds of those arrested were minors.", rules)[0]["whole"] == ""


# --- magnitudes and money --------------------------------------------------------------------------

MONEY = [
    # sentence, value, low, high, currency
    ("The project cost $2.1 billion.", 2.1e9, 2.1e9, 2.1e9, "USD"),
    ("The court fined the newspaper €10M for defamation.", 1e7, 1e7, 1e7, "EUR"),
    ("The government's security budget is 1.2 bn dollars.", 1.2e9, 1.2e9, 1.2e9, "dollar"),
    ("Donors pledged $5m for the reconstruction of schools.", 5e6, 5e6, 5e6, "USD"),
    ("The fund disbursed 1.5 lakh rupees to each family.", 1.5e5, 1.5e5, 1.5e5, "rupee"),
    ("The state paid 2.5 crore rupees in compensation.", 2.5e7, 2.5e7, 2.5e7, "rupee"),
    ("The fine was Rs 10 lakh.", 1e6, 1e6, 1e6, "rupee"),
    ("The government allocated KSh 2.5 billion to the commission.", 2.5e9, 2.5e9, 2.5e9, "shilling"),
    ("The court ordered compensation of 12 million CFA francs.", 1.2e7, 1.2e7, 1.2e7, "CFA franc"),
    ("A two-million-dollar fund was created for victims.", 2e6, 2e6, 2e6, "dollar"),
    # money is no count: an open bound is the amount itself, no bound is rounded to whole units
    ("More than $5 million was embezzled from the fund.", 5e6, 5e6, INF, "USD"),
    ("The agency lost nearly $2 million.", 2e6, 1.8e6, 2e6, "USD"),
    ("Damages of under $1,000 were awarded.", 1000, 0, 1000, "USD"),
    # bangladesh-2019
    ("A fine of one lakh BDT ($1,180), or both.", 1e5, 1e5, 1e5, "taka"),
]


@pytest.mark.parametrize("sentence,value,low,high,currency", MONEY)
def test_money_has_its_magnitude_and_currency(rules, sentence, value, low, high, currency):
    r = rows(sentence, rules)[0]
    assert (r["kind"], r["currency"]) == ("money", currency)
    assert (r["value"], r["low"], r["high"]) == pytest.approx((value, low, high))


MAGNITUDES = [
    ("About 10k people marched in the capital.", [(1e4, 9000, 11000)]),
    ("Three dozen protesters were detained overnight.", [(36, 36, 36)]),
    ("The cell measured 5m by 3m.", [(5, 5, 5), (3, 3, 3)]),  # metres, not millions: no money
    # burkina-faso-2019: scale words descend within one number
    ("Fines of one million and five million CFA francs were set.", [(1e6, 1e6, 1e6), (5e6, 5e6, 5e6)]),
]


@pytest.mark.parametrize("sentence,want", MAGNITUDES)
def test_magnitudes(rules, sentence, want):
    same(figures(sentence, rules), want)


PERCENT = [
    ("More than 30 percent of detainees were held in pretrial detention.", (30, 30, INF)),
    ("Less than 10 percent of rape cases were prosecuted.", (10, 0, 10)),
    ("Approximately 45 percent of the population lived in poverty.", (45, 40.5, 49.5)),
    ("Nearly 90 percent of prisoners were pretrial detainees.", (90, 81, 90)),
    ("Nearly one percent of the population was displaced.", (1, 0.9, 1)),
    ("According to government data, 52 per cent of girls were victims.", (52, 52, 52)),  # bangladesh-2019
]


@pytest.mark.parametrize("sentence,want", PERCENT)
def test_percentages_are_not_whole_numbers(rules, sentence, want):
    (r,) = rows(sentence, rules)
    assert r["kind"] == "percent"
    assert (r["value"], r["low"], r["high"]) == pytest.approx(want)


def test_continuous_units_are_declared(rules):
    s = "More than 30 percent of detainees were held in pretrial detention."
    counted = copy.deepcopy(rules)
    counted["numbers"]["continuous"] = ["money"]  # percentages read as whole numbers again
    (r,) = rows(s, counted)
    assert (r["low"], r["high"]) == (31, INF)
    shares = copy.deepcopy(rules)
    shares["numbers"]["share_max"] = 2
    (r,) = rows("More than half of the prisoners were held in pretrial detention.", shares)
    assert (r["low"], r["high"]) == (0.5, 2)
    changes = copy.deepcopy(rules)
    changes["numbers"]["change_words"] = []
    same(figures("Arrests rose from 350 to 480 over the year.", changes), [(None, 350, 480)])
    same(figures("Arrests rose from 350 to 480 over the year.", rules), [(350, 350, 350), (480, 480, 480)])


# --- composition -----------------------------------------------------------------------------------

COMPOSED = [
    ("The census counted 1 234 567 residents in the capital.", 1234567),
    ("The prison held 12\u00a0000 inmates.", 12000),  # one group after a no-break space
    ("Police detained fifty - two students at the university.", 52),
    ("Officials counted 3 hundred and 21 victims.", 321),
    ("The ministry reported 2 million 500 thousand beneficiaries.", 2.5e6),
    ("Organizers counted 5 thousand 200 participants.", 5200),
    ("One million two hundred thousand children were vaccinated.", 1.2e6),
    ("Fifty-two thousand three hundred and eight ballots were invalidated.", 52308),
]


@pytest.mark.parametrize("sentence,value", COMPOSED)
def test_composition(rules, sentence, value):
    same(figures(sentence, rules), [(value, value, value)])


def test_one_group_after_a_space_is_two_numbers(rules):
    # "On May 5 200 protesters": a day and a count, not 5,200
    assert [r["value"] for r in rows("On the 5th, 5 200 protesters gathered.", rules)] == [5, 200]


def test_parse_number_reads_what_the_grammar_reads():
    assert parse_number("1.5 lakh") == 150_000
    assert parse_number("2.1 billion") == 2.1e9
    assert parse_number("10k") == 10_000
    assert parse_number("1 234 567") == 1_234_567
    assert parse_number("twenty-one") == 21
    assert parse_number("half a million") == 500_000


# --- what is not a figure ----------------------------------------------------------------------------

NOT_FIGURES = [
    # sentence, the figures that are there
    ("See https://example.org/report%20final.pdf for the 45 cases the NGO documented.", [45]),
    ("The survey (see www.example.org/survey%202020) found that 33 percent had paid a bribe.", [33]),
    ("Source URL: https://web.archive.org/web/20200513134357/https://www.state.gov/reports/", []),  # colombia-2019
    ("Contact the commission at info2020@example.org to report abuses.", []),
    ("Security forces killed 14 demonstrators.12 The government denied the allegations.", [14]),
    ("The report documented 230 cases of torture[3] in 2019.", [230]),
    ("Police detained 200 protesters,4 including journalists.", [200]),
    ("The reservoir holds 5 km^3 of water.", [5]),
    ("The measurement was 2.5 ± 0.1 meters.", [2.5]),
    ("Resolution A/HRC/45/12 extended the mandate of the special rapporteur.", []),
    ("Reports, e.g. E/CN.4/2005/7, document 75 cases.", [75]),
    ("The ISO 9001 certified laboratory processed 1,200 samples.", [1200]),
    ("The NGO's hotline, 0800 123 456, received 1,250 calls.", [1250]),
    ("Under Article 19 of the constitution, 45 journalists were charged.", [45]),
    ("Under Section 377, 12 men were prosecuted.", [12]),
    ("Articles 12, 13, and 14 of the code were amended.", []),
    ("The Mi-24 helicopter fired on the village, killing 8 people.", [8]),
    ("Each cell measured 6 m² and held 12 inmates.", [6, 12]),
]


@pytest.mark.parametrize("sentence,want", NOT_FIGURES)
def test_what_is_not_a_figure(rules, sentence, want):
    assert [r["value"] for r in rows(sentence, rules)] == want


def test_a_margin_is_part_of_its_number(rules):
    (r,) = rows("The measurement was 2.5 ± 0.1 meters.", rules)
    assert (r["value"], r["low"], r["high"]) == pytest.approx((2.5, 2.4, 2.6))
    assert r["quote"].startswith("2.5 ± 0.1")


# --- paragraphs: no figure spans a break ------------------------------------------------------------


def test_numbers_never_join_across_a_paragraph_break(rules):
    text = "The attack killed three hundred\n\nFifty people were injured in the second attack."
    assert [(r["number_text"], r["value"]) for r in rows(text, rules)] == [("three hundred", 300), ("Fifty", 50)]
    # one paragraph per line (a CRLF file): every line break is a paragraph break
    text = "Officials said that one hundred\r\ntwenty people were arrested in the capital.\r\n"
    got = rows(text, rules)
    assert [(r["number_text"], r["value"]) for r in got] == [("one hundred", 100), ("twenty", 20)]
    assert all(r["sentence_start"] <= r["start"] < r["end"] <= r["sentence_end"] for r in got)


def test_numbers_join_across_a_soft_line_break_of_a_wrapped_paragraph(rules):
    # a hard-wrapped report: a line break inside a paragraph is white space (ghana-2019)
    lines = ["The police arrested students who protested against the reform of the",
             "legal education system. Authorities reportedly arrested between 10",
             "and 13 protesters and subsequently released them. The attack killed three hundred",
             "and fifty people in the northern region, according to the local authorities of",
             "the district and the human rights groups that documented the killings there.",
             "", "A second paragraph follows with nothing in it but words and more words and words."]
    got = rows("\n".join(lines) + "\n", rules)
    assert [(r["number_text"], r["low"], r["high"]) for r in got] == [
        ("10\nand 13", 10, 13), ("three hundred\nand fifty", 350, 350)]


def test_analyse_takes_the_paragraphs_it_is_given(rules):
    text = "killed three hundred\nfifty people"
    joined = analyse(text, rules, paragraphs=[(0, len(text))]).mentions
    split = analyse(text, rules, paragraphs=[(0, 20), (21, len(text))]).mentions
    assert [m.value for m in joined] == [350] and [m.value for m in split] == [300, 50]
    assert [m.value for m in find_numbers(text, rules)] == [300, 50]  # short text: each line a paragraph


@pytest.mark.parametrize("text", [
    "Officials said that one hundred\r\ntwenty people were arrested.\r\n",
    "The attack killed three hundred\n\nFifty people were injured.\n",
])
def test_figures_out_of_text_with_breaks_is_valid(tmp_path, text):
    report = tmp_path / "breaks.txt"
    report.write_bytes(text.encode("utf-8"))
    out = tmp_path / "figures.csv"
    result = invoke(report, "--figures-out", out, "--fail-on", "never")
    assert result.exit_code == 0, (result.output, result.exception)
    with out.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 2 and all("\n" not in r["number_text"] for r in table)


# --- the currency column ------------------------------------------------------------------------------


def test_conversions_read_the_currency_column(rules):
    s = ("When the victim’s family learned of her detention, they went to the police station, where police "
         "demanded 1.5 lakh BDT ($1,800) for her release.")  # bangladesh-2019
    got = rows(s, rules)
    assert [(r["value"], r["currency"]) for r in got] == [(150_000, "taka"), (1800, "USD")]
    (c,) = link_conversions(s, got, rules)
    assert (c.amount, c.equivalent, c.source, c.target) == (150_000, 1800, "taka", "USD")
    # the column is what the conversion reads: another currency there, another conversion ...
    edited = [dict(r) for r in got]
    edited[1]["currency"] = "EUR"
    (c,) = link_conversions(s, edited, rules)
    assert c.target == "EUR"
    # ... and the words between an amount and its parenthesis must not name another one
    edited[0]["currency"] = "rupee"
    assert link_conversions(s, edited, rules) == []


def test_a_table_without_the_later_columns_is_read(tmp_path):
    report = tmp_path / "mali.txt"
    report.write_text("A fine of up to 500,000 CFA francs ($830) was imposed. At least 29 soldiers were killed.\n",
                      encoding="utf-8")
    table = tmp_path / "figures.csv"
    assert invoke(report, "--figures-out", table, "--fail-on", "never").exit_code == 0
    with table.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = [f for f in reader.fieldnames if f not in ("currency", "whole")]
        old = [{k: r[k] for k in fields} for r in reader]
    assert len(fields) < len(reader.fieldnames)
    with table.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(old)
    result = invoke(table, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, (result.output, result.exception)


def test_a_numbered_paragraph_is_no_figure_but_a_wrapped_line_keeps_its_number(rules):
    # a UN report's numbered paragraph; Ghana 2019, section 6, a hard-wrapped line that starts
    # with the age that ends the sentence before it
    assert [r["value"] for r in rows("Context\n\n4. On 19 March, 12 people were killed.\n", rules)] == [12]
    assert [r["value"] for r in rows("percent increase in reported cases of sexual abuse of girls younger than\n"
                                     "16. According to the GPS, reports of adults participating\n", rules)] == [16]


def test_a_currency_abbreviation_with_a_period_does_not_end_its_sentence(tmp_path):
    # Paraguay 2016, section 4: the figures table failed its own schema (a figure starting in the
    # sentence before its own), and the corpus run stopped on an internal error
    report = tmp_path / "paraguay-2016.txt"
    report.write_text("Corruption: On July 7, the Economic Crimes and Corruption Unit of the Attorney General\u2019s "
                      "Office opened an investigation into the Chief of Defense, Luis Gonzaga Garcete, and his wife, "
                      "Lucia Duarte de Garcete, for fraud and abuse of authority associated with the misuse of "
                      "approximately Gs. 38.5 billion ($7 million) of public funds. On August 19, the Attorney "
                      "General\u2019s Office transferred the investigation.\n", encoding="utf-8")
    out = tmp_path / "figures.csv"
    result = invoke(report, "--figures-out", out, "--fail-on", "never")
    assert result.exit_code == 0, (result.output, result.exception)
    with out.open(encoding="utf-8") as fh:
        (amount,) = [r for r in csv.DictReader(fh) if r["kind"] == "money" and r["currency"] != "USD"]
    assert float(amount["value"]) == 38.5e9 and amount["quote"].startswith("approximately Gs. 38.5 billion")
