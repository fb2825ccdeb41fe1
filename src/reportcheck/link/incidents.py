"""Incidents: dated clauses that tell of the same event, across sections.

Two dated clauses in different paragraphs are linked when their dates overlap (both to the day
or a few days), their regions do not exclude each other, and they share a distinctive name or
a place and a kind of event. A clause without a date of its own is dated by its paragraph and
belongs to the incident the paragraph tells. Thresholds come from the rule file (`linking:`).
"""
from __future__ import annotations

import bisect
import re as std_re
from collections import defaultdict
from functools import lru_cache

import regex as re

from ..extract.entities import alternation, initials, std_alike, text_alike
from ..extract.figures import Extraction
from ..model import DateMention, Document
from .model import SPECIFIC as _SPECIFIC
from .model import EventMention

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_CAP = re.compile(r"\b\p{Lu}[\p{Ll}\p{M}’'\-]{2,}\b")


def _event_lexicon(rules: dict) -> tuple:
    """The kinds of event and their words, as _event_patterns takes them."""
    events = rules["linking"]["event_words"]
    return tuple((event, tuple(words)) for event, words in events.items())


@lru_cache(maxsize=8)
def _event_patterns(events: tuple) -> list[tuple[re.Pattern, str]]:
    """One pattern per kind of event, compiled once per rule set (not per document)."""
    return [(re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.I), event)
            for event, words in events]


@lru_cache(maxsize=8)
def _event_patterns_std(events: tuple) -> list[tuple[std_re.Pattern, str]]:
    """The same patterns for the standard library's engine: three times faster, and the same
    matches on a text both engines read alike (std_alike)."""
    return [(std_re.compile(p.pattern, std_re.I), event) for p, event in _event_patterns(events)]


@lru_cache(maxsize=8)
def _event_patterns_lower(events: tuple) -> list[tuple[std_re.Pattern, str]] | None:
    """The same patterns for the standard library's engine on the lower-cased clause, each
    behind a look at the first letters of its words (every match starts so): several times
    faster than ignoring case at every position, and the same kinds on a clause both engines
    read alike (its only cased characters are ASCII letters). None when a word is not ASCII
    or is empty."""
    if not all(w.isascii() and w for _, words in events for w in words) or not all(words for _, words in events):
        return None
    out = []
    for event, words in events:
        out.append((std_re.compile(r"\b" + initials(words) + "(?:" + "|".join(re.escape(w.lower()) for w in words)
                                   + ")"), event))
    return out


def _events_in(clause: str, events: tuple, alike: bool = False) -> set[str]:
    """`alike`: the caller knows the clause is read alike by both engines (its document is)."""
    if alike or std_alike(clause):
        lower = _event_patterns_lower(events)
        if lower is not None:
            lowered = clause.lower()
            return {e for pat, e in lower if pat.search(lowered)}
        patterns = _event_patterns_std(events)
    else:
        patterns = _event_patterns(events)
    return {e for pat, e in patterns if pat.search(clause)}


def _distinctive_names(doc: Document, ex: Extraction, max_paragraphs: int) -> set[str]:
    """Capitalised words that occur in few paragraphs: proper names of people, villages, units."""
    text = doc.text
    seen: dict[str, set[int]] = defaultdict(set)
    mid_sentence: set[str] = set()
    for sa, sb, pi in ex.sentences:
        for m in _CAP.finditer(text, sa, sb):
            w = m.group()
            seen[w].add(pi)
            if m.start() > sa + 1:
                mid_sentence.add(w)
    country = (doc.country_name or "").lower()
    return {w for w, ps in seen.items() if len(ps) <= max_paragraphs and w in mid_sentence
            and w.lower() not in _MONTHS and w.lower() != country}


