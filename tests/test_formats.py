"""The review formats (html, markdown, junit, sarif, github) on the bundled sample, read back by
what reads them in real life: headless Chromium, junitparser, sarif-tools; and --format,
--output, --output-dir on the command line."""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
import struct
import subprocess
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from helpers import failing, invoke, one_line_error
from reportcheck import __version__, pipeline
from reportcheck.model import Evidence, Result
from reportcheck.report import EXTENSIONS, WRITERS
from reportcheck.report.github import escape_data, escape_property
from reportcheck.report.json import identified
from reportcheck.report.markdown import LIMIT

SAMPLE = Path(str(resources.files("reportcheck.samples").joinpath("mali-2020.txt")))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# the three inconsistencies of the sample: (code, the two sides' figures)
INCONSISTENCIES = [
    ("RC101", ["five others", "20 injured"]),  # Tarkint: wounding five others vs 20 injured
    ("RC102", ["Between July 10 and 13", "July 10-12"]),  # Bamako protests
    ("RC103", ["Kayes", "central part of the country", "West"]),  # Kayes in the center and in the West
]


@pytest.fixture(scope="module")
def sample_run():
    return pipeline.run([str(SAMPLE)])


@pytest.fixture(scope="module")
def waived_run(sample_run):
    """The sample's run with its RC103 finding reviewed (waived) in a baseline."""
    results = [dataclasses.replace(r, status="waived", review={"reason": "Kayes town vs region, checked",
                                                               "reviewer": "ana", "date": "2025-01-02"})
               if r.failed and r.code == "RC103" else r for r in sample_run.results]
    return dataclasses.replace(sample_run, results=results)



# --- html, in a real browser -------------------------------------------------------------------


