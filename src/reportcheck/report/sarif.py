"""The review as SARIF 2.1.0 (`--format sarif`), for code-scanning dashboards.

- `tool.driver`: name "reportcheck", version, informationUri, and one rule per check that ran
  (id, name, short and full description: the check's documentation, helpUri,
  defaultConfiguration.level: the most severe severity the check is configured with).
- One result per failing result: ruleId, level (error / warning / note), message, one
  location per evidence span. The artifact is the report's path relative to the working
  directory (a file: URI when it is outside); for a plain-text report each location has a
  region (1-based startLine, startColumn, endLine, endColumn just after the last character, and
  the snippet), columns counted in characters: run.columnKind is "unicodeCodePoints". An HTML
  report's offsets are into its extracted text, not the file, so its locations have no
  region (the quote and offsets are in the location's properties).
- partialFingerprints: the result's stable id (the JSON report's), so a dashboard follows a
  finding across edits elsewhere in the report.
- A waived (reviewed) result has suppressions [{kind: "external", justification}].
Passing results are not listed (run.properties.summary counts them).
"""
from __future__ import annotations

import json

from ..gate import exit_code
from ..model import Result, Run
from ..version import __version__
from ._common import (
    check_doc,
    check_severity,
    display_path,
    documents_by_id,
    locatable,
    region,
    review_note,
)
from .json import identified, jsonable

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://example.invalid/reportcheck"  # pyproject's Documentation URL
HELP_URI = INFORMATION_URI + "#checks"  # the README's table of checks
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """The report's path relative to the working directory as a URI reference; a file: URI
    when it is outside."""
    from pathlib import Path
    from urllib.parse import quote

    shown = display_path(path)
    if Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/")


def _rules(run: Run) -> list[dict]:
    codes = sorted(set(run.checks) | {r.code for r in run.results})
    names = {r.code: r.rule for r in run.results}
    out = []
    for code in codes:
        info = run.checks.get(code) or {}
        doc = check_doc(run, code)
        summary = info.get("summary") or (doc.split("\n\n", 1)[0].replace("\n", " ") if doc else code)
        out.append({
            "id": code,
            "name": info.get("name") or names.get(code, code),
            "shortDescription": {"text": summary},
            "fullDescription": {"text": doc or summary, "markdown": doc or summary},
            "helpUri": HELP_URI,
            "help": {"text": f"check-report --explain {code}"},
            "defaultConfiguration": {"level": LEVEL.get(check_severity(run, code), "warning")},
        })
    return out


def _message(r: Result) -> str:
    text = r.message
    if r.arithmetic:
        text += f"\narithmetic: {r.arithmetic}"
    return text


def _locations(run: Run, r: Result) -> list[dict]:
    doc = documents_by_id(run).get(r.document)
    path = doc.path if doc else r.document
    text = locatable(run, r, doc)
    out = []
    for e in r.evidence:
        physical: dict = {"artifactLocation": {"uri": _uri(path)}}
        if text is not None and 0 <= e.start < e.end <= len(text):
            physical["region"] = {**region(text, e.start, e.end), "snippet": {"text": text[e.start:e.end]}}
        location: dict = {"physicalLocation": physical,
                          "properties": {"quote": e.quote, "start": e.start, "end": e.end,
                                         "section": e.section, "role": e.role,
                                         **({"row": e.row} if getattr(e, "row", None) is not None else {}),
                                         **({"page": e.page} if e.page is not None else {})}}
        out.append(location)
    if not out:  # a finding about the whole report
        out.append({"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}})
    return out


def _result(run: Run, rid: str, r: Result, rule_index: dict[str, int]) -> dict:
    out = {
        "ruleId": r.code,
        "ruleIndex": rule_index[r.code],
        "level": LEVEL.get(r.severity, "warning"),
        "message": {"text": _message(r)},
        "locations": _locations(run, r),
        "partialFingerprints": {"reportcheckResultId/v1": rid},
        "properties": {"id": rid, "severity": r.severity, "status": r.status, "details": jsonable(r.details)},
    }
    if r.status == "waived":
        out["suppressions"] = [{"kind": "external", "justification": review_note(r)}]
    return out


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """The review as a SARIF 2.1.0 log (color does not apply)."""
    rules = _rules(run)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [_result(run, rid, r, rule_index) for rid, r in identified(run) if r.failed]
    artifacts = [{"location": {"uri": _uri(d.path)},
                  "sourceLanguage": "html" if d.format == "html" else "plaintext"} for d in run.documents]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reportcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "invocations": [{"executionSuccessful": True, "exitCode": exit_code(run, fail_on),
                             "properties": {"failOn": fail_on}}],
            "results": results,
            "properties": {"summary": jsonable(run.summary())},
        }],
    }
    return json.dumps(jsonable(log), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
