"""PDF -> the report's text in reading order, with its pages and footnotes (layout.Paged).

Library: pypdfium2 (PDFium, the PDF engine of Chromium; Apache-2.0/BSD): it gives every
character with its box, baseline, font size and weight, and tells the hyphens a word processor
inserted at line ends. Measured against pdfplumber (pdfminer.six) and pypdf on the test
documents (benchmarks/pdf.py): pdfplumber gives the same characters 15-30 times slower,
pypdf has no character geometry (no columns, no superscripts, no font sizes). PyMuPDF is
AGPL. It is an optional extra (`pip install "reportcheck[pdf]"`), imported only here.

What the reader does, per page then over the document:

- characters -> segments (runs on one baseline with no wide gap; a smaller character raised
  above the baseline is a superscript: a footnote marker in the body, dropped);
- two-column pages: a vertical gutter near the middle that no text line crosses (full-width
  lines, a title above the columns, split the page into bands); each band is read left column
  then right column;
- lines: the segments of one baseline in a column; a line of cells far apart is a table row;
- running headers and footers: lines in the top or bottom tenth of the page that recur on other
  pages (digits aside), or hold the page's own number ("BARBADOS 2", "2  GE.20-10234", "3/12"),
  are left out, as are lines there whose words all belong to such lines;
- footnotes: the lines at the bottom of a page in a smaller type than the body, starting with a
  number or a symbol, are footnotes (a note without a number continues the last one);
- paragraphs: a new one after a wider gap between lines, a change of type size or weight, an
  outdented numbered line, a short line ending a sentence; a paragraph runs on across a page or
  column break unless its last line ended a sentence short of the margin;
- words hyphenated at a line end are joined: a hyphen the producer marks as inserted is
  dropped; a plain "-" is dropped when the word without it occurs in the document (or the
  producer marks none and the first part is no compound prefix), else kept ("self-defence").

A PDF without a text layer (a scan) is an InputError: OCR it first.
"""
from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from .layout import Block, Paged, assemble, table_rows

