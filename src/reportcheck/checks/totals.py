from __future__ import annotations

import math

from ..link import interval_sum, stated_sum
from ..link.totals import share_splits
from ..model import Result
from .context import SCALED, CheckContext, evidence, interval, num, section_name, severity, span_evidence
from .registry import register


@register("RC201", "totals")
def totals(ctx: CheckContext, params: dict) -> list[Result]:
    """Totals: a total stated with its breakdown must add up.

    **What it checks.** A total with its parts, in one sentence ("164 cases ..., which
    included 127 by ..., 21 by ..., 14 by ..., and two by ..."; "215 children (189 boys, 26
    girls)"; "Of the 10 suspects ..., seven remained in detention, while three were
    released") or across the sentences that follow it ("more than 700 civilians killed ...
    Among these ..."). A count followed by a list is a total too: a coordinated list of counts
    after a colon, "affecting", "comprising", "namely", a dash, a parenthesis, ", with"
    ("322 incidents of conflict-related sexual violence, affecting 187 women, 124 girls, three
    men, two boys, and six women of unknown age"), or in the next sentence ("Of those, 923
    persons were found alive and 1,975 confirmed dead"; "Those killed included three prison
    officers and five visitors"), and a list of named things, each counting one ("Nine prisons
    were operational outside the Bangui area: Bangassou, Bouar, Berberati, Bimbo, Bossangoa,
    Bambari, and Mbaiki" names seven; "five each in the Senate and in the House" counts 5 x 2;
    a given name alone, a comma and an initial-led surname are one name that may be two: "three
    police officers, Samuel, N. Borbor, Harris Monger, and Alexander Seakour" names 3 to 4).
    Casualties are the killed and the injured ("1,274 civilian casualties resulting from ...
    attacks (456 deaths and 818 injured)"; `linking.casualties`) and a count of children is its
    boys and girls ("at least 114 children ..., including 109 boys and five girls";
    `linking.sexes`): such a split is the whole, whatever its cue. A sentence led by "Of <a noun
    phrase>," splits the count of an earlier sentence whose words it names ("... tried 281
    defendants in 76 cases before its trial chamber and 214 defendants in 68 cases before its
    appellate chamber. Of cases tried in the trial chamber, 199 were sentenced to imprisonment, 23
    were fined, and 59 acquitted": the trial chamber's 281), and "N of the M <things>" splits M
    with the next count of the same things ("won 63 of the 70 elected seats, while the opposition
    ... won seven elected seats"). Shares told in one breath that make 100 percent, each rounded,
    are read as a split of one whole and pass ("approximately 70 percent were agropastoralists and
    30 percent farmers"); when the last is "the remaining N percent" the list is the whole split and
    fails unless it makes 100. Other shares told together are not judged: they are more often of
    overlapping groups ("90 percent ... would not live with persons with HIV/AIDS, 75 percent would
    not be friends") than a split.
    The parts are added as intervals ("at least 195" + "82" + ...) and the sum is compared
    with the total's interval. A breakdown is *exhaustive* when the text gives the whole
    split and *partial* when it gives examples: which cues give the whole split (a colon, a
    parenthesis right after the total, "namely", "comprising", "which included", "the
    remaining three" ...) and which give examples ("including", "affecting", a dash, "Of
    these" ...) is `linking.breakdown_cues` in the rule file; parts that exceed the total fail
    after any cue. A list read whole is not the whole split when the text goes on: the next
    sentence opens with one more of the same things ("10 male inmates had died in custody: four
    ..., two ..., one ..., one ..., and one from a stroke. One inmate died in prison because of
    inmate-on-inmate violence": the tenth, one more part), or tells more of them with "also" or
    "another" ("JICS received 166 complaints: 59 ..., 19 ..., and 13 .... JICS also received 10
    complaints of sexual assault": some of the 166); and parts that each carry their share of the
    whole, the shares making less than 100 percent, are the leading ones, not all ("36.7 percent
    (350 cases), followed by ... 26.4 percent (252 cases), ..."). A breakdown is *enumerated*
    when a list of three or more parts, each with its own place or year and closed by "and",
    splits a figure referred back to ("Of the
    children identified during the year 22 ... in Mopti region, while three were identified
    in Kidal, one in Timbuktu, and six in Niger"): read as the whole breakdown, but with its
    own, milder severity, since the text does not say so.

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
    whom 358,000 ... and 711,000 ..."), and so is a rounded total with its exact parts in a
    parenthesis right after it ("More than 2,000 children (2,087 boys and 40 girls)").

    **How to resolve.** Correct the total or the part that is wrong; if a breakdown is
    partial although the tool read it as exhaustive, declare it in the rule file (or, for a
    whole kind of cue, move it to `linking.breakdown_cues.partial`).
    """
    results = []
    understated_ratio = float(params["understated_min_ratio"])
    cues = ctx.rules["linking"]["breakdown_cues"]
    partial_cues = set(cues["partial"])
    for b in ctx.links.breakdowns:
        t = ctx.rows[b.total]
        kind = "partial" if b.kind == "exhaustive" and b.cue in partial_cues else b.kind
        lo, hi, s, expr = _sums(ctx, b)
        tv = t["value"] if not math.isnan(t["value"]) else None
        tl, th = t["low"], t["high"]
        arithmetic = (f"{expr} = {num(s) if s is not None else '?'} (as intervals {interval(lo, hi)}) "
                      f"vs total \"{t['quote']}\" = {interval(tl, th)} [{kind} breakdown, cue: {b.cue}]")
        ev = ([evidence(ctx, b.total, "total")] + [evidence(ctx, i, "part") for i in b.parts]
              + [span_evidence(ctx, a, z, "item") for a, z in b.items])
        parts = [ctx.rows[i] for i in b.parts]
        where = section_name(t["section"])
        outcome, sev, msg = "pass", severity(params, "severity_incompatible"), ""
        if lo > th:
            outcome = "fail"
            msg = (f"The parts of \"{t['quote']}\" ({where}) add up to at least {num(lo)}, more than the total "
                   f"allows ({interval(tl, th)})")
        elif kind in ("exhaustive", "enumerated") and hi < tl:
            outcome = "fail"
            if kind == "enumerated":
                sev = severity(params, "severity_enumerated")
            given = ("although they are listed one place or year each, as the whole breakdown"
                     if kind == "enumerated" else "although they are given as the whole breakdown")
            msg = (f"The parts of \"{t['quote']}\" ({where}) add up to at most {num(hi)}, less than the total "
                   f"({interval(tl, th)}), {given}")
        elif (s is not None and tv is not None and math.isinf(th) and s - tv > understated_ratio * tv
              and b.cue != "parenthesis"  # "More than 2,000 children (2,087 boys and 40 girls)": said right there
              and not any(p["qualifier"] in ("about", "nearly") for p in parts)
              and not SCALED.search(t["number_text"])):  # "more than one million": rounded to millions
            outcome, sev = "fail", severity(params, "severity_understated")
            msg = (f"\"{t['quote']}\" ({where}) is consistent with its parts only as an open bound: the parts "
                   f"add up to {num(s)}, so the stated total understates them by {num(s - tv)}")
        elif kind in ("exhaustive", "enumerated") and s is not None and tv is not None and s != tv:
            outcome, sev = "fail", severity(params, "severity_different")
            msg = (f"The parts of \"{t['quote']}\" ({where}) add up to {num(s)}, not {num(tv)}; the intervals "
                   f"overlap, so it may be rounding, but the stated numbers disagree")
        if outcome == "pass":
            rest = ""
            if kind == "partial" and s is not None and tv is not None and s < tv:
                rest = f"; {num(tv - s)} not broken down (partial breakdown)"
            msg = f"\"{t['quote']}\" ({where}) and its {len(parts) + len(b.items)} parts add up{rest}"
        results.append(Result("RC201", "totals", ctx.doc.id, outcome, sev, msg, ev, arithmetic,
                              details={"kind": kind, "cue": b.cue}))
    return results + _shares(ctx, params)


