from __future__ import annotations

from collections import defaultdict

from ..extract.places import compatible_parts
from ..model import Result
from .context import CheckContext, section_name, severity, span_evidence
from .registry import register


@register("RC103", "place-conflicts")
def place_conflicts(ctx: CheckContext, params: dict) -> list[Result]:
    """Places: one place must not be put in two regions or in parts of the country that exclude each other.

    **What it checks.** Every time the report locates a named place ("Tarkint, Gao Region",
    "the village of Binedama in Mopti", "the Kayes Region in the West", "in the city of Kayes
    in the central part of the country"), the location is recorded against the place's
    name. A place (or the region of the same name) put in two different regions, or in two
    parts of the country that exclude each other (west and center; north and south; north
    and northeast are compatible), fails.

    **Why it matters.** Datasets code incidents by administrative region; a report that
    puts the same town in two parts of the country leaves the coder to guess.

    **Example** (2020 Mali report): section 1.a says "On May 11, in the city of Kayes in the
    central part of the country", and a few paragraphs on, "to the Kayes Region in the
    West". Kayes (city and region) lies in the west of Mali.

    **Severity.** `severity_region` (default error) for two regions; `severity_part`
    (default warning) for two parts of the country, which narrative text uses loosely.

    **How to resolve.** Correct the wrong location in the report, or record in the rule file
    which location the dataset uses.
    """
    by_key = defaultdict(list)
    for p in ctx.links.places:
        if p.level in ("locality", "region") and (p.part or (p.region and p.region != p.key)):
            by_key[p.key].append(p)
    results = []
    for _key, ps in sorted(by_key.items()):
        if len(ps) < 2:
            continue
        regions = {}
        for p in ps:
            if p.region and p.region != p.key:
                regions.setdefault(p.region, p)
        parted = [p for p in ps if p.part]
        clash_parts = [(a, b) for i, a in enumerate(parted) for b in parted[i + 1:]
                       if not compatible_parts(a.part, b.part)]
        ev = []
        for p in ps:
            ev.append(span_evidence(ctx, p.start, p.end, role="place"))
            if p.part_start is not None and p.part_end is not None:
                ev.append(span_evidence(ctx, p.part_start, p.part_end, role="location"))
        said = "; ".join(f'"{ctx.doc.text[p.start:max(p.end, p.part_end or p.end)]}" ({section_name(_sec(ctx, p.start))})'
                         for p in ps)
        name = ps[0].name
        if len(regions) > 1:
            rs = sorted(regions)
            results.append(Result("RC103", "place-conflicts", ctx.doc.id, "fail",
                                  severity(params, "severity_region", "error"),
                                  f"{name} is put in two regions ({', '.join(r.title() for r in rs)}): {said}", ev))
        elif clash_parts:
            a, b = clash_parts[0]
            results.append(Result("RC103", "place-conflicts", ctx.doc.id, "fail",
                                  severity(params, "severity_part", "warning"),
                                  f"{name} is put in the {a.part} ({section_name(_sec(ctx, a.start))}) and in the "
                                  f"{b.part} ({section_name(_sec(ctx, b.start))}) of the country: {said}", ev))
        else:
            results.append(Result("RC103", "place-conflicts", ctx.doc.id, "pass",
                                  severity(params, "severity_part", "warning"),
                                  f"{name} is located consistently: {said}", ev))
    return results


def _sec(ctx: CheckContext, offset: int) -> str:
    return ctx.doc.section_code(offset)
