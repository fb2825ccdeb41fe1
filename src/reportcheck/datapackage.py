"""The figures table published as a Frictionless Data Package (`--figures-out DIR/datapackage.json`).

The table is written as CSV next to the descriptor (`DIR/figures.csv`); the descriptor
(`datapackage.json`, Data Package v1 with a Tabular Data Resource) carries the table's Table
Schema, derived from reportcheck.schema: each column's type (string, integer, number, boolean,
date), its description, and the constraints a Table Schema can state (required columns, allowed
values as `enum`, minimums, `figure_id` the primary key). What Table Schema cannot state (low <=
high, a figure inside its sentence, dates inside the stated period) is said in the resource's
description; `check-report DIR/datapackage.json` checks all of it. The reports the figures were
extracted from are the resource's `sources` (their paths relative to the descriptor).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .version import __version__

RESOURCE = "figures.csv"
_TYPES = {"str": "string", "int64": "integer", "float64": "number", "bool": "boolean"}
# columns never empty in a figures table (an empty string is a missing value in the CSV)
REQUIRED = ("figure_id", "document", "paragraph", "sentence", "sentence_start", "sentence_end", "start", "end",
            "quote", "number_text", "low", "high", "qualifier", "number_kind", "kind", "additive", "date_start",
            "parse_status")
MINIMUM = {"paragraph": 0, "sentence": 0, "sentence_start": 0, "start": 0, "end": 1, "low": 0, "date_start": -1}
ROW_RULES = ("low <= high; start < end; the figure inside its sentence (sentence_start <= start, end <= "
             "sentence_end); quote = the report's text[start:end]; date_low <= date_high; dates inside the period "
             "a rule file states; offsets within the report (reportcheck.schema, checked by check-report "
             "datapackage.json)")


def resource_path(descriptor: Path) -> Path:
    """Where the CSV of a Data Package written to `descriptor` goes."""
    return Path(descriptor).parent / RESOURCE


def table_schema(rules: dict | None = None) -> dict:
    """The figures table's Table Schema (Frictionless): fields, constraints, primary key."""
    from .config import load_rules
    from .schema import QUALIFIER_EXTRA, describe_columns

    rules = rules or load_rules()
    enums = {"qualifier": sorted(set((rules.get("qualifiers") or {}).keys()) | QUALIFIER_EXTRA),
             "measure": sorted((rules.get("measures") or {}).keys())}
    fields = []
    for col in describe_columns():
        name = col["name"]
        field = {"name": name, "type": "date" if name in ("date_low", "date_high") else _TYPES[col["dtype"]],
                 "description": col["description"]}
        constraints = {}
        if name in REQUIRED:
            constraints["required"] = True
        if name in MINIMUM:
            constraints["minimum"] = MINIMUM[name]
        allowed = enums.get(name) or [v for v in col.get("allowed", []) if v != ""]
        if allowed:
            constraints["enum"] = allowed
        if name == "document_sha256":
            constraints["pattern"] = "[0-9a-f]{64}"
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "primaryKey": ["figure_id"], "missingValues": [""]}


def descriptor(documents=(), resource: str = RESOURCE, base: Path | None = None, rules: dict | None = None) -> dict:
    """The Data Package descriptor of a figures table written as `resource`."""
    from .read.table import report_path_for_table

    sources = []
    for d in documents:
        table = getattr(d, "table", None)
        report = (table or {}).get("report") if table else d.path
        if report:
            entry = {"title": d.id}
            if base is not None:
                entry["path"] = report_path_for_table(report, base / "datapackage.json")
            sources.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": "reportcheck-figures",
        "title": "Figures extracted from reports by reportcheck",
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "contributors": [{"title": f"reportcheck {__version__}", "role": "author"}],
        "resources": [{
            "name": "figures",
            "path": resource,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": ("One row per numeric mention of a report, with its provenance (document, section, "
                            "offsets, quote) and its meaning (interval, qualifier, measure, date, place). "
                            f"Row rules beyond this Table Schema: {ROW_RULES}."),
            "schema": table_schema(rules),
            **({"sources": sources} if sources else {}),
        }],
    }


def write_datapackage(figures, path: Path, documents=(), write=None, rules: dict | None = None) -> None:
    """The figures table as `DIR/figures.csv` and its descriptor as `path` (DIR/datapackage.json).
    `write(path, fn)` writes a file atomically (the CLI's); plain writes without it."""
    from .schema import COLUMNS, PROVENANCE

    path = Path(path)
    csv = resource_path(path)
    table = figures.copy()
    for col in [*COLUMNS, *PROVENANCE]:
        if col not in table.columns:
            table[col] = ""
    table = table[[*COLUMNS, *PROVENANCE]]
    text = json.dumps(descriptor(documents, csv.name, path.parent, rules), indent=2, ensure_ascii=False) + "\n"

    def write_csv(tmp):
        table.to_csv(tmp, index=False)

    def write_json(tmp):
        Path(tmp).write_text(text, encoding="utf-8")

    if write is None:
        write_csv(csv)
        write_json(path)
    else:
        write(csv, write_csv)
        write(path, write_json)


__all__ = ["RESOURCE", "descriptor", "resource_path", "table_schema", "write_datapackage"]
