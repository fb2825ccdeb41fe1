"""Arithmetic a report states about its own figures: multiples, percent changes and shares.

"The number of death sentences ... quadrupled between 2017 and 2018, to at least 271, compared
with 125 the year before" states that 271 is four times 125; "increased from 717 to 1,149, a 36
percent increase" that 1,149 is 1.36 times 717; "423 of the 547 seats (77 percent)" that 423 is
77 percent of 547. Each such statement is one Claim: the words that state the arithmetic (the
cue) and the rows of the figures table it is about, by role. Nothing here judges a claim
(checks.stated_arithmetic does).

A claim is read only when its figures stand where the grammar puts them ("from X to Y", "to Y,
compared with X", "X of Y (P percent)"): a multiple or a percentage without both figures in the
sentence ("doubled during the year", "a 24 percent increase") is no claim, and neither is one
whose figures belong to another verb ("a fourfold increase in funding ..., the number of foster
families continued to increase, from 45 to 75"). The patterns run on a skeleton of the sentence
in which every figure is one character (its kind and row), so that they say "a figure" rather
than every way of writing one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

from ..extract.numbers import parse_number

# skeleton characters: one private-use character per figure, its block telling its kind
# P a percentage, N a count or an amount, X a multiple's words, U a number the extraction did not
# keep, R a rate ("3.6 per 1,000 prisoners"), O anything else (a duration, an age)
_BASE = {"P": 0xE000, "N": 0xE400, "X": 0xE800, "U": 0xEC00, "R": 0xF000, "O": 0xF400}
_BLOCK = 0x400
_CLASS = {k: f"[{chr(b)}-{chr(b + _BLOCK - 1)}]" for k, b in _BASE.items()}
_STOPS = "\ue000-\uefff"  # P, N, X and U: what a gap between the parts of a claim may not hold
_PRIVATE = re.compile("[\ue000-\uf7ff]")  # such characters in the text itself are blanked in a skeleton

_PERCENT_WORD = re.compile(r"\s*(?:percent|per\s+cent|%)", re.I)
# "per 1,000 persons", "one in five": a rate's denominator, never a claim's figure
_DENOMINATOR = re.compile(r"(?:\bper|\bevery|\b(?:one|two|three|four|five|\d+)\s+in)\s*$", re.I)
# "3.6 per 1,000 prisoners", "148 per thousand": a rate, compared only with another rate
_RATE = re.compile(r"(?:\s+[\p{L}-]+){0,3}?\s+per\s+(?:1,000|10,000|100,000|1,000,000|thousand|hundred|"
                   r"one\s+hundred\s+thousand|million)\b", re.I)
# an amount in parentheses right after another amount is its conversion ("900,000 ouguiyas ($24,300)")
_CONVERSION_OPEN = re.compile(r"\(\s*(?:approximately\s+|about\s+|some\s+)?(?:US\$|\$|€|£|USD\s*|EUR\s*)?\s*$", re.I)
# a number with a thousands separator or of three digits that is no year: it stands between a claim's
# figures even when the extraction did not keep it ("courts imposed sentences in 2,016 cases")
_BARE_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|(?!(?:1[89]|20)\d\d\b)\d{3,})(?![\w,]*\d)")
# a count after these words says where or among what the figure before it was counted
# in the clause of a count before it ("285 workers fainted in six factories", not "rose 39 percent in
# 2020 to 2,788 cases, and courts imposed sentences in 2,016 cases")
_WHERE_BEFORE = re.compile(r"\b(?:in|at|across|within|throughout)\s+(?:the\s+)?$", re.I)
_SAME_CLAUSE = re.compile(r"(?:(?!\band\b)[^,;:()\d]){0,60}", re.I)
_SCALE_WORD = re.compile(r"\b(thousand|million|billion|trillion)\b", re.I)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# words that start a change of their own: a from-to after one of them belongs to it, not to the
# multiple before ("a fourfold increase in funding ..., the number ... continued to increase, from 45")
_CHANGE_VERB = (r"\b(?:increas\w*|decreas\w*|rose|rise[sn]?|rising|grew|grow\w*|fell|fall\w*|drop\w*|declin\w*|"
                r"jump\w*|doubl\w*|tripl\w*|quadrupl\w*|halv\w*|reduc\w*|climb\w*|surg\w*)\b")
_NUMBER_WORDS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred").split()

_UP = "increase rise jump growth hike increased rose grew jumped climbed surged up higher more".split()
_DOWN = "decrease drop decline fall reduction cut decreased declined dropped fell reduced down lower fewer less".split()


@dataclass
class Claim:
    """One statement of arithmetic about figures of the report."""

    kind: str  # "multiple" | "change" | "share" | "addition"
    sentence: int
    start: int  # the claim as written: from its first word to its last figure
    end: int
    cue: str  # the words that state the arithmetic: "quadrupled", "a 36 percent increase", "(77 percent)"
    cue_start: int
    cue_end: int
    # role -> row index: "from", "to" (multiple, change, addition), "percent" (change, share), "part",
    # "whole" (share), "added" (addition)
    figures: dict[str, int] = field(default_factory=dict)
    factor: float | None = None  # multiple: 4 for "quadrupled", 0.5 for "halved"
    qualifier: str = "exact"  # multiple: the qualifier table's key of the words before it ("more than doubled")
    direction: int = 0  # change: 1 an increase, -1 a decrease
    form: str = ""  # which reading found it ("from-to", "compared-with" ...)
    # share: the (part, whole) row pairs listed before "part of whole" ("nine of 45 senators and 12 of 80
    # deputies, or 17 percent"): the percentage may be of the sums
    listed: list[tuple[int, int]] = field(default_factory=list)
    overall: bool = False  # share: the words say the percentage is of the sums ("16 percent overall")


@dataclass
class _Skeleton:
    text: str  # the sentence, each figure and multiple word one character
    pos: list[int]  # skeleton index -> document offset (one more entry: the end)
    ends: list[int]  # skeleton index -> document offset of the end of what that character stands for
    rows: dict[str, list[int]]  # kind -> row index by token number
    spans: dict[str, list[tuple[int, int]]]  # kind -> (start, end) in the document by token number
    multiples: list[tuple[float, str, str]]  # token number -> (factor, qualifier key, words)


def link_claims(text: str, rows: list[dict], rules: dict) -> list[Claim]:
    """Every claim of arithmetic the report makes about its own figures, in the order of the text."""
    conf = (rules.get("checks") or {}).get("RC108") or {}
    words = {str(k).lower(): float(v) for k, v in (conf.get("multiples") or {}).items()}
    phrases = {" ".join(str(p).lower().split()): str(k) for k, q in (rules.get("qualifiers") or {}).items()
               for p in (q.get("phrases") or ())}
    phrases.update({str(p).lower(): str(k) for p, k in (conf.get("qualifier_phrases") or {}).items()})
    suffixes = tuple(str(x) for x in conf.get("multiple_suffixes") or ())
    cue_rx = _multiple_rx(tuple(sorted(words)), tuple(sorted(phrases)), suffixes)
    hint = tuple(w.lower() for w in (*words, *(x.strip() for x in suffixes)))
    by_sentence: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        if r["parse_status"] == "parsed":
            by_sentence.setdefault(int(r["sentence"]), []).append(i)
    out: list[Claim] = []
    for sent, idx in by_sentence.items():
        if len(idx) < 2:
            continue
        a, b = int(rows[idx[0]]["sentence_start"]), int(rows[idx[0]]["sentence_end"])
        out.extend(_additions(text, a, b, rows, idx, sent))
        multiple = _mentions(text[a:b].lower(), hint)
        if not multiple and not any(rows[i]["kind"] == "percent" for i in idx):
            continue  # neither a percentage nor a multiple: nothing to claim
        sk = _skeleton(text, a, b, rows, idx, cue_rx if multiple else None, words, phrases)
        if sk is None:
            continue
        cues: set = set()
        found = [*(_multiples(sk, sent, text) if sk.multiples else ()),
                 *(_changes(sk, sent, text) if _CHANGE_CUE_RX.search(sk.text) else ()),
                 *(_shares(sk, sent, text, rows) if _SHARE_HINT.search(sk.text) else ())]
        for claim in found:
            # one reading per cue (a multiple's words, a percentage): the forms are tried in order, the
            # first that fits stands
            cue = claim.figures.get("percent", ("x", claim.cue_start))
            if cue in cues or len(set(claim.figures.values())) != len(claim.figures):
                continue
            cues.add(cue)
            out.append(claim)
    out.sort(key=lambda c: (c.start, c.end))
    return out


# --- additions: "N new ..., expanding ... from A to B" ---------------------------------------------------------

_NUM = (r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|"
        r"forty|fifty)")
# "appointed three new Supreme Court judges, including ..., expanding the court from nine to 11 judges"
# (Burma 2022); "two new female ministers in October, increasing the number of women who hold the rank
# of minister from three to five"
_ADDITION = re.compile(rf"\b(?P<n>{_NUM})\s+(?:new|additional)\s(?:[^.;:\d]){{0,120}}?\b(?P<cue>(?:increasing|"
                       rf"expanding|raising|bringing|enlarging|growing)\b(?:[^.;:\d]){{0,60}}?\bfrom)\s+"
                       rf"(?P<a>{_NUM})\s+to\s+(?P<b>{_NUM})\b", re.I)


def _additions(text: str, a: int, b: int, rows: list[dict], idx: list[int], sent: int) -> list[Claim]:
    """Claims that N things added take a number from A to B (B - A must be N), when all three are
    figures of the sentence."""
    if len(idx) < 3 or not re.search(r"\b(?:new|additional)\b", text[a:b], re.I):
        return []
    at = {int(rows[i]["start"]) + max(0, str(rows[i]["quote"]).find(str(rows[i]["number_text"]))): i for i in idx}
    out = []
    for m in _ADDITION.finditer(text, a, b):
        figures = {role: at.get(m.start(g)) for role, g in (("added", "n"), ("from", "a"), ("to", "b"))}
        if None in figures.values():
            continue
        out.append(Claim("addition", sent, m.start(), m.end(), " ".join(m.group("cue").split()), m.start("cue"),
                         m.end("cue"), figures, form="added-from-to"))
    return out


# --- the skeleton of a sentence ----------------------------------------------------------------------------

def _mentions(sentence: str, words: tuple[str, ...]) -> bool:
    """A quick test before the multiple's full pattern: one of its words is in the (lower-case) sentence."""
    return any(w in sentence for w in words)


