from __future__ import annotations

import math
import statistics
from collections import defaultdict

from ..link.conversions import Conversion
from ..model import Result
from .context import CheckContext, severity, span_evidence
from .registry import register

_INVARIANT = {"baht", "birr", "kip", "kina", "naira", "rand", "won", "yen", "yuan", "tenge", "vatu", "tala", "taka",
              "lek", "dong", "ariary", "rufiyaa", "nakfa", "pula", "kwacha", "ringgit", "rupiah", "dalasi"}
_PLURAL = {"loti": "maloti", "lilangeni": "emalangeni", "leu": "lei", "lev": "leva", "real": "reais",
           "metical": "meticais", "krone": "kroner", "krona": "kronor", "kuna": "kuna", "EUR": "euros",
           "USD": "US dollars"}
_SINGULAR = {"EUR": "euro", "USD": "US dollar"}


def _plural(name: str) -> str:
    head, _, last = name.rpartition(" ")
    if name in _PLURAL or last in _PLURAL:
        word = _PLURAL.get(name) or _PLURAL[last]
        return word if name in _PLURAL else f"{head} {word}"
    if last in _INVARIANT or name.endswith("$") or name.isupper():
        return name
    return name + "s"


def _fmt(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def _rate_phrase(c: Conversion) -> str:
    if c.high == float("inf"):
        return f"more than {_fmt(c.low)}"
    if c.low == 0:
        return f"fewer than {_fmt(c.high)}"
    if c.qualifier in ("about", "nearly"):
        return f"about {_fmt(c.rate)}"
    return _fmt(c.rate)


def _quote(ctx: CheckContext, c: Conversion) -> tuple[int, int]:
    """The conversion as written: the amount to the end of its equivalent (and its parenthesis)."""
    start, end = c.spans[0][0], c.spans[1][1]
    if ctx.doc.text[end:end + 1] == ")":
        end += 1
    return start, end


@register("RC105", "currency-conversions")
def currency_conversions(ctx: CheckContext, params: dict) -> list[Result]:
    """Currency conversions: the conversions of one currency in a report must imply one exchange rate.

    **What it checks.** Every amount given with its equivalent in another currency ("fines of
    up to 500,000 CFA francs ($830)"; a range converts element by element: "between 20,000
    and one million CFA francs ($33 and $1,661)") implies an exchange rate: 500,000 / 830 =
    602 CFA francs per dollar. The rate is an interval when the equivalent has a qualifier of
    its own ("2.12 billion CFA (more than five million dollars)" allows any rate below 424)
    and because the equivalent is rounded ("$830" is 825-835, "$0.50" 0.45-0.55). For each
    currency pair converted at least `min_conversions` times (distinct amounts) in one
    report, the report's own rate is the median of the stated rates; a conversion whose whole
    interval lies outside [median / (1 + `tolerance`), median x (1 + `tolerance`)] fails.
    Not flagged: a conversion the report dates itself ("($55 million at the time)"); a
    moderate outlier (less than `slip_ratio` times off the median) whose rate another
    conversion of the report states within the tolerance, since the report then uses that
    rate too (amounts converted at the rate of their month in a year the currency fell),
    while a slip (a digit, a million for a billion) is flagged even when repeated; and every
    conversion of a pair when fewer than `min_agreement` of them agree with the median (the
    report has no single rate). Countries whose currency lost much of its value within a
    year, in the years of the reports, have their own tolerance (`tolerance_by_country`).

    **Why it matters.** The dollar figure is the one international readers and datasets
    quote. A conversion at another rate than the rest of the report (a slipped digit, a
    thousands comma written as a decimal point, a million for a billion, a rate from another
    year) puts a wrong amount in every table that cites the report.

    **Example** (2019 Mali report): "fines of up to 500,000 CFA francs ($830)", "between
    20,000 and one million CFA francs ($33 and $1,661)", "A nine-billion-CFA ($16.5 million)
    construction project" and "7,500 CFA francs ($14)" imply 536-606 CFA francs per dollar
    (median 602). "These two agencies were reported to have lost 2.12 billion CFA (more than
    five million dollars)" implies fewer than 424 and fails: at 602, 2.12 billion CFA francs
    is about $3.5 million.

    **Severity.** `severity` (default warning): a reader should recompute the amount; the
    report may have converted at a rate of another date on purpose.

    **How to resolve.** Recompute the equivalent at the rate the report uses elsewhere, or
    say which rate and date the conversion uses ("at the time", "at the official rate");
    raise the tolerance in the rule file for a report whose currency moved during the year.
    """
    tolerance = float(params["tolerance"])
    by_country = params.get("tolerance_by_country") or {}
    if ctx.doc.country in by_country:
        tolerance = float(by_country[ctx.doc.country])
    slip_ratio = float(params["slip_ratio"])
    min_conversions = int(params["min_conversions"])
    min_agreement = float(params["min_agreement"])
    sev = severity(params, "severity")
    text = ctx.doc.text
    groups: dict[tuple[str, str], dict[tuple, list[Conversion]]] = defaultdict(lambda: defaultdict(list))
    for c in ctx.links.conversions:
        if c.historic:
            continue  # "($55 million at the time)": the report says it used another rate
        # the same amount converted the same way twice is one conversion, told twice
        groups[(c.source, c.target)][(c.amount, c.equivalent, c.qualifier)].append(c)
    results: list[Result] = []
    for (source, target), distinct in groups.items():
        convs = [occ[0] for occ in distinct.values()]
        points = [c.rate for c in convs if not c.open]
        if len(convs) < min_conversions or len(points) < 2:
            continue
        median = statistics.median(points)
        lo, hi = median / (1 + tolerance), median * (1 + tolerance)
        agree = [c for c in convs if c.high >= lo and c.low <= hi]
        unit = f"{_plural(source)} per {_SINGULAR.get(target, target)}"
        pair = f"{_plural(source)} to {_plural(target)}"
        band = f"[{_fmt(lo)}, {_fmt(hi)}] (median {_fmt(median)} +-{tolerance:.0%})"
        rates = "; ".join(f"{_said(text, c)} = {_rate_phrase(c)}" for c in convs)
        details = {"source": source, "target": target, "median": median, "band": [lo, hi],
                   "conversions": len(convs), "agreeing": len(agree)}
        if len(agree) < min_agreement * len(convs):
            msg = (f"The report's {len(convs)} conversions of {pair} imply rates from {_fmt(min(points))} to "
                   f"{_fmt(max(points))} {unit}: fewer than {min_agreement:.0%} are within {tolerance:.0%} of "
                   f"their median, so the report has no single rate to hold them to (not compared)")
            results.append(Result("RC105", "currency-conversions", ctx.doc.id, "pass", sev, msg,
                                  _evidence(ctx, distinct, convs), f"{rates}; band {band}", details=details))
            continue
        agreeing = {id(c) for c in agree}
        outliers = [c for c in convs if id(c) not in agreeing]
        # a rate another conversion shares is a rate the report uses (another date, another
        # market), unless it is a slip: ten times off is a digit, not a date
        second = [c for c in outliers if _off_by(c, median) < slip_ratio and any(
            _shares_rate(c, o, tolerance) for o in convs if o is not c)]
        others = _span([a.rate for a in agree if not a.open])
        for failed in _by_parenthesis([c for c in outliers if all(c is not x for x in second)]):
            said = " and ".join(_said(text, c) for c in failed)
            phrases = list(dict.fromkeys(_rate_phrase(c) for c in failed))
            msg = (f"{said} impl{'ies' if len(failed) == 1 else 'y'} {' and '.join(phrases)} {unit}; the report's "
                   f"other {len(agree)} conversions imply {others} (median {_fmt(median)})")
            arithmetic = "; ".join(
                f"{_fmt(c.amount)} / {_fmt(c.equivalent)} = {_fmt(c.rate)}, as an interval [{_fmt(c.low)}, "
                f"{'inf' if math.isinf(c.high) else _fmt(c.high)}] (the equivalent's "
                f"{_ROUNDING.get(c.qualifier, c.qualifier)})" for c in failed) + f": outside the band {band}"
            results.append(Result("RC105", "currency-conversions", ctx.doc.id, "fail", sev, msg,
                                  _evidence(ctx, distinct, failed), arithmetic,
                                  details={**details, "rates": [[c.low, c.high] for c in failed],
                                           "stated_rates": [c.rate for c in failed]}))
        msg = (f"The report's {len(agree)} conversions of {pair} agree on one rate: {others} {unit} "
               f"(median {_fmt(median)})")
        if second:
            msg += (f"; {len(second)} other{'s' if len(second) > 1 else ''} at {_span([c.rate for c in second])}, "
                    f"close to a rate the report uses elsewhere (another date or market): not compared")
        results.append(Result("RC105", "currency-conversions", ctx.doc.id, "pass", sev, msg,
                              _evidence(ctx, distinct, agree + second), f"{rates}; band {band}", details=details))
    # a report that converts no currency often enough has no rate of its own: nothing to judge
    # (the run summary lists the check with zeros)
    return results


def _off_by(c: Conversion, median: float) -> float:
    """How many times the closest rate the conversion allows is from the median."""
    if c.low > median:
        return c.low / median
    return median / c.high if c.high > 0 else math.inf


def _shares_rate(c: Conversion, o: Conversion, tolerance: float) -> bool:
    """Another conversion, in another parenthesis, states about the same rate as c (a bound,
    "more than five million dollars", states none)."""
    if c.open or o.open:
        return False
    if abs(o.spans[1][0] - c.spans[1][0]) < 40 and {o.element, c.element} == {0, 1}:
        return False  # the other end of one range ("($0.30 to $0.40)") is no second witness
    return c.rate / (1 + tolerance) <= o.rate <= c.rate * (1 + tolerance)

_ROUNDING = {"exact": "rounding", "about": "approximation and rounding", "nearly": "approximation and rounding",
             "more_than": "lower bound", "at_least": "lower bound", "fewer_than": "upper bound",
             "at_most": "upper bound"}


def _said(text: str, c: Conversion) -> str:
    """"2.12 billion CFA = more than five million dollars"."""
    (a, b), (x, y) = c.spans
    return f"{' '.join(text[a:b].split())} = {' '.join(text[x:y].split())}"


def _by_parenthesis(failed: list[Conversion]) -> list[list[Conversion]]:
    """The failing conversions, the two ends of one range ("3,000 to 4,000 won ($0.30 to $0.40)") together."""
    out: list[list[Conversion]] = []
    for c in failed:
        prev = out[-1][-1] if out else None
        if prev is not None and c.element == 1 and prev.element == 0 and 0 <= c.spans[1][0] - prev.spans[1][1] <= 12:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _span(rates: list[float]) -> str:
    return f"{_fmt(min(rates))}-{_fmt(max(rates))}" if len(rates) > 1 else _fmt(rates[0])


def _evidence(ctx: CheckContext, distinct: dict, convs: list[Conversion]):
    """Every place the conversions are written (a conversion told twice is quoted twice)."""
    out = []
    for c in convs:
        for o in distinct[(c.amount, c.equivalent, c.qualifier)]:
            out.append(span_evidence(ctx, *_quote(ctx, o), "conversion"))
    return out
