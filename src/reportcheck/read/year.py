"""The year a report covers, and where that came from.

In order, the first that gives a year wins:

1. `--year` (year_source "--year").
2. The file name (year_source "file name"): a year 1990-2099 standing alone in the file's
   stem ("mali-2020.txt", "mali-2020-excerpt.txt" -> 2020), else in one of its nearest
   directories ("2019/mali.txt" -> 2019). Digits inside longer numbers do not count.
3. Page metadata of an HTML page (year_source "page metadata"): the canonical URL of a
   state.gov report (".../2019-country-reports-on-human-rights-practices/mali/", also a
   Wayback Machine copy) or its title/h1 ("2019 Country Reports on Human Rights Practices:
   Mali"); else a year standing alone in the path of the canonical URL. The publication and
   modification dates are NOT used: a report on 2019 is published in 2020 and state.gov pages
   are modified years later.
4. The text (year_source "text"):
   a. a header saying it: "2019 Country Reports on Human Rights Practices", "MALI 2019 HUMAN
      RIGHTS REPORT", a "Source URL: .../2019-country-reports..." line, in the first 3,000
      characters, or a short first line that ends in the year ("Mali 2019");
   b. a UN or NGO report's own words (year_from_content): the reporting period it states ("It
      covers the period from 1 January to 30 June 2020", "the reporting period ... to 31
      December 2019": the period's last year); else its UN document symbol (A/HRC/45/33: the
      Human Rights Council's 45th session, three a year since the 4th in 2007, sat in 2020;
      A/75/...: the General Assembly's 75th session, 2020; S/2020/...: 2020); else a title or
      subtitle line among the first five that ends in a year ("Killings of Civilians in
      Central Mali, 2020");
   c. else inferred from the years the text mentions as dates ("in 2018", "In December 2018",
      "since 2013", "by March 2021"). What the corpus shows (1,748 State Department reports of
      2016-2024): a report names its own year almost never; it says "during the year", "in
      March", "as of November 6". The years it does write are earlier ones, and the most
      frequent of them is the year before the report year in 85% of the reports (the report
      year itself in 0.5%). So when the text writes most of its dates without a year (more
      "in March" than "in March 2018" -- every report of the corpus), the report year is
      (the latest year mentioned at least half as often as the most mentioned year, and at
      least twice) + 1: right for 86% of the corpus reports, wrong for 6%, no answer for the
      rest. The sample excerpt mali-2020-excerpt.txt mentions 2019 and 2013 most; it gives
      2020. Only when a text clearly writes its dates with years (20+ "March 2019"-style
      dates, four times more than bare months: a report of another style), the report year
      is the most mentioned year, if it is mentioned clearly more often (1.5 times and 3
      more) than the next one.
5. Else None, year_source "unknown".
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

_YEAR = r"(?:199\d|20\d\d)"
_STANDALONE_YEAR = re.compile(rf"(?<![0-9])({_YEAR})(?![0-9])")
_REPORT_URL = re.compile(rf"(?<![0-9])({_YEAR})-country-reports-on-human-rights-practices", re.I)
_REPORT_TITLE = re.compile(rf"(?<![0-9])({_YEAR})\s+Country\s+Reports?\s+on\s+Human\s+Rights\s+Practices", re.I)
_PDF_TITLE = re.compile(rf"^[^\n]{{0,80}}?\b({_YEAR})\s+HUMAN\s+RIGHTS\s+REPORT\b", re.I | re.M)
# A short first line that is a title ending in the year: "Mali 2019", "mali 2019".
_TITLE_LINE = re.compile(rf"\A\s*[^\W\d][^\n]{{0,60}}?\s({_YEAR})[ \t]*$", re.M)
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/", re.I)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A year used as a date: after a preposition ("in 2018", "since early 2013") or a month
# ("December 2018", "December 3, 2018").
_DATE_YEAR = re.compile(
    rf"(?:\b(?:[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Tt]hrough|[Ss]ince|[Oo]f|[Ff]rom|[Bb]efore|[Aa]fter)\s+"
    rf"(?:(?:early|late|mid-?)\s*)?|\b(?:{_MONTHS})\s+(?:\d{{1,2}},?\s+)?)({_YEAR})\b(?![,.]?\d)"
)
_DATED_MONTH = re.compile(rf"\b(?:{_MONTHS})\s+(?:\d{{1,2}},?\s+)?{_YEAR}\b")
_ANY_MONTH = re.compile(rf"\b(?:{_MONTHS})\b")
_HEADER_CHARS = 3000
_PERIOD = re.compile(r"(?i:\b(?:covers|covering|covered|reporting\s+period|period\s+under\s+review)\b)[^.;]{0,160}")
_SYMBOL_HRC = re.compile(r"(?<![\w/])A/HRC/(\d{1,2})/")
_SYMBOL_GA = re.compile(r"(?<![\w/])A/(\d{2})/\d")
_SYMBOL_YEAR = re.compile(rf"(?<![\w/])(?:S|E/CN\.4|CRC/C|CEDAW/C)/({_YEAR})/")
_TITLE_YEAR = re.compile(rf"^[^\W\d][^\n]{{0,100}}?[\s,]({_YEAR})[ \t]*$")


def year_from_path(path) -> int | None:
    """A year standing alone in the stem of the file name, else in its nearest directories."""
    p = PurePath(str(path))
    candidates = [p.stem] + [part for part in reversed(p.parent.parts[-3:])]
    for name in candidates:
        m = _STANDALONE_YEAR.search(name)
        if m:
            return int(m.group(1))
    return None


def year_from_meta(meta) -> int | None:
    """The report year a page's metadata states (see the module docstring, point 3)."""
    if meta is None:
        return None
    url = _WAYBACK.sub("", getattr(meta, "canonical_url", None) or "")
    m = _REPORT_URL.search(url)
    if m:
        return int(m.group(1))
    for title in (getattr(meta, "h1", None), getattr(meta, "og_title", None), getattr(meta, "title", None)):
        m = _REPORT_TITLE.search(title or "")
        if m:
            return int(m.group(1))
    if url:
        path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
        years = {int(y) for y in _STANDALONE_YEAR.findall(path)}
        if len(years) == 1:
            return years.pop()
    return None


