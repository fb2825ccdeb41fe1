"""The human review report (`--format text`, the default).

Per document: a header line and the user's rule files that applied to it, then the failing
results grouped by severity (errors, warnings, infos), then waived (reviewed) ones with their
review, then one line per check that passed; after the documents, the stale entries of the
--baseline. A finding shows its code, rule and severity, the message, the
arithmetic, one line per evidence quote with its section and role, and where its
documentation is. A summary block ends the report, with what the exit status means under
--fail-on.
"""
from __future__ import annotations

import textwrap

import click

from ..gate import FAIL_ON, SEVERITIES, exit_code, gating, stale_gating
from ..model import DocumentSummary, Result, Run
from ._common import page_words, review_note

WIDTH = 100
INDENT = "  "
NBSP = "\u00a0"

_STYLE = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "cyan"},
    "waived": {"fg": "magenta"},
    "pass": {"fg": "green"},
    "heading": {"bold": True},
    "dim": {"dim": True},
}
_GROUP_TITLE = {"error": "Errors", "warning": "Warnings", "info": "Infos"}
_YEAR_SOURCE = {
    "--year": "from --year",
    "file name": "from the file name",
    "page metadata": "from the page metadata",
    "text": "from the text",
}


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


class _Out:
    """Collects lines; styles them only when color is on."""

    def __init__(self, color: bool):
        self.color = color
        self.lines: list[str] = []

    def style(self, text: str, kind: str) -> str:
        return click.style(text, **_STYLE[kind]) if self.color and text else text

    def add(self, line: str = "") -> None:
        self.lines.append(line)

    def wrapped(self, text: str, indent: str, first: str | None = None, kind: str = "") -> None:
        """`text` wrapped to WIDTH; the first line starts with `first` (default: indent).

        A no-break space (U+00A0) in `text` keeps its neighbours on one line and prints as a space.
        """
        first = indent if first is None else first
        lines = textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=indent,
                              break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
        lines = [line.replace(NBSP, " ") for line in lines]
        self.lines.extend(self.style(line, kind) if kind else line for line in lines)

    def heading(self, title: str, kind: str = "heading") -> None:
        self.add()
        self.add(self.style(title, kind))
        self.add(self.style("-" * len(title), kind))


def _document_line(d: DocumentSummary) -> str:
    if d.year is None:
        year = "year unknown"
    else:
        year = f"year {d.year} ({_YEAR_SOURCE.get(d.year_source, 'from ' + d.year_source)})"
    parts = [d.format, year]
    if d.country:
        parts.append(f"country {d.country}")
    parts += [plural(d.figures, "figure"), plural(d.unparsed_numbers, "unparsed number")]
    if d.table:
        parts.insert(1, plural(d.table.get("rows", 0), "row"))
    return f"{d.path}  " + ", ".join(p.replace(" ", NBSP) for p in parts)


def _table_lines(out: _Out, d: DocumentSummary) -> None:
    """How a table's rows were read and linked: the report found (or not), the rows left out,
    the rows edited against the report, the rules skipped."""
    t = d.table or {}
    shape = {"figures": "a figures table", "long": "a user table (long)", "wide": "a user table (wide, one column "
             "per measure)"}.get(t.get("shape"), t.get("shape", ""))
    out.wrapped(f"{shape}; {t.get('note', '')}", INDENT * 2, first=INDENT)
    if t.get("columns"):
        mapped = ", ".join(f"{k}: {v}" for k, v in t["columns"].items())
        out.wrapped(f"columns: {mapped}", INDENT * 2, first=INDENT)
    if t.get("excluded"):
        rows = ", ".join(str(n) for n in t["excluded"][:20]) + (" ..." if len(t["excluded"]) > 20 else "")
        out.wrapped(f"left out of the checks (they break the schema, RC401): rows {rows}", INDENT * 2, first=INDENT)
    for e in t.get("edited") or []:
        changes = "; ".join(f"{k} {_said(a)} -> {_said(b)}" for k, (a, b) in e["changes"].items())
        out.wrapped(f"row {e['row']} differs from the report: {changes}", INDENT * 2, first=INDENT)
    for s in t.get("skipped_rules") or []:
        out.wrapped(f"rule not applied: {s}", INDENT * 2, first=INDENT)


