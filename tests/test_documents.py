"""Reports as they come: PDF and Word files (read/pdf.py, read/docx.py) and UN and NGO layouts.

The documents are in tests/data/documents/ (made by make_documents.py there, from the State
Department's page and from UN- and NGO-style texts written for these tests):

- barbados-2019.pdf / .docx: the State Department's 2019 report on Barbados as its PDFs are laid
  out (a running header "BARBADOS 2", a two-line footer), and as a Word file; barbados-2019.txt
  is the text the HTML reader reads from the saved page (its text version);
- un-a-hrc-45-33.pdf / .docx: a UN report (numbered paragraphs, "A. Context", footnotes, a
  table, the symbol in the running header, page and job number in the footer, hyphenated
  lines); the .docx is its draft with tracked changes and a comment;
- ngo-two-columns.pdf: an NGO report in two columns with a table.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import reportcheck
from helpers import error_message, invoke
from reportcheck.errors import InputError
from reportcheck.read import read_document

pytest.importorskip("pypdfium2")

DOCS = Path(__file__).parent / "data" / "documents"
BARBADOS = DOCS / "barbados-2019"
UN = DOCS / "un-a-hrc-45-33"
NGO = DOCS / "ngo-two-columns.pdf"


def _norm(s: str) -> str:
    return " ".join(str(s).split())


def _figures(run) -> Counter:
    f = run.figures
    return Counter((_norm(q), str(v)) for q, v in zip(f["quote"], f["value"], strict=True))


def _findings(run) -> set:
    return {(r.code, tuple(_norm(e.quote) for e in r.evidence)) for r in run.results if r.failed}


@pytest.fixture(scope="module")
def text_run():
    return reportcheck.check([str(BARBADOS.with_suffix(".txt"))])


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_state_report_as_pdf_and_docx_gives_the_figures_and_findings_of_its_text(text_run, suffix):
    run = reportcheck.check([str(BARBADOS.with_suffix(suffix))])
    want, got = _figures(text_run), _figures(run)
    kept = sum((want & got).values())
    assert sum(want.values()) >= 45
    assert kept >= 0.98 * sum(want.values()), (want - got, got - want)
    assert _findings(run) == _findings(text_run)
    doc = run.documents[0]
    assert (doc.format, doc.year, doc.country) == (suffix[1:], 2019, "BB")


def _page_texts(path: Path) -> list[str]:
    """Each page's plain text as PDFium gives it, white space collapsed (hyphens at line ends
    joined), to find a quote on its page independently of the reader."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    out = []
    for page in pdf:
        text = page.get_textpage().get_text_range()
        text = re.sub(r"[-\x02]\r?\n", "", text)
        out.append(_norm(text))
    pdf.close()
    return out


def test_each_figure_of_a_pdf_names_the_page_it_is_printed_on():
    doc = read_document(BARBADOS.with_suffix(".pdf"))
    assert [p for _, p in doc.pages] == list(range(1, 13))
    pages = _page_texts(BARBADOS.with_suffix(".pdf"))
    run = reportcheck.check([str(BARBADOS.with_suffix(".pdf"))])
    checked = 0
    for quote, page, start in zip(run.figures["quote"], run.figures["page"], run.figures["start"], strict=True):
        # the sentence's words around the figure, unique enough to find the page
        around = _norm(doc.text[max(0, start - 40):start + len(quote) + 10])
        on = [i + 1 for i, t in enumerate(pages) if around in t]
        if len(on) == 1:
            assert page == str(on[0]), (quote, page, on)
            checked += 1
    assert checked >= 0.9 * len(run.figures)
    # the results' evidence names the pages too
    evidence = [e for r in run.results for e in r.evidence]
    assert evidence and all(e.page in range(1, 13) for e in evidence)


def test_running_header_footer_and_page_numbers_are_not_read():
    text = read_document(BARBADOS.with_suffix(".pdf")).text
    assert "Bureau of Democracy, Human Rights and Labor" not in text
    assert "Country Reports on Human Rights Practices for 2019" not in text
    assert not re.search(r"BARBADOS \d{1,2}\b", text)  # "BARBADOS 2" ... at the top of each page
    assert text.startswith("BARBADOS 2019 HUMAN RIGHTS REPORT\n\nExecutive Summary\n\n")
    # no line of the text is a bare number (a page number)
    assert not [ln for ln in text.splitlines() if ln.strip().isdigit()]
    # a paragraph that runs over a page break is one paragraph, in the order of the pages
    assert "There were no reports of disappearances by or on behalf of government authorities." in text


