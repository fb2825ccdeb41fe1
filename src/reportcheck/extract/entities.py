"""Named things a report talks about, found by rules over its own text (no model, no download).

What two mentions of one event share is mostly who and what it was about: a person ("Aung San
Suu Kyi"), an organisation or armed group ("Human Rights Watch", "HRW", "the CRM"), an
institution or a law ("Yaounde Military Tribunal", "Law Protecting the Privacy and Security of
the Citizens"), a place, or an unusual phrase ("monastic school", "bacha bazi"). This module
finds them:

* **names**: sequences of capitalised words (with "of", "the", "and", "for" ... between them),
  without the function word that starts a sentence ("In", "The", "According"), months, days
  and section references; acronyms (HRW, AAPP); an acronym defined in parentheses ("Human
  Rights Watch (HRW)") is the same entity as its long form; a person's surname stands for the
  full name the report gave earlier ("President Paul Biya" ... "Biya");
* **phrases**: two adjacent content words in lower case ("prison riots", "national dialogue").

Each is keyed (lower case, ASCII-folded, the possessive dropped) so that the linker can count in
how many paragraphs a key occurs: what occurs in few paragraphs is distinctive, what occurs
everywhere ("Human Rights", "the government") is not.
"""
from __future__ import annotations

import re as std_re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex as re

# A capitalised word (letters, marks, apostrophes, inner hyphens and dots: "Ould-Mohamed",
# "N'Djamena", "al-Walidi"), or a word with inner capitals ("McDonald", "iHeart" is not one).
_CAP_WORD = r"(?:\p{Lu}[\p{L}\p{M}’'\-\.]*\p{L}|\p{Lu}\p{Lu}+|\p{Lu})"
_LINK = r"(?:of|the|for|and|on|de|du|des|la|le|al|el|bin|ibn|van|von|der|da|dos|do|y)"
_NAME = re.compile(rf"{_CAP_WORD}(?:[ \u00a0](?:{_LINK}[ \u00a0])*{_CAP_WORD}){{0,7}}")
_ACRONYM_DEF = re.compile(r"\(\s*(\p{Lu}[\p{Lu}\p{Ll}\-&]{1,9})\s*\)")
_WORD = re.compile(r"[\p{L}\p{M}][\p{L}\p{M}’'\-]*")
# two lower-case words of four letters or more, one space apart, found overlapped ("prison riots
# erupted" gives "prison riots" and "riots erupted"); the standard library's engine, ASCII: it is
# several times faster here than `regex` and report prose writes its lower-case words in ASCII
_PAIR = std_re.compile(r"(?=\b([a-z][a-z'\u2019-]{2,}[a-z]) ([a-z][a-z'\u2019-]{2,}[a-z])\b)")


def _reads_alike(c: str) -> bool:
    """The standard library's engine and `regex` take `c` alike: a word character in both or
    neither, white space in both or neither, and no case (or ASCII's)."""
    return (bool(std_re.match(r"\w", c)) == bool(re.match(r"\w", c))
            and bool(std_re.match(r"\s", c)) == bool(re.match(r"\s", c))
            and (c.isascii() or c.lower() == c == c.upper()))


_ALIKE = {chr(i) for i in range(128) if _reads_alike(chr(i))}  # grows with the text's other characters


def std_alike(text: str) -> bool:
    """A pattern of plain letters, \\w, \\s and \\b (case-insensitive or not) finds the same in
    `text` with the standard library's engine as with `regex` (several times slower on such
    patterns): every character of the text is classed alike by both (_reads_alike). Report
    prose almost always is; "’", "“" and "–" are."""
    chars = set(text)
    if chars <= _ALIKE:
        return True
    for c in chars - _ALIKE:
        if not _reads_alike(c):
            return False
        _ALIKE.add(c)
    return True


@lru_cache(maxsize=4)
def text_alike(text: str) -> bool:
    """std_alike of a whole document, read once however many linkers ask (every part of a text
    that is alike is alike)."""
    return std_alike(text)


_LOWER_WORD = std_re.compile(r"\b[a-z]+\b")
_LINK_WORDS = frozenset(_LINK[3:-1].split("|"))

