"""Figures tables as input: a table -> the rows the links and checks consume, with provenance.

`check-report TABLE.csv|.json|.parquet|datapackage.json` checks a table instead of a report.
Two kinds of table are read:

* a **figures table**, the one `--figures-out` writes (every column of reportcheck.schema);
* a **user table** of another shape, read through the rule files' `columns:` mapping
  (`columns: {incident: event_id, killed: fatalities, date: event_date, place: admin2}`):
  a key is a field of the figures table or of the mapping (FIELDS), or a measure (a key of the
  rule files' `measures:`) whose column holds the counts of that measure: a *wide* table, one
  column per measure, becomes long, one figures row per measure and table row. A table whose
  columns are all field names is read without a mapping.

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
(else as `DIR/ID.txt` or `.html` next to the table); when its text has that hash, and every
row's sentence lies where the table says, the links are built from that text and the table's
rows (mode "text"): the same findings as on the report, pointing to rows, quoting the report,
and judging the table's numbers, so an edited figure is what the checks see. Otherwise (mode
"rows"), only what the rows hold is linked: statistics told twice and restated figures
(RC104, RC106, RC107), incidents by an `incident` column (RC101, RC102), places by their
`region` column (RC103), and the `rules:` entries that select rows by columns (`where:`);
quote rules are skipped, and the review says so. The text is then rebuilt from the table (each
quote at its offsets; a user table's rows one per line), so that every quote and offset of a
finding stays what the table says.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import DateMention, Document, PlaceMention, Section

TABLE_SUFFIXES = (".csv", ".json", ".parquet")
DATAPACKAGE = "datapackage.json"

# fields a `columns:` mapping may name (besides measures): the figures table's own columns that
# a user table may carry, and three of the mapping's own
FIELDS = {
    "document": "the document (report) the row is about; default: the table's file name",
    "figure_id": "the row's id; default: DOCUMENT:rowN:MEASURE",
    "incident": "an incident id: rows with the same id tell one incident (one mention per source)",
    "source": "who reported it: rows of one incident from two sources are compared (RC101, RC102)",
    "date": "the date: YYYY-MM-DD, YYYY-MM, YYYY, or a range FIRST/LAST (or FIRST..LAST)",
    "date_low": "first day of the date interval (YYYY-MM-DD)",
    "date_high": "last day of the date interval (YYYY-MM-DD)",
    "place": "the place (e.g. the admin2 unit)",
    "region": "the region that contains it (e.g. admin1): one place must lie in one region (RC103)",
    "section": "a section of the report the row comes from",
    "quote": "the source's words (quoted in findings)",
    "measure": "what is counted (a long table: a key of `measures:`)",
    "value": "the stated number (a long table)",
    "low": "lower bound of its interval (default: value)",
    "high": "upper bound (default: value; inf for an open bound)",
    "qualifier": "a key of the qualifier table (default: exact)",
    "who": "class of the counted persons",
    "perpetrator": "who did it",
    "noun": "the words after the number",
}
MEASURE_KEYS = ("value", "low", "high")  # a wide measure column given as {value:, low:, high:}


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


def is_table(path) -> bool:
    p = Path(str(path))
    return p.suffix.lower() in TABLE_SUFFIXES


# --- reading the file --------------------------------------------------------------------------


def _cell(value) -> str:
    """A cell as text: what a CSV file would hold (None and NaN empty, inf "inf")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10] if isinstance(value, dt.datetime) and not (
            value.hour or value.minute or value.second) else value.isoformat()
    if hasattr(value, "isoformat") and hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return _cell(value.to_pydatetime())
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover
        pass
    return str(value)


def _fail(path, message: str):
    raise InputError(f"{path}: {message}")


