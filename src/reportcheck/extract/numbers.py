"""Figures as written: every number in a span of text, with its qualifier, as an interval.

Public API
----------
find_numbers(text, rules, start=0, end=None) -> list[NumberMention]
    Every quantity in text[start:end], sorted by start. Offsets are absolute indices into
    `text`. Digits ("2,000", "1.1 million", "2.12 billion"), number words ("five",
    "twenty-one", "three hundred", "two dozen"), ranges ("between 10 and 15", "10-15",
    "two or three", "five to 10") and vague quantities ("several", "dozens", "hundreds of
    thousands") become mentions; dates, years, times, ordinals and identifiers do not (see
    skipped_identifiers). A numeric token that is none of these and cannot be read is still
    a mention: value None, [0, inf), qualifier and kind "unparsed".
skipped_identifiers(text, start=0, end=None, rules=None) -> list[(start, end, reason)]
    The numeric tokens find_numbers deliberately did not emit, with why:
    "name" (G5, COVID-19, M5-RFP, "Channel One", "1+1", "Ukraina 24" in a list of names),
    "ordinal" (33rd), "time" (11 a.m., 10:30),
    "reference" (Section 1, 1.g, Article 12, Law 2017-012, UNSCR 1325, phone numbers),
    "year" (a bare 1900-2099 that is not a count), "date" (the day in "May 11", "July 10-13",
    "11 May", 12/03/2020).
number_tokens(text, start=0, end=None) -> list[(start, end)]
    Every numeric token (digit runs, with a scale word when one follows: "1.1 million"; number
    words that are quantities: not "no one", "one another"). Every token is covered by a
    mention of find_numbers or by a span of skipped_identifiers (the reconciliation a caller
    can check; the date extractor claims the "date"/"year" ones).
unit_of(text, mention) -> "percent" | "money" | "fraction" | None
    What the number measures when the text says so right next to it ("82 percent", "82%",
    "$5 million", "2.12 billion CFA francs"; "two-thirds", "1/3" are "fraction": value 0.667).
    The mention span never includes a percent sign or currency, but does include "-thirds".

Decisions (documented here because the caller depends on them)
----------------------------------------------------------------
* The qualifier table comes from the rule file (config.qualifiers): the longest phrase that
  ends right before the number wins ("no more than" over "more than"). A qualifier entry may
  also carry `suffixes` (read from the rule file, e.g. "or more"), matched right after the
  number: "10 or more" is at_least [10, inf).
* Phrases of the "exact" entry ("another 25", "an additional 15") are kept in `text` so the
  caller can see "another"/"additional"; qualifier is "exact" with or without a phrase.
* Ranges: kind "range", qualifier "range", value None, [A, B] (A <= B required). With a
  qualifier before ("approximately 10-15") the qualifier key is used and the interval is
  [q(A).low, q(B).high]. A scale word on B applies to A: "between 5 and 10 million".
  "from A to B" is two numbers (a change), unless "ranging from A to B".
* Vague quantities (config.vague_quantities): kind "vague", value None, qualifier "vague",
  interval from the table. A table entry with low == high ("a dozen": [12, 12]) is a number:
  value 12, kind "words". A following scale word multiplies ("several hundred" [300, 900]).
  "dozens, if not hundreds," (also "X or even Y", "X or Y", "X to Y") is ONE vague mention
  with the union of the two intervals ([24, 1999] with the default table): the writer claims
  at least the first and allows the second. A qualifier before a vague word applies to both
  ends ("more than a dozen" [13, inf), "at least several hundred" [300, inf)). Vague words
  are dropped when they overlap a number, and "many"/"few" after how/so/too/as ("as many
  as 30" is a qualifier) or before "as" are not quantities; "scores" needs "of".
* Fractions ("two-thirds", "one-half", "1/3") are numbers with the share as value (0.667);
  a qualifier on them is read in hundredths ("more than one-half" [0.51, inf)).
  "two and one-half years" is 2.5. Malformed digits ("1,00", "5,6"), ratios ("70/30") and
  slash names ("8/365") are "unparsed".
"""
from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..config import load_rules, qualifiers, vague_quantities
from ..model import NumberMention
from . import money

__all__ = ["find_numbers", "skipped_identifiers", "number_tokens", "unit_of", "analyse", "Analysis"]

INF = math.inf

# --- vocabulary -----------------------------------------------------------------------------

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS)}
_WORD_VALUE.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000,
           "crores": 10_000_000}

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\.")

# A word right before the number that makes it a reference (case-insensitive).
_REF_WORDS = {
    "section", "sections", "article", "articles", "art.", "arts.", "resolution", "resolutions",
    "res.", "law", "laws", "decree", "decrees", "ordinance", "ordinances", "act", "code",
    "chapter", "chapters", "paragraph", "paragraphs", "para.", "paras.", "clause", "clauses",
    "title", "annex", "appendix", "protocol", "protocols", "convention", "conventions",
    "regulation", "regulations", "directive", "directives", "no.", "nos.", "n°", "nº", "#",
    "unscr", "item", "items", "volume", "vol.", "page", "pages", "p.", "pp.", "route",
    "highway", "flight", "phase", "tier", "category", "grade", "grades", "amendment",
    "amendments", "bill", "decision", "decisions", "circular", "rule", "rules", "cell", "block",
    "ward", "zone", "sector", "case", "cases", "file", "docket", "order", "provision",
    "provisions", "subsection", "subsections", "subparagraph", "part", "ilo", "level", "iso",
}
# Of those, words that are only a reference when capitalised ("Case 5", "Zone 2"; not "in case 5").
_WEAK_REF_WORDS = {"case", "cases", "level", "part", "order", "block", "cell", "ward", "zone", "sector",
                   "bill", "rule", "rules", "file", "item", "items", "phase", "tier", "category"}
# Nouns that make a bare 1900-2099 a count rather than a year ("2013 persons").
_COUNT_NOUNS = {
    "persons", "people", "individuals", "cases", "civilians", "deaths", "victims", "children",
    "women", "men", "girls", "boys", "prisoners", "detainees", "refugees", "migrants",
    "students", "soldiers", "families", "households", "complaints", "incidents", "members",
    "workers", "officers", "troops", "killings", "arrests", "inmates", "asylum", "others",
    "employees", "applications", "requests", "police", "fighters",
}
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}
_UNIT_SUFFIX = {"km", "kg", "m", "mm", "cm", "ha", "kw", "mw", "gb", "mb", "h", "hrs", "hr",
                "sq", "kms", "g", "t", "bn", "mn", "k", "l", "ml", "x"}
# Lower-case prefixes before "-digits" that do not make a name ("mid-2019", "under-18").
_HYPHEN_PREFIX_OK = {"mid", "pre", "post", "non", "under", "over", "anti", "top", "to", "and",
                     "or", "late", "early", "end", "a", "the", "some", "than", "about",
                     "ages", "age", "aged", "grades", "from", "between", "upto"}

# "one" that is not a count.
_ONE_BEFORE_NOT = {"no", "any", "every", "each", "the", "this", "that", "which", "some", "no-",
                   "last", "only", "such", "little", "loved", "young", "right", "wrong",
                   "other", "one", "another", "whichever", "whatever"}
_ONE_AFTER_NOT_RX = re.compile(r"\s*(?:another\b|['’]s\b|by\s+one\b|after\s+another\b|and\s+the\s+same\b|"
                               r"or\s+another\b|way\s+or\b|must\b|should\b|can\b|cannot\b|"
                               r"could\b|might\b|would\b|may\b)", re.I)
_FRACTION_AFTER_RX = re.compile(r"[-\s](?P<d>thirds?|halves|half|quarters?|fifths?|sixths?|sevenths?|"
                                r"eighths?|ninths?|tenths?|fourths?)(?![\w-])", re.I)
_FRACTION_TAIL_RX = re.compile(r"(?:[-\s](?:thirds?|halves|half|quarters?|fifths?|sixths?|sevenths?|"
                               r"eighths?|ninths?|tenths?|fourths?)|^\d/\d{1,2})$", re.I)
_DENOMINATOR = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
                "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# "two and one-half years", "two and a half million", "five and a quarter", "two and three-quarters"
_HALF_AFTER_RX = re.compile(r"\s+and\s+(?P<n>a|one|two|three)[-\s](?P<d>half|thirds?|quarters?)(?![\w-])"
                            r"(?P<sc>\s+(?:hundred|thousand|million|billion)\b)?", re.I)
# Scale words and their abbreviations after digits ("2.1 billion", "1.2 bn", "1.5 lakh").
_DIGIT_SCALES = {**_SCALES, "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000,
                 "bn": 1_000_000_000, "bln": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000}
# ... glued to them: "10k", "€10M", "$5bn"; "m", "b" and "tn" only for money ("5m" is five metres)
_GLUED_SCALES = {"k": 1_000, "K": 1_000, "M": 1_000_000, "bn": 1_000_000_000, "mn": 1_000_000,
                 "mln": 1_000_000, "bln": 1_000_000_000}