def build_mentions(doc: Document, ex: Extraction, rules: dict) -> list[EventMention]:
    params = rules["linking"]
    max_days = int(params["incident_max_days"])
    names_ok = _distinctive_names(doc, ex, int(params["name_max_paragraphs"]))
    events = _event_lexicon(rules)
    other_time = _other_time_pattern(tuple(params["other_time"]))
    text = doc.text
    alike = text_alike(text)
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(ex.rows):
        by_sentence[r["sentence"]].append(i)
    mentions: list[EventMention] = []
    pstarts = [p.start for p in ex.places]
    for si, (sa, sb, pi) in enumerate(ex.sentences):
        own = [d for d in ex.own_dates.get(si, []) if d.kind in ("absolute", "relative")
               and d.precision in _SPECIFIC and d.low is not None and (d.high - d.low).days < max_days]
        clauses: list[tuple[int, int, DateMention, bool]] = []
        for k, d in enumerate(own):
            c0 = sa if k == 0 else d.start
            c1 = own[k + 1].start if k + 1 < len(own) else sb
            clauses.append((c0, c1, d, False))
        carried = ex.carried.get(si)
        if (not own and carried is not None and carried.precision in _SPECIFIC and by_sentence.get(si)
                and (carried.high - carried.low).days < max_days):
            clauses.append((sa, sb, carried, True))
        for c0, c1, d, carried in clauses:
            clause = text[c0:c1]
            lo, hi = bisect.bisect_left(pstarts, c0), bisect.bisect_left(pstarts, c1)
            cplaces = [p for p in ex.places[lo:hi] if p.level in ("locality", "region")]
            figs = [i for i in by_sentence.get(si, []) if c0 <= ex.rows[i]["start"] < c1
                    and not _other_time(text, c0, c1, ex.rows[i], other_time)]
            mentions.append(EventMention(
                id=len(mentions), sentence=si, paragraph=pi,
                section=doc.section_code(c0),
                start=c0, end=c1, date=d, carried=carried,
                places={p.key for p in cplaces},
                place_names=list(dict.fromkeys(p.name for p in cplaces)),
                regions={p.region for p in cplaces if p.region},
                names={m.group() for m in _CAP.finditer(clause)} & names_ok,
                events=_events_in(clause, events, alike),
                figures=figs,
            ))
    return mentions


def _overlap(a: DateMention, b: DateMention) -> bool:
    return a.low <= b.high and b.low <= a.high


def _linked(a: EventMention, b: EventMention) -> bool:
    if not _overlap(a.date, b.date):
        return False
    if a.paragraph == b.paragraph:
        # a paragraph tells one incident: a clause dated by the paragraph belongs to it
        return (a.carried or b.carried) and a.date is b.date
    if a.regions and b.regions and not (a.regions & b.regions):
        return False  # two attacks on the same day in different regions
    if a.names & b.names:
        return True
    shared_place = (a.places & b.places) or (a.regions & b.places) or (b.regions & a.places)
    return bool(shared_place and a.events & b.events)


