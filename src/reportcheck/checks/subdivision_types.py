from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from ..extract.gazetteer import RegionInfo, regions
from ..model import Result
from .context import CheckContext, section_name, severity, span_evidence
from .registry import register

CODE, NAME = "RC112", "subdivision-types"


@register(CODE, NAME)
def subdivision_types(ctx: CheckContext, params: dict) -> list[Result]:
    """Subdivision types: a state must not be called a region, nor a region a state.

    **What it checks.** In a country whose first-level subdivisions are of several kinds, each
    with at least `min_per_type` (default 3) members (Burma's seven states and seven regions,
    China's provinces, autonomous regions and municipalities), a subdivision named with the
    word of another kind ("Ayeyarwady State", or "Ayeyarwady" in "Shan, Chin, and Ayeyarwady
    States") is flagged. The kinds and their names are ISO 3166-2's, as pycountry ships them;
    `words` says which words name which kind; kinds it does not name (Kazakhstan's cities)
    are not judged, so "the Almaty Region" is not Almaty city called a region.

    **Why it matters.** A dataset keyed by subdivision reads the kind with the name; a
    subdivision filed under the wrong kind is a place a join on the gazetteer misses, and in a
    country whose states and regions are politically distinct (Burma's ethnic states), a reader
    is misled about where something happened.

    **Example** (2022 Burma report): "the maternal mortality ratio was highest in Shan, Chin,
    and Ayeyarwady States", while section 2.a places an arrest in "Maubin Township, Ayeyarwady
    Region": Ayeyarwady is a region.

    **Severity.** `severity` (default warning) when the report itself names the subdivision
    with its own kind elsewhere (the two quotes are shown side by side); `severity_reference`
    (default info) when only the gazetteer says so: a subdivision's kind may have changed since
    the year the report covers.

    **How to resolve.** Name the subdivision with its kind ("Shan and Chin States and
    Ayeyarwady Region"); if the gazetteer is out of date for the report's year, disable the
    check for that report in its rule file.
    """
    regs = regions(ctx.doc.country or "")
    words = {kind: tuple(ws) for kind, ws in params["words"].items()}
    table = _table(ctx.doc.country or "", int(params["min_per_type"]), tuple(sorted(words.items())))
    if table is None:
        return []
    tellings = list(_tellings(ctx.doc.text, table))
    own = {}  # subdivision key -> its first telling with its own kind
    for t in tellings:
        if t.kind == table.kinds[t.key]:
            own.setdefault(t.key, t)
    results = []
    for t in tellings:
        right = table.kinds[t.key]
        if t.kind == right:
            continue
        info = regs[t.key]
        quote = " ".join(ctx.doc.text[t.start:t.end].split())
        where = section_name(ctx.doc.section_code(t.start))
        ev = [span_evidence(ctx, t.start, t.end, role="mention")]
        msg = (f'{t.name} is a {right.lower()} of {ctx.doc.country_name or ctx.doc.country} '
               f'(ISO 3166-2 {info.code}: {info.type}), not a {t.kind.lower()}: "{quote}" ({where})')
        other = own.get(t.key)
        if other:
            ev.append(span_evidence(ctx, other.start, other.end, role="mention"))
            msg += (f'; the report itself says "{" ".join(ctx.doc.text[other.start:other.end].split())}" '
                    f"({section_name(ctx.doc.section_code(other.start))})")
        sev = severity(params, "severity" if other else "severity_reference")
        details = {"subdivision": {"code": info.code, "type": info.type, "kind": right, "named_as": t.kind,
                                   "named_rightly_elsewhere": bool(other)}}
        results.append(Result(CODE, NAME, ctx.doc.id, "fail", sev, msg, ev, f"{t.name}: {info.type}", details=details))
    return results


@dataclass(frozen=True)
class _Table:
    pattern: re.Pattern  # names (a list of them) then a kind's word
    name: re.Pattern  # one name
    keys: dict[str, str]  # a name as written -> subdivision key
    kinds: dict[str, str]  # subdivision key -> its kind (a key of `words`)
    word_kinds: dict[str, str]  # a kind's word as written -> the kind


@dataclass(frozen=True)
class _Telling:
    key: str
    name: str  # as written
    kind: str  # the kind its word says
    start: int  # the names and the word
    end: int


@lru_cache(maxsize=64)
def _table(cc: str, min_per_type: int, words: tuple[tuple[str, tuple[str, ...]], ...]) -> _Table | None:
    """The country's subdivisions whose kind the check judges, and the pattern that finds them
    named with a kind's word; None when the country has fewer than two such kinds."""
    regs = regions(cc)
    kind_of_type = {r.type: _kind(r, dict(words)) for r in regs.values()}
    counts = Counter(kind_of_type[r.type] for r in regs.values() if kind_of_type[r.type])
    judged = {k for k, n in counts.items() if n >= min_per_type}
    if len(judged) < 2:
        return None
    keys, kinds = {}, {}
    for key, r in regs.items():
        kind = kind_of_type[r.type]
        if kind not in judged:
            continue
        for form, _ in r.forms:
            keys[form] = key
        kinds[key] = kind
    if not keys:
        return None
    names = "|".join(re.escape(n) for n in sorted(keys, key=len, reverse=True))
    name = re.compile(names)
    word_kinds = {w: k for k, ws in words for w in ws if k in judged}
    kind_words = "|".join(re.escape(w) for w in sorted(word_kinds, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\p{{L}}-])(?P<names>(?:{names})(?:,?\s+(?:and\s+)?(?:{names}))*)\s+"
                         rf"(?P<word>{kind_words})(?![\p{{L}}-])")
    return _Table(pattern, name, keys, kinds, word_kinds)


def _kind(r: RegionInfo, words: dict[str, tuple[str, ...]]) -> str:
    """The kind (a key of `words`) of a subdivision type: "Autonomous region" is a region."""
    last = r.type.split()[-1].lower() if r.type else ""
    return next((k for k in words if k.lower() == last), "")


def _tellings(text: str, table: _Table):
    """Every subdivision named with a kind's word: each of a list before a plural word ("Shan,
    Chin, and Ayeyarwady States"), the last name before a singular one."""
    for m in table.pattern.finditer(text):
        word = m.group("word")
        kind = table.word_kinds[word]
        named = list(table.name.finditer(text, m.start("names"), m.end("names")))
        plural = word.endswith("s") and not kind.lower().endswith("s")
        for n in named if plural else named[-1:]:
            yield _Telling(table.keys[n.group(0)], n.group(0), kind, m.start(), m.end())
