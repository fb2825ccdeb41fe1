"""The whole path for a set of inputs: read -> extract -> link -> check -> report data.

Each stage is a pure function of its inputs (`check_document` of one Document), so documents
can be processed independently, on any engine.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .config import load_rules, merge_rule_file
from .model import Document, DocumentSummary, Result, Run
from .read.discover import discovered_rule_files, expand_paths, report_rule_file


def check_document(doc: Document, rules: dict, validate: bool = False):
    """One document through extract -> link -> check. Returns (figures DataFrame, results, summary)."""
    from .checks import CheckContext, run_checks
    from .extract.figures import extract, figures_frame
    from .link import build_links
    from .link.declared import declare

    ex = extract(doc, rules)
    figures = figures_frame(ex, rules, validate=validate)
    links = build_links(doc, ex, rules)
    # the report-specific rules (`rules:` of the rule files): quotes found, relations applied
    links, declared = declare(doc, ex, links, rules)
    # the table's records are the extraction's rows (row number = index): no round trip through pandas
    ctx = CheckContext(doc=doc, rows=ex.rows, links=links, rules=rules, declared=declared)
    results = run_checks(ctx)
    parsed = int((figures["parse_status"] == "parsed").sum())
    summary = DocumentSummary(
        id=doc.id, path=doc.path, format=doc.format, year=doc.year, year_source=doc.year_source,
        country=doc.country, characters=len(doc.text), figures=parsed,
        unparsed_numbers=int(len(figures) - parsed), numbers_in_dates=ex.numbers_in_dates,
        numbers_in_names=ex.numbers_in_names, rule_files=list(rules.get("_sources") or ()),
    )
    return figures, results, summary


def check_table(td, rules: dict, validate: bool = False):
    """One document of a figures table (extract.table.TableDoc) through link -> check: with the
    report's text when it was found (the same links as on the report, on the table's rows),
    else from the rows alone. Its schema violations are results of their own (RC401); every
    evidence names its row. Returns (figures DataFrame, results, summary) as check_document."""
    import pandas as pd

    from .checks import CheckContext, run_checks
    from .extract.table import row_date
    from .link import build_links
    from .link.declared import declare
    from .link.table import incident_links, row_links
    from .schema import COLUMNS, coerce

    doc, ex, info = td.doc, td.ex, td.info
    for i, r in enumerate(ex.rows):
        r["_table_row"] = td.row_numbers[i]
    skipped: list[str] = []
    if td.mode == "text":
        links = build_links(doc, ex, rules)
        # a rule naming a row left out (it breaks the schema) is skipped, and said so
        links, declared = declare(doc, ex, links, rules, lenient=bool(info.excluded), skipped=skipped)
    else:
        links, own = incident_links(td, row_links(ex, rules), row_date)
        links, declared = declare(doc, ex, links, rules, lenient=True, skipped=skipped)
        declared = [*own, *declared]
    info.skipped_rules = skipped
    ctx = CheckContext(doc=doc, rows=ex.rows, links=links, rules=rules, declared=declared, table=td)
    results = run_checks(ctx, scope="table")
    results.extend(run_checks(ctx))
    locate = _RowLocator(td)
    results = [dataclasses.replace(r, evidence=[locate(e) for e in r.evidence]) for r in results]
    figures = coerce(pd.DataFrame(ex.rows, columns=list(COLUMNS)))
    figures.attrs["table_rows"] = list(td.row_numbers)  # each figure's row in the table read
    parsed = int((figures["parse_status"] == "parsed").sum()) if len(figures) else 0
    shown = {k: v for k, v in dataclasses.asdict(info).items() if k not in ("violations",)}
    shown["violations"] = len(info.violations)
    shown["edited"] = [{"row": td.row_numbers[e["index"]], "figure_id": e["figure_id"], "changes": e["changes"]}
                       for e in info.edited]
    summary = DocumentSummary(
        id=doc.id, path=info.path, format="table", year=doc.year,
        year_source=doc.year_source if doc.year else "unknown",
        country=doc.country, characters=len(doc.text), figures=parsed, unparsed_numbers=int(len(figures) - parsed),
        rule_files=list(rules.get("_sources") or ()), table=shown,
    )
    return figures, results, summary


class _RowLocator:
    """Evidence of a table's document with the table row it comes from."""

    def __init__(self, td):
        rows = td.ex.rows
        self.by_id = {r["figure_id"]: td.row_numbers[i] for i, r in enumerate(rows)}
        self.by_date = {r["date_start"]: td.row_numbers[i] for i, r in enumerate(rows) if r["date_start"] >= 0}
        spans = sorted((r["sentence_start"], r["sentence_end"], td.row_numbers[i]) for i, r in enumerate(rows))
        self.starts = [a for a, _, _ in spans]
        self.rows = [n for _, _, n in spans]
        # the furthest end so far: the first sentence (in start order) that holds an offset is the
        # first whose end passes it, a bisect instead of a scan over every sentence per evidence
        self.reach, furthest = [], -1
        for a, b, _ in spans:
            furthest = max(furthest, b, a + 1)
            self.reach.append(furthest)

    def __call__(self, e):
        from bisect import bisect_right

        if e.row is not None:
            return e
        row = self.by_id.get(e.figure_id) or self.by_date.get(e.start)
        if row is None:
            k = bisect_right(self.reach, e.start)
            row = self.rows[k] if k < bisect_right(self.starts, e.start) else None
        return dataclasses.replace(e, row=row) if row is not None else e


