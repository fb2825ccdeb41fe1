"""Places named in a report: regions of the country, localities, parts of the country.

`find_places(text, "ML")` returns PlaceMention objects (model.py) sorted by start, with
offsets into `text` itself, never overlapping:

* level "region": a first-level subdivision of the country (gazetteer.regions) as written,
  capitalised, accents optional: "Ségou", "Segou Region", "the Mopti and Segou Regions",
  "the regions of Gao, Timbuktu, and Kidal". The span is the name alone ("Gao", not "Gao
  Region"); `key` and `region` are the ISO region's key ("Timbuktu" -> "tombouctou").
  A name that is also a compass word, a country, a people or a common word ("North" in
  Cameroon, "Niger" and "Delta" in Nigeria, "Somali" in Ethiopia) is a region only with
  "Region"/"State"/... after it or at the end of its list.
* level "locality": a place the text itself marks as one: "the village of X", "the towns
  of X and Y", "Soukoura town", "the Bankass Circle", "the military camp in Diabaly"; or a
  capitalised name after in/near/at/to/from/of that the text attaches to a region, a part
  or a circle ("in Aguelhoc, Kidal Region", "in Koutiala, in the southern part of the
  country", "in Diandioume, circle of Nioro du Sahel"); or the start of a route to a place
  ("from Jamweli to Douentza"). A region's name after "the city/town/village of" is a
  locality ("the city of Kayes": key "kayes", the same key as the region). Its `region` is
  set when the text attaches one: "X, Y Region", "X in (the) Y Region", "X (Y Region)",
  "X Circle of Y Region", "X, in the circle of Z, Y Region" (through Z).
* level "part": a part of the country: "the North", "in the center", "the country's North
  and Center", "the central part of the country", "the northern regions", "northern Mali",
  "the Northeast". `key` and `part` are the part's name ("north" ... "southwest",
  "center"); "the central and northern regions" gives two mentions ("central", "northern
  regions"). Relative positions ("20 miles northeast of the city of Segou", "the north of
  Mopti Region", "the northern part of Mopti", "central Mopti") are not parts of the
  country and give nothing.

Placement: when the grammar links a named place to one part of the country, that place's
mention gets `part`, and part_start/part_end give the part phrase's span: "X in the P part
of the country", "X, in the P", "X in P-ern Mali", "X, P-ern Mali", "the P region/town of
X", "the P X Region". A phrase naming several parts places nothing ("the eastern and
northern regions of Gao, Timbuktu, and Kidal"); a locality takes the part of the place it
is attached to in the same phrase ("Soukoura town in the central Mopti Region": both
"center"). "beyond the northern regions to the Mopti and Segou Regions in the central part
of the country" places Mopti and Segou in the center only.

Foreign countries ("Edith Blais of Canada") are not returned at all: a country is not a
place of the report's country, and its name is never taken for a locality.

Speed: one pass of a capitalised-token pattern drives the region matching (one compiled
prefix-tree pattern per country, cached) and the name lists; cue words, designators and
compass words each take one literal-led pass: about 20 ms for a 180 KB report.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..model import PlaceMention
from .gazetteer import (
    COMPASS_WORDS,
    compact,
    country_names,
    fold,
    is_country,
    parts_rules,
    place_key,
    regions,
)

__all__ = ["find_places", "compatible_parts", "normalize_part", "place_key"]


class _Lazy:
    """A pattern compiled on first use: importing this module must stay cheap (the command
    line imports it whether or not it reads a report)."""

    __slots__ = ("_mod", "_args", "_compiled")

    def __init__(self, mod, *args) -> None:
        self._mod, self._args, self._compiled = mod, args, None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = self._mod.compile(*self._args)
        return getattr(self._compiled, name)


# ----------------------------------------------------------------------------------------
# Parts of the country: names and compatibility (rules/places.yml, `parts:`).


@lru_cache(maxsize=1)
def _part_tables() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    words: dict[str, str] = {}
    compat: dict[str, set[str]] = {}
    for part, spec in parts_rules().items():
        compat.setdefault(part, set()).add(part)
        words[part] = part
        for w in (spec or {}).get("words") or []:
            words[re.sub(r"[\s\-]+", "", str(w).lower())] = part
        for other in (spec or {}).get("compatible") or []:
            compat.setdefault(part, set()).add(other)
            compat.setdefault(other, {other}).add(part)
    return words, {k: frozenset(v) for k, v in compat.items()}


def normalize_part(word: str) -> str | None:
    """ "Central" -> "center", "north-eastern" -> "northeast"; None for other words."""
    w = re.sub(r"[\s\-\u2010\u2011]+", "", fold(word).lower())
    return _part_tables()[0].get(w)


def compatible_parts(a: str, b: str) -> bool:
    """Whether one place can be in both parts: "north"/"northeast" yes, "north"/"center" no.

    Any word form is accepted ("central" = "center" = "centre"); the relation comes from
    `parts:` in rules/places.yml. An unknown word is compatible with everything (nothing
    can be shown to contradict it).
    """
    pa, pb = normalize_part(a), normalize_part(b)
    if pa is None or pb is None:
        return True
    return pb in _part_tables()[1].get(pa, frozenset({pa}))


# ----------------------------------------------------------------------------------------
# The region pattern of a country: a prefix tree of its forms, accents optional.

_SEP = "[\\s\\-\u2010\u2011\u2013]*"


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Accented Latin letters to their base letter, one character for one: the region
    pattern runs on the folded text, whose offsets are those of the text."""
    table: dict[int, str] = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00), 0x2018, 0x2019, 0x02BB, 0x02BC]:
        f = fold(chr(cp))
        if len(f) == 1 and f.isascii() and f != chr(cp):
            table[cp] = f
    return table


