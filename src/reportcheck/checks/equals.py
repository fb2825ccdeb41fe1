from __future__ import annotations

from ..model import Result
from .context import CheckContext, evidence, interval, num, section_name, severity
from .registry import register


@register("RC302", "declared-equals")
def declared_equals(ctx: CheckContext, params: dict) -> list[Result]:
    """Declared equal figures: figures a rule file says are the same number must be.

    **What it checks.** Each `equals` rule of the report's rule file names two or more
    figures by short quotes. Their stated numbers ("at least 29" states 29) may differ by at
    most the rule's tolerance: `tolerance: 0.05` is 5% of the largest of them, `tolerance_abs:
    3` three units; without either they must be equal.

    **Why it matters.** Some figures are the same quantity told in words the tool cannot
    link (a count in one section and "these children" in another, a total restated in a
    summary); an analyst who knows they must agree can say so once, and every later edit of
    the report that breaks the agreement is caught.

    **Example** (2020 Mali report): "The MDSF reportedly recruited and used 24 children from
    the Gao Region" and "in November 2019 these 24 children were released": declared equal,
    24 = 24 passes; an edit to "these 25 children" would fail.

    **Severity.** `severity` (default error), or the rule's own `severity:`.

    **How to resolve.** Correct the figure that is wrong, or the rule (a tolerance for
    figures that are rounded differently).
    """
    results = []
    for d in ctx.declared:
        if d.kind != "equals":
            continue
        idx = d.figures("figures")
        rows = [ctx.rows[i] for i in idx]
        values = [r["value"] for r in rows]
        spread = max(values) - min(values)
        largest = max(abs(v) for v in values)
        if "tolerance" in d.params:
            allowed, said = float(d.params["tolerance"]) * largest, f"{num(float(d.params['tolerance']) * 100)}%"
        elif "tolerance_abs" in d.params:
            allowed, said = float(d.params["tolerance_abs"]), num(float(d.params["tolerance_abs"]))
        else:
            allowed, said = 0.0, ""
        ok = spread <= allowed + 1e-9
        listed = "; ".join(f"\"{r['quote']}\" ({section_name(r['section'])}) = {num(r['value'])}" for r in rows)
        arithmetic = (f"{' - '.join(num(v) for v in (max(values), min(values)))} = {num(spread)} "
                      f"{'<=' if ok else '>'} {num(allowed)} allowed"
                      + (f" ({said}{' of ' + num(largest) if said.endswith('%') else ''})" if said else "")
                      + "; as intervals: " + ", ".join(interval(r["low"], r["high"]) for r in rows))
        if ok:
            within = f" within {said}" if said and spread else ""
            msg = f"Figures declared equal agree{within}: {listed} ({d.provenance()})"
        else:
            limit = f"more than the {said} allowed" if said else "they are declared equal"
            msg = f"Figures declared equal differ by {num(spread)}, {limit}: {listed} ({d.provenance()})"
        results.append(Result("RC302", "declared-equals", ctx.doc.id, "pass" if ok else "fail",
                              d.severity or severity(params, "severity"), msg,
                              [evidence(ctx, i, "figure") for i in idx], arithmetic,
                              details={"declared": d.where}))
    return results
