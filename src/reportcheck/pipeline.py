"""The whole path for a set of inputs: read -> extract -> link -> check -> report data.

Each stage is a pure function of its inputs (`check_document` of one Document), so documents
can be processed independently, on any engine.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .config import load_rules, merge_rule_file
from .model import Document, DocumentCheck, DocumentError, DocumentSummary, Result, Run
from .read.discover import discovered_rule_files, expand_paths, report_rule_file


def check_document(doc: Document, rules: dict, validate: bool = False):
    """One document through extract -> link -> check. Returns (figures DataFrame, results, summary)."""
    from .checks import CheckContext, run_checks
    from .extract.figures import extract, figures_frame
    from .link import build_links
    from .link.declared import declare

    ex = extract(doc, rules)
    figures = figures_frame(ex, rules, validate=validate)
    links = build_links(doc, ex, rules)
    # the report-specific rules (`rules:` of the rule files): quotes found, relations applied
    links, declared = declare(doc, ex, links, rules)
    # the table's records are the extraction's rows (row number = index): no round trip through pandas
    ctx = CheckContext(doc=doc, rows=ex.rows, links=links, rules=rules, declared=declared)
    results = run_checks(ctx)
    parsed = int((figures["parse_status"] == "parsed").sum())
    summary = DocumentSummary(
        id=doc.id, path=doc.path, format=doc.format, year=doc.year, year_source=doc.year_source,
        country=doc.country, characters=len(doc.text), figures=parsed,
        unparsed_numbers=int(len(figures) - parsed), numbers_in_dates=ex.numbers_in_dates,
        numbers_in_names=ex.numbers_in_names, rule_files=list(rules.get("_sources") or ()),
    )
    return figures, results, summary


def check_table(td, rules: dict, validate: bool = False):
    """One document of a figures table (extract.table.TableDoc) through link -> check: with the
    report's text when it was found (the same links as on the report, on the table's rows),
    else from the rows alone. Its schema violations are results of their own (RC401); every
    evidence names its row. Returns (figures DataFrame, results, summary) as check_document."""
    import pandas as pd

    from .checks import CheckContext, run_checks
    from .extract.table import row_date
    from .link import build_links
    from .link.declared import declare
    from .link.table import incident_links, row_links
    from .schema import COLUMNS, coerce

    doc, ex, info = td.doc, td.ex, td.info
    for i, r in enumerate(ex.rows):
        r["_table_row"] = td.row_numbers[i]
    skipped: list[str] = []
    if td.mode == "text":
        links = build_links(doc, ex, rules)
        # a rule naming a row left out (it breaks the schema) is skipped, and said so
        links, declared = declare(doc, ex, links, rules, lenient=bool(info.excluded), skipped=skipped)
    else:
        links, own = incident_links(td, row_links(ex, rules), row_date)
        links, declared = declare(doc, ex, links, rules, lenient=True, skipped=skipped)
        declared = [*own, *declared]
    info.skipped_rules = skipped
    ctx = CheckContext(doc=doc, rows=ex.rows, links=links, rules=rules, declared=declared, table=td)
    results = run_checks(ctx, scope="table")
    results.extend(run_checks(ctx))
    locate = _RowLocator(td)
    results = [dataclasses.replace(r, evidence=[locate(e) for e in r.evidence]) for r in results]
    figures = coerce(pd.DataFrame(ex.rows, columns=list(COLUMNS)))
    figures.attrs["table_rows"] = list(td.row_numbers)  # each figure's row in the table read
    parsed = int((figures["parse_status"] == "parsed").sum()) if len(figures) else 0
    shown = {k: v for k, v in dataclasses.asdict(info).items() if k not in ("violations",)}
    shown["violations"] = len(info.violations)
    shown["edited"] = [{"row": td.row_numbers[e["index"]], "figure_id": e["figure_id"], "changes": e["changes"]}
                       for e in info.edited]
    summary = DocumentSummary(
        id=doc.id, path=info.path, format="table", year=doc.year,
        year_source=doc.year_source if doc.year else "unknown",
        country=doc.country, characters=len(doc.text), figures=parsed, unparsed_numbers=int(len(figures) - parsed),
        rule_files=list(rules.get("_sources") or ()), table=shown,
    )
    return figures, results, summary


class _RowLocator:
    """Evidence of a table's document with the table row it comes from."""

    def __init__(self, td):
        rows = td.ex.rows
        self.by_id = {r["figure_id"]: td.row_numbers[i] for i, r in enumerate(rows)}
        self.by_date = {r["date_start"]: td.row_numbers[i] for i, r in enumerate(rows) if r["date_start"] >= 0}
        spans = sorted((r["sentence_start"], r["sentence_end"], td.row_numbers[i]) for i, r in enumerate(rows))
        self.starts = [a for a, _, _ in spans]
        self.rows = [n for _, _, n in spans]
        # the furthest end so far: the first sentence (in start order) that holds an offset is the
        # first whose end passes it, a bisect instead of a scan over every sentence per evidence
        self.reach, furthest = [], -1
        for a, b, _ in spans:
            furthest = max(furthest, b, a + 1)
            self.reach.append(furthest)

    def __call__(self, e):
        from bisect import bisect_right

        if e.row is not None:
            return e
        row = self.by_id.get(e.figure_id) or self.by_date.get(e.start)
        if row is None:
            k = bisect_right(self.reach, e.start)
            row = self.rows[k] if k < bisect_right(self.starts, e.start) else None
        return dataclasses.replace(e, row=row) if row is not None else e