_TERMINAL = re.compile(r"""[.!?:;]["'\u201d\u2019)\]]*$""")
_PAGE_LABEL = re.compile(r"^(?:page\s+)?(\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
_NOTE_START = re.compile(r"^(\d{1,3}|[*\u2020\u2021\u00a7]{1,3})\s*(?=\S)")
_LABEL = re.compile(r"^(?:\(?\d{1,3}[.)]|[IVXL]{1,5}\.|[A-Z]\.|\(?[a-z][.)]|[\u2022\u2013\u25aa-])$")
_NUMBERED = re.compile(r"^(?:\d{1,3}|[IVXL]{1,5}|[A-Z])\.(?:\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# First parts of compounds that keep their hyphen at a line end ("self-" "defence").
_COMPOUND = frozenset(
    "self non ex well so anti co post pre multi inter intra cross long short full part high low "
    "one two three four five six seven eight nine ten half mid semi quasi pro counter ill".split())
# A gap wider than this many ems between two words on a line separates table cells (a justified
# line stretches its spaces less; a lone wide gap is undone unless the next or previous line has
# cells at the same places).
_CELL_GAP = 1.0
_HYPHENS = "-\u2010\u2011\u00ad"
_MARKERS = frozenset("0123456789*\u2020\u2021\u00a7,")


@dataclass
class Segment:
    """Characters on one baseline with no wide gap, in content order."""

    chars: list[str]
    sup: list[bool]
    x0: float
    x1: float
    base: float
    size: float
    weight: int
    soft_end: bool = False  # ends in a hyphen the producer inserted
    sizes: list[float] = field(default_factory=list)  # of its characters (the segment's size: their median)

    def text(self, drop_sup: bool = True) -> str:
        if not drop_sup:
            return "".join(self.chars)
        out = []
        for c, s in zip(self.chars, self.sup, strict=True):
            if s and c in _MARKERS:
                continue
            out.append(c)
        return "".join(out)


@dataclass
class Line:
    segs: list[Segment]
    page: int
    col_x1: float = 0.0  # the right edge of the line's column
    col_x0: float = 0.0
    cells: list[str] = field(default_factory=list)  # a table row's cells (empty: running text)
    spans: list[tuple[float, float]] = field(default_factory=list)  # each cell's x0, x1

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segs)

    @property
    def base(self) -> float:
        return self.segs[0].base

    @property
    def size(self) -> float:
        return max(s.size for s in self.segs)

    @property
    def weight(self) -> int:
        return self.segs[0].weight

    @property
    def soft_end(self) -> bool:
        return self.segs[-1].soft_end

    def text(self, drop_sup: bool = True) -> str:
        out = ""
        for s in self.segs:
            t = s.text(drop_sup)
            out = f"{out} {t}" if out and t and not out.endswith(" ") and not t.startswith(" ") else out + t
        return " ".join(out.split())


def _pdfium():
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError:
        raise InputError("reading PDF needs pypdfium2: pip install \"reportcheck[pdf]\"") from None
    return pdfium, raw


def _segments(raw, textpage) -> list[Segment]:
    """The page's characters -> segments (see the module docstring)."""
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    box = raw.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    segs: list[Segment] = []
    cur: Segment | None = None
    space = False
    k = 0
    while k < n:
        u = raw.FPDFText_GetUnicode(tp, k)
        if 0xD800 <= u < 0xDC00 and k + 1 < n:  # a surrogate pair: one character, two indices
            lo = raw.FPDFText_GetUnicode(tp, k + 1)
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
            k += 1
        i = k
        k += 1
        ch = chr(u) if u else ""
        if not ch or ch in "\r\n" or u == 0xFFFE:
            continue
        if ch.isspace():
            space = True
            continue
        # one call for the box: the loose box spans the font's ascent and descent, so its bottom
        # is the baseline less a fixed share of the size (what line and superscript tests compare)
        raw.FPDFText_GetLooseCharBox(tp, i, box)
        size = raw.FPDFText_GetFontSize(tp, i) or (box.top - box.bottom) or 1.0
        x0, x1, base = box.left, box.right, box.bottom
        soft = ch == "\x02" or (ch in _HYPHENS and bool(raw.FPDFText_IsHyphen(tp, i)))
        if ch == "\x02":
            ch = "-"
        if cur is not None:
            ref = cur.size
            gap = x0 - cur.x1
            same_line = abs(base - cur.base) <= 0.3 * max(size, ref) and -0.5 * ref <= gap <= _CELL_GAP * ref
            raised = (size < 0.85 * ref and 0.1 * ref < base - cur.base < 0.9 * ref
                      and -0.3 * ref <= gap <= 0.6 * ref)
            if same_line or raised:
                wide = space or (same_line and gap > 0.2 * min(size, ref) and not raised)
                if wide and cur.chars and cur.chars[-1] != " ":
                    cur.chars.append(" ")
                    cur.sup.append(False)
                cur.chars.append(ch)
                cur.sup.append(raised or (cur.sup and cur.sup[-1] and size < 0.85 * ref and not same_line))
                if not cur.sup[-1]:
                    cur.sizes.append(size)
                cur.x1 = max(cur.x1, x1)
                cur.soft_end = soft
                space = False
                continue
        if cur is not None:
            segs.append(cur)
        cur = Segment([ch], [False], x0, x1, base, size, _weight(raw, tp, i, name), soft, [size])
        space = False
    if cur is not None:
        segs.append(cur)
    for s in segs:
        while s.chars and s.chars[-1] == " ":  # a trailing space
            s.chars.pop()
            s.sup.pop()
        if len(s.sizes) > 1:  # a footnote's number may be in the body's size, its text smaller
            s.size = sorted(s.sizes)[len(s.sizes) // 2]
    return [s for s in segs if s.chars]


def _weight(raw, tp, i: int, name) -> int:
    """The weight of a character's font: its name says bold ("LiberationSerif-Bold") more often
    than its descriptor does."""
    if raw.FPDFText_GetFontInfo(tp, i, name, len(name), None):
        font = name.value.decode("latin-1", "replace").lower()
        if any(w in font for w in ("bold", "black", "heavy", "semibold", "demi")):
            return 700
    weight = raw.FPDFText_GetFontWeight(tp, i)
    return weight if weight > 0 else 400


def _gutter(segs: list[Segment], width: float) -> float | None:
    """The x of a column gutter near the middle of the page, when the page has two columns."""
    body = [s for s in segs if s.x1 - s.x0 > 0.05 * width]
    if len(body) < 10:
        return None
    best, best_x = None, None
    x = 0.3 * width
    while x <= 0.7 * width:
        crossing = sum(1 for s in body if s.x0 < x - 1 < s.x1 or s.x0 < x + 1 < s.x1)
        if best is None or crossing < best:
            best, best_x = crossing, x
        x += 2.0
    if best_x is None or best > 0.1 * len(body):
        return None
    left = [s for s in body if s.x1 <= best_x]
    right = [s for s in body if s.x0 >= best_x]
    if len(left) < 4 or len(right) < 4:
        return None
    # running text fills its column: the left column's lines mostly reach near the gutter
    left_edge = min(s.x0 for s in left)
    wide = sum(1 for s in left if s.x1 - s.x0 > 0.6 * (best_x - left_edge))
    if wide < 0.5 * len(left):
        return None
    return best_x


def _lines(segs: list[Segment], page: int, width: float) -> list[Line]:
    """The page's segments as lines in reading order (columns of a band one after the other)."""
    gutter = _gutter(segs, width)
    if gutter is None:
        groups = [segs]
    else:
        # bands: full-width segments cut the page; within a band, the left column then the right
        ordered = sorted(segs, key=lambda s: -s.base)
        groups, left, right = [], [], []
        for s in ordered:
            if s.x0 < gutter < s.x1:
                if left or right:
                    groups += [left, right]
                    left, right = [], []
                groups.append([s])
            elif s.x1 <= gutter:
                left.append(s)
            else:
                right.append(s)
        groups += [left, right]
        # full-width segments of one baseline are one group
    out: list[Line] = []
    for group in groups:
        if not group:
            continue
        col_x0 = min(s.x0 for s in group)
        col_x1 = max(s.x1 for s in group)
        rows: list[list[Segment]] = []
        for s in sorted(group, key=lambda s: (-s.base, s.x0)):
            if rows and abs(rows[-1][0].base - s.base) <= 0.35 * max(s.size, rows[-1][0].size):
                rows[-1].append(s)
            else:
                rows.append([s])
        for row in rows:
            row.sort(key=lambda s: s.x0)
            line = Line(row, page, col_x1=col_x1, col_x0=col_x0)
            gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False)]
            if gaps and max(gaps) > _CELL_GAP * line.size:
                cells, cell = [], [row[0]]
                for gap, seg in zip(gaps, row[1:], strict=True):
                    if gap > _CELL_GAP * line.size:
                        cells.append(cell)
                        cell = [seg]
                    else:
                        cell.append(seg)
                cells.append(cell)
                texts = [Line(c, page).text() for c in cells]
                # "12." or "A." then a tab: a numbered paragraph or heading, not a table row
                if len(texts) >= 2 and not _LABEL.match(texts[0]):
                    line.cells = texts
                    line.spans = [(c[0].x0, max(x.x1 for x in c)) for c in cells]
            out.append(line)
    return out


