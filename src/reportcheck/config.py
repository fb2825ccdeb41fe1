"""Rule files: the shipped defaults merged with the user's own (YAML).

A rule file is a mapping. Merging is by key, recursively for mappings, so a user file that
says `checks: {RC101: {severity: warning}}` changes that one value and nothing else.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import InputError

DEFAULT_RULES = "default.yml"


# libyaml's loader is ~10x faster than the pure-Python one; rule files load on every run.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """yaml.safe_load with the C loader when PyYAML was built with libyaml."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)


def _load_yaml(text: str, where: str) -> dict:
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}{line}: not valid YAML ({problem})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{where}:1: a rule file must be a mapping (key: value), not {type(data).__name__}")
    return data


@lru_cache(maxsize=1)
def _default_text() -> str:
    return resources.files("reportcheck.rules").joinpath(DEFAULT_RULES).read_text(encoding="utf-8")


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
    rules = _load_yaml(_default_text(), "default.yml")
    for p in paths:
        path = Path(p)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{path}: rule file not found") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory, not a rule file") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}: rule file is not UTF-8 text") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read rule file ({exc.strerror})") from None
        data = _load_yaml(text, str(path))
        validate_rule_file(data, text, str(path))
        rules = merge(rules, data)
        rules.setdefault("_sources", []).append(str(path))
    return rules


# --- the shape of a rule file ------------------------------------------------------------------

SEVERITIES = ("error", "warning", "info")
TOP_LEVEL = ("version", "qualifiers", "vague_quantities", "measures", "victims", "linking", "checks")


def _line_of(text: str, keys: tuple[str, ...]) -> int:
    """The line (1-based) of the mapping key at path `keys` in the YAML text (1 if unknown)."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return 1
    line = 1
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if str(k.value) == str(key):
                line, node = k.start_mark.line + 1, v
                break
        else:
            break
    return line


def validate_rule_file(data: dict, text: str, where: str) -> None:
    """Refuse what the tool would silently ignore or misread: unknown keys, checks that do not
    exist, severities that are not error/warning/info, bounds that are not expressions."""
    def fail(keys: tuple, message: str):
        raise InputError(f"{where}:{_line_of(text, keys)}: {message}")

    for key in data:
        if key not in TOP_LEVEL:
            fail((key,), f"unknown key {key!r} (expected one of: {', '.join(TOP_LEVEL)})")
    checks = data.get("checks")
    if checks is not None:
        if not isinstance(checks, dict):
            fail(("checks",), "checks must be a mapping of check codes (RC101: {...})")
        from .checks.registry import all_checks

        known = {c.code for c in all_checks()}
        for code, conf in checks.items():
            if code not in known:
                fail(("checks", code), f"unknown check {code!r} (see check-report --list-checks)")
            if not isinstance(conf, dict):
                fail(("checks", code), f"checks.{code} must be a mapping (enabled: false, severity: ...)")
            for k, v in conf.items():
                if (k == "severity" or k.startswith("severity_")) and v not in SEVERITIES:
                    fail(("checks", code, k), f"checks.{code}.{k}: {v!r} is not a severity ({', '.join(SEVERITIES)})")
                if k == "enabled" and not isinstance(v, bool):
                    fail(("checks", code, k), f"checks.{code}.enabled must be true or false")
    for section in ("qualifiers", "vague_quantities", "measures", "victims", "linking"):
        if section in data and not isinstance(data[section], dict):
            fail((section,), f"{section} must be a mapping")
    for key, spec in (data.get("qualifiers") or {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("phrases", []), list):
            fail(("qualifiers", key), f"qualifiers.{key} needs phrases (a list), low and high")
        for bound in ("low", "high"):
            if bound in spec:
                try:
                    _compile_bound(spec[bound], f"qualifiers.{key}.{bound}")
                except InputError as exc:
                    fail(("qualifiers", key, bound), str(exc))
    for phrase, bounds in (data.get("vague_quantities") or {}).items():
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(isinstance(b, (int, float)) for b in bounds)
                and bounds[0] <= bounds[1]):
            fail(("vague_quantities", phrase), f"vague_quantities.{phrase} must be [low, high] with low <= high")


# --- qualifier table ------------------------------------------------------------------------

_ALLOWED = {"N", "ratio", "inf"}


def _compile_bound(expr: str | int | float, where: str):
    """Compile a bound expression such as "N + 1" or "N * (1 - ratio)" to a function."""
    if isinstance(expr, (int, float)):
        value = float(expr)
        return lambda n, r: value
    src = str(expr).strip()
    import ast

    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError:
        raise InputError(f"{where}: cannot read bound expression {src!r}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in _ALLOWED:
            raise InputError(f"{where}: unknown name {node.id!r} in {src!r} (use N, ratio, inf)")
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load,
                                 ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub)):
            raise InputError(f"{where}: {src!r} may only use + - * / and parentheses")
    code = compile(tree, where, "eval")
    return lambda n, r: float(eval(code, {"__builtins__": {}}, {"N": n, "ratio": r, "inf": math.inf}))


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
            low=_compile_bound(spec.get("low", "N"), where + ".low"),
            high=_compile_bound(spec.get("high", "N"), where + ".high"),
        )
    return out


def vague_quantities(rules: dict) -> dict[str, tuple[float, float]]:
    out = {}
    for phrase, bounds in (rules.get("vague_quantities") or {}).items():
        lo, hi = bounds
        out[str(phrase).lower()] = (float(lo), float(hi))
    return out
