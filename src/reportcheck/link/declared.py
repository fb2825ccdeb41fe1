"""Report-specific declared rules: what an analyst states about the figures of one report.

A rule file's `rules:` list (README, "Report-specific rules") names figures and mentions by
short verbatim quotes. `declare` resolves the quotes against one document and applies the
rules to the linker's relations:

* `total`         a breakdown (judged by RC201), replacing the one the linker found for that total;
* `part_of`       a part and its whole (RC202), replacing the whole the linker traced for that part;
* `same_incident` mentions joined into one incident (RC101 counts, RC102 dates, RC103 places),
                  together with the incidents the linker had put them in;
* `distinct`      the linker's incident and repeated-statistic links between the mentions undone;
* `date_order`, `equals`  judged by their own checks (RC301, RC302) from the resolved rules.

Every resolved rule (`Declared`) keeps the file and line it came from; `annotate` names them in
the results that judge what they declared. A quote that matches nothing, or more than one
figure, is the user's error: InputError "FILE:LINE: rule 'ID': ...".
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import heapq
import math
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex as re

from ..config import SELECTOR_KEY as SELECTOR
from ..config import rule_name
from ..errors import InputError
from ..extract.dates import resolve_relative
from ..extract.figures import Extraction
from ..model import DateMention, Document, Result
from .incidents import _CAP, _distinctive_names, _event_lexicon, _events_in, _linked
from .model import Breakdown, EventMention, Links, PartWhole

# what each kind's keys hold: a figure (exactly one figure row) or a mention (one place in the text)
FIGURE_KEYS = {"total": ("total", "parts"), "part_of": ("part", "whole"), "equals": ("figures",)}
MENTION_KEYS = {"same_incident": ("mentions",), "distinct": ("mentions",), "date_order": ("before", "after")}
# linker groups of rows that `distinct` may undo (a field of Links, when it has it)
ROW_GROUPS = ("statistics", "restated")


@dataclass(frozen=True)
class Quote:
    """One reference of a rule, found in the document."""

    text: str  # as written in the rule file
    start: int  # its occurrence in the document
    end: int
    rows: tuple[int, ...]  # the figures whose numbers lie in it (a figure reference: exactly one)


@dataclass
class Declared:
    """One entry of `rules:`, resolved against one document."""

    kind: str
    id: str  # the entry's id ("" when it has none)
    source: str  # the rule file
    line: int
    note: str = ""
    severity: str | None = None  # overrides the check's severity for what this rule declared
    quotes: dict[str, list[Quote]] = field(default_factory=dict)  # key -> its quotes ("parts": [...])
    params: dict = field(default_factory=dict)  # breakdown, days, tolerance, tolerance_abs
    mentions: list[int] = field(default_factory=list)  # same_incident, distinct: a mention id per quote
    group: list[int] = field(default_factory=list)  # same_incident: the whole incident, once applied
    dates: list[DateMention] = field(default_factory=list)  # date_order: the earlier and the later date
    date_notes: list[str] = field(default_factory=list)  # how each date was found
    entry: dict = field(default_factory=dict, repr=False, compare=False)  # the rule file's entry

    @property
    def name(self) -> str:
        return self.id or self.kind

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def provenance(self) -> str:
        """"declared in checks/mali-2020.yml:31 (tarkint): the note" - what a result says of it."""
        label = f" ({self.id})" if self.id else ""
        return f"declared in {self.where}{label}" + (f": {self.note}" if self.note else "")

    def figures(self, key: str) -> list[int]:
        return [q.rows[0] for q in self.quotes.get(key, ())]


# --- finding quotes ---------------------------------------------------------------------------

# typographic and straight quotation marks and apostrophes are one character to a reader
_SAME = {"'": "['’‘]", "’": "['’‘]", "‘": "['’‘]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


def quote_pattern(quote: str) -> re.Pattern:
    """The quote as a pattern: verbatim and case-sensitive, any run of white space (a line
    break, two spaces) matching any other, curly and straight quotation marks alike."""
    words = quote.split()
    return re.compile(r"\s+".join("".join(_SAME.get(c, re.escape(c)) for c in w) for w in words))


def _number_span(text: str, row: dict) -> tuple[int, int]:
    """Where the number of a figure is ("29" of "at least 29 soldiers")."""
    number = row["number_text"]
    at = text.find(number, row["start"], row["end"]) if number else -1
    return (at, at + len(number)) if at >= 0 else (row["start"], row["end"])


def _ref(ref) -> tuple[str, str | None, float | None]:
    if isinstance(ref, str):
        return ref, None, None
    section = ref.get("section")
    value = ref.get("value")
    return ref["quote"], (None if section is None else str(section)), (None if value is None else float(value))


# --- selecting rows by their columns ({where: {region: Gao, measure: killed}}) ---------------------

# what a `by:` or `where:` name may be besides a column: parts of a row's date
_DATE_KEYS = {"month": lambda r: (r.get("date_low") or "")[:7], "year": lambda r: (r.get("date_low") or "")[:4],
              "date": lambda r: f"{r['date_low']}..{r['date_high']}" if r.get("date_low") else ""}


def is_selector(ref) -> bool:
    return isinstance(ref, dict) and SELECTOR in ref


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return "inf" if math.isinf(value) else (str(int(value)) if value.is_integer() else f"{value:g}")
    return str(value).strip()


def column_value(row: dict, column: str):
    """A row's value in `column`: a user table's own column (kept in `_raw`: the name the user
    sees), else a figures-table field, else a part of the row's date (month, year, date); None
    when the row has no such column."""
    raw = row.get("_raw") or {}
    if column in raw:
        return raw[column]
    if column in row and not column.startswith("_"):
        return row[column]
    if column in _DATE_KEYS:
        return _DATE_KEYS[column](row)
    return None


def _wanted(have, want) -> bool:
    if isinstance(want, dict) and set(want) == {"not"}:
        return not _wanted(have, want["not"])
    if isinstance(want, list):
        return any(_wanted(have, w) for w in want)
    h = _cell_text(have)
    if want == "*":
        return h != ""
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        try:
            return float(h.replace(",", "")) == float(want)
        except ValueError:
            return False
    return h == str(want).strip()


def selects(row: dict, where: dict) -> bool:
    """Whether `row` has every value `where` asks for."""
    return all(column_value(row, col) is not None and _wanted(column_value(row, col), want)
               for col, want in where.items())


def _describe_selector(where: dict) -> str:
    def one(v):
        if isinstance(v, dict):
            return f"not {one(v['not'])}"
        if isinstance(v, list):
            return "|".join(str(x) for x in v)
        return "any" if v == "*" else str(v)

    return ", ".join(f"{k}={one(v)}" for k, v in where.items())


def _short(quote: str, limit: int = 80) -> str:
    q = " ".join(quote.split())
    return q if len(q) <= limit else q[:limit - 3] + "..."


class _Resolver:
    """Finds a rule file's quotes in one document."""

    def __init__(self, doc: Document, ex: Extraction):
        self.doc, self.ex, self.rows = doc, ex, ex.rows
        self.name = Path(doc.path).name
        self.scope: list[int] | None = None  # the rows of the current `by:` group, in order (None: all)
        self.numbers = [_number_span(doc.text, r) for r in ex.rows]
        self.sentence_starts = [s[0] for s in ex.sentences]
        self.resolved = {d.start: d for ds in ex.own_dates.values() for d in ds}
        self.resolved.update({d.start: d for d in ex.carried.values()})
        self.raw = {d.start: d for d in ex.dates}

    def fail(self, entry: dict, message: str):
        raise InputError(f"{entry.get('_source', 'rule file')}:{entry.get('_line', 1)}: {rule_name(entry)}: {message}")

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in quote_pattern(quote).finditer(self.doc.text)]

    def rows_in(self, a: int, b: int) -> tuple[int, ...]:
        return tuple(i for i, (n0, n1) in enumerate(self.numbers) if a <= n0 and n1 <= b)

    def _absent(self, quote: str) -> str:
        return (f"quote '{_short(quote)}' matches nothing in {self.name} (quotes are verbatim and "
                "case-sensitive; only white space may differ)")

    # --- selectors ----------------------------------------------------------------------------

    def select(self, entry: dict, ref) -> list[int]:
        """The rows a selector names (within the current `by:` group), in table order."""
        where = ref[SELECTOR]
        for col in where:
            if col not in _DATE_KEYS and not any(column_value(r, col) is not None for r in self.rows):
                self.fail(entry, f"where: column {col!r} is in no row of {self.name}")
        # a `by:` group's rows only: every row once per group would be groups x rows
        scope = range(len(self.rows)) if self.scope is None else self.scope
        return [i for i in scope if self.rows[i]["parse_status"] == "parsed" and selects(self.rows[i], where)]

    def _selected_quote(self, ref, rows: list[int]) -> Quote:
        a = min(self.rows[i]["start"] for i in rows)
        b = max(self.rows[i]["end"] for i in rows)
        return Quote(f"where {_describe_selector(ref[SELECTOR])}", a, b, tuple(rows))

    def selected_figures(self, entry: dict, ref) -> list[Quote]:
        """A selector naming several figures (the parts of a total, figures declared equal)."""
        rows = self.select(entry, ref)
        if not rows:
            self.fail(entry, f"where {_describe_selector(ref[SELECTOR])} selects no figure in {self.name}")
        return [Quote(f"where {_describe_selector(ref[SELECTOR])}", self.rows[i]["start"], self.rows[i]["end"], (i,))
                for i in rows]

    def figure(self, entry: dict, ref) -> Quote:
        """A quote naming one figure: the figure whose number lies in it; or a selector that
        selects exactly one row."""
        if is_selector(ref):
            rows = self.select(entry, ref)
            said = f"where {_describe_selector(ref[SELECTOR])}"
            if len(rows) != 1:
                numbers = ", ".join(str(self.rows[i].get("_table_row", i + 1)) for i in rows[:6])
                self.fail(entry, f"{said} selects {len(rows) or 'no'} figure{'s' if len(rows) != 1 else ''} in "
                                 f"{self.name}" + (f" (rows {numbers}); add columns to where: or by:" if rows else ""))
            return self._selected_quote(ref, rows)
        quote, section, value = _ref(ref)
        occurrences = self.occurrences(quote)
        if not occurrences:
            self.fail(entry, self._absent(quote).replace("matches nothing", "matches no figure"))
        found: dict[int, tuple[int, int]] = {}
        for a, b in occurrences:
            for i in self.rows_in(a, b):
                found.setdefault(i, (a, b))
        if section is not None:
            found = {i: o for i, o in found.items() if self.rows[i]["section"] == section}
        if value is not None:
            found = {i: o for i, o in found.items() if self.rows[i]["value"] == value}
        if not found:
            where = "".join([f" in section {section}" if section is not None else "",
                             f" with value {value:g}" if value is not None else ""])
            self.fail(entry, f"quote '{_short(quote)}' matches no figure{where} in {self.name}")
        if len(found) > 1:
            sections = ", ".join(dict.fromkeys(self.rows[i]["section"] or "(opening text)" for i in found))
            values = ", ".join(f"{self.rows[i]['value']:g}" if not math.isnan(self.rows[i]["value"])
                               else self.rows[i]["number_text"] for i in found)
            self.fail(entry, f"quote '{_short(quote)}' matches {len(found)} figures (sections {sections}; "
                             f"values {values}); add section: or value:, or quote more of the text")
        (i, (a, b)), = found.items()
        return Quote(quote, a, b, (i,))

    def mention(self, entry: dict, ref) -> Quote:
        """A quote naming a mention: one place in the text, and the figures in it; or a
        selector: the rows it selects."""
        if is_selector(ref):
            rows = self.select(entry, ref)
            if not rows:
                self.fail(entry, f"where {_describe_selector(ref[SELECTOR])} selects no figure in {self.name}")
            return self._selected_quote(ref, rows)
        quote, section, value = _ref(ref)
        occurrences = self.occurrences(quote)
        if not occurrences:
            self.fail(entry, self._absent(quote))
        if section is not None:
            occurrences = [(a, b) for a, b in occurrences if self.doc.section_code(a) == section]
        if value is not None:
            occurrences = [(a, b) for a, b in occurrences
                           if any(self.rows[i]["value"] == value for i in self.rows_in(a, b))]
        if not occurrences:
            where = "".join([f" in section {section}" if section is not None else "",
                             f" with a figure of value {value:g}" if value is not None else ""])
            self.fail(entry, f"quote '{_short(quote)}' matches nothing{where} in {self.name}")
        if len(occurrences) > 1:
            sections = ", ".join(dict.fromkeys(self.doc.section_code(a) or "(opening text)" for a, _ in occurrences))
            self.fail(entry, f"quote '{_short(quote)}' occurs {len(occurrences)} times (sections {sections}); "
                             "add section: or value:, or quote more of the text")
        (a, b), = occurrences
        rows = self.rows_in(a, b)
        if value is not None:
            rows = tuple(i for i in rows if self.rows[i]["value"] == value)
        return Quote(quote, a, b, rows)

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    # --- dates ----------------------------------------------------------------------------

    def date_of(self, q: Quote) -> tuple[DateMention | None, str]:
        """The date of a quoted mention, and how it was found: a date written in the quote;
        else the date of the first dated figure in it; else its sentence's (the nearest date
        before the quote, else the first after it) or its paragraph's."""
        inside = [d for d in self.ex.dates if q.start <= d.start and d.end <= q.end]
        for d in inside:
            resolved = self.resolved.get(d.start, d)
            if resolved.low is not None or d.kind == "relative":
                return resolved, "written in the quote"
        for i in q.rows:
            r = self.rows[i]
            if r["date_low"] is not None:
                d = self.resolved.get(r["date_start"]) or DateMention(
                    r["date_start"], r["date_start"] + len(r["date_text"]), r["date_text"],
                    dt.date.fromisoformat(r["date_low"]), dt.date.fromisoformat(r["date_high"]),
                    r["date_precision"], r["date_kind"])
                return d, f"the date of the figure \"{r['quote']}\""
        si = self.sentence_of(q.start)
        own = [d for d in self.ex.own_dates.get(si, []) if d.low is not None
               or self.raw.get(d.start, d).kind == "relative"]
        before = [d for d in own if d.start < q.start]
        if before or own:
            return (before[-1] if before else own[0]), "the date of its sentence"
        if si in self.ex.carried:
            return self.ex.carried[si], "the date of its paragraph"
        return None, ""

    def offset(self, d: DateMention) -> int | None:
        """The offset in days of a relative date ("seven days later": 7), None for others."""
        raw = self.raw.get(d.start, d)
        return (raw.offset_days or 0) if raw.kind == "relative" else None