def link_incidents(mentions: list[EventMention]) -> list[list[int]]:
    """The incidents: groups (2+) of mentions joined by _linked, directly or through others.

    Every pair is not compared (a report of thousands of dated clauses would take their square):
    a paragraph's clauses are joined through the date object they share, and clauses of
    different paragraphs through what they share (a name, or a place and a kind of event),
    swept in date order (_Pool), which gives the groups the pairwise comparison gives."""
    parent = list(range(len(mentions)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        parent[find(b)] = find(a)

    if any(m.date.low > m.date.high for m in mentions):
        # a date that ends before it starts (never read so): the sweep assumes none does
        for i, a in enumerate(mentions):
            for b in mentions[i + 1:]:
                if a.sentence != b.sentence and _linked(a, b):
                    union(a.id, b.id)
    else:
        _join_paragraph_dates(mentions, union)
        pools: dict[tuple, _Pool] = defaultdict(_Pool)
        for b in sorted(mentions, key=lambda m: (m.date.low, m.id)):
            asks, joins = _pools_of(b)
            for key in asks:
                pools[key].ask(b, union)
            for key in joins:
                pools[key].join(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for m in mentions:
        groups[find(m.id)].append(m.id)
    return [g for g in groups.values() if len(g) > 1]


def _join_paragraph_dates(mentions: list[EventMention], union) -> None:
    """_linked within a paragraph: a clause dated by its paragraph (carried) and the clauses with
    the very same date. A carried clause is alone in its sentence, so it joins all of them."""
    by_date: dict[tuple[int, int], list[EventMention]] = defaultdict(list)
    for m in mentions:
        by_date[(m.paragraph, id(m.date))].append(m)
    for same in by_date.values():
        carried = next((m for m in same if m.carried), None)
        if carried is None:
            continue
        for m in same:
            if m.sentence != carried.sentence:
                union(carried.id, m.id)


def _pools_of(m: EventMention) -> tuple[list[tuple], list[tuple]]:
    """The pools a mention looks in for the mentions of other paragraphs it is linked to, and the
    pools it joins for the mentions after it. A pool holds the mentions that share a name, or a
    kind of event and a place; within it, those of one region, or those without a region (region
    "" for asking, None for every mention of the pool): mentions in different regions are never
    linked, a mention without one may be linked to any."""
    regions = sorted(m.regions)
    ask_regions = [""] + regions if regions else [None]
    join_regions = [None] + (regions or [""])
    shared = [("name", n) for n in m.names]
    asks = [(*k, r) for k in shared for r in ask_regions]
    joins = [(*k, r) for k in shared for r in join_regions]
    for e in m.events:
        # a place in `places` matches one in the other's places or regions; a region, only a place
        for k in m.places:
            asks += [("any", e, k, r) for r in ask_regions]
            joins += [("place", e, k, r) for r in join_regions]
        for k in m.places | m.regions:
            if k not in m.places:
                asks += [("place", e, k, r) for r in ask_regions]
            joins += [("any", e, k, r) for r in join_regions]
    return asks, joins


class _Pool:
    """Mentions that may be linked to a later one, swept by date: groups of them already linked
    to each other, each kept as its two latest-ending paragraphs [(end date, paragraph)]. A later
    mention is linked to a group that has a mention of another paragraph whose date has not ended
    before the later one starts (sorted by start, so it overlaps it). A group whose dates have
    all ended is dropped; one whose open dates are in one paragraph waits in that paragraph's
    bucket, which that paragraph's mentions skip. So each group is looked at a few times, not
    once per later mention."""

    def __init__(self):
        self.multi: dict[int, list] = {}  # group (a member's id) -> its [(high, paragraph)] x 2
        self.single: dict[int, dict[int, list]] = {}  # paragraph -> {group: [(high, paragraph)]}

    def ask(self, b: EventMention, union) -> None:
        low, para = b.date.low, b.paragraph
        joined = []
        for g, top in list(self.multi.items()):
            del self.multi[g]
            (h1, p1), (h2, p2) = top
            if h1 < low:
                continue  # ended
            if p1 != para or h2 >= low:
                joined.append((g, top))
            else:
                self._put(g, [(h1, p1)])  # only its paragraph's mentions are still open
        for p in [p for p in self.single if p != para]:
            for g, top in self.single.pop(p).items():
                if top[0][0] >= low:
                    joined.append((g, top))
        for g, _ in joined:
            union(g, b.id)
        if joined:
            # the groups b was linked to are one group now (b itself joins the pools it belongs to)
            self._put(joined[0][0], _top2([t for _, top in joined for t in top]))

    def join(self, b: EventMention) -> None:
        self._put(b.id, [(b.date.high, b.paragraph)])

    def _put(self, g: int, top: list) -> None:
        if len(top) > 1:
            self.multi[g] = top
        else:
            self.single.setdefault(top[0][1], {})[g] = top


def _top2(entries: list[tuple]) -> list[tuple]:
    """The two latest ends of distinct paragraphs, latest first."""
    best: dict[int, object] = {}
    for high, para in entries:
        if para not in best or high > best[para]:
            best[para] = high
    return sorted(((h, p) for p, h in best.items()), reverse=True)[:2]


# --- totals and parts --------------------------------------------------------------------


@lru_cache(maxsize=4)
def _other_time_pattern(phrases: tuple[str, ...]):
    return re.compile(rf"\b(?:{alternation(phrases)})\b", re.I) if phrases else None


_SEGMENT_END = re.compile(r"[,;:(]")


def _other_time(text: str, c0: int, c1: int, r, pattern) -> bool:
    """The figure's part of the clause (between commas) is told of another time than the
    clause's date ("..., in the same area where security forces allegedly killed 12 others
    while in detention the month before"): not the incident's count."""
    if pattern is None:
        return False
    start = int(r["start"])
    seg0 = max((m.end() for m in _SEGMENT_END.finditer(text, c0, start)), default=c0)
    m = _SEGMENT_END.search(text, int(r["end"]), c1)
    return bool(pattern.search(text, seg0, m.start() if m else c1))
