"""A corpus written as it is checked: each document's review parts go out as the document
arrives (in order), and only counts stay in memory.

`Streamed` takes the pipeline's DocumentCheck and DocumentError events one at a time:
- the baseline of reviewed findings (--baseline) is applied to each document's results as
  they arrive, and its stale entries are known at the end;
- the results are counted (model.Tally): the summary and the exit status need nothing else;
- the writers that stream get the document: the JSON Lines review (a document line and its
  result lines appended to a temporary file), the HTML review as a directory (the document's
  page written now, a row of the index kept), the figures table as a directory of Parquet
  parts (one part per document). Each document's figures and text are then let go.
At the end, `finish` writes the summary line and the index page and returns a Run of counts
(no result, no figure, no text) for the exit status. The outputs stay in temporary places
until the command commits them all together (outputs.write_all): all or none.

`write_run` writes the same outputs from a whole Run, for a run that keeps everything in
memory anyway (a format or option that needs the whole run is given too).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import outputs
from .model import DocumentCheck, DocumentError, Run, Tally


@dataclasses.dataclass
class Streamed:
    """The streamed outputs of a run (each None when not asked for) and what is counted."""

    jsonl: outputs.LinesOutput | None = None
    pages: outputs.DirectoryOutput | None = None
    parts: outputs.DirectoryOutput | None = None
    baseline: object = None  # baseline.Baseline
    fail_on_stale: bool = False
    fail_on: str = "error"
    tally: Tally = dataclasses.field(default_factory=Tally)
    documents: list = dataclasses.field(default_factory=list)  # DocumentSummary, in order
    errors: list = dataclasses.field(default_factory=list)  # DocumentError
    rows: list = dataclasses.field(default_factory=list)  # the index's rows
    matched: set = dataclasses.field(default_factory=set)  # baseline fingerprints that waived a result
    waived: int = 0
    checks: dict = dataclasses.field(default_factory=dict)  # the checks that ran (for the pages' appendix)
    rules: dict = dataclasses.field(default_factory=dict)

    def add(self, check: DocumentCheck) -> DocumentCheck:
        """One document checked: its results reviewed, counted, written; its text let go. A
        report kept in the cache (pipeline.CachedCheck) keeps its rendered outputs there too,
        reused when rendered under the same context (its path, the options, what the baseline
        did); then its results are not even read (their counts are stored with them)."""
        doc_tally = getattr(check, "tally", None)
        reviewed = None
        if self.baseline is not None:
            from .baseline import apply_baseline

            one = apply_baseline(Run(documents=[check.summary], figures=None, results=check.results), self.baseline)
            results = one.results
            waived = {r.fingerprint for r in results if r.status == "waived"}
            self.matched |= waived
            self.waived += sum(r.status == "waived" for r in results)
            check = dataclasses.replace(check, results=results)
            reviewed, doc_tally = _review_digest(results), None
        if doc_tally is None:
            doc_tally = Tally()
            doc_tally.add(check.results)
        self.documents.append(check.summary)
        position = len(self.documents)
        _merge(self.tally, doc_tally)
        stored = getattr(check, "outputs", None)
        if self.jsonl is not None:
            from .report.jsonl import document_lines

            lines = _rendered(stored, "jsonl", (check.summary.path, reviewed),
                              lambda: document_lines(check.summary, check.results).encode("utf-8"))
            self.jsonl.write(lines.decode("utf-8"))
        if self.pages is not None:
            from .report._common import display_path
            from .report.html import index_row, page_name, render_page

            def page() -> bytes:
                one = Run(documents=[check.summary], figures=check.figures, results=check.results, rules=self.rules,
                          checks=self.checks, texts={check.summary.id: check.text})
                return render_page(one, fail_on=self.fail_on).encode("utf-8")

            # the page shows the path relative to the working directory
            context = (check.summary.path, display_path(check.summary.path), self.fail_on, sorted(self.checks),
                       reviewed)
            self.pages.write_bytes(page_name(position, check.summary.id), _rendered(stored, "page", context, page))
            self.rows.append(index_row(position, check.summary, doc_tally, self.fail_on))
        if self.parts is not None:
            write_part(self.parts, position, check, stored)
        check.release()
        return check

    def error(self, error: DocumentError) -> None:
        self.errors.append(error)

    def finish(self, rules: dict, checks: dict) -> Run:
        """The run's counts as a Run (for the exit status), the summary line and the index written."""
        run = Run(documents=self.documents, figures=None, results=[], rules=rules, checks=checks,
                  tally=self.tally, errors=list(self.errors), baseline=self._baseline_state())
        if self.jsonl is not None:
            from .report.jsonl import tail_lines

            self.jsonl.write(tail_lines(run))
        if self.pages is not None:
            from .report.html import render_index

            self.pages.write_text("index.html", render_index(run, self.rows, fail_on=self.fail_on))
        return run

    def _baseline_state(self) -> dict | None:
        """What apply_baseline says of a whole run, from what each document matched."""
        b = self.baseline
        if b is None:
            return None
        checked = {d.id for d in self.documents}
        unmatched = [e for e in b.entries if e.fingerprint not in self.matched]
        ignored = [e for e in unmatched if e.document and e.document not in checked]
        stale = [e for e in unmatched if not (e.document and e.document not in checked)]
        return {"path": b.path, "entries": len(b.entries), "waived": self.waived, "ignored": len(ignored),
                "stale": [{"fingerprint": e.fingerprint, "code": e.code, "document": e.document,
                           "message": e.message, "source": b.source(e)} for e in stale],
                "fail_on_stale": self.fail_on_stale}

    def outputs(self) -> list:
        """(target, staged output) pairs for outputs.write_all."""
        return [(o.target, o) for o in (self.jsonl, self.pages, self.parts) if o is not None]

    def discard(self) -> None:
        for o in (self.jsonl, self.pages, self.parts):
            if o is not None:
                o.discard()


