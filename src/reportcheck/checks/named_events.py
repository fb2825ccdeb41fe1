from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..link.named_events import MONTHS, NamedEvent, NamedEventGroup, before_start, same_event
from ..model import Result
from .context import CheckContext, components, section_name, severity, span_evidence
from .registry import register

CODE, NAME = "RC111", "named-event-dates"


@register(CODE, NAME)
def named_event_dates(ctx: CheckContext, params: dict) -> list[Result]:
    """Named event dates: an event the report names by its date must keep that date.

    **What it checks.** Events that the report names by their kind and their date ("the 2008
    constitution", "the conflict began in 2013", "elections were held in March and May 2018":
    `linking.named_events` in the rule file says which kinds and which wordings) are grouped by
    kind. Tellings of one year (and one month, and one proper name, where they give them) are
    one event: each such group passes, and the review shows where the report names it. For a
    kind a country has once in the years a report covers (`once`: a coup, a constitution, a
    revolution), one telling that names it by a neighbouring year (`max_year_gap`, default 1)
    against at least `min_majority` (default 3) tellings of another year fails: the year is
    most likely a slip. Two years each told several times, or far apart, are two events (the
    1980 and the 2016 coups) and pass apart. Days are compared too (a day without a year is of
    the report's year): in one month, one telling of a day within `max_day_gap` days (default 7)
    of another day told at least `min_majority_day` times (default 2) is a slip. A kind whose
    start the rule file declares (`not_before`: COVID-19 began in December 2019) may not be dated
    wholly before it ("the economic impact from COVID-19 in May 2019" fails; "the 2019 COVID-19
    lockdown" may be of December and passes); the finding shows the report's own tellings of the
    start beside it ("the onset of the COVID-19 pandemic").

    **Why it matters.** A dataset keyed by event and year (coups, elections, agreements)
    takes the year as written; a slip puts the event in a year it did not happen, and readers
    of the report are left to guess which year is right.

    **Example** (2022 Burma report): "a coup d'état on February 1, 2021", then "the February
    2021 coup", "the 2021 coup" three times, and in section 7 "after the 2020 coup". The coup
    was in 2021: the one "2020" is a slip.

    **Severity.** `severity` (default warning) for the slip of a year, and of a day when the
    kind happens once or is dated by its start ("the protests began on April 28");
    `severity_day` (default info) for a day of other kinds (two elections of one month may be
    two rounds). The groups that agree pass.

    **How to resolve.** Correct the year; if the report does tell of two events of the kind,
    name the second so that it cannot be read as the first ("the attempted coup of 2020"), and
    accept the finding as reviewed (`--write-baseline`, then `--baseline`).
    """
    results = []
    min_majority, max_gap = int(params["min_majority"]), int(params["max_year_gap"])
    for group in ctx.links.named_events:
        what = " ".join(reversed(group.key.split(":")))  # "labor law" of "law:labor"
        for odd in [e for e in group.events if group.not_before and before_start(e, group.not_before)]:
            results.append(_early_result(ctx, group, what, odd, severity(params, "severity")))
            group = _without(group, odd)
        slip = _slip(group, min_majority, max_gap) if group.once else None
        if slip:
            odd, others = slip
            years = Counter(e.year for e in others)
            year = years.most_common(1)[0][0]
            said = f"is named by the year {odd.year} once"
            results.append(_slip_result(ctx, group, what, said, f"by {year} in {years[year]} places", odd, others,
                                        severity(params, "severity"), f"{odd.year} vs {year}"))
            group = _without(group, odd)
        day = _day_slip(group, int(params["min_majority_day"]), int(params["max_day_gap"]))
        if day:
            odd, others = day
            # a start or a once-kind event told on two days is a slip; two elections of a month may be two
            sev = severity(params, "severity" if group.once or group.begins else "severity_day")
            results.append(_slip_result(ctx, group, what, f"is dated {_date([odd])} once",
                                        f"{_date(others)} in {len(others)} places", odd, others, sev,
                                        f"{_date([odd])} vs {_date(others)}"))
            group = _without(group, odd)
        for event in _events(group):
            if len({e.sentence for e in event}) < 2:
                continue
            results.append(Result(CODE, NAME, ctx.doc.id, "pass", severity(params, "severity"),
                                  f"One date, {_date(event)}, is given for the {what} in {len(event)} places: "
                                  f"{_told(ctx, event)}", [span_evidence(ctx, e.start, e.end, role="mention")
                                                           for e in event], _date(event),
                                  details=_details(group, event)))
    return results


def _said(ctx: CheckContext, e: NamedEvent) -> str:
    return " ".join(ctx.doc.text[e.start:e.end].split())


def _told(ctx: CheckContext, events: list[NamedEvent]) -> str:
    return "; ".join(f'"{_said(ctx, e)}" ({section_name(ctx.doc.section_code(e.start))})' for e in events)


def _slip_result(ctx: CheckContext, group: NamedEventGroup, what: str, said: str, others_said: str,
                 odd: NamedEvent, others: list[NamedEvent], sev: str, arithmetic: str) -> Result:
    """The failing result of one telling dated apart from the others: the odd telling first."""
    msg = (f'The {what} {said}, "{_said(ctx, odd)}" ({section_name(ctx.doc.section_code(odd.start))}), '
           f"and {others_said}: {_told(ctx, others)}")
    ev = [span_evidence(ctx, e.start, e.end, role="mention") for e in [odd, *others]]
    return Result(CODE, NAME, ctx.doc.id, "fail", sev, msg, ev, arithmetic, details=_details(group, [odd, *others]))


