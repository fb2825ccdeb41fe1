"""Currencies as reports write them: the symbol, code or name around an amount of money.

Public API
----------
currency_of(text, num_start, num_end, limit=None) -> (currency, start, end) | None
    The currency of the amount whose number is text[num_start:num_end] (its magnitude words
    included: "2.1 billion", "1.5 lakh"), and the span of the amount with its currency ("$2.1
    billion", "12 million CFA francs"); None when no currency is written next to it. What the
    figures table's `currency` column holds.
token(tok), named(words, inside), prefix(text, num_start, grouped), after(gap, inside)
    The pieces it is made of, which link/conversions.py also uses to check what stands between
    an amount and its equivalent.

A currency is named as reportcheck.link.conversions compares them: "USD" (any "$", "US$",
"U.S. dollars", and a bare "dollars" inside a conversion's parenthesis), "EUR", "CFA franc", an
ISO 4217 code as the currency's noun ("BDT" is "taka"), else the report's noun with its adjective
("Burundian franc", "Kenyan shilling", "rupee", "pound", "dollar"). Curated rather than every
ISO 4217 name: "account", "sum", "real" or "mark" follow numbers for other reasons.
"""
from __future__ import annotations

from functools import lru_cache

import regex as re

__all__ = ["currency_of", "token", "named", "prefix", "after", "MULTIPLIERS", "PREFIXES"]

