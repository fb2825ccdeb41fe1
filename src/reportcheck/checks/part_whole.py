from __future__ import annotations

from ..model import Result
from .context import CheckContext, evidence, interval, section_name, severity
from .registry import register


@register("RC202", "part-of-whole")
def part_of_whole(ctx: CheckContext, params: dict) -> list[Result]:
    """Part of a whole: a part stated against its whole may not exceed it.

    **What it checks.** Phrases that set a figure against another: "two of the 14 deaths"
    (the 14 is traced back to the figure it repeats, or is told there: "63 of the 70 elected
    seats"), "13 of the suspects", "70 such cases
    during the year, among 290 cases since 2013", "In 140 of these cases". The part's
    interval must be able to fit in the whole's.

    **Why it matters.** A part larger than its whole is a typing error or two figures from
    different sources; either way one of them cannot be published as is.

    **Example** (2020 Mali report): "FORSAT ... responsible for two of the 14 deaths" refers
    back to "Between July 10 and 13, a total of 14 persons ... were killed": 2 <= 14 passes.

    **Severity.** `severity` (default error): the two figures cannot both be right.

    **How to resolve.** Correct the part or the whole; if the tool traced the whole back to
    the wrong figure, name the right one in the rule file.
    """
    results = []
    for pw in ctx.links.part_wholes:
        p, w = ctx.rows[pw.part], ctx.rows[pw.whole]
        ev = [evidence(ctx, pw.part, "part"), evidence(ctx, pw.whole, "whole")]
        arithmetic = f"part {interval(p['low'], p['high'])} <= whole {interval(w['low'], w['high'])} (cue: {pw.cue})"
        if p["low"] > w["high"]:
            results.append(Result("RC202", "part-of-whole", ctx.doc.id, "fail", severity(params, "severity"),
                                  f"\"{p['quote']}\" ({section_name(p['section'])}) is larger than its whole "
                                  f"\"{w['quote']}\" ({section_name(w['section'])})", ev, arithmetic))
        else:
            results.append(Result("RC202", "part-of-whole", ctx.doc.id, "pass", severity(params, "severity"),
                                  f"\"{p['quote']}\" fits in \"{w['quote']}\"", ev, arithmetic))
    return results
