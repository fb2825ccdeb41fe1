"""The reading stage: files -> Document (text, format, encoding, year, country, sections).

Fixtures in tests/data are trimmed real reports (US State Department, public domain):
- mali-2019.txt: the 2019 Mali report as saved in the text corpus (a header, then one
  paragraph per line, a blank line before headings), first paragraphs of every section;
- mali-2020-excerpt.txt: the 2020 excerpt as saved from the web page (navigation lines,
  blank lines between paragraphs, the page footer at the end), trimmed;
- state-gov-mali-2019.html: the state.gov page of the 2019 Mali report with its real markup
  (site navigation, table of contents, custom-report builder, footer), most text removed;
- generic.html: a small hand-written page.
"""
from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

import pytest

from reportcheck.errors import InputError
from reportcheck.model import Document
from reportcheck.read import find_sections, read_document
from reportcheck.read.country import country_from_stem
from reportcheck.read.year import year_from_mentions

DATA = Path(__file__).parent / "data"
MALI_2019 = DATA / "mali-2019.txt"
EXCERPT = DATA / "mali-2020-excerpt.txt"
STATE_HTML = DATA / "state-gov-mali-2019.html"
GENERIC_HTML = DATA / "generic.html"

TARKINT = "killing at least 29 soldiers and wounding five others"
GAO = "a total of 30 soldiers were killed"


def code_at(doc: Document, quote: str) -> str | None:
    i = doc.text.index(quote)
    s = doc.section_at(i)
    return None if s is None else s.code


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8", newline="")
    else:
        p.write_bytes(data)
    return p


def one_line_error(path, match: str) -> str:
    with pytest.raises(InputError) as info:
        read_document(path)
    msg = str(info.value)
    assert "\n" not in msg
    assert str(path) in msg
    assert match in msg
    return msg


# --- decoding -------------------------------------------------------------------------------

def test_utf8_text_is_read_unchanged():
    doc = read_document(MALI_2019)
    expected = MALI_2019.open(encoding="utf-8").read()
    assert doc.text == expected
    assert (doc.id, doc.path, doc.format, doc.encoding) == ("mali-2019", str(MALI_2019), "text", "utf-8")
    # Offsets are Python string indices into the file's decoded content.
    i = doc.text.index("5,966 prisoners") if "5,966 prisoners" in doc.text else doc.text.index("11 individuals")
    assert expected[i:i + 5] == doc.text[i:i + 5]


def test_crlf_offsets_match_what_open_reads(tmp_path):
    content = "Executive Summary\r\nIn March, 11 persons were killed.\r\n\r\nSection 1. Life\r\nMore text.\r\n"
    p = write(tmp_path, "crlf.txt", content.encode("utf-8"))
    doc = read_document(p)
    assert doc.text == p.open(encoding="utf-8").read()
    assert doc.text.index("11 persons") == p.open(encoding="utf-8").read().index("11 persons")


def test_utf8_bom_is_stripped(tmp_path):
    content = "Mali\n\nExecutive Summary\nAt least 29 soldiers were killed.\n"
    p = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + content.encode("utf-8"))
    doc = read_document(p)
    assert doc.text == content
    assert doc.encoding == "utf-8-sig"
    assert doc.sections[1].code == "exec"


def test_utf16_with_bom(tmp_path):
    content = "Côte d’Ivoire\n\nExecutive Summary\nAt least 29 soldiers were killed.\n"
    p = write(tmp_path, "u16.txt", content.encode("utf-16"))
    doc = read_document(p)
    assert doc.text == content
    assert doc.encoding == "utf-16"


def test_cp1252_is_detected(tmp_path):
    content = (
        "Côte d’Ivoire: the government said “at least 85 persons” died in the violence around the "
        "élections of October, and the Ministère de la Justice opened 12 inquiries.\n"
    ) * 3
    p = write(tmp_path, "cp.txt", content.encode("cp1252"))
    doc = read_document(p)
    assert doc.text == content
    assert doc.encoding == "cp1252"


def test_latin1_french_is_read_as_western_not_central_european(tmp_path):
    content = "Réfugiés à Gao: plus de 500 personnes déplacées. Le ministère a noté une hausse.\n" * 2
    p = write(tmp_path, "fr.txt", content.encode("latin-1"))
    assert read_document(p).text == content


