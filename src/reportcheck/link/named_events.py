"""Events the report names by their kind and their date: "the 2008 constitution", "the 2015
peace agreement", "the conflict began in 2013", "elections were held in March and May 2018",
"In October 2020 leaders ... signed the Juba Peace Agreement".

Such an event is background the report returns to in many sections, seldom with a figure or a
day both tellings give, so neither the incident linker (which needs overlapping dates and
figures) nor the content linker (which needs names and figures) ties its tellings together. Here
they are keyed by the event's kind (`linking.named_events.kinds` in default.yml: a coup, a
constitution, a peace agreement, elections ...), not by any number or day, so that a telling
with another year or day still finds the others (RC111 judges them). A date is read to the
precision the text gives: a year, a month, a day; a day without a year ("protests that began on
April 28") is of the report's year.

Three forms tie a date to a kind, each within one sentence:
- **named** ("the 2021 coup", "the October 2020 signing of the Juba Peace Agreement"): the date
  is part of the event's name. Only this form can contradict the year of other tellings, because
  only here the year is the event's own and not that of something done to it later;
- **after** ("the outbreak of conflict in 2013", "elections were held in 2018", "a coup d'etat
  on February 1, 2021"): the kind, an event verb (`verbs`) or none, then the date;
- **before** ("In 2014, 13 parties signed a Peace and National Partnership Agreement"): a
  sentence opened by its date, then a verb that makes the event (`make_verbs`) and the kind.

Kinds that go on (a conflict, a war: `needs_start`) are dated only by their start ("began",
"the outbreak of"), never by a year they went on in. Kinds with `qualified` (a law) are keyed by
the word before them too ("the 2017 labor act" and "a national labor law in 2017"), and a bare
"a 2016 law" is not keyed: a report tells of many laws of one year.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

from ..extract.entities import alternation

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December)")
# a date as the forms write it: "2013", "October 2020", "February 1, 2021", "March and May 2018"
_DATE = (rf"(?:(?:early|late|mid-?)\s*)?(?:(?P<month>{_MONTH})(?:\s+(?P<day>\d{{1,2}}))?,?\s+"
         rf"(?P<month2>and\s+{_MONTH}\s+)?)?(?P<year>(?:19|20)\d\d)(?![\d-])")
# a day without a year ("on April 28", "the June 21 elections"): of the report's year
_MONTH_DAY = (rf"(?P<month>{_MONTH})\s+(?P<day>[1-9]|[12]\d|3[01])(?![\d:])(?!,?\s*(?:19|20)\d\d)"
              r"(?!\s*(?:-|–|to|and)\s*\d)")
_WORD = r"[\p{L}’'-]+"
_ARTICLE = r"(?:the|its|this|that)"


@dataclass
class NamedEvent:
    """One telling of a named event: its kind, its date and the words that say it."""

    kind: str  # the kind's name in the rule file ("coup", "peace agreement")
    key: str  # kind, and the qualifier for a qualified kind ("law:labor")
    year: int
    month: str  # "" when the telling gives the year only
    day: int  # 0 when it gives no day
    form: str  # "named" | "after" | "before"
    name: str  # a proper name told with it ("Juba Peace Agreement"), "" when none
    start: int
    end: int
    sentence: int  # index into the extraction's sentences
    paragraph: int


@dataclass
class NamedEventGroup:
    """The tellings of one kind of event in a document, in text order; RC111 judges them."""

    key: str
    kind: str
    once: bool  # the kind happens once in the span a report tells of (a coup, a revolution)
    events: list[NamedEvent]
    begins: bool = False  # the kind goes on and is dated by its start ("the protests began on April 28")
    # a kind whose start the rule file declares (`not_before`, "2019-12" for COVID-19): no telling
    # may date it earlier; `starts` are where the report tells of its start without a date ("the
    # onset of the COVID-19 pandemic"), shown beside a telling that does
    not_before: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Patterns:
    year: re.Pattern  # every year of the text: the tellings are read around them
    date: re.Pattern  # the date that ends with a year (matched against the text before it)
    month_day: re.Pattern  # a day without a year
    named_before: re.Pattern  # "the " before a date that names the event
    named_after: re.Pattern  # after it: "peace agreement", "signing of the Juba Peace Agreement"
    after: re.Pattern  # before a date: "elections were held in ", "outbreak of conflict in "
    before: re.Pattern  # a sentence that opens with its date: "In 2014, 13 parties signed a ... Agreement"
    done_to: re.Pattern  # "amended the constitution": what is done to an event already made
    start_of: re.Pattern  # "the onset of the COVID-19 pandemic": a start told without a date


@lru_cache(maxsize=8)
def _patterns(kinds: tuple[tuple[str, tuple[str, ...]], ...], verbs: tuple[str, ...],
              make_verbs: tuple[str, ...], starts: tuple[str, ...], changes: tuple[str, ...]) -> _Patterns:
    groups = "|".join(f"(?P<k{i}>{alternation(words)})" for i, (_, words) in enumerate(kinds))
    kind = rf"(?i:{groups})(?!\p{{L}})"
    start = rf"(?:(?:{alternation(starts)})\s+of\s+(?:the\s+)?)"
    # Every pattern but `before` is anchored at a year (8,946 in the 2019 corpus) and reads a few
    # words around it: a pattern that starts with a kind's words tries every position of a text
    # and cost seven times more.
    return _Patterns(
        year=re.compile(r"(?<!\d)(?:19|20)\d\d(?![\d-])"),
        date=re.compile(rf"{_DATE}$"),
        month_day=re.compile(_MONTH_DAY),
        named_before=re.compile(rf"\b{_ARTICLE}\s+$", re.I),
        # up to three words between the date and the kind: "the 2015 peace agreement", "the 2019
        # Accord", "the October 2020 signing of the Juba Peace Agreement"
        named_after=re.compile(rf"\s+(?P<start>{start})?(?:{_WORD}\s+){{0,3}}?{kind}", re.I),
        after=re.compile(rf"(?P<start>\b{start})?\b{kind}(?:\s+(?P<verb>{alternation(verbs)}))?\s+(?:in|on|of)\s+$",
                         re.I),
        # matched at the start of a sentence only
        before=re.compile(rf"(?:In|On|By)\s+{_DATE},?\s+(?:(?!(?:19|20)\d\d)[^.;:])*?\b"
                          rf"(?:{alternation(make_verbs)})\s+(?:{_WORD}\s+){{0,6}}?{kind}"),
        done_to=re.compile(rf"\b(?:{alternation(changes)})\s+(?:(?:the|a|an|its)\s+)?(?:{_WORD}\s+){{0,2}}$",
                           re.I),
        start_of=re.compile(rf"\b{start}{kind}", re.I),
    )


_NAME = re.compile(r"(?:[A-Z][\p{L}’'-]*\s+(?:(?:for|of|and|on|the)\s+)*){1,6}$")
_MONTH_CASE = re.compile(_MONTH)


def _proper_name(text: str, kind_start: int, kind_end: int) -> str:
    """The proper name a kind ends, when it is capitalised ("the Juba Peace Agreement"): two
    capitalised words or more, the kind's own words among them."""
    word = text[kind_start:kind_end]
    if not word[:1].isupper():
        return ""
    m = _NAME.search(text, max(0, kind_start - 80), kind_start)
    head = (m.group(0) if m else "").split()
    while head and (head[0].lower() in ("for", "of", "and", "on", "the") or _MONTH_CASE.fullmatch(head[0])):
        head = head[1:]
    return " ".join(head + word.split()) if head else ""