def _merge(total: Tally, one: Tally) -> None:
    for name in ("results", "passed", "failed", "waived", "error", "warning", "info"):
        setattr(total, name, getattr(total, name) + getattr(one, name))
    for code, counts in one.by_check.items():
        mine = total.by_check.setdefault(code, {"passed": 0, "failed": 0})
        mine["passed"] += counts["passed"]
        mine["failed"] += counts["failed"]


_SCHEMA = []


def write_part(parts: outputs.DirectoryOutput, position: int, check: DocumentCheck, stored=None) -> None:
    """A document's figures as one part of the partitioned table, with its provenance (where the
    report is, relative to the table's directory, and its text's hash). `stored`: the document's
    cache.Outputs (the part is reused from it, or stored in it)."""
    from .read.table import report_path_for_table

    name = f"part-{position:05d}.parquet"
    summary = check.summary
    table = Path(parts.target.name) / name

    def part() -> bytes:
        if not _SCHEMA:
            _SCHEMA.append(outputs.parquet_schema())
        hashes = {summary.id: check.text_sha256} if check.text_sha256 and not summary.table else {}
        texts = {} if hashes else {summary.id: check.text}
        figures = outputs.with_provenance(check.figures, [summary], texts, table, hashes=hashes)
        return outputs.parquet_part(figures, _SCHEMA[0])

    # the part's only words of the run are where the report is, relative to the table
    context = (report_path_for_table(summary.path, table),) if stored is not None else ()
    parts.write_bytes(name, _rendered(stored, "part", context, part))


def _rendered(stored, kind: str, context: tuple, render) -> bytes:
    """render()'s bytes, or the same bytes stored in the document's cache entry (`stored`, a
    cache.Outputs, or None) by a run under the same context; stored there when rendered."""
    if stored is None:
        return render()
    from .cache import context_digest

    digest = context_digest(kind, *context)
    data = stored.get(kind, digest)
    if data is None:
        data = render()
        stored.put(kind, digest, data)
    return data


def _review_digest(results) -> str:
    """What a baseline did to a document's results (each one's status and review), as a digest:
    part of the context of the outputs that show it."""
    from .cache import context_digest

    return context_digest(*[(r.fingerprint, r.status, r.review) for r in results])


def write_run(run: Run, *, jsonl=None, pages=None, parts=None, fail_on: str = "error") -> None:
    """The streamed outputs written from a whole Run (its results already reviewed)."""
    if jsonl is not None:
        from .report.jsonl import render

        jsonl.write(render(run))
    if pages is not None:
        from .report.html import render_pages

        for name, html in render_pages(run, fail_on=fail_on):
            pages.write_text(name, html)
    if parts is not None:
        figures = run.figures
        for position, d in enumerate(run.documents, 1):
            own = figures[figures["document"].astype(str) == d.id] if figures is not None and len(figures) \
                else figures
            write_part(parts, position, DocumentCheck(summary=d, results=[], load_figures=lambda f=own: f,
                                                      load_text=lambda i=d.id: run.texts.get(i, "")))


__all__ = ["Streamed", "write_part", "write_run"]
