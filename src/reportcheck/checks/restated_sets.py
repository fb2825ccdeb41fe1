from __future__ import annotations

from ..model import Result
from .context import CheckContext, evidence, section_name, severity
from .registry import register


@register("RC107", "restated-figure-sets")
def restated_figure_sets(ctx: CheckContext, params: dict) -> list[Result]:
    """Restated set of figures: a set of figures copied from one source must be copied whole.

    **What it checks.** Two sentences in different paragraphs that share three or more counts
    (`linking.restated_set_min_shared`; each 10 or more) restate one set of figures, such as
    a quarterly report's incidents, deaths, injuries and abductions. The figures of the
    shorter sentence are aligned, in order, with the run of the longer one that matches best.
    When all but one agree and the odd pair counts the same thing, the set was restated with
    one figure changed.

    **Why it matters.** A copying slip (175 injuries become 157) inside an otherwise identical
    set is the commonest way a restated statistic goes wrong, and the hardest to see: every
    other number checks out.

    **Example** (2019 Mali report): section 1.a, "at least 245 incidents occurred in which 333
    civilians were killed and 175 injured and 145 civilians were abducted"; section 6, "the
    previous period, which registered 245 incidents, 333 civilian fatalities, 175 injuries,
    and 145 abductions". The four figures agree: the check passes. Had section 6 said "157
    injuries", it would fail.

    **Severity.** `severity` (default warning): the text alone cannot say which copy is right.

    **How to resolve.** Check the source and correct the copy that differs; if the sentences
    report different periods that happen to share numbers, declare them `distinct`.
    """
    sev = severity(params, "severity")
    results = []
    for a, b in ctx.links.restated_sets:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        best, best_eq = None, -1
        for k in range(len(long_) - len(short) + 1):
            window = long_[k:k + len(short)]
            eq = sum(ctx.rows[i]["value"] == ctx.rows[j]["value"] for i, j in zip(short, window, strict=True))
            if eq > best_eq:
                best, best_eq = window, eq
        pairs = list(zip(short, best, strict=True))
        odd = [(i, j) for i, j in pairs if ctx.rows[i]["value"] != ctx.rows[j]["value"]]
        ev = [evidence(ctx, i, "mention") for i in short] + [evidence(ctx, j, "mention") for j in best]
        arithmetic = "; ".join(f'{ctx.rows[i]["number_text"]} / {ctx.rows[j]["number_text"]}' for i, j in pairs)
        first, second = ctx.rows[short[0]], ctx.rows[best[0]]
        where = f"{section_name(first['section'])} and {section_name(second['section'])}"
        if not odd:
            results.append(Result("RC107", "restated-figure-sets", ctx.doc.id, "pass", sev,
                                  f"A set of {len(pairs)} figures is restated the same way in {where}", ev, arithmetic))
            continue
        if len(odd) == 1 and len(pairs) - 1 >= 2:
            i, j = odd[0]
            x, y = ctx.rows[i], ctx.rows[j]
            heads = [(r["noun"] or "").split()[:1] for r in (x, y)]
            # "14 coalition parties" and "12 coalition parties": the odd pair names what it counts,
            # the same way; a bare "18" aligned with "21 dead" is another figure of the sentence
            if x["measure"] == y["measure"] and heads[0] and heads[1] and (heads[0] == heads[1] or x["measure"]):
                msg = (f"A set of {len(pairs)} figures is restated in {where} with one changed: "
                       f'"{x["quote"]}" and "{y["quote"]}"; the other {len(pairs) - 1} agree')
                results.append(Result("RC107", "restated-figure-sets", ctx.doc.id, "fail", sev, msg, ev, arithmetic))
    return results
