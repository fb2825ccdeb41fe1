#!/usr/bin/env python3
"""How well the figures table reads numbers: reportcheck against quantulum3 on the same sentences.

    .venv/bin/python benchmarks/number_expressions.py [--suite benchmarks/numbers_suite.jsonl] [--no-quantulum]
                                                      [--errors reportcheck|quantulum3] [--kind KIND] [--runs N]
                                                      [--json OUT.json]

The suite (`numbers_suite.jsonl`, one sentence a line) was written for this benchmark: report-style
sentences, each with every figure a reader sees in it (dates, years, times, identifiers, URLs,
footnote markers and ordinals are not figures), grouped by kind (plain, comparatives, two-sided
bounds, ranges, fractions, magnitudes, percentages, composition, spurious). A figure is its
value (the number stated, after words, magnitudes and fractions are read: "$2.1 billion" is
2.1e9, "two-thirds" 0.667; none for a range), its interval (what the words allow, as the rule
file reads it: "more than 700" [701, inf], "between 20 and 30" [20, 30]) and its unit (percent,
share, money with its currency; none for a count).

Scored like a test suite, per sentence: the values a tool gives are matched one to one with the
expected values (equal up to 1e-6 relative), its intervals with the expected intervals (both
bounds equal up to 1e-3 relative); precision is matched / given, recall matched / expected, F1
their harmonic mean, summed over the sentences of a kind and over the whole suite. `units`:
of the expected figures with a unit whose interval a tool matched, the share it gave the right
unit (and currency).

reportcheck's figures are the rows `extract()` makes of the sentence as a document (what
`--figures-out` writes): `value` (NaN for ranges and vague words), `low`, `high`, `kind`
(percent, money, share) and `currency`. quantulum3's are its parser's quantities: a value with
an uncertainty ("20-30" is 25 +- 5) is a range [value - u, value + u] with no single value,
else the value and the interval [value, value]; its unit `percentage` is percent, a unit of the
entity `currency` money. quantulum3 is optional (`pip install "reportcheck[bench]"`);
without it, or with --no-quantulum, only reportcheck is scored.

Throughput: each tool over the whole suite, after a warm-up, --runs times (the best run):
sentences per second and MB/s (UTF-8 bytes of the sentences), CPU time of this process.
"""
from __future__ import annotations

# (not "numbers.py": in benchmarks/ that name would hide the standard library's `numbers`, which
# fractions, decimal and statistics import, from every script here)
import argparse
import json
import math
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUITE = HERE / "numbers_suite.jsonl"
KINDS = ("plain", "comparatives", "bounds", "ranges", "fractions", "magnitudes", "percentages", "composition",
         "spurious")

# the currencies the suite names, as each tool may write them
CURRENCY = {
    "USD": "USD", "dollar": "USD", "US dollar": "USD", "United States dollar": "USD",
    "EUR": "EUR", "euro": "EUR",
    "GBP": "GBP", "pound": "GBP", "pound sterling": "GBP",
    "INR": "INR", "rupee": "INR", "Indian rupee": "INR",
    "NGN": "NGN", "naira": "NGN", "Nigerian naira": "NGN",
    "KES": "KES", "shilling": "KES", "Kenyan shilling": "KES",
    "CFA": "CFA", "CFA franc": "CFA", "West African CFA franc": "CFA", "Central African CFA franc": "CFA",
}


