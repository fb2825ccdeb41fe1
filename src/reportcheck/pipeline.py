"""The whole path for a set of inputs: read -> extract -> link -> check -> report data.

Each stage is a pure function of its inputs (`check_document` of one Document), so documents
can be processed independently, on any engine.
"""
from __future__ import annotations

from pathlib import Path

from .config import load_rules
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

    ex = extract(doc, rules)
    figures = figures_frame(ex, rules, validate=validate)
    links = build_links(doc, ex, rules)
    # the table's records are the extraction's rows (row number = index): no round trip through pandas
    ctx = CheckContext(doc=doc, rows=ex.rows, links=links, rules=rules)
    results = run_checks(ctx)
    parsed = int((figures["parse_status"] == "parsed").sum())
    summary = DocumentSummary(
        id=doc.id, path=doc.path, format=doc.format, year=doc.year, year_source=doc.year_source,
        country=doc.country, characters=len(doc.text), figures=parsed,
        unparsed_numbers=int(len(figures) - parsed), numbers_in_dates=ex.numbers_in_dates,
        numbers_in_names=ex.numbers_in_names,
    )
    return figures, results, summary


def run(paths: list[str], *, year: int | None = None, rule_files: list[str] = (), validate: bool = False) -> Run:
    """Check every path (files, or directories of .txt/.html reports) and return the Run.

    `validate`: check each figures table against the pandera schema (for tables that leave
    the tool: --figures-out).

    Raises reportcheck.errors.InputError for bad input (the CLI turns it into exit 2).
    """
    import pandas as pd

    from .checks import enabled_checks
    from .read import read_document

    rules = load_rules(list(rule_files))
    files = expand_paths(list(paths))
    docs = [read_document(f, year=year) for f in files]  # read all first: bad input fails before any work
    frames, results, summaries = [], [], []
    for doc in docs:
        f, r, s = check_document(doc, rules, validate=validate)
        frames.append(f)
        results.extend(r)
        summaries.append(s)
    figures = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    checks = {c.code: {"name": c.name, "summary": c.summary} for c in enabled_checks(rules)}
    return Run(documents=summaries, figures=figures, results=results, rules=rules, checks=checks)


__all__ = ["run", "check_document", "expand_paths", "Result"]
