"""The review as GitHub-flavoured Markdown (`--format markdown`): a pull-request comment or a
job summary ($GITHUB_STEP_SUMMARY).

A heading with what the exit status means; a summary table and a per-check table; per
document its failing results as sections (code, rule, severity, status; the message; the
arithmetic in a code span; each quote as a blockquote, within its sentence when the Run holds
the text, the figure in bold, with its section and line); waived results and passing checks
in collapsed <details>. Text from the report is escaped (Markdown punctuation, HTML, and
"@" so that a handle in a report mentions nobody). The whole stays under GitHub's
65,536-character comment limit (counted in UTF-8 bytes, to be safe): the list of passing
checks is cut first, then the last findings, each time with a note saying how many were left
out and where the full report is.
"""
from __future__ import annotations

import re

from ..gate import SEVERITIES
from ..model import DocumentSummary, Result, Run
from ._common import (
    context,
    display_path,
    documents_by_id,
    locatable,
    region,
    review_note,
    review_state,
)
from .text import exit_line, plural

LIMIT = 65_536
MARGIN = 512  # room for the notes of what was cut
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
_ICON = {"error": ":x:", "warning": ":warning:", "info": ":information_source:"}


def escape(value: str, edges: bool = False) -> str:
    """Report text as literal Markdown on one line (runs of white space become one space; at
    the ends too with `edges`, else they are dropped)."""
    value = re.sub(r"\s+", " ", str(value))
    if not edges:
        value = value.strip()
    return _SPECIAL.sub(r"\\\1", value).replace("@", "@\u200b")


def code_span(value: str) -> str:
    """`value` as an inline code span (fenced with more backticks than it holds)."""
    value = " ".join(str(value).split())
    ticks = max((len(m) for m in re.findall(r"`+", value)), default=0) + 1
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{'`' * ticks}{pad}{value}{pad}{'`' * ticks}"


def _quote_lines(run: Run, r: Result, doc: DocumentSummary | None) -> list[str]:
    text = run.texts.get(r.document)
    located = locatable(run, r, doc)
    out = []
    for e in r.evidence:
        if text is not None and 0 <= e.start < e.end <= len(text):
            cs, ce, cut_before, cut_after = context(text, e.start, e.end)
            quote = ("... " if cut_before else "") + escape(text[cs:e.start], edges=True) \
                + f"<b>{escape(text[e.start:e.end])}</b>" + escape(text[e.end:ce], edges=True) \
                + (" ..." if cut_after else "")
        else:
            quote = f"<b>{escape(e.quote)}</b>"
        where = [e.section if e.section.startswith("row ") else f"section {e.section}" if e.section
                 else "before the first section"]
        if getattr(e, "row", None) is not None and not e.section.startswith("row "):
            where.append(f"row {e.row}")
        if located is not None:
            where.append(f"line {region(located, e.start, e.end)['startLine']}")
        if e.role:
            where.append(e.role)
        out += [f"> {quote}", f"> <sub>{escape(', '.join(where))}</sub>", ""]
    return out


def _finding(run: Run, r: Result, doc: DocumentSummary | None) -> str:
    status = "waived (reviewed)" if r.status == "waived" else "new"
    icon = _ICON.get(r.severity, ":grey_question:") if r.status == "new" else ":white_check_mark:"
    lines = [f"#### {icon} {r.code} {escape(r.rule)} ({r.severity}, {status})", "", escape(r.message), ""]
    if r.status == "waived":
        lines += [f"*{escape(review_note(r))}*", ""]
    if r.arithmetic:
        lines += [f"arithmetic: {code_span(r.arithmetic)}", ""]
    lines += _quote_lines(run, r, doc)
    lines += [f"<sub>see {code_span('check-report --explain ' + r.code)}</sub>", ""]
    return "\n".join(lines)


