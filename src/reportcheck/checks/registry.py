"""The check registry: every check is a plain function registered with a stable code and name.

A check's docstring is its documentation (what it checks, why it matters, an example from a
real report, how to resolve): `check-report --explain CODE` prints it, and the review report
links each finding to it. Checks are configured from the rule files (`checks: CODE: {...}`),
never from code: every registered code has its settings in the shipped `default.yml`.

This module only holds the registry; `reportcheck.checks` imports the check modules (which
register themselves here) and answers what is registered.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

#: what a check judges: "document" every report (and a table's rows as a report's), "table" the
#: rows of a table given as input (RC401), "run" the run against another (RC901, --compare-to)
SCOPES = ("document", "table", "run")


@dataclass(frozen=True)
class Check:
    code: str  # stable: "RC101"
    name: str  # stable, kebab-case: "same-incident-counts"
    func: Callable  # func(ctx: CheckContext, params: dict) -> list[Result]
    scope: str = "document"

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")


REGISTRY: dict[str, Check] = {}


def register(code: str, name: str, scope: str = "document"):
    """Decorator: `@register("RC101", "same-incident-counts")`."""
    if scope not in SCOPES:
        raise ValueError(f"check {code}: scope {scope!r} is not one of {SCOPES}")

    def deco(func):
        if code in REGISTRY and REGISTRY[code].func is not func:
            raise ValueError(f"check code {code} registered twice")
        REGISTRY[code] = Check(code, name, func, scope)
        return func

    return deco
