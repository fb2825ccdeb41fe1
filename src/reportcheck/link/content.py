"""Mentions of one event linked by what they say, with the date as evidence, not as the key.

The incident linker (link/incidents.py) needs two dates that overlap, so a date that differs
between two tellings of one event can never be found there, and events dated to a month, a
year or not at all are never linked. This linker starts from content instead:

1. **Mentions.** Each sentence that carries something comparable (a figure, or a date of its
   own) is a mention: its kinds of event (killed, arrested, sentenced, elected ...; the rule
   file's `linking.event_words`), its anchors, its dates, figures and places.
2. **Anchors.** What a mention is about and few other sentences are: a name ("Ayuk Tabe",
   "HRW" = "Human Rights Watch"), an unusual phrase ("prison riots"), a precise figure with
   what it counts ("59 activists"). An anchor is distinctive when it occurs in few paragraphs
   (at most `content.anchor_max_paragraphs`); its weight is its rarity, log(paragraphs / its
   paragraphs), so "Tabayin" weighs more than "Human Rights Watch".
3. **Candidates and scores.** Two mentions in different paragraphs that share an anchor are a
   candidate pair, scored on the agreement of what they tell: the anchors they share, their
   kinds of event, their places (regions that exclude each other rule the pair out), and
   their figures. The date does not add to the score: a strong link whose dates differ is
   what RC102 exists to find. Each link keeps its score and the reasons for it.
4. **Tiers.** A pair at or above `content.strong_score` is a strong link (its findings have
   the check's severity); at or above `content.min_score`, a weak one (its findings are
   `info`: shown, never failing the run). Thresholds and weights live in default.yml.
"""
from __future__ import annotations

import bisect
import math
import re as std_re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

from ..extract.entities import find_names, find_phrases, fold, initials, lower_words, person_like, std_alike, text_alike
from ..extract.figures import Extraction
from ..model import DateMention, Document, FigureRow


@dataclass
class ContentMention:
    """One sentence that tells of something comparable, with what it is about."""

    id: int
    sentence: int
    paragraph: int
    section: str
    start: int
    end: int
    anchors: dict[str, list[tuple[int, int]]]  # anchor key -> its spans in the sentence
    context: set[str]  # anchors that say where or who reported it (a place, a source), not what happened
    events: set[str]
    dates: list[DateMention]  # its own dates, to the day or the month
    figures: list[int]  # row indices into the figures table
    regions: set[str]
    localities: set[str] = field(default_factory=set)  # towns, villages, camps (place keys)
    place_names: set[str] = field(default_factory=set)  # anchors that name a place ("name:raqqa")
    # the names it tells of that are not a place or a source (its "name:" anchors outside its
    # context): read once here, however many links and checks ask
    participants: frozenset[str] = frozenset()


@dataclass
class ContentLink:
    """Two mentions judged to tell one event: how strongly, and why."""

    a: ContentMention
    b: ContentMention
    score: float
    tier: str  # "strong" | "weak"
    reasons: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)  # the anchor keys they share, weightiest first
    # the same single kind of event, and a shared anchor that says what happened (a participant,
    # a phrase, a figure), not only where or who reported it: what a contradiction needs
    identity: bool = False

    weights: dict[str, float] = field(default_factory=dict)  # the shared anchors' weights

    def score_without(self, prefixes: tuple[str, ...]) -> float:
        """The score without what some anchors add (a date conflict's link, without the days)."""
        return self.score - sum(w for k, w in self.weights.items() if k.startswith(prefixes))

    def details(self) -> dict:
        """What the review shows of the link (JSON: a result's details["link"])."""
        return {"score": round(self.score, 2), "tier": self.tier, "reasons": list(self.reasons)}


_NUMBERISH = re.compile(r"^\d")
_YEAR = re.compile(r"\d{4}")


