"""What several writers need: where an offset is (line, column), a quote's sentence, paths as
shown, the severity words of other tools.

Offsets are Python string indices into the document's text as read (Run.texts); lines and
columns are 1-based and count characters (code points). For a plain-text report the text is
the file's content with universal newlines, so lines and columns are the file's; for an HTML
report they are the extracted text's, which has no lines in the file: `locatable` says so.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

from ..model import DocumentSummary, Evidence, Result, Run

#: how much of a long sentence is shown on each side of the quoted figures
CONTEXT_CHARS = 300


@lru_cache(maxsize=16)
def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return tuple(starts)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of `offset` in `text`."""
    starts = _line_starts(text)
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1


def region(text: str, start: int, end: int) -> dict:
    """start/end offsets as 1-based lines and columns; endColumn is the column just after the
    last character (SARIF's convention); a span that ends a line ends at its length + 1."""
    start_line, start_col = line_col(text, start)
    end_line, end_col = line_col(text, max(start, end - 1))
    if end > start:
        end_col += 1
    return {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}


@lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    from ..extract.sentences import paragraphs, sentences

    out = []
    for a, b in paragraphs(text):
        out.extend(sentences(text, a, b))
    return tuple(out)


def context(text: str, start: int, end: int) -> tuple[int, int, bool, bool]:
    """The span of the sentence(s) that [start, end) lies in, cut to CONTEXT_CHARS on each side
    (at a space) when the sentence is long; and whether it was cut before and after."""
    spans = _sentences(text)
    starts = [s for s, _ in spans]
    cs, ce = start, end
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and spans[i][0] <= start < spans[i][1]:
        cs = spans[i][0]
    j = bisect.bisect_right(starts, max(start, end - 1)) - 1
    if j >= 0 and spans[j][0] <= end - 1 < spans[j][1]:
        ce = max(spans[j][1], end)
    cut_before = cut_after = False
    if start - cs > CONTEXT_CHARS:
        cut = text.find(" ", start - CONTEXT_CHARS, start)
        cs, cut_before = (cut + 1 if cut >= 0 else start - CONTEXT_CHARS), True
    if ce - end > CONTEXT_CHARS:
        cut = text.rfind(" ", end, end + CONTEXT_CHARS)
        ce, cut_after = (cut if cut >= 0 else end + CONTEXT_CHARS), True
    return cs, ce, cut_before, cut_after


def display_path(path: str) -> str:
    """`path` relative to the working directory when it is inside it, with forward slashes;
    else as given."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):  # outside the working directory, or no working directory
        return p.as_posix()
    return rel.as_posix()


def documents_by_id(run: Run) -> dict[str, DocumentSummary]:
    return {d.id: d for d in run.documents}


def locatable(run: Run, result: Result, doc: DocumentSummary | None) -> str | None:
    """The text the result's offsets refer to, when its lines and columns are the file's
    (a plain-text report whose text the Run holds); None otherwise. `doc`: the result's
    document, which the caller has looked up once (documents_by_id)."""
    text = run.texts.get(result.document)
    if doc is None or text is None or doc.format != "text":
        return None
    return text


def page_words(evidence: Evidence) -> str:
    """"page 3" for evidence printed on a PDF's page; "" when the format has no pages, so that
    the review of any other report reads as before."""
    return f"page {evidence.page}" if evidence.page is not None else ""


def review_note(result: Result) -> str:
    """Why a waived result was waived, from its review (the baseline entry): "reviewed: REASON
    (REVIEWER, DATE; SOURCE)", as much of it as is known."""
    review = result.review or {}
    reason = str(review.get("reason") or "").strip()
    who = ", ".join(str(review[k]) for k in ("reviewer", "date") if review.get(k))
    source = str(review.get("source") or "")
    extra = "; ".join(p for p in (who, source) if p)
    note = "reviewed" + (f": {reason}" if reason else "")
    return note + (f" ({extra})" if extra else "")


def check_doc(run: Run, code: str) -> str:
    """A check's documentation: the run's, else (a Run built without it) the registry's, else ""."""
    doc = (run.checks.get(code) or {}).get("doc")
    if doc is None:
        from ..checks import get_check

        check = get_check(code)
        doc = check.doc if check else ""
    return doc


def check_severity(run: Run, code: str) -> str:
    """The most severe severity a check is configured with (its `severity*` keys), else that of
    its results, else "warning"."""
    conf = ((run.rules or {}).get("checks") or {}).get(code) or {}
    found = {v for k, v in conf.items() if k.startswith("severity") and isinstance(v, str)}
    found |= {r.severity for r in run.results if r.code == code}
    for s in ("error", "warning", "info"):
        if s in found:
            return s
    return "warning"


def review_state(run: Run) -> dict:
    """What --baseline and --compare-to add to a review, as plain sentences and the stale
    entries, so that every format says the same (text, markdown, html)."""
    lines, stale = [], []
    if run.baseline is not None:
        b = run.baseline
        ignored = f", {b['ignored']} about documents not checked" if b.get("ignored") else ""
        lines.append(f"Baseline {b['path']}: {b['entries']} entries, {b['waived']} findings reviewed, "
                     f"{len(b['stale'])} stale{ignored}.")
        stale = list(b.get("stale") or [])
    if run.comparison is not None:
        c = run.comparison
        lines.append(f"Compared with {c['previous']}: {c['changed']} figures changed, {c['added']} added, "
                     f"{c['removed']} removed, {c['unchanged']} unchanged ({c['figures_before']} before, "
                     f"{c['figures_after']} now).")
    return {"lines": lines, "stale": stale}
