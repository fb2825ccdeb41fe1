"""RC401 table-schema: the rows of a figures table that break its schema (reportcheck.schema)."""
from __future__ import annotations

from ..model import Evidence, Result
from .context import CheckContext, severity
from .registry import register


@register("RC401", "table-schema", scope="table")
def table_schema(ctx: CheckContext, params: dict) -> list[Result]:
    """Table schema: every row of a figures table must meet the table's schema.

    **What it checks.** A table given to `check-report TABLE` (a figures table written by
    `--figures-out`, or a user's table read through a `columns:` mapping) is checked against
    the figures table's schema (`reportcheck.schema`, README "Figures tables"): the type of every
    cell (a value, low or high that is not a number, a date that is not one), the allowed values
    (a measure that is not a key of the rule files' `measures:`, an unknown qualifier or kind),
    `low <= high`, `date_low <= date_high`, the figure inside its sentence and its quote as long
    as its span, offsets within the report (when its text is found) and dates inside the stated
    `period:` (when a rule file states one). Every violation is gathered, not the first: one
    result per row, listing all of that row's violations, with its row number (1-based, the
    header not counted).

    **Why it matters.** A curated table is what gets published; a value typed as text, an
    interval upside down or a measure nobody defined breaks every sum and filter its users run,
    and every check of reportcheck on it. Rows that break the schema are therefore left out of
    the other checks, and said so.

    **Example.** A row whose `fatalities` cell reads "twelve": "row 4: fatalities 'twelve' is
    not a number"; a row with low 30 and high 20: "row 7: low 30 is above high 20"; a `measure`
    of "kiled": "row 9: measure 'kiled' is not an allowed value".

    **Severity.** `severity` (default error): the run fails (exit 1) as for any error finding;
    only a table that cannot be read at all (no rows, unknown columns without a mapping, a file
    that is not CSV, JSON or Parquet) stops the run with exit 2.

    **How to resolve.** Correct the cells the message names; declare a new measure under
    `measures:` in a rule file, or the period under `period:`.
    """
    table = ctx.table
    if table is None:
        return []
    sev = severity(params, "severity")
    by_row: dict = {}
    for v in table.info.violations:
        by_row.setdefault(v["row"], []).append(v)
    results = []
    for row, found in sorted(by_row.items(), key=lambda kv: -1 if kv[0] is None else kv[0]):
        said = "; ".join(dict.fromkeys(v["message"] for v in found))
        ev = []
        if row is not None:
            quote, start, end, section = table.row_evidence(row)
            ev.append(Evidence(figure_id=f"{ctx.doc.id}:row{row}", quote=quote, start=start, end=end,
                               section=section, role="row", row=row))
        where = f"Row {row}" if row is not None else "The table"
        results.append(Result("RC401", "table-schema", ctx.doc.id, "fail", sev,
                              f"{where} of {table.info.path} breaks the figures table's schema: {said}"
                              + (" (left out of the other checks)" if row is not None else ""),
                              ev, details={"row": row, "violations": [
                                  {k: v[k] for k in ("column", "check", "message")} for v in found]}))
    if not results and table.info.rows:
        results.append(Result("RC401", "table-schema", ctx.doc.id, "pass", sev,
                              f"Every row of {table.info.path} meets the figures table's schema "
                              f"({table.info.rows} rows)"))
    return results