def test_binary_file_is_refused(tmp_path):
    one_line_error(write(tmp_path, "blob.txt", bytes(range(256)) * 8), "binary")


def test_control_characters_are_refused(tmp_path):
    one_line_error(write(tmp_path, "ctrl.txt", b"abc\x01\x02\x03\x04\x05\x06def" * 50), "binary")


def test_a_broken_pdf_is_refused_whatever_its_name(tmp_path):
    # a PDF is read as PDF by its first bytes (tests/test_documents.py), never decoded as text
    pytest.importorskip("pypdfium2")
    one_line_error(write(tmp_path, "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
                   "not a readable PDF")
    one_line_error(write(tmp_path, "report.pdf", b"%PDF-1.7\n"), "not a readable PDF")


def test_zip_content_is_refused(tmp_path):
    one_line_error(write(tmp_path, "report.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 100), "ZIP")


def test_empty_and_whitespace_only_files(tmp_path):
    one_line_error(write(tmp_path, "empty.txt", b""), "empty")
    one_line_error(write(tmp_path, "blank.txt", b" \n\t\r\n  \n"), "only whitespace")


def test_missing_file(tmp_path):
    one_line_error(tmp_path / "nope.txt", "no such file")


def test_directory(tmp_path):
    d = tmp_path / "reports.txt"
    d.mkdir()
    one_line_error(d, "is a directory")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_unknown_extension(tmp_path, suffix):
    p = write(tmp_path, f"report{suffix}", b"Mali\nSome text\n")
    msg = one_line_error(p, f"unsupported file type '{suffix}' (expected .txt, .html, .pdf or .docx)")
    assert msg == f"{p}: unsupported file type '{suffix}' (expected .txt, .html, .pdf or .docx)"


@pytest.mark.parametrize("suffix", [".txt", ".text", ".md", ".TXT"])
def test_text_extensions(tmp_path, suffix):
    p = write(tmp_path, f"report{suffix}", "Executive Summary\nText.\n")
    assert read_document(p).format == "text"


# --- HTML -------------------------------------------------------------------------------------

def test_state_gov_page_keeps_only_the_report_body():
    doc = read_document(STATE_HTML)
    assert doc.format == "html"
    text = doc.text
    assert text.startswith("Executive Summary\n\nMali, a constitutional democracy, reelected President")
    paragraphs = text.split("\n\n")
    # The accordion title (<h4>Section 1.</h4><h3>Respect ...</h3>) is one heading line.
    assert "Section 1. Respect for the Integrity of the Person, Including Freedom from:" in paragraphs
    assert "a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings" in paragraphs
    assert "Prison and Detention Center Conditions" in paragraphs
    # Navigation, table of contents, custom-report builder, header, footer, scripts: gone.
    for chrome in ("Skip to content", "Newsroom", "Build A Custom Report", "On This Page",
                   "View report by", "Privacy Policy", "The Lessons of 1989", "jQuery",
                   "Download Report", "2019 Country Reports on Human Rights Practices", "Tags"):
        assert chrome not in text, chrome
    # The table of contents lists the headings; the body has each exactly once.
    assert text.count("b. Disappearance") == 1
    # Inline text is joined, whitespace collapsed, entities decoded.
    assert "  " not in text and "\n\n\n" not in text and "&#" not in text and "\t" not in text
    assert "Intahaka, Gao Region" in text or "Gao Region" in text


def test_state_gov_page_sections_and_metadata(tmp_path):
    doc = read_document(STATE_HTML)
    codes = [s.code for s in doc.sections]
    assert codes[:4] == ["exec", "1", "1.a", "1.b"]
    assert "1.g" in codes and "6" in codes
    assert code_at(doc, "The MINUSMA Human Rights Division reported that in March, 11 individuals") == "1.a"
    assert code_at(doc, "Overcrowding and inadequate sanitary conditions") == "1.c"
    assert code_at(doc, "There were fewer than 50 Jews in the country") == "6"
    # Without a year in the file name, the page's canonical URL gives it.
    p = tmp_path / "mali.html"
    shutil.copy(STATE_HTML, p)
    doc = read_document(p)
    assert (doc.year, doc.year_source) == (2019, "page metadata")
    assert (doc.country, doc.country_name) == ("ML", "Mali")
    # Without a country in the file name, the page title gives it.
    p = tmp_path / "page.html"
    shutil.copy(STATE_HTML, p)
    assert read_document(p).country == "ML"


def test_generic_html():
    doc = read_document(GENERIC_HTML)
    assert doc.format == "html"
    assert doc.text.split("\n\n") == [
        "Annual Monitoring Report",
        "The mission recorded at least 29 deaths & 5 injuries in the Gao Region during the year.",
        "Section 1. Killings",
        "First item: 12 cases",
        "Second item: 7 cases",
        "Line one",
        "Line two",
        "Region | Killed",
        "Gao | 14",
        "Café “quoted” – done.",
    ]
    assert (doc.year, doc.year_source) == (2021, "page metadata")  # /reports/2021/ in the canonical URL
    assert [s.code for s in doc.sections] == ["", "1"]


def test_html_detected_by_content(tmp_path):
    p = write(tmp_path, "saved.txt",
              "<!DOCTYPE html><html><body><p>Executive Summary</p><p>Text &amp; more.</p></body></html>")
    doc = read_document(p)
    assert doc.format == "html"
    assert doc.text == "Executive Summary\n\nText & more."


def test_html_without_visible_text(tmp_path):
    one_line_error(write(tmp_path, "x.html",
                         "<html><head><title>t</title></head><body><script>x()</script></body></html>"),
                   "no visible text")


# --- sections ---------------------------------------------------------------------------------

def test_sections_of_the_excerpt():
    doc = read_document(EXCERPT)
    secs = doc.sections
    # Contiguous, covering the whole text.
    assert secs[0].start == 0 and secs[-1].end == len(doc.text)
    assert all(a.end == b.start for a, b in pairwise(secs))
    assert [s.code for s in secs if s.title[1:3] == ". " or s.title.startswith("Section")] == [
        "1", "1.a", "1.b", "1.c", "1.d", "1.g", "6"]
    assert code_at(doc, "An official website of the United States Government") == ""
    assert secs[0].title == "front"
    assert code_at(doc, TARKINT) == "1.a"
    assert code_at(doc, GAO) == "1.g"
    assert code_at(doc, "Section 6. Discrimination, Societal Abuses, and Trafficking in Persons") == "6"
    # An unlettered sub-heading keeps the code it is in, and records its title.
    i = doc.text.index("Members of National/Racial/Ethnic Minority Groups")
    assert doc.section_at(i).code == "6"
    assert doc.section_at(i).title == "Members of National/Racial/Ethnic Minority Groups"
    # "Other Conflict-related Abuse:" is a run-in head, not a section.
    assert not any(s.title.startswith("Other Conflict") for s in secs)
    # The saved page's footer is not part of section 6.
    assert code_at(doc, "Edit Your Custom Report") == ""
    assert doc.section_at(doc.text.index("Edit Your Custom Report")).title == "page footer"


def test_sections_of_a_full_report_outline():
    doc = read_document(MALI_2019)
    main = [s.code for s in doc.sections if s.title in ("front",) or s.title.startswith(("Section", "Executive"))
            or s.title[1:3] == ". "]
    assert main == ["", "exec", "1", "1.a", "1.b", "1.c", "1.d", "1.e", "1.f", "1.g",
                    "2", "2.a", "2.b", "2.c", "2.d", "2.e", "2.f", "2.g", "3", "4", "5", "6",
                    "7", "7.a", "7.b", "7.c", "7.d", "7.e"]
    assert code_at(doc, "Mali, a constitutional democracy, reelected") == "exec"
    assert code_at(doc, "mali 2019") == ""
    sec7 = next(s for s in doc.sections if s.code == "7")
    assert sec7.title == "Section 7. Worker Rights"
    assert code_at(doc, "There were reports of political prisoners or detainees.") == "1.e"
    # Unlettered sub-headings of section 6 are their own spans with code "6".
    assert [s.title for s in doc.sections if s.code == "6"][:3] == [
        "Section 6. Discrimination, Societal Abuses, and Trafficking in Persons", "Women", "Children"]


def test_executive_summary_variants():
    for heading in ("Executive Summary", "EXECUTIVE SUMMARY", "Executive Summary Title"):
        text = f"mali 2020\nSource URL: x\n\n{heading}\nMali has a constitutional democratic system.\n"
        secs = find_sections(text)
        assert [s.code for s in secs] == ["", "exec"]
        assert secs[1].start == text.index(heading)


def test_section_heading_formats_across_years():
    text = (
        "EXECUTIVE SUMMARY\nText.\n\n"
        "Section 1. Life\n\n"
        "a. Extrajudicial Killings\nText.\n\n"
        "c. War Crimes, Crimes against Humanity, and Evidence of Acts that May Constitute Genocide, "
        "or Conflict-Related Abuses\nText.\n\n"
        "Section 2. Respect for Civil Liberties\n\n"
        "a. Freedom of Expression, Including for Members of the Press and Other Media\nText.\n\n"
        "Section 7. Worker Rights.\n\n"
        "a. Freedom of Association and the Right to Collective Bargaining\nText.\n\n"
        "d. Discrimination (see section 6)\nText.\n"
    )
    assert [s.code for s in find_sections(text)] == ["exec", "1", "1.a", "1.c", "2", "2.a", "7", "7.a", "7.d"]


def test_split_section_heading_is_joined():
    text = ("Executive Summary\nText.\n\nSection 1.\n\nRespect for the Integrity of the Person\n\na. "
            "Disappearance\nText.\n")
    secs = find_sections(text)
    assert [s.code for s in secs] == ["exec", "1", "1.a"]
    assert secs[1].title == "Section 1. Respect for the Integrity of the Person"


def test_what_is_not_a_heading():
    text = (
        "Section 1. Respect for the Integrity of the Person\n\n"
        "a. Arbitrary Deprivation of Life\n"
        "The law sets penalties as follows: a. Imprisonment for up to five years; b. Fines.\n"
        "a. The government did not investigate the killings.\n"
        "Killings: In March, 11 persons were killed.\n"
        "Physical Conditions:\n"
        "Section 66(d) of the Telecommunications Act limited freedom of expression online.\n"
        "section 1.g.). As of July 31, the NPU reported 12 cases.\n\n"
        "b. Disappearance\n"
        "There were reports of disappearances.\n"
        "a. Civilian Casualties\n"
        "The National Police Agency and the General Authority for Border\n"
        "Protection, which operate under the Ministry of Justice and Home\n"
        "Affairs, are primarily responsible for internal security.\n"
    )
    secs = find_sections(text)
    assert [(s.code, s.title) for s in secs] == [
        ("1", "Section 1. Respect for the Integrity of the Person"),
        ("1.a", "a. Arbitrary Deprivation of Life"),
        ("1.b", "b. Disappearance"),
    ]


def test_lettered_heading_needs_a_numbered_section():
    assert find_sections("Introduction text.\n\na. Arbitrary Deprivation of Life\nText.\n") == []


def test_hard_wrapped_text_fragments_are_not_subheadings():
    text = (
        "Executive Summary\n"
        "Mongolia is a multiparty parliamentary democracy governed by a\n"
        "democratically elected government. The 2017 presidential election.\n"
        "The National Police Agency and the General Authority for Border\n"
        "Protection, which operate under the Ministry of Justice and Home\n"
        "Affairs, are primarily responsible for internal security.\n\n"
        "Prison and Detention Center Conditions\n"
        "Conditions in prisons and detention centers were often harsh due\n"
        "to lack of investment in the prison system.\n"
    )
    secs = find_sections(text)
    assert [(s.code, s.title) for s in secs] == [
        ("exec", "Executive Summary"), ("exec", "Prison and Detention Center Conditions")]


def test_no_headings_no_sections():
    assert find_sections("Just a paragraph. In March, 11 persons were killed.\n") == []


# --- year -------------------------------------------------------------------------------------

def test_year_from_option():
    doc = read_document(EXCERPT, year=2018)
    assert (doc.year, doc.year_source) == (2018, "--year")


def test_year_from_file_name(tmp_path):
    doc = read_document(EXCERPT)  # mali-2020-excerpt.txt
    assert (doc.year, doc.year_source) == (2020, "file name")
    p = tmp_path / "2019" / "mali.txt"
    p.parent.mkdir()
    shutil.copy(EXCERPT, p)
    doc = read_document(p)
    assert (doc.year, doc.year_source) == (2019, "file name")


def test_year_from_page_metadata(tmp_path):
    p = tmp_path / "mali.html"
    shutil.copy(STATE_HTML, p)
    assert read_document(p).year_source == "page metadata"


def test_year_from_text_mentions(tmp_path):
    # The 2020 excerpt names 2019 and 2013 most often, and the report year not at all.
    p = tmp_path / "mali.txt"
    shutil.copy(EXCERPT, p)
    doc = read_document(p)
    assert (doc.year, doc.year_source) == (2020, "text")


def test_year_from_text_header(tmp_path):
    p = tmp_path / "mali.txt"
    shutil.copy(MALI_2019, p)  # "mali 2019" / "Source URL: .../2019-country-reports-..."
    assert (read_document(p).year, read_document(p).year_source) == (2019, "text")


def test_year_unknown(tmp_path):
    p = write(tmp_path, "notes.txt", "Executive Summary\nNothing dated here.\n")
    doc = read_document(p)
    assert (doc.year, doc.year_source) == (None, "unknown")


def test_year_from_mentions_rules():
    implicit = ("In March, 5 were killed. In June, 3. " * 4
                + "In 2018, 7. In December 2018, 9. Since 2013, 2. In 2018 again.")
    assert year_from_mentions(implicit) == 2019
    assert year_from_mentions("No years at all.") is None
    explicit = " ".join(f"In March 2021, {i} were killed." for i in range(25)) + " In May 2020, 1."
    assert year_from_mentions(explicit) == 2021


def test_bad_year_option():
    with pytest.raises(InputError):
        read_document(EXCERPT, year=20)


# --- country ----------------------------------------------------------------------------------

@pytest.mark.parametrize("stem,code", [
    ("mali-2020", "ML"), ("mali-2020-excerpt", "ML"), ("burkina-faso", "BF"), ("cote-divoire", "CI"),
    ("korea-democratic-peoples-republic-of", "KP"), ("north-korea", "KP"), ("south-korea", "KR"),
    ("china-includes-hong-kong-macau-and-tibet", "CN"), ("burma", "MM"), ("the-gambia", "GM"),
    ("democratic-republic-of-the-congo", "CD"), ("republic-of-the-congo", "CG"), ("kosovo", "XK"),
    ("turkey", "TR"), ("papua-new-guinea", "PG"), ("guinea-bissau", "GW"), ("niger", "NE"),
    ("nigeria", "NG"), ("israel-west-bank-and-gaza", "IL"), ("eswatini", "SZ"),
])
def test_country_from_file_name(stem, code):
    assert country_from_stem(stem)[0] == code


def test_country_never_from_codes_or_plain_words():
    assert country_from_stem("report") is None
    assert country_from_stem("in") is None
    assert country_from_stem("draft-2") is None


def test_country_in_document(tmp_path):
    doc = read_document(EXCERPT)
    assert (doc.country, doc.country_name) == ("ML", "Mali")
    # No country in the file name: the first short line of the text that is a country name.
    p = tmp_path / "report.txt"
    shutil.copy(EXCERPT, p)
    assert read_document(p).country == "ML"
    p = write(tmp_path, "notes.txt", "Executive Summary\nNothing about a place.\n")
    assert (read_document(p).country, read_document(p).country_name) == (None, None)


# --- a long report -------------------------------------------------------------------------------
# (reading speed is measured by benchmarks/corpus.py, never asserted in a test)

def test_a_180kb_report_is_read_whole(tmp_path):
    body = MALI_2019.read_text(encoding="utf-8")
    p = write(tmp_path, "mali-2019.txt", body * (180_000 // len(body) + 1))
    doc = read_document(p)
    assert doc.text == p.read_text(encoding="utf-8") and len(doc.text) > 180_000
    assert doc.country == "ML" and [s.code for s in doc.sections[:3]] == [s.code for s in
                                                                          read_document(MALI_2019).sections[:3]]


def test_markdown_headings(tmp_path):
    text = ("# Mali\n\n## Executive Summary\n\nText.\n\n## Section 1. Life\n\n### a. Extrajudicial Killings\n\n"
            "In March, 11 were killed.\n\n**Women**\n\nText.\n")
    doc = read_document(write(tmp_path, "mali-2024.md", text))
    assert doc.text == text
    assert [(s.code, s.title) for s in doc.sections] == [
        ("", "front"), ("exec", "Executive Summary"), ("1", "Section 1. Life"),
        ("1.a", "a. Extrajudicial Killings"), ("1.a", "Women")]
    assert code_at(doc, "11 were killed") == "1.a"
