from __future__ import annotations

from bisect import bisect_left
from functools import partial

from ..link.declared import declared_pairs, declared_together, judge_classes, pairs_in_order, value_classes
from ..model import SEVERITIES, Result
from .context import CheckContext, content_tier, grouped, section_name, severity, span_evidence
from .incident_counts import incident_sentences, same_incident
from .registry import register


@register("RC102", "same-incident-dates")
def same_incident_dates(ctx: CheckContext, params: dict) -> list[Result]:
    """Same incident, dates: an incident told more than once must be dated the same way.

    **What it checks.** Mentions linked as one incident that carry a date of their own are
    compared. Two date ranges of the same incident ("July 10-13" and "July 10-12") must be
    equal. A single day inside a range (a raid on June 6 within "between June 3 and June 6")
    is read as a part of the incident and passes, and so does a range inside a month
    ("July 2-3" and "in July": an incident dated only to its month is linked by a distinctive
    name and a kind of event).

    **Why it matters.** Datasets key incidents by date; a range that differs between two
    sections makes the incident's duration, and every per-day figure, uncertain.

    **Example** (2020 Mali report): section 1.a, "Between July 10 and 13, a total of 14
    persons ... were killed"; section 1.c, "arrested in the wake of the violent July 10-12
    protests". The same protests end on the 13th in one section and the 12th in the other.

    Mentions declared one incident in the report's rule file (`same_incident`) must also
    overlap: two different days, or a day outside the other's range, fail.

    **Severity.** `severity` (default warning): dates are often rounded in narrative text,
    but a reader should look.

    **How to resolve.** Check which date range the sources give and correct the other
    mention; if they are different events, declare them `distinct` in the rule file.
    """
    by_id = {m.id: m for m in ctx.links.mentions}
    declared = declared_pairs(ctx.declared)
    results = []
    for group in ctx.links.incidents:
        ms = [by_id[i] for i in group if not by_id[i].carried]
        # one mention per date expression (a sentence may carry the same date twice)
        seen, own = set(), []
        for m in ms:
            if m.date.start not in seen:
                seen.add(m.date.start)
                own.append(m)
        if len(own) < 2:
            continue
        # one verdict per pair of distinct dates (and rules naming them), not per pair of mentions:
        # a table's incident may have thousands of mentions and a handful of dates
        keys = [(m.date.low, m.date.high, m.date.precision, declared.get(m.id, frozenset())) for m in own]
        classes = value_classes(keys)
        extremes = (min(range(len(classes)), key=lambda c: keys[classes[c][0]][1]),
                    max(range(len(classes)), key=lambda c: keys[classes[c][0]][0]))
        verdicts = judge_classes(classes, partial(_conflict, own, declared), pivots=extremes)
        first = next(pairs_in_order(classes, verdicts), None)
        conflicts = [] if first is None else [(own[first[0]], own[first[1]])]
        ev = [span_evidence(ctx, m.date.start, m.date.end, role="date") for m in own]
        dates = "; ".join(f'"{m.date.text.strip()}" ({section_name(m.section)})' for m in own)
        arithmetic = "; ".join(f"{m.date.text.strip()} = {m.date.low.isoformat()}..{m.date.high.isoformat()}"
                               for m in own)
        if conflicts:
            a, b = conflicts[0]
            msg = (f'The same incident is dated "{a.date.text.strip()}" in {section_name(a.section)} and '
                   f'"{b.date.text.strip()}" in {section_name(b.section)}: the '
                   f"{'ranges' if a.date.low != a.date.high and b.date.low != b.date.high else 'dates'} "
                   f"{_days(a.date)} and {_days(b.date)} differ")
            results.append(Result("RC102", "same-incident-dates", ctx.doc.id, "fail",
                                  severity(params, "severity"), msg, ev, arithmetic))
        else:
            results.append(Result("RC102", "same-incident-dates", ctx.doc.id, "pass",
                                  severity(params, "severity"),
                                  f"Mentions of one incident agree on its date: {dates}", ev, arithmetic))
    content = content_dates(ctx, params)
    return results + content + worded_dates(ctx, params, _Judged(results + content))


def _conflict(own: list, declared: dict, a: int, b: int) -> bool:
    """Whether mentions own[a] and own[b] of one incident are dated in ways that cannot both hold."""
    x, y = own[a].date, own[b].date
    if (x.low, x.high) == (y.low, y.high):
        return False
    both_ranges = x.low != x.high and y.low != y.high
    apart = x.high < y.low or y.high < x.low
    # "July 2-3" in one section and "July" in another: the month is the vaguer date
    # of the same days, not another range
    in_month = "month" in (x.precision, y.precision) and (
        x.low <= y.low and y.high <= x.high or y.low <= x.low and x.high <= y.high)
    return (both_ranges and not in_month) or (apart and declared_together(declared, own[a].id, own[b].id))


