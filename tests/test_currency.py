"""RC105 currency-conversions, on real sentences: conversions found as written, the rate each
implies, and which conversions disagree with the report's own rate."""
from __future__ import annotations

import math

import pytest

from reportcheck.config import load_rules
from reportcheck.extract.figures import extract
from reportcheck.link.conversions import link_conversions
from reportcheck.model import Document
from test_checks import results, run_text

# 2019 Mali report, section by section (every sentence as the report has it)
MALI_CONSISTENT = (
    "Section 1. Respect for the Integrity of the Person\n\n"
    "c. Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment\n\n"
    "A nine-billion-CFA ($16.5 million) construction project for a new prison in Kenieroba, 30 miles south of "
    "Bamako, was ongoing.\n\n"
    "Section 6. Discrimination, Societal Abuses, and Trafficking in Persons\n\n"
    "Assault is punishable by prison terms of one to five years and fines of up to 500,000 CFA francs ($830).\n\n"
    "Penalties for the sexual exploitation of both adults and children are six months to three years in prison "
    "and a fine of between 20,000 and one million CFA francs ($33 and $1,661).\n\n"
    "Section 7. Worker Rights\n\n"
    "Employers paid some domestic workers as little as 7,500 CFA francs ($14) per month.\n")
MALI_LOST = ("These two agencies were reported to have lost 2.12 billion CFA (more than five million dollars) in "
             "taxpayers’ money in 2018.")
MALI = MALI_CONSISTENT.replace("Section 6.", "Section 4. Corruption\n\n" + MALI_LOST + "\n\nSection 6.")


def conversions(text: str, year: int = 2019):
    rules = load_rules()
    doc = Document(id="t", path="t.txt", text=text, format="text", encoding="utf-8", year=year)
    return link_conversions(text, extract(doc, rules).rows, rules)


def written(text: str, c) -> tuple[str, str]:
    (a, b), (x, y) = c.spans
    return text[a:b], text[x:y]


def test_mali_conversion_at_another_rate_is_flagged(tmp_path):
    run = run_text(tmp_path, MALI, "mali-2019.txt")
    found = results(run, "RC105")
    (bad,) = [r for r in found if r.failed]
    assert bad.severity == "warning"
    assert bad.message.startswith("2.12 billion CFA = more than five million dollars implies fewer than 424 CFA "
                                  "francs per US dollar; the report's other 5 conversions imply 536-606")
    assert [e.quote for e in bad.evidence] == ["2.12 billion CFA (more than five million dollars)"]
    assert bad.evidence[0].section == "4"
    (ok,) = [r for r in found if not r.failed]
    assert "5 conversions of CFA francs to US dollars agree on one rate" in ok.message
    assert {e.quote for e in ok.evidence} == {
        "nine-billion-CFA ($16.5 million)", "500,000 CFA francs ($830)", "20,000 and one million CFA francs ($33",
        "one million CFA francs ($33 and $1,661)", "7,500 CFA francs ($14)"}


def test_mali_consistent_conversions_pass(tmp_path):
    found = results(run_text(tmp_path, MALI_CONSISTENT, "mali-2019.txt"), "RC105")
    assert len(found) == 1 and not found[0].failed
    assert "536-606 CFA francs per US dollar (median 602)" in found[0].message


def test_a_single_conversion_is_not_compared(tmp_path):
    run = run_text(tmp_path, MALI_LOST + "\n", "mali-2019.txt")
    assert len(conversions(MALI_LOST)) == 1
    assert results(run, "RC105") == [] and run.summary()["by_check"]["RC105"] == {"passed": 0, "failed": 0}


def test_mali_conversions_as_written():
    convs = conversions(MALI)
    got = [(*written(MALI, c), c.source, c.target, c.amount, c.equivalent, c.qualifier) for c in convs]
    assert got == [
        ("nine-billion-CFA", "$16.5 million", "CFA franc", "USD", 9e9, 16.5e6, "exact"),
        ("2.12 billion CFA", "more than five million dollars", "CFA franc", "USD", 2.12e9, 5e6, "more_than"),
        ("500,000 CFA francs", "$830", "CFA franc", "USD", 500_000, 830, "exact"),
        # a range converts element by element
        ("20,000", "$33", "CFA franc", "USD", 20_000, 33, "exact"),
        ("one million CFA francs", "$1,661", "CFA franc", "USD", 1e6, 1661, "exact"),
        ("7,500 CFA francs", "$14", "CFA franc", "USD", 7500, 14, "exact"),
    ]
    lost = convs[1]
    assert lost.open and lost.low == 0 and lost.high == pytest.approx(424)  # fewer than 424 CFA per dollar
    # "$830" is rounded to its last digit: 825-835
    assert (convs[2].low, convs[2].high) == (pytest.approx(500_000 / 835), pytest.approx(500_000 / 825))
    assert [c.element for c in convs] == [0, 0, 0, 0, 1, 0]