def _check_item(item):
    """check_document for a report, check_table for a table's document."""
    target, rules, validate = item
    if isinstance(target, Document):
        return check_document(target, rules, validate)
    return check_table(target, rules, validate)


def _check_all(docs: list[Document], doc_rules: list[dict], validate: bool, jobs: int):
    """check_document over every document, in order: in this process, or over `jobs` worker
    processes (0: one per core) when there are several documents; never more workers than
    documents. Documents are independent, so any engine that maps a function over them will
    do; this one is the standard library's."""
    import os

    work = [(doc, own, validate) for doc, own in zip(docs, doc_rules, strict=True)]
    try:
        cores = len(os.sched_getaffinity(0)) or 1  # the cores this process may use (a container's share)
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    workers = min(jobs or cores, len(work))
    if workers <= 1:
        return map(_check_item, work)
    import multiprocessing
    import signal
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers inherit the imported modules and compiled patterns instead of paying for them again
    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    # Ctrl-C reaches the whole process group: the workers ignore it and the command says "interrupted" once
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=signal.signal,
                               initargs=(signal.SIGINT, signal.SIG_IGN))
    mask = getattr(signal, "pthread_sigmask", None)
    try:
        # Ctrl-C held back while the workers are forked (an interrupt inside fork's handlers is lost);
        # one document at a time, so that Ctrl-C waits for the documents under way only
        held = mask(signal.SIG_BLOCK, {signal.SIGINT}) if mask else None
        try:
            results = pool.map(_check_item, work)
        finally:
            if mask:
                mask(signal.SIG_SETMASK, held)
        return list(results)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # interrupted: the documents not started are dropped