def load(path) -> tuple[list[str], list[dict], dict]:
    """The table's columns and rows (every cell as text) and what else the file says (a Data
    Package descriptor's `sources`, the CSV it points to). Raises InputError (one line)."""
    import pandas as pd

    path = Path(str(path))
    extra: dict = {}
    if not path.exists():
        _fail(path, "no such file")
    if path.is_dir():
        _fail(path, "is a directory, not a table")
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        _fail(path, "the table is empty")
    try:
        if path.name.lower() == DATAPACKAGE or (suffix == ".json" and _is_descriptor(path)):
            return _load_datapackage(path)
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
        elif suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("results"), list) and "schema_version" in data:
                _fail(path, "is a review report (--format json), not a figures table")
            if isinstance(data, dict) and isinstance(data.get("data"), list):
                data = data["data"]
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                _fail(path, "not a table: a JSON table is a list of records ({column: value, ...})")
            frame = pd.DataFrame.from_records(data)
        elif suffix == ".parquet":
            try:
                frame = pd.read_parquet(path)
            except ImportError:
                _fail(path, 'reading Parquet needs pyarrow: pip install "reportcheck[parquet]"')
        else:
            _fail(path, f"unsupported table type {suffix!r} (use .csv, .json, .parquet or datapackage.json)")
    except InputError:
        raise
    except UnicodeDecodeError:
        _fail(path, "the table is not UTF-8 text")
    except pd.errors.EmptyDataError:
        _fail(path, "the table is empty")
    except json.JSONDecodeError as exc:
        _fail(path, f"not valid JSON (line {exc.lineno}: {exc.msg})")
    except (OSError, ValueError, TypeError, pd.errors.ParserError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
        _fail(path, f"cannot read the table ({first})")
    except Exception as exc:  # pyarrow's own errors (ArrowInvalid ...) for a file that is not Parquet
        if type(exc).__module__.startswith("pyarrow"):
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
            _fail(path, f"cannot read the table ({first})")
        raise
    columns = [str(c) for c in frame.columns]
    if len(set(columns)) < len(columns):
        _fail(path, "two columns have the same name")
    rows = [{str(k): _cell(v) for k, v in rec.items()} for rec in frame.to_dict("records")]
    if not rows:
        _fail(path, "the table has no rows" if columns else "the table is empty")
    return columns, rows, extra


def _is_descriptor(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("resources"), list)


def _load_datapackage(path: Path):
    """A Data Package descriptor: its tabular resource (the figures, a CSV next to it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        _fail(path, f"not valid JSON (line {exc.lineno}: {exc.msg})")
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list) or not resources:
        _fail(path, "a Data Package descriptor needs resources (a list)")
    resource = next((r for r in resources if isinstance(r, dict) and r.get("name") == "figures"), resources[0])
    where = resource.get("path") if isinstance(resource, dict) else None
    if isinstance(where, list):
        where = where[0] if where else None
    if not isinstance(where, str) or "://" in where or Path(where).is_absolute() or ".." in Path(where).parts:
        _fail(path, "the figures resource needs a relative path to its CSV file")
    table = path.parent / where
    if table.suffix.lower() != ".csv":
        _fail(path, f"resource {where}: only CSV resources are read")
    columns, rows, _ = load(table)
    sources = [s for s in (resource.get("sources") or data.get("sources") or []) if isinstance(s, dict)]
    return columns, rows, {"sources": sources, "resource": str(table)}


# --- helpers -------------------------------------------------------------------------------------


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


def place_key(name: str) -> str:
    """A place's key: ASCII, lower case, without "region"/"city"/"province" words."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = [w for w in "".join(c if c.isalnum() else " " for c in s).split()
             if w not in ("region", "city", "province", "district", "cercle", "the", "of")]
    return " ".join(words)


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


# --- figures tables (written by --figures-out) ----------------------------------------------------


def _schema_columns():
    from ..schema import COLUMNS

    return COLUMNS


def _typed(raw: dict, columns: dict) -> dict:
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


def _violations(rows: list[dict], rules: dict, period, text_length=None) -> list:
    from ..schema import COLUMNS, violations

    frame, bad = _frame_for_schema(rows, COLUMNS)
    found = violations(frame, tuple(rules.get("qualifiers") or ()) or None,
                       measures=sorted((rules.get("measures") or {}).keys()), period=period, text_length=text_length)
    return sorted([*bad, *found], key=lambda v: (-1 if v.index is None else v.index, v.column or "", v.check))


