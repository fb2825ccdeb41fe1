"""Make the PDF and Word test documents of tests/data/documents/ (run by hand; the tests read the
files it wrote, committed, and need neither Chromium nor LibreOffice).

    .venv/bin/python tests/data/documents/make_documents.py [--corpus ../shared/corpus/html/2019]

- A State Department report (Barbados 2019, from the saved state.gov page): its report body as
  the Department's PDFs lay it out (a title, a running header "BARBADOS 2" with the page number
  from page 2 on, a two-line footer on every page), printed by headless Chromium (CSS @page
  margin boxes); the same page converted to .docx by LibreOffice; and the text the HTML reader
  reads from the page (barbados-2019.txt: the text version the PDF and .docx are compared with).
- A UN-style report (un-a-hrc-45-33: numbered paragraphs, "A. Context" headings, footnotes,
  a table, a running header with the document symbol and a footer with the page and the job
  number), written as .docx with python-docx (footnotes, a tracked insertion and deletion and a
  comment added as WordprocessingML) and converted to PDF by LibreOffice (real footnotes at the
  bottom of the page, hyphenated lines).
- An NGO-style report (ngo-two-columns): headings, two-column pages, a table with row and
  column headers, printed by Chromium.

Needs: chromium, soffice (Debian's libreoffice-writer-nogui, hyphen-en-us), python-docx.
"""
from __future__ import annotations

import argparse
import html as htmlmod
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


def chromium_pdf(html_path: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                        f"--print-to-pdf={out}", html_path.as_uri()],
                       check=True, capture_output=True, timeout=120)


def soffice_convert(src: Path, fmt: str, outdir: Path, infilter: str | None = None) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", fmt, "--outdir", str(outdir), str(src)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    return outdir / (src.stem + "." + fmt.split(":")[0])


# --- a State Department report --------------------------------------------------------------

STATE_CSS = """
@page { size: letter; margin: 1in 1in 1in 1in;
  @top-left { content: "%(COUNTRY)s " counter(page); font: 11pt "Liberation Serif"; }
  @bottom-center { content: "Country Reports on Human Rights Practices for %(YEAR)s\\A "
    "United States Department of State \\2022  Bureau of Democracy, Human Rights and Labor";
    white-space: pre; text-align: center; font: 9pt "Liberation Serif"; }
}
@page :first { @top-left { content: none; } }
body { font: 12pt/1.45 "Liberation Serif", serif; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 1.5em; }
h2, h3, h4 { font-size: 12pt; margin: 1.2em 0 0.6em; }
.accordion-title, .accordion-title h4, .accordion-title h3 { display: inline; color: black; text-decoration: none; }
.accordion-title { display: block; font-weight: bold; margin: 1.2em 0 0.6em; }
p { margin: 0 0 0.8em; text-align: left; }
a { color: black; text-decoration: none; }
"""


def state_report(page: Path, outdir: Path, stem: str, year: int) -> None:
    from selectolax.lexbor import LexborHTMLParser

    sys.path.insert(0, str(ROOT / "src"))
    from reportcheck.read import read_document

    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    body = tree.css_first("#report_content")
    for node in body.css(".icon-svg, .report__tags, nav, script, style"):
        node.decompose()
    country = stem.split("-")[0].upper()
    css = STATE_CSS % {"COUNTRY": country, "YEAR": year}
    doc = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{country} {year} HUMAN "
           f"RIGHTS REPORT</title><style>{css}</style></head><body><h1>{country} {year} HUMAN RIGHTS "
           f"REPORT</h1>{body.html}</body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{stem}.html"
        src.write_text(doc, encoding="utf-8")
        chromium_pdf(src, outdir / f"{stem}.pdf")
        made = soffice_convert(src, "docx:MS Word 2007 XML", Path(tmp), infilter="HTML (StarWriter)")
        shutil.copy(made, outdir / f"{stem}.docx")
    # the text version: what the HTML reader reads from the saved page
    (outdir / f"{stem}.txt").write_text(read_document(page).text, encoding="utf-8")


# --- a UN-style report ----------------------------------------------------------------------

UN_SYMBOL = "A/HRC/45/33"
UN_JOB = "GE.20-10234(E)"