def _days(d) -> str:
    """"Jul 10-Jul 13" for a range, "Mar 19" for one day."""
    return f"{d.low:%b %d}" if d.low == d.high else f"{d.low:%b %d}-{d.high:%b %d}"


def content_dates(ctx: CheckContext, params: dict) -> list[Result]:
    """RC102 on mentions linked by what they say (link/content.py): the date each tells of the
    event must be the same, or one within the other ("September 30" within "September").

    Dates that differ are a finding only on the evidence of one event told twice with a date
    slipped (link.content.date_slip): each mention dated once, the same single kind of event, a
    shared participant named, no other participant on both sides, and the two dates close (a
    few days, or neighbouring months). With the check's severity on a strong link that rests on
    two independent agreements (`linking.content.corroboration`: two people named in both, a
    precise figure and a place, one person's killing), info otherwise: one participant and
    common words were most often two events in the 2016-2024 corpora (Freeman Mbowe arrested
    on July 21 and charged on July 26, Tanzania 2021; one court convicting two journalists a day
    apart, Benin 2023), while "Sardar Soran Singh ... was killed" on April 25 and "the April 22
    killing of ... Sardar Soran Singh" (Pakistan 2016) is one killing dated two ways. Two
    mentions in one paragraph are never a finding: a paragraph tells its own sequence of days.

    Two tiers are milder, as declared (`severity_month_slip`, `severity_other_kinds`; info by
    default), because read in the 2016-2024 corpora they were most often two events: months
    that differ ("In March ... striking workers of Pikitup shot at their trucks" and an
    "illegal strike ... in April"; "elections held in November 2019" and "a runoff election in
    December 2019"), and tellings that name different kinds of event ("On May 24, N'Daw and
    Ouane were arrested" and "released from detention on May 27 ... placed under house
    arrest")."""
    from ..link.content import anchor_spans, corroborations, date_slip, event_date, shares_participant

    done = incident_sentences(ctx)
    near = int(ctx.rules["linking"]["content"]["near_days"])
    need = int(ctx.rules["linking"]["content"]["corroboration"])
    once = tuple(ctx.rules["linking"]["content"]["once_kinds"])
    results, seen, agreeing = [], set(), []
    for link in ctx.links.content:
        a, b = link.a, link.b
        pair = frozenset((a.sentence, b.sentence))
        if same_incident(done, a.sentence, b.sentence) or pair in seen:
            continue
        da, db = event_date(a, link), event_date(b, link)
        if da is None or db is None:
            continue
        if "year" in (da.precision, db.precision) and (da.precision != db.precision or da.low != db.low):
            continue  # a year holds too much to differ from a day, or from another year of one kind of event
        agree = (da.low <= db.low and db.high <= da.high) or (db.low <= da.low and da.high <= db.high)
        if not agree and not date_slip(ctx.doc.text, link, da, db, near):
            continue
        if agree and not (link.identity or link.tier == "strong" or (da.low, da.high) == (db.low, db.high)
                          or shares_participant(link)):
            continue  # a weak link, and dates that only contain each other (a day within a month)
        if (agree and all(k.startswith(("d:", "m:")) for k in link.shared) and not (a.events & b.events)
                and not (da.precision == "day" and not (a.events and b.events))):
            # linked by the date alone, telling of different things (an election, an expulsion);
            # one day named twice, one telling saying nothing of what happened, may be one event
            continue
        seen.add(pair)
        ev = [span_evidence(ctx, da.start, da.end, role="date"), span_evidence(ctx, db.start, db.end, role="date")]
        ev += [span_evidence(ctx, x, y, role="anchor") for m in (a, b) for x, y in anchor_spans(m, link)
               if not (x < da.end and da.start < y) and not (x < db.end and db.start < y)]
        arithmetic = "; ".join(f"{d.text.strip()} = {d.low.isoformat()}..{d.high.isoformat()}" for d in (da, db))
        why = "; ".join(link.reasons[:4])
        details = {"link": link.details()}
        if agree:
            agreeing.append(((da.start, da.end), (db.start, db.end), da, db, a, b, ev, why, details))
            continue
        # the days themselves are what differs: the link is as strong as what else it rests on
        strong = link.score_without(("d:", "m:")) >= float(ctx.rules["linking"]["content"]["strong_score"])
        said, sev = content_tier(strong, link.score, corroborations(link, once), need, severity(params, "severity"),
                                 details)
        if da.precision != "day":
            sev = _milder(sev, severity(params, "severity_month_slip"))
        if a.events != b.events and not (a.events & b.events & set(once)):
            # (a killing told with its attack is still one killing: a person is killed once)
            sev = _milder(sev, severity(params, "severity_other_kinds"))
        results.append(Result("RC102", "same-incident-dates", ctx.doc.id, "fail", sev,
                              f'The same event is dated "{da.text.strip()}" in {section_name(a.section)} and '
                              f'"{db.text.strip()}" in {section_name(b.section)}: {_days(da)} and {_days(db)} '
                              f"do not overlap (linked by {why}; {said})",
                              ev, arithmetic, details=details))
    return _agreeing_groups(ctx, params, agreeing) + results


