"""Draw a random sample of failing results for a hand-read precision check.

Reads the JSON reviews written by one run of check-report per corpus year:

    for y in 2016 ... 2024:
        .venv/bin/check-report /work/shared/corpus/text/$y --format json \
            --output /tmp/prec/$y.json --fail-on never -q --jobs 2

collects every failing result at severity error or warning (info and passed
results are left out), prints the counts per year and per check code, then
draws 40 of them with ``random.Random(seed).sample`` from the list sorted by
(year, document, code, fingerprint) and prints each one with its message and
the quotes of its evidence, for reading against the report text.

``--exclude FILE`` leaves out, before the draw, every result already judged in
an earlier reading: FILE is a JSON list of {"year", "document", "code",
"quotes"} (other keys, such as "verdict", are ignored), and a result matches
when its year, document, code and set of evidence quotes are the same (the
fingerprint may change with the code, the quotes do not). ``--save FILE``
writes the drawn results in that form, for the next reading to exclude.

Usage (from the repository root):

    .venv/bin/python benchmarks/precision_sample.py /tmp/prec [--n 40] [--seed 2026]
    .venv/bin/python benchmarks/precision_sample.py /tmp/prec2 --seed 2027 \
        --exclude benchmarks/precision_judged_2026.json

See benchmarks/precision.md for the verdicts on the draws of 2026-12-02
(seed 2026, then seed 2027 after the fixes).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

FAILING_SEVERITIES = ("error", "warning")


def failing_results(json_dir: Path) -> list[dict]:
    """Every failing error/warning result of every YEAR.json in json_dir."""
    found = []
    for path in sorted(json_dir.glob("*.json")):
        review = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(review, dict) or "results" not in review:
            continue  # not a check-report review
        years = {d["id"]: d.get("year") for d in review["documents"]}
        for result in review["results"]:
            if result["outcome"] != "fail":
                continue
            if result["severity"] not in FAILING_SEVERITIES:
                continue
            year = years.get(result["document"]) or int(path.stem)
            found.append({
                **result,
                "year": year,
                "check_name": review["checks"].get(result["code"], {}).get(
                    "name", result.get("rule")),
            })
    found.sort(key=lambda r: (r["year"], r["document"], r["code"],
                              r.get("fingerprint") or r["id"]))
    return found


def judged_key(result: dict) -> tuple:
    """What identifies a judged result across runs: year, document, code, quotes."""
    quotes = result["quotes"] if "quotes" in result else [
        ev.get("quote") for ev in result.get("evidence") or []]
    return (int(result["year"]), result["document"], result["code"],
            frozenset(quotes))


def judged_entry(result: dict) -> dict:
    """A drawn result in the form --exclude reads."""
    return {"year": result["year"], "document": result["document"],
            "code": result["code"],
            "fingerprint": result.get("fingerprint") or result["id"],
            "quotes": sorted(judged_key(result)[3])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json_dir", type=Path,
                        help="directory of YEAR.json reviews (check-report --format json)")
    parser.add_argument("--n", type=int, default=40, help="sample size (default 40)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        metavar="FILE", help="JSON list of results already judged, "
                        "left out of the draw (repeatable)")
    parser.add_argument("--save", type=Path, metavar="FILE",
                        help="write the drawn results as a JSON list for --exclude")
    args = parser.parse_args()

    results = failing_results(args.json_dir)
    print(f"failing error/warning results: {len(results)}")
    by_year = Counter(r["year"] for r in results)
    by_year_sev = Counter((r["year"], r["severity"]) for r in results)
    print("\nper year (error / warning / total):")
    for year in sorted(by_year):
        print(f"  {year}: {by_year_sev[year, 'error']:3d} / "
              f"{by_year_sev[year, 'warning']:3d} / {by_year[year]:3d}")
    print("\nper check:")
    by_code = Counter((r["code"], r["check_name"]) for r in results)
    for (code, name), count in sorted(by_code.items()):
        print(f"  {code} {name}: {count}")

    judged = {judged_key(entry) for path in args.exclude
              for entry in json.loads(path.read_text(encoding="utf-8"))}
    if judged:
        pool = [r for r in results if judged_key(r) not in judged]
        print(f"\nalready judged: {len(judged)}; failing results matching them: "
              f"{len(results) - len(pool)}; left to draw from: {len(pool)}")
        results = pool

    sample = random.Random(args.seed).sample(results, min(args.n, len(results)))
    if args.save:
        args.save.write_text(json.dumps([judged_entry(r) for r in sample], indent=1,
                                        ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nsample of {len(sample)} (seed {args.seed}):")
    for i, r in enumerate(sample, 1):
        print(f"\n#{i} {r['year']} {r['document']} {r['code']} {r['check_name']} "
              f"[{r['severity']}] {r.get('fingerprint') or r['id']}")
        print(f"   {r['message']}")
        if r.get("arithmetic"):
            print(f"   arithmetic: {r['arithmetic']}")
        for ev in r.get("evidence") or []:
            print(f"   - {ev.get('role')}: \"{ev.get('quote')}\" "
                  f"(section {ev.get('section')}, {ev.get('start')}-{ev.get('end')})")


if __name__ == "__main__":
    main()
