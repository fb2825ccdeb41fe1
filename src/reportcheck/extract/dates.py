"""Date expressions in report prose, turned into inclusive day intervals.

    find_dates(text, year, start=0, end=None) -> list[DateMention]
    resolve_relative(mention, anchor) -> DateMention

Our own grammar (no library reads "Between July 10 and 13", "the first six months of the
year" or "as of August" the way a report means them). One compiled pattern describes every
form; it is tried (anchored) only next to cheap triggers (month names, years, "year", "day",
"period" ...), and each match, a short span, is then parsed and checked in Python. About 0.9 s
for the 194 reports of 2019 (14 MB).

Forms (keywords case-insensitive; month names must be capitalised; a date never spans a line
break):

* days: "May 11", "May 11, 2019", "11 May 2019", "1st of May", "Sept. 6", "Oct. 29, 2019",
  "January 25th".
* ranges: "between July 10 and 13", "July 10-12" (hyphen or dashes), "July 10 to 13", "July
  25-28, 2022", "from January 1 to March 31", "between June 3 and June 6", "11-12 December",
  "1 April 2023 to 31 March 2024", "from January to June", "between January and June",
  "January 2019-December 2019", "the period April to June", "2017-2019", "2018-19", "2018/19",
  "between 2015 and 2019", "the late 1990s to mid-2000s"; "June 3 or 4" ("or": one uncertain
  interval).
* lists: "and"/comma lists without "between" give one mention per item, contiguous items merged
  into one interval: "on August 17, 19, and 24" -> three days; "11 and 12 December" -> Dec 11-12;
  "in June and July" -> June 1-July 31; "in 2018 and 2019" -> 2018-2019; "in 2015 and 2019" ->
  two mentions.
* missing month/year: a bare day takes the month of the item before it ("July 10 and 13"), else
  after it ("11 and 12 December"). A missing year comes from the next explicit year in the
  chain ("June and July 2019"); else, at the end of a range that starts in an explicit year,
  the report year ("From March 2011 through December" in the 2019 report -> Mar 2011-Dec 2019:
  that is how the corpus uses it); else from the previous explicit year ("in March 2019 and
  June"); else the report year. A range whose start would come after its end starts the year
  before ("from November to February 2019" -> Nov 2018-Feb 2019).
* months and years: "In February", "In December 2019", "in March of 2019", "in 2017", "the
  2012 coup", "the 1990s" (1990-1999; early/mid/late: 0-3 / 3-6 / 6-9), "during/in/throughout/
  through the year", "during the reporting period", "this year" (the report year), "the
  previous/prior year", "last year" (year - 1; not "the last year for which data ...").
* parts: "early/mid-/late June" (days 1-10 / 10-20 / 20-end), "early/mid-/late 2019" (Jan-Apr /
  May-Aug / Sep-Dec), "the beginning/middle/end of X" (= early/mid/late X), "the first six
  months of the year", "the first half of 2019", "the latter half of the year", "the third
  quarter", "the last three months of the year" ("the first three months" without "of the
  year"/"of 2019" is a duration, not a date).
* kinds: "since X" -> kind "since", [start of X, Dec 31 of the report year], plural precision;
  "as of X", "by X" -> kind "as_of", interval = X ("as of August" = the month, "as of November
  30" = the day); "at/by/as of the end of X", "at/by/as of year's end", "at year-end" -> "as_of"
  on the last day of X; "until/through the end of X" -> that last day (absolute).
* relative (kind "relative", low/high None, offset_days): "seven days later", "10 days after",
  "two weeks later" (14), "15 days earlier" (-15), "one day before" (-1), "the following/next
  day" (1), "the previous day"/"the day before" (-1), "the same day"/"later that day" (0), "the
  following week" (7), "two months later", "the following month/year", "the same month" (month
  and year units: offset_days is 30*n / 365*n, precision "month"/"year"; resolve_relative
  shifts them in calendar units). Note: "N days later/earlier" count from the date told before;
  "N days after/before X" count from X, the event named next (often, not always, the date told
  before). Durations are not dates: "for five days after", "within 10 days after", "seven to 40
  days after", "in the 30 days before", "wait 40 days before remarrying", "nine months after
  applying" (a gerund after after/before: a rule) and "N days prior to" are skipped.
* same period (kind "same_period", low/high None, precision "months"): "during the same period",
  "the same period", "in the same time period", "over the same timeframe", "during this period".

Spans: a mention covers the date words plus the words that change its meaning (between, from,
since, as of, by, until, through, the period, at [the end of], during/in [the year]); plain
"in"/"on" before a date are not part of it ("On May 11" -> "May 11").

When `year` is None, a mention that needs the report year keeps its span, kind and precision
but has low = high = None ("since 2013" keeps its low and has high None); nothing is guessed.

Not dates: "may"/"May" as a modal or a name (a bare "May"/"March" needs a preposition before it:
in, since, by, during, until, between, from, as of ...); "march"/"marched" (month names must be
capitalised); a date followed by a name word: "the June 5 Movement", "the March 23 Movement",
"April 6 Youth Movement", "13 May Square", "the 17 February revolution", "the March 8
coalition"; "11 a.m."; "COVID-19"; counts ("In September 24 garment workers" -> only
"September"; "at least 2000 persons"); numbers after "No.", "Resolution", "Decree", "Law",
"UNSCR"...; decree numbers "2019-023"; years in URLs ("/2019-country-reports").
"""
from __future__ import annotations

