"""Currency conversions: an amount in one currency followed by its equivalent in another.

"fines of up to 500,000 CFA francs ($830)", "between 20,000 and one million CFA francs ($33 and
$1,661)" (a range converts element by element), "A nine-billion-CFA ($16.5 million) construction
project", "more than 2.8 billion Somalia shillings (five million dollars)". Each pairing is one
Conversion: the two amounts as written, their currencies, and the exchange rate they imply.

The rate is an interval, because the text allows more than one: the equivalent's own
qualifier ("2.12 billion CFA (more than five million dollars)" allows any rate below 424 CFA
per dollar) and the rounding of its last written digit ("$830" is 825-835, "five million
dollars" 4.5-5.5 million) widen it. A qualifier outside the parenthesis ("fines of up to
500,000 CFA francs ($830)") applies to both amounts and leaves the rate alone.

The amounts are the figures table's rows (every conversion is anchored on two rows): each
row's `value` (its magnitude read: "1.5 lakh BDT" is 150,000) and `currency` (what the
extractor read next to it, reportcheck.extract.money). The words around them are read here
only to see that the parenthesis is the amount's equivalent (nothing but the currency between
them, "per day" after), and for the currency of a row that has none: a table written before the
column, or a currency named as a noun before the number ("dinars 500").
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import regex as re

from ..config import qualifiers
from ..extract.money import after as _after
from ..extract.money import named as _named
from ..extract.money import prefix as _prefix
from ..extract.numbers import parse_number

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORD = re.compile(r"[\p{L}][\p{L}.'’]*")
_OPEN_ENDED = {"more_than", "at_least", "fewer_than", "at_most"}

_CONNECTOR = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.I)
_JOIN = re.compile(r"(?P<w>[\s\p{L}.]*?)\s*(?:-|–|—|to|and)\s*(?P<q>(?:[\p{L}.]+\s+){0,3}?)", re.I)
_DIGITS = re.compile(r"(?P<d>\d[\d,]*(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))*(?:\.\d+)?)")
_OPEN = re.compile(r"(?:\(\s*|,?\s+(?:the\s+)?equivalent\s+(?:to|of)\s+)(?P<q>(?:[\p{L}.]+\s+){0,3}?)$", re.I)
_CLOSE = re.compile(r"(?P<tail>[^()\d;]{0,40}?)\)")
_EQUIVALENT_END = re.compile(r"(?P<tail>[\s\p{L}.]{0,30}?)(?=[,.;)]|$)")
_GROUPED = re.compile(r"[,.]|illion|thousand")
_COMPOUND = re.compile(r"\b(?:thousand|million|billion|trillion)\s+$", re.I)
# words in the parenthesis that date the conversion to another time than the report's
_HISTORIC = re.compile(r"\b(?:at\s+the\s+time|at\s+that\s+time|then|at\s+the\s+(?:then|historical)|historic(?:al)?"
                       r"|at\s+the\s+(?:prevailing|official|market|parallel)\s+(?:exchange\s+)?rate)\b", re.I)


@dataclass
class Conversion:
    """An amount and its equivalent in another currency, and the exchange rate they imply.

    `rate` is the stated amount over the stated equivalent (units of `source` per unit of
    `target`: 602 CFA francs per dollar); [low, high] is every rate the text allows (the
    equivalent's own qualifier and the rounding of its last digit)."""

    rows: tuple[int, int]  # row indices: the amount, its equivalent
    spans: tuple[tuple[int, int], tuple[int, int]]  # the amount and the equivalent as written, with currency
    source: str  # currency of the amount ("CFA franc", "Burundian franc", "rupee", "EUR")
    target: str  # currency of the equivalent ("USD")
    amount: float
    equivalent: float
    qualifier: str  # the equivalent's own qualifier ("exact", "about", "more_than" ...)
    rate: float
    low: float
    high: float
    element: int = 0  # 0, or 1 for the second element of a range
    historic: bool = False  # converted at the rate of another time: "($55 million at the time)"

    @property
    def open(self) -> bool:
        """The text bounds the rate on one side only ("more than five million dollars")."""
        return self.qualifier in _OPEN_ENDED


@dataclass
class _Amount:
    row: int
    start: int  # the amount as written: from its currency sign or number to the end of its currency words
    end: int
    num_start: int
    num_end: int
    value: float
    unit: float  # the place of the last written digit (half of it is the rounding)
    scaled: bool  # written with a scale word ("1.5 million")


def _unit(digits: str) -> float:
    """The place of the last significant digit written: "830" 10, "1,661" 1, "16.5" 0.1; an
    equivalent is a computed amount, rounded, so zeros after the point are no precision: "$0.50"
    is half a dollar (0.1), "$1.00" a dollar (1)."""
    digits = "".join(c for c in digits if c.isdigit() or c == ".")
    if "." in digits:
        whole, decimals = digits.split(".", 1)
        decimals = decimals.rstrip("0")
        if decimals:
            return 10.0 ** -len(decimals)
        digits = whole
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def _parse(s: str, value: float | None = None) -> tuple[float, float, bool] | None:
    """(value, place of the last digit, scaled) of one amount as written ("16.5 million",
    "nine-billion", "1,661", "1.5 lakh"); `value`: the row's, when it has one (its magnitude read)."""
    s = s.strip().lstrip("$€£ ")
    m = _DIGITS.match(s)
    v = value if value is not None and not math.isnan(value) else parse_number(s if m else s.replace("-", " "))
    if v is None or v <= 0:
        return None
    if m:
        digits = parse_number(m.group("d").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
                              .replace("\u2009", ""))
        if not digits:
            return None
        scale = v / digits  # "16.5 million": the last digit is a hundred thousand
        return v, _unit(m.group("d")) * scale, scale > 1
    n = int(v)
    zeros = len(str(n)) - len(str(n).rstrip("0")) if n == v else 0
    return v, 10.0 ** zeros, any(w in s.lower() for w in _SCALES)


def _elements(row: dict, i: int, num_start: int) -> list[_Amount] | None:
    """The amounts a row states: one, or two for a range row ("20,000 and one million",
    "168 to $5,600"), a scale word on the second applying to the first ("1.5 to three million")."""
    nt = row["number_text"]
    end = num_start + len(nt)
    if row["number_kind"] != "range":
        p = _parse(nt, row["value"])
        return None if p is None else [_Amount(i, num_start, end, num_start, end, *p)]
    parts = list(_CONNECTOR.finditer(nt))
    if len(parts) != 1:
        return None
    c = parts[0]
    b_txt = nt[c.end():]
    a, b = _parse(nt[:c.start()]), _parse(b_txt)
    if a is None or b is None:
        return None
    b_num = num_start + c.end() + len(b_txt) - len(b_txt.lstrip("$€£ "))
    return _carry_scale([_Amount(i, num_start, num_start + c.start(), num_start, num_start + c.start(), *a),
                         _Amount(i, num_start + c.end(), end, b_num, end, *b)])


def _carry_scale(pair: list[_Amount]) -> list[_Amount]:
    a, b = pair
    if b.scaled and not a.scaled:
        for scale in (1e12, 1e9, 1e6, 1e3):
            if b.value >= scale and a.value * scale <= b.value and a.value < 1000:
                a.value, a.unit, a.scaled = a.value * scale, a.unit * scale, True
                break
    return pair


def _qualifier(phrase: str, table: dict[str, str]) -> str | None:
    phrase = " ".join(phrase.lower().split())
    for usd in (" us", " u.s."):
        phrase = phrase.removesuffix(usd)
    if phrase in ("", "us", "u.s.", "usd", "equivalent to", "the equivalent of", "equal to"):
        return "exact"
    return table.get(phrase)


def _rate_interval(amount: float, eq: float, unit: float, qual: str, quals: dict) -> tuple[float, float]:
    """Every rate amount / x for the x the equivalent allows: its rounding, widened by its qualifier.
    Money is not counted in whole units: "more than $5 million" is bounded by 5 million itself."""
    lo, hi = eq - unit / 2, eq + unit / 2
    if qual in ("more_than", "at_least"):
        lo, hi = eq, math.inf
    elif qual in ("fewer_than", "at_most"):
        lo, hi = 0.0, eq
    elif qual != "exact" and qual in quals:
        q = quals[qual]
        lo, hi = min(lo, q.low(eq, q.ratio)), max(hi, q.high(eq, q.ratio))
    return amount / hi if not math.isinf(hi) else 0.0, amount / lo if lo > 0 else math.inf


def link_conversions(text: str, rows: list[dict], rules: dict) -> list[Conversion]:
    """Every amount followed by its equivalent in another currency, in the order of the text."""
    quals = qualifiers(rules)
    table = {" ".join(p.lower().split()): k for k, q in quals.items() for p in q.phrases}
    starts: list[int | None] = []
    for r in rows:
        k = r["quote"].find(r["number_text"]) if r["parse_status"] == "parsed" and r["number_text"] else -1
        starts.append(r["start"] + k if k >= 0 else None)
    out: list[Conversion] = []
    for j in range(1, len(rows)):
        ns = starts[j]
        if ns is None or ("(" not in text[max(0, ns - 45):ns] and "quivalent" not in text[max(0, ns - 45):ns]):
            continue  # no parenthesis or "equivalent to" opens right before it
        found = _conversion_at(text, rows, starts, j, table)
        if found is None:
            continue
        src, tgt, src_cur, tgt_cur, quals_at, historic = found
        for e, (a, b, q) in enumerate(zip(src, tgt, quals_at, strict=True)):
            if a.value <= 0 or b.value <= 0:
                continue
            low, high = _rate_interval(a.value, b.value, b.unit, q, quals)
            out.append(Conversion((a.row, b.row), ((a.start, a.end), (b.start, b.end)), src_cur, tgt_cur,
                                  a.value, b.value, q, a.value / b.value, low, high, e, historic))
    return _merge_names(out)


def _grouped(text: str, start: int, row: dict) -> bool:
    return bool(_GROUPED.search(text, start, start + len(row["number_text"]) + 9))


def _conversion_at(text: str, rows: list[dict], starts: list, j: int, table: dict):
    """The conversion whose equivalent starts with row j, if there is one:
    (amounts, equivalents, source currency, target currency, the equivalents' qualifiers)."""
    tgt = _equivalent(text, rows, starts, j, table)
    if tgt is None:
        return None
    tgt, tgt_cur, quals_at, open_at, historic = tgt
    src = _amount(text, rows, starts, j, open_at, len(tgt))
    if src is None:
        return None
    src, src_cur = src
    if src_cur == tgt_cur or len(src) != len(tgt):
        return None  # "from 300 to 10,000 levs ($5,600)": which amount is converted is unclear
    return src, tgt, src_cur, tgt_cur, quals_at, historic


def _equivalent(text: str, rows: list[dict], starts: list, j: int, table: dict):
    """The equivalent that starts with row j: "($830)", "(more than five million dollars)",
    "($33 and $1,661)", "(approximately $800 to $1,600)", ", equivalent to $52,".
    Returns (amounts, currency, their qualifiers, where the parenthesis opens, dated to another time)."""
    ns, row = starts[j], rows[j]
    pre = _prefix(text, ns, _grouped(text, ns, row))
    before = pre[1] if pre else ns
    m = _OPEN.search(text, max(0, before - 40), before)
    if not m:
        return None
    q0 = _qualifier(m.group("q"), table)
    tgt = _elements(row, j, ns)
    if q0 is None or tgt is None:
        return None
    tgt[0].start = m.start("q") if m.group("q") else before  # "more than five million dollars", "$830"
    quals_at = [q0] * len(tgt)
    cur = row.get("currency") or (pre[0] if pre else None)
    k = j + 1
    if len(tgt) == 1 and k < len(rows) and starts[k] is not None and rows[k]["sentence"] == row["sentence"]:
        # "($33 and $1,661)", "($5.33-$13.33)": two rows
        nk = starts[k]
        pre_k = _prefix(text, nk, _grouped(text, nk, rows[k]))
        gap_end = pre_k[1] if pre_k else nk
        join = _JOIN.fullmatch(text, tgt[0].num_end, gap_end) if gap_end > tgt[0].num_end else None
        second = _elements(rows[k], k, nk) if join else None
        q1 = _qualifier(join.group("q"), table) if join else None
        if second is not None and len(second) == 1 and q1 is not None:
            words = _after(join.group("w"), inside=True)
            if words is None or (words[0] and cur and words[0] != cur):
                return None
            cur = cur or (words[0] if words else None) or (pre_k[0] if pre_k else None)
            second[0].start = gap_end
            tgt = _carry_scale([tgt[0], second[0]])
            quals_at = [q0, q1 if q1 != "exact" else q0]
    if len(tgt) == 2 and cur is None:
        pre_b = _prefix(text, tgt[1].num_start, True)  # "($168 to $5,600)": the second amount's sign
        cur = pre_b[0] if pre_b else None
    if m.group().lstrip().startswith("("):
        close = _CLOSE.match(text, tgt[-1].num_end)  # "($830)", "($54.90 per month)"
    else:
        close = _EQUIVALENT_END.match(text, tgt[-1].num_end)  # ", equivalent to $52, ..."
    if not close:
        return None
    # the currency after the last amount ("five million dollars", "500 euros"), then any words
    # that are no amount ("per month", "each")
    tail = close.group("tail")
    words = list(_WORD.finditer(tail))
    for n in range(min(4, len(words)), 0, -1):
        named = _named([w.group() for w in words[:n]], inside=True)
        if named and not re.search(r"[^\s\-\p{L}.'’]", tail[:words[n - 1].end()]):
            if cur is not None and named != cur:
                return None
            cur = named
            tgt[-1].end = tgt[-1].num_end + words[n - 1].end()
            break
    if cur is None:
        return None
    return tgt, cur, quals_at, m.start(), bool(_HISTORIC.search(tail))


def _amount(text: str, rows: list[dict], starts: list, j: int, open_at: int, n: int):
    """The amount converted: the row ending right before the parenthesis (and the one before it
    when the equivalent is a range of `n` = 2). Returns (amounts, currency)."""
    i = j - 1
    while i >= 0 and (starts[i] is None or starts[i] >= open_at):
        i -= 1
    if i < 0 or rows[i]["sentence"] != rows[j]["sentence"]:
        return None
    src = _elements(rows[i], i, starts[i])
    if src is None or src[-1].num_end > open_at:
        return None
    after = _after(text[src[-1].num_end:open_at], inside=False)
    if after is None:
        return None
    named, mult = after
    pre = _prefix(text, src[0].num_start, _grouped(text, starts[i], rows[i]))
    cur = rows[i].get("currency") or (pre[0] if pre else None)
    if named is not None:
        if cur is not None and cur != named and not (cur.endswith("$") and named.endswith("dollar")):
            return None  # "$5 million (...)": the sign and the words disagree
        cur = cur or named
    if cur is None:
        return None
    end = open_at
    while end > src[-1].num_end and text[end - 1] in " ,":
        end -= 1
    src[-1].end = end
    if pre:
        src[0].start = pre[1]
    if _COMPOUND.search(text, max(0, src[0].start - 12), src[0].start):
        return None  # "1 million 350 thousand soum": the row is the end of the amount
    for a in src:
        if mult != 1.0 and not a.scaled:
            a.value, a.unit = a.value * mult, a.unit * mult
    if (len(src) == 1 and n == 2 and i > 0 and starts[i - 1] is not None
            and rows[i - 1]["sentence"] == rows[j]["sentence"]):
        # "from 100,000 CFA francs to one million CFA francs ($170 to $1,700)", "of 300 to 10,000 levs"
        h = i - 1
        first = _elements(rows[h], h, starts[h])
        gap_end = pre[1] if pre else src[0].num_start
        if first is not None and len(first) == 1 and first[0].num_end <= gap_end:
            join = _JOIN.fullmatch(text, first[0].num_end, gap_end)
            words = _after(join.group("w"), inside=False) if join and not join.group("q") else None
            pre_h = _prefix(text, starts[h], True)
            if words is not None and words[0] in (None, cur) and (pre_h is None or pre_h[0] == cur):
                first[0].start = pre_h[1] if pre_h else first[0].start
                if mult != 1.0 and not first[0].scaled:
                    first[0].value, first[0].unit = first[0].value * mult, first[0].unit * mult
                src = _carry_scale([first[0], src[0]])
    return src, cur


def _merge_names(convs: list[Conversion]) -> list[Conversion]:
    """A currency named without its adjective ("francs"; "DZD", read as "dinar") is the one the
    report names with an adjective ("Burundian francs"), when it names only one."""
    names = {c.source for c in convs} | {c.target for c in convs}
    full: dict[str, set[str]] = {}
    for n in names:
        if " " in n and n != "CFA franc" and not n[:1].islower():  # never into "convertible peso"
            full.setdefault(n.rsplit(" ", 1)[1], set()).add(n)
    if "CFA franc" in names:
        full.setdefault("franc", set()).add("CFA franc")
    for c in convs:
        for attr in ("source", "target"):
            v = getattr(c, attr)
            if v in full and len(full[v]) == 1:
                setattr(c, attr, next(iter(full[v])))
    return convs
