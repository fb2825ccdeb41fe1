"""What changed since the last release: the figures of two versions of a report, compared.

`compare(before, after)` is a pure function over two figures tables (reportcheck.schema): it
pairs each figure of `after` with the same figure of `before` and returns what was added,
removed and changed. A figure's identity survives moved paragraphs and edits elsewhere:

1. when both tables carry the text of each figure's sentence (`sentence_text`: a previous
   version given as a report, whose text is read again), the sentence text with the qualifier
   and number of every figure in it masked ("killing # soldiers and wounding # others"),
   white space collapsed, lower case, and the figure's position among the figures of that
   sentence;
2. else (and for what step 1 left unpaired) the sentence as the table sees it: the masked
   quotes of its figures in order ("# soldiers", "# others") and the date written in it, and
   the figure's position among them;
3. last, for what is still unpaired, the figure's own words: its masked quote, measure, people,
   date and place, paired only when exactly one figure on each side has them.

After step 1, figures whose sentence texts are both known are paired only when the sentences
share half their words (a sentence edited, not another sentence with the same figures); a
figures table holds no text, so against one, two sentences with the same figures in the same
order ("# persons") and no date of their own can pass for each other.

Within one identity, figures with the same number are paired first (so two identical
sentences never swap), then the others in document order. A pair is *changed* when its
number, qualifier or interval differs ("at least 29" -> "30", "five" -> "six"); a number
written another way ("five" -> "5") is the same figure. Documents are paired by id (the file
stem); when each side holds exactly one document they are paired whatever their names.

Changed figures become results of their own (RC901 changed-since-previous, severity info by
default, configured in the rule files' `checks:` like every check); added and removed ones are
counted in the summary and listed in the JSON review.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

CODE = "RC901"  # checks/changed.py documents it
NAME = "changed-since-previous"
TABLE_SUFFIXES = (".csv", ".json", ".parquet")

# the columns compare() needs; a previous table lacking one of these is not a figures table
REQUIRED = ("document", "figure_id", "sentence", "start", "quote", "number_text", "value", "low", "high",
            "qualifier")
# columns it uses when present (filled with blanks when an older table lacks them)
OPTIONAL = {"section": "", "sentence_start": -1, "sentence_end": -1, "end": -1, "measure": "", "who": "",
            "date_text": "", "date_start": -1, "place": "", "parse_status": "parsed"}
# what a figure is shown with in the JSON review and in a changed figure's details
SHOWN = ("document", "figure_id", "section", "quote", "value", "low", "high", "qualifier")
# two sentences whose texts are known are one sentence edited when they share this share of
# their words (numbers masked); a figures table holds no sentence text and cannot tell
MIN_SHARED_WORDS = 0.5


@dataclass
class Changes:
    """What compare() found. `added` and `removed` are rows of `after` and `before`; `changed`
    rows of `after` with the paired figure of `before` in `previous_*` columns."""

    added: object  # pandas.DataFrame
    removed: object
    changed: object
    unchanged: int
    before: int  # figures in each table
    after: int


# --- identity ------------------------------------------------------------------------------


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _text(value) -> str:
    return "" if _blank(value) else " ".join(str(value).split())


def _page(value) -> int | None:
    """A figure's PDF page from its `page` cell ("5", or 5.0 from a CSV whose blanks made it
    float); None when blank: a report without pages."""
    try:
        page = float(_text(value))
    except ValueError:
        return None
    return int(page) if page.is_integer() and page >= 1 else None


def _number_end(quote: str, number_text: str) -> int:
    """Where the number ends in the quote: the qualifier and number before it are masked."""
    q, n = quote.lower(), number_text.lower().strip()
    i = q.find(n) if n else -1
    return i + len(n) if i >= 0 else len(quote)


def masked_quote(quote, number_text) -> str:
    """The quote with its qualifier and number replaced by "#": "at least 29 soldiers" -> "# soldiers"."""
    quote, number_text = _text(quote), _text(number_text)
    return ("#" + quote[_number_end(quote, number_text):]).lower()


def _same_number(a: dict, b: dict) -> bool:
    for key in ("value", "low", "high"):
        x, y = a[key], b[key]
        if _blank(x) and _blank(y):
            continue
        if _blank(x) or _blank(y) or float(x) != float(y):
            return False
    return str(a["qualifier"]) == str(b["qualifier"])


def _prepare(table, single: bool) -> list[dict]:
    """The table's rows as dicts, in document order, each with its identity keys."""
    import pandas as pd

    table = table.copy()
    for col, blank in OPTIONAL.items():
        if col not in table.columns:
            table[col] = blank
    for col in ("value", "low", "high"):
        table[col] = pd.to_numeric(table[col].replace({"inf": math.inf, "-inf": -math.inf}), errors="coerce")
    table = table.sort_values(["document", "start"], kind="stable")
    rows = table.to_dict("records")
    with_text = "sentence_text" in table.columns
    by_sentence: dict[tuple, list[dict]] = {}
    for row in rows:
        row["_doc"] = "" if single else str(row["document"])
        row["_masked"] = masked_quote(row["quote"], row["number_text"])
        by_sentence.setdefault((row["_doc"], row["sentence"]), []).append(row)
    for members in by_sentence.values():
        first = members[0]
        lo, hi = first["sentence_start"], first["sentence_end"]
        own_date = ""
        for row in members:
            ds = row["date_start"]
            if not _blank(ds) and lo is not None and int(ds) >= 0 and int(lo) <= int(ds) < int(hi):
                own_date = _text(row["date_text"]).lower()
                break
        signature = (tuple(r["_masked"] for r in members), own_date)
        sentence = _masked_sentence(members) if with_text else None
        words = frozenset(sentence.split()) if sentence is not None else None
        for position, row in enumerate(members):
            row["_words"] = words
            row["_keys"] = (
                (row["_doc"], "text", sentence, position) if sentence is not None else None,
                (row["_doc"], "table", signature, position),
                (row["_doc"], "words", row["_masked"], _text(row["measure"]), _text(row["who"]),
                 _text(row["date_text"]).lower(), _text(row["place"]).lower()),
            )
    return rows


