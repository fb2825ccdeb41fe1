"""Rule files: the shipped defaults merged with the user's own (YAML).

A rule file is a mapping. Merging is by key, recursively for mappings, so a user file that
says `checks: {RC101: {severity: warning}}` changes that one value and nothing else. The
report-specific rules of a file (`rules:`, a list; see reportcheck.link.declared) add up
instead: each file's entries are appended to those of the files before it, and every entry
keeps the file and line it came from (`_source`, `_line`) for the messages that name it.
"""
from __future__ import annotations

import copy
import difflib
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import InputError
from .settings import check_settings, compile_bound, expand_severity

DEFAULT_RULES = "default.yml"


# libyaml's loader is ~10x faster than the pure-Python one; rule files load on every run.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """yaml.safe_load with the C loader when PyYAML was built with libyaml."""
    return yaml.load(text, Loader=_Loader)  # a safe loader (CSafeLoader or SafeLoader)


# A user's YAML file is small; one that is not, or that expands to more nodes than this through
# its aliases (a "billion laughs": a 726-byte file that names nine lists nine times each, nine
# deep), is refused before anything walks or copies it.
MAX_YAML_BYTES = 5 * 2**20
MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 200


def _expanded_size(root) -> int:
    """The number of nodes of a composed YAML tree with every alias expanded (aliases are the
    same node objects, counted once per use), stopping past MAX_YAML_NODES."""
    sizes: dict[int, int] = {}
    stack = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if id(node) in sizes:
            continue
        if depth > MAX_YAML_DEPTH:
            return MAX_YAML_NODES + 1
        children = ([c for kv in node.value for c in kv] if isinstance(node, yaml.MappingNode)
                    else list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        if done or not children:
            sizes[id(node)] = min(MAX_YAML_NODES + 1, 1 + sum(sizes[id(c)] for c in children))
            continue
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


_TAG_WORDS = {"timestamp": "a date", "int": "an integer", "float": "a number", "bool": "true or false"}


def _unbuildable(root, exc: Exception, where: str) -> str:
    """The one line for a value YAML recognised but could not build (`date: 2024-02-30`, `!!int
    x`): the file, the line and the value, found by building each scalar of the tree again."""
    loader = yaml.SafeLoader("")
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except (ValueError, TypeError, OverflowError) as found:
                what = _TAG_WORDS.get(node.tag.rsplit(":", 1)[-1], "a value")
                return f"{where}:{node.start_mark.line + 1}: {node.value!r} is not {what} ({found})"
        elif isinstance(node, yaml.MappingNode):
            stack += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += list(reversed(node.value))
    return f"{where}: not valid YAML ({type(exc).__name__}: {exc})"


def parse_yaml(text: str, where: str, with_tree: bool = False):
    """The YAML document in `text` (with its composed node tree, for line numbers, when
    `with_tree`); a YAML error, or a document too large or too deep once its aliases are
    expanded, is an InputError naming `where` and the line."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is not None and _expanded_size(root) > MAX_YAML_NODES:
                raise InputError(f"{where}: too large once its aliases are expanded (more than "
                                 f"{MAX_YAML_NODES:,} values, or nested more than {MAX_YAML_DEPTH} deep)")
            try:
                data = loader.construct_document(root) if root is not None else None
            except (ValueError, TypeError, OverflowError) as exc:  # a value recognised but not built
                raise InputError(_unbuildable(root, exc, where)) from None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}{line}: not valid YAML ({problem})") from None
    except RecursionError:
        raise InputError(f"{where}: nested too deep") from None
    return (data, root) if with_tree else data


def _load_yaml(text: str, where: str, with_tree: bool = False):
    data, root = parse_yaml(text, where, with_tree=True)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{where}:1: a rule file must be a mapping (key: value), not {type(data).__name__}")
    return (data, root) if with_tree else data


@lru_cache(maxsize=1)
def _default_text() -> str:
    return resources.files("reportcheck.rules").joinpath(DEFAULT_RULES).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _defaults_cached() -> dict:
    return _load_yaml(_default_text(), "default.yml")


def _defaults() -> dict:
    """The shipped defaults (a fresh copy: callers may change what they get)."""
    return copy.deepcopy(_defaults_cached())


def merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_rules(paths: list[str | Path] = ()) -> dict:
    """The default rules with each of `paths` merged over them, in order.

    Each user file is checked against the shape of the defaults first (validate_rule_file), so
    a typo in a key or a severity is an input error that names the file and line."""
    rules = _defaults()
    for p in paths:
        rules = merge_rule_file(rules, p)
    return rules


def read_text_file(path: Path, what: str, missing: str = "", limit: int = MAX_YAML_BYTES) -> str:
    """The UTF-8 text of a user's YAML file (`what`: "rule file", "baseline file"); a file that
    cannot be read is an InputError of one line naming it (`missing`: a hint when it is not there).

    Only a regular file of at most `limit` bytes is read: /dev/zero would never end, a FIFO
    would wait for a writer (opened without blocking, then refused by what it is)."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: {what} not found{missing}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a directory, not a {what}")
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: is not a regular file (a device, FIFO or socket), not a {what}")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(f"{path}: {what} is larger than {limit // 2**20} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: {what} is not UTF-8 text") from None


def read_rule_file(path: str | Path) -> dict:
    """One user rule file, read, checked (validate_rule_file) and with every `rules:` entry
    marked with the file and line it came from."""
    path = Path(path)
    text = read_text_file(path, "rule file")
    data, root = _load_yaml(text, str(path), with_tree=True)
    validate_rule_file(data, text, str(path))
    if data.get("rules"):  # each entry keeps its file and line, read off the one parse
        for i, entry in enumerate(data["rules"]):
            entry["_source"] = str(path)
            entry["_line"] = _line_at(root, ("rules", i))
    return data


def merge_rule_file(rules: dict, path: str | Path) -> dict:
    """`rules` (already loaded) with the user file at `path` merged over them: a new dict."""
    data = expand_severity(read_rule_file(path), _defaults_cached())
    entries = [*(rules.get("rules") or ()), *(data.get("rules") or ())]
    out = merge(rules, {k: v for k, v in data.items() if k != "rules"})
    if entries:
        out["rules"] = copy.deepcopy(entries)
    out["_sources"] = [*(rules.get("_sources") or ()), str(path)]
    return out


# --- the shape of a rule file ------------------------------------------------------------------

from .model import SEVERITIES  # noqa: E402  (the one list of severities)

TOP_LEVEL = ("version", "qualifiers", "numbers", "vague_quantities", "measures", "victims", "linking", "checks",
             "rules", "columns", "period")


def _compose(text: str):
    """The YAML node tree of `text` (None when it does not parse)."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def _line_at(node, keys: tuple) -> int:
    """The line (1-based) of what `keys` leads to in a composed YAML tree: a mapping key's
    line for a string, a list item's first line for an integer (1 if unknown)."""
    line = 1
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if str(k.value) == str(key):
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _line_of(text: str, keys: tuple) -> int:
    """The line (1-based) of the mapping key (or list item) at path `keys` in the YAML text."""
    return _line_at(_compose(text), keys)


def validate_rule_file(data: dict, text: str, where: str) -> None:
    """Refuse what the tool would silently ignore or misread: unknown keys, checks that do not
    exist, values of the wrong kind or out of bounds (reportcheck.settings), and malformed
    report-specific rules, column mappings and periods."""
    def fail(keys: tuple, message: str):
        raise InputError(f"{where}:{_line_of(text, keys)}: {message}")

    for key in data:
        if key not in TOP_LEVEL:
            near = difflib.get_close_matches(str(key), TOP_LEVEL, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            fail((key,), f"unknown key {key!r}{hint} (expected one of: {', '.join(TOP_LEVEL)})")
    check_settings(data, _defaults(), fail)
    if data.get("rules") is not None:  # `rules:` with every entry commented out is no rule
        _validate_declared(data["rules"], fail)
    if data.get("columns") is not None:
        _validate_columns(data["columns"], data, fail)
    if data.get("period") is not None:
        _validate_period(data["period"], fail)


# --- tables (`columns:`, `period:`) -----------------------------------------------------------


def _validate_columns(columns, data: dict, fail) -> None:
    """`columns:` maps the fields of a figures table (and measures, for wide tables) to a user
    table's columns: `{incident: event_id, killed: fatalities, date: event_date}`."""
    from .schema import FIELDS, MEASURE_KEYS

    if not isinstance(columns, dict):
        fail(("columns",), "columns must be a mapping of fields to the table's columns (killed: fatalities)")
    measures = set(_default_measures()) | set((data.get("measures") or {}).keys())
    for key, col in columns.items():
        at = ("columns", key)
        if key not in FIELDS and key not in measures:
            fail(at, f"columns.{key}: {key!r} is neither a field ({', '.join(FIELDS)}) nor a measure "
                     f"({', '.join(sorted(measures))})")
        if isinstance(col, dict) and key in measures:
            for k, v in col.items():
                if k not in MEASURE_KEYS:
                    fail(at + (k,), f"columns.{key}: unknown key {k!r} (expected: {', '.join(MEASURE_KEYS)})")
                if not isinstance(v, str) or not v:
                    fail(at + (k,), f"columns.{key}.{k} must be a column name")
            if not col:
                fail(at, f"columns.{key} names no column")
        elif not isinstance(col, str) or not col:
            fail(at, f"columns.{key} must be a column name (text)"
                 + (", or {value: ..., low: ..., high: ...}" if key in measures else ""))


@lru_cache(maxsize=1)
def _default_measures() -> tuple[str, ...]:
    return tuple((_defaults_cached().get("measures") or {}).keys())


def _validate_period(period, fail) -> None:
    """`period: [2020-01-01, 2020-12-31]`: the first and last day every dated figure must lie in."""
    import datetime as dt

    ok = isinstance(period, list) and len(period) == 2
    days = []
    for p in period if ok else ():
        try:
            days.append(p if isinstance(p, dt.date) else dt.date.fromisoformat(str(p)))
        except ValueError:
            ok = False
    if not ok or days[0] > days[1]:
        fail(("period",), "period must be [FIRST, LAST], two dates (YYYY-MM-DD), the first not after the last")


# --- report-specific rules (`rules:`) ---------------------------------------------------------

# kind -> {key: what it holds}; every key of a kind is required unless listed in RULE_OPTIONAL
RULE_KINDS = {
    "total": {"total": "figure", "parts": "figures", "breakdown": "breakdown"},
    "same_incident": {"mentions": "mentions"},
    "distinct": {"mentions": "mentions"},
    "part_of": {"part": "figure", "whole": "figure"},
    "date_order": {"before": "mention", "after": "mention"},
    "equals": {"figures": "figures"},
}
RULE_OPTIONAL = {"date_order": {"days": "days"}, "equals": {"tolerance": "ratio", "tolerance_abs": "amount"}}
RULE_COMMON = ("kind", "id", "severity", "note", "by")
REF_KEYS = ("quote", "section", "value")
SELECTOR_KEY = "where"  # a reference by columns: {where: {region: Gao, measure: killed}}
BREAKDOWNS = ("exhaustive", "partial")


def rule_name(entry: dict, index: int | None = None) -> str:
    """How messages name a rules entry: its id, else its kind, else its place in the list."""
    if isinstance(entry, dict):
        for key in ("id", "kind"):
            if isinstance(entry.get(key), str) and entry[key]:
                return f"rule {entry[key]!r}"
    return f"rules entry {index + 1}" if index is not None else "rule"


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _validate_declared(entries, fail) -> None:
    """Each entry of `rules:` has a known kind, every key its kind needs, no other keys, and
    references that are quotes (a string, or {quote, section, value})."""
    if not isinstance(entries, list):
        fail(("rules",), "rules must be a list of entries (- kind: total ...)")
    kinds = ", ".join(RULE_KINDS)
    ids: dict[str, int] = {}
    for i, entry in enumerate(entries):
        at = ("rules", i)
        if not isinstance(entry, dict):
            what = "nothing" if entry is None else type(entry).__name__
            fail(at, f"rules entry {i + 1} must be a mapping (kind: ..., and the keys of its kind), not {what}")
        name = rule_name(entry, i)
        kind = entry.get("kind")
        if kind is None:
            fail(at, f"{name}: missing key 'kind' (one of: {kinds})")
        if kind not in RULE_KINDS:
            fail(at + ("kind",), f"{name}: unknown kind {kind!r} (expected one of: {kinds})")
        spec = {**RULE_KINDS[kind], **RULE_OPTIONAL.get(kind, {})}
        for key in entry:
            if key not in spec and key not in RULE_COMMON:
                allowed = ", ".join([*spec, *RULE_COMMON[1:]])
                fail(at + (key,), f"{name}: unknown key {key!r} for kind {kind} (expected: {allowed})")
        for key in RULE_KINDS[kind]:
            if key not in entry:
                fail(at, f"{name}: kind {kind} needs {key!r} ({_WHAT[RULE_KINDS[kind][key]]})")
        for key, what in spec.items():
            if key in entry:
                _validate_value(entry[key], what, at + (key,), f"{name}: {key}", fail)
        if "id" in entry:
            if not isinstance(entry["id"], str) or not entry["id"].strip():
                fail(at + ("id",), f"rules entry {i + 1}: id must be a non-empty string")
            if entry["id"] in ids:
                fail(at + ("id",), f"{name}: the id is used twice (rules entries {ids[entry['id']]} and {i + 1})")
            ids[entry["id"]] = i + 1
        if "severity" in entry and entry["severity"] not in SEVERITIES:
            fail(at + ("severity",), f"{name}: {entry['severity']!r} is not a severity ({', '.join(SEVERITIES)})")
        if "note" in entry and not isinstance(entry["note"], str):
            fail(at + ("note",), f"{name}: note must be text")
        if kind == "equals" and "tolerance" in entry and "tolerance_abs" in entry:
            fail(at + ("tolerance_abs",), f"{name}: give tolerance (relative) or tolerance_abs, not both")
        if "by" in entry:
            by = entry["by"]
            by = [by] if isinstance(by, str) else by
            if not isinstance(by, list) or not by or not all(isinstance(b, str) and b for b in by):
                fail(at + ("by",), f"{name}: by must be a column name or a list of them (by: [month, measure])")


_WHAT = {
    "figure": "a quote naming one figure",
    "figures": "a list of quotes, each naming one figure",
    "mention": "a quote naming a mention",
    "mentions": "a list of two or more quotes, each naming a mention",
    "breakdown": "exhaustive or partial",
    "days": "a whole number of days, 0 or more",
    "ratio": "a relative tolerance such as 0.05",
    "amount": "an absolute tolerance such as 3",
}


def _validate_value(value, what: str, at: tuple, name: str, fail) -> None:
    if what in ("figure", "mention"):
        _validate_ref(value, at, name, fail)
    elif what == "figures" and isinstance(value, dict) and SELECTOR_KEY in value:
        _validate_ref(value, at, name, fail)  # one selector, the rows it selects: the parts, the figures
    elif what in ("figures", "mentions"):
        least = 1 if at[-1] == "parts" else 2  # a total may have one stated part; a comparison needs two
        if not isinstance(value, list) or len(value) < least:
            many = "one or more" if least == 1 else "two or more"
            fail(at, f"{name} must be a list of {many} quotes, each naming one {what[:-1]}")
        for j, ref in enumerate(value):
            _validate_ref(ref, at + (j,), f"{name}[{j + 1}]", fail)
    elif what == "breakdown":
        if value not in BREAKDOWNS:
            fail(at, f"{name}: {value!r} is not exhaustive or partial")
    elif what == "days":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            fail(at, f"{name} must be {_WHAT[what]}, not {value!r}")
    elif what in ("ratio", "amount") and (not _is_number(value) or value < 0 or (what == "ratio" and value >= 1)):
        bound = "between 0 and 1" if what == "ratio" else "0 or more"
        fail(at, f"{name} must be a number {bound} ({_WHAT[what]}), not {value!r}")


def _validate_ref(ref, at: tuple, name: str, fail) -> None:
    """A reference to a figure or mention: "quote", or {quote: ..., section: ..., value: ...}."""
    if isinstance(ref, str):
        if not ref.strip():
            fail(at, f"{name}: the quote is empty")
        return
    if not isinstance(ref, dict):
        fail(at, f"{name} must be a quote (text) or a mapping {{quote: ..., section: ..., value: ...}}, "
                 f"not {type(ref).__name__}")
    if SELECTOR_KEY in ref:
        _validate_selector(ref, at, name, fail)
        return
    for key in ref:
        if key not in REF_KEYS:
            fail(at + (key,), f"{name}: unknown key {key!r} (expected: quote, section, value)")
    if not isinstance(ref.get("quote"), str) or not ref["quote"].strip():
        fail(at, f"{name}: needs quote: (the text, verbatim)")
    if "section" in ref and not (isinstance(ref["section"], str) or _is_number(ref["section"])):
        fail(at + ("section",), f"{name}: section must be a section code such as \"1.a\"")
    if "value" in ref and not _is_number(ref["value"]):
        fail(at + ("value",), f"{name}: value must be a number")


def _validate_selector(ref: dict, at: tuple, name: str, fail) -> None:
    """{where: {COLUMN: VALUE, ...}}: the rows whose columns hold those values. A VALUE is text
    or a number (equal), a list (one of them), "*" (not empty), "" (empty) or {not: VALUE}."""
    for key in ref:
        if key != SELECTOR_KEY:
            fail(at + (key,), f"{name}: unknown key {key!r} beside where: (a selector has only where:)")
    where = ref[SELECTOR_KEY]
    if not isinstance(where, dict) or not where:
        fail(at + (SELECTOR_KEY,), f"{name}: where must be a mapping of columns to values ({{region: Gao}})")

    def scalar(v) -> bool:
        return isinstance(v, (str, int, float)) and not isinstance(v, bool)

    for col, want in where.items():
        inner = want.get("not") if isinstance(want, dict) and set(want) == {"not"} else want
        ok = scalar(inner) or (isinstance(inner, list) and inner and all(scalar(v) for v in inner))
        if not ok:
            fail(at + (SELECTOR_KEY, col), f"{name}: where.{col} must be a value, a list of values or "
                                           "{not: value}")


# --- qualifier table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Qualifier:
    key: str
    phrases: tuple[str, ...]
    ratio: float
    low: object
    high: object

    def interval(self, n: float) -> tuple[float, float]:
        lo, hi = self.low(n, self.ratio), self.high(n, self.ratio)
        if float(n).is_integer():
            # counts are whole numbers: "nearly 100" is [90, 99], "more than 700" [701, inf)
            if not math.isinf(lo):
                lo = float(math.ceil(lo - 1e-9))
            if not math.isinf(hi):
                hi = float(math.floor(hi + 1e-9))
        else:
            # a share ("less than 0.1 percent"): the +-1 of whole counts would cross zero; the
            # stated number itself is the bound (a closed approximation of an open one)
            lo, hi = min(lo, n) if lo > n else lo, max(hi, n) if hi < n else hi
        hi = max(hi, 0.0)  # "almost zero"
        lo = min(max(0.0, lo), hi)  # "nearly 2": N*(1-ratio) rounds up past N-1
        return lo, hi


def qualifiers(rules: dict) -> dict[str, Qualifier]:
    out = {}
    for key, spec in (rules.get("qualifiers") or {}).items():
        where = f"qualifiers.{key}"
        if not isinstance(spec, dict) or "phrases" not in spec:
            raise InputError(f"rule file: {where} needs phrases, low and high")
        out[key] = Qualifier(
            key=key,
            phrases=tuple(str(p).lower() for p in spec.get("phrases") or ()),
            ratio=float(spec.get("ratio", 0.0)),
            low=compile_bound(spec.get("low", "N"), where + ".low"),
            high=compile_bound(spec.get("high", "N"), where + ".high"),
        )
    return out


def vague_quantities(rules: dict) -> dict[str, tuple[float, float]]:
    out = {}
    for phrase, bounds in (rules.get("vague_quantities") or {}).items():
        lo, hi = bounds
        out[str(phrase).lower()] = (float(lo), float(hi))
    return out
