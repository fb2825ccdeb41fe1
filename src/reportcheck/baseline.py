"""Reviewed findings: a baseline file (`--baseline FILE`) and writing one (`--write-baseline FILE`).

A baseline lists failing results that a person has looked at and accepted, each by its
fingerprint (reportcheck.fingerprint: the check code, the document and the quotes, so it
survives edits elsewhere in the report), with who reviewed it, when and why:

    version: 1
    reviewed:
      - fingerprint: RC103-8c1f0e2d4b6a
        code: RC103                      # the other keys up to `reviewer` are for people
        rule: place-conflicts
        document: mali-2020
        message: Kayes is put in the central part of the country and in the West
        quotes: ["in the city of Kayes in the central part of the country", "the Kayes Region in the West"]
        reviewer: A. Analyst
        date: 2024-05-02
        reason: The city of Kayes is in the West; the report's "central" is its error, kept as published.

A failing result whose fingerprint is listed is *waived*: it stays in every review, with the
reviewer, date and reason, and no longer fails the run. An entry that matches no failing
result of a document that was checked is *stale* (the finding was fixed, or its sentences
edited): it is reported, and fails the run only with --fail-on-stale. Entries about documents
that were not checked in this run (a pre-commit hook checks the changed reports only) are
left alone.

The file is checked before the run like a rule file: bad YAML, a value YAML cannot build (a
date such as 2024-02-30), a key that is not one of the above, a value of the wrong type, a
date that is not a day of 1900 or later (YYYY-MM-DD), a fingerprint listed twice, and an
entry without a reason stop the run with exit 2 and one line naming the file and the line.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .config import _line_at, parse_yaml, read_text_file
from .errors import InputError
from .model import Result, Run

VERSION = 1
TOP_LEVEL = ("version", "reviewed")
ENTRY_KEYS = ("fingerprint", "code", "rule", "document", "message", "quotes", "reviewer", "date", "reason")
# RC101-..., and GX.expect_column_values_to_be_between-... (a Great Expectations result, --expectations)
FINGERPRINT = re.compile(r"^(?:[A-Z]+[0-9]+|GX\.[a-z][a-z0-9_]*)-[0-9a-f]{12}$")
FIRST_YEAR = 1900  # as --year: an earlier review date is a typo
# what a YAML tag that failed to build was meant to be, for the message

HEADER = """\
# Reviewed findings of check-report (a baseline). With `check-report --baseline THIS_FILE`,
# a failing result listed here is shown as reviewed (waived) and does not fail the run.
#
# For every finding you accept, fill in reviewer, date (YYYY-MM-DD) and reason: an entry
# without a reason is refused. Delete the entries you do not accept: they fail the run until
# the report is fixed. `fingerprint` names the finding (check, document and quotes, not their
# place in the report); code, rule, document, message and quotes are there for people.
"""


@dataclass(frozen=True)
class Entry:
    """One reviewed finding of a baseline file."""

    fingerprint: str
    reason: str
    reviewer: str = ""
    date: str = ""
    code: str = ""
    rule: str = ""
    document: str = ""
    message: str = ""
    quotes: tuple[str, ...] = ()
    line: int = 1  # of the entry in its file


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: tuple[Entry, ...]

    def source(self, entry: Entry) -> str:
        return f"{self.path}:{entry.line}"


# --- reading -------------------------------------------------------------------------------


def read_baseline(path: str | Path) -> Baseline:
    """Read and check a baseline file. Raises InputError (one line: file, line, what is wrong)."""
    path = Path(path)
    text = read_text_file(path, "baseline file", missing=" (write one with --write-baseline)")
    return Baseline(str(path), tuple(parse_baseline(text, str(path))))


def parse_baseline(text: str, where: str) -> list[Entry]:
    """The entries of the baseline in `text` (`where` names it in errors)."""
    data, root = parse_yaml(text, where, with_tree=True)  # a value YAML cannot build: file:line, exit 2

    def fail(keys: tuple, message: str):
        raise InputError(f"{where}:{_line_at(root, keys)}: {message}")

    if data is None:
        return []
    if not isinstance(data, dict):
        fail((), f"a baseline must be a mapping (version: {VERSION}, reviewed: [...]), not {type(data).__name__}")
    for key in data:
        if key not in TOP_LEVEL:
            fail((key,), f"unknown key {key!r} (expected: {', '.join(TOP_LEVEL)})")
    if "version" in data and data["version"] != VERSION:
        fail(("version",), f"version {data['version']!r} is not a baseline version this tool reads ({VERSION})")
    entries = data.get("reviewed")
    if entries is None:
        return []
    if not isinstance(entries, list):
        fail(("reviewed",), "reviewed must be a list of entries (- fingerprint: ..., reason: ...)")
    out: list[Entry] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        at = ("reviewed", i)
        name = f"entry {i + 1}"
        if not isinstance(entry, dict):
            what = "nothing" if entry is None else type(entry).__name__
            fail(at, f"{name} must be a mapping (fingerprint: ..., reason: ...), not {what}")
        fp = entry.get("fingerprint")
        if isinstance(fp, str) and fp:
            name = f"entry {i + 1} ({fp})"
        for key in entry:
            if key not in ENTRY_KEYS:
                fail(at + (key,), f"{name}: unknown key {key!r} (expected: {', '.join(ENTRY_KEYS)})")
        if fp is None:
            fail(at, f"{name}: missing fingerprint (the finding's, as --write-baseline writes it)")
        if not isinstance(fp, str) or not FINGERPRINT.match(fp):
            fail(at + ("fingerprint",), f"{name}: {fp!r} is not a fingerprint (CODE-12 hex digits, "
                                        "as --write-baseline writes it)")
        if fp in seen:
            fail(at, f"{name}: the fingerprint is listed twice (entries {seen[fp]} and {i + 1})")
        seen[fp] = i + 1
        values = {}
        for key in ("code", "rule", "document", "message", "reviewer"):
            value = entry.get(key)
            if value is not None and not isinstance(value, str):
                fail(at + (key,), f"{name}: {key} must be text, not {type(value).__name__}")
            values[key] = value or ""
        if values["code"] and not fp.startswith(values["code"] + "-"):
            fail(at + ("code",), f"{name}: code {values['code']} is not the fingerprint's")
        date, problem = _review_date(entry.get("date"))
        if problem:
            fail(at + ("date",), f"{name}: {problem}")
        quotes = entry.get("quotes")
        if quotes is not None and not (isinstance(quotes, list) and all(isinstance(q, str) for q in quotes)):
            fail(at + ("quotes",), f"{name}: quotes must be a list of quotes (text)")
        reason = entry.get("reason")
        if reason is not None and not isinstance(reason, str):
            fail(at + ("reason",), f"{name}: reason must be text, not {type(reason).__name__}")
        if not (reason or "").strip():
            fail(at, f"{name}: no reason given; write why the finding is accepted (reason: ...), "
                     "or delete the entry")
        out.append(Entry(fp, reason.strip(), reviewer=values["reviewer"], date=date or "", code=values["code"],
                         rule=values["rule"], document=values["document"], message=values["message"],
                         quotes=tuple(quotes or ()), line=_line_at(root, at)))
    return out


def _review_date(value) -> tuple[str, str]:
    """A review date as ISO text ("" when not given) and what is wrong with it ("" when nothing):
    a day (YYYY-MM-DD, quoted or not, or a YAML timestamp) of FIRST_YEAR or later."""
    if value is None or value == "":
        return "", ""
    if isinstance(value, str):
        text = value.strip()
        try:
            day = dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
        except ValueError as exc:
            return "", f"date {value!r} is not a day ({exc})"
        if day is None:
            return "", f"date {value!r} is not a date written YYYY-MM-DD"
        value = day
    if not isinstance(value, dt.date):  # a datetime is a date too
        return "", f"date must be a date written YYYY-MM-DD, not {type(value).__name__} ({value!r})"
    if value.year < FIRST_YEAR:
        return "", f"date {value.isoformat()} is before {FIRST_YEAR}: not a review date (YYYY-MM-DD)"
    return value.isoformat(), ""


# --- applying ------------------------------------------------------------------------------


def apply_baseline(run: Run, baseline: Baseline, *, fail_on_stale: bool = False) -> Run:
    """`run` with every failing result listed in `baseline` waived (status "waived", `review`
    set) and `run.baseline` saying what the baseline did. A new Run; `run` is not changed."""
    entries = {e.fingerprint: e for e in baseline.entries}
    checked = {d.id for d in run.documents}
    matched: set[str] = set()
    results, waived = [], 0
    for r in run.results:
        e = entries.get(r.fingerprint) if r.failed else None
        if e is None:
            results.append(r)
            continue
        matched.add(e.fingerprint)
        waived += 1
        results.append(dataclasses.replace(r, status="waived", review={
            "reviewer": e.reviewer, "date": e.date, "reason": e.reason, "source": baseline.source(e)}))
    unmatched = [e for e in baseline.entries if e.fingerprint not in matched]
    ignored = [e for e in unmatched if e.document and e.document not in checked]
    stale = [e for e in unmatched if not (e.document and e.document not in checked)]
    return dataclasses.replace(run, results=results, baseline={
        "path": baseline.path,
        "entries": len(baseline.entries),
        "waived": waived,
        "ignored": len(ignored),  # entries about documents this run did not check
        "stale": [{"fingerprint": e.fingerprint, "code": e.code, "document": e.document, "message": e.message,
                   "source": baseline.source(e)} for e in stale],
        "fail_on_stale": fail_on_stale,
    })


# --- writing -------------------------------------------------------------------------------


def render_baseline(run: Run) -> str:
    """Every failing result of `run` (new or waived) as a baseline, one entry per fingerprint:
    a waived result keeps its reviewer, date and reason; a new one gets empty ones to fill in.
    Results that share a fingerprint (one check on the same quotes, e.g. killed and injured
    compared on the same two sentences) share the entry: one review covers them."""
    import yaml

    doc_order = {d.id: i for i, d in enumerate(run.documents)}
    failing = sorted((r for r in run.results if r.failed), key=lambda r: (
        doc_order.get(r.document, len(doc_order)), r.document, r.code,
        min((e.start for e in r.evidence), default=-1), r.message))
    grouped: dict[str, list[Result]] = {}
    for r in failing:
        grouped.setdefault(r.fingerprint, []).append(r)
    entries = []
    for fp, rs in grouped.items():
        first = rs[0]
        review = next((r.review for r in rs if r.review), {})
        quotes = list(dict.fromkeys(" ".join(e.quote.split()) for r in rs for e in r.evidence))
        entries.append({
            "fingerprint": fp,
            "code": first.code,
            "rule": first.rule,
            "document": first.document,
            "message": "; ".join(dict.fromkeys(" ".join(r.message.split()) for r in rs)),
            "quotes": quotes,
            "reviewer": review.get("reviewer", ""),
            "date": review.get("date", ""),
            "reason": review.get("reason", ""),
        })
    body = yaml.safe_dump({"version": VERSION, "reviewed": entries}, sort_keys=False, allow_unicode=True,
                          width=100, default_flow_style=False)
    return HEADER + "\n" + body
