"""What the PDF and Word readers share: their blocks -> the text every offset refers to.

A reader turns its file into Blocks in reading order: paragraphs, headings, table rows and
footnotes, each with the page(s) its text comes from. `assemble` writes them as the text
reader and the HTML reader do (one paragraph per line, paragraphs separated by a blank line),
the footnotes after the body, and records where each page's text starts, so the page of any
offset is known (`Paged.page_at`).

Footnotes are kept apart: the body holds no footnote marker (a marker is never read as a
figure), and each footnote's text is a paragraph of its own at the end, after the body, with
a Section of its own (code "fn3", title "footnote 3"), so a figure in a footnote names it.

A table is written one row per paragraph, its cells joined with " | " as the HTML reader
joins them; in a data row each cell is preceded by its column header ("Mopti | Civilians
killed: 187 | Civilians injured: 96"), so a figure in a table keeps its row and column
headers in its sentence.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Section


@dataclass
class Block:
    """A paragraph of the report as a reader found it.

    parts: (page, text) pieces joined as they are (a reader puts the space or nothing between
    two pieces itself), so a paragraph that runs over a page break knows where page 2 starts.
    kind: "para", "heading", "row" (a table row, already written with its headers), "note" (a
    footnote; `label` is its number or symbol as printed).
    """

    parts: list[tuple[int | None, str]]
    kind: str = "para"
    label: str = ""

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.parts)


@dataclass
class Paged:
    """A PDF's or a Word file's text, as read, and where its pages and footnotes are."""

    text: str
    # (offset, page): from this offset on, the text is the page's (1-based); empty when the
    # format has no pages (Word: pages are the word processor's, not the file's)
    pages: list[tuple[int, int]] = field(default_factory=list)
    notes: list[Section] = field(default_factory=list)  # one per footnote, after the body
    body_end: int = 0  # where the body ends (the footnotes follow)
    headings: list[int] = field(default_factory=list)  # offsets of paragraphs the file marks as headings
    page_count: int = 0
    title: str | None = None  # the file's own title (PDF metadata, Word core properties)

    def page_at(self, offset: int) -> int | None:
        return page_at(self.pages, offset)


def page_at(pages, offset: int) -> int | None:
    """The page of `offset` from (offset, page) breakpoints; None without pages."""
    if not pages:
        return None
    i = bisect.bisect_right([p[0] for p in pages], offset) - 1
    return pages[max(i, 0)][1]


def table_rows(rows: list[list[str]], header_rows: int = 1) -> list[str]:
    """A table as paragraphs: the header row(s) as they are, each data row's cells with their
    column header ("Mopti | Civilians killed: 187"); the first cell is the row's header."""
    rows = [[" ".join(c.split()) for c in row] for row in rows if any(c.strip() for c in row)]
    if not rows:
        return []
    heads = rows[0] if header_rows and len(rows) > 1 and _is_header(rows[0], rows[1:]) else None
    out = []
    for i, row in enumerate(rows):
        if heads is None or i == 0:
            out.append(" | ".join(c for c in row if c))
            continue
        cells = [row[0]] if row[0] else []
        for j, cell in enumerate(row[1:], start=1):
            if not cell:
                continue
            head = heads[j] if j < len(heads) else ""
            cells.append(f"{head}: {cell}" if head and head != cell else cell)
        out.append(" | ".join(cells))
    return out


def _is_header(first: list[str], rest: list[list[str]]) -> bool:
    """The first row names the columns: no cell of it is a number, and some later row has one."""
    def numeric(c: str) -> bool:
        s = c.replace(",", "").replace(".", "").replace("%", "").replace(" ", "")
        return bool(s) and s.isdigit()

    return not any(numeric(c) for c in first[1:]) and any(numeric(c) for row in rest for c in row)


def assemble(blocks: list[Block], page_count: int = 0, title: str | None = None, paged: bool = True) -> Paged:
    """Write the blocks as the report's text (see the module docstring)."""
    body = [b for b in blocks if b.kind != "note"]
    notes = [b for b in blocks if b.kind == "note"]
    chunks: list[str] = []
    pages: list[tuple[int, int]] = []
    headings: list[int] = []
    pos = 0

    def mark(page: int | None) -> None:
        if paged and page is not None and (not pages or pages[-1][1] != page):
            pages.append((pos, page))

    def put(block: Block) -> tuple[int, int]:
        nonlocal pos
        parts = _clean_parts(block.parts)
        if not parts:
            return pos, pos
        if chunks:
            chunks.append("\n\n")
            pos += 2
        start = pos
        for page, text in parts:
            mark(page)
            chunks.append(text)
            pos += len(text)
        return start, pos

    for b in body:
        start, end = put(b)
        if b.kind == "heading" and end > start:
            headings.append(start)
    body_end = pos
    sections: list[Section] = []
    for b in notes:
        start, end = put(b)
        if end > start:
            label = b.label or str(len(sections) + 1)
            sections.append(Section(f"fn{label}", f"footnote {label}", start, end))
    if paged and pages and pages[0][0] != 0:
        pages[0] = (0, pages[0][1])
    return Paged(text="".join(chunks), pages=pages, notes=sections, body_end=body_end, headings=headings,
                 page_count=page_count, title=title)


def _clean_parts(parts: list[tuple[int | None, str]]) -> list[tuple[int | None, str]]:
    """The pieces with runs of white space as one space, no white space at either end, and no
    newline inside (a paragraph is one line)."""
    out: list[tuple[int | None, str]] = []
    pending_space = False
    for page, text in parts:
        words = text.split()
        if not words:
            pending_space = pending_space or bool(text)
            continue
        lead = text[:1].isspace() or pending_space
        piece = " ".join(words)
        if out and lead:
            piece = " " + piece
        out.append((page, piece))
        pending_space = text[-1:].isspace()
    return out
