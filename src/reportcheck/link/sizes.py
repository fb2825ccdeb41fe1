"""The size of a body or of a whole set, told where the report names it: "an 82-member House of
Representatives", "the 329-seat COR", "each of the country's 34 provinces", "all 77 districts".

Such a number is a property of the thing, not a count of something that happened: wherever the
report names the thing with its size, the size must be the same (unless the body changed, which
the text then says). Told twice with two numbers ("its 86-member House of Representatives"), one
of them is wrong. These mentions are keyed by what is sized, not by their numbers, so a changed
number still finds its other tellings (RC109 judges them).

Two strengths, from what the words say of the set (`linking.sizes` in default.yml):
- **whole**: the set is the country's or a named body's ("the country's 34 provinces", "the
  329-seat COR", "an 82-member House of Representatives");
- **set**: a definite set that the context may narrow ("all 11 prisons" of one region, "each of
  the 17 districts" hit by floods, "the 22-member cabinet").
Indefinite bodies named by a common noun ("a seven-member committee") are not sizes of one
thing: a report tells of many committees.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from ..model import FigureRow
from .model import number_end


@dataclass
class Size:
    """One telling of a thing's size."""

    row: int  # the figure's row index
    key: str  # what is sized, folded ("province"; "member:house of representatives")
    label: str  # what is sized, as the report writes it ("provinces", "House of Representatives")
    strength: str  # "whole" | "set"
    start: int  # the words that say it, for the evidence ("the country’s 34 provinces")
    end: int


@dataclass
class SizeGroup:
    """Every telling of one thing's size in a document, in text order."""

    key: str
    label: str
    sizes: list[Size]


def _fold(s: str) -> str:
    return s.replace("’", "'").lower()


@lru_cache(maxsize=8)
def _patterns(whole: tuple[str, ...], sets: tuple[str, ...], units: tuple[str, ...]):
    def alts(words):
        return "|".join(re.escape(_fold(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    # matched against the folded text just before the number (anchored at its end)
    before = re.compile(rf"(?:^|[^\w'])(?P<whole>{alts(whole)})\s+$|(?:^|[^\w'])(?P<set>{alts(sets)})\s+$")
    # "-member House of Representatives", "-seat COR", "-member cabinet" (the text after the number)
    name = r"[A-Z][\w'’-]*"
    after = re.compile(rf"-(?P<unit>{alts(units)})\s+(?P<what>(?:{name}(?:\s+(?:of|for|on|and)\s+(?:the\s+)?|\s+)?)"
                       rf"{{0,5}}{name}|[a-z]+)")
    return before, after


# up to two words before the plural that names the set ("12 trade union confederations")
_PLURAL_NOUN = re.compile(r"(?:\s+(?:[a-z]+|“[^”]{1,40}”?))??(?:\s+([a-z]+))??\s+“?([a-z]{3,}s)\b”?")


_COORDINATED = re.compile(r"”?,?\s+(?:and|or)\s+(?!the\b)[a-z]")


def _singular(w: str) -> str:
    if w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def read_sizes(text: str, rows: list[FigureRow], conf: dict) -> list[SizeGroup]:
    """The sizes the report tells, grouped by what is sized (groups of two or more tellings in
    different paragraphs; a size told once has nothing to agree with)."""
    before, after = _patterns(tuple(conf["whole_before"]), tuple(conf["set_before"]), tuple(conf["units"]))
    not_sets = frozenset(conf["not_sets"])
    found: list[Size] = []
    for i, r in enumerate(rows):
        v = r["value"]
        if (r["kind"] != "count" or r["parse_status"] != "parsed" or r["number_kind"] == "vague"
                or v != v or not float(v).is_integer() or float(v) < 2 or r["qualifier"] not in ("", "exact")):
            continue
        a, b = int(r["start"]), int(r["end"])
        n_end = number_end(r)
        m = after.match(text, n_end, min(len(text), n_end + 80))
        if m:
            what = m.group("what").strip()
            proper = what[:1].isupper()
            if not proper and not _fold(text[max(0, a - 5):a]).endswith(("the ", "its ")):
                continue  # "a seven-member committee": one of many
            key = f"{m.group('unit').lower()}:{_fold(what) if proper else _singular(what)}"
            found.append(Size(i, key, what, "whole" if proper else "set", a, m.end()))
            continue
        lo = max(0, a - 40)
        m = before.search(_fold(text[lo:a]))
        if not m:
            continue
        noun = _PLURAL_NOUN.match(text, n_end, min(len(text), b + 1))
        if not noun:
            continue
        head = noun.group(2)
        if _COORDINATED.match(text, noun.end()):
            continue  # "the country's 82 prisons and detention centers": a union, not the prisons
        if head in not_sets:
            continue  # "all 600 workers" of one firm, "all 15 workers" of another: a crowd, not a body's parts
        strength = "whole" if m.group("whole") else "set"
        key = " ".join(w for w in (noun.group(1), _singular(head)) if w)
        found.append(Size(i, key, text[n_end:noun.end()].strip(" “”"), strength, lo + m.start(strength), noun.end()))
    by_key: dict[str, list[Size]] = defaultdict(list)
    for s in found:
        by_key[s.key].append(s)
    out = []
    for key, sizes in by_key.items():
        if len({rows[s.row]["paragraph"] for s in sizes}) >= 2 and len(sizes) <= int(conf["max_tellings"]):
            out.append(SizeGroup(key, sizes[0].label, sorted(sizes, key=lambda s: s.start)))
    return sorted(out, key=lambda g: g.sizes[0].start)


def value(rows: list[FigureRow], s: Size) -> int:
    v = float(rows[s.row]["value"])
    return int(v) if not math.isnan(v) else 0
