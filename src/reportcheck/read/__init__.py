"""The reading stage: a report file -> a Document (text, format, year, country, sections).

    read_document(path, year=None) -> Document

- decode.py: bytes -> text (encodings, binary/PDF refusal, file checks), one-line InputErrors.
- html.py: HTML -> visible report text + page metadata (selectolax/lexbor).
- sections.py: headings -> Section spans ("exec", "1", "1.a" ...).
- year.py: the report year and where it came from.
- country.py: ISO alpha-2 country code and name.

Offsets: Document.text of a plain-text file is the file's decoded content exactly as
`open(path, encoding=...).read()` returns it (universal newlines), so every offset is a
Python string index into that. For HTML it is the extracted text (html.py).
"""
from __future__ import annotations

from pathlib import PurePath

from ..errors import InputError
from ..model import Document
from .decode import read_text
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

    text, encoding, fmt = read_text(path)
    meta = None
    if fmt == "html":
        from .html import html_to_text

        text, meta = html_to_text(text)
        if not text.strip():
            raise InputError(f"{path}: the HTML page has no visible text")

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
        sections=find_sections(text),
    )
