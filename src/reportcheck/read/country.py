"""The country a report is about: ISO 3166-1 alpha-2 code and a display name.

Sources, first match wins: the file name stem ("mali-2020" -> ML, "burkina-faso" -> BF,
"cote-divoire" -> CI, "korea-democratic-peoples-republic-of" -> KP,
"china-includes-hong-kong-macau-and-tibet" -> CN), the page title / h1 of an HTML page
("Mali - United States Department of State", "2019 Country Reports on Human Rights
Practices: Mali"; "Gambia, The", "China (Includes Hong Kong, Macau, and Tibet)" and "Israel,
West Bank, and Gaza" count too), then the first short lines of the text (a line that is just a country
name, as in a page saved as text: "Mali", or the corpus header "mali 2019"), then a title among
them that names it at its end, as UN and NGO reports do ("Situation of human rights in Mali",
"Killings of Civilians in Central Mali, 2020", "Report on Myanmar").

Names are matched exactly (after folding case, accents, apostrophes and punctuation) against
pycountry's names, official names and common names, the part of a name before its comma when
that is unambiguous ("Bolivia, Plurinational State of" -> "bolivia"), and the names the State
Department uses that ISO does not (Burma, Turkey, Russia, Kosovo, Swaziland ...). In a file
name the longest run of words from the start that names a country wins, then any run of
words (longest first); a stem with no match at all is tried with pycountry.search_fuzzy,
accepted only when that finds exactly one country. Codes are never matched (so "in" or "us"
in a file name are not India or the United States).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import PurePath

# State Department (and common) names that pycountry does not know -> (alpha-2, display name).
_ALIASES: dict[str, tuple[str, str]] = {
    "burma": ("MM", "Burma"),
    "turkey": ("TR", "Turkey"),
    "russia": ("RU", "Russia"),
    "kosovo": ("XK", "Kosovo"),  # user-assigned code, used by the EU and most data sets
    "swaziland": ("SZ", "Eswatini"),
    "macedonia": ("MK", "North Macedonia"),
    "brunei": ("BN", "Brunei"),
    "laos": ("LA", "Laos"),
    "syria": ("SY", "Syria"),
    "vietnam": ("VN", "Vietnam"),
    "north korea": ("KP", "North Korea"),
    "south korea": ("KR", "South Korea"),
    "democratic peoples republic of korea": ("KP", "North Korea"),
    "republic of korea": ("KR", "South Korea"),
    "korea republic of": ("KR", "South Korea"),
    "democratic republic of the congo": ("CD", "Democratic Republic of the Congo"),
    "democratic republic of congo": ("CD", "Democratic Republic of the Congo"),
    "drc": ("CD", "Democratic Republic of the Congo"),
    "republic of the congo": ("CG", "Republic of the Congo"),
    "republic of congo": ("CG", "Republic of the Congo"),
    "congo brazzaville": ("CG", "Republic of the Congo"),
    "congo kinshasa": ("CD", "Democratic Republic of the Congo"),
    "ivory coast": ("CI", "Cote d'Ivoire"),
    "cape verde": ("CV", "Cabo Verde"),
    "east timor": ("TL", "Timor-Leste"),
    "micronesia": ("FM", "Micronesia"),
    "federated states of micronesia": ("FM", "Micronesia"),
    "kyrgyz republic": ("KG", "Kyrgyzstan"),
    "thebahamas": ("BS", "Bahamas"),
    "uraguay": ("UY", "Uruguay"),  # a misspelt page name in the corpus
    "palestine": ("PS", "Palestine"),
    "west bank and gaza": ("PS", "West Bank and Gaza"),
    "gaza": ("PS", "West Bank and Gaza"),
    "holy see": ("VA", "Holy See"),
    "vatican": ("VA", "Holy See"),
    "czech republic": ("CZ", "Czech Republic"),
    "united states": ("US", "United States"),
    "usa": ("US", "United States"),
    "uk": ("GB", "United Kingdom"),
    "great britain": ("GB", "United Kingdom"),
    "britain": ("GB", "United Kingdom"),
}
_STOP_WORDS = frozenset({"excerpt", "report", "human", "rights", "draft", "final", "copy", "trashed", "country"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")
_TITLE_SPLIT = re.compile(r"\s+[-|\u2013\u2014:]\s+|:\s*")
_HEAD_LINES = 40
_HEAD_LINE_MAX = 60


def _norm(name: str) -> str:
    """'Côte d'Ivoire' -> 'cote divoire'; 'The Gambia' -> 'gambia'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _APOSTROPHES.sub("", s)
    s = _NON_WORD.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, str]]:
    import pycountry  # lazy: ~40 ms, and only needed here

    index: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()

    def add(key: str, value: tuple[str, str]) -> None:
        if not key or len(key) < 4:
            return
        if key in index and index[key][0] != value[0]:
            ambiguous.add(key)
        index.setdefault(key, value)

    for c in pycountry.countries:
        display = getattr(c, "common_name", None) or c.name
        value = (c.alpha_2, display)
        for attr in ("name", "official_name", "common_name"):
            n = getattr(c, attr, None)
            if n:
                add(_norm(n), value)
                if "," in n:  # "Bolivia, Plurinational State of" -> "bolivia"
                    add(_norm(n.split(",")[0]), value)
    for key in ambiguous:  # "korea", "congo": only the aliases decide
        index.pop(key, None)
    for key, value in _ALIASES.items():
        index[_norm(key)] = value
    return index


