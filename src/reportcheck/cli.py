"""`check-report`: check the figures in reports and gate a data release on the result.

Exit status: 0 nothing fails at or above --fail-on; 1 something does; 2 usage or input
error (one line on stderr, "check-report: <message>"); 3 internal error (a bug of ours).

Start-up time matters (pre-commit hooks, --help, --explain): module-level imports stay
stdlib, click and reportcheck's own light modules; the pipeline (pandas) is imported only
when reports are checked.
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import ExitStack, suppress
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import click

from . import __version__
from .report import EXTENSIONS, FAIL_ON, WRITERS, exit_code

PROG = "check-report"
SAMPLE = "mali-2020.txt"
SAMPLE_RULES = "mali-2020.yml"  # the sample's own rule file (a copy of checks/mali-2020.yml)
FIGURE_FORMATS = (".csv", ".json", ".parquet")
DATAPACKAGE = "datapackage.json"  # --figures-out DIR/datapackage.json: a Frictionless Data Package


class UsageFailure(click.ClickException):
    """A usage or input error: one line on stderr, exit status 2."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))

    def show(self, file=None) -> None:
        click.echo(f"{PROG}: {self.format_message()}", err=True)


class InternalFailure(click.ClickException):
    """A bug in reportcheck: one line on stderr, exit status 3 (not 1: CI must tell a crash
    from findings). REPORTCHECK_DEBUG=1 shows the traceback instead."""

    exit_code = 3

    def __init__(self, exc: BaseException):
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        super().__init__(f"internal error ({type(exc).__name__}: {first}); this is a bug in reportcheck, "
                         "please report it (REPORTCHECK_DEBUG=1 shows the traceback)")

    def show(self, file=None) -> None:
        click.echo(f"{PROG}: {self.format_message()}", err=True)


