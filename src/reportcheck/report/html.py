"""The review as one self-contained HTML page (`--format html`): open it in any browser.

Inline CSS and a little plain JavaScript, no network, no external assets. In order: the
summary (documents, figures, checks run / passed / failed by severity, unparsed numbers, a
table per check); the findings, per document, each with its rule code (linked to the check's
documentation in the appendix), severity, review status (new / waived), message, arithmetic
and the quotes side by side, each within its sentence with the figure highlighted (<mark>),
its section (and a PDF's page) and a link to its place in the full text; filters by
severity, status and rule; the checks that passed (collapsed); a sortable table of the
figures (with a page column when a PDF is among the documents); each document's full text
(collapsed, with an anchor per quoted span); the documentation of every check (id=RC101 ...).

Everything from the report or the run is escaped (jinja2 autoescape, markupsafe for the
pieces built here). The page is usable without JavaScript (filters and sorting need it).
jinja2 is imported when a page is rendered, not when reportcheck starts.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from ..gate import SEVERITIES, exit_code
from ..model import Evidence, Result, Run
from ..version import __version__
from ._common import check_doc, context, display_path, documents_by_id, review_note, review_state
from .json import identified
from .text import exit_line

TEMPLATE = "templates/report.html.j2"
INDEX_TEMPLATE = "templates/index.html.j2"

#: figures-table columns shown (those the Run's table has), with their headings
FIGURE_COLUMNS = {
    "document": "Document", "section": "Section", "page": "Page", "quote": "Figure", "value": "Value", "low": "Low",
    "high": "High", "qualifier": "Qualifier", "kind": "Kind", "measure": "Measure", "who": "Who",
    "place": "Place", "date_text": "Date", "parse_status": "Parsed",
}
NUMERIC = {"value", "low", "high"}
_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


@lru_cache(maxsize=2)
def _template(name: str = TEMPLATE):
    import jinja2

    source = resources.files("reportcheck.report").joinpath(name).read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["plural"] = lambda n, word, many=None: f"{n} {word if n == 1 else (many or word + 's')}"
    return env.from_string(source)


def _escape(value):
    from markupsafe import escape

    return escape(value)


def _markup(value: str):
    from markupsafe import Markup

    return Markup(value)


# --- pieces ---------------------------------------------------------------------------------


def anchor(doc_index: int, start: int, end: int) -> str:
    """The id of a quoted span in the full text of the document at `doc_index`."""
    return f"t{doc_index}-{start}-{end}"


def _segments(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[dict]:
    """text[start:end] cut at the spans' ends; each piece marked when a span covers it."""
    cuts = sorted({start, end} | {p for a, b in spans for p in (a, b) if start < p < end})
    out = []
    for a, b in pairwise(cuts):
        covered = any(s <= a and b <= e for s, e in spans)
        out.append({"text": text[a:b], "mark": covered})
    return out


def _quote_groups(result: Result, text: str | None, doc_index: int | None) -> list[dict]:
    """The result's evidence grouped by the sentence each lies in: one box per sentence, with
    every quoted figure of it highlighted and a link per quote to the full text."""
    def link(e: Evidence) -> dict:
        ok = text is not None and doc_index is not None and 0 <= e.start < e.end <= len(text)
        return {"quote": e.quote, "role": e.role, "section": e.section,
                "href": "#" + anchor(doc_index, e.start, e.end) if ok else ""}

    usable = [e for e in result.evidence if text is not None and 0 <= e.start < e.end <= len(text)]
    groups: list[dict] = []
    if usable:
        spans = sorted(((context(text, e.start, e.end), e) for e in usable), key=lambda x: (x[0][0], x[1].start))
        for (cs, ce, cut_before, cut_after), e in spans:
            last = groups[-1] if groups else None
            if last and cs < last["end"]:  # the same sentence (or overlapping context): one box
                last["end"] = max(last["end"], ce)
                last["cut_after"] = cut_after if ce >= last["end"] else last["cut_after"]
                last["evidence"].append(e)
            else:
                groups.append({"start": cs, "end": ce, "cut_before": cut_before, "cut_after": cut_after,
                               "evidence": [e]})
        for g in groups:
            g["segments"] = _segments(text, g["start"], g["end"], [(e.start, e.end) for e in g["evidence"]])
    for e in result.evidence:  # without the text: the quote alone
        if e not in usable:
            groups.append({"cut_before": False, "cut_after": False, "evidence": [e],
                           "segments": [{"text": e.quote, "mark": True}]})
    for g in groups:
        g["links"] = [link(e) for e in g["evidence"]]
        sections = list(dict.fromkeys(e.section for e in g["evidence"]))
        g["sections"] = ", ".join(s if s.startswith("row ") else f"section {s}" if s else "before the first section"
                                  for s in sections)
        rows = [str(e.row) for e in g["evidence"] if getattr(e, "row", None) is not None
                and not e.section.startswith("row ")]
        if rows:  # a table's rows
            g["sections"] += f" (row{'s' if len(set(rows)) > 1 else ''} {', '.join(dict.fromkeys(rows))})"
        pages = list(dict.fromkeys(str(e.page) for e in g["evidence"] if e.page is not None))
        if pages:  # a PDF's pages
            g["sections"] += f", page{'s' if len(pages) > 1 else ''} {', '.join(pages)}"
    return groups


