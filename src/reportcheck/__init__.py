"""reportcheck: check the figures in narrative reports before they are published as data.

The public API, for notebooks and other tools (the command is `check-report`):

    import reportcheck

    run = reportcheck.check(["report.txt"], rule_files=["checks/report.yml"])
    [r for r in run.results if r.failed]   # failing results (Result: code, severity, message, evidence)
    run.figures                     # the figures table (a pandas DataFrame; reportcheck.figures_schema)
    print(reportcheck.render(run, "markdown"))
    reportcheck.exit_code(run)      # 0, or 1 when an error fails (what check-report exits with)

    reportcheck.check_frame(df)     # a figures table (or a user table with a `columns:` mapping)
    reportcheck.load_rules([...])   # the default rules with rule files merged over them
    reportcheck.get_check("RC101")  # a check: code, name, doc

Everything else is internal and may change. The names are imported when first used, so that
`import reportcheck` stays cheap (the command pays for pandas only when it checks something).
"""
from __future__ import annotations

from .version import __version__

_API = {
    "check": ("pipeline", "run"),
    "check_frame": ("pipeline", "run_frame"),
    "load_rules": ("config", "load_rules"),
    "Run": ("model", "Run"),
    "Result": ("model", "Result"),
    "Evidence": ("model", "Evidence"),
    "DocumentSummary": ("model", "DocumentSummary"),
    "InputError": ("errors", "InputError"),
    "figures_schema": ("schema", "figures_schema"),
    "get_check": ("checks", "get_check"),
    "every_check": ("checks", "every_check"),
    "exit_code": ("gate", "exit_code"),
    "FORMATS": ("report", "WRITERS"),
}

__all__ = ["__version__", "render", *_API]


def render(run, fmt: str = "text", *, fail_on: str = "error") -> str:
    """The review of `run` in one of FORMATS (text, json, html, markdown, junit, sarif, github)."""
    from .report import WRITERS

    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(WRITERS)})")
    return WRITERS[fmt](run, fail_on=fail_on)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'reportcheck' has no attribute {name!r}")
    import importlib

    module, attr = _API[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attr)
    globals()[name] = value  # once
    return value


def __dir__():
    return sorted(__all__)
