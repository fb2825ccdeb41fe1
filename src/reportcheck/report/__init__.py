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

What fails the run (the exit status) is decided here, once, for the CLI and every writer.
"""
from __future__ import annotations

from collections.abc import Callable

from ..model import Result, Run

#: severities, most severe first
SEVERITIES = ("error", "warning", "info")

#: --fail-on choices -> the severities that fail the run
FAIL_ON = {
    "error": ("error",),
    "warning": ("error", "warning"),
    "never": (),
}


def gating(run: Run, fail_on: str = "error") -> list[Result]:
    """The results that make the run fail under --fail-on `fail_on`.

    Only failing results that are new (Result.new_failure: not waived by a baseline of
    reviewed findings) count, and only at or above the threshold.
    """
    severities = FAIL_ON[fail_on]
    return [r for r in run.results if r.new_failure and r.severity in severities]


def stale_gating(run: Run, fail_on: str = "error") -> list[dict]:
    """The stale baseline entries that make the run fail: none unless --fail-on-stale was
    given (run.baseline["fail_on_stale"]); --fail-on never still never fails."""
    baseline = run.baseline or {}
    if fail_on == "never" or not baseline.get("fail_on_stale"):
        return []
    return list(baseline.get("stale") or ())


def exit_code(run: Run, fail_on: str = "error") -> int:
    """0 when nothing fails at or above `fail_on` (and, with --fail-on-stale, no baseline
    entry is stale), 1 otherwise."""
    return 1 if gating(run, fail_on) or stale_gating(run, fail_on) else 0


# The writers import the names above, so they are imported after them.
from .github import render as _render_github  # noqa: E402
from .html import render as _render_html  # noqa: E402  (imports jinja2 only when it renders)
from .json import render as _render_json  # noqa: E402
from .junit import render as _render_junit  # noqa: E402
from .markdown import render as _render_markdown  # noqa: E402
from .sarif import render as _render_sarif  # noqa: E402
from .text import render as _render_text  # noqa: E402

#: format name -> render(run, *, color=False, fail_on="error") -> str
WRITERS: dict[str, Callable[..., str]] = {
    "text": _render_text,
    "json": _render_json,
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
    "html": "html",
    "markdown": "md",
    "junit": "junit.xml",
    "sarif": "sarif",
    "github": "github.txt",
}
