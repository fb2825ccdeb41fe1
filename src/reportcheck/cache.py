"""Incremental runs (`--cache DIR`): a report checked before, with the same bytes, the same
effective rules and the same tool, reuses its stored results and figures instead of being
checked again.

The key of a report is a SHA-256 over
- the file's bytes, its name and the names of the three directories above it, and --year: the
  text as read (decoding, the year and the country found) is a function of these and of the
  tool, so a hit never reads the report again (its text is read only for a writer that shows it);
- the effective rules: the canonical JSON of the merged rules (defaults, --rules files, the
  report's own rule file; with the files' names, which findings on declared rules quote);
- the tool: its version and a hash of the package's own files (code, rule files, templates),
  so that an edited checkout is a new tool too.

An entry is three files under DIR/v2/<2 hex>/: `<key>.json` (the document's summary, the counts
of its results and the SHA-256 of its text), `<key>.results.json.gz` (its results) and
`<key>.figures.json.gz` (its figures table), the last two read only when something needs them;
and one file per streamed output rendered from it, `<key>.<kind>` (its JSON Lines records, its
HTML page, its Parquet part: the bytes, after a JSON header naming the entry, the kind, their
SHA-256 and a digest of the options the output depends on besides the entry, its "context"),
so that a second run copies them instead of rendering them again (one per kind: the last
context written). JSON and bytes, not pickle: a cache restored by a CI system is data, never
code. Each file is written atomically (a temporary file renamed in place), so a run killed
midway leaves whole entries or none. An entry that cannot be read back as one of ours (truncated, edited, another
tool's, another key's) is ignored and the report checked again: a cache never fails a run.
Figures tables read from files (check-report TABLE) are always checked again.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import math
import os
import tempfile
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from .model import DocumentSummary, Evidence, Result, Tally
from .version import __version__

FORMAT = "reportcheck-cache"
LAYOUT = "v2"  # v2: results apart from the summary, rendered outputs


class CacheError(Exception):
    """The cache directory cannot be used (not a directory, cannot be created or written)."""


@lru_cache(maxsize=1)
def tool_digest() -> str:
    """The tool's version and a hash of the package's files: a new release or an edited
    checkout invalidates every entry."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for f in sorted(root.rglob("*")):
        if f.suffix in (".py", ".yml", ".yaml", ".j2", ".json") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(root)).encode() + b"\0")
            h.update(f.read_bytes())
    return h.hexdigest()


