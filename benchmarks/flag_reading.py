"""What the scripts that list a check's flags for reading share (claims.py: RC108; totals.py:
RC201/RC202): the years asked for, a flag's verdict from the script's table of readings, and the
precision those readings give."""
from __future__ import annotations

from collections import Counter


def years(spec: str) -> list[int]:
    """"2019-2024" or "2016,2019"."""
    if "-" in spec:
        a, b = spec.split("-")
        return list(range(int(a), int(b) + 1))
    return [int(y) for y in spec.split(",")]


def verdict(read: dict, doc_id: str, result) -> tuple[str, str]:
    """(verdict, why) of a failing result from `read`, keyed by (country, the start of the first
    quote of its message); ("unread", "") when nobody has read it yet."""
    said = result.message.split('"')[1] if '"' in result.message else ""
    country = doc_id.rsplit("-", 1)[0] if doc_id[-4:].isdigit() else doc_id
    for (doc, start), v in read.items():
        if doc == country and said.startswith(start):
            return v
    return "unread", ""


def print_precision(verdicts: Counter) -> None:
    """The flags by verdict, and real / (real + false) with the uncertain ones left out."""
    read = verdicts["real"] + verdicts["false"]
    print(f"flags: {sum(verdicts.values())} ({', '.join(f'{n} {k}' for k, n in sorted(verdicts.items()))})")
    if read:
        print(f"precision (real / (real + false), uncertain left out): {verdicts['real']}/{read} = "
              f"{verdicts['real'] / read:.0%}")