@lru_cache(maxsize=8)
def _multiple_rx(words: tuple[str, ...], phrases: tuple[str, ...], suffixes: tuple[str, ...]) -> re.Pattern:
    """A multiple as written, with the qualifier before it: "quadrupled", "more than doubled", "a near
    doubling", "fourfold", "13-fold", "five times"."""
    quals = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"
    named = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    number = r"(?:\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?:-(?:" + "|".join(_NUMBER_WORDS[:8]) + r"))?"
    suffix = "|".join(re.escape(str(s).strip()) for s in suffixes) or "(?!)"
    return re.compile(
        rf"(?:\b(?P<q>{quals})\s+)?(?:\b(?P<word>{named})\b(?![-‐]\w)|\b(?P<n>{number})[-\s]?(?P<suffix>{suffix})\b"
        r"(?![-‐]\w))", re.I)


def _number_span(text: str, r: dict) -> tuple[int, int, bool]:
    """The qualifier and the number of a row ("at least 271" of "at least 271 death sentences"),
    with "percent" when it is a percentage (and whether it is: "198" may be read as one)."""
    start = int(r["start"])
    k = r["quote"].find(r["number_text"]) if r["number_text"] else -1
    end = start + k + len(r["number_text"]) if k >= 0 else int(r["end"])
    if r["kind"] == "percent":
        m = _PERCENT_WORD.match(text, end)
        if m:
            return start, m.end(), True
    return start, end, False