import calendar
import datetime as dt
import heapq
import re
from dataclasses import dataclass, replace

from ..model import DateMention

__all__ = ["find_dates", "resolve_relative"]

# ---------------------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_NUMWORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "ninety": 90,
}
_FULL_MONTHS = frozenset(list(_MONTHS)[:12])
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1, "latter": 2}

# Regex pieces ---------------------------------------------------------------------------

_MON = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
        r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)(?=\s*\d))")
# a day of the month: not part of a larger number, a time, a percentage or "11,000"
_DAY = (r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w’'])(?!,\d)(?!\.\d)"
        r"(?!\s*(?:[ap]\.?m\b|[ap]\.m\.|%|percent\b|:\d|h\d|-year|-month|-day))")
_Y4 = r"(?:19|20)\d\d(?![\w])(?!,\d)(?!\.\d)(?![-–/]\d)"
# a year or a year range "2017-2019", "2018-19", "2018/19"; "2019-023" (a decree) is not a year
_YR = r"(?:19|20)\d\d(?:[-–/](?:(?:19|20)\d\d|\d\d)(?![\w]))?(?![-–/]?\d)(?![\w])(?!,\d)(?!\.\d)"
_DEC = r"(?:19|20)\d0[’']?s\b"
_QUAL = (r"(?i:(?:the\s+)?(?:very\s+)?(?:(?:end|beginning|start|middle)\s+of\s+(?:the\s+month\s+of\s+)?"
         r"|(?:early|late)(?:\s*-\s*|\s+)|mid(?:dle)?(?:\s*-\s*|\s+)))")
_THEYEAR = r"(?i:the\s+(?:reporting\s+|calendar\s+|current\s+)?year\b(?!['’]))"
_YEAREND = r"(?i:(?:the\s+)?year['’]s\s+end\b|year(?:-|\s)end\b)"
_PREFIX = (r"(?i:(?:between|from|since|as\s+of|by|until|till|through|throughout|at"
           r"|the\s+period(?:\s+(?:from|between|of))?)\s+)")

_ITEM_ALTS = (
    rf"(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MON})\s+(?P<dmy_y>{_Y4})",
    rf"(?P<mdy_m>{_MON})\s*(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_Y4})",
    rf"(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_MON})",
    rf"(?P<md_m>{_MON})\s*(?P<md_d>{_DAY})",
    rf"(?P<my_m>{_MON})\s+(?:of\s+)?(?P<my_y>{_Y4})",
    rf"(?P<m>{_MON})",
    rf"(?P<dec>{_DEC})",
    rf"(?P<yr>{_YR})",
    rf"(?P<ty>{_THEYEAR})",
    rf"(?P<ye>{_YEAREND})",
)
_ITEM = rf"(?P<q>{_QUAL})?(?:" + "|".join(_ITEM_ALTS) + ")"
_ITEM_NC = re.sub(r"\?P<\w+>", "?:", _ITEM)  # same, without groups, for the scanner
_DAYY = rf"{_DAY}(?:,?\s+{_Y4})?"  # a bare day, with the year of the whole range: "July 25-28, 2022"
_ITEM2_NC = rf"(?:{_ITEM_NC}|{_DAYY})"  # later items may be a bare day ("July 10 and 13")
_LEAD_DAY = rf"{_DAY}(?=(?:,\s+{_DAY})*,?\s*(?:[-–—]|(?i:and|or|to|through|until)\b)\s*{_DAY}\s+{_MON})"
_CONN = r"(?:\s*[-–—]\s*|,?\s+(?i:and|or)\s+|\s+(?i:to|through|until|till)\s+|,\s+)"
_CHAIN = (rf"(?:(?<![\w-]){_PREFIX})?(?<![\w$€£#/.,'’-])(?:{_ITEM_NC}|{_LEAD_DAY})"
          rf"(?:(?:(?:,\s+{_ITEM2_NC})*,?\s+(?i:and|or)\s+|\s+(?i:to|through|until|till)\s+|\s*[-–—]\s*)"
          rf"{_ITEM2_NC})*")

_NUMW = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
         r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety)")
_REL = (rf"(?i:\b(?P<rn>{_NUMW})\s+(?P<ru>days?|weeks?|months?|years?)\s+"
        rf"(?P<rd>later|afterwards?|after|earlier|before)\b(?!\s+being\b)"
        rf"|\b(?:(?:the|that)\s+(?:very\s+)?(?P<rw>following|next|previous|preceding|same|prior)"
        rf"\s+(?P<rwu>day|morning|evening|night|week|month|year)\b(?!['’]))"
        rf"|\bthe\s+(?P<rdu>day|week)\s+(?P<rdd>after|before)\b(?!\s+(?:that|which|when|he|she|they)\b)"
        rf"|\blater\s+that\s+(?P<rld>day|morning|evening|night)\b)")
_SAME = (r"(?i:\b(?:(?:during|in|over|for|within|throughout)\s+)?the\s+same\s+"
         r"(?:time\s+period|period|time\s*frame|time\s+span)\b"
         r"|\b(?:during|in|over|throughout|within)\s+(?:this|that)\s+(?:time\s+)?period\b(?!\s+of\b))")
