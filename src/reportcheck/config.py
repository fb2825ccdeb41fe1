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
    """The default rules with each of `paths` merged over them, in order."""
    rules = _load_yaml(_default_text(), "default.yml")
    for p in paths:
        path = Path(p)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{path}: rule file not found") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}: rule file is not UTF-8 text") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read rule file ({exc.strerror})") from None
        rules = merge(rules, _load_yaml(text, str(path)))
        rules.setdefault("_sources", []).append(str(path))
    return rules


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
