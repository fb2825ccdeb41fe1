"""Totals and parts: a total with its breakdown, a part stated against its whole.

Each cue of the text is one rule below ("(189 boys, 26 girls)", "which included", "Of the 10
suspects, ...", "two of the 14 deaths", ", among 290", "Among these ..." in the next sentence).
A part must count the same thing as its whole; breakdowns several times their total are
misreadings, not findings.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, replace

import regex as re

from ..extract.figures import Extraction
from ..extract.gazetteer import is_country
from ..extract.numbers import NUMBER_WORDS, parse_number
from ..model import Document
from .model import SPECIFIC as _SPECIFIC
from .model import Breakdown, PartWhole

_PAREN_OPEN = re.compile(r"^\s*\(")
_INCLUDE = re.compile(r"\b(which\s+included|which\s+include|including|included|among\s+them|among\s+whom|of\s+whom|"
                      r"comprising|consisting\s+of|broken\s+down\s+as|namely)\b", re.I)
_OF_THE = re.compile(r"^\s*of\s+(?:the|these|those)\s+(?:(\d[\d,]*|(?:" + "|".join(sorted(NUMBER_WORDS)) +
                     r"))\s+)?(\p{L}+)", re.I)
# "Of the 10 suspects, ...", and at the start of a clause: "as of August, of the 3,808 persons
# held in prisons and detention centers, 1,289 had been convicted"
_OF_THE_LEAD = re.compile(r"(?:^\W*(?:\p{Lu}\p{Ll}+\s+){0,2}?[Oo]f|,\s*of)\s+the\s*$")
_OF_THE_CLAUSE = re.compile(r",\s*of\s+the\s*$")  # its second half, for a figure far into its sentence
_AMONG_NEXT = re.compile(r"^\W*(?:among\s+(?:these|them|those)|of\s+(?:these|them|those)|"
                         r"the\s+(?:data|report|figures?)\s+(?:further\s+)?(?:revealed|showed|indicated))", re.I)
_AMONG_B = re.compile(r",\s*among\s*$", re.I)
_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but|and\s+(?:the|a|an)\b|of\s+which|of\s+whom|bringing|"
                           r"representing|compared|an\s+increase|a\s+decrease|up\s+from|down\s+from)|"
                           r"\bwhile\b|\bwhereas\b|[–—]")
# a finite verb between two figures: they are not items of one list
_VERB_BETWEEN = re.compile(r"\b(?:were|was|is|are|had|has|have|been|remained|received|died)\b", re.I)
_PLACE_PREP_BEFORE = re.compile(r"\b(?:from|in|at|to|by|with)\s+(?:the\s+)?$", re.I)  # "from one household"
_PREP_BEFORE = re.compile(r"\b(?:from|of|in|at|to|by|with|out\s+of)\s+(?:the\s+)?$", re.I)
_NESTED_BEFORE = re.compile(r"\bof\s+(?:which|whom)\s+$", re.I)  # "96 investigations ..., of which 80"
_COMPARED_BEFORE = re.compile(r"(?:increase|decrease|rise|drop|up|down)\s+from\s+$|compared\s+(?:with|to)\s+$", re.I)
# "(a decline from 194 reports and 961 affected persons in 2014)": a comparison, not a split
_PAREN_COMPARISON = re.compile(r"(?:an?\s+)?(?:decline|decrease|increase|rise|drop|up|down|compared|change)\b|"
                               r"(?:from|versus|vs\.?|against)\s", re.I)
_OF_WHOM = re.compile(r"^\s*(?:of\s+whom|of\s+which)\b", re.I)
_OVERLAP = re.compile(r"counted\s+(?:as\s+)?more\s+than\s+(?:one|once)|counted\s+twice|more\s+than\s+one\s+"
                      r"(?:kind|category|type)|overlapping\s+categories", re.I)
_NUMBER_WORD = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
# a figure tied to a whole of its own (_is_whole_of_other): "18 of 100 seats", "four of the 11"
_OF_NUMBER_AFTER = re.compile(r"\s*of\s+(?:the\s+)?(?:\d|" + _NUMBER_WORD + r")", re.I)
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$", re.I)
_OF_THESE = re.compile(r"^\s*of\s+(?:these|those|them)\b", re.I)
_OF_THESE_LEAD = re.compile(r"^\W*(?:of|among)\s+(?:these|those|them)\s*,", re.I)
# "Of the children identified during the year 22 ...": a noun phrase with no number in it
_OF_THE_NP = re.compile(r"^\W*Of\s+the\s+(?P<np>(?:\p{Ll}[\p{L}-]*\s+){1,9}?)(?:\p{Ll}+\s*,?\s*)?(?=\d|(?:"
                        + "|".join(sorted(NUMBER_WORDS)) + r")\b)")
_FOR_KIND = re.compile(r"\b(?:for|on|by)\s+\p{L}", re.I)
_WHERE = re.compile(r"\b(?:in|at|from|to)\s+(?:the\s+)?(?:\p{Lu}|\d{4}\b)")
_REST = re.compile(r"\b(?:the\s+rest|the\s+remaining|the\s+remainder|others?\b|other\s+\p{L}+)", re.I)


def _stem(w: str) -> str:
    w = w.lower()
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


# How far after (or before) a figure its cues are read, and how many counts after it a cue's
# list may take. A cue is a few words and a breakdown has some tens of parts; reading each
# figure's sentence to its end instead made a long sentence cost its length once per figure.
_REACH = 300
_MAX_PARTS = 200


class _Linker:
    """What the cue rules of one document share: its text and figures, the links found so far,
    and what is computed once per sentence (clause breaks, parentheses, cue words)."""

    def __init__(self, doc: Document, ex: Extraction, max_excess: float, linking: dict | None = None):
        self.text = doc.text
        self.ex = ex
        self.rows = rows = ex.rows
        self.max_excess = max_excess
        casualties = (linking or {}).get("casualties") or {}
        self.casualty_words = re.compile(r"\b(?:" + "|".join(map(re.escape, casualties.get("words", []))) + r")\b",
                                         re.I) if casualties.get("words") else None
        self.casualty_parts = set(casualties.get("parts", []))
        self.sexes = {k: set(v) for k, v in ((linking or {}).get("sexes") or {}).items()}
        # vague quantities ("several", "dozens") are neither totals nor parts: they have no stated value
        counts = [i for i, r in enumerate(rows) if r["kind"] == "count" and r["parse_status"] == "parsed"
                  and r["number_kind"] != "vague"]
        self.by_sentence: dict[int, list[int]] = defaultdict(list)
        for i in counts:
            self.by_sentence[rows[i]["sentence"]].append(i)
        self.counts_set = set(counts)
        self.breakdowns: list[Breakdown] = []
        self.part_wholes: list[PartWhole] = []
        self.used_as_part: set[int] = set()
        self.antecedents = _Antecedents(rows, counts)
        self._totals: dict[int, list[frozenset]] = defaultdict(list)  # total -> the part sets of its breakdowns
        self._overlap: dict[int, bool] = {}
        self._marks: dict[tuple[str, int], list[int]] = {}
        self._starts: dict[int, list[int]] = {}
        self._heads: dict[int, list[int | None]] = {}
        self._of_whom: dict[int, bool] = {}
        self.wholes_of: dict[int, set[int]] = {}  # filled by _listed

    def add(self, total: int, parts: list[int], kind: str, cue: str, check_parts: bool = True) -> None:
        rows = self.rows
        # parts announced by a cue word must count the same thing as the total; the
        # following-sentence breakdowns are already held to the same measure and period
        casualties = self.casualties(rows[total], [p for p in parts if p != total])
        kept = [p for p in parts if p != total and (not check_parts or casualties or _same_thing(rows[total], rows[p]))]
        if len(kept) < len([p for p in parts if p != total]) and kind == "exhaustive":
            kind = "partial"  # a part we cannot read ("four current ... employees"): not the whole split
        parts = kept
        if casualties == "whole" and kind == "exhaustive" and cue == "parenthesis":
            cue = "casualties"
        elif kind == "exhaustive" and self.by_sex(rows[total], parts):
            cue = "by sex"
        if self.overlapping(rows[total]):
            return  # "some cases counted as more than one kind of abuse": the parts overlap
        # parts that add up to several times their total were not its parts: the cue was read
        # against the wrong figure ("four countries, including 14,000 refugees")
        # (a parenthesis right after its total is no misreading: "39,031 persons (11,622 men and
        # 27,409 women)"; whatever its parts add up to, they are that total's)
        excess = self.max_excess * rows[total]["high"]
        if parts and cue != "parenthesis" and sum(rows[p]["low"] for p in parts) > excess:
            return
        if len(parts) >= 1 and frozenset(parts) not in self._totals[total]:
            if len(parts) == 1:
                self.part_wholes.append(PartWhole(parts[0], total, cue))
            else:
                self.breakdowns.append(Breakdown(total, parts, kind, cue))
                self._totals[total].append(frozenset(parts))
            self.used_as_part.update(parts)

    def casualties(self, t: dict, parts: list[int]) -> str:
        """"1,274 civilian casualties ... (456 deaths and 818 injured)": a count of casualties
        (linking.casualties.words) split into the killed and the injured (linking.casualties.parts):
        "whole" when every kind of casualty is listed (casualties are the killed and the injured),
        "some" when some are, "" when `parts` is no such split."""
        words, kinds = self.casualty_words, self.casualty_parts
        if not words or not parts or not words.search(t["noun"] or ""):
            return ""
        rows = [self.rows[p] for p in parts]
        if not all(q["measure"] in kinds and _same_people(t, q) and not _is_whole_of_other(self.text, q) for q in rows):
            return ""
        return "whole" if {q["measure"] for q in rows} == kinds else "some"

    def by_sex(self, t: dict, parts: list[int]) -> bool:
        """"at least 114 children ..., including 109 boys and five girls": the parts are the
        sexes of what the total counts (linking.sexes), one count each, so the split is whole."""
        words = [(self.rows[p]["noun"] or "").lower().split()[:1] for p in parts]
        nouns = {w[0] for w in words if w}
        whole = t["who"] or (t["noun"] or "").lower()
        return (len(parts) == len(nouns) == len(words) and len(parts) > 1
                and any(nouns == sexes and key in (whole, *whole.split()) for key, sexes in self.sexes.items()))

    def overlapping(self, r: dict) -> bool:
        """The sentence of `r` says its parts overlap ("counted as more than one kind")."""
        sa = r["sentence_start"]
        if sa not in self._overlap:
            self._overlap[sa] = bool(_OVERLAP.search(self.text, sa, r["sentence_end"]))
        return self._overlap[sa]

    def marks(self, what: str, r: dict) -> list[int]:
        """Where in the sentence of `r` a clause may break (what="break", every place
        _CLAUSE_BREAK matches), or a parenthesis opens ("(") or closes (")")."""
        sa, sb = r["sentence_start"], r["sentence_end"]
        key = (what, sa)
        if key not in self._marks:
            if what == "break":
                found = [m.start() for m in _CLAUSE_BREAK.finditer(self.text, sa, sb, overlapped=True)]
            else:
                found = [m.start() for m in re.finditer(re.escape(what), self.text[sa:sb])]
                found = [sa + p for p in found]
            self._marks[key] = found
        return self._marks[key]

    def next_mark(self, what: str, r: dict, pos: int) -> int:
        """The first of marks(what, r) at or after `pos`, -1 when none."""
        found = self.marks(what, r)
        k = bisect.bisect_left(found, pos)
        return found[k] if k < len(found) else -1

    def before(self, idx: list[int], pos: int) -> int:
        """How many counts of the sentence `idx` start before `pos`."""
        key = idx[0]
        if key not in self._starts:
            self._starts[key] = [self.rows[j]["start"] for j in idx]
        return bisect.bisect_left(self._starts[key], pos)

    def of_whom_after(self, j: int) -> bool:
        """"N of whom" / "N of which": the count j is followed by it."""
        if j not in self._of_whom:
            self._of_whom[j] = bool(_OF_WHOM.match(_after(self.text, self.rows[j])))
        return self._of_whom[j]

    def head_before(self, idx: list[int], k: int) -> int | None:
        """The last count before idx[k] in its sentence that may be the whole of an "N of whom"
        (not "from one household", not itself an "N of whom")."""
        key = idx[0]
        if key not in self._heads:
            text, rows = self.text, self.rows
            heads: list[int | None] = [None]
            for j in idx:
                head = (not _PLACE_PREP_BEFORE.search(text, max(0, rows[j]["start"] - 8), rows[j]["start"])
                        and not self.of_whom_after(j))
                heads.append(j if head else heads[-1])
            self._heads[key] = heads
        return self._heads[key][k]


class _Antecedents:
    """The latest count before a figure with a given value, or with a noun word that starts with a
    given stem: found in indexes built as the figures are read in order, not by reading back
    through the paragraph for every "N of the ..." (a paragraph of them took its length each)."""

    _MAX_PREFIX = 40  # longer stems are looked for by reading back

    def __init__(self, rows: list[dict], counts: list[int]):
        self.rows, self.counts = rows, counts
        self.upto = 0  # counts[:upto] are in the indexes
        self.by_value: dict[float, int] = {}
        self.by_prefix: dict[str, int] = {}

    def latest(self, i: int, stem: str, want: float | None) -> int | None:
        """The last count before row i with the value `want` (when given), else whose noun has a
        word starting with `stem`; None when there is none."""
        rows, counts = self.rows, self.counts
        if want is None and not stem:
            return None
        if (self.upto and counts[self.upto - 1] >= i) or (want is None and len(stem) > self._MAX_PREFIX):
            return _antecedent(rows, set(counts), i, stem, want)  # asked out of order, or a long stem
        while self.upto < len(counts) and counts[self.upto] < i:
            j = counts[self.upto]
            self.upto += 1
            self.by_value[rows[j]["value"]] = j
            for w in re.findall(r"\w+", (rows[j]["noun"] or "").lower()):
                for n in range(1, min(len(w), self._MAX_PREFIX) + 1):
                    self.by_prefix[w[:n]] = j
        if want is not None:
            return self.by_value.get(want)
        return self.by_prefix.get(stem) if stem else None


def _after(text: str, r: dict) -> str:
    """The text after a figure in its sentence, as far as a cue after it is read."""
    return text[r["end"]:min(r["sentence_end"], r["end"] + _REACH)]


class _Figure:
    """One count of a sentence, as the cue rules read it: its row, the counts after it in the
    sentence (`rest`, at most _MAX_PARTS) and the text after it (`after`)."""

    def __init__(self, lk: _Linker, idx: list[int], k: int):
        self.idx, self.k, self.i = idx, k, idx[k]
        self.r = r = lk.rows[self.i]
        self.rest = idx[k + 1:k + 1 + _MAX_PARTS]
        self.after = _after(lk.text, r)


def _parenthesis(lk: _Linker, f: _Figure) -> bool:
    """"215 children (189 boys, 26 girls)": the counts in the parenthesis (up to its first
    closing one, and not in a parenthesis opened inside it) are parts of the count before it."""
    text, rows, r, after = lk.text, lk.rows, f.r, f.after
    if (not _PAREN_OPEN.match(after) or _INCLUDE.match(after.lstrip(" ("))
            or _PAREN_COMPARISON.match(after.lstrip(" ("))):
        # "(including six of the seven al-Shabaab assailants)" is _including's, not a full split
        return False
    close = lk.next_mark(")", r, r["end"])
    if close < 0:
        return False
    nested = lk.next_mark("(", r, lk.next_mark("(", r, r["end"]) + 1)
    close_inner = nested if 0 <= nested < close else close
    inner = [j for j in f.rest[:lk.before(f.idx, close_inner) - f.k - 1]
             if rows[j]["end"] <= close and not _is_whole_of_other(text, rows[j])]
    if len(inner) < 2:
        return False
    # "(three in Kabul, one in Herat, and another in Kunduz)": an item without a number means
    # the figures are not the whole breakdown
    items = [x for x in re.split(r",|;|\band\b", text[r["end"]:close_inner]) if re.search(r"\p{L}|\d", x)]
    lk.add(f.i, inner, "exhaustive" if len(items) <= len(inner) else "partial", "parenthesis")
    return True


def _of_whom(lk: _Linker, f: _Figure) -> bool:
    """"20 detainees died, nine of whom died in police stations, seven in temporary detention
    centers, and four in investigative detention": the figure before "of whom" is a part of
    the one before it, as are the figures that follow."""
    rows, r = lk.rows, f.r
    m = _OF_WHOM.match(f.after)
    if not m:
        return False
    # "seven children from one household, two of whom": the children, not the household
    # "any of the 17 Baha'is ..., seven of whom were released, and 10 of whom remained": the 17
    # for both; a sibling "N of whom" is no whole
    head = lk.head_before(f.idx, f.k)
    if head is not None and f.i not in lk.used_as_part:
        stop = lk.next_mark("break", r, r["end"] + m.end())
        limit = stop if stop >= 0 else r["sentence_end"]
        parts = [f.i] + [j for j in f.rest[:lk.before(f.idx, limit) - f.k - 1] if not rows[j]["noun"]]
        if any(lk.of_whom_after(j) for j in parts[1:]):
            # "28 cases of rape ..., 19 of which involved a minor and 15 of which occurred at a
            # refugee camp": each is a part on its own; they may overlap
            for j in parts:
                lk.add(head, [j], "partial", "of which")
        else:
            lk.add(head, parts, "partial", "of whom")
    return True


def _including(lk: _Linker, f: _Figure) -> bool:
    """"164 cases ..., which included 127 by ..., 21 by ..." / "14 persons, including two children"."""
    text, rows, r, after, rest = lk.text, lk.rows, f.r, f.after, f.rest
    m = _INCLUDE.search(after[:90])
    if m and f.k > 0 and _COMPARED_BEFORE.search(text, max(0, r["start"] - 30), r["start"]):
        # "916 arbitrary arrests, an increase from 598 in the previous year, including 154 by
        # ...": the parts are the 916's; the 598 is what it is compared with
        return True
    if not m or not rest or _CLAUSE_BREAK.search(after[:m.start()]):
        return False
    cue_pos = r["end"] + m.start()
    if rows[rest[0]]["start"] < cue_pos:  # a count between the figure and its cue
        return False
    # the parts follow the cue, up to the end of the clause, and count the same thing
    stop = lk.next_mark("break", r, r["end"] + m.end())
    limit = stop if stop >= 0 else r["sentence_end"]
    if after[:m.start()].rstrip().endswith(("(", "[")):
        # "(including 676 reports of domestic violence)": the list ends with the parenthesis
        close = lk.next_mark(")", r, cue_pos)
        limit = min(limit, close) if close > 0 else limit
    parts = _included(lk, f, cue_pos, limit)
    if parts and "," in text[r["end"] + m.end():rows[parts[0]]["start"]]:
        parts = []  # "including lead suspect Bouterse, a 10-year sentence for one defendant"
    if not parts:
        return False
    cue = re.sub(r"\s+", " ", m.group(1).lower())
    # read whole: whether the cue gives the whole breakdown is linking.breakdown_cues's (RC201)
    lk.add(f.i, parts, "exhaustive", cue)
    return True


def _included(lk: _Linker, f: _Figure, cue_pos: int, limit: int) -> list[int]:
    """The items of an "including" list: the figures after the cue, up to the first that is not one."""
    text, rows, r = lk.text, lk.rows, f.r
    parts: list[int] = []
    # open parentheses since the cue, counted as the list is read: a figure inside "(including
    # 676 ...)" that follows another part belongs to that part, not to the list
    pos, opened = cue_pos, 0
    for j in f.rest[:lk.before(f.idx, limit) - f.k - 1]:
        if rows[j]["start"] <= cue_pos:
            continue
        seg = text[pos:rows[j]["start"]]
        pos, opened = rows[j]["start"], opened + seg.count("(") - seg.count(")")
        if not (rows[j]["measure"] in ("", r["measure"]) and _same_people(r, rows[j])
                and opened <= 0 and not _is_whole_of_other(text, rows[j])):
            break  # the list ends at the first figure that is not one of its items
        if parts and _VERB_BETWEEN.search(text, rows[parts[-1]]["end"], rows[j]["start"]):
            break  # "including five who worked ..., were arrested and four were charged"
        if _INCLUDE.match(text[rows[j]["end"]:rows[j]["end"] + 40].lstrip(" ,(")):
            break  # "..., and 939 individuals, including 100 security personnel": a new total
        parts.append(j)
    return parts


def _of_the_lead(lk: _Linker, f: _Figure) -> bool:
    """"Of the 10 suspects who were arrested ..., seven remained ..., while three were released"."""
    text, rows, r, rest = lk.text, lk.rows, f.r, f.rest
    if not rest or not _led_by_of_the(text, r):
        return False
    # up to the next "of the N" ("Of the 32 criminal complaints, 24 ..., and of the 49 ...")
    scope = []
    for j in rest:
        if _is_remention(text, rows[j]):
            break
        scope.append(j)
    parts = [j for j in scope if _same_people(r, rows[j]) and _same_thing(r, rows[j], cue_lead=True)]
    measures = [rows[j]["measure"] for j in parts]
    if len(parts) >= 2 and all(measures) and len(set(measures)) == len(measures):
        lk.add(f.i, parts, "partial", "of the", check_parts=False)
    else:
        for j in parts:
            lk.add(f.i, [j], "partial", "of the", check_parts=False)
    return True


def _led_by_of_the(text: str, r: dict) -> bool:
    """"Of the 10 suspects" at the start of its sentence, or ", of the 3,808 persons" at the
    start of a clause (read within _REACH characters before the figure)."""
    sa, start = r["sentence_start"], r["start"]
    if start - sa <= _REACH:
        return bool(_OF_THE_LEAD.search(text[sa:start]))
    return bool(_OF_THE_CLAUSE.search(text[start - _REACH:start]))


def _n_of_the(lk: _Linker, f: _Figure) -> bool:
    """"two of the 14 deaths", "13 of the suspects were killed and six forcibly disappeared",
    "three of the 10 ..., four of the 10 ..., and the last three of the 10 ..."."""
    text, rows, r, i = lk.text, lk.rows, f.r, f.i
    m = _OF_THE.match(f.after)
    if not m or re.match(r"\s*of\s+th(?:ese|ose)\b", f.after, re.I):
        return False
    value = m.group(1)
    whole = lk.antecedents.latest(i, _stem(m.group(2)), parse_number(value) if value else None)
    if whole is not None and rows[whole]["paragraph"] < r["paragraph"] - 1:
        whole = None  # the same paragraph or the one before
    if whole is not None and not value and r["low"] > rows[whole]["high"]:
        whole = None  # "26 of the cases" traced by its noun alone to "17 cases": not that one
    if whole is None and value and f.rest and rows[f.rest[0]]["start"] < r["end"] + m.end():
        # "63 of the 70 elected seats" told for the first time: the whole is the 70
        if i not in lk.used_as_part:
            lk.add(f.rest[0], [i] + _sibling(lk, i, f.rest[0], f.rest[1:]), "partial", "of the", check_parts=False)
        return True
    if whole is None or i in lk.used_as_part:
        return False
    same_whole = [j for j in f.rest if _of_the_value(text, rows[j]) == value] if value else []
    if same_whole:
        lk.add(whole, [i] + same_whole, "partial", "of the", check_parts=False)
        return True
    lk.add(whole, [i] + _outcomes(lk, f, whole, r["end"] + m.end()), "partial", "of the", check_parts=False)
    return True


_PREPOSITIONS = {"", "in", "of", "to", "for", "from", "at", "by", "with", "on", "and", "or", "than", "about"}


def _word_before(text: str, r: dict) -> str:
    """The word right before a figure in its sentence, lower-cased ("" when none)."""
    m = re.search(r"(\p{L}+)\W*$", text[max(r["sentence_start"], r["start"] - 30):r["start"]])
    return m.group(1).lower() if m else ""


_NOT_SIBLING = re.compile(r"compar|\bthan\b|\bfrom\b|\bversus\b|\bvs\b|previous|\blast\b|\b(?:19|20)\d\d\b", re.I)


def _sibling(lk: _Linker, part: int, whole: int, rest: list[int]) -> list[int]:
    """"The ruling CPDM won 63 of the 70 elected seats, while the opposition Social Democratic
    Front won seven elected seats": the next count of the sentence, when it counts what the whole
    counts in the same words and period, after the verb the part follows ("won"), is another part
    of it ([] when there is none); not one compared with it ("... compared with 56 elected seats in
    2013"), nor one of another predicate (Argentina 2020: "Voters elected governors in 22 of the
    24 provinces and ... one-third of the members of the Senate, representing eight provinces")."""
    rows, text = lk.rows, lk.text
    if not rest:
        return []
    w, q = rows[whole], rows[rest[0]]
    between = text[w["end"]:q["start"]]
    verb = _word_before(text, rows[part])
    if (not w["noun"] or verb in _PREPOSITIONS or verb != _word_before(text, q)
            or " ".join(q["noun"].lower().split()) != " ".join(w["noun"].lower().split())
            or q["measure"] != w["measure"] or (q["date_low"], q["date_high"]) != (w["date_low"], w["date_high"])
            or _is_whole_of_other(text, q) or _OF_THE.match(_after(text, q))
            or _NOT_SIBLING.search(between)):
        return []
    return [rest[0]]


def _outcomes(lk: _Linker, f: _Figure, whole: int, cue_end: int) -> list[int]:
    """"13 of the suspects were killed and six forcibly disappeared": the counts after the cue
    that split the whole with the figure, each of its own measure; [] when they do not."""
    text, rows, r = lk.text, lk.rows, f.r
    rest = [j for j in f.rest if rows[j]["start"] >= cue_end
            and not _is_remention(text, rows[j])
            and not _OF_THE.match(_after(text, rows[j]))
            and not _is_whole_of_other(text, rows[j])  # "and of 14 who had been in prison"
            and _same_people(r, rows[j])]
    measures = [rows[j]["measure"] for j in [f.i] + rest]
    rest = [j for j in rest if _same_thing(rows[whole], rows[j], cue_lead=True)]
    return rest if rest and all(measures) and len(set(measures)) == len(measures) else []


def _among(lk: _Linker, f: _Figure) -> bool:
    """"70 such cases during the year, among 290 cases since 2013" (never settles the figure)."""
    if f.k + 1 < len(f.idx):
        j = f.idx[f.k + 1]
        if _AMONG_B.search(lk.text[f.r["end"]:lk.rows[j]["start"]]):
            lk.add(j, [f.i], "partial", "among")
    return False


def _of_these(lk: _Linker, f: _Figure) -> bool:
    """"received more than 230 reports ..., but dismissed 170 of them": a part of the figure
    before it in the sentence, else of the main figure of the sentence before."""
    if not _OF_THESE.match(f.after):
        return False
    whole = f.idx[f.k - 1] if f.k > 0 else _previous_main(lk.rows, f.i, lk.by_sentence)
    if f.k > 0 and _PREP_BEFORE.search(lk.text, max(0, f.r["start"] - 8), f.r["start"]):
        whole = None  # "24 out of 28 of those killed": 28 is the whole of 24, not a part
    if whole is not None:
        lk.add(whole, [f.i], "partial", "of these")
    return False


# The cues read at each count of a sentence, in order: the first that settles the count (returns
# True) ends its reading.
_FIGURE_RULES = (_parenthesis, _of_whom, _including, _of_the_lead, _n_of_the, _among, _of_these)


def _lead(text: str, sa: int, sb: int) -> str:
    """The start of a sentence, as far as a cue at its start is read."""
    return text[sa:min(sb, sa + _REACH)]


def _of_these_next(lk: _Linker) -> dict[int, int]:
    """"... registered 86 children associated with armed groups. Of these, 29 were identified in
    2017, 24 in 2018, and 33 in 2019.": bare counts split the previous sentence's figure.
    Returns part -> the whole whose noun and people it counts."""
    text, rows = lk.text, lk.rows
    inherited: dict[int, int] = {}
    for si, idx in lk.by_sentence.items():
        sa, sb, pi = lk.ex.sentences[si]
        if not _OF_THESE_LEAD.match(_lead(text, sa, sb)):
            continue
        prev = [j for j in lk.by_sentence.get(si - 1, []) if rows[j]["paragraph"] == pi and rows[j]["noun"]]
        parts = [j for j in idx if not rows[j]["noun"] and j not in lk.used_as_part]
        # a split by year, place or kind ("29 ... in 2017, 24 in 2018"; "356 ... on homicide
        # charges, 465 for extortion"), not a funnel ("investigated 127 and found officers
        # guilty in 93", where each figure is a part of the one before)
        tails = [text[rows[j]["end"]:(rows[parts[n + 1]]["start"] if n + 1 < len(parts) else sb)]
                 for n, j in enumerate(parts)]
        if prev and len(parts) >= 2 and all(_WHERE.search(t) or _FOR_KIND.search(t) for t in tails):
            whole = prev[0]
            lk.add(whole, parts, "partial", "of these", check_parts=False)
            inherited.update((j, whole) for j in parts)
    return inherited


def _of_the_noun_phrase(lk: _Linker, inherited: dict[int, int]) -> None:
    """"Of the children identified during the year 22 were associated with jihadist groups
    operating in Mopti region, while three were identified in Kidal, one in Timbuktu, and six in
    Niger.": a noun phrase without a number refers back to a figure of the same paragraph (same
    people, same period); a list of parts, each with its own place or year, is read as the whole
    breakdown ("enumerated")."""
    text, rows = lk.text, lk.rows
    wholes = None
    for si, idx in lk.by_sentence.items():
        sa, sb, pi = lk.ex.sentences[si]
        m = _OF_THE_NP.match(_lead(text, sa, sb))
        if not m or not idx or rows[idx[0]]["start"] != sa + m.end():
            continue
        if wholes is None:
            wholes = _NounWholes(lk, inherited)
        whole = wholes.latest(idx[0], _stems(m.group("np")))
        if whole is not None and rows[whole]["paragraph"] < pi - 1:
            whole = None  # the same paragraph or the one before
        parts = [j for j in idx if not rows[j]["noun"] or rows[j]["who"] in ("", rows[whole]["who"] if whole else "")]
        if whole is None or len(parts) < 2:
            continue
        tails = [text[rows[j]["end"]:(rows[parts[k + 1]]["start"] if k + 1 < len(parts) else sb)]
                 for k, j in enumerate(parts)]
        closed = re.search(r"\band\s*$", text[rows[parts[-2]]["end"]:rows[parts[-1]]["start"]])
        located = all(_WHERE.search(t) for t in tails)
        kind = ("enumerated" if len(parts) >= 3 and closed and located and not _REST.search(text, sa, sb)
                else "partial")
        lk.add(whole, parts, kind, "of the (by place or year)" if kind == "enumerated" else "of the",
               check_parts=False)


class _NounWholes:
    """For "Of the <noun phrase> N ...": the latest count before the sentence whose noun (or the
    noun of the whole it is a part of) shares a word stem with the phrase, and has the same
    period as the sentence's first figure (when that one is dated). Indexed by stem and by stem
    and period, so a paragraph of such sentences is not read back once per sentence."""

    def __init__(self, lk: _Linker, inherited: dict[int, int]):
        rows = lk.rows
        self.rows = rows
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        self.by_period: dict[tuple, list[int]] = defaultdict(list)
        for j in sorted(lk.counts_set):
            q = rows[j]
            noun = rows[inherited[j]]["noun"] if j in inherited else q["noun"]
            for stem in _stems(noun):
                self.by_stem[stem].append(j)
                self.by_period[(stem, q["date_low"], q["date_high"])].append(j)

    def latest(self, first: int, want: set[str]) -> int | None:
        r = self.rows[first]
        best = None
        for stem in want:
            found = (self.by_period.get((stem, r["date_low"], r["date_high"]), []) if r["date_low"]
                     else self.by_stem.get(stem, []))
            k = bisect.bisect_left(found, first)
            if k and (best is None or found[k - 1] > best):
                best = found[k - 1]
        return best


def _among_next(lk: _Linker) -> None:
    """A total, then its breakdown in the following sentences ("Among these ...", "The data
    further revealed"): the counts there of the same measure and period."""
    text, rows = lk.text, lk.rows
    sent_of = {si: (sa, sb, pi) for si, (sa, sb, pi) in enumerate(lk.ex.sentences)}
    for si, idx in lk.by_sentence.items():
        nxt = si + 1
        if nxt not in sent_of or sent_of[nxt][2] != sent_of[si][2]:
            continue
        na, nb, _ = sent_of[nxt]
        m = _AMONG_NEXT.match(_lead(text, na, nb))
        if not m:
            continue
        cue = re.sub(r"\s+", " ", m.group(0).strip().lower())
        # "Of these, 30 cases were opened, 21 were dismissed ...": the parts are in that sentence;
        # "Among these" and "The data further revealed" may run on for several
        reach = 1 if cue.startswith("of") else 12
        by_key = _dated_parts(lk, sent_of, nxt, reach)
        sums: dict[tuple, float] = {}
        for i in idx:
            r = rows[i]
            if i in lk.used_as_part or not r["measure"] or not r["date_low"] or r["date_precision"] in _SPECIFIC:
                continue
            key = (r["measure"], r["date_low"], r["date_high"])
            parts = by_key.get(key, [])
            # what add() refuses without reading the parts (their sum is kept): each total of a
            # long sentence would read them all again
            if len(parts) >= 2 and key not in sums:
                sums[key] = sum(rows[j]["low"] for j in parts)
            if len(parts) < 2 or lk.overlapping(r) or sums[key] > lk.max_excess * r["high"]:
                continue
            # "The data showed prisons had the highest level ... followed by ...": a list the
            # text does not call complete: read as the whole, with the milder severity
            lk.add(i, parts, "partial" if cue.startswith(("among", "of")) else "enumerated", cue,
                   check_parts=False)
            if parts[0] in lk.used_as_part:
                by_key[key] = []  # taken by this total (all or none of them are)


def _dated_parts(lk: _Linker, sent_of: dict, first: int, reach: int) -> dict[tuple, list[int]]:
    """The counts of up to `reach` sentences from `first` (its paragraph and the next) that may
    be parts of a total of the sentence before, in order, by (measure, date_low, date_high)."""
    text, rows = lk.text, lk.rows
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for sj in range(first, first + reach):
        if sj not in sent_of or sent_of[sj][2] > sent_of[first][2] + 1:
            break
        for j in lk.by_sentence.get(sj, []):
            q = rows[j]
            if (q["date_low"] and j not in lk.used_as_part
                    and not _NESTED_BEFORE.search(text, max(0, q["start"] - 14), q["start"])):
                by_key[(q["measure"], q["date_low"], q["date_high"])].append(j)
    return by_key


# --- A count followed by an enumeration: a list of counts, or of named items -----------------
#
# "322 incidents ..., affecting 187 women, 124 girls, three men, two boys, and six women of
# unknown age"; "Nine prisons were operational outside the Bangui area: Bangassou, Bouar, ...,
# and Mbaiki" (seven names, each counting one). Read after the cue rules above, for the counts
# they left alone. Every cue is read here; whether a cue gives the whole breakdown (so that parts
# falling short of the total fail) is linking.breakdown_cues's, applied by RC201.

_LIST_CUE = re.compile(
    r"(?P<colon>:)(?=\s)|(?P<paren>\()|(?P<dash>\s-{1,2}\s|\s?[–—]\s?)|"
    r",?\s*\b(?P<word>affecting|comprising|consisting\s+of|broken\s+down\s+(?:as\s+follows|as|into)|namely|"
    r"including)\b\s*:?|(?P<with>,\s*with\b)|"
    r"(?P<comma>,)(?=\s+(?:(?-i:\p{Lu})|\d|" + _NUMBER_WORD + r"))", re.I)
_LIST_REACH = 600  # how far after its cue a list is read
_CUE_TRIES = 3  # cues tried after one count ("(IED) attacks ... (456 deaths and 818 injured)")
# "five of the country's 34 provinces: ...": the list names the five
_OF_WHOLE_GAP = re.compile(r"^\s*(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?(?:\p{L}+['’]s\s+)?$", re.I)
# names right after a count and a comma: "two other members of the union, Guialbert Oumenguele and ..."
_COMMA_GAP = re.compile(r"(?:\s+of\s+(?:the\s+)?(?:\p{Ll}[\p{L}'’-]*\s*){1,3})?\s*")
_LEAD_AND = re.compile(r"(?:(?:and|as\s+well\s+as)\b\s*(?:,[^,;]{1,80},)?\s*)?", re.I)
_AND_ITEM = re.compile(r"(?:and|as\s+well\s+as)\b", re.I)
_OR_ITEM = re.compile(r"or\b", re.I)
_AND_WORD = re.compile(r"\s(?:and|&)\s")
_AND_PREDICATE = re.compile(r"\band\s+(?:\p{Ll}+(?:ed|ing)|were|was|is|are|had|has|have)\b")
_AND_DETERMINER = re.compile(r"\sand\s+(?:a|an|the|its|their|his|her)\s", re.I)
_REMAINDER = re.compile(r"(?:the\s+)?(?:rest|remainder|others|remaining(?!\s+(?:\d|" + _NUMBER_WORD + r"))|"
                        r"several\s+others|many\s+others|other\s+\p{L}+)\b", re.I)
_REMAINING_COUNT = re.compile(r"^the\s+(?:remaining|other|last)\s+$", re.I)
_EACH = re.compile(r"\s*each\b", re.I)  # matched at a position: no ^
# an item that says more of the one before it, not another one ("The civil police, which perform
# an investigative role, and the military police"; "Gaston Philip Abbe, popularly known as Valsero")
_CONTINUATION = re.compile(r"(?:which|who|whom|whose|where|when|known|popularly|also|formerly|respectively|"
                           r"both|all|each|based|located|including)\b", re.I)
# in a list of names, a lowercase item that is a name all the same: a title before it ("journalist
# Ghulam Rasool Burfat"), a determiner before one ("its high-security Camp de Roux annex"), or a
# lowercase particle joined to it ("al-Mostagil", "el-Sisi", "d’Ivoire")
_TITLED_NAME = re.compile(r"\p{Ll}[\p{L}-]*\s+\p{Lu}|(?:the|its|their|his|her|a|an)\s+(?:[\p{L}-]+\s+){0,2}?\p{Lu}|"
                          r"\p{Ll}{1,3}[-'’]\p{Lu}")
# a name item of one word, then the comma after it ("Samuel, N. Borbor"), and an item led by an initial
_STRAY_COMMA = re.compile(r"\p{Lu}\p{Ll}+\s*,\s*")
_INITIAL_LED = re.compile(r"\p{Lu}\.\s*\p{Lu}\p{Ll}")
# an item that stands for several things: "three traffickers (a couple for sex trafficking of
# Brazilian women, and a Nigerian trafficker)"
_PAIR_ITEM = re.compile(r"(?:a|the)\s+(?:couple|pair)\b", re.I)
_GROUP_ITEM = re.compile(r"(?:a|the)\s+(?:group|family|team|crew|delegation|number)\b", re.I)
# a first item that is no name: "(as the deputy chairwoman for culture, television, and press)",
# "(allegedly by Bambara and Dogon self-defense groups)", "–both known for representing ..."
_NOT_A_NAME = re.compile(r"(?:as|by|in|on|at|for|from|to|with|allegedly|reportedly|see|both|all|each|which|who|"
                         r"whose|respectively|e\.g\.|i\.e\.)\b", re.I)
# an item that is a clause, not a name ("the Oromo Federalist Congress announced that ...")
_ITEM_VERB = re.compile(r"\b(?:were|was|is|are|had|has|have|been|said|says|stated|reported|announced|told|"
                        r"received|declared|nominated|faced?|remain(?:ed)?)\b", re.I)
_UNIT_MEASURES = {"percent", "money", "age", "duration", "distance", "area"}
# a total that names abuses or events of any kind, split by their kinds ("357 human rights abuses
# against journalists, including 28 killings, two enforced disappearances, one abduction ...")
_UMBRELLA = re.compile(r"\b(?:abuses|violations|incidents|crimes|offenses|offences|acts|complaints|allegations)\b",
                       re.I)
# cues after which a list enumerates what the count counts, so that its items may name kinds of
# it that no word list knows ("nine seats for minorities: five for Christian candidates ...; one
# Yezidi; one Sabean-Mandaean; ...")
_ENUMERATING = {"colon", "dash", "parenthesis", "later parenthesis", "namely", "comprising", "consisting of",
                "broken down as"}
_MAX_NAMED = 60  # a count of named things beyond this is not listed name by name
# cues that refer back to a count of the sentence before, so that what follows counts some of it
_REFERRING = {"of these", "among them", "the remaining"}
_PERSON_MEASURES = {"killed", "injured", "disappeared", "abducted", "arrested", "detained", "released", "displaced"}
_OTHER_TOTALS = 4  # the counts before a cue that may be the one its list enumerates
_PER_BEFORE = re.compile(r"\bper\s+$", re.I)
_PER_AFTER = re.compile(r"\s*per\b", re.I)


def _top_level(text: str, a: int, b: int, chars: str) -> list[int]:
    """The offsets in text[a:b] of `chars` outside parentheses opened in it (a comma followed by
    a space: not the one of "447,206")."""
    out, depth = [], 0
    for m in re.finditer(r"[()]|[" + re.escape(chars) + r"](?=\s|$)", text[a:b]):
        c = m.group()
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(a + m.start())
    return out


def _list_end(text: str, kind: str, start: int, limit: int) -> int:
    """Where the list opened at `start` ends: the parenthesis that closes it (one opened before it
    closes an aside the list is in), the next dash, or `limit` (the sentence's end)."""
    depth = 1 if kind == "paren" else 0
    for m in re.finditer(r"[()]|\s-{1,2}\s|[–—]", text[start:limit]):
        c = m.group()
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0 or (kind == "paren" and depth == 0):
                return start + m.start()
        elif depth <= (1 if kind == "paren" else 0):
            return start + m.start()
    return limit


def _split_items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The items of text[a:b]: split at top-level semicolons if there are any, else at commas."""
    seps = _top_level(text, a, b, ";") or _top_level(text, a, b, ",")
    bounds = [a] + [s + 1 for s in seps]
    ends = seps + [b]
    out = []
    for x, y in zip(bounds, ends, strict=True):
        while x < y and text[x].isspace():
            x += 1
        while y > x and text[y - 1] in " .:":
            y -= 1
        if x < y:
            out.append((x, y))
    return out


# an item that goes on with the sentence, not the list: a verb first ("Two companies, SPH Media Trust
# and Mediacorp, owned all general circulation newspapers in the four official languages of English,
# Chinese, Malay, and Tamil")
_PREDICATE_ITEM = re.compile(r"(?:\p{Ll}+ed|were|was|is|are|had|has|have|remained|received)\b")


def _before_predicate(lk: _Linker, idx: list[int], items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items up to the one where the sentence goes on: a lowercase item, not led by "and",
    that starts with a verb or holds a count of its own (not at its start: "three men" is an item);
    the items after it are that clause's, another count's list ("the four official languages of
    English, Chinese, ...")."""
    text, rows = lk.text, lk.rows
    for n, (a, b) in enumerate(items):
        if not n or not text[a].islower() or _AND_ITEM.match(text, a, b) or _OR_ITEM.match(text, a, b):
            continue
        inner = idx[lk.before(idx, a):lk.before(idx, b)]
        own = inner and rows[inner[0]]["start"] > a and not _REMAINING_COUNT.match(text[a:rows[inner[0]]["start"]])
        if _PREDICATE_ITEM.match(text, a, b) or own:
            return items[:n]
    return items


def _coordinated(text: str, items: list[tuple[int, int]], hard_end: bool) -> list[tuple[int, int]] | None:
    """The items of a coordinated list, up to the one that closes it: "A, B, and C" (the item
    after "and"), "A, B and C" (the last item split at its one "and"), "five each in A and in B"
    (one item that counts several times). None when no item closes it, for alternatives ("A or
    B"), and when the list cannot be told from what follows it: a second "and" item in a list
    whose end is fixed (a parenthesis, a colon's sentence: "two branches: the civil law courts
    deal with all commercial, civil, and criminal cases, ..., and the family law courts"), items
    after "A and B" that could be more of it ("ILO C187 ... safety and health convention 2006, ILO
    C155 ...")."""
    for n, (a, b) in enumerate(items):
        if n and _AND_ITEM.match(text, a, b):
            if hard_end and any(_AND_ITEM.match(text, x, y) for x, y in items[n + 1:]):
                return None
            if any(_AND_DETERMINER.search(text, x, y) for x, y in items[:n]):
                # lists within the list: "a “preremoval risk assessment” and an appeal to the minister of
                # immigration, refugees, and citizenship"
                return None
            return items[:n + 1]
        if n and _OR_ITEM.match(text, a, b):
            return None
    for n, (a, b) in enumerate(items):
        seg = text[a:b]
        if re.search(r"\beach\b", seg, re.I):
            return items[:n + 1]
        ands = [m for m in _AND_WORD.finditer(seg) if not _inside_paren(seg, m.start())]
        if re.search(r"\sor\s", seg) and not ands:
            return None
        if len(ands) > 1:
            return None
        if ands:
            rest = items[n + 1:]
            if rest and (hard_end or any(not text[x].islower() for x, _ in rest)):
                return None
            m = ands[0]
            return items[:n] + [(a, a + m.start()), (a + m.end(), b)]
    return None


def _inside_paren(seg: str, pos: int) -> bool:
    return seg.count("(", 0, pos) > seg.count(")", 0, pos)


class _Listed:
    """The items of a list as read: parts (count rows), named items (spans), how many times each
    part counts, and whether every item was read (an unstated remainder: "and the rest ...")."""

    def __init__(self):
        self.parts: list[int] = []
        self.names: list[tuple[int, int]] = []
        self.more = 0  # how many more things the names may stand for ("the Assyrian and Russian communities")
        self.times: dict[int, int] = {}
        self.whole = True
        self.remaining = False  # "the remaining three": the list is complete

    def bounds(self, rows: list[dict]) -> tuple[float, float]:
        """What the items add up to, at least and at most."""
        lo = sum(rows[p]["low"] * self.times.get(p, 1) for p in self.parts) + len(self.names)
        hi = sum(rows[p]["high"] * self.times.get(p, 1) for p in self.parts) + len(self.names) + self.more
        return lo, hi


def _read_items(lk: _Linker, idx: list[int], items: list[tuple[int, int]]) -> _Listed | None:
    """Each item is a count at its start ("187 women"), an unstated remainder ("the rest with
    other armed groups"), more of the item before it ("which perform an investigative role") or a
    name ("Bangassou"); a list of counts or of names, not both."""
    text, rows = lk.text, lk.rows
    out = _Listed()
    for n, (a, b) in enumerate(items):
        a = _LEAD_AND.match(text, a, b).end()
        k = lk.before(idx, a)
        inside = idx[k:lk.before(idx, b)]
        first = inside[0] if inside else None
        lead = text[a:rows[first]["start"]] if first is not None else ""
        if first is not None and (not lead.strip() or _REMAINING_COUNT.match(lead)):
            out.remaining = out.remaining or bool(lead.strip())
            times = _times(lk, first, b, inside[1:])
            if times is None:
                out.whole = False
            elif times > 1:
                out.times[first] = times
            out.parts.extend(_sub_parts(lk, idx, a, b) if len(inside) > 1 and times == 1 else [first])
        elif _REMAINDER.match(text, a, b):
            out.whole = False
        elif n and (_CONTINUATION.match(text, a, b) or _apposition(text, items, n, a, b)):
            continue
        elif out.names and _STRAY_COMMA.fullmatch(text, out.names[-1][0], a) and _INITIAL_LED.match(text, a, b):
            # a given name, a comma, then an initial and a surname: one name with a stray comma
            # ("three police officers, Samuel, N. Borbor, Harris Monger, and Alexander Seakour"), or
            # two; read as one that may stand for two
            out.names[-1] = (out.names[-1][0], b)
            out.more += 1
        else:
            out.names.append((a, b))  # a count inside a name is the name's: "the killing of one member of staff"
            out.more += len(_top_level(text, a, b, ",")) + sum(
                1 for m in _AND_WORD.finditer(text, a, b) if not _inside_paren(text[a:b], m.start() - a))
            out.more += bool(_PAIR_ITEM.match(text, a, b)) + _missing_commas(text[a:b])
            out.whole = out.whole and not _GROUP_ITEM.match(text, a, b)
    if out.parts and out.names:
        return None
    return out


def _missing_commas(item: str) -> int:
    """How many more names an item of a list may hold for commas left out between names of
    countries: "Thailand Turkey" (two, one more); 0 for a country's own name ("South Korea",
    "Papua New Guinea") and for what is no run of country names."""
    words = item.split()
    if not 2 <= len(words) <= 8 or not all(w[:1].isupper() for w in words) or is_country(item):
        return 0
    fewest = [0] + [None] * len(words)  # fewest[i]: the fewest names words[:i] splits into
    for i in range(1, len(words) + 1):
        found = [fewest[j] + 1 for j in range(max(0, i - 4), i)
                 if fewest[j] is not None and is_country(" ".join(words[j:i]))]
        fewest[i] = min(found) if found else None
    return fewest[-1] - 1 if fewest[-1] else 0


def _apposition(text: str, items: list[tuple[int, int]], n: int, a: int, b: int) -> bool:
    """In a list of names (its first item a proper name), a lowercase item not led by "and" that
    is no name either describes the one before it: "Benjamin Wenga, director of the Office of
    Roads and Drainage, and Fulgence Bamaros, ..."; "the Military Court, similar to the First
    Instance Court, and the High Military Court" (a first item led by "the" is a name all the same,
    and an item led by the same "the" is another item: "three laws: the Witness Protection Law, the
    law establishing the Operational Technical Agency ..., and the Interception of Communications Law")."""
    first = items[0]
    lead = re.match(r"(?:the|its|their|a|an)\s", text[first[0]:first[1]])
    return ((text[first[0]].isupper() or bool(_TITLED_NAME.match(text, *first))) and text[a].islower()
            and a == items[n][0] and not _TITLED_NAME.match(text, a, b)
            and not (lead and text.startswith(lead.group(), a)))


def _sub_parts(lk: _Linker, idx: list[int], a: int, b: int) -> list[int]:
    """The counts of an item that is a list of its own ("at least 29 were targeted: three judges,
    one court clerk, three prosecutors, and 14 prison officials were killed; three prosecutors and
    two prison officials were injured; ..."), else its first count ("One for five weeks")."""
    rows = lk.rows
    first = idx[lk.before(idx, a)]
    subs = _coordinated(lk.text, _split_items(lk.text, a, b), False)
    if not subs or len(subs) < 2:
        return [first]
    out = []
    for x, y in subs:
        x = _LEAD_AND.match(lk.text, x, y).end()
        k = lk.before(idx, x)
        if k >= len(idx) or rows[idx[k]]["start"] != x or rows[idx[k]]["start"] >= y:
            return [first]
        out.append(idx[k])
    return out


def _times(lk: _Linker, j: int, b: int, after: list[int]) -> int | None:
    """How many times the count j counts: 1, or "one each from four other parties" (4), "five each
    in the Senate and in the House" (2), "one each in 2019, 2018, and 2016" (3); None when "each"
    has nothing countable after it."""
    text, r = lk.text, lk.rows[j]
    each = _EACH.match(text, r["end"], b)
    if r["noun"] != "each" and not each:
        # "eight representatives from each province and Ashgabat": some number of times
        return None if re.search(r"\beach\b", text[r["end"]:b], re.I) else 1
    if after:
        q = lk.rows[after[0]]
        return int(q["value"]) if q["value"] == q["value"] and float(q["value"]).is_integer() else None
    rest = text[each.end() if each else r["end"]:b]
    n = len([x for x in re.split(r",\s*(?:and\s+)?|\s+and\s+", rest) if x.strip()])
    return n if n > 1 else None


def _list_part(total: dict, part: dict, cue: str) -> bool:
    """Could `part`, an item of a list after `total`, count some of what the total counts."""
    if part["kind"] != "count" or part["parse_status"] != "parsed" or part["number_kind"] == "vague":
        return False
    if part["measure"] in _UNIT_MEASURES:
        return False
    words = (part["noun"] or "").split()
    if ((not words or words == ["each"] or all(w.endswith(("ed", "ly")) for w in words))
            and part["measure"] in ("", total["measure"])):
        return True  # a bare number counts the total's kind: "175 female victims, including 134 who ..."
    if cue in ("comma", "with"):
        return False  # "killed 10 civilians, 20 soldiers and five police" lists, it does not split
    if _same_thing(total, part, cue_lead=cue in _REFERRING):
        return True  # after a lead that refers back, an outcome: "Approximately 50 were released"
    if cue in _REFERRING and total["measure"] == "cases" and (part["who"] or part["measure"] in _PERSON_MEASURES):
        return True  # "32,027 cases of forced disappearance ... Of those, 923 persons were found alive"
    if not _same_people(total, part):
        return False
    if (cue in _ENUMERATING and not (part["measure"] or part["who"] or total["measure"] or total["who"])):
        return True  # "nine seats for minorities: five for Christian candidates ...; one Yezidi; ..."
    if cue == "affecting":  # the persons affected by the incidents counted
        return bool(part["who"]) and part["measure"] in ("", total["measure"])
    if not (total["noun"] or total["measure"] or total["who"]):
        return True  # "the displaced population ... was 488,418, including 271,000 IDPs, 106,418 refugees"
    if total["who"] and part["who"] == total["who"]:
        return True  # "900 vulnerable children, including 200 children victims of sexual violence"
    # an event of some kind ("one abduction", "45 physical assaults"), not persons
    return bool(_UMBRELLA.search(total["noun"] or "")) and bool(part["measure"] or part["noun"]) and not part["who"]


def _list_total(lk: _Linker, idx: list[int], k: int) -> int:
    """The count a list after idx[k] splits: idx[k], or the part it is the whole of ("two of the
    four refugee camps ... – Shimelba and Hitsats –")."""
    rows = lk.rows
    if k and _OF_WHOLE_GAP.match(lk.text[rows[idx[k - 1]]["end"]:rows[idx[k]]["start"]]):
        return idx[k - 1]
    return idx[k]


def _may_total(lk: _Linker, t: dict) -> bool:
    """A count a list may split: stated, of things (not a share, a sum of money, an age ...), no
    figure compared with ("an increase from 598") and no rate ("408 maternal deaths per 100,000
    live births (308 in urban and 425 in rural areas)")."""
    return (t["kind"] == "count" and t["number_kind"] != "vague" and t["parse_status"] == "parsed"
            and t["measure"] not in _UNIT_MEASURES
            and not _COMPARED_BEFORE.search(lk.text, max(0, t["start"] - 30), t["start"])
            and not _PER_BEFORE.search(lk.text[max(0, t["start"] - 6):t["start"]])
            and not _PER_AFTER.match(lk.text, t["end"]))


def _cue_key(m, gap: str) -> str:
    """The name linking.breakdown_cues knows a cue by."""
    if m.group("colon"):
        return "colon"
    if m.group("paren"):
        return "parenthesis" if not gap.strip() else "later parenthesis"
    if m.group("dash"):
        return "dash"
    if m.group("with"):
        return "with"
    if m.group("comma"):
        return "comma"
    word = re.sub(r"\s+", " ", m.group("word").lower())
    return "broken down as" if word.startswith("broken down") else word


def _gap_ok(kind: str, gap: str) -> bool:
    """May a cue this far after its count, over these words, open a list of it: a colon or a dash
    after its clause ("Nine prisons were operational outside the Bangui area:"), but not after
    another clause ("in a survey of 476 Romani women from 48 localities, the most serious problems
    reported were limited access to:"); names after a comma right after the count's noun; the
    other cues after its noun phrase."""
    if ";" in gap or len(gap) > _REACH:
        return False
    if kind in ("colon", "dash"):
        # an aside ("11 seats for minorities along ethnic, rather than religious lines:"), not a clause,
        # nor a second predicate ("established three new mobile justices of the peace in July and
        # inaugurated new courts: one in July, ...")
        comma = re.search(r",\s+", gap)
        if _AND_PREDICATE.search(gap):
            return False
        return not comma or not (_VERB_BETWEEN.search(gap, comma.end()) or re.match(r"\p{L}+ing\b", gap[comma.end():]))
    if kind == "comma":
        return bool(_COMMA_GAP.fullmatch(gap))
    return not (_VERB_BETWEEN.search(gap) or _CLAUSE_BREAK.search(gap))


def _listed(lk: _Linker) -> None:
    """A count, a cue after it and a coordinated list: of counts of the same thing (parts), or of
    names (each counting one)."""
    text, rows = lk.text, lk.rows
    # the totals the cue rules split in their own sentence
    linked = {b.total for b in lk.breakdowns if any(rows[p]["sentence"] == rows[b.total]["sentence"] for p in b.parts)}
    linked |= {pw.whole for pw in lk.part_wholes if rows[pw.part]["sentence"] == rows[pw.whole]["sentence"]}
    lk.wholes_of = defaultdict(set)  # a count -> the counts the cue rules read it as a part of
    for pw in lk.part_wholes:
        lk.wholes_of[pw.part].add(pw.whole)
    for b in lk.breakdowns:
        for p in b.parts:
            lk.wholes_of[p].add(b.total)
    for idx in lk.by_sentence.values():
        for k, i in enumerate(idx):
            r = rows[i]
            stop = min(r["sentence_end"], r["end"] + _REACH)
            if k + 1 < len(idx):
                stop = min(stop, rows[idx[k + 1]]["start"])
            tries = 0
            for m in _LIST_CUE.finditer(text, r["end"], stop):
                kind = next(g for g in ("colon", "paren", "dash", "word", "with", "comma") if m.group(g))
                gap = text[r["end"]:m.start()]
                if not _gap_ok(kind, gap):
                    continue  # a colon may follow a clause that no other cue may
                tries += 1
                if tries > _CUE_TRIES or _read_list(lk, idx, k, m, kind, _cue_key(m, gap), linked):
                    break


def _read_list(lk: _Linker, idx: list[int], k: int, m, kind: str, cue: str, linked: set[int]) -> bool:
    """The list the cue `m` opens after idx[k], added as a breakdown of its total; False when
    there is none."""
    text, rows = lk.text, lk.rows
    default = idx[k] if cue == "parenthesis" else _list_total(lk, idx, k)
    if not _may_total(lk, rows[default]) or (rows[default]["number_text"] + "-") in rows[default]["quote"]:
        return False  # "a 20-bed capacity (16 single and two double cells)": a word made of a number
    start, sb = m.end(), rows[default]["sentence_end"]
    if kind == "paren" and (_INCLUDE.match(text, start, start + 40) or _PAREN_COMPARISON.match(text, start)):
        return False  # "(including ...)": read at its word; "(a decline from 194 reports ...)": a comparison
    if kind == "dash" and re.match(r"\s*(?:" + _INCLUDE.pattern + r")", text[start:start + 40], re.I):
        return False  # "50 women–including 25 killed by hanging, and 63 children ...": nested
    if kind == "colon" and re.match(r"\s*[“\"‘']", text[start:start + 5]):
        return False  # "questioned along with four other activists, declared: “Laws that ...": a quotation
    end = _list_end(text, kind, start, min(sb, start + _LIST_REACH))
    items = _before_predicate(lk, idx, _split_items(text, start, end))
    hard = kind in ("colon", "paren", "dash") and (kind != "dash" or end < sb)
    items = _coordinated(text, items, hard) if items else None
    listed = _read_items(lk, idx, items) if items else None
    if listed is None or not (listed.parts or listed.names) or (listed.names and not _named(lk, idx, listed, kind)):
        return kind == "word" and _one_part(lk, idx, default, start, cue, linked)
    casualties = "" if listed.names or listed.times else lk.casualties(rows[default], listed.parts)
    # a split of casualties is the count's whatever it adds up to: what it adds up to is the check's
    total = default if casualties else _choose_total(lk, idx, k, default, listed, cue, m.start())
    if total is None or total in linked:
        return False
    t = rows[total]
    if listed.parts and not casualties and not all(_list_part(t, rows[p], cue) and not _is_whole_of_other(text, rows[p])
                                                   for p in listed.parts):
        return kind == "word" and _one_part(lk, idx, default, start, cue, linked)
    if listed.names and not _names_total(lk, t, rows[idx[k]], listed, cue, m.start()):
        return False
    if listed.remaining:
        cue = "the remaining"
    elif casualties == "whole" and listed.whole:
        cue = "casualties"
    return _add_listed(lk, total, listed, cue, excess=_excess(lk, t, listed.parts, cue, listed.names))


def _choose_total(lk: _Linker, idx: list[int], k: int, default: int, listed: _Listed, cue: str,
                  cue_at: int) -> int | None:
    """Which count before an enumerating cue its list enumerates: the one it adds up to ("adding
    three new charges against the 16 remaining defendants: Torture, forced disappearance, and
    forced displacement" names the three charges), preferring a closed one to an open one ("at
    least three of the five electoral sectors (teachers, ...)": the five); when none is met, the
    count before the cue (or the part it is the whole of), with the exceptions below."""
    rows = lk.rows
    if cue not in _ENUMERATING:
        return default
    lo, hi = listed.bounds(rows)
    others = [j for j in idx[max(0, k - 2 * _OTHER_TOTALS):k + 1][::-1] if j != default and rows[j]["end"] <= cue_at
              and _may_total(lk, rows[j])][:_OTHER_TOTALS]
    fits = [j for j in [default] + others if rows[j]["low"] <= hi and lo <= rows[j]["high"]]
    closed = [j for j in fits if rows[j]["high"] != float("inf")]
    if closed or fits:
        return (closed or fits)[0]
    # none is met: a list that disagrees with the count before it, unless another count of the
    # sentence, not one the count is a part of ("five of the country's 34 provinces", "Of the 329
    # seats ..., the law reserves nine seats"), may be the one listed ("The total number of labor
    # inspectors in the country was 91, 31 of whom focused on safety and health (54 specialized in
    # labor relations and the remaining six were focused on social affairs)"); a parenthesis
    # after the clause only when it adds up
    wholes = lk.wholes_of.get(default, set()) | {idx[k]}
    if cue == "later parenthesis" or any(j not in wholes for j in others):
        return None
    return default


def _excess(lk: _Linker, t: dict, parts: list[int], cue: str, names: list) -> float:
    """How many times its total a list's parts may add up to before the list is taken as a
    misreading: once for persons affected by incidents ("129 incidents affecting 158 journalists":
    an incident may affect several), never for a parenthesis of counts right after its total."""
    if cue == "affecting" and not t["who"] and any(lk.rows[p]["who"] for p in parts):
        return 1.0
    return 0.0 if cue == "parenthesis" and not names else lk.max_excess


def _one_part(lk: _Linker, idx: list[int], total: int, start: int, cue: str, linked: set[int]) -> bool:
    """One count right after a cue word: a part of the total ("at 275, including 28 killed while in
    ISIS detention")."""
    rows = lk.rows
    k = lk.before(idx, start)
    if total in linked or k >= len(idx) or lk.text[start:rows[idx[k]]["start"]].strip():
        return False
    j = idx[k]
    if (not _list_part(rows[total], rows[j], cue) or _is_whole_of_other(lk.text, rows[j]) or lk.of_whom_after(j)
            or _times(lk, j, rows[j]["sentence_end"], []) != 1):
        return False
    listed = _Listed()
    listed.parts.append(j)
    return _add_listed(lk, total, listed, cue, excess=_excess(lk, rows[total], [j], cue, []))


def _named(lk: _Linker, idx: list[int], listed: _Listed, kind: str) -> bool:
    """Are these items names a count can be checked against: at least two, each a short phrase
    and no clause, the first no preposition or comment ("(allegedly by Bambara and Dogon
    self-defense groups)"). After a bare comma, only proper names with no count in them ("two
    translators, Fitsume Berhanu from Agence France Presse, and Alula Akalu from Financial
    Times"), not "two military helicopters hit ..., Sagaing Region, killing seven children"."""
    text, names = lk.text, listed.names
    if len(names) < 2 or kind == "with" or _NOT_A_NAME.match(text, *names[0]):
        return False
    for a, b in names:
        item = text[a:b]
        if len(item.split()) > 16 or _ITEM_VERB.search(item) or not re.search(r"\p{L}", item):
            return False
        if kind == "comma" and (len(item.split()) > 6 or not re.match(r"\p{Lu}", item)
                                or lk.before(idx, b) > lk.before(idx, a)):
            return False
    return True


def _names_total(lk: _Linker, t: dict, near: dict, listed: _Listed, cue: str, cue_at: int) -> bool:
    """Can `t` be a count of the named items (`near`: the count right before the cue, whose noun
    says what is counted in "two of the four refugee camps – Shimelba and Hitsats –"): a few
    things named ("Nine prisons"; not "Articles 2 (right to life), and 3 (prohibition ...)"), not
    a word made of a number ("nine-member film review council", "two-faced"); the cue right after
    its noun phrase, unless it is a colon or a dash ("two reports per week regarding attacks
    against LGBTI persons, including harassment, hate speech ..." lists the attacks); after an
    enumerating cue, not many times as many as named ("25 persons (members of the Ejidos and
    Communities Council ...)" describes them)."""
    of_noun = re.match(r"\s+of\s+(?:the|his|her|their|its|these|those)\s+\p{L}", lk.text[near["end"]:near["end"] + 40])
    if (not 2 <= t["low"] <= _MAX_NAMED or t["noun"] == "each" or (t["number_text"] + "-") in t["quote"]
            or not (t["noun"] or near["noun"] or of_noun)):  # "four of his supporters, including ..."
        return False
    gap = lk.text[near["end"]:cue_at]
    if cue not in ("colon", "dash") and (len(gap.split()) > 4 or re.search(r",|\band\b", gap)):
        return False
    return cue not in _ENUMERATING or (len(listed.names) + listed.more) * lk.max_excess >= t["low"]


def _add_listed(lk: _Linker, total: int, listed: _Listed, cue: str, excess: float | None = None) -> bool:
    """A list's breakdown of `total` (one part alone: a part-whole); False when it is refused:
    the sentence says its parts overlap, they add up to more than `excess` times the total (a
    misreading; linking.breakdown_max_excess unless given, 0: no limit), or the total already
    has it."""
    rows = lk.rows
    r = rows[total]
    parts, names = listed.parts, listed.names
    if total in parts or lk.overlapping(r):
        return False
    low = sum(rows[p]["low"] * listed.times.get(p, 1) for p in parts) + len(names)
    excess = lk.max_excess if excess is None else excess
    if excess and low > excess * r["high"]:
        return False
    key = frozenset(parts) | frozenset(names)
    if key in lk._totals[total]:
        return False
    if len(parts) == 1 and not names and not listed.times:
        lk.part_wholes.append(PartWhole(parts[0], total, cue))
    else:
        if listed.whole and not names and not listed.times and lk.by_sex(r, parts):
            cue = "by sex"
        lk.breakdowns.append(Breakdown(total, list(parts), "exhaustive" if listed.whole else "partial", cue,
                                       items=list(names), times=dict(listed.times), more_items=listed.more))
        lk._totals[total].append(key)
    lk.used_as_part.update(parts)
    return True


# --- The list in the next sentence -------------------------------------------------------------
#
# "... 32,027 cases of forced disappearance ... Of those, 923 persons were found alive and 1,975
# confirmed dead."; "Those killed included three prison officers and five visitors"; "The refugee
# population included 291,803 CAR nationals, ..."; "Among the protected persons were 4,000 ...";
# "Approximately 50 were released the following day, and the remainder were transferred": read
# after the cue rules that link a sentence to the one before, for what they left alone.

_NEXT_LEAD = re.compile(
    r"^\W*(?:(?P<of>(?:Of|Among)\s+(?:these|those|them)(?P<n1>(?:\s+[\p{Ll}-]+){0,2}?)\s*,)"
    r"|(?P<inc>(?:These|Those|The)\s+(?P<n2>(?:[\p{Ll}-]+\s+){0,3}?[\p{Ll}-]+)\s+(?:included|include|comprised)\b)"
    r"|(?P<among>Among\s+the\s+(?P<n3>(?:[\p{Ll}-]+\s+){0,3}?[\p{Ll}-]+)\s+(?:were|was)\b)"
    # "Of the abductions, 12 were ...", "Of cases tried in the trial chamber, 199 were ...": a noun
    # phrase without a number ("Of the two suspects," is _of_the_lead's)
    r"|(?P<ofnp>Of\s+(?:the\s+)?(?P<n4>(?!(?:these|those|them)\b)(?:[\p{Ll}-]+\s+){0,6}?[\p{Ll}-]+)\s*,))")
_REST_ITEM = re.compile(r"[,;]?\s*(?:and|while)\s+the\s+(?:rest|remainder|others)\b", re.I)
# a count that opens its clause: "923 persons were found alive and 1,975 confirmed dead"
_CLAUSE_START = re.compile(r"(?:^\W*|[,;]\s*(?:and\s+|while\s+|whereas\s+|but\s+)?|\s(?:and|while|whereas)\s+)$")
# the stages of a case, each a part of the one before: "Of these, 120 were investigated, 40
# prosecuted, and 12 convicted" is a funnel, not a split
_STAGES = (re.compile(r"\binvestigat", re.I), re.compile(r"\b(?:prosecut|charg|indict|tried|referr)", re.I),
           re.compile(r"\b(?:convict|sentenc)", re.I))


def _listed_next(lk: _Linker) -> None:
    """A list in the sentence after a count, led by a cue that refers back to it."""
    text, rows = lk.text, lk.rows
    sents = lk.ex.sentences
    for si, idx in lk.by_sentence.items():
        sa, sb, pi = sents[si]
        earlier: list[list[int]] = []  # the counts of the sentences before, of its paragraph, latest first
        for back in range(si - 1, max(-1, si - 4), -1):
            if sents[back][2] != pi:
                break
            found = [j for j in lk.by_sentence.get(back, []) if rows[j]["paragraph"] == pi and _can_total(rows[j])]
            if found:
                earlier.append(found)
        if not earlier or not idx:
            continue
        prev = earlier[0]  # the last sentence with counts
        lead = _lead(text, sa, sb)
        m = _NEXT_LEAD.match(lead)
        if m:
            _next_cued(lk, idx, earlier, m, sa)
        elif _REST_ITEM.search(text, sa, sb) and not text[sa:rows[idx[0]]["start"]].strip(" \t\n\"“"):
            _next_remainder(lk, idx, prev)


def _can_total(r: dict) -> bool:
    # "at least one hour a week", "one year": a span of time read as a count is no group's total
    head = (r["noun"] or "").split()[:1]
    return (r["kind"] == "count" and r["parse_status"] == "parsed" and r["number_kind"] != "vague"
            and r["measure"] not in _UNIT_MEASURES and not (head and head[0] in _TIME_UNITS))


_TIME_UNITS = frozenset("hour hours day days week weeks month months year years minute minutes time times".split())


def _next_whole(lk: _Linker, prev: list[int], words: str) -> int | None:
    """The count of the sentence before that a lead refers to: the one whose noun or measure its
    words name ("Of these children", "Those killed"), else the only one."""
    rows = lk.rows
    want = _stems(words)
    if want:
        named = [j for j in prev if _stems_meet(_stems(rows[j]["noun"]), want)
                 or any(rows[j]["measure"] and rows[j]["measure"].startswith(w[:5]) for w in want)]
        if named:
            return named[-1]
    return prev[0] if len(prev) == 1 else None


def _bare(r: dict) -> bool:
    """A number with no noun of its own, or only its verb ("199 were sentenced", "59 acquitted")."""
    words = (r["noun"] or "").split()
    return not words or words == ["each"] or all(w.endswith(("ed", "ly")) for w in words)


def _phrase_whole(lk: _Linker, prev: list[int], words: str) -> int | None:
    """The count of the sentence before that "Of <words>," refers to: the largest count of the
    clause (cut at commas, semicolons, "and", "but", "while") that shares the most stems with the
    phrase, its participles left out ("the ACJC tried 281 defendants in 76 cases before its trial
    chamber and 214 defendants in 68 cases before its appellate chamber. Of cases tried in the
    appellate chamber, 172 were sentenced ...": the 214, since only parts that exceed the whole
    are judged; Venezuela 2022: "the designed capacity of the country's 500 prisons was
    approximately 20,440, but the estimated inmate population was 32,300. Of the inmate population,
    29,773 were men and 2,523 were women": the 32,300); None when no clause, or two, share the most."""
    text, rows = lk.text, lk.rows
    want = {w for w in _stems(words) if len(w) >= 4 and not w.endswith("ed")}
    if not want:
        return None
    order = sorted(prev, key=lambda j: rows[j]["start"])
    sa, sb = rows[order[0]]["sentence_start"], rows[order[0]]["sentence_end"]
    cuts = [sa] + [m.end() for m in re.finditer(r"[,;]|\b(?:and|but|while|whereas)\b", text[sa:sb])] + [sb]
    cuts = sorted({c if c in (sa, sb) else sa + c for c in cuts})
    clauses = []  # (score, the counts of the clause)
    for x, y in zip(cuts, cuts[1:], strict=False):
        inside = [j for j in order if x <= rows[j]["start"] < y]
        if inside:
            clauses.append((len(want & _stems(text[x:y])), inside))
    best = max(c[0] for c in clauses)
    if not best or [c[0] for c in clauses].count(best) > 1:
        return None
    inside = next(c[1] for c in clauses if c[0] == best)
    whole = max(inside, key=lambda j: rows[j]["low"])
    if _INCLUDED.search(text, rows[order[0]]["sentence_start"], rows[whole]["start"]):
        # "The prison population included 157 minors ... Of the total prisoner population, 5,821":
        # the phrase names the set that holds the count, not the count (Israel 2017)
        return None
    return whole


_INCLUDED = re.compile(r"\binclud(?:ed|es|ing)\b", re.I)


def _stems_meet(a: set[str], b: set[str]) -> bool:
    """Two sets of stems share a word, one stem starting the other ("refuge" of "refugees" and
    "refugee" of "the refugee population")."""
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b if min(len(x), len(y)) >= 4)