# (kind, text): "h1" a roman-numbered chapter, "h2" a lettered heading, "p" a numbered paragraph
# (footnotes as {{n}} after the word they annotate), "table" a table (rows of cells).
UN_FOOTNOTES = {
    1: "See Human Rights Council resolution 40/26, para. 12.",
    2: "MINUSMA, Note on trends of human rights violations and abuses, 1 January \u2013 31 March 2020.",
    3: "Information provided by the Ministry of Defence to the Independent Expert on 2 April 2020.",
    4: "The figures are those verified by the Human Rights Division of MINUSMA as of 30 June 2020; "
       "unverified allegations are not included.",
    5: "See A/HRC/43/76, paras. 31\u201335.",
    6: "Interviews conducted in Mopti and Bamako between 14 and 21 February 2020.",
    7: "United Nations Children\u2019s Fund, Mali: humanitarian situation report No. 6 (June 2020).",
}

UN_BODY = [
    ("h1", "I.\tIntroduction"),
    ("p", "The present report is submitted pursuant to Human Rights Council resolution 40/26, in which "
          "the Council renewed the mandate of the Independent Expert on the situation of human rights in "
          "Mali for a period of one year.{{1}} It covers the period from 1 January to 30 June 2020 and is "
          "based on information gathered during the visit of the Independent Expert to Mali from 10 to "
          "21 February 2020."),
    ("p", "During the visit, the Independent Expert met 48 representatives of the Government, of civil "
          "society and of the international community, as well as victims of human rights violations "
          "and their families and 12 staff members of MINUSMA. He thanks the Government for its "
          "cooperation."),
    ("h1", "II.\tSituation of human rights"),
    ("h2", "A.\tContext"),
    ("p", "The security situation in the centre and the north of the country continued to deteriorate "
          "during the reporting period. Attacks by extremist armed groups against the defence and "
          "security forces, the United Nations Multidimensional Integrated Stabilization Mission in "
          "Mali (MINUSMA) and civilians intensified, as did intercommunal violence in the Mopti "
          "Region.{{2}}"),
    ("p", "On 19 March 2020, an attack on the military camp in Tarkint, Gao Region, killed at least "
          "29 soldiers and wounded five others.{{3}} The Government declared three days of national "
          "mourning. The legislative elections were nevertheless held on 29 March and 19 April 2020, "
          "with a turnout of 35.6 per cent in the first round."),
    ("h2", "B.\tViolations of the right to life"),
    ("p", "The Human Rights Division of MINUSMA documented 632 violations and abuses of human rights "
          "during the first half of the year, including 312 killings of civilians.{{4}} Of the 312 "
          "civilians killed, 187 were killed in the Mopti Region, 84 in the Gao Region and 41 in the "
          "Timbuktu Region. The Independent Expert notes with grave concern that at least 23 of the "
          "victims were children."),
    ("table", [["Region", "Civilians killed", "Civilians injured"],
               ["Mopti", "187", "96"],
               ["Gao", "84", "52"],
               ["Timbuktu", "41", "17"],
               ["Total", "312", "165"]]),
    ("p", "In a report to the Security Council, the Secretary-General indicated that a total of 30 "
          "soldiers were killed and 20 injured in an attack in Gao in March 2020. The Independent "
          "Expert recalls his previous recommendations on the protection of civilians in the centre "
          "of the country.{{5}}"),
    ("h2", "C.\tIntercommunal violence"),
    ("p", "On 14 February 2020, armed men attacked the village of Ogossagou, in the Bankass Cercle, "
          "killing 35 villagers; 19 others were reported missing. Witnesses interviewed by the "
          "Independent Expert stated that the attackers burned 47 houses and stole more than "
          "200 head of cattle.{{6}} The self-defence groups active in the area have not been "
          "disarmed despite the commitments made by their leaders in 2019."),
    ("p", "The violence displaced some 40,000 people in the Mopti Region between January and June "
          "2020, bringing the number of internally displaced persons in the country to 250,998 at the "
          "end of June.{{7}} More than 1,200 schools remained closed in the centre of the country, "
          "affecting about 360,000 children."),
    ("h1", "III.\tConclusions and recommendations"),
    ("p", "The Independent Expert calls on the Government to investigate promptly, thoroughly and "
          "impartially all allegations of violations of international human rights law and "
          "international humanitarian law, and to bring the perpetrators to justice."),
    ("p", "He recommends that the international community continue to support the transitional "
          "authorities in the implementation of the Agreement on Peace and Reconciliation in Mali, "
          "signed in 2015, and in the restoration of State authority in the centre of the country."),
]