# --- resolving the rules of one document ------------------------------------------------------


# keys that may name several figures with one selector ({where: ...} instead of a list)
_MANY = ("parts", "figures")


def _resolve(finder: _Resolver, entries: list[dict], lenient: bool = False,
             skipped: list | None = None) -> list[Declared]:
    """Each entry resolved: one Declared, or with `by:` one per group of rows (the rows that
    share the `by:` columns' values; a group where a selector of one figure selects nothing is
    left out). `lenient` (a table without the report's text): an entry whose quotes are not
    found is skipped, and said so in `skipped`, instead of stopping the run."""
    out = []
    for entry in entries:
        try:
            if entry.get("by"):
                out.extend(_resolve_groups(finder, entry))
            else:
                out.append(_resolve_one(finder, entry))
        except InputError as exc:
            if not lenient or not _quotes_text(entry):
                raise  # a rule by columns needs no text: its errors are the rule's
            if skipped is not None:
                skipped.append(str(exc))
    return out


def _quotes_text(entry: dict) -> bool:
    """Whether the entry names something by a quote of the text (not only by selectors)."""
    for key in (*FIGURE_KEYS.get(entry.get("kind"), ()), *MENTION_KEYS.get(entry.get("kind"), ())):
        refs = entry.get(key)
        refs = refs if isinstance(refs, list) else [refs]
        if any(ref is not None and not is_selector(ref) for ref in refs):
            return True
    return False