def _next_cued(lk: _Linker, idx: list[int], earlier: list[list[int]], m, sa: int) -> None:
    text, rows = lk.text, lk.rows
    words = m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4") or ""
    if m.group("ofnp"):
        if re.search(_NUMBER_WORD, words, re.I):
            return
        # the phrase names its whole: in the last sentence with counts, else in one before it
        whole = next((w for w in (_phrase_whole(lk, prev, words) for prev in earlier) if w is not None), None)
    else:
        whole = _next_whole(lk, earlier[0], words)
    if whole is None:
        return
    cue_end = sa + m.end()
    t = rows[whole]
    if m.group("of") or m.group("ofnp"):
        parts = _clause_parts(lk, idx, cue_end)
        cue = "among them" if (m.group("of") or "").lower().startswith("among") else "of these"
        listed = _Listed()
        listed.parts = [j for j in parts if _list_part(t, rows[j], cue) or _people_part(t, rows[j], words)]
        if len(listed.parts) < len(parts) or _funnel(text, listed.parts, rows):
            return
        if m.group("ofnp"):
            if not listed.parts or any(not _bare(rows[j]) for j in listed.parts):
                return  # "Of the group, 46 members continued to face ...": the group, not a count of it
            # "12 were attributed to the Taliban and one each to the ANP and a progovernment militia"
            ends = [rows[j]["start"] for j in listed.parts[1:]] + [rows[listed.parts[-1]]["sentence_end"]]
            for j, b in zip(listed.parts, ends, strict=True):
                times = _times(lk, j, b, [])
                if times is None:
                    return
                if times > 1:
                    listed.times[j] = times
    else:
        cue = "these included" if m.group("inc") else "among the"
        end = _list_end(text, "word", cue_end, min(rows[idx[0]]["sentence_end"], cue_end + _LIST_REACH))
        items = _split_items(text, cue_end, end)
        listed = _read_items(lk, idx, _coordinated(text, items, False) or items[:1]) if items else None
        if (listed is None or listed.names) and items:
            listed = _read_items(lk, idx, items[:1])  # "4,000 human rights defenders and social leaders"
        if listed is None or listed.names:
            return
        if not all(_list_part(t, rows[j], cue) or _people_part(t, rows[j], words) for j in listed.parts):
            return
    if listed.parts and not any(j in lk.used_as_part for j in listed.parts):
        listed.whole = False  # what follows a reference back is a selection unless the text says otherwise
        # a phrase that names its whole is no misreading, whatever the parts add up to
        _add_listed(lk, whole, listed, cue, excess=0.0 if m.group("ofnp") else None)


