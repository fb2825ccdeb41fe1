"""Great Expectations and reportcheck, both ways.

* `check-report ... --expectations SUITE.json` validates the run's figures table with a GX suite
  (GX's own JSON, `expectations/figures.json`) and merges the result into the review: one result
  per expectation, code `GX.<expectation type>` (`GX.expect_column_values_to_be_between`),
  passed or failed, its severity the expectation's `meta.severity` (error, warning or info),
  else GX's own `severity` (critical is error), else error. A failed expectation's evidence
  is its unexpected rows (up to MAX_EVIDENCE), each with its quote and row number: the row of
  the table that was read (`check-report TABLE`), else of the figures table `--figures-out`
  writes (1-based).
* A GX user runs the figures checks inside an existing GX checkpoint with the expectation
  `ExpectFiguresToPassReportcheck` (a batch expectation, with its metric
  `table.reportcheck_findings`): added to any suite of a pandas batch holding a figures table
  (or a user table, with `rule_files` that map its columns), it runs check-report's checks on
  the batch and fails when a finding fails at or above `fail_on` (README, "Figures tables").

This module imports great_expectations when it is imported: the command imports it only when
`--expectations` is given, so that a run without a suite never pays GX's import (seconds).
"""
from __future__ import annotations

import json
import logging
import math
import os
from pathlib import Path
from typing import Any, ClassVar

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no usage statistics sent from a checker

import great_expectations as gx
from great_expectations.core import ExpectationSuite
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider

from .errors import InputError
from .model import Evidence, Result, Run

PREFIX = "GX."
RULE = "great-expectations"  # the rule name of every GX result (the code names the expectation type)
MAX_EVIDENCE = 20
from .model import SEVERITIES  # noqa: E402  (one list of severities)

_GX_SEVERITY = {"critical": "error", "warning": "warning", "info": "info"}


# --- suites ------------------------------------------------------------------------------------


def load_suite(path) -> ExpectationSuite:
    """The suite in `path` (GX's JSON: name, expectations [{type, kwargs, meta}], meta).
    Raises InputError (one line) for a file that is not one."""
    path = Path(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"--expectations {path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--expectations {path}: cannot read the suite ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"--expectations {path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("expectations"), list):
        raise InputError(f"--expectations {path}: not a Great Expectations suite (a JSON object with name and "
                         "expectations)")
    data.setdefault("name", path.stem)
    known = {"name", "expectations", "meta", "notes", "id"}
    for k, e in enumerate(data["expectations"]):
        if not isinstance(e, dict) or not isinstance(e.get("type"), str):
            raise InputError(f"--expectations {path}: not a valid suite (expectation {k + 1} has no type)")
        try:
            from great_expectations.expectations.registry import get_expectation_impl

            get_expectation_impl(e["type"])
        except Exception:  # GX's ExpectationNotFoundError
            raise InputError(f"--expectations {path}: not a valid suite (expectation {k + 1}: unknown type "
                             f"{e['type']!r})") from None
    quiet = logging.getLogger("great_expectations")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # GX logs a traceback for an expectation it drops: we say it in one line
    try:
        suite = ExpectationSuite(**{k: v for k, v in data.items() if k in known})
    except Exception as exc:  # GX's configuration errors (pydantic, InvalidExpectationConfigurationError)
        first = " ".join(str(exc).split())[:240]
        raise InputError(f"--expectations {path}: not a valid suite ({first})") from None
    finally:
        quiet.setLevel(level)
    if len(suite.expectations) != len(data["expectations"]):
        raise InputError(f"--expectations {path}: not a valid suite (an expectation's configuration is not valid)")
    return suite


_CONTEXT = None


def context():
    """One ephemeral GX context per process (nothing written to disk), progress bars off."""
    global _CONTEXT
    if _CONTEXT is None:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        _CONTEXT = gx.get_context(mode="ephemeral")
        _CONTEXT.variables.progress_bars = ProgressBarsConfig(globally=False)
    return _CONTEXT


_DEFINITION = None


def validate(frame, suite: ExpectationSuite):
    """GX's validation result of `frame` (a DataFrame) against `suite`, every unexpected row
    listed by the frame's index (result_format COMPLETE)."""
    global _DEFINITION
    if _DEFINITION is None:  # one pandas data source, asset and batch definition per process
        _DEFINITION = (context().data_sources.add_pandas("reportcheck").add_dataframe_asset("figures")
                       .add_batch_definition_whole_dataframe("whole table"))
    batch = _DEFINITION.get_batch(batch_parameters={"dataframe": frame})
    return batch.validate(suite, result_format="COMPLETE")


# --- into the review -------------------------------------------------------------------------------


def _severity(config) -> str:
    meta = getattr(config, "meta", None) or {}
    if meta.get("severity") in SEVERITIES:
        return meta["severity"]
    gx_severity = getattr(config, "severity", None)
    value = str(getattr(gx_severity, "value", gx_severity) or "").lower()
    return _GX_SEVERITY.get(value, "error")


def _short(value) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "null"
        return "inf" if math.isinf(value) else (str(int(value)) if value.is_integer() else f"{value:g}")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_short(v) for v in value[:8]) + (", ..." if len(value) > 8 else "") + "]"
    if hasattr(value, "item"):
        return _short(value.item())
    return repr(value) if isinstance(value, str) else str(value)