def _check_item(item):
    """check_document for a report, check_table for a table's document, in a worker: a
    document's own input error (a rule whose quote it does not hold) comes back as its
    message, so that a corpus run goes on with the others; a bug is raised."""
    from .errors import InputError

    target, rules, validate = item
    try:
        if isinstance(target, Document):
            return check_document(target, rules, validate)
        return check_table(target, rules, validate)
    except InputError as exc:
        return str(exc)


@dataclasses.dataclass
class Corpus:
    """What a run checks, found before any document is read: the files (reports, tables) in
    order and the rules merged from the defaults and the --rules files. `checks` collects the
    checks that ran as documents are checked (code -> the check)."""

    files: list[Path]
    rules: dict
    rule_files: list[str]
    checks: dict = dataclasses.field(default_factory=dict)
    _seen: dict = dataclasses.field(default_factory=dict, repr=False)  # id(rules) -> rules whose checks are in
    _info: tuple = dataclasses.field(default=(0, {}), repr=False)  # (len(checks), checks_info) last built

    def checks_info(self) -> dict:
        """The checks that ran, by code (those of the rules alone when no document was checked).
        Built again only when a check joined: a streamed run asks for it at every document, and
        building it cleans every check's documentation (a tenth of a warm cached run)."""
        if not self.checks:
            from .checks import enabled_checks

            return _checks_info(enabled_checks(self.rules))
        if self._info[0] != len(self.checks):  # checks only ever join (ran)
            self._info = (len(self.checks), _checks_info(self.checks.values()))
        return self._info[1]

    def ran(self, check: DocumentCheck) -> None:
        """The checks that ran on this document join the corpus's (a table's own checks too)."""
        from .checks import enabled_checks

        rules = check.rules
        if (id(rules), check.table) in self._seen:
            return
        self._seen[(id(rules), check.table)] = rules
        ran = list(enabled_checks(rules)) + (list(enabled_checks(rules, "table")) if check.table else [])
        for c in ran:
            self.checks.setdefault(c.code, c)


def open_corpus(paths: list[str], rule_files: list[str] = ()) -> Corpus:
    """The files of `paths` (directories expanded) and the merged --rules files. Raises
    InputError for a path that does not exist or a malformed rule file (before any work)."""
    rules = load_rules(list(rule_files))
    return Corpus(files=expand_paths(list(paths)), rules=rules, rule_files=list(rule_files))