def _details(group: NamedEventGroup, events: list[NamedEvent]) -> dict:
    """Why the tellings were judged one event (--format json): the kind they name and, for each,
    the form that tied its date to the kind and the date it gives."""
    return {"link": {"kind": group.kind, "key": group.key, "once": group.once, "begins": group.begins,
                     "tellings": [{"form": e.form, "date": _date([e]), "name": e.name} for e in events]}}


def _early_result(ctx: CheckContext, group: NamedEventGroup, what: str, odd: NamedEvent, sev: str) -> Result:
    """The failing result of a telling dated before the start the rule file declares, beside the
    report's own tellings of the start."""
    year, _, month = group.not_before.partition("-")
    start = f"{MONTHS[int(month) - 1].capitalize()} {year}" if month else year
    where = section_name(ctx.doc.section_code(odd.start))
    the = "" if what[:1].isupper() else "The "  # "COVID-19", "The coup"
    msg = (f'{the}{what} is dated {_date([odd])}, "{_said(ctx, odd)}" ({where}), before it began ({start}, as '
           f"linking.named_events declares)")
    ev = [span_evidence(ctx, odd.start, odd.end, role="mention")]
    if group.starts:
        ev += [span_evidence(ctx, a, z, role="start") for a, z in group.starts]
        msg += "; the report tells of its start: " + "; ".join(
            f'"{" ".join(ctx.doc.text[a:z].split())}" ({section_name(ctx.doc.section_code(a))})'
            for a, z in group.starts)
    return Result(CODE, NAME, ctx.doc.id, "fail", sev, msg, ev, f"{_date([odd])} < {start}",
                  details=_details(group, [odd]))


def _without(group: NamedEventGroup, odd: NamedEvent) -> NamedEventGroup:
    """The group without its slip: the tellings that agree still make one event."""
    return replace(group, events=[e for e in group.events if e is not odd])


def _date(event: list[NamedEvent]) -> str:
    month = next((e.month for e in event if e.month), "")
    day = next((e.day for e in event if e.day), 0)
    return f"{month.capitalize()}{f' {day},' if day else ''} {event[0].year}".strip()


def _events(group: NamedEventGroup) -> list[list[NamedEvent]]:
    """The tellings of one event each: tellings that may be one event are joined, and a
    cluster that holds two that cannot be one ("February 2019" and "September 2019" joined by a
    bare "2019") keeps only its tellings with a month, each month apart."""
    evs = group.events
    out = []
    pairs = [(i, j) for i in range(len(evs)) for j in range(i + 1, len(evs)) if same_event(evs[i], evs[j])]
    for comp in components(pairs + [(i, i) for i in range(len(evs))]):
        comp = [evs[i] for i in sorted(comp)]
        if all(same_event(a, b) for i, a in enumerate(comp) for b in comp[i + 1:]):
            out.append(comp)
            continue
        by: dict[tuple[str, int, str], list[NamedEvent]] = {}
        for e in comp:
            if e.month:
                by.setdefault((e.month, e.day, e.name.split()[0].lower() if e.name else ""), []).append(e)
        out.extend(by.values())
    return sorted(out, key=lambda c: c[0].start)


def _slip(group: NamedEventGroup, min_majority: int, max_gap: int) -> tuple[NamedEvent, list[NamedEvent]] | None:
    """The one telling of a once-kind that names it by a neighbouring year, and the tellings of
    the year it most likely means; None when there is no such telling."""
    years = Counter(e.year for e in group.events)
    if len(years) < 2:
        return None
    (major, n), *rest = years.most_common()
    if n < min_majority:
        return None
    odd = [y for y, k in rest if k == 1 and 0 < abs(y - major) <= max_gap]
    # only a year that names the event ("the 2020 coup") is the event's own; every other year
    # must be two events or none
    if len(odd) != 1 or any(k > 1 or abs(y - major) > max_gap for y, k in rest if y != odd[0]):
        return None
    slip = next(e for e in group.events if e.year == odd[0])
    if slip.form != "named":
        return None
    return slip, [e for e in group.events if e.year == major]


def _day_slip(group: NamedEventGroup, min_majority: int, max_gap: int
              ) -> tuple[NamedEvent, list[NamedEvent]] | None:
    """In one month, the one telling of a day near another day told at least `min_majority`
    times ("The protests began on April 25" among three "began on April 28"), and the tellings
    of that other day; None when the month holds no such pair (or more than two days)."""
    by_month: dict[tuple[int, str], list[NamedEvent]] = {}
    for e in group.events:
        if e.day:
            by_month.setdefault((e.year, e.month), []).append(e)
    for events in by_month.values():
        days = Counter(e.day for e in events)
        if len(days) != 2:
            continue
        (major, n), (odd, k) = days.most_common()
        if n >= min_majority and k == 1 and abs(major - odd) <= max_gap:
            return next(e for e in events if e.day == odd), [e for e in events if e.day == major]
    return None