def _norm(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _strip_running(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop running headers, footers and page numbers (see the module docstring)."""
    def in_margin(line: Line, h: float) -> bool:
        return line.base > 0.9 * h or line.base < 0.1 * h

    seen: Counter = Counter()  # on how many pages a margin line's text recurs
    anywhere: Counter = Counter()  # how many lines or cells have a text
    for lines, h in zip(pages, heights, strict=True):
        seen.update({_norm(ln.text(False)) for ln in lines if in_margin(ln, h)})
        for ln in lines:
            anywhere.update({_norm(t) for t in (ln.text(False), *ln.cells)})
    repeat = max(2, int(0.4 * len(pages) + 0.5))
    dropped_words: set[str] = set()
    dropped_bases: list[tuple[int, float]] = []
    keep_pages: list[list[Line]] = []
    pending: list[tuple[int, Line]] = []
    for p, (lines, h) in enumerate(zip(pages, heights, strict=True), start=1):
        keep = []
        for ln in lines:
            if not in_margin(ln, h):
                keep.append(ln)
                continue
            text = ln.text(False)
            tokens = text.split()
            own_number = str(p) in tokens or _PAGE_LABEL.match(text.strip()) is not None \
                or re.search(rf"(?<!\d){p}\s*(?:/|of)\s*\d", text) is not None
            key = _norm(text)
            # a short document repeats its header fewer times: its text elsewhere (the symbol
            # "A/HRC/45/33" of the masthead) says it is the running header
            recurs = (len(pages) > 1 and seen[key] >= repeat) or (anywhere[key] >= 2 and len(tokens) <= 8)
            if recurs or (own_number and len(tokens) <= 8):
                dropped_words.update(w for w in re.split(r"\W+", text.lower()) if len(w) >= 3)
                dropped_bases.append((p, ln.base))
                continue
            keep.append(ln)
            pending.append((p, ln))
        keep_pages.append(keep)
    # a margin line made only of words of the dropped ones ("GE.20-10234(E)" on the first page)
    # or on the baseline of a dropped one ("Human Rights Watch | July 2020" beside the page number)
    if dropped_words:
        for p, ln in pending:
            words = [w for w in re.split(r"\W+", ln.text(False).lower()) if len(w) >= 3]
            beside = any(q == p and abs(b - ln.base) < 2 for q, b in dropped_bases)
            if beside or (words and all(w in dropped_words for w in words)):
                keep_pages[p - 1] = [x for x in keep_pages[p - 1] if x is not ln]
    return keep_pages


def _body_metrics(pages: list[list[Line]]) -> tuple[float, float]:
    """The body's type size (most characters) and its usual distance between baselines."""
    sizes: Counter = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text())
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    gaps: Counter = Counter()
    for lines in pages:
        for a, b in zip(lines, lines[1:], strict=False):
            if abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and 0 < a.base - b.base < 3 * size:
                gaps[round(a.base - b.base, 1)] += 1
    leading = gaps.most_common(1)[0][0] if gaps else 1.2 * size
    return size, leading


def _split_notes(lines: list[Line], size: float) -> tuple[list[Line], list[Line]]:
    """(body, footnotes) of a page: the trailing lines in a smaller type, starting with a marker."""
    i = len(lines)
    while i > 0 and lines[i - 1].size < 0.9 * size and not lines[i - 1].cells:
        i -= 1
    notes = lines[i:]
    if not notes:
        return lines, []
    first = notes[0]
    starts = first.segs[0].sup[0] or _NOTE_START.match(first.text(False)) is not None
    gap_above = i == 0 or lines[i - 1].base - first.base > 1.2 * size
    if starts and gap_above:
        return lines[:i], notes
    return lines, []


def _notes(lines: list[Line], blocks: list[Block]) -> None:
    for ln in lines:
        raw_text = ln.text(False)
        m = _NOTE_START.match(raw_text)
        if m and (ln.segs[0].sup[0] or m.end() < len(raw_text)):
            blocks.append(Block([(ln.page, raw_text[m.end():])], "note", m.group(1)))
        elif blocks and blocks[-1].kind == "note":
            blocks[-1].parts.append((ln.page, _join(blocks[-1].text, raw_text, set(), True)[0]))
        else:
            blocks.append(Block([(ln.page, raw_text)], "note", ""))


def _join(prev: str, nxt: str, vocab: set[str], soft: bool, marks_hyphens: bool = True) -> tuple[str, bool]:
    """The next line's text as it is appended to `prev`: " text", or "text" for a word broken at
    the line end; and whether the hyphen at the end of `prev` is to be dropped."""
    if not prev or not nxt:
        return nxt, False
    if soft:
        return nxt, True
    if prev[-1] in "\u2010\u2011-" and len(prev) > 1 and prev[-2].isalpha():
        first = nxt.split(" ", 1)[0]
        head_m = re.search(r"([^\W\d_]+)-?$", prev[:-1] + "-")
        head = head_m.group(1) if head_m else ""
        if first[:1].islower():
            tail = _WORD.match(first)
            tail = tail.group(0) if tail else first
            joined = (head + tail).lower()
            if joined in vocab:
                return nxt, True
            if f"{head}-{tail}".lower() in vocab or head.lower() in _COMPOUND or marks_hyphens:
                return nxt, False
            return nxt, True
        return nxt, False
    if prev.endswith(" -") and nxt[:1].islower() and len(prev) > 2 and prev[-3].isalpha():
        # "Ex -" "pert": a justified line's hyphen set apart; joined when the word is the document's
        head = re.search(r"([^\W\d_]+) -$", prev)
        tail = _WORD.match(nxt)
        if head and tail and (head.group(1) + tail.group(0)).lower() in vocab:
            return nxt, True
    if prev[-1] in "\u2013\u2014/":
        return nxt, False
    return " " + nxt, False


def _paragraphs(pages: list[list[Line]], size: float, leading: float, marks_hyphens: bool) -> list[Block]:
    vocab: set[str] = set()
    for lines in pages:
        for ln in lines:
            vocab.update(w.lower() for w in _WORD.findall(ln.text()))
    blocks: list[Block] = []
    prev: Line | None = None
    cur: Block | None = None

    def heading_like(ln: Line) -> bool:
        return ln.size > 1.1 * size or (ln.weight >= 600 and not ln.cells)

    def flush():
        nonlocal cur
        if cur is not None and cur.text.strip():
            blocks.append(cur)
        cur = None

    table: list[Line] = []

    def flush_table():
        if table:
            for t, text in zip(table, table_rows(_grid(table)), strict=True):
                blocks.append(Block([(t.page, text)], "row"))
            table.clear()

    for lines in pages:
        for ln in lines:
            text = ln.text()
            if not text:
                continue
            if ln.cells:
                flush()
                table.append(ln)
                prev = ln
                continue
            flush_table()
            kind = "heading" if heading_like(ln) else "para"
            if cur is not None and prev is not None and _continues(prev, ln, cur, kind, size, leading):
                piece, drop = _join(cur.text, text, vocab, prev.soft_end, marks_hyphens)
                if drop:
                    _drop_last_char(cur)
                cur.parts.append((ln.page, piece))
            else:
                flush()
                cur = Block([(ln.page, text)], kind)
            prev = ln
    flush()
    flush_table()
    return blocks


def _grid(table: list[Line]) -> list[list[str]]:
    """A table's rows with each cell in its column: the column of the row with the most cells
    (the header, usually) that it overlaps most."""
    model = max(table, key=lambda t: len(t.spans))
    cols = model.spans
    rows = []
    for t in table:
        row = [""] * len(cols)
        for text, (a, b) in zip(t.cells, t.spans, strict=True):
            best = max(range(len(cols)), key=lambda j: (min(b, cols[j][1]) - max(a, cols[j][0]),
                                                        -abs((a + b) - (cols[j][0] + cols[j][1]))))
            row[best] = f"{row[best]} {text}".strip()
        rows.append(row)
    return rows


def _aligned(a: Line, b: Line, size: float) -> bool:
    """Two lines of cells that line up: a cell edge of one at a cell edge of the other."""
    edges = [x for span in a.spans[1:] for x in span]
    return any(abs(x - y) < size for span in b.spans[1:] for x in span for y in edges)


def _tables(pages: list[list[Line]], size: float) -> None:
    """A line of cells is a table row only beside another row whose cells line up with it;
    otherwise it is running text with a wide space."""
    for lines in pages:
        for i, ln in enumerate(lines):
            if not ln.cells:
                continue
            near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j].cells]
            if not any(_aligned(ln, other, size) for other in near):
                ln.cells, ln.spans = [], []


