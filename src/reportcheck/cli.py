"""`check-report`: check the figures in reports and gate a data release on the result.

Exit status: 0 nothing fails at or above --fail-on; 1 something does; 2 usage or input
error (one line on stderr, "check-report: <message>"); 3 internal error (a bug of ours);
130 interrupted (Ctrl-C), no output written.

This module is glue: options to the pipeline and the writers; where and how outputs are
written is reportcheck.outputs.

Start-up time matters (pre-commit hooks, --help, --explain): module-level imports stay
stdlib, click and reportcheck's own light modules; the pipeline (pandas) is imported only
when reports are checked.
"""
from __future__ import annotations

import os
import sys
from contextlib import ExitStack, suppress
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import click

from . import __version__, outputs
from .engines import ENGINES
from .model import DocumentError
from .outputs import DATAPACKAGE
from .report import EXTENSIONS, FAIL_ON, WRITERS, exit_code

PROG = "check-report"
SAMPLE = "mali-2020.txt"
SAMPLE_RULES = "mali-2020.yml"  # the sample's own rule file (a copy of checks/mali-2020.yml)
FIGURE_FORMATS = (".csv", ".json", ".parquet")


def _cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# more workers than cores only queue for them, and each costs its memory (about 15 MiB): a
# little oversubscription is allowed (I/O, hyperthreads), not 1000 processes
MAX_JOBS = max(8, 4 * _cores())


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
    """Every error click finds while parsing the command line becomes one UsageFailure line;
    Ctrl-C and a bug of ours while the command runs become one line too (exit 130, 3)."""

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

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Ctrl-C: one line, the shell's status for SIGINT; outputs not written
            raise Interrupted() from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug of ours anywhere in the command: exit 3, never a traceback and 1
            if os.environ.get("REPORTCHECK_DEBUG"):
                raise
            raise InternalFailure(exc) from None


class Interrupted(UsageFailure):
    """Ctrl-C (SIGINT): one line on stderr, exit status 130 (128 + SIGINT, as shells report it)."""

    exit_code = 130

    def __init__(self):
        super().__init__("interrupted")


# --- where the outputs go (written by reportcheck.outputs) ---------------------------------


def _same_file(a: Path, b: Path) -> bool:
    # realpath, not Path.resolve: a symlink loop is not the same file as anything, and no crash
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (a.exists() and b.exists() and os.path.samefile(a, b))
    except (OSError, ValueError):
        return False


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def _check_output(option: str, target: str, inputs: list[str], rules: list[str]):
    """Refuse an output that cannot be written (outputs.check_target: a directory, a symlink
    loop, a directory we cannot write in ...) or is (or would become) an input. Before the run.
    Returns its outputs.Target."""
    from .read.decode import REPORT_SUFFIXES  # what the reader reads in a directory

    try:
        checked = (outputs.check_directory_target(option, target) if outputs.is_directory_name(target)
                   else outputs.check_target(option, target))
    except outputs.OutputError as exc:
        raise UsageFailure(str(exc)) from None
    path = Path(target)
    for source in [*inputs, *rules]:
        src = Path(source)
        if _same_file(path, src):
            raise UsageFailure(f"{option} {target}: refusing to overwrite the input {source}")
        if checked.directory and src.is_dir() and (_inside(path, src) or _inside(src, path)):
            raise UsageFailure(f"{option} {target}: is inside the input directory {source} "
                               "(or holds it); write it elsewhere")
        if (not checked.stream and src.is_dir() and path.suffix.lower() in REPORT_SUFFIXES
                and _inside(path, src)):
            raise UsageFailure(f"{option} {target}: is inside the input directory {source} "
                               "and would be read as a report; write it elsewhere")
    return checked