def test_un_report_pdf_sections_footnotes_and_no_marker_read_as_a_figure():
    doc = read_document(UN.with_suffix(".pdf"))
    codes = [s.code for s in doc.sections]
    for code in ("Summary", "I", "I.1", "II", "II.A", "II.A.3", "II.B", "II.B.5", "II.C.7", "III", "III.10"):
        assert code in codes, codes
    assert [c for c in codes if c.startswith("fn")] == [f"fn{i}" for i in range(1, 8)]
    fn4 = next(s for s in doc.sections if s.code == "fn4")
    assert doc.text[fn4.start:fn4.end].startswith("The figures are those verified by the Human Rights Division")
    assert doc.page_at(fn4.start) == 2 and doc.page_at(doc.sections[codes.index("fn1")].start) == 1
    # markers left out of the body: "one year.1 It covers" -> "one year. It covers"
    assert "for a period of one year. It covers the period" in doc.text
    assert "including 312 killings of civilians. Of the 312 civilians killed" in doc.text
    assert not re.search(r"[a-z][.,;)]\d", doc.text[:fn4.start])
    # the running header (the symbol) and the footer (page and job number) are left out
    assert doc.text.count("A/HRC/45/33") == 1  # the masthead's
    assert "GE.20-10234" not in doc.text
    # hyphenated line ends joined
    assert "during the reporting period" in doc.text and "report- ing" not in doc.text
    assert "bringing the number of internally displaced persons" in doc.text
    assert (doc.year, doc.country) == (2020, "ML")

    run = reportcheck.check([str(UN.with_suffix(".pdf"))])
    f = run.figures
    body = f[f["start"] < fn4.start - 600]
    marker_ends = {m.end() for m in re.finditer(r"[.,;]", doc.text)}
    assert not [q for q, s in zip(body["quote"], body["start"], strict=True) if s in marker_ends]
    # where the markers were printed ("civilians.4 Of the"), no figure starts
    for before in ("one year.", "Mopti Region.", "killings of civilians.", "wounded five others.",
                   "centre of the country.", "head of cattle."):
        at = doc.text.index(before) + len(before)
        assert doc.text[at].isspace() and not [s for s in body["start"] if at <= s <= at + 1], before
    assert {"at least 29 soldiers", "five others"} <= set(f["quote"])
    sections = dict(zip(f["quote"], f["section"], strict=False))
    assert sections["at least 29 soldiers"] == "II.A.4"
    pages = dict(zip(f["quote"], f["page"], strict=False))
    assert pages["at least 29 soldiers"] == "2"


def test_un_report_table_figures_keep_their_row_and_column_headers():
    for suffix in (".pdf", ".docx"):
        text = read_document(UN.with_suffix(suffix)).text
        assert "\n\nMopti | Civilians killed: 187 | Civilians injured: 96\n\n" in text, suffix
        assert "\n\nTotal | Civilians killed: 312 | Civilians injured: 165\n\n" in text, suffix


def test_un_draft_docx_tracked_changes_accepted_comments_ignored():
    doc = read_document(UN.with_suffix(".docx"))
    assert doc.format == "docx" and doc.pages == [] and doc.page_at(10) is None
    assert "the Independent Expert met 48 representatives" in doc.text
    assert "about 50" not in doc.text
    assert "their families and 12 staff members of MINUSMA. He thanks" in doc.text
    assert "Check: 48 or 50?" not in doc.text
    # the same text as the published PDF, paragraph for paragraph (the PDF's lines aside)
    pdf = read_document(UN.with_suffix(".pdf"))
    body = [p for p in doc.text.split("\n\n") if p.startswith(("1.", "2.", "5.", "10."))]
    assert body and all(p in pdf.text for p in body)
    codes = [s.code for s in doc.sections]
    assert {"I.1", "II.A.3", "II.B.5", "III.10", "fn1", "fn7"} <= set(codes)
    assert (doc.year, doc.country) == (2020, "ML")
    run = reportcheck.check([str(UN.with_suffix(".docx"))])
    assert set(run.figures["page"]) == {""}  # Word has no pages of its own
    quotes = set(run.figures["quote"])
    assert "48 representatives" in quotes and not [q for q in quotes if q.split()[-1] == "50"]


def test_two_columns_read_column_after_column():
    doc = read_document(NGO)
    t = doc.text
    order = ["On the morning of February 14, 2020", "The attack was the second on Ogossagou",
             "Killings in the Mopti Region", "Human Rights Watch documented 14 attacks",
             "In the Bankass and Koro cercles alone", "Bankass | Attacks: 6 | Civilians killed: 88",
             "The six attacks in the Bankass cercle", "Recommendations", "The Malian authorities should"]
    positions = [t.index(s) for s in order]
    assert positions == sorted(positions)
    assert "Human Rights Watch | July 2020" not in t and t.count("They Burned Everything") == 1
    assert [s.code for s in doc.sections][:5] == ["\u201cThey Burned Everything\u201d",
                                                 "Killings of Civilians in Central Mali, 2020", "Summary",
                                                 "Killings in the Mopti Region", "Recommendations"]
    assert (doc.year, doc.country) == (2020, "ML")


