"""The whole path, read -> extract -> link -> check -> report, on the bundled sample and on
real report text; through the installed console script where exit status and stderr matter."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

import helpers
from helpers import failing
from reportcheck import cli, pipeline
from reportcheck.report.text import render

SAMPLE = Path(str(resources.files("reportcheck.samples").joinpath("mali-2020.txt")))
DATA = Path(__file__).parent / "data"
SCRIPT = Path(sys.executable).parent / "check-report"


@pytest.fixture(scope="module")
def sample_run():
    return pipeline.run([str(SAMPLE)])



def covers(result, *quotes, text=None):
    """The result's evidence overlaps each quote of the sample (or of `text`)."""
    return helpers.covers(result, *quotes, text=text if text is not None else SAMPLE.read_text(encoding="utf-8"))


# --- the three inconsistencies of the sample, and the 700-versus-subtotals arithmetic -------------

def test_tarkint_injured_counts_cannot_both_hold(sample_run):
    hits = [r for r in failing(sample_run, "RC101") if r.severity == "error"]
    assert len(hits) == 1
    r = hits[0]
    assert covers(r, "killing at least 29 soldiers and wounding five others",
                  "a total of 30 soldiers were killed and 20 injured in an attack in Gao")
    assert "injured" in r.message and "5 and 20 do not overlap" in r.message


def test_tarkint_killed_counts_overlap_but_differ_is_shown_as_info(sample_run):
    # "at least 29" and "30" can both hold: compatible wording, shown but never failing the run
    hits = [r for r in failing(sample_run, "RC101") if r.severity == "info"]
    assert len(hits) == 1 and "killed" in hits[0].message
    assert "[29, inf)" in hits[0].message and "30" in hits[0].message


def test_bamako_protest_dates_conflict(sample_run):
    (r,) = failing(sample_run, "RC102")
    assert covers(r, "Between July 10 and 13, a total of 14 persons", "violent July 10-12 protests")
    assert r.severity == "warning"


def test_kayes_placed_in_the_center_and_in_the_west(sample_run):
    (r,) = failing(sample_run, "RC103")
    assert covers(r, "in the city of Kayes in the central part of the country", "and to the Kayes Region in the West")


def test_700_versus_its_subtotals_shows_the_arithmetic(sample_run):
    (r,) = failing(sample_run, "RC201")
    assert r.severity == "warning"
    assert "195 + 82 + 18 + 350 + 18 + 34 + 50 = 747" in r.arithmetic
    assert "understates them by 47" in r.message


def test_no_other_failures_on_the_sample(sample_run):
    # five failing results: the injured error, three warnings (dates, Kayes, 700) and the killed info
    assert sorted((r.code, r.severity) for r in failing(sample_run)) == [
        ("RC101", "error"), ("RC101", "info"), ("RC102", "warning"), ("RC103", "warning"), ("RC201", "warning")]


# --- what must NOT be flagged, and is still checked -----------------------------------------------

@pytest.mark.parametrize("parts, total", [
    (["127 by signatory armed groups", "21 by the MDSF", "14 by Katiba Macina", "two by Dan Na Ambassagou"],
     "documented 164 cases of recruitment"),
    (["189 boys", "26 girls"], "215 children (189 boys"),
    (["13 of the suspects were killed", "six forcibly disappeared"], "a total of 19 individuals suspected"),
    (["81 attacks", "17 attacks"], "98 separate attacks"),
    (["seven remained in detention", "three were released"], "Of the 10 suspects"),
    (["at least 250 Dogons", "nearly 100 Fulanis"], "more than 350 civilian deaths as a result"),
])
def test_totals_that_add_up_pass(sample_run, parts, total):
    passing = [r for r in sample_run.results if r.code == "RC201" and not r.failed and covers(r, total, *parts)]
    assert passing, f"no passing totals check covers {total!r}"


@pytest.mark.parametrize("a, b", [
    ("killing at least three peacekeepers and wounding four others",
     "three Chadian peacekeepers were killed and four others wounded"),
    ("more than 35 villagers were killed in the village of Ogossagou", "the death of at least 35 Fulani villagers"),
    ("killing at least 16 others", "killing at least 32 civilians"),
])
def test_incidents_told_twice_the_same_way_pass(sample_run, a, b):
    linked = [r for r in sample_run.results if r.code == "RC101" and covers(r, a, b)]
    assert linked and not any(r.failed for r in linked)


def test_cisse_abduction_is_linked_and_dated_the_same(sample_run):
    linked = [r for r in sample_run.results if r.code == "RC102" and covers(
        r, "on March 25, opposition leader", "On March 25, Cisse was captured")]
    assert linked and not linked[0].failed


