"""The plain data that flows between the stages: read -> extract -> link -> check -> report.

Only dataclasses live here; every stage is a function that takes and returns these (or a
pandas DataFrame of figures), so a stage can run per document on any engine.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

#: severities, most severe first: what a failing result can be
SEVERITIES = ("error", "warning", "info")


class FigureRow(TypedDict):
    """One row of the figures table, as extraction makes it and the links and checks read it
    (Extraction.rows, CheckContext.rows: a list, index = row number). The keys are the columns
    of reportcheck.schema.COLUMNS (where each is described; a test keeps the two in step), so
    a DataFrame of these rows is the figures table without a copy or a rename."""

    figure_id: str
    document: str
    section: str
    paragraph: int
    sentence: int
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    quote: str
    number_text: str
    value: float  # NaN for vague quantities and unparsed numbers
    low: float
    high: float  # inf for an open bound
    qualifier: str
    number_kind: str
    kind: str
    measure: str
    noun: str
    who: str
    perpetrator: str
    source: str
    additive: bool
    date_text: str
    date_low: str | None  # ISO date; None when undated
    date_high: str | None
    date_precision: str
    date_kind: str
    date_start: int
    place: str
    place_key: str
    region: str
    parse_status: str
    currency: str  # "" when the figure is no amount of money
    whole: str  # figure_id of the whole a share is stated against ("" when none)
    page: str  # the page of a PDF report ("3"); "" for other formats


@dataclass(frozen=True)
class Section:
    """A heading of the report and the span of text it governs.

    `code` is the short reference a reader uses: "exec" (Executive Summary), "1", "1.a",
    "6"; "" for text before the first heading. `start`/`end` are offsets into Document.text.
    """

    code: str
    title: str
    start: int
    end: int


@dataclass
class Document:
    """One report as read: its decoded text and what is known about it.

    Every offset anywhere in reportcheck is a Python string index into `text`.
    """

    id: str
    path: str
    text: str
    format: str  # "text" | "html" | "pdf" | "docx"
    encoding: str
    year: int | None = None
    year_source: str = "unknown"  # "--year" | "file name" | "page metadata" | "text" | "unknown"
    country: str | None = None  # ISO 3166-1 alpha-2 code, e.g. "ML"
    country_name: str | None = None
    sections: list[Section] = field(default_factory=list)
    # a PDF's pages: (offset, page) where the text of a page (1-based) starts, in text order (the
    # footnotes after the body go back to their pages); empty for a format without pages
    pages: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def section_at(self, offset: int) -> Section | None:
        if len(self._starts) != len(self.sections):  # sections are set once, by the reader
            self._starts = [s.start for s in self.sections]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        s = self.sections[i]
        return s if s.start <= offset < max(s.end, s.start + 1) else None

    def page_at(self, offset: int) -> int | None:
        """The page `offset` lies on (1-based), None when the format has no pages."""
        if not self.pages:
            return None
        i = bisect.bisect_right(self.pages, (offset, float("inf"))) - 1
        return self.pages[max(i, 0)][1]

    def section_code(self, offset: int) -> str:
        """The code of the section at `offset` ("" before the first heading)."""
        s = self.section_at(offset)
        return s.code if s else ""


@dataclass(frozen=True)
class NumberMention:
    """A number as written, with its qualifier, turned into an interval.

    start/end cover the qualifier and the number ("at least 29", "nearly 100", "dozens");
    num_start/num_end only the number itself ("29"). `high` may be math.inf.
    `kind`: "digits", "words" (number words), "vague" (dozens, several), "range" (between A and B, A-B).
    `qualifier`: a key of the qualifier table in the rule file ("exact" when none).
    """

    start: int
    end: int
    num_start: int
    num_end: int
    text: str
    value: float | None
    low: float
    high: float
    qualifier: str
    kind: str


@dataclass(frozen=True)
class DateMention:
    """A date expression turned into an interval [low, high] (both inclusive days).

    `precision`: "day", "days" (a range of days), "month", "months", "year", "years".
    `kind`: "absolute"; "as_of" (a cut-off: "as of August"); "since" ("since 2013");
    "relative" ("seven days later", "the following day": low/high are None and
    `offset_days` says how far from the date it refers to); "same_period" ("during the same
    period", resolved by the linker to the period mentioned before).
    """

    start: int
    end: int
    text: str
    low: dt.date | None
    high: dt.date | None
    precision: str
    kind: str = "absolute"
    offset_days: int | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text.

    `name` as written; `key` its normalised form (ASCII, lower case, no "region"/"city").
    `level`: "region" (a first-level subdivision of the country), "locality" (town, village,
    camp ...), or "part" ("the North", "the central part of the country").
    `region`: key of the region that contains it, when known (from the text: "Tarkint, Gao
    Region"; or when the place is itself a region).
    `part`: the part of the country the text puts it in, when it says so ("north", "south",
    "east", "west", "center", "northeast" ...): "the Kayes Region in the West".
    """

    start: int
    end: int
    name: str
    key: str
    level: str
    region: str | None = None
    part: str | None = None
    part_start: int | None = None
    part_end: int | None = None


@dataclass(frozen=True)
class Evidence:
    """A span of the document that a result is about."""

    figure_id: str
    quote: str
    start: int
    end: int
    section: str
    role: str = ""  # "total", "part", "mention", "whole" ...
    row: int | None = None  # the row of a figures table it comes from (1-based), for a table's findings
    page: int | None = None  # the page of a PDF report it lies on (1-based); None for other formats


@dataclass
class Result:
    """One check that ran on one group of mentions: passed or failed.

    `severity` is the severity the result has when it fails ("error", "warning", "info");
    a passing result keeps the severity it would have had. `arithmetic` is a human-readable
    line ("127 + 21 + 14 + 2 = 164 = stated 164").
    """

    code: str
    rule: str
    document: str
    outcome: str  # "pass" | "fail"
    severity: str
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    arithmetic: str = ""
    status: str = "new"  # "new" | "waived"
    details: dict = field(default_factory=dict)
    # why a waived result is accepted, from the baseline of reviewed findings (--baseline):
    # {"reviewer", "date", "reason", "source": "reviewed.yml:12"}; empty for a new result
    review: dict = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.outcome == "fail"

    @property
    def new_failure(self) -> bool:
        """A failing result nobody has reviewed: the only kind that can fail the run (the
        gate in reportcheck.report, Run.summary and every writer use this one definition)."""
        return self.outcome == "fail" and self.status == "new"

    @property
    def fingerprint(self) -> str:
        """The stable name of this finding: code, document and normalised quotes, no offsets
        (reportcheck.fingerprint). Baselines and every writer's result ids use it."""
        from .fingerprint import fingerprint

        return fingerprint(self.code, self.document, (e.quote for e in self.evidence))


@dataclass
class DocumentSummary:
    """What the review report says about one document besides its results."""

    id: str
    path: str
    format: str
    year: int | None
    year_source: str
    country: str | None
    characters: int
    figures: int  # parsed figure rows
    unparsed_numbers: int  # rows the extractor could not interpret
    numbers_in_dates: int = 0  # numeric tokens that belong to dates (day, year)
    numbers_in_names: int = 0  # numeric tokens inside names ("G5 Sahel", "COVID-19", "33rd")
    rule_files: list[str] = field(default_factory=list)  # the user's rule files applied, in merge order
    # a table's document (check-report TABLE): {"path", "shape", "rows", "mode", "report", "note",
    # "columns", "excluded", "edited", "skipped_rules"} (extract.table.TableInfo); None for a report
    table: dict | None = None


@dataclass
class Run:
    """Everything one invocation produced; the report writers render it."""

    documents: list[DocumentSummary]
    figures: object  # pandas.DataFrame validated by reportcheck.schema.FIGURES
    results: list[Result]
    rules: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)  # code -> {"name", "summary", "doc"} of every check that ran
    # document id -> its text as read (what every offset refers to), for writers that quote in
    # context (html, markdown) or locate lines and columns (sarif, github); may be empty
    texts: dict = field(default_factory=dict, repr=False)

    # --baseline: {"path", "entries", "waived", "ignored", "stale": [entry, ...], "fail_on_stale"}
    baseline: dict | None = None
    # --compare-to: {"previous", "figures_before", "figures_after", "added", "removed", "changed",
    # "unchanged", "added_figures": [...], "removed_figures": [...]} (reportcheck.compare)
    comparison: dict | None = None

    # the documents that could not be checked (model.DocumentError: path, message); the others were
    errors: list = field(default_factory=list)
    # a streamed run (a corpus written document by document) keeps its results' counts only:
    # `results` is then empty and the summary and the exit status are read from here
    tally: Tally | None = None

    def counts(self) -> Tally:
        """The results' counts: the streamed tally, else counted from `results`."""
        if self.tally is not None:
            return self.tally
        tally = Tally()
        tally.add(self.results)
        return tally

    def summary(self) -> dict:
        t = self.counts()
        return {
            "results": t.results,
            "passed": t.passed,
            "failed": t.failed,
            "waived": t.waived,
            "error": t.error,
            "warning": t.warning,
            "info": t.info,
            "documents": len(self.documents),
            "figures": sum(d.figures for d in self.documents),
            "unparsed_numbers": sum(d.unparsed_numbers for d in self.documents),
            # every check that ran, with what it judged: a check with nothing to judge in these
            # documents (no restated figure, no conversion) is listed with zeros, not omitted
            "by_check": {code: dict(t.by_check.get(code) or {"passed": 0, "failed": 0})
                         for code in sorted(set(self.checks) | set(t.by_check))},
            **self._review_summary(),
        }

    def _review_summary(self) -> dict:
        """The baseline's and the comparison's counts, when --baseline / --compare-to were given."""
        out = {}
        if self.baseline is not None:
            out["baseline"] = {k: (len(v) if k == "stale" else v) for k, v in self.baseline.items()
                               if k in ("entries", "waived", "ignored", "stale")}
        if self.comparison is not None:
            out["comparison"] = {k: self.comparison[k] for k in ("added", "removed", "changed", "unchanged")
                                 if k in self.comparison}
        return out