@pytest.mark.parametrize("sentence, amount, equivalent, source", [
    # Bangladesh 2019: a lakh is 100,000
    (("When the victim’s family learned of her detention, they went to the police station, where police demanded "
     "1.5 lakh BDT ($1,800) for her release."), 150_000, 1800, "taka"),
    (("When she refused to pay 500,000 Bangladeshi taka (BDT) ($6,000) for her son’s release, she said police "
     "punished her son."), 500_000, 6000, "Bangladeshi taka"),
    # Nepal 2019, Algeria 2019: the currency before the number
    (("In July the Home Ministry reached an agreement to compensate the victim’s family NRs 1 million ($10,000) and "
     "the NHRC closed the case."), 1e6, 10_000, "rupee"),
    ("In June a court in Algiers sentenced Haddad to six months in prison and a fine of 50,000 dinars ($418).",
     50_000, 418, "dinar"),
    # South Africa 2019
    (("In September President Ramaphosa addressed the GBVAW crisis at an emergency joint session of parliament, at "
     "which he pledged one billion rand ($693 million) to combat GBVAW."), 1e9, 693e6, "rand"),
])
def test_one_conversion_as_written(sentence, amount, equivalent, source):
    (c,) = conversions(sentence)
    assert (c.amount, c.equivalent, c.source, c.target) == (amount, equivalent, source, "USD")


def test_ranges_convert_element_by_element():
    # Algeria 2019 (the code before each number) and Bulgaria 2019 ("3,000 to 15,000 levs")
    text = ("If organizations fail to provide required information to the government, they are subject to fines "
            "between DZD 2,000 and DZD 5,000 ($17 and $43) and up to six months’ imprisonment. Libel is illegal "
            "and punishable by a fine of 3,000 to 15,000 levs ($1,680 to $8,400) and public censure.")
    got = [(c.amount, c.equivalent, c.source, c.element) for c in conversions(text)]
    assert got == [(2000, 17, "dinar", 0), (5000, 43, "dinar", 1), (3000, 1680, "lev", 0), (15000, 8400, "lev", 1)]


def test_words_that_are_not_a_currency_are_no_conversion():
    # "18 (...)" and "500 pounds of cannabis" convert nothing; "Rs 10,000 ($54.90 per month or $1.83 per day)"
    # holds two equivalents of different things
    text = ("The HRPD alleged killings by members of the G5 Sahel Joint Force (18), the Nigerien armed forces (34). "
            "Police seized 500 pounds of cannabis (227 kilograms). The changes increase the minimum wage from Rs "
            "10,000 ($54.90 per month or $1.83 per day) to Rs 12,500.")
    assert conversions(text) == []


def test_a_conversion_at_the_rate_of_its_time_is_not_compared(tmp_path):
    # Malawi 2018: the report dates the Cashgate conversion itself
    text = ("The law criminalizes the act of “knowingly receiving and sharing unauthorized data” and stipulates "
            "that a person found sharing or receiving such information is committing a crime and liable to a fine "
            "of 1.85 million MWK ($2,500) and imprisonment for up to five years.\n\nThe investigation and "
            "prosecution of approximately 70 individuals, primarily midlevel civil servants arrested in 2013 for "
            "involvement in the theft of approximately 20 billion MWK ($55 million at the time) through fraudulent "
            "transactions–the Cashgate corruption scandal–proceeded slowly.\n\nThe state’s eight billion MWK ($10.6 "
            "million) corruption case against former president Bakili Muluzi, begun in 2006, remained stalled.\n\n"
            "The maximum penalty for conviction of engaging in child pornography is 14 years in prison, while those "
            "found guilty of procuring a child for public entertainment are liable to a fine of 100,000 MWK ($133) "
            "and imprisonment for seven years.\n")
    convs = conversions(text, 2018)
    assert [c.historic for c in convs] == [False, True, False, False]
    found = results(run_text(tmp_path, text, "malawi-2018.txt"), "RC105")
    assert found and not any(r.failed for r in found)
    text = text.replace(" at the time", "")
    (bad,) = [r for r in results(run_text(tmp_path, text, "malawi-2018.txt"), "RC105") if r.failed]
    assert bad.message.startswith("20 billion MWK = $55 million implies 364 kwacha per US dollar")


