"""The figures table: one row per numeric mention, with its provenance and its meaning.

`extract(doc, rules)` is a pure function of a Document and the rules; `figures_frame` makes its
rows the table that reportcheck.schema describes (the contract between extraction and checks).
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import regex as re

from ..model import DateMention, Document, FigureRow, NumberMention, PlaceMention
from . import context as ctx
from .dates import find_dates, resolve_relative
from .money import currency_of
from .numbers import analyse, unit_of
from .places import find_places
from .sentences import paragraphs, sentences

# What a measure makes of a figure's kind.
_KIND_OF_MEASURE = {"percent": "percent", "money": "money", "age": "age", "duration": "duration",
                    "distance": "distance", "area": "area"}
_FRACTION = re.compile(r"\b(?:half|halves|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths|tenth|tenths)\b",
                       re.I)
_AGE = re.compile(r"\bage[sd]?\b|\b(?:year|month)s?[- ]old\b", re.I)
# a share or percentage "of" a stated whole: "half of the 300 detainees", "45 percent of the 1,200"
_OF_WHOLE = re.compile(r"(?:\s*(?:%|percent\b|per\s+cent\b))?\s+of\s+"
                       r"(?:(?:the|these|those|its|their|all|all\s+the)\s+)?$", re.I)
_PERIOD_PRECISIONS = ("month", "months", "year", "years")
# "the 2011 postelectoral violence", "CURE's April survey" (not "noted that 2019 saw": "that" may
# be a conjunction)
_ATTRIBUTIVE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her)|\p{L}['’]s)\s+$", re.I)


@dataclass
class Extraction:
    """Everything extraction learnt about one document (the figures table and its side tables)."""

    rows: list[FigureRow]  # the figures table as records (index = row number)
    dates: list[DateMention]
    places: list[PlaceMention]
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]  # (start, end, paragraph index)
    own_dates: dict[int, list[DateMention]]  # sentence -> its own dates (relative ones resolved)
    carried: dict[int, DateMention]  # sentence without a date of its own -> the date of its paragraph
    numbers_in_dates: int
    numbers_in_names: int


def _in_any(spans_starts: list[int], spans: list, a: int, b: int) -> bool:
    i = bisect.bisect_right(spans_starts, a) - 1
    return any(0 <= j < len(spans) and spans[j].start < b and a < spans[j].end for j in (i, i + 1))


def _between(items: list, starts: list[int], a: int, b: int) -> list:
    return items[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]


def _date_fields(d: DateMention | None) -> dict:
    if d is None or d.low is None:
        return {"date_text": d.text if d else "", "date_low": None, "date_high": None,
                "date_precision": "", "date_kind": d.kind if d else "", "date_start": -1}
    return {"date_text": d.text, "date_low": d.low.isoformat(), "date_high": d.high.isoformat(),
            "date_precision": d.precision, "date_kind": d.kind, "date_start": d.start}


def extract(doc: Document, rules: dict) -> Extraction:
    text = doc.text
    lex = ctx.lexicon(rules)
    paras = paragraphs(text)
    dates = find_dates(text, doc.year)
    date_starts = [d.start for d in dates]
    places = find_places(text, doc.country)
    place_starts = [p.start for p in places]
    # the numbers of each paragraph: no figure is read across a paragraph break
    analysis = analyse(text, rules, paragraphs=paras)
    numbers = analysis.mentions
    # Numbers inside a date ("May 11", "2019") belong to the date, not to the figures table.
    kept: list[NumberMention] = []
    in_dates = 0
    for n in numbers:
        if _in_any(date_starts, dates, n.num_start, n.num_end):
            in_dates += 1
        else:
            kept.append(n)
    num_starts = [n.start for n in kept]
    # numbers that are not figures: years and days go with the dates, the rest are in names
    # ("G5 Sahel", "COVID-19", "33rd"), references ("Resolution 2391") and times ("11 a.m.")
    skipped = analysis.skipped
    in_dates += sum(1 for s in skipped if s[2] in ("date", "year"))
    in_names = len(skipped) - sum(1 for s in skipped if s[2] in ("date", "year"))

    rows: list[dict] = []
    sent_list: list[tuple[int, int, int]] = []
    last_absolute: DateMention | None = None
    last_period: DateMention | None = None
    own_dates: dict[int, list[DateMention]] = {}
    carried: dict[int, DateMention] = {}
    for pi, (pa, pb) in enumerate(paras):
        # A sentence without a date of its own is dated by its paragraph: the latest incident
        # date (to the day) told so far, else the latest period ("the first six months").
        para_day: DateMention | None = None
        para_period: DateMention | None = None
        topic_place: PlaceMention | None = None
        for sa, sb in sentences(text, pa, pb):
            si = len(sent_list)
            sent_list.append((sa, sb, pi))
            sdates = _between(dates, date_starts, sa, sb)
            splaces = _between(places, place_starts, sa, sb)
            resolved: list[DateMention] = []
            for d in sdates:
                if d.precision in ("year", "month") and _ATTRIBUTIVE.search(text, max(0, d.start - 8), d.start) \
                        and re.match(r" \p{Ll}", text[d.end:d.end + 2]):
                    continue  # "the 2011 postelectoral violence", "CURE's April survey": names, not dates
                if d.kind == "relative" and last_absolute is not None:
                    d = resolve_relative(d, last_absolute)
                elif d.kind == "same_period" and last_period is not None:
                    d = DateMention(d.start, d.end, d.text, last_period.low, last_period.high,
                                    last_period.precision, "same_period")
                resolved.append(d)
            own_dates[si] = resolved
            topic_date = para_day or para_period
            if not sdates and topic_date is not None:
                carried[si] = topic_date
            source = None  # who reported the sentence's figures: read only for a sentence that has some
            prev: ctx.FigureContext | None = None
            for n in _between(kept, num_starts, sa, sb):
                if source is None:
                    source = ctx.source_of(text[sa:sb])
                qualifier_text = text[n.start:n.num_start]
                # the quote runs to the end of the noun phrase ("at least 29 soldiers"), which
                # figure_context reads too
                np_words, np_len = np = ctx.noun_phrase(text[n.end:min(sb, n.end + 140)])
                fc = ctx.figure_context(text, sa, sb, n.start, n.end, lex, prev, qualifier_text, np)
                if _AGE.search(text[max(sa, n.start - 12):min(sb, n.end + 12)]):
                    fc.measure = "age"
                end = n.end + np_len if np_words else n.end
                date = _pick_date(text, resolved, n, kept, num_starts) or topic_date
                place = _pick_place(splaces, n.start, text, n.end, kept, num_starts) or topic_place
                kind = "unparsed" if n.kind == "unparsed" else _KIND_OF_MEASURE.get(fc.measure, "count")
                money = currency_of(text, n.num_start, n.num_end, sb) if kind in ("count", "money") else None
                if money:
                    kind = fc.measure = "money"  # "KSh 2.5 billion", "Rs 10 lakh": an amount, in its currency
                elif kind == "count" and _FRACTION.search(text[n.num_start:n.num_end + 8]):
                    kind = "share"  # "one-third", "half of": a share, not a count
                elif kind in ("count", "age", "duration") and unit_of(text, n) == "percent":
                    kind = fc.measure = "percent"  # "94.8 per cent"
                rows.append({
                    "figure_id": f"{doc.id}:{n.start}",
                    "document": doc.id,
                    "section": doc.section_code(n.start),
                    "paragraph": pi,
                    "sentence": si,
                    "sentence_start": sa,
                    "sentence_end": sb,
                    "start": n.start,
                    "end": end,
                    "quote": text[n.start:end],
                    "number_text": text[n.num_start:n.num_end],
                    "value": float(n.value) if n.value is not None else math.nan,
                    "low": float(n.low),
                    "high": float(n.high),
                    "qualifier": n.qualifier,
                    "number_kind": n.kind,
                    "kind": kind,
                    "measure": fc.measure,
                    "noun": fc.noun,
                    "who": fc.who,
                    "perpetrator": fc.perpetrator,
                    "source": source,
                    "additive": fc.additive,
                    **_date_fields(date),
                    "place": place.name if place else "",
                    "place_key": place.key if place else "",
                    "region": (place.region or "") if place else "",
                    "parse_status": "unparsed" if n.kind == "unparsed" else "parsed",
                    "currency": money[0] if money else "",
                    "whole": _whole(text, n, kind, kept, num_starts, sb, doc.id),
                    "page": str(doc.page_at(n.start) or ""),  # a PDF's page; "" without pages
                })
                prev = fc
            for d in resolved:
                if d.low is None:
                    continue
                if d.precision in ("day", "days") and d.kind in ("absolute", "relative"):
                    para_day = d
                    last_absolute = d
                elif (d.precision in _PERIOD_PRECISIONS and d.kind != "since") or d.kind == "same_period":
                    # "not seen since 2014" is a baseline, not the period the paragraph tells of
                    para_period = d
                    last_period = d
                    if d.precision == "month" and d.kind == "absolute":
                        # "In December 2019 ... Seven days later": counted from December, not
                        # from a day told paragraphs before
                        last_absolute = d
            if topic_place is None:
                topic_place = _pick_place(splaces, sb)
    return Extraction(rows, dates, places, paras, sent_list, own_dates, carried, in_dates, in_names)


def _whole(text: str, n: NumberMention, kind: str, numbers: list[NumberMention], num_starts: list[int], end: int,
           doc_id: str) -> str:
    """The figure_id of the count a share or percentage is "of" ("half of the 300 detainees",
    "two-thirds of the 150 detainees interviewed"): the next figure, right after "of (the)"."""
    if kind not in ("share", "percent"):
        return ""
    i = bisect.bisect_right(num_starts, n.start)
    if i >= len(numbers):
        return ""
    w = numbers[i]
    if w.start >= end or w.value is None or w.kind in ("vague", "unparsed") or not _OF_WHOLE.fullmatch(
            text, n.num_end, w.start):
        return ""
    return f"{doc_id}:{w.start}"


# what ends the clause a figure is in: a date past it belongs to another clause
_CLAUSE_END = re.compile(r"[;:]|,\s*(?:while|whereas|but|with|and|which|who|compared|after|before|when)\b|"
                         r"\b(?:while|whereas|compared\s+with|compared\s+to|than)\b", re.I)


def _pick_date(text: str, dates: list[DateMention], n: NumberMention, numbers: list[NumberMention],
               num_starts: list[int]) -> DateMention | None:
    """The date of the figure `n` within its sentence: the nearest date before it, unless a
    date closer after it belongs to the same short clause ("29 were identified in 2017, 24 in
    2018, and 33 in 2019": each count is dated by the year after it); with no date before, the
    first date after it in its clause ("at least 29 soldiers were killed and five wounded ... on
    March 19"). A date past a clause break ("187,139 individuals, with at least 28,000 new IDPs
    between May and June") is another clause's."""
    dated = [d for d in dates if d.low is not None]
    before = [d for d in dated if d.start < n.start]
    after = next((d for d in dated if d.start >= n.end), None)
    if after is not None and _CLAUSE_END.search(text[n.end:after.start]):
        after = None
    if after is not None and not _between(numbers, num_starts, n.end, after.start) and after.start - n.end <= 60 \
            and (not before or after.start - n.end < n.start - before[-1].end
                 or re.search(r"[,;]", text[before[-1].end:n.start])):
        # the date before is across a list separator: it dated the previous item
        return after
    if before:
        return before[-1]
    return after


def _pick_place(items: list[PlaceMention], pos: int, text: str | None = None, end: int = 0,
                numbers: tuple = (), num_starts: tuple = ()) -> PlaceMention | None:
    """The place a figure at `pos` happened in: a locality before a region (it is more specific:
    "Tarkint, Gao Region"), the nearest one before the figure, else the first one after it.
    As with dates, a place right after the figure in its clause wins over one before it
    across a list separator ("three were identified in Kidal, one in Timbuktu")."""
    named = [p for p in items if p.level in ("locality", "region")]
    pool = [p for p in named if p.level == "locality"] or named
    if not pool:
        return None
    before = [p for p in pool if p.start < pos]
    if text is not None and before:
        after = next((p for p in named if p.start >= end), None)
        if (after is not None and after.start - end <= 60 and not _CLAUSE_END.search(text[end:after.start])
                and not _between(numbers, num_starts, end, after.start)
                and re.search(r"[,;]", text[before[-1].end:pos])):
            return after
    return before[-1] if before else pool[0]


def figures_frame(ex: Extraction, rules: dict, validate: bool = False):
    """The figures table of one document, typed as the schema says.

    `validate` also checks it against the pandera schema (every violation at once). The CLI
    does so where the table leaves the tool (--figures-out) and the tests on real reports;
    on every run it would cost a fifth of the start-up (importing pandera)."""
    import numpy as np
    import pandas as pd

    from ..schema import COLUMNS, coerce
    from ..schema import validate as validate_table

    rows = ex.rows
    if rows:
        # column by column, the typed ones built in their dtype: the table that
        # coerce(DataFrame(rows)) makes (text columns inferred alike), at a third of the cost
        df = pd.DataFrame({name: [r.get(name) for r in rows] if dtype == "str"
                           else np.array([r.get(name) for r in rows], dtype=dtype)
                           for name, (dtype, _, _) in COLUMNS.items()})
    else:
        df = coerce(pd.DataFrame(rows, columns=list(COLUMNS)))
    return validate_table(df, tuple(rules.get("qualifiers") or ())) if validate else df
