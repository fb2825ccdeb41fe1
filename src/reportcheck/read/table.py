"""Figures tables as input, read: a table file -> its columns and rows, every cell as text.

`check-report TABLE.csv|.json|.parquet|datapackage.json` checks a table instead of a report.
This module only reads the file (a Data Package descriptor: the CSV it points to) and says
where a table records its report (`document_path`, `document_sha256`, written by
`--figures-out`); reportcheck.extract.table turns the rows into documents ready for
link -> check, reportcheck.read.discover finds the report again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from pathlib import Path

from ..errors import InputError

TABLE_SUFFIXES = (".csv", ".json", ".parquet")
DATAPACKAGE = "datapackage.json"


def is_table(path) -> bool:
    p = Path(str(path))
    return p.suffix.lower() in TABLE_SUFFIXES


# --- reading the file --------------------------------------------------------------------------


def cell_text(value) -> str:
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
        return cell_text(value.to_pydatetime())
    if hasattr(value, "item"):  # numpy scalars
        return cell_text(value.item())
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover
        pass
    return str(value)


# what outputs.neutralise prefixes with a single quote in a CSV cell (OWASP's CSV injection
# guidance); read back, the quote goes, so that a cell is what the report says
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unneutralise(cell: str) -> str:
    """A CSV cell as it was before --figures-out neutralised it ("'-12 degrees" -> "-12 degrees")."""
    if cell[:1] == "'" and cell[1:2] and cell[1:].startswith(_FORMULA_START):
        return cell[1:]
    return cell


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
            frame = frame.map(unneutralise)
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
    except RecursionError:
        # "[[[[..." a hundred thousand deep: the parser gives up, the file is no table
        _fail(path, _TOO_DEEP)
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
    try:
        rows = [{str(k): cell_text(v) for k, v in rec.items()} for rec in frame.to_dict("records")]
    except RecursionError:
        _fail(path, _TOO_DEEP)  # a cell of lists within lists, parsed but too deep to write as text
    if not rows:
        _fail(path, "the table has no rows" if columns else "the table is empty")
    return _with_later_columns(columns, rows), rows, extra


def _with_later_columns(columns: list[str], rows: list[dict]) -> list[str]:
    """A figures table written before a column was added (schema.LATER_COLUMNS: `currency`,
    `whole`) is read with that column empty."""
    from ..schema import COLUMNS, LATER_COLUMNS

    missing = [c for c in LATER_COLUMNS if c not in columns]
    if not missing or not set(COLUMNS) - set(LATER_COLUMNS) <= set(columns):
        return columns
    for r in rows:
        r.update(dict.fromkeys(missing, ""))
    return columns + missing


_TOO_DEEP = "not a table: its JSON is nested too deeply (a JSON table is a list of records)"


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


def frame_rows(frame, name: str = "table") -> tuple[list[str], list[dict]]:
    """A DataFrame in memory (a GX batch, a notebook's table) as load() gives a file: its columns
    and its rows, every cell as text. `name` stands for its file name in messages."""
    columns = [str(c) for c in frame.columns]
    rows = [{str(k): cell_text(v) for k, v in rec.items()} for rec in frame.to_dict("records")]
    if not rows:
        _fail(name, "the table has no rows")
    return _with_later_columns(columns, rows), rows


# --- where a table says its report is ---------------------------------------------------------


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


__all__ = ["DATAPACKAGE", "TABLE_SUFFIXES", "cell_text", "frame_rows", "is_table", "load", "report_path_for_table",
           "text_hash", "unneutralise"]
