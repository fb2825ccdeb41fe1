"""Statistics repeated across the report: one measure, people, period and perpetrator."""
from __future__ import annotations

import math
from collections import defaultdict

import regex as re

from .model import SPECIFIC as _SPECIFIC

_GENERIC = re.compile(r"\b(?:the|a|an|of|and|its|their|'s|’s|s)\b", re.I)


def _key_words(s: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\p{L}{3,}", _GENERIC.sub(" ", s.lower())))


def _compatible_words(a: frozenset, b: frozenset) -> bool:
    if not a or not b:
        return not a and not b
    return len(a & b) / len(a | b) >= 0.5


def _close(a: float, b: float, ratio: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= ratio * max(a, b)


def link_statistics(rows: list[dict], max_ratio: float = 0.15) -> list[list[int]]:
    """Figures that state the same statistic: one measure, of the same people, over the same
    period (a month or longer, or both undated), by the same perpetrator, in different paragraphs.

    "more than 700 civilians killed from January to June" (1.a) and "more than 700 civilian
    deaths during the first six months of the year" (1.g) are one statistic told twice. Two
    figures far apart (5,966 prisoners and 13 prisoners) are two statistics, not one told
    wrongly: only figures within `max_ratio` of each other are taken as the same one."""
    keyed = defaultdict(list)
    for i, r in enumerate(rows):
        # undated figures group with undated ones ("approximately 6,500 refugees" in two paragraphs)
        if (r["kind"] != "count" or not r["measure"] or not r["who"] or r["date_precision"] in _SPECIFIC
                or r["parse_status"] != "parsed" or r["number_kind"] == "vague"):
            continue
        keyed[(r["measure"], r["who"], r["date_low"], r["date_high"])].append(i)
    groups = []
    for idx in keyed.values():
        pending = list(idx)
        while pending:
            first = pending.pop(0)
            a = rows[first]
            pa, sa = _key_words(a["perpetrator"]), _key_words(a["source"])
            group = [first]
            for j in list(pending):
                b = rows[j]
                if b["paragraph"] == a["paragraph"]:
                    continue
                sb = _key_words(b["source"])
                if (_compatible_words(pa, _key_words(b["perpetrator"])) and (not sa or not sb or sa & sb)
                        and all(_close(rows[g]["value"], b["value"], max_ratio) for g in group)):
                    group.append(j)
                    pending.remove(j)
            if len(group) > 1:
                groups.append(group)
    return groups
