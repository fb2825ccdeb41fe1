"""Statistics repeated across the report: one measure, people, period and perpetrator."""
from __future__ import annotations

import bisect
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


def _head(r: dict) -> str:
    words = (r["noun"] or "").lower().split()
    return words[0] if words else ""


def _same_people_named(a: dict, b: dict, specific: frozenset[str]) -> bool:
    """"at least 80 individuals died" and "72 women killed" are not one statistic: when either
    names a specific group of people (women, children, journalists), both must name it."""
    ha, hb = _head(a), _head(b)
    return not ({ha, hb} & specific) or ha == hb


# A statistic told twice is looked for among the next _MAX_SCAN figures of its measure, people
# and period in other paragraphs (a report has ten at most: comparing every pair of a hostile
# list of thousands took their square).
_MAX_SCAN = 200


class _Pending:
    """Positions 0..n-1 not yet taken, in order: the next one from any position in (amortised)
    constant time."""

    def __init__(self, n: int):
        self.nxt = list(range(1, n + 2))  # nxt[p]: a position after p that may be pending
        self.taken = [False] * (n + 1)
        self.n = n

    def take(self, p: int) -> None:
        self.taken[p] = True

    def first(self, p: int) -> int:
        """The first pending position at or after p (n when none)."""
        path = []
        while p < self.n and self.taken[p]:
            path.append(p)
            p = self.nxt[p]
        for q in path:
            self.nxt[q] = p
        return p


def _candidates(pending: _Pending, paragraphs: list[int], ordered: bool, after: int, paragraph: int):
    """The pending positions after `after` whose paragraph is not `paragraph`, in order, at most
    _MAX_SCAN of them. Figures of a report come in text order (`ordered`: their paragraphs do
    not decrease), so a paragraph's are skipped in one step."""
    start = after + 1
    if ordered:
        start = bisect.bisect_right(paragraphs, paragraph, lo=start)
    seen = 0
    q = pending.first(start)
    while q < pending.n and seen < _MAX_SCAN:
        if paragraphs[q] != paragraph:
            seen += 1
            yield q
        q = pending.first(q + 1)


def link_statistics(rows: list[dict], max_ratio: float = 0.15,
                    specific: frozenset[str] = frozenset(), text: str | None = None) -> list[list[int]]:
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
    common = None  # the text's lower-case words, read once (find_names needs them) and only if needed
    for idx in keyed.values():
        actors = {}
        if text is not None and len(idx) > 1:
            if common is None:
                from ..extract.entities import lower_words

                common = lower_words(text)
            actors = {i: _actors(text, rows[i], common) for i in idx}
        groups += _statistic_groups(rows, idx, max_ratio, specific, actors)
    return groups


def _actors(text: str, r: dict, common: frozenset[str]) -> frozenset[str]:
    """The names the figure's sentence gives before it, but the source's: who did what it
    counts ("SNA factions ... had disappeared 16 journalists"; "the SDF detained ... 17
    journalists"), when the perpetrator was not read. Read from at most 300 characters before
    the figure: a sentence may be a whole paragraph without an end."""
    from ..extract.entities import find_names

    source = (r["source"] or "").lower()
    start = int(r["start"])
    return frozenset(e.key for e in find_names(text, max(int(r["sentence_start"]), start - 300), start, common)
                     if e.key[5:] not in source and e.text.lower() not in source)


