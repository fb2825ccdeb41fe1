from __future__ import annotations

import math

from ..model import Result
from .context import SCALED, CheckContext, components, evidence, interval, num, section_name, severity
from .registry import register

# "approximately 60,000" and "an estimated 56,500" are the same statistic, rounded: when
# either is stated as an approximation and the intervals overlap, they agree.
APPROXIMATE = {"about", "nearly"}
OPEN = {"at_least", "more_than", "at_most", "fewer_than"}


@register("RC104", "repeated-statistics")
def repeated_statistics(ctx: CheckContext, params: dict) -> list[Result]:
    """Repeated statistics: a statistic given in two places must be given the same way.

    **What it checks.** Figures that state the same statistic (the same measure, of the same
    people, over the same period of a month or longer, by the same perpetrator and not
    contradicting sources, and stated numbers within `linking.statistic_max_ratio` of each
    other), found in different paragraphs, are compared as intervals. Overlapping intervals
    pass when one figure is an approximation ("approximately 60,000" and "56,500").
    Percentages are the same share when what they are "percent of" is told in nearly the same
    words, on the same date (`linking.share_*`); two shares differ when their numbers do,
    approximate or not ("about 60 percent" and "about 64 percent"), unless one is an open
    bound ("at least 25 percent" and "30 percent").

    **Why it matters.** Summary statistics (deaths in a half-year, cases in a year) are what
    datasets quote most; when the executive summary and section 1 disagree, the published
    number depends on which section the coder read.

    **Example** (2020 Mali report): section 1.a, "intercommunal violence ... accounted for the
    deaths of at least 350 civilians during the same period"; section 1.g, "intercommunal
    violence resulted in more than 350 civilian deaths ... in the first six months of the
    year". The same stated number with other qualifiers passes; "about 60 percent" in one
    section and "about 64 percent" in another would not.

    **Severity.** `severity_incompatible` (default error) when the intervals cannot both
    hold; `severity_different` (default warning) when they overlap but the numbers differ;
    `severity_open_bounds` (default info) when every telling is a lower bound ("more than
    14,361" and "at least 14,200" deaths under torture: both can hold, and a tally told at two
    moments reads so).

    **How to resolve.** Use one figure throughout, or say in the text why they differ
    (another source, another date); declare them `distinct` in the rule file if they are
    different statistics.
    """
    results = []
    for group in ctx.links.statistics:
        rows = [ctx.rows[i] for i in group]
        ev = [evidence(ctx, i, "mention") for i in group]
        said = "; ".join(f'"{r["quote"]}" ({section_name(r["section"])})' for r in rows)
        arithmetic = "; ".join(f'{r["quote"]} = {interval(r["low"], r["high"])}' for r in rows)
        lo, hi = max(r["low"] for r in rows), min(r["high"] for r in rows)
        values = {r["value"] for r in rows}
        share = rows[0]["kind"] == "percent"
        when = rows[0]["date_text"].strip()
        what = (f'share ({when})' if share and when else "share" if share
                else f'{rows[0]["measure"]} ({rows[0]["who"]}, {when})')
        outcome, sev = "fail", severity(params, "severity_different")
        if len(values) == 1:
            # the same stated number with other qualifiers ("6.2 million", "more than 6.2 million")
            outcome, msg = "pass", f"The statistic {what} is given the same way each time: {said}"
        elif (any(SCALED.search(r["number_text"]) for r in rows)
              and (max(values) - min(values)) <= 0.05 * max(values)):
            # "more than 2.97 million IDPs" and "2.9 million total IDPs": one rounded in millions
            outcome, msg = "pass", f"The statistic {what} is given rounded in millions: {said}"
        elif lo > hi:
            sev = severity(params, "severity_incompatible")
            msg = f"The same statistic, {what}, is given as numbers that cannot both hold: {said}"
        elif any(r["qualifier"] in OPEN for r in rows) and not all(r["qualifier"] in OPEN for r in rows):
            # "more than 22,000 citizens" and "22,525 persons": the open bound rounds the other
            outcome, msg = "pass", f"The statistic {what} is given as an open bound and a number within it: {said}"
        elif all(r["high"] == math.inf for r in rows):
            # "more than 14,361" and "at least 14,200": two lower bounds that both hold, a tally
            # told at two moments as often as a slip (the hand readings judged them compatible)
            sev = severity(params, "severity_open_bounds")
            msg = (f"The same statistic, {what}, is given as two lower bounds, "
                   f"{' and '.join(num(v) for v in sorted(values))}: {said}")
        elif not share and any(r["qualifier"] in APPROXIMATE or SCALED.search(r["number_text"]) for r in rows):
            # "about 60 percent" and "about 64 percent" of one share are two roundings of one
            # number that cannot both be right; counts are rounded more loosely
            outcome, msg = "pass", f"The statistic {what} is given as overlapping approximations: {said}"
        else:
            msg = f"The same statistic, {what}, is given as {' and '.join(num(v) for v in sorted(values))}: {said}"
        if outcome == "pass":
            sev = severity(params, "severity_incompatible")
        results.append(Result("RC104", "repeated-statistics", ctx.doc.id, outcome, sev, msg, ev, arithmetic))
    return results + content_restated(ctx, params) + worded_restated(ctx, params)


