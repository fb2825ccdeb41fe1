"""What a figure counts, who, by whom and according to whom: read from its sentence.

The word lists are declared in the rule file (`measures`, `victims`); this module holds the
grammar that applies them: which words around a number to look at, and in what order.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

_WORD = re.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*|%|\$")
# Words that end a noun phrase after a number.
_NP_STOP = {
    "and", "or", "but", "were", "was", "are", "is", "had", "have", "has", "been", "be", "in", "on", "at", "by",
    "from", "to", "during", "who", "whom", "that", "which", "since", "while", "after", "before", "for",
    "with", "as", "into", "between", "among", "including", "when", "where", "than", "per", "across", "throughout",
    "under", "over", "within", "out", "of", "the", "a", "an", "their", "his", "her", "its", "these", "those", "due",
}
_SCALE_WORD = re.compile(r"^\s*(?:million|billion|thousand)?\s*([\p{L}]+)")
_ASIDE = re.compile(r",[^,]*,")
_DIGIT = re.compile(r"\d")
_LEAD_ARTICLE = re.compile(r"^(?:the|an?|members\s+of\s+the|members\s+of)\s+", re.I)
_SPACES = re.compile(r"\s+")
_OF_NOUN = re.compile(r"\s+of\s+((?:[\p{L}\-]+\s*){1,3})")
_INCLUDING_ASIDE = re.compile(r",\s*including[^,]*,")
_OF_THE_NOUN = re.compile(r"\s*of\s+(?:the|these|those)\s+((?:[\p{L}\-]+\s*){1,2})")
# measures that are units of the number itself, not what a list of counts is about
UNIT_MEASURES = {"percent", "money", "age", "duration", "distance", "area"}
_ADDITIVE = re.compile(r"\b(?:additional|another|further|more|others|other|extra)\b", re.I)
_LIST_NOUNLESS = re.compile(r"^\s*(?:by|in|from|for|at|on|,|;|\)|and\b|were\b|was\b)", re.I)


# A phrase table: first word -> [(phrase words, value)], longest phrase first, so that matching
# a word list costs one dictionary look-up per word instead of a scan of every phrase.
PhraseTable = dict[str, list[tuple[tuple[str, ...], str]]]


def _table(pairs: list[tuple[str, str]]) -> PhraseTable:
    out: PhraseTable = {}
    for phrase, value in pairs:
        words = tuple(phrase.split())
        if words:
            out.setdefault(words[0], []).append((words, value))
    for entries in out.values():
        entries.sort(key=lambda e: -len(e[0]))
    return out


@dataclass
class Lexicon:
    measure_nouns: PhraseTable
    measure_verbs: PhraseTable
    victims: PhraseTable


@lru_cache(maxsize=8)
def _lexicon_cached(measures: tuple, victims_items: tuple) -> Lexicon:
    nouns, verbs, vict = [], [], []
    for measure, measure_nouns, measure_verbs in measures:
        nouns.extend((str(n).lower(), measure) for n in measure_nouns)
        verbs.extend((str(v).lower(), measure) for v in measure_verbs)
    for cls, words in victims_items:
        for w in words or ():
            vict.append((str(w).lower(), cls))
    return Lexicon(_table(nouns), _table(verbs), _table(vict))


def lexicon(rules: dict) -> Lexicon:
    """The measure and victim phrase tables of the rules (cached by their content)."""
    measures = tuple((k, tuple((spec or {}).get("nouns") or ()), tuple((spec or {}).get("verbs") or ()))
                     for k, spec in (rules.get("measures") or {}).items())
    victims = tuple((k, tuple(v or ())) for k, v in (rules.get("victims") or {}).items())
    return _lexicon_cached(measures, victims)


def _match_phrase(words: list[str], table: PhraseTable) -> str | None:
    """The value of the earliest whole-word phrase of `table` found in `words` (longest first)."""
    for i, w in enumerate(words):
        for pw, value in table.get(w, ()):
            if tuple(words[i:i + len(pw)]) == pw:
                return value
    return None


def _ends_with(words: list[str], table: PhraseTable) -> str | None:
    """The value of the longest table phrase that `words` end with."""
    best = None
    for i in range(len(words)):
        for pw, value in table.get(words[i], ()):
            if tuple(words[i:]) == pw and (best is None or len(pw) > best[0]):
                best = (len(pw), value)
    return best[1] if best else None


def _words(s: str) -> list[str]:
    return [w.lower().rstrip("'’") for w in _WORD.findall(s)]


def noun_phrase(after: str) -> tuple[list[str], int]:
    """The words right after a number up to the first function word or punctuation.

    Returns the lower-cased words and the length of text they cover."""
    words = []
    end = 0
    for m in _WORD.finditer(after):
        gap = after[end:m.start()]
        if any(c in gap for c in ",;:.()[]\u2013\u2014") or (words and "-" in gap.strip()) or any(
                c.isdigit() for c in gap):
            break
        w = m.group().lower().rstrip("'’")
        if w in _NP_STOP or len(words) >= 4:
            break
        words.append(w)
        end = m.end()
    return words, end


@lru_cache(maxsize=1)
def currency_words() -> tuple[frozenset[str], frozenset[str]]:
    """Currency names (last word, singular and plural: "dirham", "francs") and ISO codes, from pycountry."""
    import pycountry

    names, codes = set(), set()
    for c in pycountry.currencies:
        codes.add(c.alpha_3)
        last = c.name.split()[-1].lower()
        if last.isalpha() and len(last) > 2 and last not in {"fund", "unit", "gold", "silver", "platinum"}:
            names.update({last, last + "s"})
    return frozenset(names), frozenset(codes)


_CURRENCY_SYMBOL = re.compile(r"(?:[$€£¥₦₹₱₩₪₫₴₸₺₼₽]|\b[A-Z]{1,3}\$)\s*$")
_ISO_BEFORE = re.compile(r"\b([A-Z]{3})\s*$")
_ISO_AFTER = re.compile(r"^\s*(?:million|billion|thousand|trillion)?\s*\(?([A-Z]{3})\b")
# "3,782-acre", "16-year-old", "10-day": the number is part of an adjective with its unit
_UNIT_COMPOUND = re.compile(r"^-(\p{L}+)")
_UNITS = {"acre": "area", "hectare": "area", "year": "duration", "month": "duration", "day": "duration",
          "week": "duration", "hour": "duration", "minute": "duration", "mile": "distance",
          "kilometer": "distance", "kilometre": "distance", "meter": "distance", "metre": "distance",
          "foot": "distance", "percent": "percent"}


def money_or_unit(text: str, start: int, end: int) -> str | None:
    """The measure a number has from its unit alone: money ("$50", "500 dirhams", "MWK 201
    million"), area, duration or distance in a compound ("3,782-acre", "10-day"), age ("16-year-old")."""
    before, after = text[max(0, start - 6):start], text[end:end + 30]
    m = _UNIT_COMPOUND.match(after)
    if m:
        unit = m.group(1).lower()
        if unit == "year" and after[m.end():m.end() + 4].lower() == "-old":
            return "age"
        return _UNITS.get(unit.rstrip("s"))
    names, codes = currency_words()
    if _CURRENCY_SYMBOL.search(before):
        return "money"
    m = _ISO_BEFORE.search(before)
    if m and m.group(1) in codes:
        return "money"
    m = _ISO_AFTER.match(after)
    if m and m.group(1) in codes:
        return "money"
    w = _WORD.search(after[:25])
    if w and after[:w.start()].strip() in ("", "million", "billion") and w.group().lower() in names:
        return "money"
    w2 = _SCALE_WORD.match(after)
    if w2 and w2.group(1).lower() in names:
        return "money"
    return None


@dataclass
class FigureContext:
    noun: str
    measure: str
    who: str
    perpetrator: str
    additive: bool


_VERB_AFTER = re.compile(
    r"^[^.;\d]{0,60}?\b(?:were|was|had\s+been|have\s+been|has\s+been|are|been|being|got|remained)\s+"
    r"(?:(?:\p{L}+ly|also|then|later|reportedly|allegedly|all)\s+){0,2}(\p{L}+(?:\s+\p{L}+)?)", re.I)
_BY = re.compile(r"^[^.;\d]{0,80}?\bby\s+((?:members\s+of\s+)?(?:the\s+|an?\s+)?[^,;.()\d]{2,60}?)"
                 r"(?=\s*(?:[,;.()]|\bin\b|\bon\b|\bduring\b|\bwho\b|\bthat\b|\bwhile\b|\band\s+\d|$))", re.I)
_SUBJECT_VERB = re.compile(
    r"\s+(?:were\s+|was\s+)?(?:allegedly\s+|reportedly\s+|also\s+)?"
    r"(?:responsible\s+for|committed|accounted\s+for|killed|perpetrated|carried\s+out|resulted\s+in|"
    r"detained|arrested|abducted|kidnapped|executed|injured|wounded)"
    r"(?:\s+the\s+deaths?\s+of)?\s*$", re.I)
# where the subject of "HTS killed 16 civilians" starts: after a clause break, or after a
# reporting verb ("The SNHR documented HTS killed ...": HTS, not the SNHR)
_SUBJECT_START = re.compile(r"(?:[,;:(]|\bthat\b|\bwhile\b|\bwhereas\b|\b[Aa]mong\s+(?:these|them)\b|"
                            r"\b(?:documented|reported|said|noted|stated|found|confirmed|estimated|recorded|"
                            r"alleged|claimed)\b)", re.I)
_PAREN_NAME = re.compile(r"(?:by\s+)?(?:members\s+of\s+)?((?:the\s+)?[\p{Lu}\d][^,;()]{1,60}?)\s*$")


def _strip_commas(s: str) -> str:
    # drop ", often by ethnic militias," style asides so the head of the subject remains
    return _ASIDE.sub("", s)


def perpetrator_of(before: str, after: str) -> str:
    m = _BY.match(after)
    if m:
        return _clean_np(m.group(1))
    stripped = _strip_commas(before)
    m = _SUBJECT_VERB.search(stripped)
    if m:
        head = stripped[:m.start()]
        cuts = [c.end() for c in _SUBJECT_START.finditer(head)]
        subj = head[cuts[-1]:] if cuts else head
        if not _DIGIT.search(subj) and 0 < len(subj.split()) <= 10:
            return _clean_np(subj)
    return ""


def _clean_np(s: str) -> str:
    s = _LEAD_ARTICLE.sub("", s.strip())
    s = _SPACES.sub(" ", s).strip(" ,")
    return s[:80]


def figure_context(text: str, sent_start: int, sent_end: int, start: int, end: int, lex: Lexicon,
                   prev: FigureContext | None, qualifier_text: str, np: tuple | None = None) -> FigureContext:
    """Read the measure, noun, victims and perpetrator of the figure text[start:end]. `np`: the
    noun phrase after it, when the caller has read it already (noun_phrase of the same words)."""
    after = text[end:min(sent_end, end + 140)]
    before = text[max(sent_start, start - 160):start]
    unit = money_or_unit(text, start, end)
    if unit:
        return FigureContext(noun="", measure=unit, who="", perpetrator="", additive=False)
    np_words, np_len = np if np is not None else noun_phrase(after)
    noun = " ".join(np_words)
    measure = None
    # 1. "82 killings", "20 injured", "six forcibly disappeared", "nine soldiers dead"
    if np_words:
        measure = _match_phrase(np_words, lex.measure_nouns) or _match_phrase(np_words, lex.measure_verbs)
        # "164 cases of recruitment", "56 instances of torture": the "of" noun is more specific
        rest = after[np_len:]
        of = _OF_NOUN.match(rest)
        if of and (measure in (None, "cases", "attacks")):
            specific = _match_phrase(_words(of.group(1)), lex.measure_nouns) or _match_phrase(
                _words(of.group(1)), lex.measure_verbs)
            if specific and specific not in ("cases", "attacks"):
                measure = specific
    # 2. a verb or noun right before: "killing at least 29", "the deaths of at least 250"
    if measure is None:
        bw = _words(before)[-4:]
        measure = _ends_with(bw, lex.measure_verbs)
        if measure is None and len(bw) >= 2 and bw[-1] == "of":
            measure = _ends_with(bw[:-1], lex.measure_nouns)
    # 3. a verb after the noun: "30 soldiers were killed", "14 persons, including two children, were killed"
    if measure is None:
        tail = _INCLUDING_ASIDE.sub("", after)
        m = _VERB_AFTER.match(tail)
        if m:
            measure = _match_phrase(_words(m.group(1)), lex.measure_verbs)
    # 4. a list or a parenthetical takes the measure of the figure before it
    additive = bool(_ADDITIVE.search(qualifier_text)) or (np_words[:1] in (["others"], ["more"], ["other"]))
    if (measure is None and prev is not None and prev.measure not in UNIT_MEASURES
            and (not np_words or np_words[0] in ("others", "more", "other") or _LIST_NOUNLESS.match(after))):
        # a list takes the measure of its head ("164 cases ..., which included 127 by ..., 21 by
        # ..."); a unit does not carry over ("five years' imprisonment ..., four of the 10")
        measure = prev.measure
    if measure is None and before.rstrip().endswith("("):
        # "the G5 Sahel Joint Force (18)": the sentence's own measure word
        words = _words(text[sent_start:start])
        for i in range(len(words) - 1, -1, -1):
            hit = _match_phrase(words[i:i + 2], lex.measure_nouns)
            if hit:
                measure = hit
                break
    who = _match_phrase(np_words, lex.victims) if np_words else None
    # "30 soldiers were killed and 20 injured", "five others": the people of the figure before
    bare = not np_words or np_words[0] in ("others", "more", "other") or all(
        _match_phrase([w], lex.measure_nouns) or _match_phrase([w], lex.measure_verbs) for w in np_words)
    if who is None and prev is not None and bare:
        who = prev.who
    if who is None and not np_words:
        # "the deaths of at least 350 civilians" covered above; "13 of the suspects"
        of = _OF_THE_NOUN.match(after)
        if of:
            who = _match_phrase(_words(of.group(1)), lex.victims)
    perp = perpetrator_of(before, after)
    if not perp and before.rstrip().endswith("("):
        m = _PAREN_NAME.search(before.rstrip()[:-1])
        if m:
            perp = _clean_np(m.group(1))
    return FigureContext(noun=noun, measure=measure or "", who=who or "", perpetrator=perp, additive=additive)


_SOURCE = [
    re.compile(r"\b[Aa]ccording\s+to\s+(?:the\s+|a\s+|an\s+)?([^,;.]{2,80}?)(?=,|;|\.|$)"),
    re.compile(r"(?:^|\bthat\s+|,\s+|;\s+)((?:the\s+)?(?:[\p{Lu}][\p{L}\p{M}'’\-]*(?:\s+|$)){1,7})"
               r"(?:also\s+|furthermore\s+|further\s+|similarly\s+)?"
               r"(?:reported|documented|stated|noted|alleged|verified|recorded|estimated|announced|said|confirmed|"
               r"counted|found|claimed|asserted|indicated|registered|calculated)\b"),
]


def source_of(sentence: str) -> str:
    for pat in _SOURCE:
        m = pat.search(sentence)
        if m:
            return _clean_np(m.group(1))
    return ""
