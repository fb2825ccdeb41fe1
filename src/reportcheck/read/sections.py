"""The headings of a country report and the spans they govern.

A heading is a line of its own (in text converted from HTML: a paragraph of its own):

- "Executive Summary" / "EXECUTIVE SUMMARY" (also the stray "Executive Summary Title"):
  code "exec".
- "Section 1. Respect for the Integrity of the Person, Including Freedom from:",
  "Section 7. Worker Rights" (any year's wording): code "1" ... "7". "Section 1." alone on a
  line followed by its title line (an unmerged HTML accordion title) counts as well.
- "a. Arbitrary Deprivation of Life ...", "g. Abuses in Internal Conflict": code "1.a" ...,
  under the numbered section it follows. Letters must come in order within a section ("a"
  first -- or "b"/"c" when the "a." heading is missing -- then later letters), so a list
  "a. ..., b. ..." in the middle of a section is not taken for subsections.
- Unlettered sub-headings ("Prison and Detention Center Conditions", "Women", "Political
  Prisoners and Detainees"): a Section of their own with the title of the sub-heading and the
  code of the (lettered) section they are in, so the code of any offset is still "1.c" / "6".

Not headings: run-in heads ("Killings: In March ...", "Physical Conditions:" ending in a
colon), sentences ("a. The law ..." ending in a period), lines that continue a hard-wrapped
paragraph (the previous line does not end a sentence), list items out of letter order.

A text without the State Department's headings ("Section N." or "Executive Summary") is read as
a UN or NGO report (outline.py: "II.A", numbered paragraphs "II.A.12", titled headings).

Sections are contiguous: each ends where the next begins; the last ends at len(text). Text
before the first heading is a section with code "" and title "front". The page footer of a
saved state.gov page ("Edit Your Custom Report" ...) after the report is a section with code
"" and title "page footer". A text without any heading has no sections ([]).
"""
from __future__ import annotations

import bisect
import re

from ..model import Section

_LINE = re.compile(r"[^\n]*\n?")
_EXEC = re.compile(r"(?i:executive\s+summary)(?:\s+Title)?\s*:?")
_SECTION = re.compile(r"(?:Section|SECTION)\s+(\d{1,2})\s*\.(?:\s+(\S.*))?")
_LETTERED = re.compile(r"([a-zA-Z])\.\s+([A-Z\u00c0-\u00de\"\u201c(].*)")
_FOOTER = re.compile(r"(?i:edit\s+your\s+custom\s+report|read\s+a\s+section(?::.*)?)")
_MAJOR_AHEAD = re.compile(r"^[ \t]*(?:(?:Section|SECTION)\s+\d{1,2}\s*\.|(?i:executive\s+summary)[ \t]*$)", re.M)
_FOOTER_LEAD = re.compile(r"(?i:human\s+rights\s+reports?)")
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-/]*")
_MARKDOWN = re.compile(r"^\*\*(.+)\*\*$|^__(.+)__$")
_ATX = re.compile(r"#{1,6}\s")  # "## Section 1. ...": the title is what follows, without closing #s
_PAREN = re.compile(r"\([^)]*\)")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}\.\s+[A-Z]")
# A previous line that ends like this ends a paragraph (so the next line may be a heading).
_PARA_END = re.compile(r"""[.!?:;)\]"'\u201d\u2019\u2026]\s*$""")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to with without within "
    "against among regarding including towards toward than via vs".split()
)
_MAX_HEADING = 200
_MAX_SUBHEADING = 120
_WRAP_WIDTH = 100  # hard-wrapped texts have shorter lines than this