def check_corpus(corpus: Corpus, *, year: int | None = None, validate: bool = False, report_rules: bool = False,
                 report_rule_files: dict | None = None, jobs: int = 1, engine: str = "local",
                 scheduler: str | None = None, cache=None):
    """Every document of the corpus, read, checked and handed on one at a time, in the files'
    order: a model.DocumentCheck for each document checked, a model.DocumentError for each
    that could not be (the run goes on; the caller decides whether to stop).

    Documents are read here, as the engine asks for more work, and checked on the engine
    (engines.open_engine: `local` processes, or `dask`); results come back as they finish and
    are put back in order, with at most a window of documents ahead of the first unfinished
    one: memory is bounded by a few documents, not by the corpus. With `cache`
    (cache.Cache), a report whose bytes, effective rules and tool are unchanged is neither
    read nor checked: its stored results are handed on (and stored anew after a check)."""
    from .engines import Ready, as_finished, open_engine
    from .errors import InputError
    from .extract.table import read_table
    from .read import read_document
    from .read.table import is_table

    given = {Path(k): v for k, v in (report_rule_files or {}).items()}
    given_too = {Path(r).resolve() for r in corpus.rule_files}
    digests: dict[int, tuple[dict, str]] = {}  # id(rules) -> (rules, hash): most documents share one dict

    def merged(base: dict, own) -> dict:
        if own is None or Path(own).resolve() in given_too:
            return base  # none, or named with --rules as well: merged once
        return merge_rule_file(base, own)

    def rules_hash(own_rules: dict) -> str:
        from .cache import rules_digest

        if id(own_rules) not in digests:
            digests[id(own_rules)] = (own_rules, rules_digest(own_rules))
        return digests[id(own_rules)][1]

    pending: dict[int, tuple] = {}  # index -> (path, document, rules, cache key): what its result needs
    count = 0

    def work():
        nonlocal count
        for f in corpus.files:
            try:
                own_rules = merged(corpus.rules, given.get(f) or (report_rule_file(f) if report_rules else None))
                if is_table(f):
                    for td in read_table(f, own_rules, year=year):
                        td_rules = merged(own_rules, _table_report_rules(f, td, own_rules, report_rules))
                        pending[count] = (f, td, td_rules, None)
                        count += 1
                        yield (td, td_rules, validate)
                    continue
                key = None
                if cache is not None:
                    from .cache import document_key
                    from .read.decode import read_bytes

                    key = document_key(f, read_bytes(f), rules_hash(own_rules), year)
                    entry = cache.load(key, str(f))
                    if entry is not None:
                        count += 1
                        yield Ready(_from_cache(entry, f, year, own_rules, validate, cache, key))
                        continue
                doc = read_document(f, year=year)
            except InputError as exc:
                count += 1
                yield Ready(DocumentError(path=str(f), message=str(exc)))
                continue
            pending[count] = (f, doc, own_rules, key)
            count += 1
            yield (doc, own_rules, validate)

    items = work()
    if engine == "local" and jobs != 1 and cache is None and len(corpus.files) > 1:
        _preload()  # before the workers are forked: they inherit it instead of each importing it
    runner = open_engine(engine, jobs=jobs, scheduler=scheduler, items=len(corpus.files))
    done: dict[int, object] = {}
    following = 0
    try:
        for i, value in as_finished(runner, _check_item, items):
            if i in pending:
                value = _checked(value, *pending.pop(i), cache=cache, validated=validate)
            done[i] = value
            while following in done:  # back in order: hand on what is next
                out = done.pop(following)
                following += 1
                if isinstance(out, DocumentCheck):
                    corpus.ran(out)
                yield out
    finally:
        items.close()
        runner.close()


def _preload() -> None:
    """Import what check_document imports at its first call (pandas, the linkers, the checks,
    the table's schema: about 0.7 s of CPU). The local engine's workers are forked from this
    process: imported here, once, they inherit the modules; imported there, every worker pays
    for them again (and this process too, for the figures and checks they send back)."""
    import pandas  # noqa: F401

    from . import checks, link, schema  # noqa: F401
    from .extract import figures  # noqa: F401
    from .link import declared  # noqa: F401


def _table_report_rules(f, td, own_rules: dict, report_rules: bool):
    """The rule file of the report a table was extracted from, as when that report is checked:
    the report's own; else the one named by the document id (DIR/checks/ID.yml)."""
    if not (report_rules and td.info.shape == "figures"):
        return None
    report_own = (_bundled_rules(td.report_path) or report_rule_file(td.report_path) if td.report_path
                  else report_rule_file(Path(f).parent / f"{td.doc.id}.txt"))
    if report_own is not None and Path(report_own).resolve() in {Path(x).resolve() for x in
                                                                own_rules.get("_sources") or ()}:
        return None
    return report_own


