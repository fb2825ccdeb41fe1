"""The rows of a figures table given as input, as the links and checks take them: the documents
a table holds (TableDoc, with the provenance of each row), its cells typed by the schema or
reported as violations, and an Extraction rebuilt from the rows alone (a text with each quote
at its offsets) when the report's own text is not at hand."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..model import DateMention, Section
from .figures import Extraction


@dataclass
class TableInfo:
    """What the review says about a table: where its rows come from and how they were read."""

    path: str
    shape: str  # "figures" (written by --figures-out), "long" or "wide" (a user table, mapped)
    rows: int  # data rows of the table (for this document)
    mode: str = "rows"  # "text": links from the report's text; "rows": from the rows alone
    report: str | None = None  # the report whose text the links were built from
    note: str = ""  # how the report was found, or why not
    columns: dict = field(default_factory=dict)  # the mapping used (field -> column)
    violations: list = field(default_factory=list)  # [{"row", "column", "check", "message"}]
    excluded: list = field(default_factory=list)  # table rows left out of the checks
    edited: list = field(default_factory=list)  # [{"row", "figure_id", "changes": {col: [report, table]}}]
    skipped_rules: list = field(default_factory=list)  # rule entries not applied, and why


@dataclass
class TableDoc:
    """One document of a table, ready for link -> check: its Document (the report's text, or the
    text rebuilt from the table), the Extraction with the table's rows, and its provenance."""

    doc: object  # model.Document
    ex: object  # extract.figures.Extraction
    info: TableInfo
    row_numbers: list  # ex.rows index -> the table's row number (1-based)
    quotes: list  # ex.rows index -> the row's quote as the table gives it (its provenance)
    incidents: dict = field(default_factory=dict)  # incident id -> [ex.rows index, ...] (user tables)
    incident_column: str = ""
    report_path: str | None = None  # for the report's own rule file
    # table row -> (quote, start, end, section): every row, those left out of the checks too
    row_spans: dict = field(default_factory=dict)

    def row_evidence(self, row: int) -> tuple[str, int, int, str]:
        return self.row_spans.get(row, ("", -1, -1, ""))

    @property
    def mode(self) -> str:
        return self.info.mode


def _float(text: str) -> float | None:
    """A number as a table writes it ("12", "1,200", "12.5", "inf"); None when it is not one."""
    t = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not t:
        return None
    if t.lower() in ("inf", "+inf", "infinity"):
        return math.inf
    try:
        v = float(t)
    except ValueError:
        return None
    return None if math.isnan(v) else v


def _num(x: float) -> str:
    if math.isinf(x):
        return "inf"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _int(v, default: int = -1) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return default


# --- the rows as the schema sees them ------------------------------------------------------------


def typed_row(raw: dict, columns: dict) -> dict:
    """A figures-table row with its cells as the schema's types (for rows that passed it)."""
    out = {}
    for name, (dtype, _nullable, _) in columns.items():
        v = raw.get(name, "")
        if dtype == "int64":
            out[name] = int(float(v))
        elif dtype == "float64":
            f = _float(v)
            out[name] = math.nan if f is None else f
        elif dtype == "bool":
            out[name] = str(v).strip().lower() in ("true", "1", "yes")
        elif name in ("date_low", "date_high"):
            out[name] = v or None
        else:
            out[name] = v
    return out


_BOOL = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def _frame_for_schema(rows: list[dict], columns: dict):
    """The rows as a DataFrame the schema can check: numbers still text (the schema coerces them
    and reports what is not one), empty numbers and dates null, booleans read; and the cells
    that are not true or false (pandera checks a boolean column's type as a whole)."""
    import pandas as pd

    from ..schema import Violation

    data, bad = {}, []
    for name, (dtype, _nullable, _) in columns.items():
        values = []
        for k, r in enumerate(rows):
            v = r.get(name, "")
            if dtype in ("int64", "float64") or name in ("date_low", "date_high"):
                v = None if v.strip() == "" else v.strip()
                if dtype == "float64" and v is not None and _float(v) is not None:
                    v = _float(v)
            elif dtype == "bool":
                if v.strip().lower() not in _BOOL:
                    bad.append(Violation(k, name, "dtype('bool')", v, f"{name} {v!r} is not true or false"))
                v = _BOOL.get(v.strip().lower(), False)
            values.append(v)
        data[name] = pd.Series(values, dtype=bool if dtype == "bool" else object)
    return pd.DataFrame(data), bad