def test_pdf_without_text_layer_is_one_line_exit_2(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    scan = tmp_path / "scan.pdf"
    pdf.save(str(scan))
    msg = error_message(invoke(scan))
    assert msg == f"{scan}: the PDF has no text layer (a scanned document?): OCR it first (e.g. ocrmypdf), " \
                  "then check the OCR'd PDF"


def test_broken_and_mislabelled_files_are_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really\n")
    assert "not a readable PDF" in error_message(invoke(bad))
    txt = tmp_path / "notes.pdf"
    txt.write_text("plain text", encoding="utf-8")
    assert error_message(invoke(txt)) == f"{txt}: not a PDF file (it does not start with %PDF-)"
    doc = tmp_path / "draft.docx"
    doc.write_text("plain text", encoding="utf-8")
    assert error_message(invoke(doc)) == f"{doc}: not a Word .docx file (not a ZIP archive)"
    old = tmp_path / "draft.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert "save it as .docx" in error_message(invoke(old))


def test_docx_with_a_dtd_is_refused(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(InputError, match="declares a DTD"):
        read_document(bomb)


def test_missing_pdf_library_is_one_line_exit_2(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    monkeypatch.setitem(sys.modules, "pypdfium2.raw", None)
    msg = error_message(invoke(UN.with_suffix(".pdf")))
    assert msg == 'reading PDF needs pypdfium2: pip install "reportcheck[pdf]"'


def test_start_up_does_not_import_the_pdf_library():
    code = "import sys, reportcheck.cli; print('pypdfium2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_directory_of_reports_includes_pdf_and_docx(tmp_path):
    import shutil

    for suffix in (".pdf", ".docx", ".txt"):
        shutil.copy(BARBADOS.with_suffix(suffix), tmp_path / f"b{suffix[1:]}-2019{suffix}")
    run = reportcheck.check([str(tmp_path)])
    assert sorted(d.format for d in run.documents) == ["docx", "pdf", "text"]


# --- the page in the review ------------------------------------------------------------------

# RC201 on the Barbados report: "The governor general appoints 21 senators: 12 on the advice of
# the prime minister, two on the advice of the leader of the opposition, and nine at the
# governor general's discretion" (the 2019 report's own words; 12 + 2 + 9 = 23)
SENATORS = "The governor general appoints 21 senators: 12 on the advice of the prime minister"


def _senators_page() -> int:
    """The page of the PDF the senators' sentence is printed on, read by PDFium, not the reader."""
    on = [i + 1 for i, t in enumerate(_page_texts(BARBADOS.with_suffix(".pdf"))) if SENATORS in t]
    assert len(on) == 1, on
    return on[0]


def test_the_review_names_the_page_of_each_quote_of_a_pdf(tmp_path):
    page = _senators_page()
    pdf = BARBADOS.with_suffix(".pdf")
    text = invoke(pdf, "--format", "text")
    assert text.exit_code == 1, text.output
    for quote, role in (("21 senators", "total"), ("12", "part"), ("two", "part"), ("nine", "part")):
        assert f'[section 3, page {page}]  "{quote}"  ({role})' in text.stdout

    sarif_path = tmp_path / "review.sarif"
    assert invoke(pdf, "--format", "sarif", "-o", sarif_path).exit_code == 1
    from sarif.loader import load_sarif_file

    (run,) = load_sarif_file(str(sarif_path)).runs  # still a SARIF log sarif-tools reads
    (rc201,) = [r for r in run.get_results() if r["ruleId"] == "RC201"]
    props = [loc["properties"] for loc in rc201["locations"]]
    assert [(p["quote"], p["page"]) for p in props] == [("21 senators", page), ("12", page), ("two", page),
                                                        ("nine", page)]

    github = invoke(pdf, "--format", "github").stdout.splitlines()
    (annotation,) = [line for line in github if "title=RC201 totals" in line]
    # a PDF has no lines of its own to annotate: the file, and the page in the title and message
    assert annotation.startswith("::error file=") and f"barbados-2019.pdf,title=RC201 totals (page {page})::" \
        in annotation
    assert f'%0A"21 senators" (section 3, page {page}, total)%0A' in annotation
    assert "line=" not in annotation

    # and the other reviews that show a quote's place
    for fmt, shown in (("markdown", f"<sub>section 3, page {page}, total</sub>"),
                       ("junit", f'"21 senators" (section 3, page {page}, total, offsets'),
                       ("html", f"<figcaption>section 3, page {page}\n"),
                       ("json", f'"role": "total",\n          "page": {page}\n')):
        assert shown in invoke(pdf, "--format", fmt).stdout, fmt


def test_a_text_report_names_no_page():
    txt = BARBADOS.with_suffix(".txt")
    text = invoke(txt, "--format", "text").stdout
    assert '[section 3]  "21 senators"  (total)' in text and "page" not in text
    (annotation,) = [line for line in invoke(txt, "--format", "github").stdout.splitlines() if "RC201" in line]
    assert ",title=RC201 totals::" in annotation and "page" not in annotation
    data = json.loads(invoke(txt, "--format", "sarif").stdout)
    locations = [loc for r in data["runs"][0]["results"] for loc in r["locations"]]
    assert locations and not [loc for loc in locations if "page" in loc.get("properties", {})]
    review = json.loads(invoke(txt, "--format", "json").stdout)
    assert not [e for r in review["results"] for e in r["evidence"] if "page" in e]


def test_compare_to_a_previous_pdf_or_word_version(tmp_path, monkeypatch):
    """The previous version of a report as it was published, a PDF or a Word file, read as the
    report itself is; a changed figure names its page in the PDF checked."""
    import shutil
    import zipfile

    monkeypatch.chdir(tmp_path)
    shutil.copy(BARBADOS.with_suffix(".pdf"), "barbados-2019.pdf")
    # the previous draft said 22 senators
    with zipfile.ZipFile(BARBADOS.with_suffix(".docx")) as z, zipfile.ZipFile("draft.docx", "w") as out:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "word/document.xml":
                assert data.count(b"appoints 21 senators") == 1
                data = data.replace(b"appoints 21 senators", b"appoints 22 senators")
            out.writestr(info, data)
    review = json.loads(invoke("barbados-2019.pdf", "--compare-to", "draft.docx", "--format", "json").stdout)
    (changed,) = [r for r in review["results"] if r["code"] == "RC901" and r["outcome"] == "fail"]
    assert changed["arithmetic"] == "22 -> 21" and 'was "22 senators" in draft.docx' in changed["message"]
    assert [(e["quote"], e["page"]) for e in changed["evidence"]] == [("21 senators", _senators_page())]
    assert review["summary"]["comparison"] == {"added": 0, "removed": 0, "changed": 1, "unchanged": 48}

    text = invoke(BARBADOS.with_suffix(".txt"), "--compare-to", "barbados-2019.pdf")
    assert text.exit_code == 1, text.output
    assert "compared with barbados-2019.pdf: 0 figures changed, 0 added, 0 removed, 49 unchanged" in text.stdout


# --- UN numbering -----------------------------------------------------------------------------


def _un_text_with_markers(tmp_path) -> tuple[Path, set[int]]:
    """The UN report as plain text, its footnote markers printed after the sentence as a text
    version shows them ("for a period of one year.1 It covers"); and where the markers are."""
    doc = read_document(UN.with_suffix(".docx"))
    body = doc.text[:next(s for s in doc.sections if s.code == "fn1").start]
    markers = set()
    for n, before in enumerate(("one year.", "Mopti Region.", "killings of civilians.", "wounded five others."), 1):
        assert body.count(before) == 1, before
        at = body.index(before) + len(before)
        body = f"{body[:at]}{n}{body[at:]}"
        markers = {m + (m >= at) for m in markers} | {at}
    path = tmp_path / "un-a-hrc-45-33.txt"
    path.write_text(body, encoding="utf-8")
    return path, markers


def test_un_footnote_markers_in_a_text_version_are_not_figures(tmp_path):
    path, markers = _un_text_with_markers(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert sorted(text[m - 1:m + 1] for m in markers) == [".1", ".2", ".3", ".4"]
    run = reportcheck.check([str(path)])
    starts = set(run.figures["start"])
    assert not {m for m in markers if m in starts or m - 1 in starts}
    assert "at least 29 soldiers" in set(run.figures["quote"])


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt"])
def test_un_paragraph_numbers_are_not_figures(tmp_path, suffix):
    path = _un_text_with_markers(tmp_path)[0] if suffix == ".txt" else UN.with_suffix(suffix)
    doc = read_document(path)
    numbered = {s.start for s in doc.sections if s.title.startswith("paragraph ")}
    assert len(numbered) == 10  # paragraphs 1 to 10, each a section of its own ("II.A.4")
    assert {doc.text[s:s + 3] for s in numbered} >= {"1. ", "4. ", "10."}
    run = reportcheck.check([str(path)])
    assert not numbered & set(run.figures["start"])
