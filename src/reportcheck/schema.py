"""The figures table's schema: the contract between extraction and the checks, and the shape of
the tables that `check-report TABLE` checks.

Every stage after extraction may rely on what this schema states:

* the columns of COLUMNS, in that order, with their types (`str`, `int64`, `float64`, `bool`);
  two optional columns at the end, PROVENANCE (where the report is and a hash of its text;
  `--figures-out` writes them, so that a table can find its report again);
* one row per numeric mention, `low <= high` (an interval: "at least 29" is [29, inf)),
  `low >= 0`, `start < end`, the figure inside its sentence, `quote` as long as its span,
  `date_low <= date_high`, ISO dates;
* allowed values: `qualifier` a key of the rule files' qualifier table (or exact, range,
  vague, unparsed), `kind`, `number_kind`, `parse_status`, `date_precision`, `date_kind`
  from known sets, and `measure` a key of the rule files' `measures:` (or "") when the
  measures are given;
* when they are known: dates inside the stated period (`period`: the first and last day),
  offsets within the document (`text_length`).

`figures_schema(...)` builds the pandera schema; `validate(df, ...)` checks a table against it
lazily (every violation, not the first) and raises pandera's SchemaErrors; `violations(df,
...)` returns every violation as a Violation (row position, column, check, value, a sentence
for people), which is how `check-report TABLE` reports them (RC401 table-schema). pandera is
imported only when one of these is called (it costs a fifth of the start-up).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

# name -> (dtype, nullable, description)
COLUMNS: dict[str, tuple[str, bool, str]] = {
    "figure_id": ("str", False, "stable id: document and start offset"),
    "document": ("str", False, "document id (file stem)"),
    "section": ("str", False, 'section code ("exec", "1", "1.a", "6"; "" before the first heading)'),
    "paragraph": ("int64", False, "paragraph index in the document"),
    "sentence": ("int64", False, "sentence index in the document"),
    "sentence_start": ("int64", False, "offset of the sentence start"),
    "sentence_end": ("int64", False, "offset of the sentence end"),
    "start": ("int64", False, "offset of the figure (qualifier, number and noun) in the text as read"),
    "end": ("int64", False, "end offset (exclusive)"),
    "quote": ("str", False, "text[start:end]"),
    "number_text": ("str", False, 'the number as written ("29", "five", "2,000")'),
    "value": ("float64", True, "the stated number (NaN for vague quantities and unparsed numbers)"),
    "low": ("float64", False, "lower bound of the interval the qualifier gives"),
    "high": ("float64", False, "upper bound (inf when unbounded)"),
    "qualifier": ("str", False, 'key of the qualifier table ("exact", "at_least", "more_than", ...)'),
    "number_kind": ("str", False, '"digits", "words", "vague", "range" or "unparsed"'),
    "kind": ("str", False, '"count", "percent", "money", "share", "age", "duration", "distance", "area" or "unparsed"'),
    "measure": ("str", False, 'what is counted ("killed", "injured", ...; "" when unknown)'),
    "noun": ("str", False, "the words after the number"),
    "who": ("str", False, 'class of the counted persons ("civilians", "soldiers", ...; "" unknown)'),
    "perpetrator": ("str", False, "who did it, when the sentence names them"),
    "source": ("str", False, "who reported it, when the sentence names them"),
    "additive": ("bool", False, 'the figure adds to one before it ("another 25", "16 others")'),
    "date_text": ("str", False, "the date expression the figure was dated by"),
    "date_low": ("str", True, "first day of the date interval (ISO), None when undated"),
    "date_high": ("str", True, "last day of the date interval (ISO)"),
    "date_precision": ("str", False, '"day", "days", "month", "months", "year", "years" or ""'),
    "date_kind": ("str", False, '"absolute", "as_of", "since", "relative", "same_period" or ""'),
    "date_start": ("int64", False, "offset of the date expression (-1 when none)"),
    "place": ("str", False, "the place as written"),
    "place_key": ("str", False, "its normalised key"),
    "region": ("str", False, "key of the region that contains it, when known"),
    "parse_status": ("str", False, '"parsed" or "unparsed" (a number the extractor could not read)'),
    "currency": ("str", False, 'the currency of an amount of money ("USD", "EUR", "CFA franc", "Kenyan shilling"; '
                               '"" when none is written)'),
    "whole": ("str", False, 'the figure_id of the whole a share is stated against ("half of the 300 detainees": '
                            'the row of 300; "" when none)'),
    "page": ("str", False, 'the page of a PDF report the figure is printed on ("3"); "" for other formats'),
}

# columns added after the first figures tables were written: a table without them is read with
# them empty
LATER_COLUMNS = ("currency", "whole", "page")

# optional trailing columns: where the table came from (written by --figures-out)
PROVENANCE: dict[str, tuple[str, bool, str]] = {
    "document_path": ("str", True, "the report's path, relative to the table's directory (or absolute)"),
    "document_sha256": ("str", True, "SHA-256 of the report's text as read (what the offsets index)"),
}

QUALIFIER_EXTRA = {"exact", "range", "vague", "unparsed"}
DEFAULT_QUALIFIERS = ("exact", "at_least", "more_than", "nearly", "about", "at_most", "fewer_than")
KINDS = {"count", "percent", "money", "age", "duration", "distance", "area", "share", "unparsed"}
NUMBER_KINDS = {"digits", "words", "vague", "range", "unparsed"}
PARSE_STATUSES = {"parsed", "unparsed"}
DATE_PRECISIONS = {"day", "days", "month", "months", "year", "years", ""}
DATE_KINDS = {"absolute", "as_of", "since", "relative", "same_period", ""}
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"

# the table-level checks (name -> what a failure means), in the order they are reported
ROW_CHECKS = {
    "low <= high": "low is above high",
    "start < end": "start is not before end",
    "figure inside its sentence": "the figure lies outside its sentence",
    "quote = text[start:end]": "the quote is not as long as its span (end - start)",
    "date_low <= date_high": "date_low is after date_high",
    "dates inside the period": "the date lies outside the stated period",
    "offsets within the document": "the offsets lie beyond the end of the document",
}


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


def _schema(qualifier_keys: frozenset, measures: frozenset | None, period: tuple | None,
            text_length: int | None):
    import pandera.pandas as pa

    allowed = {
        "qualifier": qualifier_keys | QUALIFIER_EXTRA, "kind": KINDS, "number_kind": NUMBER_KINDS,
        "parse_status": PARSE_STATUSES, "date_precision": DATE_PRECISIONS, "date_kind": DATE_KINDS,
    }
    if measures is not None:
        allowed["measure"] = set(measures) | {""}
    cols = {}
    for name, (dtype, nullable, desc) in {**COLUMNS, **PROVENANCE}.items():
        checks = []
        if name in allowed:
            checks.append(pa.Check.isin(sorted(allowed[name])))
        elif name in ("start", "sentence_start", "paragraph", "sentence", "low"):
            checks.append(pa.Check.ge(0))
        elif name == "date_start":
            checks.append(pa.Check.ge(-1))
        elif name in ("date_low", "date_high"):
            checks.append(pa.Check.str_matches(ISO_DATE))
        cols[name] = pa.Column(dtype if dtype != "str" else str, checks=checks, nullable=nullable,
                               description=desc, coerce=dtype in ("int64", "float64"),
                               required=name not in PROVENANCE)

    def dates(df):
        lo, hi = df["date_low"], df["date_high"]
        return lo.isna() | hi.isna() | (lo.astype(str) <= hi.astype(str))

    checks = [
        pa.Check(lambda df: df["low"] <= df["high"], error="low <= high"),
        pa.Check(lambda df: df["start"] < df["end"], error="start < end"),
        pa.Check(lambda df: (df["sentence_start"] <= df["start"]) & (df["end"] <= df["sentence_end"] + 1)
                 | (df["parse_status"] == "unparsed"), error="figure inside its sentence"),
        pa.Check(lambda df: df["quote"].str.len() == df["end"] - df["start"], error="quote = text[start:end]"),
        pa.Check(dates, error="date_low <= date_high"),
    ]
    if period is not None:
        first, last = (str(p) for p in period)

        def inside(df):
            lo, hi = df["date_low"], df["date_high"]
            return (lo.isna() | (lo.astype(str) >= first)) & (hi.isna() | (hi.astype(str) <= last))

        checks.append(pa.Check(inside, error="dates inside the period"))
    if text_length is not None:
        n = int(text_length)
        checks.append(pa.Check(lambda df: (df["end"] <= n) & (df["sentence_end"] <= n),
                               error="offsets within the document"))
    return pa.DataFrameSchema(
        cols,
        checks=checks,
        strict=True,
        ordered=True,
        name="figures",
        description="One row per numeric mention of a report (reportcheck figures table).",
    )


_CACHE: dict = {}


def figures_schema(qualifier_keys=DEFAULT_QUALIFIERS, *, measures=None, period=None, text_length=None):
    """The pandera DataFrameSchema of the figures table.

    `qualifier_keys`: the qualifier table's keys (the rule files' `qualifiers:`); `measures`:
    the known measures (the rule files' `measures:` keys; None: any measure); `period`: (first
    day, last day) as ISO strings or dates that every dated figure must lie in (None: any
    date); `text_length`: the length of the document the offsets index (None: unknown)."""
    key = (frozenset(qualifier_keys or DEFAULT_QUALIFIERS), None if measures is None else frozenset(measures),
           None if period is None else tuple(str(p) for p in period), text_length)
    if key not in _CACHE:
        _CACHE[key] = _schema(*key)
    return _CACHE[key]


def schema(qualifier_keys=DEFAULT_QUALIFIERS):
    """The schema with only the qualifier keys given (what the extractor's output must meet)."""
    return figures_schema(qualifier_keys)


def coerce(df):
    """The columns in the schema's dtypes (cheap: pandas only, no validation).

    An empty table (a report without a figure) is a valid table: its text columns get the
    string dtype too, which pandas infers only from values."""
    types = {name: dtype for name, (dtype, nullable, _) in COLUMNS.items() if dtype != "str"}
    if len(df):
        return df.astype(types)
    texts = {name: str for name, (dtype, _, _) in COLUMNS.items() if dtype == "str" and name in df.columns}
    return df.astype({**types, **texts}, errors="ignore")


def validate(df, qualifier_keys=None, *, measures=None, period=None, text_length=None):
    """Validate the figures table (lazily: every violation is reported at once); raises
    pandera.errors.SchemaErrors. Returns the table, coerced."""
    s = figures_schema(qualifier_keys or DEFAULT_QUALIFIERS, measures=measures, period=period,
                       text_length=text_length)
    return s.validate(df, lazy=True)


# --- violations, for people -------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One violation of the schema. `index`: the row's position in the table (0-based; None
    for the table as a whole); `column` (None for a check across columns); `check` as pandera
    names it ("low <= high", "isin([...])", "coerce_dtype('float64')"); `message` for people."""

    index: int | None
    column: str | None
    check: str
    value: object
    message: str


_TYPE_WORDS = {"float64": "a number", "int64": "a whole number", "bool": "true or false", "str": "text"}


def _shown(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "empty"
    return repr(value) if isinstance(value, str) else str(value)


def _describe(column, check: str, value, row: dict | None) -> str:
    if check.startswith(("coerce_dtype(", "dtype(")):
        dtype = check.split("'")[1] if "'" in check else ""
        return f"{column} {_shown(value)} is not {_TYPE_WORDS.get(dtype, dtype)}"
    if check.startswith("isin("):
        return f"{column} {_shown(value)} is not an allowed value"
    if check.startswith("greater_than_or_equal_to("):
        return f"{column} {_shown(value)} is below {check[len('greater_than_or_equal_to('):-1]}"
    if check.startswith("str_matches("):
        return f"{column} {_shown(value)} is not an ISO date (YYYY-MM-DD)"
    if check == "not_nullable":
        return f"{column} is empty"
    if check in ROW_CHECKS and row is not None:
        said = {
            "low <= high": lambda: f"low {row['low']:g} is above high {row['high']:g}",
            "start < end": lambda: f"start {row['start']} is not before end {row['end']}",
            "figure inside its sentence": lambda: (f"the figure ({row['start']}-{row['end']}) lies outside its "
                                                   f"sentence ({row['sentence_start']}-{row['sentence_end']})"),
            "quote = text[start:end]": lambda: (f"the quote has {len(str(row['quote']))} characters, its span "
                                                f"{row['end'] - row['start']}"),
            "date_low <= date_high": lambda: f"date_low {row['date_low']} is after date_high {row['date_high']}",
            "dates inside the period": lambda: (f"the date {row['date_low']}..{row['date_high']} lies outside "
                                                "the stated period"),
            "offsets within the document": lambda: f"end {row['end']} lies beyond the end of the document",
        }[check]
        try:
            return said()
        except (TypeError, ValueError, KeyError):
            return ROW_CHECKS[check]
    if check == "column_in_dataframe":
        return f"column {value} is missing"
    if check == "column_in_schema":
        return f"unknown column {value}"
    if column:
        return f"{column} {_shown(value)} fails {check}"
    return f"{check} fails ({_shown(value)})"


def _failures(df, s) -> list:
    import pandera.errors

    try:
        s.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        return exc.failure_cases.to_dict("records")
    return []


def violations(df, qualifier_keys=None, *, measures=None, period=None, text_length=None) -> list[Violation]:
    """Every violation of the schema in `df`, in row order (those about the whole table first).

    Two passes, both lazy: the first finds the values of the wrong type (a number that is not
    one); the second checks the other rows against everything else, so a row is not reported
    again for what its wrong type breaks (`low <= high` of a `low` that is not a number)."""
    import pandas as pd

    s = figures_schema(qualifier_keys or DEFAULT_QUALIFIERS, measures=measures, period=period,
                       text_length=text_length)
    df = df.reset_index(drop=True)
    first = _failures(df, s)
    typed = [f for f in first if str(f["check"]).startswith(("coerce_dtype(", "dtype(")) and not _blank(f["index"])]
    bad = sorted({int(f["index"]) for f in typed})
    out: list[Violation] = []
    seen = set()
    for f in typed:
        key = (int(f["index"]), f["column"])
        if key in seen:  # coerce_dtype and dtype both report one wrong value
            continue
        seen.add(key)
        out.append(Violation(int(f["index"]), f["column"], str(f["check"]), f["failure_case"],
                             _describe(f["column"], str(f["check"]), f["failure_case"], None)))
    rest = df.drop(index=bad) if bad else df
    second = _failures(rest, s) if bad else first
    records = None
    for f in second:
        check = str(f["check"])
        if check.startswith(("coerce_dtype(", "dtype(")) and not _blank(f["index"]):
            continue
        index = None if _blank(f["index"]) else int(f["index"])
        column = None if _blank(f["column"]) or check in ROW_CHECKS else str(f["column"])
        if index is None and check in ROW_CHECKS:
            continue  # a check that could not run (a TypeError): the typed violations say why
        if (index, column, check) in seen:  # a check across columns fails once per cell of the row
            continue
        seen.add((index, column, check))
        row = None
        if index is not None and check in ROW_CHECKS:
            if records is None:
                records = pd.DataFrame(df).to_dict("index")
            row = records.get(index)
        out.append(Violation(index, column, check, f["failure_case"], _describe(column, check, f["failure_case"], row)))
    out.sort(key=lambda v: (-1 if v.index is None else v.index, v.column or "", v.check))
    return out


def _blank(value) -> bool:
    import pandas as pd

    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def describe_columns() -> list[dict]:
    """The columns for people and for other schemas (the Data Package descriptor): name, type,
    nullable, description, and the allowed values where they are a fixed set."""
    fixed = {"kind": KINDS, "number_kind": NUMBER_KINDS, "parse_status": PARSE_STATUSES,
             "date_precision": DATE_PRECISIONS, "date_kind": DATE_KINDS}
    out = []
    for name, (dtype, nullable, desc) in {**COLUMNS, **PROVENANCE}.items():
        item = {"name": name, "dtype": dtype, "nullable": nullable, "description": desc,
                "optional": name in PROVENANCE}
        if name in fixed:
            item["allowed"] = sorted(fixed[name])
        out.append(item)
    return out
