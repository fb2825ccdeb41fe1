#!/usr/bin/env python3
"""Recall on planted contradictions: change one number of consistent real text, count the finds.

    .venv/bin/python benchmarks/planted.py [--shared ../shared] [--year 2019] [-n 60]
                                           [--seed 2026] [--jobs 2] [--sources a,b]
                                           [--change far|near] [-v]
    .venv/bin/python benchmarks/planted.py --reader [--only NAME] [--limit N] [--kinds count,day,part]
                                           [--info] [--at COMMIT] [--seed 2026] [--jobs 2] [--keep DIR] [--dry-run] [-v]

Natural contradictions are few, so recall is measured by planting them. Two modes.

--reader: recall on contradictions planted in what a careful reader links, whatever the tool links.
The sites are the gold files' groups and totals: ../shared/eval/gold and benchmarks/gold, each
listed in its index.json (report text relative to ../shared, year). One plant per site, each in
its own copy of the report (same file and folder name, so that the country and year are read as
from the original; checked with `.venv/bin/check-report COPY --year Y --format json --output OUT`):
  count  an `agree` group in which two mentions state one count (the gold's `counts` under one
         key, or one figure of 100 or more under two keys, or a mention without counts whose quote
         writes the number): the number in ONE mention's quote becomes 2n+3, or n//2 when only a
         decrease contradicts (an open bound, a percentage over 100), written as it was ("five" ->
         "thirteen", "1,274" -> "2,551"). It must contradict every other mention's interval
         ("at least 35" is [35, inf)); counts of 1 are left alone.
  day    an `agree` group in which two mentions' quotes give one day ("June 21", not "July 22 and
         23"): the day in ONE quote moves 3 days (June 21 -> June 24; back 3 at the end of a month).
  part   an `exhaustive`, `consistent` total whose `arithmetic` is a sum of numbers
         ("127+21+14+2=164"): one part's number, written once in the part quotes, becomes 2n+3 or
         n//2, whichever the total (its interval) cannot take; the total is untouched.
  With --change near, a count or a part becomes instead the nearest whole number at least 5%
  (at least 1) away, up or down, that still contradicts: the size of the slips reports make
  ("29" for "30", "86-member" for "82-member"), which the statistic linker still relates.
The mention, part or day is a seeded random choice among those that can be changed unambiguously:
the number (day) is written once in its quote, the quote overlaps no other mention's, and every
quote of the site is found, after the edit, where it was (as score.py finds quotes). Sites where
none can be are counted as skipped, by why: ambiguous, open bounds (no value contradicts), number
not in the quote, no single number (vague or composite counts, a count of 1), parts not numbers
(a list of names, "2 x 34").
FOUND: a failing result (error or warning; info too with --info) of the planted run whose
evidence overlaps the planted quote and another quote of the site (a part: the total's quote; the
two numbers when one quote holds both), as score.py covers an item, and that did not fail before:
no failing result of the same code in the run on the unplanted copy overlapped its evidence while
covering the site. Each plant also says whether the unplanted run already related the planted
quote to another one (any result, pass or fail): the recall in what the tool links, and outside it.
--limit N keeps N plants per report (seeded; skipped sites are still all counted); --only NAME
(repeatable, or a,b) some gold files; --at COMMIT checks with that commit's src/ instead of the
installed code (recorded figures a commit reproduces); -v lists the finds, the misses (what relates
the quotes before and after the edit) and the skipped sites. The last lines give one figure per
kind for benchmarks/accuracy.md.

Without --reader, two sources of sites:

(a) gold-based (a reader's groups, independent of the tool's linking): in
    ../shared/eval/gold/{mali-2019,mali-2020-excerpt}.json,
    - every `same_event_groups` item with verdict `agree` and, for one measure ("killed",
      "injured" ...), a number stated in at least two mentions: one plant per (group, measure),
      the number of ONE mention's quote replaced (as written there: digits or a number word) by
      a clearly different value written as digits. FOUND when a failing result (error or
      warning) has evidence overlapping the changed quote AND another mention of the group.
    - every `totals` item with verdict `consistent` whose parts' numbers are written in the part
      quotes: one part changed. FOUND when a failing result has evidence overlapping the total
      quote and the changed part quote (when the two quotes overlap, the two numbers instead).
(b) tool-based, on the corpus: one run of check-report over ../shared/corpus/text/<year>; its
    passing RC101 (same-incident-counts), RC104 (repeated-statistics) and RC201 (totals)
    results are relations the tool linked and found consistent. They are shuffled
    (random.Random(seed)) and taken in that order until N plants are made; each plant changes
    the number of one evidence quote (RC201: a part), and check-report is rerun on that one
    document. FOUND when a failing result overlaps the changed quote and another evidence
    quote of the relation (RC201: the total). (b) measures the checks given the links; (a)
    measures linking + checks on a reader's groups.

The value planted: a mention or an exhaustive breakdown's part becomes value*2+3; a part of a
partial breakdown ("including", "of these") becomes part + total + 1, so that the parts exceed
the total. Each plant is classed from the intervals the qualifiers give ("at least 35" is
[35, inf)): HARD when the changed number really contradicts (disjoint intervals; parts that
exceed a bounded total, or an exhaustive breakdown that cannot reach its total), SOFT when it
does not (an open bound on both sides: "more than 35" -> "more than 73" against "at least 35";
parts exceeding "at least 61"). A decrease (value // 2) is planted instead when only a decrease
makes a hard contradiction (and for a percentage above 100). Recall is printed over all plants
and over hard ones.
`--change near` plants the smallest change of at least 5% (1 for small numbers) that makes a
hard contradiction (for a partial breakdown's part: up to part + total + 1; else up to value*2
or down to value/2), or a 5% change when none does: the linkers tell statistics apart by their
values (two are one only within 10%), and a far change can unlink what it contradicts; near
changes test the checks where a typo or a stale figure would put them.

Each miss says which results still relate the changed quote to another one after the change
("RC201 pass", or "nothing relates them": the change broke the link) and, for (a), before it.

A plant is skipped (not fair) when the unmodified run already has a failing result that would
count as finding it; a plant cannot be made when a quote is not in the report verbatim, its
number is not written in it (a "1" read from "the mayor"), or the number is vague or composite.
Both are counted and listed. Each run uses REPORTCHECK_DEBUG=1; a traceback or an exit status
other than 0/1 is reported loudly (and the script exits 1). Deterministic for a given seed.
Stdlib only; runs check-report as a subprocess (2 at a time by default).
"""
from __future__ import annotations

import argparse
import calendar
import concurrent.futures as cf
import contextlib
import datetime
import io
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = {"mali-2019": "reports/mali-2019.txt", "mali-2020-excerpt": "reports/mali-2020-excerpt.txt"}
INF = float("inf")

# --- numbers ------------------------------------------------------------------------------------

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUE = {w: i for i, w in enumerate(UNITS)} | {w: 10 * i for i, w in enumerate(TENS) if w != "_"}
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(sorted(WORD_VALUE, key=len, reverse=True))
                       + r")(?:-(?:" + "|".join(UNITS[1:10]) + r"))?\b", re.IGNORECASE)