def _resolve_one(finder: _Resolver, entry: dict, label: str = "") -> Declared:
    kind = entry["kind"]
    d = Declared(kind=kind, id=str(entry.get("id") or "") + label, source=str(entry.get("_source", "rule file")),
                 line=int(entry.get("_line", 1)), note=" ".join(str(entry.get("note") or "").split()),
                 severity=entry.get("severity"),
                 params={k: entry[k] for k in ("breakdown", "days", "tolerance", "tolerance_abs") if k in entry},
                 entry=entry)
    for key in FIGURE_KEYS.get(kind, ()):
        if key in _MANY and is_selector(entry[key]):
            d.quotes[key] = finder.selected_figures(entry, entry[key])
            continue
        refs = entry[key] if isinstance(entry[key], list) else [entry[key]]
        d.quotes[key] = [finder.figure(entry, ref) for ref in refs]
    for key in MENTION_KEYS.get(kind, ()):
        refs = entry[key] if isinstance(entry[key], list) else [entry[key]]
        d.quotes[key] = [finder.mention(entry, ref) for ref in refs]
    _check_figures(finder, entry, d)
    if kind == "date_order":
        _resolve_dates(finder, entry, d)
    return d


def _resolve_groups(finder: _Resolver, entry: dict) -> list[Declared]:
    """`by: [month, measure]`: the entry once per group of rows sharing those values."""
    by = entry["by"] if isinstance(entry["by"], list) else [entry["by"]]
    for col in by:
        if col not in _DATE_KEYS and not any(column_value(r, col) is not None for r in finder.rows):
            finder.fail(entry, f"by: column {col!r} is in no row of {finder.name}")
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(finder.rows):
        if r["parse_status"] == "parsed":
            groups.setdefault(tuple(_cell_text(column_value(r, c)) for c in by), []).append(i)
    out = []
    try:
        for key, rows in groups.items():
            finder.scope = rows
            label = " [" + ", ".join(f"{c}={v or '(empty)'}" for c, v in zip(by, key, strict=True)) + "]"
            named = [k for k in (*FIGURE_KEYS.get(entry["kind"], ()), *MENTION_KEYS.get(entry["kind"], ()))]
            selectors = [entry[k] for k in named if is_selector(entry[k])]
            selectors += [ref for k in named if isinstance(entry[k], list) for ref in entry[k] if is_selector(ref)]
            if any(not finder.select(entry, ref) for ref in selectors):
                continue  # the group lacks a row the rule names (no national row this month)
            out.append(_resolve_one(finder, entry, label))
    finally:
        finder.scope = None
    if not out:
        finder.fail(entry, f"no group of rows by {', '.join(by)} has every row the rule names in {finder.name}")
    return out


