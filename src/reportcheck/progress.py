"""What a run says on stderr while it goes: a progress bar on a terminal (documents done of
total, figures and findings so far, time left), and one line for each document that could
not be checked (always: a person or a CI log must see which).

The bar is drawn only when stderr is a terminal and --quiet is not given: a CI log or a
redirected stderr gets the error lines alone. rich draws it (imported only then).
"""
from __future__ import annotations

import sys

import click

from .model import DocumentError


class Progress:
    """Told `start(total)`, then `update(event)` for each document (a DocumentCheck or a
    DocumentError), then `close()`. `prog`: the name error lines start with."""

    def __init__(self, *, quiet: bool = False, prog: str = "check-report", stream=None):
        self.prog = prog
        self.stream = stream if stream is not None else sys.stderr
        self.bar = None
        self.task = None
        self.done = self.figures = self.findings = self.failed = 0
        self.enabled = not quiet and self.stream is not None and _isatty(self.stream)

    def start(self, total: int) -> None:
        self.total = total
        if not self.enabled or self.bar is not None:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        console = Console(file=self.stream, stderr=True)
        self.bar = Bar(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                       TextColumn("{task.fields[figures]} figures, {task.fields[findings]} findings"),
                       TextColumn("time left"), TimeRemainingColumn(), console=console, transient=True)
        self.task = self.bar.add_task("checking", total=total, figures=0, findings=0)
        self.bar.start()

    def update(self, event) -> None:
        self.done += 1
        if isinstance(event, DocumentError):
            self.failed += 1
            self.say(f"{self.prog}: {event.message}")
        else:
            self.figures += event.summary.figures
            tally = getattr(event, "tally", None)  # a cached report's counts: its results need not be read
            self.findings += sum(c["failed"] for c in tally.by_check.values()) if tally is not None \
                else sum(r.failed for r in event.results)
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, total=max(self.total, self.done),
                            figures=self.figures, findings=self.findings)

    def say(self, line: str) -> None:
        """A line on stderr (above the bar when there is one)."""
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


__all__ = ["Progress"]
