"""Word (.docx) -> the report's text, its headings, tables and footnotes (layout.Paged).

A .docx file is a ZIP of XML parts; the reader needs only the standard library (zipfile and
ElementTree), so it has no extra to install. What it reads, from word/document.xml in order:

- paragraphs (w:p) and their runs' text; a tab or a line break inside a paragraph is a space;
  list numbers Word generates (w:numPr: "12.", "A.", "II.") are written before the text, as
  the reader of the printed report sees them;
- headings: paragraphs whose style is a heading (its name "heading N", "Title", a UN template's
  "HChG"/"H1G"/"H23G", or an outline level), recorded so the sections find them;
- tables (w:tbl): one row per paragraph, cells with their column headers (layout.table_rows);
- tracked changes as if accepted: inserted text (w:ins, w:moveTo) is read, deleted text (w:del,
  w:moveFrom) is not, and a paragraph whose mark was deleted runs on into the next;
- footnotes and endnotes: the body keeps no reference mark (a marker is never a figure); each
  note's text follows the body as its own paragraph, numbered in order of reference as Word
  numbers them (layout.assemble gives it a section "fn3");
- comments, headers and footers, field codes and drawings are left out.

Pages are the word processor's, not the file's: a Word document's figures have no page.

The parts are checked before they are parsed: at most 256 MiB unpacked each, and no DTD (an
OOXML part never has one), so an entity bomb or a ZIP bomb is an InputError, not a hang.
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.etree import ElementTree as ET

from ..errors import InputError
from .layout import Block, Paged, assemble, table_rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_PART = 256 * 1024 * 1024
_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title|subtitle|h[\dcm][\w]*g)$", re.I)
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
_SKIP = frozenset(W + t for t in (
    "del", "moveFrom", "instrText", "delText", "delInstrText", "footnoteReference", "endnoteReference",
    "commentReference", "drawing", "pict", "object", "rPr", "pPr", "tblPr", "trPr", "tcPr", "sectPr",
    "fldData", "footnoteRef", "endnoteRef", "annotationRef"))
_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"


def _part(z: zipfile.ZipFile, name: str, path) -> ET.Element | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise InputError(f"{path}: the Word file's {name} is too large to read ({info.file_size} bytes unpacked)")
    with z.open(info) as f:
        data = f.read(_MAX_PART + 1)
    if len(data) > _MAX_PART:
        raise InputError(f"{path}: the Word file's {name} is too large to read")
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise InputError(f"{path}: the Word file's {name} declares a DTD (not a Word document)")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{path}: the Word file's {name} is not well-formed XML ({exc})") from None


def _roman(n: int) -> str:
    out = ""
    for sym, val in _ROMAN:
        while n >= val:
            out += sym
            n -= val
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """The list numbers Word generates: numId -> abstract levels (format, text, start)."""

    def __init__(self, root: ET.Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in a.iter(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl", "0"))
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[ilvl] = (fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                                text.get(W + "val", "") if text is not None else "",
                                int(start.get(W + "val", "1")) if start is not None else 1)
            abstract[a.get(W + "abstractNumId", "")] = levels
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.levels[num.get(W + "numId", "")] = abstract.get(ref.get(W + "val", ""), {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = (counters[ilvl] or start - 1) + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return ""

        def level(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if not 0 <= k < 9:
                return ""
            f = levels.get(k, ("decimal", "", 1))[0]
            return _format(counters[k] or levels.get(k, ("", "", 1))[2], f)

        return re.sub(r"%(\d)", level, text).strip()


class _Reader:
    def __init__(self, styles: ET.Element | None, numbering: ET.Element | None):
        self.numbering = _Numbering(numbering)
        self.heading_styles: set[str] = set()
        self.style_num: dict[str, tuple[str, int]] = {}
        if styles is not None:
            for st in styles.iter(W + "style"):
                sid = st.get(W + "styleId", "")
                name = st.find(W + "name")
                name = name.get(W + "val", "") if name is not None else ""
                ppr = st.find(W + "pPr")
                outline = ppr.find(W + "outlineLvl") if ppr is not None else None
                if _HEADING_STYLE.match(name) or _HEADING_STYLE.match(sid) or (
                        outline is not None and outline.get(W + "val") not in (None, "9")):
                    self.heading_styles.add(sid)
                num = ppr.find(W + "numPr") if ppr is not None else None
                if num is not None:
                    nid = num.find(W + "numId")
                    lvl = num.find(W + "ilvl")
                    if nid is not None:
                        self.style_num[sid] = (nid.get(W + "val", ""),
                                               int(lvl.get(W + "val", "0")) if lvl is not None else 0)
        self.note_refs: list[tuple[str, str]] = []  # ("footnote"|"endnote", id) in order of reference

    def text(self, el: ET.Element) -> str:
        """The visible text under an element, tracked changes accepted."""
        out: list[str] = []
        self._walk(el, out)
        return "".join(out)

    def _walk(self, el: ET.Element, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in (W + "tab", W + "br", W + "cr", W + "ptab"):
                out.append(" ")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                self.note_refs.append((kind, child.get(W + "id", "")))
            elif tag in _SKIP or tag == _ALTERNATE:
                continue
            else:
                self._walk(child, out)

    def paragraph(self, p: ET.Element) -> tuple[str, bool, bool]:
        """(text with its list number, is a heading, its mark was deleted)."""
        ppr = p.find(W + "pPr")
        style = ""
        heading = False
        number = ""
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            style = ps.get(W + "val", "") if ps is not None else ""
            heading = style in self.heading_styles
            outline = ppr.find(W + "outlineLvl")
            if outline is not None and outline.get(W + "val") not in (None, "9"):
                heading = True
            num = ppr.find(W + "numPr")
            ref = None
            if num is not None:
                nid = num.find(W + "numId")
                lvl = num.find(W + "ilvl")
                if nid is not None:
                    ref = (nid.get(W + "val", ""), int(lvl.get(W + "val", "0")) if lvl is not None else 0)
            elif style in self.style_num:
                ref = self.style_num[style]
            if ref is not None:
                number = self.numbering.label(*ref)
            rpr = ppr.find(W + "rPr")
            mark_deleted = rpr is not None and rpr.find(W + "del") is not None
        text = self.text(p)
        if number:
            text = f"{number} {text}"
        return text, heading, mark_deleted

    def body(self, body: ET.Element, blocks: list[Block]) -> None:
        carry = ""  # a paragraph whose mark was deleted runs on into the next
        for el in body:
            tag = el.tag
            if tag == W + "p":
                text, heading, joined = self.paragraph(el)
                text = carry + text
                if joined:
                    carry = text
                    continue
                carry = ""
                if text.strip():
                    blocks.append(Block([(None, text)], "heading" if heading else "para"))
            elif tag == W + "tbl":
                for row in table_rows(self.table(el)):
                    blocks.append(Block([(None, row)], "row"))
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
                self.body(el, blocks)
        if carry.strip():
            blocks.append(Block([(None, carry)], "para"))

    def table(self, tbl: ET.Element) -> list[list[str]]:
        rows = []
        for tr in tbl.iter(W + "tr"):
            if tr.find(f"{W}trPr/{W}del") is not None:
                continue  # a deleted row
            cells = []
            for tc in tr.findall(W + "tc") + [c for sdt in tr.findall(W + "sdt") for c in sdt.iter(W + "tc")]:
                paras = [self.paragraph(p)[0] for p in tc.iter(W + "p")]
                cells.append(" ".join(t for t in paras if t.strip()))
            rows.append(cells)
        return rows

    def notes(self, root: ET.Element | None, kind: str) -> dict[str, str]:
        if root is None:
            return {}
        out = {}
        for note in root.iter(W + kind):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paras = [self.text(p) for p in note.iter(W + "p")]
            out[note.get(W + "id", "")] = " ".join(t.strip() for t in paras if t.strip())
        return out


def _title(core: ET.Element | None) -> str | None:
    if core is None:
        return None
    el = core.find("{http://purl.org/dc/elements/1.1/}title")
    title = (el.text or "").strip() if el is not None else ""
    return title or None


def read_docx(path, data: bytes) -> Paged:
    """The text of a .docx file's bytes (see the module docstring); InputError when it cannot."""
    try:
        z = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"{path}: not a Word .docx file (not a ZIP archive)") from None
    with z:
        names = set(z.namelist())
        if "word/document.xml" not in names:
            raise InputError(f"{path}: not a Word .docx file (no word/document.xml)")
        try:
            document = _part(z, "word/document.xml", path)
            reader = _Reader(_part(z, "word/styles.xml", path), _part(z, "word/numbering.xml", path))
            footnotes = reader.notes(_part(z, "word/footnotes.xml", path), "footnote")
            endnotes = reader.notes(_part(z, "word/endnotes.xml", path), "endnote")
            title = _title(_part(z, "docProps/core.xml", path))
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:  # encrypted, truncated
            raise InputError(f"{path}: the Word file cannot be unpacked ({exc})") from None
    body = document.find(W + "body") if document is not None else None
    if body is None:
        raise InputError(f"{path}: the Word file has no document body")
    blocks: list[Block] = []
    reader.body(body, blocks)
    numbers = {"footnote": 0, "endnote": 0}
    seen = set()
    for kind, nid in reader.note_refs:
        if (kind, nid) in seen:
            continue
        seen.add((kind, nid))
        text = (footnotes if kind == "footnote" else endnotes).get(nid, "")
        numbers[kind] += 1
        if text:
            label = str(numbers[kind]) if kind == "footnote" else _roman(numbers[kind])
            blocks.append(Block([(None, text)], "note", label if kind == "footnote" else f"e{label}"))
    return assemble(blocks, title=title, paged=False)
