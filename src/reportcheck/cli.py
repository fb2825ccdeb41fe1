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
from contextlib import ExitStack
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import click

from . import __version__
from .report import FAIL_ON, WRITERS, exit_code

PROG = "check-report"
SAMPLE = "mali-2020.txt"
SAMPLE_RULES = "mali-2020.yml"  # the sample's own rule file (a copy of checks/mali-2020.yml)
FIGURE_FORMATS = (".csv", ".json", ".parquet")


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
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_text(path: Path, text: str) -> None:
    def write(tmp):
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    _write_atomically(path, write)


def write_figures(figures, path: Path) -> None:
    """The figures table as CSV, JSON (a list of records) or Parquet, by the file's extension.

    Infinite bounds ("at least 29": high = inf) are "inf" in CSV and JSON, like in the review
    JSON; Parquet keeps them as floats.
    """
    if figures is None:
        import pandas as pd

        figures = pd.DataFrame()
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
    from .checks.registry import get_check

    check = get_check(code)
    if check is None:
        raise UsageFailure(f"unknown check {code!r} (see {PROG} --list-checks)")
    click.echo(f"{check.code} {check.name}\n")
    click.echo(check.doc or "(no documentation)")


def _list_checks() -> None:
    from .checks.registry import all_checks

    checks = all_checks()
    if not checks:
        click.echo("no checks are registered")
    width = max((len(c.name) for c in checks), default=0)
    for c in checks:
        click.echo(f"{c.code}  {c.name.ljust(width)}  {c.summary}")


def _use_color(no_color: bool, output: str | None) -> bool:
    if no_color or output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


# --- the command ------------------------------------------------------------------------------


@click.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, metavar="PATH...", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="text", show_default=True,
              help="Format of the review report.")
@click.option("--output", "-o", metavar="FILE", help="Write the review report to FILE instead of stdout.")
@click.option("--year", type=click.IntRange(1900, 2100), metavar="N",
              help="The year the reports cover (default: from the file name, page or text).")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              help="Exit 1 when a new finding of this severity or worse fails.")
@click.option("--figures-out", metavar="FILE",
              help="Also write every extracted figure to FILE (.csv, .json or .parquet).")
@click.option("--rules", multiple=True, metavar="FILE",
              help="A rule file (YAML) merged over the defaults; repeatable, later ones win.")
@click.option("--no-report-rules", is_flag=True,
              help="Do not apply each report's own rule file (DIR/checks/STEM.yml or ./checks/STEM.yml).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for several reports (0: one per core; 1: none).")
@click.option("--sample", is_flag=True, help=f"Check the bundled sample report ({SAMPLE}).")
@click.option("--explain", metavar="CODE", help="Print the documentation of a check and exit.")
@click.option("--list-checks", is_flag=True, help="List the checks and exit.")
@click.option("--no-color", is_flag=True, help="No ANSI colors (default: colors on a terminal).")
@click.version_option(__version__, prog_name=PROG, message="%(prog)s %(version)s")
def main(paths, fmt, output, year, fail_on, figures_out, rules, no_report_rules, jobs, sample, explain, list_checks,
         no_color):
    """Check the figures in reports (PATH: .txt/.html files or directories of them).

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
    if (output or figures_out) and not no_report_rules:
        from .pipeline import discovered_rule_files

        protected += discovered_rule_files(paths)
    out_path = _check_output("--output", output, paths, protected) if output else None
    fig_path = None
    if figures_out:
        fig_path = _check_output("--figures-out", figures_out, paths, protected)
        if out_path is not None and _same_file(out_path, fig_path):
            raise UsageFailure("--output and --figures-out name the same file")
        if fig_path.suffix.lower() not in FIGURE_FORMATS:
            raise UsageFailure(f"--figures-out {figures_out}: use a .csv, .json or .parquet file name")
        if fig_path.suffix.lower() == ".parquet" and find_spec("pyarrow") is None:
            raise UsageFailure('--figures-out .parquet needs pyarrow: pip install "reportcheck[parquet]"')

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

    color = _use_color(no_color, output)
    report = WRITERS[fmt](run, color=color, fail_on=fail_on)
    writes = []
    if fig_path is not None:
        writes.append(("--figures-out", fig_path, lambda: write_figures(run.figures, fig_path)))
    if out_path is not None:
        writes.append(("--output", out_path, lambda: _write_text(out_path, report)))
    for option, path, write in writes:
        try:
            write()
        except OSError as exc:
            raise UsageFailure(f"{option} {path}: cannot write ({exc.strerror or exc})") from None
    if out_path is None:
        try:
            click.echo(report, nl=False, color=color)
        except BrokenPipeError:  # `check-report ... | head`: not an error; keep the exit status
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    click.get_current_context().exit(exit_code(run, fail_on))


if __name__ == "__main__":  # pragma: no cover
    main()