_GLUED_MONEY_SCALES = {"m": 1_000_000, "b": 1_000_000_000, "B": 1_000_000_000, "tn": 1_000_000_000_000}
# Fractions written as one character ("1½ million", "¾ of").
_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5,
           "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}
_VULGAR_RX = re.compile("[" + "".join(_VULGAR) + "]")
# A fraction's words as a share: "half", "a third", "a quarter" ("a third of the schools"; not
# "a third attack", "the first half of 2020", "half-brother").
_SHARE_WORDS = {"half": 2, "a half": 2, "a third": 3, "a quarter": 4, "a fourth": 4, "a fifth": 5,
                "a sixth": 6, "an eighth": 8, "a tenth": 10}
_SHARE_OF_RX = re.compile(r"\s+of\b", re.I)
_HALF_THE_RX = re.compile(r"\s+(?:the|its|their|his|her|our|all|these|those)\b", re.I)
_HALF_NOT_AFTER = {"first", "second", "latter", "former", "other", "last", "next", "the", "a", "an", "each",
                   "every", "both", "one", "its", "their"}

_NOT_A_NUMBER = "-"  # a token that is no number at all ("no one"): dropped everywhere
# Currency written before the digits without a space: RM200,000, Rs5,000, KSh1,000, R1.5 million.
# A single letter only counts with a grouped, decimal or scaled number ("N1" is a TV channel).
_CURRENCY_GLUED_RX = re.compile(r"(?<![A-Za-z])(RM|Rs\.?|Tk|KSh|Ksh|TSh|USh|Ush|Sh|MK|ZK|Rp|Br|Le|Nu|GH₵|GHS|NGN|KES|"
                                r"EUR|USD|GBP|XOF|XAF|CFA|FCFA|HK\$|NT\$|R|P|K|N|E|L)$")
_SENTENCE_START_CHARS = set(".!?:;\"“”'‘’([\n\r\t•–—-*")


