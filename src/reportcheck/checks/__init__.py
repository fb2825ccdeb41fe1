"""The checks: one module per check, found through the registry, configured from rule files.

Importing this package registers the built-in checks (the imports below are the registration);
the functions here answer what is registered and run the enabled ones on one document.
"""
from __future__ import annotations

from ..model import Result
from . import (  # noqa: F401  (each module registers its check)
    changed,
    currency,
    date_order,
    equals,
    incident_counts,
    incident_dates,
    named_events,
    part_whole,
    places,
    registry,
    restated_dates,
    restated_sets,
    sizes,
    stated_arithmetic,
    statistics,
    subdivision_types,
    table_schema,
    thresholds,
    totals,
)
from .context import CheckContext
from .registry import Check, register

__all__ = ["Check", "CheckContext", "all_checks", "enabled_checks", "every_check", "get_check", "register",
           "run_checks", "table_checks"]


def all_checks(scope: str = "document") -> list[Check]:
    """The registered checks of one scope (registry.SCOPES), ordered by code."""
    return [c for _, c in sorted(registry.REGISTRY.items()) if c.scope == scope]


def every_check() -> list[Check]:
    """Every registered check, whatever its scope, ordered by code (--list-checks)."""
    return [c for _, c in sorted(registry.REGISTRY.items())]


def table_checks() -> list[Check]:
    """The checks that judge a table's rows themselves (RC401 table-schema), run only on tables."""
    return all_checks("table")


def get_check(code_or_name: str) -> Check | None:
    """The check with this code (RC101) or name (same-incident-counts), whatever its scope."""
    for c in every_check():
        if code_or_name.upper() == c.code or code_or_name.lower() == c.name:
            return c
    return None


def enabled_checks(rules: dict, scope: str = "document") -> list[Check]:
    conf = rules.get("checks") or {}
    return [c for c in all_checks(scope) if (conf.get(c.code) or {}).get("enabled", True)]


def run_checks(ctx: CheckContext, scope: str = "document") -> list[Result]:
    """Run every enabled check of `scope` on one document; each returns its results, passed or
    failed.

    A result that judges what a report-specific rule declared names the rule (file, line,
    note) and takes its severity, whichever check produced it."""
    from ..link.declared import annotate

    conf = ctx.rules.get("checks") or {}
    out: list[Result] = []
    for check in enabled_checks(ctx.rules, scope):
        out.extend(check.func(ctx, conf.get(check.code) or {}))
    return annotate(out, ctx.declared, ctx.rows, ctx.links) if scope == "document" else out
