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

    Mentions declared one incident in the report's rule file (`same_incident`) are held to
    the same standard: the places each of them names must not lie in different regions or in
    parts of the country that exclude each other.

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
        said = "; ".join(f'"{ctx.doc.text[p.start:max(p.end, p.part_end or p.end)]}" '
                         f'({section_name(_sec(ctx, p.start))})' for p in ps)
        name = ps[0].name
        if len(regions) > 1:
            rs = sorted(regions)
            results.append(Result("RC103", "place-conflicts", ctx.doc.id, "fail",
                                  severity(params, "severity_region"),
                                  f"{name} is put in two regions ({', '.join(r.title() for r in rs)}): {said}", ev))
        elif clash_parts:
            a, b = clash_parts[0]
            results.append(Result("RC103", "place-conflicts", ctx.doc.id, "fail",
                                  severity(params, "severity_part"),
                                  f"{name} is put in the {a.part} ({section_name(_sec(ctx, a.start))}) and in the "
                                  f"{b.part} ({section_name(_sec(ctx, b.start))}) of the country: {said}", ev))
        else:
            results.append(Result("RC103", "place-conflicts", ctx.doc.id, "pass",
                                  severity(params, "severity_part"),
                                  f"{name} is located consistently: {said}", ev))
    results.extend(_declared_incidents(ctx, params))
    return results


def _declared_incidents(ctx: CheckContext, params: dict) -> list[Result]:
    """The places of mentions that a rule file declares one incident."""
    by_id = {m.id: m for m in ctx.links.mentions}
    results = []
    for d in ctx.declared:
        if d.kind != "same_incident":
            continue
        located = []
        for i in d.mentions:
            m = by_id[i]
            ps = [p for p in ctx.links.places if m.start <= p.start < m.end and (p.region or p.part)]
            if ps:
                located.append((m, ps, {p.region for p in ps if p.region}, {p.part for p in ps if p.part}))
        if len(located) < 2:
            continue
        ev = [span_evidence(ctx, p.start, p.end, role="place") for _, ps, _, _ in located for p in ps]
        said = "; ".join(f"{', '.join(dict.fromkeys(p.name for p in ps if p.level != 'part'))} "
                         f"({section_name(m.section)})" for m, ps, _, _ in located)
        pairs = [(a, b) for k, a in enumerate(located) for b in located[k + 1:]]
        regions = next(((a, b) for a, b in pairs if a[2] and b[2] and not a[2] & b[2]), None)
        parts = next(((a, b) for a, b in pairs
                      if any(not compatible_parts(x, y) for x in a[3] for y in b[3])), None)
        declared = {"declared": d.where}
        if regions:
            a, b = regions
            msg = (f"Mentions declared one incident are placed in different regions: "
                   f"{', '.join(sorted(r.title() for r in a[2]))} ({section_name(a[0].section)}) and "
                   f"{', '.join(sorted(r.title() for r in b[2]))} ({section_name(b[0].section)}): {said}")
            sev, outcome = severity(params, "severity_region"), "fail"
        elif parts:
            a, b = parts
            msg = (f"Mentions declared one incident are placed in the {'/'.join(sorted(a[3]))} "
                   f"({section_name(a[0].section)}) and in the {'/'.join(sorted(b[3]))} "
                   f"({section_name(b[0].section)}) of the country: {said}")
            sev, outcome = severity(params, "severity_part"), "fail"
        else:
            msg = f"Mentions declared one incident are placed consistently: {said}"
            sev, outcome = severity(params, "severity_region"), "pass"
        results.append(Result("RC103", "place-conflicts", ctx.doc.id, outcome, d.severity or sev,
                              f"{msg} ({d.provenance()})", ev, details=declared))
    return results


def _sec(ctx: CheckContext, offset: int) -> str:
    return ctx.doc.section_code(offset)
