"""Links from a table's rows alone (a table checked without its report's text).

What the rows hold is linked as the text would be: statistics told twice and precise figures
restated (link.statistics, which reads rows only); incidents by the table's `incident` column
(rows with the same id are one incident; each source, or each row when there is no source
column, one mention of it: RC101 counts, RC102 dates, RC103 places must agree); places by
their `region` column (RC103: one place put in two regions). What needs the text (totals and
parts announced by the wording, incidents recognised by their words) is not linked; the
`rules:` entries that select rows by columns (`where:`) declare them instead.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .declared import _UNDATED, Declared
from .model import EventMention, Links
from .statistics import link_repeated


@dataclass
class TableDeclared(Declared):
    """One incident declared by the table itself: the rows that share an incident id."""

    @property
    def where(self) -> str:
        return f"{self.source}, row {self.line}"


def row_links(ex, rules: dict) -> Links:
    """The links that the rows alone give (no incidents yet: see incident_links)."""
    statistics, restated, restated_sets = link_repeated(ex.rows, rules["linking"])
    return Links([], [], [], [], list(ex.places), statistics, restated, restated_sets=restated_sets)


def incident_links(table, links: Links, row_date) -> tuple[Links, list[Declared]]:
    """`links` with the incidents of the table's incident column: one mention per source of an
    incident (per row when the rows name no source), and a declared same_incident per incident
    of two mentions or more (so that its counts, dates and places are compared wherever the
    rows lie)."""
    rows = table.ex.rows
    mentions: list[EventMention] = list(links.mentions)
    incidents = [list(g) for g in links.incidents]
    declared = []
    name = table.info.path.rsplit("/", 1)[-1]
    for incident, idx in table.incidents.items():
        groups: dict[str, list[int]] = {}
        sources = {rows[i]["source"] for i in idx}
        for i in idx:
            key = rows[i]["source"] if len(sources) > 1 else f"row {rows[i]['sentence']}"
            groups.setdefault(key, []).append(i)
        ids = []
        for members in groups.values():
            first = rows[members[0]]
            dated = next((row_date(rows[i]) for i in members if rows[i]["date_low"]), None)
            places = [rows[i] for i in members if rows[i]["place"]]
            m = EventMention(
                id=len(mentions), sentence=first["sentence"], paragraph=first["paragraph"], section=first["section"],
                start=min(rows[i]["sentence_start"] for i in members),
                end=max(rows[i]["sentence_end"] for i in members),
                date=dated or _UNDATED, carried=dated is None,
                places={r["place_key"] for r in places}, place_names=list(dict.fromkeys(r["place"] for r in places)),
                regions={r["region"] for r in places if r["region"]}, names=set(), events=set(), figures=list(members),
            )
            mentions.append(m)
            ids.append(m.id)
        if len(ids) < 2:
            continue
        incidents.append(ids)
        row = table.row_numbers[idx[0]]
        declared.append(TableDeclared(kind="same_incident", id=f"{table.incident_column}={incident}", source=name,
                                      line=row, note="one incident by its id in the table", mentions=ids, group=ids))
    return dataclasses.replace(links, mentions=mentions, incidents=incidents), declared


__all__ = ["TableDeclared", "incident_links", "row_links"]
