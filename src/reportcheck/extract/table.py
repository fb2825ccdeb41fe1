"""Figures tables as input: a table's rows -> documents ready for link -> check, with provenance.

Two kinds of table are read:

* a **figures table**, the one `--figures-out` writes (every column of reportcheck.schema);
* a **user table** of another shape, read through the rule files' `columns:` mapping
  (reportcheck.extract.reshape).

Every row keeps its provenance: the table file and the row number (1-based, the header not
counted: row N is line N + 1 of a CSV file without line breaks inside cells), and its quote:
the report's words for a figures table, the table's `quote` column when it has one, else the
cells themselves ("fatalities=12"). Rows that violate the schema (a value that is not a number,
`low > high`, an unknown measure, a date outside the stated `period:` ...) are findings of
their own (RC401 table-schema, one per row, all of them) and are left out of the other checks.

**The report's text.** The links between figures (one incident told twice, a total and its
parts, a place put in two regions) are read from the text around the figures, which a table
does not hold: it holds each figure's offsets and sentence span. `--figures-out` therefore also
writes where the report is and a hash of its text (the columns `document_path`, relative to the
table's directory, and `document_sha256`). Reading the table back, the report is found there
(reportcheck.read.discover; else as `DIR/ID.txt` or `.html` next to the table); when its text
has that hash, and every row's sentence lies where the table says, the links are built from
that text and the table's rows (mode "text"; reportcheck.extract.table_diff notes the rows the
table edited): the same findings as on the report, pointing to rows, quoting the report, and
judging the table's numbers, so an edited figure is what the checks see. Otherwise (mode
"rows"), only what the rows hold is linked: statistics told twice and restated figures
(RC104, RC106, RC107), incidents by an `incident` column (RC101, RC102), places by their
`region` column (RC103), and the `rules:` entries that select rows by columns (`where:`);
quote rules are skipped, and the review says so. The text is then rebuilt from the table (each
quote at its offsets; a user table's rows one per line), so that every quote and offset of a
finding stays what the table says.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..read.discover import find_report_text
from ..read.table import _fail, frame_rows, load
from ..schema import COLUMNS, FIELDS
from .reshape import user_table
from .table_diff import with_text
from .table_rows import (
    TableDoc,
    TableInfo,
    _int,
    _sections,
    _sparse_text,
    row_date,
    rows_extraction,
    schema_violations,
    stated_period,
    typed_row,
)

# --- reading a table into documents ----------------------------------------------------------------


def read_table(path, rules: dict, *, year: int | None = None) -> list[TableDoc]:
    """The documents of the table at `path`, each ready for link -> check. `rules` are the
    merged rule files (their `columns:` mapping, `measures:`, `qualifiers:`, `period:`).
    Raises InputError for a table that cannot be read (one line: exit 2)."""
    path = Path(str(path))
    columns, rows, extra = load(path)
    return read_rows(path, columns, rows, rules, year=year, extra=extra)


def read_frame(frame, rules: dict, *, name: str = "table", year: int | None = None) -> list[TableDoc]:
    """read_table for a DataFrame in memory (a GX batch, a notebook's table): `name` stands for
    its file name (the document id of a user table, where its report is looked for)."""
    columns, rows = frame_rows(frame, name)
    return read_rows(Path(name), columns, rows, rules, year=year)


def read_rows(path: Path, columns: list[str], rows: list[dict], rules: dict, *, year: int | None = None,
              extra: dict | None = None) -> list[TableDoc]:
    """The documents of a table given as its columns and rows (every cell as text)."""
    extra = extra or {}
    mapping = dict(rules.get("columns") or {})
    schema_cols = COLUMNS
    if not mapping and set(schema_cols) <= set(columns):
        return _figures_table(path, rows, rules, year, extra)
    if not mapping:
        unknown = [c for c in columns if c not in FIELDS and c not in (rules.get("measures") or {})]
        if unknown:
            missing = [c for c in schema_cols if c not in columns]
            hint = (f"not a figures table written by --figures-out (no column {', '.join(missing[:4])}"
                    f"{' ...' if len(missing) > 4 else ''})" if set(columns) & set(schema_cols) else
                    "not a figures table written by --figures-out")
            _fail(path, f"{hint}, and no `columns:` mapping in a rule file for its columns "
                        f"{', '.join(unknown[:5])}{' ...' if len(unknown) > 5 else ''} (see README, Figures tables)")
        mapping = {c: c for c in columns}
    return user_table(path, columns, rows, mapping, rules)


def _figures_table(path: Path, raw_rows: list[dict], rules: dict, year, extra) -> list[TableDoc]:
    columns = COLUMNS
    out = []
    by_doc: dict[str, list[int]] = {}
    for i, r in enumerate(raw_rows):
        by_doc.setdefault(r.get("document", ""), []).append(i)
    period = stated_period(rules)
    for doc_id, idx in by_doc.items():
        rows = [raw_rows[i] for i in idx]
        numbers = [i + 1 for i in idx]
        info = TableInfo(str(path), "figures", len(rows))
        doc, note = find_report_text(path, doc_id, rows, year, extra.get("sources") or [])
        found = doc.text if doc is not None else None
        bad = schema_violations(rows, rules, period, len(found) if found is not None else None)
        keep = _record(info, bad, numbers, rows)
        typed = [typed_row(rows[k], columns) for k in keep]
        quotes = [t["quote"] for t in typed]
        kept_numbers = [numbers[k] for k in keep]
        ex = None
        if doc is not None:

            ex, why = with_text(doc, typed, rules, info)
            if ex is None:
                doc, note = None, f"links from the rows alone: {why}"
        if doc is None:
            text = _sparse_text(typed)
            doc = Document(id=doc_id, path=str(path), text=text, format="table", encoding="utf-8",
                           sections=_sections(typed, len(text)))
            ex = rows_extraction(typed)
        else:
            info.mode, info.report = "text", doc.path
        info.note = note
        report_path = info.report
        doc.path = str(path)
        doc.format = "table"
        spans = {}
        for n, r in zip(numbers, rows, strict=True):
            a, b = _int(r.get("start")), _int(r.get("end"))
            ok = 0 <= a < b <= len(doc.text)
            spans[n] = (r.get("quote", ""), a if ok else -1, b if ok else -1, r.get("section", ""))
        out.append(TableDoc(doc, ex, info, kept_numbers, quotes, report_path=report_path, row_spans=spans))
    return out


def _record(info: TableInfo, bad: list, numbers: list[int], rows: list[dict]) -> list[int]:
    """The violations as the review shows them; the rows that are kept (positions)."""
    excluded = set()
    for v in bad:
        row = None if v.index is None else numbers[v.index]
        info.violations.append({"row": row, "column": v.column, "check": v.check, "message": v.message,
                                "index": v.index})
        if v.index is not None:
            excluded.add(v.index)
    info.excluded = sorted(numbers[i] for i in excluded)
    return [k for k in range(len(rows)) if k not in excluded]


__all__ = ["TableDoc", "TableInfo", "read_frame", "read_rows", "read_table", "row_date"]