def _full_text(text: str, doc_index: int, spans: list[tuple[int, int]]):
    """The document's text as HTML: quoted spans in <mark>, an empty anchor where each starts."""
    spans = sorted(set(spans))
    starts: dict[int, list[str]] = {}
    for a, b in spans:
        starts.setdefault(a, []).append(anchor(doc_index, a, b))
    parts = []
    for seg_start, seg in _positioned(_segments(text, 0, len(text), spans)):
        for ident in starts.get(seg_start, ()):
            parts.append(f'<span class="anchor" id="{ident}"></span>')
        parts.append(f"<mark>{_escape(seg['text'])}</mark>" if seg["mark"] else str(_escape(seg["text"])))
    return _markup("".join(parts))


def _positioned(segments: list[dict]):
    pos = 0
    for seg in segments:
        yield pos, seg
        pos += len(seg["text"])


_STRONG = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_CODE = re.compile(r"`([^`]+)`")


def doc_html(doc: str):
    """A check's documentation (paragraphs, **bold**, `code`, "- " lists) as simple HTML."""
    def inline(s: str) -> str:
        s = str(_escape(" ".join(s.split())))
        s = _CODE.sub(r"<code>\1</code>", s)
        return _STRONG.sub(r"<strong>\1</strong>", s)

    blocks = []
    for para in re.split(r"\n\s*\n", doc.strip()):
        lines = para.strip().splitlines()
        if lines and all(re.match(r"\s*[-*] ", ln) for ln in lines if ln.strip() and not ln.startswith("  ")):
            items, current = [], []
            for ln in lines:
                if re.match(r"\s*[-*] ", ln) and not ln.startswith("  "):
                    if current:
                        items.append(" ".join(current))
                    current = [re.sub(r"^\s*[-*] ", "", ln)]
                else:
                    current.append(ln)
            if current:
                items.append(" ".join(current))
            blocks.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
        elif para.strip():
            blocks.append(f"<p>{inline(para)}</p>")
    return _markup("\n".join(blocks))