def _people_part(total: dict, part: dict, words: str) -> bool:
    """After a lead that names the whole ("Those killed included ... five visitors"), a count of
    persons of no known class is some of them."""
    return bool(words) and bool(total["who"]) and not part["who"] and not part["measure"]


def _clause_parts(lk: _Linker, idx: list[int], start: int) -> list[int]:
    """The counts after `start` that open a clause ("Of those, 923 persons were found alive and
    1,975 confirmed dead"), not those inside one ("the NNP investigated 127 and found officers
    guilty in 93")."""
    text, rows = lk.text, lk.rows
    out, pos = [], start
    first = lk.before(idx, start)
    for j in idx[first:first + _MAX_PARTS]:
        q = rows[j]
        if _CLAUSE_START.search(text[max(pos, q["start"] - 40):q["start"]]) and not _is_whole_of_other(text, q):
            out.append(j)
        pos = q["end"]
    return out


def _funnel(text: str, parts: list[int], rows: list[dict]) -> bool:
    """Parts that are the stages of cases (investigated, prosecuted, convicted): nested, not added."""
    stages = set()
    for j in parts:
        after = text[rows[j]["end"]:min(rows[j]["end"] + 40, rows[j]["sentence_end"])]
        stages |= {n for n, s in enumerate(_STAGES) if s.search(after)}
    return len(stages) > 1