def _drop_last_char(block: Block) -> None:
    page, text = block.parts[-1]
    text = text[:-1]
    if text.endswith(" ") and text[-2:-1].isalpha():  # "Ex -"
        text = text[:-1]
    block.parts[-1] = (page, text)


def _continues(prev: Line, ln: Line, cur: Block, kind: str, size: float, leading: float) -> bool:
    """Does `ln` continue the paragraph whose last line is `prev`?"""
    if kind != cur.kind or abs(ln.size - prev.size) > 0.1 * size or (ln.weight >= 600) != (prev.weight >= 600):
        return False
    if kind == "heading":
        return prev.page == ln.page and 0 < prev.base - ln.base <= 1.6 * max(ln.size, leading)
    ended = _TERMINAL.search(prev.text()) is not None
    full = prev.x1 >= prev.col_x1 - 0.12 * max(prev.col_x1 - prev.col_x0, 1.0)
    new_column = prev.page != ln.page or ln.base > prev.base + 0.5 * size or ln.col_x0 != prev.col_x0
    if new_column:
        # over a page or column break: it runs on unless the last line ended a sentence short of
        # the margin, or the new line starts a numbered paragraph
        return (full or not ended) and not _NUMBERED.match(ln.text())
    gap = prev.base - ln.base
    if gap > 1.3 * leading:
        return False
    if _NUMBERED.match(ln.text()) and ln.x0 < prev.x0 - 0.5 * size:
        return False  # an outdented "12." starts a numbered paragraph
    if ended and not full:
        return False  # a short line ending a sentence ends its paragraph
    if ended and ln.x0 > prev.x0 + 1.0 * size and abs(prev.x0 - prev.col_x0) < size:
        return False  # a first-line indent
    return True