def _agreeing_groups(ctx: CheckContext, params: dict, agreeing: list) -> list[Result]:
    """One passing result per event whose tellings agree on its date, however many there are
    (the pairs joined into groups by the dates they share)."""
    out = []
    for members in grouped(agreeing, lambda x: (x[0], x[1])):
        first = members[0]
        if len(members) == 1:
            _, _, da, db, a, b, ev, why, details = first
            out.append(Result("RC102", "same-incident-dates", ctx.doc.id, "pass", severity(params, "severity"),
                              f'Two mentions of one event agree on its date: "{da.text.strip()}" '
                              f'({section_name(a.section)}) and "{db.text.strip()}" ({section_name(b.section)}) '
                              f"(linked by {why})", ev,
                              "; ".join(f"{d.text.strip()} = {d.low.isoformat()}..{d.high.isoformat()}"
                                        for d in (da, db)), details=details))
            continue
        dates, ev, seen = {}, [], set()
        for _, _, da, db, a, b, pair_ev, _, _ in members:
            dates.setdefault((da.start, da.end), (da, a.section))
            dates.setdefault((db.start, db.end), (db, b.section))
            for e in pair_ev:
                if (e.start, e.end) not in seen:
                    seen.add((e.start, e.end))
                    ev.append(e)
        told = sorted(dates.values(), key=lambda x: x[0].start)
        said = ", ".join(f'"{d.text.strip()}" ({section_name(sec)})' for d, sec in told)
        arithmetic = "; ".join(f"{d.text.strip()} = {d.low.isoformat()}..{d.high.isoformat()}" for d, _ in told)
        out.append(Result("RC102", "same-incident-dates", ctx.doc.id, "pass", severity(params, "severity"),
                          f"{len(told)} mentions of one event agree on its date: {said} (linked by {first[7]})",
                          ev, arithmetic, details=first[8]))
    return out


def _milder(a: str, b: str) -> str:
    """The milder of two severities ("info" is milder than "warning", "warning" than "error")."""
    return max(a, b, key=SEVERITIES.index)



class _Judged:
    """Which results already cover a span (their evidence overlaps it): found by bisection over
    the evidence sorted by start, not by a scan of every result for every pair of dates."""

    def __init__(self, results: list[Result]) -> None:
        spans = sorted((e.start, e.end, k) for k, r in enumerate(results) for e in r.evidence)
        self.starts = [a for a, _, _ in spans]
        self.spans = spans
        self.longest = max((b - a for a, b, _ in spans), default=0)

    def covering(self, d) -> set[int]:
        lo = bisect_left(self.starts, d.start - self.longest)
        hi = bisect_left(self.starts, d.end)
        return {k for a, b, k in self.spans[lo:hi] if a < d.end and d.start < b}


def worded_dates(ctx: CheckContext, params: dict, judged: _Judged) -> list[Result]:
    """RC102 on a day retold in nearly the same words in another paragraph (link.content.
    restated_dates: most of the words around the date in common, the days at most
    `linking.content.near_days` apart): the same day passes; two days are one event's date
    told two ways, with the check's severity when the wording is nearly all shared (a strong
    pair) and info otherwise. Found so: "ultimately resulting in a compromise, announced on May
    17" in the executive summary and in section 3 (Afghanistan 2020), one of them changed."""
    results = []
    for pair in ctx.links.restated_dates:
        da, db = pair.a, pair.b
        if judged.covering(da) & judged.covering(db):
            continue  # the incident or content linker judged these two dates already
        ev = [span_evidence(ctx, da.start, da.end, role="date"), span_evidence(ctx, db.start, db.end, role="date")]
        arithmetic = "; ".join(f"{d.text.strip()} = {d.low.isoformat()}" for d in (da, db))
        words = ", ".join(pair.words[:8])
        details = {"restated": pair.details()}
        where = (f'"{da.text.strip()}" ({section_name(pair.section_a)}) and "{db.text.strip()}" '
                 f"({section_name(pair.section_b)})")
        if da.low == db.low:
            results.append(Result("RC102", "same-incident-dates", ctx.doc.id, "pass", severity(params, "severity"),
                                  f"A day retold in the same words agrees: {where} (words in common: {words})",
                                  ev, arithmetic, details=details))
            continue
        sev = severity(params, "severity") if pair.tier == "strong" else "info"
        results.append(Result("RC102", "same-incident-dates", ctx.doc.id, "fail", sev,
                              f"A day retold in nearly the same words is given as two days: {where} (words in "
                              f"common: {words}; {pair.overlap:.0%} of them; {pair.tier})", ev, arithmetic,
                              details=details))
    return results
