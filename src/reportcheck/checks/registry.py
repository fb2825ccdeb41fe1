"""The check registry: every check is a plain function registered with a stable code and name.

A check's docstring is its documentation (what it checks, why it matters, an example from a
real report, how to resolve): `check-report --explain CODE` prints it, and the review report
links each finding to it. Checks are configured from the rule files (`checks: CODE: {...}`),
never from code.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    code: str  # stable: "RC101"
    name: str  # stable, kebab-case: "same-incident-counts"
    func: Callable  # func(ctx: CheckContext, params: dict) -> list[Result]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")


_REGISTRY: dict[str, Check] = {}


def register(code: str, name: str):
    """Decorator: `@register("RC101", "same-incident-counts")`."""

    def deco(func):
        if code in _REGISTRY and _REGISTRY[code].func is not func:
            raise ValueError(f"check code {code} registered twice")
        _REGISTRY[code] = Check(code, name, func)
        return func

    return deco


def all_checks() -> list[Check]:
    """Every registered check, ordered by code (importing the check modules first)."""
    from . import _load_builtin  # noqa: F401  (registers the built-in checks)

    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_check(code_or_name: str) -> Check | None:
    for c in all_checks():
        if code_or_name.upper() == c.code or code_or_name.lower() == c.name:
            return c
    return None


def table_checks() -> list[Check]:
    """The checks that judge a table's rows themselves (RC401 table-schema): known to the rule
    files, --explain and --list-checks like the registered ones, run only on tables (not on
    every report: they would have nothing to judge there)."""
    from .table_schema import table_schema

    return [Check("RC401", "table-schema", table_schema)]
