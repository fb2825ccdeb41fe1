"""What changed since the last release: compare() on hand-made tables, and --compare-to on the sample."""
from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from helpers import invoke
from reportcheck.compare import compare, masked_quote

SAMPLE = resources.files("reportcheck.samples").joinpath("mali-2020.txt").read_text(encoding="utf-8")
CHANGED_FROM, CHANGED_TO = "at least 60 unacknowledged detainees", "at least 65 unacknowledged detainees"


def previous_version(text: str = SAMPLE) -> str:
    """The sample with one figure changed and one paragraph moved (two paragraphs down)."""
    paras = text.split("\n\n")
    i = next(k for k, p in enumerate(paras) if p.startswith("Terrorist groups, signatory"))
    j = next(k for k, p in enumerate(paras) if p.startswith("There was limited progress"))
    assert i < j
    moved = paras[:i] + paras[i + 1:j + 1] + [paras[i]] + paras[j + 1:]
    out = "\n\n".join(moved)
    assert out.count(CHANGED_FROM) == 1 and out != text
    return out.replace(CHANGED_FROM, CHANGED_TO)


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no ./checks/mali-2020.yml
    (tmp_path / "mali-2020.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "previous").mkdir()
    (tmp_path / "previous" / "mali-2020.txt").write_text(previous_version(), encoding="utf-8")
    return tmp_path



def review(*args) -> dict:
    result = invoke(*args, "--format", "json")
    assert result.exit_code in (0, 1), (result.output, result.exception)
    return json.loads(result.stdout)


def changed(data: dict) -> list[dict]:
    return [r for r in data["results"] if r["code"] == "RC901" and r["outcome"] == "fail"]


# --- --compare-to on the sample -------------------------------------------------------------


def test_one_changed_figure_nothing_added_or_removed(work):
    data = review("mali-2020.txt", "--compare-to", "previous/mali-2020.txt")
    (r,) = changed(data)
    assert r["severity"] == "info" and r["status"] == "new"
    assert [e["quote"] for e in r["evidence"]] == [CHANGED_FROM]
    assert r["details"]["previous"]["quote"] == CHANGED_TO
    assert (r["details"]["previous"]["low"], r["details"]["current"]["low"]) == (65, 60)
    assert r["details"]["current"]["high"] == "inf"
    assert "was \"at least 65 unacknowledged detainees\"" in r["message"]
    assert data["summary"]["comparison"] == {"added": 0, "removed": 0, "changed": 1, "unchanged": 128}
    c = data["comparison"]
    assert c["added_figures"] == c["removed_figures"] == [] and c["figures_before"] == c["figures_after"] == 129
    assert data["summary"]["error"] == 1  # the sample's error still fails; RC901 is for a look
    assert "RC901" in data["checks"]


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_against_a_figures_table(work, suffix):
    table = work / f"previous{suffix}"
    assert invoke("previous/mali-2020.txt", "--figures-out", table).exit_code == 1
    data = review("mali-2020.txt", "--compare-to", table)
    (r,) = changed(data)
    assert [e["quote"] for e in r["evidence"]] == [CHANGED_FROM]
    assert data["summary"]["comparison"] == {"added": 0, "removed": 0, "changed": 1, "unchanged": 128}


def test_text_report(work):
    result = invoke("mali-2020.txt", "--compare-to", "previous/mali-2020.txt")
    assert result.exit_code == 1
    out = result.output
    # the changed figure (RC901) and the Tarkint killed counts that can both hold (RC101)
    assert "Infos (2)" in out and "RC901 changed-since-previous  info" in out
    assert "arithmetic: 65 [65, inf) -> 60 [60, inf)" in out
    assert "compared with previous/mali-2020.txt: 1 figure changed, 0 added, 0 removed, 128 unchanged" in out


def test_added_and_removed(work):
    sentence = "In August a further 17 journalists were detained."
    (work / "mali-2020.txt").write_text(SAMPLE.replace("Mali\n\n", f"Mali\n\n{sentence}\n\n", 1), encoding="utf-8")
    data = review("mali-2020.txt", "--compare-to", "previous/mali-2020.txt")
    assert data["summary"]["comparison"] == {"added": 1, "removed": 0, "changed": 1, "unchanged": 128}
    assert [f["quote"] for f in data["comparison"]["added_figures"]] == ["a further 17 journalists"]
    back = review("previous/mali-2020.txt", "--compare-to", "mali-2020.txt")
    assert back["summary"]["comparison"] == {"added": 0, "removed": 1, "changed": 1, "unchanged": 128}


def test_nothing_changed_passes(work):
    data = review("mali-2020.txt", "--compare-to", "mali-2020.txt")
    assert changed(data) == []
    (passed,) = [r for r in data["results"] if r["code"] == "RC901"]
    assert passed["outcome"] == "pass" and "No figure changed" in passed["message"]
    assert data["summary"]["comparison"]["unchanged"] == 129


def test_rc901_is_configured_in_the_rule_files(work):
    (work / "gate.yml").write_text("checks:\n  RC901: {severity: error}\n", encoding="utf-8")
    data = review("mali-2020.txt", "--compare-to", "previous/mali-2020.txt", "--rules", "gate.yml")
    assert [r["severity"] for r in changed(data)] == ["error"] and data["summary"]["error"] == 2
    (work / "off.yml").write_text("checks:\n  RC901: {enabled: false}\n", encoding="utf-8")
    data = review("mali-2020.txt", "--compare-to", "previous/mali-2020.txt", "--rules", "off.yml")
    assert not [r for r in data["results"] if r["code"] == "RC901"] and "RC901" not in data["checks"]
    assert data["summary"]["comparison"]["changed"] == 1  # still counted


def test_a_changed_figure_can_be_reviewed(work):
    import yaml

    assert invoke("mali-2020.txt", "--compare-to", "previous/mali-2020.txt", "--write-baseline", "b.yml").exit_code == 1
    data = yaml.safe_load((work / "b.yml").read_text(encoding="utf-8"))
    assert "RC901" in {e["code"] for e in data["reviewed"]}
    for e in data["reviewed"]:
        e["reason"] = "known"
    (work / "b.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    out = review("mali-2020.txt", "--compare-to", "previous/mali-2020.txt", "--baseline", "b.yml")
    assert [r["status"] for r in changed(out)] == ["waived"]


@pytest.mark.parametrize("make, needle", [
    (lambda w: None, "file not found"),
    (lambda w: (w / "prev.xlsx").write_text("x"), "give a figures table"),
    (lambda w: (w / "prev.json").write_text('{"schema_version": 1, "results": []}'), "not a figures table"),
    (lambda w: (w / "prev.csv").write_text("a,b\n1,2\n"), "no column document"),
])
def test_bad_previous_is_one_line(work, make, needle):
    make(work)
    name = next((p.name for p in work.iterdir() if p.name.startswith("prev.")), "prev.csv")
    result = invoke("mali-2020.txt", "--compare-to", name)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"check-report: --compare-to {name}: ") and needle in lines[0]


def test_compare_to_is_an_input(work):
    result = invoke("mali-2020.txt", "--compare-to", "prev.csv", "--figures-out", "prev.csv")
    assert result.exit_code == 2 and "refusing to overwrite the input" in result.stderr


# --- compare() on hand-made tables ----------------------------------------------------------


def table(rows: list[tuple], document: str = "r") -> pd.DataFrame:
    """Figures from (sentence, quote, number_text, value, low, high, qualifier) rows."""
    out, start = [], 0
    for sentence, quote, number_text, value, low, high, qualifier in rows:
        out.append({"document": document, "figure_id": f"{document}:{start}", "section": "1", "sentence": sentence,
                    "sentence_start": sentence * 100, "sentence_end": sentence * 100 + 99, "start": start,
                    "end": start + len(quote), "quote": quote, "number_text": number_text, "value": value,
                    "low": low, "high": high, "qualifier": qualifier})
        start += 100
    return pd.DataFrame(out)


def exact(sentence, quote, number_text, n):
    return (sentence, quote, number_text, float(n), float(n), float(n), "exact")


def test_masked_quote():
    assert masked_quote("at least 29 soldiers", "29") == "# soldiers"
    assert masked_quote("Five  others", "five") == "# others"
    assert masked_quote("dozens", "dozens") == "#"


def test_moved_sentences_and_one_change():
    before = table([exact(0, "29 soldiers", "29", 29), exact(0, "five others", "five", 5),
                    exact(1, "12 villagers", "12", 12), exact(2, "two persons", "two", 2)])
    after = table([exact(0, "12 villagers", "12", 12), exact(1, "two persons", "two", 2),
                   exact(2, "29 soldiers", "29", 29), exact(2, "six others", "six", 6)])
    frozen = before.copy(), after.copy()
    c = compare(before, after)
    assert (len(c.added), len(c.removed), len(c.changed), c.unchanged) == (0, 0, 1, 3)
    row = c.changed.iloc[0]
    assert (row["quote"], row["previous_quote"], row["value"], row["previous_value"]) == ("six others", "five others",
                                                                                           6, 5)
    pd.testing.assert_frame_equal(before, frozen[0])  # pure: the inputs are not changed
    pd.testing.assert_frame_equal(after, frozen[1])


def test_same_number_written_otherwise_is_not_a_change_but_a_qualifier_is():
    before = table([exact(0, "five others", "five", 5), exact(1, "29 soldiers", "29", 29)])
    after = table([exact(0, "5 others", "5", 5),
                   (1, "at least 29 soldiers", "29", 29.0, 29.0, math.inf, "at_least")])
    c = compare(before, after)
    assert (len(c.changed), c.unchanged) == (1, 1)
    assert c.changed.iloc[0]["qualifier"] == "at_least" and c.changed.iloc[0]["previous_qualifier"] == "exact"


def test_identical_sentences_do_not_swap():
    before = table([exact(0, "two persons", "two", 2), exact(1, "three persons", "three", 3)])
    after = table([exact(0, "three persons", "three", 3), exact(1, "two persons", "two", 2)])
    c = compare(before, after)
    assert (len(c.added), len(c.removed), len(c.changed), c.unchanged) == (0, 0, 0, 2)


def test_documents_paired_by_id_when_several():
    before = pd.concat([table([exact(0, "two persons", "two", 2)], "a"),
                        table([exact(0, "two persons", "two", 2)], "b")])
    after = pd.concat([table([exact(0, "two persons", "two", 2)], "a"),
                       table([exact(0, "four persons", "four", 4)], "c")])
    c = compare(before, after)
    assert (len(c.added), len(c.removed), len(c.changed), c.unchanged) == (1, 1, 0, 1)
    assert list(c.added["document"]) == ["c"] and list(c.removed["document"]) == ["b"]
    single = compare(table([exact(0, "two persons", "two", 2)], "old-name"),
                     table([exact(0, "3 persons", "3", 3)], "new"))
    assert len(single.changed) == 1  # one document on each side: paired whatever their names


def test_with_the_texts_another_sentence_is_not_a_changed_one():
    before = table([exact(0, "five persons", "five", 5)])
    after = table([exact(0, "seven persons", "seven", 7)])
    before["sentence_text"] = ["In Kayes five persons were arrested by the gendarmerie."]
    after["sentence_text"] = ["A mine near Gao wounded seven persons travelling to the market."]
    for t in (before, after):
        t["sentence_start"] = 0
        t["start"] = [t["sentence_text"][0].index(t["quote"][0])]
    c = compare(before, after)
    assert (len(c.added), len(c.removed), len(c.changed)) == (1, 1, 0)
    edited = after.assign(sentence_text=["In Kayes seven persons were arrested by the police."])
    edited["start"] = [edited["sentence_text"][0].index("seven persons")]
    assert len(compare(before, edited).changed) == 1  # the same sentence, edited: a changed figure
    # a figures table has no text: the same figures in the same order pass for one sentence
    assert len(compare(before.drop(columns="sentence_text"), after.drop(columns="sentence_text")).changed) == 1


def test_empty_tables():
    c = compare(pd.DataFrame(), table([exact(0, "two persons", "two", 2)]))
    assert (len(c.added), len(c.removed), len(c.changed), c.unchanged) == (1, 0, 0, 0)
