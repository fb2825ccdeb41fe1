"""Finding what a run reads: the reports in a directory, each report's own rule file, and the
report a figures table was extracted from.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from . import read_document
from .decode import REPORT_SUFFIXES
from .table import text_hash


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given (reports, or figures tables: .csv, .json, .parquet, datapackage.json);
    directories expanded to the reports they hold (reports_in)."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = reports_in(path)
            if not found:
                raise InputError(f"{path}: directory holds no .txt, .html, .pdf or .docx report")
            out.extend(found)
        else:
            out.append(path)
    return out


def reports_in(folder: Path) -> list[Path]:
    """The .txt, .html, .pdf and .docx reports under `folder`, sorted. Hidden files and directories (.git,
    .venv: `check-report .` in a clone) are skipped, symbolic links to directories are not
    followed (no loops), and a symbolic link to a file counts only when the file lies inside
    `folder`: a link to /etc/passwd is never read (nor embedded in the HTML review)."""
    import os

    root = folder.resolve()
    found = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in files:
            f = Path(top) / name
            if name.startswith(".") or f.suffix.lower() not in REPORT_SUFFIXES:
                continue
            if f.is_symlink():
                try:
                    target = f.resolve(strict=True)
                except (OSError, RuntimeError):  # dangling, or a loop
                    continue
                if not target.is_relative_to(root) or not target.is_file():
                    continue
            elif not f.is_file():
                continue
            found.append(f)
    return sorted(found)


REPORT_RULES_DIR = "checks"


def report_rule_file(path: str | Path) -> Path | None:
    """The rule file of one report, found by its name: for DIR/STEM.txt (.html, .pdf, .docx),
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


# --- the report of a figures table ------------------------------------------------------------


def _candidates(table: Path, doc_id: str, recorded: str, sources: list[dict]) -> list[Path]:
    out: list[Path] = []
    given = [recorded] + [str(s.get("path")) for s in sources if s.get("path") and s.get("title", doc_id) == doc_id]
    for p in given:
        if not p:
            continue
        q = Path(p)
        out += [q] if q.is_absolute() else [table.parent / q, q]
    for suffix in sorted(REPORT_SUFFIXES):
        out.append(table.parent / f"{doc_id}{suffix}")
    seen, unique = set(), []
    for p in out:
        try:
            key = p.resolve()
        except OSError:
            continue
        if key not in seen and p.is_file():
            seen.add(key)
            unique.append(p)
    return unique


def find_report_text(table: Path, doc_id: str, rows: list[dict], year, sources) -> tuple[object, str]:
    """The report the rows were extracted from (a Document), and how it was found or why not."""
    recorded = next((r.get("document_path", "") for r in rows if r.get("document_path")), "")
    digest = next((r.get("document_sha256", "") for r in rows if r.get("document_sha256")), "")
    tried = []
    for path in _candidates(table, doc_id, recorded, sources):
        try:
            doc = read_document(path, year=year)
        except InputError as exc:
            tried.append(f"{path}: {exc}")
            continue
        if digest and text_hash(doc.text) != digest:
            tried.append(f"{path}: its text is not the one the table was extracted from (the SHA-256 differs)")
            continue
        if not digest:
            fits = sum(1 for r in rows if doc.text[_int(r.get("start")):_int(r.get("end"))] == r.get("quote"))
            if fits < 0.9 * len(rows):
                tried.append(f"{path}: the table's quotes are not at their offsets in it")
                continue
        doc.id = doc_id
        how = "its SHA-256 matches" if digest else "the quotes are at their offsets"
        return doc, f"links built from the text of {path} ({how})"
    if tried:
        return None, "links from the rows alone: " + "; ".join(tried)
    where = f" ({recorded} not found)" if recorded else ""
    return None, (f"links from the rows alone: the report's text was not found{where}; put {doc_id}.txt "
                  "(or .html, .pdf, .docx) next to the table")


def _int(v, default: int = -1) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return default


__all__ = ["REPORT_RULES_DIR", "discovered_rule_files", "expand_paths", "find_report_text", "report_rule_file"]
