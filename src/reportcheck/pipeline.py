"""The whole path for a set of inputs: read -> extract -> link -> check -> report data.

Each stage is a pure function of its inputs, so one document can be processed on any engine.
"""
from __future__ import annotations

from .model import Run


def run(paths: list[str], *, year: int | None = None, rule_files: list[str] = ()) -> Run:
    """Check every path (files, or directories of .txt/.html reports) and return the Run.

    Raises reportcheck.errors.InputError for bad input (the CLI turns it into exit 2).
    """
    raise NotImplementedError("wired by the lead")
