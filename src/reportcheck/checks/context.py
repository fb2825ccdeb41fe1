"""What every check receives, and the small helpers they share (evidence, interval text)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import regex as re

from ..link import Links
from ..model import Document, Evidence, FigureRow


@dataclass
class CheckContext:
    doc: Document
    rows: list[FigureRow]  # the figures table as records (index = row number)
    links: Links
    rules: dict
    # the report-specific rules of the rule files, resolved against `doc` (link.declared.Declared)
    declared: list = field(default_factory=list)
    # the table the rows come from (extract.table.TableDoc), when a table is checked; None for a report
    table: object = None


def evidence(ctx: CheckContext, i: int, role: str = "") -> Evidence:
    r = ctx.rows[i]
    page = str(r.get("page") or "")
    return Evidence(figure_id=r["figure_id"], quote=r["quote"], start=int(r["start"]), end=int(r["end"]),
                    section=r["section"], role=role, page=int(page) if page.isdigit() else None)


def span_evidence(ctx: CheckContext, start: int, end: int, role: str = "") -> Evidence:
    return Evidence(figure_id=f"{ctx.doc.id}:{start}", quote=ctx.doc.text[start:end], start=start, end=end,
                    section=ctx.doc.section_code(start), role=role, page=ctx.doc.page_at(start))


# a number stated with a scale word ("2.9 million", "more than one million") is rounded to it
SCALED = re.compile(r"\b(?:thousand|million|billion|trillion)\b", re.I)


def num(x: float) -> str:
    if math.isinf(x):
        return "inf"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def interval(lo: float, hi: float) -> str:
    if lo == hi:
        return num(lo)
    return f"[{num(lo)}, {'inf)' if math.isinf(hi) else num(hi) + ']'}"


def section_name(code: str) -> str:
    if code.startswith("row "):  # a row of a table without sections
        return code
    return f"section {code}" if code else "the opening text"


def severity(params: dict, key: str) -> str:
    """A check's severity setting (default.yml has every one; a rule file may change it)."""
    return str(params[key])


def components(pairs) -> list[list]:
    """The connected groups of `pairs` (a, b), each in the order its members were first seen, the
    groups in the order of their first member: a statistic told in ten places is one group, not
    45 pairs (one passing result, not 45)."""
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict = {}
    for x in parent:  # dicts keep insertion order: first seen first
        groups.setdefault(find(x), []).append(x)
    return list(groups.values())


def grouped(items: list, pair) -> list[list]:
    """`items` in the groups that `pair(item) -> (a, b)` joins (see components), each group's
    items in their order: the agreeing pairs of one event, however many tellings it has."""
    groups = components(pair(x) for x in items)
    where = {node: k for k, group in enumerate(groups) for node in group}
    out: list[list] = [[] for _ in groups]
    for x in items:
        out[where[pair(x)[0]]].append(x)
    return out


def content_tier(strong: bool, score: float, agreements: list[str], need: int, sev: str,
                 details: dict) -> tuple[str, str]:
    """How a finding on a content link (link.content) is told, and its severity: `sev` when the
    link is strong and rests on `need` independent agreements (link.content.corroborations),
    info otherwise. `details["link"]` gets the tier and the agreements (JSON review)."""
    details["link"]["corroborated_by"] = list(agreements)
    if strong and len(agreements) >= need:
        details["link"]["tier"] = "strong"
        return f"strong link, score {score:.1f}, corroborated by {'; '.join(agreements)}", sev
    if strong:
        details["link"]["tier"] = "uncorroborated"
        return (f"strong link, score {score:.1f}, but {len(agreements)} of the {need} independent agreements "
                f"a failing finding needs"), "info"
    details["link"]["tier"] = "weak"
    return f"weak link, score {score:.1f}", "info"
