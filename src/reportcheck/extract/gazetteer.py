"""The regions of a country: its first-level subdivisions in ISO 3166-2 (pycountry).

`regions("ML")` maps a region key ("segou") to what is known about the region: its ISO
name and code and the forms a report may write it in ("Ségou", "Segou"; declared English
exonyms such as "Timbuktu" for "Tombouctou" come from rules/places.yml). Keys are made by
`place_key`: ASCII-folded, lower case, punctuation as spaces, generic words dropped.

pycountry, yaml and the rule file are loaded inside the functions that need them: pycountry
reads its JSON databases on first use, and the command line should not pay for that when it
reads no report.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

RULES_FILE = "places.yml"

# Compass words: a region whose name is made only of these ("North", "Western",
# "North-West") is taken as a region only when the text says "Region"/"State"... after it.
COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center middle "
    "northeast northwest southeast southwest northeastern northwestern southeastern "
    "southwestern".split()
)

# Letters NFKD does not decompose into an ASCII base letter.
_FOLD_EXTRA = str.maketrans(
    {
        "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
        "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
        "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
        "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'", "ʿ": "'", "ʾ": "'",
    }
)
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc\u02bb`\u00b4\u02bf\u02be]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def fold(s: str) -> str:
    """ASCII-fold: "Ségou" -> "Segou", "Ḩamāh" -> "Hamah" (case kept; length may change)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(_FOLD_EXTRA)


@lru_cache(maxsize=1)
def _rules() -> dict:
    from importlib import resources

    from ..config import safe_load

    text = resources.files("reportcheck.rules").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return safe_load(text) or {}


@lru_cache(maxsize=1)
def _generic_words() -> tuple[str, ...]:
    # Longest first so that "federal capital territory" goes before "territory".
    words = [_NON_ALNUM.sub(" ", w.lower()).strip() for w in _rules().get("generic_words", [])]
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def _basic_key(name: str) -> str:
    s = _BRACKETS.sub(" ", fold(name).lower())
    s = _APOSTROPHES.sub("", s)
    return _NON_ALNUM.sub(" ", s).strip()


@lru_cache(maxsize=8192)
def place_key(name: str) -> str:
    """The normalised form of a place name: ASCII, lower case, no punctuation, no generic words.

    "Ségou Region" -> "segou", "N’Doukala" -> "ndoukala", "North-West" -> "north west",
    "Dnipropetrovska oblast" -> "dnipropetrovska". A generic word is dropped only when
    something is left ("Free State" -> "free", but "State" -> "state").
    """
    key = _basic_key(name)
    if not key:
        return key
    padded = f" {key} "
    for word in _generic_words():
        stripped = padded.replace(f" {word} ", " ")
        if stripped.strip():
            padded = stripped
    return " ".join(padded.split())


def compact(key: str) -> str:
    """A key without spaces, with "center" spelled "centre": what two forms must share to
    be the same name ("North-West" = "Northwest", "Center-Nord" = "Centre-Nord")."""
    return key.replace(" ", "").replace("center", "centre")


@dataclass(frozen=True)
class RegionInfo:
    """One first-level subdivision.

    `forms`: (surface form, needs_suffix) pairs the text may write it as; a form that needs
    a suffix is a region only when "Region"/"State"/... follows ("North Region", "Delta
    State"), or in a list that ends with one.
    """

    key: str
    name: str
    code: str
    type: str
    forms: tuple[tuple[str, bool], ...]


def _strip_generic_surface(name: str) -> str:
    """Remove generic words from a name as written ("Dnipropetrovska oblast" ->
    "Dnipropetrovska"), keeping accents; the name unchanged when nothing would be left."""
    out = name
    for pattern in _generic_patterns():
        cand = _SPACES.sub(" ", pattern.sub(" ", out)).strip(" ,-'’")
        if cand and place_key(cand):
            out = cand
    return out


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _generic_patterns() -> tuple[re.Pattern, ...]:
    # compiled once: each of the world's subdivision names is tried against every generic word
    return tuple(re.compile(r"(?<![\w])" + r"[\s\-]+".join(map(re.escape, word.split())) + r"(?![\w])",
                            re.IGNORECASE) for word in _generic_words())


_ARTICLE = re.compile(r"^(?:Al|Ar|As|Az|Ad|An|Ash|At|Adh|Aḑ|Aş|Aţ|Az̧|Ad̨)\s+(.{4,})$")


