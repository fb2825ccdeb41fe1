"""Review-report writers: one module per output format, one function per module.

The interface
-------------
Every format is a module of this package with a function

    render(run: Run, *, color: bool = False, fail_on: str = "error") -> str

that returns the whole report as text (the CLI writes it to stdout or, atomically, to
--output). `color` asks for ANSI styling (only the text format uses it; the CLI turns it on
for a terminal and off for files and --no-color). `fail_on` is the --fail-on threshold, so a
report can say what the exit status means; formats that do not say it ignore it. A writer
never prints, never opens files and never changes the Run.

To add a format: write `report/<name>.py` with `render` and add it to WRITERS (and its file
name extension to EXTENSIONS) at the bottom of this file; `--format <name>` then exists.
Writers that quote the report in context or give lines and columns read the documents' text
from Run.texts (offsets index it); _common.py has what they share.

What fails the run (the exit status) is decided in reportcheck.gate, once, for the CLI and
every writer; a writer imports what it shares from _common.py and the gate, never from this
package's __init__ (which imports the writers).
"""
from __future__ import annotations

from collections.abc import Callable

# what fails the run is the gate's (reportcheck.gate); named here too for the writers' callers
from ..gate import FAIL_ON, SEVERITIES, exit_code, gating, stale_gating
from .github import render as _render_github
from .html import render as _render_html  # imports jinja2 only when it renders
from .json import render as _render_json
from .jsonl import render as _render_jsonl
from .junit import render as _render_junit
from .markdown import render as _render_markdown
from .sarif import render as _render_sarif
from .text import render as _render_text

#: format name -> render(run, *, color=False, fail_on="error") -> str
WRITERS: dict[str, Callable[..., str]] = {
    "text": _render_text,
    "json": _render_json,
    "jsonl": _render_jsonl,
    "html": _render_html,
    "markdown": _render_markdown,
    "junit": _render_junit,
    "sarif": _render_sarif,
    "github": _render_github,
}

#: format name -> the file name extension --output-dir gives its report (report.<ext>)
EXTENSIONS: dict[str, str] = {
    "text": "txt",
    "json": "json",
    "jsonl": "jsonl",
    "html": "html",
    "markdown": "md",
    "junit": "junit.xml",
    "sarif": "sarif",
    "github": "github.txt",
}


__all__ = ["EXTENSIONS", "FAIL_ON", "SEVERITIES", "WRITERS", "exit_code", "gating", "stale_gating"]