def _skeleton(text: str, a: int, b: int, rows: list[dict], idx: list[int], cue_rx, words, phrases) -> _Skeleton | None:
    """The sentence text[a:b] with each figure of rows `idx` and each multiple's words (found by `cue_rx`)
    one character; None when it has neither a percentage nor a multiple."""
    items: list[tuple[int, int, str, object]] = []  # (start, end, kind, row or multiple)
    for m in cue_rx.finditer(text, a, b) if cue_rx is not None else ():
        if m.group("word"):
            factor = words[m.group("word").lower()]
        else:
            factor = parse_number(m.group("n").replace("-", " "))
            if factor is None or factor < 2:
                continue
        if re.match(r"\s+(?:decrease|reduction|drop|decline|fall|cut)\b", text[m.end():m.end() + 12], re.I):
            factor = 1 / factor  # "a twofold decrease"
        qual = phrases.get(" ".join(m.group("q").lower().split()), "exact") if m.group("q") else "exact"
        items.append((m.start(), m.end(), "X", (factor, qual, " ".join(m.group().split()))))
    taken = [(s, e) for s, e, _, _ in items]
    skipped: list[tuple[int, int]] = []  # figures that are no claim's: they stay text
    prev_money: tuple[int, int] | None = None
    prev_count: int | None = None  # where the last count ended
    for i in idx:
        r = rows[i]
        s, e, percent = _number_span(text, r)
        if any(s < te and ts < e for ts, te in taken):
            continue  # the number of a multiple ("13-fold", "five times")
        before = text[max(a, s - 12):s]
        if _DENOMINATOR.search(before):
            skipped.append((s, e))
            continue
        if r["kind"] == "money" and prev_money and _CONVERSION_OPEN.search(text[prev_money[1]:s]):
            skipped.append((s, e))
            continue  # the equivalent of the amount before it
        if r["kind"] == "money":
            prev_money = (s, e)
        kind = "P" if percent else "N" if r["kind"] in ("count", "money", "percent") else "O"
        if (kind == "N" and r["kind"] == "count" and prev_count is not None
                and _WHERE_BEFORE.search(text, max(a, s - 16), s) and _SAME_CLAUSE.fullmatch(text, prev_count, s)):
            kind = "O"  # "285 workers fainted in six factories ..., down 47 percent from 538": where, not what
        if r["kind"] == "count":
            prev_count = e
        if r["kind"] == "share" and r["number_kind"] == "digits":
            kind = "N"  # "half", "one-third" are fractions, not counts; "3,130 third-country nationals" is one
        if kind == "N" and _RATE.match(text, e):
            kind = "R"
        items.append((s, e, kind, i))
    if not any(k == "X" for _, _, k, _ in items) and not any(k == "P" for _, _, k, _ in items):
        return None
    for m in _BARE_NUMBER.finditer(text, a, b):
        if not any(m.start() < e and s < m.end() for s, e in [*((s, e) for s, e, _, _ in items), *skipped]):
            items.append((m.start(), m.end(), "U", -1))  # "2,016 cases" read as a year: a figure all the same
    items.sort(key=lambda t: (t[0], -t[1]))
    chars: list[str] = []
    pos: list[int] = []
    ends: list[int] = []
    rows_by: dict[str, list] = {k: [] for k in _BASE}
    spans_by: dict[str, list] = {k: [] for k in _BASE}
    at = a
    for s, e, kind, obj in items:
        if s < at:
            continue  # overlapping figures: the first one stands
        chars.append(_PRIVATE.sub(" ", text[at:s]))
        pos.extend(range(at, s))
        ends.extend(range(at + 1, s + 1))
        n = len(rows_by[kind])
        if n >= _BLOCK:
            return None
        chars.append(chr(_BASE[kind] + n))
        pos.append(s)
        ends.append(e)
        rows_by[kind].append(obj)
        spans_by[kind].append((s, e))
        at = e
    chars.append(_PRIVATE.sub(" ", text[at:b]))
    pos.extend(range(at, b))
    ends.extend(range(at + 1, b + 1))
    pos.append(b)
    multiples = rows_by.pop("X")
    return _Skeleton("".join(chars), pos, ends, rows_by, spans_by, multiples)