def _said(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return "inf" if value == float("inf") else (str(int(value)) if value.is_integer() else f"{value:g}")
    return repr(value) if isinstance(value, str) else str(value)


def _evidence_label(section: str, row: int | None = None, page: str = "") -> str:
    """"[section 1.a]"; for a table's row "[section 1.a, row 12]" (or "[row 12]"); for a PDF's
    page "[section 1.a, page 3]"."""
    if section.startswith("row "):
        return f"[{section}]"
    where = f"section {section}" if section else ("" if row is not None else "before the first section")
    if row is not None:
        where = f"{where}, row {row}" if where else f"row {row}"
    if page:
        where = f"{where}, {page}"
    return f"[{where}]"


def _finding(out: _Out, r: Result) -> None:
    status = "  waived" if r.status == "waived" else ""
    out.add()
    out.add(out.style(f"{r.code} {r.rule}", r.severity if not status else "waived")
            + f"  {r.severity}{status}")
    out.wrapped(r.message, INDENT * 2, first=INDENT)
    if r.arithmetic:
        out.wrapped(r.arithmetic, INDENT * 2 + " " * len("arithmetic: "), first=INDENT + "arithmetic: ")
    labels = [_evidence_label(e.section, e.row, page_words(e)) for e in r.evidence]
    column = max((len(s) for s in labels), default=0)
    for e, label in zip(r.evidence, labels, strict=True):
        lead = f"{INDENT}{label.ljust(column)}  "
        role = f"  ({e.role})" if e.role else ""
        out.wrapped(f'"{e.quote}"{role}', " " * (len(lead) + 1), first=lead)
    if r.review:
        # "reviewed: REASON (REVIEWER, DATE; SOURCE)", as every format says it
        out.wrapped(review_note(r), INDENT + " " * len("reviewed: "), first=INDENT)
    out.add(INDENT + out.style(f"see: check-report --explain {r.code}", "dim"))


def _document_results(out: _Out, results: list[Result]) -> None:
    new = [r for r in results if r.new_failure]
    for severity in SEVERITIES:
        group = [r for r in new if r.severity == severity]
        if group:
            out.heading(f"{_GROUP_TITLE[severity]} ({len(group)})", severity)
            for r in group:
                _finding(out, r)
    other = [r for r in new if r.severity not in SEVERITIES]
    if other:
        out.heading(f"Other findings ({len(other)})")
        for r in other:
            _finding(out, r)
    waived = [r for r in results if r.failed and r.status != "new"]
    if waived:
        out.heading(f"Waived (reviewed) findings ({len(waived)})", "waived")
        for r in waived:
            _finding(out, r)
    passed = [r for r in results if not r.failed]
    if passed:
        out.heading(f"Checks that passed ({len(passed)})", "pass")
        for r in passed:
            head = f"{INDENT}{r.code} {r.rule}  "
            rest = textwrap.shorten(r.message, max(20, WIDTH - len(head)), placeholder=" ...")
            out.add(INDENT + out.style(f"{r.code} {r.rule}", "pass") + "  " + rest)


def exit_line(run: Run, fail_on: str) -> str:
    """What the exit status of this run means, in one line."""
    code = exit_code(run, fail_on)
    if fail_on == "never":
        return "exit 0: --fail-on never"
    counts = {s: 0 for s in SEVERITIES}
    for r in gating(run, fail_on):
        counts[r.severity] += 1
    if code:
        found = " and ".join(plural(counts[s], s) for s in FAIL_ON[fail_on] if counts[s])
        stale = len(stale_gating(run, fail_on))
        why = [f"{found} at or above --fail-on {fail_on}"] if found else []
        if stale:
            why.append(plural(stale, "stale baseline entry", "stale baseline entries") + " (--fail-on-stale)")
        return "exit 1: " + "; ".join(why)
    return f"exit 0: nothing at or above --fail-on {fail_on}"


def _summary(out: _Out, run: Run, fail_on: str) -> None:
    s = run.summary()
    out.heading("Summary")
    out.add(f"{INDENT}checks run: {s['results']}, passed: {s['passed']}, "
            f"failed: {s['failed']} ({plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}, "
            f"{plural(s['info'], 'info', 'infos')}), waived: {s['waived']}")
    out.add(f"{INDENT}documents: {s['documents']}, figures: {s['figures']}, "
            f"unparsed numbers: {s['unparsed_numbers']}")
    per = [f"{code} {c['passed']} passed, {c['failed']} failed" if c["passed"] + c["failed"]
           else f"{code} nothing to judge" for code, c in s["by_check"].items()]
    if per:
        out.wrapped("by check: " + "; ".join(p.replace(" ", NBSP) for p in per), INDENT * 2, first=INDENT)
    if run.baseline is not None:
        b = run.baseline
        ignored = f", {b['ignored']} about documents not checked" if b.get("ignored") else ""
        out.wrapped(f"baseline {b['path']}: {plural(b['entries'], 'entry', 'entries')}, "
                    f"{plural(b['waived'], 'finding')} reviewed, {len(b['stale'])} stale{ignored}",
                    INDENT * 2, first=INDENT)
    if run.comparison is not None:
        c = run.comparison
        out.wrapped(f"compared with {c['previous']}: {plural(c['changed'], 'figure')} changed, "
                    f"{c['added']} added, {c['removed']} removed, {c['unchanged']} unchanged "
                    f"({c['figures_before']} before, {c['figures_after']} now)", INDENT * 2, first=INDENT)
    line = exit_line(run, fail_on)
    out.add(INDENT + out.style(line, "error" if line.startswith("exit 1") else "pass"))


def _stale(out: _Out, run: Run) -> None:
    """The baseline entries that match no failing result: fixed, or their quotes edited."""
    stale = (run.baseline or {}).get("stale") or []
    if not stale:
        return
    out.heading(f"Stale baseline entries ({len(stale)})", "waived")
    out.wrapped("They match no failing result: the finding was fixed or its sentences edited. Delete "
                "them from the baseline (or write it again with --write-baseline).", INDENT * 2, first=INDENT)
    for e in stale:
        out.add()
        head = f"{e['source']}  {e['fingerprint']}" + (f"  {e['document']}" if e.get("document") else "")
        out.wrapped(head, INDENT * 2, first=INDENT)
        if e.get("message"):
            out.wrapped(e["message"], INDENT * 2)


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """The review report as text (ANSI-styled when `color`)."""
    out = _Out(color)
    by_doc: dict[str, list[Result]] = {}
    for r in run.results:
        by_doc.setdefault(r.document, []).append(r)
    known = {d.id for d in run.documents}
    for i, d in enumerate(run.documents):
        if i:
            out.add()
        out.wrapped(_document_line(d), INDENT * 2, first="", kind="heading")
        if d.table:
            _table_lines(out, d)
        if d.rule_files:
            out.wrapped("rule files (over the defaults): " + ", ".join(d.rule_files), INDENT * 2, first=INDENT)
        _document_results(out, by_doc.get(d.id, []))
    for doc_id in by_doc:  # results about no listed document (should not happen; never hide them)
        if doc_id not in known:
            out.add()
            out.wrapped(doc_id, INDENT * 2, first="", kind="heading")
            _document_results(out, by_doc[doc_id])
    _stale(out, run)
    _summary(out, run, fail_on)
    return "\n".join(out.lines).lstrip("\n") + "\n"
