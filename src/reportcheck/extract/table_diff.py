"""A figures table against the report it was extracted from: the report's extraction with the
table's rows in place of its own, and the rows the table edited (its numbers are what the
checks judge; the review lists each edit, the report's value beside the table's)."""
from __future__ import annotations

import dataclasses
import math

from .figures import extract
from .table_rows import TableInfo, _num

_COMPARED = ("value", "low", "high", "qualifier", "measure", "who", "date_low", "date_high", "place", "region",
             "quote", "number_text", "section")


def with_text(doc, rows: list[dict], rules: dict, info: TableInfo):
    """The report's Extraction with its rows replaced by the table's, when every row's sentence
    lies where the table says; (None, why) otherwise. Notes the rows edited in the table."""
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