def _token(sk: _Skeleton, ch: str) -> tuple[str, int]:
    code = ord(ch)
    for kind, base in _BASE.items():
        if base <= code < base + _BLOCK:
            return kind, code - base
    raise ValueError(ch)


def _row(sk: _Skeleton, m, group: str) -> int:
    kind, n = _token(sk, m.group(group))
    return sk.rows[kind][n]


def _span(sk: _Skeleton, m, group: str | int = 0) -> tuple[int, int]:
    """Document offsets of a match (or of one of its groups)."""
    s, e = m.span(group)
    return sk.pos[s], sk.ends[e - 1] if e > s else sk.pos[s]


# --- patterns -------------------------------------------------------------------------------------------------

def _gap(n: int, verbs: bool = True, semicolon: bool = False) -> str:
    """Up to n characters between two parts of a claim: no figure of its own (a duration or a rate
    may stand there), no colon (nor a semicolon unless allowed), and (verbs=False) no verb of change
    of its own."""
    guard = "" if verbs else rf"(?!{_CHANGE_VERB})"
    stops = ":" if semicolon else ";:"
    return rf"(?:{guard}[^{_STOPS}{stops}]){{0,{n}}}?"


def _expand(pattern: str) -> re.Pattern:
    pattern = pattern.replace("{F}", "(?:{N}|{P}|{R})")
    for k, cls in _CLASS.items():
        pattern = pattern.replace("{" + k + "}", cls)
    return re.compile(pattern, re.I | re.V1)


_THE = r"(?:the\s+|a\s+total\s+of\s+|an\s+estimated\s+|its\s+|their\s+)?"
_YEAR_OPEN = r"(?:(?:[A-Z][a-z]+\s+)?\d{4}\s*\(\s*)?"  # "from 2016 (9,364 cases)"
_FROM = rf"from\s+{_YEAR_OPEN}{_THE}(?P<a>{{F}})"
_TO = rf"to\s+{_YEAR_OPEN}{_THE}(?P<b>{{F}})"
_FROM_TO = (rf"(?:{_FROM}{_gap(60)}\s{_TO}"
            rf"|between\s+\d{{4}}\s*\(\s*(?P<a>{{F}})[^()]{{0,30}}\)\s+and\s+\d{{4}}\s*\(\s*(?P<b>{{F}}))")
_COMPARED_WORDS = r"(?:compared\s+(?:with|to)|as\s+against|versus|vs\.?)"
_COMPARED = _COMPARED_WORDS + r"\s+" + _THE
_OPEN = r"(?:,\s*|\s*\(|\s+)"  # before a "from": "doubled, from", "(from 609 in 2019 to 1,225)"
# what a change or a multiple is from, after its cue: "from the 1.1 million", "over the 65 cases",
# "compared with the same period in 2020 (778)", "since the October 2020 cease-fire figure of 544,618",
# "from 2020, when 1,386"
_BASE_FIGURE = (rf"(?:from|over|on|since|{_COMPARED_WORDS})\s+{_THE}"
                rf"(?:{_gap(60)}(?:\(\s*|,\s*when\s+|\b(?:figure|total|number|level|count)\s+of\s+))?"
                rf"(?P<a>{{F}})")

