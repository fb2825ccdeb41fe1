"""Paragraphs and sentences as spans of the document text (no copies, no normalisation)."""
from __future__ import annotations

import regex as re

from .money import PREFIXES as _CURRENCY_PREFIXES

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")
_LINE_END = re.compile(r"[.!?:\"'\u201d)]\s*$")

# Abbreviations that end with a period without ending a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "maj", "sgt", "st", "rev", "hon", "sen",
    "rep", "gov", "pres", "jr", "sr", "no", "nos", "vol", "art", "arts", "para", "paras", "sec", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "ltd", "co", "corp", "dept", "approx", "est", "etc", "vs", "cf", "e.g", "i.e", "a.m", "p.m",
    "u.s", "u.n", "u.k", "u.s.a", "e.u",
}

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and white space,
# when the next sentence starts with an upper-case letter, a digit or an opening quote. The
# break is group 1, the white space; the mark and quotes are matched before it rather than
# looked behind for at every position (twice as fast, the same breaks: a paragraph starts after
# white space, so the mark of a break always lies inside it)
_END = re.compile(r"""[.!?][\"'\u201d\u2019)\]]*(\s+)(?=[\p{Lu}\d\"'\u201c\u2018(])""")
_WORD_BEFORE = re.compile(r"([\p{L}.]+)\.[\"'\u201d\u2019)\]]*$")
_INITIALS = re.compile(r"(?:\p{L}\.)+\p{L}?")  # "U.S", "e.g": compiled once (it is tried at most breaks)


def _hard_wrapped(text: str) -> bool:
    """Text wrapped at a fixed width (most lines end mid-sentence): paragraphs are blank-line blocks.

    Reports saved from web pages put one paragraph on a line, sometimes with blank lines between,
    sometimes without; then every line is a paragraph."""
    lines = [ln for ln in text[:200_000].split("\n") if ln.strip()]
    if len(lines) < 5:
        return False
    open_ended = sum(1 for ln in lines if not _LINE_END.search(ln))
    return open_ended > 0.6 * len(lines)


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraph spans, trimmed of surrounding white space (one per line unless hard-wrapped)."""
    end = len(text) if end is None else end
    brk = _BLANK_LINE if _hard_wrapped(text) else _NEWLINE
    out = []
    pos = start
    for m in brk.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    spans = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within one paragraph [start, end)."""
    spans = []
    pos = start
    for m in _END.finditer(text, start, end):
        br, after = m.span(1)
        before = text[max(pos, br - 12):br]
        w = _WORD_BEFORE.search(before)
        if w:
            word = w.group(1).lower()
            # "U.S." , "a.m.", "Mr.", single initials ("J. Smith"), "No. 5", "section 1.g."
            if word in _ABBREV or len(word) == 1 or word.rstrip(".") in _ABBREV:
                continue
            if _INITIALS.fullmatch(word):
                continue
            if text[after:after + 1].isdigit() and w.group(1) + "." in _CURRENCY_PREFIXES:
                continue  # "approximately Gs. 38.5 billion", "Rs. 500": a currency before its amount
        spans.append((pos, br))
        pos = after
    if pos < end:
        spans.append((pos, end))
    return spans
