"""GitHub Actions annotations (`--format github`): one workflow command per new failing result.

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RC101 same-incident-counts::message

The command is `error`, `warning` or `notice` by the result's severity; the place is its first
evidence span (1-based lines and columns in characters, endColumn just after the last
character; col/endColumn only when the span is on one line, as GitHub shows them only
then); PATH is the report's path relative to the working directory (the repository root in
a workflow). An HTML, PDF or Word report's offsets are into its extracted text, so its
annotations name the file only; a PDF's name the page of the first quote in the title
("RC201 totals (page 4)"). The message holds the finding, its arithmetic and every quote with
its line (or page).
Waived (reviewed) results get no annotation. Escaping follows the Actions runner: in the
message % CR LF become %25 %0D %0A; in property values : and , also become %3A and %2C.
The last line, a plain log line, says what the exit status means.
"""
from __future__ import annotations

from ..model import Result, Run
from ._common import display_path, documents_by_id, locatable, page_words, region
from .json import identified
from .text import exit_line

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """A workflow command's message: % CR LF escaped (% first)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: as a message, and : and , too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _message(run: Run, r: Result, text: str | None) -> str:
    lines = [r.message]
    if r.arithmetic:
        lines.append(f"arithmetic: {r.arithmetic}")
    for e in r.evidence:
        where = f"section {e.section}" if e.section else "before the first section"
        if text is not None and 0 <= e.start < len(text):
            where = f"line {region(text, e.start, e.end)['startLine']}, {where}"
        if e.page is not None:
            where = f"{where}, {page_words(e)}"
        role = f", {e.role}" if e.role else ""
        lines.append(f'"{e.quote}" ({where}{role})')
    lines.append(f"see: check-report --explain {r.code}")
    return "\n".join(lines)


def annotation(run: Run, r: Result) -> str:
    doc = documents_by_id(run).get(r.document)
    props = {"file": display_path(doc.path if doc else r.document)}
    text = locatable(run, r, doc)
    spans = [e for e in r.evidence if text is not None and 0 <= e.start < e.end <= len(text)]
    if spans:
        where = region(text, spans[0].start, spans[0].end)
        props["line"] = str(where["startLine"])
        if where["startLine"] == where["endLine"]:
            props["col"] = str(where["startColumn"])
        props["endLine"] = str(where["endLine"])
        if where["startLine"] == where["endLine"]:
            props["endColumn"] = str(where["endColumn"])
    # a PDF has no lines in the file to annotate: the title names the first quote's page instead
    page = next((page_words(e) for e in r.evidence if e.page is not None), "")
    props["title"] = f"{r.code} {r.rule}" + (f" ({page})" if page else "")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMAND.get(r.severity, 'warning')} {head}::{escape_data(_message(run, r, text))}"


def render(run: Run, *, color: bool = False, fail_on: str = "error") -> str:
    """One annotation per new failing result, then the exit line (color does not apply)."""
    lines = [annotation(run, r) for _, r in identified(run) if r.failed and r.status == "new"]
    lines.append(f"reportcheck: {exit_line(run, fail_on)}")
    return "\n".join(lines) + "\n"
