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

To add a format (html, markdown, junit, sarif, github ...): write `report/<name>.py` with
`render` and add it to WRITERS at the bottom of this file; `--format <name>` then exists.

What fails the run (the exit status) is decided here, once, for the CLI and every writer.
"""
from __future__ import annotations

from typing import Callable

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

    Only failing results that are new (not waived) count, and only at or above the threshold.
    """
    severities = FAIL_ON[fail_on]
    return [r for r in run.results if r.failed and r.status == "new" and r.severity in severities]


def exit_code(run: Run, fail_on: str = "error") -> int:
    """0 when nothing fails at or above `fail_on`, 1 otherwise."""
    return 1 if gating(run, fail_on) else 0


# The writers import the names above, so they are imported after them.
from .json import render as _render_json  # noqa: E402
from .text import render as _render_text  # noqa: E402

#: format name -> render(run, *, color=False, fail_on="error") -> str
WRITERS: dict[str, Callable[..., str]] = {
    "text": _render_text,
    "json": _render_json,
}