# Words that start a sentence or a clause without naming anything; dropped from the front of a
# capitalised sequence ("In Douala" -> "Douala", "The Yaounde Military Tribunal" -> ...).
_LEADING = frozenset("""
a an the in on at to by for from of with as after before during since until under over between among
according although though while when where whereas whether however there this these those that it its
their they he she his her we our you your i also other another some many several most all any each
every no none not one both either neither such following despite through throughout upon into onto
about against along around beyond within without toward towards via per than then thus therefore
moreover furthermore meanwhile additionally nevertheless later earlier but and or nor so yet if
unless once because
""".split())
# A title before a person's name: "President Ashraf Ghani", "President Ghani" and "Ghani" are
# one person (the title is dropped from the key, so that the surname alias finds the full name).
_TITLES = frozenset("""
president vice prime minister deputy former deposed late general gen lieutenant lt colonel col major
maj captain capt commander judge justice sheikh shaykh imam pastor father bishop cardinal dr mr mrs ms
king queen prince princess emir chief governor senator mayor ambassador secretary-general speaker
state counsellor counselor opposition leader journalist activist lawyer blogger
""".split())
_MONTHS_DAYS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
# The last word of a name that is a kind of thing, not a surname: "Kondengui Central Prison" is not
# "Prison"; generic heads are never keys of their own.
_GENERIC = frozenset("""
region regions province provinces state states district districts county counties department city town
village villages camp camps township prefecture municipality governorate zone area court courts council
councils party parties forces force army armies ministry ministries office offices committee commission
government republic university prison prisons centre center hospital school schools movement front union
network group groups agency authority authorities service services police unit brigade battalion division
act law laws code decree constitution assembly parliament senate house program programme project plan
organization organisation association federation institute foundation bank company corporation station
street road bridge river lake island islands mountains north south east west central northern southern
eastern western national international general president minister prime secretary director chief judge
mr mrs ms dr the of and report reports section sections annex country countries year years day days
""".split())
# Capitalised sequences that are references, not things: "Section 2.a", "Article 12".
_NOT_NAMES = frozenset("section sections article articles chapter paragraph page table figure annex".split())
# Words too common in lower case to make a distinctive phrase.
_STOP = frozenset("""
a an the and or but nor of to in on at by for from with as is are was were be been being has have had
do does did not no this that these those it its their they them he she his her him we our you your
which who whom whose what when where why how than then there here also such other another some any
each every all both either neither more most many much few several very can could may might must
shall should will would said says say reported report reports according including included include
between during after before since until while about over under into onto upon within without against
among per via year years month months day days time times one two three four five six seven eight nine
ten percent number numbers total least approximately nearly almost around estimated continued remained
government authorities security forces human rights law country national persons people person individuals
took take takes taken taking place held hold made make makes given give gave told called used began begin came
went come going remain remains continued continue continues occurred occur took also still well like without
""".split())


@dataclass(slots=True)  # not frozen: five times slower to build, and a corpus builds hundreds of thousands
class Entity:
    """A name or a distinctive phrase in the text: its span, its words and its key."""

    start: int
    end: int
    text: str
    key: str  # "name:hrw", "phrase:prison riots"
    kind: str  # "name" | "phrase"


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower case, ASCII, straight apostrophes, single spaces."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(s.replace("'", "").split())


def _name_key(words: list[str]) -> str:
    # "Kamto's", "Marafa’s": the possessive is not part of the name
    return fold(" ".join(w[:-2] if w.endswith(("'s", "’s")) else w for w in words))


def person_like(key: str) -> bool:
    """Whether a name's key reads as one person's ("name:freeman mbowe"): two words or more,
    none of them a kind of thing ("court", "commission", "party"), and not a country's name.
    A person named in two tellings is a participant of both; an institution or a movement
    takes part in many events of one kind."""
    from .gazetteer import is_country

    if not key.startswith("name:"):
        return False
    words = key[5:].split()
    return len(words) >= 2 and not any(w in _GENERIC for w in words) and not is_country(key[5:])


def alternation(phrases) -> str:
    """A regular expression alternation of phrases, longest first, any run of spaces between
    their words ("signed into law" matches across a line break): for the declared word lists of
    the rule files."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


def initials(words) -> str:
    """A look-ahead at the letters `words` start with, for a pattern of the standard library's
    engine on lower-cased text ("(?=[acs])"): most positions fail on it at once, several times
    faster than trying each alternative there. "" when a word is empty."""
    firsts = {w.lower()[:1] for w in words}
    return f"(?=[{std_re.escape(''.join(sorted(firsts)))}])" if firsts and "" not in firsts else ""


@lru_cache(maxsize=4)
def lower_words(text: str) -> frozenset[str]:
    """The words the text writes in lower case somewhere: a capitalised one of them at the start
    of a sentence ("Defendants", "Military") is an ordinary word, not a name. Kept for the last
    few texts: the content linker and the repeated statistics both ask for a document's."""
    return frozenset(_LOWER_WORD.findall(text))


