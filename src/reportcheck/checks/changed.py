"""RC901 changed-since-previous: the figures changed since the previous version of a report.

It judges two runs, not one document: the command runs it with --compare-to (its results come
from reportcheck.compare); the function here is its documentation and its place in the
registry, like every check's.
"""
from __future__ import annotations

from .registry import register


@register("RC901", "changed-since-previous", scope="run")
def changed_since_previous(ctx=None, params=None) -> list:
    """Changed since the previous version: a figure whose number changed since the previous version
    of the report (--compare-to), shown for a look.

    Given `--compare-to PREVIOUS` (a figures table written by --figures-out, or the previous
    version of the report), every figure of the report is paired with the same figure of
    PREVIOUS: the same sentence with its numbers masked and the same position in it, however
    far the paragraph moved; failing that, the same words around the number. A figure whose
    number, qualifier or interval differs is reported here, for a look: a corrected figure is
    expected, an accidental edit is not. Figures added and removed are counted in the
    summary and listed in the JSON review.

    Example: "killing at least 29 soldiers" in the release of March became "killing 30
    soldiers": [29, inf) -> 30.

    Severity info by default (it never fails the run); set `checks: {RC901: {severity: warning}}`
    in a rule file to gate on changes, or `enabled: false` to only count them. Resolve by
    reading the change: when it is intended, review it (--write-baseline, --baseline).
    It runs only with --compare-to, across the two versions, not within one report.
    """
    return []