@dataclasses.dataclass
class CachedCheck(DocumentCheck):
    """A DocumentCheck of a report kept in the cache (--cache). `outputs` (cache.Outputs) holds
    the outputs rendered from its entry, which the streamed writers reuse instead of rendering
    them again. A report reused from the cache has its
    results read only when first asked for (`load_results`), and `tally`, their counts, known
    without them: a run whose outputs all come from the cache never decodes a result."""

    outputs: object = dataclasses.field(default=None, repr=False, compare=False)
    tally: object = dataclasses.field(default=None, repr=False, compare=False)  # model.Tally, no baseline applied
    load_results: object = dataclasses.field(default=None, repr=False, compare=False)  # () -> list[Result]

    # `results` stays the dataclass field it is (the generated __init__ sets it through this property)
    @property
    def results(self) -> list[Result]:
        if self.__dict__.get("_results") is None and self.load_results is not None:
            self.__dict__["_results"] = self.load_results()
        return self.__dict__.get("_results")

    @results.setter
    def results(self, value) -> None:
        self.__dict__["_results"] = value


def _checked(value, path, target, own_rules: dict, key, *, cache, validated: bool = False
             ) -> DocumentCheck | DocumentError:
    """A worker's value for the document `target` (read from `path`): its check, or its error."""
    if isinstance(value, str):
        return DocumentError(path=str(path), message=value)
    figures, results, summary = value
    doc = target if isinstance(target, Document) else target.doc
    text = doc.text
    sha, stored = "", False
    if cache is not None and key is not None:
        from .read.table import text_hash

        sha = text_hash(text)
        stored = cache.store(key, summary, results, figures, sha, validated=validated)
    check = {"summary": summary, "results": results, "load_figures": lambda: figures, "load_text": lambda: text,
             "text_sha256": sha, "rules": own_rules, "table": not isinstance(target, Document)}
    if stored:  # the outputs rendered from it are stored with it
        return CachedCheck(**check, outputs=cache.outputs(key))
    return DocumentCheck(**check)


def _from_cache(entry, path, year, own_rules: dict, validate: bool, cache, key) -> CachedCheck:
    """A stored report as a CachedCheck: its results, figures and text read when something asks
    for them. A results or figures file that cannot be read after all is no failure: the report
    is checked again then (once), and stored anew."""
    again: dict = {}

    def checked_again() -> dict:
        if not again:
            from .read import read_document
            from .read.table import text_hash

            doc = read_document(path, year=year)
            figures, results, summary = check_document(doc, own_rules, validate)
            cache.store(key, summary, results, figures, text_hash(doc.text), validated=validate)
            again.update(figures=figures, results=results)
        return again

    def load_text() -> str:
        from .read import read_document

        return read_document(path, year=year).text

    def load_results():
        try:
            return entry.load_results()
        except Exception:  # a damaged entry
            return checked_again()["results"]

    def load_figures():
        try:
            figures = entry.load_figures()
        except Exception:  # a damaged entry
            return checked_again()["figures"]
        if validate and not entry.validated:  # a table stored validated was checked by this very tool
            from .schema import validate as validate_table

            figures = validate_table(figures, tuple(own_rules.get("qualifiers") or ()))
        return figures

    return CachedCheck(summary=entry.summary, results=None, load_figures=load_figures, load_text=load_text,
                       text_sha256=entry.text_sha256, cached=True, rules=own_rules, outputs=cache.outputs(key),
                       tally=entry.tally, load_results=load_results)


def collect(corpus: Corpus, checked: list[DocumentCheck], errors: list[DocumentError] = ()) -> Run:
    """The Run of checked documents (in order): every figure, result and text in memory, for the
    writers that need the whole run."""
    import pandas as pd

    frames = [c.figures for c in checked]
    figures = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if any("table_rows" in f.attrs for f in frames):
        # for each figure, the row of the table it was read from (None: from a report), for --expectations
        figures.attrs["table_rows"] = [n for f in frames for n in (f.attrs.get("table_rows") or [None] * len(f))]
    return Run(documents=[c.summary for c in checked], figures=figures,
               results=[r for c in checked for r in c.results], rules=corpus.rules, checks=corpus.checks_info(),
               texts={c.summary.id: c.text for c in checked}, errors=list(errors))