def _check_figures(finder: _Resolver, entry: dict, d: Declared) -> None:
    """A figure named twice in one rule, or a number where none is stated, is a mistake."""
    named = [i for key in FIGURE_KEYS.get(d.kind, ()) for i in d.figures(key)]
    times = Counter(named)  # a selector may name every row: counting each in the list was rows x rows
    for i in named:
        if times[i] > 1:
            finder.fail(entry, f"the figure \"{finder.rows[i]['quote']}\" is named twice")
    if d.kind == "equals":
        for i in named:
            if math.isnan(finder.rows[i]["value"]):
                finder.fail(entry, f"\"{finder.rows[i]['quote']}\" states no number to compare")


def _resolve_dates(finder: _Resolver, entry: dict, d: Declared) -> None:
    (before,), (after,) = d.quotes["before"], d.quotes["after"]
    found = [finder.date_of(before), finder.date_of(after)]
    for (date, _), q in zip(found, (before, after), strict=True):
        if date is None:
            finder.fail(entry, f"quote '{_short(q.text)}' has no date (quote the date, or a dated figure)")
    (a, how_a), (b, how_b) = found
    # "seven days later" counts from the event the rule names as the earlier one, "ten days
    # before" from the later one (the extraction counts them from the last date to the day
    # before them, which may be another event); a relative date that points the other way is
    # left as the extraction read it, and the order is judged on that
    rel_a, rel_b = finder.offset(a), finder.offset(b)
    if rel_b is not None and rel_b >= 0 and rel_a is None and a.low is not None:
        b, how_b = _reanchor(finder, b, a, how_b, "earlier")
    elif rel_a is not None and rel_a <= 0 and rel_b is None and b.low is not None:
        a, how_a = _reanchor(finder, a, b, how_a, "later")
    for date, q in zip((a, b), (before, after), strict=True):
        if date.low is None:
            finder.fail(entry, f"quote '{_short(q.text)}' has a date that cannot be placed ('{date.text}')")
    d.dates, d.date_notes = [a, b], [how_a, how_b]


