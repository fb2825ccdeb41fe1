"""The review as GitHub-flavoured Markdown (`--format markdown`): a pull-request comment or a
job summary ($GITHUB_STEP_SUMMARY).

A heading with what the exit status means; a summary table and a per-check table; per
document its failing results as sections (code, rule, severity, status; the message; the
arithmetic in a code span; each quote as a blockquote, within its sentence when the Run holds
the text, the figure in bold, with its section and line, or a PDF's page); waived results and
passing checks in collapsed <details>. Text from the report is escaped (Markdown punctuation,
HTML, and "@" so that a handle in a report mentions nobody).

The whole stays under GitHub's 65,536-character comment limit, whatever the corpus: every
part is counted (headings, summary, document headers, findings, notes, the newlines between
them), in UTF-8 bytes, which are never fewer than the characters GitHub counts. What is cut
first: the passing checks, then the last findings, then the documents that would show
nothing else (header and "no failing results"), each time with a note saying how many were
left out and where the full report is; a final guard cuts at a line, should the summary
itself be too long.
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
    page_words,
    region,
    review_note,
    review_state,
)
from .text import exit_line, plural

LIMIT = 65_536
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
        if e.page is not None:
            where.append(page_words(e))
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


def _summary(run: Run, fail_on: str, stale_budget: int = LIMIT // 4) -> str:
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
        lines += _stale_lines(state["stale"], stale_budget) + [""]
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


def _size(text: str) -> int:
    """What `text` costs as one line of the output: its UTF-8 bytes and the newline after it."""
    return len(text.encode("utf-8")) + 1


def _findings_note(n: int) -> str:
    return (f"*{n} more findings left out to stay under GitHub's comment limit; "
            "see the full report (`--format text`, `json` or `html`).*")


def _passes_note(n: int) -> str:
    return f"- *{n} more passed checks left out to stay under GitHub's comment limit; see the full report.*"


def _passes_block(total: int, kept: list[str]) -> list[str]:
    lines = ["<details>", f"<summary>Checks that passed ({total})</summary>", "", *kept]
    if len(kept) < total:
        lines.append(_passes_note(total - len(kept)))
    return [*lines, "", "</details>", ""]


def _documents_note(n: int, findings: int) -> str:
    return (f"*{n} more documents, with {findings} findings, left out to stay under GitHub's comment limit; "
            "see the full report (`--format text`, `json` or `html`).*")


_BIG = 10**9  # notes are reserved at the size they have with the largest count
# what a shown document may add beyond its header and kept blocks: its notes, the passes' wrapper
DOC_ROOM = _size(_findings_note(_BIG)) + 1 + _size("No failing results.") + sum(
    _size(line) for line in _passes_block(_BIG, []))
END_ROOM = _size(_documents_note(_BIG, _BIG)) + 64


def _stale_lines(stale: list[dict], budget: int) -> list[str]:
    """The stale entries as a list, cut to `budget` bytes (a baseline may hold thousands)."""
    lines, used = [], 0
    for i, e in enumerate(stale):
        line = f"- `{e['fingerprint']}` {escape(e.get('message') or '')}"
        if used + _size(line) > budget:
            lines.append(f"- *{len(stale) - i} more stale entries left out; see the full report.*")
            break
        lines.append(line)
        used += _size(line)
    return lines


def _bounded(lines: list[str], limit: int) -> list[str]:
    """The last guard of the limit: the leading lines that fit, a note, and any <details> closed."""
    note = "*The review was cut here to stay under GitHub's comment limit; see the full report.*"
    budget = limit - _size(note) - 2 * _size("</details>") - 1
    kept, used = [], 0
    for line in lines:
        if used + _size(line) > budget:
            break
        kept.append(line)
        used += _size(line)
    if len(kept) == len(lines):
        return lines
    if sum(x == "<details>" for x in kept) > sum(x == "</details>" for x in kept):
        kept += ["", "</details>"]
    return [*kept, "", note]


def render(run: Run, *, color: bool = False, fail_on: str = "error", limit: int = LIMIT) -> str:
    """The review as Markdown of at most `limit` UTF-8 bytes, hence characters (GitHub's comment
    limit; color does not apply)."""
    head = [f"## reportcheck: {escape(exit_line(run, fail_on))}", "",
            *_summary(run, fail_on, stale_budget=limit // 4).split("\n")]
    docs = documents_by_id(run)
    by_doc: dict[str, list[Result]] = {}
    for r in run.results:
        by_doc.setdefault(r.document, []).append(r)
    order = [d.id for d in run.documents] + [k for k in by_doc if k not in docs]

    heads: dict[str, str] = {}
    findings: dict[str, list[str]] = {}
    passes: dict[str, list[str]] = {}
    for doc_id in order:
        results = by_doc.get(doc_id, [])
        new = [r for r in results if r.failed and r.status == "new"]
        new.sort(key=lambda r: SEVERITIES.index(r.severity) if r.severity in SEVERITIES else len(SEVERITIES))
        doc = docs.get(doc_id)
        heads[doc_id] = _document_head(doc) if doc else f"### {escape(doc_id)}\n"
        findings[doc_id] = [_finding(run, r, doc) for r in new]
        findings[doc_id] += [_finding(run, r, doc) for r in results if r.failed and r.status != "new"]
        passes[doc_id] = [f"- {r.code} {escape(r.rule)}: {escape(r.message)}" for r in results
                          if not r.failed]

    # what is shown, in order of importance, each block paid for with its document's header
    # (and room for its notes) the first time that document shows anything
    used = sum(_size(line) for line in head) + END_ROOM
    shown: set[str] = set()
    kept_findings: dict[str, int] = dict.fromkeys(order, 0)
    kept_passes: dict[str, int] = dict.fromkeys(order, 0)

    def afford(doc_id: str, cost: int) -> bool:
        nonlocal used
        if doc_id not in shown:
            cost += _size(heads[doc_id]) + DOC_ROOM
        if used + cost > limit:
            return False
        used += cost
        shown.add(doc_id)
        return True

    cut = False
    for doc_id in order:  # findings: the first documents' first, new ones by severity
        for block in findings[doc_id]:
            if not afford(doc_id, _size(block)):
                cut = True
                break
            kept_findings[doc_id] += 1
        if cut:
            break
    if not cut:
        for doc_id in order:  # the documents without findings: their header says so
            if not findings[doc_id] and not afford(doc_id, 0):
                cut = True
                break
    if not cut:
        for doc_id in order:  # the passing checks, in the documents shown
            for line in passes[doc_id]:
                if doc_id not in shown or not afford(doc_id, _size(line)):
                    break
                kept_passes[doc_id] += 1

    out = list(head)
    for doc_id in order:
        if doc_id not in shown:
            continue
        out.append(heads[doc_id])
        mine, total = findings[doc_id][:kept_findings[doc_id]], len(findings[doc_id])
        if not total:
            out += ["No failing results.", ""]
        out += mine
        if len(mine) < total:
            out += [_findings_note(total - len(mine)), ""]
        if passes[doc_id]:
            out += _passes_block(len(passes[doc_id]), passes[doc_id][:kept_passes[doc_id]])
    if len(shown) < len(order):
        hidden = [k for k in order if k not in shown]
        out += [_documents_note(len(hidden), sum(len(findings[k]) for k in hidden)), ""]
    return "\n".join(_bounded(out, limit)).rstrip("\n") + "\n"