def _kwargs(config) -> dict:
    return {k: v for k, v in (config.kwargs or {}).items() if k not in ("batch_id",)}


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return _jsonable(value.item())
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def results_of(validation, frame, suite_name: str, documents: list[str]) -> list[Result]:
    """One Result per expectation of a GX validation result. `frame` is the DataFrame validated
    (its index: row numbers); `documents` the run's document ids."""
    records = frame.to_dict("index")
    out = []
    for r in validation.results:
        config = r.expectation_config
        kind = config.type
        kwargs = _kwargs(config)
        called = f"{kind}({', '.join(f'{k}={_short(v)}' for k, v in kwargs.items())})"
        info = r.result or {}
        exc = r.exception_info or {}
        raised = exc.get("raised_exception") if isinstance(exc, dict) else False
        unexpected = list(info.get("unexpected_index_list") or [])
        ev = []
        for index in unexpected[:MAX_EVIDENCE]:
            row = records.get(index) if not isinstance(index, dict) else None
            if row is None:
                continue
            ev.append(Evidence(figure_id=str(row.get("figure_id", index)), quote=str(row.get("quote", "")),
                               start=int(row.get("start", -1)) if _is_int(row.get("start")) else -1,
                               end=int(row.get("end", -1)) if _is_int(row.get("end")) else -1,
                               section=str(row.get("section", "") or ""), role="unexpected",
                               row=int(index) if _is_int(index) else None))
        docs = list(dict.fromkeys(str(records[i].get("document")) for i in unexpected if i in records
                                  and records[i].get("document") is not None))
        document = docs[0] if docs else (documents[0] if documents else suite_name)
        if raised:
            message = (f"{called} could not run: "
                       f"{(str(exc.get('exception_message') or '').splitlines() or [''])[0][:200]}")
        elif r.success:
            message = f"{called} holds" + (f" ({_observed(info)})" if _observed(info) else "")
        elif "unexpected_count" in info:
            rows = [str(i) for i in unexpected[:10]]
            values = info.get("partial_unexpected_list") or []
            message = (f"{called}: {info.get('unexpected_count')} of {info.get('element_count')} rows unexpected"
                       + (f" (rows {', '.join(rows)}{' ...' if len(unexpected) > 10 else ''})" if rows else "")
                       + (f"; values {_short(values)}" if values else ""))
        else:
            message = f"{called} fails" + (f": observed {_observed(info)}" if _observed(info) else "")
        details = {"suite": suite_name, "expectation": kind, "kwargs": _jsonable(kwargs),
                   "result": _jsonable({k: v for k, v in info.items() if k in (
                       "observed_value", "element_count", "unexpected_count", "unexpected_percent",
                       "partial_unexpected_list", "missing_count")})}
        if unexpected:
            details["unexpected_rows"] = [int(i) for i in unexpected if _is_int(i)][:200]
        out.append(Result(PREFIX + kind, RULE, document, "pass" if r.success and not raised else "fail",
                          _severity(config), f"{message} [GX suite {suite_name}]", ev, details=details))
    return out


def _observed(info: dict) -> str:
    if "observed_value" in info and info["observed_value"] is not None:
        return _short(info["observed_value"])
    return ""


def _is_int(v) -> bool:
    try:
        return v is not None and not (isinstance(v, float) and math.isnan(v)) and int(v) == float(v)
    except (TypeError, ValueError):
        return False