def run(paths: list[str], *, year: int | None = None, rule_files: list[str] = (), validate: bool = False,
        report_rules: bool = False, report_rule_files: dict | None = None, jobs: int = 1) -> Run:
    """Check every path (files, or directories of .txt/.html reports) and return the Run.

    `rule_files` are merged over the defaults for every report; then each report's own rule
    file: the one `report_rule_files` gives for its path, else, with `report_rules`, the one
    found by its name (report_rule_file; the command does so unless --no-report-rules, a
    caller of this function asks for it). `validate`: check each figures table against the
    pandera schema (for tables that leave the tool: --figures-out). `jobs`: worker processes
    for several documents (1: none, 0: one per core).

    Raises reportcheck.errors.InputError for bad input (the CLI turns it into exit 2).
    """
    import pandas as pd

    from .checks import enabled_checks
    from .extract.table import read_table
    from .read import read_document
    from .read.table import is_table

    rules = load_rules(list(rule_files))
    files = expand_paths(list(paths))
    given = {Path(k): v for k, v in (report_rule_files or {}).items()}
    given_too = {Path(r).resolve() for r in rule_files}

    def merged(base: dict, own) -> dict:
        if own is None or Path(own).resolve() in given_too:
            return base  # none, or named with --rules as well: merged once
        return merge_rule_file(base, own)

    # read all first: bad input (a report, a table, or their rule files) fails before any work
    docs, doc_rules = [], []
    for f in files:
        own_rules = merged(rules, given.get(f) or (report_rule_file(f) if report_rules else None))
        if not is_table(f):
            docs.append(read_document(f, year=year))
            doc_rules.append(own_rules)
            continue
        for td in read_table(f, own_rules, year=year):
            docs.append(td)
            # the rule file of the report the table was extracted from, as when it is checked
            report_own = None
            if report_rules and td.info.shape == "figures":
                # found: the report's own; else the one named by the document id (DIR/checks/ID.yml)
                report_own = (_bundled_rules(td.report_path) or report_rule_file(td.report_path) if td.report_path
                              else report_rule_file(Path(f).parent / f"{td.doc.id}.txt"))
            if report_own is not None and Path(report_own).resolve() in {Path(x).resolve() for x in
                                                                        own_rules.get("_sources") or ()}:
                report_own = None
            doc_rules.append(merged(own_rules, report_own))
    frames, results, summaries = [], [], []
    for f, r, s in _check_all(docs, doc_rules, validate, jobs):
        frames.append(f)
        results.extend(r)
        summaries.append(s)
    figures = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if any("table_rows" in f.attrs for f in frames):
        # for each figure, the row of the table it was read from (None: from a report), for --expectations
        figures.attrs["table_rows"] = [n for f in frames for n in (f.attrs.get("table_rows") or [None] * len(f))]
    ran = [c for own_rules in (doc_rules or [rules]) for c in enabled_checks(own_rules)]
    for target, own_rules in zip(docs, doc_rules, strict=True):
        if not isinstance(target, Document):  # a table: its own checks too
            ran += enabled_checks(own_rules, "table")
    read = [d if isinstance(d, Document) else d.doc for d in docs]
    return Run(documents=summaries, figures=figures, results=results, rules=rules, checks=_checks_info(ran),
               texts={d.id: d.text for d in read})


def _checks_info(checks) -> dict:
    """The checks that ran, by code: name, summary and documentation (for the reports)."""
    return {c.code: {"name": c.name, "summary": c.summary, "doc": c.doc} for c in sorted(checks, key=lambda c: c.code)}


def run_frame(frame, *, name: str = "table", rule_files: list[str] = (), year: int | None = None) -> Run:
    """Check a figures table held in memory (a pandas DataFrame: a figures table, or a user table
    with a `columns:` mapping in `rule_files`), as `check-report TABLE` checks a file. `name`
    stands for its file name. Raises InputError for a table that cannot be read."""
    import pandas as pd

    from .checks import enabled_checks
    from .extract.table import read_frame

    rules = load_rules(list(rule_files))
    tables = read_frame(frame, rules, name=name, year=year)
    frames, results, summaries = [], [], []
    for td in tables:
        own = (_bundled_rules(td.report_path) or report_rule_file(td.report_path)) if td.report_path else None
        f, r, s = check_table(td, merge_rule_file(rules, own) if own is not None else rules)
        frames.append(f)
        results.extend(r)
        summaries.append(s)
    return Run(documents=summaries, figures=pd.concat(frames, ignore_index=True), results=results, rules=rules,
               checks=_checks_info([*enabled_checks(rules), *enabled_checks(rules, "table")]),
               texts={td.doc.id: td.doc.text for td in tables})


def _bundled_rules(report_path) -> str | None:
    """The rule file shipped with the bundled sample, for a table extracted from it."""
    from importlib import resources

    try:
        samples = resources.files("reportcheck.samples")
        sample = Path(str(samples.joinpath("mali-2020.txt")))
        if Path(report_path).resolve() == sample.resolve():
            own = Path(str(samples.joinpath("mali-2020.yml")))
            return str(own) if own.is_file() else None
    except (OSError, TypeError, ValueError):
        return None
    return None


__all__ = ["Result", "check_document", "check_table", "discovered_rule_files", "expand_paths", "report_rule_file",
           "run", "run_frame"]