def _surface_forms(name: str) -> list[str]:
    """The forms an English text may write an ISO subdivision name in."""
    name = _BRACKETS.sub(" ", name).strip()
    if "," in name:
        head, tail = name.split(",", 1)
        words = [w for w in _basic_key(tail).split() if w not in ("de", "del", "la", "el", "foral")]
        if all(w in _generic_words() for w in words):  # "Dagestan, Respublika", "Murcia, Región de"
            name = head.strip()
    forms: list[str] = []
    for variant in re.split(r"\s*/\s*", name):
        base = _strip_generic_surface(variant.strip())
        if not base:
            continue
        cands = [base]
        m = _ARTICLE.match(base)
        if m:
            cands.append(m.group(1))  # "Al Anbār" -> "Anbār"
        for c in list(cands):
            # Arabic transliteration: "Ar Raqqah" is written "Raqqa", "Mişrātah" "Misrata".
            if not c.isascii() and fold(c).lower().endswith("ah"):
                cands.append(c[:-1])
        forms.extend(cands)
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    import pycountry

    keys = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                keys.add(compact(place_key(v.split(",")[0])))
    for names in (_rules().get("country_names") or {}).values():
        keys.update(compact(place_key(n)) for n in names or [])
    return frozenset(keys)


def is_country(name: str) -> bool:
    """Whether a name is a country's ("Saudi Arabia", "saudi arabia")."""
    return compact(place_key(name)) in _country_keys()


def _needs_suffix(form: str, country_code: str) -> bool:
    key = place_key(form)
    if not key:
        return True
    words = key.split()
    if all(w in COMPASS_WORDS for w in words):
        return True
    listed = _rules().get("need_suffix") or {}
    for scope in ("*", country_code):
        if compact(key) in {compact(place_key(x)) for x in listed.get(scope) or []}:
            return True
    return compact(key) in _country_keys()


@lru_cache(maxsize=1)
def _subdivision_table(database_dir: str) -> list[dict]:
    import json
    import os

    with open(os.path.join(database_dir, "iso3166-2.json"), encoding="utf-8") as fh:
        return json.load(fh)["3166-2"]


@lru_cache(maxsize=1)
def _subdivision_index(database_dir: str) -> dict[str, list[dict]]:
    """The table's entries by country ("ML" for "ML-1"), each country's in the table's order:
    a corpus of one report per country looks its country up without a scan of the whole table."""
    index: dict[str, list[dict]] = {}
    for e in _subdivision_table(database_dir):
        index.setdefault(e["code"].split("-", 1)[0], []).append(e)
    return index


def _subdivisions(cc: str) -> list:
    """pycountry's ISO 3166-2 entries of one country.

    pycountry builds objects for all 5,000 subdivisions of the world on first access (about
    60 ms, paid on every run); reading its own table for the one country needed costs 6 ms.
    Falls back to the library's API if the table is not where pycountry says it keeps it."""
    from types import SimpleNamespace

    import pycountry

    try:
        if "-" in cc:  # no country's code: not in the index (whose keys are what comes before a "-")
            prefix = cc + "-"
            entries = [e for e in _subdivision_table(pycountry.DATABASE_DIR) if e["code"].startswith(prefix)]
        else:
            entries = _subdivision_index(pycountry.DATABASE_DIR).get(cc, ())
        return [SimpleNamespace(code=e["code"], name=e["name"], type=e.get("type", ""),
                                parent_code=e.get("parent")) for e in entries]
    except (OSError, KeyError, ValueError, AttributeError):
        try:
            return list(pycountry.subdivisions.get(country_code=cc) or [])
        except (KeyError, LookupError):
            return []


@cache
def regions(country_code: str) -> dict[str, RegionInfo]:
    """The first-level subdivisions of a country, by key ({} for an unknown code)."""
    cc = (country_code or "").upper()
    if not cc:
        return {}
    subs = _subdivisions(cc)
    top = [s for s in subs if not getattr(s, "parent_code", None)]
    found: dict[str, tuple[object, list[str]]] = {}
    for s in top:
        forms = _surface_forms(s.name)
        if not forms:
            continue
        key = place_key(forms[0])
        if key and key not in found:
            found[key] = (s, forms)
    aliases = (_rules().get("aliases") or {}).get(cc) or {}
    for alias, target in aliases.items():
        target_key = place_key(str(target))
        if target_key in found:
            found[target_key][1].append(str(alias).title())
    out: dict[str, RegionInfo] = {}
    for key, (s, forms) in found.items():
        pairs = tuple((f, _needs_suffix(f, cc)) for f in dict.fromkeys(forms))
        out[key] = RegionInfo(key=key, name=s.name, code=s.code, type=s.type, forms=pairs)
    return out


@cache
def country_names(country_code: str) -> tuple[str, ...]:
    """English names of the country itself ("Mali"; "Burma" for MM), for "northern Mali"."""
    import pycountry

    cc = (country_code or "").upper()
    names: list[str] = []
    c = pycountry.countries.get(alpha_2=cc) if cc else None
    if c is not None:
        for attr in ("common_name", "name"):
            v = getattr(c, attr, None)
            if v:
                names.append(v.split(",")[0].strip())
    names.extend((_rules().get("country_names") or {}).get(cc) or [])
    return tuple(dict.fromkeys(n for n in names if n))


def parts_rules() -> dict:
    """The `parts:` section of places.yml."""
    return _rules().get("parts") or {}