_PERIOD = (rf"(?i:\bthe\s+(?P<po>first|second|third|fourth|last|final|latter)\s+(?:(?P<pn>{_NUMW})\s+(?P<pm>months)"
           rf"|(?P<pu>half|quarter))\b(?:\s+of\s+(?:(?P<pty>the\s+(?:calendar\s+|current\s+|reporting\s+)?year)\b"
           rf"|(?:the\s+year\s+)?(?P<py>{_Y4})))?)")
_YPH = (r"(?i:\b(?P<ycur>(?:during|in|throughout|through|over|later\s+in|earlier\s+in)\s+the\s+"
        r"(?:reporting\s+|calendar\s+|current\s+|past\s+)?(?:year|reporting\s+period)\b(?!['’]|\s*-|\s+(?:since|after|before|following|prior"
        r"|that|when|which|in\s+which|of|ago|to|(?:19|20)\d\d\b))|(?:this|the\s+current|the\s+reporting)\s+year\b(?!['’]))"
        r"|\b(?P<yprev>(?:the\s+)?(?:previous|prior|preceding)\s+year\b"
        r"|(?<!the\s)last\s+year\b))")  # not "the last year for which data were available"



def _compile(pattern: str) -> re.Pattern:
    """Compile a date pattern: its white space (\\s) never crosses a line break."""
    return re.compile(pattern.replace(r"\s", r"[^\S\n]"))


_SCAN = _compile(rf"(?P<per>{_PERIOD})|(?P<yph>{_YPH})|(?P<rel>{_REL})|(?P<same>{_SAME})|(?P<chain>{_CHAIN})")
_ITEM_RE = _compile(_ITEM)
_MON_RE = _compile(_MON)
_PERIOD_NOT = re.compile(r"\s+(?i:of|after|since|following|in|before|at|under|as)\b")
_DAY_RE = _compile(_DAY)
_DAYY_RE = _compile(rf"(?P<d>{_DAY})(?:,?\s+(?P<y>{_Y4}))?")
_PREFIX_RE = _compile(_PREFIX)
_CONN_RE = _compile(_CONN)

# context checks (applied to a few dozen characters around a match only)
_CTX_MONTH = re.compile(  # what may stand before a bare month name
    r"(?i:\b(?:in|on|since|by|during|until|till|between|from|through|throughout|before|after|as\s+of"
    r"|month\s+of|end\s+of|beginning\s+of|start\s+of|middle\s+of|early|late|mid|last|this|next|and|or|to"
    r"|the|that|each|every|around|about|of|for|within|starting|beginning|ending|dated|in\s+early|in\s+late)"
    r"\s*[-–]?\s*)$")
_CTX_MAY = re.compile(  # "May" and "March" need a real preposition
    r"(?i:\b(?:in|since|by|during|until|till|between|from|through|throughout|before|after|as\s+of"
    r"|month\s+of|early|late|mid|last|this|next|starting|beginning|ending|dated)\s*[-–]?\s*)$")
_YEAR_BAD_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|no|nos|Art|p|pp)\.\s*|\b(?:[Nn]umbers?|[Rr]esolutions?|[Dd]ecrees?|[Ll]aws?|[Oo]rders?"
    r"|[Oo]rdinances?|[Aa]rticles?|[Cc]odes?|[Cc]hapters?|[Rr]ooms?|[Rr]oute|[Hh]ighway|[Ff]light|[Pp]ages?"
    r"|[Ss]ections?|[Pp]aragraphs?|[Cc]lauses?|[Bb]ills?|[Rr]egulations?|ISO|UNSCR|[Cc]ase)\s+|[$€£#])$")
_QUANT_BEFORE = re.compile(
    r"(?i:\b(?:at\s+least|more\s+than|fewer\s+than|less\s+than|nearly|almost|approximately|about|some"
    r"|estimated|total\s+of|up\s+to|over|around|roughly)\s+)$")
_AFTER_LOWER_WORD = re.compile(r"\s+(?!(?:and|or|to|in|on|at|by|for|of|the|was|were|when|after|before"
                               r"|until|through|during|with|as|while|but|that|which|amid|following)\b)[a-z]")
_AFTER_UNIT = re.compile(r"\s*(?:hours?|hrs|GMT|UTC|km|kilometers?|miles?|meters?|feet|tons?|kg|dollars?"
                         r"|euros?|percent|%)\b")
_COUNT_NOUN = (r"(?:persons|people|individuals|men|women|children|boys|girls|minors|journalists|prisoners"
               r"|detainees|inmates|workers|civilians|soldiers|troops|officers|police|policemen|students"
               r"|members|protesters|demonstrators|migrants|refugees|activists|cases|deaths|killings"
               r"|incidents|complaints|victims|villagers|residents|others|were|had|have|more"
               r"|additional|new|other|died|dead|killed|injured|arrested|detained)\b")
_AFTER_COUNT = re.compile(rf"\s+(?:of|percent)\b|\s*%|(?:\s+[a-z][\w-]*){{0,2}}?\s+{_COUNT_NOUN}")
_NAME_AFTER = re.compile(
    r"(?:\s+(?:[A-Z][\w'’-]*\s+){0,2})(?:(?i:movement|revolution|uprising|alliance|coalition|bloc)|Group|Square|Street"
    r"|Avenue|Road|Bridge|Stadium|Brigade|Battalion|Martyrs|Memorial|Foundation|University|Organization"
    r"|Front|Party|Park|Boulevard|Hospital|School|Camp|Club|Association|Forces|City|TV|Television|Radio"
    r"|Channel|Newspaper|Magazine)\b")
