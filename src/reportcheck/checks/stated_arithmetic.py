from __future__ import annotations

import math
from dataclasses import dataclass

from ..config import qualifiers
from ..link.claims import Claim, rounding
from ..model import Result
from .context import CheckContext, evidence, section_name, severity, span_evidence
from .registry import register

CODE, NAME = "RC108", "stated-arithmetic"


@register(CODE, NAME)
def stated_arithmetic(ctx: CheckContext, params: dict) -> list[Result]:
    """Stated arithmetic: the multiples, percent changes and shares a report states about its own figures must hold.

    **What it checks.** Three kinds of statement, each read only when both of its figures stand
    where the sentence's grammar puts them:

    - a multiple: "doubled", "tripled", "quadrupled", "halved", "a fourfold increase",
      "increased 13-fold", "five times", with the figures it relates ("more than doubled from
      eight to 18", "nearly quadrupled to 1,676, up from 436", "148 per thousand, double the
      national average of 74 per thousand"). The ratio of the two figures must be the factor
      the words state (`multiples`), within `multiple_tolerance`; a qualifier before the word
      widens or opens it as the rule file's qualifier table says ("more than doubled" is a lower
      bound, "nearly tripled" at most three times);
    - a percent change: "an increase of 30 percent", "a 46 percent decrease compared with 24
      deaths", "increased by 8 percent, from 590,000 to 641,000". The change from the first
      figure to the second must be the stated percentage, within its rounding and
      `change_tolerance_points`; between two percentages, a change in percentage points also
      counts ("from 20 to 25 percent, an increase of 5 percent");
    - a share stated with its counts: "423 of the 547 seats (77 percent)", "257 of 2,029, or 13
      percent", "77 percent (423 of 547)", "Out of 143 mayors, only five women (3.49 percent)".
      100 x part / whole must round to the stated percentage (77 percent is [76.5, 77.5), and
      with `truncation` a percentage cut rather than rounded passes too), within
      `share_tolerance_points`. A percentage after coordinated pairs is of their sums: "nine of
      45 senators and 12 of 80 national deputies, or 17 percent" is 21 of 125 (16.8 percent),
      and passes when the sums give it (or, without "overall", "in total", "combined", when the
      last pair alone does).

    Every figure is taken as the interval its qualifier gives ("at least 271" is [271, inf);
    "about 1,600" is 1,440-1,760), a figure rounded by its words as the interval of its last
    digit ("1.1 million" is 1.05-1.15 million); a statement fails only when no values within
    the intervals make it hold. Not read as claims: a multiple or a percentage without both of
    its figures in the sentence ("the number of homicides doubled", "doubled down", penalties
    "doubled for repeat offenses"), and a percentage of something else than the whole before
    it ("seven of the 22 regions, or 4 percent of the population").

    An addition is read too: "appointed three new Supreme Court judges, ..., expanding the court
    from nine to 11 judges" states that 11 - 9 is the three added.

    **Why it matters.** Readers and datasets take the words ("quadrupled", "77 percent") as
    the finding, and quote them without the figures. When the report's own figures do not
    give them, either a figure or the words are wrong, and whichever is quoted, the report
    contradicts itself.

    **Example** (2019 Iraq report): "The number of death sentences ... quadrupled between 2017
    and 2018, to at least 271, compared with 125 the year before." 271 / 125 = 2.2: a little
    more than double, not four times (that would take about 500 sentences). Passes: "the number
    of women elected to the legislature more than doubled from eight to 18" (2019 Djibouti:
    18 / 8 = 2.25).

    **Severity.** `severity` (default warning): a slip is likely, but the report may round
    harder than its digits say, or the words may compare another period than the figures.

    **How to resolve.** Recompute the multiple, change or share from the figures and correct
    the words or the figure that is wrong; if the words compare other figures than the ones
    quoted (another period, another whole), say which.
    """
    sev = severity(params, "severity")
    quals = qualifiers(ctx.rules)
    out: list[Result] = []
    for claim in ctx.links.claims:
        v = judge(claim, ctx.rows, ctx.doc.text, params, quals)
        if v is None:
            continue
        said = " ".join(ctx.doc.text[claim.start:claim.end].split())
        where = section_name(ctx.rows[next(iter(claim.figures.values()))]["section"])
        ev = [span_evidence(ctx, claim.cue_start, claim.cue_end, "claim")]
        ev += [evidence(ctx, i, role) for role, i in claim.figures.items()
               if not claim.cue_start <= ctx.rows[i]["start"] < claim.cue_end]
        ev += [evidence(ctx, i, role) for part, whole in claim.listed for role, i in (("part", part), ("whole", whole))]
        details = {"claim": claim.kind, "form": claim.form, "computed": list(v.computed), "stated": list(v.stated)}
        out.append(Result(CODE, NAME, ctx.doc.id, "pass" if v.holds else "fail", sev,
                          f"\"{said}\" ({where}): {v.finding}", ev, v.arithmetic, details=details))
    return out