def _next_remainder(lk: _Linker, idx: list[int], prev: list[int]) -> None:
    """"At least 57 children were found with Platform, 23 with CMA, and the rest with other armed
    groups": the counts before the remainder split a count of the sentence before (its only one,
    or the one counting the same people)."""
    rows = lk.rows
    first = rows[idx[0]]
    rest = _REST_ITEM.search(lk.text, first["sentence_start"], first["sentence_end"])
    parts = [j for j in _clause_parts(lk, idx, first["sentence_start"]) if rows[j]["start"] < rest.start()]
    if not parts or parts[0] != idx[0] or any(j in lk.used_as_part for j in parts):
        return
    same = [j for j in prev if first["noun"] and _stems_meet(_stems(rows[j]["noun"]), _stems(first["noun"]))]
    same = same or [j for j in prev if first["noun"] and _same_thing(rows[j], first)]
    whole = same[0] if same else (prev[0] if len(prev) == 1 else None)
    if whole is None or not all(_list_part(rows[whole], rows[j], "the remaining") for j in parts):
        return
    listed = _Listed()
    listed.parts, listed.whole = parts, False
    _add_listed(lk, whole, listed, "the remaining")


def link_totals(doc: Document, ex: Extraction, max_excess: float = 2.0,
                linking: dict | None = None) -> tuple[list[Breakdown], list[PartWhole]]:
    """The breakdowns (a total and its parts) and part-wholes (a part and its whole) of one
    document: the cues read at each count of a sentence (_FIGURE_RULES), the lists after a count
    that they left alone (_listed), then the cues that link a sentence to the one before it.
    `linking` is the rule file's section of that name (the declared words read here)."""
    lk = _Linker(doc, ex, max_excess, linking)
    for idx in lk.by_sentence.values():
        for k in range(len(idx)):
            f = _Figure(lk, idx, k)
            for rule in _FIGURE_RULES:
                if rule(lk, f):
                    break
    _listed(lk)
    inherited = _of_these_next(lk)
    _of_the_noun_phrase(lk, inherited)
    _among_next(lk)
    _listed_next(lk)
    _continued_next(lk)
    _shares_short(lk)
    return lk.breakdowns, lk.part_wholes


