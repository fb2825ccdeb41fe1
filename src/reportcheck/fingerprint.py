"""The fingerprint of a result: what names a finding across runs and edits of the report.

A fingerprint is "<CODE>-<12 hex>", the hex a hash of the check code, the document id and the
result's evidence quotes, each with its runs of white space collapsed, sorted. Offsets,
sections, messages and severities are left out, so inserting a paragraph at the top of a
report, re-wrapping its lines or changing a check's severity keeps every fingerprint; editing
a quoted sentence changes the fingerprints of the results that quote it, which is what a
reviewer wants (the finding they accepted is no longer the same).

Every writer (the JSON ids, the baseline of reviewed findings, the other formats) uses this one
function, through `Result.fingerprint`.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

HEX_DIGITS = 12


def normalise_quote(quote: str) -> str:
    """`quote` with every run of white space (line breaks included) one space, no edges."""
    return " ".join(str(quote).split())


def fingerprint(code: str, document: str, quotes: Iterable[str]) -> str:
    """The stable name of a result of check `code` on `document` quoting `quotes`."""
    key = json.dumps([code, document, sorted(normalise_quote(q) for q in quotes)], ensure_ascii=False)
    return f"{code}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:HEX_DIGITS]}"