def _period(rules: dict):
    p = rules.get("period")
    if not p:
        return None
    return str(p[0]), str(p[1])


# --- the report's text, found again ---------------------------------------------------------------


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_path_for_table(report: str, table: Path) -> str:
    """How --figures-out records where a report is: relative to the table's directory when the
    report lies in it or below it (so that the two move together: a dataset repository), else
    absolute ("../../../ci-clone/..." would break as soon as the table is read from elsewhere,
    or as a DataFrame with no directory at all)."""
    report_abs, folder = Path(report).resolve(), table.resolve().parent
    if report_abs.is_relative_to(folder):
        return report_abs.relative_to(folder).as_posix()
    return str(report_abs)


def _candidates(table: Path, doc_id: str, recorded: str, sources: list[dict]) -> list[Path]:
    from .decode import HTML_SUFFIXES, TEXT_SUFFIXES

    out: list[Path] = []
    given = [recorded] + [str(s.get("path")) for s in sources if s.get("path") and s.get("title", doc_id) == doc_id]
    for p in given:
        if not p:
            continue
        q = Path(p)
        out += [q] if q.is_absolute() else [table.parent / q, q]
    for suffix in sorted(TEXT_SUFFIXES | HTML_SUFFIXES):
        out.append(table.parent / f"{doc_id}{suffix}")
    seen, unique = set(), []
    for p in out:
        try:
            key = p.resolve()
        except OSError:
            continue
        if key not in seen and p.is_file():
            seen.add(key)
            unique.append(p)
    return unique


def _find_text(table: Path, doc_id: str, rows: list[dict], year, sources) -> tuple[object, str]:
    """The report the rows were extracted from (a Document), and how it was found or why not."""
    from . import read_document

    recorded = next((r.get("document_path", "") for r in rows if r.get("document_path")), "")
    digest = next((r.get("document_sha256", "") for r in rows if r.get("document_sha256")), "")
    tried = []
    for path in _candidates(table, doc_id, recorded, sources):
        try:
            doc = read_document(path, year=year)
        except InputError as exc:
            tried.append(f"{path}: {exc}")
            continue
        if digest and text_hash(doc.text) != digest:
            tried.append(f"{path}: its text is not the one the table was extracted from (the SHA-256 differs)")
            continue
        if not digest:
            fits = sum(1 for r in rows if doc.text[_int(r.get("start")):_int(r.get("end"))] == r.get("quote"))
            if fits < 0.9 * len(rows):
                tried.append(f"{path}: the table's quotes are not at their offsets in it")
                continue
        doc.id = doc_id
        how = "its SHA-256 matches" if digest else "the quotes are at their offsets"
        return doc, f"links built from the text of {path} ({how})"
    if tried:
        return None, "links from the rows alone: " + "; ".join(tried)
    where = f" ({recorded} not found)" if recorded else ""
    return None, (f"links from the rows alone: the report's text was not found{where}; put {doc_id}.txt "
                  "(or .html) next to the table")


def _int(v, default: int = -1) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return default


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


def _rows_extraction(rows: list[dict], dates: list | None = None, places: list | None = None):
    """An Extraction made of the rows alone: their sentences and paragraphs, their dates."""
    from ..extract.figures import Extraction

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
    columns = [str(c) for c in frame.columns]
    rows = [{str(k): _cell(v) for k, v in rec.items()} for rec in frame.to_dict("records")]
    if not rows:
        _fail(name, "the table has no rows")
    return read_rows(Path(name), columns, rows, rules, year=year)


def read_rows(path: Path, columns: list[str], rows: list[dict], rules: dict, *, year: int | None = None,
              extra: dict | None = None) -> list[TableDoc]:
    """The documents of a table given as its columns and rows (every cell as text)."""
    extra = extra or {}
    mapping = dict(rules.get("columns") or {})
    schema_cols = _schema_columns()
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
    return _user_table(path, columns, rows, mapping, rules)