_MULTIPLE_FORMS = [
    # "quadrupled the size of its labor inspectorate from five to 21 inspectors"
    ("from-to", _expand(rf"(?P<x>{{X}}){_gap(120, verbs=False)}{_OPEN}{_FROM_TO}")),
    # "nearly quadrupled to 1,676, up from 436"
    ("to-from", _expand(rf"(?P<x>{{X}}){_gap(60, verbs=False)}\bto\s+{_THE}(?P<b>{{F}}){_gap(40, verbs=False)}"
                        rf"(?:,\s*)?(?:up\s+|down\s+)?from\s+{_THE}(?P<a>{{F}})")),
    # "quadrupled between 2017 and 2018, to at least 271, compared with 125 the year before";
    # "femicides doubled in the first half of the year; 26 women were killed, compared with 13 cases"
    ("compared-with", _expand(rf"(?P<x>{{X}}){_gap(200, verbs=False, semicolon=True)}(?<![-\w])(?P<b>{{F}})"
                              rf"{_gap(80)}(?:,\s*|\s+){_COMPARED}(?P<a>{{F}})")),
    # "8.1 million children needed ..., a more than sevenfold increase from the 1.1 million reported"
    ("increase-from", _expand(rf"(?P<b>{{F}}){_gap(100, verbs=False)},?\s*(?:which\s+(?:is|was)\s+|an?\s+|"
                              rf"representing\s+an?\s+)(?P<x>{{X}})(?:\s+(?:increase|rise|jump|growth))?\s+"
                              rf"{_BASE_FIGURE}")),
    # "148 per thousand, was double the national average of 74 per thousand", "Only 196 arrived during
    # the year, nearly three times the 67 who arrived in 2022"
    ("times-the", _expand(rf"(?P<b>{{F}}){_gap(100, verbs=False)},\s*(?:which\s+(?:is|was)\s+|was\s+|or\s+)?"
                          rf"(?P<x>{{X}})\s+(?:the|its|their|that\s+of\s+the)\s+(?:{_gap(50, verbs=False)}"
                          rf"\b(?:of|at)\s+{_THE})?(?P<a>{{F}})")),
    # "operated at more than three times their operating capacity of 12,299, holding 46,272 prisoners"
    ("times-capacity", _expand(rf"(?P<x>{{X}})\s+(?:the|its|their)\s+{_gap(40, verbs=False)}\bcapacity\s+of\s+"
                               rf"(?P<a>{{F}}){_gap(20)},?\s+(?:and\s+)?(?:was\s+)?(?:holding|housing|with)\s+"
                               rf"(?P<b>{{F}})")),
    # "(4.46) was almost three times higher than the average prior to that terrorist attack (1.55)"
    ("times-than", _expand(rf"(?P<b>{{F}})\)?\s*,?\s*(?:which\s+)?(?:was|were|is|are)\s+(?P<x>{{X}})\s+"
                           rf"(?P<than>higher|more|greater|larger|lower|less|fewer|smaller)\s+than\s+"
                           rf"(?:{_gap(60, verbs=False)}(?:\(\s*|,\s*when\s+))?(?P<a>{{F}})")),
    # "increased from 8 to 18, more than doubling"
    ("from-to-then", _expand(rf"\b{_FROM_TO}{_gap(40, verbs=False)},\s*(?:an?\s+|which\s+(?:is|was)\s+)?"
                             rf"(?P<x>{{X}})")),
]

