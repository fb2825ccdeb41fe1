from __future__ import annotations

from datetime import date

from ..model import Result
from .context import CheckContext, evidence, section_name, severity
from .registry import register


@register("RC106", "restated-figure-dates")
def restated_figure_dates(ctx: CheckContext, params: dict) -> list[Result]:
    """Restated figure, dates: one precise figure given twice must be dated the same way.

    **What it checks.** A count precise enough not to recur by chance (four significant
    digits or more, `linking.restated_min_digits`: 187,139 but not 1,200) that appears in
    two paragraphs is one statistic restated, whatever the words around it. When both
    mentions are dated (by their own words or by their paragraph) and the two periods do not
    lie at least `min_gap_days` (default 30) apart, the figure is dated two ways. Only dates
    to the day or month are compared (`precisions`): a bare year is too often the year of a
    comparison ("compared with 2019") rather than of the figure. Nested periods pass ("as of
    September 30" within "2019").

    **Why it matters.** A stock figure (displaced persons, detainees, refugees) is true on one
    date; a dataset that keys it by date will put it in the wrong month, or count it twice,
    if the report dates it differently in two sections.

    **Example** (2019 Mali report): section 2.e, "reported 187,139 internally displaced
    persons (IDPs) in Mali ... as of September 30"; section 6, in the paragraph on OCHA's July
    report, "Displacement was estimated at 187,139 individuals". The same stock is dated
    September 30 in one section and July in the other, although 2.e adds that the number
    "continued to rise".

    **Severity.** `severity` (default warning): the dating may be the report's (when it was
    published) rather than the statistic's, so a reader should look.

    **How to resolve.** Date the figure as its source does in both places, or give the
    later figure; if the two are different statistics that happen to be equal, declare them
    `distinct` in the rule file.
    """
    sev = severity(params, "severity")
    precisions = set(params["precisions"])
    min_gap = int(params["min_gap_days"])
    results = []
    for group in ctx.links.restated:
        rows = [ctx.rows[i] for i in group]
        # a day or a few days carried from the paragraph date an event the paragraph tells (the
        # violence of June 30 to July 6), not a figure given later in it (5,728 charged with it)
        dated = [(i, r) for i, r in zip(group, rows, strict=True) if r["date_low"]
                 and not (r["date_start"] < r["sentence_start"] and r["date_precision"] in ("day", "days"))]
        if len(dated) < 2:
            continue  # nothing to compare: the figure is dated once or not at all
        ev = [evidence(ctx, i, "mention") for i, _ in dated]
        said = "; ".join(f'"{r["quote"]}" dated "{r["date_text"].strip()}" ({section_name(r["section"])})'
                         for _, r in dated)
        arithmetic = "; ".join(f'{r["date_text"].strip()} = {r["date_low"]}..{r["date_high"]}' for _, r in dated)
        disjoint = [(a, b) for k, (_, a) in enumerate(dated) for _, b in dated[k + 1:]
                    if a["date_precision"] in precisions and b["date_precision"] in precisions
                    and _gap_days(a, b) >= min_gap]
        if disjoint:
            a, b = disjoint[0]
            msg = (f'The figure {a["number_text"]} is dated "{a["date_text"].strip()}" in {section_name(a["section"])} '
                   f'and "{b["date_text"].strip()}" in {section_name(b["section"])}: the periods lie {_gap_days(a, b)} '
                   f"days apart")
            results.append(Result("RC106", "restated-figure-dates", ctx.doc.id, "fail", sev, msg, ev, arithmetic))
        else:
            results.append(Result("RC106", "restated-figure-dates", ctx.doc.id, "pass", sev,
                                  f"The figure {rows[0]['number_text']} is dated consistently: {said}", ev, arithmetic))
    return results


def _gap_days(a: dict, b: dict) -> int:
    """Days between two date intervals (ISO strings); 0 when they overlap."""
    first, second = sorted((a, b), key=lambda r: r["date_low"])
    return max(0, (date.fromisoformat(second["date_low"]) - date.fromisoformat(first["date_high"])).days)
