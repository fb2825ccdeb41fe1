"""The figures table: what each figure counts, who, by whom, when and where, read from real
sentences; paragraphs and sentences; the schema that is the contract with the checks."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from reportcheck.config import load_rules
from reportcheck.extract.figures import extract, figures_frame
from reportcheck.extract.sentences import paragraphs, sentences
from reportcheck.model import Document
from reportcheck.schema import COLUMNS, validate

DATA = Path(__file__).parent / "data"
RULES = load_rules()


def table(text: str, year: int = 2020, country: str = "ML") -> pd.DataFrame:
    doc = Document(id="t", path="t.txt", text=text, format="text", encoding="utf-8", year=year, country=country,
                   country_name="Mali")
    return figures_frame(extract(doc, RULES), RULES)


def row(t: pd.DataFrame, quote: str) -> pd.Series:
    hits = t[t["quote"] == quote]
    assert len(hits) == 1, (quote, t["quote"].tolist())
    return hits.iloc[0]


@pytest.mark.parametrize("sentence, quote, measure, who", [
    ("On March 19, in a non-IED-related attack, armed individuals attacked a military camp in Tarkint, Gao Region, "
     "killing at least 29 soldiers and wounding five others.", "at least 29 soldiers", "killed", "soldiers"),
    ("On March 19, in a non-IED-related attack, armed individuals attacked a military camp in Tarkint, Gao Region, "
     "killing at least 29 soldiers and wounding five others.", "five others", "injured", "soldiers"),
    ("For example, among numerous other attacks, on March 19, a total of 30 soldiers were killed and 20 injured in "
     "an attack in Gao.", "20 injured", "injured", "soldiers"),
    ("Between July 10 and 13, a total of 14 persons, including two children, were killed in the course of "
     "interventions by security forces.", "a total of 14 persons", "killed", "civilians"),
    ("The HRPD went on to report that 13 of the suspects were killed and six forcibly disappeared.",
     "six forcibly disappeared", "disappeared", ""),
    ("The data further revealed that Fulani self-defense groups were responsible for 81 attacks that resulted in "
     "the deaths of at least 250 Dogons.", "at least 250 Dogons", "killed", ""),
    ("The United Nations documented 164 cases of recruitment and use of child soldiers, which included 127 by "
     "signatory armed groups in the North, 21 by the MDSF.", "164 cases", "recruited", ""),
    ("The United Nations documented 164 cases of recruitment and use of child soldiers, which included 127 by "
     "signatory armed groups in the North, 21 by the MDSF.", "21", "recruited", ""),
    ("On October 13, JNIM attacked a FAMa outpost in Soukoura town in the central Mopti Region that left nine "
     "soldiers dead.", "nine soldiers dead", "killed", "soldiers"),
    ("As of August authorities detained 372 persons charged with terrorism.", "372 persons charged", "detained",
     "civilians"),
])
def test_what_is_counted_and_who(sentence, quote, measure, who):
    r = row(table(sentence), quote)
    assert (r["measure"], r["who"]) == (measure, who)


def test_perpetrators_and_units():
    t = table("According to the same HRPD reports covering the first six months of the year, terrorist elements were "
              "allegedly responsible for 82 killings, while signatory and nonsignatory armed groups were allegedly "
              "responsible for at least 18 deaths. One of the three individuals was sentenced to six months in prison "
              "and a fine of 500 dirhams ($50) by a court. The 3,782-acre territory had 16-year-old pupils.")
    assert row(t, "82 killings")["perpetrator"] == "terrorist elements"
    assert row(t, "at least 18 deaths")["perpetrator"] == "signatory and nonsignatory armed groups"
    assert row(t, "82 killings")["source"] == "same HRPD reports covering the first six months of the year"
    assert row(t, "500 dirhams")["kind"] == "money"
    assert row(t, "50")["kind"] == "money"
    assert row(t, "3,782-acre territory")["kind"] == "area"


def test_dates_and_places_of_figures_including_the_paragraph_carry():
    text = ("On February 14, more than 35 villagers were killed in the village of Ogossagou by an ethnic militia. "
            "The military post was established following an attack on the same village in March 2019 that left "
            "more than 150 villagers dead. A MINUSMA human rights fact-finding mission concluded that armed men "
            "planned the attack, resulting in the death of at least 35 Fulani villagers, three injured, and 19 "
            "more missing.\n")
    t = table(text)
    assert row(t, "more than 35 villagers")[["date_low", "date_precision", "place"]].tolist() == [
        "2020-02-14", "day", "Ogossagou"]
    assert row(t, "more than 150 villagers dead")["date_low"] == "2019-03-01"
    # no date of its own: the paragraph's latest incident date, not the background "March 2019"
    assert row(t, "at least 35 Fulani villagers")["date_low"] == "2020-02-14"
    assert row(t, "19 more missing")["additive"]


def test_intervals_of_qualified_figures():
    t = table("more than 700 civilians killed; nearly 100 Fulanis; at least 29 soldiers; approximately 30 vehicles; "
              "dozens of prisoners.")
    assert tuple(row(t, "more than 700 civilians killed")[["low", "high"]]) == (701.0, math.inf)
    assert tuple(row(t, "nearly 100 Fulanis")[["low", "high"]]) == (90.0, 99.0)
    assert tuple(row(t, "approximately 30 vehicles")[["low", "high"]]) == (27.0, 33.0)
    assert row(t, "dozens")["number_kind"] == "vague"


def test_offsets_are_indices_into_the_text_as_read():
    text = (DATA / "mali-2019.txt").read_text(encoding="utf-8")
    t = table(text, year=2019)
    assert len(t) > 20
    for r in t.itertuples():
        assert text[r.start:r.end] == r.quote
        assert r.sentence_start <= r.start and r.end <= r.sentence_end


def test_paragraphs_one_per_line_or_blank_line_blocks():
    web = "First paragraph. It has two sentences.\nSecond paragraph on its own line.\n"
    assert len(paragraphs(web)) == 2
    wrapped = ("This report was wrapped at a fixed width so that\nevery line ends in the middle of a\nsentence "
               "and only blank lines\nseparate the paragraphs of the\n\nreport, which is the second one\nhere and "
               "it goes on\nlike this\n")
    assert len(paragraphs(wrapped)) == 2


def test_sentences_do_not_split_at_abbreviations():
    text = ("The U.S. embassy noted that Mr. Diallo arrived at 11 a.m. on the same day (see section 1.g.). "
            "Police arrested him.")
    spans = sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans][-1] == "Police arrested him."
    assert len(spans) == 2


def test_schema_is_the_contract():
    t = table("Between July 10 and 13, a total of 14 persons, including two children, were killed.")
    assert list(t.columns) == list(COLUMNS)
    bad = t.copy()
    bad.loc[0, "low"], bad.loc[0, "high"] = 20.0, 10.0
    bad.loc[1, "qualifier"] = "roughly-ish"
    import pandera.errors

    with pytest.raises(pandera.errors.SchemaErrors) as err:
        validate(bad, tuple(RULES["qualifiers"]))
    # every violation, not only the first
    failed = str(err.value)
    assert "low <= high" in failed and "roughly-ish" in failed


@pytest.mark.parametrize("path", ["mali-2019.txt", "mali-2020-excerpt.txt", "state-gov-mali-2019.html"])
def test_extractor_output_meets_the_schema_on_real_reports(path):
    from reportcheck.read import read_document

    doc = read_document(DATA / path)
    validated = figures_frame(extract(doc, RULES), RULES, validate=True)
    assert len(validated) > 10


def test_figures_out_validates_the_table(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from reportcheck import cli, pipeline

    seen = {}
    real = pipeline.run

    def spy(paths, **kw):
        seen.update(kw)
        return real(paths, **kw)

    monkeypatch.setattr(pipeline, "run", spy)
    out = tmp_path / "f.csv"
    CliRunner().invoke(cli.main, [str(DATA / "mali-2019.txt"), "--figures-out", str(out)])
    assert seen["validate"] is True and out.exists()


def test_numbers_that_are_not_figures_are_accounted_for():
    # "In December 2019" and "May 11" are dates; "G5 Sahel" and "COVID-19" are names
    text = ("In December 2019 at least 26 individuals were arrested. On May 11, the G5 Sahel Joint Force (18) "
            "and COVID-19 measures were discussed.")
    doc = Document(id="t", path="t.txt", text=text, format="text", encoding="utf-8", year=2020, country="ML")
    ex = extract(doc, RULES)
    assert [r["quote"] for r in ex.rows] == ["at least 26 individuals", "18"]
    assert (ex.numbers_in_dates, ex.numbers_in_names) == (2, 2)


@pytest.mark.parametrize("written, value", [("four", 4.0), ("twenty-one", 21.0), ("1,234", 1234.0), ("14", 14.0),
                                            ("suspects", None)])
def test_parse_number(written, value):
    from reportcheck.extract.numbers import parse_number

    assert parse_number(written) == value


def test_the_typed_figure_row_is_the_schema():
    # model.FigureRow (what extraction, links and checks pass around) and schema.COLUMNS (what
    # the table leaving the tool is validated against) name the same columns in the same order
    import typing

    from reportcheck.model import FigureRow
    from reportcheck.schema import COLUMNS

    hints = typing.get_type_hints(FigureRow)
    assert list(hints) == list(COLUMNS)
    types = {"str": str, "int64": int, "float64": float, "bool": bool}
    for name, (dtype, nullable, _) in COLUMNS.items():
        expected = types[dtype] | None if nullable and dtype == "str" else types[dtype]
        assert hints[name] == expected, name
