"""User tables: a table of another shape read through the rule files' `columns:` mapping.

`columns: {incident: event_id, killed: fatalities, date: event_date, place: admin2}`: a key is
a field of the figures table or of the mapping (reportcheck.schema.FIELDS), or a measure (a key
of the rule files' `measures:`) whose column holds the counts of that measure: a *wide* table,
one column per measure, becomes long, one figures row per measure and table row. A table whose
columns are all field names is read without a mapping. Each row becomes a line of text
("event_id=E1; event_date=2020-03-19; fatalities=12"), so that every finding can quote it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import Document, PlaceMention, Section
from ..read.table import _fail
from ..schema import COLUMNS
from .gazetteer import place_key
from .table_rows import TableDoc, TableInfo, row_date, rows_extraction, schema_violations, stated_period, typed_row


def parse_date(text: str) -> tuple[str, str, str] | None:
    """(first day, last day, precision) of a table's date cell, None when it is not a date:
    YYYY-MM-DD, YYYY-MM, YYYY, a date-time (its day), or a range FIRST/LAST or FIRST..LAST."""
    t = text.strip()
    for sep in ("..", "/"):
        if sep in t and t.count(sep) == 1 and not (sep == "/" and len(t) < 11):
            a, b = (parse_date(x) for x in t.split(sep))
            if a and b and a[0] <= b[1]:
                return a[0], b[1], "days" if a[2] == b[2] == "day" else a[2] + "s"
            return None
    try:
        if len(t) == 4 and t.isdigit():
            return f"{t}-01-01", f"{t}-12-31", "year"
        if len(t) == 7 and t[4] == "-":
            first = dt.date(int(t[:4]), int(t[5:7]), 1)
            nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat(), "month"
        day = dt.date.fromisoformat(t[:10]) if len(t) >= 10 and (len(t) == 10 or t[10] in "T ") else None
        if day is not None:
            return day.isoformat(), day.isoformat(), "day"
    except ValueError:
        return None
    return None


def user_table(path: Path, columns: list[str], raw_rows: list[dict], mapping: dict, rules: dict) -> list[TableDoc]:
    measures = rules.get("measures") or {}
    for key, col in mapping.items():
        cols = list(col.values()) if isinstance(col, dict) else [col]
        for c in cols:
            if c not in columns:
                _fail(path, f"the `columns:` mapping names column {c!r} ({key}), which the table does not have "
                            f"(it has {', '.join(columns[:8])}{' ...' if len(columns) > 8 else ''})")
    wide = {k: (v if isinstance(v, dict) else {"value": v}) for k, v in mapping.items() if k in measures}
    fields = {k: v for k, v in mapping.items() if k not in measures}
    if not wide and "value" not in fields and not ("low" in fields and "high" in fields):
        _fail(path, "the `columns:` mapping names no figures: map value (with measure), or a measure to its "
                    "column (killed: fatalities)")
    shape = "wide" if wide else "long"
    by_doc: dict[str, list[int]] = {}
    doc_col = fields.get("document")
    for i, r in enumerate(raw_rows):
        by_doc.setdefault(r.get(doc_col, "") if doc_col else "", []).append(i)
    out = []
    for doc_key, idx in by_doc.items():
        doc_id = doc_key or path.stem
        out.append(_user_document(path, doc_id, [(i + 1, raw_rows[i]) for i in idx], columns, fields, wide,
                                  shape, mapping, rules))
    return out


def _render(columns: list[str], used: set[str], raw: dict) -> tuple[str, dict[str, tuple[int, int]]]:
    """A table row as one line of text ("event_id=E1; event_date=2020-03-19; fatalities=12"),
    and where each cell's value lies in it."""
    parts, spans, at = [], {}, 0
    for c in columns:
        if c not in used:
            continue
        v = " ".join(str(raw.get(c, "")).split())
        item = f"{c}={v}"
        if parts:
            at += 2
        spans[c] = (at + len(c) + 1, at + len(item))  # the value
        spans["=" + c] = (at, at + len(item))  # the cell: "fatalities=12"
        parts.append(item)
        at += len(item)
    return "; ".join(parts), spans


