from __future__ import annotations

import datetime as dt

from ..link.declared import span_text
from ..model import Result
from .context import CheckContext, section_name, severity, span_evidence
from .registry import register


@register("RC301", "date-order")
def date_order(ctx: CheckContext, params: dict) -> list[Result]:
    """Declared date order: what a rule file says happened first must be dated first.

    **What it checks.** Each `date_order` rule of the report's rule file names an earlier and
    a later mention by short quotes, optionally with the gap between them (`days: 7` for
    "seven days later"). The date of each mention is the date written in the quote, else the
    date of the first dated figure in it, else the date of its sentence or paragraph, as an
    interval ("December 2019" is December 1-31). Without `days`, the later mention fails when
    it must lie before the earlier one (its last possible day is before the other's first);
    with `days`, the earlier interval moved by that many days must overlap the later one. A
    relative date in one of the two quotes ("seven days later", "10 days after the arrests")
    is counted from the other mention of the rule, which is what the rule declares.

    **Why it matters.** A dataset orders events by date: an arrest dated after the release
    it led to, or a discovery "seven days later" dated a month later, puts one of them on
    the wrong day, and every duration computed from them is wrong.

    **Example** (2020 Mali report): "In December 2019 at least 26 individuals were arrested
    ... Bodies were reportedly discovered in a well in the nearby village of N'Doukala seven
    days later", declared with `days: 7`: the discovery lies in December 8, 2019 - January
    7, 2020, which the text agrees with. Reversed (the discovery declared first), it fails.

    **Severity.** `severity` (default error), or the rule's own `severity:`: the analyst
    declared the order, so a report that contradicts it is wrong or the rule is.

    **How to resolve.** Correct the date in the report, or the rule (its quotes, its `days`)
    if the analyst's order was wrong.
    """
    results = []
    for d in ctx.declared:
        if d.kind != "date_order":
            continue
        (before,), (after,) = d.quotes["before"], d.quotes["after"]
        a, b = d.dates
        days = d.params.get("days")
        first, then = (f"\"{_quote(ctx, q)}\" ({section_name(ctx.doc.section_code(q.start))})" for q in (before, after))
        dated = (f"{a.text.strip()} = {span_text(a)} ({d.date_notes[0]}); "
                 f"{b.text.strip()} = {span_text(b)} ({d.date_notes[1]})")
        if days is None:
            ok = a.low <= b.high
            arithmetic = f"{dated}; earliest of the first {a.low} <= latest of the second {b.high}"
            expected = "after"
        else:
            lo, hi = _shift(a.low, days), _shift(a.high, days)
            ok = lo <= b.high and b.low <= hi
            moved = lo.isoformat() if lo == hi else f"{lo.isoformat()}..{hi.isoformat()}"
            arithmetic = f"{dated}; {span_text(a)} + {days} days = {moved}, to overlap {span_text(b)}"
            expected = f"{days} day{'s' if days != 1 else ''} after"
        ev = [span_evidence(ctx, before.start, before.end, "earlier"),
              span_evidence(ctx, after.start, after.end, "later")]
        for date, q in ((a, before), (b, after)):
            if not (q.start <= date.start and date.end <= q.end) and date.end > date.start:
                ev.append(span_evidence(ctx, date.start, date.end, "date"))
        if ok:
            # two dates that overlap (December 2019, and December 8 - January 7) do not show the order
            shown = days is not None or a.high <= b.low
            msg = (f"{then}, dated {_said(b)}, {'comes' if shown else 'may come'} {expected} {first}, dated "
                   f"{_said(a)}{'' if shown else ' (the dates overlap)'} ({d.provenance()})")
        else:
            msg = (f"{then} is declared to come {expected} {first}, but it is dated {_said(b)} and the "
                   f"other {_said(a)} ({d.provenance()})")
        results.append(Result("RC301", "date-order", ctx.doc.id, "pass" if ok else "fail",
                              d.severity or severity(params, "severity"), msg, ev, arithmetic,
                              details={"declared": d.where, "days": days}))
    return results


def _shift(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def _said(d) -> str:
    text = d.text.strip()
    return f"\"{text}\" ({span_text(d)})" if text else span_text(d)


def _quote(ctx: CheckContext, q) -> str:
    """The quote as the report writes it (white space made single); a selector as the rule says it."""
    if q.text.startswith("where "):  # rows of a table selected by their columns
        return q.text
    return " ".join(ctx.doc.text[q.start:q.end].split())