_BEFORE_IN = re.compile(r"(?i:\b(?:in|during)\s+)$")  # "In September 24 garment workers"
_DURATION_BEFORE = re.compile(
    r"(?i:\b(?:for|within|up\s+to|than|to|of|first|over|past|last|next|every|least|most|about|nearly"
    r"|approximately|some|the|additional|another|exceed|exceeding|wait|waiting)\s+)$")
_GERUND_AFTER = re.compile(r"\s+(?:being\s+|having\s+)?[a-z]+ing\b")
_BEFORE_YEAREND_OK = ("at", "by", "as of", "until", "till", "through", "throughout")

_RANGE_CONN = {"-", "–", "—", "to", "through", "until", "till", "or"}


# ---------------------------------------------------------------------------------------
# Calendar helpers

def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _add_months(d: dt.date, n: int, *, end: bool = False) -> dt.date:
    k = d.month - 1 + n
    y, m = d.year + k // 12, k % 12 + 1
    day = _last_day(y, m) if end else min(d.day, _last_day(y, m))
    return dt.date(y, m, day)


def _qual_kind(q: str | None) -> str | None:
    if not q:
        return None
    q = q.lower()
    if "end" in q or "late" in q:
        return "late"
    if "beginning" in q or "start" in q or "early" in q:
        return "early"
    return "mid"  # mid-, middle of


def _month_interval(y: int, m: int, qual: str | None) -> tuple[dt.date, dt.date, int]:
    """(low, high, level) of a month or a part of it; level 1 = days, 2 = month."""
    last = _last_day(y, m)
    if qual == "early":
        return dt.date(y, m, 1), dt.date(y, m, 10), 1
    if qual == "mid":
        return dt.date(y, m, 10), dt.date(y, m, 20), 1
    if qual == "late":
        return dt.date(y, m, 20), dt.date(y, m, last), 1
    return dt.date(y, m, 1), dt.date(y, m, last), 2


def _year_interval(y: int, qual: str | None) -> tuple[dt.date, dt.date, int]:
    """(low, high, level) of a year or a part of it; level 2 = months, 3 = year."""
    if qual == "early":
        return dt.date(y, 1, 1), dt.date(y, 4, 30), 2
    if qual == "mid":
        return dt.date(y, 5, 1), dt.date(y, 8, 31), 2
    if qual == "late":
        return dt.date(y, 9, 1), dt.date(y, 12, 31), 2
    return dt.date(y, 1, 1), dt.date(y, 12, 31), 3


# ---------------------------------------------------------------------------------------
# Chain items

@dataclass
class _Item:
    start: int
    end: int
    y: int | None = None  # explicit year
    y2: int | None = None  # end of an explicit year range ("2017-2019")
    m: int | None = None
    d: int | None = None
    qual: str | None = None  # "early" | "mid" | "late"
    qual_end: bool = False  # "the end of" (not "late")
    kind: str = ""  # "dmy" "mdy" "dm" "md" "my" "m" "yr" "dec" "ty" "ye" "day"
    year_used: int | None = None  # the year the item was resolved in
    year_inherited: bool = False
    year_unknown: bool = False  # resolved in a stand-in year (the report year is not known)


