from __future__ import annotations

import math
from functools import lru_cache, partial
from itertools import islice

import regex as re

from ..extract.entities import alternation
from ..link import EventMention, interval_sum, stated_sum
from ..link.declared import (
    PAIRWISE_LIMIT,
    declared_pairs,
    declared_together,
    judge_classes,
    pair_count,
    pairs_in_order,
    value_classes,
)
from ..model import Evidence, Result
from .context import CheckContext, content_tier, evidence, interval, num, section_name, severity
from .registry import register


def part_rows(ctx: CheckContext) -> set[int]:
    """Rows that are the parts of a total stated in the same breath ("including two children"),
    and the wholes of a partitive ("Seven of the 12 were found dead": the 12 are the men
    arrested, the seven the dead), none of them the incident's count."""
    out = set()
    for b in ctx.links.breakdowns:
        out.update(b.parts)
    for pw in ctx.links.part_wholes:
        out.add(pw.part)
    text = ctx.doc.text
    for i in range(1, len(ctx.rows)):
        a, b = ctx.rows[i - 1], ctx.rows[i]
        if a["sentence"] == b["sentence"] and _PARTITIVE.fullmatch(text, int(a["end"]), int(b["start"])):
            out.add(i)
    return out


_PARTITIVE = re.compile(r"\s+of\s+(?:the\s+|these\s+|those\s+)?", re.I)


def mention_counts(ctx: CheckContext, m: EventMention, parts: set[int], measures) -> dict[str, list[int]]:
    """measure -> the rows that make up the mention's count of it.

    Figures marked additive ("an additional 15", "16 others") add to the count before them;
    otherwise the first figure of a measure is the mention's count."""
    by_measure: dict[str, list[int]] = {}
    for i in m.figures:
        r = ctx.rows[i]
        # vague quantities ("several", "dozens") are too loose to contradict anything
        if (r["kind"] != "count" or r["measure"] not in measures or i in parts or r["parse_status"] != "parsed"
                or r["number_kind"] == "vague"):
            continue
        rows = by_measure.setdefault(r["measure"], [])
        if not rows or r["additive"]:
            rows.append(i)
    return by_measure


def _apart(whos: list[frozenset], a: int, b: int) -> bool:
    return whos[a].isdisjoint(whos[b])


def _who(ctx, rows):
    whos = {ctx.rows[i]["who"] for i in rows} - {""}
    return whos


def _label(ctx: CheckContext, ms: list[EventMention]) -> str:
    """"the March 19 incident (Tarkint, Gao)": its date as first written and its places."""
    names = list(dict.fromkeys(n for m in ms for n in m.place_names))
    place = f" ({', '.join(names[:3])})" if names else ""
    date = ms[0].date.text.strip()
    date = date[3:] if date.lower().startswith("on ") else date
    return f"the {date} incident{place}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