def _un_docx(path: Path, draft: bool) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm, Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(10)
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.different_first_page_header_footer = True
    # running header: the symbol; footer: the page and the job number; first page: the job number
    sec.header.paragraphs[0].text = UN_SYMBOL
    footer = sec.footer.paragraphs[0]
    _field(footer, "PAGE", parse_xml, nsdecls)
    footer.add_run("\t" + UN_JOB.replace("(E)", ""))
    sec.first_page_footer.paragraphs[0].text = UN_JOB

    masthead = d.add_table(rows=1, cols=2)
    masthead.cell(0, 0).text = "United Nations"
    masthead.cell(0, 1).text = UN_SYMBOL
    for text in ("General Assembly", "Distr.: General\n3 August 2020\n\nOriginal: English"):
        d.add_paragraph(text)
    for text in ("Human Rights Council", "Forty-fifth session", "14 September\u20132 October 2020",
                 "Agenda item 10", "Technical assistance and capacity-building"):
        d.add_paragraph(text)
    title = d.add_paragraph()
    r = title.add_run("Situation of human rights in Mali")
    r.bold, r.font.size = True, Pt(16)
    sub = d.add_paragraph()
    r = sub.add_run("Report of the Independent Expert on the situation of human rights in Mali")
    r.bold, r.font.size = True, Pt(13)
    d.add_paragraph("Summary").runs[0].bold = True
    d.add_paragraph("In the present report, the Independent Expert on the situation of human rights in "
                    "Mali describes the main developments since his previous report and makes "
                    "recommendations to the Government and the international community.")

    footnotes: list[tuple[int, str]] = []
    number = 0
    for kind, content in UN_BODY:
        if kind in ("h1", "h2"):
            p = d.add_paragraph()
            run = p.add_run(content)
            run.bold = True
            run.font.size = Pt(12 if kind == "h1" else 10)
            p.paragraph_format.keep_with_next = True
            continue
        if kind == "table":
            t = d.add_table(rows=len(content), cols=len(content[0]))
            t.style = "Table Grid"
            for i, row in enumerate(content):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
            d.add_paragraph()
            continue
        number += 1
        p = d.add_paragraph()
        p.paragraph_format.left_indent = Cm(1.0)
        p.paragraph_format.first_line_indent = Cm(-1.0)
        p.add_run(f"{number}.\t")
        parts = content.split("{{")
        p.add_run(parts[0])
        for part in parts[1:]:
            n, rest = part.split("}}", 1)
            footnotes.append((int(n), UN_FOOTNOTES[int(n)]))
            p._p.append(parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{n}"/></w:r>'))
            if rest:
                p.add_run(rest)
    if draft:
        _tracked_changes_and_comment(d, parse_xml, nsdecls)
    d.save(path)
    _add_footnotes(path, footnotes, draft)


def _field(paragraph, instr: str, parse_xml, nsdecls) -> None:
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>1</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def _tracked_changes_and_comment(d, parse_xml, nsdecls) -> None:
    """A draft's marks: paragraph 2 gets a tracked insertion ("and 12 staff members of MINUSMA")
    and deletion ("about 50"), and a comment ("Check: 48 or 50?") on its figure."""
    w = nsdecls("w")
    for p in d.paragraphs:
        if p.text.startswith("2.\t"):
            break
    else:
        raise SystemExit("paragraph 2 not found")
    body = p._p
    for r in list(body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r"))[1:]:
        body.remove(r)
    body.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve">During the visit, the Independent Expert '
                          f'met </w:t></w:r>'))
    body.append(parse_xml(f'<w:del {w} w:id="901" w:author="Drafter" w:date="2020-07-01T10:00:00Z">'
                          f'<w:r><w:delText xml:space="preserve">about 50</w:delText></w:r></w:del>'))
    body.append(parse_xml(f'<w:commentRangeStart {w} w:id="0"/>'))
    body.append(parse_xml(f'<w:ins {w} w:id="902" w:author="Drafter" w:date="2020-07-01T10:00:00Z">'
                          f'<w:r><w:t>48</w:t></w:r></w:ins>'))
    body.append(parse_xml(f'<w:commentRangeEnd {w} w:id="0"/>'))
    body.append(parse_xml(f'<w:r {w}><w:commentReference w:id="0"/></w:r>'))
    body.append(parse_xml(
        f'<w:r {w}><w:t xml:space="preserve"> representatives of the Government, of civil society and of '
        f'the international community, as well as victims of human rights violations and their families'
        f'</w:t></w:r>'))
    body.append(parse_xml(f'<w:ins {w} w:id="903" w:author="Drafter" w:date="2020-07-01T10:00:00Z">'
                          f'<w:r><w:t xml:space="preserve"> and 12 staff members of MINUSMA</w:t></w:r></w:ins>'))
    body.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve">. He thanks the Government for its '
                          f'cooperation.</w:t></w:r>'))