# the noun alone: "50 percent increased" is a verb whose subject is the percentage ("schools where
# the ratio of Romani children exceeds 50 percent increased from 270 ... to almost 350"), no cue
_CHANGE_NOUN = r"(?:increase|rise|jump|growth|hike|decrease|drop|decline|fall|reduction|cut)(?![\p{L}-])"
# a change stated as a noun ("a 36 percent increase", "an increase of 30 percent", "up 15 percent"),
# which may follow the figure it is about, or as a verb ("rose by 246 percent"), whose subject is
# the figure before it only when nothing else stands between
_CHANGE_NOUN_CUE = (
    rf"(?:an?\s+(?:sharp\s+|slight\s+)?)?(?P<p>{{P}})\s+(?P<dir>{_CHANGE_NOUN})"
    rf"|(?:an?\s+(?:sharp\s+|slight\s+)?)?(?P<dir>{_CHANGE_NOUN})\s+of\s+(?P<p>{{P}})"
    r"|(?P<dir>up|down)\s+(?:by\s+)?(?P<p>{P})"
)
_CHANGE_CUE = (
    _CHANGE_NOUN_CUE +
    r"|(?:was\s+)?(?P<dir>increased|rose|grew|jumped|climbed|surged|decreased|declined|dropped|fell|reduced)"
    r"\s+(?:by\s+)?(?P<p>{P})"
)
_CHANGE_FORMS = [
    # "increased by 8 percent, from 590,000 to 641,000", "increased by 60 percent (from 91,379 to 145,118)",
    # "increased by 75 percent between 2017 (190 convictions) and 2019 (333)"
    ("from-to", _expand(rf"(?P<cue>{_CHANGE_CUE}){_gap(80, verbs=False)}{_OPEN}{_FROM_TO}")),
    # "increased from 717 to 1,149, a 36 percent increase"
    ("from-to-then", _expand(rf"\b{_FROM_TO}{_gap(60, verbs=False)},?\s*(?:which\s+(?:is|was)\s+|representing\s+)?"
                             rf"(?P<cue>{_CHANGE_CUE})")),
    # "540 complaints in 2018, a 74 percent increase compared with the 309 complaints received in 2017",
    # "77 cases ..., an increase of 18 percent over the 65 cases"
    ("increase-from", _expand(rf"(?P<b>{{F}}){_gap(140, verbs=False)},?\s*(?:[-–—]\s*)?(?:which\s+(?:is|was)\s+|"
                              rf"representing\s+|marking\s+|reflecting\s+|constituting\s+)?(?P<cue>{_CHANGE_NOUN_CUE})"
                              rf"{_gap(40, verbs=False)},?\s{_BASE_FIGURE}")),
    # "834 complaints of anti-Semitism in 2018, compared with 404 in 2017, a 107 percent increase"
    ("compared-then", _expand(rf"(?P<b>{{F}}){_gap(80, verbs=False)},?\s*{_COMPARED}(?P<a>{{F}})"
                              rf"{_gap(60, verbs=False)}(?:,\s*|\s*[-–—]\s*)(?:only\s+)?(?:which\s+(?:is|was)\s+|"
                              rf"representing\s+)?(?P<cue>{_CHANGE_NOUN_CUE})")),
    # "The 69 incidents ... were down from 123 in 2019 and represented a reduction of 44 percent"
    ("down-from-then", _expand(rf"(?P<b>{{F}}){_gap(80, verbs=False)}\b(?:up|down)\s+from\s+{_THE}(?P<a>{{F}})"
                               rf"{_gap(40, verbs=False)}(?:,\s*|\s+and\s+)(?:represented\s+|representing\s+)?"
                               rf"(?P<cue>{_CHANGE_NOUN_CUE})")),
    # "a 66 percent increase in reports of physical assaults in 2018, to 231 cases, compared with 139 cases"
    ("to-compared", _expand(rf"(?P<cue>{_CHANGE_CUE}){_gap(80, verbs=False)},?\s+to\s+{_THE}(?P<b>{{F}})"
                            rf"{_gap(60, verbs=False)},?\s*(?:{_COMPARED}|up\s+from\s+|down\s+from\s+|from\s+)"
                            rf"{_THE}(?P<a>{{F}})")),
    # "increased 36 percent in 2019, with 1,870 acts compared to 1,380 in 2018"
    ("with-compared", _expand(rf"(?P<cue>{_CHANGE_CUE}){_gap(60, verbs=False)},?\s+with\s+{_THE}(?P<b>{{F}})"
                              rf"{_gap(40, verbs=False)},?\s*{_COMPARED}(?P<a>{{F}})")),
]

# cheap tests before the forms of a kind are tried on a sentence
_CHANGE_CUE_RX = _expand(_CHANGE_CUE)
_SHARE_HINT = _expand(r"(?s)^(?=.*{P})(?=.*\bof\s+(?:the\s+|a\s+total\s+of\s+|all\s+)?{N})")