def _chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run installs it)")
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    proc = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@pytest.fixture(scope="module")
def html_page(sample_run, tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("html") / "review.html"
    page.write_text(WRITERS["html"](sample_run), encoding="utf-8")
    return page


def test_html_renders_the_findings_in_chromium(html_page, sample_run, tmp_path):
    dom = HTMLParser(_chromium(tmp_path, "--dump-dom", html_page.as_uri()).stdout)
    assert dom.css_first("html").attributes.get("lang") == "en"
    for landmark in ("header", "nav", "main", "footer"):
        assert dom.css_first(landmark) is not None, landmark
    # the summary
    summary = dom.css_first("#summary").text(separator=" ")
    s = sample_run.summary()
    assert f"{s['results']} checks run" in " ".join(summary.split())
    assert f"{s['figures']} figures" in " ".join(summary.split())
    by_check = {row.css("td")[0].text(): row for row in dom.css("#summary table")[1].css("tbody tr")}
    assert set(by_check) == set(s["by_check"])
    # the three inconsistencies, each with its figures highlighted in their sentences
    for code, figures in INCONSISTENCIES:
        articles = [a for a in dom.css(f"article.finding[data-rule={code}]")
                    if {m.text() for m in a.css("blockquote mark")} >= set(figures)]
        assert len(articles) == 1, code
        article = articles[0]
        links = [a.attributes["href"] for a in article.css("figcaption a")]
        assert links and all(dom.css_first(href) is not None for href in links)
        assert article.css_first(f"h4 a[href='#{code}']") is not None
        assert dom.css_first(f"section#{code}") is not None  # the rule's explanation
    tarkint = next(a for a in dom.css("article.finding[data-rule=RC101]") if "error" in a.attributes["class"])
    quotes = [q.text() for q in tarkint.css("blockquote")]
    assert any("killing at least 29 soldiers and wounding five others" in q for q in quotes)
    assert any("a total of 30 soldiers were killed and 20 injured in an attack in Gao" in q for q in quotes)
    totals = dom.css_first("article.finding[data-rule=RC201]")
    assert "195 + 82 + 18 + 350 + 18 + 34 + 50 = 747" in totals.css_first(".arith code").text()
    # the script ran: filters shown, counting the findings
    assert dom.css_first("#filters").attributes.get("hidden", "absent") == "absent"
    n = len(failing(sample_run))
    assert dom.css_first("#shown").text() == f"Showing {n} of {n} findings."
    assert len(dom.css("#figures-table tbody tr")) == len(sample_run.figures)
    assert all(th.css_first("button") is not None for th in dom.css("#figures-table thead th"))


def test_html_link_into_the_full_text_opens_it(html_page, sample_run, tmp_path):
    r = next(r for r in failing(sample_run, "RC101") if r.severity == "error")
    target = f"t0-{r.evidence[0].start}-{r.evidence[0].end}"
    dom = HTMLParser(_chromium(tmp_path, "--dump-dom", f"{html_page.as_uri()}#{target}").stdout)
    details = dom.css_first("details#text-0")
    assert "open" in details.attributes  # the script opened the collapsed full text
    anchor = details.css_first(f"#{target}")
    assert anchor is not None and anchor.next.tag == "mark" and anchor.next.text() == "five others"


def test_html_screenshot(html_page, tmp_path):
    shot = tmp_path / "review.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", html_page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 50_000  # not a blank page
    print(f"\nscreenshot of the HTML review: {shot}")


def test_html_is_self_contained_and_escaped(sample_run):
    hostile = Result("RC201", "totals", "mali-2020", "fail", "error",
                     '<script>alert("x")</script> & "quotes"', [], arithmetic="1 < 2 > 0")
    page = WRITERS["html"](dataclasses.replace(sample_run, results=[*sample_run.results, hostile]))
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert "1 &lt; 2 &gt; 0" in page
    # no external asset: nothing loaded (src, link, CSS url or import), no link off the page
    assert not re.search(r"""\s(src|srcset|action)=|<link\b|<iframe|<object|url\(|@import|href="(?!#)""", page)
    assert page.count("<script>") == 1


def test_html_waived_and_without_text(waived_run, sample_run):
    page = HTMLParser(WRITERS["html"](waived_run))
    (kayes,) = page.css("article.finding[data-rule=RC103]")
    assert kayes.attributes["data-status"] == "waived"
    assert "reviewed: Kayes town vs region, checked (ana, 2025-01-02)" in kayes.text()
    # a Run without the documents' text (built by hand) still renders: the quotes alone
    bare = HTMLParser(WRITERS["html"](dataclasses.replace(sample_run, texts={})))
    assert bare.css_first("#texts") is None
    marks = {m.text() for m in bare.css("article.finding[data-rule=RC101] blockquote mark")}
    assert {"five others", "20 injured"} <= marks


def test_html_imports_jinja2_lazily():
    code = ("import sys, reportcheck.cli, reportcheck.report; "
            "assert 'jinja2' not in sys.modules, 'jinja2 imported at start-up'")
    subprocess.run([__import__("sys").executable, "-c", code], check=True, timeout=60)


# --- junit --------------------------------------------------------------------------------------


def test_junit_read_back_by_junitparser(waived_run, tmp_path):
    from junitparser import Failure, JUnitXml, Skipped

    path = tmp_path / "review.xml"
    path.write_text(WRITERS["junit"](waived_run), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert [s.name for s in suites] == [d.id for d in waived_run.documents]
    cases = [c for s in suites for c in s]
    assert len(cases) == len(waived_run.results)
    new = [r for r in waived_run.results if r.failed and r.status == "new"]
    failures = [(c, res) for c in cases for res in c.result if isinstance(res, Failure)]
    skipped = [(c, res) for c in cases for res in c.result if isinstance(res, Skipped)]
    assert sorted((c.classname, res.type) for c, res in failures) == sorted(
        (f"{r.code} {r.rule}", r.severity) for r in new)
    for _case, res in failures:
        r = next(r for r in new if " ".join(r.message.split()) == res.message)
        for e in r.evidence:
            assert f'"{e.quote}"' in res.text
    assert [(c.classname, res.message.split(":")[0]) for c, res in skipped] == [
        ("RC103 place-conflicts", "reviewed")]
    assert suites[0].tests == len(cases) and suites[0].failures == len(new) and suites[0].skipped == 1
    names = [(c.classname, c.name) for c in cases]
    assert len(set(names)) == len(names)


# --- sarif --------------------------------------------------------------------------------------


def _artifact_path(uri: str) -> Path:
    if uri.startswith("file:"):
        return Path(unquote(urlparse(uri).path))
    return Path.cwd() / unquote(uri)


def test_sarif_read_back_by_sarif_tools(waived_run, tmp_path):
    from sarif.loader import load_sarif_file

    path = tmp_path / "review.sarif"
    path.write_text(WRITERS["sarif"](waived_run), encoding="utf-8")
    sarif = load_sarif_file(str(path))
    assert sarif.data["version"] == "2.1.0"
    (run,) = sarif.runs
    assert run.get_tool_name() == "reportcheck"
    driver = run.run_data["tool"]["driver"]
    assert driver["version"] == __version__ and driver["informationUri"].startswith("https://")
    assert run.run_data["columnKind"] == "unicodeCodePoints"
    for code, info in waived_run.checks.items():
        (rule,) = run.get_rules_by_id(code)
        assert rule["name"] == info["name"]
        assert rule["fullDescription"]["text"].startswith(info["summary"].split(":")[0])
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["helpUri"].startswith("https://")
    results = run.get_results()
    failing_results = failing(waived_run)
    assert len(results) == len(failing_results)
    ids = {rid for rid, r in identified(waived_run) if r.failed}
    assert {r["partialFingerprints"]["reportcheckResultId/v1"] for r in results} == ids
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert sorted((r["ruleId"], r["level"]) for r in results) == sorted(
        (r.code, levels[r.severity]) for r in failing_results)
    # every location's region is exactly the quoted text of the report file
    checked = 0
    for result in results:
        for loc in result["locations"]:
            phys = loc["physicalLocation"]
            lines = _artifact_path(phys["artifactLocation"]["uri"]).read_text(encoding="utf-8").splitlines(True)
            reg = phys["region"]
            if reg["startLine"] == reg["endLine"]:
                got = lines[reg["startLine"] - 1][reg["startColumn"] - 1:reg["endColumn"] - 1]
            else:
                got = (lines[reg["startLine"] - 1][reg["startColumn"] - 1:]
                       + "".join(lines[reg["startLine"]:reg["endLine"] - 1])
                       + lines[reg["endLine"] - 1][:reg["endColumn"] - 1])
            assert got == loc["properties"]["quote"] == reg["snippet"]["text"]
            checked += 1
    assert checked == sum(len(r.evidence) for r in failing_results)
    # the reviewed finding is suppressed, with the review as justification
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["RC103"]
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "justification": "reviewed: Kayes town vs region, checked (ana, 2025-01-02)"}]
    json.loads(path.read_text(encoding="utf-8"))  # strict JSON (no Infinity)