def test_two_currencies_of_one_country_are_not_mixed(tmp_path):
    # Cuba 2016: the convertible peso is at par with the dollar, the peso at 25
    text = ("Access cost approximately two convertible pesos (CUC) ($2) per hour, still beyond the means of many "
            "citizens, whose average official income was approximately 23 CUC ($23) per month.\n\nThe largest fine "
            "reported during the year was 3,000 CUP ($120) for an unauthorized departure from the country.\n\nThe "
            "monthly minimum wage was fixed at 225 CUP ($9). Even with subsidies, the government acknowledged that "
            "the average wage of 600 CUP ($24) per month did not provide a reasonable standard of living.\n")
    convs = conversions(text, 2016)
    assert [c.source for c in convs] == ["convertible peso", "convertible peso", "peso", "peso", "peso"]
    found = results(run_text(tmp_path, text, "cuba-2016.txt"), "RC105")
    assert len(found) == 1 and not found[0].failed and "3 conversions of pesos" in found[0].message


EGYPT_2022 = (
    "In April the Cairo Criminal Court reduced the sentence against TikTok influencer Haneen Hossam to three years "
    "in prison and a fine of EGP 200,000 ($8,060) on human trafficking charges.\n\n"
    "On March 31, the Cairo Criminal Court issued a suspended sentence of one year of hard labor and an EGP 20,000 "
    "($725) fine for Cairo University media professor Ayman Mansour Nada.\n\n"
    "The court sentenced them to one year in prison and an EGP 10,000 ($403) fine.\n\n"
    "On July 27, the Cairo Criminal Court fined him EGP 500,000 ($20,150) on bribery charges.\n\n"
    "In August the Port Said Criminal Court issued a sentence of 24 years in prison and a fine of EGP 2.6 million "
    "($104,780) to a former judge on bribery charges.\n\n")


def test_a_rate_the_report_uses_twice_is_a_second_rate(tmp_path):
    # Egypt 2022: some amounts converted at the rate of their month (18-19 pounds), the rest at 24.8
    text = EGYPT_2022 + (
        "In March the Giza Criminal Court sentenced seven civil servants to prison terms ranging from five to 15 years "
        "on charges of public money embezzlement of EGP 331 million ($18 million) and illegal profiteering.\n\n"
        "In August the Court of Appeals received settlement agreements for the repayment of EGP eight billion ($417 "
        "million).\n")
    (r,) = results(run_text(tmp_path, text, "egypt-2022.txt"), "RC105")
    assert not r.failed and "2 others at 18.4-19.2, close to a rate the report uses elsewhere" in r.message
    # alone, the same amount at 18.4 is flagged
    text = text[:text.index("In August the Court of Appeals")]
    (bad,) = [r for r in results(run_text(tmp_path, text, "egypt-2022.txt"), "RC105") if r.failed]
    assert bad.message.startswith("EGP 331 million = $18 million implies 18.4 pounds per US dollar")


def test_a_slip_is_flagged_even_when_repeated(tmp_path):
    # Colombia 2016: two amounts converted ten times too high agree with each other, not with the report
    text = (
        "In February Colonel Robinson Gonzalez del Rio was sentenced to a fine of more than 1.8 billion Colombian "
        "Pesos (COP) ($6 million) for the unlawful killing of 34 civilians.\n\n"
        "The State Council ordered the Ministry of Defense to pay compensation to the family of disappeared victim "
        "Gloria Anzola de Lanao, in the amount of nearly COP 1.6 billion ($5,500,000).\n\n"
        "The court ordered the state to pay more than COP 700 million ($235,000) to Garzon’s family for damages.\n\n"
        "According to media reporting, an estimated COP 1.755 trillion ($600 million) was embezzled.\n\n"
        "The maximum penalty is 5,000 times the minimum monthly wage or COP 3.4 billion ($1.2 million).\n\n"
        "The minimum monthly wage as decreed by the government was COP 689,454 ($236) for all sectors.\n")
    found = results(run_text(tmp_path, text, "colombia-2016.txt"), "RC105")
    assert [r.message[:30] for r in found if r.failed] == ["1.8 billion Colombian Pesos (C",
                                                           "COP 1.6 billion = $5,500,000 i"]