_SHARE_OF_PART = re.compile(r"\s*\(\s*$")  # "36.7 percent (350 cases)"


def _shares_short(lk: _Linker) -> None:
    """A list given as the whole whose parts each carry their share of it, the shares making
    less than 100 percent, gives the leading parts, not all: "953 cases ... The data showed prisons
    had the highest level ..., with a percentage of 36.7 percent (350 cases), followed by ... 26.4
    percent (252 cases), ... 14.7 percent (140 cases), ... 12.8 percent (122 cases), and ... 6.6
    percent (63 cases)" (97.2 percent)."""
    text, rows = lk.text, lk.rows
    for n, b in enumerate(lk.breakdowns):
        if b.kind == "partial" or not b.parts or b.items:
            continue
        shares = []
        for p in b.parts:
            q = rows[p - 1] if p else None
            if (q is None or q["kind"] != "percent" or q["value"] != q["value"]
                    or not _SHARE_OF_PART.fullmatch(text, q["end"], rows[p]["start"])):
                break
            shares.append(q["value"])
        if len(shares) == len(b.parts) and sum(shares) + 0.5 * len(shares) < 100:
            lk.breakdowns[n] = replace(b, kind="partial")


# the next sentence gives more of the same things: "JICS received 166 complaints: 59 ..., 19 ..., and
# 13 .... JICS also received 10 complaints of sexual assault, ..."
_MORE_OF_IT = re.compile(r"\b(?:also|another|other|additional|further)\b", re.I)


