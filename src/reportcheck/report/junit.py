"""The review as JUnit XML (`--format junit`), for CI test-report views.

One <testsuite> per document (name: the document id; the path, format and year as
properties), one <testcase> per check result: classname "RC101 same-incident-counts", name
the result's message shortened (made unique within the suite with " (2)", " (3)" ...). A new
failing result has <failure message="..." type="error|warning|info"> whose body is the
message, the arithmetic and the evidence quotes with their sections (and a PDF's pages); a
waived (reviewed) one <skipped message="reviewed: ..."/>; a passing one nothing. Characters
XML 1.0 cannot hold are dropped.
"""
from __future__ import annotations

import re
import textwrap

from ..model import Result, Run
from ..version import __version__
from ._common import display_path, page_words, review_note
from .json import identified

NAME_WIDTH = 160
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: str) -> str:
    return _NOT_XML.sub("", value)


def _short(value: str) -> str:
    return textwrap.shorten(" ".join(value.split()), NAME_WIDTH, placeholder=" ...") or "(no message)"


def _body(r: Result) -> str:
    lines = [r.message]
    if r.arithmetic:
        lines.append(f"arithmetic: {r.arithmetic}")
    for e in r.evidence:
        where = e.section if e.section.startswith("row ") else (
            f"section {e.section}" if e.section else "before the first section")
        if getattr(e, "row", None) is not None and not e.section.startswith("row "):
            where += f", row {e.row}"
        if e.page is not None:
            where += f", {page_words(e)}"
        role = f", {e.role}" if e.role else ""
        lines.append(f'  "{e.quote}" ({where}{role}, offsets {e.start}-{e.end})')
    lines.append(f"see: check-report --explain {r.code}")
    return "\n".join(lines)


def _suite(name: str, path: str, props: dict[str, str], results: list[tuple[str, Result]]):
    import xml.etree.ElementTree as ET

    failures = sum(r.failed and r.status == "new" for _, r in results)
    skipped = sum(r.failed and r.status != "new" for _, r in results)
    suite = ET.Element("testsuite", {
        "name": _clean(name), "tests": str(len(results)), "failures": str(failures), "errors": "0",
        "skipped": str(skipped), "time": "0",
    })
    properties = ET.SubElement(suite, "properties")
    for key, value in {"path": path, **props}.items():
        ET.SubElement(properties, "property", {"name": key, "value": _clean(value)})
    seen: dict[tuple[str, str], int] = {}
    for rid, r in results:
        classname = f"{r.code} {r.rule}"
        short = _short(r.message)
        seen[(classname, short)] = seen.get((classname, short), 0) + 1
        if seen[(classname, short)] > 1:
            short = f"{short} ({seen[(classname, short)]})"
        case = ET.SubElement(suite, "testcase", {"classname": _clean(classname), "name": _clean(short),
                                                 "time": "0"})
        if r.failed and r.status == "new":
            failure = ET.SubElement(case, "failure", {"message": _clean(" ".join(r.message.split())),
                                                      "type": r.severity})
            failure.text = _clean(_body(r))
        elif r.failed:
            ET.SubElement(case, "skipped", {"message": _clean(f"{review_note(r)}: {' '.join(r.message.split())}")})
        ET.SubElement(case, "system-out").text = _clean(f"id: {rid}")
    return suite


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """The review as a JUnit XML document (color does not apply)."""
    import xml.etree.ElementTree as ET  # here, not at start-up

    by_doc: dict[str, list[tuple[str, Result]]] = {}
    for rid, r in identified(run):
        by_doc.setdefault(r.document, []).append((rid, r))
    root = ET.Element("testsuites", {"name": f"reportcheck {__version__}"})
    for d in run.documents:
        props = {"format": d.format, "year": "" if d.year is None else str(d.year),
                 "figures": str(d.figures), "unparsed_numbers": str(d.unparsed_numbers)}
        root.append(_suite(d.id, display_path(d.path), props, by_doc.pop(d.id, [])))
    for doc_id, results in by_doc.items():  # results about no listed document: never hidden
        root.append(_suite(doc_id, doc_id, {}, results))
    suites = list(root)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in suites)))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