@lru_cache(maxsize=1)
def _fold_re():
    table = _fold_table()
    chars = {chr(k): v for k, v in table.items()}
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]"), chars


def _fold_text(chunk: str) -> str:
    """`chunk` with accented letters as their base letter, same length (str.translate with
    a dict is ten times slower on a report that is mostly ASCII)."""
    if chunk.isascii():
        return chunk
    rx, chars = _fold_re()
    return rx.sub(lambda m: chars[m.group()], chunk)


def _form_units(form: str) -> list[str]:
    """A surface form as regex units over folded text (matched ignoring case): separators
    (space, hyphen) optional, apostrophes optional, "Centre" also as "Center"."""
    s = fold(form).lower().replace("center", "centre")
    units: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        if s.startswith("centre", i):
            units.append("cent(?:re|er)")
            i += 6
            continue
        if c.isascii() and c.isalnum():
            units.append(c)
        elif c in " -\u2010\u2011\u2013":
            while i + 1 < len(s) and s[i + 1] in " -\u2010\u2011\u2013":
                i += 1
            units.append(_SEP)
        elif c in "'`":
            units.append("'?")
        elif c == ".":
            units.append("\\.?")
        elif c == ",":
            units.append(",?")
        i += 1
    return units


def _trie_pattern(seqs: list[list[str]]) -> str:
    trie: dict = {}
    for seq in seqs:
        node = trie
        for u in seq:
            node = node.setdefault(u, {})
        node[None] = None

    def emit(node: dict) -> str:
        alts = [u + emit(child) for u, child in node.items() if u is not None]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if None in node else body

    return emit(trie)


_REGION_SUFFIX = (
    r"(?:\s+(?P<suf>[Rr]egions?|[Pp]rovinces?|[Ss]tates?|[Gg]overnorates?|[Dd]istricts?|[Dd]epartments?"
    r"|[Oo]blasts?|[Cc]ount(?:y|ies)|[Pp]refectures?|[Tt]erritor(?:y|ies)|Kra[iy])(?![\w\-]))?"
)


@dataclass(frozen=True)
class _Spec:
    pattern: object | None  # matches a region form at a position of the folded text, or None
    lookup: dict  # compact form -> (region key, needs_suffix)
    country_re: str  # alternatives for the country's own names


@cache
def _spec(country_code: str | None) -> _Spec:
    cc = (country_code or "").upper()
    lookup: dict[str, tuple[str, bool]] = {}
    seqs: list[list[str]] = []
    for key, info in (regions(cc) if cc else {}).items():
        for form, needs in info.forms:
            ck = compact(place_key(form))
            if not ck or (ck in lookup and lookup[ck][0] != key):
                continue
            prev = lookup.get(ck)
            lookup[ck] = (key, needs if prev is None else needs and prev[1])
            units = _form_units(form)
            if units:
                seqs.append(units)
    pattern = None
    if seqs:
        pattern = re.compile(r"(?P<name>" + _trie_pattern(seqs) + r")(?!\w)" + _REGION_SUFFIX, re.IGNORECASE)
    names = sorted({regex.escape(n) for n in (country_names(cc) if cc else ())}, key=len, reverse=True)
    return _Spec(pattern, lookup, "|".join(names) if names else r"(?!x)x")


# ----------------------------------------------------------------------------------------
# Names of localities.