@register("RC101", "same-incident-counts")
def same_incident_counts(ctx: CheckContext, params: dict) -> list[Result]:
    """Same incident, counts: an incident told more than once must be counted the same way.

    **What it checks.** Mentions linked as one incident (overlapping dates, compatible places
    in the region hierarchy, a shared distinctive name or a shared place and kind of event)
    are compared measure by measure (killed, injured, abducted ...). Each count is an interval
    read through the qualifier table ("at least 29" is [29, inf)); figures that add to one
    another in one account ("killing at least one ..., an additional 15 ..., at least 16
    others") are summed first.

    **Why it matters.** A dataset built from the report will hold one number per incident;
    when the report gives two that cannot both be true, one of them is wrong, and the
    dataset inherits the error silently.

    **Example** (2020 Mali report): section 1.a says of the March 19 attack at Tarkint,
    Gao Region, "killing at least 29 soldiers and wounding five others"; section 1.g says
    "a total of 30 soldiers were killed and 20 injured in an attack in Gao". Killed: [29, inf)
    and 30 overlap, the stated numbers differ (info). Injured: 5 and 20 cannot both hold
    (error). Equal stated numbers with other qualifiers ("more than 35" and "at least 35")
    pass.

    **Severity.** `severity_incompatible` (default error) when the intervals cannot both
    hold; `severity_different` (default info: compatible wording, shown but never failing a
    run) when they overlap but the stated numbers differ. When one mention covers a longer
    period than the other (a raid on June 6 within "three raids between June 3 and June 6"),
    the shorter one is checked as a part: it may not exceed the longer one.

    **How to resolve.** Check the sources the report cites and correct one figure, or, if
    the mentions are different incidents, declare them `distinct` in the report's rule file.
    Mentions the linker missed can be declared `same_incident` there; they are then compared
    even within one paragraph.
    """
    parts = part_rows(ctx)
    compared_measures = set(params["measures"])
    declared = declared_pairs(ctx.declared)
    by_id = {m.id: m for m in ctx.links.mentions}
    results = []
    for group in ctx.links.incidents:
        ms = [by_id[i] for i in group]
        counts = {m.id: mention_counts(ctx, m, parts, compared_measures) for m in ms}
        measures = sorted({k for c in counts.values() for k in c})
        for measure in measures:
            having = [m for m in ms if measure in counts[m.id]]
            if len(having) < 2:
                continue
            # soldiers in one account and civilians in the other are not the same count; a bare
            # number ("killing 37") may be anyone, a named group without a class ("three staff
            # members") is nobody else
            whos = [_who(ctx, counts[m.id][measure]) for m in having]
            bare = [all(not ctx.rows[i]["noun"] for i in counts[m.id][measure]) for m in having]
            named = [frozenset(w) for w, b in zip(whos, bare, strict=True) if not b]
            if not all(named) or judge_classes(value_classes(named), partial(_apart, named)):
                continue
            result = _compare(ctx, params, having, counts, measure, _label(ctx, having), declared)
            if result is not None:
                results.append(result)
    return results + content_counts(ctx, params)


def _compare(ctx, params, having, counts, measure, label, declared=None) -> Result | None:
    declared = declared or {}
    entries = []
    for m in having:
        rows = [ctx.rows[i] for i in counts[m.id][measure]]
        lo, hi = interval_sum(rows)
        st = stated_sum(rows)
        span = (m.date.low, m.date.high)
        entries.append((m, rows, lo, hi, st, span))
    if frozenset.intersection(*(declared.get(m.id, frozenset()) for m in having)):
        # one rule names them all (a table's incident id): every pair is compared, and equal
        # accounts compare alike, so each pair of distinct accounts is judged once
        worst, notes = _compare_accounts(ctx, entries)
        compared = 1
    else:
        worst, notes, compared = "pass", [], 0
        for a in range(len(entries)):
            for b in range(a + 1, len(entries)):
                ea, eb = entries[a], entries[b]
                verdict = _judge(ctx, ea, eb, declared_together(declared, ea[0].id, eb[0].id))
                if verdict is None:
                    continue
                compared += 1
                if verdict[0]:
                    worst = _worse(worst, verdict[0])
                    notes.append(verdict[1])
    if compared == 0 and worst == "pass":
        return None
    ev = []
    for e in entries:
        for i in counts[e[0].id][measure]:
            ev.append(evidence(ctx, i, role="mention"))
    arithmetic = "; ".join(f"{_say(e)} = {interval(e[2], e[3])}" for e in entries)
    if worst == "pass":
        return Result("RC101", "same-incident-counts", ctx.doc.id, "pass",
                      severity(params, "severity_incompatible"),
                      f"{_cap(label)}: {measure} counts are consistent ({', '.join(_say(e) for e in entries)})",
                      ev, arithmetic, details={"measure": measure})
    sev = severity(params, "severity_incompatible" if worst == "incompatible" else "severity_different")
    return Result("RC101", "same-incident-counts", ctx.doc.id, "fail", sev,
                  f"{_cap(label)} is counted differently ({measure}): " + "; ".join(notes),
                  ev, arithmetic, details={"measure": measure})


# the pairs of accounts a finding lists: one incident of a table may have thousands of them
MAX_NOTES = 10