def find_names(text: str, start: int = 0, end: int | None = None, common: frozenset[str] | None = None
               ) -> list[Entity]:
    """The capitalised names in text[start:end], with acronyms and surnames tied to their long
    forms (the key of "HRW" after "Human Rights Watch (HRW)" is that of the long form).
    `common`: lower_words(text), computed once per document."""
    end = len(text) if end is None else end
    common = lower_words(text) if common is None else common
    found: list[tuple[int, int, str]] = []  # (start, end, key)
    alias: dict[str, str] = {}  # acronym or surname key -> the long form's key
    for m, tokens in _chunks(text, start, end):
        if len(tokens) == 1:
            # one word (most sequences), what the steps below make of it: dropped when the text
            # writes it in lower case somewhere (at a sentence's start as a function word, else
            # as an ordinary word capitalised), when it is a function word, a month or day, a
            # reference or a generic head, or when its key is shorter than three letters
            s0, _, w = tokens[0]
            low = w.lower()
            if (low in common or low.rstrip(".") in _LEADING or low in _MONTHS_DAYS or low in _LINK_WORDS
                    or low in _NOT_NAMES or low.rstrip(".") in _GENERIC):
                continue
            key = _name_key([w])
            if len(key) >= 3:
                a = m.start() + s0
                found.append((a, a + len(w), key))
            continue
        at = m.start()
        lows = [t[2].lower() for t in tokens]
        first, last = 0, len(tokens)  # the tokens kept: tokens[first:last]
        # the function word that starts a sentence ("In", "According"), months and days
        while first < last and (lows[first].rstrip(".") in _LEADING or lows[first] in _MONTHS_DAYS
                                or lows[first] in _LINK_WORDS
                                or (lows[first] in common and _sentence_start(text, at + tokens[first][0]))):
            first += 1
        while first < last and (lows[last - 1] in _LINK_WORDS or lows[last - 1] in _MONTHS_DAYS):
            last -= 1
        if first == last or lows[first] in _NOT_NAMES:
            continue
        # the title stays in the span (the text as written) but not in the key
        titled = first
        while (titled < last - 1 and lows[titled].rstrip(".") in _TITLES
               and tokens[titled + 1][2][:1].isupper()):  # not "Minister of Justice"
            titled += 1
        words, low = [t[2] for t in tokens[titled:last]], lows[titled:last]
        a, b = at + tokens[first][0], at + tokens[last - 1][1]
        key = _name_key(words)
        if len(key) < 3 or all(w.rstrip(".") in _GENERIC for w in low):
            continue
        after = b + 1 if text[b:b + 1] == " " else b
        acro = _ACRONYM_DEF.match(text, after) if text.startswith("(", after) else None
        if acro and len(words) > 1:
            alias[fold(acro.group(1))] = key
        if len(words) == 1 and low[0] in common:
            continue  # "Military", "Political": an ordinary word capitalised (a heading, a title)
        if (2 <= len(words) <= 4 and len(words[-1]) >= 4 and not words[-1].isupper()
                and all(w[:1].isupper() and w_low not in common for w, w_low in zip(words, low, strict=True))):
            alias.setdefault(_name_key([words[-1]]), key)  # "Paul Biya" ... "Biya": him
        found.append((a, b, key))
    return [Entity(a, b, text[a:b], "name:" + alias.get(key, key), "name") for a, b, key in found]


def _chunks(text: str, start: int, end: int):
    """Each capitalised sequence as tokens (offset in the match, end, word), split at "and":
    "Boko Haram and ISIS-WA" names two groups (but see below)."""
    for m in _NAME.finditer(text, start, end):
        g = m.group()
        if " " not in g and "\u00a0" not in g:  # one word (most sequences): no "and" to split at
            yield m, [(0, len(g), g)]
            continue
        # the words, one space or no-break space apart (_NAME puts exactly one between them, none
        # at either end), without a match object per word
        tokens, at = [], 0
        for w in g.replace("\u00a0", " ").split(" "):
            tokens.append((at, at + len(w), w))
            at += len(w) + 1
        part: list = []
        for t in tokens:
            # "the Commissariat for Refugees and Migration" is one name: an "and" after "for" or
            # "of" joins the words of one title
            if t[2] == "and" and not any(w in _LINK_WORDS for _, _, w in part):
                if part:
                    yield m, part
                part = []
            else:
                part.append(t)
        if part:
            yield m, part


def _sentence_start(text: str, i: int) -> bool:
    before = text[max(0, i - 3):i]
    return i == 0 or before.endswith(("\n", ". ", "? ", "! ", ": ", '" ', "“", "\u2019 ")) or not before.strip()


def find_phrases(text: str, start: int = 0, end: int | None = None) -> list[Entity]:
    """Pairs of adjacent lower-case content words that start in text[start:end] ("prison riots"),
    read as in the whole text (a pair may end after `end`)."""
    end = len(text) if end is None else end
    out: list[Entity] = []
    for m in _PAIR.finditer(text, start):
        at = m.start()  # where the first word starts (the pattern is a lookahead)
        if at >= end:
            break
        a, b = m.groups()
        if a in _STOP or b in _STOP:
            continue
        out.append(Entity(at, at + len(a) + 1 + len(b), f"{a} {b}", _phrase_key(a, b), "phrase"))
    return out


@lru_cache(maxsize=65536)
def _phrase_key(a: str, b: str) -> str:
    return f"phrase:{_stem(a)} {_stem(b)}"


@lru_cache(maxsize=65536)
def _stem(w: str) -> str:
    """A crude plural-folding stem: "riots" and "riot" share one."""
    w = fold(w)
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 4:
        return w[:-1]
    return w