def _figures_table(path: Path, raw_rows: list[dict], rules: dict, year, extra) -> list[TableDoc]:
    columns = _schema_columns()
    out = []
    by_doc: dict[str, list[int]] = {}
    for i, r in enumerate(raw_rows):
        by_doc.setdefault(r.get("document", ""), []).append(i)
    period = _period(rules)
    for doc_id, idx in by_doc.items():
        rows = [raw_rows[i] for i in idx]
        numbers = [i + 1 for i in idx]
        info = TableInfo(str(path), "figures", len(rows))
        doc, note = _find_text(path, doc_id, rows, year, extra.get("sources") or [])
        found = doc.text if doc is not None else None
        bad = _violations(rows, rules, period, len(found) if found is not None else None)
        keep = _record(info, bad, numbers, rows)
        typed = [_typed(rows[k], columns) for k in keep]
        quotes = [t["quote"] for t in typed]
        kept_numbers = [numbers[k] for k in keep]
        ex = None
        if doc is not None:
            ex, why = _with_text(doc, typed, rules, info)
            if ex is None:
                doc, note = None, f"links from the rows alone: {why}"
        if doc is None:
            text = _sparse_text(typed)
            doc = Document(id=doc_id, path=str(path), text=text, format="table", encoding="utf-8",
                           sections=_sections(typed, len(text)))
            ex = _rows_extraction(typed)
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


_COMPARED = ("value", "low", "high", "qualifier", "measure", "who", "date_low", "date_high", "place", "region",
             "quote", "number_text", "section")


def _with_text(doc, rows: list[dict], rules: dict, info: TableInfo):
    """The report's Extraction with its rows replaced by the table's, when every row's sentence
    lies where the table says; (None, why) otherwise. Notes the rows edited in the table."""
    import dataclasses

    from ..extract.figures import extract

    ex = extract(doc, rules)
    for r in rows:
        s = r["sentence"]
        if not (0 <= s < len(ex.sentences)) or ex.sentences[s][:2] != (r["sentence_start"], r["sentence_end"]) \
                or ex.sentences[s][2] != r["paragraph"] or r["end"] > len(doc.text):
            return None, (f"figure {r['figure_id']} is not in sentence {s} of {doc.path} as the table says "
                          "(extracted by another version of reportcheck?)")
    original = {r["figure_id"]: r for r in ex.rows}
    for k, r in enumerate(rows):
        o = original.get(r["figure_id"])
        if o is None:
            info.edited.append({"figure_id": r["figure_id"], "index": k, "changes": {"added": [None, r["quote"]]}})
            continue
        changes = {c: [o[c], r[c]] for c in _COMPARED if not _same(o[c], r[c])}
        if changes:
            info.edited.append({"figure_id": r["figure_id"], "index": k, "changes": changes})
            if "value" in changes and "number_text" not in changes and not math.isnan(r["value"]):
                # the arithmetic shows the table's number; the quote stays the report's words
                r["number_text"] = _num(r["value"])
    return dataclasses.replace(ex, rows=rows), ""


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


# --- user tables (a columns: mapping) ---------------------------------------------------------------


def _user_table(path: Path, columns: list[str], raw_rows: list[dict], mapping: dict, rules: dict) -> list[TableDoc]:
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
    from ..schema import COLUMNS

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
            "parse_status": "parsed",
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
    bad = _violations(frame_rows, rules, _period(rules), len(text)) if frame_rows else []
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
    typed = [_typed(frame_rows[k], COLUMNS) for k in keep]
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
    ex = _rows_extraction(typed, unique_dates, places)
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


__all__ = ["DATAPACKAGE", "FIELDS", "TABLE_SUFFIXES", "TableDoc", "TableInfo", "is_table", "load", "parse_date",
           "place_key", "read_frame", "read_rows", "read_table", "report_path_for_table", "row_date", "text_hash"]