def _trie_pattern(words) -> str:
    """A regex alternation of `words` as a prefix trie (fast to match, longest first)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = []
        end = False
        for ch, sub in sorted(node.items(), key=lambda kv: kv[0]):
            if ch == "":
                end = True
                continue
            alts.append(re.escape(ch) + emit(sub))
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return emit(trie)


# "fifty-two", "fifty two", "fifty - two"
_SMALL = (r"(?:(?:" + _trie_pattern(_TENS) + r")(?:(?:[ \t]*-[ \t]*|\s)(?:" + _trie_pattern(_UNITS[1:10]) + r")\b)?"
          r"|(?:" + _trie_pattern(_UNITS) + r"))\b")
_HUNDREDS = rf"(?:(?:{_SMALL}|a)[\s-]+hundred\b(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
_BIG = r"(?:thousand|million|billion|trillion|lakhs?|crores?)\b"
_BIG_RX = re.compile(_BIG, re.I)
# groups of hundreds joined by scale words, each group after a scale word ("one million two
# hundred thousand", "fifty-two thousand three hundred and eight"); "half a million" is 500,000
_WORDNUM = (rf"(?:(?:{_SMALL}|half\s+a)\s+dozen\b|half\s+a\s+(?:hundred\b|{_BIG})"
            rf"|(?:{_HUNDREDS}|a(?=\s+{_BIG}))(?:[\s-]+{_BIG}(?:\s+(?:and\s+)?{_HUNDREDS})?)*)")

# Numeric tokens are found by patterns that begin with a plain character or character class
# and no look-around: Python's engine then skips every position that cannot start a match in C
# (a leading look-behind or IGNORECASE disables that and makes the scan 4-6x slower).
_DIGIT_TOKEN_RX = re.compile(
    r"(?P<digits>\d+(?:[.,]\d+)*)"
    r"(?:(?P<slash>(?:/\d+)+)"
    r"|(?P<colon>:\d{2}(?::\d{2})?(?![\d:]))"
    r"|(?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]?)"
    r"(?P<dscale>[\s-]+(?i:hundred|thousand|million|billion|trillion|lakhs?|crores?|bn|bln|mn|mln)\b(?![-‑]\d))?"
    r"(?P<dsuffix>[A-Za-z]+)?)"
)
# Telephone numbers: "+223 20 22 33 44", "(202) 555-1234"; "202-555-1234" and "20 22 33 44"
# are checked at the digit token (_PHONE_AT_RX).
_PHONE_RX = re.compile(r"(?:\+\d{1,3}[\s.-]?(?:\(\d+\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,4}){2,}"
                       r"|\(\d{3}\)\s?\d{3}-\d{4})(?!\d)")
_PHONE_AT_RX = re.compile(r"(?:\d{3}-\d{3}-\d{4}|\d{2}(?: \d{2}){3,}|0\d{2,4}(?:[ -]\d{2,4}){2,})(?!\d|,\d)")
# Digits grouped by spaces: "1 234 567", "12 000" with a no-break or thin space (one group after
# an ordinary space is two numbers: "on May 5 200 protesters").
_SPACE_GROUPS_RX = re.compile(r"(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))+(?![.,]\d)")
# "2 1/2 years"
_MIXED_RX = re.compile(r"[ \u00a0](?P<n>[1-9])/(?P<d>[2-9]|1[0-6])(?![\d/])")
# "3 hundred and 21", "2 million 500 thousand", "5 thousand 200"
_COMPOUND_RX = re.compile(r"\s+(?:and\s+)?(?P<n>\d{1,3})(?![\d.,/:])"
                          r"(?:\s+(?P<s>hundred|thousand|million|billion)\b)?", re.I)
# Web addresses and e-mail addresses: their digits are no figures ("%20", "/2019/10/01/")
_URL_RX = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+")
_EMAIL_RX = re.compile(r"@[\w-]+(?:\.[\w-]+)+")


def _cased_trie(phrases) -> str:
    """A case-sensitive trie alternation of phrases as written, Capitalised and UPPER (a
    pattern the engine can prefix-scan, unlike an IGNORECASE one); a space matches any run of
    white space."""
    variants = set()
    for p in phrases:
        p = " ".join(p.split())
        variants |= {p.lower(), p[:1].upper() + p[1:].lower(), p.upper()}
    return _trie_pattern(sorted(variants)).replace("\\ ", r"\s+")


_WORD_FIRST = _UNITS + _TENS + ["a hundred", "a thousand", "a million", "a billion", "a trillion", "half a dozen",
                                 "half a hundred", "half a thousand", "half a million", "half a billion"]
_WORD_FULL_RX = re.compile(_WORDNUM, re.I)
_WORD_BEFORE_NOT = set("’'-_")
# A word-like token starts the text or follows one of these (the candidate pattern consumes it:
# scanning only after blanks and brackets is much faster than testing every letter).
_WORD_OPENERS = r"[\s(\[“\"‘/–—]"


def _candidate_rx(vague_phrases) -> re.Pattern:
    """One pass for number words (group w: the first word, completed by _WORD_FULL_RX) and
    vague quantities (group v)."""
    alts = rf"(?P<w>{_cased_trie(_WORD_FIRST)})(?![A-Za-z])|(?P<f>{_cased_trie(_SHARE_WORDS)})(?![\w-])"
    if vague_phrases:
        alts += rf"|(?P<v>{_cased_trie(vague_phrases)})(?![\w-])"
    # no "^|" here: an alternative without a first character disables the fast scan; the
    # start of the span is tried separately with the same pattern minus the opener.
    return re.compile(rf"{_WORD_OPENERS}(?:{alts})"), re.compile(rf"(?:{alts})")


def _word_matches(text: str, start: int, end: int, cand_rx):
    """(kind, start, end) of number-word phrases ("five", "twenty-one", "three hundred and five")
    and vague quantities in text[start:end]."""
    pos = start
    search = cand_rx[0].search
    full = _WORD_FULL_RX.match
    first = True
    while True:
        m = None
        if first:
            first = False
            if start < end and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in _WORD_BEFORE_NOT)):
                m = cand_rx[1].match(text, start, end)
        if m is None:
            m = search(text, pos, end)
        if not m:
            return
        if m.group("w") is not None:
            s = m.start("w")
            f = full(text, s, end)
            if not f:
                pos = m.end()
                continue
            e = _descending(text, s, f.end())
            yield "words", s, e
            pos = e
        elif m.group("f") is not None:
            yield "share", m.start("f"), m.end("f")
            pos = m.end()
        else:
            yield "vague", m.start("v"), m.end("v")
            pos = m.end()


def _descending(text: str, s: int, e: int) -> int:
    """Where a number in words ends: its scale words descend ("one million two hundred thousand");
    "one million and five million" is two numbers, the first ending at its scale word."""
    last = INF
    prev_end = e
    for m in _BIG_RX.finditer(text, s, e):
        v = _SCALES[m.group().lower()]
        if v >= last:
            return prev_end
        last, prev_end = v, m.end()
    return e


_MONTH_BEFORE_RX = re.compile(rf"(?:\b(?:{_MONTHS}))\s+$")
_MONTH_AFTER_RX = re.compile(rf"\s+(?:of\s+)?(?:{_MONTHS})(?![A-Za-z])")
_TIME_AFTER_RX = re.compile(r"\s*(?:a\.?m\.?|p\.?m\.?|o['’]clock)(?![A-Za-z])"
                            r"|\s*(?:-|–|to|and)\s*\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?![A-Za-z])"
                            r"|\s+hours?\s+(?:GMT|UTC|local)\b", re.I)
_SECTION_REF_AFTER_RX = re.compile(r"\.[a-z](?![A-Za-z])")
_CLOCK_BEFORE_RX = re.compile(r"\b(?:half|quarter)\s+(?:past|to)\s+$", re.I)
_MARGIN_BEFORE_RX = re.compile(r"(?:±|\+/-|\+/−|\+-)\s*$")
_MARGIN_AFTER_RX = re.compile(r"\s*(?:±|\+/-|\+/−|\+-)\s*")
_CHAIN_DATE_RX = re.compile(r",?\s*(?:-|–|—|and|to|through|until|or|&)\s*$|\s*,\s*$", re.I)
_CHAIN_REF_RX = re.compile(r"\s*(?:-|–|—|/|and|to|through|or|&|,|,\s*and|,\s*or)\s*$", re.I)
_COUNTED_AFTER_RX = re.compile(r"\s+(?!(?:and|or|of|to|through|in|bis)\b)[a-z]")
_LIST_CONTINUES_RX = re.compile(r"\s*(?:,|and\b|or\b|[-–]\s*\d)")
# between the two numbers of a range: a dash or tilde, or a word; the first number's unit may be
# repeated ("44%-50%", "30 percent to 40 percent"), the second's currency sign too ("$500 to $5,000")
_RANGE_GAP_RX = re.compile(r"(?P<unit>\s*(?:%|percent\b|per\s+cent\b))?"
                           r"(?:\s*(?P<dash>[-–—~])\s*$|\s+(?P<word>to|or|and|through|thru)\s+(?P<cur>(?:US)?\$|[€£])?$)",
                           re.I)
# between a lower and an upper bound: "more than 100 but fewer than 300", "at least 40 percent and ..."
_TWO_SIDED_GAP_RX = re.compile(r"(?P<unit>\s*(?:%|percent\b|per\s+cent\b))?\s*,?\s+(?:and|but|yet)\s+", re.I)
# a rate: "12 per 100,000", "3.5 per thousand inhabitants"
_RATE_AFTER_RX = re.compile(r"\s+per\s+(?:\d|hundred\b|thousand\b|million\b|one\s+(?:hundred|thousand|million)\b)",
                            re.I)
# a currency's sign or code right before a number ("$5", "US$ 5", "€10M", "KSh 2.5", "Rs 10", "GBP 2")
_SIGN_BEFORE_RX = re.compile(r"(?:[$€£¥₦₹₱₩₪₫₴₸₺₼₽₵]|(?<![A-Za-z])(?:[A-Z]{2,4}|[A-Z][a-z]{1,2}[A-Za-z]?)\.?)\s?$")
# a currency sign between the word and the number: "between $1 million and $2 million"
_SIGN = r"(?:(?:US|[A-Z]{1,3})?\$|[€£¥₦₹₱])?"
_BETWEEN_BEFORE_RX = re.compile(r"(?<![A-Za-z])(?P<b>between)\s+(?:the\s+)?(?:ages?\s+(?:of\s+)?)?" + _SIGN + "$", re.I)
_RANGING_BEFORE_RX = re.compile(r"(?<![A-Za-z])(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+from\s+" + _SIGN + "$",
                                re.I)
_FROM_BEFORE_RX = re.compile(r"(?<![A-Za-z])from\s+(?:(?:the|an?|its|their|existing|current|previous)\s+){0,2}"
                             + _SIGN + "$", re.I)
_VAGUE_JOIN_RX = re.compile(r",?\s+(?:if\s+not|or\s+even|or\s+possibly|or|to|and\s+even|and\s+possibly)\s+$"
                            r"|\s*[-–]\s*$", re.I)
_SCALE_AFTER_RX = re.compile(r"\s+(hundred|thousand|million|billion)\b(?!s)", re.I)
_WS_TOKEN_RX = re.compile(r"\S+")
_PERCENT_AFTER_RX = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", re.I)
_MONEY_BEFORE_RX = re.compile(r"(?:[$€£¥₦]|US\$|USD|EUR|CFA|XOF|FCFA|GHS|KES|NGN)\s*$")
_MONEY_AFTER_RX = re.compile(r"(?:\s+(?:hundred|thousand|million|billion|trillion))?\s*(?:"
                             r"(?:CFA\s+)?francs?|dollars?|euros?|pounds?|dinars?|dirhams?|rupees?|"
                             r"shillings?|naira|cedis?|rand|pesos?|reais|real|yuan|yen|rubles?|roubles?|"
                             r"lira|liras|birr|kwacha|leones?|dalasi|ouguiyas?|riyals?|rials?|manat|"
                             r"som|soms|lari|drams?|lek|leke|dinar|taka|kyat|baht|ringgit|won|dong|"
                             r"CFA|FCFA|XOF|XAF|USD|EUR|[$€£])(?![A-Za-z])", re.I)


# --- rule-derived tables (cached per rule content) ------------------------------------------

@dataclass(frozen=True)
class _Tables:
    quals: dict  # key -> config.Qualifier
    phrase_key: dict  # lower phrase -> key
    last_words: frozenset  # the last word of every phrase (a quick pre-check)
    max_words: int
    suffix_rx: re.Pattern | None
    suffix_key: dict
    vague: dict  # lower phrase -> (lo, hi)
    cand_rx: tuple  # (scan, at-start) patterns for number words and vague quantities
    continuous: frozenset  # units whose bounds are not whole numbers (numbers.continuous)
    share_max: float  # the most a share can be (numbers.share_max)
    change_words: frozenset  # words before "from A to B" that make it a change (numbers.change_words)
    lower: frozenset  # qualifiers that are a lower bound ("more than"): open above
    upper: frozenset  # qualifiers that are an upper bound ("fewer than"): from zero


_TABLE_CACHE: dict[str, _Tables] = {}


def _rules_key(rules: dict) -> str:
    return json.dumps([rules.get("qualifiers"), rules.get("vague_quantities"), rules.get("numbers")], sort_keys=True,
                      default=str)


def _tables(rules: dict) -> _Tables:
    key = _rules_key(rules)
    t = _TABLE_CACHE.get(key)
    if t is not None:
        return t
    quals = qualifiers(rules)
    phrase_key: dict[str, str] = {}
    for k, q in quals.items():
        for p in q.phrases:
            phrase_key.setdefault(" ".join(p.split()), k)
    max_words = max((len(p.split()) for p in phrase_key), default=0)
    suffix_key: dict[str, str] = {}
    for k, spec in (rules.get("qualifiers") or {}).items():
        if isinstance(spec, dict):
            for s in spec.get("suffixes") or ():
                suffix_key.setdefault(" ".join(str(s).lower().split()), k)
    suffix_rx = None
    if suffix_key:
        alts = "|".join(r"\s+".join(map(re.escape, s.split())) for s in sorted(suffix_key, key=len, reverse=True))
        suffix_rx = re.compile(rf"\s+(?P<s>{alts})(?![A-Za-z])", re.I)
    vague = vague_quantities(rules)
    cand_rx = _candidate_rx(list(vague))
    last_words = frozenset(p.split()[-1] for p in phrase_key)
    grammar = rules.get("numbers") or {}
    bounds = {k: q.interval(100.0) for k, q in quals.items()}
    lower = frozenset(k for k, (lo, hi) in bounds.items() if math.isinf(hi) and lo >= 100)
    upper = frozenset(k for k, (lo, hi) in bounds.items() if lo == 0 and not math.isinf(hi) and hi <= 100)
    t = _Tables(quals, phrase_key, last_words, max_words, suffix_rx, suffix_key, vague, cand_rx,
                frozenset(grammar.get("continuous") or ()), float(grammar.get("share_max", INF)),
                frozenset(str(w).lower() for w in grammar.get("change_words") or ()), lower, upper)
    if len(_TABLE_CACHE) > 32:
        _TABLE_CACHE.clear()
    _TABLE_CACHE[key] = t
    return t


@lru_cache(maxsize=1)
def _default_rules() -> dict:
    return load_rules()


# --- tokens ---------------------------------------------------------------------------------

@dataclass
class _Tok:
    start: int
    end: int
    kind: str  # "digits" | "words" | "vague" | "phone" | "slash" | "colon"
    value: float | None = None
    scale: float = 1.0  # the scale word that followed ("million"), 1 if none
    base: float | None = None  # the value before the scale word
    lo: float = 0.0  # vague interval
    hi: float = INF
    skip: str | None = None  # reason when this is not a quantity
    unparsed: bool = False
    fraction: bool = False  # "two-thirds", "1/3": a share, value in (0, 1]
    pa: int = 0  # the paragraph the token is in: what a mention built on it may not leave
    pb: int = 0


def _parse_digits(s: str) -> float | None:
    if "," in s:
        parts = s.split(".")
        if len(parts) > 2:
            return None
        groups = parts[0].split(",")
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        s = "".join(groups) + ("." + parts[1] if len(parts) == 2 else "")
    elif s.count(".") > 1:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def _parse_words(s: str) -> float | None:
    """Value of a number-word phrase matched by _WORDNUM ("three hundred and five")."""
    words = [w for w in re.split(r"[\s-]+", s.lower()) if w and w != "and"]
    if len(words) == 3 and words[:2] == ["half", "a"]:
        return 6.0 if words[2] == "dozen" else _SCALES[words[2]] / 2  # "half a million"
    if len(words) >= 2 and words[-1] == "dozen":
        if words[:2] == ["half", "a"]:
            return 6.0
        head = _parse_words(" ".join(words[:-1]))
        return None if head is None else head * 12
    total = 0.0
    current = 0.0
    for w in words:
        if w == "a":
            current = 1.0
        elif w in _WORD_VALUE:
            current += _WORD_VALUE[w]
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in _SCALES:
            total += (current or 1.0) * _SCALES[w]
            current = 0.0
        else:
            return None
    return total + current


#: the number words of one token ("four", "twenty"): what a phrase like "of the four" may hold
NUMBER_WORDS = frozenset(_WORD_VALUE)


def parse_number(s: str) -> float | None:
    """The value of a number written in digits ("1,234") or words ("four", "twenty-one"), with
    what the grammar reads into one number ("1.5 lakh", "2.1 billion", "10k", "1 234 567",
    "2 1/2", "3½", "half a million")."""
    s = s.strip()
    if s[:1].isdigit():
        v = _parse_digits(s)
        if v is not None:
            return v
    toks = [t for t in _scan(s, 0, len(s), _tables(_default_rules())) if t.kind != "vague"]
    if len(toks) == 1 and toks[0].start == 0 and toks[0].end == len(s) and toks[0].value is not None:
        return toks[0].value
    return None if s[:1].isdigit() else _parse_words(s)


def _scan(text: str, start: int, end: int, tables: _Tables) -> list[_Tok]:
    toks: list[_Tok] = []
    phones = [(m.start(), m.end()) for m in _PHONE_RX.finditer(text, start, end)]
    for s, e in phones:
        toks.append(_Tok(s, e, "phone"))
    skip_to = -1
    pi = 0
    for m in _DIGIT_TOKEN_RX.finditer(text, start, end):
        s, e = m.span("digits")
        if s < skip_to:
            continue
        while pi < len(phones) and phones[pi][1] <= s:
            pi += 1
        if pi < len(phones) and phones[pi][0] <= s:
            continue  # inside a telephone number
        raw = m.group("digits")
        if m.group("slash"):
            t = _Tok(s, m.end(), "slash")
            parts = text[s:m.end()].split("/")
            if (len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit()
                    and 0 < int(parts[0]) < int(parts[1]) <= 10):
                t.value = int(parts[0]) / int(parts[1])  # 1/3, 2/3
                t.fraction = True
            toks.append(t)
            continue
        if m.group("colon"):
            toks.append(_Tok(s, m.end(), "colon"))
            continue
        if text[e:e + 1] in ("-", " ") and (s == 0 or text[s - 1] not in "0123456789,."):
            ph = _PHONE_AT_RX.match(text, s, end)
            if ph:
                toks.append(_Tok(s, ph.end(), "phone"))
                skip_to = ph.end()
                continue
        value = _parse_digits(raw)
        tok = _Tok(s, e, "digits", value=value, base=value)
        toks.append(tok)
        if value is None:
            tok.unparsed = True
        elif len(raw) <= 3 and raw.isdigit() and text[e:e + 1] in _GROUP_SEPARATORS and not m.group("vulgar"):
            g = _SPACE_GROUPS_RX.match(text, e, end)
            if g and (len(g.group()) >= 8 or " " not in g.group()):
                tok.value = tok.base = float(raw + "".join(c for c in g.group() if c.isdigit()))
                tok.end = skip_to = g.end()
                continue
        vulgar, sc, suf = m.group("vulgar"), m.group("dscale"), m.group("dsuffix")
        if vulgar and value is not None:
            tok.value = tok.base = value + _VULGAR[vulgar]  # "3½ years", "1½ million"
            tok.end = m.end("vulgar")
        elif value is not None and not sc and not suf:
            mixed = _MIXED_RX.match(text, e, end) if raw.isdigit() else None
            if mixed and int(mixed.group("n")) < int(mixed.group("d")):
                tok.value = tok.base = value + int(mixed.group("n")) / int(mixed.group("d"))  # "2 1/2 years"
                tok.end = skip_to = mixed.end()
                continue
            _add_half(text, tok, end)
            if tok.value != value:
                continue
        if sc:
            scale = _DIGIT_SCALES[sc.lstrip(" \t\r\n\u00a0-‑").lower()]
            tok.end = m.end("dscale")
            tok.scale = scale
            if tok.value is not None:
                tok.value = tok.value * scale
                _compound(text, tok, end)
                skip_to = tok.end
        if suf:
            mult = _GLUED_SCALES.get(suf) or _GLUED_SCALES.get(suf.lower() if len(suf) > 1 else suf)
            if mult is None and suf in _GLUED_MONEY_SCALES and _money_before(text, s):
                mult = _GLUED_MONEY_SCALES[suf]  # "$5m", "$60m", "€3.5bn"
            if mult and tok.value is not None and not sc:
                tok.scale, tok.value, tok.end = mult, tok.value * mult, m.end("dsuffix")
                continue
            tok.skip = _suffix_reason(raw, suf, sc)
            if tok.skip is not None:
                tok.end = m.end("dsuffix")
    for m in _VULGAR_RX.finditer(text, start, end):
        s = m.start()
        if s > start and text[s - 1].isdigit():
            continue  # "3½": read with its digits
        toks.append(_Tok(s, m.end(), "digits", value=_VULGAR[m.group()], base=_VULGAR[m.group()], fraction=True))
    vague_toks = []
    for kind, s, e in _word_matches(text, start, end, tables.cand_rx):
        if kind == "vague":
            vague_toks.append(_Tok(s, e, "vague"))
            continue
        low = " ".join(text[s:e].lower().split())
        if kind == "share":
            if _share_ok(text, s, e, start, low, tables):
                v = 1 / _SHARE_WORDS[low]
                toks.append(_Tok(s, e, "words", value=v, base=v, fraction=True))
            continue
        t = _Tok(s, e, "words", value=_parse_words(low))
        t.base = t.value
        for sw, sv in _SCALES.items():
            if low.endswith(sw):
                t.scale = sv
                t.base = t.value / sv if t.value else t.value
                break
        fr = _FRACTION_AFTER_RX.match(text, e, end)
        if fr and t.value and t.scale == 1.0:
            d = fr.group("d").lower()
            d = d[:-1] if d.endswith("s") else d
            den = _DENOMINATOR.get(d)
            if den and t.value < den:
                t.value = t.base = t.value / den
                t.end = fr.end()
                t.fraction = True
        elif t.value is not None:
            _add_half(text, t, end)
        toks.append(t)
    toks.sort(key=lambda t: t.start)
    # a token read into the one before it ("one and a half": not "a half" again) is dropped
    kept: list[_Tok] = []
    for t in toks:
        if kept and t.start < kept[-1].end:
            continue
        kept.append(t)
    _mark_addresses(text, kept, start, end)
    kept.extend(vague_toks)
    kept.sort(key=lambda t: (t.start, t.kind == "vague"))
    return kept


_GROUP_SEPARATORS = (" ", "\u00a0", "\u202f", "\u2009")


def _money_before(text: str, s: int) -> bool:
    return bool(_MONEY_BEFORE_RX.search(text, max(0, s - 6), s))


def _compound(text: str, t: _Tok, end: int) -> None:
    """"3 hundred and 21" -> 321, "2 million 500 thousand" -> 2,500,000, "5 thousand 200" -> 5,200:
    the next group is smaller than the scale before it."""
    m = _COMPOUND_RX.match(text, t.end, end)
    if not m:
        return
    n = int(m.group("n"))
    if m.group("s"):
        add = n * _SCALES[m.group("s").lower()]
        ok = add < t.scale and n < 1000
    else:
        add = n
        ok = t.scale in (100, 1000) and n < t.scale
    if ok:
        t.value += add
        t.end = m.end()


def _share_ok(text: str, s: int, e: int, lo: int, phrase: str, tables: _Tables) -> bool:
    """A fraction's words are a share when they are "of" something ("a third of the schools",
    "half the land") or qualified ("more than half"); not "the first half of 2020", "a third attack"."""
    if phrase.endswith("half"):
        word, _ = _prev_word(text, s, max(0, s - 40))
        if word.lower().strip("(“\"") in _HALF_NOT_AFTER:
            return False
        if _SHARE_OF_RX.match(text, e) or _HALF_THE_RX.match(text, e):
            return True
        return _qualifier_before(text, s, lo, tables) is not None
    return bool(_SHARE_OF_RX.match(text, e))


def _mark_addresses(text: str, toks: list[_Tok], start: int, end: int) -> None:
    """Tokens inside a web or e-mail address are references ("%20", "/2019/10/01/", "info2020@")."""
    spans = []
    for marker in ("http", "www."):  # str.find scans in C: much faster than a pattern over the text
        i = text.find(marker, start, end)
        while i >= 0:
            m = _URL_RX.match(text, i, end)
            if m:
                e = m.end()
                while e > m.start() and text[e - 1] in ".,;:)]'\"’”":
                    e -= 1
                spans.append((m.start(), e))
            i = text.find(marker, m.end() if m else i + 1, end)
    i = text.find("@", start, end)
    while i >= 0:
        m = _EMAIL_RX.match(text, i, end)
        if m:
            s = i
            while s > start and (text[s - 1].isalnum() or text[s - 1] in "._+-"):
                s -= 1
            spans.append((s, m.end()))
        i = text.find("@", i + 1, end)
    if not spans:
        return
    spans.sort()
    starts = [a for a, _ in spans]
    for t in toks:
        i = bisect.bisect_right(starts, t.start) - 1
        if i >= 0 and t.start < spans[i][1]:
            t.skip = "reference"


def _add_half(text: str, t: _Tok, end: int) -> None:
    """"two and one-half years" -> 2.5, "two and a half million" -> 2,500,000, "five and a quarter" -> 5.25."""
    m = _HALF_AFTER_RX.match(text, t.end, end)
    if not m or t.scale != 1.0:
        return
    num = {"a": 1, "one": 1, "two": 2, "three": 3}[m.group("n").lower()]
    den = _DENOMINATOR[m.group("d").lower().rstrip("s")]
    if num >= den:
        return
    t.value = t.base = t.value + num / den
    t.end = m.end()
    if m.group("sc"):
        t.scale = _SCALES[m.group("sc").strip().lower()]
        t.value = t.base * t.scale


def _suffix_reason(raw: str, suf: str, scale: str | None) -> str | None:
    """Why "33rd", "5G", "1990s" are not counts; None when the letters are a unit ("10km")."""
    low = suf.lower()
    if scale:
        return "name"
    if low in _ORDINAL_SUFFIX:
        return "ordinal"
    if low == "s":
        # 1990s, 80s are decades; "under-18s" an age group (a quantity)
        return "year" if raw.isdigit() and int(raw) % 10 == 0 and len(raw) in (2, 4) else None
    if suf.islower() and low in _UNIT_SUFFIX:
        return None
    return "name"


# The callers compare the word with short vocabulary words: a longer token ("1-2-3-...", a URL)
# is cut, so that a run of glued numbers is not scanned back to its start for each of them.
_MAX_WORD = 40


def _prev_word(text: str, pos: int, lo: int) -> tuple[str, int]:
    """The whitespace token ending right before `pos` (after skipping spaces; its last
    _MAX_WORD characters) and its start."""
    i = pos
    while i > lo and text[i - 1] in " \t\u00a0":
        i -= 1
    j = i
    stop = max(lo, i - _MAX_WORD)
    while j > stop and not text[j - 1].isspace():
        j -= 1
    return text[j:i], j


_NEXT_WORD_RX = re.compile(r"\s+([A-Za-z]+)")


def _sentence_start(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_START_CHARS


# --- classification -------------------------------------------------------------------------

def _classify(text: str, toks: list[_Tok], start: int, tables: _Tables) -> None:
    """Set tok.skip (reason) for every token that is not a quantity. Works left to right so a
    chain ("July 10 and 13", "Articles 12 and 13") can follow the token before it."""
    prev: _Tok | None = None
    lo_ctx = max(0, start - 200)
    for t in toks:
        if t.kind == "vague":
            continue
        if t.skip is None:
            t.skip = _reason(text, t, prev, lo_ctx, tables)
        prev = t


def _is_ref_word(word: str) -> bool:
    wl = word.lower().strip("(,:")
    if wl not in _REF_WORDS:
        return False
    return wl not in _WEAK_REF_WORDS or word.lstrip("(")[:1].isupper()


# the start of a line, give or take an indent (searched in a few characters, not back to the line's start)
_LINE_START_RX = re.compile(r"(?:^|\n)[ \t]*\Z")


def _paragraph_start(text: str, s: int) -> bool:
    """`s` starts a paragraph: at the start of a line that follows a blank line or a finished
    sentence. A line of a hard-wrapped paragraph may start with a number that ends a sentence
    ("sexual abuse of girls younger than" / "16. According to the GPS"): that is a figure."""
    m = _LINE_START_RX.search(text, max(0, s - 12), s)
    if m is None:
        return False
    k = m.start()
    if k == 0 and text[k:k + 1] != "\n":
        return True
    j = k
    while j > 0 and k - j < 12 and text[j - 1] in " \t\r":
        j -= 1
    return j == 0 or text[j - 1] in "\n.:;!?\"\u201d)]"


def _reason(text: str, t: _Tok, prev: _Tok | None, lo_ctx: int, tables: _Tables) -> str | None:
    s, e = t.start, t.end
    if t.kind == "phone":
        return "reference"
    if t.kind == "colon":
        return "time"
    ch = text[s - 1] if s > 0 else ""
    if t.kind == "slash":
        if ch in "/.":
            return "reference"  # a document symbol: "A/HRC/45/12", "E/CN.4/2005/7"
        if t.fraction:
            return None
        if ch.isalpha():
            return "name"
        word, _ = _prev_word(text, s, lo_ctx)
        if _is_ref_word(word) or word.lower() in ("number", "numbers"):
            return "reference"
        if (prev is not None and prev.skip == "reference" and _CHAIN_REF_RX.match(text[prev.end:s])
                and s - prev.end <= 8):
            return "reference"  # "cases no. 621/2018 and 441/2018"
        parts = text[s:e].split("/")
        if len(parts) >= 3:
            return "date"
        if len(parts[0]) == 4 and parts[0][:2] in ("19", "20") and len(parts[1]) in (2, 4):
            return "year"
        if parts == ["24", "7"]:
            return "name"
        return None  # a fraction or ratio: unparsed
    before = text[max(lo_ctx, s - 40):s]
    ch = text[s - 1] if s > 0 else ""
    tail = before.rstrip()[-4:]
    if tail in ("past", "Past", " to") and _CLOCK_BEFORE_RX.search(before):
        return "time"  # "half past nine"
    if tail[-1:] in ("±", "-", "−") and _MARGIN_BEFORE_RX.search(before):
        return "margin"  # "2.5 ± 0.1": the margin of the number before it

    if t.kind == "words":
        low = text[s:e].lower()
        if low == "one":
            word, _ = _prev_word(text, s, lo_ctx)
            if word.lower().lstrip("(“\"") in _ONE_BEFORE_NOT or _ONE_AFTER_NOT_RX.match(text, e):
                return _NOT_A_NUMBER  # "no one", "one another", "the one who"
        if text[s].isupper() and not _sentence_start(text, s):
            # "Channel One", "Group of Eight", "Twenty-First Century"
            return "name"
        word, _ = _prev_word(text, s, lo_ctx)
        if _is_ref_word(word):
            return "reference"
        if t.value is not None and t.value <= 31 and _MONTH_BEFORE_RX.search(before):
            return "date"
        return None

    raw = text[s:e]
    digits = raw.split()[0] if t.scale != 1.0 else raw
    if ch == "/":
        return "reference"  # a path or document symbol: ".../2021/05/17/report-45", "A/HRC/45"
    if ch == "^":
        return "unit"  # "km^3": an exponent of a unit
    if ch == "[" and text[e:e + 1] == "]" and t.scale == 1.0 and len(raw) <= 3:
        return "reference"  # a footnote marker: "torture[3]"
    if (ch in ".,;:" and s >= 2 and (text[s - 2].isalpha() or text[s - 2] in ")”\"’'") and t.scale == 1.0
            and raw.isdigit() and len(raw) <= 3 and (e == len(text) or text[e].isspace() or text[e] in ".,;:)")):
        return "reference"  # a footnote marker glued to the word it notes: "demonstrators.12 The", "protesters,4"
    # letters glued before the digits: G5, H1N1, COVID-19, M5-RFP, MiG-23 (not RM200,000)
    if ch.isalpha():
        pm = _CURRENCY_GLUED_RX.search(text, max(0, s - 5), s)
        if not pm or (len(pm.group(1)) == 1 and t.scale == 1.0 and "," not in digits and "." not in digits):
            return "name"
    if ch in "-‑" and s >= 2 and text[s - 2].isalnum():
        m = re.search(r"([A-Za-z][A-Za-z0-9]*)[-‑]$", before)
        if m and text[s - 2].isalpha():
            pre = m.group(1)
            if pre.lower() not in _HYPHEN_PREFIX_OK and (any(c.isupper() for c in pre)
                                                         or pre.lower() in ("covid", "sars", "mers")):
                return "name"
    if ch == "#":
        return "reference"
    if ch == "+" and (s < 2 or not text[s - 2].isalpha()):
        return "name"  # "+972 Magazine", the second 1 of the television station "1+1"
    if text[e:e + 1] == "+" and text[e + 1:e + 2].isdigit():
        return "name"  # the first 1 of "1+1", "15+2" (a group of activists)
    if ch == "." and s >= 2 and text[s - 2].isdigit():
        return "reference"  # "1.2.3" continued
    if (raw.isdigit() and len(raw) <= 3 and text[e:e + 1] in (".", ")") and text[e + 1:e + 2].isspace()
            and _paragraph_start(text, s)):
        return "reference"  # the number of a numbered paragraph or list item: "4. On 19 March ...", "2) the"
    # glued letters after: "5G", "M5-RFP" (digits then "-CAPS")
    after = text[e:e + 12]
    if re.match(r"[-‑][A-Z]{2,}\b", after) and t.scale == 1.0:
        return "name"
    if t.value is None and not t.unparsed:
        return None
    num = t.value
    is_int = "." not in digits and "," not in digits
    # reference keyword before: Section 1, Article 12, Resolution 2391, Law No. 2017-012
    word, _ = _prev_word(text, s, lo_ctx)
    if _is_ref_word(word):
        return "reference"
    if _SECTION_REF_AFTER_RX.match(text, e) and is_int and num is not None and num <= 30:
        return "reference"  # 1.g, 2.d
    # chains: "Articles 12 and 13", "July 10-13", "2018-19"
    if prev is not None and prev.skip in ("reference", "date", "year", "time") and prev.end <= s:
        gap = text[prev.end:s]
        if len(gap) <= 8:
            if (prev.skip == "reference" and _CHAIN_REF_RX.match(gap) and is_int
                    and (gap.strip() in ("-", "–", "/", "") or (num is not None and num < 10000))
                    and not (gap.strip() == "," and _COUNTED_AFTER_RX.match(text, e))):
                return "reference"  # "Articles 12, 13 and 14"; not "Under Section 377, 12 men"
            if (prev.skip == "date" and is_int and num is not None and 1 <= num <= 31 and _CHAIN_DATE_RX.match(gap)
                    and (gap.strip() != "," or _LIST_CONTINUES_RX.match(text, e))):
                return "date"
            if prev.skip == "year" and is_int and gap.strip() in ("-", "–", "/", "to", "and") and len(digits) == 2:
                return "year"
            if (prev.skip == "time" and is_int and gap.strip() in ("-", "–", "to", "and")
                    and num is not None and num <= 24):
                return "time"
    if _TIME_AFTER_RX.match(text, e) and is_int and num is not None and num <= 24 and t.scale == 1.0:
        return "time"
    if is_int and num is not None and t.scale == 1.0:
        if 1 <= num <= 31 and len(digits) <= 2:
            if _MONTH_BEFORE_RX.search(before):
                return "date"
            if _MONTH_AFTER_RX.match(text, e):
                return "date"
        if 1900 <= num <= 2099 and len(digits) == 4:
            if _MONTH_BEFORE_RX.search(before):
                return "year"
            nxt = _NEXT_WORD_RX.match(text, e)
            if nxt and nxt.group(1).lower() in _COUNT_NOUNS:
                return None
            if _PERCENT_AFTER_RX.match(text, e) or _MONEY_BEFORE_RX.search(before):
                return None
            if _qualifier_before(text, s, lo_ctx, tables) is not None:
                return None
            return "year"
        if len(digits) >= 2 and digits.startswith("0"):
            return "reference"
        if _in_name_list(text, s, e, lo_ctx, prev):
            return "name"  # "six television stations (1+1, Ukraina 24, Inter, ICTV, ...)"
    return None


# "Ukraina 24", "Radio 10": capitalised words then the number, an item of a list: after "(", ",", ":",
# "and"/"or", "including", "such as", and before ",", ")", ";" or "and"/"or"
_ITEM_START = r"(?:[(,;:]|\band|\bor|\bincluding|\bsuch\s+as|\bnamely)\s*"
_NAMED_ITEM_BEFORE_RX = re.compile(_ITEM_START + r"(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){1,3}$")
_ITEM_END_RX = re.compile(r"\s*(?:\)|;|,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
# a list item that is a name without a number of its own ("Inter", "Radio Salus", "the National
# Alliance"), or a name of digits glued by "+" ("1+1")
_NAME_ITEM = r"(?:(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4}|\d+\+\d+)"
_NEXT_NAME_RX = re.compile(_NAME_ITEM + r"(?:\s*[,;).]|\s+(?:and|or)\b|\s+(?!(?:one|two|three|four|five|six|seven|"
                           r"eight|nine|ten|dozens?|hundreds?|thousands?|several|many|few)\b)[a-z])")
_PREVIOUS_NAME_RX = re.compile(_ITEM_START + _NAME_ITEM + r"\s*,\s*(?:and\s+|or\s+)?$")
_AFTER_NAMED_ITEM_RX = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){1,3}")


def _in_name_list(text: str, s: int, e: int, lo: int, prev) -> bool:
    """The number ends a name that is an item of a list of names: "(1+1, Ukraina 24, Inter, ICTV,
    ...)", "Muea, Mile 16, Mile 14, and Molyko". A neighbouring item must be a name without a
    number of its own (or one read as a name just before), so that a list of counts ("The NCP won
    323 seats, Democratic Unionist Party 25, and independents 19 seats", "Hindus 24, Muslims 12")
    stays as it was read."""
    before = _NAMED_ITEM_BEFORE_RX.search(text, max(lo, s - 60), s)
    end = _ITEM_END_RX.match(text, e)
    if before is None or end is None or _MONTH_BEFORE_RX.search(text, max(lo, s - 20), s):
        return False
    if text[end.start():end.end()].strip() != ")" and _NEXT_NAME_RX.match(text, end.end()):
        return True
    if prev is not None and prev.skip == "name" and _AFTER_NAMED_ITEM_RX.fullmatch(text, prev.end, s):
        return True
    item = before.start()
    return text[item:item + 1] in ",;" and _PREVIOUS_NAME_RX.search(text, max(lo, item - 80), item + 1) is not None


def _qualifier_before(text: str, pos: int, lo: int, tables: _Tables):
    """(key, phrase_start) of the longest qualifier phrase ending right before `pos`."""
    if not tables.max_words or pos == 0 or not text[pos - 1].isspace():
        return None
    window = text[max(lo, pos - 48):pos]
    last = window.rsplit(None, 1)[-1:]
    if not last or last[0].lower().lstrip("([“\"'‘") not in tables.last_words:
        return None
    words = list(_WS_TOKEN_RX.finditer(window))
    if not words:
        return None
    base = pos - len(window)
    n_max = min(tables.max_words, len(words))
    for n in range(n_max, 0, -1):
        seq = words[-n:]
        first = seq[0].group()
        lead = len(first) - len(first.lstrip("([“\"'‘"))
        parts = [first[lead:]] + [w.group() for w in seq[1:]]
        phrase = " ".join(parts).lower()
        key = tables.phrase_key.get(phrase)
        if key is not None:
            p0 = base + seq[0].start() + lead
            if lead == 0 and p0 > 0 and text[p0 - 1].isalnum():
                continue  # the window cut a word in two
            return key, base + seq[0].start() + lead
    return None


# --- assembling mentions ----------------------------------------------------------------------

@dataclass
class Analysis:
    mentions: list[NumberMention]
    skipped: list[tuple[int, int, str]]
    tokens: list[tuple[int, int]]


def _mention(text, start, end, ns, ne, value, lo, hi, qual, kind) -> NumberMention:
    return NumberMention(start=start, end=end, num_start=ns, num_end=ne, text=text[start:end],
                         value=value, low=float(lo), high=float(hi), qualifier=qual, kind=kind)


def _suffix_after(text: str, pos: int, tables: _Tables):
    if tables.suffix_rx is None:
        return None
    m = tables.suffix_rx.match(text, pos)
    if not m:
        return None
    key = tables.suffix_key.get(" ".join(m.group("s").lower().split()))
    return (key, m.end()) if key else None


def _vague_interval(text: str, t: _Tok, tables: _Tables) -> tuple[float, float, int]:
    phrase = " ".join(text[t.start:t.end].lower().split())
    lo, hi = tables.vague.get(phrase, (0.0, INF))
    end = t.end
    m = _SCALE_AFTER_RX.match(text, end, t.pb)
    if m and not phrase.endswith(" of") and phrase not in ("hundreds", "thousands", "millions", "dozens", "scores",
                                                           "many", "numerous"):
        sc = _SCALES[m.group(1).lower()]
        lo, hi, end = lo * sc, hi * sc, m.end()
    return lo, hi, end


_VAGUE_NOT_BEFORE = {"how", "so", "too", "as", "very", "that", "this"}


def _vague_ok(text: str, t: _Tok, lo_ctx: int, tables: _Tables) -> bool:
    phrase = text[t.start:t.end].lower()
    word, _ = _prev_word(text, t.start, lo_ctx)
    pw = word.lower().strip("(“\"")
    if phrase in ("many", "few", "numerous", "several") or phrase.endswith("few"):
        if pw in _VAGUE_NOT_BEFORE:
            return False
        if re.match(r"\s+as\b", text[t.end:t.end + 4], re.I):
            return False
    if phrase in ("few", "many") and pw in ("a", "the", "its", "their", "his", "her", "our"):
        return False  # "the many", "a few" is its own phrase
    lo, hi = tables.vague.get(" ".join(phrase.split()), (0.0, INF))
    if lo == hi:
        return True  # "a dozen" is a number
    if phrase == "scores" and not re.match(r"\s+of\b", text[t.end:t.end + 4], re.I):
        return False
    # it must quantify something: a word (or "of ...") follows, not a number
    nxt = re.match(r"\s+([A-Za-z0-9])", text[t.end:t.end + 3])
    # "dozens," "dozens, if not hundreds, of" handled by the joiner; a bare "several." is not
    if not nxt and not phrase.endswith(" of") and not re.match(r",\s+(?:if|or|and)\b", text[t.end:t.end + 8], re.I):
        return False
    if nxt and nxt.group(1).isdigit():
        return False
    return True


def analyse(text: str, rules: dict | None = None, start: int = 0, end: int | None = None,
            paragraphs: list[tuple[int, int]] | None = None) -> Analysis:
    """Tokens, mentions and skipped identifiers of text[start:end] in one pass. No mention
    leaves its paragraph: `paragraphs` (default: extract.sentences.paragraphs of the text, as
    the figures table splits it) are spans no number, range or qualifier is read across."""
    if rules is None:
        rules = _default_rules()
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    tables = _tables(rules)
    toks = _scan(text, start, end, tables)
    if paragraphs is None:
        paragraphs = _paragraphs(text, start, end)
    toks = _within_paragraphs(text, toks, paragraphs, start, end, tables)
    _classify(text, toks, start, tables)
    lo_ctx = max(0, start - 200)

    mentions: list[NumberMention] = []
    skipped: list[tuple[int, int, str]] = []
    tokens: list[tuple[int, int]] = []
    used = [False] * len(toks)

    nums = [i for i, t in enumerate(toks) if t.kind != "vague" and t.skip != _NOT_A_NUMBER]
    for i in nums:
        t = toks[i]
        if t.kind in ("digits", "words") or t.kind in ("phone", "slash", "colon"):
            tokens.append((t.start, t.end))
        if t.skip:
            skipped.append((t.start, t.end, t.skip))
            used[i] = True

    qty = [i for i in nums if not toks[i].skip and toks[i].value is not None
           and (toks[i].kind in ("digits", "words") or toks[i].fraction)]
    mentions.extend(_ranges(text, toks, qty, used, lo_ctx, tables))
    margins = {toks[i].start: toks[i] for i in nums if toks[i].skip == "margin"}
    singles = _singles(text, toks, qty, used, margins, tables)
    mentions.extend(_two_sided(text, singles, tables))

    # whatever is left is unparsed (malformed digits, fractions "1/3")
    for i in nums:
        if not used[i]:
            t = toks[i]
            mentions.append(_mention(text, t.start, t.end, t.start, t.end, None, 0, INF, "unparsed", "unparsed"))
            used[i] = True

    mentions.extend(_vague_mentions(text, toks, mentions, skipped, lo_ctx, tables))
    mentions.sort(key=lambda m: (m.start, m.end))
    skipped.sort()
    tokens.sort()
    return Analysis(mentions, skipped, tokens)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    from .sentences import paragraphs

    return paragraphs(text, start, end)


def _within_paragraphs(text: str, toks: list[_Tok], paras: list[tuple[int, int]], start: int, end: int,
                       tables: _Tables) -> list[_Tok]:
    """Each token with its paragraph; a token read across a paragraph break ("killed three
    hundred" + blank line + "Fifty people") is read again on each side of it."""
    if not paras:
        paras = [(start, end)]
    starts = [a for a, _ in paras]
    out: list[_Tok] = []
    for t in toks:
        i = max(0, bisect.bisect_right(starts, t.start) - 1)
        pa, pb = paras[i]
        if t.end > pb and i + 1 < len(paras) and pa <= t.start < pb:
            for a, b in [(t.start, pb)] + [p for p in paras[i + 1:] if p[0] < t.end]:
                for u in _scan(text, a, min(b, t.end), tables):
                    if u.kind == t.kind or t.kind != "vague":
                        u.pa, u.pb = a if a != t.start else pa, b
                        out.append(u)
            continue
        t.pa, t.pb = pa, pb
        out.append(t)
    out.sort(key=lambda t: (t.start, t.kind == "vague"))
    return out


def _ranges(text: str, toks: list[_Tok], qty: list[int], used: list[bool], lo_ctx: int,
            tables: _Tables) -> list[NumberMention]:
    """Pairs of quantities read as one interval: "10-15", "between 10 and 15", "from 7 to 10",
    "20 through 100", "1,000 – 5,000", "20~100", "44 to 50 percent", "two or three"."""
    out = []
    for a, b in pairwise(qty):
        if used[a] or used[b]:
            continue
        A, B = toks[a], toks[b]
        gap = text[A.end:B.start]
        if len(gap) > 14 or A.pb != B.pb:
            continue
        g = _RANGE_GAP_RX.match(gap)
        if not g:
            continue
        before = text[max(lo_ctx, A.pa, A.start - 40):A.start]
        between = _BETWEEN_BEFORE_RX.search(before)
        word = (g.group("word") or "").lower()
        if word == "and" and not between:
            continue
        if word in ("or", "to", "through", "thru") and between:
            continue
        if word == "to" and _FROM_BEFORE_RX.search(before) and not _RANGING_BEFORE_RX.search(before) \
                and _is_change(text, A.start, A.pa, tables):
            continue  # "rose from 350 to 480": a change, two figures
        if g.group("cur") and not _MONEY_BEFORE_RX.search(text, max(0, A.start - 4), A.start):
            continue  # "$347 to $1,040" is a range, "347 to $1,040" is not
        dash = g.group("dash")
        if dash and gap.strip() != gap and A.kind == "digits" and dash == "-":
            continue  # "10 - 15" with spaces: a hyphen so written is no range sign (an en dash is)
        if g.group("unit") and not _PERCENT_AFTER_RX.match(text, B.end):
            continue  # "44% - 50" is not one interval
        lo_v, hi_v = A.value, B.value
        if B.scale > 1 and A.scale == 1.0 and lo_v * B.scale <= hi_v:
            lo_v = lo_v * B.scale
        if not lo_v < hi_v:
            continue
        s0 = A.start
        if between:
            s0 = max(lo_ctx, A.pa, A.start - 40) + between.start("b")
        q = _qualifier_before(text, _amount_start(text, s0, A.pa), A.pa, tables)
        e0 = B.end
        if q:
            key, qs = q
            qual = tables.quals[key]
            unit = _unit_at(text, B, tables) or _unit_at(text, A, tables)
            lo, _ = _interval(qual, lo_v, unit, tables)
            _, hi = _interval(qual, hi_v, unit, tables)
            s0 = qs
        else:
            key, lo, hi = "range", lo_v, hi_v
        out.append(_mention(text, s0, e0, A.start, B.end, None, lo, hi, key, "range"))
        used[a] = used[b] = True
    return out


def _amount_start(text: str, s: int, lo: int) -> int:
    """Where an amount starts: at its currency when one is written right before the number
    ("more than $5 million", "up to KSh 10,000": the qualifier comes before the sign)."""
    if s <= lo or not _SIGN_BEFORE_RX.search(text, max(lo, s - 6), s):
        return s
    p = money.prefix(text, s, True, nouns=False)
    return p[1] if p and p[1] >= lo else s


def _is_change(text: str, pos: int, lo: int, tables: _Tables) -> bool:
    """A change word in the clause before the "from" that precedes `pos` ("arrests rose from",
    "increased by 8 percent, from", "raised the minimum age for marriage from", "an increase in
    judicial positions (from"): back to the sentence's start or a semicolon, at most 120 characters."""
    head = text[max(lo, pos - 120):pos]
    head = head[:_FROM_BEFORE_RX.search(head).start()]
    head = re.split(r"[;:]|[.!?]\s", head)[-1]
    return any(w.lower() in tables.change_words for w in re.findall(r"[A-Za-z]+", head))


def _singles(text: str, toks: list[_Tok], qty: list[int], used: list[bool], margins: dict,
             tables: _Tables) -> list[tuple[NumberMention, _Tok]]:
    """Each quantity not in a range, with its qualifier before ("at least 29") or after ("10
    or more"), and its margin ("2.5 ± 0.1")."""
    out = []
    for i in qty:
        if used[i]:
            continue
        t = toks[i]
        used[i] = True
        s0, e0 = t.start, t.end
        kind = "digits" if t.kind == "slash" else t.kind
        if kind == "words" and not t.fraction and _FRACTION_AFTER_RX.match(text, t.end):
            out.append((_mention(text, s0, e0, t.start, t.end, None, 0, INF, "unparsed", "unparsed"), t))
            continue
        q = _qualifier_before(text, _amount_start(text, s0, t.pa), t.pa, tables)
        key = "exact"
        lo = hi = t.value
        if q:
            key, s0 = q
            lo, hi = _interval(tables.quals[key], t.value, _unit_at(text, t, tables), tables)
        else:
            suf = _suffix_after(text, t.end, tables)
            if suf and suf[1] <= t.pb:
                key, e0 = suf
                lo, hi = _interval(tables.quals[key], t.value, _unit_at(text, t, tables), tables)
            elif margins:
                pm = _MARGIN_AFTER_RX.match(text, t.end, t.pb)
                u = margins.get(pm.end()) if pm else None
                if u is not None and u.value is not None and u.value < t.value:
                    lo, hi, e0 = t.value - u.value, t.value + u.value, u.end
        if t.fraction and key != "exact":
            hi = min(hi, tables.share_max)  # "more than half": at most the whole
        out.append((_mention(text, s0, e0, t.start, t.end, t.value, lo, hi, key, kind), t))
    return out


def _two_sided(text: str, singles: list[tuple[NumberMention, _Tok]], tables: _Tables) -> list[NumberMention]:
    """A lower bound and an upper bound joined by "and"/"but" are one interval: "more than 100
    but fewer than 300" [101, 299], "at least 5 and at most 10" [5, 10]."""
    out: list[NumberMention] = []
    k = 0
    while k < len(singles):
        m1, t1 = singles[k]
        if k + 1 < len(singles) and m1.qualifier in tables.lower:
            m2, t2 = singles[k + 1]
            g = _TWO_SIDED_GAP_RX.fullmatch(text, m1.end, m2.start) if m2.start > m1.end else None
            if (g and m2.qualifier in tables.upper and t1.pb == t2.pb and m1.low <= m2.high
                    and (not g.group("unit") or _PERCENT_AFTER_RX.match(text, m2.num_end))):
                out.append(_mention(text, m1.start, m2.end, m1.num_start, m2.num_end, None, m1.low, m2.high,
                                    "range", "range"))
                k += 2
                continue
        out.append(m1)
        k += 1
    return out


def _unit_at(text: str, t: _Tok, tables: _Tables) -> str | None:
    """What the number measures, when its bounds are not whole numbers (numbers.continuous): a
    share ("half", "two-thirds"), a percentage, money, a rate ("12 per 100,000")."""
    if not tables.continuous:
        return None
    if t.fraction:
        unit = "share"
    elif _PERCENT_AFTER_RX.match(text, t.end):
        unit = "percent"
    elif _money_before(text, t.start) or _MONEY_AFTER_RX.match(text, t.end):
        unit = "money"
    elif _RATE_AFTER_RX.match(text, t.end):
        unit = "rate"
    else:
        return None
    return unit if unit in tables.continuous else None


def _vague_mentions(text: str, toks: list[_Tok], mentions: list[NumberMention], skipped: list, lo_ctx: int,
                    tables: _Tables) -> list[NumberMention]:
    """Vague quantities ("dozens", "several hundred"): never over a number."""
    taken = sorted((m.start, m.end) for m in mentions)
    taken += [(s, e) for s, e, _ in skipped]
    taken += [(t.start, t.end) for t in toks if t.skip == _NOT_A_NUMBER]
    taken.sort()
    vague = [t for t in toks if t.kind == "vague" and not t.skip]
    vague_m: list[NumberMention] = []
    k = 0
    while k < len(vague):
        t = vague[k]
        k += 1
        if not _vague_ok(text, t, lo_ctx, tables):
            continue
        lo, hi, ve = _vague_interval(text, t, tables)
        ns, ne = t.start, ve
        phrase_end = ve
        # "dozens, if not hundreds," -> one mention with the union
        while k < len(vague):
            u = vague[k]
            gap = text[phrase_end:u.start]
            if len(gap) > 16 or u.pb != t.pb or not _VAGUE_JOIN_RX.match(gap):
                break
            lo2, hi2, ve2 = _vague_interval(text, u, tables)
            lo, hi = min(lo, lo2), max(hi, hi2)
            phrase_end = ne = ve2
            k += 1
        # a trailing " of" belongs to the noun phrase, not the number
        mm = re.search(r"\s+of$", text[ns:ne], re.I)
        if mm:
            ne = ns + mm.start()
        if _overlaps(taken, ns, ne):
            continue
        s0, e0 = ns, ne
        q = _qualifier_before(text, ns, t.pa, tables)
        if lo == hi:
            key = "exact"
            qlo, qhi = lo, hi
            if q:
                key, s0 = q
                qlo, qhi = tables.quals[key].interval(lo)
            vague_m.append(_mention(text, s0, e0, ns, ne, lo, qlo, qhi, key, "words"))
            continue
        key = "vague"
        if q:
            key, s0 = q
            qual = tables.quals[key]
            lo = qual.interval(lo)[0]
            hi = qual.interval(hi)[1] if not math.isinf(hi) else INF
        vague_m.append(_mention(text, s0, e0, ns, ne, None, lo, hi, key, "vague"))
    return vague_m


def _interval(qual, value: float, unit: str | None = None, tables: _Tables | None = None) -> tuple[float, float]:
    """The qualifier's interval for `value`. A count is a whole number: its bounds are whole
    numbers ("more than 700" [701, inf)). Percentages, money, rates and shares are not: an open
    bound is the stated number itself (the closed reading of "more than 30 percent": [30, inf)),
    and no bound is rounded ("about 45 percent" [40.5, 49.5]); a share is at most share_max."""
    if unit is None:
        return qual.interval(value)
    lo, hi = qual.low(value, qual.ratio), qual.high(value, qual.ratio)
    if not math.isinf(lo) and lo > value:
        lo = value
    if not math.isinf(hi) and hi < value:
        hi = value
    if unit == "share" and tables is not None:
        hi = min(hi, tables.share_max)
    hi = max(hi, 0.0)
    lo = min(max(0.0, lo), hi)
    return lo, hi


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    import bisect

    i = bisect.bisect_left(spans, (e, -1))
    for j in range(max(0, i - 4), min(len(spans), i + 1)):
        a, b = spans[j]
        if a < e and s < b:
            return True
    return False


# --- public API ---------------------------------------------------------------------------------

# The caller typically asks find_numbers, number_tokens and skipped_identifiers about the same
# text in a row: the last few analyses are kept (keyed by the identity of the text object, so a
# new string never hits a stale entry).
_RECENT: list[tuple[str, int, int | None, str | None, Analysis]] = []


def _cached(text: str, rules: dict | None, start: int, end: int | None) -> Analysis:
    end = len(text) if end is None else end  # (0, None) and (0, len) are one span: one analysis
    key = None if rules is None else _rules_key(rules)
    for t, s, e, k, a in _RECENT:
        if t is text and s == start and e == end and (k == key or key is None):
            return a
    a = analyse(text, rules, start, end)
    if key is None:
        key = _rules_key(_default_rules())
    _RECENT.insert(0, (text, start, end, key, a))
    del _RECENT[4:]
    return a


def find_numbers(text: str, rules: dict, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every quantity in text[start:end] as a NumberMention, sorted by start (absolute offsets)."""
    return list(_cached(text, rules, start, end).mentions)


def skipped_identifiers(text: str, start: int = 0, end: int | None = None,
                        rules: dict | None = None) -> list[tuple[int, int, str]]:
    """Numeric tokens that are not quantities: (start, end, reason), reason one of
    "name", "ordinal", "time", "reference", "year", "date". Without `rules`, the analysis
    find_numbers just made of the same text and span is reused (else the default rules)."""
    return list(_cached(text, rules, start, end).skipped)


def number_tokens(text: str, start: int = 0, end: int | None = None,
                  rules: dict | None = None) -> list[tuple[int, int]]:
    """Every numeric token (digits, number words that are quantities) as (start, end)."""
    return list(_cached(text, rules, start, end).tokens)


def unit_of(text: str, mention: NumberMention) -> str | None:
    """"percent", "money" or "fraction" when the text says so right next to the number."""
    if _FRACTION_TAIL_RX.search(text, mention.num_start, mention.num_end):
        return "fraction"
    if _PERCENT_AFTER_RX.match(text, mention.num_end):
        return "percent"
    if _MONEY_BEFORE_RX.search(text[max(0, mention.num_start - 6):mention.num_start]):
        return "money"
    if _MONEY_AFTER_RX.match(text, mention.num_end):
        return "money"
    return None


def classify_token(text: str, start: int, end: int, rules: dict | None = None) -> str:
    """What the numeric token at text[start:end] is: "quantity", "unparsed", a skip reason
    ("name", "ordinal", "time", "reference", "year", "date"), or "none" (no numeric token)."""
    a = analyse(text, rules, max(0, start - 300), min(len(text), end + 60))
    for s, e, reason in a.skipped:
        if s <= start < e:
            return reason
    for m in a.mentions:
        if m.num_start <= start < m.num_end:
            return "unparsed" if m.kind == "unparsed" else "quantity"
    return "none"