def _event_kinds(rules: dict):
    """A function: text -> the kinds of event its words name (`linking.event_words`), from one
    pattern of all the words (one pass over a sentence, not one per kind)."""
    events = rules["linking"]["event_words"]
    return _kinds_finder(tuple((kind, tuple(words)) for kind, words in events.items()))


@lru_cache(maxsize=8)
def _kinds_finder(events: tuple):
    names = {f"k{i}": kind for i, (kind, _) in enumerate(events)}
    # the word boundary once, before the alternatives (most positions fail there), and the text
    # lower-cased rather than the pattern case-insensitive: three times faster, the same kinds
    source = "\\b(?:" + "|".join(f"(?P<k{i}>{'|'.join(re.escape(w.lower()) for w in words)})"
                                for i, (_, words) in enumerate(events)) + ")"
    pattern = re.compile(source)
    # the standard library's engine, told the first letters the words can start with: three
    # times faster again, on a text both engines read alike (std_alike); `regex` on the others
    ahead = initials(w for _, words in events for w in words if w)
    fast = std_re.compile("\\b" + ahead + source[2:]) if ahead else pattern

    def kinds(text: str, alike: bool = False) -> set[str]:
        """`alike`: the caller knows the text is read alike by both engines (its document is)."""
        lowered = text.lower()
        return {names[m.lastgroup] for m in (fast if alike or std_alike(lowered) else pattern).finditer(lowered)}

    return kinds


def _number_anchor(r: FigureRow) -> str | None:
    """"n:59:activist": a figure with the first word of what it counts ("59 activists", "96
    percent", "40 hours"). How often it recurs in the report decides whether it is distinctive
    (small numbers recur for different things: their weight is lower, see _weights)."""
    v = r["value"]
    if r["parse_status"] != "parsed" or v != v or r["number_kind"] == "vague" or float(v) < 2:
        return None
    v = float(v)
    noun = fold(r["noun"]).split()
    head = next((w for w in noun if len(w) >= 3 and not _NUMBERISH.match(w)), r["kind"])
    head = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return f"n:{int(v) if v.is_integer() else v}:{head}"


def _value_anchor(r: FigureRow) -> str | None:
    """"v:59": a figure's number alone, for numbers that are not round ("the 59 activists" and
    "59 opposition supporters"; "a workweek of 48 hours" and "in excess of 48 per week"): how
    often the report writes it decides whether it is distinctive."""
    v = r["value"]
    if r["parse_status"] != "parsed" or v != v or r["number_kind"] == "vague" or r["kind"] not in ("count", "percent"):
        return None
    v = float(v)
    if v < 10 or not v.is_integer() or (v < 1000 and v % 10 == 0) or (v >= 1000 and v % 1000 == 0):
        return None
    return f"v:{int(v)}"


def _counted_anchor(r: FigureRow) -> str | None:
    """"c:arrested:activist": what a count counts, whatever its number (a count restated with
    another number still counts the same people doing or suffering the same thing)."""
    if r["kind"] != "count" or not r["measure"] or r["parse_status"] != "parsed":
        return None
    noun = fold(r["noun"]).split()
    head = next((w for w in noun if len(w) >= 3 and not _NUMBERISH.match(w)), "")
    if not head:
        return None
    head = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return f"c:{r['measure']}:{head}"


def _month_anchor(d: DateMention) -> str | None:
    """"m:2020-12": the month of a day the report names: a telling whose day slipped by a few
    days still shares it (the day anchor alone would break the link)."""
    return f"m:{d.low.isoformat()[:7]}" if d.precision == "day" else None


def _date_anchor(d: DateMention) -> str | None:
    """"d:2020-12-27": a day the report names (or "d:2021-02", a month of a given year): what
    happens on a day named in two sections is usually one event."""
    if d.precision == "day":
        return f"d:{d.low.isoformat()}"
    if d.precision == "month" and _YEAR.search(d.text):
        return f"d:{d.low.isoformat()[:7]}"
    if d.precision == "year":
        return f"d:{d.low.year}"  # the report's own year is everywhere: its rarity weighs nothing
    return None


