"""Totals and parts: a total with its breakdown, a part stated against its whole.

Each cue of the text is one rule below ("(189 boys, 26 girls)", "which included", "Of the 10
suspects, ...", "two of the 14 deaths", ", among 290", "Among these ..." in the next sentence).
A part must count the same thing as its whole; breakdowns several times their total are
misreadings, not findings.
"""
from __future__ import annotations

import bisect
from collections import defaultdict

import regex as re

from ..extract.figures import Extraction
from ..extract.numbers import NUMBER_WORDS, parse_number
from ..model import Document
from .model import SPECIFIC as _SPECIFIC
from .model import Breakdown, PartWhole

_PAREN_OPEN = re.compile(r"^\s*\(")
_INCLUDE = re.compile(r"\b(which\s+included|which\s+include|including|included|among\s+them|among\s+whom|of\s+whom|"
                      r"comprising|consisting\s+of|broken\s+down\s+as|namely)\b", re.I)
_EXHAUSTIVE_CUES = ("which included", "which include", "comprising", "consisting of", "broken down as", "namely",
                    "parenthesis", "of the")
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

    def __init__(self, doc: Document, ex: Extraction, max_excess: float):
        self.text = doc.text
        self.ex = ex
        self.rows = rows = ex.rows
        self.max_excess = max_excess
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

    def add(self, total: int, parts: list[int], kind: str, cue: str, check_parts: bool = True) -> None:
        rows = self.rows
        # parts announced by a cue word must count the same thing as the total; the
        # following-sentence breakdowns are already held to the same measure and period
        kept = [p for p in parts if p != total and (not check_parts or _same_thing(rows[total], rows[p]))]
        if len(kept) < len([p for p in parts if p != total]) and kind == "exhaustive":
            kind = "partial"  # a part we cannot read ("four current ... employees"): not the whole split
        parts = kept
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
    lk.add(f.i, parts, "exhaustive" if cue in _EXHAUSTIVE_CUES else "partial", cue)
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
    if whole is None or i in lk.used_as_part:
        return False
    same_whole = [j for j in f.rest if _of_the_value(text, rows[j]) == value] if value else []
    if same_whole:
        lk.add(whole, [i] + same_whole, "partial", "of the", check_parts=False)
        return True
    lk.add(whole, [i] + _outcomes(lk, f, whole, r["end"] + m.end()), "partial", "of the", check_parts=False)
    return True


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


def link_totals(doc: Document, ex: Extraction, max_excess: float = 2.0) -> tuple[list[Breakdown], list[PartWhole]]:
    """The breakdowns (a total and its parts) and part-wholes (a part and its whole) of one
    document: the cues read at each count of a sentence (_FIGURE_RULES), then the cues that
    link a sentence to the one before it."""
    lk = _Linker(doc, ex, max_excess)
    for idx in lk.by_sentence.values():
        for k in range(len(idx)):
            f = _Figure(lk, idx, k)
            for rule in _FIGURE_RULES:
                if rule(lk, f):
                    break
    inherited = _of_these_next(lk)
    _of_the_noun_phrase(lk, inherited)
    _among_next(lk)
    return lk.breakdowns, lk.part_wholes


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