def _reanchor(finder: _Resolver, rel: DateMention, anchor: DateMention, how: str, role: str):
    raw = finder.raw.get(rel.start, rel)
    moved = resolve_relative(raw, anchor)
    if moved.low is None:
        return rel, how
    note = f"{how}, counted from \"{anchor.text.strip()}\" (the {role} mention of the rule)"
    if rel.low is not None and (rel.low, rel.high) != (moved.low, moved.high):
        note += f"; the extraction counted it from another date ({span_text(rel)})"
    return moved, note


def span_text(d: DateMention) -> str:
    if d.low is None:
        return "undated"
    return d.low.isoformat() if d.low == d.high else f"{d.low.isoformat()}..{d.high.isoformat()}"


# --- applying them to the links ---------------------------------------------------------------


def declare(doc: Document, ex: Extraction, links: Links, rules: dict, lenient: bool = False,
            skipped: list | None = None) -> tuple[Links, list[Declared]]:
    """The declared rules of `doc` resolved, and the links with them applied. `lenient` and
    `skipped`: see _resolve (a table checked without its report's text)."""
    entries = rules.get("rules") or []
    if not entries:
        return links, []
    finder = _Resolver(doc, ex)
    declared = _resolve(finder, entries, lenient, skipped)
    mentions = list(links.mentions)
    incidents = [list(g) for g in links.incidents]
    breakdowns = list(links.breakdowns)
    part_wholes = list(links.part_wholes)
    row_groups = {name: [list(g) for g in getattr(links, name)] for name in ROW_GROUPS if hasattr(links, name)}

    # the mentions the quotes name: the clause the linker read, or a new one for the sentence
    new: list[EventMention] = []
    context = _MentionContext(doc, ex, rules)
    for d in declared:
        entry = d.entry
        if d.kind not in ("same_incident", "distinct"):
            continue
        for q in d.quotes["mentions"]:
            m = _clause_of(mentions + new, q)
            if m is None and d.kind == "same_incident":
                m = context.build(finder, q, len(mentions) + len(new))
                new.append(m)
            d.mentions.append(m.id if m is not None else -1)
        named = [i for i in d.mentions if i >= 0]
        if len(set(named)) < len(named) or (d.kind == "same_incident" and len(named) < 2):
            finder.fail(entry, "two of the quotes name the same mention (the same dated clause); "
                               "quote mentions in different clauses")
    _date_undated(mentions, new, declared)
    mentions += new

    # distinct first (it corrects the linker), then what is declared the same
    content = list(links.content)
    for d in declared:
        if d.kind != "distinct":
            continue
        content = _unlink_content(content, d.quotes["mentions"])
        incidents = _split_incidents(mentions, incidents, [{i} for i in d.mentions if i >= 0])
        seeds = [set(q.rows) or set(mentions[i].figures if i >= 0 else ()) for q, i in
                 zip(d.quotes["mentions"], d.mentions, strict=True)]
        row_groups = {name: _split_rows(groups, seeds) for name, groups in row_groups.items()}
    for d in declared:
        if d.kind == "same_incident":
            incidents = _join(incidents, d.mentions)
    for d in declared:
        if d.kind == "same_incident":
            d.group = next(g for g in incidents if d.mentions[0] in g)
    for d in declared:
        entry = d.entry
        if d.kind != "distinct":
            continue
        for g in incidents:
            together = [i for i in d.mentions if i in g]
            if len(together) > 1:
                other = next((o for o in declared if o.kind == "same_incident" and set(o.group) == set(g)), None)
                finder.fail(entry, "declares distinct what " + (
                    f"rule {other.name!r} ({other.where}) declares one incident" if other else
                    "another rule declares one incident") + "; one of the two rules is wrong")

    for d in declared:
        if d.kind == "total":
            (total,), parts = d.figures("total"), d.figures("parts")
            b = Breakdown(total, parts, d.params["breakdown"], f"declared in {d.where}")
            breakdowns = _replace(breakdowns, b, lambda x, b=b: x.total == b.total)
        elif d.kind == "part_of":
            (part,), (whole,) = d.figures("part"), d.figures("whole")
            pw = PartWhole(part, whole, f"declared in {d.where}")
            part_wholes = _replace(part_wholes, pw, lambda x, pw=pw: x.part == pw.part)
    out = dataclasses.replace(links, mentions=mentions, incidents=incidents, breakdowns=breakdowns,
                              part_wholes=part_wholes, content=content, **row_groups)
    return out, declared