def build_content_mentions(doc: Document, ex: Extraction, rules: dict) -> list[ContentMention]:
    """Every sentence with a figure or a date of its own, and its anchors."""
    text = doc.text
    conf = rules["linking"]["content"]
    common = lower_words(text)
    names = find_names(text, common=common)
    starts = [e.start for e in names]
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(ex.rows):
        by_sentence[r["sentence"]].append(i)
    event_kinds = _event_kinds(rules)
    alike = text_alike(text)  # then so is each sentence (and the sources are read by the faster engine)
    before_re, after_re = (_SOURCE_BEFORE_STD, _SOURCE_AFTER_STD) if alike else (_SOURCE_BEFORE, _SOURCE_AFTER)
    places = ex.places
    pstarts = [p.start for p in places]
    place_spans = [(p.start, p.end) for p in places]
    dstarts = [d.start for d in ex.dates]
    out: list[ContentMention] = []
    for si, (sa, sb, pi) in enumerate(ex.sentences):
        dates = [d for d in ex.own_dates.get(si, ()) if d.low is not None and d.kind == "absolute"
                 and d.precision in ("day", "days", "month", "months", "year")]
        # "the 2011 referendum", "the 2017 labor act": a year that names an event is not a date
        # of the sentence's figures (extraction leaves it out) but is the event's year
        own = {d.start for d in dates}
        dates += [d for d in ex.dates[bisect.bisect_left(dstarts, sa):bisect.bisect_left(dstarts, sb)]
                  if d.precision == "year" and d.kind == "absolute" and d.low is not None and d.start not in own]
        figures = by_sentence.get(si, [])
        ps = places[bisect.bisect_left(pstarts, sa):bisect.bisect_left(pstarts, sb)]
        if not dates and not figures and not ps:
            continue
        anchors: dict[str, list[tuple[int, int]]] = defaultdict(list)
        context: set[str] = set()
        place_names: set[str] = set()
        # phrases are read only in the sentences that become mentions (about half the text)
        phrases = find_phrases(text, sa, sb) if conf["phrases"] else []
        entities = sorted([*names[bisect.bisect_left(starts, sa):bisect.bisect_left(starts, sb)], *phrases],
                          key=lambda e: e.start)
        for e in entities:
            anchors[e.key].append((e.start, e.end))
            if e.kind == "name" and _is_place(e, place_spans):
                context.add(e.key)  # a place: where, not what happened
                place_names.add(e.key)
            elif _is_source(text, e.start, e.end, before_re, after_re):
                context.add(e.key)  # "according to credible organizations", "HRW reported"
        for i in figures:
            for key in (_number_anchor(ex.rows[i]), _value_anchor(ex.rows[i]), _counted_anchor(ex.rows[i])):
                if key:
                    anchors[key].append((ex.rows[i]["start"], ex.rows[i]["end"]))
        for d in dates:
            for key in (_date_anchor(d), _month_anchor(d)):
                if key:
                    anchors[key].append((d.start, d.end))
        sentence = text[sa:sb]
        out.append(ContentMention(
            id=len(out), sentence=si, paragraph=pi, section=doc.section_code(sa), start=sa, end=sb,
            anchors=dict(anchors), context=context, events=event_kinds(sentence, alike),
            dates=dates,
            figures=figures, regions={p.region or p.key for p in ps if p.level == "region" or p.region},
            localities={p.key for p in ps if p.level == "locality"}, place_names=place_names,
            participants=frozenset(k for k in anchors if k.startswith("name:") and k not in context),
        ))
    return out


# "according to the", "reported by", "in a July statement by": what ends right before a source.
# Matched on the 40 characters before the name, reversed, from their start: one try, not one at
# each of the 40 places a search would try (the same words: no boundary or look-around here)
_SOURCE_BEFORE = re.compile(r"(?:\s+eht)?\s+(?:ot\s+gnidrocca|yb\s+detroper|yb\s+detic|yb\s+detnemucod|yb|morf|"
                            r"(?:\w+\s+){0,3}(?:a|na|sti|rieht)\s+ni)", re.I)