def read_named_events(text: str, sentences: list[tuple[int, int, int]], conf: dict,
                      year: int | None = None) -> list[NamedEventGroup]:
    """The named events the report tells more than once, grouped by kind (groups of two tellings
    or more in different sentences); a day told without a year ("on April 28") is of the
    report's `year`."""
    kinds = conf["kinds"]
    names = list(kinds)
    key_words = tuple((k, tuple(kinds[k]["words"])) for k in names)
    pats = _patterns(key_words, tuple(conf["verbs"]), tuple(conf["make_verbs"]), tuple(conf["starts"]),
                     tuple(conf["changes"]))
    not_qualifiers = frozenset(conf["not_qualifiers"])
    found: list[NamedEvent] = []
    seen: set[tuple[str, int]] = set()
    for si, form, (i, ks, ke, start, end, started, (event_year, month, day)) in _hits(text, sentences, pats, year):
        a, para = sentences[si][0], sentences[si][2]
        kind = names[i]
        spec = kinds[kind]
        if spec.get("needs_start") and not started:
            continue  # "the conflict in 2019": a year it went on in, not its date
        if form != "named" and pats.done_to.search(text, max(a, ks - 60), ks):
            continue  # "amended the constitution in 2015": the amendment's date
        key = kind
        if spec.get("qualified"):
            q = _qualifier(text, ks, not_qualifiers)
            if not q:
                continue  # "a 2016 law": one of many
            key = f"{kind}:{q}"
        if (key, ks) in seen:
            continue  # one telling read by two forms
        seen.add((key, ks))
        found.append(NamedEvent(kind, key, event_year, month, day, form, _proper_name(text, ks, ke), start, end, si,
                                para))
    by_key: dict[str, list[NamedEvent]] = defaultdict(list)
    for e in found:
        by_key[e.key].append(e)
    out = []
    for key, events in by_key.items():
        events.sort(key=lambda e: e.start)
        kind = events[0].kind
        declared = str(kinds[kind].get("not_before") or "")
        early = declared and any(before_start(e, declared) for e in events)
        if (len({e.sentence for e in events}) < 2 and not early) or len(events) > int(conf["max_tellings"]):
            continue
        out.append(NamedEventGroup(key, kind, bool(kinds[kind].get("once")), events,
                                   bool(kinds[kind].get("needs_start")), declared,
                                   _undated_starts(text, pats, names.index(kind)) if early else []))
    return sorted(out, key=lambda g: g.events[0].start)