COMMENT = "Check: 48 or 50? (about 12 more were met in Gao)"
_COMMENT_XML = (f'<w:comment w:id="0" w:author="Reviewer" w:date="2020-07-02T09:00:00Z" w:initials="R">'
                f'<w:p><w:r><w:t>{htmlmod.escape(COMMENT)}</w:t></w:r></w:p></w:comment>')


def _add_footnotes(path: Path, footnotes: list[tuple[int, str]], draft: bool) -> None:
    """Write word/footnotes.xml (and the comment) into the saved package: python-docx has no API
    for footnotes, so the parts, their relationships and content types are added as XML."""
    import zipfile

    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
             '</w:r></w:p></w:footnote>']
    for n, text in footnotes:
        notes.append(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {htmlmod.escape(text)}</w:t></w:r>'
            f'</w:p></w:footnote>')
    footnotes_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w_ns}">'
                     + "".join(notes) + "</w:footnotes>")
    comments_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{w_ns}">'
                    f'{_COMMENT_XML}</w:comments>')
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rIdFn1" Type="{rel_ns}/footnotes" Target="footnotes.xml"/>'
                        f'<Relationship Id="rIdCm1" Type="{rel_ns}/comments" Target="comments.xml"/>'
                        "</Relationships>")
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    types = types.replace("</Types>",
                          f'<Override PartName="/word/footnotes.xml" ContentType="{ct}.footnotes+xml"/>'
                          f'<Override PartName="/word/comments.xml" ContentType="{ct}.comments+xml"/>'
                          "</Types>")
    parts["[Content_Types].xml"] = types.encode()
    parts["word/footnotes.xml"] = footnotes_xml.encode()
    parts["word/comments.xml"] = comments_xml.encode() if draft else comments_xml.replace(
        _COMMENT_XML, "").encode()
    # automatic hyphenation, as UN documents are set (justified, hyphenated)
    settings = parts["word/settings.xml"].decode()
    settings = settings.replace("<w:defaultTabStop", '<w:autoHyphenation w:val="true"/><w:defaultTabStop', 1)
    # which footnotes are the separators (Word writes this; LibreOffice numbers the notes by it)
    settings = settings.replace("<w:compat>", '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
                                '</w:footnotePr><w:compat>', 1)
    parts["word/settings.xml"] = settings.encode()
    doc = parts["word/document.xml"].decode()
    doc = doc.replace("<w:pPr><w:ind", '<w:pPr><w:jc w:val="both"/><w:ind')  # numbered paragraphs justified
    parts["word/document.xml"] = doc.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def un_report(outdir: Path, stem: str) -> None:
    # the draft (tracked changes, a comment) as .docx; the PDF is the published text: the same
    # document with the changes accepted and no comment
    _un_docx(outdir / f"{stem}.docx", draft=True)
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / f"{stem}.docx"
        _un_docx(clean, draft=False)
        made = soffice_convert(clean, "pdf", Path(tmp) / "out")
        shutil.copy(made, outdir / f"{stem}.pdf")


# --- an NGO-style report in two columns -------------------------------------------------------