def country_from_name(name: str) -> tuple[str, str] | None:
    """(alpha-2, display name) when `name` as a whole names a country, else None."""
    key = _norm(name)
    if not key:
        return None
    return _index().get(key)


def _words(stem: str) -> list[str]:
    return [w for w in _norm(stem).split() if not w.isdigit() and w not in _STOP_WORDS]


def country_from_stem(stem: str) -> tuple[str, str] | None:
    """The country a file name stem names (see the module docstring)."""
    words = _words(stem)
    if not words:
        return None
    index = _index()
    # Longest prefix first ("papua new guinea" before "papua"), then any run, longest first.
    for n in range(len(words), 0, -1):
        hit = index.get(" ".join(words[:n]))
        if hit:
            return hit
    for n in range(len(words) - 1, 0, -1):
        for i in range(1, len(words) - n + 1):
            hit = index.get(" ".join(words[i:i + n]))
            if hit:
                return hit
    phrase = " ".join(words)
    if len(phrase) >= 5:
        import pycountry

        try:
            found = pycountry.countries.search_fuzzy(phrase)
        except LookupError:
            return None
        if len(found) == 1:
            c = found[0]
            return c.alpha_2, getattr(c, "common_name", None) or c.name
    return None


def country_from_meta(meta) -> tuple[str, str] | None:
    """The country a page's h1 / og:title / title names."""
    if meta is None:
        return None
    for title in (getattr(meta, "h1", None), getattr(meta, "og_title", None), getattr(meta, "title", None)):
        if not title:
            continue
        for part in reversed(_TITLE_SPLIT.split(title)):  # "2019 Country Reports ...: Mali"
            hit = _relaxed(part)
            if hit:
                return hit
    return None


_PARENS = re.compile(r"\([^)]*\)")


def _relaxed(name: str) -> tuple[str, str] | None:
    """The name as a whole; else without "(...)" and ", The"; else its part before a comma
    ("China (Includes Hong Kong, Macau, and Tibet)", "Gambia, The", "Israel, West Bank, and Gaza")."""
    hit = country_from_name(name)
    if hit:
        return hit
    bare = _PARENS.sub(" ", name)
    bare = re.sub(r",\s*the\s*$", "", bare.strip(), flags=re.I)
    hit = country_from_name(bare)
    if hit or "," not in bare:
        return hit
    return country_from_name(bare.split(",")[0])


_YEAR_WORD = re.compile(r"(?<![0-9])(?:19|20)\d\d(?![0-9])")
_HEADER_TAIL = re.compile(r"(?i)\s*(?:\d{4}\s+)?human\s+rights\s+report\s*$")


def country_from_text(text: str) -> tuple[str, str] | None:
    """The first short line near the top of the text that is just a country name."""
    seen = 0
    for line in text[:5000].splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if len(line) > _HEAD_LINE_MAX:
            continue
        candidate = _HEADER_TAIL.sub("", _YEAR_WORD.sub(" ", line)).strip()
        hit = _relaxed(candidate) if candidate else None
        if hit:
            return hit
    return None


_TITLE_TAIL = re.compile(r"\b(?:in|on|of|for)\s+(?:the\s+)?([^\W\d][^,;:()]*?)[\s,.;:]*(?:\d{4})?\s*$", re.I)


def country_from_title(text: str) -> tuple[str, str] | None:
    """A title among the first short lines that ends in a country's name, after "in", "on",
    "of" or "for" ("Situation of human rights in Mali"); the last one to four words of what
    follows are tried ("Central Mali" -> Mali)."""
    seen = 0
    for line in text[:5000].splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if len(line) > 120 or "|" in line:
            continue
        m = _TITLE_TAIL.search(line)
        if not m:
            continue
        words = m.group(1).split()
        for n in range(min(4, len(words)), 0, -1):
            hit = _relaxed(" ".join(words[-n:]))
            if hit:
                return hit
    return None


def detect_country(path, text: str, meta=None) -> tuple[str | None, str | None]:
    """(alpha-2, display name) of the report's country, (None, None) when unknown."""
    hit = country_from_stem(PurePath(str(path)).stem) or country_from_meta(meta) or country_from_text(text) \
        or country_from_title(text)
    return hit if hit else (None, None)
