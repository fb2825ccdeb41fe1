#!/usr/bin/env python3
"""Recall on planted contradictions: change one number of consistent real text, count the finds.

    .venv/bin/python benchmarks/planted.py [--shared ../shared] [--year 2019] [-n 60]
                                           [--seed 2026] [--workers 2] [--sources a,b]
                                           [--change far|near] [-v]

Natural contradictions are few, so recall is measured by planting them. Two sources of sites:

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
import concurrent.futures as cf
import datetime
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--year", type=int, default=2019, help="corpus year for (b) (default 2019)")
    ap.add_argument("-n", type=int, default=60, help="plants of source (b) (default 60)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workers", type=int, default=2, help="check-report runs at a time (default 2)")
    ap.add_argument("--sources", default="a,b", help="a (gold), b (corpus) or a,b (default)")
    ap.add_argument("--change", choices=("far", "near"), default="far",
                    help="far (default): value*2+3, a partial breakdown's part + total + 1; near: about 5%% "
                         "(within the tolerance the linkers use to tell one statistic from another)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every (b) plant, not only the misses")
    args = ap.parse_args()
    global CHANGE
    CHANGE = args.change
    shared = Path(args.shared)
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