@dataclass
class Tally:
    """The counts of a run's results, added document by document: what the summary and the
    exit status need, without keeping every result (a corpus of thousands of reports)."""

    results: int = 0
    passed: int = 0
    failed: int = 0  # new failures (not waived)
    waived: int = 0
    error: int = 0  # new failures by severity
    warning: int = 0
    info: int = 0
    by_check: dict = field(default_factory=dict)  # code -> {"passed": n, "failed": n}

    def add(self, results) -> None:
        for r in results:
            self.results += 1
            counts = self.by_check.setdefault(r.code, {"passed": 0, "failed": 0})
            if not r.failed:
                self.passed += 1
                counts["passed"] += 1
                continue
            counts["failed"] += 1
            if r.status == "waived":
                self.waived += 1
            elif r.new_failure:
                self.failed += 1
                if r.severity in ("error", "warning", "info"):
                    setattr(self, r.severity, getattr(self, r.severity) + 1)

    def new_failures(self, severities) -> int:
        """New failures of these severities (the gate's question)."""
        return sum(getattr(self, s) for s in severities if s in SEVERITIES)


@dataclass
class DocumentCheck:
    """One document checked, as a corpus run hands it on (in order) to the writers that stream.
    The figures table and the text are loaded when a writer asks for them: a document whose
    results come from the cache (--cache) is not read again unless a writer needs its text."""

    summary: DocumentSummary
    results: list[Result]
    load_figures: object = field(repr=False, compare=False)  # () -> DataFrame
    load_text: object = field(repr=False, compare=False)  # () -> str
    text_sha256: str = ""  # of the text as read (the figures table's provenance)
    cached: bool = False
    rules: dict | None = field(default=None, repr=False, compare=False)  # the rules it was checked with
    table: bool = False  # a figures table's document (its own checks ran too)

    @property
    def figures(self):
        if not hasattr(self, "_figures"):
            self._figures = self.load_figures()
        return self._figures

    @property
    def text(self) -> str:
        if not hasattr(self, "_text"):
            self._text = self.load_text()
        return self._text

    def release(self) -> None:
        """Forget the figures and the text once every writer has had them (memory stays bounded)."""
        self.__dict__.pop("_figures", None)
        self.__dict__.pop("_text", None)


@dataclass(frozen=True)
class DocumentError:
    """A document of a corpus run that could not be checked (unreadable, a malformed rule file
    of its own, a rule whose quote it does not hold): the run goes on with the others and
    exits 2 at the end (or stops at once with --fail-fast). `message` names the file."""

    path: str
    message: str