def _compare_accounts(ctx, entries) -> tuple[str, list[str]]:
    """The worst verdict and the notes on accounts that are all compared with each other: each
    pair of distinct accounts (interval, stated number, period) judged once, the first
    MAX_NOTES pairs of mentions that disagree listed, and how many more."""
    keys = [(e[2], e[3], e[4], e[5], _says_all(ctx, e)) for e in entries]
    classes = value_classes(keys)
    # with too many distinct accounts to compare all pairs, the highest and lowest are compared
    # with every other: two accounts that cannot both hold include them
    extremes = (max(range(len(classes)), key=lambda c: keys[classes[c][0]][0]),
                min(range(len(classes)), key=lambda c: keys[classes[c][0]][1]))
    verdicts = judge_classes(classes, partial(_verdict, ctx, entries), pivots=extremes)
    worst = "pass"
    for v in verdicts.values():
        worst = _worse(worst, v)
    notes = []
    for i, j in islice(pairs_in_order(classes, verdicts), MAX_NOTES):
        verdict = _judge(ctx, entries[i], entries[j], True)
        if verdict[0]:
            notes.append(verdict[1])
    more = pair_count(classes, verdicts) - len(notes)
    if more > 0:
        notes.append(f"and {more} more pair{'s' if more > 1 else ''} of mentions disagree")
    if len(classes) > PAIRWISE_LIMIT:
        notes.append(f"{len(classes)} different accounts, each compared with the most frequent, the highest and "
                     "the lowest")
    return worst, notes


def _verdict(ctx, entries, a: int, b: int) -> str:
    return _judge(ctx, entries[a], entries[b], True)[0]


def _judge(ctx, ea, eb, together: bool) -> tuple[str, str] | None:
    """Two accounts of one incident: None when they are not compared, else the verdict
    ("incompatible", "different", or "" when they agree) and what to say of it."""
    if together:
        pass  # a rule file says they are one incident: compare them wherever they are
    elif ea[0].sentence == eb[0].sentence:
        return None
    elif ea[0].paragraph == eb[0].paragraph and ea[4] != eb[4]:
        # within one paragraph, two different numbers are usually two groups of people
        # ("at least 10 civilians ... five persons"), not one count told twice
        return None
    sa, sb = ea[5], eb[5]
    if sa != sb and (sa[0] <= sb[0] and sb[1] <= sa[1] or sb[0] <= sa[0] and sa[1] <= sb[1]):
        # one account covers a longer period: the shorter one is a part of it
        small, big = (eb, ea) if sa[0] <= sb[0] and sb[1] <= sa[1] else (ea, eb)
        if small[2] > big[3]:
            return "incompatible", (f"{_say(small)} on {small[0].date.text.strip()} exceeds {_say(big)} over "
                                    f"{big[0].date.text.strip()}")
        return "", ""
    if ea[4] is not None and ea[4] == eb[4]:
        return "", ""  # the same stated number with other qualifiers ("more than 35", "at least 35")
    small, big = (ea, eb) if ea[3] <= eb[2] else (eb, ea)
    if small[3] <= big[2] and _says_all(ctx, big):
        return "", ""  # "Two journalists from TV Zimbo were released" of "All six journalists": a part
    if ea[2] > eb[3] or eb[2] > ea[3]:
        return "incompatible", (f"{_say(ea)} ({section_name(ea[0].section)}) and {_say(eb)} "
                                f"({section_name(eb[0].section)}) cannot both hold: "
                                f"{interval(ea[2], ea[3])} and {interval(eb[2], eb[3])} do not overlap")
    if ea[4] is not None and eb[4] is not None and ea[4] != eb[4]:
        return "different", (f"{_say(ea)} ({section_name(ea[0].section)}) and {_say(eb)} "
                             f"({section_name(eb[0].section)}) differ: the intervals "
                             f"{interval(ea[2], ea[3])} and {interval(eb[2], eb[3])} overlap, the stated "
                             f"numbers {num(ea[4])} and {num(eb[4])} do not")
    return "", ""


_ALL_BEFORE = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+)?$", re.I)


def _says_all(ctx, e) -> bool:
    """The count is given as everybody ("All six journalists were released"): a smaller count
    of the same incident is a part of it, not another count of it."""
    rows = e[1]
    return len(rows) == 1 and bool(_ALL_BEFORE.search(ctx.doc.text, max(0, rows[0]["start"] - 12), rows[0]["start"]))