def _output_targets(formats: list[str], outputs: list[str], output_dir: str | None, inputs: list[str],
                    protected: list[str]) -> list[tuple[str, object]]:
    """Where each --format's report goes: (format, outputs.Target), None for stdout.

    One --output per --format, in the same order; or --output-dir DIR, DIR/report.<ext> per
    format; or, for a single format, stdout. Each file is checked as --output is (not an
    input, its directory exists and can be written in); no two name the same file. Before
    the run."""
    if outputs and output_dir:
        raise UsageFailure("--output and --output-dir: give one or the other")
    if output_dir:
        folder = Path(output_dir)
        if not folder.is_dir():
            raise UsageFailure(f"--output-dir {output_dir}: "
                               + ("is not a directory" if folder.exists() else "directory does not exist"))
        targets = [(f, _check_output("--output-dir", str(folder / f"report.{EXTENSIONS[f]}"), inputs, protected))
                   for f in formats]
    elif outputs:
        if len(outputs) != len(formats):
            given = (f"{len(formats)} --format" if len(formats) > 1 or len(outputs) == 1
                     else "--format text (the default)")
            raise UsageFailure(f"{given} but {len(outputs)} --output: give one --output per --format, "
                               "in the same order, or --output-dir DIR")
        targets = [(f, _check_output("--output", o, inputs, protected))
                   for f, o in zip(formats, outputs, strict=True)]
    elif len(formats) > 1:
        raise UsageFailure(f"{len(formats)} --format but no --output: give one --output per --format, "
                           "in the same order, or --output-dir DIR")
    else:
        targets = [(formats[0], None)]
    for fmt, target in targets:
        if target is not None and target.directory and fmt != "html":
            raise UsageFailure(f"{target.option} {target.name}: --format {fmt} writes a file; only --format html "
                               "writes a directory (an index and a page per document)")
    for i, (fmt, target) in enumerate(targets):
        for other, earlier in targets[:i]:
            if target is not None and earlier is not None and not target.stream \
                    and _same_file(Path(target.name), Path(earlier.name)):
                what = f"--format {fmt} is given twice" if fmt == other else "two reports would be written to it"
                raise UsageFailure(f"{target.option} {target.name}: {what}")
    return targets


def _figures_target(figures_out: str, inputs: list[str], protected: list[str], targets: list) -> tuple:
    """--figures-out FILE checked as --output is, before the run: (its Target, the Target of its
    CSV for DIR/datapackage.json, else None)."""
    files = [t for _, t in targets if t is not None and not t.stream]
    fig = _check_output("--figures-out", figures_out, inputs, protected)
    path = Path(figures_out)
    if fig.directory:  # a partitioned Parquet table: one part per document
        for t in files:
            if _same_file(Path(t.name), path):
                raise UsageFailure(f"{t.option} and --figures-out name the same directory")
        if find_spec("pyarrow") is None:
            raise UsageFailure(f'--figures-out {figures_out}: a Parquet directory needs pyarrow: '
                               'pip install "reportcheck[parquet]"')
        return fig, None
    for t in files:
        if not fig.stream and _same_file(Path(t.name), path):
            raise UsageFailure(f"{t.option} and --figures-out name the same file")
    if path.suffix.lower() not in FIGURE_FORMATS:
        raise UsageFailure(f"--figures-out {figures_out}: use a .csv, .json or .parquet file name, "
                           f"or DIR/{DATAPACKAGE}")
    data = None
    if path.name.lower() == DATAPACKAGE:
        from .datapackage import resource_path

        csv = resource_path(path)
        for t in files:
            if _same_file(Path(t.name), csv):
                raise UsageFailure(f"--figures-out {figures_out}: its CSV {csv} is also named by {t.option}")
        data = _check_output("--figures-out", str(csv), inputs, protected)
    if path.suffix.lower() == ".parquet" and find_spec("pyarrow") is None:
        raise UsageFailure('--figures-out .parquet needs pyarrow: pip install "reportcheck[parquet]"')
    return fig, data


def _stdout_closed() -> bool:
    """Started with standard output closed (`check-report ... >&-`): Python then has no sys.stdout."""
    return sys.stdout is None


def _echo(text: str, color: bool) -> None:
    """The review on standard output."""
    try:
        click.echo(text, nl=False, color=color)
    except BrokenPipeError:  # `check-report ... | head`: not an error; keep the exit status
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:  # a full disk, a device that refuses: one line, and no second try at exit
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise UsageFailure(f"standard output: cannot write ({exc.strerror or exc})") from None


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
    if no_color or output or os.environ.get("NO_COLOR") or sys.stdout is None:
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
        checked = _check_output(option, target, paths, [*protected, *discovered_rule_files(paths)])
        if Path(target).suffix.lower() not in (".yml", ".yaml"):
            raise UsageFailure(f"{option} {target}: use a .yml or .yaml file name")
        params = click.get_current_context().params
        for other in ("output", "figures_out"):
            values = params.get(other)
            for value in (values if isinstance(values, (list, tuple)) else [values]):
                if value and _same_file(Path(target), Path(value)):
                    raise UsageFailure(f"{option} {target}: also named by --{other.replace('_', '-')}")
        prepared["write"] = checked
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


def _review_writes(run, prepared: dict) -> list:
    """--write-baseline: the failing results as a baseline, as an output to write with the others."""
    target = prepared["write"]
    if target is None:
        return []
    from .baseline import render_baseline

    return [(target, outputs.text_write(render_baseline(run)))]


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