def _masked_sentence(members: list[dict]) -> str | None:
    """The sentence text with every figure's qualifier and number masked (None when unknown)."""
    text = members[0].get("sentence_text")
    lo = members[0]["sentence_start"]
    if _blank(text) or _blank(lo) or int(lo) < 0:
        return None
    text, lo = str(text), int(lo)
    spans = []
    for row in members:
        start = int(row["start"]) - lo
        quote = str(row["quote"])
        if not 0 <= start <= len(text) or text[start:start + len(quote)] != quote:
            return None  # the table and the text disagree: no text identity
        spans.append((start, start + _number_end(quote, _text(row["number_text"]))))
    for a, b in sorted(spans, reverse=True):
        text = text[:a] + "#" + text[b:]
    return " ".join(text.split()).lower()


# --- pairing -------------------------------------------------------------------------------


def _alike(a: dict, b: dict) -> bool:
    """Whether two figures' sentences may be one sentence edited: when both texts are known,
    half their words (numbers masked) in common; else (a figures table) yes."""
    x, y = a["_words"], b["_words"]
    if x is None or y is None:
        return True
    return len(x & y) >= MIN_SHARED_WORDS * max(len(x), len(y), 1)


def _pair(before: list[dict], after: list[dict], stage: int, pairs: list, unique_only: bool = False):
    """Pair the unpaired rows of both sides that share their identity key of `stage`. After
    the first stage (the same masked sentence), only figures whose sentences are _alike."""
    groups: dict[tuple, tuple[list, list]] = {}
    for side, rows in ((0, before), (1, after)):
        for row in rows:
            key = row["_keys"][stage]
            if key is not None and "_pair" not in row:
                groups.setdefault(key, ([], []))[side].append(row)
    for old, new in groups.values():
        if not old or not new or (unique_only and (len(old) != 1 or len(new) != 1)):
            continue
        for same in (True, False):  # the same number first: identical sentences never swap
            for n in new:
                for o in old:
                    if ("_pair" not in o and "_pair" not in n and (not same or _same_number(o, n))
                            and (stage == 0 or _alike(o, n))):
                        o["_pair"], n["_pair"] = n, o
                        pairs.append((o, n))
                        break