NGO_CSS = """
@page { size: A4; margin: 20mm 18mm 22mm;
  @top-right { content: "\\201CThey Burned Everything\\201D"; font: 8pt "Liberation Sans"; }
  @bottom-right { content: counter(page); font: 9pt "Liberation Sans"; }
  @bottom-left { content: "Human Rights Watch | July 2020"; font: 8pt "Liberation Sans"; }
}
body { font: 10pt/1.35 "Liberation Serif", serif; }
h1 { font: bold 20pt "Liberation Sans"; }
h2 { font: bold 13pt "Liberation Sans"; margin: 1em 0 0.4em; }
.cols { column-count: 2; column-gap: 9mm; text-align: justify; }
p { margin: 0 0 0.6em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 9pt; }
td, th { border: 0.5pt solid #444; padding: 2pt 6pt; text-align: left; }
"""

NGO_PARAGRAPHS = [
    ("h2", "Summary"),
    ("p", "On the morning of February 14, 2020, a group of about 30 armed men on motorbikes surrounded "
          "the village of Ogossagou, in Mali\u2019s Mopti region. Over the next three hours they killed "
          "at least 35 villagers, among them 12 children, and burned most of the houses. Human Rights "
          "Watch interviewed 21 witnesses and relatives of victims in Bamako and Mopti."),
    ("p", "The attack was the second on Ogossagou in less than a year: on March 23, 2019, an attack on "
          "the same village killed 157 people. Soldiers stationed in the village had left the area "
          "hours before the February 2020 attack, witnesses said."),
    ("h2", "Killings in the Mopti Region"),
    ("p", "Human Rights Watch documented 14 attacks on villages in the Mopti region between January "
          "and May 2020, in which at least 180 civilians were killed. Residents described how the "
          "attackers separated men from women and children before executing the men."),
    ("p", "In the Bankass and Koro cercles alone, the attacks displaced more than 9,000 people. Many "
          "of the displaced told Human Rights Watch they had lost all their cattle, the main source "
          "of income in the area."),
    ("table", [["Cercle", "Attacks", "Civilians killed"],
               ["Bankass", "6", "88"],
               ["Koro", "5", "61"],
               ["Bandiagara", "3", "31"]]),
    ("p", "The six attacks in the Bankass cercle killed 88 civilians, the five in Koro 61 and the "
          "three in Bandiagara 31, a total of 180. Local officials put the number of villages "
          "attacked in the three cercles at 17."),
    ("h2", "Recommendations"),
    ("p", "The Malian authorities should ensure that the army protects villages at risk, investigate "
          "the attacks of February 14, 2020 and March 23, 2019, and prosecute those responsible. "
          "Human Rights Watch has asked the authorities for the number of suspects arrested since "
          "2019 but had received no answer by the end of June."),
]


def ngo_report(outdir: Path, stem: str) -> None:
    body = ["<h1>\u201cThey Burned Everything\u201d</h1><p><b>Killings of Civilians in Central Mali, "
            "2020</b></p><div class='cols'>"]
    for kind, content in NGO_PARAGRAPHS:
        if kind == "table":
            head, *rows = content
            body.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>")
            for row in rows:
                body.append("<tr><th>" + row[0] + "</th>" + "".join(f"<td>{c}</td>" for c in row[1:]) + "</tr>")
            body.append("</table>")
        else:
            body.append(f"<{kind}>{htmlmod.escape(content)}</{kind}>")
    body.append("</div>")
    doc = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>{NGO_CSS}</style></head>"
           f"<body>{''.join(body)}</body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{stem}.html"
        src.write_text(doc, encoding="utf-8")
        chromium_pdf(src, outdir / f"{stem}.pdf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "html" / "2019")
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--state", default="barbados", help="the State Department report (a corpus page's stem)")
    ap.add_argument("--only", choices=("state", "un", "ngo"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "state"):
        state_report(args.corpus / f"{args.state}.html", args.out, f"{args.state}-2019", 2019)
    if args.only in (None, "un"):
        un_report(args.out, "un-a-hrc-45-33")
    if args.only in (None, "ngo"):
        ngo_report(args.out, "ngo-two-columns")


if __name__ == "__main__":
    main()
