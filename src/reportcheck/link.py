"""Linking: which mentions speak of the same incident, which figures are a total and its parts.

Input: one document's extraction (figures rows, dates, places, sentences) and the rules.
Output: plain data (Links) that the checks judge. Nothing here decides pass or fail; the
thresholds it uses are declared in the rule file under `linking:`.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field

import regex as re

from .extract.figures import Extraction
from .model import DateMention, Document, PlaceMention

_SPECIFIC = ("day", "days")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_CAP = re.compile(r"\b\p{Lu}[\p{Ll}\p{M}’'\-]{2,}\b")


@dataclass
class EventMention:
    """A clause that tells of a dated incident: its date, places, words and figures."""

    id: int
    sentence: int
    paragraph: int
    section: str
    start: int  # clause span
    end: int
    date: DateMention
    carried: bool  # the date comes from the paragraph, not this clause
    places: set[str]  # keys
    place_names: list[str]  # as written, in order
    regions: set[str]
    names: set[str]
    events: set[str]
    figures: list[int]  # row indices into the figures table


@dataclass
class Breakdown:
    total: int  # row index
    parts: list[int]
    kind: str  # "exhaustive" | "partial"
    cue: str  # the words that announced it ("parenthesis", "which included", "of the" ...)


@dataclass
class PartWhole:
    part: int
    whole: int
    cue: str


@dataclass
class Links:
    mentions: list[EventMention] = field(default_factory=list)
    incidents: list[list[int]] = field(default_factory=list)  # groups of mention ids (2+)
    breakdowns: list[Breakdown] = field(default_factory=list)
    part_wholes: list[PartWhole] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    statistics: list[list[int]] = field(default_factory=list)  # groups of rows stating one statistic


def _event_lexicon(rules: dict) -> list[tuple[re.Pattern, str]]:
    out = []
    for event, words in ((rules.get("linking") or {}).get("event_words") or {}).items():
        pat = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.I)
        out.append((pat, event))
    return out


def _distinctive_names(doc: Document, ex: Extraction, max_paragraphs: int) -> set[str]:
    """Capitalised words that occur in few paragraphs: proper names of people, villages, units."""
    text = doc.text
    seen: dict[str, set[int]] = defaultdict(set)
    mid_sentence: set[str] = set()
    for si, (sa, sb, pi) in enumerate(ex.sentences):
        for m in _CAP.finditer(text, sa, sb):
            w = m.group()
            seen[w].add(pi)
            if m.start() > sa + 1:
                mid_sentence.add(w)
    country = (doc.country_name or "").lower()
    return {w for w, ps in seen.items() if len(ps) <= max_paragraphs and w in mid_sentence
            and w.lower() not in _MONTHS and w.lower() != country}


def build_mentions(doc: Document, ex: Extraction, rules: dict) -> list[EventMention]:
    params = rules.get("linking") or {}
    max_days = int(params.get("incident_max_days", 7))
    names_ok = _distinctive_names(doc, ex, int(params.get("name_max_paragraphs", 3)))
    events = _event_lexicon(rules)
    text = doc.text
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
            figs = [i for i in by_sentence.get(si, []) if c0 <= ex.rows[i]["start"] < c1]
            mentions.append(EventMention(
                id=len(mentions), sentence=si, paragraph=pi,
                section=(doc.section_at(c0).code if doc.section_at(c0) else ""),
                start=c0, end=c1, date=d, carried=carried,
                places={p.key for p in cplaces},
                place_names=list(dict.fromkeys(p.name for p in cplaces)),
                regions={p.region for p in cplaces if p.region},
                names={m.group() for m in _CAP.finditer(clause)} & names_ok,
                events={e for pat, e in events if pat.search(clause)},
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
    parent = list(range(len(mentions)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(mentions):
        for b in mentions[i + 1:]:
            if a.sentence != b.sentence and _linked(a, b):
                parent[find(b.id)] = find(a.id)
    groups: dict[int, list[int]] = defaultdict(list)
    for m in mentions:
        groups[find(m.id)].append(m.id)
    return [g for g in groups.values() if len(g) > 1]


# --- totals and parts --------------------------------------------------------------------

_PAREN_OPEN = re.compile(r"^\s*\(")
_INCLUDE = re.compile(r"\b(which\s+included|which\s+include|including|included|among\s+them|among\s+whom|of\s+whom|"
                      r"comprising|consisting\s+of|broken\s+down\s+as|namely)\b", re.I)
_EXHAUSTIVE_CUES = ("which included", "which include", "comprising", "consisting of", "broken down as", "namely",
                    "parenthesis", "of the")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_OF_THE = re.compile(r"^\s*of\s+(?:the|these|those)\s+(?:(\d[\d,]*|(?:" + "|".join(_NUMBER_WORDS) +
                     r"))\s+)?(\p{L}+)", re.I)
_OF_THE_LEAD = re.compile(r"^\W*(?:\p{Lu}\p{Ll}+\s+){0,2}?[Oo]f\s+the\s*$")  # "Of the 10 suspects, ..."
_AMONG_NEXT = re.compile(r"^\W*(?:among\s+(?:these|them|those)|of\s+(?:these|them|those)|"
                         r"the\s+(?:data|report|figures?)\s+(?:further\s+)?(?:revealed|showed|indicated))", re.I)
_AMONG_B = re.compile(r",\s*among\s*$", re.I)
_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but|and\s+(?:the|a|an)\b)|\bwhile\b|\bwhereas\b")
_OF_THESE = re.compile(r"^\s*of\s+(?:these|those|them)\b", re.I)


def _stem(w: str) -> str:
    w = w.lower()
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def link_totals(doc: Document, ex: Extraction, max_excess: float = 2.0) -> tuple[list[Breakdown], list[PartWhole]]:
    text = doc.text
    rows = ex.rows
    # vague quantities ("several", "dozens") are neither totals nor parts: they have no stated value
    counts = [i for i, r in enumerate(rows) if r["kind"] == "count" and r["parse_status"] == "parsed"
              and r["number_kind"] != "vague"]
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i in counts:
        by_sentence[rows[i]["sentence"]].append(i)
    counts_set = set(counts)
    breakdowns: list[Breakdown] = []
    part_wholes: list[PartWhole] = []
    used_as_part: set[int] = set()

    def add(total, parts, kind, cue, check_parts=True):
        # parts announced by a cue word must count the same thing as the total; the
        # following-sentence breakdowns are already held to the same measure and period
        parts = [p for p in parts if p != total and (not check_parts or _same_thing(rows[total], rows[p]))]
        # parts that add up to several times their total were not its parts: the cue was read
        # against the wrong figure ("four countries, including 14,000 refugees")
        if parts and sum(rows[p]["low"] for p in parts) > max_excess * rows[total]["high"]:
            return
        if len(parts) >= 1 and not any(b.total == total and set(b.parts) == set(parts) for b in breakdowns):
            if len(parts) == 1:
                part_wholes.append(PartWhole(parts[0], total, cue))
            else:
                breakdowns.append(Breakdown(total, parts, kind, cue))
            used_as_part.update(parts)

    for si, idx in by_sentence.items():
        for k, i in enumerate(idx):
            r = rows[i]
            after = text[r["end"]:r["sentence_end"]]
            rest = idx[k + 1:]
            # 1. "215 children (189 boys, 26 girls)"
            if _PAREN_OPEN.match(after):
                close = text.find(")", r["end"], r["sentence_end"])
                inner = [j for j in rest if close > 0 and rows[j]["end"] <= close]
                if len(inner) >= 2:
                    # "(three in Kabul, one in Herat, and another in Kunduz)": an item without a
                    # number means the figures are not the whole breakdown
                    items = [x for x in re.split(r",|;|\band\b", text[r["end"]:close]) if re.search(r"\p{L}|\d", x)]
                    add(i, inner, "exhaustive" if len(items) <= len(inner) else "partial", "parenthesis")
                    continue
            # 2. "164 cases ..., which included 127 by ..., 21 by ..." / "14 persons, including two children"
            m = _INCLUDE.search(after[:90])
            cue_pos = r["end"] + m.start() if m else 0
            if m and rest and not _CLAUSE_BREAK.search(after[:m.start()]) and not any(
                    rows[j]["start"] < cue_pos for j in rest):
                # the parts follow the cue, up to the end of the clause, and count the same thing
                stop = _CLAUSE_BREAK.search(after, m.end())
                limit = r["end"] + stop.start() if stop else r["sentence_end"]
                parts = [j for j in rest if cue_pos < rows[j]["start"] < limit
                         and rows[j]["measure"] in ("", r["measure"]) and _same_people(r, rows[j])]
                if parts:
                    cue = re.sub(r"\s+", " ", m.group(1).lower())
                    add(i, parts, "exhaustive" if cue in _EXHAUSTIVE_CUES else "partial", cue)
                    continue
            # 3. "Of the 10 suspects who were arrested ..., seven remained ..., while three were released"
            if _OF_THE_LEAD.search(text[r["sentence_start"]:r["start"]]) and rest:
                # up to the next "of the N" ("Of the 32 criminal complaints, 24 ..., and of the 49 ...")
                nxt = [j for j in rest if _is_remention(text, rows[j])]
                scope = [j for j in rest if not nxt or rows[j]["start"] < rows[nxt[0]]["start"]]
                parts = [j for j in scope if _same_people(r, rows[j]) and _same_thing(r, rows[j], cue_lead=True)]
                measures = [rows[j]["measure"] for j in parts]
                if len(parts) >= 2 and all(measures) and len(set(measures)) == len(measures):
                    add(i, parts, "partial", "of the", check_parts=False)
                else:
                    for j in parts:
                        add(i, [j], "partial", "of the", check_parts=False)
                continue
            # 4. "two of the 14 deaths", "13 of the suspects were killed and six forcibly disappeared",
            #    "three of the 10 ..., four of the 10 ..., and the last three of the 10 ..."
            m = _OF_THE.match(after)
            if m and not re.match(r"\s*of\s+th(?:ese|ose)\b", after, re.I):
                whole = _antecedent(rows, counts_set, i, m.group(2), value=m.group(1), text=text)
                if whole is not None and not m.group(1) and r["low"] > rows[whole]["high"]:
                    whole = None  # "26 of the cases" traced by its noun alone to "17 cases": not that one
                if whole is not None and i not in used_as_part:
                    same_whole = [j for j in rest if _OF_THE.match(text[rows[j]["end"]:rows[j]["sentence_end"]])
                                  and _OF_THE.match(text[rows[j]["end"]:rows[j]["sentence_end"]]).group(1) == m.group(1)
                                  and m.group(1)]
                    if same_whole:
                        add(whole, [i] + same_whole, "partial", "of the", check_parts=False)
                        continue
                    rest = [j for j in rest if rows[j]["start"] >= r["end"] + m.end() and not _is_remention(text, rows[j])
                            and not _OF_THE.match(text[rows[j]["end"]:rows[j]["sentence_end"]])
                            and _same_people(rows[i], rows[j])]
                    measures = [rows[j]["measure"] for j in [i] + rest]
                    rest = [j for j in rest if _same_thing(rows[whole], rows[j], cue_lead=True)]
                    if rest and all(measures) and len(set(measures)) == len(measures):
                        add(whole, [i] + rest, "partial", "of the", check_parts=False)  # outcomes that split it
                    else:
                        add(whole, [i], "partial", "of the", check_parts=False)
                    continue
            # 5. "70 such cases during the year, among 290 cases since 2013"
            if k + 1 < len(idx):
                j = idx[k + 1]
                if _AMONG_B.search(text[r["end"]:rows[j]["start"]]):
                    add(j, [i], "partial", "among")
            if _OF_THESE.match(after):
                whole = _previous_main(rows, i, by_sentence)
                if whole is not None:
                    add(whole, [i], "partial", "of these")

    # 6. a total, then its breakdown in the following sentences ("Among these ...", "The data further revealed")
    sent_of = {si: (sa, sb, pi) for si, (sa, sb, pi) in enumerate(ex.sentences)}
    for si, idx in by_sentence.items():
        nxt = si + 1
        if nxt not in sent_of or sent_of[nxt][2] != sent_of[si][2]:
            continue
        na, nb, npi = sent_of[nxt]
        if not _AMONG_NEXT.match(text[na:nb]):
            continue
        for i in idx:
            r = rows[i]
            if i in used_as_part or not r["measure"]:
                continue
            parts = []
            for sj in range(nxt, nxt + 12):
                if sj not in sent_of or sent_of[sj][2] > npi + 1:
                    break
                for j in by_sentence.get(sj, []):
                    q = rows[j]
                    if q["measure"] == r["measure"] and _same_period(r, q) and j not in used_as_part:
                        parts.append(j)
            if len(parts) >= 2:
                cue = re.sub(r"\s+", " ", _AMONG_NEXT.match(text[na:nb]).group(0).strip().lower())
                add(i, parts, "partial" if cue.startswith(("among", "of")) else "exhaustive", cue, check_parts=False)
    return breakdowns, part_wholes


def _same_period(a: dict, b: dict) -> bool:
    if not a["date_low"] or not b["date_low"]:
        return False
    return a["date_low"] == b["date_low"] and a["date_high"] == b["date_high"] and a["date_precision"] not in _SPECIFIC


_REMENTION = re.compile(r"\b(?:of\s+)?(?:the|these|those)\s*$", re.I)


def _is_remention(text: str, r: dict) -> bool:
    """"the 10", "of the 10": a figure that repeats one stated before, not a new count."""
    return bool(_REMENTION.search(text[max(r["sentence_start"], r["start"] - 12):r["start"]]))


_GENERIC_MEASURES = {"cases", "attacks"}


def _stems(noun: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"\p{L}{3,}", noun or "")}


def _same_thing(whole: dict, part: dict, cue_lead: bool = False) -> bool:
    """Could `part` be a part of `whole`: the same measure, class of people or noun.

    "14 persons, including two children": people in both. "164 cases ..., which included 127
    by ...": a bare number takes the whole's measure. "four countries, including 14,000 ...":
    countries and persons are not the same thing. After "Of the 10 suspects," (`cue_lead`) a
    bare outcome ("seven remained in detention") is one of the suspects."""
    same_measure = bool(part["measure"]) and part["measure"] == whole["measure"]
    noun_words = (part["noun"] or "").split()
    if not noun_words or all(w.endswith(("ed", "ly")) for w in noun_words):
        # a bare number, or one followed by its verb ("seven remained", "six forcibly disappeared")
        return same_measure or (cue_lead and part["measure"] != "")
    if part["who"] and whole["who"]:
        return part["who"] == whole["who"] or whole["who"] == "civilians"
    if _stems(whole["noun"]) & _stems(part["noun"]):
        return True
    # "20 reports ... including 22 cases": generic measures need the same noun
    return same_measure and part["measure"] not in _GENERIC_MEASURES


def _same_people(a: dict, b: dict) -> bool:
    """Both count the same kind of thing: no conflicting class of people (soldiers vs civilians
    may still be parts of "persons", so only two different known classes conflict)."""
    return not a["who"] or not b["who"] or a["who"] == b["who"] or a["who"] == "civilians"


def _antecedent(rows: list[dict], counts: set[int], i: int, noun: str, value: str | None, text: str) -> int | None:
    """The earlier figure that "the 14 deaths" / "the suspects" refers to (same paragraph or the one before)."""
    r = rows[i]
    stem = _stem(noun)
    want = None
    if value:
        word = _NUMBER_WORDS.get(value.lower())
        try:
            want = float(word if word is not None else value.replace(",", ""))
        except ValueError:
            want = None
    for j in range(i - 1, -1, -1):
        q = rows[j]
        if q["paragraph"] < r["paragraph"] - 1:
            break
        if j not in counts:
            continue
        if want is not None:
            if q["value"] == want:
                return j
            continue
        # the antecedent's own noun: "19 individuals suspected" for "13 of the suspects"
        if stem and re.search(r"\b" + re.escape(stem), (q["noun"] or "").lower()):
            return j
    return None


def _previous_main(rows: list[dict], i: int, by_sentence) -> int | None:
    """The main figure of the sentence before ("In 140 of these cases" -> "215 children")."""
    r = rows[i]
    prev = by_sentence.get(r["sentence"] - 1, [])
    prev = [j for j in prev if rows[j]["paragraph"] == r["paragraph"]]
    return prev[0] if prev else None


# --- statistics repeated across the report --------------------------------------------------

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


def build_links(doc: Document, ex: Extraction, rules: dict) -> Links:
    """Every relation between the figures of one document that a check judges.

    Works on the extraction's rows (the records of the figures table, index = row number)."""
    mentions = build_mentions(doc, ex, rules)
    incidents = link_incidents(mentions)
    breakdowns, part_wholes = link_totals(doc, ex, float((rules.get("linking") or {}).get(
        "breakdown_max_excess", 2.0)))
    ratio = float((rules.get("linking") or {}).get("statistic_max_ratio", 0.15))
    return Links(mentions, incidents, breakdowns, part_wholes, ex.places, link_statistics(ex.rows, ratio))


def interval_sum(rows: list[dict]) -> tuple[float, float]:
    lo = sum(r["low"] for r in rows)
    hi = sum(r["high"] for r in rows)
    return lo, (math.inf if math.isinf(hi) else hi)


def stated_sum(rows: list[dict]) -> float | None:
    vals = [r["value"] for r in rows]
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in vals):
        return None
    return float(sum(vals))
