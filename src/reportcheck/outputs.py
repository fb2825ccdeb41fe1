"""Writing check-report's outputs: the review reports (--output, --output-dir), the figures
table (--figures-out) and the baseline (--write-baseline).

Every output path is checked before the run (`check_target`), and written after it in two
phases (`write_all`): each output to a temporary file first, then all of them moved in place.
A failed or interrupted run leaves no output half-written, and when one of several outputs
cannot be written, none is.

What an output path may be:

- a regular file, or a new name in an existing directory we can write in: written atomically
  (a temporary file next to it, renamed over it);
- a symlink to one of those: written the same way at the link's target, so the link stays a
  link;
- a character device or a FIFO (`/dev/null`, a named pipe), or a file descriptor's name
  (`/dev/stdout`, `/dev/fd/3`): written to as a stream, never replaced;
- anything else is refused before the run, with one line: a directory, a block device, a
  socket, a symlink loop, a dangling symlink into a missing directory, a name too long, a path
  through a non-directory, a directory we cannot write in.

Cheap to import (the CLI imports it for --help): no pandas here; figures tables arrive as
DataFrames. Imports flow one way (cli -> pipeline -> report -> ...): nothing here imports
reportcheck.cli or reportcheck.pipeline.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

DATAPACKAGE = "datapackage.json"  # --figures-out DIR/datapackage.json: a Frictionless Data Package

# what a failed lookup means, in the user's words
_WHY = {
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
    errno.ENAMETOOLONG: "file name too long",
    errno.ENOTDIR: "a part of the path is not a directory",
}
# names of file descriptors: written to as the descriptor is, never replaced by a file
_FD_NAME = re.compile(r"^/dev/(?:stdout|stderr|fd/\d+)$|^/proc/[^/]+/fd/\d+$")


class OutputError(Exception):
    """An output that cannot be written: the one line the user sees (without the program's name)."""


@dataclass(frozen=True)
class Target:
    """Where an output goes: `name` as the user gave it (for messages), `path` where the bytes
    go (the file itself, a symlink's target, or the stream), `stream` for devices and FIFOs."""

    option: str
    name: str
    path: Path
    stream: bool = False
    directory: bool = False  # a directory written whole (the HTML review's pages, a partitioned Parquet table)


def is_directory_name(name: str) -> bool:
    """An output named with a trailing slash (`-o review/`, `--figures-out figures/`) is a
    directory of files: the HTML review's pages, the figures table's Parquet parts."""
    return name.endswith(("/", os.sep))


#: the file that marks a directory as one check-report wrote: only such a directory (or an
#: empty one) is replaced by the next run, never a directory of the user's
MARKER = ".check-report"


def check_directory_target(option: str, name: str) -> Target:
    """Where the directory output `name` will be written, or OutputError: a new directory in an
    existing one we can write in, an empty directory, or one that check-report wrote before
    (it holds MARKER), which is then replaced whole. Called before the run."""
    path = Path(name)

    def refuse(why: str):
        raise OutputError(f"{option} {name}: {why}")

    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        refuse(_why(exc))
    dest = Path(os.path.realpath(path))
    if st is not None:
        if not stat.S_ISDIR(st.st_mode):
            refuse("exists and is not a directory; a name ending in / is written as a directory")
        try:
            entries = os.listdir(dest)
        except OSError as exc:
            refuse(_why(exc))
        if entries and not (dest / MARKER).is_file():
            refuse(f"is a directory check-report did not write (not empty, no {MARKER} in it); "
                   "give a new or empty directory")
    if not dest.parent.is_dir():
        refuse(f"directory {str(dest.parent)!r} does not exist")
    try:  # the very operation the write will do, now rather than after the run
        os.rmdir(tempfile.mkdtemp(prefix=f".{dest.name[:64]}.", suffix=".tmp", dir=dest.parent))
    except OSError as exc:
        refuse(f"cannot write in {str(dest.parent)!r} ({_why(exc)})")
    return Target(option, name, dest, directory=True)


def _why(exc: OSError) -> str:
    return _WHY.get(exc.errno, exc.strerror or str(exc))


def check_target(option: str, name: str) -> Target:
    """Where the output `name` (given with `option`) will be written, or OutputError (one line)
    when it cannot be. Called before the run, so that nothing is computed for nothing."""
    path = Path(name)

    def refuse(why: str):
        raise OutputError(f"{option} {name}: {why}")

    try:
        st = os.stat(path)  # follows symlinks: what the bytes would reach
    except FileNotFoundError:
        st = None  # a new file, or a dangling symlink
    except OSError as exc:
        refuse(_why(exc))
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            refuse("is a directory")
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or _FD_NAME.match(os.path.abspath(name)):
            if not os.access(path, os.W_OK):
                refuse("Permission denied")
            return Target(option, name, path, stream=True)
        if not stat.S_ISREG(st.st_mode):
            kind = "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
                else "not a regular file"
            refuse(f"is {kind}; write to a file, a character device or a FIFO")
    dest = Path(os.path.realpath(path))  # a symlink's (possibly dangling) target; the file itself otherwise
    if not dest.parent.is_dir():
        if path.is_symlink():
            refuse(f"is a symlink to {dest}, whose directory does not exist")
        refuse(f"directory {str(path.parent)!r} does not exist")
    try:  # the very operation the write will do, now rather than after the run
        fd, probe = _temporary(dest)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        refuse(f"cannot write in {str(dest.parent)!r} ({_why(exc)})")
    return Target(option, name, dest)


# --- writing --------------------------------------------------------------------------------


def _temporary(dest: Path | None) -> tuple[int, str]:
    """A new temporary file next to `dest` (in the system's temporary directory for None). Its
    name is dest's cut short, so that a long name still leaves room for the temporary's."""
    if dest is None:
        return tempfile.mkstemp(prefix=".check-report.", suffix=".tmp")
    return tempfile.mkstemp(prefix=f".{dest.name[:64]}.", suffix=".tmp", dir=dest.parent)


def _failed(target: Target, exc: OSError) -> OutputError:
    return OutputError(f"{target.option} {target.name}: cannot write ({_why(exc)})")


def _stage(target: Target, write: Callable[[str], None]) -> str:
    """write(tmp) into a temporary file: next to the target, to be renamed over it, or for a
    stream in the system's temporary directory, to be copied to it. Returns its name."""
    fd, tmp = _temporary(None if target.stream else target.path)
    os.close(fd)
    try:
        write(tmp)
        if not target.stream:
            umask = os.umask(0)  # the file gets the usual permissions, not the temporary's private ones
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _copy_to_stream(tmp: str, path: Path) -> None:
    # append: a descriptor's name (/dev/stdout redirected with >>) must not be truncated
    with open(tmp, "rb") as src, open(path, "ab") as dst:
        shutil.copyfileobj(src, dst)


@contextmanager
def _no_interrupt():
    """Ctrl-C waits until the renames are done: the outputs move in place all together."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_all(writes: list[tuple[Target, Callable[[str], None]]]) -> None:
    """Each (target, write) with write(tmp_path) writing the output to a file (or a LinesOutput
    or DirectoryOutput written during the run): all written to temporary files first, then the
    streams written and the files (and directories) moved in place. When one
    cannot be written, the temporary files are removed, no file is replaced, and OutputError
    says which (a stream already written cannot be taken back: streams are written first, so a
    failing one stops the renames)."""
    staged: list[tuple[Target, str]] = []
    try:
        for target, write in writes:
            try:
                staged.append((target, write.finish() if isinstance(write, (LinesOutput, DirectoryOutput))
                               else _stage(target, write)))
            except OSError as exc:
                raise _failed(target, exc) from None
        for target, tmp in staged:
            if target.stream:
                try:
                    _copy_to_stream(tmp, target.path)
                except OSError as exc:
                    raise _failed(target, exc) from None
        with _no_interrupt():
            for target, tmp in [s for s in staged if not s[0].stream]:
                try:
                    if target.directory:
                        _replace_directory(tmp, target.path)
                    else:
                        os.replace(tmp, target.path)
                except OSError as exc:
                    raise _failed(target, exc) from None
                staged.remove((target, tmp))
    finally:
        for target, tmp in staged:  # what was not moved in place
            with suppress(OSError):
                if target.directory:
                    shutil.rmtree(tmp)
                else:
                    os.unlink(tmp)


def _replace_directory(tmp: str, dest: Path) -> None:
    """The staged directory moved in place: a directory there before (empty, or one we wrote)
    is moved aside first, then removed; if the move fails it is put back."""
    old = None
    if os.path.lexists(dest):
        old = tempfile.mkdtemp(prefix=f".{dest.name[:64]}.", suffix=".old", dir=dest.parent)
        os.rmdir(old)
        os.rename(dest, old)
    try:
        os.rename(tmp, dest)
    except OSError:
        if old is not None:
            os.rename(old, dest)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class LinesOutput:
    """An output written while the run goes on (the JSON Lines review): appended to a temporary
    file as documents arrive, moved in place (or copied to a stream) by write_all with the
    others, so that it is whole or absent like every output."""

    def __init__(self, target: Target):
        self.target = target
        fd, self.tmp = _temporary(None if target.stream else target.path)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self.fh.write(text)

    def finish(self) -> str:
        self.fh.close()
        if not self.target.stream:
            umask = os.umask(0)  # the usual permissions, not the temporary's private ones
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)
        return self.tmp

    def discard(self) -> None:
        with suppress(OSError):
            self.fh.close()
        with suppress(OSError):
            os.unlink(self.tmp)


class DirectoryOutput:
    """A directory output (check_directory_target) filled file by file in a temporary directory
    next to it while the run goes on, and moved in place by write_all."""

    def __init__(self, target: Target):
        self.target = target
        self.tmp = tempfile.mkdtemp(prefix=f".{target.path.name[:64]}.", suffix=".tmp", dir=target.path.parent)
        with open(os.path.join(self.tmp, MARKER), "w", encoding="utf-8") as fh:
            fh.write("Written by check-report; the next run to this directory replaces it whole.\n")

    def path(self, name: str) -> str:
        """Where the file `name` (a relative path, folders created) is staged."""
        full = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return full

    def write_text(self, name: str, text: str) -> None:
        with open(self.path(name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    def write_bytes(self, name: str, data: bytes) -> None:
        with open(self.path(name), "wb") as fh:
            fh.write(data)

    def finish(self) -> str:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o777 & ~umask)  # mkdtemp's is private
        return self.tmp

    def discard(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def text_write(text: str) -> Callable[[str], None]:
    """A write(tmp) for text: UTF-8, newlines as written."""
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    return write


def write_atomically(path: Path, write: Callable[[str], None]) -> None:
    """write(tmp) on a temporary file next to `path`, then moved over it (for one file written
    outside the command, e.g. by tests and library callers). Raises OSError."""
    tmp = _stage(Target("", str(path), Path(path)), write)
    try:
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


# --- the figures table -------------------------------------------------------------------------

# OWASP's CSV injection guidance: a cell starting with one of these is a formula to a spreadsheet
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)", "-12 degrees"),
    prefixed with a single quote; anything else, and text that is a plain number ("-3"), as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_text_columns(table):
    """The DataFrame with every text column's cells neutralised; numeric and boolean columns as
    they are (a number stays a number)."""
    out = table.copy()
    for col in out.columns:
        if out[col].dtype.kind == "O":  # object and string columns; numbers, bools and dates are other kinds
            out[col] = out[col].map(neutralise, na_action="ignore")
    return out


def write_csv(table, path) -> None:
    """`table` as CSV for spreadsheets too (OWASP's CSV injection guidance): text cells
    neutralised (neutralise) and quoted, so that a carriage return inside one cannot end its
    row; numbers unquoted, so that they stay numbers; the header as plain names."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow([str(c) for c in table.columns])
        neutralise_text_columns(table).to_csv(fh, index=False, header=False, lineterminator="\n",
                                              quoting=csv.QUOTE_NONNUMERIC)


def with_provenance(figures, documents, texts: dict, table: Path, hashes: dict | None = None):
    """The figures table with where each row's report is (`document_path`, relative to the
    table's directory) and the SHA-256 of its text (`document_sha256`), so that
    `check-report TABLE` finds the text again (reportcheck.read.table). Rows of a table that
    was itself checked (no report text) keep what they had. `hashes`: document id -> the
    SHA-256 of its text, when known without the text (a cached document)."""
    from .read.table import report_path_for_table, text_hash

    if figures is None or not len(figures) or "document" not in figures.columns:
        return figures
    known, paths, hashes = dict(hashes or {}), {}, {}
    for d in documents:
        table_info = getattr(d, "table", None)
        if table_info:
            report = table_info.get("report")
            if report and d.id in texts:
                paths[d.id], hashes[d.id] = report_path_for_table(report, table), text_hash(texts[d.id])
            continue
        if d.id in known:
            paths[d.id], hashes[d.id] = report_path_for_table(d.path, table), known[d.id]
        elif d.id in texts:
            paths[d.id], hashes[d.id] = report_path_for_table(d.path, table), text_hash(texts[d.id])
    out = figures.copy()
    ids = out["document"].astype(str)
    out["document_path"] = ids.map(paths).fillna("")
    out["document_sha256"] = ids.map(hashes).fillna("")
    return out


def figures_writes(figures, target: Target, documents=(), texts=None, data: Target | None = None) -> list:
    """The (target, write) pairs that write the figures table to `target`: CSV (text cells
    neutralised against formula injection), JSON (a list of records) or Parquet, by the
    name's extension; `DIR/datapackage.json`: a Frictionless Data Package, its CSV to `data`
    (reportcheck.datapackage).

    Infinite bounds ("at least 29": high = inf) are "inf" in CSV and JSON, like in the review
    JSON; Parquet keeps them as floats. With `documents` and `texts` (the Run's), each row also
    records its report's path and text hash (with_provenance), relative to the name given."""
    if figures is None:
        import pandas as pd

        figures = pd.DataFrame()
    given = Path(target.name)
    if texts:
        figures = with_provenance(figures, documents, texts, given)
    if given.name.lower() == DATAPACKAGE:
        from .datapackage import write_datapackage

        # the package's CSV is data read against its Table Schema: its values stay the report's words
        writes = []
        by_name = {given: target, **({Path(data.name): data} if data is not None else {})}
        write_datapackage(figures, given, documents,
                          write=lambda path, fn: writes.append((by_name.get(Path(path)) or _plain(path), fn)))
        return writes
    suffix = given.suffix.lower()
    if suffix == ".csv":
        return [(target, lambda tmp: write_csv(figures, tmp))]
    if suffix == ".json":
        table = figures.copy()
        for col in table.select_dtypes(include="floating").columns:
            s = table[col]
            if s.isin([float("inf"), float("-inf")]).any():
                table[col] = s.astype(object).mask(s == float("inf"), "inf").mask(s == float("-inf"), "-inf")
        return [(target, lambda tmp: table.to_json(tmp, orient="records", lines=False, date_format="iso",
                                                   force_ascii=False))]
    if suffix == ".parquet":
        return [(target, lambda tmp: figures.to_parquet(tmp, engine="pyarrow", index=False))]
    raise OutputError(f"{target.option} {target.name}: use .csv, .json or .parquet")


def parquet_schema():
    """The figures table's columns (and its provenance) as an Arrow schema, so that the parts of
    a partitioned table agree even when a part's text column is empty or all null."""
    import pyarrow as pa

    from .schema import COLUMNS, PROVENANCE

    kinds = {"str": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(name, kinds.get(dtype, pa.string()), nullable=True)
                      for name, (dtype, _, _) in {**COLUMNS, **PROVENANCE}.items()])


def parquet_part(figures, schema) -> bytes:
    """One part of a partitioned figures table (--figures-out DIR/), as the bytes of its file:
    the table's columns in the shared schema's order, the provenance columns empty when absent."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = figures.copy()
    for name in schema.names:
        if name not in table.columns:
            table[name] = None if len(table) else []
    table = pa.Table.from_pandas(table[schema.names], schema=schema, preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def _plain(path) -> Target:
    return Target("--figures-out", str(path), Path(path))


__all__ = ["DATAPACKAGE", "FORMULA_START", "MARKER", "DirectoryOutput", "LinesOutput", "OutputError", "Target",
           "check_directory_target", "check_target", "figures_writes", "is_directory_name", "neutralise",
           "neutralise_text_columns", "parquet_part", "parquet_schema", "text_write", "with_provenance", "write_all",
           "write_atomically", "write_csv"]