def _month_of(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _day_of(s: str) -> int:
    return int(s[:2]) if s[:2].isdigit() else int(s[:1])


def _parse_item(text: str, pos: int, end: int) -> _Item | None:
    m = _ITEM_RE.match(text, pos, end)
    if m is None:
        d = _DAYY_RE.match(text, pos, end)
        if d is None:
            return None
        it = _Item(pos, d.end(), d=_day_of(d.group("d")), kind="day")
        if d.group("y"):
            it.y = int(d.group("y"))
        return it
    g = m.groupdict()
    it = _Item(m.start(), m.end())
    if g["q"]:
        it.qual = _qual_kind(g["q"])
        it.qual_end = "end" in g["q"].lower()
    if g["dmy_d"]:
        it.d, it.m, it.y, it.kind = _day_of(g["dmy_d"]), _month_of(g["dmy_m"]), int(g["dmy_y"]), "dmy"
    elif g["mdy_m"]:
        it.d, it.m, it.y, it.kind = _day_of(g["mdy_d"]), _month_of(g["mdy_m"]), int(g["mdy_y"]), "mdy"
    elif g["dm_d"]:
        it.d, it.m, it.kind = _day_of(g["dm_d"]), _month_of(g["dm_m"]), "dm"
    elif g["md_m"]:
        it.d, it.m, it.kind = _day_of(g["md_d"]), _month_of(g["md_m"]), "md"
    elif g["my_m"]:
        it.m, it.y, it.kind = _month_of(g["my_m"]), int(g["my_y"]), "my"
    elif g["m"]:
        it.m, it.kind = _month_of(g["m"]), "m"
    elif g["dec"]:
        it.y, it.y2, it.kind = int(g["dec"][:4]), int(g["dec"][:4]) + 9, "dec"
    elif g["yr"]:
        s = g["yr"]
        it.y, it.kind = int(s[:4]), "yr"
        if len(s) > 4:
            tail = s[5:]
            y2 = int(tail) if len(tail) == 4 else (it.y // 100) * 100 + int(tail)
            if not (it.y < y2 <= it.y + 30):
                return None  # "2019/05": a number, not a year range
            it.y2 = y2
    elif g["ty"]:
        it.kind = "ty"
    elif g["ye"]:
        it.kind, it.qual, it.qual_end = "ye", "late", True
    if it.qual and it.d is not None:
        return None  # "early May 11": not a form we know
    if it.kind == "ty" and not it.qual:
        return None
    return it


_STAND_IN_YEAR = 2000  # a leap year


def _interval(it: _Item) -> tuple[dt.date, dt.date, int]:
    """(low, high, level) of an item whose year is filled in.

    level: 0 a day, 1 part of a month (days), 2 a month or part of a year (months), 3 a year,
    4 several years.
    """
    y = it.year_used
    if it.kind == "dec":  # "the 1990s", "the late 1990s" (1996-1999), "the early 2000s" (2000-2003)
        a, b = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(it.qual or "", (0, 9))
        return dt.date(it.y + a, 1, 1), dt.date(it.y + b, 12, 31), 4
    if it.kind == "yr" and it.y2:
        return dt.date(it.y, 1, 1), dt.date(it.y2, 12, 31), 4
    if it.d is not None:
        day = dt.date(y, it.m, it.d)
        return day, day, 0
    if it.m is not None:
        return _month_interval(y, it.m, it.qual)
    return _year_interval(y, it.qual)


def _precision(levels: list[int], low: dt.date, high: dt.date) -> str:
    lv = min(levels)
    if lv == 0:
        return "day" if low == high else "days"
    if lv == 1:
        return "days"
    if lv == 2:
        if all(x == 2 for x in levels) and low.year == high.year and low.month == high.month \
                and low.day == 1 and high.day == _last_day(high.year, high.month):
            return "month"
        return "months"
    return "year" if lv == 3 and low.year == high.year else "years"


# ---------------------------------------------------------------------------------------
# The scanner

def find_dates(text: str, year: int | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression in text[start:end], sorted, non-overlapping, absolute offsets.

    `year` is the report year, used when an expression gives none (None: such mentions get
    low = high = None). See the module docstring for the forms and their intervals.
    """
    if end is None or end > len(text):
        end = len(text)
    out: list[DateMention] = []
    pos = start
    match = _SCAN.match
    rev, n = text[::-1], len(text)
    # Every date expression contains a trigger (a month name, a year, or one of a few words:
    # "year", "day", "period" ...), and at most a few short words come before its first trigger
    # ("between", "the first", "as of the end of", "11 and 12"). So instead of trying the big
    # pattern at every position, find the triggers with cheap patterns, step back over the
    # words that may begin an expression, and try the pattern (anchored) at those word starts.
    for ts in _triggers(text, start, end):
        if ts < pos:
            continue
        while ts > pos and (text[ts - 1].isalnum()):
            ts -= 1  # "timeframe", "1990s": from the start of the word
        b = _BACK_REV.match(rev, n - ts, n - pos)
        m = None
        for c in _word_starts(text, ts - (b.end() - b.start()) if b else ts, ts):
            m = match(text, c, end)
            if m is not None:
                break
        if m is None:
            continue
        kind = m.lastgroup
        if kind == "chain":
            got = _chain(text, m.start(), m.end(), end, year)
            out.extend(got)
            if got:  # a chain cut short ("early June, 11 and 12 December"): read the rest again
                pos = got[-1].end
                continue
        elif kind == "per":
            out.extend(_period(text, m, end, year))
        elif kind == "rel":
            out.extend(_relative(text, m))
        elif kind == "same":
            out.append(DateMention(m.start(), m.end(), m.group(), None, None, "months", "same_period"))
        else:  # yph
            y = year if m.group("ycur") else (year - 1 if year is not None else None)
            low = dt.date(y, 1, 1) if y is not None else None
            high = dt.date(y, 12, 31) if y is not None else None
            out.append(DateMention(m.start(), m.end(), m.group(), low, high, "year"))
        pos = m.end()
    return out


_TRIG_MONTH = re.compile(r"[ADFJMNOS](?:anuary|ebruary|arch|pril|ay|une|uly|ugust|eptember|ctober|ovember|ecember"
                         r"|an|eb|ar|pr|un|ul|ug|ept?|ct|ov|ec)\b")
_TRIG_YEAR = re.compile(r"(?:19|20)\d\d")
_TRIG_WORDS = ("year", "day", "week", "month", "period", "quarter", "half", "morning", "evening", "night",
               "frame", "span")
# the words that may come before the first trigger of an expression
_BACK_WORDS = (
    "between from since as of by until till through throughout at the period very end beginning start middle"
    " month early late mid during in over later earlier this current reporting calendar past previous prior"
    " preceding last that same time following next first second third fourth final latter and or to for within"
    " a an"
    " one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty thirty forty fifty sixty ninety").split()
# ... matched backwards from the trigger on the reversed text (an anchored match, no scan)
_BACK_REV = _compile(
    r"(?:(?:\s+,?|\s*[-–—]\s*)(?i:" + "|".join(sorted((w[::-1] for w in _BACK_WORDS), key=len, reverse=True))
    + r"|(?:ts|dn|dr|ht)?\d{1,3})(?![\w'’]))+")
_WORD_START = re.compile(r"(?<![\w'’])[\w]")


def _triggers(text: str, start: int, end: int):
    """Start offsets of the triggers in text[start:end], in order (cheap passes, merged)."""
    lists = [[m.start() for m in r.finditer(text, start, end)] for r in (_TRIG_MONTH, _TRIG_YEAR)]
    find = text.find
    for w in _TRIG_WORDS:  # str.find is faster than a regex alternation here
        hits = []
        i = find(w, start, end)
        while i >= 0:
            hits.append(i)
            i = find(w, i + 1, end)
        lists.append(hits)
    return heapq.merge(*lists)


def _word_starts(text: str, a: int, b: int) -> list[int]:
    if a >= b:
        return [b]
    starts = [m.start() for m in _WORD_START.finditer(text, a, b)]
    starts.append(b)
    return starts


def _ctx_before(text: str, s: int, n: int = 40) -> str:
    return text[max(0, s - n):s]


def _period(text: str, m: re.Match, end: int, year: int | None) -> list[DateMention]:
    o = _ORDINALS[m.group("po").lower()]
    of_year = m.group("pty") or m.group("py")
    if not of_year and _PERIOD_NOT.match(text, m.end(), end):
        return []  # "the first six months of his detention", "the first half of the session"
    y = int(m.group("py")) if m.group("py") else year
    if m.group("pm"):
        if not of_year:
            return []  # "for the first three months" (of a job, of detention ...): a duration
        n = _NUMWORDS.get(m.group("pn").lower()) if not m.group("pn").isdigit() else int(m.group("pn"))
        if not n or n > 12 or o not in (1, -1):
            return []
        m1, m2 = (1, n) if o == 1 else (13 - n, 12)
    elif m.group("pu").lower() == "half":
        if o not in (1, 2, -1):
            return []
        m1, m2 = (1, 6) if o == 1 else (7, 12)
    else:  # quarter
        if m.group("po").lower() == "latter":
            return []
        q = 4 if o == -1 else o
        m1, m2 = 3 * q - 2, 3 * q
    if y is None:
        return [DateMention(m.start(), m.end(), m.group(), None, None, "months")]
    return [DateMention(m.start(), m.end(), m.group(), dt.date(y, m1, 1), dt.date(y, m2, _last_day(y, m2)),
                        "months")]


def _relative(text: str, m: re.Match) -> list[DateMention]:
    g = m.group
    if g("rn"):
        if _DURATION_BEFORE.search(_ctx_before(text, m.start(), 20)):
            return []  # "for five days after", "within 10 days after", "seven to 40 days after"
        if g("rd").lower() in ("after", "before") and _GERUND_AFTER.match(text, m.end()):
            return []  # a rule, not an event: "wait 40 days before remarrying", "nine months after applying"
        n = int(g("rn")) if g("rn").isdigit() else _NUMWORDS[g("rn").lower()]
        unit = g("ru").lower().rstrip("s")
        sign = -1 if g("rd").lower() in ("earlier", "before") else 1
    elif g("rw"):
        w = g("rw").lower()
        unit = g("rwu").lower()
        unit = "day" if unit in ("morning", "evening", "night") else unit
        n, sign = (0, 1) if w == "same" else (1, -1 if w in ("previous", "preceding", "prior") else 1)
        if unit == "year" and w in ("previous", "preceding", "prior"):
            return []  # "the previous year" is handled as year-1 of the report (yph)
    elif g("rdu"):
        unit, n, sign = g("rdu").lower(), 1, (1 if g("rdd").lower() == "after" else -1)
    else:  # later that day
        unit, n, sign = "day", 0, 1
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n * sign
    return [DateMention(m.start(), m.end(), m.group(), None, None,
                        "day" if unit in ("day", "week") else unit, "relative", days)]


def _chain(text: str, s: int, e: int, end: int, year: int | None) -> list[DateMention]:
    # the prefix (between, from, since, as of ...)
    prefix = ""
    p = _PREFIX_RE.match(text, s, e)
    pos = s
    if p is not None and _ITEM_RE.match(text, p.end(), e) or (p is not None and _DAY_RE.match(text, p.end(), e)):
        prefix = " ".join(p.group().lower().split())
        pos = p.end()
    items: list[_Item] = []
    conns: list[str] = []
    while pos < e:
        it = _parse_item(text, pos, e)
        if it is None:
            break
        items.append(it)
        pos = it.end
        c = _CONN_RE.match(text, pos, e)
        if c is None:
            break
        conns.append(" ".join(c.group().replace(",", " ").lower().split()) or ",")
        pos = c.end()
    conns = conns[:max(0, len(items) - 1)]
    items = _validate(text, items, end)
    if not items:
        return []
    conns = conns[:len(items) - 1]
    first = items[0]
    before = _ctx_before(text, s)

    # a bare month or year standing alone: is it really a date?
    if len(items) == 1 and not prefix and not first.qual:
        if first.kind == "m" and not _bare_month_ok(text, first):
            return []
        if first.kind == "yr" and not _year_ok(text, first, end):
            return []
        if first.kind == "md" and _BEFORE_IN.search(before) and _AFTER_COUNT.match(text, first.end, end):
            # "In September 24 garment workers": the month, then a count
            mm = _MON_RE.match(text, first.start, first.end)
            first = _Item(first.start, mm.end(), m=first.m, kind="m")
            items = [first]
            if not _bare_month_ok(text, first):
                return []
    elif first.kind == "m" and not prefix and not first.qual and all(i.kind == "m" for i in items):
        if not _bare_month_ok(text, first):
            return []
    elif first.kind == "yr" and not prefix and not first.qual and not _year_ok(text, first, end):
        return []
    if prefix == "at" and not (first.qual_end or first.kind == "ye" or first.qual == "early"):
        prefix, s = "", first.start  # "at 2019 levels": "at" is not part of the date
    if first.kind == "ye" and prefix not in _BEFORE_YEAREND_OK and prefix != "as of":
        return []
    # a date that begins a name: "the June 5 Movement", "13 May Square"
    last = items[-1]
    if not any(i.y for i in items) and _NAME_AFTER.match(text, last.end, end):
        return []
    if prefix in ("between", "from", "the period from", "the period between") and len(items) == 1:
        if prefix != "from":
            return []  # "between May" with no second end: not a form we read
        prefix, s = "", first.start

    # fill in months and years from the neighbours; what lies ahead of each item is found in one
    # backward pass (a look ahead per item made a long chain of dates quadratic)
    next_month: list[_Item | None] = [None] * len(items)  # the next item with a month of its own
    next_year: list[int | None] = [None] * len(items)  # the next explicit year (not a decade)
    for i in range(len(items) - 2, -1, -1):
        nxt = items[i + 1]
        next_month[i] = nxt if nxt.m is not None else next_month[i + 1]
        next_year[i] = nxt.y if nxt.y is not None and nxt.kind != "dec" else next_year[i + 1]
    for i, it in enumerate(items):
        if it.kind == "day":
            # "July 10 and 13": the month comes before; "11 and 12 December" (nothing before): after
            src = None
            for j in range(i - 1, -1, -1):
                if items[j].y is not None and (items[j].kind == "day" or j < i - 1):
                    break  # "June 3 and 6, 2019, and 11 and 12 December": that date is closed
                if items[j].m is not None:
                    src = items[j]
                    break
            src = src or next_month[i]
            if src is None:
                return []
            it.m = src.m
    # group: range connectors (and "between ... and") join, the others list
    range_end = [False] * len(items)
    groups: list[list[_Item]] = [[items[0]]]
    ranged = False
    for i, (c, it) in enumerate(zip(conns, items[1:], strict=True), 1):
        is_range = c in _RANGE_CONN or (c == "and" and prefix.endswith("between") and not ranged)
        if is_range and len(groups[-1]) == 1:
            groups[-1].append(it)
            ranged = range_end[i] = True
        else:
            groups.append([it])

    # Years: an item without one takes the next explicit year in the chain ("June and July
    # 2019"), else, at the end of a range that starts in an explicit year, the report year
    # ("from March 2011 through December" in the 2022 report: the count runs to the report's
    # December), else the previous explicit year ("in March 2019 and June"), else the report
    # year. Without a report year, such items are resolved in a stand-in leap year (so that
    # "11 and 12 December" still merges) and lose their interval at the end.
    fallback = year if year is not None else _STAND_IN_YEAR
    prv = None  # the last explicit year before the item (its second year for "2018-19")
    for i, it in enumerate(items):
        if i and items[i - 1].y is not None:
            prv = items[i - 1].y2 or items[i - 1].y
        if it.y is not None:
            it.year_used = it.y
        elif it.kind in ("ty", "ye"):
            it.year_used, it.year_unknown = fallback, year is None
        else:
            nxt = next_year[i]
            it.year_inherited = True
            if nxt is not None:
                it.year_used = nxt
            elif prv is not None and range_end[i] and it.kind != "day" and items[i - 1].d is None:
                it.year_used = max(year, prv) if year is not None else prv
                it.year_unknown = year is None
            elif prv is not None:
                it.year_used = prv
            else:
                it.year_used, it.year_unknown = fallback, year is None
        if it.d is not None and it.d > _last_day(it.year_used, it.m):
            return []  # "February 30", "February 29, 2019"

    out: list[list] = []  # [start, end, low, high, levels, unknown year]
    for gi, grp in enumerate(groups):
        a, b = grp[0], grp[-1]
        ia, ib = _interval(a), _interval(b)
        gs = s if gi == 0 else a.start
        low, high = ia[0], ib[1]
        if len(grp) > 1 and low > high and a.year_inherited and a.y is None:
            a.year_used -= 1
            if a.d is not None and a.m is not None and a.d > _last_day(a.year_used, a.m):
                return []  # "February 29 - 4" of a leap year: no February 29 the year before
            ia = _interval(a)
            low = ia[0]
        if low > high:
            return []
        out.append([gs, b.end, low, high, [ia[2], ib[2]], a.year_unknown or b.year_unknown])
    # merge contiguous list items ("11 and 12 December", "in June and July")
    merged: list[list] = []
    for g in out:
        prev = merged[-1] if merged else None
        if prev and prev[3] + dt.timedelta(days=1) == g[2] and _same_grain(prev[4], g[4]):
            merged[-1] = [prev[0], g[1], prev[2], g[3], prev[4] + g[4], prev[5] or g[5]]
        else:
            merged.append(g)

    kind = "absolute"
    if prefix == "since":
        kind = "since"
    elif prefix in ("as of", "by") or (prefix == "at" and (first.qual_end or first.kind == "ye")):
        kind = "as_of"
    res: list[DateMention] = []
    for k, (gs, ge, low, high, levels, unknown) in enumerate(merged):
        prec = _precision(levels, low, high)
        gk = kind if k == 0 else "absolute"
        if k == 0:
            if first.qual_end and len(items) == 1 and (gk == "as_of" or prefix in ("until", "till", "through")):
                low, prec = high, "day"  # "by the end of June", "until the end of the year": the last day
            elif gk == "since":
                prec = _PLURAL[prec]
                high = max(high, dt.date(year, 12, 31)) if year is not None else None
        if unknown:
            low = high = None
        res.append(DateMention(gs, ge, text[gs:ge], low, high, prec, gk))
    return res


_PLURAL = {"day": "days", "days": "days", "month": "months", "months": "months", "year": "years",
           "years": "years"}


def _same_grain(a: list[int], b: list[int]) -> bool:
    return min(a) == min(b) or (min(a) <= 1 and min(b) <= 1)


def _validate(text: str, items: list[_Item], end: int) -> list[_Item]:
    """Cut a chain at its first item that cannot belong to it."""
    keep: list[_Item] = []
    # does a "12 December" item follow item i (one backward pass, not a look ahead per item)
    dm_after = [False] * len(items)
    for i in range(len(items) - 2, -1, -1):
        dm_after[i] = dm_after[i + 1] or items[i + 1].kind in ("dm", "dmy")
    for i, it in enumerate(items):
        if it.kind == "day":
            prev_has_day = bool(keep) and keep[-1].d is not None
            lead = not keep and dm_after[i]
            if not (prev_has_day or lead or (keep and keep[-1].kind == "day")):
                break
            if keep and keep[-1].kind == "day" and not dm_after[i] and keep[0].kind == "day":
                break
        if keep and it.kind in ("ty", "ye"):
            break
        keep.append(it)
    # a leading bare day must reach a "12 December" item
    if keep and keep[0].kind == "day" and not any(x.kind in ("dm", "dmy") for x in keep):
        return []
    # trailing bare days followed by a count noun are a count: "June 5, 12 and 14 persons"
    if keep and keep[-1].kind == "day" and _AFTER_COUNT.match(text, keep[-1].end, end):
        while keep and keep[-1].kind == "day":
            keep.pop()
    return keep


def _bare_month_ok(text: str, it: _Item) -> bool:
    before = _ctx_before(text, it.start, 30)
    word = text[it.start:it.end]
    if word in ("May", "March"):
        return bool(_CTX_MAY.search(before))
    if word.rstrip(".").lower() not in _FULL_MONTHS:
        return bool(_CTX_MONTH.search(before))  # an abbreviation alone: "in Jan."
    return True


def _year_ok(text: str, it: _Item, end: int) -> bool:
    before = _ctx_before(text, it.start, 30)
    if _YEAR_BAD_BEFORE.search(before):
        return False
    if _AFTER_UNIT.match(text, it.end, end):
        return False
    if _QUANT_BEFORE.search(before) and _AFTER_LOWER_WORD.match(text, it.end, end):
        return False  # "at least 2000 persons"
    return True


# ---------------------------------------------------------------------------------------

_REL_UNIT = re.compile(r"(?i)\b(day|morning|evening|night|week|month|year)s?\b")


def resolve_relative(mention: DateMention, anchor: DateMention) -> DateMention:
    """The absolute date a relative mention stands for, given the date it counts from.

    * kind "relative" ("seven days later", "the following day", "two weeks later", "two months
      later", "the same day"): the anchor's interval shifted by the offset - days and weeks by
      `offset_days`, months and years in calendar units. The precision says how exact the
      result is: "day" only when the anchor is a single day and the offset is in days/weeks;
      otherwise the widest honest plural ("seven days later" after "In December 2019" ->
      [Dec 8 2019, Jan 7 2020], precision "days"; "the following year" after "in 2015" -> 2016,
      "year").
    * kind "same_period": the anchor's interval and precision.
    Result: the mention's own span and text, kind "absolute", offset_days kept (for the record).
    A mention of any other kind, or an anchor without an interval, is returned unchanged.
    """
    if mention.kind not in ("relative", "same_period") or anchor.low is None or anchor.high is None:
        return mention
    if mention.kind == "same_period":
        return replace(mention, low=anchor.low, high=anchor.high, precision=anchor.precision, kind="absolute")
    off = mention.offset_days
    if off is None:
        return mention
    u = _REL_UNIT.search(mention.text)
    unit = u.group(1).lower() if u else "day"
    if unit in ("month", "year"):
        n = round(off / (30 if unit == "month" else 365)) * (12 if unit == "year" else 1)
        low = _add_months(anchor.low, n)
        month_end = anchor.high.day == _last_day(anchor.high.year, anchor.high.month)
        high = _add_months(anchor.high, n, end=month_end)
        # "two months later" is not to the day: a day anchor gives "days"; coarser ones keep theirs
        prec = "days" if anchor.precision == "day" and unit == "month" else anchor.precision
        return replace(mention, low=low, high=high, precision=prec, kind="absolute")
    delta = dt.timedelta(days=off)
    low, high = anchor.low + delta, anchor.high + delta
    prec = "day" if low == high else "days"
    return replace(mention, low=low, high=high, precision=prec, kind="absolute")
