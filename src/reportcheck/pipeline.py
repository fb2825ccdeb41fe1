"""The whole path for a set of inputs: read -> extract -> link -> check -> report data.

Each stage is a pure function of its inputs (`check_document` of one Document), so documents
can be processed independently, on any engine.
"""
from __future__ import annotations

from pathlib import Path

from .config import load_rules, merge_rule_file
from .errors import InputError
from .model import Document, DocumentSummary, Result, Run


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; directories expanded to the reports they hold (sorted, recursive)."""
    from .read.decode import HTML_SUFFIXES, TEXT_SUFFIXES

    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES)
            if not found:
                raise InputError(f"{path}: directory holds no .txt or .html report")
            out.extend(found)
        else:
            out.append(path)
    return out


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


REPORT_RULES_DIR = "checks"


def report_rule_file(path: str | Path) -> Path | None:
    """The rule file of one report, found by its name: for DIR/STEM.txt (or .html),
    DIR/checks/STEM.yml, else ./checks/STEM.yml in the working directory; None when neither is."""
    path = Path(path)
    name = f"{path.stem}.yml"
    for candidate in (path.parent / REPORT_RULES_DIR / name, Path(REPORT_RULES_DIR) / name):
        if candidate.is_file():
            return candidate
    return None


def discovered_rule_files(paths: list[str]) -> list[str]:
    """Every report's own rule file that discovery finds for `paths` (for refusing to
    overwrite one); paths that cannot be expanded are left to the run to report."""
    found = []
    for p in paths:
        try:
            files = expand_paths([p])
        except InputError:
            continue
        found.extend(str(f) for f in map(report_rule_file, files) if f is not None)
    return list(dict.fromkeys(found))


def _check_one(args):
    return check_document(*args)


def _check_all(docs: list[Document], doc_rules: list[dict], validate: bool, jobs: int):
    """check_document over every document, in order: in this process, or over `jobs` worker
    processes (0: one per core) when there are several documents. Documents are independent,
    so any engine that maps a function over them will do; this one is the standard library's."""
    import os

    work = [(doc, own, validate) for doc, own in zip(docs, doc_rules)]
    workers = min(jobs or os.cpu_count() or 1, len(work))
    if workers <= 1:
        return map(_check_one, work)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers inherit the imported modules and compiled patterns instead of paying for them again
    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        return list(pool.map(_check_one, work, chunksize=max(1, len(work) // (workers * 8))))


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
    from .read import read_document

    rules = load_rules(list(rule_files))
    files = expand_paths(list(paths))
    given = {Path(k): v for k, v in (report_rule_files or {}).items()}
    # read all first: bad input (a report, or a report's rule file) fails before any work
    docs = [read_document(f, year=year) for f in files]
    given_too = {Path(r).resolve() for r in rule_files}
    doc_rules = []
    for f in files:
        own = given.get(f) or (report_rule_file(f) if report_rules else None)
        if own is not None and Path(own).resolve() in given_too:
            own = None  # named with --rules as well: merged once
        doc_rules.append(merge_rule_file(rules, own) if own is not None else rules)
    frames, results, summaries = [], [], []
    for f, r, s in _check_all(docs, doc_rules, validate, jobs):
        frames.append(f)
        results.extend(r)
        summaries.append(s)
    figures = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    checks = {c.code: {"name": c.name, "summary": c.summary, "doc": c.doc}
              for own_rules in (doc_rules or [rules]) for c in enabled_checks(own_rules)}
    checks = dict(sorted(checks.items()))
    return Run(documents=summaries, figures=figures, results=results, rules=rules, checks=checks,
               texts={d.id: d.text for d in docs})


__all__ = ["Result", "check_document", "discovered_rule_files", "expand_paths", "report_rule_file", "run"]