def test_the_tolerance_comes_from_the_rule_file(tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text("checks:\n  RC105:\n    tolerance_by_country: {ML: 1.0}\n", encoding="utf-8")
    p = tmp_path / "mali-2019.txt"
    p.write_text(MALI, encoding="utf-8")
    from reportcheck import pipeline

    assert not any(r.failed for r in results(pipeline.run([str(p)], rule_files=[str(rules)]), "RC105"))


def test_rate_interval_of_an_approximate_equivalent():
    # Senegal 2018: "in excess of one billion CFA francs (approximately $1.8 million)"
    (c,) = conversions("Managers of public funds in excess of one billion CFA francs (approximately $1.8 million) "
                       "must disclose their assets.")
    assert c.qualifier == "about" and c.rate == pytest.approx(555.6, abs=0.1)
    assert c.low == pytest.approx(1e9 / 1.98e6) and c.high == pytest.approx(1e9 / 1.62e6)
    assert not math.isinf(c.high)


def test_explain_documents_the_check():
    from click.testing import CliRunner

    from reportcheck import cli

    result = CliRunner().invoke(cli.main, ["--explain", "RC105"])
    assert result.exit_code == 0 and result.output.startswith("RC105") and "How to resolve" in result.output


def test_sri_lanka_2022_january_amount_at_the_rate_before_the_devaluation(tmp_path):
    # Sri Lanka 2022: 100 million rupees ($493,000) in January is about 203 per dollar, the rate
    # before the March 2022 float; the other conversions are at about 360. default.yml's
    # tolerance_by_country has LK for it (per country, so for every year's report)
    text = (
        "In January the Ministry of Justice conducted a program called “Access to Justice: Mobile Services” in the "
        "five districts of the Northern Province, during which the Office for Reparations provided a total of 100 "
        "million rupees ($493,000) in compensation to 1,000 individuals, and more than 1,000 persons consulted with "
        "the OMP.\n\n"
        "On March 15, the cabinet approved a proposal to issue certificates of death or absence to families of "
        "disappeared persons, to pay a one-time 100,000 rupees ($274) allowance to their next of kin, and to provide "
        "land where necessary. In October the one-time payment was doubled to 200,000 rupees ($544).\n\n"
        "On June 6, the Colombo High Court convicted Minister of Urban Development and Housing and Chief Government "
        "Whip in Parliament Prasanna Ranatunga of extorting 64 million rupees ($179,000) from a businessman in 2015 "
        "when Ranatunga was the Western Province chief minister.\n")
    found = results(run_text(tmp_path, text, "sri-lanka-2022.txt"), "RC105")
    assert [(r.failed, r.message) for r in found] == [
        (False, "The report's 4 conversions of rupees to US dollars agree on one rate: 203-368 rupees per US dollar "
                "(median 361)")]


def test_sri_lanka_2016_slip_is_still_flagged(tmp_path):
    # Sri Lanka 2016: "200,000 thousand rupees" is a thousand times the amount its $1,333 converts
    text = (
        "The prescribed penalties for rape are seven to 20 years’ imprisonment and a fine of at least 200,000 "
        "thousand rupees (Rs) ($1,333); for domestic violence, a victim can obtain a protection order for one year "
        "and request a maintenance allowance.\n\n"
        "Violations for antiunion discrimination may result in a fine of 100,000 Rs ($666).\n\n"
        "During the year the minimum wage in the public sector increased to 32,040 Rs ($214) from 31,876 Rs ($212) "
        "in 2015 and 21,876 Rs ($146) in 2014.\n")
    failed = [r for r in results(run_text(tmp_path, text, "sri-lanka-2016.txt"), "RC105") if r.failed]
    assert [r.message[:37] for r in failed] == ["200,000 thousand rupees (Rs) = $1,333"]