_SOURCE_AFTER = re.compile(r"^(?:['’]s\s+\w+\s+)?\s*(?:\([^)]{1,12}\)\s*)?(?:reported|said|stated|documented|noted|"
                           r"estimated|recorded|verified|announced|alleged|claimed|told|published|found|indicated)\b",
                           re.I)


# the same for the standard library's engine, on a text both engines read alike (std_alike): the
# same matches (\s, \w and the ASCII letters' case read alike), in half the time
_SOURCE_BEFORE_STD = std_re.compile(_SOURCE_BEFORE.pattern, std_re.I)
_SOURCE_AFTER_STD = std_re.compile(_SOURCE_AFTER.pattern, std_re.I)


def _is_source(text: str, a: int, b: int, before=_SOURCE_BEFORE, after=_SOURCE_AFTER) -> bool:
    """A name that says who reported ("according to HRW", "the Irrawaddy reported") is a source:
    one source reports many events. `before`, `after`: the patterns, or their _STD forms for a
    text read alike."""
    return bool(before.match(text[max(0, a - 40):a][::-1]) or after.match(text[b:b + 40]))


def _is_place(e, place_spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(place_spans, (e.start, 1 << 62)) - 1
    return any(0 <= j < len(place_spans) and place_spans[j][0] < e.end and e.start < place_spans[j][1]
               for j in (i, i + 1))


def _weights(mentions: list[ContentMention], paragraphs: int, max_paragraphs: int,
             kinds: dict[str, float]) -> dict[str, float]:
    """Anchor key -> weight: log(paragraphs / its paragraphs), times its kind's factor; anchors in
    more than `max_paragraphs` paragraphs, or in more than three times as many sentences, are not
    distinctive: left out (which also bounds the pairs an anchor makes: a crafted paragraph of
    thousands of sentences naming one village links nothing)."""
    where: dict[str, set[int]] = {}
    count: dict[str, int] = {}
    for m in mentions:
        p = m.paragraph
        for key in m.anchors:
            ps = where.get(key)
            if ps is None:
                where[key] = {p}
                count[key] = 1
            else:
                ps.add(p)
                count[key] += 1
    out = {}
    rarity: dict[int, float] = {}  # paragraphs of an anchor -> its log weight (a few distinct counts)
    for key, ps in where.items():
        n = len(ps)
        if 1 <= n <= max_paragraphs and count[key] <= 3 * max_paragraphs:
            kind = key.split(":", 1)[0]
            r = rarity.get(n)
            if r is None:
                r = rarity[n] = math.log(max(2.0, paragraphs / n))
            weight = r * kinds.get(kind, 1.0)
            if kind == "n" and float(key.split(":")[1]) < 10:
                weight *= 0.5  # "seven children" recurs for other children
            out[key] = weight
    return out


def link_content(doc: Document, ex: Extraction, rules: dict,
                 mentions: list[ContentMention] | None = None) -> list[ContentLink]:
    """The pairs of mentions, in different paragraphs, that tell one event (scored, tiered)."""
    conf = rules["linking"]["content"]
    mentions = build_content_mentions(doc, ex, rules) if mentions is None else mentions
    # rarity against a fixed scale, not the report's length: a paragraph added elsewhere must not
    # change what two other paragraphs are judged to share (findings keep their fingerprints)
    weights = _weights(mentions, int(conf["reference_paragraphs"]), int(conf["anchor_max_paragraphs"]),
                       {"name": 1.0, "phrase": float(conf["phrase_weight"]), "n": float(conf["number_weight"]),
                        "d": float(conf["date_weight"]), "c": float(conf["counted_weight"]),
                        "m": float(conf["month_weight"]), "v": float(conf["value_weight"])})
    by_anchor: dict[str, list[ContentMention]] = defaultdict(list)
    for m in mentions:
        for key in m.anchors:
            if key in weights:
                by_anchor[key].append(m)
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, ms in by_anchor.items():
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if b.sentence > a.sentence + 1 or a.paragraph != b.paragraph:
                    pairs[(a.id, b.id)].add(key)
    by_id = {m.id: m for m in mentions}
    min_score, strong = float(conf["min_score"]), float(conf["strong_score"])
    said: dict[str, str] = {}  # anchor key -> its reason (many pairs share an anchor)
    out = []
    for (ia, ib), shared in sorted(pairs.items()):
        a, b = by_id[ia], by_id[ib]
        if a.regions and b.regions and not (a.regions & b.regions):
            continue  # two events in regions that exclude each other
        ranked = sorted(shared, key=lambda k: (-weights[k], k))
        score, reasons = _score(a, b, ranked, weights, conf, said)
        if score >= min_score:
            # what happened: not a day, not what is counted ("displaced persons" in two places),
            # not a place or a source
            core = [k for k in shared if not k.startswith(("d:", "c:", "m:", "v:")) and k not in a.context
                    and k not in b.context]
            # one person or one phrase recurs in several events of a kind (a journalist arrested in
            # March and again in November): identity needs two such anchors, or a shared figure
            one_kind = len(a.events) == len(b.events) == 1 and a.events == b.events
            identity = one_kind and (len(core) >= 2 or any(k.startswith("n:") for k in core))
            out.append(ContentLink(a, b, score, "strong" if score >= strong else "weak", reasons,
                                   ranked, identity,
                                   {k: weights[k] for k in shared}))
    return out


# "HRW reported in April", "In July HRW observed", "in a July 24 communique": the date of a
# report about the event, not of the event
_REPORTING = re.compile(r"\b(?:report(?:ed|s|ing)?|stat(?:ed|ement)|said|observ(?:ed|ation)|not(?:ed|e)|"
                        r"announc(?:ed|ement)|document(?:ed)?|publish(?:ed)?|releas(?:ed)\s+(?:a|its)|communiqu[eé]|press\s+release|"
                        r"letter|interview(?:ed)?|told|found|estimat(?:ed|e)|survey|stud(?:y|ied)|update)\b", re.I)


def shares_participant(link: ContentLink) -> bool:
    """The two mentions name someone in common (a person, a group, an institution), however often
    the report names them: not a place, nor who reported it."""
    return bool(link.a.participants & link.b.participants)


def corroborations(link: ContentLink, once_kinds: tuple[str, ...] = ()) -> list[str]:
    """The independent agreements on who, what and where that the two tellings share, besides a
    kind of event: each person named in both ("Serikzhan Mambetalin", "Yermek Narymbayev"), a
    precise figure with what it counts ("16 activists"), a day named in both, a place named in
    both (a town, a village, a city: "Raqqa"); and one person's killing or abduction (`once_kinds`: what happens to a
    person once). One name, a party, a court or a pair of common words recurs in many events
    of a kind (the same court sentencing two journalists a day apart); a finding that fails a
    run rests on `content.corroboration` of these (default.yml)."""
    a, b = link.a, link.b
    people = [k for k in link.shared if person_like(k) and k not in a.context and k not in b.context]
    out = [f"the person {k[5:]!r}" for k in people]
    once = set(once_kinds) & a.events & b.events
    if people and once and len(a.events) <= 2 and len(b.events) <= 2:
        # a person is killed once, and abducted once as a rule: the kind of event is a second agreement
        out.append(f"one {next(iter(once))} of {people[0][5:]!r}")
    out += [f"the figure {k[2:].replace(':', ' ')!r}" for k in link.shared if k.startswith("n:")]
    out += [f"the day {k[2:]}" for k in link.shared if k.startswith("d:") and len(k) == 12]
    places = sorted(a.localities & b.localities) or sorted(k[5:] for k in a.place_names & b.place_names)
    out += [f"the place {places[0]!r}"] if places else []  # one place, however many ways it is named
    return out


def event_date(m: ContentMention, link: ContentLink) -> DateMention | None:
    """The date of what a mention tells, as the link reads it: its own date nearest to the
    anchors the link rests on."""
    if not m.dates:
        return None
    spans = [s for k in link.shared for s in m.anchors.get(k, ())]
    centre = sum(a for a, _ in spans) / len(spans) if spans else m.start
    return min(m.dates, key=lambda d: abs(d.start - centre))


def date_slip(text: str, link: ContentLink, da: DateMention, db: DateMention, near_days: int) -> bool:
    """Two different dates that the link says are one event's, the date slipped in one telling:

    * no date of one is a date of the other (a sentence with two days tells a sequence:
      "detained on September 7, and on September 8 ... arrested");
    * a kind of event in common, each telling of one or two ("abducted while campaigning for
      legislative elections"), and something shared that says what happened, not where or who reported it:
      a participant (a person, a group, an institution), or, for two days, unusual words
      ("second round") or a figure;
    * no other participant named on each side (two people's detentions renewed in one week),
      and no other town or region on each side;
    * neither date is that of a report about the event ("HRW reported in April");
    * the dates are of one precision and close: two days at most `near_days` apart, or two
      neighbouring months with a participant in common (words like "court sentenced" recur
      month after month for other people's cases). Months apart, two events of one kind are
      the likelier reading."""
    a, b = link.a, link.b
    if a.paragraph == b.paragraph:
        return False
    if any(_within(x, y) or _within(y, x) for x in a.dates for y in b.dates):
        return False  # a day both tell of (a sentence telling a sequence: September 7, then September 8)
    if not (a.events & b.events) or len(a.events) > 2 or len(b.events) > 2:
        return False
    names_a, names_b = a.participants, b.participants
    if (names_a - names_b) and (names_b - names_a):
        return False  # each names someone the other does not: two people's cases
    shared_names = names_a & names_b  # however often the report names them
    core = [k for k in link.shared if k.startswith(("phrase:", "n:")) and k not in a.context and k not in b.context]
    if not (shared_names or core) or (da.precision == "month" and not shared_names):
        return False
    places_a, places_b = a.localities | a.regions, b.localities | b.regions
    if places_a and places_b and not (places_a & places_b):
        return False  # an IED near Kidal, another at Tessalit
    if reporting_date(text, a, da) or reporting_date(text, b, db):
        return False
    if da.precision != db.precision:
        return False  # "November" and "December 29": a month and a day are told of two rounds
    if da.precision == "day":
        return abs((da.low - db.low).days) <= near_days
    if da.precision == "month":
        return abs((da.low.year * 12 + da.low.month) - (db.low.year * 12 + db.low.month)) <= 1
    return False  # ranges ("from January through April") are periods, not one event's day


def _within(x: DateMention, y: DateMention) -> bool:
    return y.low <= x.low and x.high <= y.high


def reporting_date(text: str, m: ContentMention, d: DateMention) -> bool:
    """The date is that of a report about the event (a reporting word within a few words of it),
    which may well differ from the event's own."""
    return bool(_REPORTING.search(text, max(m.start, d.start - 40), min(m.end, d.end + 40)))


def anchor_spans(m: ContentMention, link: ContentLink) -> list[tuple[int, int]]:
    """Where the link's shared anchors are in a mention (for the evidence of a finding)."""
    return sorted({s for k in link.shared for s in m.anchors.get(k, ())})


_SAID = {"name": "the name", "phrase": "the words", "n": "the figure", "d": "the date", "c": "a count of",
         "m": "the month", "v": "the number"}


def _score(a: ContentMention, b: ContentMention, ranked: list[str], weights: dict[str, float],
           conf: dict, said: dict[str, str]) -> tuple[float, list[str]]:
    """The pair's score and its reasons: the shared anchors (`ranked`, weightiest first; `said`
    keeps each one's reason for the other pairs), the kinds of event, the region."""
    score, reasons = 0.0, []
    for key in ranked:
        score += weights[key]
        if key not in said:
            kind, _, what = key.partition(":")
            said[key] = f"{_SAID.get(kind, kind)} {what.replace(':', ' ')!r} (weight {weights[key]:.1f})"
        reasons.append(said[key])
    common_events = a.events & b.events
    if common_events:
        score += float(conf["event_bonus"])
        reasons.append(f"the same kind of event ({', '.join(sorted(common_events))})")
    elif a.events and b.events:
        score -= float(conf["event_penalty"])
        reasons.append(f"other kinds of event ({', '.join(sorted(a.events))} / {', '.join(sorted(b.events))})")
    if a.regions & b.regions:
        score += float(conf["place_bonus"])
        reasons.append(f"the same region ({', '.join(sorted(a.regions & b.regions))})")
    return score, reasons


# --- a figure restated in nearly the same words ------------------------------------------------

# literal character classes, no flags: the standard library's engine reads them as `regex` does, faster
_FRAME_WORD = std_re.compile(r"[a-z][a-z'\u2019-]{2,}")
# the words of a penalty clause ("punishable by up to 10 years' imprisonment and a fine of 38,500
# euros"): the law's scale repeats for each offence, with its own numbers
_PENALTY = frozenset("fine imprisonment imprison punishable penalty penalties prison sentence jail".split())


@dataclass
class Restated:
    """Two figures told in nearly the same words in different paragraphs: one statistic restated,
    whatever their numbers say ("winning 96 percent of the seats in the House" in the executive
    summary and "winning 96 percent of the seats" in section 3)."""

    a: int  # row indices
    b: int
    words: list[str]  # the words they share around the number
    overlap: float  # shared words / words of either
    tier: str  # "strong" | "weak"

    def details(self) -> dict:
        return {"tier": self.tier, "overlap": round(self.overlap, 2), "words": list(self.words)}


def _words_around(text: str, start: int, end: int, sa: int, sb: int, width: int,
                  skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """The content words before `start` and from `end` on, within the sentence [sa, sb) (up to
    `width` on each side), stemmed, without stop words and `skip`."""
    from ..extract.entities import _STOP, _stem

    reach = 24 * width  # characters: a window of words, not the whole of a long sentence (linear time)
    before = [w for w in _FRAME_WORD.findall(text[max(sa, start - reach):start].lower())
              if w not in _STOP and w not in skip][-width:]
    after = [w for w in _FRAME_WORD.findall(text[end:min(sb, end + reach)].lower())
             if w not in _STOP and w not in skip][:width]
    return frozenset(_stem(w) for w in before + after)


def _frame(text: str, r: FigureRow, sa: int, sb: int, width: int) -> frozenset[str]:
    """The content words around a figure within its sentence (up to `width` on each side), the
    figure's own number left out: what it is a figure of."""
    return _words_around(text, r["start"], r["start"], sa, sb, width)


def restated_figures(doc: Document, ex: Extraction, rules: dict) -> list[Restated]:
    """Pairs of figures of one kind, measure and counted noun, in different paragraphs, dated
    alike, told in nearly the same words (`linking.restated_words`: at least `min_words` words
    in common and `min_overlap` of all of them; `strong_overlap` for a strong pair)."""
    conf = rules["linking"]["restated_words"]
    width, min_words = int(conf["window"]), int(conf["min_words"])
    min_overlap, strong = float(conf["min_overlap"]), float(conf["strong_overlap"])
    text = doc.text
    by_key: dict[tuple, list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for i, r in enumerate(ex.rows):
        if (r["parse_status"] != "parsed" or r["value"] != r["value"] or r["number_kind"] == "vague"
                or r["kind"] not in ("count", "percent")):
            continue  # amounts of money, ages and durations are scales and thresholds, not statistics
        noun = fold(r["noun"]).split()
        head = next((w for w in noun if len(w) >= 3 and not _NUMBERISH.match(w)), "")
        sa, sb, _ = ex.sentences[r["sentence"]]
        frame = _frame(text, r, sa, sb, width)
        if not frame & _PENALTY:
            by_key[(r["kind"], r["measure"], head)].append((i, frame))
    out = []
    for rows in by_key.values():
        if len(rows) > 200:  # one counted thing everywhere: its figures are not one statistic
            continue
        for k, (i, wi) in enumerate(rows):
            for j, wj in rows[k + 1:]:
                a, b = ex.rows[i], ex.rows[j]
                if a["paragraph"] == b["paragraph"] or (a["date_low"], a["date_high"]) != (
                        b["date_low"], b["date_high"]):
                    continue
                common = wi & wj
                if len(common) < min_words:
                    continue
                overlap = len(common) / len(wi | wj)
                if overlap >= min_overlap:
                    out.append(Restated(i, j, sorted(common), overlap, "strong" if overlap >= strong else "weak"))
    return out


@dataclass
class RestatedDate:
    """Two days told in nearly the same words in different paragraphs: one event's date retold
    ("ultimately resulting in a compromise, announced on May 17" in the executive summary and in
    section 3), whatever the days say."""

    a: DateMention
    b: DateMention
    sentence_a: int
    sentence_b: int
    section_a: str
    section_b: str
    words: list[str]  # the words they share around the date
    overlap: float  # shared words / words of either
    tier: str  # "strong" | "weak"

    def details(self) -> dict:
        return {"tier": self.tier, "overlap": round(self.overlap, 2), "words": list(self.words)}


def _date_frame(text: str, d: DateMention, sa: int, sb: int, width: int) -> frozenset[str]:
    """The content words around a date within its sentence (up to `width` on each side), the
    date's own words left out."""
    return _words_around(text, d.start, d.end, sa, sb, width, _MONTH_WORDS)


_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "year month week day days".split())


def restated_dates(doc: Document, ex: Extraction, rules: dict) -> list[RestatedDate]:
    """Pairs of days, in different paragraphs and at most `linking.content.near_days` apart, told in
    nearly the same words (`linking.restated_words`, as for figures): one event's date told
    twice. Sentences that tell several days (a sequence) are left out: which day is the event's
    is not clear there."""
    conf, near = rules["linking"]["restated_words"], int(rules["linking"]["content"]["near_days"])
    width, min_words = int(conf["window"]), int(conf["min_words"])
    min_overlap, strong = float(conf["min_overlap"]), float(conf["strong_overlap"])
    text = doc.text
    by_month: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for si, ds in ex.own_dates.items():
        days = [d for d in ds if d.kind == "absolute" and d.precision == "day" and d.low is not None]
        if len(days) != 1 or len(ds) > 2:
            continue
        d = days[0]
        sa, sb, pi = ex.sentences[si]
        frame = _date_frame(text, d, sa, sb, width)
        if len(frame) >= min_words:
            by_month[(d.low.year, d.low.month)].append((si, pi, d, frame))
    out = []
    for (y, m), items in sorted(by_month.items()):
        following = by_month.get((y + m // 12, m % 12 + 1), [])
        if len(items) > 300:  # a month of a diary: its days are many events
            continue
        for k, (si, pi, d, wi) in enumerate(items):
            for sj, pj, e, wj in items[k + 1:] + following:
                if pi == pj or abs((d.low - e.low).days) > near:
                    continue
                common = wi & wj
                if len(common) < min_words:
                    continue
                overlap = len(common) / len(wi | wj)
                if overlap >= min_overlap:
                    first, second = ((si, d), (sj, e)) if si < sj else ((sj, e), (si, d))
                    out.append(RestatedDate(first[1], second[1], first[0], second[0],
                                            doc.section_code(ex.sentences[first[0]][0]),
                                            doc.section_code(ex.sentences[second[0]][0]),
                                            sorted(common), overlap, "strong" if overlap >= strong else "weak"))
    return out