def schema_violations(rows: list[dict], rules: dict, period, text_length=None) -> list:
    from ..schema import COLUMNS, violations

    frame, bad = _frame_for_schema(rows, COLUMNS)
    found = violations(frame, tuple(rules.get("qualifiers") or ()) or None,
                       measures=sorted((rules.get("measures") or {}).keys()), period=period, text_length=text_length)
    return sorted([*bad, *found], key=lambda v: (-1 if v.index is None else v.index, v.column or "", v.check))


def stated_period(rules: dict):
    p = rules.get("period")
    if not p:
        return None
    return str(p[0]), str(p[1])


# --- the text rebuilt from a table -----------------------------------------------------------------


def _sparse_text(rows: list[dict]) -> str:
    """Each row's quote (and date expression) at its offsets, blanks between: a text in which
    every offset of the table means what it says."""
    length = max([r["end"] for r in rows] + [r["sentence_end"] for r in rows] + [0])
    chars = [" "] * length
    for r in rows:
        if r["date_start"] >= 0 and r["date_text"]:
            a = r["date_start"]
            chars[a:a + len(r["date_text"])] = list(r["date_text"])
    for r in rows:
        q = str(r["quote"])[: max(0, r["end"] - r["start"])]
        chars[r["start"]:r["start"] + len(q)] = list(q)
    return "".join(chars[:length]) if len(chars) >= length else "".join(chars)


def _sections(rows: list[dict], length: int) -> list:
    """Sections from the rows' section codes: each from its first figure to the next section's."""
    firsts: dict[str, int] = {}
    for r in sorted(rows, key=lambda r: r["start"]):
        firsts.setdefault(r["section"], r["sentence_start"])
    ordered = sorted(firsts.items(), key=lambda kv: kv[1])
    out = []
    for k, (code, start) in enumerate(ordered):
        end = ordered[k + 1][1] if k + 1 < len(ordered) else length
        if code and end > start:
            out.append(Section(code, "", start, end))
    return out


def rows_extraction(rows: list[dict], dates: list | None = None, places: list | None = None):
    """An Extraction made of the rows alone: their sentences and paragraphs, their dates."""
    n_sent = max([r["sentence"] for r in rows] + [-1]) + 1
    sentences = [(0, 0, -1)] * n_sent
    for r in rows:
        sentences[r["sentence"]] = (r["sentence_start"], r["sentence_end"], r["paragraph"])
    n_par = max([r["paragraph"] for r in rows] + [-1]) + 1
    paragraphs = [(0, 0)] * n_par
    for a, b, p in sentences:
        if p >= 0:
            pa, pb = paragraphs[p]
            paragraphs[p] = (a if pb == 0 else min(pa, a), max(pb, b))
    own: dict[int, list] = {}
    for r in rows:
        d = row_date(r)
        if d is not None and r["date_start"] >= 0 and r["sentence_start"] <= r["date_start"] < r["sentence_end"]:
            own.setdefault(r["sentence"], [])
            if all(x.start != d.start for x in own[r["sentence"]]):
                own[r["sentence"]].append(d)
    return Extraction(rows, sorted(dates or [], key=lambda d: d.start), sorted(places or [], key=lambda p: p.start),
                      paragraphs, sentences, own, {}, 0, 0)


def row_date(r: dict) -> DateMention | None:
    """A row's date as the DateMention the links use (None when undated)."""
    if not r.get("date_low") or not r.get("date_high"):
        return None
    start = r["date_start"] if r["date_start"] >= 0 else r["start"]
    end = start + len(r["date_text"]) if r["date_start"] >= 0 and r["date_text"] else r["end"]
    return DateMention(start, end, r["date_text"] or f"{r['date_low']}..{r['date_high']}",
                       dt.date.fromisoformat(r["date_low"]), dt.date.fromisoformat(r["date_high"]),
                       r["date_precision"] or "days", r["date_kind"] or "absolute")


__all__ = ["TableDoc", "TableInfo", "row_date", "rows_extraction", "schema_violations", "stated_period", "typed_row"]