def _number(value) -> tuple[str, str]:
    """(shown, sort key) of a number of the figures table."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return ("" if value is None else str(value)), ""
    if math.isnan(v):
        return "", ""
    if math.isinf(v):
        return ("\u221e" if v > 0 else "-\u221e"), ("Infinity" if v > 0 else "-Infinity")
    shown = str(int(v)) if v == int(v) and abs(v) < 1e15 else f"{v:g}"
    return shown, repr(v)


def _figures(run: Run) -> dict:
    table = run.figures
    if table is None or not hasattr(table, "columns") or not len(table):
        return {"columns": [], "rows": []}
    names = [c for c in FIGURE_COLUMNS if c in table.columns]
    if len(run.documents) <= 1 and "document" in names:
        names.remove("document")
    if "page" in names and not table["page"].fillna("").astype(str).str.strip().any():
        names.remove("page")  # no PDF among the documents: no column of blanks
    columns = [{"name": c, "label": FIGURE_COLUMNS[c], "numeric": c in NUMERIC} for c in names]
    rows = []
    for record in table[names].itertuples(index=False, name=None):
        cells = []
        for name, value in zip(names, record, strict=True):
            if name in NUMERIC:
                shown, key = _number(value)
            else:
                shown = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
                key = shown
            cells.append({"text": shown, "sort": key})
        rows.append(cells)
    return {"columns": columns, "rows": rows}


def _check_docs(run: Run, codes: list[str]) -> list[dict]:
    out = []
    for code in codes:
        info = run.checks.get(code) or {}
        doc = check_doc(run, code)
        name = info.get("name") or next((r.rule for r in run.results if r.code == code), "")
        out.append({"code": code, "name": name, "html": doc_html(doc) if doc else _markup("<p>(no documentation)</p>")})
    return out


# --- the page -------------------------------------------------------------------------------


def _view(run: Run, fail_on: str) -> dict:
    docs = documents_by_id(run)
    doc_index = {d.id: i for i, d in enumerate(run.documents)}
    summary = run.summary()
    by_doc: dict[str, list[tuple[str, Result]]] = {}
    for rid, r in identified(run):
        by_doc.setdefault(r.document, []).append((rid, r))
    order = [d.id for d in run.documents] + [k for k in by_doc if k not in docs]
    spans: dict[str, list[tuple[int, int]]] = {}

    groups = []
    for doc_id in order:
        results = by_doc.get(doc_id, [])
        text = run.texts.get(doc_id)
        index = doc_index.get(doc_id) if text is not None else None
        failing = [(rid, r) for rid, r in results if r.failed]
        failing.sort(key=lambda ir: (ir[1].status != "new",
                                     SEVERITIES.index(ir[1].severity) if ir[1].severity in SEVERITIES else 9))
        findings = []
        for rid, r in failing:
            if text is not None:
                spans.setdefault(doc_id, []).extend((e.start, e.end) for e in r.evidence
                                                    if 0 <= e.start < e.end <= len(text))
            findings.append({
                "anchor": "f-" + _SAFE_ID.sub("-", rid), "id": rid, "code": r.code, "rule": r.rule,
                "severity": r.severity, "status": r.status, "message": r.message, "arithmetic": r.arithmetic,
                "note": review_note(r) if r.status != "new" else "", "quotes": _quote_groups(r, text, index),
            })
        d = docs.get(doc_id)
        groups.append({
            "id": doc_id, "path": display_path(d.path) if d else doc_id, "findings": findings,
            "passed": [{"code": r.code, "rule": r.rule, "message": r.message} for _, r in results if not r.failed],
        })

    texts = []
    for i, d in enumerate(run.documents):
        text = run.texts.get(d.id)
        if text is not None:
            texts.append({"anchor": f"text-{i}", "path": display_path(d.path), "characters": len(text),
                          "html": _full_text(text, i, spans.get(d.id, []))})

    codes = sorted(set(run.checks) | {r.code for r in run.results})
    checks = _check_docs(run, codes)
    names = {c["code"]: c["name"] for c in checks}
    by_check = [{"code": code, "name": names.get(code, ""), **counts} for code, counts in summary["by_check"].items()]
    present = {f["severity"] for g in groups for f in g["findings"]}
    return {
        "title": "Review of " + (", ".join(display_path(d.path) for d in run.documents) or "no document"),
        "version": __version__,
        "exit_line": exit_line(run, fail_on),
        "failing": bool(exit_code(run, fail_on)),
        "summary": summary,
        "documents": [{"path": display_path(d.path), "format": d.format, "year": d.year,
                       "year_source": d.year_source, "country": d.country or "", "figures": d.figures,
                       "unparsed": d.unparsed_numbers, "rule_files": d.rule_files,
                       "text_anchor": f"text-{i}" if d.id in run.texts else ""}
                      for i, d in enumerate(run.documents)],
        "by_check": by_check,
        "review": review_state(run),
        "groups": groups,
        "findings_total": sum(len(g["findings"]) for g in groups),
        "passed_total": sum(len(g["passed"]) for g in groups),
        "severities": [s for s in SEVERITIES if s in present] + sorted(present - set(SEVERITIES)),
        "rules": [{"code": c, "name": names.get(c, "")} for c in
                  sorted({f["code"] for g in groups for f in g["findings"]})],
        "figures": _figures(run),
        "texts": texts,
        "checks": checks,
        "index_href": "",
    }


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """The review as one self-contained HTML page (color does not apply)."""
    return _template().render(**_view(run, fail_on))


# --- a corpus: an index page and a page per document (-o DIR/) ------------------------------------


def page_name(position: int, doc_id: str) -> str:
    """The file of the document at `position` (1-based, in the run's order) in the review's
    directory: documents/00001-mali-2020.html (the position keeps two documents of one id apart)."""
    return f"documents/{position:05d}-{_SAFE_ID.sub('-', doc_id)[:80]}.html"


def render_page(run: Run, *, fail_on: str = "error") -> str:
    """The review page of one document of a corpus (`run` holds that document only): the page
    `render` writes, with a link back to the index and the document's own status line."""
    view = _view(run, fail_on)
    view["index_href"] = "../index.html"
    failing = exit_code(run, fail_on)
    view["exit_line"] = ("this document: " + exit_line(run, fail_on).split(": ", 1)[1]) if fail_on != "never" \
        else "this document: --fail-on never"
    view["failing"] = bool(failing)
    return _template().render(**view)


def index_row(position: int, summary, tally, fail_on: str = "error") -> dict:
    """What the index shows of one document (model.DocumentSummary, model.Tally of its results)."""
    from ..gate import FAIL_ON

    path = display_path(summary.path)
    return {"path": path, "href": page_name(position, summary.id), "country": summary.country or "",
            "year": summary.year or "", "figures": summary.figures, "results": tally.results,
            "error": tally.error, "warning": tally.warning, "info": tally.info, "waived": tally.waived,
            "failing": bool(tally.new_failures(FAIL_ON[fail_on])),
            "search": " ".join(str(x) for x in (path, summary.country or "", summary.year or "")).lower()}


INDEX_COLUMNS = [("Document", False), ("Country", False), ("Year", True), ("Figures", True), ("Checks run", True),
                 ("Errors", True), ("Warnings", True), ("Infos", True), ("Waived", True)]


def render_index(run: Run, rows: list[dict], *, fail_on: str = "error") -> str:
    """The index page of a corpus's review: the run's summary and status line, a sortable and
    filterable table of the documents (index_row) linking their pages, the documents not checked.
    `run` may hold counts only (a streamed run)."""
    summary = run.summary()
    return _template(INDEX_TEMPLATE).render(
        title=f"Review of {summary['documents']} documents", version=__version__,
        exit_line=exit_line(run, fail_on), failing=bool(exit_code(run, fail_on)), summary=summary,
        review_lines=review_state(run)["lines"], documents=rows,
        columns=[{"label": label, "numeric": numeric} for label, numeric in INDEX_COLUMNS],
        errors=[{"path": e.path, "message": e.message} for e in run.errors])


def render_pages(run: Run, *, fail_on: str = "error"):
    """A whole Run as (file name, HTML): a page per document, then index.html."""
    from ..model import Tally

    by_doc: dict[str, list[Result]] = {}
    for r in run.results:
        by_doc.setdefault(r.document, []).append(r)
    rows = []
    for position, d in enumerate(run.documents, 1):
        results = by_doc.get(d.id, [])
        figures = run.figures
        if figures is not None and hasattr(figures, "columns") and "document" in figures.columns:
            figures = figures[figures["document"].astype(str) == d.id]
        one = Run(documents=[d], figures=figures, results=results, rules=run.rules, checks=run.checks,
                  texts={d.id: run.texts[d.id]} if d.id in run.texts else {})
        tally = Tally()
        tally.add(results)
        rows.append(index_row(position, d, tally, fail_on))
        yield page_name(position, d.id), render_page(one, fail_on=fail_on)
    yield "index.html", render_index(run, rows, fail_on=fail_on)
