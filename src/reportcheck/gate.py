"""What fails the run: decided here, once, for the command's exit status and for every review
writer that says what the status means.

Only failing results that are new (Result.new_failure: not waived by a baseline of reviewed
findings) count, and only at or above the --fail-on threshold; with --fail-on-stale, a stale
baseline entry fails the run too.
"""
from __future__ import annotations

from .model import SEVERITIES, Result, Run

#: --fail-on choices -> the severities that fail the run
FAIL_ON = {
    "error": ("error",),
    "warning": ("error", "warning"),
    "never": (),
}


def gating(run: Run, fail_on: str = "error") -> list[Result]:
    """The results that make the run fail under --fail-on `fail_on`."""
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
    entry is stale), 1 otherwise. A streamed run (its results counted, not kept) is judged on
    its counts."""
    failing = run.tally.new_failures(FAIL_ON[fail_on]) if run.tally is not None else len(gating(run, fail_on))
    return 1 if failing or stale_gating(run, fail_on) else 0


__all__ = ["FAIL_ON", "SEVERITIES", "exit_code", "gating", "stale_gating"]