def _user_document(path: Path, doc_id: str, numbered: list[tuple[int, dict]], columns: list[str], fields: dict,
                   wide: dict, shape: str, mapping: dict, rules: dict) -> TableDoc:
    used = {c for v in mapping.values() for c in (v.values() if isinstance(v, dict) else [v])}
    quote_col = fields.get("quote")
    lines, built, owners, problems = [], [], [], []
    offset = 0
    places: list[PlaceMention] = []
    for line_no, (row_no, raw) in enumerate(numbered):
        if quote_col and raw.get(quote_col, "").strip():
            line = " ".join(raw[quote_col].split())
            spans = {}
        else:
            line, spans = _render(columns, used, raw)
        lines.append(line)
        a, b = offset, offset + len(line)

        def cell(key, raw=raw):
            col = fields.get(key)
            return raw.get(col, "").strip() if col else ""

        def span(col, a=a, b=b, spans=spans, cell=False):
            key = ("=" + col) if cell else col
            if key in spans:
                s, e = spans[key]
                return a + s, a + e
            return a, b

        date_low = date_high = precision = None
        date_text, date_start = "", -1
        if fields.get("date") and cell("date"):
            date_text = cell("date")
            parsed = parse_date(date_text)
            if parsed is None:
                problems.append((row_no, fields["date"], "date", f"{fields['date']} {date_text!r} is not a date "
                                 "(YYYY-MM-DD, YYYY-MM, YYYY, or FIRST/LAST)"))
            else:
                date_low, date_high, precision = parsed
            date_start = span(fields["date"])[0] if fields["date"] in spans else -1
        elif fields.get("date_low") and cell("date_low"):
            lo, hi = parse_date(cell("date_low")), parse_date(cell("date_high") or cell("date_low"))
            date_text = cell("date_low") + (f"..{cell('date_high')}" if cell("date_high") else "")
            if lo is None or hi is None:
                problems.append((row_no, fields["date_low"], "date", f"{date_text!r} is not a date (YYYY-MM-DD)"))
            else:
                date_low, date_high = lo[0], hi[1]
                precision = "day" if date_low == date_high else "days"
        place = cell("place")
        region = place_key(cell("region")) if cell("region") else ""
        if place and fields.get("place") in spans:
            ps, pe = span(fields["place"])
            # keyed apart from region names: a district may share its region's name (Kayes in Kayes)
            places.append(PlaceMention(ps, pe, place, "table:" + place_key(place), "locality", region or None))
        base = {
            "document": doc_id, "section": cell("section") or f"row {row_no}", "paragraph": line_no,
            "sentence": line_no, "sentence_start": a, "sentence_end": b, "who": cell("who"),
            "perpetrator": cell("perpetrator"), "source": cell("source"), "additive": False, "noun": cell("noun"),
            "date_text": date_text, "date_low": date_low, "date_high": date_high, "date_precision": precision or "",
            "date_kind": "absolute" if date_low else "", "date_start": date_start if date_low else -1,
            "place": place, "place_key": place_key(place) if place else "", "region": region,
            "parse_status": "parsed", "currency": "", "whole": "",
        }
        figures = []  # (measure, value column, low column, high column)
        if "value" in fields or ("low" in fields and "high" in fields):
            figures.append((cell("measure"), fields.get("value"), fields.get("low"), fields.get("high")))
        for measure, cols in wide.items():
            if any(raw.get(c, "").strip() for c in cols.values()):
                figures.append((measure, cols.get("value"), cols.get("low"), cols.get("high")))
        for measure, vcol, lcol, hcol in figures:
            v, lo, hi = (raw.get(c, "").strip() if c else "" for c in (vcol, lcol, hcol))
            if not (v or lo or hi):
                continue
            number_text = v or (f"{lo}-{hi}" if lo and hi else lo or hi)
            if shape == "long":
                fa, fb = a, b  # the whole row: its measure, place and date are in other cells
            else:
                fa, fb = span(vcol or lcol or hcol, cell=True)
                if vcol is None and lcol and hcol and lcol in spans and hcol in spans:
                    fa, fb = span(lcol, cell=True)[0], span(hcol, cell=True)[1]
            qualifier = cell("qualifier") or ("exact" if not (lo or hi) or lo == hi or not v else "range")
            row = {
                **base, "figure_id": cell("figure_id") or f"{doc_id}:row{row_no}" + (f":{measure}" if measure else ""),
                "start": fa, "end": fb, "quote": (lines[-1])[fa - a:fb - a],
                "number_text": number_text, "value": v or None, "low": lo or v or None, "high": hi or v or None,
                "qualifier": qualifier, "number_kind": "digits" if qualifier != "range" else "range",
                "kind": "percent" if measure == "percent" else "money" if measure == "money" else "count",
                "measure": measure, "_defaulted": tuple(k for k, x in (("low", lo), ("high", hi)) if v and not x),
            }
            built.append(row)
            owners.append((row_no, cell("incident"), raw))
        offset = b + 1
    text = "\n".join(lines) + "\n"
    frame_rows = [{k: ("" if v is None else str(v) if not isinstance(v, str) else v) for k, v in r.items()
                   if not k.startswith("_")} for r in built]
    info = TableInfo(str(path), shape, len(numbered), columns={k: v for k, v in mapping.items()})
    info.note = "links from the rows alone (a user table: the incident, place and region columns, and the rules)"
    bad = schema_violations(frame_rows, rules, stated_period(rules), len(text)) if frame_rows else []
    numbers = [o[0] for o in owners]
    excluded_rows = {p[0] for p in problems}
    for row_no, col, check, message in problems:
        info.violations.append({"row": row_no, "column": col, "check": check, "message": message, "index": None})
    for v in bad:
        row = None if v.index is None else numbers[v.index]
        col = v.column
        if col in ("value", "low", "high") and v.index is not None:
            col = _source_column(built[v.index], col, fields, wide)
        message = v.message
        if v.column and col != v.column:
            message = message.replace(v.column, col, 1)
        info.violations.append({"row": row, "column": col, "check": v.check, "message": message, "index": None})
        if row is not None:
            excluded_rows.add(row)
    info.violations.sort(key=lambda x: (-1 if x["row"] is None else x["row"], x["column"] or ""))
    info.excluded = sorted(excluded_rows)
    keep = [k for k, n in enumerate(numbers) if n not in excluded_rows]
    typed = [typed_row(frame_rows[k], COLUMNS) for k in keep]
    for t in typed:
        t["date_low"] = t["date_low"] or None
        t["date_high"] = t["date_high"] or None
    kept_numbers = [numbers[k] for k in keep]
    incidents: dict[str, list[int]] = {}
    for j, k in enumerate(keep):
        _, incident, raw = owners[k]
        typed[j]["_raw"] = raw
        if incident:
            incidents.setdefault(incident, []).append(j)
    sections = [Section(f"row {n}", "", a, b + 1) for n, (a, b) in
                _line_spans(numbered, lines) if not fields.get("section")]
    doc = Document(id=doc_id, path=str(path), text=text, format="table", encoding="utf-8", sections=sections)
    dates = [d for d in (row_date(t) for t in typed) if d is not None]
    unique_dates = list({(d.start, d.end): d for d in dates}.values())
    ex = rows_extraction(typed, unique_dates, places)
    spans = {n: (line, a, b, f"row {n}" if not fields.get("section") else "")
             for (n, (a, b)), line in zip(_line_spans(numbered, lines), lines, strict=True)}
    return TableDoc(doc, ex, info, kept_numbers, [t["quote"] for t in typed], incidents=incidents,
                    incident_column=fields.get("incident", ""), row_spans=spans)


def _line_spans(numbered, lines):
    at = 0
    for (row_no, _), line in zip(numbered, lines, strict=True):
        yield row_no, (at, at + len(line))
        at += len(line) + 1


def _source_column(row: dict, field_name: str, fields: dict, wide: dict) -> str:
    """The table's own column a figures row's value, low or high came from (low and high taken
    from the value when the table gives none: the value's)."""
    if field_name in row.get("_defaulted", ()):
        field_name = "value"
    cols = wide.get(row.get("measure", ""))
    if cols and cols.get(field_name):
        return cols[field_name]
    if cols and field_name in ("low", "high") and cols.get("value"):
        return cols["value"]
    return fields.get(field_name) or fields.get("value") or field_name