def _shares(ctx: CheckContext, params: dict) -> list[Result]:
    """Shares of one whole told in one breath: a list that makes 100 percent (each share
    rounded: 0.5 points each) passes; one whose last item is "the remaining N percent" or "the
    rest" is the whole split, and fails when it does not make 100. Other lists are not judged:
    shares told together are more often of overlapping groups ("90 percent ... would not live
    with persons with HIV/AIDS, 75 percent would not be friends") than a split."""
    results = []
    for sp in share_splits(ctx.doc.text, ctx.rows):
        parts = [ctx.rows[i] for i in sp.parts]
        slack = 0.5 * sum(p["qualifier"] == "exact" for p in parts)
        lo, hi = interval_sum(parts)
        if not lo - slack <= 100 <= hi + slack and sp.marked != "remaining":
            continue
        s = stated_sum(parts)
        expr = " + ".join(p["quote"] for p in parts)
        cue = "the remaining" if sp.marked == "remaining" else "shares"
        arithmetic = (f"{expr} = {num(s) if s is not None else '?'} percent (as intervals {interval(lo, hi)}, "
                      f"{num(slack)} points of rounding) vs 100 percent [{cue}]")
        a, z = sp.whole
        ev = ([span_evidence(ctx, a, z, "total")] if ctx.doc.text[a:z].strip() else []) + [
            evidence(ctx, i, "part") for i in sp.parts]
        where = section_name(parts[0]["section"])
        if lo - slack <= 100 <= hi + slack:
            results.append(Result("RC201", "totals", ctx.doc.id, "pass", severity(params, "severity_incompatible"),
                                  f"The shares {expr} ({where}) make 100 percent", ev, arithmetic,
                                  details={"kind": "shares", "cue": cue}))
            continue
        sev = severity(params, "severity_incompatible" if lo - slack > 100 else "severity_different")
        results.append(Result("RC201", "totals", ctx.doc.id, "fail", sev,
                              f"The shares {expr} ({where}) add up to {num(s) if s is not None else interval(lo, hi)} "
                              f"percent, although the last is the remainder: they should make 100", ev, arithmetic,
                              details={"kind": "shares", "cue": "the remaining"}))
    return results


