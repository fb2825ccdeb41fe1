"""What linking produces: plain data that the checks judge (nothing here decides pass or fail)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import DateMention, PlaceMention


def number_end(r) -> int:
    """Where a figure's number ends in the text: its quote may start before it ("in excess of
    40 hours", "at least 29") and run on into what it counts."""
    quote, number = str(r["quote"]), str(r["number_text"])
    k = quote.find(number)
    return int(r["start"]) + (k if k >= 0 else 0) + len(number)


# date precisions that date an incident (to the day, or a few days); longer ones date a statistic
SPECIFIC = ("day", "days")


@dataclass
class EventMention:
    """A clause that tells of a dated incident: its date, places, words and figures."""

    id: int
    sentence: int
    paragraph: int
    section: str
    start: int  # clause span
    end: int
    date: DateMention
    carried: bool  # the date comes from the paragraph, not this clause
    places: set[str]  # keys
    place_names: list[str]  # as written, in order
    regions: set[str]
    names: set[str]
    events: set[str]
    figures: list[int]  # row indices into the figures table


@dataclass
class Breakdown:
    total: int  # row index
    parts: list[int]
    # "exhaustive": the list was read whole (whether it is the whole breakdown is the cue's, see
    # linking.breakdown_cues) | "partial" | "enumerated"
    kind: str
    cue: str  # the words that announced it ("parenthesis", "which included", "colon", "of the" ...)
    # named items that count one each, as character spans ("Nine prisons ...: Bangassou, Bouar, ...")
    items: list[tuple[int, int]] = field(default_factory=list)
    # how many more things the named items may stand for: "Yezidi, Kurdish, and the Assyrian and
    # Russian communities" are three items and three or four minorities
    more_items: int = 0
    # a part that counts several times: row -> times ("five each in the Senate and in the House": 2)
    times: dict[int, int] = field(default_factory=dict)


@dataclass
class PartWhole:
    part: int
    whole: int
    cue: str


@dataclass
class Links:
    mentions: list[EventMention] = field(default_factory=list)
    incidents: list[list[int]] = field(default_factory=list)  # groups of mention ids (2+)
    breakdowns: list[Breakdown] = field(default_factory=list)
    part_wholes: list[PartWhole] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    statistics: list[list[int]] = field(default_factory=list)  # groups of rows stating one statistic
    restated: list[list[int]] = field(default_factory=list)  # groups of rows giving one precise figure
    restated_sets: list[tuple[list[int], list[int]]] = field(default_factory=list)  # two sentences, one set of figures
    conversions: list = field(default_factory=list)  # link.conversions.Conversion: amounts and their equivalents
    claims: list = field(default_factory=list)  # link.claims.Claim: arithmetic the report states about its figures
    content: list = field(default_factory=list)  # link.content.ContentLink: mentions linked by what they say
    restated_words: list = field(default_factory=list)  # link.content.Restated: a figure retold in its words
    restated_dates: list = field(default_factory=list)  # link.content.RestatedDate: a day retold in its words
    sizes: list = field(default_factory=list)  # link.sizes.SizeGroup: one body's or set's size, told in several places
    thresholds: list = field(default_factory=list)  # link.thresholds.ThresholdGroup: one legal threshold, told again
    named_events: list = field(default_factory=list)  # link.named_events.NamedEventGroup: one kind of event, told again