def _replace(items: list, new, same) -> list:
    """`items` with the first one that is `same` as `new` replaced by it (others dropped), else
    with `new` added at the end."""
    out, placed = [], False
    for x in items:
        if same(x):
            if not placed:
                out.append(new)
                placed = True
        else:
            out.append(x)
    return out if placed else [*out, new]


def _clause_of(mentions: list[EventMention], q: Quote) -> EventMention | None:
    """The mention (dated clause) the quote lies in: the one it overlaps most."""
    best, overlap = None, 0
    for m in mentions:
        n = min(m.end, q.end) - max(m.start, q.start)
        if n > overlap:
            best, overlap = m, n
    return best


class _MentionContext:
    """What a mention is made of, for sentences the linker made none for (no date to the day)."""

    def __init__(self, doc: Document, ex: Extraction, rules: dict):
        self.doc, self.ex, self.rules = doc, ex, rules
        self._names: set[str] | None = None

    def names(self) -> set[str]:
        if self._names is None:
            max_paragraphs = int(self.rules["linking"]["name_max_paragraphs"])
            self._names = _distinctive_names(self.doc, self.ex, max_paragraphs)
        return self._names

    def build(self, finder: _Resolver, q: Quote, mention_id: int) -> EventMention:
        si = finder.sentence_of(q.start)
        sa, sb, pi = self.ex.sentences[si]
        date, _how = finder.date_of(Quote(q.text, sa, sb, ()))
        carried = date is not None and not (sa <= date.start < sb)
        places = [p for p in self.ex.places if sa <= p.start < sb and p.level in ("locality", "region")]
        clause = self.doc.text[sa:sb]
        return EventMention(
            id=mention_id, sentence=si, paragraph=pi, section=self.doc.section_code(sa), start=sa, end=sb,
            date=date if date is not None and date.low is not None else _UNDATED, carried=carried or date is None
            or date.low is None, places={p.key for p in places},
            place_names=list(dict.fromkeys(p.name for p in places)),
            regions={p.region for p in places if p.region},
            names={m.group() for m in _CAP.finditer(clause)} & self.names(),
            events=_events_in(clause, _event_lexicon(self.rules)),
            figures=[i for i, r in enumerate(self.ex.rows) if r["sentence"] == si],
        )


# an incident no mention of which is dated: the same (unknown) date for all of them (link.table's
# undated mentions too: _date_undated tells them by identity)
_UNDATED = DateMention(0, 0, "undated", dt.date.min, dt.date.max, "years", "absolute")


def _date_undated(mentions: list[EventMention], new: list[EventMention], declared: list[Declared]) -> None:
    """A new mention without a date takes the date of the first dated mention of its rule (it
    is declared the same incident), as a date carried from elsewhere."""
    by_id = {m.id: m for m in [*mentions, *new]}
    for d in declared:
        if d.kind != "same_incident":
            continue
        dated = next((by_id[i].date for i in d.mentions if by_id[i].date is not _UNDATED), None)
        if dated is None:
            continue
        for k, m in enumerate(new):
            if m.id in d.mentions and m.date is _UNDATED:
                new[k] = dataclasses.replace(m, date=dated, carried=True)


def _adjacent(a: EventMention, b: EventMention) -> bool:
    return a.sentence != b.sentence and _linked(a, b)


def _components(ids: list[int], by_id: dict[int, EventMention]) -> list[list[int]]:
    seen, out = set(), []
    for start in ids:
        if start in seen:
            continue
        comp, queue = [], deque([start])
        seen.add(start)
        while queue:
            x = queue.popleft()
            comp.append(x)
            for y in ids:
                if y not in seen and _adjacent(by_id[x], by_id[y]):
                    seen.add(y)
                    queue.append(y)
        out.append(sorted(comp))
    return out


