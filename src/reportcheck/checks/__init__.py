"""The checks: one module per check, found through the registry, configured from rule files."""
from __future__ import annotations

from ..model import Result
from .context import CheckContext
from .registry import Check, all_checks, get_check, register

__all__ = ["Check", "CheckContext", "all_checks", "get_check", "register", "run_checks", "enabled_checks"]


def enabled_checks(rules: dict) -> list[Check]:
    conf = rules.get("checks") or {}
    return [c for c in all_checks() if (conf.get(c.code) or {}).get("enabled", True)]


def run_checks(ctx: CheckContext) -> list[Result]:
    """Run every enabled check on one document; each returns its results, passed or failed.

    A result that judges what a report-specific rule declared names the rule (file, line,
    note) and takes its severity, whichever check produced it."""
    from ..link.declared import annotate

    conf = ctx.rules.get("checks") or {}
    out: list[Result] = []
    for check in enabled_checks(ctx.rules):
        out.extend(check.func(ctx, conf.get(check.code) or {}))
    return annotate(out, ctx.declared, ctx.rows, ctx.links)