_OF = r"\s+(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+|all\s+)?"
_WORDS = r"(?P<w>(?:\s+[\p{L}’'\-]+){0,6}?)"
_SHARE_FORMS = [
    # "16 of 76 (22 percent) of the candidates", "42 of 136 members elected were women (30.9 percent)"
    ("of-parenthesis", _expand(rf"(?P<part>{{N}}){_OF}(?P<whole>{{N}}){_WORDS}\s*\(\s*(?P<p>{{P}})\s*\)")),
    # "257 of 2,029, or 13 percent, of judges", "20 of the 118 candidates were women, constituting 17 percent"
    ("of-or", _expand(rf"(?P<part>{{N}}){_OF}(?P<whole>{{N}}){_WORDS},?\s+(?:or|representing|constituting|"
                      rf"accounting\s+for|i\.e\.)\s+(?P<p>{{P}})")),
    # "women won 38 of the 141 seats, 27 percent of the seats", "47,882 of 140,948 detainees, 34 percent of
    # the total inmate population"
    ("of-comma", _expand(rf"(?P<part>{{N}}){_OF}(?P<whole>{{N}}){_WORDS},\s+(?P<p>{{P}})(?=\s+of\s)")),
    # "77 percent (423 of 547)", "66 percent of the affected mining sites (198 out of 265)"
    ("percent-parenthesis", _expand(rf"(?P<p>{{P}})(?:\s+of\s+(?:the\s+)?(?:[\p{{L}}’'\-]+\s+){{0,5}}?[\p{{L}}’'\-]+)?"
                                    rf"\s*\(\s*(?P<part>{{N}}){_OF}(?P<whole>{{N}})[^()]{{0,60}}\)")),
    # "17 (20 percent) of 83 delegate seats"
    ("parenthesis-of", _expand(rf"(?P<part>{{N}})\s*\(\s*(?P<p>{{P}})\s*\){_OF}(?P<whole>{{N}})")),
    # "31.2 percent, or two million out of 6.4 million employees"
    ("percent-or-of", _expand(rf"(?P<p>{{P}}),?\s+or\s+(?P<part>{{N}}){_OF}(?P<whole>{{N}})")),
    # "Out of 143 mayors in BiH, only five women (3.49 percent)", "Of the 220 deputies ..., 65, or 30 percent"
    ("out-of-first", _expand(rf"(?:^|(?<=[,;:]\s*)|(?<=\b(?:that|and|but)\s+))(?:out\s+of|of)\s+(?:the\s+|a\s+total\s+"
                             rf"of\s+|all\s+)?(?P<whole>{{N}}){_gap(80)},\s+(?:[\p{{L}}’'\-]+\s+){{0,5}}?(?P<part>{{N}})"
                             rf"(?:\s+[\p{{L}}’'\-]+){{0,3}}?(?:\s*\(\s*(?P<p>{{P}})\s*\)|,?\s+or\s+(?P<p>{{P}}))")),
]
# "nine of 45 senators and 12 of 80 national deputies, or 17 percent": a pair coordinated before another
_LISTED_PAIR = _expand(rf"(?P<part>{{N}}){_OF}(?P<whole>{{N}}){_WORDS}(?:,\s+and|,|\s+and)\s+$")
_OVERALL = re.compile(r"\s+(?:overall|in\s+total|combined|altogether|together)\b", re.I)
# "..., 39 requests (0.06 percent) were approved, and 121 (0.2 percent) were rejected": more parts of one whole
_MORE_PARTS = _expand(rf"\G{_gap(60)},?\s+and\s+(?P<part>{{N}})(?:\s+[\p{{L}}’'\-]+){{0,3}}?\s*\(\s*(?P<p>{{P}})\s*\)")


def _direction(word: str) -> int:
    w = word.lower()
    return 1 if w in _UP else -1 if w in _DOWN else 0


# the figure a change is about, told before its cue, must be what changed: not the whole of
# something ("18 women ... out of 30 female candidates, a 50 percent increase from the 12 women"),
# nor the last item of a list ("including 857 antichristian acts, 589 antisemitic acts, and 213
# anti-Muslim acts, representing a 20 percent increase from 2020, when 1,386")
_WHOLE_BEFORE = re.compile(r"\b(?:out\s+of|of|among|per)\s+(?:the\s+|a\s+total\s+of\s+|all\s+)?$", re.I)
_LISTED = _expand(rf"{{F}}[^{_STOPS};]{{0,60}}(?:,|\band|\bor)\s+(?:[\p{{L}}’'\-]+\s+){{0,3}}$")
# a "from ... to" after these words is a range of values, not a change from one to the other
_RANGE_BEFORE = re.compile(r"\b(?:range[sd]?|ranging|var(?:y|ies|ied|ying))\s+(?:\w+\s+){0,2}from\s+(?:\S+\s+)?$", re.I)
_BEFORE_CUE = {"increase-from", "times-the", "compared-then", "down-from-then", "times-than"}


def _pair(sk: _Skeleton, m, text: str, form: str) -> bool:
    """The two figures of a multiple or a change can be compared: both percentages, both rates or
    both counts, and (told before the cue) the one that changed."""
    if _token(sk, m.group("a"))[0] != _token(sk, m.group("b"))[0]:
        return False
    if form.startswith("from-to"):
        start = sk.pos[m.start("a")]
        if _RANGE_BEFORE.search(text[max(0, start - 30):start]):
            return False  # "Penalties ... range from 402 reais to 1,891 reais ..., doubling for a second violation"
    if form in _BEFORE_CUE:
        start = sk.pos[m.start("b")]
        if _WHOLE_BEFORE.search(text[max(0, start - 24):start]) or text[max(0, start - 2):start].strip() == "(":
            return False  # "(778) and a 9 percent decrease": a figure in parentheses glosses another
        return not _LISTED.search(sk.text, max(0, m.start("b") - 120), m.start("b"))
    return True