class _Command(click.Command):
    """Every error click finds while parsing the command line becomes one UsageFailure line."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as exc:
            if isinstance(exc, UsageFailure):
                raise
            message = exc.format_message()
            if isinstance(exc, click.UsageError):
                message += f" (see {PROG} --help)"
            raise UsageFailure(message) from None


# --- writing files --------------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _check_output(option: str, target: str, inputs: list[str], rules: list[str]) -> Path:
    """Refuse an output that is (or would become) an input, or cannot be written. Before the run."""
    from .read.decode import (  # what the reader reads in a directory
        HTML_SUFFIXES,
        TEXT_SUFFIXES,
    )

    path = Path(target)
    if path.is_dir():
        raise UsageFailure(f"{option} {target}: is a directory")
    if not path.parent.is_dir():
        raise UsageFailure(f"{option} {target}: directory {str(path.parent)!r} does not exist")
    for source in [*inputs, *rules]:
        src = Path(source)
        if _same_file(path, src):
            raise UsageFailure(f"{option} {target}: refusing to overwrite the input {source}")
        if (src.is_dir() and path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
                and path.resolve().is_relative_to(src.resolve())):
            raise UsageFailure(f"{option} {target}: is inside the input directory {source} "
                               "and would be read as a report; write it elsewhere")
    return path


def _output_targets(formats: list[str], outputs: list[str], output_dir: str | None, inputs: list[str],
                    protected: list[str]) -> list[tuple[str, str, Path | None]]:
    """Where each --format's report goes: (format, option, path), path None for stdout.

    One --output per --format, in the same order; or --output-dir DIR, DIR/report.<ext> per
    format; or, for a single format, stdout. Each file is checked as --output is (not an
    input, its directory exists); no two name the same file. Before the run."""
    if outputs and output_dir:
        raise UsageFailure("--output and --output-dir: give one or the other")
    if output_dir:
        folder = Path(output_dir)
        if not folder.is_dir():
            raise UsageFailure(f"--output-dir {output_dir}: "
                               + ("is not a directory" if folder.exists() else "directory does not exist"))
        targets = [(f, "--output-dir", _check_output("--output-dir", str(folder / f"report.{EXTENSIONS[f]}"),
                                                     inputs, protected)) for f in formats]
    elif outputs:
        if len(outputs) != len(formats):
            given = (f"{len(formats)} --format" if len(formats) > 1 or len(outputs) == 1
                     else "--format text (the default)")
            raise UsageFailure(f"{given} but {len(outputs)} --output: give one --output per --format, "
                               "in the same order, or --output-dir DIR")
        targets = [(f, "--output", _check_output("--output", o, inputs, protected))
                   for f, o in zip(formats, outputs, strict=True)]
    elif len(formats) > 1:
        raise UsageFailure(f"{len(formats)} --format but no --output: give one --output per --format, "
                           "in the same order, or --output-dir DIR")
    else:
        targets = [(formats[0], "", None)]
    for i, (fmt, option, path) in enumerate(targets):
        for other, _, earlier in targets[:i]:
            if path is not None and earlier is not None and _same_file(path, earlier):
                what = f"--format {fmt} is given twice" if fmt == other else "two reports would be written to it"
                raise UsageFailure(f"{option} {path}: {what}")
    return targets


def _write_atomically(path: Path, write) -> None:
    """Call write(tmp_path) on a temporary file next to `path`, then move it over `path`.

    A failed run never leaves a half-written file; the file gets the usual permissions
    (the umask's), not the temporary file's private ones.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _write_text(path: Path, text: str) -> None:
    def write(tmp):
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    _write_atomically(path, write)


def with_provenance(figures, documents, texts: dict, table: Path):
    """The figures table with where each row's report is (`document_path`, relative to the
    table's directory) and the SHA-256 of its text (`document_sha256`), so that
    `check-report TABLE` finds the text again (reportcheck.read.table). Rows of a table that
    was itself checked (no report text) keep what they had."""
    from .read.table import report_path_for_table, text_hash

    if figures is None or not len(figures) or "document" not in figures.columns:
        return figures
    paths, hashes = {}, {}
    for d in documents:
        table_info = getattr(d, "table", None)
        if table_info:
            report = table_info.get("report")
            if report and d.id in texts:
                paths[d.id], hashes[d.id] = report_path_for_table(report, table), text_hash(texts[d.id])
            continue
        if d.id in texts:
            paths[d.id], hashes[d.id] = report_path_for_table(d.path, table), text_hash(texts[d.id])
    out = figures.copy()
    ids = out["document"].astype(str)
    out["document_path"] = ids.map(paths).fillna("")
    out["document_sha256"] = ids.map(hashes).fillna("")
    return out


def write_figures(figures, path: Path, documents=(), texts=None) -> None:
    """The figures table as CSV, JSON (a list of records) or Parquet, by the file's extension;
    `DIR/datapackage.json`: a Frictionless Data Package (the CSV next to it, and its descriptor
    with the Table Schema; reportcheck.datapackage).

    Infinite bounds ("at least 29": high = inf) are "inf" in CSV and JSON, like in the review
    JSON; Parquet keeps them as floats. With `documents` and `texts` (the Run's), each row also
    records its report's path and text hash (with_provenance).
    """
    if figures is None:
        import pandas as pd

        figures = pd.DataFrame()
    if texts:
        figures = with_provenance(figures, documents, texts, path)
    if path.name.lower() == DATAPACKAGE:
        from .datapackage import write_datapackage

        write_datapackage(figures, path, documents, write=_write_atomically)
        return
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_atomically(path, lambda tmp: figures.to_csv(tmp, index=False))
    elif suffix == ".json":
        table = figures.copy()
        for col in table.select_dtypes(include="floating").columns:
            s = table[col]
            if s.isin([float("inf"), float("-inf")]).any():
                table[col] = s.astype(object).mask(s == float("inf"), "inf").mask(s == float("-inf"), "-inf")
        _write_atomically(path, lambda tmp: table.to_json(
            tmp, orient="records", lines=False, date_format="iso", force_ascii=False))
    elif suffix == ".parquet":
        _write_atomically(path, lambda tmp: figures.to_parquet(tmp, engine="pyarrow", index=False))
    else:  # checked before the run; kept for callers of this function
        raise UsageFailure(f"--figures-out {path}: use .csv, .json or .parquet")


# --- the informational options ----------------------------------------------------------------


def _explain(code: str) -> None:
    from .checks import get_check

    check = get_check(code)
    if check is None:
        raise UsageFailure(f"unknown check {code!r} (see {PROG} --list-checks)")
    click.echo(f"{check.code} {check.name}\n")
    click.echo(check.doc or "(no documentation)")


def _list_checks() -> None:
    from .checks import every_check

    checks = every_check()
    if not checks:
        click.echo("no checks are registered")
    width = max((len(c.name) for c in checks), default=0)
    for c in checks:
        click.echo(f"{c.code}  {c.name.ljust(width)}  {c.summary}")


def _use_color(no_color: bool, output: str | None) -> bool:
    if no_color or output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


# --- reviewed findings and what changed (--baseline, --write-baseline, --compare-to) ---------


def _review_inputs(review: dict) -> list[str]:
    """The files --baseline and --compare-to read: no output may overwrite them."""
    return [p for p in (review.get("baseline"), review.get("compare_to")) if p]


def _review_prepare(review: dict, paths: list[str], protected: list[str], rules: list[str],
                    year: int | None) -> dict:
    """Before the run: read and check --baseline, read --compare-to (extracting it when it is a
    report), check where --write-baseline writes. Bad input is a UsageFailure (exit 2)."""
    from .errors import InputError

    prepared = {"baseline": None, "previous": None, "previous_name": review.get("compare_to"),
                "write": None, "fail_on_stale": bool(review.get("fail_on_stale"))}
    if prepared["fail_on_stale"] and not review.get("baseline"):
        raise UsageFailure("--fail-on-stale needs --baseline FILE")
    if review.get("write_baseline"):
        from .read.discover import discovered_rule_files

        option, target = "--write-baseline", review["write_baseline"]
        path = _check_output(option, target, paths, [*protected, *discovered_rule_files(paths)])
        if path.suffix.lower() not in (".yml", ".yaml"):
            raise UsageFailure(f"{option} {target}: use a .yml or .yaml file name")
        params = click.get_current_context().params
        for other in ("output", "figures_out"):
            values = params.get(other)
            for value in (values if isinstance(values, (list, tuple)) else [values]):
                if value and _same_file(path, Path(value)):
                    raise UsageFailure(f"{option} {target}: also named by --{other.replace('_', '-')}")
        prepared["write"] = path
    try:
        if review.get("baseline"):
            from .baseline import read_baseline

            prepared["baseline"] = read_baseline(review["baseline"])
        if review.get("compare_to"):
            from .compare import read_previous

            prepared["previous"] = read_previous(review["compare_to"], rules, year)
    except InputError as exc:
        raise UsageFailure(str(exc)) from None
    return prepared


def _review_apply(run, prepared: dict):
    """After the run: the changed figures (RC901) and the comparison's counts; then the
    baseline's reviews (so a changed figure can be reviewed too)."""
    try:
        if prepared["previous"] is not None:
            import dataclasses

            from . import compare

            changes = compare.compare(prepared["previous"], compare.with_sentences(run.figures, run.texts))
            name = prepared["previous_name"]
            added = compare.results(changes, run.rules, name, [d.id for d in run.documents])
            checks = dict(run.checks)
            if added:
                from .checks import get_check

                check = get_check(compare.CODE)
                checks[check.code] = {"name": check.name, "summary": check.summary, "doc": check.doc}
            run = dataclasses.replace(run, results=[*run.results, *added], checks=dict(sorted(checks.items())),
                                      comparison=compare.summary(changes, name))
        if prepared["baseline"] is not None:
            from .baseline import apply_baseline

            run = apply_baseline(run, prepared["baseline"], fail_on_stale=prepared["fail_on_stale"])
    except Exception as exc:  # a bug of ours, as in the run
        if os.environ.get("REPORTCHECK_DEBUG"):
            raise
        raise InternalFailure(exc) from None
    return run


def _review_write(run, prepared: dict) -> None:
    """--write-baseline: the failing results as a baseline, atomically."""
    path = prepared["write"]
    if path is None:
        return
    from .baseline import render_baseline

    try:
        _write_text(path, render_baseline(run))
    except OSError as exc:
        raise UsageFailure(f"--write-baseline {path}: cannot write ({exc.strerror or exc})") from None


# --- Great Expectations suites (--expectations) ------------------------------------------------


def _expectations_prepare(paths: list[str]) -> list:
    """Before the run: read each suite (GX's JSON) and check that GX is installed. GX is
    imported only here, when a suite is given: a run without --expectations never pays for it."""
    if not paths:
        return []
    if find_spec("great_expectations") is None:
        raise UsageFailure('--expectations needs Great Expectations: pip install "reportcheck[gx]"')
    from .errors import InputError

    try:
        from . import gx
    except Exception as exc:  # an installed GX that does not import (a broken environment)
        if os.environ.get("REPORTCHECK_DEBUG"):
            raise
        raise UsageFailure(f"--expectations: Great Expectations cannot be imported ({type(exc).__name__}: "
                           f"{(str(exc).splitlines() or [''])[0][:160]})") from None
    try:
        return [gx.load_suite(p) for p in paths]
    except InputError as exc:
        raise UsageFailure(str(exc)) from None


def _expectations_apply(run, suites: list):
    """After the run: each suite validated against the run's figures table; one result per
    expectation joins the review (code GX.<expectation type>)."""
    if not suites:
        return run
    from . import gx

    try:
        return gx.apply_suites(run, suites)
    except Exception as exc:  # a bug of ours (or of GX's): one line, exit 3
        if os.environ.get("REPORTCHECK_DEBUG"):
            raise
        raise InternalFailure(exc) from None


# --- the command ------------------------------------------------------------------------------


@click.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, metavar="PATH...", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), multiple=True,
              help="Format of the review report (default text); repeatable, with one --output each or --output-dir.")