def test_sarif_regions_count_characters_not_utf16_units(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Bamako 😀 é\nOn 2 May, 12 people were killed in Gao.\n", encoding="utf-8")
    result = Result("RC201", "totals", "r", "fail", "warning", "m",
                    [Evidence("r:x", "12 people", 21, 30, "")])
    from reportcheck.model import DocumentSummary, Run

    text = report.read_text(encoding="utf-8")
    assert text[21:30] == "12 people"
    run = Run([DocumentSummary("r", str(report), "text", 2020, "--year", None, len(text), 1, 0)], None, [result],
              texts={"r": text})
    (loc,) = json.loads(WRITERS["sarif"](run))["runs"][0]["results"][0]["locations"]
    assert loc["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 20,
                                                 "snippet": {"text": "12 people"}}


# --- markdown -----------------------------------------------------------------------------------


def test_markdown_summary_findings_and_quotes(sample_run):
    md = WRITERS["markdown"](sample_run)
    assert md.startswith("## reportcheck: exit 1: 1 error at or above --fail-on error\n")
    assert "| documents | figures | unparsed numbers | checks run |" in md
    assert "| RC101 | same-incident-counts |" in md
    assert "#### :x: RC101 same-incident-counts (error, new)" in md
    assert ("> On March 19, in a non-IED-related attack, armed individuals attacked a military camp in Tarkint, "
            "Gao Region, killing at least 29 soldiers and wounding <b>five others</b>.") in md
    assert "arithmetic: `195 + 82 + 18 + 350 + 18 + 34 + 50 = 747" in md
    assert "<summary>Checks that passed (" in md and "</details>" in md
    assert len(md.encode("utf-8")) < LIMIT


def test_markdown_escapes_report_text(sample_run):
    from reportcheck.report.markdown import code_span, escape

    assert escape("*not bold* _x_ <img src=x> [a](b) | c # d @someone") == (
        r"\*not bold\* \_x\_ \<img src=x\> \[a\](b) \| c \# d @" + "\u200b" + "someone")
    assert code_span("a `b` c") == "``a `b` c``"
    hostile = Result("RC201", "totals", "mali-2020", "fail", "error", "<b>x</b> *y* @org/team",
                     [], arithmetic="1 ` 2")
    md = WRITERS["markdown"](dataclasses.replace(sample_run, results=[hostile]))
    assert r"\<b\>x\</b\> \*y\* @" + "\u200borg/team" in md
    assert "arithmetic: ``1 ` 2``" in md


def test_markdown_stays_under_the_comment_limit(sample_run):
    passed = [Result("RC201", "totals", "mali-2020", "pass", "warning", f"total {i} adds up " + "x" * 200)
              for i in range(2000)]
    md = WRITERS["markdown"](dataclasses.replace(sample_run, results=[*sample_run.results, *passed]))
    assert len(md.encode("utf-8")) <= LIMIT
    assert "more passed checks left out to stay under GitHub's comment limit" in md
    assert "#### :x: RC101" in md  # the findings are kept before the passes
    many = [dataclasses.replace(r, message=r.message + " " + "y" * 3000) for r in failing(sample_run)] * 40
    md = WRITERS["markdown"](dataclasses.replace(sample_run, results=many))
    assert len(md.encode("utf-8")) <= LIMIT
    assert "more findings left out to stay under GitHub's comment limit" in md


# --- github annotations -------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(value: str) -> str:
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def test_github_annotations_point_at_the_quotes(sample_run):
    out = WRITERS["github"](sample_run).splitlines()
    commands = [_COMMAND.match(line) for line in out if line.startswith("::")]
    assert all(commands) and len(commands) == len(failing(sample_run))
    assert out[-1] == "reportcheck: exit 1: 1 error at or above --fail-on error"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    kinds = []
    for m in commands:
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        props = {k: _unescape(v) for k, v in props.items()}
        assert _artifact_path(props["file"]).resolve() == SAMPLE.resolve()
        line, col, end = int(props["line"]), int(props["col"]), int(props["endColumn"])
        quote = lines[line - 1][col - 1:end - 1]
        message = _unescape(m["message"])
        assert f'"{quote}"' in message
        kinds.append((m.group(1), props["title"]))
    assert ("error", "RC101 same-incident-counts") in kinds
    assert ("warning", "RC102 same-incident-dates") in kinds
    assert "\n" not in "".join(m["message"] for m in commands)


def test_github_escaping(sample_run):
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    weird = Result("RC201", "to:tals,x", "mali-2020", "fail", "error", "50% of 10\nsecond line", [])
    (line, _last) = WRITERS["github"](dataclasses.replace(sample_run, results=[weird])).splitlines()
    assert line.startswith("::error file=")
    assert ",title=RC201 to%3Atals%2Cx::50%25 of 10%0Asecond line%0A" in line
    waived = [dataclasses.replace(r, status="waived") for r in failing(sample_run)]
    assert WRITERS["github"](dataclasses.replace(sample_run, results=waived)).startswith("reportcheck: exit 0")


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture
def fake(monkeypatch, sample_run):
    """pipeline.run returns the sample's run; the list records each call."""
    calls = []

    def run(paths, **kwargs):
        calls.append(list(paths))
        return sample_run

    monkeypatch.setattr(pipeline, "run", run)
    return calls


@pytest.fixture
def report(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "mali-2020.txt"
    shutil.copy(SAMPLE, path)
    return path




def test_cli_several_formats_with_paired_outputs(fake, report, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = invoke(report, "--format", "json", "--format", "sarif", "--format", "junit", "--format", "html",
                    "-o", out / "r.json", "-o", out / "r.sarif", "--output", out / "r.xml", "-o", out / "r.html")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert json.loads((out / "r.json").read_text())["schema_version"] == 1
    assert json.loads((out / "r.sarif").read_text())["version"] == "2.1.0"
    assert (out / "r.xml").read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    assert (out / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in out.iterdir()) == ["r.html", "r.json", "r.sarif", "r.xml"]  # no temp files


def test_cli_output_dir(fake, report, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    formats = ["text", "json", "html", "markdown", "junit", "sarif", "github"]
    args = [a for f in formats for a in ("--format", f)]
    result = invoke(report, *args, "--output-dir", out)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(f"report.{EXTENSIONS[f]}" for f in formats)
    assert (out / "report.md").read_text().startswith("## reportcheck")
    assert (out / "report.github.txt").read_text().startswith("::")
    assert "\x1b[" not in (out / "report.txt").read_text()
    other = tmp_path / "other"
    other.mkdir()
    assert invoke(report, "--output-dir", other).exit_code == 1  # the default format
    assert [p.name for p in other.iterdir()] == ["report.txt"]


def test_cli_single_format_prints_to_stdout(fake, report):
    for fmt, start in [("html", "<!DOCTYPE html>"), ("markdown", "## reportcheck"), ("github", "::"),
                       ("sarif", "{"), ("junit", "<?xml")]:
        result = invoke(report, "--format", fmt)
        assert result.exit_code == 1 and result.stdout.startswith(start), fmt


@pytest.mark.parametrize("args, expected", [
    (["--format", "json", "--format", "html", "-o", "{t}/a.json"], "2 --format but 1 --output"),
    (["--format", "json", "--format", "html"], "2 --format but no --output"),
    (["-o", "{t}/a.txt", "-o", "{t}/b.txt"], "--format text (the default) but 2 --output"),
    (["--format", "json", "-o", "{t}/a.json", "--output-dir", "{t}"], "--output and --output-dir"),
    (["--output-dir", "{t}/missing"], "does not exist"),
    (["--output-dir", "{t}/a.json"], "is not a directory"),
    (["--format", "json", "--format", "json", "--output-dir", "{t}"], "--format json is given twice"),
    (["--format", "json", "--format", "sarif", "-o", "{t}/a.json", "-o", "{t}/a.json"], "would be written to it"),
    (["--format", "html", "-o", "{t}/a.html", "--figures-out", "{t}/a.html"], "same file"),
])
def test_cli_output_errors_are_one_line(fake, report, tmp_path, args, expected):
    (tmp_path / "a.json").write_text("{}")
    line = one_line_error(invoke(report, *[a.format(t=tmp_path) for a in args]))
    assert expected in line, line
    assert fake == []  # refused before the run


def test_cli_output_dir_inside_an_input_directory(fake, report):
    line = one_line_error(invoke(report.parent, "--format", "html", "--output-dir", report.parent))
    assert "inside the input directory" in line
    line = one_line_error(invoke(report, "--format", "json", "-o", report))
    assert "refusing to overwrite the input" in line