def figures_with_rows(run: Run):
    """The run's figures table indexed by row number: the row of the table each figure was read
    from (check-report TABLE), else its row in the table --figures-out writes (1-based)."""
    figures = run.figures.copy()
    rows = run.figures.attrs.get("table_rows")
    positions = range(1, len(figures) + 1)
    figures.index = ([r if r is not None else p for r, p in zip(rows, positions, strict=False)] if rows
                     else list(positions))
    if not figures.index.is_unique:  # several documents or tables: their positions instead
        figures.index = list(positions)
    return figures


def apply_suites(run: Run, suites: list) -> Run:
    """`run` with the results of each suite on its figures table added (and their checks)."""
    import dataclasses

    frame = figures_with_rows(run)
    added = []
    checks = dict(run.checks)
    documents = [d.id for d in run.documents]
    for suite in suites:
        found = results_of(validate(frame, suite), frame, suite.name, documents)
        for result in found:
            kind = result.details["expectation"]
            checks.setdefault(result.code, {
                "name": result.rule, "summary": f"Great Expectations: {kind} (suite {suite.name})",
                "doc": (f"{kind}: an expectation of the Great Expectations suite {suite.name}, run on the "
                        "figures table (--expectations). See the GX documentation of the expectation type; its "
                        "severity is the expectation's meta.severity (error, warning, info), else GX's own "
                        "severity (critical is error)."),
            })
        added.extend(found)
    return dataclasses.replace(run, results=[*run.results, *added], checks=dict(sorted(checks.items())))


# --- reportcheck inside a GX checkpoint -------------------------------------------------------------


class TableReportcheckFindings(TableMetricProvider):
    """The failing results of check-report's checks on the batch (a figures table, or a user
    table with `rule_files` that map its columns): a list of {code, severity, message, rows}."""

    metric_name = "table.reportcheck_findings"
    value_keys = ("rule_files",)

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs, metrics, runtime_configuration):
        from .pipeline import run_frame

        df, _, _ = execution_engine.get_compute_domain(domain_kwargs=metric_domain_kwargs,
                                                       domain_type=MetricDomainTypes.TABLE)
        rule_files = list(metric_value_kwargs.get("rule_files") or [])
        try:
            run = run_frame(df, name="batch", rule_files=rule_files)
        except InputError as exc:
            return [{"code": "input", "severity": "error", "message": str(exc), "rows": []}]
        return [{"code": r.code, "severity": r.severity, "message": r.message,
                 "rows": [e.row for e in r.evidence if e.row is not None]}
                for r in run.results if r.failed]


class ExpectFiguresToPassReportcheck(BatchExpectation):
    """Expect the figures table to pass check-report's checks (reportcheck).

    The batch is a figures table (`check-report --figures-out`), or a user table whose columns
    `rule_files` map (`columns:`). Every check of check-report runs on it (the schema, RC401;
    statistics told twice; incidents, totals and places when the rows or the report's text
    allow); the expectation fails when a finding fails at or above `fail_on` ("error" or
    "warning"). Its result lists the findings, with their row numbers.
    """

    rule_files: list = []
    fail_on: str = "error"

    metric_dependencies = ("table.reportcheck_findings",)
    success_keys = ("rule_files", "fail_on")
    domain_keys: ClassVar[tuple[str, ...]] = ("row_condition", "condition_parser")

    def get_validation_dependencies(self, execution_engine=None, runtime_configuration=None):
        dependencies = super().get_validation_dependencies(execution_engine, runtime_configuration)
        from great_expectations.validator.metric_configuration import MetricConfiguration

        metric = dependencies.get_metric_configuration("table.reportcheck_findings")
        dependencies.set_metric_configuration("table.reportcheck_findings", MetricConfiguration(
            metric_name="table.reportcheck_findings", metric_domain_kwargs=metric.metric_domain_kwargs,
            metric_value_kwargs={"rule_files": tuple(self.rule_files or ())}))
        return dependencies

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None):
        findings: list[dict[str, Any]] = metrics.get("table.reportcheck_findings") or []
        gating = {"error": ("error",), "warning": ("error", "warning")}.get(self.fail_on, ("error",))
        failing = [f for f in findings if f["severity"] in gating]
        return {"success": not failing,
                "result": {"observed_value": len(failing), "details": {"findings": findings}}}


__all__ = ["ExpectFiguresToPassReportcheck", "TableReportcheckFindings", "apply_suites", "context",
           "figures_with_rows", "load_suite", "results_of", "validate"]