def _jobs_bound(ctx, param, value: int) -> int:
    if value > MAX_JOBS:
        raise UsageFailure(f"--jobs {value}: at most {MAX_JOBS} worker processes on this machine "
                           f"(4 per core, at least 8; {_cores()} cores)")
    return value


# --- the command ------------------------------------------------------------------------------


@click.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, metavar="PATH...", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), multiple=True,
              help="Format of the review report (default text); repeatable, with one --output each or --output-dir.")
@click.option("--output", "-o", metavar="FILE", multiple=True,
              help="Write the review report to FILE instead of stdout; one per --format, in the same order. "
                   "Files are replaced atomically (a symlink's target), devices and FIFOs written as streams. "
                   "--format html -o DIR/ (a trailing slash): an index and a page per document.")
@click.option("--output-dir", metavar="DIR",
              help="Write each --format's review to DIR/report.<ext> "
                   "(.txt .json .jsonl .html .md .junit.xml .sarif .github.txt).")
@click.option("--year", type=click.IntRange(1900, 2100), metavar="N",
              help="The year the reports cover (default: from the file name, page or text).")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              help="Exit 1 when a new finding of this severity or worse fails.")
@click.option("--figures-out", metavar="FILE",
              help="Also write every extracted figure to FILE (.csv, .json or .parquet; DIR/datapackage.json: "
                   "a Data Package, the CSV next to it; DIR/: Parquet, one part per document).")
@click.option("--expectations", multiple=True, metavar="SUITE",
              help="Also validate the figures table with a Great Expectations suite (GX's JSON); its results "
                   "join the review. Repeatable. Needs pip install \"reportcheck[gx]\".")
@click.option("--rules", multiple=True, metavar="FILE",
              help="A rule file (YAML) merged over the defaults; repeatable, later ones win.")
@click.option("--no-report-rules", is_flag=True,
              help="Do not apply each report's own rule file (DIR/checks/STEM.yml or ./checks/STEM.yml).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, callback=_jobs_bound,
              help=f"Worker processes for several reports (0: one per core; 1: none); at most {MAX_JOBS} "
                   "here (4 per core, at least 8), and never more than there are reports. With --engine dask: "
                   "the workers of the local Dask cluster.")
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help="Where documents are checked: local (this machine's processes, the default) or dask (a Dask "
                   "LocalCluster of --jobs workers, or the cluster of --scheduler; pip install \"reportcheck[dask]\"). "
                   "The findings are the same.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Check on the existing Dask cluster at this scheduler address (its workers need reportcheck "
                   "installed); implies --engine dask.")
@click.option("--cache", "cache_dir", metavar="DIR",
              help="Keep each report's results in DIR and reuse them while its bytes, its effective rules and "
                   "the tool are unchanged (an incremental run); DIR is created when missing.")
@click.option("--fail-fast", is_flag=True,
              help="Stop at the first document that cannot be checked (exit 2, nothing written); by default it is "
                   "named, the others are checked and reviewed, and the run exits 2 at the end.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (it is drawn only when stderr is a terminal).")
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
                   "(--figures-out) or the previous version of the report (.txt/.html/.pdf/.docx).")