def load_suite(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        for f in case["figures"]:
            f["low"], f["high"] = _num(f["low"]), _num(f["high"])
        case["line"] = n
        out.append(case)
    return out


def _num(x):
    return math.inf if x == "inf" else float(x)


# --- the tools -------------------------------------------------------------------------------------


def reportcheck_reader():
    from reportcheck.config import load_rules
    from reportcheck.extract.figures import extract
    from reportcheck.model import Document

    rules = load_rules()

    def read(text: str) -> list[dict]:
        doc = Document(id="s", path="s.txt", text=text, format="text", encoding="utf-8", year=2020)
        out = []
        for r in extract(doc, rules).rows:
            value = None if math.isnan(r["value"]) else r["value"]
            unit = {"percent": "percent", "share": "share"}.get(r["kind"])
            if r["kind"] == "money":
                unit = "money:" + CURRENCY.get(r.get("currency") or "", r.get("currency") or "?")
            out.append({"value": value, "low": r["low"], "high": r["high"], "unit": unit, "text": r["quote"]})
        return out

    return read


def quantulum_reader():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def read(text: str) -> list[dict]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities = parser.parse(text)
        out = []
        for q in quantities:
            u = q.uncertainty
            unit = None
            if q.unit.name == "percentage":
                unit = "percent"
            elif q.unit.entity.name == "currency":
                unit = "money:" + CURRENCY.get(q.unit.name, q.unit.name)
            if u:
                out.append({"value": None, "low": q.value - u, "high": q.value + u, "unit": unit, "text": q.surface})
            else:
                out.append({"value": q.value, "low": q.value, "high": q.value, "unit": unit, "text": q.surface})
        return out

    return read


# --- scoring -----------------------------------------------------------------------------------------


def _close(a: float, b: float, rel: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def _match(expected: list, given: list, same) -> list[tuple[int, int]]:
    """Pairs (expected index, given index), each used once, in order (a greedy one-to-one match)."""
    used: set[int] = set()
    pairs = []
    for i, e in enumerate(expected):
        for j, g in enumerate(given):
            if j not in used and same(e, g):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def score_sentence(expected: list[dict], given: list[dict]) -> dict:
    ev = [f for f in expected if f["value"] is not None]
    gv = [f for f in given if f["value"] is not None]
    values = _match(ev, gv, lambda e, g: _close(e["value"], g["value"], 1e-6))
    intervals = _match(expected, given,
                       lambda e, g: _close(e["low"], g["low"], 1e-3) and _close(e["high"], g["high"], 1e-3))
    with_unit = [i for i, e in enumerate(expected) if e["unit"]]
    unit_ok = sum(1 for i, j in intervals if expected[i]["unit"] and expected[i]["unit"] == given[j]["unit"])
    unit_seen = sum(1 for i, _ in intervals if expected[i]["unit"])
    return {"v_tp": len(values), "v_exp": len(ev), "v_got": len(gv),
            "i_tp": len(intervals), "i_exp": len(expected), "i_got": len(given),
            "u_ok": unit_ok, "u_seen": unit_seen, "u_exp": len(with_unit),
            "exact": len(intervals) == len(expected) == len(given) and len(values) == len(ev) == len(gv)}


def _prf(tp: int, got: int, exp: int) -> tuple[float, float, float]:
    p = tp / got if got else (1.0 if not exp else 0.0)
    r = tp / exp if exp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _add(total: dict, s: dict) -> None:
    for k, v in s.items():
        total[k] = total.get(k, 0) + int(v)


def run_tool(read, suite: list[dict], runs: int) -> tuple[list[list[dict]], float, float]:
    """Every sentence read (the first run's results) and the best run's wall and CPU seconds."""
    for case in suite[:20]:
        read(case["text"])  # warm-up: imports, compiled patterns, caches of the rules
    results = None
    best_wall = best_cpu = math.inf
    for _ in range(max(1, runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        got = [read(case["text"]) for case in suite]
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        results = results or got
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return results, best_wall, best_cpu


def score(suite: list[dict], results: list[list[dict]]) -> dict:
    per_kind: dict[str, dict] = {}
    total: dict = {}
    for case, got in zip(suite, results, strict=True):
        s = score_sentence(case["figures"], got)
        _add(per_kind.setdefault(case["kind"], {}), s)
        _add(total, s)
    return {"kinds": per_kind, "total": total}


def _row(name: str, t: dict) -> str:
    vp, vr, vf = _prf(t["v_tp"], t["v_got"], t["v_exp"])
    ip, ir, i_f = _prf(t["i_tp"], t["i_got"], t["i_exp"])
    units = f"{t['u_ok'] / t['u_seen']:.2f} ({t['u_ok']}/{t['u_seen']})" if t["u_seen"] else "-"
    return (f"| {name} | {vp:.3f} | {vr:.3f} | **{vf:.3f}** | {ip:.3f} | {ir:.3f} | **{i_f:.3f}** | {units} "
            f"| {t['exact']} |")


def report(suite: list[dict], scores: dict[str, dict], timing: dict[str, tuple[float, float]]) -> str:
    lines = [f"{len(suite)} sentences, {sum(len(c['figures']) for c in suite)} expected figures "
             f"({sum(1 for c in suite for f in c['figures'] if f['value'] is not None)} with a single value)", ""]
    head = ("| kind | values P | values R | values F1 | intervals P | intervals R | intervals F1 | units "
            "| sentences all right |")
    rule = "|---|---|---|---|---|---|---|---|---|"
    for tool, sc in scores.items():
        lines += [f"### {tool}", "", head, rule]
        for kind in [k for k in KINDS if k in sc["kinds"]] + sorted(set(sc["kinds"]) - set(KINDS)):
            n = sum(1 for c in suite if c["kind"] == kind)
            lines.append(_row(f"{kind} ({n})", sc["kinds"][kind]))
        lines.append(_row("**all**", sc["total"]))
        lines.append("")
    size = sum(len(c["text"].encode("utf-8")) for c in suite)
    lines += ["### throughput (best run; CPU seconds of this process)", "",
              "| tool | sentences/s (cpu) | MB/s (cpu) | cpu s | wall s |", "|---|---|---|---|---|"]
    for tool, (wall, cpu) in timing.items():
        lines.append(f"| {tool} | {len(suite) / cpu:,.0f} | {size / cpu / 1e6:.3f} | {cpu:.2f} | {wall:.2f} |")
    return "\n".join(lines)


def errors(suite: list[dict], results: list[list[dict]], kind: str | None) -> str:
    def fmt(f):
        lo, hi = (("inf" if math.isinf(x) else f"{x:g}") for x in (f["low"], f["high"]))
        v = "-" if f["value"] is None else f"{f['value']:g}"
        return f"{v} [{lo}, {hi}]" + (f" {f['unit']}" if f["unit"] else "")

    out = []
    for case, got in zip(suite, results, strict=True):
        if kind and case["kind"] != kind:
            continue
        s = score_sentence(case["figures"], got)
        units_ok = s["u_ok"] == s["u_seen"]
        if s["exact"] and units_ok:
            continue
        out.append(f"{case['id']} (line {case['line']}): {case['text']}\n"
                   f"    expected: {'; '.join(fmt(f) for f in case['figures']) or '(none)'}\n"
                   f"    got:      {'; '.join(fmt(f) for f in got) or '(none)'}")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suite", default=str(SUITE))
    ap.add_argument("--no-quantulum", action="store_true", help="score reportcheck only")
    ap.add_argument("--errors", choices=("reportcheck", "quantulum3"), help="list the sentences a tool got wrong")
    ap.add_argument("--kind", help="with --errors: only this kind")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per tool (the best is shown; default 3)")
    ap.add_argument("--json", help="also write the scores as JSON")
    args = ap.parse_args(argv)

    suite = load_suite(Path(args.suite))
    tools = {"reportcheck": reportcheck_reader()}
    if not args.no_quantulum:
        q = quantulum_reader()
        if q is None:
            print("quantulum3 is not installed (pip install \"reportcheck[bench]\"): scoring reportcheck only",
                  file=sys.stderr)
        else:
            tools["quantulum3"] = q
    scores, timing, results = {}, {}, {}
    for name, read in tools.items():
        got, wall, cpu = run_tool(read, suite, args.runs)
        results[name] = got
        scores[name] = score(suite, got)
        timing[name] = (wall, cpu)
    print(report(suite, scores, timing))
    if args.errors and args.errors in results:
        print(f"\n### sentences {args.errors} did not get right\n")
        print(errors(suite, results[args.errors], args.kind))
    if args.json:
        Path(args.json).write_text(json.dumps({"scores": scores, "timing": timing}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