def _unlink_content(links: list, quotes: list[Quote]) -> list:
    """The content links (link.content.ContentLink) without those between two of the quotes'
    sentences: declared distinct, they are not one event."""
    def quoted(m) -> set[int]:
        return {k for k, q in enumerate(quotes) if q.start < m.end and m.start < q.end}

    out = []
    for link in links:
        a, b = quoted(link.a), quoted(link.b)
        if any(x != y for x in a for y in b):
            continue
        out.append(link)
    return out


def _split_incidents(mentions: list[EventMention], incidents: list[list[int]],
                     seeds: list[set[int]]) -> list[list[int]]:
    """Each incident that holds mentions of two or more `seeds` split so that it no longer does:
    every other mention goes with the seed the linker's links reach it from first."""
    by_id = {m.id: m for m in mentions}
    out = []
    for g in incidents:
        hit = [(k, [i for i in g if i in s]) for k, s in enumerate(seeds)]
        hit = [(k, ids) for k, ids in hit if ids]
        if len(hit) < 2:
            out.append(g)
            continue
        owner: dict[int, int] = {}
        queue = deque()
        for k, ids in hit:
            for i in ids:
                owner[i] = k
                queue.append(i)
        while queue:
            x = queue.popleft()
            for y in g:
                if y not in owner and _adjacent(by_id[x], by_id[y]):
                    owner[y] = owner[x]
                    queue.append(y)
        parts: dict[int, list[int]] = defaultdict(list)
        for i in g:
            if i in owner:
                parts[owner[i]].append(i)
        out.extend(p for p in parts.values() if len(p) > 1)
        out.extend(c for c in _components([i for i in g if i not in owner], by_id) if len(c) > 1)
    return out


def _split_rows(groups: list[list[int]], seeds: list[set[int]]) -> list[list[int]]:
    """Groups of rows (statistics told twice) split so that no group holds two `seeds`; the
    other rows stay with the first seed of the group."""
    out = []
    for g in groups:
        hit = [k for k, s in enumerate(seeds) if s & set(g)]
        if len(hit) < 2:
            out.append(g)
            continue
        first = next(k for r in g for k in hit if r in seeds[k])
        parts: dict[int, list[int]] = defaultdict(list)
        for r in g:
            owner = next((k for k in hit if r in seeds[k]), first)
            parts[owner].append(r)
        out.extend(p for p in parts.values() if len(p) > 1)
    return out


def _join(incidents: list[list[int]], ids: list[int]) -> list[list[int]]:
    """The incidents with `ids` and every incident that holds one of them made one."""
    merged, out, at = set(ids), [], None
    for g in incidents:
        if merged & set(g):
            merged |= set(g)
            at = len(out) if at is None else at
        else:
            out.append(g)
    out.insert(len(out) if at is None else at, sorted(merged))  # where the first of them was
    return out


# --- naming them in the results -------------------------------------------------------------


def annotate(results: list[Result], declared: list[Declared], rows: list[dict], links: Links) -> list[Result]:
    """The results that judge what a rule declared (a declared total's RC201, a declared
    incident's RC101 and RC102 ...) say so in their message, and take the rule's severity."""
    if not declared:
        return results
    by_id = {m.id: m for m in links.mentions}
    # what each rule names, indexed by the figure or date it names: a result is looked up among
    # the rules naming its evidence, not compared with every rule (a table declares an incident per id)
    exact: dict[str, dict[frozenset, int]] = {"RC201": {}, "RC202": {}}
    named: dict[str, dict] = {"RC101": defaultdict(list), "RC102": defaultdict(list)}
    wants: dict[int, dict[str, set]] = {}
    for k, d in enumerate(declared):
        if d.kind == "total":
            figs = frozenset(rows[i]["figure_id"] for i in d.figures("total") + d.figures("parts"))
            exact["RC201"].setdefault(figs, k)
        elif d.kind == "part_of":
            figs = frozenset(rows[i]["figure_id"] for i in d.figures("part") + d.figures("whole"))
            exact["RC202"].setdefault(figs, k)
        elif d.kind == "same_incident":
            wants[k] = {"RC101": {rows[i]["figure_id"] for m in d.group for i in by_id[m].figures},
                        "RC102": {(by_id[m].date.start, by_id[m].date.end) for m in d.group}}
            for code, want in wants[k].items():
                for x in want:
                    named[code][x].append(k)
    out = []
    for r in results:
        if "declared" not in r.details and r.evidence:
            k = _judged_by(r, exact, named, wants)
            if k is not None:
                d = declared[k]
                r = dataclasses.replace(r, message=f"{r.message} ({d.provenance()})", severity=d.severity or r.severity,
                                        details={**r.details, "declared": d.where})
        out.append(r)
    return out