def _summary(run: Run, fail_on: str) -> str:
    s = run.summary()
    lines = [
        ("| documents | figures | unparsed numbers | checks run | passed | failed | errors | warnings | infos "
         "| waived |"),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        (f"| {s['documents']} | {s['figures']} | {s['unparsed_numbers']} | {s['results']} | {s['passed']} "
         f"| {s['failed']} | {s['error']} | {s['warning']} | {s['info']} | {s['waived']} |"),
        "",
    ]
    state = review_state(run)
    lines += [escape(line) for line in state["lines"]] + ([""] if state["lines"] else [])
    if state["stale"]:
        lines += [f"**Stale baseline entries ({len(state['stale'])})**: they match no failing result; delete them "
                  "from the baseline.", ""]
        lines += [f"- `{e['fingerprint']}` {escape(e.get('message') or '')}" for e in state["stale"]] + [""]
    if s["by_check"]:
        lines += ["| check | name | passed | failed |", "|---|---|---:|---:|"]
        for code, c in s["by_check"].items():
            name = (run.checks.get(code) or {}).get("name") or next(
                (r.rule for r in run.results if r.code == code), "")
            lines.append(f"| {code} | {escape(name)} | {c['passed']} | {c['failed']} |")
        lines.append("")
    return "\n".join(lines)


def _document_head(d: DocumentSummary) -> str:
    facts = [d.format, f"year {d.year}" if d.year is not None else "year unknown"]
    if d.country:
        facts.append(f"country {d.country}")
    facts += [plural(d.figures, "figure"), plural(d.unparsed_numbers, "unparsed number")]
    return f"### {escape(display_path(d.path))}\n\n{escape(', '.join(facts))}\n"


def _size(parts: list[str]) -> int:
    return len("\n".join(parts).encode("utf-8"))


def _within(items: list[tuple[str, str]], budget: int, used: int, overhead: int) -> tuple[list, int]:
    """The leading (document id, markdown) blocks that fit in `budget` bytes with `used` spent,
    each costing its UTF-8 size plus `overhead`; and the bytes spent then."""
    kept = []
    for item in items:
        cost = len(item[1].encode("utf-8")) + overhead
        if used + cost > budget:
            break
        kept.append(item)
        used += cost
    return kept, used


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """The review as Markdown under GitHub's comment limit (color does not apply)."""
    head = [f"## reportcheck: {escape(exit_line(run, fail_on))}", "", _summary(run, fail_on)]
    docs = documents_by_id(run)
    by_doc: dict[str, list[Result]] = {}
    for r in run.results:
        by_doc.setdefault(r.document, []).append(r)
    order = [d.id for d in run.documents] + [k for k in by_doc if k not in docs]

    # blocks in order of importance: findings (new, by severity; then waived), then passes
    findings: list[tuple[str, str]] = []  # (document id, markdown)
    passes: list[tuple[str, str]] = []
    for doc_id in order:
        results = by_doc.get(doc_id, [])
        new = [r for r in results if r.failed and r.status == "new"]
        new.sort(key=lambda r: SEVERITIES.index(r.severity) if r.severity in SEVERITIES else len(SEVERITIES))
        doc = docs.get(doc_id)
        findings += [(doc_id, _finding(run, r, doc)) for r in new]
        findings += [(doc_id, _finding(run, r, doc)) for r in results if r.failed and r.status != "new"]
        passes += [(doc_id, f"- {r.code} {escape(r.rule)}: {escape(r.message)}") for r in results if not r.failed]

    budget = LIMIT - MARGIN - _size(head)
    kept_findings, used = _within(findings, budget, 0, 64)
    kept_passes = []
    if len(kept_findings) == len(findings):
        kept_passes, used = _within(passes, budget, used, 1)

    out = list(head)
    for doc_id in order:
        d = docs.get(doc_id)
        out.append(_document_head(d) if d else f"### {escape(doc_id)}\n")
        mine = [m for k, m in kept_findings if k == doc_id]
        total = sum(k == doc_id for k, _ in findings)
        if not total:
            out += ["No failing results.", ""]
        out += mine
        if len(mine) < total:
            out += [(f"*{total - len(mine)} more findings left out to stay under GitHub's comment limit; "
                     "see the full report (`--format text`, `json` or `html`).*"), ""]
        passed = [m for k, m in kept_passes if k == doc_id]
        passed_total = sum(k == doc_id for k, _ in passes)
        if passed_total:
            out += ["<details>", f"<summary>Checks that passed ({passed_total})</summary>", ""]
            out += passed
            if len(passed) < passed_total:
                out.append(f"- *{passed_total - len(passed)} more passed checks left out to stay under "
                           "GitHub's comment limit; see the full report.*")
            out += ["", "</details>", ""]
    return "\n".join(out).rstrip("\n") + "\n"