def year_from_header(text: str) -> int | None:
    """A year the report's own header states (point 4a)."""
    head = text[:_HEADER_CHARS]
    for pattern in (_REPORT_URL, _REPORT_TITLE, _PDF_TITLE, _TITLE_LINE):
        m = pattern.search(head)
        if m:
            return int(m.group(1))
    return None


def year_from_content(text: str) -> int | None:
    """The year a UN or NGO report states about itself (point 4b)."""
    head = text[:20000]
    for m in _PERIOD.finditer(head):
        years = _STANDALONE_YEAR.findall(m.group())
        if years:
            return int(years[-1])
    m = _SYMBOL_HRC.search(text[:_HEADER_CHARS])
    if m and int(m.group(1)) >= 4:
        return 2007 + (int(m.group(1)) - 4) // 3
    m = _SYMBOL_GA.search(text[:_HEADER_CHARS])
    if m and int(m.group(1)) >= 40:
        return 1945 + int(m.group(1))
    m = _SYMBOL_YEAR.search(text[:_HEADER_CHARS])
    if m:
        return int(m.group(1))
    lines = [ln.strip() for ln in text[:2000].splitlines() if ln.strip()][:5]
    for line in lines:
        m = _TITLE_YEAR.match(line)
        if m:
            return int(m.group(1))
    return None


def year_from_mentions(text: str) -> int | None:
    """The report year inferred from the years the text mentions as dates (point 4b)."""
    counts = Counter(int(y) for y in _DATE_YEAR.findall(text))
    if not counts:
        return None
    (top, top_n), *rest = counts.most_common()
    dated = len(_DATED_MONTH.findall(text))
    undated = len(_ANY_MONTH.findall(text)) - dated
    if not (dated >= 20 and undated * 4 < dated):
        # The report's own year goes unwritten ("in March"): it follows the years it names.
        frequent = [y for y, n in counts.items() if n >= max(2, top_n / 2)]
        return max(frequent) + 1 if frequent else None
    second_n = rest[0][1] if rest else 0
    if top_n >= 3 and top_n >= 1.5 * second_n and top_n >= second_n + 3:
        return top
    return None


def detect_year(path, text: str, meta=None, year: int | None = None) -> tuple[int | None, str]:
    """(year, year_source) for a report; see the module docstring for the order."""
    if year is not None:
        return int(year), "--year"
    y = year_from_path(path)
    if y is not None:
        return y, "file name"
    y = year_from_meta(meta)
    if y is not None:
        return y, "page metadata"
    y = year_from_header(text)
    if y is None:
        y = year_from_content(text)
    if y is None:
        y = year_from_mentions(text)
    if y is not None:
        return y, "text"
    return None, "unknown"
