from __future__ import annotations

from ..model import Result
from .context import CheckContext, evidence, section_name, severity
from .registry import register


@register("RC110", "legal-thresholds")
def legal_thresholds(ctx: CheckContext, params: dict) -> list[Result]:
    """Legal thresholds: what the report says the law provides must be the same wherever it
    says it.

    **What it checks.** Sentences that name a threshold's topic (the workweek, the minimum
    working age, the age of compulsory education or of criminal responsibility, the marriage
    age, how long police may hold a person without charge: `linking.thresholds`) and hold one
    number of its unit near those words are grouped by topic and by whom it applies to
    (children, girls, hazardous work ...). The group passes when its numbers agree. When two
    sentences in different paragraphs that state the law ("the law provides", "by law", "the
    code") give two numbers, the check fails; a sentence that only refers to the threshold ("most employees worked
    longer than 40 hours per week") is not held to it.

    **Why it matters.** Labor and justice datasets take these thresholds from the report; two
    numbers for one law (a 40- and a 48-hour workweek, a minimum working age of 14 and 15)
    mean one section was copied from an old law or another country's.

    **Example** (2019 South Sudan report): "should not exceed eight hours per day and 40
    hours per week" and "overtime pay for work in excess of 40 hours per week" agree: the
    check passes. Had one said 48, it would fail.

    **Severity.** `severity` (default info: shown, never failing a run): the law may have
    changed during the year, and a report may give another jurisdiction's law beside the
    country's (the United Kingdom's 48-hour week and Bermuda's overtime after 40 hours, in the
    2016 United Kingdom report). Raise it in a rule file to gate on it.

    **How to resolve.** Check the law's text and correct the other sentence; if the law
    changed, say so where the new threshold is given.
    """
    results = []
    for group in ctx.links.thresholds:
        ts = group.tellings
        value = {id(t): float(ctx.rows[t.row]["value"]) for t in ts}
        stated = sorted({value[id(t)] for t in ts if t.law})
        what = group.key.replace(":", ", ")
        law = [t for t in ts if t.law]
        if len(stated) >= 2 and len({ctx.rows[t.row]["paragraph"] for t in law}) >= 2:
            results.append(Result("RC110", "legal-thresholds", ctx.doc.id, "fail", severity(params, "severity"),
                                  f"The {what} is stated as {' and '.join(_n(v) for v in stated)}: {_told(ctx, law)}",
                                  [evidence(ctx, t.row, "mention") for t in law],
                                  " vs ".join(_n(value[id(t)]) for t in law)))
            continue
        # the tellings that agree with the law as stated (or with each other when none states it);
        # the others refer to practice ("72-hour workweeks were common")
        if len(stated) >= 2:
            continue  # a paragraph that gives two numbers tells two thresholds, whatever its words
        agree = [t for t in ts if value[id(t)] == (stated[0] if stated else value[id(ts[0])])]
        if len(agree) < 2 or (not stated and len(agree) != len(ts)):
            continue
        v = _n(value[id(agree[0])])
        results.append(Result("RC110", "legal-thresholds", ctx.doc.id, "pass", severity(params, "severity"),
                              f"The {what} is given as {v} in {len(agree)} places: {_told(ctx, agree)}",
                              [evidence(ctx, t.row, "mention") for t in agree], v))
    return results


def _told(ctx: CheckContext, ts) -> str:
    return "; ".join(f'"{ctx.rows[t.row]["quote"]}" ({section_name(ctx.rows[t.row]["section"])})' for t in ts)


def _n(v: float) -> str:
    return str(int(v)) if v.is_integer() else f"{v:g}"
