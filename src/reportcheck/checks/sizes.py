from __future__ import annotations

from ..link.sizes import value
from ..model import Result
from .context import CheckContext, section_name, severity, span_evidence
from .registry import register


@register("RC109", "body-sizes")
def body_sizes(ctx: CheckContext, params: dict) -> list[Result]:
    """Body sizes: a body or a whole set must have one size wherever the report gives it.

    **What it checks.** Numbers that give the size of a named body ("an 82-member House of
    Representatives", "the 329-seat COR") or of one of the country's whole sets ("each of the
    country's 34 provinces", "all 34 provinces") are grouped by what they size
    (`linking.sizes` in the rule file says which words make a size). The tellings of one
    group, in different paragraphs, must give one number. The group passes when they do. Sizes
    of definite sets alone ("all six cases", "of the 45 cases") are not compared: each is its
    own context's.

    **Why it matters.** A size is a fact a dataset reuses as a denominator (seats won of the
    seats, provinces affected of the provinces); two sizes of one body make every share built
    on it uncertain, and a reader cannot tell which is the slip.

    **Example** (2020 Somalia report): "an elected 82-member House of Representatives" in
    one section, "its 86-member House of Representatives" in another: one of the two is
    wrong, or the House changed size and the text should say when.

    **Severity.** `severity` (default warning) when both tellings size a whole (a named body,
    "the country's"); `severity_set` (default info) when one is a definite set that its
    context may narrow ("all 11 prisons" may be one region's), or when the smaller size is told
    as a count beside the larger ("elected 56 representatives to the 80-seat House", then "the
    56-seat House": a part named as the whole).

    **How to resolve.** Correct the size that is wrong; if the body changed size during the
    year, say so where the new size is first given, or declare the two mentions `distinct`.
    """
    results = []
    for group in ctx.links.sizes:
        sizes = group.sizes
        ev = [span_evidence(ctx, s.start, s.end, role="mention") for s in sizes]
        told = "; ".join(f'"{ctx.doc.text[s.start:s.end]}" ({section_name(ctx.rows[s.row]["section"])})'
                         for s in sizes)
        values = sorted({value(ctx.rows, s) for s in sizes})
        arithmetic = " vs ".join(str(v) for v in values)
        if len(values) == 1:
            results.append(Result("RC109", "body-sizes", ctx.doc.id, "pass", severity(params, "severity"),
                                  f'One size, {values[0]}, is given for "{group.label}" in {len(sizes)} places: {told}',
                                  ev, arithmetic))
            continue
        wholes = {value(ctx.rows, s) for s in sizes if s.strength == "whole"}
        if not wholes:
            continue  # definite sets only ("of the 61 cases", "of the 51 cases"): each its context's
        sev = severity(params, "severity") if len(wholes) >= 2 else severity(params, "severity_set")
        if _told_as_part(ctx, sizes, values):
            sev = severity(params, "severity_set")
        results.append(Result("RC109", "body-sizes", ctx.doc.id, "fail", sev,
                              f'{len(values)} sizes are given for "{group.label}" ('
                              f"{', '.join(str(v) for v in values)}): {told}", ev, arithmetic))
    return results


def _told_as_part(ctx: CheckContext, sizes, values: list[int]) -> bool:
    """The smaller size is told as a count beside the larger one, in one sentence: a part of the
    body, not a second size of it ("voters elected 56 representatives to the 80-seat House of
    Representatives", Cyprus 2017, where the 56 seats are the Greek Cypriots' and "the 56-seat
    House" is the report's shorthand)."""
    small, large = min(values), max(values)
    sized = {s.row for s in sizes}
    for s in sizes:
        if value(ctx.rows, s) != large:
            continue
        sentence = ctx.rows[s.row]["sentence"]
        if any(r["sentence"] == sentence and k not in sized and r["kind"] == "count" and r["value"] == small
               for k, r in enumerate(ctx.rows)):
            return True
    return False