# A currency noun as written after a number -> its name (singular). Curated rather than taken
# from every ISO 4217 name: "account", "sum", "real" or "mark" follow numbers for other reasons.
_NOUNS = {
    "afghani": "afghani", "afghanis": "afghani", "ariary": "ariary", "baht": "baht", "balboa": "balboa",
    "balboas": "balboa", "birr": "birr", "boliviano": "boliviano", "bolivianos": "boliviano",
    "bolivar": "bolivar", "bolivars": "bolivar", "bolivares": "bolivar", "bolívar": "bolivar",
    "bolívares": "bolivar", "cedi": "cedi", "cedis": "cedi", "colon": "colon", "colones": "colon",
    "colón": "colon", "cordoba": "cordoba", "cordobas": "cordoba", "córdoba": "cordoba", "córdobas": "cordoba",
    "dalasi": "dalasi", "dalasis": "dalasi", "denar": "denar", "denars": "denar", "denari": "denar",
    "dinar": "dinar", "dinars": "dinar", "dirham": "dirham", "dirhams": "dirham", "dobra": "dobra",
    "dobras": "dobra", "dollar": "dollar", "dollars": "dollar", "dong": "dong", "dram": "dram", "drams": "dram",
    "escudo": "escudo", "escudos": "escudo", "euro": "EUR", "euros": "EUR", "florin": "florin",
    "florins": "florin", "forint": "forint", "forints": "forint", "franc": "franc", "francs": "franc",
    "gourde": "gourde", "gourdes": "gourde", "guarani": "guarani", "guaranis": "guarani",
    "guaranies": "guarani", "guaraní": "guarani", "guaraníes": "guarani", "hryvnia": "hryvnia",
    "hryvnias": "hryvnia", "hryvnya": "hryvnia", "hryvni": "hryvnia", "kina": "kina", "kip": "kip",
    "koruna": "koruna", "korunas": "koruna", "crown": "koruna", "crowns": "koruna", "krona": "krona", "kronor": "krona",
    "krone": "krone", "kroner": "krone", "kronur": "krona", "kuna": "kuna", "kunas": "kuna",
    "kwacha": "kwacha", "kwachas": "kwacha", "kwanza": "kwanza", "kwanzas": "kwanza", "kyat": "kyat",
    "kyats": "kyat", "lari": "lari", "laris": "lari", "lek": "lek", "leke": "lek", "leks": "lek",
    "lempira": "lempira", "lempiras": "lempira", "leone": "leone", "leones": "leone", "leu": "leu",
    "lei": "leu", "lev": "lev", "leva": "lev", "levs": "lev", "lilangeni": "lilangeni",
    "emalangeni": "lilangeni", "lira": "lira", "liras": "lira", "lire": "lira", "loti": "loti",
    "maloti": "loti", "manat": "manat", "manats": "manat", "marks": "mark", "markas": "mark", "metical": "metical",
    "meticais": "metical", "meticals": "metical", "naira": "naira", "nairas": "naira", "nakfa": "nakfa",
    "ngultrum": "ngultrum", "ngultrums": "ngultrum", "ouguiya": "ouguiya", "ouguiyas": "ouguiya",
    "pataca": "pataca", "patacas": "pataca", "peso": "peso", "pesos": "peso", "pound": "pound",
    "pounds": "pound", "pula": "pula", "pulas": "pula", "quetzal": "quetzal", "quetzales": "quetzal",
    "quetzals": "quetzal", "rand": "rand", "rands": "rand", "reais": "real", "renminbi": "yuan",
    "rial": "rial", "rials": "rial", "riel": "riel", "riels": "riel", "ringgit": "ringgit",
    "ringgits": "ringgit", "riyal": "riyal", "riyals": "riyal", "ruble": "ruble", "rubles": "ruble",
    "rouble": "ruble", "roubles": "ruble", "rufiyaa": "rufiyaa", "rupee": "rupee", "rupees": "rupee",
    "rupiah": "rupiah", "rupiahs": "rupiah", "shekel": "shekel", "shekels": "shekel", "sheqel": "shekel",
    "sheqels": "shekel", "shilling": "shilling", "shillings": "shilling", "soles": "sol", "som": "som",
    "soms": "som", "somoni": "somoni", "somonis": "somoni", "soum": "som", "soums": "som", "taka": "taka",
    "takas": "taka", "tala": "tala", "tenge": "tenge", "tenges": "tenge", "tugrik": "tugrik",
    "tugriks": "tugrik", "togrog": "tugrik", "togrogs": "tugrik", "vatu": "vatu", "won": "won", "yen": "yen",
    "yuan": "yuan", "zloty": "zloty", "zlotys": "zloty", "zlotych": "zloty", "zlotys'": "zloty",
}
# Abbreviations and symbols written before the number ("NRs 50,000", "KSh1,000", "€9,000").
PREFIXES = {
    "€": "EUR", "£": "pound", "₦": "naira", "₹": "rupee", "₱": "peso", "₩": "won", "₪": "shekel", "₫": "dong",
    "₴": "hryvnia", "₸": "tenge", "₺": "lira", "₼": "manat", "₽": "ruble", "₵": "cedi", "GH₵": "cedi",
    "Rs": "rupee", "Rs.": "rupee", "NRs": "rupee", "NRs.": "rupee", "Tk": "taka", "Tk.": "taka",
    "KSh": "shilling", "Ksh": "shilling", "KShs": "shilling", "Kshs": "shilling", "Kshs.": "shilling",
    "TSh": "shilling", "Tsh": "shilling", "TShs": "shilling", "USh": "shilling", "Ush": "shilling",
    "UShs": "shilling", "Shs": "shilling", "Shs.": "shilling", "Sh": "shilling", "Sh.": "shilling",
    "RM": "ringgit", "Rp": "rupiah", "Rp.": "rupiah", "Br": "birr", "Le": "leone", "Nu": "ngultrum",
    "Nu.": "ngultrum", "MK": "kwacha", "ZK": "kwacha", "KM": "mark", "NIS": "shekel", "RMB": "yuan",
    "CFA": "CFA franc", "FCFA": "CFA franc", "CFAF": "CFA franc", "Bs": "bolivar", "Bs.": "bolivar",
    "BsS": "bolivar", "BsF": "bolivar", "Gs": "guarani", "Gs.": "guarani", "S/": "sol", "S/.": "sol",
    "LE": "pound", "LL": "pound", "LD": "dollar", "JD": "dinar", "KD": "dinar", "BD": "dinar",
    "RTGS": "RTGS dollar",
    # codes withdrawn since (and gone from ISO 4217 as pycountry has it)
    "CUC": "convertible peso", "MRO": "old ouguiya", "VEF": "bolivar",
}
# One capital letter glued to the digits ("R1.5 million", "K10,000"): a currency only then, and
# only before a grouped, decimal or scaled number ("N1" is a channel, "P5" a grade).
_LETTER_PREFIXES = {"R": "rand", "N": "naira", "K": "K", "P": "P", "L": "L", "E": "lilangeni", "Q": "quetzal"}
_USD_ADJECTIVES = {"us", "u.s.", "american", "united states", "usd"}
_CFA = {"cfa", "fcfa", "cfaf", "xof", "xaf"}
# Lower-case words that may stand between a number and its currency: "new" adds nothing; the
# others name another currency than the plain word ("convertible pesos" are not Cuba's pesos,
# "old ouguiyas" are a tenth of the new ones).
_IGNORED_ADJECTIVES = {"new"}
_LOWER_ADJECTIVES = {"convertible", "nonconvertible", "non-convertible", "old"}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# scale words between a number and its currency: "a 44-million-euro loss", "1.5 lakh BDT"
MULTIPLIERS = {"lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, **_SCALES}
_SYMBOLS = "€£₦₹₱₩₪₫₴₸₺₼₽₵"
_PREFIX = re.compile(r"(?:^|(?<=[\s(\[/–—-]))(?P<tok>(?:[A-Z]{1,4}|U\.S\.)?\$|GH₵|[" + _SYMBOLS + r"]|S/\.?"
                     r"|\p{L}[\p{L}’']{0,11}\.?)(?P<sp>\s?)$")
_WORD = re.compile(r"[\p{L}][\p{L}.'’]*")
_GAP = re.compile(r"[\s-]*(?P<words>[\p{L}][\p{L}.'’]*(?:[\s-]+[\p{L}][\p{L}.'’]*){0,6})?"
                  r"(?:\s*\((?P<code>[^()\d,;]{1,8})\))?\s*,?\s*")
_PER = {"per", "a", "an", "each"}
_PERIODS = {"day", "week", "month", "year", "hour", "person", "head", "inmate", "student", "child"}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """ISO 4217 code -> currency name ("MWK" -> "kwacha")."""
    import pycountry

    out = {}
    for c in pycountry.currencies:
        last = c.name.split()[-1].lower()
        out[c.alpha_3] = _NOUNS.get(last, _NOUNS.get(last + "s", c.alpha_3))
    out.update({"USD": "USD", "EUR": "EUR", "XOF": "CFA franc", "XAF": "CFA franc"})
    return out


def token(tok: str) -> str | None:
    """The currency an abbreviation, code or sign names ("$", "US$", "NRs", "KD", "BDT", "CFA", "R$")."""
    if tok.endswith("$"):
        head = tok[:-1]
        return "USD" if head in ("", "US", "U.S.", "USD") else f"{head}$"
    if tok in PREFIXES:
        return PREFIXES[tok]
    if tok.lower() in _CFA:
        return "CFA franc"
    if tok.isupper() and len(tok) == 3:
        return _codes().get(tok)
    return None


def named(words: list[str], inside: bool) -> str | None:
    """The currency that `words` (right after a number) name: "CFA francs", "Burundian francs",
    "East Caribbean dollars", "U.S. dollars", "BDT", "KD". Every word must belong to the name.
    `inside`: the words are in the parenthesis, where a bare "dollars" is the US dollar."""
    if not words:
        return None
    last = words[-1]
    noun = _NOUNS.get(last.lower()) or token(last)
    if noun is None:
        return None
    adjectives = []
    for w in words[:-1]:
        if w.lower() in _CFA:
            return "CFA franc"
        if w.lower() in _IGNORED_ADJECTIVES:
            continue
        if not w[:1].isupper() and w.lower() not in _LOWER_ADJECTIVES:
            return None  # "500,000 CFA francs in fines": not a currency name
        adjectives.append(w)
    adj = " ".join(adjectives)
    if noun in ("CFA franc", "EUR", "USD"):
        return noun
    if noun == "dollar" and (adj.lower() in _USD_ADJECTIVES or (not adj and inside)):
        return "USD"
    return f"{adj} {noun}" if adj else noun


def prefix(text: str, num_start: int, grouped: bool, nouns: bool = True) -> tuple[str, int] | None:
    """The currency written right before a number ("$", "US$", "NRs ", "€", "BND ", "dinars ")
    and where it starts. `grouped`: the number has a separator or scale ("R1.5 million");
    `nouns`: a currency's noun counts too ("dinars 500": a conversion's equivalent may be written so)."""
    m = _PREFIX.search(text, max(0, num_start - 14), num_start)
    if not m:
        return None
    tok, glued = m.group("tok"), not m.group("sp")
    cur = token(tok) or (_NOUNS.get(tok.lower()) if nouns and not glued else None)
    if cur is None and tok in _LETTER_PREFIXES and glued and grouped:
        cur = _LETTER_PREFIXES[tok]
    return (cur, m.start("tok")) if cur else None


def after(gap: str, inside: bool) -> tuple[str | None, float] | None:
    """What the words between a number and what follows it say, when they are only a currency
    name: (currency or None when there are no words, multiplier). None when they say more.
    "CFA francs", "-CFA", " lakh BDT" (x 100,000), "-million-euro", " Egyptian pounds (LE)",
    " birr per day"."""
    m = _GAP.fullmatch(gap)
    if not m:
        return None
    words = _WORD.findall(m.group("words") or "")
    mult = 1.0
    while words and words[0].lower() in MULTIPLIERS:
        mult *= MULTIPLIERS[words.pop(0).lower()]
    if words and words[-1].lower() == "each":
        words.pop()
    if len(words) >= 3 and words[-2].lower() in _PER and words[-1].lower() in _PERIODS:
        del words[-2:]
    code = m.group("code")
    cur = named(words, inside) if words else None
    if words and cur is None:
        return None
    if cur is None and code:
        cur = token(code.strip())
        if cur is None:
            return None
    return cur, mult


# a conversion's equivalent opens right before the amount: "(", "(approximately", ", equivalent to"
_OPENED = re.compile(r"(?:\(\s*|,?\s+(?:the\s+)?equivalent\s+(?:to|of)\s+)(?:[\p{L}.]+\s+){0,3}?$", re.I)
_GROUPED = re.compile(r"[,.]|illion|thousand|lakh|crore")
_WORDS_AFTER = re.compile(r"[\s-]*(?P<w>[\p{L}][\p{L}.'’]*(?:[ \t-]+[\p{L}][\p{L}.'’]*){0,3})")


# what may stand next to an amount: a sign or a short capitalised word before it ("$", "KSh ",
# "RM185"), a currency's noun or a capitalised word after it ("francs", "CFA", "Kenyan"): a
# number with neither (most of them: "29 soldiers", "82 percent") is no amount, without reading more
_HINT_BEFORE = re.compile(r"(?:[$€£¥₦₹₱₩₪₫₴₸₺₼₽₵]|\b\p{Lu}[\p{L}’']{0,4}\.?\s?|\p{L})$")
_HINT_AFTER = re.compile(r"[\s-]*([\p{L}][\p{L}.'’]*)")


@lru_cache(maxsize=1)
def _after_words() -> frozenset[str]:
    return frozenset(_NOUNS) | frozenset(MULTIPLIERS) | _CFA


def _hinted(text: str, num_start: int, num_end: int, limit: int) -> bool:
    if _HINT_BEFORE.search(text, max(0, num_start - 8), num_start):
        return True
    m = _HINT_AFTER.match(text, num_end, min(limit, num_end + 40))
    if not m:
        return False
    w = m.group(1)
    return w[0].isupper() or w.lower().rstrip(".") in _after_words()


def currency_of(text: str, num_start: int, num_end: int, limit: int | None = None) -> tuple[str, int, int] | None:
    """(currency, start, end): the currency written right before the number ("$", "US$", "€",
    "KSh ", "Rs ", "GBP ") or right after it ("CFA francs", "Kenyan shillings", "naira", "-dollar"),
    and the amount's span with it. A word before the number is a currency only as a sign, code or
    abbreviation ("won 74 percent" is no amount). `limit`: where the sentence ends."""
    limit = len(text) if limit is None else limit
    if not _hinted(text, num_start, num_end, limit):
        return None
    grouped = bool(_GROUPED.search(text, num_start, min(limit, num_end + 9)))
    pre = prefix(text, num_start, grouped, nouns=False)
    begin = pre[1] if pre else num_start
    inside = bool(_OPENED.search(text, max(0, begin - 40), begin))
    m = _WORDS_AFTER.match(text, num_end, min(limit, num_end + 60))
    if m:
        words = list(_WORD.finditer(text, m.start("w"), m.end("w")))
        while words and words[0].group().lower() in MULTIPLIERS:
            words.pop(0)  # "a 44-million-euro loss": the magnitude is the number's
        for n in range(len(words), 0, -1):
            names = [w.group() for w in words[:n]]
            cur = named(names, inside) or named(names[:-1] + [names[-1].rstrip(".")], inside)
            if cur:
                if pre and pre[0] != cur and not (pre[0].endswith("$") and cur.endswith("dollar")):
                    return pre[0], begin, num_end  # "$5 million (CFA ...)": the sign is the amount's
                return cur, begin, words[n - 1].end()
    if pre:
        return pre[0], begin, num_end
    return None