_STOP_TOKENS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    the a an this that these those there their his her its our in on at by for from of and or
    but to with during after before since according other several many some all each both any
    no not if as while when where which who whom whose what mr mrs ms dr president minister
    prime general colonel captain lieutenant sergeant commander chief governor mayor judge
    justice prosecutor king queen prince sheikh imam bishop pastor father sister brother saint
    ministry ministries court courts police army armed forces force government national
    federal human rights council committee commission office university hospital prison
    school church mosque center centre camp movement party union front republic kingdom
    islamic state states region regions province provinces district districts circle circles
    commune communes department departments county counties prefecture municipality
    territory division town village city capital central north south east west northern
    southern eastern western northeast northwest southeast southwest northeastern
    northwestern southeastern southwestern high supreme constitutional assembly parliament
    senate congress agency authority authorities bureau directorate service services unit
    group groups network association organization organisation foundation institute
    coalition alliance platform coordination operation operations mission task international
    african european united nations un world global security defense defence interior
    internal external public social economic special tribal local municipal provincial
    regional democratic popular liberation people peoples christian christians muslim
    muslims catholic protestant islam jewish protection investigation investigations
    criminal affairs development humanitarian refugee refugees judicial military civil
    electoral independent emergency brigade battalion division corps command headquarters
    station prosecution labor labour health statistics immigration tourism community education
    inspection prisons correctional finance culture agriculture foreign home women youth
    children family welfare planning environment energy transport information communication
    communications commerce trade industry housing land lands water mines mining revenue customs
    taxation treasury employment works science technology sports religious religion gender
    migration population anticorruption corruption research one two three four five six seven
    eight nine ten eleven twelve twenty hundred thousand most few various certain numerous
    bedouin bedouins roma romani kurds kurdish yazidi yazidis tuareg tuaregs fulani
    dogon bambara tebu arab arabs rohingya hazara hazaras pashtun pashtuns uyghur uyghurs
    tibetan tibetans""".split()
)
_DESIGNATOR_TOKENS = (
    r"Regions?|Provinces?|States?|Governorates?|Districts?|Departments?|Circles?|Cercles?|Communes?"
    r"|Counties|County|Prefectures?|Subdivisions?|Divisions?|Municipalit(?:y|ies)|LGAs?|Local|Chiefdoms?"
    r"|Townships?|Oblasts?|Sub-[Pp]refectures?|Sub-[Dd]istricts?"
)
_PARTICLES = r"(?:du|de|des|del|della|la|le|les|el|al|ad|as|es|ez|ash|bin|ibn|di|dos|do|van|von|y|sur|en)"
_TOKEN = rf"(?!(?:{_DESIGNATOR_TOKENS})(?![\w\-]))\p{{Lu}}[\p{{L}}\p{{M}}'\u2019\-]*[\p{{L}}\p{{M}}]"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLES}\s+|(?:al|el|ad|ar|as|an|ash|at|az|ez|es)-)?{_TOKEN}){{0,3}}"
_NAMELIST = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s+(?:and|or)\s+{_NAME})?"

_NAME_RE = _Lazy(regex, _NAME)
_NAMELIST_RE = _Lazy(regex, _NAMELIST)
_NAMELIST_END_RE = _Lazy(regex, rf"(?<![\w\-'\u2019])(?:{_NAMELIST})$")
_TOKEN_RE = _Lazy(regex, r"\p{Lu}[\p{L}\p{M}'\u2019\-]*[\p{L}\p{M}]")

# "the village of X", "the communes of X and Y", "the Circle of X"
_OF_RE = _Lazy(regex, r"of\s+(?:the\s+)?(?=\p{Lu})")
_PREFIX_CUE_RE = _Lazy(
    regex,
    r"(?<![\w\-])(?P<cue>(?i:villages?|towns?|city|cities|communes?|circles?|cercles?|municipalit(?:y|ies)"
    r"|localit(?:y|ies)|neighbou?rhoods?|districts?|sub-?districts?|subdivisions?|departments?"
    r"|sub-?prefectures?|prefectures?|provinces?|count(?:y|ies)|regions?|states?|governorates?|areas?"
    r"|townships?|hamlets?|settlements?|chiefdoms?|local\s+government\s+areas?|lgas?|oblasts?))\s+$"
)
# a region's name after these is a locality: "the city of Kayes"
_LOCALITY_CUE = _Lazy(re, r"^(?:villages?|towns?|city|cities|hamlets?|townships?|neighbou?rhoods?)$", re.I)
# "X Circle", "X and Y circles", "Soukoura town"
_DES_RE = _Lazy(
    re,
    r"\s(?P<des>Circles?|circles?|Cercles?|cercles?|Communes?|communes?|Districts?|districts?"
    r"|Sub-[Dd]istricts?|LGAs?|Local\s+Government\s+Areas?|departments?|Subdivisions?"
    r"|Divisions?|Count(?:y|ies)|Municipalit(?:y|ies)|municipality|Provinces?|province|Sub-[Pp]refectures?"
    r"|Prefectures?|prefecture|Chiefdoms?|Townships?|township|town|village|camp)(?![\w\-])"
)
_PREP_DES = frozenset({"town", "village", "camp"})
# the capitalised word before a name, directly or through and/of/for ("Human Rights and")
_CAP_BEFORE = _Lazy(regex, r"(?P<w>\p{Lu}[\w'\u2019\-]*)\s+(?:(?:and|of|for|&)\s+)?$")
_DESIGNATOR_WORD = _Lazy(regex, _DESIGNATOR_TOKENS)
_PREP_BEFORE_RE = _Lazy(regex, r"(?<![\w\-])(?:in|at|near|from|to|outside|around|of)\s+$")
# "the military camp in Diabaly", "a gendarme base in Segou"
_CAMP_RE = _Lazy(
    regex,
    r"(?:camp|base|post|outpost|checkpoint|garrison|barracks)s?\s+(?:in|at|near|of)\s+(?=\p{Lu})"
)
_ADMIN_WORD = _Lazy(
    re,
    r"^(?:circle|cercle|commune|district|sub-?district|lga|local\s+government\s+area|department"
    r"|subdivision|division|county|counties|municipality|municipalities|province|prefecture"
    r"|sub-?prefecture|chiefdom|township)s?$",
    re.I,
)


_ACRONYM = _Lazy(re, r"[A-Z]{2}")  # "NGOs", "FAMa", "MINUSMA": not place names


def _plural_word(word: str) -> bool:
    w = word.lower()
    return (w.endswith("s") and not w.endswith("ss")) or w.endswith("ies")


def _name_ok(text: str, s: int, e: int, *, trim: bool) -> tuple[int, int] | None:
    """The span of the place name in text[s:e], or None. With trim, the name is cut at its
    first stop word ("Ogossagou Tuesday" -> "Ogossagou"); without, a stop word rejects it."""
    kept: list[tuple[int, int]] = []
    for t in _TOKEN_RE.finditer(text, s, e):
        tok = t.group()
        low = fold(tok).lower()
        if low in _STOP_TOKENS or low.endswith(("'s", "\u2019s")) or _ACRONYM.match(tok):
            if trim:
                break
            return None
        kept.append(t.span())
    if not kept:
        return None
    s2, e2 = kept[0][0], kept[-1][1]
    name = text[s2:e2]
    key = place_key(name)
    if not key or all(w in COMPASS_WORDS for w in key.split()) or is_country(name):
        return None
    return s2, e2


def _names_in(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [m.span() for m in _NAME_RE.finditer(text, s, e)]


# ----------------------------------------------------------------------------------------
# Parts of the country.

_COMPASS_RE = _Lazy(re, r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|cent(?:ral|er|re)")
_ADJ = (
    r"(?:[Nn]orth|[Ss]outh)(?:-?(?:[Ee]ast|[Ww]est))?(?:ern)?|[Ee]astern|[Ww]estern|[Cc]entral"
)
_HEADS = (
    r"parts?|regions?|areas?|zones?|provinces?|states?|districts?|territor(?:y|ies)|towns?|cit(?:y|ies)"
    r"|villages?|localities|locations|governorates?|departments?|communes?|circles?|count(?:y|ies)"
)
_PLACE_HEADS = _Lazy(
    re,
    r"^(?:regions?|provinces?|states?|districts?|towns?|cit(?:y|ies)|villages?|governorates?"
    r"|departments?|communes?|circles?|count(?:y|ies)|localities)$",
    re.I,
)
# what may follow a lower-case "the north" used as a noun
_FOLLOW_NOUN = _Lazy(
    re,
    r"\s*(?:[,.;:)\u2014\u2013]|$)|\s+(?:and|or|where|while|since|during|in|on|at|from|for|with|was"
    r"|were|is|are|has|had|have|remained|continued|as|but|to|by|that|which|until|through|because|due"
    r"|after|before|also)\b"
)


_ADJLIST = (
    rf"(?P<list>(?:{_ADJ})(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
    rf"(?:\([^()\n]{{0,30}}\)\s+)?(?:{_ADJ}))*)(?![\w\-])"
)
# The adjective lists are the same for every country and costly to compile (a few ms each);
# only the country's names differ, so they are matched after the list, by a small pattern.
_HEAD_RE = _Lazy(regex, _ADJLIST + rf"\s+(?P<head>{_HEADS})(?![\w\-])")
_LIST_RE = _Lazy(regex, _ADJLIST + r"\s+")
_ADJ_RE = _Lazy(regex, _ADJ)


@dataclass(frozen=True)
class _PartMatch:
    """What a part phrase matched: the adjective list, its head noun or the country, and, after
    a head, "of" and the country or something else (start, end of each; -1 when absent)."""

    list: tuple[int, int]
    end: int
    head: tuple[int, int] = (-1, -1)
    country: tuple[int, int] = (-1, -1)
    other: tuple[int, int] = (-1, -1)


def _part_match(text: str, s: int, res: dict) -> _PartMatch | None:
    """ADJ (and ADJ) HEAD [of COUNTRY | of X] or ADJ (and ADJ) COUNTRY at `s`, or None."""
    m = _HEAD_RE.match(text, s)
    if m is not None:
        of = res["head_of"].match(text, m.end())
        if of is None:
            return _PartMatch(m.span("list"), m.end(), head=m.span("head"))
        return _PartMatch(m.span("list"), of.end(), head=m.span("head"), country=of.span("country"),
                          other=of.span("other"))
    m = _LIST_RE.match(text, s)
    if m is not None:
        c = res["country"].match(text, m.end())
        if c is not None:
            return _PartMatch(m.span("list"), c.end(), country=c.span("country"))
    return None


@cache
def _part_res(country_code: str | None) -> dict[str, object]:
    country = _spec(country_code).country_re
    return {
        "head_of": regex.compile(rf"\s+of\s+(?:(?P<country>the\s+country|{country})(?![\w\-])|(?P<other>\S))"),
        "country": regex.compile(rf"(?P<country>{country})(?![\w\-])"),
        "noun_of": regex.compile(rf"\s+of\s+(?:the\s+country|{country})(?![\w\-])"),
    }


@dataclass
class _Cand:
    start: int
    end: int
    level: str
    key: str
    tail: int = -1  # end of the name with the designator that belongs to it ("Gao Region")
    region: str | None = None
    part: str | None = None
    part_start: int | None = None
    part_end: int | None = None
    suffix: str = ""  # region: "" | "one" ("Gao Region") | "many" ("Segou Regions")
    designator: str = ""  # locality: "Circle", "town", or the cue word of "circle of X"
    needs_suffix: bool = False
    kind: str = ""  # part: "noun" | "head" | "country" | "lead" | "modifier"
    coord: int = 1  # part: how many parts its phrase names

    def __post_init__(self) -> None:
        if self.tail < 0:
            self.tail = self.end


def _sentence_start(text: str, s: int) -> bool:
    before = text[max(0, s - 4) : s]
    return s == 0 or bool(re.search(r"(?:^|[.!?:;\n\"“(]\s*)$", before)) or before.endswith("\n")


def _part_cands(text: str, lo: int, hi: int, cc: str | None) -> list[_Cand]:
    res = _part_res(cc)
    chunk = text[lo:hi]
    low = chunk.lower()
    if len(low) == len(chunk):  # lower() keeps offsets (it does for almost every text)
        # str.find per stem, then the pattern at each place: five times faster than a scan
        starts = []
        for stem in ("north", "south", "east", "west", "cent"):
            i = low.find(stem)
            while i >= 0:
                starts.append(i)
                i = low.find(stem, i + 1)
        hits = []
        for i in sorted(starts):
            m = _COMPASS_RE.match(low, i)
            if m is not None:
                hits.append((i + lo, m.end() + lo))
    else:
        hits = [(m.start() + lo, m.end() + lo) for m in re.finditer(_COMPASS_RE.pattern, chunk, re.I)]
    out: list[_Cand] = []
    nouns: list[_Cand] = []
    consumed = lo
    for s, e in hits:
        if s < consumed:
            continue
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-\u2010\u2011")) or (
            e < len(text) and (text[e].isalnum() or text[e] in "-\u2010\u2011")
        ):
            continue  # "north-central", "Southampton"
        word = text[s:e]
        # adjective with a head or the country: "the northern regions", "northern Mali"
        m = None
        if _ADJ_RE.fullmatch(word):
            m = _part_match(text, s, res)
        if m is not None:
            cand = _adjective_phrase(text, m, s)
            if cand:
                out.extend(cand)
                consumed = cand[-1].end
            continue
        # noun: "the North", "in the center", "the North East"
        noun = _noun(text, s, e, word, nouns, res["noun_of"])
        if noun is not None:
            nouns.append(noun)
            consumed = noun.end
    return out + nouns


def _adjective_phrase(text: str, m: _PartMatch, s: int) -> list[_Cand]:
    """Part mentions of one "ADJ (and ADJ) HEAD/COUNTRY" match; [] when it is not a part."""
    ls, le = m.list
    word0 = text[s : s + le - ls].split()[0]
    country, head = m.country[0] >= 0, m.head[0] >= 0
    if word0[0].isupper() and not _sentence_start(text, s):
        compound = re.fullmatch(r"(?:North|South)-?(?:[Ee]ast|[Ww]est)(?:ern)?", word0.rstrip(","))
        if not (compound and country and not head):
            # "Eastern Province", "Northern Ireland", "South Sudan"; but "Northeast Nigeria"
            return []
    kind = "country" if country and not head else "head"
    end = m.end
    if head:
        head_word = text[m.head[0] : m.head[1]]
        if m.other[0] >= 0:
            nxt = text[m.head[1] :]
            if _PLACE_HEADS.match(head_word) and re.match(r"\s+of\s+(?:the\s+)?[A-Z\u00C0-\u00DE]", nxt):
                kind = "lead"  # "the northern region of Tessalit": placement of Tessalit
                end = m.head[1]
            else:
                return []  # "the northern part of Mopti Region": a part of something else
        elif not country:
            if head_word.lower() in ("state", "city", "town", "district", "village", "county"):
                return []  # "the central state administrative body", "the central city"
            end = m.head[1]
    adjs = [(ls + a.start(), ls + a.end()) for a in _ADJ_RE.finditer(text[ls:le])]
    out = []
    for i, (a, b) in enumerate(adjs):
        part = normalize_part(text[a:b])
        if part:
            last = i == len(adjs) - 1
            out.append(_Cand(a, end if last else b, "part", part, part=part, kind=kind, coord=len(adjs)))
    return out


_NOUN_DET = _Lazy(re, r"\bthe\s+(?:country['\u2019]s\s+)?$", re.I)
_STRONG_PREP = _Lazy(
    re,
    r"\b(?:in|across|throughout|within|into)\s+(?:much\s+of\s+|parts\s+of\s+|most\s+of\s+|all\s+of\s+)?$", re.I
)
_NOUN_COORD = _Lazy(re, r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|,\s*or\s+)(?:the\s+)?", re.I)


def _noun(text: str, s: int, e: int, word: str, nouns: list[_Cand], noun_of) -> _Cand | None:
    """A part named by a noun: "the North", "in the center", "the country's North and Center"."""
    if word.endswith("ern") or word.lower() == "central":
        return None
    # "North East", "South West" written as two words
    two = re.match(r"[ \-](East|West|east|west)(?![\w\-])", text[e : e + 6])
    if two and word.lower() in ("north", "south") and word[0].isupper() == two.group(1)[0].isupper():
        e += two.end()
        word = text[s:e]
    part = normalize_part(word)
    if not part:
        return None
    cap = word[0].isupper()
    after = text[e : e + 60]
    if re.match(r"\s+of\b", after):
        of = noun_of.match(text, e)
        if of is None:
            return None  # "the north of Mopti Region", "northeast of the city of Segou"
        end = of.end()
    else:
        end = e
        if cap:
            if re.match(r"\s+[A-Z\u00C0-\u00DE]|['\u2019]s\b", after):
                return None  # "North Korea", "the East Region", "the Center's"
        elif not _FOLLOW_NOUN.match(after):
            return None  # "the north bank"
    prev = nouns[-1] if nouns else None
    coordinated = prev is not None and _NOUN_COORD.fullmatch(text, prev.end, s) is not None
    if not coordinated:
        det = _NOUN_DET.search(text, max(0, s - 20), s)
        if not det:
            return None
        strong = _STRONG_PREP.search(text, max(0, det.start() - 30), det.start()) is not None
        # "the West" (Western countries), "the Center" (an organisation), "the east wing"
        if not strong and "country" not in det.group().lower() and (part in ("center", "east", "west") or not cap):
            nxt = re.match(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:North|South|East|West|Cent(?:er|re))\b",
                           after)
            if not (cap and nxt):
                return None
    c = _Cand(s, end, "part", part, part=part, kind="noun")
    if coordinated:
        c.coord = prev.coord = max(prev.coord, 2)
        # every noun of the coordination names several parts
        for q in reversed(nouns):
            q.coord = c.coord
            if q is prev:
                break
    return c


# ----------------------------------------------------------------------------------------
# Candidates: regions and localities.


def _region_cands(text: str, tokens: list[tuple[int, int]], spec: _Spec, lo: int, hi: int) -> list[_Cand]:
    out: list[_Cand] = []
    if spec.pattern is None:
        return out
    folded = _fold_text(text[lo:hi])
    match = spec.pattern.match
    for s, _ in tokens:
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "'\u2019"):
            continue
        if s > 0 and text[s - 1] in "-\u2010\u2011" and not re.search(r"\b[AaEe][lrsdzn]-$", text[max(0, s - 4) : s]):
            continue  # "Kogoni-Peulh"; but "al-Raqqa"
        m = match(folded, s - lo)
        if m is None:
            continue
        hit = spec.lookup.get(compact(place_key(text[s : m.end("name") + lo])))
        if hit is None:
            continue
        key, needs = hit
        suf = m.group("suf")
        suffix = ""
        if suf:
            suffix = "many" if _plural_word(suf) else "one"
        end, tail = m.end("name") + lo, m.end() + lo
        out.append(_Cand(s, end, "region", key, tail=tail if suf else -1, region=key, suffix=suffix,
                         needs_suffix=needs))
    return out


_LIST_GAP = _Lazy(re, r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?")
_PLURAL_OF = _Lazy(
    regex,
    r"(?i:regions|provinces|states|governorates|departments|counties|prefectures|oblasts)\s+of\s+(?:the\s+)?$"
)


def _license_regions(text: str, cands: list[_Cand]) -> list[_Cand]:
    """A name that needs a suffix is a region only with one, or in a list that ends with a
    plural one ("the Sahel, North, and East Regions") or follows "the regions of"."""
    groups: list[list[_Cand]] = []
    for c in cands:
        g = groups[-1] if groups else None
        if g and not g[-1].suffix and _LIST_GAP.fullmatch(text, g[-1].tail, c.start):
            g.append(c)
        else:
            groups.append([c])
    keep = []
    for g in groups:
        licensed = g[-1].suffix == "many" or _PLURAL_OF.search(text, max(0, g[0].start - 40), g[0].start) is not None
        keep.extend(c for c in g if not c.needs_suffix or c.suffix or licensed)
    return keep


def _locality_cands(text: str, lo: int, hi: int) -> list[_Cand]:
    out: list[_Cand] = []

    def add(s: int, e: int, designator: str, kind: str, *, trim: bool, tail: int | None = None) -> None:
        span = _name_ok(text, s, e, trim=trim)
        if span is None:
            return
        c = _Cand(span[0], span[1], "locality", place_key(text[span[0] : span[1]]), designator=designator, kind=kind)
        if tail is not None and span[1] == e:
            c.tail = tail
        out.append(c)

    # "the village of X", "the villages of X, Y, and Z", "the Circle of Niono"
    for m in _OF_RE.finditer(text, lo, hi):
        cue = _PREFIX_CUE_RE.search(text, max(0, m.start() - 30), m.start())
        if cue is None:
            continue
        word = cue.group("cue")
        if word[0].isupper() and word.lower().startswith(("department", "state")):
            continue  # "the Department of Labor", "the State of Law Coalition"
        lst = _NAMELIST_RE.match(text, m.end())
        if lst is None:
            continue
        names = _names_in(text, lst.start(), lst.end())
        if not _plural_word(word):
            names = names[:1]  # "the town of Waghete, Deiyai Regency, Papua": Waghete
        for s, e in names:
            add(s, e, word, "prefix", trim=True)
    # "the Bankass Circle", "the Kidal and Tin Essako circles", "in Soukoura town"
    for m in _DES_RE.finditer(text, lo, hi):
        des = m.group("des")
        s0 = m.start()
        lst = _NAMELIST_END_RE.search(text, max(0, s0 - 150), s0)
        if lst is None:
            continue
        names = _names_in(text, lst.start(), lst.end())
        plural = _plural_word(des)
        if not plural:
            names = names[-1:]
            ns = names[0][0]
            # "Human Rights and Protection Division": part of a longer capitalised name
            prev = _CAP_BEFORE.search(text, max(0, ns - 40), ns)
            if prev is not None and not _DESIGNATOR_WORD.fullmatch(prev.group("w")):
                continue
        if des in _PREP_DES and (plural or _PREP_BEFORE_RE.search(text, max(0, names[0][0] - 12),
                                                                   names[0][0]) is None):
            continue  # "the Fulani village", "a Dogon town": not names
        for i, (s, e) in enumerate(names):
            add(s, e, des, "suffix", trim=False, tail=m.end() if i == len(names) - 1 else None)
    # "the military camp in Diabaly"
    for m in _CAMP_RE.finditer(text, lo, hi):
        n = _NAME_RE.match(text, m.end())
        if n is not None:
            add(n.start(), n.end(), "camp", "camp", trim=True)
    return out


# ----------------------------------------------------------------------------------------
# Links between places: lists, attachments, placements.

_ATTACH_CUE = (r"(?:circle|cercle|commune|district|department|province|county|municipality|prefecture|subdivision)"
               r"s?\s+of\s+")
_GAP_COMMA = _Lazy(re, rf"\s*,\s*(?P<in>in\s+)?(?:the\s+)?(?P<cue>{_ATTACH_CUE})?", re.I)
_GAP_IN = _Lazy(re, rf"\s*,?\s*(?:in|within)\s+(?:the\s+)?(?:(?:{_ADJ})\s+)?(?P<cue>{_ATTACH_CUE})?", re.I)
_GAP_PAREN = _Lazy(re, r"\s*\(\s*(?:in\s+)?(?:the\s+)?")
_GAP_OF = _Lazy(re, r"\s+of\s+(?:the\s+)?")
_GAP_PART_IN = _Lazy(re, r"\s*,?\s*(?:in|across|throughout)\s+(?:the\s+)?", re.I)
_GAP_PART_COMMA = _Lazy(re, r"\s*,\s*")


def _admin(c: _Cand) -> bool:
    """A locality named as an administrative unit ("Bankass Circle", "circle of Bankass")."""
    return c.level == "locality" and bool(_ADMIN_WORD.match(c.designator or ""))


def _singular_admin(c: _Cand) -> bool:
    return _admin(c) and not (c.designator.endswith("s") and not c.designator.endswith("ss"))


def _comma_attaches(a: _Cand, m: _Cand) -> bool:
    """ "Tarkint, Gao Region", "Dogofry Commune, Niono Circle": A is in M (not a list)."""
    if a.level != "locality":
        return False
    return m.suffix == "one" if m.level == "region" else _singular_admin(m)


def _place_link(text: str, a: _Cand, m: _Cand) -> str:
    """How place A links to the place M that follows it: "list", "comma" (A in M, only A),
    "group" (A's whole list is in M), or ""."""
    s, e = a.tail, m.start
    if e - s > 40:
        return ""
    if _LIST_GAP.fullmatch(text, s, e):
        if re.fullmatch(r"\s*,\s*", text[s:e]) and _comma_attaches(a, m):
            return "comma"
        return "list"
    g = _GAP_COMMA.fullmatch(text, s, e)
    if g:
        if g.group("in"):
            return "group"  # "X, Y, and Z, in the circle of Bankass"
        return "comma" if g.group("cue") else ""
    if _GAP_IN.fullmatch(text, s, e):
        return "group"
    if _GAP_PAREN.fullmatch(text, s, e) and (m.level == "region" or _admin(m)):
        return "group"
    if _GAP_OF.fullmatch(text, s, e) and _admin(a) and m.level == "region" and m.suffix:
        return "group"  # "the Bankass Circle of Mopti Region"
    return ""


def _part_link(text: str, end: int, p: _Cand) -> str:
    """How a place ending at `end` links to the part mention P after it."""
    if p.coord != 1 or p.start - end > 30:
        return ""
    if p.kind in ("noun", "head", "country") and _GAP_PART_IN.fullmatch(text, end, p.start):
        return "group"  # "X in the North", "X, in the southern part of the country"
    if p.kind == "country" and _GAP_PART_COMMA.fullmatch(text, end, p.start):
        return "comma"  # "Koutiala, southern Mali"
    return ""


def _plural_head(text: str, p: _Cand) -> bool:
    head = text[p.start : p.end].split()[-1].lower()
    return head.endswith(("s", "ies")) and not head.endswith("ss")


_MODIFIER_RE = _Lazy(re, rf"\bthe\s+(?P<adj>{_ADJ})\s+$")


def _set_part(c: _Cand, p: _Cand) -> None:
    if c.part is None:
        c.part, c.part_start, c.part_end = p.part, p.start, p.end


# a capitalised word after "North/South ... <place>" that makes the whole a proper name, unless it
# is the place's own designator ("North Kivu Province")
_INSTITUTION_AFTER = regex.compile(r"\s+(?!(?:Region|Regions|Province|Provinces|State|States|District|Districts|County|"
                                r"Counties|Governorate|Department|Prefecture|Oblast|Territory)\b)\p{Lu}\p{Ll}+")


def _resolve(text: str, places: list[_Cand], parts: list[_Cand]) -> list[_Cand]:
    """Fill `region` of localities and `part` of places; returns the modifier parts it found
    ("central" in "the central Mopti Region")."""
    groups: list[list[_Cand]] = []
    links: list[str] = []  # link of each group to the next place
    for c in places:
        if groups:
            link = _place_link(text, groups[-1][-1], c)
            if link == "list":
                groups[-1].append(c)
                continue
            links.append(link)
        groups.append([c])
    links.append("")
    part_starts = [p.start for p in parts]

    # "the northern region of Tessalit", "the central Mopti and Segou Regions"
    modifiers: list[_Cand] = []
    for g in groups:
        s = g[0].start
        i = bisect.bisect_left(part_starts, s) - 1
        prev = parts[i] if i >= 0 else None
        if prev is not None and prev.kind == "lead" and prev.coord == 1 and _GAP_OF.fullmatch(text, prev.end, s):
            if _plural_head(text, prev) and len(g) < 2:
                continue  # "the northern districts of Cabo Delgado Province": parts of it
            for c in g:
                _set_part(c, prev)
            continue
        before = _MODIFIER_RE.search(text, max(0, s - 30), s)
        if before is None or (prev is not None and prev.end > before.start("adj")):
            continue
        if before.group("adj")[0].isupper() and _INSTITUTION_AFTER.match(text, g[-1].tail):
            continue  # "the South Gauteng High Court", "North Kivu Provincial Assembly": a name
        part = normalize_part(before.group("adj"))
        if part:
            p = _Cand(before.start("adj"), before.end("adj"), "part", part, part=part, kind="modifier")
            modifiers.append(p)
            for c in g:
                _set_part(c, p)

    # right to left: each group takes the part and the place that follow it
    for gi in range(len(groups) - 1, -1, -1):
        g = groups[gi]
        last = g[-1]
        nxt = groups[gi + 1] if gi + 1 < len(groups) else None
        i = bisect.bisect_left(part_starts, last.tail)
        p = parts[i] if i < len(parts) else None
        if p is not None and (nxt is None or p.start < nxt[0].start):
            how = _part_link(text, last.tail, p)
            for c in g if how == "group" else [last] if how == "comma" else []:
                _set_part(c, p)
            continue
        if nxt is None or not links[gi]:
            continue
        m = nxt[0]
        members = g if links[gi] == "group" else [last]
        region = m.region if m.level == "region" else next((t.region for t in nxt if t.region), None)
        src = m if m.part else next((t for t in nxt if t.part), None)
        for c in members:
            if c.level != "locality":
                continue
            if c.region is None and region:
                c.region = region
            if c.part is None and src is not None:
                c.part, c.part_start, c.part_end = src.part, src.part_start, src.part_end
    return modifiers


_PREP_LIST_RE = _Lazy(
    regex,
    rf"(?<![\w\-])(?P<prep>(?i:in|near|at|to|from|outside|around|of))\s+(?P<names>{_NAMELIST})"
    rf"(?P<gap>\s*,\s*(?:in\s+)?(?:the\s+)?(?i:{_ATTACH_CUE})?|\s*,?\s*(?:in|within|across|throughout)\s+(?:the\s+)?(?:(?:{_ADJ})\s+)?(?i:{_ATTACH_CUE})?|\s*\(\s*(?:in\s+)?(?:the\s+)?)$"
)
_ROUTE_RE = _Lazy(regex, rf"(?<![\w\-])from\s+(?P<name>{_NAME})\s+to\s+$")


def _prep_localities(text: str, lo: int, places: list[_Cand], parts: list[_Cand]) -> list[_Cand]:
    """Names after in/near/at/... that the text attaches to a region, part or circle, and
    the start of a route to a place ("from Jamweli to Douentza")."""
    taken = sorted(places + parts, key=lambda c: c.start)
    starts = [c.start for c in taken]

    def covered(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, s) - 1
        return any(0 <= j < len(taken) and taken[j].start < e and s < taken[j].end for j in (i, i + 1))

    new: list[_Cand] = []

    def consider(s: int, e: int, kind: str) -> None:
        if covered(s, e) or any(c.start < e and s < c.end for c in new):
            return
        span = _name_ok(text, s, e, trim=False)
        if span == (s, e):
            new.append(_Cand(s, e, "locality", place_key(text[s:e]), kind=kind))

    for m in taken:
        if m.level == "part":
            ok = m.coord == 1 and m.kind in ("noun", "head", "country")
        elif m.level == "region":
            ok = m.suffix == "one"
        else:
            ok = _admin(m)
        if not ok:
            continue
        w = _PREP_LIST_RE.search(text, max(lo, m.start - 200), m.start)
        if w is None or (m.level == "part" and w.group("prep").lower() == "of"):
            continue  # "populations of Tebu and Tuareg in the south": peoples, not places
        names = _names_in(text, w.start("names"), w.end("names"))
        if not names:
            continue
        last = _Cand(names[-1][0], names[-1][1], "locality", "")
        ok = _part_link(text, last.end, m) if m.level == "part" else _place_link(text, last, m)
        if not ok or ok == "list":
            continue
        for s, e in names:
            consider(s, e, "prep")
    known = sorted(places + new, key=lambda c: c.start)
    for m in known:
        r = _ROUTE_RE.search(text, max(lo, m.start - 60), m.start)
        if r is not None:
            consider(r.start("name"), r.end("name"), "route")
    return new


# ----------------------------------------------------------------------------------------


def find_places(text: str, country_code: str | None, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """The places named in text[start:end], sorted by start, offsets into `text`."""
    hi = len(text) if end is None else min(end, len(text))
    lo = max(0, start)
    if lo >= hi:
        return []
    cc = (country_code or "").upper() or None
    spec = _spec(cc)
    # read a little context on both sides of the window; return only mentions inside it
    clo, chi = max(0, lo - 200), min(len(text), hi + 200)

    tokens = [m.span() for m in _TOKEN_RE.finditer(text, clo, chi)]
    regs = _license_regions(text, _region_cands(text, tokens, spec, clo, chi))
    locs = _locality_cands(text, clo, chi)
    parts = _part_cands(text, clo, chi, cc)

    # regions first; "the city of Kayes" makes the region's name a locality
    by_span = {(c.start, c.end): c for c in regs}
    for c in locs:
        r = by_span.get((c.start, c.end))
        if r is not None and c.kind == "prefix" and _LOCALITY_CUE.match(c.designator):
            r.level, r.region, r.designator, r.key = "locality", None, c.designator, c.key
    places = list(regs)
    spans = sorted((c.start, c.end) for c in places)

    def free(c: _Cand) -> bool:
        i = bisect.bisect_right(spans, (c.start, c.end)) - 1
        return not any(0 <= j < len(spans) and spans[j][0] < c.end and c.start < spans[j][1] for j in (i, i + 1))

    for c in sorted(locs, key=lambda c: (c.start, c.start - c.end)):
        if free(c):
            places.append(c)
            bisect.insort(spans, (c.start, c.end))
    kept_parts = []
    for p in sorted(parts, key=lambda c: c.start):
        if free(p):
            kept_parts.append(p)
            bisect.insort(spans, (p.start, p.end))
    places.sort(key=lambda c: c.start)
    places += _prep_localities(text, clo, places, kept_parts)
    places.sort(key=lambda c: c.start)
    modifiers = _resolve(text, places, kept_parts)

    out: list[PlaceMention] = []
    last_end = -1
    for c in sorted(places + kept_parts + modifiers, key=lambda c: (c.start, c.end)):
        if c.start < lo or c.end > hi or c.start < last_end:
            continue
        last_end = c.end
        out.append(
            PlaceMention(
                start=c.start,
                end=c.end,
                name=text[c.start : c.end],
                key=c.key,
                level=c.level,
                region=c.region,
                part=c.part,
                part_start=c.part_start,
                part_end=c.part_end,
            )
        )
    return out