def _continued_next(lk: _Linker) -> None:
    """A list read whole that falls short of its total, and a next sentence (same paragraph) that
    goes on counting the same things: opened by such a count, it is one more part ("10 male
    inmates had died in custody: four of heart attacks, two of HIV, one from cancer, one from
    tuberculosis, and one from a stroke. One inmate died in prison because of inmate-on-inmate
    violence": the tenth), unless it would take the parts past the total; with "also" or "another"
    before it, the list gave some of them ("JICS received 166 complaints: 59 ..., 19 ..., and 13
    .... JICS also received 10 complaints of sexual assault, ..."), not the whole."""
    text, rows, sents = lk.text, lk.rows, lk.ex.sentences
    for n, b in enumerate(lk.breakdowns):
        t = rows[b.total]
        si = t["sentence"]
        if b.kind != "exhaustive" or si + 1 >= len(sents) or sents[si + 1][2] != t["paragraph"]:
            continue
        if any(rows[p]["sentence"] != si for p in b.parts) or not lk.by_sentence.get(si + 1):
            continue
        lo = sum(rows[p]["low"] * b.times.get(p, 1) for p in b.parts) + len(b.items)
        hi = sum(rows[p]["high"] * b.times.get(p, 1) for p in b.parts) + len(b.items) + b.more_items
        j = lk.by_sentence[si + 1][0]
        q = rows[j]
        same = _same_thing(t, q) or _stems_meet(_stems(t["noun"]), _stems(q["noun"]))  # "inmates", "inmate"
        if hi >= t["low"] or j in lk.used_as_part or not same:
            continue
        lead = text[sents[si + 1][0]:q["start"]]
        if _MORE_OF_IT.search(lead):
            lk.breakdowns[n] = replace(b, kind="partial")
        elif not lead.strip(" \t\n\"“") and lo + q["low"] <= t["high"]:
            lk.breakdowns[n] = replace(b, parts=b.parts + [j])
            lk.used_as_part.add(j)