def _judged_by(r: Result, exact: dict, named: dict, wants: dict) -> int | None:
    """The first rule (its position) whose figures a result judges: a declared total's or part's
    figures exactly (RC201, RC202); figures, or dates, all within a declared incident (RC101, RC102)."""
    if r.code in exact:
        return exact[r.code].get(frozenset(e.figure_id for e in r.evidence))
    if r.code not in named:
        return None
    have = ({e.figure_id for e in r.evidence} if r.code == "RC101" else {(e.start, e.end) for e in r.evidence})
    index = named[r.code]
    # every rule that holds them all holds the rarest of them
    rarest = min((index.get(x, ()) for x in have), key=len)
    return next((k for k in rarest if have <= wants[k][r.code]), None)


def declared_pairs(declared: list[Declared]) -> dict[int, frozenset[int]]:
    """For each mention id a same_incident rule names, the rules (positions) naming it: two
    mentions are named together when they share one (declared_together). Not the pairs
    themselves: a table declares each incident of n mentions, n * n pairs."""
    rules: dict[int, set[int]] = defaultdict(set)
    for k, d in enumerate(declared):
        if d.kind == "same_incident":
            for i in d.mentions:
                rules[i].add(k)
    return {i: frozenset(ks) for i, ks in rules.items()}


def declared_together(index: dict[int, frozenset[int]], a: int, b: int) -> bool:
    """Whether a same_incident rule names mentions `a` and `b` together (index: declared_pairs)."""
    return a != b and not index.get(a, frozenset()).isdisjoint(index.get(b, frozenset()))


# --- comparing the mentions of one incident ---------------------------------------------------

# an incident's distinct values compared pair by pair up to this many; beyond, each with a few
PAIRWISE_LIMIT = 200


def value_classes(keys: list) -> list[list[int]]:
    """The positions of `keys` grouped by equal key, the groups in order of first appearance."""
    groups: dict = {}
    for i, k in enumerate(keys):
        groups.setdefault(k, []).append(i)
    return list(groups.values())


def judge_classes(classes: list[list[int]], judge, pivots=()) -> dict[tuple[int, int], object]:
    """The verdicts judge(i, j) on the first positions of two classes (value_classes), for the
    pairs of classes (p <= q) whose verdict is truthy; a class is judged with itself when it
    has two positions. Mentions with equal keys are judged once, not pair by pair: n mentions
    of one incident with few distinct values cost O(n). With more than PAIRWISE_LIMIT classes,
    each is judged with the pivots only (the given ones, the first class and the eight most
    frequent), which bounds the work at the price of pairs of two rare values."""
    n = len(classes)
    if n <= PAIRWISE_LIMIT:
        pairs = [(p, q) for p in range(n) for q in range(p, n)]
    else:
        frequent = sorted(range(n), key=lambda c: -len(classes[c]))[:8]
        hubs = {0, *frequent, *pivots}
        pairs = sorted({(min(p, h), max(p, h)) for h in hubs for p in range(n)} | {(p, p) for p in range(n)})
    verdicts = {}
    for p, q in pairs:
        if p == q and len(classes[p]) < 2:
            continue
        verdict = judge(classes[p][0], classes[q][1] if p == q else classes[q][0])
        if verdict:
            verdicts[(p, q)] = verdict
    return verdicts


def pairs_in_order(classes: list[list[int]], verdicts: dict) -> Iterator[tuple[int, int]]:
    """The pairs of positions (i, j), i < j, whose classes have a verdict (judge_classes), in
    that order, lazily: the first of them costs O(positions), not O(positions^2)."""
    partners: dict[int, list[int]] = defaultdict(list)
    for p, q in verdicts:
        partners[p].append(q)
        if p != q:
            partners[q].append(p)
    owner = {i: p for p, members in enumerate(classes) for i in members}
    reach = {p: max(classes[q][-1] for q in qs) for p, qs in partners.items()}
    for i in sorted(owner):
        p = owner[i]
        if reach.get(p, -1) <= i:
            continue  # no partner after it
        for j in heapq.merge(*(_after(classes[q], i) for q in partners[p])):
            yield i, j


def _after(members: list[int], i: int) -> Iterator[int]:
    """The positions of a class after position `i`, in order."""
    for k in range(bisect.bisect_right(members, i), len(members)):
        yield members[k]


def pair_count(classes: list[list[int]], verdicts: dict) -> int:
    """How many pairs of positions pairs_in_order yields."""
    return sum(len(classes[p]) * (len(classes[p]) - 1) // 2 if p == q else len(classes[p]) * len(classes[q])
               for p, q in verdicts)


__all__ = ["PAIRWISE_LIMIT", "Declared", "Quote", "annotate", "column_value", "declare", "declared_pairs",
           "declared_together", "is_selector", "judge_classes", "pair_count", "pairs_in_order", "quote_pattern",
           "selects", "span_text", "value_classes"]
