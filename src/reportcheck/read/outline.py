"""The sections of a UN or NGO report: numbered headings, numbered paragraphs, titled headings.

sections.py reads the State Department's layout ("Section 1.", "a. ..."); a report without it
is read here, one paragraph (line) at a time:

- a chapter "I. Introduction", "II. Situation of human rights": code "I", "II";
- a part under it, "A. Context", "B. Violations of the right to life" (letters in order, "A"
  first): code "II.A";
- a numbered paragraph "12. On 19 March ..." (numbers in sequence, each one more than the last;
  the first may be any): code "II.A.12" (the chapter and part it is in, then its number), title
  "paragraph 12"; a UN report's paragraphs are numbered through the whole report, so "12" alone
  finds it;
- a titled heading without a number: a paragraph the file marks as a heading (`headings`: a
  Word heading style, a PDF line set bold or larger), or a line that is one of the usual
  headings of such reports ("Summary", "Recommendations", "Methodology" ...): code its title
  ("Killings in the Mopti Region"), cut to 60 characters.

A numbered line is a heading, not a paragraph, when it is short (at most 150 characters), does
not end like a sentence and reads like a title. Text before the first heading is a section with
code "" ("front"), as in sections.py; a text without any is [].
"""
from __future__ import annotations

import re

from ..model import Section

_CHAPTER = re.compile(r"([IVXL]{1,6})\.\s+(\S.*)")
_PART = re.compile(r"([A-Z])\.\s+(\S.*)")
_PARA = re.compile(r"(\d{1,3})\.\s+(\S.*)")
_USUAL = re.compile(
    r"(?i:summary|executive\s+summary|introduction|background|methodology|context|recommendations|"
    r"conclusions?(?:\s+and\s+recommendations)?|key\s+recommendations|acknowledg(?:e)?ments|annex(?:es)?"
    r"(?:\s+[IVXL\d]+)?|contents|glossary|appendix(?:\s+[IVXL\d]+)?)\s*:?")
_LINE = re.compile(r"[^\n]*\n?")
_MAX_HEADING = 150
_SMALL = frozenset("a an and as at but by for from in into nor of on or per the to with within against "
                   "among including than via".split())


def _title_like(title: str) -> bool:
    """Capitalised words, not a sentence: "Violations of the right to life" is one (a UN heading
    capitalises its first word only), "The Government declared three days." is not."""
    t = title.strip()
    if not t or len(t) > _MAX_HEADING or t[0].islower() or t.endswith((".", ",", ";")):
        return False
    if re.search(r"[a-z]{2}\.\s+[A-Z]", t):
        return False
    return len(t.split()) <= 16


def find_outline(text: str, headings=()) -> list[Section]:
    """The sections of a UN or NGO report text (see the module docstring)."""
    marked = set(headings)
    heads: list[tuple[int, str, str]] = []
    chapter = part = ""
    letter = ""
    last_para = 0
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        raw = m.group()
        line = raw.strip()
        if not line or "|" in line:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        if len(line) <= _MAX_HEADING:
            c = _CHAPTER.fullmatch(line)
            if c and _title_like(c.group(2)):
                chapter, part, letter = c.group(1), "", ""
                heads.append((start, chapter, line))
                continue
            p = _PART.fullmatch(line)
            if p and _title_like(p.group(2)) and (p.group(1) == "A" or (letter and ord(p.group(1)) == ord(letter) + 1)):
                letter = p.group(1)
                part = f"{chapter}.{letter}" if chapter else letter
                heads.append((start, part, line))
                continue
        n = _PARA.fullmatch(line)
        if n and (last_para == 0 or int(n.group(1)) == last_para + 1):
            if len(line) <= _MAX_HEADING and _title_like(n.group(2)) and not n.group(2).endswith("."):
                # "1. Background": a numbered heading, not a paragraph
                heads.append((start, part or chapter or n.group(1), line))
                continue
            last_para = int(n.group(1))
            where = part or chapter
            heads.append((start, f"{where}.{last_para}" if where else str(last_para), f"paragraph {last_para}"))
            continue
        if len(line) <= _MAX_HEADING and (start in marked or _USUAL.fullmatch(line)) and _title_like(line):
            chapter = part = letter = ""
            heads.append((start, line.rstrip(":")[:60], line))
    if not heads:
        return []
    sections: list[Section] = []
    if heads[0][0] > 0:
        sections.append(Section("", "front", 0, heads[0][0]))
    for k, (start, code, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        sections.append(Section(code, title, start, end))
    return sections