def _say(e) -> str:
    rows = e[1]
    if len(rows) == 1:
        return f'"{rows[0]["quote"]}"'
    total = " + ".join(r["number_text"] for r in rows)
    return f"{total} ({'at least ' if math.isinf(e[3]) else ''}{num(e[2])})"


def _worse(a: str, b: str) -> str:
    order = {"pass": 0, "different": 1, "incompatible": 2}
    return a if order[a] >= order[b] else b


def incident_sentences(ctx: CheckContext) -> dict[int, frozenset[int]]:
    """For each sentence, the incidents (positions in links.incidents) the linker put its
    mentions in. Not the pairs of sentences of one incident: a table's incident of n
    mentions would make n * n of them."""
    by_id = {m.id: m for m in ctx.links.mentions}
    out: dict[int, set[int]] = {}
    for k, group in enumerate(ctx.links.incidents):
        for i in group:
            out.setdefault(by_id[i].sentence, set()).add(k)
    return {s: frozenset(ks) for s, ks in out.items()}


def same_incident(index: dict[int, frozenset[int]], a: int, b: int) -> bool:
    """Whether two sentences are of one incident already (index: incident_sentences)."""
    return a != b and not index.get(a, frozenset()).isdisjoint(index.get(b, frozenset()))


def _counts_of(ctx: CheckContext, figures: list[int], parts: set[int], measures) -> dict[str, list[int]]:
    """measure -> the mention's figures of it that are counts to compare (not parts, not vague)."""
    out: dict[str, list[int]] = {}
    for i in figures:
        r = ctx.rows[i]
        if (r["kind"] == "count" and r["measure"] in measures and i not in parts and r["parse_status"] == "parsed"
                and r["number_kind"] != "vague"):
            out.setdefault(r["measure"], []).append(i)
    return out


def _other_perpetrators(ctx: CheckContext, fa: list[int], fb: list[int]) -> bool:
    """Each telling names who did it, and none in common (the SDF; remnants of war)."""
    pa = {ctx.rows[i]["perpetrator"].lower() for i in fa if ctx.rows[i]["perpetrator"]}
    pb = {ctx.rows[i]["perpetrator"].lower() for i in fb if ctx.rows[i]["perpetrator"]}
    return bool(pa and pb and not (pa & pb))


@lru_cache(maxsize=4)
def _aggregate_pattern(words: tuple[str, ...]):
    return re.compile(rf"\b(?:{alternation(words)})\b", re.I) if words else None


def _aggregate(ctx: CheckContext, r, pattern) -> bool:
    """The count is stated as a sum of several events ("a total of 47", "30 in all"): the
    aggregate words in its quote or within a few words of it."""
    if pattern is None:
        return False
    text = ctx.doc.text
    return bool(pattern.search(text, max(int(r["sentence_start"]), int(r["start"]) - 20),
                               min(int(r["sentence_end"]), int(r["end"]) + 40)))


