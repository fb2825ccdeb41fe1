from __future__ import annotations

import math

from ..link import interval_sum, stated_sum
from ..model import Result
from .context import SCALED, CheckContext, evidence, interval, num, section_name, severity
from .registry import register


@register("RC201", "totals")
def totals(ctx: CheckContext, params: dict) -> list[Result]:
    """Totals: a total stated with its breakdown must add up.

    **What it checks.** A total with its parts, in one sentence ("164 cases ..., which
    included 127 by ..., 21 by ..., 14 by ..., and two by ..."; "215 children (189 boys, 26
    girls)"; "Of the 10 suspects ..., seven remained in detention, while three were
    released") or across the sentences that follow it ("more than 700 civilians killed ...
    Among these ..."). The parts are added as intervals ("at least 195" + "82" + ...) and the
    sum is compared with the total's interval. A breakdown is *exhaustive* when the text
    gives the whole split (a parenthesis, "which included", "X of the N ... and Y ...") and
    *partial* when it gives examples ("including", "among these"), and *enumerated* when a
    list of three or more parts, each with its own place or year and closed by "and", splits a
    figure referred back to ("Of the children identified during the year 22 ... in Mopti
    region, while three were identified in Kidal, one in Timbuktu, and six in Niger"): read
    as the whole breakdown, but with its own, milder severity, since the text does not say so.

    **Why it matters.** A published table holds both the total and its parts; if they do
    not add up, users of the dataset will find a different total depending on which
    column they sum.

    **Example** (2020 Mali report): "more than 700 civilians killed from January to June"
    followed by per-perpetrator figures of at least 195, 82, at least 18, at least 350, 18,
    34 and 50: they add to at least 747. That is consistent with an open-ended "more than
    700", yet the stated total understates its parts by 47 (warning, "understated").

    **Severity.** `severity_incompatible` (default error) when the parts cannot add up to
    the total (an exhaustive breakdown whose intervals do not meet, or parts that must
    exceed the total); `severity_enumerated` (default warning) when an enumerated breakdown
    falls short of its total (2019 Mali report: 22 + 3 + 1 + 6 = 32 children against the 33
    identified in 2019); `severity_different` (default warning) when an exhaustive breakdown's
    stated numbers add up to another number than the stated total; `severity_understated`
    (default warning) when an open total ("more than N") is below the stated sum of its exact
    parts by more than `understated_min_ratio` (default 2%) of N: "more than 158,000 persons ...
    approximately 140,000 ..., 9,600 ..." is rounding, not an understated total, and so is a
    total stated in millions ("more than one million internally displaced persons (IDPs), of
    whom 358,000 ... and 711,000 ...").

    **How to resolve.** Correct the total or the part that is wrong; if a breakdown is
    partial although the tool read it as exhaustive, declare it in the rule file.
    """
    results = []
    understated_ratio = float(params["understated_min_ratio"])
    for b in ctx.links.breakdowns:
        t = ctx.rows[b.total]
        parts = [ctx.rows[i] for i in b.parts]
        lo, hi = interval_sum(parts)
        s = stated_sum(parts)
        tv = t["value"] if not math.isnan(t["value"]) else None
        tl, th = t["low"], t["high"]
        expr = " + ".join(p["number_text"] for p in parts)
        arithmetic = (f"{expr} = {num(s) if s is not None else '?'} (as intervals {interval(lo, hi)}) "
                      f"vs total \"{t['quote']}\" = {interval(tl, th)} [{b.kind} breakdown, cue: {b.cue}]")
        ev = [evidence(ctx, b.total, "total")] + [evidence(ctx, i, "part") for i in b.parts]
        where = section_name(t["section"])
        outcome, sev, msg = "pass", severity(params, "severity_incompatible"), ""
        if lo > th:
            outcome = "fail"
            msg = (f"The parts of \"{t['quote']}\" ({where}) add up to at least {num(lo)}, more than the total "
                   f"allows ({interval(tl, th)})")
        elif b.kind in ("exhaustive", "enumerated") and hi < tl:
            outcome = "fail"
            if b.kind == "enumerated":
                sev = severity(params, "severity_enumerated")
            given = ("although they are listed one place or year each, as the whole breakdown"
                     if b.kind == "enumerated" else "although they are given as the whole breakdown")
            msg = (f"The parts of \"{t['quote']}\" ({where}) add up to at most {num(hi)}, less than the total "
                   f"({interval(tl, th)}), {given}")
        elif (s is not None and tv is not None and math.isinf(th) and s - tv > understated_ratio * tv
              and not any(p["qualifier"] in ("about", "nearly") for p in parts)
              and not SCALED.search(t["number_text"])):  # "more than one million": rounded to millions
            outcome, sev = "fail", severity(params, "severity_understated")
            msg = (f"\"{t['quote']}\" ({where}) is consistent with its parts only as an open bound: the parts "
                   f"add up to {num(s)}, so the stated total understates them by {num(s - tv)}")
        elif b.kind in ("exhaustive", "enumerated") and s is not None and tv is not None and s != tv:
            outcome, sev = "fail", severity(params, "severity_different")
            msg = (f"The parts of \"{t['quote']}\" ({where}) add up to {num(s)}, not {num(tv)}; the intervals "
                   f"overlap, so it may be rounding, but the stated numbers disagree")
        if outcome == "pass":
            rest = ""
            if b.kind == "partial" and s is not None and tv is not None and s < tv:
                rest = f"; {num(tv - s)} not broken down (partial breakdown)"
            msg = f"\"{t['quote']}\" ({where}) and its {len(parts)} parts add up{rest}"
        results.append(Result("RC201", "totals", ctx.doc.id, outcome, sev, msg, ev, arithmetic,
                              details={"kind": b.kind, "cue": b.cue}))
    return results