def _statistic_groups(rows: list[dict], idx: list[int], max_ratio: float, specific: frozenset[str],
                      actors: dict[int, frozenset[str]]):
    """link_statistics for the figures of one key, in order: the first still free starts a group,
    which takes each later one (of another paragraph) that agrees with it and is close to all
    its members' values."""
    words = {i: (_key_words(rows[i]["perpetrator"]), _key_words(rows[i]["source"])) for i in idx}
    paragraphs = [rows[i]["paragraph"] for i in idx]
    ordered = all(x <= y for x, y in zip(paragraphs, paragraphs[1:], strict=False))
    pending = _Pending(len(idx))
    groups = []
    p = pending.first(0)
    while p < len(idx):
        pending.take(p)
        first = idx[p]
        a = rows[first]
        pa, sa = words[first]
        group = [first]
        # close to every member is close to the smallest and the largest (an interval around b)
        low = high = a["value"]
        for q in list(_candidates(pending, paragraphs, ordered, p, a["paragraph"])):
            b = rows[idx[q]]
            pb, sb = words[idx[q]]
            xa, xb = actors.get(first, frozenset()), actors.get(idx[q], frozenset())
            if (_compatible_words(pa, pb) and (not sa or not sb or sa & sb)
                    and (not xa or not xb or xa & xb)  # each names who did it, and no one in common
                    and _same_people_named(a, b, specific)
                    and _close(low, b["value"], max_ratio) and _close(high, b["value"], max_ratio)):
                group.append(idx[q])
                pending.take(q)
                low, high = min(low, b["value"]), max(high, b["value"])
        if len(group) > 1:
            groups.append(group)
        p = pending.first(p + 1)
    return groups


def _significant_digits(v: float) -> int:
    if math.isnan(v) or not float(v).is_integer():
        return 0
    return len(str(int(v)).rstrip("0"))


def link_restated(rows: list[dict], min_digits: int = 4, statistics: list[list[int]] = ()) -> list[list[int]]:
    """The same precise figure given in different paragraphs: one statistic restated.

    "187,139 internally displaced persons ... as of September 30" (2.e) and "Displacement was
    estimated at 187,139 individuals" (6) are one figure whatever the words around them: a
    count with `min_digits` significant digits or more does not recur by chance. Shorter
    numbers (350, 1,200) recur for different things, so they are not linked by value alone.
    Groups already linked as one statistic (same period) are left to that link."""
    by_value = defaultdict(list)
    for i, r in enumerate(rows):
        if (r["kind"] == "count" and r["parse_status"] == "parsed" and r["number_kind"] != "vague"
                and _significant_digits(r["value"]) >= min_digits):
            by_value[r["value"]].append(i)
    known = [set(g) for g in statistics]
    known_of = defaultdict(list)  # row -> the statistics holding it
    for g in known:
        for i in g:
            known_of[i].append(g)
    groups = []
    for idx in by_value.values():
        measures = {rows[i]["measure"] for i in idx} - {""}
        whos = {rows[i]["who"] for i in idx} - {"", "civilians"}  # "individuals" is anyone
        if len(idx) < 2 or len(measures) > 1 or len(whos) > 1:
            continue  # one number for two things: a coincidence, not a restatement
        if len({rows[i]["paragraph"] for i in idx}) < 2 or any(set(idx) <= k for k in known_of[idx[0]]):
            continue
        groups.append(idx)
    return groups


_SHARE_STOP = frozenset("""the a an of and or in on at to for from by with were was are is be been had has have their
its his her this that these those who which than as all any some other such into per cent percent""".split())
_SHARE_CLAUSE_END = re.compile(r"[;:()]|,\s*(?:while|whereas|but|and|compared|according|with)\b|\.\s|\bwhile\b|"
                               r"\bcompared\b|\brespectively\b")


def _share_words(text: str, r: dict) -> frozenset[str]:
    """What a share is a share of: the content words of its clause after the number ("68 percent
    of inmates were in pretrial detention" -> inmate, pretrial, detention)."""
    tail = text[r["end"]:min(r["sentence_end"], r["end"] + 120)]
    stop = _SHARE_CLAUSE_END.search(tail)
    tail = tail[:stop.start()] if stop else tail
    nxt = re.search(r"\d[\d.,]*\s*(?:percent|%)", tail)  # "55 percent children under 18, 48 percent of them"
    tail = tail[:nxt.start()] if nxt else tail
    # numbers stay: "between ages 18 and 44" is not "between the ages of 10 and 17"
    words = (w.lower() for w in re.findall(r"\p{L}{3,}|\d+", tail))
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if w not in _SHARE_STOP)


