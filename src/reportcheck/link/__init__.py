"""Linking: which mentions speak of the same incident, which figures are a total and its parts,
which statistics are told twice.

Input: one document's extraction (figures rows, dates, places, sentences) and the rules.
Output: plain data (Links) that the checks judge. One module per kind of relation.
"""
from __future__ import annotations

import math

from ..extract.figures import Extraction
from ..model import Document
from .claims import link_claims
from .content import link_content, restated_dates, restated_figures
from .conversions import link_conversions
from .incidents import build_mentions, link_incidents
from .model import Breakdown, EventMention, Links, PartWhole
from .named_events import read_named_events
from .sizes import read_sizes
from .statistics import link_repeated, matched_restated
from .thresholds import read_thresholds
from .totals import link_totals

__all__ = ["Breakdown", "EventMention", "Links", "PartWhole", "build_links", "interval_sum", "stated_sum"]


def build_links(doc: Document, ex: Extraction, rules: dict) -> Links:
    """Every relation between the figures of one document that a check judges.

    Works on the extraction's rows (the records of the figures table, index = row number)."""
    mentions = build_mentions(doc, ex, rules)
    incidents = link_incidents(mentions)
    breakdowns, part_wholes = link_totals(doc, ex, float(rules["linking"]["breakdown_max_excess"]), rules["linking"])
    parts = {pw.part for pw in part_wholes if ex.rows[pw.part]["sentence"] == ex.rows[pw.whole]["sentence"]}
    parts |= {p for b in breakdowns for p in b.parts if ex.rows[p]["sentence"] == ex.rows[b.total]["sentence"]}
    statistics, restated, restated_sets = link_repeated(ex.rows, rules["linking"], doc.text,
                                                        frozenset(parts))
    return Links(mentions, incidents, breakdowns, part_wholes, ex.places, statistics, restated,
                 restated_sets=restated_sets, conversions=link_conversions(doc.text, ex.rows, rules),
                 content=link_content(doc, ex, rules),
                 restated_words=matched_restated(ex.rows, restated_figures(doc, ex, rules)),
                 restated_dates=restated_dates(doc, ex, rules),
                 claims=link_claims(doc.text, ex.rows, rules),
                 sizes=read_sizes(doc.text, ex.rows, rules["linking"]["sizes"]),
                 thresholds=read_thresholds(doc.text, ex.rows, ex.sentences, rules["linking"]["thresholds"],
                                            tuple(rules["numbers"]["change_words"])),
                 named_events=read_named_events(doc.text, ex.sentences, rules["linking"]["named_events"],
                                                doc.year))


def interval_sum(rows: list[dict]) -> tuple[float, float]:
    lo = sum(r["low"] for r in rows)
    hi = sum(r["high"] for r in rows)
    return lo, (math.inf if math.isinf(hi) else hi)


def stated_sum(rows: list[dict]) -> float | None:
    vals = [r["value"] for r in rows]
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in vals):
        return None
    return float(sum(vals))