# qualifier phrases -> the key of the interval (a small copy of the defaults' qualifier table: the
# benchmark reads the gold quotes itself)
QUALIFIERS = {
    "at_least": ["at least", "no fewer than", "not less than", "no less than", "a minimum of"],
    "more_than": ["more than", "over", "upwards of", "in excess of", "above", "exceeding", "well over",
                  "greater than"],
    "nearly": ["nearly", "almost", "close to", "just under", "just below"],
    "about": ["about", "approximately", "around", "roughly", "some", "an estimated", "estimated"],
    "at_most": ["at most", "up to", "no more than", "not more than", "a maximum of", "as many as"],
    "fewer_than": ["fewer than", "less than", "under", "below"],
}
_QUAL_BEFORE = re.compile(r"(?:^|\W)(" + "|".join(sorted((re.escape(p) for ps in QUALIFIERS.values() for p in ps),
                                                         key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
_QUAL_KEY = {p: k for k, ps in QUALIFIERS.items() for p in ps}


def word_value(s: str) -> int | None:
    parts = s.lower().split("-")
    if parts[0] not in WORD_VALUE:
        return None
    v = WORD_VALUE[parts[0]]
    if len(parts) == 2:
        if parts[1] not in WORD_VALUE or WORD_VALUE[parts[1]] >= 10 or v < 20:
            return None
        v += WORD_VALUE[parts[1]]
    return v


def int_words(v: int) -> str | None:
    if v < 20:
        return UNITS[v]
    if v < 100:
        return TENS[v // 10] + ("" if v % 10 == 0 else "-" + UNITS[v % 10])
    return None


def parse_number(s: str) -> tuple[int | None, str]:
    """The value of a written number ("2,000", "five", "twenty-one") and how it is written."""
    if s[0].isdigit():
        try:
            f = float(s.replace(",", ""))
        except ValueError:
            return None, "digits"
        return (int(f) if f == int(f) else None), "digits"
    return word_value(s), "words"


def find_value(text: str, v: int, lo: int = 0, hi: int | None = None, exclude=()) -> tuple[int, int] | None:
    """The first (start, end) in text[lo:hi] where the number v is written (digits or a word)."""
    hi = len(text) if hi is None else hi
    forms = {f"{v:,}", str(v)}
    words = int_words(v)
    pats = [r"(?<![\w.,])" + re.escape(f) + r"(?![\w]|[.,]\d)" for f in forms]
    if words:
        pats.append(r"(?<![\w-])" + re.escape(words) + r"(?![\w-])")
    best = None
    for m in re.finditer("|".join(pats), text[lo:hi], re.IGNORECASE):
        span = (lo + m.start(), lo + m.end())
        if span not in exclude:
            best = span
            break
    return best


def qualifier_before(text: str, pos: int) -> str:
    m = _QUAL_BEFORE.search(text[max(0, pos - 30):pos])
    return _QUAL_KEY[m.group(1).lower()] if m else "exact"


def interval(qual: str, v: float) -> tuple[float, float]:
    return {"at_least": (v, INF), "more_than": (v + 1, INF), "nearly": (v * 0.9, v - 1),
            "about": (v * 0.9, v * 1.1), "at_most": (0, v), "fewer_than": (0, v - 1)}.get(qual, (v, v))


def disjoint(a, b) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def sum_iv(ivs) -> tuple[float, float]:
    return sum(i[0] for i in ivs), sum(i[1] for i in ivs)


def breakdown_contradicts(parts, total, partial: bool) -> bool:
    s = sum_iv(parts)
    return s[0] > total[1] or (not partial and s[1] < total[0])


# --- plants ---------------------------------------------------------------------------------------


@dataclass
class Plant:
    source: str  # "a: mali-2019" / "b: RC201" ...
    path: Path  # the original report
    doc: str
    label: str  # the gold item or the result, and what was changed
    quote: str  # the changed quote, as in the report
    span: tuple[int, int]  # the changed quote in the original text
    token: tuple[int, int]  # the changed number in the original text
    old: str
    new: str
    others: list  # spans of the other quotes (original text): one must be touched too
    hard: bool
    note: str = ""
    found_by: str = ""
    unfair_by: str = ""
    run_error: str = ""
    extra: dict = field(default_factory=dict)

    def shifted(self, span):
        """A span of the original text in the modified text."""
        d = len(self.new) - (self.token[1] - self.token[0])
        a, b = span
        return (a if a <= self.token[0] else a + d, b if b <= self.token[0] else b + d)


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def covers(result: dict, changed, others) -> bool:
    """The result's evidence overlaps the changed quote and one of the others."""
    spans = [(int(e["start"]), int(e["end"])) for e in result.get("evidence", []) if "start" in e and "end" in e]
    return any(overlaps(s, changed) for s in spans) and any(overlaps(s, o) for s in spans for o in others)


def finds(result: dict, changed, others) -> bool:
    return (result.get("outcome") == "fail" and result.get("severity") in ("error", "warning")
            and covers(result, changed, others))


def linked_by(results, changed, others) -> str:
    """After a miss: which results (any outcome) still relate the changed quote to another."""
    c = Counter(f"{r['code']} {r['outcome']}" + (f" {r['severity']}" if r["outcome"] == "fail" else "")
                for r in results if covers(r, changed, others))
    return ", ".join(f"{k}" + (f" x{v}" if v > 1 else "") for k, v in sorted(c.items()))


def first_finder(results, changed, others) -> str:
    for r in results:
        if finds(r, changed, others):
            return f"{r['code']} {r['severity']}"
    return ""


def choose(cands: list[dict], rng: random.Random) -> dict | None:
    """Prefer a hard increase, then a hard decrease, then a soft increase."""
    for hard, up in ((True, True), (True, False), (False, True)):
        pool = [c for c in cands if c["hard"] == hard and c["up"] == up]
        if pool:
            return rng.choice(pool)
    return None


CHANGE = "far"  # --change: "far" (value*2+3; partial: part + total + 1) or "near" (about 5%)


def _ladder(v: int, lo: float, hi: float, up: bool) -> list[int]:
    """Values from v moved by lo*v to hi*v (at least 1), in steps of 1% of v: the near changes."""
    out = []
    for k in range(round(lo * 100), round(hi * 100) + 1):
        d = max(1, round(v * k / 100))
        n = v + d if up else v - d
        if n >= 1 and n not in out:
            out.append(n)
    return out


def changes(v: int, partial_total: int | None = None) -> list[tuple[list[int], bool]]:
    """For the number v: ladders of new values (the first hard one is planted, else the first),
    each with whether it is an increase. `partial_total`: v is a part of a partial breakdown."""
    if CHANGE == "near":
        if partial_total is not None:
            return [(list(range(v + max(1, round(v * 0.05)), v + partial_total + 2)), True)]
        return [(_ladder(v, 0.05, 1.0, True), True), (_ladder(v, 0.05, 0.5, False), False)]
    if partial_total is not None:
        return [([v + partial_total + 1], True)]
    return [([2 * v + 3], True)] + ([([v // 2], False)] if v >= 2 else [])


def _pick(ladder: list[int], hard_of) -> tuple[int, bool] | None:
    for n in ladder:
        if hard_of(n):
            return n, True
    return (ladder[0], False) if ladder else None


def mention_candidates(mentions: list[dict]) -> list[dict]:
    """mentions: {idx, account, value, qual, token (or None), iv}. A change of one mention's number."""
    accounts: dict[int, list[dict]] = {}
    for m in mentions:
        accounts.setdefault(m["account"], []).append(m)
    acc_iv = {a: sum_iv([x["iv"] for x in ms]) for a, ms in accounts.items()}
    out = []
    for m in mentions:
        if m.get("token") is None or not m["value"]:
            continue
        rest = [x["iv"] for x in accounts[m["account"]] if x is not m]

        def hard_of(new, m=m, rest=rest):
            iv = sum_iv(rest + [interval(m["qual"], new)])
            return any(disjoint(iv, acc_iv[a]) for a in accounts if a != m["account"])

        for ladder, up in changes(int(m["value"])):
            picked = _pick([n for n in ladder if n <= m.get("cap", INF)], hard_of)
            if picked:
                out.append({"m": m, "new": picked[0], "up": up, "hard": picked[1]})
    return out


def part_candidates(parts: list[dict], total: dict, partial: bool) -> list[dict]:
    """parts/total: {value, qual, token (or None), iv}. A change of one part's number."""
    out = []
    for p in parts:
        if p.get("token") is None or not p["value"]:
            continue

        def hard_of(new, p=p):
            ivs = [interval(p["qual"], new) if q is p else q["iv"] for q in parts]
            return breakdown_contradicts(ivs, total["iv"], partial)

        for ladder, up in changes(int(p["value"]), int(total["value"]) if partial else None):
            picked = _pick([n for n in ladder if n <= p.get("cap", INF)], hard_of)
            if picked:
                out.append({"m": p, "new": picked[0], "up": up, "hard": picked[1]})
    return out


# --- (a) gold-based -------------------------------------------------------------------------------


def gold_plants(shared: Path, stem: str, seed: int, cannot: list) -> tuple[Path, str, list[Plant]]:
    path = shared / GOLD[stem]
    gold = json.loads((shared / "eval" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    source = f"a: {stem}"
    plants: list[Plant] = []

    def span_of(q):
        i = text.find(q)
        return None if i < 0 else (i, i + len(q))

    for g in gold.get("same_event_groups", []):
        if g.get("verdict") != "agree":
            continue
        spans = [span_of(m["quote"]) for m in g["mentions"]]
        measures = sorted({k for m in g["mentions"] for k in (m.get("counts") or {})})
        for measure in measures:
            stated = [(i, m) for i, m in enumerate(g["mentions"]) if measure in (m.get("counts") or {})]
            if len(stated) < 2:
                continue
            label = f"{g['id']} / {measure}"
            ms, why = [], []
            for i, m in stated:
                count = str(m["counts"][measure])
                nums = NUMBER_RE.findall(count)
                if "+" in count or len(nums) != 1:
                    why.append(f"{count!r}: {'composite' if '+' in count else 'vague'}")
                    continue
                v, _ = parse_number(nums[0])
                if v is None:
                    why.append(f"{count!r}: not a number")
                    continue
                q = re.match(r"\s*(" + "|".join(re.escape(p) for p in _QUAL_KEY) + r")\s", count, re.IGNORECASE)
                qual = _QUAL_KEY[q.group(1).lower()] if q else "exact"
                token = None
                if spans[i] is not None:
                    token = find_value(text, v, spans[i][0], spans[i][1])
                else:
                    why.append(f"quote not verbatim in the report: {m['quote']!r}")
                ms.append({"idx": i, "account": i, "value": v, "qual": qual, "token": token,
                           "iv": interval(qual, v), "count": count})
            if len(ms) < 2:
                cannot.append((source, label, "fewer than two numeric counts (" + "; ".join(why) + ")"))
                continue
            cands = mention_candidates(ms)
            if not cands:
                cannot.append((source, label, "the number is not written in any quote ("
                               + ", ".join(repr(m["count"]) for m in ms) + ")"))
                continue
            c = choose(cands, random.Random(f"{seed}:{stem}:{label}"))
            m = c["m"]
            ts, te = m["token"]
            plants.append(Plant(
                source=source, path=path, doc=stem, label=label, quote=g["mentions"][m["idx"]]["quote"],
                span=spans[m["idx"]], token=(ts, te), old=text[ts:te], new=str(c["new"]),
                others=[s for j, s in enumerate(spans) if j != m["idx"] and s is not None], hard=c["hard"],
                note=f"{m['count']} -> {c['new']} ({'up' if c['up'] else 'down'}); others: "
                     + ", ".join(repr(x["count"]) for x in ms if x is not m)))

    for t in gold.get("totals", []):
        if t.get("verdict") != "consistent":
            continue
        label = f"{t['id']} (total)"
        arith = t.get("arithmetic", "").split(";")[0]
        tot_span = span_of(t["total_quote"])
        part_spans = [span_of(q) for q in t["part_quotes"]]
        if tot_span is None or any(s is None for s in part_spans):
            cannot.append((source, label, "a quote is not verbatim in the report"))
            continue
        lhs = re.split(r"<=|=|\bvs\b", arith)[0]
        rhs = re.split(r"<=|=|\bvs\b", arith)[-1]
        rhs_num = NUMBER_RE.findall(rhs)
        terms = [NUMBER_RE.findall(x) for x in lhs.split("+")]
        if not rhs_num or any(len(x) != 1 for x in terms) or re.search(r"named|countries", lhs):
            cannot.append((source, label, f"parts are not numbers written in the quotes ({arith.strip()!r})"))
            continue
        tv = parse_number(rhs_num[-1])[0]
        ttok = find_value(text, tv, *tot_span) if tv is not None else None
        if ttok is None:
            cannot.append((source, label, f"total {rhs.strip()!r} not written in the total quote"))
            continue
        total = {"value": tv, "qual": qualifier_before(text, ttok[0]), "token": ttok}
        total["iv"] = interval(total["qual"], tv)
        used, parts = {ttok}, []
        for term in terms:
            v = parse_number(term[0])[0]
            tok = None
            for s in part_spans:
                tok = find_value(text, v, s[0], s[1], exclude=used)
                if tok:
                    break
            if tok:
                used.add(tok)
            qual = qualifier_before(text, tok[0]) if tok else "exact"
            parts.append({"value": v, "qual": qual, "token": tok, "iv": interval(qual, v)})
        partial = t.get("kind") == "partial" or "<=" in arith
        if breakdown_contradicts([p["iv"] for p in parts], total["iv"], partial):
            cannot.append((source, label, f"the benchmark reads the gold arithmetic {arith!r} as a contradiction"))
            continue
        cands = part_candidates(parts, total, partial)
        if not cands:
            cannot.append((source, label, f"no part's number is written in the part quotes ({arith.strip()!r})"))
            continue
        c = choose(cands, random.Random(f"{seed}:{stem}:{label}"))
        p = c["m"]
        ts, te = p["token"]
        pspan = next(s for s in part_spans if s[0] <= ts and te <= s[1])
        changed, other = pspan, tot_span
        if overlaps(pspan, tot_span):  # one quote holds total and part: the numbers must be touched
            changed, other = (ts, te), ttok
        plants.append(Plant(
            source=source, path=path, doc=stem, label=label, quote=text[pspan[0]:pspan[1]], span=changed,
            token=(ts, te), old=text[ts:te], new=str(c["new"]), others=[other], hard=c["hard"],
            note=f"part {text[ts:te]} -> {c['new']} ({'up' if c['up'] else 'down'}); "
                 f"{'partial' if partial else 'exhaustive'}, total {text[ttok[0]:ttok[1]]!r} ({total['qual']}); "
                 f"gold: {t.get('arithmetic')}"))
    return path, text, plants


# --- (b) tool-based -------------------------------------------------------------------------------

TOOL_CODES = ("RC101", "RC104", "RC201")


def tool_plants(folder: Path, data: dict, figures: list[dict], n: int, seed: int, cannot: list,
                unfair_pool: list) -> list[Plant]:
    figs = {f["figure_id"]: f for f in figures}
    paths = {d["id"]: Path(d["path"]) for d in data["documents"]}
    by_doc: dict[str, list] = {}
    for r in data["results"]:
        by_doc.setdefault(r["document"], []).append(r)
    pool = sorted((r for r in data["results"] if r["code"] in TOOL_CODES and r["outcome"] == "pass"),
                  key=lambda r: r["id"])
    rng = random.Random(seed)
    rng.shuffle(pool)
    texts: dict[str, str] = {}
    plants: list[Plant] = []
    for r in pool:
        if len(plants) >= n:
            break
        source = f"b: {r['code']}"
        label = f"{r['document']} {r['code']} {r['id'][:10]}"
        path = paths[r["document"]]
        if r["document"] not in texts:
            try:
                texts[r["document"]] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                texts[r["document"]] = ""
                cannot.append((source, label, f"cannot read {path} as UTF-8 ({exc})"))
        text = texts[r["document"]]
        if not text:
            continue
        items, why = [], ""
        for e in r["evidence"]:
            f = figs.get(e.get("figure_id"))
            s, t = int(e["start"]), int(e["end"])
            item = {"e": e, "span": (s, t), "role": e.get("role"), "token": None, "value": None,
                    "qual": None, "iv": None, "additive": False}
            if f is None:
                why = why or f"no figure {e.get('figure_id')}"
            elif text[s:t] != e["quote"]:
                why = why or f"evidence offsets do not give its quote {e['quote']!r}"
            else:
                lo, hi = float(f["low"]), float(f["high"])
                item.update(value=f["value"], qual=f["qualifier"], iv=(lo, hi), additive=bool(f.get("additive")),
                            cap=100 if f.get("kind") == "percent" else INF)  # no "123 percent"
                v = f["value"]
                if (v is not None and not math.isnan(v) and v >= 1 and v == int(v)
                        and f["qualifier"] in set(QUALIFIERS) | {"exact"}
                        and f.get("number_kind") in ("digits", "words")):
                    i = re.search(r"(?<![\w.,])" + re.escape(f["number_text"]) + r"(?![\w]|[.,]\d)", e["quote"])
                    if i:
                        item["token"] = (s + i.start(), s + i.end())
            items.append(item)
        if any(x["iv"] is None for x in items):
            cannot.append((source, label, why))
            continue
        if r["code"] == "RC201":
            total = next((x for x in items if x["role"] == "total"), None)
            parts = [x for x in items if x["role"] == "part"]
            if total is None or not parts:
                cannot.append((source, label, "no total or no part in the evidence"))
                continue
            partial = (r.get("details") or {}).get("kind") == "partial"
            cands = part_candidates(parts, total, partial)
            kind = "partial" if partial else (r.get("details") or {}).get("kind", "exhaustive")
        else:
            account = -1
            for x in items:
                if not x["additive"] or account < 0:
                    account += 1
                x["account"] = account
            cands = mention_candidates(items)
            total, kind = None, ""
        if not cands:
            cannot.append((source, label, "no evidence number can be changed (vague, a range, or not in its quote): "
                           + "; ".join(repr(x["e"]["quote"]) for x in items)))
            continue
        c = choose(cands, random.Random(f"{seed}:{r['id']}"))
        x = c["m"]
        ts, te = x["token"]
        others = [total["span"]] if total is not None else [y["span"] for y in items if y is not x]
        plant = Plant(
            source=source, path=path, doc=r["document"], label=label, quote=x["e"]["quote"], span=x["span"],
            token=(ts, te), old=text[ts:te], new=str(c["new"]), others=others, hard=c["hard"],
            note=f"{x['e']['quote']!r} {text[ts:te]} -> {c['new']} ({'up' if c['up'] else 'down'})"
                 + (f"; {kind}, total {total['e']['quote']!r}" if total is not None
                    else "; others: " + ", ".join(repr(y["e"]["quote"]) for y in items if y is not x)),
            extra={"message": r["message"]})
        plant.unfair_by = first_finder(by_doc.get(r["document"], []), plant.span, plant.others)
        if plant.unfair_by:
            unfair_pool.append(plant)
            continue
        plants.append(plant)
    return plants


# --- running --------------------------------------------------------------------------------------


def check_report() -> str:
    exe = Path(sys.executable).parent / "check-report"
    return str(exe) if exe.exists() else "check-report"


def run_check(paths: list[Path], out: Path, figures_out: Path | None = None) -> tuple[dict | None, str]:
    argv = [check_report(), *map(str, paths), "--format", "json", "--output", str(out), "--fail-on", "never"]
    if figures_out is not None:
        argv += ["--figures-out", str(figures_out)]
    env = dict(os.environ, REPORTCHECK_DEBUG="1")
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, check=False)
    problem = ""
    if "Traceback" in proc.stderr or proc.returncode not in (0, 1):
        problem = f"exit {proc.returncode}: {proc.stderr.strip()}"
    try:
        return json.loads(out.read_text(encoding="utf-8")), problem
    except (OSError, ValueError) as exc:
        return None, problem or f"no output ({exc}): {proc.stderr.strip()}"


def run_plant(i: int, plant: Plant, text: str, tmp: Path) -> Plant:
    ts, te = plant.token
    modified = text[:ts] + plant.new + text[te:]
    d = tmp / f"plant{i:03d}" / plant.path.parent.name  # same stem, same directory name: same year
    d.mkdir(parents=True)
    f = d / plant.path.name
    with open(f, "w", encoding="utf-8", newline="") as fh:
        fh.write(modified)
    data, problem = run_check([f], tmp / f"plant{i:03d}" / "out.json")
    plant.run_error = problem
    if data is not None:
        changed, others = plant.shifted(plant.span), [plant.shifted(o) for o in plant.others]
        plant.found_by = first_finder(data["results"], changed, others)
        if not plant.found_by:
            plant.extra["after"] = linked_by(data["results"], changed, others) or "nothing relates them"
    return plant


_PLANT_NO = itertools.count()


def run_all(plants: list[Plant], texts: dict, tmp: Path, workers: int) -> None:
    with cf.ThreadPoolExecutor(max_workers=workers) as ex:
        futures = [ex.submit(run_plant, next(_PLANT_NO), p, texts[p.path], tmp) for p in plants]
        for fut in futures:
            fut.result()


# --- report ---------------------------------------------------------------------------------------


def short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 3] + "..."


def row_of(p: Plant) -> str:
    res = f"found ({p.found_by})" if p.found_by else "**missed**"
    if p.run_error:
        res = "RUN FAILED"
    return (f"| {p.label} | {'hard' if p.hard else 'soft'} | {short(p.quote, 70)!r} | "
            f"{p.old} -> {p.new} | {res} |")


# --- --reader: plants in what a careful reader links (every gold file; see the docstring) ----------

MONTHS = ("January February March April May June July August September October November "
          "December").split()
DATE_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?!\d)")
# "July 22 and 23", "April 26-27", "December 21 to 24": a range of days, not one day
_RANGE_AFTER = re.compile(r"\s*(?:[-\u2013\u2014]|and\b|to\b|through\b|or\b)\s*\d")
_YEAR_AFTER = re.compile(r",?\s*((?:19|20)\d\d)(?!\d)")
_FRACTION_AFTER = (r"(?!-(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?"
                   r"|tenths?)\b)")
TOKEN_RE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[.,]\d)"
    r"|\b(?:" + "|".join(sorted(WORD_VALUE, key=len, reverse=True)) + r")(?:-(?:" + "|".join(UNITS[1:10])
    + r"))?\b" + _FRACTION_AFTER, re.IGNORECASE)
_SCALE_AFTER = re.compile(r"\s+(million|billion|trillion)\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
SCALES = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
# a gold `arithmetic` term that is a written number: "127", "~70%", "at least 250", "(>100)"
_TERM_NOISE = re.compile(r"%|\bpercent\b|~|[<>()]|" + "|".join(re.escape(p) for p in _QUAL_KEY), re.IGNORECASE)
READER_KINDS = ("count", "day", "part")
# why a site was skipped, most telling first: a site's category is its best candidate's
AMBIGUOUS, OPEN_BOUNDS, NOT_IN_QUOTE, NO_NUMBER, NOT_A_SUM = (
    "ambiguous", "open bounds", "number not in the quote", "no single number", "parts not numbers")
SKIP_ORDER = (AMBIGUOUS, OPEN_BOUNDS, NOT_IN_QUOTE, NO_NUMBER, NOT_A_SUM)


def written_number(s: str) -> float:
    """The number a token of TOKEN_RE writes, without its scale word."""
    return float(s.replace(",", "")) if s[0].isdigit() else word_value(s)


def token_value(text: str, m: re.Match) -> float | None:
    """The value of a number token of TOKEN_RE, with a scale word after it ("3.7 million")."""
    v = written_number(m.group(0))
    if v is None:
        return None
    sc = _SCALE_AFTER.match(text, m.end())
    return v * SCALES[sc.group(1).lower()] if sc else v


def count_value(count) -> tuple[float | None, str]:
    """The one number of a gold count ("at least 35", "nine (alleged)", "3.7 million"), or why none."""
    s = re.sub(r"\([^)]*\)", " ", str(count))
    if re.search(r"[+=/]|\bx\b|\bbetween\b|\bor\b|\bto\b", s, re.IGNORECASE):
        return None, f"composite count {count!r}"
    toks = list(TOKEN_RE.finditer(s))
    if len(toks) != 1:
        return None, f"{'no number' if not toks else 'several numbers'} in the count {count!r}"
    v = token_value(s, toks[0])
    return (v, "") if v is not None else (None, f"not a number: {count!r}")


def number_tokens(text: str, span: tuple[int, int]) -> list[tuple[tuple[int, int], float]]:
    """Every written number in text[span] as ((start, end), value), in the text's offsets."""
    out = []
    for m in TOKEN_RE.finditer(text, span[0], span[1]):
        v = token_value(text, m)
        if v is not None:
            out.append(((m.start(), m.end()), v))
    return out


def is_date_part(text: str, tok: tuple[int, int]) -> bool:
    """A day after a month name, or a year: no count."""
    s = text[tok[0]:tok[1]]
    if re.fullmatch(r"(?:19|20)\d\d", s):
        return True
    return bool(re.search(r"\b(?:" + "|".join(MONTHS) + r")\s+$", text[max(0, tok[0] - 12):tok[0]]))


def new_number(text: str, tok: tuple[int, int], qual: str, scale: float, others: list) -> tuple[str, float] | None:
    """A clearly contradicting replacement for the number at tok: 2n+3, else n//2 (a percentage stays
    at most 100); with --change near, the nearest value at least 5% (at least 1) away, up or down;
    the first whose interval is disjoint from every interval in `others`."""
    old = text[tok[0]:tok[1]]
    digits = old[0].isdigit()
    n = written_number(old)
    decimals = len(old.split(".")[1]) if digits and "." in old else 0
    percent = bool(_PERCENT_AFTER.match(text, tok[1]))
    if CHANGE == "near" and not decimals and n >= 1:
        # the nearest values first, up or down: the slips reports make (29 for 30, 86 for 82)
        up, down = _ladder(int(n), 0.05, 1.0, True), _ladder(int(n), 0.05, 0.5, False)
        tries = sorted(up + down, key=lambda x: (abs(x - n), x < n))
    else:
        tries = [2 * n + 3, n / 2 if decimals else n // 2]
    for new in tries:
        if new < 1 or new == n or (percent and new > 100):
            continue
        iv = interval(qual, new * scale)
        if others and all(disjoint(iv, o) for o in others):
            if not digits:
                w = int_words(int(new))
                s = (w[0].upper() + w[1:] if old[0].isupper() else w) if w else str(int(new))
            elif decimals:
                s = f"{new:.{decimals}f}"
            else:  # 1,639 (not 1639, which reads as a year) unless the report writes 4,500 as 4500
                s = f"{int(new):,}" if "," in old or (new >= 1000 and len(old) < 4) else str(int(new))
            return s, new * scale
    return None


def new_day(text: str, m: re.Match, year: int) -> str | None:
    """The day of the date m ("June 21") moved 3 days within its month: "24" (or "18")."""
    y = _YEAR_AFTER.match(text, m.end())
    y = int(y.group(1)) if y else year
    month = MONTHS.index(m.group(1)) + 1
    d = int(m.group(2))
    last = calendar.monthrange(y, month)[1]
    if not 1 <= d <= last:
        return None
    return str(d + 3) if d + 3 <= last else str(d - 3)


@dataclass
class ReaderPlant:
    report: str
    kind: str  # count, day, part
    item: str  # the gold group's or total's id
    what: str  # what was planted, for people
    span: tuple[int, int]  # the planted quote in the original text (or the part's number, see part_sites)
    token: tuple[int, int]  # the replaced characters in the original text
    old: str
    new: str
    others: list  # spans (original text) of the item's other quotes: one must be covered too
    quotes: list  # (span, quote) of every quote of the item, checked again after the edit
    linked_before: str = ""  # results of the unplanted run that relate the planted quote to another
    flagged_before: str = ""  # ... and fail
    found_by: str = ""
    old_finds: str = ""  # failing results that cover the plant but already failed unplanted
    after: str = ""  # for a miss: what relates the planted quote to another after the edit
    info_by: str = ""  # for a miss (without --info): a new info result that would find it
    run_error: str = ""

    def shifted(self, span):
        d = len(self.new) - (self.token[1] - self.token[0])
        a, b = span
        return (a if a <= self.token[0] else a + d, b if b <= self.token[0] else b + d)

    def planted_text(self, text: str) -> str:
        return text[:self.token[0]] + self.new + text[self.token[1]:]


@dataclass
class GoldReport:
    name: str
    path: Path
    year: int
    gold: dict
    text: str
    plants: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (kind, item, category, reason)
    problems: list = field(default_factory=list)  # gold quotes not in the report
    base: dict | None = None  # the review of the unplanted copy
    base_error: str = ""

    def skip(self, kind: str, item: str, reasons: list[tuple[str, str]]) -> None:
        """A site not planted: reasons are (category, why), one per candidate."""
        cat = min((c for c, _ in reasons), key=SKIP_ORDER.index)
        self.skipped.append((kind, item, cat, "; ".join(dict.fromkeys(w for _, w in reasons))))


def gold_index(shared: Path, dirs: list[Path]) -> dict[str, dict]:
    """name -> {gold, text, year} from each folder's index.json (text relative to `shared`, or absolute)."""
    out = {}
    for d in dirs:
        for name, entry in json.loads((d / "index.json").read_text(encoding="utf-8")).items():
            out[name] = {"gold": d / f"{name}.json", "text": shared / entry["text"], "year": int(entry["year"])}
    return out


def _quote_spans(text: str, quotes: list[str]) -> list[tuple[int, int]] | str:
    spans = []
    for q in quotes:
        i = text.find(q)
        if i < 0:
            return f"quote not in the report: {short(q, 60)!r}"
        spans.append((i, i + len(q)))
    return spans


def _components(nodes: list[dict], related) -> list[list[dict]]:
    """Connected components of nodes under related(a, b), in the nodes' order."""
    comp = list(range(len(nodes)))

    def root(i):
        while comp[i] != i:
            comp[i] = comp[comp[i]]
            i = comp[i]
        return i

    for i, j in itertools.combinations(range(len(nodes)), 2):
        if related(nodes[i], nodes[j]):
            comp[root(i)] = root(j)
    groups: dict[int, list[dict]] = {}
    for i, n in enumerate(nodes):
        groups.setdefault(root(i), []).append(n)
    return list(groups.values())


def count_sites(rep: GoldReport, g: dict, spans: list, rng_key: str) -> None:
    """(a) count: one plant per count that two mentions of the group state."""
    text = rep.text
    nodes, why = [], {}
    for i, m in enumerate(g["mentions"]):
        toks = number_tokens(text, spans[i])
        stated = []
        for key, count in (m.get("counts") or {}).items():
            v, reason = count_value(count)
            if v is None:
                why.setdefault(i, []).append(reason)
            else:
                stated.append((key.strip().lower(), v))
        for key, v in stated:
            if any(n["m"] == i and n["value"] == v for n in nodes):
                nodes[[n["m"] == i and n["value"] == v for n in nodes].index(True)]["keys"].add(key)
                continue
            nodes.append({"m": i, "keys": {key}, "value": v, "toks": [t for t, x in toks if x == v]})
        if not m.get("counts"):  # no counts recorded: the numbers of its quote (no day, no year)
            for t, v in toks:
                if not is_date_part(text, t) and not any(n["m"] == i and n["value"] == v for n in nodes):
                    nodes.append({"m": i, "keys": set(), "value": v, "toks": [x for x, y in toks if y == v],
                                  "inferred": True})
    for n in nodes:
        n["iv"] = interval(qualifier_before(text, n["toks"][0][0]) if n["toks"] else "exact", n["value"])
    counted = {i for i, m in enumerate(g["mentions"]) if m.get("counts")}

    def related(a, b):
        """One count: two mentions' overlapping counts of one measure (the gold's key), or one precise
        figure under two keys ("19,000" child soldiers, children recruited), or an equal number where
        a mention records no counts. (Equal small numbers under two keys are often two things:
        "48" killed and "as many as 48" missing; a sentence of three years and a three-year maximum.)"""
        if a["m"] == b["m"] or disjoint(a["iv"], b["iv"]):
            return False
        if not a["keys"] or not b["keys"] or a["value"] >= 100:
            return a["value"] == b["value"] or bool(a["keys"] & b["keys"])
        return bool(a["keys"] & b["keys"])

    sites = [c for c in _components(nodes, related)
             if len({n["m"] for n in c}) >= 2 and not all(n.get("inferred") for n in c)]
    # (a component of one mention's count, or of numbers no mention records as counts, is no site)
    if not sites and len(counted) >= 2 and why:
        rep.skip("count", g["id"], [(NO_NUMBER, "no count two mentions state that the benchmark can read: "
                                     + "; ".join(r for rs in why.values() for r in rs))])
    for comp in sites:
        value = comp[0]["value"]
        label = f"{g['id']} ({'/'.join(sorted(set().union(*(n['keys'] for n in comp))) or 'number')} {value:g})"
        cands, reasons = [], []
        for n in comp:
            q = g["mentions"][n["m"]]["quote"]
            if len(n["toks"]) != 1:
                reasons.append((AMBIGUOUS if n["toks"] else NOT_IN_QUOTE,
                                f"{n['value']:g} written {len(n['toks'])} times in {short(q, 50)!r}"))
                continue
            if n["value"] < 2:
                reasons.append((NO_NUMBER, f"a count of {n['value']:g} in {short(q, 50)!r}"))
                continue
            if any(overlaps(spans[n["m"]], spans[j]) for j in range(len(spans)) if j != n["m"]):
                reasons.append((AMBIGUOUS, f"the quote overlaps another mention's: {short(q, 50)!r}"))
                continue
            tok = n["toks"][0]
            scale = n["value"] / written_number(text[tok[0]:tok[1]])
            rest = [o["iv"] for o in comp if o["m"] != n["m"]]
            new = new_number(text, tok, qualifier_before(text, tok[0]), scale, rest)
            if new is None:
                reasons.append((OPEN_BOUNDS, f"no value contradicts the others' in {short(q, 50)!r}"))
                continue
            cands.append((n, tok, new[0]))
        if not cands:
            rep.skip("count", label, reasons)
            continue
        n, tok, new = random.Random(f"{rng_key}:{label}").choice(cands)
        _add_plant(rep, "count", g["id"], spans, n["m"], tok, new, g["mentions"],
                   f"{text[tok[0]:tok[1]]} -> {new} in {short(g['mentions'][n['m']]['quote'], 80)!r}", label)


def day_sites(rep: GoldReport, g: dict, spans: list, rng_key: str) -> None:
    """(b) day: one plant per day ("June 21") that two mentions of the group give."""
    text = rep.text
    nodes = []
    for i, _m in enumerate(g["mentions"]):
        for d in DATE_RE.finditer(text, spans[i][0], spans[i][1]):
            if _RANGE_AFTER.match(text, d.end()):
                continue
            y = _YEAR_AFTER.match(text, d.end())
            nodes.append({"m": i, "day": (d.group(1), int(d.group(2))), "year": int(y.group(1)) if y else None,
                          "match": d})

    def related(a, b):
        return (a["m"] != b["m"] and a["day"] == b["day"]
                and (a["year"] is None or b["year"] is None or a["year"] == b["year"]))

    for comp in _components(nodes, related):
        if len({n["m"] for n in comp}) < 2:
            continue
        label = f"{g['id']} ({comp[0]['day'][0]} {comp[0]['day'][1]})"
        cands, reasons = [], []
        for n in comp:
            q = g["mentions"][n["m"]]["quote"]
            same = [x for x in nodes if x["m"] == n["m"] and x["day"] == n["day"]]
            if len(same) != 1:
                reasons.append((AMBIGUOUS, f"the day is written {len(same)} times in {short(q, 50)!r}"))
                continue
            if any(overlaps(spans[n["m"]], spans[j]) for j in range(len(spans)) if j != n["m"]):
                reasons.append((AMBIGUOUS, f"the quote overlaps another mention's: {short(q, 50)!r}"))
                continue
            new = new_day(text, n["match"], rep.year)
            if new is None:
                reasons.append((NO_NUMBER, f"not a valid date: {n['match'].group(0)!r}"))
                continue
            cands.append((n, new))
        if not cands:
            rep.skip("day", label, reasons)
            continue
        n, new = random.Random(f"{rng_key}:{label}").choice(cands)
        d = n["match"]
        _add_plant(rep, "day", g["id"], spans, n["m"], d.span(2), new, g["mentions"],
                   f"{d.group(0)} -> {d.group(1)} {new} in {short(g['mentions'][n['m']]['quote'], 80)!r}", label)


def _add_plant(rep: GoldReport, kind: str, item: str, spans: list, i: int, tok: tuple[int, int], new: str,
               mentions: list, what: str, label: str) -> None:
    others = [s for j, s in enumerate(spans) if j != i]
    p = ReaderPlant(report=rep.name, kind=kind, item=item, what=what, span=spans[i], token=tok,
                    old=rep.text[tok[0]:tok[1]], new=new, others=others,
                    quotes=[(s, m["quote"]) for s, m in zip(spans, mentions, strict=True)])
    _keep_if_unambiguous(rep, p, label)


def _keep_if_unambiguous(rep: GoldReport, p: ReaderPlant, label: str) -> None:
    """Every quote of the item is still found (first occurrence, as score.py finds it) where it was."""
    planted = p.planted_text(rep.text)
    for span, q in p.quotes:
        if span[0] <= p.token[0] and p.token[1] <= span[1]:
            q = q[:p.token[0] - span[0]] + p.new + q[p.token[1] - span[0]:]
        if planted.find(q) != p.shifted(span)[0]:
            rep.skip(p.kind, label, [(AMBIGUOUS, f"after the edit, {short(q, 50)!r} is found elsewhere")])
            return
    rep.plants.append(p)


def _total_terms(arith: str) -> tuple[list[str], str] | str:
    """The terms and the total of a gold total's arithmetic ("127+21+14+2=164"), or why not."""
    first = arith.split(";")[0]
    segs = re.split(r"<=|>=|=|\bvs\.?\b", first)
    if len(segs) < 2:
        return f"no sum in the arithmetic {arith!r}"
    terms = segs[0].split("+")
    for t in terms + [segs[-1]]:
        rest = TOKEN_RE.sub("#", _TERM_NOISE.sub(" ", t))
        if not re.fullmatch(r"\s*#\s*", rest):
            return f"the arithmetic is no sum of written numbers: {arith!r}"
    if len(terms) < 2:
        return f"a single part: {arith!r}"
    return terms, segs[-1]


def part_sites(rep: GoldReport, t: dict, rng_key: str) -> None:
    """(c) part: one part of an exhaustive, consistent total changed so that the parts no longer add up."""
    text = rep.text
    label = t["id"]
    spans = _quote_spans(text, [t["total_quote"], *t["part_quotes"]])
    if isinstance(spans, str):
        rep.problems.append(f"{label}: {spans}")
        return
    tot_span, part_spans = spans[0], spans[1:]
    parsed = _total_terms(t.get("arithmetic", ""))
    if isinstance(parsed, str):
        rep.skip("part", label, [(NOT_A_SUM, parsed)])
        return
    terms, total_term = parsed

    def value_of(term):
        m = next(TOKEN_RE.finditer(_TERM_NOISE.sub(" ", term)))
        return token_value(_TERM_NOISE.sub(" ", term), m)

    values = [value_of(x) for x in terms]
    tv = value_of(total_term)
    in_parts = list({tok: v for s in part_spans for tok, v in number_tokens(text, s)}.items())
    tot_toks = [tok for tok, v in number_tokens(text, tot_span) if v == tv]
    # the total as written (its qualifier); a share of 100 percent needs not be written
    if len(tot_toks) == 1:
        tot_tok = tot_toks[0]
        tot_iv = interval(qualifier_before(text, tot_tok[0]), tv)
    elif not tot_toks and tv == 100 and re.search(r"%|percent", t.get("arithmetic", "")):
        tot_tok, tot_iv = None, (100, 100)
    else:
        rep.skip("part", label, [(AMBIGUOUS if tot_toks else NOT_IN_QUOTE,
                                  f"the total {tv:g} is written {len(tot_toks)} times in the total quote")])
        return
    parts = []
    for v in values:
        toks = [tok for tok, x in in_parts if x == v and tok != tot_tok]
        iv = interval(qualifier_before(text, toks[0][0]) if toks else "exact", v)
        parts.append({"value": v, "toks": toks, "iv": iv})
    if breakdown_contradicts([p["iv"] for p in parts], tot_iv, False):
        rep.skip("part", label, [(NO_NUMBER, f"the benchmark reads {t.get('arithmetic')!r} as no exact sum")])
        return
    cands, reasons = [], []
    for k, p in enumerate(parts):
        if len(p["toks"]) != 1 or values.count(p["value"]) != 1:
            reasons.append((AMBIGUOUS if p["toks"] else NOT_IN_QUOTE, f"part {p['value']:g} written "
                            f"{len(p['toks'])} times for {values.count(p['value'])} terms"))
            continue
        if p["value"] < 2:
            reasons.append((NO_NUMBER, "a part of 1"))
            continue
        tok = p["toks"][0]
        scale = p["value"] / written_number(text[tok[0]:tok[1]])
        rest = sum_iv([q["iv"] for j, q in enumerate(parts) if j != k])
        # the parts no longer reach or exceed the total: the changed part's interval must lie outside
        # [total - rest], i.e. be disjoint from the interval the part could have
        allowed = (tot_iv[0] - rest[1], tot_iv[1] - rest[0])
        new = new_number(text, tok, qualifier_before(text, tok[0]), scale, [allowed])
        if new is None:
            reasons.append((OPEN_BOUNDS, f"no value of part {p['value']:g} breaks the sum"))
            continue
        cands.append((tok, new[0]))
    if not cands:
        rep.skip("part", label, reasons)
        return
    tok, new = random.Random(f"{rng_key}:{label}").choice(cands)
    pspan = next(s for s in part_spans if s[0] <= tok[0] and tok[1] <= s[1])
    if overlaps(pspan, tot_span):  # one quote holds the total and the part: the numbers must be covered
        if tot_tok is None:
            rep.skip("part", label, [(NOT_IN_QUOTE, "the part's quote holds the total's, and the total is not "
                                                   "written")])
            return
        span, others = tok, [tot_tok]
    else:
        span, others = pspan, [tot_span]
    plant = ReaderPlant(report=rep.name, kind="part", item=label, span=span, token=tok, old=text[tok[0]:tok[1]],
                        new=new, others=others, quotes=[(s, text[s[0]:s[1]]) for s in spans],
                        what=f"part {text[tok[0]:tok[1]]} -> {new} in {short(text[pspan[0]:pspan[1]], 80)!r}; "
                             f"gold: {t.get('arithmetic')}")
    _keep_if_unambiguous(rep, plant, label)


def reader_sites(rep: GoldReport, seed: int, kinds: set[str]) -> None:
    rng_key = f"{seed}:{rep.name}"
    for g in rep.gold.get("same_event_groups", []):
        if g.get("verdict") != "agree" or not kinds & {"count", "day"}:
            continue
        spans = _quote_spans(rep.text, [m["quote"] for m in g["mentions"]])
        if isinstance(spans, str):
            rep.problems.append(f"{g['id']}: {spans}")
            continue
        if "count" in kinds:
            count_sites(rep, g, spans, rng_key)
        if "day" in kinds:
            day_sites(rep, g, spans, rng_key)
    if "part" in kinds:
        for t in rep.gold.get("totals", []):
            if t.get("kind") == "exhaustive" and t.get("verdict") == "consistent":
                part_sites(rep, t, rng_key)


def _spans(result: dict) -> list[tuple[int, int]]:
    return [(int(e["start"]), int(e["end"])) for e in result.get("evidence", []) if "start" in e and "end" in e]


def _failing(result: dict, severities: tuple[str, ...]) -> bool:
    return result.get("outcome") == "fail" and result.get("severity") in severities


def reader_check(tool: list[str], env: dict, rep: GoldReport, text: str, work: Path) -> tuple[dict | None, str]:
    """check-report on a copy of the report holding `text`: the same file name (the year and the
    country are read from it) and the same folder name, and the report's own rule file if it has one."""
    d = work / rep.path.parent.name
    d.mkdir(parents=True, exist_ok=True)
    f = d / rep.path.name
    with open(f, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    rules = rep.path.parent / "checks" / f"{rep.path.stem}.yml"
    if rules.is_file():
        (d / "checks").mkdir(exist_ok=True)
        (d / "checks" / rules.name).write_text(rules.read_text(encoding="utf-8"), encoding="utf-8")
    out = work / "out.json"
    argv = [*tool, str(f), "--year", str(rep.year), "--format", "json", "--output", str(out)]
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False, cwd=REPO,
                          env=dict(os.environ, REPORTCHECK_DEBUG="1", **env))
    problem = ""
    if "Traceback" in proc.stderr or proc.returncode not in (0, 1):
        problem = f"exit {proc.returncode}: {proc.stderr.strip()[-600:]}"
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, problem or f"no output ({exc}): {proc.stderr.strip()[-600:]}"
    for e in (e for r in data.get("results", []) for e in r.get("evidence", [])):
        if "start" in e and e.get("quote") is not None and text[int(e["start"]):int(e["end"])] != e["quote"]:
            problem = problem or f"evidence offsets are not the text's: {e['quote']!r} at {e['start']}"
    return data, problem


def judge(p: ReaderPlant, base: list[dict], results: list[dict], severities: tuple[str, ...]) -> None:
    """Found: a failing result covers the planted quote and another quote of the site, and it did not
    fail before: no failing result of the unplanted run with the same code has evidence overlapping
    its evidence while covering the site too. (Overlapping evidence alone is too wide: mali-2019's
    "33 in 2019" is a part of the 86 children by year and the total of the 33 by location, two
    RC201 results; the second fails unplanted, a plant in the first is still a new failure.)
    Without --info, a miss that a new info result would find is noted (p.info_by)."""
    changed, others = p.shifted(p.span), [p.shifted(o) for o in p.others]

    def new_finds(sev):
        base_failing = [b for b in base if _failing(b, sev) and covers(b, p.span, p.others)]
        new, old = [], []
        for r in results:
            if not _failing(r, sev) or not covers(r, changed, others):
                continue
            rs = _spans(r)
            same = any(b["code"] == r["code"] and any(overlaps(p.shifted(x), y) for x in _spans(b) for y in rs)
                       for b in base_failing)
            (old if same else new).append(f"{r['code']} {r['severity']}")
        return new, old

    new, old = new_finds(severities)
    p.found_by = new[0] if new else ""
    p.old_finds = ", ".join(old)
    if not p.found_by:
        p.after = linked_by(results, changed, others) or "nothing relates them"
        if "info" not in severities:
            p.info_by = next(iter(new_finds(("info",))[0]), "")


def reader_main(args, shared: Path) -> None:
    severities = ("error", "warning", "info") if args.info else ("error", "warning")
    kinds = {k.strip() for k in args.kinds.split(",")}
    if not kinds <= set(READER_KINDS):
        raise SystemExit(f"--kinds: {', '.join(sorted(kinds - set(READER_KINDS)))} (known: {', '.join(READER_KINDS)})")
    dirs = [Path(d) for d in args.gold] if args.gold else [shared / "eval" / "gold", REPO / "benchmarks" / "gold"]
    index = gold_index(shared, dirs)
    only = {n.strip() for o in args.only or [] for n in o.split(",") if n.strip()}
    if only - set(index):
        raise SystemExit(f"--only: no gold file {', '.join(sorted(only - set(index)))} (known: {', '.join(index)})")
    def git(*argv):
        return subprocess.run(["git", "-C", str(REPO), *argv], capture_output=True, check=False)

    commit = git("rev-parse", "--short", args.at or "HEAD").stdout.decode().strip()
    if not commit:
        raise SystemExit(f"--at: no commit {args.at!r}")
    if args.at:  # that commit's src/ (a git archive) run by the project's Python
        tool = [str(REPO / ".venv" / "bin" / "python"), "-c", "import sys; from reportcheck.cli import main; "
                "sys.exit(main())"]
        version = f"commit {commit} (its src/, exported)"
    else:
        tool = [args.check_report or str(REPO / ".venv" / "bin" / "check-report")]
        if not Path(tool[0]).exists():
            tool = [check_report()]
        dirty = args.check_report is None and git("status", "--porcelain", "--", "src").stdout.strip()
        version = f"commit {commit}" + (" with uncommitted changes in src/" if dirty else "")
    today = datetime.date.today().isoformat()
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    print(f"{today}, {version}, {' '.join(tool)}, seed {args.seed}, "
          f"found = a new {'/'.join(severities)} result, {args.workers} jobs\n")

    reports = []
    for name, entry in index.items():
        if only and name not in only:
            continue
        rep = GoldReport(name=name, path=entry["text"], year=entry["year"],
                         gold=json.loads(entry["gold"].read_text(encoding="utf-8")),
                         text=entry["text"].read_text(encoding="utf-8"))
        reader_sites(rep, args.seed, kinds)
        if args.limit is not None and len(rep.plants) > args.limit:
            keep = sorted(random.Random(f"{args.seed}:{name}:limit").sample(range(len(rep.plants)), args.limit))
            rep.plants = [rep.plants[i] for i in keep]
        reports.append(rep)

    problems = [f"{rep.name}: gold {x}" for rep in reports for x in rep.problems]
    t0 = time.perf_counter()
    if not args.dry_run:
        with contextlib.ExitStack() as stack:
            tmp = Path(args.keep) if args.keep else Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="planted-reader-")))
            env = {}
            if args.at:
                export = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="planted-at-")))
                with tarfile.open(fileobj=io.BytesIO(git("archive", "--format=tar", commit, "src").stdout)) as tf:
                    tf.extractall(export, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
                env["PYTHONPATH"] = str(export / "src")
            ex = stack.enter_context(cf.ThreadPoolExecutor(max_workers=args.workers))
            base_jobs = {ex.submit(reader_check, tool, env, rep, rep.text, tmp / rep.name / "unplanted"): rep
                         for rep in reports}
            for fut in cf.as_completed(base_jobs):
                rep = base_jobs[fut]
                rep.base, rep.base_error = fut.result()
                if rep.base_error:
                    problems.append(f"{rep.name} (unplanted): {rep.base_error}")
            jobs = {}
            for rep in reports:
                if rep.base is None:
                    continue
                base = rep.base["results"]
                for i, p in enumerate(rep.plants):
                    p.linked_before = linked_by(base, p.span, p.others)
                    p.flagged_before = next((f"{r['code']} {r['severity']}" for r in base
                                             if _failing(r, severities) and covers(r, p.span, p.others)), "")
                    work = tmp / rep.name / f"{i:03d}-{p.kind}-{p.item}"
                    jobs[ex.submit(reader_check, tool, env, rep, p.planted_text(rep.text), work)] = (rep, p)
            for fut in cf.as_completed(jobs):
                rep, p = jobs[fut]
                data, p.run_error = fut.result()
                if p.run_error:
                    problems.append(f"{rep.name} {p.item} ({p.kind}): {p.run_error}")
                if data is not None:
                    judge(p, rep.base["results"], data["results"], severities)
    elapsed = time.perf_counter() - t0
    reader_print(args, reports, severities, f"{today}, {version}", elapsed, problems)


def reader_print(args, reports: list[GoldReport], severities, stamp: str, elapsed: float, problems: list) -> None:
    def pct(a, b):
        return f"{a / b:.0%}" if b else "-"

    def found(ps):
        return sum(bool(p.found_by) for p in ps)

    wanted = {x.strip() for x in args.kinds.split(",")}
    kinds = [k for k in READER_KINDS if k in wanted]
    plants = [p for rep in reports for p in rep.plants]
    skipped = [(rep.name, *s) for rep in reports for s in rep.skipped]
    print("## Plants per report: found/planted (skipped)\n")
    print("| report | year | " + " | ".join(kinds) + " | failing results, unplanted |")
    print("|---|---|" + "---|" * len(kinds) + "---|")
    for rep in reports:
        cells = []
        for k in kinds:
            ps = [p for p in rep.plants if p.kind == k]
            sk = sum(1 for s in rep.skipped if s[0] == k)
            cells.append(f"{found(ps)}/{len(ps)}" + (f" ({sk})" if sk else ""))
        base = "-" if rep.base is None else str(sum(_failing(r, severities) for r in rep.base["results"]))
        print(f"| {rep.name} | {rep.year} | " + " | ".join(cells) + f" | {base} |")
    print()
    print("## Summary\n")
    info = "" if "info" in severities else " missed, an info result covers |"
    print("| kind | planted | found | recall | skipped | of the planted: linked by the unplanted run (found) | "
          "not linked (found) | already flagged unplanted |" + info)
    print("|---|---|---|---|---|---|---|---|" + "---|" * bool(info))
    lines = []
    for k in kinds:
        ps = [p for p in plants if p.kind == k]
        sk = Counter(s[3] for s in skipped if s[1] == k)
        linked = [p for p in ps if p.linked_before]
        unlinked = [p for p in ps if not p.linked_before]
        print(f"| {k} | {len(ps)} | {found(ps)} | {pct(found(ps), len(ps))} | {sum(sk.values())} | "
              f"{len(linked)} ({found(linked)}) | {len(unlinked)} ({found(unlinked)}) | "
              f"{sum(bool(p.flagged_before) for p in ps)} |" + f" {sum(bool(p.info_by) for p in ps)} |" * bool(info))
        head = (f"{k}: {len(ps)} plants (dry run)" if args.dry_run
                else f"{k}: {found(ps)}/{len(ps)} found ({pct(found(ps), len(ps))})")
        lines.append(f"{head}, {sum(sk.values())} skipped ("
                     + (", ".join(f"{sk[c]} {c}" for c in SKIP_ORDER if sk[c]) or "none") + ")")
    print()
    print("Skipped sites, by why: " + "; ".join(
        f"{k}: " + (", ".join(f"{n} {c}" for c, n in sorted(Counter(s[3] for s in skipped if s[1] == k).items(),
                                                          key=lambda x: SKIP_ORDER.index(x[0]))) or "none")
        for k in kinds) + "\n")
    found_codes = Counter(p.found_by for p in plants if p.found_by)
    if found_codes:
        print("Found by: " + ", ".join(f"{c} {n}" for c, n in found_codes.most_common()) + "\n")
    if args.dry_run:
        print("(dry run: nothing was checked)\n")
        for p in plants:
            print(f"- [{p.report}] {p.item} ({p.kind}): {p.what}")
        print()
    misses = [p for p in plants if not p.found_by and not args.dry_run]
    if args.verbose:
        if not args.dry_run:
            print(f"### Found ({len(plants) - len(misses)})\n")
            for p in plants:
                if p.found_by:
                    print(f"- [{p.report}] {p.item} ({p.kind}): {p.what} -- {p.found_by}"
                          f" (before: {p.linked_before or 'nothing relates them'})")
            print(f"\n### Misses ({len(misses)})\n")
            for p in misses:
                print(f"- [{p.report}] {p.item} ({p.kind}): {p.what} -- before: "
                      f"{p.linked_before or 'nothing relates them'}; after: {p.after or '?'}"
                      + (f"; failing already unplanted: {p.old_finds}" if p.old_finds else "")
                      + (f"; an info result covers it: {p.info_by}" if p.info_by else ""))
            print()
        print(f"### Skipped ({len(skipped)})\n")
        for name, k, item, cat, why in skipped:
            print(f"- [{name}] {item} ({k}, {cat}): {why}")
        print()
    elif not args.dry_run:
        print(f"({len(misses)} misses and {len(skipped)} skipped sites: -v lists them)\n")
    if not args.dry_run:
        print(f"Time: {elapsed:.0f} s, {len(plants) + len(reports)} check-report runs, {args.workers} at a time\n")
    if problems:
        print("!" * 72)
        for x in problems:
            print(f"!!! {x}")
        print("!" * 72 + "\n")
    what = "/".join(severities)
    for line in lines:
        print(f"Planted in what a reader links, {line}; found = a new {what} result; seed {args.seed}"
              + (f"; --limit {args.limit}" if args.limit is not None else "") + f"; {stamp}")
    if problems:
        raise SystemExit(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--year", type=int, default=2019, help="corpus year for (b) (default 2019)")
    ap.add_argument("-n", type=int, default=60, help="plants of source (b) (default 60)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("-j", "--jobs", "--workers", dest="workers", type=int, default=2, metavar="N",
                    help="check-report runs at a time, each its own process (default 2)")
    ap.add_argument("--sources", default="a,b", help="a (gold), b (corpus) or a,b (default)")
    ap.add_argument("--change", choices=("far", "near"), default="far",
                    help="far (default): value*2+3, a partial breakdown's part + total + 1; near: about 5%% "
                         "(within the tolerance the linkers use to tell one statistic from another)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list every (b) plant, not only the misses; --reader: list the misses and the skipped sites")
    reader = ap.add_argument_group("--reader: plants in what a careful reader links, in every gold file")
    reader.add_argument("--reader", action="store_true", help="this mode (instead of sources a and b)")
    reader.add_argument("--gold", action="append", metavar="DIR",
                        help="a folder of gold files with its index.json; repeatable "
                             "(default: SHARED/eval/gold and benchmarks/gold)")
    reader.add_argument("--only", action="append", metavar="NAME", help="only these gold files (repeatable, or a,b)")
    reader.add_argument("--limit", type=int, metavar="N", help="at most N plants per report (a seeded choice)")
    reader.add_argument("--kinds", default=",".join(READER_KINDS), help="count,day,part (default: all three)")
    reader.add_argument("--info", action="store_true", help="an info result finds a plant too (default: error "
                        "or warning)")
    reader.add_argument("--check-report", metavar="PATH", help="default: .venv/bin/check-report")
    reader.add_argument("--at", metavar="COMMIT", help="check with that commit's src/ (a git archive, run by "
                        ".venv/bin/python), not the installed code: figures that a commit can reproduce")
    reader.add_argument("--dry-run", action="store_true", help="list the plants and the skipped sites, run nothing")
    reader.add_argument("--keep", metavar="DIR", help="keep every copy and review under DIR (default: a temporary "
                        "folder, removed)")
    args = ap.parse_args()
    global CHANGE
    CHANGE = args.change
    shared = Path(args.shared)
    if args.reader:
        reader_main(args, shared)
        return
    sources = {s.strip() for s in args.sources.split(",")}
    try:
        from reportcheck import __version__ as version
    except Exception:  # any failure: the version is only printed
        version = "?"
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    print(f"{datetime.datetime.now().isoformat(timespec='seconds')}, reportcheck {version}, seed {args.seed}, "
          f"change {args.change}, {args.workers} workers\n")

    cannot: list[tuple[str, str, str]] = []
    unfair: list[Plant] = []
    done: list[Plant] = []
    problems: list[str] = []
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="planted-") as tmpname:
        tmp = Path(tmpname)
        if "a" in sources:
            t0 = time.perf_counter()
            print("## (a) gold-based plants (a reader's groups and totals)\n")
            for stem, rel in GOLD.items():
                if not (shared / rel).exists():
                    print(f"{stem}: no report under {shared}\n")
                    continue
                path, text, plants = gold_plants(shared, stem, args.seed, cannot)
                base, problem = run_check([path], tmp / f"base-{stem}.json")
                if problem:
                    problems.append(f"baseline {stem}: {problem}")
                base_results = base["results"] if base else []
                fair = []
                for p in plants:
                    p.unfair_by = first_finder(base_results, p.span, p.others)
                    p.extra["before"] = linked_by(base_results, p.span, p.others) or "nothing relates them"
                    (unfair if p.unfair_by else fair).append(p)
                run_all(fair, {path: text}, tmp, args.workers)
                done += fair
                print(f"### {stem}: {len(fair)} plants "
                      f"(baseline: {sum(r['outcome'] == 'fail' for r in base_results)} failing results)\n")
                print("| gold item | class | changed quote | change | result |")
                print("|---|---|---|---|---|")
                for p in fair:
                    print(row_of(p))
                print()
            timings["a"] = time.perf_counter() - t0

        if "b" in sources:
            t0 = time.perf_counter()
            folder = shared / "corpus" / "text" / str(args.year)
            print(f"## (b) tool-based plants: passing {', '.join(TOOL_CODES)} results of text/{args.year}\n")
            data, problem = run_check([folder], tmp / "corpus.json", tmp / "corpus-figures.json")
            if problem:
                problems.append(f"corpus run: {problem}")
            if data is not None:
                figures = json.loads((tmp / "corpus-figures.json").read_text(encoding="utf-8"))
                pool = Counter(r["code"] for r in data["results"] if r["code"] in TOOL_CODES and r["outcome"] == "pass")
                plants = tool_plants(folder, data, figures, args.n, args.seed, cannot, unfair)
                texts = {p.path: p.path.read_text(encoding="utf-8") for p in plants}
                run_all(plants, texts, tmp, args.workers)
                done += plants
                print(f"pool: {sum(pool.values())} passing results "
                      f"({', '.join(f'{k} {v}' for k, v in sorted(pool.items()))}); "
                      f"{len(plants)} planted (up to {args.n}, in seeded shuffled order)\n")
                if args.verbose:
                    print("| result | class | changed quote | change | result |")
                    print("|---|---|---|---|---|")
                    for p in plants:
                        print(row_of(p))
                    print()
                else:
                    print("(misses below; -v lists every plant)\n")
            timings["b"] = time.perf_counter() - t0

    for p in done:
        if p.run_error:
            problems.append(f"{p.source} {p.label}: {p.run_error}")

    print("## Summary\n")
    print("| source | planted | found | recall | hard planted | hard found | hard recall | skipped (not fair) "
          "| could not plant |")
    print("|---|---|---|---|---|---|---|---|---|")
    keys = sorted({p.source for p in done} | {p.source for p in unfair} | {c[0] for c in cannot})
    groups = [(k, lambda src, k=k: src == k) for k in keys]
    for prefix in ("a", "b"):
        if sum(k.startswith(prefix) for k in keys) > 1:
            groups.append((f"**{prefix}: all**", lambda src, prefix=prefix: src.startswith(prefix)))

    def pct(a, b):
        return f"{a / b:.0%}" if b else "-"

    for name, sel in groups:
        ps = [p for p in done if sel(p.source)]
        hard = [p for p in ps if p.hard]
        f, hf = sum(bool(p.found_by) for p in ps), sum(bool(p.found_by) for p in hard)
        n_unfair = sum(1 for p in unfair if sel(p.source))
        n_cannot = sum(1 for c in cannot if sel(c[0]))
        print(f"| {name} | {len(ps)} | {f} | {pct(f, len(ps))} | {len(hard)} | {hf} | {pct(hf, len(hard))} | "
              f"{n_unfair} | {n_cannot} |")
    print()
    found_codes = Counter(p.found_by for p in done if p.found_by)
    if found_codes:
        print("Found by: " + ", ".join(f"{k} {v}" for k, v in found_codes.most_common()) + "\n")

    misses = [p for p in done if not p.found_by]
    print(f"### Misses ({len(misses)})\n")
    for p in misses:
        print(f"- [{p.source}] {'HARD' if p.hard else 'soft'} {p.label}: {short(p.quote, 110)!r} -- {p.note}"
              + (f" => before: {p.extra['before']}" if "before" in p.extra else "")
              + f" => after: {p.extra.get('after', '?')}")
    if unfair:
        print(f"\n### Skipped, not fair: the unmodified run already flags those quotes ({len(unfair)})\n")
        for p in unfair:
            print(f"- [{p.source}] {p.label}: {short(p.quote, 80)!r} (already: {p.unfair_by})")
    if cannot:
        print(f"\n### Could not plant ({len(cannot)})\n")
        for source, label, why in cannot:
            print(f"- [{source}] {label}: {short(why, 220)}")
    print()
    print("Time: " + ", ".join(f"({k}) {v:.0f} s" for k, v in timings.items())
          + f"; {len(done)} check-report runs of plants, {args.workers} at a time")
    if problems:
        print("\n" + "!" * 72)
        for p in problems:
            print(f"!!! {p}")
        print("!" * 72)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