def _of_the_value(text: str, r: dict) -> str | None:
    """The N of "three of the 10" after a figure, if it is followed by one."""
    m = _OF_THE.match(text[r["end"]:r["sentence_end"]])
    return m.group(1) if m else None


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


def _antecedent(rows: list[dict], counts: set[int], i: int, stem: str, want: float | None) -> int | None:
    """The earlier figure that "the 14 deaths" / "the suspects" refers to (same paragraph or the
    one before), read back from it (_Antecedents finds the same one from its indexes)."""
    r = rows[i]
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




def _is_whole_of_other(text: str, r: dict) -> bool:
    """"four of the 11 witnesses", "18 of 100 seats": the figure is tied to its own whole, or
    is that whole ("of 100 seats"), and is not a part of an earlier figure."""
    return bool(_OF_NUMBER_AFTER.match(text, r["end"], r["end"] + 30)
                or _OF_BEFORE.search(text, max(0, r["start"] - 8), r["start"]))


# --- Shares that split one whole ---------------------------------------------------------------
#
# "approximately 70 percent were agropastoralists and 30 percent farmers"; "UNAMA attributed 59
# percent of civilian casualties ... to antigovernment forces, ..., 27 percent to progovernment
# forces, and 14 percent to cross fire and other sources": shares told in one breath, each of
# the whole the first names, add up to 100 percent at most.