def worded_restated(ctx: CheckContext, params: dict) -> list[Result]:
    """RC104 on a figure retold in nearly the same words in another paragraph (link.content.
    restated_figures: one kind, measure and counted noun, dated alike, most of the words around
    the number in common), whatever the numbers: intervals that overlap pass; intervals that do
    not are a finding, with `severity_different` when the wording is nearly all shared (a strong
    pair) and as info otherwise (the words may tell of another year's or group's figure)."""
    grouped = {frozenset((a, b)) for g in [*ctx.links.statistics, *ctx.links.restated] for a in g for b in g if a != b}
    results = []
    for pair in ctx.links.restated_words:
        if frozenset((pair.a, pair.b)) in grouped:
            continue
        ra, rb = ctx.rows[pair.a], ctx.rows[pair.b]
        ev = [evidence(ctx, pair.a, "mention"), evidence(ctx, pair.b, "mention")]
        said = " and ".join(f'"{r["quote"]}" ({section_name(r["section"])})' for r in (ra, rb))
        arithmetic = "; ".join(f'{r["quote"]} = {interval(r["low"], r["high"])}' for r in (ra, rb))
        words = ", ".join(pair.words[:8])
        details = {"restated": pair.details()}
        if max(ra["low"], rb["low"]) <= min(ra["high"], rb["high"]):
            results.append(Result("RC104", "repeated-statistics", ctx.doc.id, "pass",
                                  severity(params, "severity_different"),
                                  f"A figure retold in the same words agrees: {said} (words in common: {words})",
                                  ev, arithmetic, details=details))
            continue
        sev = severity(params, "severity_different") if pair.tier == "strong" else "info"
        results.append(Result("RC104", "repeated-statistics", ctx.doc.id, "fail", sev,
                              f"A figure retold in nearly the same words is given as two numbers: {said} "
                              f"(words in common: {words}; {pair.overlap:.0%} of them; {pair.tier})",
                              ev, arithmetic, details=details))
    return results


def content_restated(ctx: CheckContext, params: dict) -> list[Result]:
    """RC104 on a figure restated in a passage linked by what it says (link/content.py): the
    same number of the same thing ("96 percent of the seats", "the 59 activists") told again in
    another paragraph, with qualifiers that agree, passes. The same number with qualifiers that
    exclude each other is two statements, not one restated, and is left alone. Pairs the
    statistics linker already grouped are left to it (a precise figure restated, which RC106
    judges only when both tellings are dated, is compared here too)."""
    # each row's groups, not their pairs of rows: a statistic a table gives n times makes n * n pairs
    grouped: dict[int, set[int]] = {}
    for k, g in enumerate(ctx.links.statistics):
        for a in g:
            grouped.setdefault(a, set()).add(k)
    by_start = {r["start"]: i for i, r in enumerate(ctx.rows)}
    agreeing: dict[frozenset, object] = {}  # pair of rows -> the link that related them
    for link in ctx.links.content:
        for key in link.shared:
            if not key.startswith(("n:", "v:")):
                continue
            ia = [by_start[x] for x, _ in link.a.anchors.get(key, ()) if x in by_start]
            ib = [by_start[x] for x, _ in link.b.anchors.get(key, ()) if x in by_start]
            if len(ia) != 1 or len(ib) != 1:
                continue
            pair = frozenset((ia[0], ib[0]))
            if not grouped.get(ia[0], set()).isdisjoint(grouped.get(ib[0], ())) or pair in agreeing or ia[0] == ib[0]:
                continue
            ra, rb = ctx.rows[ia[0]], ctx.rows[ib[0]]
            # the same number with qualifiers that exclude each other ("younger than 18" and "18";
            # "up to 15 years" and "exceeding 15 years") says two different things: no finding
            if max(ra["low"], rb["low"]) <= min(ra["high"], rb["high"]):
                agreeing[pair] = link
    # one result per figure restated, however many places tell it (pairs joined into groups)
    first_link = {}
    for pair, link in agreeing.items():
        for i in pair:
            first_link.setdefault(i, link)
    results = []
    for group in components(tuple(sorted(pair)) for pair in agreeing):
        group.sort(key=lambda i: ctx.rows[i]["start"])
        rows = [ctx.rows[i] for i in group]
        link = first_link[group[0]]
        said = " and ".join(f'"{r["quote"]}" ({section_name(r["section"])})' for r in rows)
        arithmetic = "; ".join(f'{r["quote"]} = {interval(r["low"], r["high"])}' for r in rows)
        why = "; ".join(link.reasons[:3])
        ev = [evidence(ctx, i, "mention") for i in group]
        results.append(Result("RC104", "repeated-statistics", ctx.doc.id, "pass",
                              severity(params, "severity_incompatible"), f"A figure restated agrees: {said} (linked by "
                              f"{why})", ev, arithmetic, details={"link": link.details()}))
    return results