@dataclass(frozen=True)
class Verdict:
    holds: bool
    finding: str  # "271 is 2.2 times 125, not 4 times (quadrupled)"
    arithmetic: str  # "271 / 125 = 2.17 ...; quadrupled: 4, 3.4-4.6 with the tolerance"
    computed: tuple[float, float]  # what the figures give (a ratio, a change or a share in percent)
    stated: tuple[float, float]  # what the words allow, with rounding and tolerance


def judge(claim: Claim, rows: list, text: str, params: dict, quals: dict) -> Verdict | None:
    """Whether a claim holds for some values within its figures' intervals (None: nothing to judge)."""
    if claim.kind == "multiple":
        return _multiple(claim, rows, text, params, quals)
    if claim.kind == "change":
        return _change(claim, rows, text, params)
    if claim.kind == "addition":
        return _addition(claim, rows, text, params)
    return _share(claim, rows, text, params)


def _interval(text: str, r: dict, open_factor: float) -> tuple[float, float]:
    """A figure's interval, widened by the rounding its words imply ("1.1 million", "22 percent"),
    an open bound closed at `open_factor` times its number: "at least 271" is 271 to 406 here, since a
    report that knew of 500 would not write "at least 271"."""
    lo, hi = float(r["low"]), float(r["high"])
    n = _value(r)
    if math.isinf(hi):
        hi = max(lo, n or lo) * open_factor
    if lo <= 0 < hi and n:
        lo = n / open_factor
    u = rounding(text, r) / 2
    return max(0.0, lo - u), hi + u


def _value(r: dict) -> float | None:
    v = r["value"]
    return None if v is None or v != v else float(v)  # NaN: a vague quantity or a range