def _titleish(title: str, *, strict: bool) -> bool:
    """True when `title` reads like a heading: capitalised words, not a sentence.

    strict: a bare line with no "Section N."/"a." prefix, so also require the last word to be
    capitalised (headings end in a noun; a wrapped sentence fragment usually does not).
    """
    words = _WORD.findall(title)
    if not words:
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not big:
        return False
    caps = sum(1 for w in big if w[0].isupper())
    if strict:
        # "In an April 25 release, the ..." starts a sentence, not a heading.
        if not words[0][0].isupper() or words[0].lower() in _SMALL_WORDS or caps < 0.75 * len(big):
            return False
        last = words[-1]
        if not last[0].isupper() and not title.rstrip().endswith(")"):
            return False
        return True
    return caps >= 0.5 * len(big)


def _sentence_like(title: str) -> bool:
    """A full stop inside (". " followed by a capital) means running text, not a heading."""
    return bool(_SENTENCE_INSIDE.search(title))


def find_sections(text: str, headings=()) -> list[Section]:
    """The sections of a report text: the State Department's layout (see the module docstring),
    else a UN or NGO report's (outline.py; `headings`: offsets of paragraphs the file marks as
    headings, from a PDF or Word file)."""
    found = _state_sections(text)
    if found:
        return found
    from .outline import find_outline

    return find_outline(text, headings)