def run(paths: list[str], *, year: int | None = None, rule_files: list[str] = (), validate: bool = False,
        report_rules: bool = False, report_rule_files: dict | None = None, jobs: int = 1, engine: str = "local",
        scheduler: str | None = None, cache=None, fail_fast: bool = True, progress=None) -> Run:
    """Check every path (files, or directories of .txt, .html, .pdf and .docx reports) and return the Run.

    `rule_files` are merged over the defaults for every report; then each report's own rule
    file: the one `report_rule_files` gives for its path, else, with `report_rules`, the one
    found by its name (report_rule_file; the command does so unless --no-report-rules, a
    caller of this function asks for it). `validate`: check each figures table against the
    pandera schema (for tables that leave the tool: --figures-out). `jobs`: worker processes
    for several documents (1: none, 0: one per core); `engine`, `scheduler`, `cache`: see
    check_corpus. `progress`: an object told `start(total)`, then `update(event)` for each
    document checked or failed.

    Raises reportcheck.errors.InputError for bad input (the CLI turns it into exit 2): a bad
    path or --rules file at once; with `fail_fast` (the default) the first document that
    cannot be checked too, else such documents are listed in Run.errors and the others checked.
    """
    from .errors import InputError

    corpus = open_corpus(paths, rule_files)
    if progress is not None:
        progress.start(len(corpus.files))
    checked, errors = [], []
    for event in check_corpus(corpus, year=year, validate=validate, report_rules=report_rules,
                              report_rule_files=report_rule_files, jobs=jobs, engine=engine, scheduler=scheduler,
                              cache=cache):
        if isinstance(event, DocumentError):
            if fail_fast:
                raise InputError(event.message)
            errors.append(event)
        else:
            checked.append(event)
        if progress is not None:
            progress.update(event)
    return collect(corpus, checked, errors)


def _checks_info(checks) -> dict:
    """The checks that ran, by code: name, summary and documentation (for the reports)."""
    return {c.code: {"name": c.name, "summary": c.summary, "doc": c.doc} for c in sorted(checks, key=lambda c: c.code)}


def run_frame(frame, *, name: str = "table", rule_files: list[str] = (), year: int | None = None) -> Run:
    """Check a figures table held in memory (a pandas DataFrame: a figures table, or a user table
    with a `columns:` mapping in `rule_files`), as `check-report TABLE` checks a file. `name`
    stands for its file name. Raises InputError for a table that cannot be read."""
    import pandas as pd

    from .checks import enabled_checks
    from .extract.table import read_frame

    rules = load_rules(list(rule_files))
    tables = read_frame(frame, rules, name=name, year=year)
    frames, results, summaries = [], [], []
    for td in tables:
        own = (_bundled_rules(td.report_path) or report_rule_file(td.report_path)) if td.report_path else None
        f, r, s = check_table(td, merge_rule_file(rules, own) if own is not None else rules)
        frames.append(f)
        results.extend(r)
        summaries.append(s)
    return Run(documents=summaries, figures=pd.concat(frames, ignore_index=True), results=results, rules=rules,
               checks=_checks_info([*enabled_checks(rules), *enabled_checks(rules, "table")]),
               texts={td.doc.id: td.doc.text for td in tables})


def _bundled_rules(report_path) -> str | None:
    """The rule file shipped with the bundled sample, for a table extracted from it."""
    from importlib import resources

    try:
        samples = resources.files("reportcheck.samples")
        sample = Path(str(samples.joinpath("mali-2020.txt")))
        if Path(report_path).resolve() == sample.resolve():
            own = Path(str(samples.joinpath("mali-2020.yml")))
            return str(own) if own.is_file() else None
    except (OSError, TypeError, ValueError):
        return None
    return None


__all__ = ["CachedCheck", "Corpus", "Result", "check_corpus", "check_document", "check_table", "collect",
           "discovered_rule_files", "expand_paths", "open_corpus", "report_rule_file", "run", "run_frame"]
