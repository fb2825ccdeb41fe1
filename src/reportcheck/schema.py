"""The figures table's schema: the contract between extraction and the checks.

Every stage after extraction may rely on what this schema states: the columns and their
types, one row per numeric mention, `low <= high`, offsets inside the document, qualifiers and
kinds from known sets. `validate` checks it lazily (every violation, not the first) and
raises pandera's SchemaErrors, so a broken extractor is caught before any check runs.
"""
from __future__ import annotations

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
}

QUALIFIER_EXTRA = {"exact", "range", "vague", "unparsed"}
KINDS = {"count", "percent", "money", "age", "duration", "distance", "area", "share", "unparsed"}
NUMBER_KINDS = {"digits", "words", "vague", "range", "unparsed"}


def _schema(qualifier_keys: frozenset[str]):
    import pandera.pandas as pa

    cols = {}
    for name, (dtype, nullable, desc) in COLUMNS.items():
        checks = []
        if name == "qualifier":
            checks.append(pa.Check.isin(sorted(qualifier_keys | QUALIFIER_EXTRA)))
        elif name == "kind":
            checks.append(pa.Check.isin(sorted(KINDS)))
        elif name == "number_kind":
            checks.append(pa.Check.isin(sorted(NUMBER_KINDS)))
        elif name in ("start", "sentence_start", "paragraph", "sentence"):
            checks.append(pa.Check.ge(0))
        elif name == "low":
            checks.append(pa.Check.ge(0))
        cols[name] = pa.Column(dtype if dtype != "str" else str, checks=checks, nullable=nullable,
                               description=desc, coerce=dtype in ("int64", "float64"))
    return pa.DataFrameSchema(
        cols,
        checks=[
            pa.Check(lambda df: df["low"] <= df["high"], error="low <= high"),
            pa.Check(lambda df: df["start"] < df["end"], error="start < end"),
            pa.Check(lambda df: (df["sentence_start"] <= df["start"]) & (df["end"] <= df["sentence_end"] + 1)
                     | (df["parse_status"] == "unparsed"), error="figure inside its sentence"),
            pa.Check(lambda df: df["quote"].str.len() == df["end"] - df["start"], error="quote = text[start:end]"),
        ],
        strict=True,
        ordered=True,
        name="figures",
        description="One row per numeric mention of a report (reportcheck figures table).",
    )


_CACHE: dict = {}


def schema(qualifier_keys=("exact", "at_least", "more_than", "nearly", "about", "at_most", "fewer_than")):
    key = frozenset(qualifier_keys)
    if key not in _CACHE:
        _CACHE[key] = _schema(key)
    return _CACHE[key]


def coerce(df):
    """The columns in the schema's dtypes (cheap: pandas only, no validation)."""
    types = {name: ("object" if dtype == "str" else dtype) for name, (dtype, nullable, _) in COLUMNS.items()
             if dtype != "str"}
    return df.astype(types) if len(df) else df.astype(types, errors="ignore")


def validate(df, qualifier_keys=None):
    """Validate the figures table (lazily: every violation is reported at once)."""
    s = schema(qualifier_keys) if qualifier_keys else schema()
    return s.validate(df, lazy=True)