@click.option("--sample", is_flag=True, help=f"Check the bundled sample report ({SAMPLE}).")
@click.option("--explain", metavar="CODE", help="Print the documentation of a check and exit.")
@click.option("--list-checks", is_flag=True, help="List the checks and exit.")
@click.option("--no-color", is_flag=True, help="No ANSI colors (default: colors on a terminal).")
@click.version_option(__version__, prog_name=PROG, message="%(prog)s %(version)s")
def main(paths, fmt, output, output_dir, year, fail_on, figures_out, expectations, rules, no_report_rules, jobs,
         engine, scheduler, cache_dir, fail_fast, quiet, sample, explain, list_checks, no_color, **review):
    """Check the figures in reports (PATH: .txt/.html/.pdf/.docx files or directories of them)
    or in figures tables (.csv, .json, .parquet, datapackage.json). A PDF needs
    pip install "reportcheck[pdf]".

    Finds totals that do not add up, one incident counted, dated or placed differently,
    a part larger than its whole; writes a review report; the exit status gates a release:
    0 nothing fails at or above --fail-on, 1 something does, 2 usage or input error,
    3 internal error, 130 interrupted.
    """
    to_stdout = bool(explain or list_checks or not (output or output_dir))
    if to_stdout and _stdout_closed():
        raise UsageFailure("standard output is closed; write the review with --output FILE")
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
    fig_target = data_target = None
    if figures_out:
        fig_target, data_target = _figures_target(figures_out, paths, protected, targets)

    prepared = _review_prepare(review, paths, protected, rules, year)
    suites = _expectations_prepare(list(expectations))
    options = _run_options(engine, scheduler, cache_dir, jobs)

    from .progress import Progress

    progress = Progress(quiet=quiet, prog=PROG)
    # a format or option that needs the whole run keeps it in memory (pipeline.run); else the
    # corpus is streamed: each document written as it arrives, only counts kept (streaming.py)
    needs_run = bool(any(not _is_streamed(f, t) for f, t in targets) or suites
                     or (fig_target is not None and not fig_target.directory)
                     or prepared["previous"] is not None or prepared["write"] is not None
                     or (any(f == "json" for f, _ in targets) and not _unique_ids(paths, sample)))
    streamed = _streamed_outputs(targets, fig_target, prepared, fail_on)
    review_json = None if needs_run else _json_output(targets, streamed)
    try:
        with ExitStack() as stack:
            stack.callback(progress.close)  # before anything else is printed
            own_rules = {}
            if sample:
                samples = resources.files("reportcheck.samples")
                sample_path = str(stack.enter_context(resources.as_file(samples.joinpath(SAMPLE))))
                paths.append(sample_path)
                if not no_report_rules:
                    own_rules[sample_path] = str(stack.enter_context(
                        resources.as_file(samples.joinpath(SAMPLE_RULES))))
            if needs_run:
                run = _run_whole(paths, year, rules, fig_target is not None, not no_report_rules, own_rules, jobs,
                                 fail_fast, progress, options)
            else:
                run = _run_streamed(streamed, paths, year, rules, fig_target is not None, not no_report_rules,
                                    own_rules, jobs, fail_fast, progress, options, review_json)
        if needs_run:
            run = _expectations_apply(run, suites)
            run = _review_apply(run, prepared)
        if not run.documents and run.errors:  # nothing could be checked: nothing to write
            raise click.exceptions.Exit(2)
        color = _use_color(no_color, None)  # only a report to stdout is ever colored
        reports = [(target, WRITERS[f](run, color=color and target is None, fail_on=fail_on))
                   for f, target in targets if not _is_streamed(f, target, whole=needs_run)]
        if needs_run:
            from .streaming import write_run

            write_run(run, jsonl=streamed.jsonl, pages=streamed.pages, parts=streamed.parts, fail_on=fail_on)
        # every file first to a temporary file, then all moved in place: none is written when one cannot be
        writes = []
        if fig_target is not None and not fig_target.directory:
            writes += outputs.figures_writes(run.figures, fig_target, run.documents, run.texts, data=data_target)
        writes += [(target, outputs.text_write(report)) for target, report in reports if target is not None]
        writes += [(t, o) for t, o in streamed.outputs() if t.name != "-"]
        if review_json is not None and review_json.out.target.name != "-":
            writes.append((review_json.out.target, review_json.out))
        writes += _review_writes(run, prepared)
        try:
            outputs.write_all(writes)
        except outputs.OutputError as exc:
            raise UsageFailure(str(exc)) from None
    except BaseException:
        streamed.discard()  # what write_all did not move in place (a failure, Ctrl-C)
        if review_json is not None:
            review_json.discard()
        raise
    for target, report in reports:
        if target is None:
            _echo(report, color)
    if streamed.jsonl is not None and streamed.jsonl.target.name == "-":
        _echo_file(streamed.jsonl.finish())
    if review_json is not None and review_json.out.target.name == "-":
        _echo_file(review_json.out.finish())
    if run.errors:
        checked = len(run.documents)
        raise UsageFailure(f"{len(run.errors)} of {checked + len(run.errors)} documents could not be checked "
                           f"(named above); the review covers the other {checked}")
    click.get_current_context().exit(exit_code(run, fail_on))


def _is_streamed(fmt: str, target, whole: bool = False) -> bool:
    """A review written document by document: JSON Lines, the HTML review as a directory, and
    the JSON review unless the run is kept whole anyway (`whole`)."""
    return fmt == "jsonl" or (fmt == "html" and target is not None and target.directory) \
        or (fmt == "json" and not whole)


def _unique_ids(paths: list[str], sample: bool) -> bool:
    """The documents' ids (their file names' stems) are known to differ: the JSON review lists
    results document after document, as it streams them, only then (two documents of one id
    have their results sorted together, which needs the whole run). Tables name their own."""
    from .errors import InputError
    from .read.discover import expand_paths
    from .read.table import is_table

    try:
        files = expand_paths(paths)
    except InputError:
        return False  # said by the run
    stems = [f.stem for f in files] + ([Path(SAMPLE).stem] if sample else [])
    return not any(is_table(f) for f in files) and len(set(stems)) == len(stems)