@click.option("--output", "-o", metavar="FILE", multiple=True,
              help="Write the review report to FILE instead of stdout; one per --format, in the same order.")
@click.option("--output-dir", metavar="DIR",
              help="Write each --format's review to DIR/report.<ext> "
                   "(.txt .json .html .md .junit.xml .sarif .github.txt).")
@click.option("--year", type=click.IntRange(1900, 2100), metavar="N",
              help="The year the reports cover (default: from the file name, page or text).")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              help="Exit 1 when a new finding of this severity or worse fails.")
@click.option("--figures-out", metavar="FILE",
              help="Also write every extracted figure to FILE (.csv, .json or .parquet; DIR/datapackage.json: "
                   "a Data Package, the CSV next to it).")
@click.option("--expectations", multiple=True, metavar="SUITE",
              help="Also validate the figures table with a Great Expectations suite (GX's JSON); its results "
                   "join the review. Repeatable. Needs pip install \"reportcheck[gx]\".")
@click.option("--rules", multiple=True, metavar="FILE",
              help="A rule file (YAML) merged over the defaults; repeatable, later ones win.")
@click.option("--no-report-rules", is_flag=True,
              help="Do not apply each report's own rule file (DIR/checks/STEM.yml or ./checks/STEM.yml).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for several reports (0: one per core; 1: none).")
