"""What several test modules need: the command run in-process, its one-line errors, failing results."""
from __future__ import annotations

from click.testing import CliRunner

from reportcheck import cli

PREFIX = "check-report: "


def invoke(*args):
    """check-report with these arguments, in this process (click's runner)."""
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def one_line_error(result, code: int = 2) -> str:
    """The one line a refused run writes (with its "check-report: " prefix): exit `code`, no
    traceback, nothing else on stderr."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(PREFIX), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def error_message(result, code: int = 2) -> str:
    """one_line_error without its prefix."""
    return one_line_error(result, code)[len(PREFIX):]


def failing(run, code: str | None = None) -> list:
    """The failing results of a run (of one check, with `code`)."""
    return [r for r in run.results if r.failed and (code is None or r.code == code)]


def covers(result, *quotes, text: str) -> bool:
    """The result's evidence overlaps each quote of `text` (as ../shared/eval/score.py judges it)."""
    spans = [(e.start, e.end) for e in result.evidence]
    for q in quotes:
        i = text.find(q)
        assert i >= 0, q
        if not any(a < i + len(q) and i < b for a, b in spans):
            return False
    return True


def run_sections(tmp_path, paragraphs: list[str], code: str, rules: str | None = None, name: str = "report") -> list:
    """The results of one check on a report of numbered sections, one paragraph each (every pair
    of sentences in different paragraphs), with a rule file's text when given; `name` is the
    file's stem, the country and year the report is read as ("burma-2022")."""
    from reportcheck import pipeline

    text = "".join(f"{i}. Section {i}\n\n{p}\n\n" for i, p in enumerate(paragraphs, 1))
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    files = []
    if rules:
        (tmp_path / "r.yml").write_text(rules, encoding="utf-8")
        files = [str(tmp_path / "r.yml")]
    return [r for r in pipeline.run([str(path)], rule_files=files).results if r.code == code]