def _json_output(targets, streamed):
    """The JSON review written as documents arrive (report.json.ResultsWriter), staged like
    the JSON Lines review; None when not asked for."""
    from .report.json import ResultsWriter

    for fmt, target in targets:
        if fmt == "json":
            try:
                return ResultsWriter(outputs.LinesOutput(target or outputs.Target("--format", "-", Path("-"),
                                                                                   stream=True)))
            except OSError as exc:
                streamed.discard()
                raise UsageFailure(f"cannot stage the outputs ({exc.strerror or exc})") from None
    return None


def _run_options(engine: str | None, scheduler: str | None, cache_dir: str | None, jobs: int) -> dict:
    """--engine, --scheduler, --cache checked before the run: the keyword arguments of the
    pipeline that say where documents are checked and what is reused."""
    if scheduler and engine == "local":
        raise UsageFailure("--scheduler needs --engine dask (the local engine runs on this machine)")
    engine = engine or ("dask" if scheduler else "local")
    if engine == "dask" and find_spec("distributed") is None:
        raise UsageFailure('--engine dask needs Dask distributed: pip install "reportcheck[dask]"')
    options = {"engine": engine, "scheduler": scheduler or None}
    if cache_dir:
        from .cache import Cache, CacheError

        try:
            options["cache"] = Cache(cache_dir)
        except CacheError as exc:
            raise UsageFailure(str(exc)) from None
    return options


def _streamed_outputs(targets, fig_target, prepared: dict, fail_on: str):
    """The outputs written as documents arrive (JSON Lines, the HTML directory, the Parquet
    directory), each staged in a temporary place until the commit."""
    from .streaming import Streamed

    streamed = Streamed(baseline=prepared["baseline"], fail_on_stale=prepared["fail_on_stale"], fail_on=fail_on)
    try:
        for fmt, target in targets:
            if fmt == "jsonl":
                # standard output: staged in a temporary file too, and printed once the run is done
                streamed.jsonl = outputs.LinesOutput(target or outputs.Target("--format", "-", Path("-"), stream=True))
            elif fmt == "html" and target is not None and target.directory:
                streamed.pages = outputs.DirectoryOutput(target)
        if fig_target is not None and fig_target.directory:
            streamed.parts = outputs.DirectoryOutput(fig_target)
    except OSError as exc:
        streamed.discard()
        raise UsageFailure(f"cannot stage the outputs ({exc.strerror or exc})") from None
    return streamed


def _run_whole(paths, year, rules, validate, report_rules, own_rules, jobs, fail_fast, progress, options):
    """The whole Run in memory (pipeline.run), for the writers and options that need it."""
    from . import pipeline
    from .errors import InputError

    try:
        return pipeline.run(paths, year=year, rule_files=rules, validate=validate, report_rules=report_rules,
                            report_rule_files=own_rules, jobs=jobs, fail_fast=fail_fast, progress=progress,
                            **options)
    except InputError as exc:
        raise UsageFailure(str(exc)) from None


def _run_streamed(streamed, paths, year, rules, validate, report_rules, own_rules, jobs, fail_fast, progress,
                  options, review_json=None):
    """A corpus checked and written document by document (streaming.Streamed, and the JSON
    review's results: `review_json`); a Run of counts."""
    from . import pipeline
    from .errors import InputError

    try:
        corpus = pipeline.open_corpus(paths, rules)
        progress.start(len(corpus.files))
        streamed.rules = corpus.rules
        for event in pipeline.check_corpus(corpus, year=year, validate=validate, report_rules=report_rules,
                                           report_rule_files=own_rules, jobs=jobs, **options):
            if isinstance(event, DocumentError):
                if fail_fast:
                    raise UsageFailure(event.message)
                streamed.error(event)
            else:
                streamed.checks = corpus.checks_info()
                reviewed = streamed.add(event)  # with the baseline's review
                if review_json is not None:
                    review_json.add(reviewed.summary, reviewed.results)
            progress.update(event)
    except InputError as exc:
        raise UsageFailure(str(exc)) from None
    run = streamed.finish(corpus.rules, corpus.checks_info())
    if review_json is not None:
        review_json.finish(run)
    return run


def _echo_file(path: str) -> None:
    """A staged output printed on standard output, in pieces (it may be large)."""
    try:
        with open(path, encoding="utf-8") as fh:
            while chunk := fh.read(1 << 20):
                _echo(chunk, False)
    finally:
        with suppress(OSError):
            os.unlink(path)


if __name__ == "__main__":  # pragma: no cover
    main()