def _multiples(sk: _Skeleton, sent: int, text: str) -> list[Claim]:
    out = []
    for form, rx in _MULTIPLE_FORMS:
        for m in rx.finditer(sk.text, overlapped=True):
            if not _pair(sk, m, text, form):
                continue
            _, n = _token(sk, m.group("x"))
            factor, qual, words = sk.multiples[n]
            than = m.groupdict().get("than")
            if than and than.lower() in _DOWN:
                factor = 1 / factor  # "three times less than"
            start, end = _span(sk, m)
            cs, ce = sk.spans["X"][n]
            out.append(Claim("multiple", sent, start, end, words, cs, ce,
                             {"from": _row(sk, m, "a"), "to": _row(sk, m, "b")}, factor=factor, qualifier=qual,
                             form=form))
    return out


def _changes(sk: _Skeleton, sent: int, text: str) -> list[Claim]:
    out = []
    for form, rx in _CHANGE_FORMS:
        for m in rx.finditer(sk.text, overlapped=True):
            direction = _direction(m.group("dir"))
            if not direction or not _pair(sk, m, text, form):
                continue
            start, end = _span(sk, m)
            cs, ce = _span(sk, m, "cue")
            out.append(Claim("change", sent, start, end, " ".join(text[cs:ce].split()), cs, ce,
                             {"from": _row(sk, m, "a"), "to": _row(sk, m, "b"), "percent": _row(sk, m, "p")},
                             direction=direction, form=form))
    return out


def _shares(sk: _Skeleton, sent: int, text: str, rows: list[dict]) -> list[Claim]:
    out = []
    for form, rx in _SHARE_FORMS:
        for m in rx.finditer(sk.text, overlapped=True):
            whole = _row(sk, m, "whole")
            if _in_words(rows[whole]):
                continue  # "three of four children (73.9 percent)": a proportion in words, not a count
            if form in ("of-or", "of-parenthesis", "of-comma") and not _same_whole(text, sk, m, rows[whole]):
                continue
            start, end = _span(sk, m)
            cs, ce = _span(sk, m, "p")
            listed: list[tuple[int, int]] = []
            if form in ("of-or", "of-parenthesis", "of-comma"):
                at = m.start()
                while (pair := _LISTED_PAIR.search(sk.text, 0, at)) is not None:
                    if _in_words(rows[_row(sk, pair, "whole")]):
                        break
                    listed.insert(0, (_row(sk, pair, "part"), _row(sk, pair, "whole")))
                    at = pair.start()
                start = sk.pos[at]
            overall = bool(listed) and _OVERALL.match(text, ce) is not None
            out.append(Claim("share", sent, start, end, " ".join(text[cs:ce].split()), cs, ce,
                             {"part": _row(sk, m, "part"), "whole": whole, "percent": _row(sk, m, "p")}, form=form,
                             listed=listed, overall=overall))
            if form == "out-of-first":
                at = m.end()
                while (more := _MORE_PARTS.match(sk.text, at)) is not None:
                    cs, ce = _span(sk, more, "p")
                    out.append(Claim("share", sent, start, _span(sk, more, "part")[1], " ".join(text[cs:ce].split()),
                                     cs, ce,
                                     {"part": _row(sk, more, "part"), "whole": whole, "percent": _row(sk, more, "p")},
                                     form=form))
                    at = more.end()
    return out


def _in_words(whole: dict) -> bool:
    return whole["number_kind"] == "words" and whole["value"] <= 10


_SAME_WHOLE = {"total", "them", "these", "those", "all", "such", "which", "whom"}


def _same_whole(text: str, sk: _Skeleton, m, whole: dict) -> bool:
    """A percentage after "X of Y" is of Y unless it says it is of something else ("... or 4 percent of
    the population"): the words after "percent of" must name the whole again."""
    _, e = _span(sk, m, "p")
    after = re.match(r"\s+of\s+(?:the\s+|all\s+)?([\p{L}’'\-]+)", text[e:e + 60])
    if not after:
        return True
    word = after.group(1).lower()
    named = {w.lower().rstrip("s") for w in re.findall(r"\p{L}+", whole["noun"] or "")}
    named |= {w.lower().rstrip("s") for w in re.findall(r"\p{L}+", m.group("w") or "")}
    return word in _SAME_WHOLE or word.rstrip("s") in named


def rounding(text: str, row: dict) -> float:
    """The unit of the last digit a figure is written to when it is rounded by its words: "1.1 million"
    (100,000), "30.9 percent" (0.1), "22 percent" (1); 0 for a count written out in full ("1,149")."""
    nt = row["number_text"] or ""
    percent = row["kind"] == "percent" and _number_span(text, row)[2]
    scale = 1.0
    m = _SCALE_WORD.search(nt)
    if m:
        scale = _SCALES[m.group(1).lower()]
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", nt)
    if digits is None:
        return scale if m else (1.0 if percent else 0.0)
    decimals = len(digits.group(1) or "")
    if m or percent:
        return scale * 10.0 ** -decimals
    return 0.0