# reviewed findings and what changed (--baseline, --write-baseline, --fail-on-stale, --compare-to):
# their values reach main() in **review and are handled by the _review_* functions above
@click.option("--baseline", metavar="FILE",
              help="Reviewed findings (YAML): a failing result listed there is shown as reviewed and does "
                   "not fail the run.")
@click.option("--write-baseline", metavar="FILE",
              help="Also write the failing results to FILE as a baseline (YAML), reasons to fill in.")
@click.option("--fail-on-stale", is_flag=True,
              help="Also fail when a --baseline entry matches no failing result any more.")
@click.option("--compare-to", metavar="PREVIOUS",
              help="Report the figures added, removed and changed since PREVIOUS: a figures table "
                   "(--figures-out) or the previous version of the report (.txt/.html).")
@click.option("--sample", is_flag=True, help=f"Check the bundled sample report ({SAMPLE}).")
@click.option("--explain", metavar="CODE", help="Print the documentation of a check and exit.")
@click.option("--list-checks", is_flag=True, help="List the checks and exit.")
@click.option("--no-color", is_flag=True, help="No ANSI colors (default: colors on a terminal).")
@click.version_option(__version__, prog_name=PROG, message="%(prog)s %(version)s")
def main(paths, fmt, output, output_dir, year, fail_on, figures_out, expectations, rules, no_report_rules, jobs,
         sample, explain, list_checks, no_color, **review):
    """Check the figures in reports (PATH: .txt/.html files or directories of them) or in
    figures tables (.csv, .json, .parquet, datapackage.json).

    Finds totals that do not add up, one incident counted, dated or placed differently,
    a part larger than its whole; writes a review report; the exit status gates a release:
    0 nothing fails at or above --fail-on, 1 something does, 2 usage or input error,
    3 internal error.
    """
    if explain:
        _explain(explain)
        return
    if list_checks:
        _list_checks()
        return
    if not paths and not sample:
        raise UsageFailure(f"missing PATH (a report or a directory of reports), or use --sample (see {PROG} --help)")

    paths, rules = list(paths), list(rules)
    protected = list(rules)
    protected += _review_inputs(review)  # --baseline and --compare-to are inputs too
    protected += list(expectations)
    if (output or output_dir or figures_out) and not no_report_rules:
        from .read.discover import discovered_rule_files

        protected += discovered_rule_files(paths)
    targets = _output_targets(list(fmt) or ["text"], list(output), output_dir, paths, protected)
    out_paths = [(option, path) for _, option, path in targets if path is not None]
    fig_path = None
    if figures_out:
        fig_path = _check_output("--figures-out", figures_out, paths, protected)
        for option, path in out_paths:
            if _same_file(path, fig_path):
                raise UsageFailure(f"{option} and --figures-out name the same file")
        if fig_path.suffix.lower() not in FIGURE_FORMATS:
            raise UsageFailure(f"--figures-out {figures_out}: use a .csv, .json or .parquet file name, "
                               f"or DIR/{DATAPACKAGE}")
        if fig_path.name.lower() == DATAPACKAGE:
            from .datapackage import resource_path

            data = resource_path(fig_path)
            for option, path in out_paths:
                if _same_file(path, data):
                    raise UsageFailure(f"--figures-out {figures_out}: its CSV {data} is also named by {option}")
            _check_output("--figures-out", str(data), paths, protected)
        if fig_path.suffix.lower() == ".parquet" and find_spec("pyarrow") is None:
            raise UsageFailure('--figures-out .parquet needs pyarrow: pip install "reportcheck[parquet]"')

    prepared = _review_prepare(review, paths, protected, rules, year)
    suites = _expectations_prepare(list(expectations))

    from . import pipeline
    from .errors import InputError

    with ExitStack() as stack:
        own_rules = {}
        if sample:
            samples = resources.files("reportcheck.samples")
            sample_path = str(stack.enter_context(resources.as_file(samples.joinpath(SAMPLE))))
            paths.append(sample_path)
            if not no_report_rules:
                own_rules[sample_path] = str(stack.enter_context(resources.as_file(samples.joinpath(SAMPLE_RULES))))
        try:
            run = pipeline.run(paths, year=year, rule_files=rules, validate=fig_path is not None,
                               report_rules=not no_report_rules, report_rule_files=own_rules, jobs=jobs)
        except InputError as exc:
            raise UsageFailure(str(exc)) from None
        except Exception as exc:  # a bug of ours: say so in one line, exit 3, never a silent pass
            if os.environ.get("REPORTCHECK_DEBUG"):
                raise
            raise InternalFailure(exc) from None

    run = _expectations_apply(run, suites)
    run = _review_apply(run, prepared)
    color = _use_color(no_color, None)  # only a report to stdout is ever colored
    reports = [(option, path, WRITERS[f](run, color=color and path is None, fail_on=fail_on))
               for f, option, path in targets]
    writes = []
    if fig_path is not None:
        writes.append(("--figures-out", fig_path,
                       lambda: write_figures(run.figures, fig_path, run.documents, run.texts)))
    for option, path, report in reports:
        if path is not None:
            writes.append((option, path, lambda path=path, report=report: _write_text(path, report)))
    for option, path, write in writes:
        try:
            write()
        except OSError as exc:
            raise UsageFailure(f"{option} {path}: cannot write ({exc.strerror or exc})") from None
    for _, path, report in reports:
        if path is not None:
            continue
        try:
            click.echo(report, nl=False, color=color)
        except BrokenPipeError:  # `check-report ... | head`: not an error; keep the exit status
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    _review_write(run, prepared)
    click.get_current_context().exit(exit_code(run, fail_on))


if __name__ == "__main__":  # pragma: no cover
    main()