_SHARE_SEP = re.compile(r"[,;]|\s(?:and|while|whereas)\s", re.I)
# between two shares: words that compare or relate them rather than list them
_SHARE_NOT_LIST = re.compile(r"\b(?:increas|decreas|ris[ei]|rose|fell|fall|drop|declin|grew|growth|from|compared|"
                             r"than|up|down|points?|respectively|versus|between|whom|which|among|"
                             r"previous|last|year|or\s+(?:\d|about|approximately|nearly|almost)|to\s+\d)", re.I)
_SHARE_OWN_WHOLE = re.compile(r"\s*of\s", re.I)  # "67 percent of IDPs": a share that names its whole
_SHARE_VERB = re.compile(r"\b(?:\p{Ll}+ed|were|was|is|are|had|has|have|held|made|went|came|lost|won|"
                         r"accounted|lived|worked|said|came)\b")


@dataclass
class ShareSplit:
    """Shares of one whole told in one breath: their rows, the span that names the whole (the
    sentence up to the first share), and how the text marks the list: "remaining" (its last item
    is "the remaining 10 percent", "the rest"), "parallel" (each later share takes the first's
    verb or none: "70 percent were agropastoralists and 30 percent farmers"), or ""."""

    parts: list[int]
    whole: tuple[int, int]
    marked: str


def share_splits(text: str, rows: list[dict]) -> list[ShareSplit]:
    """The lists of shares of one whole in each sentence (read by RC201; see ShareSplit)."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_sentence[r["sentence"]].append(i)
    out = []
    for idx in by_sentence.values():
        shares = [i for i in idx if rows[i]["kind"] == "percent" and rows[i]["parse_status"] == "parsed"
                  and rows[i]["high"] != float("inf") and rows[i]["number_kind"] != "vague"]
        run: list[int] = []
        for i in shares + [None]:
            if run and i is not None and _share_follows(text, rows, idx, run[-1], i):
                run.append(i)
                continue
            if len(run) >= 2:
                out.append(_share_split(text, rows, run))
            run = [i] if i is not None else []
    return out


def _share_follows(text: str, rows: list[dict], idx: list[int], a: int, b: int) -> bool:
    """May share b be the next item of a list whose last item is share a: next to it in the
    sentence (no figure between), after a comma, semicolon, "and" or "while", and with no whole
    of its own."""
    ra, rb = rows[a], rows[b]
    seg = text[ra["end"]:rb["start"]]
    return (idx.index(b) == idx.index(a) + 1 and len(seg) <= 160 and bool(_SHARE_SEP.search(seg))
            and not _SHARE_NOT_LIST.search(seg) and not _SHARE_OWN_WHOLE.match(text, rb["end"]))


def _share_split(text: str, rows: list[dict], run: list[int]) -> ShareSplit:
    first = rows[run[0]]
    ends = [rows[j]["start"] for j in run[1:]] + [first["sentence_end"]]
    tails = [text[rows[j]["end"]:e] for j, e in zip(run, ends, strict=True)]
    lead = text[rows[run[-2]]["end"]:rows[run[-1]]["start"]] if len(run) > 1 else ""
    verbs = [set(_SHARE_VERB.findall(t.split(",")[0])) for t in tails]
    earlier = any(rows[j]["kind"] == "percent" and rows[j]["start"] < first["start"]
                  for j in range(max(0, run[0] - 20), run[0]) if rows[j]["sentence"] == first["sentence"])
    if re.search(r"\bthe\s+(?:remaining|rest|other)\s*$", lead, re.I) and not earlier:
        # (a share before the list, left out of it, may be one of its items: no remainder then)
        marked = "remaining"
    elif all(v <= verbs[0] for v in verbs[1:]):
        marked = "parallel"
    else:
        marked = ""
    return ShareSplit(list(run), (first["sentence_start"], first["start"]), marked)
