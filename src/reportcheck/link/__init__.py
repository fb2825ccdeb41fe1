"""Linking: which mentions speak of the same incident, which figures are a total and its parts,
which statistics are told twice.

Input: one document's extraction (figures rows, dates, places, sentences) and the rules.
Output: plain data (Links) that the checks judge. One module per kind of relation.
"""
from __future__ import annotations

import math

from ..extract.figures import Extraction
from ..model import Document
from .conversions import link_conversions
from .incidents import build_mentions, link_incidents
from .model import Breakdown, EventMention, Links, PartWhole
from .statistics import link_restated, link_restated_sets, link_shares, link_statistics
from .totals import link_totals

__all__ = ["Breakdown", "EventMention", "Links", "PartWhole", "build_links", "interval_sum", "stated_sum"]


def build_links(doc: Document, ex: Extraction, rules: dict) -> Links:
    """Every relation between the figures of one document that a check judges.

    Works on the extraction's rows (the records of the figures table, index = row number)."""
    mentions = build_mentions(doc, ex, rules)
    incidents = link_incidents(mentions)
    breakdowns, part_wholes = link_totals(doc, ex, float((rules.get("linking") or {}).get(
        "breakdown_max_excess", 2.0)))
    linking = rules.get("linking") or {}
    # a part of a whole given in its own sentence ("of the 3,808 persons held ..., 1,289 had been
    # convicted") is a sub-statistic of that whole, not a statistic of its own to compare
    parts = {pw.part for pw in part_wholes if ex.rows[pw.part]["sentence"] == ex.rows[pw.whole]["sentence"]}
    parts |= {p for b in breakdowns for p in b.parts if ex.rows[p]["sentence"] == ex.rows[b.total]["sentence"]}
    statistics = link_statistics([r if i not in parts else {**r, "measure": ""} for i, r in enumerate(ex.rows)],
                                 float(linking.get("statistic_max_ratio", 0.15)),
                                 frozenset(str(w).lower() for w in linking.get("specific_people") or ()))
    statistics += link_shares(doc.text, ex.rows, float(linking.get("share_max_points", 10)),
                              int(linking.get("share_min_words", 3)), float(linking.get("share_min_overlap", 0.7)))
    restated = link_restated(ex.rows, int(linking.get("restated_min_digits", 4)), statistics)
    restated_sets = link_restated_sets(ex.rows, int(linking.get("restated_set_min_shared", 3)))
    return Links(mentions, incidents, breakdowns, part_wholes, ex.places, statistics, restated,
                 restated_sets=restated_sets, conversions=link_conversions(doc.text, ex.rows, rules))


def interval_sum(rows: list[dict]) -> tuple[float, float]:
    lo = sum(r["low"] for r in rows)
    hi = sum(r["high"] for r in rows)
    return lo, (math.inf if math.isinf(hi) else hi)


def stated_sum(rows: list[dict]) -> float | None:
    vals = [r["value"] for r in rows]
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in vals):
        return None
    return float(sum(vals))
