"""The review as JSON Lines (`--format jsonl`): one JSON object per line, written as the
documents are checked, so that a corpus of any size is written without holding its results.

Lines, each with a `type`:
- `document`: a document checked (`document`: what the JSON review lists in `documents`),
  followed by
- `result`: each of its results, as the JSON review writes a result (id, code, rule, ...,
  fingerprint, review), in the same order and with the same ids;
- `error`: a document that could not be checked (`path`, `message`), after the documents;
- `summary`, the last line: schema_version, tool, summary (the JSON review's), checks, and
  baseline / comparison when given. A file without its summary line is not a whole review.

`render(run)` writes a whole Run the same way; the command streams a corpus document by
document with `document_lines` and ends with `tail_lines`.
"""
from __future__ import annotations

import dataclasses
import json

from ..model import DocumentSummary, Result, Run
from ..version import __version__
from .json import SCHEMA_VERSION, identified, jsonable, result_record


def _line(obj: dict) -> str:
    return json.dumps(jsonable(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"


def document_lines(summary: DocumentSummary | None, results: list[Result]) -> str:
    """A document's line and its results' lines (results without a document: their lines only)."""
    one = Run(documents=[summary] if summary is not None else [], figures=None, results=list(results))
    head = _line({"type": "document", "document": dataclasses.asdict(summary)}) if summary is not None else ""
    return head + "".join(_line({"type": "result", **result_record(rid, r)}) for rid, r in identified(one))


def tail_lines(run: Run) -> str:
    """The documents that could not be checked, then the summary line (counts: `run` may hold
    no result, a streamed run's tally stands for them)."""
    lines = [_line({"type": "error", "path": e.path, "message": e.message}) for e in run.errors]
    summary = {"type": "summary", "schema_version": SCHEMA_VERSION,
               "tool": {"name": "reportcheck", "version": __version__}, "summary": run.summary(),
               "checks": {code: {"name": info.get("name", ""), "summary": info.get("summary", "")}
                          for code, info in sorted(run.checks.items())}}
    if run.baseline is not None:
        summary["baseline"] = run.baseline
    if run.comparison is not None:
        summary["comparison"] = run.comparison
    return "".join(lines) + _line(summary)


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """The whole review as JSON Lines (color and fail_on do not apply)."""
    by_doc: dict[str, list[Result]] = {}
    for r in run.results:
        by_doc.setdefault(r.document, []).append(r)
    parts = [document_lines(d, by_doc.pop(d.id, [])) for d in run.documents]
    rest = [r for rs in by_doc.values() for r in rs]  # results of no document checked (a GX suite's ...)
    if rest:
        parts.append(document_lines(None, rest))
    return "".join(parts) + tail_lines(run)
