"""The settings of a rule file, checked against what default.yml has and settings.yml declares.

A rule file may set a key only where the shipped default.yml has one (or under a mapping whose
keys the user names: a new qualifier, measure, kind of event, a country's tolerance), and its
value must be of the kind `rules/settings.yml` declares for that key, within its bounds. What
the tool would otherwise ignore (a misspelt `understated_min_rato`) or misread (a negative
number of days, a severity of "critical") stops the run with the file and line instead.

`severity` is accepted for every check: for a check with several severities
(`severity_incompatible`, `severity_different` ...) it sets all of them (expand_severity), so
`checks: {RC101: {severity: warning}}` does what it says.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import InputError
from .model import SEVERITIES

#: the top-level keys that hold settings (the others: rules:, columns:, period:, checked elsewhere)
SECTIONS = ("version", "qualifiers", "vague_quantities", "measures", "victims", "linking", "checks")


@dataclass(frozen=True)
class Spec:
    """What one setting may be (a line of settings.yml)."""

    kind: str  # bool, whole, number, severity, text, list, measures, choices, bound, interval
    low: float = -math.inf
    high: float = math.inf
    choices: tuple[str, ...] = ()
    said: str = ""  # as settings.yml writes it, for messages


def _bounds(text: str) -> tuple[float, float]:
    low, high = text.split("..")
    return float(low), float(high)  # float("inf") reads "inf"


def parse_spec(said: str) -> Spec:
    """`whole number 1..1000` -> Spec("whole", 1, 1000); ValueError for an unknown kind."""
    s = said.strip()
    if s == "true/false":
        return Spec("bool", said=s)
    if s in ("severity", "text", "bound"):
        return Spec(s, said=s)
    if s == "list of text":
        return Spec("list", said=s)
    if s == "list of measures":
        return Spec("measures", said=s)
    if s.startswith("list of:"):
        return Spec("choices", choices=tuple(w.strip() for w in s[len("list of:"):].split(",")), said=s)
    for prefix, kind in (("whole number ", "whole"), ("number ", "number"), ("interval ", "interval")):
        if s.startswith(prefix):
            return Spec(kind, *_bounds(s[len(prefix):]), said=s)
    raise ValueError(f"settings.yml: unknown kind of value {said!r}")


@lru_cache(maxsize=1)
def declared() -> dict[tuple[str, ...], Spec]:
    """settings.yml: a path of keys (`*`: any key) -> its Spec."""
    import yaml

    text = resources.files("reportcheck.rules").joinpath("settings.yml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {tuple(str(k).split(".")): parse_spec(str(v)) for k, v in data.items()}


def _matches(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    return len(pattern) == len(path) and all(p == "*" or p == k for p, k in zip(pattern, path, strict=True))


def spec_for(path: tuple[str, ...]) -> Spec | None:
    """The declared Spec of a setting (a literal key before a `*`)."""
    found = [(p, s) for p, s in declared().items() if _matches(p, path)]
    found.sort(key=lambda ps: ps[0].count("*"))
    return found[0][1] if found else None


def _children(path: tuple[str, ...]) -> tuple[set[str], bool]:
    """The keys a mapping at `path` may hold: those declared by name, and whether any key may."""
    names, open_ = set(), False
    n = len(path)
    for p in declared():
        if len(p) > n and _matches(p[:n], path):
            if p[n] == "*":
                open_ = True
            else:
                names.add(p[n])
    return names, open_


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _bounded(x: float, spec: Spec) -> bool:
    return spec.low <= x <= spec.high


def _range(spec: Spec) -> str:
    if spec.low == spec.high:
        return f"equal to {spec.low:g}"
    high = "" if math.isinf(spec.high) else f" and {spec.high:g}"
    return f"{spec.low:g} or more" if not high else f"between {spec.low:g}{high}"


def problem(spec: Spec, value, measures: set[str]) -> str | None:
    """What is wrong with `value` for `spec` (None: nothing)."""
    k = spec.kind
    if k == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if k == "severity":
        return None if value in SEVERITIES else f"{value!r} is not a severity ({', '.join(SEVERITIES)})"
    if k == "text":
        return None if isinstance(value, str) and value.strip() else "must be text"
    if k == "whole":
        ok = isinstance(value, int) and not isinstance(value, bool) and _bounded(value, spec)
        return None if ok else f"must be a whole number {_range(spec)}, not {value!r}"
    if k == "number":
        return None if _number(value) and _bounded(value, spec) else f"must be a number {_range(spec)}, not {value!r}"
    if k == "interval":
        ok = (isinstance(value, list) and len(value) == 2 and all(_number(b) or b == math.inf for b in value)
              and value[0] <= value[1] and _bounded(value[0], spec) and _bounded(value[1], spec))
        return None if ok else f"must be [low, high], two numbers {_range(spec)} with low <= high, not {value!r}"
    if k in ("list", "measures", "choices"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "must be a list of words ([a, b, c])"
        allowed = measures if k == "measures" else set(spec.choices) if k == "choices" else None
        wrong = [v for v in value if allowed is not None and v not in allowed]
        if wrong:
            return f"{wrong[0]!r} is not one of {', '.join(sorted(allowed))}"
        return None
    if k == "bound":
        if _number(value) or value == math.inf:
            return None
        if not isinstance(value, str):
            return f"must be a number or an expression of N and ratio, not {value!r}"
        try:
            compile_bound(value, "")
        except InputError as exc:
            return str(exc).lstrip(": ")
        return None
    raise AssertionError(k)

# --- qualifier bounds -----------------------------------------------------------------------

_ALLOWED = {"N", "ratio", "inf"}
_NODES = ("Expression", "BinOp", "UnaryOp", "Name", "Constant", "Load", "Add", "Sub", "Mult", "Div", "USub", "UAdd")
MAX_BOUND_CHARS = 200  # "N * (1 - ratio)" is 15; a longer expression is a mistake or an attack
MAX_CONSTANT = 1e15


def compile_bound(expr: str | int | float, where: str):
    """Compile a bound expression such as "N + 1" or "N * (1 - ratio)" to a function of N and
    ratio. Only numbers, N, ratio, inf, + - * / and parentheses; short; and it must give a number
    for any N and ratio ("N / (ratio - ratio)" is refused here, not found while a report runs)."""
    import ast

    if isinstance(expr, (int, float)) and not isinstance(expr, bool):
        value = float(expr)
        return lambda n, r: value
    src = str(expr).strip()
    if len(src) > MAX_BOUND_CHARS:
        raise InputError(f"{where}: a bound expression of {len(src)} characters (at most {MAX_BOUND_CHARS})")
    try:
        tree = ast.parse(src, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        raise InputError(f"{where}: cannot read bound expression {src!r}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in _ALLOWED:
            raise InputError(f"{where}: unknown name {node.id!r} in {src!r} (use N, ratio, inf)")
        if type(node).__name__ not in _NODES:
            raise InputError(f"{where}: {src!r} may only use numbers, N, ratio, inf, + - * / and parentheses")
        if isinstance(node, ast.Constant) and not (isinstance(node.value, (int, float))
                                                   and not isinstance(node.value, bool)
                                                   and abs(node.value) <= MAX_CONSTANT):
            raise InputError(f"{where}: {node.value!r} in {src!r} is not a number (at most {MAX_CONSTANT:g})")
    code = compile(tree, where or "<bound>", "eval")

    def bound(n: float, r: float) -> float:
        return float(eval(code, {"__builtins__": {}}, {"N": n, "ratio": r, "inf": math.inf}))

    for n in (0.0, 1.0, 29.0, 1e6):
        for r in (0.0, 0.1, 0.5):
            try:
                value = bound(n, r)
            except (ArithmeticError, ValueError):
                raise InputError(f"{where}: {src!r} gives no number for N = {n:g}, ratio = {r:g}") from None
            if math.isnan(value):
                raise InputError(f"{where}: {src!r} gives no number for N = {n:g}, ratio = {r:g}")
    return bound


def expand_severity(data: dict, defaults: dict) -> dict:
    """`checks: {RC101: {severity: warning}}` -> every severity_* of RC101 set to warning (those
    the same file does not set itself), for the checks whose defaults have no plain severity."""
    checks = data.get("checks")
    if not isinstance(checks, dict):
        return data
    out = {}
    for code, conf in checks.items():
        own = (defaults.get("checks") or {}).get(code) or {}
        if isinstance(conf, dict) and "severity" in conf and "severity" not in own:
            several = [k for k in own if k.startswith("severity_")]
            conf = {**{k: conf["severity"] for k in several}, **{k: v for k, v in conf.items() if k != "severity"}}
        out[code] = conf
    return {**data, "checks": out}


def check_settings(data: dict, defaults: dict, fail) -> None:
    """Refuse an unknown key, a value of the wrong kind or out of bounds: fail(keys, message)."""
    measures = set(defaults.get("measures") or ()) | set(data.get("measures") or ()
                                                         if isinstance(data.get("measures"), dict) else ())
    for key in SECTIONS:
        if key in data:
            _walk((key,), data[key], defaults, measures, fail)
    for name, spec in (data.get("qualifiers") or {}).items():
        if isinstance(spec, dict) and name not in (defaults.get("qualifiers") or {}) and "phrases" not in spec:
            fail(("qualifiers", name), f"qualifiers.{name}: a new qualifier needs phrases (a list), low and high")


def _walk(path: tuple[str, ...], value, defaults: dict, measures: set[str], fail) -> None:
    dotted = ".".join(path)
    spec = spec_for(path)
    if spec is not None:
        said = problem(spec, value, measures)
        if said:
            fail(path, f"{dotted}{' ' if said.startswith('must') else ': '}{said}")
        return
    names, open_ = _children(path)
    if not names and not open_:
        fail(path, f"{dotted}: not a setting")
    if not isinstance(value, dict):
        fail(path, f"{dotted} must be a mapping")
    if path == ("checks",):
        known = set(defaults.get("checks") or ())
        for code in value:
            if code not in known:
                fail(path + (code,), f"unknown check {code!r} (see check-report --list-checks)")
    for key, sub in value.items():
        key = str(key)
        if key not in names and not open_:
            expected = sorted(names)
            near = difflib.get_close_matches(key, expected, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            fail(path + (key,), f"{dotted}: unknown key {key!r}{hint} (expected one of: {', '.join(expected)})")
        _walk(path + (key,), sub, defaults, measures, fail)


def check_defaults(defaults: dict) -> list[str]:
    """The settings of default.yml that settings.yml does not declare, or whose value breaks its
    declaration (for the test that keeps the two files in step)."""
    out: list[str] = []

    def walk(path, value):
        spec = spec_for(path)
        if spec is not None:
            said = problem(spec, value, set(defaults.get("measures") or ()))
            if said:
                out.append(f"{'.'.join(path)}: {said}")
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(path + (str(k),), v)
        else:
            out.append(f"{'.'.join(path)}: not declared in settings.yml")

    for key in SECTIONS:
        if key in defaults:
            walk((key,), defaults[key])
    return out
