from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from ..extract.places import compatible_parts
from ..link.declared import judge_classes, pairs_in_order, value_classes
from ..model import Result
from .context import CheckContext, grouped, section_name, severity, span_evidence
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
        clash_parts = _first_clash([p.part for p in parted], _parts_clash)
        clash_parts = [(parted[clash_parts[0]], parted[clash_parts[1]])] if clash_parts else []
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
    return results + content_places(ctx, params)


def _declared_incidents(ctx: CheckContext, params: dict) -> list[Result]:
    """The places of mentions that a rule file declares one incident."""
    by_id = {m.id: m for m in ctx.links.mentions}
    # the located places by offset (then by their order): a mention's places are found by bisection,
    # not by a pass over every place per mention
    located_places = sorted((p.start, k) for k, p in enumerate(ctx.links.places) if p.region or p.part)
    starts = [a for a, _ in located_places]
    results = []
    for d in ctx.declared:
        if d.kind != "same_incident":
            continue
        located = []
        for i in d.mentions:
            m = by_id[i]
            inside = located_places[bisect_left(starts, m.start):bisect_left(starts, m.end)]
            ps = [ctx.links.places[k] for k in sorted(k for _, k in inside)]
            if ps:
                located.append((m, ps, {p.region for p in ps if p.region}, {p.part for p in ps if p.part}))
        if len(located) < 2:
            continue
        ev = [span_evidence(ctx, p.start, p.end, role="place") for _, ps, _, _ in located for p in ps]
        said = "; ".join(f"{', '.join(dict.fromkeys(p.name for p in ps if p.level != 'part'))} "
                         f"({section_name(m.section)})" for m, ps, _, _ in located)
        # the first pair of mentions placed apart, judged once per pair of distinct sets of places
        regions = _first_clash([frozenset(x[2]) for x in located], _regions_clash)
        regions = (located[regions[0]], located[regions[1]]) if regions else None
        parts = _first_clash([frozenset(x[3]) for x in located], _part_sets_clash)
        parts = (located[parts[0]], located[parts[1]]) if parts else None
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


def _first_clash(keys: list, clash) -> tuple[int, int] | None:
    """The first pair of positions (i < j, in order) whose keys clash(key_i, key_j), each pair of
    distinct keys judged once (link.declared.judge_classes): one incident of thousands of
    mentions in a few places costs linear time, not a pass over every pair."""
    classes = value_classes(keys)
    verdicts = judge_classes(classes, lambda i, j: clash(keys[i], keys[j]))
    return next(pairs_in_order(classes, verdicts), None)


def _parts_clash(a: str, b: str) -> bool:
    return not compatible_parts(a, b)


def _regions_clash(a: frozenset, b: frozenset) -> bool:
    return bool(a and b and a.isdisjoint(b))


def _part_sets_clash(a: frozenset, b: frozenset) -> bool:
    return any(not compatible_parts(x, y) for x in a for y in b)


def _sec(ctx: CheckContext, offset: int) -> str:
    return ctx.doc.section_code(offset)


def content_places(ctx: CheckContext, params: dict) -> list[Result]:
    """RC103 on mentions linked by what they say (link/content.py): two tellings of one event
    that both name where it happened agree when they share a town or a region (a pass that
    says so). Tellings placed in regions that exclude each other are never linked (two events);
    a link that rests only on places says nothing of the event's place and is left out."""
    from ..link.content import shares_participant

    starts = [p.start for p in ctx.links.places]
    results, seen, agreeing = [], set(), []
    for link in ctx.links.content:
        a, b = link.a, link.b
        pair = frozenset((a.sentence, b.sentence))
        if pair in seen or not (link.identity or link.tier == "strong" or shares_participant(link)):
            continue
        common = (a.localities | a.regions) & (b.localities | b.regions)
        if not common:
            continue
        seen.add(pair)
        ev, named = [], []
        for m in (a, b):
            for p in ctx.links.places[bisect_left(starts, m.start):bisect_left(starts, m.end)]:
                if p.key in common or (p.region and p.region in common):
                    ev.append(span_evidence(ctx, p.start, p.end, role="place"))
                    named.append(f'"{p.name}" ({section_name(m.section)})')
        if len(ev) < 2:
            continue
        agreeing.append((a.sentence, b.sentence, ev, named, link))
    # one passing result per event, however many tellings place it alike
    for members in grouped(agreeing, lambda x: (x[0], x[1])):
        ev, named, spans = [], [], set()
        for _, _, pair_ev, pair_named, _ in members:
            for e in pair_ev:
                if (e.start, e.end) not in spans:
                    spans.add((e.start, e.end))
                    ev.append(e)
            named += pair_named
        link = members[0][4]
        why = "; ".join(link.reasons[:3])
        told = "Two mentions" if len(members) == 1 else f"{len({x for m in members for x in m[:2]})} mentions"
        results.append(Result("RC103", "place-conflicts", ctx.doc.id, "pass", severity(params, "severity_region"),
                              f"{told} of one event are placed alike: {', '.join(dict.fromkeys(named))} "
                              f"(linked by {why})", ev, details={"link": link.details()}))
    return results