def _head(r) -> str:
    words = [w for w in re.findall(r"[a-z]+", r["noun"].lower()) if len(w) >= 3]
    w = words[0] if words else ""
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def content_counts(ctx: CheckContext, params: dict) -> list[Result]:
    """RC101 on mentions linked by what they say (link/content.py): one count each of one
    measure, of the same people (the same class, or the same noun), must agree.

    A link that says what happened (the same single kind of event and a shared participant,
    phrase or figure) is compared; a link without it is not. Its findings have the check's
    severities when the link is strong and rests on two independent agreements
    (`linking.content.corroboration`: a person named in both, a precise figure, a day, a place,
    one person's killing or abduction), and are info otherwise: read in the 2016-2024 corpora,
    counts linked by common words ("suspected drug dealers", "alleged gang members") were of
    different periods or groups (Philippines 2016, El Salvador 2018, Colombia 2018). Two
    different numbers in one paragraph are two groups of people, as for incidents. Two kinds
    of pair were two counts, not one counted twice, and are not compared: tellings that name different perpetrators
    ("the SDF killed 74 civilians" and "114 civilians ... were killed by remnants of war"), and
    a count stated as an aggregate (`aggregate_words`: "released a total of 47 political
    prisoners" in the year) against a smaller count of one event ("In July ... released 30
    political opponents"). Tellings dated to days that do not overlap are other events (Sudan
    2024: 51 civilians killed by barrel bombs on El Miriya on November 2, and more than 60 in
    another attack on Omdurman); a date that slipped is RC102's to find."""
    from ..link.content import anchor_spans, corroborations, event_date

    need = int(ctx.rules["linking"]["content"]["corroboration"])
    once = tuple(ctx.rules["linking"]["content"]["once_kinds"])
    parts = part_rows(ctx)
    measures = set(params["measures"])
    aggregate = _aggregate_pattern(tuple(params["aggregate_words"]))
    done = incident_sentences(ctx)
    results, seen = [], set()
    for link in ctx.links.content:
        a, b = link.a, link.b
        pair = frozenset((a.sentence, b.sentence))
        if same_incident(done, a.sentence, b.sentence) or not link.identity:
            continue
        da, db = event_date(a, link), event_date(b, link)
        if da is not None and db is not None and (da.high < db.low or db.high < da.low):
            continue  # told of other days: other events (a date that slipped is RC102's)
        ca, cb = _counts_of(ctx, a.figures, parts, measures), _counts_of(ctx, b.figures, parts, measures)
        for measure in sorted(set(ca) & set(cb)):
            if len(ca[measure]) != 1 or len(cb[measure]) != 1 or (pair, measure) in seen:
                continue
            ra, rb = ctx.rows[ca[measure][0]], ctx.rows[cb[measure][0]]
            same_people = (ra["who"] and ra["who"] == rb["who"]) or (_head(ra) and _head(ra) == _head(rb))
            if not same_people or _other_perpetrators(ctx, a.figures, b.figures):
                continue
            seen.add((pair, measure))
            lo_a, hi_a, lo_b, hi_b = ra["low"], ra["high"], rb["low"], rb["high"]
            agg_a, agg_b = _aggregate(ctx, ra, aggregate), _aggregate(ctx, rb, aggregate)
            if agg_a != agg_b and ((agg_a and hi_a >= lo_b) or (agg_b and hi_b >= lo_a)):
                continue  # "a total of 47 political prisoners" in the year holds the 30 released in July
            st_a, st_b = ra["value"], rb["value"]
            if a.paragraph == b.paragraph and st_a != st_b:
                continue
            ev = [evidence(ctx, ca[measure][0], role="mention"), evidence(ctx, cb[measure][0], role="mention")]
            ev += [Evidence(f"{ctx.doc.id}:{x}", ctx.doc.text[x:y], x, y, ctx.doc.section_code(x), "anchor")
                   for m in (a, b) for x, y in anchor_spans(m, link)
                   if not any(e.start < y and x < e.end for e in ev[:2])]
            arithmetic = f'"{ra["quote"]}" = {interval(lo_a, hi_a)}; "{rb["quote"]}" = {interval(lo_b, hi_b)}'
            why = "; ".join(link.reasons[:4])
            details = {"measure": measure, "link": link.details()}
            where = f'"{ra["quote"]}" ({section_name(a.section)}) and "{rb["quote"]}" ({section_name(b.section)})'
            if hi_a < lo_b or hi_b < lo_a:
                worst, note = "severity_incompatible", f"cannot both hold: {interval(lo_a, hi_a)} and " \
                                                        f"{interval(lo_b, hi_b)} do not overlap"
            elif ra["qualifier"] == rb["qualifier"] == "exact" and st_a != st_b:
                # only two exact numbers differ; "more than 22,000" and "22,525" agree
                worst, note = "severity_different", (f"differ: the intervals overlap, the stated numbers "
                                                     f"{num(st_a)} and {num(st_b)} do not")
            else:
                results.append(Result("RC101", "same-incident-counts", ctx.doc.id, "pass",
                                      severity(params, "severity_incompatible"),
                                      f"Two mentions of one event agree on its {measure} count: {where} "
                                      f"(linked by {why})", ev, arithmetic, details=details))
                continue
            said, sev = content_tier(link.tier == "strong", link.score, corroborations(link, once), need,
                                     severity(params, worst), details)
            results.append(Result("RC101", "same-incident-counts", ctx.doc.id, "fail", sev,
                                  f"One event is counted differently ({measure}): {where} {note} (linked by {why}; "
                                  f"{said})", ev, arithmetic, details=details))
    return results