def compare(before, after) -> Changes:
    """The figures added, removed and changed from figures table `before` to `after`.

    Pure: the tables are not modified. See the module's documentation for what makes two
    figures the same figure."""
    import pandas as pd

    before, after = (t if t is not None and "document" in t.columns else pd.DataFrame(columns=list(REQUIRED))
                     for t in (before, after))
    single = before["document"].nunique() == 1 and after["document"].nunique() == 1
    old, new = _prepare(before, single), _prepare(after, single)
    pairs: list[tuple[dict, dict]] = []
    for stage in range(3):
        _pair(old, new, stage, pairs, unique_only=stage == 2)
    cols_after = [c for c in after.columns]
    cols_before = [c for c in before.columns]

    def frame(rows, cols):
        return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)

    changed_rows = []
    for o, n in pairs:
        if not _same_number(o, n):
            row = {c: n.get(c) for c in cols_after}
            row.update({f"previous_{c}": o.get(c) for c in SHOWN})
            changed_rows.append(row)
    changed_rows.sort(key=lambda r: (str(r["document"]), r["start"]))
    changed = pd.DataFrame(changed_rows, columns=[*cols_after, *(f"previous_{c}" for c in SHOWN)])
    return Changes(
        added=frame([n for n in new if "_pair" not in n], cols_after),
        removed=frame([o for o in old if "_pair" not in o], cols_before),
        changed=changed,
        unchanged=len(pairs) - len(changed_rows),
        before=len(old),
        after=len(new),
    )


# --- the tables compared -------------------------------------------------------------------


def with_sentences(figures, texts: dict):
    """`figures` with a `sentence_text` column (the text of each figure's sentence) when
    `texts` (document id -> text) holds every document's text; else `figures` unchanged."""
    if figures is None or not len(figures) or not texts:
        return figures
    if not set(figures["document"].astype(str)) <= set(texts) or "sentence_start" not in figures.columns:
        return figures
    out = figures.copy()
    out["sentence_text"] = [texts[str(d)][int(a):int(b)] for d, a, b in
                            zip(out["document"], out["sentence_start"], out["sentence_end"], strict=True)]
    return out


def read_table(path: str | Path):
    """A figures table written by --figures-out (.csv, .json or .parquet). Raises InputError."""
    import json

    import pandas as pd

    from .errors import InputError

    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            table = pd.read_csv(path, keep_default_na=False, na_values=[""])
        elif suffix == ".json":
            records = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(records, list):
                raise InputError(f"--compare-to {path}: not a figures table written by --figures-out "
                                 "(a JSON list of records); a review report (--format json) is not one")
            table = pd.DataFrame.from_records(records)
        else:
            table = pd.read_parquet(path)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"--compare-to {path}: file not found") from None
    except ImportError:
        raise InputError('--compare-to .parquet needs pyarrow: pip install "reportcheck[parquet]"') from None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise InputError(f"--compare-to {path}: cannot read the figures table ({first})") from None
    except RecursionError:
        # "[[[[..." a hundred thousand deep: the parser gives up, the file is no table
        raise InputError(f"--compare-to {path}: not a figures table (its JSON is nested too deeply)") from None
    missing = [c for c in REQUIRED if c not in table.columns]
    if len(table) and missing:
        raise InputError(f"--compare-to {path}: not a figures table written by --figures-out "
                         f"(no column {', '.join(missing)})")
    if not len(table):
        table = pd.DataFrame(columns=list(REQUIRED))
    try:
        for col in ("document", "figure_id", "quote", "number_text", "qualifier"):
            table[col] = table[col].map(_text)
    except RecursionError:
        # a cell of lists within lists, parsed but too deep to write as text
        raise InputError(f"--compare-to {path}: not a figures table (its JSON is nested too deeply)") from None
    return table