def _state_sections(text: str) -> list[Section]:
    """The sections of a State Department report (see the module docstring)."""
    # Lines as (start, stripped content); blank lines kept as "" to know paragraph breaks.
    lines: list[tuple[int, str]] = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        content = m.group().strip()
        if content[:1] in "#*_":  # Markdown: "## Section 1. ...", "**Women**"
            md = _MARKDOWN.match(content)
            if md:
                content = (md.group(1) or md.group(2) or "").strip()
            elif _ATX.match(content):
                content = _atx_title(content)
        lines.append((m.start(), content))

    majors = None  # where a major heading starts (for the page footer), found on first need
    heads: list[tuple[int, str, str]] = []  # (start, code, title)
    section_no: str | None = None  # current numbered section ("1")
    letter: str | None = None  # current letter in it ("c")
    major_seen = False
    code = ""  # code of the current section
    # Is the text hard-wrapped (paragraphs broken into lines of < 100 characters)? Then a line
    # after a sentence's end may still be the first line of a paragraph, not a sub-heading.
    nonblank = [content for _, content in lines if content]
    wrapped = sum(
        1 for content in nonblank if 40 < len(content) <= _WRAP_WIDTH and not _PARA_END.search(content)
    ) > 0.3 * len(nonblank)
    n = len(lines)

    def prev_ends_paragraph(i: int) -> bool:
        if i == 0:
            return True
        prev = lines[i - 1][1]
        return prev == "" or bool(_PARA_END.search(prev)) or heads and heads[-1][0] == lines[i - 1][0]

    def next_content(i: int) -> str:
        for j in range(i + 1, min(n, i + 4)):
            if lines[j][1]:
                return lines[j][1]
        return ""

    i = 0
    while i < n:
        start, line = lines[i]
        i += 1
        if not line or len(line) > _MAX_HEADING + 20:
            continue
        # Skip the leading BOM / zero-width characters a line may carry.
        offset = start + (len(text[start:start + 4]) - len(text[start:start + 4].lstrip("\ufeff\u200b ")))

        if _EXEC.fullmatch(line):
            heads.append((offset, "exec", line))
            section_no, letter, major_seen, code = None, None, True, "exec"
            continue

        m = _SECTION.fullmatch(line)
        if m and 1 <= int(m.group(1)) <= 12 and prev_ends_paragraph(i - 1):
            title = (m.group(2) or "").strip()
            ok = False
            if not title:
                nxt = next_content(i - 1)
                ok = bool(nxt) and len(nxt) <= _MAX_HEADING and _titleish(nxt, strict=False) \
                    and not nxt.endswith(".") and not _sentence_like(nxt)
                if ok:  # "Section 1." + title on the next line: one heading
                    while i < n and not lines[i][1]:
                        i += 1
                    line = f"{line} {lines[i][1]}"
                    i += 1
            elif len(line) <= _MAX_HEADING and not _sentence_like(title) and title[0].isupper():
                ok = not title.endswith((".", ",", ";")) or _titleish(title.rstrip("."), strict=True)
            if ok and heads and heads[-1][2] == line and not text[heads[-1][0] + len(line):offset].strip():
                continue  # the same heading line twice in a row (a glitch of the saved page)
            if ok:
                heads.append((offset, m.group(1), line))
                section_no, letter, major_seen, code = m.group(1), None, True, m.group(1)
                continue

        m = _LETTERED.fullmatch(line)
        if m and section_no is not None:
            ch, title = m.group(1).lower(), m.group(2)
            # "a" first (a missing "a." heading -- it happens -- lets "b."/"c." start), then later
            # letters.
            in_order = (ch <= "c" and letter is None) or (
                letter is not None and letter < ch <= chr(ord(letter) + 6)
            )
            if (
                in_order
                and len(line) <= _MAX_HEADING
                and not title.endswith((".", ",", ";"))
                and not _sentence_like(title)
                and _titleish(_PAREN.sub("", title), strict=False)
                and prev_ends_paragraph(i - 1)
            ):
                code = f"{section_no}.{ch}"
                heads.append((offset, code, line))
                letter = ch
                continue

        if not major_seen:
            continue
        if _FOOTER.fullmatch(line) and majors is None:
            # once, not a search to the end of the text for every footer-like line (two major
            # headings cannot overlap, so finditer finds every one)
            majors = [m.start() for m in _MAJOR_AHEAD.finditer(text)]
        if _FOOTER.fullmatch(line) and bisect.bisect_left(majors, start + len(line)) == len(majors):
            # The saved page's footer: "Human Rights Reports" / "Edit Your Custom Report" ...
            if _FOOTER_LEAD.fullmatch(lines_before(lines, i - 1)):
                j = i - 2
                while j >= 0 and not lines[j][1]:
                    j -= 1
                offset = lines[j][0]
                if heads and heads[-1][0] == offset:
                    heads.pop()
            heads.append((offset, "", "page footer"))
            break
        # An unlettered sub-heading: keeps the current code, records its title.
        if (
            len(line) <= _MAX_SUBHEADING
            and not _PARA_END.search(line)
            and not line.endswith(",")
            and not line[0].isdigit()
            and len(line) >= 4
            and "|" not in line
            and ": " not in line
            and _titleish(line, strict=True)
            and (
                i == 1
                or not lines[i - 2][1]
                # after a whole paragraph on one line (not a hard-wrapped one's last line)
                or ((not wrapped or len(lines[i - 2][1]) > _WRAP_WIDTH) and prev_ends_paragraph(i - 1))
            )
        ):
            nxt = next_content(i - 1)
            if nxt and (nxt[0].isupper() or nxt[0] in "\"\u201c(") and not _FOOTER.fullmatch(nxt):
                heads.append((offset, code, line))

    if not heads:
        return []
    sections: list[Section] = []
    if heads[0][0] > 0:
        sections.append(Section("", "front", 0, heads[0][0]))
    for k, (start, code, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        sections.append(Section(code, title, start, end))
    return sections


def _atx_title(content: str) -> str:
    r"""The title of a Markdown heading line "## Title ##" (_ATX matches it): what follows the #s
    and the white space after them, without the closing #s and the white space before them
    (as r"#{1,6}\s+(.*?)\s*#*$" reads it, but in one pass: that lazy pattern read a long run of
    white space once per character of it)."""
    rest = content.lstrip("#")
    i = 0
    while i < len(rest) and _SPACE.match(rest[i]):
        i += 1
    j = len(rest)
    while j > i and rest[j - 1] == "#":
        j -= 1
    while j > i and _SPACE.match(rest[j - 1]):
        j -= 1
    return rest[i:j].strip()


_SPACE = re.compile(r"\s")


def lines_before(lines: list[tuple[int, str]], i: int) -> str:
    """The nearest non-blank line before line i ("" when none)."""
    j = i - 1
    while j >= 0 and not lines[j][1]:
        j -= 1
    return lines[j][1] if j >= 0 else ""
