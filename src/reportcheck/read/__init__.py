"""The reading stage: a report file -> a Document (text, format, year, country, sections).

    read_document(path, year=None) -> Document

- decode.py: bytes -> text (encodings, binary refusal, file checks), one-line InputErrors.
- html.py: HTML -> visible report text + page metadata (selectolax/lexbor).
- pdf.py: PDF -> text in reading order with its pages and footnotes (pypdfium2, an extra).
- docx.py: Word .docx -> text, headings, tables, footnotes (the standard library).
- layout.py: the PDF and Word readers' paragraphs -> text, pages, footnote sections.
- sections.py: headings -> Section spans ("exec", "1", "1.a" ...; UN and NGO layouts in
  outline.py: "II.A", numbered paragraphs "II.A.12", headings by their titles).
- year.py: the report year and where it came from.
- country.py: ISO alpha-2 country code and name.

Offsets: Document.text of a plain-text file is the file's decoded content exactly as
`open(path, encoding=...).read()` returns it (universal newlines), so every offset is a
Python string index into that. For HTML, PDF and Word it is the extracted text (html.py,
pdf.py, docx.py: one paragraph per line, a blank line between paragraphs); a PDF's
Document.pages says on which page each offset lies.
"""
from __future__ import annotations

from pathlib import PurePath

from ..errors import InputError
from ..model import Document
from .decode import check_path, check_suffix, paged_kind, read_bytes, read_text
from .sections import find_sections

__all__ = ["read_document", "find_sections", "InputError"]


def read_document(path, year: int | None = None) -> Document:
    """Read one report file. Raises InputError (one line, naming the file) when it cannot."""
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise InputError(f"--year {year!r}: not a year") from None
        if not 1900 <= year <= 2100:
            raise InputError(f"--year {year}: not a plausible report year (1900-2100)")

    check_path(path)
    check_suffix(path)
    data = read_bytes(path)
    kind = paged_kind(path, data)
    meta = None
    pages: list[tuple[int, int]] = []
    if kind is not None:
        paged = _read_paged(path, data, kind)
        text, encoding, fmt, pages = paged.text, "", kind, paged.pages
        if not text.strip():
            raise InputError(f"{path}: the {kind.upper()} file has no text")
        from .html import PageMeta

        meta = PageMeta(title=paged.title)
        # the body's headings as the file marks them; the footnotes are sections of their own
        sections = find_sections(text[:paged.body_end], headings=paged.headings)
        sections = _close(sections, paged.body_end) + paged.notes
    else:
        text, encoding, fmt = read_text(path, data)
        if fmt == "html":
            from .html import html_to_text

            text, meta = html_to_text(text)
            if not text.strip():
                raise InputError(f"{path}: the HTML page has no visible text")
        sections = find_sections(text)

    from .country import detect_country
    from .year import detect_year

    doc_year, year_source = detect_year(path, text, meta, year)
    country, country_name = detect_country(path, text, meta)
    return Document(
        id=PurePath(str(path)).stem,
        path=str(path),
        text=text,
        format=fmt,
        encoding=encoding,
        year=doc_year,
        year_source=year_source,
        country=country,
        country_name=country_name,
        sections=sections,
        pages=pages,
    )


def _read_paged(path, data: bytes, kind: str):
    """A PDF or Word file through its reader (imported only for such a file)."""
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, data)
    from .docx import read_docx

    return read_docx(path, data)


def _close(sections: list, end: int) -> list:
    """The body's sections, the last one ending where the body does (the footnotes follow)."""
    if sections and sections[-1].end > end:
        last = sections[-1]
        sections = [*sections[:-1], type(last)(last.code, last.title, last.start, end)]
    return sections