def read_previous(path: str | Path, rule_files: list[str] = (), year: int | None = None):
    """The figures of PREVIOUS: a figures table (.csv, .json, .parquet), or a report (.txt,
    .html, .pdf, .docx: whatever read_document reads) or directory of reports, extracted with
    the defaults and `rule_files` (its `sentence_text` column then holds each figure's
    sentence). Raises InputError."""
    from .errors import InputError

    path = Path(path)
    if not path.exists():
        raise InputError(f"--compare-to {path}: file not found")
    if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
        return read_table(path)
    import pandas as pd

    from .config import load_rules
    from .extract.figures import extract, figures_frame
    from .read import read_document
    from .read.decode import REPORT_SUFFIXES
    from .read.discover import expand_paths

    if path.is_file() and path.suffix.lower() not in REPORT_SUFFIXES:
        raise InputError(f"--compare-to {path}: give a figures table written by --figures-out (.csv, .json, "
                         ".parquet) or a previous version of the report (.txt, .html, .pdf, .docx)")
    rules = load_rules(list(rule_files))
    frames = []
    for file in expand_paths([str(path)]):
        doc = read_document(file, year=year)
        frames.append(with_sentences(figures_frame(extract(doc, rules), rules), {doc.id: doc.text}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(REQUIRED))


# --- into the review -----------------------------------------------------------------------


def _interval(row: dict) -> str:
    def num(x):
        if _blank(x):
            return "?"
        x = float(x)
        return "inf" if math.isinf(x) else (str(int(x)) if x.is_integer() else f"{x:g}")

    value, low, high = row["value"], row["low"], row["high"]
    if not _blank(value) and float(low) == float(value) == float(high):
        return num(value)
    shown = f"[{num(low)}, {num(high)}{')' if not _blank(high) and math.isinf(float(high)) else ']'}"
    return f"{num(value)} {shown}" if not _blank(value) else shown


def results(changes: Changes, rules: dict, previous: str, documents: list[str] = ()) -> list:
    """The changed figures as RC901 results (none when the check is disabled), and one passing
    result for each of `documents` (the run's) without a changed figure."""
    from .model import Evidence, Result

    conf = rules["checks"][CODE]  # default.yml has every check's settings
    if not conf["enabled"]:
        return []
    severity = conf["severity"]
    out = []
    for row in changes.changed.to_dict("records"):
        prev = {c: row[f"previous_{c}"] for c in SHOWN}
        now = {c: row[c] for c in SHOWN}
        now_at, prev_at = _text(now["section"]), _text(prev["section"])
        where = f" (section {now_at})" if now_at else ""
        before = f" (section {prev_at})" if prev_at and prev_at != now_at else ""
        message = f"\"{_text(row['quote'])}\"{where} was \"{_text(prev['quote'])}\"{before} in {previous}"
        out.append(Result(
            CODE, NAME, str(row["document"]), "fail", severity, message,
            [Evidence(str(row["figure_id"]), str(row["quote"]), int(row["start"]),
                      int(row["end"]) if not _blank(row.get("end")) and int(row["end"]) >= 0
                      else int(row["start"]) + len(str(row["quote"])),
                      _text(row.get("section")), "changed",
                      page=_page(row.get("page")))],
            arithmetic=f"{_interval(prev)} -> {_interval(now)}",
            details={"previous": prev, "current": now, "compared_with": previous},
        ))
    changed_docs = {r.document for r in out}
    added, removed = _per_document(changes.added), _per_document(changes.removed)
    if len(documents) == 1:  # one document on each side: paired whatever their names
        added, removed = {documents[0]: len(changes.added)}, {documents[0]: len(changes.removed)}
    for doc in [d for d in documents if d not in changed_docs]:
        out.append(Result(
            CODE, NAME, doc, "pass", severity,
            f"No figure changed since {previous} ({added.get(doc, 0)} added, {removed.get(doc, 0)} removed)",
            details={"compared_with": previous},
        ))
    return out


def _per_document(table) -> dict:
    return table["document"].astype(str).value_counts().to_dict() if len(table) else {}


def summary(changes: Changes, previous: str) -> dict:
    """The comparison as the review reports it (Run.comparison)."""
    def listed(table):
        cols = [c for c in SHOWN if c in table.columns]
        return table[cols].to_dict("records") if len(table) else []

    return {
        "previous": previous,
        "figures_before": changes.before,
        "figures_after": changes.after,
        "added": len(changes.added),
        "removed": len(changes.removed),
        "changed": len(changes.changed),
        "unchanged": changes.unchanged,
        "added_figures": listed(changes.added),
        "removed_figures": listed(changes.removed),
    }