#: the months as a telling keeps them (folded), in order
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_NUMBER = {m: k for k, m in enumerate(MONTHS, 1)}


def before_start(e: NamedEvent, declared: str) -> bool:
    """The telling dates the event wholly before its declared start ("2019-12"): "May 2019"
    does, "2019" does not (its December may be the start)."""
    year, _, month = declared.partition("-")
    last_month = _MONTH_NUMBER.get(e.month, 12)
    return (e.year, last_month) < (int(year), int(month or 1))


def _undated_starts(text: str, pats: _Patterns, kind: int) -> list[tuple[int, int]]:
    """Where the text tells of a kind's start without a date ("the onset of the COVID-19
    pandemic"): the start noun, then the kind."""
    return [(m.start(), m.end()) for m in pats.start_of.finditer(text) if _kind_of(m)[0] == kind]


def _kind_of(m) -> tuple[int, int, int]:
    """Which kind a match found (its group k<i>) and where its words are."""
    i = next(int(g[1:]) for g, v in m.groupdict().items() if v and g[0] == "k" and g[1:].isdigit())
    return (i, *m.span(f"k{i}"))


def _hits(text: str, sentences: list[tuple[int, int, int]], pats: _Patterns, year: int | None):
    """(sentence index, form, (kind index, kind start, kind end, telling start, telling end,
    started, (year, month, day))) for every telling, each within one sentence. A day without a
    year is of the report's `year` (none is read when it is not known)."""
    starts = [s[0] for s in sentences]
    dates = []  # (date start, date end, (year, month, day))
    for y in pats.year.finditer(text):
        date = pats.date.search(text, max(0, y.start() - 30), y.end())
        if date:
            # "March and May 2018": two months, so no one month
            month = "" if date.group("month2") else (date.group("month") or "").lower()
            day = int(date.group("day")) if date.group("day") and month else 0
            dates.append((date.start(), y.end(), (int(date.group("year")), month, day)))
    if year:
        for d in pats.month_day.finditer(text):
            dates.append((d.start(), d.end(), (year, d.group("month").lower(), int(d.group("day")))))
    for ds, de, when in sorted(dates):
        si = bisect_right(starts, ds) - 1
        if si < 0 or de > sentences[si][1]:
            continue
        a, b = sentences[si][:2]
        art = pats.named_before.search(text, max(a, ds - 6), ds)
        if art:
            m = pats.named_after.match(text, de, b)
            if m:
                i, ks, ke = _kind_of(m)
                yield si, "named", (i, ks, ke, art.start(), m.end(), bool(m.group("start")), when)
                continue
        # the kind's words end with "in", "on" or "of" before the date: a quick look first
        w = text[max(a, ds - 4):ds].rstrip().lower()
        near = w.endswith(("in", "on", "of")) and (len(w) < 3 or not w[-3].isalnum())
        m = pats.after.search(text, max(a, ds - 90), ds) if near else None
        if m:
            i, ks, ke = _kind_of(m)
            yield si, "after", (i, ks, ke, m.start(), de, bool(m.group("start") or m.group("verb")), when)
    for si, (a, b, _) in enumerate(sentences):
        if text.startswith(("In ", "On ", "By "), a):
            m = pats.before.match(text, a, b)
            if m:
                i, ks, ke = _kind_of(m)
                month = "" if m.group("month2") else (m.group("month") or "").lower()
                day = int(m.group("day")) if m.group("day") and month else 0
                yield si, "before", (i, ks, ke, m.start(), m.end(), True, (int(m.group("year")), month, day))


_QUALIFIER = re.compile(r"([\p{L}’'-]+)\s+$")


def _qualifier(text: str, kind_start: int, not_qualifiers: frozenset[str]) -> str:
    """The word before a qualified kind ("labor" of "the 2017 labor act"), folded; "" when it
    is an article, a year or another word that does not tell one law from another."""
    m = _QUALIFIER.search(text, max(0, kind_start - 40), kind_start)
    word = m.group(1).lower().replace("’", "'") if m else ""
    return "" if not word or word in not_qualifiers else word


def same_event(a: NamedEvent, b: NamedEvent) -> bool:
    """Two tellings of one kind tell of one event: the same year, months and days that do not differ,
    and proper names that do not differ (by their first word, the one that tells them apart:
    "the Algiers Accord" and "the Algiers Peace Accord")."""
    if a.year != b.year or (a.month and b.month and a.month != b.month) or (a.day and b.day and a.day != b.day):
        return False
    return not (a.name and b.name and a.name.split()[0].lower() != b.name.split()[0].lower())