def test_part_of_whole_traces_the_repeated_whole(sample_run):
    (r,) = [r for r in sample_run.results if r.code == "RC202" and covers(
        r, "responsible for two of the 14 deaths", "a total of 14 persons")]
    assert not r.failed


def test_every_check_that_ran_is_reported(sample_run):
    by_check = sample_run.summary()["by_check"]
    assert set(by_check) == set(sample_run.checks)
    # the checks with something to judge in the sample judged it; a check without (RC106: no
    # figure is restated with two dates) is still listed, with zeros
    for code in ("RC101", "RC102", "RC103", "RC104", "RC201", "RC202"):
        assert by_check[code]["passed"] + by_check[code]["failed"] > 0, code
    assert by_check["RC106"] == {"passed": 0, "failed": 0}
    assert sum(not r.failed for r in sample_run.results) >= 25
    text = render(sample_run, color=False, fail_on="error")
    assert "RC106 nothing to judge" in text


# --- planted contradictions in real text are found -------------------------------------------------

def _run_text(tmp_path, text, name="mali-2020.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return pipeline.run([str(p)])


@pytest.mark.parametrize("old, new, code, severity", [
    ("215 children (189 boys, 26 girls)", "215 children (189 boys, 36 girls)", "RC201", "error"),
    ("which included 127 by signatory", "which included 137 by signatory", "RC201", "error"),
    ("responsible for two of the 14 deaths", "responsible for 20 of the 14 deaths", "RC202", "error"),
    ("killing at least three peacekeepers and wounding four others",
     "killing at least three peacekeepers and wounding six others", "RC101", "error"),
    # a single day moved: the dates no longer overlap, but the two tellings of the abduction share
    # what happened (Cisse, "legislative elections", an abduction): linked by content, flagged
    ("On March 25, Cisse was captured", "On March 26, Cisse was captured", "RC102", "warning"),
    # ... while the same sentences with nothing shared but the kind of event are not linked
    ("On October 8, Cisse was released along", "On October 9, the detainee was released along", None, None),
])
def test_planted_contradictions(tmp_path, old, new, code, severity):
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    run = _run_text(tmp_path, text.replace(old, new))
    base = {(r.code, r.message) for r in failing(pipeline.run([str(SAMPLE)]))}
    added = [r for r in failing(run) if (r.code, r.message) not in base]
    if code is None:
        assert added == []
    else:
        assert [(r.code, r.severity) for r in added] == [(code, severity)]
        assert covers(added[0], new, text=text.replace(old, new))


# --- real sentences from other reports: nothing to flag ------------------------------------------

NOT_FLAGGED = [
    # Haiti 2019: two parts against two different wholes in one sentence
    "According to the UN Integrated Offices in Haiti (BINUH), 53 persons were killed and 112 injured during "
    "antigovernment protests between September 15 and November 19, with 22 of the 53 deaths and 55 of the 112 "
    "injuries attributable to the HNP.",
    # Vanuatu 2019: two "Of the N" wholes in one sentence
    "Between January and September the PSU received 81 complaints of both disciplinary (49) and criminal (32) "
    "misconduct. Of the 32 criminal complaints, 24 were addressed, and of the 49 disciplinary cases, 40 were "
    "addressed through the internal disciplinary complaints process.",
    # Kazakhstan 2019: "Five of the women" are not the three women arrested
    "They entered the building before a press conference regarding three women arrested on charges of "
    "participation in the DCK banned opposition movement, including Oksana Shevchuk. Five of the women punched "
    "and attacked a journalist and others destroyed or attempted to destroy the journalists' equipment.",
    # Malawi 2019: three parts of "the 10", and money and prison terms that are no parts at all
    "On January 10, one Cashgate trial involving 11 suspects was concluded with 10 of the suspects convicted and "
    "one acquitted. The 10 were convicted of money laundering and conspiracy to commit a felony involving 201 "
    "million MWK ($264,000) from the former Ministry of Disability. On April 16, the High Court sentenced three "
    "of the 10 to five years' imprisonment each, four of the 10 to four years' imprisonment each, and the last "
    "three of the 10 to three years' imprisonment each.",
    # Maldives 2019: "26 of the cases" are not 26 of the 17 cases before
    "The Maldives Correctional Service (MCS) was accused in 17 cases, 16 of which took place at Maafushi Prison. "
    "The HRCM closed investigations in 26 of the cases, finding no evidence of torture.",
    # Bosnia 2019: "four countries, including 14,000": countries and persons are not parts of each other
    "Most of the migrants came from four countries, including 14,000 from Pakistan and 5,000 from Afghanistan.",
    # Jordan 2019: "consists of the 65-member Senate" is no "Of the N" breakdown
    "The multiparty parliament consists of the 65-member Senate (Majlis al-Ayan) appointed by the king and a "
    "130-member popularly elected House of Representatives (Majlis al-Nuwwab).",
]


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_real_sentences_not_flagged(tmp_path, text):
    run = _run_text(tmp_path, "Section 1. Respect\n\n" + text + "\n", name="report-2019.txt")
    assert failing(run) == [], [r.message for r in failing(run)]


def test_malawi_three_parts_of_the_ten_add_up(tmp_path):
    run = _run_text(tmp_path, NOT_FLAGGED[3] + "\n", name="malawi-2019.txt")
    totals = [r for r in run.results if r.code == "RC201"]
    assert any("three + four + three = 10" in r.arithmetic and not r.failed for r in totals)


def test_the_full_2019_report_excerpt_runs_clean(tmp_path):
    run = pipeline.run([str(DATA / "mali-2019.txt")])
    assert run.documents[0].figures > 20
    assert failing(run) == [], [r.message for r in failing(run)]


# --- the command, as a user runs it ---------------------------------------------------------------

def test_command_on_the_sample_exits_1_and_shows_the_findings():
    proc = subprocess.run([str(SCRIPT), str(SAMPLE), "--no-color"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    for needle in ("RC101 same-incident-counts  error", "five others", "20 injured", "July 10-12",
                   "Kayes Region in the West", "195 + 82 + 18 + 350 + 18 + 34 + 50 = 747",
                   "Checks that passed", "unparsed numbers"):
        assert needle in out, needle


def test_json_output_follows_the_scorer_contract(tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli.main, [str(SAMPLE), "--format", "json", "--output", str(out)])
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    text = SAMPLE.read_text(encoding="utf-8")
    assert data["schema_version"] == 1
    assert data["documents"][0]["year"] == 2020 and data["documents"][0]["figures"] > 100
    for r in data["results"]:
        assert r["outcome"] in ("pass", "fail") and r["severity"] in ("error", "warning", "info")
        for e in r["evidence"]:
            assert text[e["start"]:e["end"]] == e["quote"]


def test_fail_on_never_and_warning():
    runner = CliRunner()
    assert runner.invoke(cli.main, [str(SAMPLE), "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(cli.main, [str(SAMPLE), "--fail-on", "warning"]).exit_code == 1


def test_html_input_end_to_end():
    result = CliRunner().invoke(cli.main, [str(DATA / "state-gov-mali-2019.html"), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["format"] == "html" and doc["year"] == 2019 and doc["figures"] > 10


def test_figures_out_csv_keeps_provenance(tmp_path):
    import pandas as pd

    out = tmp_path / "figures.csv"
    result = CliRunner().invoke(cli.main, [str(SAMPLE), "--figures-out", str(out), "--fail-on", "never"])
    assert result.exit_code == 0
    table = pd.read_csv(out, keep_default_na=False)
    text = SAMPLE.read_text(encoding="utf-8")
    row = table[table["quote"] == "at least 29 soldiers"].iloc[0]
    assert text[int(row["start"]):int(row["end"])] == "at least 29 soldiers"
    assert (row["section"], row["measure"], row["who"], row["qualifier"]) == ("1.a", "killed", "soldiers", "at_least")
    assert row["date_low"] == "2020-03-19" and row["place"] == "Tarkint"


@pytest.mark.parametrize("content, name, needle", [
    (b"", "empty.txt", "empty"),
    (b"\x00\x01\x02\x03binary\x00", "data.txt", "binary"),
    (b"some text", "report.docx", "not a word .docx file"),
    (None, "missing.txt", "no such file"),
])
def test_bad_input_exit_2_one_line(tmp_path, content, name, needle):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    proc = subprocess.run([str(SCRIPT), str(p)], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("check-report: ") and needle in lines[0].lower(), proc.stderr


def test_worker_processes_give_the_same_run_as_one_process():
    paths = [str(DATA / "mali-2019.txt"), str(DATA / "mali-2020-excerpt.txt"), str(DATA / "mali-2019-flagged.txt")]
    one, two = pipeline.run(paths, jobs=1), pipeline.run(paths, jobs=2)
    assert [d.id for d in two.documents] == [d.id for d in one.documents]
    assert ([(r.code, r.outcome, r.message) for r in two.results]
            == [(r.code, r.outcome, r.message) for r in one.results])
    assert two.figures.equals(one.figures)
    assert any(r.failed for r in two.results)  # the flagged excerpt's findings came back from a worker