def rules_digest(rules: dict) -> str:
    """The canonical JSON of merged rules (keys sorted), hashed."""
    text = json.dumps(rules, sort_keys=True, ensure_ascii=False, default=repr, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_key(path, data: bytes, rules_hash: str, year: int | None, tool: str | None = None) -> str:
    """The key of a report: its bytes, its name and the directories above it (the year may come
    from them), --year, the effective rules' hash and the tool's."""
    p = Path(path)
    h = hashlib.sha256()
    for part in (FORMAT, LAYOUT, tool or tool_digest(), rules_hash, str(year), p.name, *p.parent.parts[-3:]):
        h.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


# --- values as JSON, types kept ------------------------------------------------------------------
# A result's `details` are plain data; tuples, sets and dates are tagged so that they come back
# as they were (a writer may show a tuple differently from a list). Anything else: not stored.


class _Unstorable(Exception):
    pass


def _encode(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return {"__f": repr(value)} if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"__m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"__t": [_encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"__s" if isinstance(value, set) else "__fs": [_encode(v) for v in value]}
    if isinstance(value, dt.datetime):
        return {"__dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__d": value.isoformat()}
    raise _Unstorable(type(value).__name__)


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag == "__f":
            return float(inner)
        if tag == "__m":
            return {_key(_decode(k)): _decode(v) for k, v in inner}
        if tag == "__t":
            return tuple(_decode(v) for v in inner)
        if tag == "__s":
            return {_key(_decode(v)) for v in inner}
        if tag == "__fs":
            return frozenset(_key(_decode(v)) for v in inner)
        if tag == "__dt":
            return dt.datetime.fromisoformat(inner)
        if tag == "__d":
            return dt.date.fromisoformat(inner)
    return {k: _decode(v) for k, v in value.items()}


def _key(value):
    return tuple(_key(v) for v in value) if isinstance(value, list) else value


def _result_out(r: Result) -> dict:
    out = {f.name: getattr(r, f.name) for f in dataclasses.fields(r) if f.name != "evidence"}
    out["evidence"] = [dataclasses.asdict(e) for e in r.evidence]
    return _encode(out)


def _result_in(data: dict) -> Result:
    data = _decode(data)
    evidence = [Evidence(**e) for e in data.pop("evidence")]
    return Result(**data, evidence=evidence)


# --- the cache ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Entry:
    summary: DocumentSummary
    tally: Tally  # of its results as stored (no baseline applied): what a run counts without reading them
    text_sha256: str
    results_file: Path
    figures_file: Path
    key: str
    validated: bool = False  # its figures table met the schema when it was stored

    def load_results(self) -> list[Result]:
        """The stored results. Raises when they cannot be read (the caller checks the document
        again)."""
        with gzip.open(self.results_file, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("key") != self.key:
            raise ValueError("not the results of this entry")
        return [_result_in(r) for r in data["results"]]

    def load_figures(self):
        """The stored figures table, typed as the schema says. Raises when it cannot be read
        (the caller checks the document again)."""
        import pandas as pd

        from .schema import coerce

        with gzip.open(self.figures_file, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        rows = [[_decode(v) for v in row] for row in data["rows"]]
        return coerce(pd.DataFrame(rows, columns=data["columns"]))


class Cache:
    def __init__(self, directory):
        self.root = Path(directory)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".probe."):
                pass
        except OSError as exc:
            raise CacheError(f"--cache {directory}: cannot use it as a cache directory "
                             f"({exc.strerror or exc})") from None
        self.hits = self.misses = self.stored = 0

    def outputs(self, key: str) -> Outputs:
        """The rendered outputs of the entry `key` (stored with it, read back while it is valid)."""
        return Outputs(self, key)

    def _paths(self, key: str) -> tuple[Path, Path, Path]:
        folder = self.root / LAYOUT / key[:2]
        return folder / f"{key}.json", folder / f"{key}.results.json.gz", folder / f"{key}.figures.json.gz"

    def load(self, key: str, path: str) -> Entry | None:
        """The entry stored under `key` (its summary's path set to `path`, where the report is
        now), or None: none stored, or one that is not a whole entry of ours for this key. Its
        results and figures are read when asked for (Entry.load_results, load_figures)."""
        meta, results, figures = self._paths(key)
        try:
            with open(meta, encoding="utf-8") as fh:
                data = json.load(fh)
            if data.get("format") != FORMAT or data.get("key") != key or not (figures.is_file() and results.is_file()):
                raise ValueError("not an entry for this key")
            summary = DocumentSummary(**{**data["summary"], "path": str(path)})
            entry = Entry(summary=summary, tally=Tally(**data["tally"]), text_sha256=str(data["text_sha256"]),
                          results_file=results, figures_file=figures, key=key,
                          validated=data.get("validated") is True)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def store(self, key: str, summary: DocumentSummary, results: list[Result], figures, text_sha256: str,
              validated: bool = False) -> bool:
        """Store a checked report; False (and nothing stored) when its results hold a value the
        cache cannot keep as it is, or the directory cannot be written: it is checked again next time.
        `validated`: the figures table met the schema (a run with --figures-out need not check it
        again when it reuses the entry)."""
        meta, results_file, figures_file = self._paths(key)
        try:
            tally = Tally()
            tally.add(results)
            data = {"format": FORMAT, "key": key, "tool": __version__, "summary": dataclasses.asdict(summary),
                    "tally": dataclasses.asdict(tally), "text_sha256": text_sha256, "validated": bool(validated)}
            stored = {"key": key, "results": [_result_out(r) for r in results]}
            columns = [str(c) for c in figures.columns]
            rows = [[_encode(_plain(v)) for v in row] for row in figures.itertuples(index=False, name=None)]
            meta.parent.mkdir(parents=True, exist_ok=True)
            # the results and figures first: an entry whose .json exists is whole
            _atomic(results_file, gzip.compress(json.dumps(stored, ensure_ascii=False).encode("utf-8"),
                                                compresslevel=3))
            _atomic(figures_file, gzip.compress(json.dumps({"columns": columns, "rows": rows},
                                                           ensure_ascii=False).encode("utf-8"), compresslevel=3))
            _atomic(meta, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except (_Unstorable, OSError, TypeError, ValueError):
            return False
        self.stored += 1
        return True


@dataclasses.dataclass(frozen=True)
class Outputs:
    """A cache entry's rendered outputs, by kind ("jsonl", "page", "part"). `context` is a
    digest of what the output depends on besides the entry (the report's path as given, the
    run's options): an output stored under another context is not reused, and is replaced.
    Stored as they are written (no compression: a warm run copies them), after a JSON header
    line naming the entry, the kind, the context and the SHA-256 of the bytes."""

    cache: Cache
    key: str

    def _path(self, kind: str) -> Path:
        return self.cache.root / LAYOUT / self.key[:2] / f"{self.key}.{kind}"

    def get(self, kind: str, context: str) -> bytes | None:
        """The stored bytes, or None: none stored, another context, or a file that is not a whole
        one of ours (truncated or altered: its SHA-256 differs)."""
        try:
            head, _, data = self._path(kind).read_bytes().partition(b"\n")
            if json.loads(head) != {"format": FORMAT, "key": self.key, "kind": kind, "context": context,
                                    "sha256": hashlib.sha256(data).hexdigest()}:
                return None
        except (OSError, ValueError):
            return None
        return data

    def put(self, kind: str, context: str, data: bytes) -> None:
        """Store the bytes (atomically); a directory that cannot be written is no failure."""
        head = {"format": FORMAT, "key": self.key, "kind": kind, "context": context,
                "sha256": hashlib.sha256(data).hexdigest()}
        with suppress(OSError):
            _atomic(self._path(kind), json.dumps(head).encode() + b"\n" + data)


def context_digest(*parts) -> str:
    """The digest of an output's context: its parts as canonical JSON."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _plain(value):
    """A DataFrame cell as a plain Python value (numpy scalars, pandas' missing values)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "item"):
        return value.item()
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    raise _Unstorable(type(value).__name__)


def _atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


__all__ = ["Cache", "CacheError", "Entry", "Outputs", "context_digest", "document_key", "rules_digest", "tool_digest"]