def _sums(ctx: CheckContext, b) -> tuple[float, float, float | None, str]:
    """The parts of a breakdown added up: as intervals, as stated (None when one has no stated
    value), and written out. A named item counts one ("Bangassou"), a part counted several times
    is multiplied ("five each in the Senate and in the House": 5 x 2)."""
    parts = [ctx.rows[i] for i in b.parts]
    if not b.items and not b.times:
        return (*interval_sum(parts), stated_sum(parts), " + ".join(p["number_text"] for p in parts))
    times = [b.times.get(i, 1) for i in b.parts]
    lo = sum(p["low"] * n for p, n in zip(parts, times, strict=True)) + len(b.items)
    hi = sum(p["high"] * n for p, n in zip(parts, times, strict=True)) + len(b.items) + b.more_items
    s = stated_sum(parts)
    if s is not None and not b.more_items:
        s = float(sum(p["value"] * n for p, n in zip(parts, times, strict=True)) + len(b.items))
    elif s is not None:
        s = None  # names that may stand for more than one thing have no one stated sum
    terms = [p["number_text"] + (f" x {n}" if n > 1 else "") for p, n in zip(parts, times, strict=True)]
    if b.items:
        names = [" ".join(ctx.doc.text[a:z].split()) for a, z in b.items]
        more = f" to {len(b.items) + b.more_items}" if b.more_items else ""
        terms.append(f"{len(b.items)}{more} named ({'; '.join(names)})")
    return lo, (math.inf if math.isinf(hi) else hi), s, " + ".join(terms)
