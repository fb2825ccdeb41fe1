"""Thresholds a report states of the law, wherever it states them: "a regular workweek of 48
hours" and "hours worked in excess of 48 per week"; "sets 14 as the minimum age of employment"
and "not yet 14"; "within 48 hours of arrest" and "this 48-hour period".

A threshold is read where a sentence names its topic (`linking.thresholds.topics`: the words
that name the workweek, the minimum working age, compulsory education, criminal
responsibility ...) and holds one number of the topic's unit near those words. The people or
work it applies to, when the sentence names them (`qualifiers`: children, girls, hazardous
work ...), are part of what it is about: "up to 35 hours per week" for children is another
threshold than the workweek of adults. A sentence that says what the law provides
(`law_words`) states the threshold; others refer to it ("most employees worked longer than 40
hours per week"). RC110 compares the tellings of one threshold.
"""
from __future__ import annotations

import re as std_re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from ..extract.entities import alternation as _alts
from ..extract.entities import initials, text_alike
from ..model import FigureRow
from .model import number_end


@dataclass
class Threshold:
    """One telling of a threshold: its figure, what it is about, and whether it states the law."""

    row: int
    key: str  # "workweek", "workweek:children", "minimum working age"
    topic: str
    law: bool  # the sentence says what the law provides


@dataclass
class ThresholdGroup:
    key: str
    topic: str
    tellings: list[Threshold]


@lru_cache(maxsize=8)
def _patterns(topics: tuple, qualifiers: tuple, law_words: tuple, change_words: tuple, other_periods: tuple):
    topic = re.compile("|".join(f"(?P<t{i}>\\b(?:{_alts(words)})\\b)" for i, (_, words, _) in enumerate(topics)),
                       re.I)
    qualifier = re.compile(rf"\b(?:{_alts(qualifiers)})\b", re.I) if qualifiers else None
    law = re.compile(rf"\b(?:{_alts(law_words)})\b", re.I)
    change = re.compile(rf"\b(?:{_alts(change_words)})\b", re.I) if change_words else None
    # "a 24-hour rest period", "a 30-minute break": another threshold of the same sentence
    rest = re.compile(rf"[\s-]*(?:hours?\s+|minutes?\s+|days?\s+)?(?:{_alts(other_periods)})\b", re.I)
    return topic, qualifier, law, change, rest


@lru_cache(maxsize=8)
def _std_topics(topics: tuple):
    """The topic pattern of _patterns for the standard library's engine, its words in lower case,
    to match the lower-cased sentences of a text that both engines read alike (extract.entities.
    std_alike: its only cased characters are ASCII letters, so that lower-casing keeps every
    offset and matching case-insensitively is matching the lower-cased text); the same
    alternatives in the same order, the same groups, after a boundary and a look at the letters
    the words start with (every alternative starts so: three times faster, the same matches).
    None when a topic word is not ASCII or is empty."""
    words = [w.lower() for _, ws, _ in topics for w in ws]
    if not all(w.isascii() and w.split() for w in words):
        return None
    return std_re.compile("\\b" + initials(words) + "(?:" + "|".join(
        f"(?P<t{i}>\\b(?:{_alts(tuple(w.lower() for w in ws))})\\b)" for i, (_, ws, _) in enumerate(topics)) + ")")


def read_thresholds(text: str, rows: list[FigureRow], sentences: list[tuple[int, int, int]],
                    conf: dict, change_words: tuple[str, ...] = ()) -> list[ThresholdGroup]:
    """The thresholds the report states or refers to, grouped by what they are about (groups
    told in two sentences or more)."""
    topics = tuple((name, tuple(t["words"]), str(t["unit"])) for name, t in conf["topics"].items())
    if not topics:
        return []
    topic_re, qualifier_re, law_re, change_re, rest_re = _patterns(
        topics, tuple(conf["qualifiers"]), tuple(conf["law_words"]), tuple(change_words),
        tuple(conf["other_periods"]))
    units = {name: unit for name, _, unit in topics}
    reach, margin = int(conf["window"]), int(conf["margin"])
    lo, hi = conf["ages"], conf["hours"]
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_sentence[r["sentence"]].append(i)
    found: list[Threshold] = []
    # the topics by the standard library's engine on the lower-cased sentence where both engines
    # read the text alike (several times faster, the same matches: see _std_topics)
    std_topic = _std_topics(topics) if text_alike(text) else None
    for si, idx in by_sentence.items():
        sa, sb, _ = sentences[si]
        sentence = text[sa:sb]
        changed = None  # asked only of a sentence that names a topic (most name none)
        for m in (std_topic.finditer(sentence.lower()) if std_topic else topic_re.finditer(sentence)):
            if changed is None:
                changed = bool(change_re and change_re.search(sentence))
            if changed:
                break  # "increase the maximum regular time from 40 hours to 50 hours": a change, told with both
            name = topics[int(m.lastgroup[1:])][0]
            unit = units[name]
            near = sorted((_distance(rows[i], sa + m.start(), sa + m.end()), i) for i in idx
                          if _fits(text, rows[i], unit, lo, hi) and not _other_period(text, rows[i], rest_re))
            near = [(d, i) for d, i in near if d <= reach]
            # the nearest number, unless another is about as near ("from 40 hours to 50 hours per week")
            if not near or (len(near) > 1 and near[1][0] <= near[0][0] + margin
                            and rows[near[1][1]]["value"] != rows[near[0][1]]["value"]):
                continue
            near = [near[0][1]]
            # whom it applies to: the qualifiers the sentence names ("The law prohibits minors from
            # working ... more than eight hours per day or 40 hours per week")
            quals = sorted({" ".join(q.group(0).lower().split())
                            for q in qualifier_re.finditer(sentence)}) if qualifier_re else []
            key = ":".join([name, *quals])
            found.append(Threshold(near[0], key, name, bool(law_re.search(sentence))))
            break  # one threshold a sentence: a second topic there is read with the first's number
    groups: dict[str, list[Threshold]] = defaultdict(list)
    for t in found:
        groups[t.key].append(t)
    return [ThresholdGroup(k, ts[0].topic, ts) for k, ts in groups.items() if len(ts) >= 2]


def _fits(text: str, r: FigureRow, unit: str, ages: list, hours: list) -> bool:
    """A number that can be a threshold of this unit: an age (a count or an age, or a duration
    in years) or a number of hours, within the declared plausible range."""
    v = r["value"]
    if r["parse_status"] != "parsed" or v != v or r["number_kind"] == "vague":
        return False
    v = float(v)
    noun = (r["noun"] or "").lower()
    if unit == "age":
        return (r["kind"] in ("count", "age") and not noun or r["kind"] == "age"
                or noun.startswith("year")) and ages[0] <= v <= ages[1]
    if unit == "hour":
        # "48 hours", "a 48-hour period", "in excess of 48 per week"; not "younger than 18"
        return bool(_HOURS.match(text, number_end(r))) and hours[0] <= v <= hours[1]
    return False


_HOURS = re.compile(r"[\s-]*hours?\b|\s+(?:per|a|each)\s+(?:week|day)\b", re.I)


def _distance(r: FigureRow, a: int, b: int) -> int:
    s, e = int(r["start"]), int(r["end"])
    return 0 if s < b and a < e else (a - e if e <= a else s - b)


def _other_period(text: str, r: FigureRow, pattern) -> bool:
    return bool(pattern.match(text, number_end(r)))