def _ratio(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Every b / a for values within the two intervals."""
    lo = b[0] / a[1] if not math.isinf(a[1]) else 0.0
    hi = b[1] / a[0] if a[0] > 0 else math.inf
    return lo, hi


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


def _fmt(x: float, digits: int = 1) -> str:
    if math.isinf(x):
        return "inf"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) < 1 and x:
        return f"{x:.2g}"
    return f"{x:.{digits}f}".rstrip("0").rstrip(".")


def _range(x: tuple[float, float], digits: int = 1) -> str:
    lo, hi = x
    if math.isinf(hi):
        return f"{_fmt(lo, digits)} or more"
    if _fmt(lo, digits) == _fmt(hi, digits):
        return _fmt(lo, digits)
    return f"{_fmt(lo, digits)} to {_fmt(hi, digits)}"


def _said(r: dict) -> str:
    """The figure as written, with its qualifier ("at least 271", "approximately 1,600")."""
    k = r["quote"].find(r["number_text"])
    return " ".join((r["quote"][:k + len(r["number_text"])] if k >= 0 else r["quote"]).split())


def _computed(point: str, span: str, text: str, *figures: tuple[dict, tuple[float, float]]) -> str:
    """What the figures give, at their numbers and, when some figure is an interval, over the
    intervals: "2.17 (at least 271: 271 to 406, so 2.17 to 3.25)"."""
    wide = [f"{_said(r)}: {_range(iv, 2)}" for r, iv in figures if not iv[0] == iv[1] == _value(r)]
    if not wide or span == point:
        return point
    return f"{point} ({'; '.join(wide)}, so {span})"


def _point(a: dict, b: dict) -> float | None:
    """b / a at the numbers as written."""
    va, vb = _value(a), _value(b)
    return vb / va if va and vb is not None else None


def _factor_interval(claim: Claim, quals: dict) -> tuple[float, float]:
    """What a multiple's words allow before the tolerance: "more than doubled" (2, inf), "nearly
    tripled" [2.7, 3]; the qualifier table's bounds, read for a ratio, not a count."""
    f = float(claim.factor or 0.0)
    q = quals.get(claim.qualifier)
    if q is None or claim.qualifier == "exact":
        return f, f
    lo, hi = q.low(f, q.ratio), q.high(f, q.ratio)
    if math.isinf(hi):
        return f, math.inf
    if lo <= 0:
        return 0.0, f
    return min(lo, f), max(hi, f)


def _multiple(claim: Claim, rows: list, text: str, params: dict, quals: dict) -> Verdict:
    a, b = rows[claim.figures["from"]], rows[claim.figures["to"]]
    f = float(params["open_bound_factor"])
    ia, ib = _interval(text, a, f), _interval(text, b, f)
    ratio = _ratio(ia, ib)
    t = float(params["multiple_tolerance"])
    lo, hi = _factor_interval(claim, quals)
    stated = (lo * (1 - t), hi * (1 + t))
    holds = _overlap(ratio, stated)
    point = _point(a, b)
    factor = _fmt(claim.factor or 0.0, 2)
    shown = _fmt(point, 2) if point is not None else _range(ratio)
    finding = (f"{_said(b)} is {shown} times {_said(a)}, " +
               ("as stated" if holds else f"not {factor} times ({claim.cue})"))
    arithmetic = (f"{_said(b)} / {_said(a)} = {_computed(shown, _range(ratio, 2), text, (b, ib), (a, ia))}; "
                  f"{claim.cue} = {factor}"
                  + (f" ({_range((lo, hi), 2)})" if (lo, hi) != (claim.factor, claim.factor) else "")
                  + f": {_range(stated, 2)} within +-{t:.0%}: {'overlap' if holds else 'no overlap'}")
    return Verdict(holds, finding, arithmetic, ratio, stated)


def _stated_percent(text: str, r: dict, points: float, truncation: bool, ratio: float = 0.0) -> tuple[float, float]:
    """A stated percentage as the interval its rounding (or cutting) and the tolerance allow: `points`
    percentage points or `ratio` of itself, whichever is more."""
    u = rounding(text, r)
    lo, hi = float(r["low"]), float(r["high"])
    return (lo - u / 2 - max(points, ratio * lo),
            hi + (u if truncation else u / 2) + max(points, ratio * (hi if not math.isinf(hi) else lo)))


def _change(claim: Claim, rows: list, text: str, params: dict) -> Verdict | None:
    a, b, p = rows[claim.figures["from"]], rows[claim.figures["to"]], rows[claim.figures["percent"]]
    f = float(params["open_bound_factor"])
    ia, ib = _interval(text, a, f), _interval(text, b, f)
    stated = _stated_percent(text, p, float(params["change_tolerance_points"]), bool(params["truncation"]),
                             float(params["change_tolerance_ratio"]))
    ratio = _ratio(ia, ib)
    up = claim.direction > 0
    change = (100 * (ratio[0] - 1), 100 * (ratio[1] - 1)) if up else (100 * (1 - ratio[1]), 100 * (1 - ratio[0]))
    holds = _overlap(change, stated)
    point = _point(a, b)
    word = "an increase" if up else "a decrease"
    signed = (100 * (ratio[0] - 1), 100 * (ratio[1] - 1))
    claimed = stated if up else (-stated[1], -stated[0])
    at = _signed(100 * (point - 1)) if point is not None else _range(signed)
    span = f"{_signed(signed[0])} to {_signed(signed[1])}" if _fmt(signed[0]) != _fmt(signed[1]) else at
    arithmetic = (f"{_said(b)} / {_said(a)} - 1 = {_computed(at, span, text, (b, ib), (a, ia))} percent"
                  f"; stated {word} of {_said(p)}: {_signed(claimed[0])} to {_signed(claimed[1])} with its "
                  f"rounding and the tolerance: {'overlap' if holds else 'no overlap'}")
    if not holds and _both_percent(a, b):
        # between two percentages, "an increase of 5 percent" may be 5 percentage points
        points = (ib[0] - ia[1], ib[1] - ia[0]) if up else (ia[0] - ib[1], ia[1] - ib[0])
        holds = _overlap(points, stated)
        arithmetic += f"; in percentage points {_range(points)}: {'overlap' if holds else 'no overlap'}"
    if point is None:
        what = f"a change of {_range(signed)} percent"
    elif point >= 1:
        what = f"an increase of {_fmt(100 * (point - 1))} percent"
    else:
        what = f"a decrease of {_fmt(100 * (1 - point))} percent"
    finding = f"from {_said(a)} to {_said(b)} is {what}, " + ("as stated" if holds else f"not {word} of {_said(p)}")
    return Verdict(holds, finding, arithmetic, change, stated)


def _addition(claim: Claim, rows: list, text: str, params: dict) -> Verdict:
    """N added take a number from A to B: B - A must be N (each an interval)."""
    n, a, b = (rows[claim.figures[k]] for k in ("added", "from", "to"))
    f = float(params["open_bound_factor"])
    i_n, ia, ib = _interval(text, n, f), _interval(text, a, f), _interval(text, b, f)
    grown = (ib[0] - ia[1], ib[1] - ia[0])
    holds = _overlap(grown, i_n)
    arithmetic = (f"{_said(b)} - {_said(a)} = {_range(grown, 0)}; stated added: {_said(n)} "
                  f"({_range(i_n, 0)}): {'overlap' if holds else 'no overlap'}")
    finding = (f"from {_said(a)} to {_said(b)} is {_range(grown, 0)} more, "
               + ("as stated" if holds else f"not the {_said(n)} added"))
    return Verdict(holds, finding, arithmetic, grown, i_n)


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + _fmt(x)


def _both_percent(a: dict, b: dict) -> bool:
    return all(r["kind"] == "percent" for r in (a, b))


def _share(claim: Claim, rows: list, text: str, params: dict) -> Verdict | None:
    part, whole, p = rows[claim.figures["part"]], rows[claim.figures["whole"]], rows[claim.figures["percent"]]
    f = float(params["open_bound_factor"])
    ip, iw = _interval(text, part, f), _interval(text, whole, f)
    if iw[1] <= 0:
        return None
    stated = _stated_percent(text, p, float(params["share_tolerance_points"]), bool(params["truncation"]))
    if claim.listed:
        total = _summed_share(claim, rows, text, f, stated, p)
        if total.holds or claim.overall:
            return total
    r = _ratio(iw, ip)
    share = (100 * r[0], 100 * r[1])
    holds = _overlap(share, stated)
    point = _point(whole, part)
    shown = _fmt(100 * point, 2) if point is not None else _range(share)
    finding = f"{_said(part)} of {_said(whole)} is {shown} percent, " + ("as stated" if holds else f"not {_said(p)}")
    arithmetic = (f"100 x {_said(part)} / {_said(whole)} = "
                  f"{_computed(shown, _range(share, 2), text, (part, ip), (whole, iw))} percent; stated {_said(p)}: "
                  f"{_range(stated, 2)} with its rounding and the tolerance: {'overlap' if holds else 'no overlap'}")
    if claim.listed and not holds:
        # neither the sums nor the last pair give the percentage: the finding is of the sums, the
        # reading nearest to what the sentence says
        return Verdict(False, f"{total.finding} (nor of {_said(part)} of {_said(whole)} alone: {shown} percent)",
                       f"{total.arithmetic}; {arithmetic}", total.computed, stated)
    return Verdict(holds, finding, arithmetic, share, stated)


def _summed_share(claim: Claim, rows: list, text: str, f: float, stated: tuple[float, float], p: dict) -> Verdict:
    """A percentage after coordinated pairs ("nine of 45 senators and 12 of 80 national deputies, or 17
    percent") as the share of the sum of the parts in the sum of the wholes (21 of 125)."""
    pairs = [*claim.listed, (claim.figures["part"], claim.figures["whole"])]
    ip = iw = (0.0, 0.0)
    for a, b in pairs:
        x, y = _interval(text, rows[a], f), _interval(text, rows[b], f)
        ip, iw = (ip[0] + x[0], ip[1] + x[1]), (iw[0] + y[0], iw[1] + y[1])
    r = _ratio(iw, ip) if iw[1] > 0 else (0.0, math.inf)
    share = (100 * r[0], 100 * r[1])
    holds = _overlap(share, stated)
    values = [(_value(rows[a]), _value(rows[b])) for a, b in pairs]
    said = " and ".join(f"{_said(rows[a])} of {_said(rows[b])}" for a, b in pairs)
    if all(a is not None for a, _ in values) and all(b is not None for _, b in values) and sum(b for _, b in values):
        sp, sw = sum(a for a, _ in values), sum(b for _, b in values)
        summed, shown = f"{_fmt(sp)} of {_fmt(sw)}", _fmt(100 * sp / sw, 2)
    else:
        summed, shown = "their sums", _range(share)
    finding = f"{said} together are {summed}, {shown} percent, " + ("as stated" if holds else f"not {_said(p)}")
    arithmetic = (f"100 x ({' + '.join(_said(rows[a]) for a, _ in pairs)}) / "
                  f"({' + '.join(_said(rows[b]) for _, b in pairs)}) = {shown}"
                  + (f" ({_range(share, 2)})" if _range(share, 2) != shown else "")
                  + f" percent; stated {_said(p)}: {_range(stated, 2)} with its rounding and the tolerance: "
                  + ("overlap" if holds else "no overlap"))
    return Verdict(holds, finding, arithmetic, share, stated)