def link_shares(text: str, rows: list[dict], max_points: float = 10.0, min_words: int = 3,
                min_overlap: float = 0.7) -> list[list[int]]:
    """Percentages that state the same share in different paragraphs: the same date (or both
    undated), and what they are a share of told in nearly the same words ("approximately 68
    percent of inmates were in pretrial detention or remanded" and "68 percent of inmates were
    in pretrial detention": at least `min_words` content words and `min_overlap` of them in
    common; "0.036 percent of civil service hires in 2021 were transgender persons" and "0.4
    percent of civil service hires during 2021 were persons with a disability" are two shares).
    Shares more than `max_points` apart are different statistics."""
    cands = []
    for i, r in enumerate(rows):
        if r["kind"] != "percent" or r["parse_status"] != "parsed" or math.isnan(r["value"]):
            continue
        # a share is "N percent of <what>"; "a decrease of 43 percent from 2021" is a change
        if not re.match(r"\s+of\b", text[r["end"]:r["end"] + 5]):
            continue
        words = _share_words(text, r)
        if len(words) >= min_words:
            cands.append((i, words))
    groups = []
    pending = _Pending(len(cands))  # a share not yet in a group
    paragraphs = [rows[i]["paragraph"] for i, _ in cands]
    ordered = all(x <= y for x, y in zip(paragraphs, paragraphs[1:], strict=False))
    for k, (i, wi) in enumerate(cands):
        if pending.first(k) != k:
            continue
        a = rows[i]
        group = [i]
        for q in list(_candidates(pending, paragraphs, ordered, k, a["paragraph"])):
            j, wj = cands[q]
            b = rows[j]
            if ((a["date_low"], a["date_high"]) != (b["date_low"], b["date_high"])
                    or abs(a["value"] - b["value"]) > max_points):
                continue
            common = wi & wj
            if len(common) >= min_words and len(common) / len(wi | wj) >= min_overlap:
                group.append(j)
                pending.take(q)
        if len(group) > 1:
            pending.take(k)
            groups.append(group)
    return groups


# A restated set is a handful of figures: a sentence of more counts is a list, and a value in
# more sentences says nothing of a restatement (reports: four at most). Either made every pair
# of a hostile text's sentences one restated set.
_MAX_SET = 60
_MAX_SHARING = 12


def link_restated_sets(rows: list[dict], min_shared: int = 3,
                       min_value: float = 10) -> list[tuple[list[int], list[int]]]:
    """Two sentences in different paragraphs that give the same set of figures: one report
    restated ("245 incidents ... 333 civilians were killed and 175 injured and 145 civilians
    were abducted" in 1.a; "245 incidents, 333 civilian fatalities, 175 injuries, and 145
    abductions" in 6). At least `min_shared` of their counts (each `min_value` or more) are
    equal: three numbers do not coincide by chance. Returns pairs of row lists, one per sentence."""
    by_sentence = defaultdict(list)
    for i, r in enumerate(rows):
        if (r["kind"] == "count" and r["parse_status"] == "parsed" and r["number_kind"] != "vague"
                and not math.isnan(r["value"]) and r["value"] >= min_value):
            by_sentence[r["sentence"]].append(i)
    sentences = [(s, idx, {rows[i]["value"] for i in idx}) for s, idx in by_sentence.items()
                 if len({rows[i]["value"] for i in idx}) >= min_shared and len(idx) <= _MAX_SET]
    index = defaultdict(set)  # value -> sentences holding it
    for k, (_, _, values) in enumerate(sentences):
        for v in values:
            index[v].add(k)
    pairs = []
    for k, (_, idx, values) in enumerate(sentences):
        counts = defaultdict(int)
        for v in values:
            if len(index[v]) > _MAX_SHARING:
                continue
            for other in index[v]:
                if other > k:
                    counts[other] += 1
        for other, shared in counts.items():
            oidx = sentences[other][1]
            if shared >= min_shared and rows[idx[0]]["paragraph"] != rows[oidx[0]]["paragraph"]:
                pairs.append((idx, oidx))
    return pairs


