"""The machine-readable review report (`--format json`).

The shape is the contract that ../shared/eval/score.py and CI consumers read
(see /work/shared/eval/README.md): schema_version, tool, documents, results, summary, checks.

Conventions
-----------
- Result ids are stable: "<CODE>-<12 hex>", the result's fingerprint (reportcheck.fingerprint:
  a hash of the code, the document id and the sorted evidence quotes, white space collapsed);
  offsets are left out, so an edit elsewhere in the report does not change the id of a finding
  (a baseline entry keyed on it survives). Two results of one run
  that would share an id (same code, same quotes, e.g. killed and injured compared on the same
  two sentences) get "-2", "-3" ... in output order.
- Infinity is written as the string "inf" (and "-inf"), never as the non-JSON `Infinity`;
  NaN is written as null. Intervals in `details` ("at least 29" is [29, "inf"]) keep their
  meaning that way: null would read as "unknown".
- A result about a figures table (check-report TABLE) names the table's row of each evidence
  (`row`, 1-based, the header not counted); its document has `table` (how the rows were read).
- Ordering is deterministic: documents as the Run lists them; results by document, code,
  first evidence offset, id; checks by code. Dates are ISO strings, tuples and sets lists.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

from ..model import Result, Run
from ..version import __version__

SCHEMA_VERSION = 1


def result_id(result: Result) -> str:
    """The stable id of a result (without the collision suffix): its fingerprint
    (reportcheck.fingerprint; the key of a baseline of reviewed findings)."""
    return result.fingerprint


def jsonable(value):
    """`value` made of plain JSON types: inf -> "inf", NaN -> None, dates -> ISO strings."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    if hasattr(value, "item"):  # numpy / pandas scalars
        return jsonable(value.item())
    return str(value)


def identified(run: Run) -> list[tuple[str, Result]]:
    """The run's results in output order, each with its stable id (collisions suffixed "-2" ...).

    Every writer that names results (json ids, sarif fingerprints, html anchors) uses this."""
    doc_order = {d.id: i for i, d in enumerate(run.documents)}
    keyed = sorted(
        ((result_id(r), r) for r in run.results),
        key=lambda ir: (doc_order.get(ir[1].document, len(doc_order)), ir[1].document, ir[1].code,
                        min((e.start for e in ir[1].evidence), default=-1), ir[0], ir[1].message),
    )
    seen: dict[str, int] = {}
    out = []
    for rid, r in keyed:
        seen[rid] = seen.get(rid, 0) + 1
        out.append((rid if seen[rid] == 1 else f"{rid}-{seen[rid]}", r))
    return out


def result_record(rid: str, r: Result) -> dict:
    """One result as the JSON review (and each line of the JSON Lines review) writes it."""
    return {
        "id": rid,
        "code": r.code,
        "rule": r.rule,
        "document": r.document,
        "outcome": r.outcome,
        "severity": r.severity,
        "status": r.status,
        "message": r.message,
        "arithmetic": r.arithmetic,
        "evidence": [
            {"figure_id": e.figure_id, "quote": e.quote, "start": e.start, "end": e.end,
             "section": e.section, "role": e.role, **({"row": e.row} if e.row is not None else {}),
             **({"page": e.page} if e.page is not None else {})}
            for e in r.evidence
        ],
        "details": r.details,
        "help": f"check-report --explain {r.code}",
        "fingerprint": r.fingerprint,  # the id without a collision suffix: a baseline's key
        "review": r.review or None,  # a waived result's reviewer, date, reason and source
    }


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """The review as a JSON document (color and fail_on do not apply)."""
    return "".join(review_parts(run, [result_record(rid, r) for rid, r in identified(run)]))


def review_parts(run: Run, results) -> list[str]:
    """The JSON review in pieces, `results` (records, or pieces of the results list already
    written: see ResultsWriter) in its place. The same bytes as json.dumps(payload, indent=2)
    of the whole review: each top-level value is dumped alone and indented as it nests."""
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "reportcheck", "version": __version__},
        "documents": [dataclasses.asdict(d) for d in run.documents],
        "results": results,
        "summary": run.summary(),
        "checks": {
            code: {"name": info.get("name", ""), "summary": info.get("summary", "")}
            for code, info in sorted(run.checks.items())
        },
    }
    if run.baseline is not None:  # --baseline: the file, its counts and its stale entries
        payload["baseline"] = run.baseline
    if run.comparison is not None:  # --compare-to: the figures added and removed (changed: RC901)
        payload["comparison"] = run.comparison
    if run.errors:  # documents that could not be checked (the run exits 2)
        payload["errors"] = [{"path": e.path, "message": e.message} for e in run.errors]
    parts = []
    for i, (key, value) in enumerate(payload.items()):
        parts.append(("{\n  " if i == 0 else ",\n  ") + json.dumps(key, ensure_ascii=False) + ": ")
        if key == "results" and isinstance(value, ResultsWriter):
            parts.append(value)  # its file is copied here (ResultsWriter.finish)
        elif key == "results":
            parts.append(_results_text(value))
        else:
            parts.append(_nested(jsonable(value), 1))
    parts.append("\n}\n")
    return parts


def _nested(value, level: int) -> str:
    """json.dumps(value, indent=2) as it reads `level` deep in an indented document (strings hold
    no raw newline: JSON escapes them, so every newline is the layout's)."""
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False).replace("\n", "\n" + "  " * level)


def _results_text(records: list[dict]) -> str:
    if not records:
        return "[]"
    return "[" + "".join(_result_item(rec, i == 0) for i, rec in enumerate(records)) + "\n  ]"


def _result_item(record: dict, first: bool) -> str:
    """One result as an item of the indented results list (its separator before it)."""
    return ("\n    " if first else ",\n    ") + _nested(jsonable(record), 2)


class ResultsWriter:
    """The results list of a JSON review written as documents arrive (a corpus streamed, see
    streaming.py): each document's results go to a temporary file, so that only counts stay in
    memory; `finish` writes the whole review to `out` (the head with the documents, this
    file, the summary and checks), byte for byte what render() writes of the same run."""

    def __init__(self, out):
        import tempfile

        self.out = out  # an outputs.LinesOutput: the staged review
        # open until finish or discard (the run goes on between): not a with block
        self.results = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.count = 0

    def add(self, summary, results: list[Result]) -> None:
        """A document's results, in the order and with the ids render() gives them (document
        ids are unique in a streamed run: results sort by document first)."""
        one = Run(documents=[summary], figures=None, results=list(results))
        for rid, r in identified(one):
            self.results.write(_result_item(result_record(rid, r), self.count == 0))
            self.count += 1

    def finish(self, run: Run) -> None:
        """The review written to `out`: `run` holds the documents and the counts."""
        import shutil

        for part in review_parts(run, self):
            if part is not self:
                self.out.write(part)
                continue
            self.out.write("[")
            if self.count:
                self.results.seek(0)
                shutil.copyfileobj(self.results, self.out.fh)
                self.out.write("\n  ")
            self.out.write("]")
        self.results.close()

    def discard(self) -> None:
        self.results.close()
        self.out.discard()