def _title(pdf) -> str | None:
    try:
        meta = pdf.get_metadata_dict()
    except Exception:
        return None
    title = (meta.get("Title") or "").strip()
    return title or None


def read_pdf(path, data: bytes) -> Paged:
    """The text of a PDF file's bytes (see the module docstring); InputError when it cannot."""
    pdfium, raw = _pdfium()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        what = str(exc).lower()
        if "password" in what:
            raise InputError(f"{path}: the PDF is encrypted (password-protected); save an unprotected copy") from None
        raise InputError(f"{path}: not a readable PDF ({exc})") from None
    try:
        n = len(pdf)
        if n == 0:
            raise InputError(f"{path}: the PDF has no pages")
        pages: list[list[Line]] = []
        heights: list[float] = []
        chars = 0
        marks_hyphens = False
        for i in range(n):
            page = pdf[i]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    segs = _segments(raw, textpage)
                finally:
                    textpage.close()
            finally:
                page.close()
            chars += sum(len(s.chars) for s in segs)
            marks_hyphens = marks_hyphens or any(s.soft_end for s in segs)
            pages.append(_lines(segs, i + 1, width))
            heights.append(height)
        if chars < 20 * n:
            raise InputError(f"{path}: the PDF has no text layer (a scanned document?): OCR it first "
                             "(e.g. ocrmypdf), then check the OCR'd PDF")
        title = _title(pdf)
    finally:
        pdf.close()
    pages = _strip_running(pages, heights)
    size, leading = _body_metrics(pages)
    _tables(pages, size)
    bodies, notes = [], []
    for lines in pages:
        body, foot = _split_notes(lines, size)
        bodies.append(body)
        notes.append(foot)
    blocks = _paragraphs(bodies, size, leading, marks_hyphens)
    note_blocks: list[Block] = []
    for foot in notes:
        _notes(foot, note_blocks)
    return assemble(blocks + note_blocks, page_count=n, title=title)