def link_equal_undated(rows: list[dict], statistics: list[list[int]]) -> list[list[int]]:
    """A figure given without a date and the same figure given with one, in another paragraph:
    one statistic ("Authorities detained 230 persons arrested on charges related to terrorism"
    and "as of July, authorities had detained 230 persons charged with terrorism"). Only equal
    numbers of the same measure and people are linked, so the link can only agree: it shows the
    statistic was checked, and a later edit of either number makes it a finding (RC104)."""
    known = {i for g in statistics for i in g}
    keyed = defaultdict(list)
    for i, r in enumerate(rows):
        if (i not in known and r["kind"] == "count" and r["measure"] and r["who"] and r["parse_status"] == "parsed"
                and r["number_kind"] != "vague" and not math.isnan(r["value"]) and r["value"] >= 10
                and r["date_precision"] not in _SPECIFIC):
            keyed[(r["measure"], r["who"], r["value"])].append(i)
    groups = []
    for idx in keyed.values():
        dated = [i for i in idx if rows[i]["date_low"]]
        undated = [i for i in idx if not rows[i]["date_low"]]
        if dated and undated and len({rows[i]["paragraph"] for i in idx}) > 1:
            groups.append(sorted(idx))
    return groups


def matched_restated(rows: list[dict], pairs: list) -> list:
    """Figures retold in nearly the same words (link.content.restated_figures), matched figure to
    figure. The words around the numbers are those of the whole sentence, so every figure of one
    sentence is paired with every figure of the other: a figure told the same way in the other
    sentence is matched to its like there and not compared with the rest of it (2017 United
    Kingdom: "the legal minimum age for consensual sex is 16 for heterosexuals and lesbians and 18
    for gay men" and "... is 16 for lesbians and 18 for gay men": the 16 of one is not the 18 of
    the other). Figures left without their like are still compared ("16 ... and 17 for gay men"
    against "16 ... and 18 for gay men": 17 and 18)."""
    def agree(a: dict, b: dict) -> bool:
        return max(a["low"], b["low"]) <= min(a["high"], b["high"])

    told = defaultdict(set)  # row -> the sentences in which it is retold and agrees
    for p in pairs:
        a, b = rows[p.a], rows[p.b]
        if agree(a, b):
            told[p.a].add(b["sentence"])
            told[p.b].add(a["sentence"])
    kept = [p for p in pairs if agree(rows[p.a], rows[p.b])
            or not (rows[p.b]["sentence"] in told[p.a] or rows[p.a]["sentence"] in told[p.b])]
    # two sentences with as many figures each and none agreeing are told in order: "for men was 71
    # percent and only 34 percent for women" against "for men was 78 percent and 35 percent for
    # women" (Turkey 2022) compares 71 with 78 and 34 with 35, not 71 with 35
    by_pair = defaultdict(list)
    for p in kept:
        by_pair[(rows[p.a]["sentence"], rows[p.b]["sentence"])].append(p)
    out = []
    for ps in by_pair.values():
        ra, rb = sorted({p.a for p in ps}), sorted({p.b for p in ps})
        if len(ra) == len(rb) >= 2 and not any(agree(rows[p.a], rows[p.b]) for p in ps):
            ps = [p for p in ps if ra.index(p.a) == rb.index(p.b)]
        out += ps
    return out


def link_repeated(rows: list[dict], linking: dict, text: str | None = None, parts: frozenset[int] = frozenset()):
    """Everything told twice, from the rows (and the text, for shares, when there is one):
    (statistics, restated figures, restated sets), with the thresholds of the rule files'
    `linking:`. `parts`: rows that are parts of a whole in their own sentence, which are
    sub-statistics of it and not compared on their own ("of the 3,808 persons held ..., 1,289
    had been convicted")."""
    statistics = link_statistics([r if i not in parts else {**r, "measure": ""} for i, r in enumerate(rows)],
                                 float(linking["statistic_max_ratio"]),
                                 frozenset(str(w).lower() for w in linking["specific_people"]), text)
    statistics += link_equal_undated(rows, statistics)
    if text is not None:
        statistics += link_shares(text, rows, float(linking["share_max_points"]),
                                  int(linking["share_min_words"]), float(linking["share_min_overlap"]))
    restated = link_restated(rows, int(linking["restated_min_digits"]), statistics)
    restated_sets = link_restated_sets(rows, int(linking["restated_set_min_shared"]))
    return statistics, restated, restated_sets
