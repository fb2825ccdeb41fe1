"""The CI templates in ci/ are valid YAML and run check-report with options it has."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from reportcheck.cli import main

CI = Path(__file__).resolve().parents[1] / "ci"
TEMPLATES = sorted(p for p in CI.iterdir() if p.suffix in (".yml", ".yaml"))
OPTIONS = {opt for p in main.params for opt in (*p.opts, *p.secondary_opts)} | {"--help", "-h"}


def strings(node):
    """Every string in a loaded YAML document."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def commands(data) -> list[list[str]]:
    """The check-report command lines of a workflow (shell lines, continuation lines joined,
    up to a shell operator)."""
    out = []
    for text in strings(data):
        for line in text.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("check-report "):
                line = re.split(r"\s(?:\|\|?|&&|;|#)\s?", line)[0]
                out.append(shlex.split(line))
    return out


def test_there_are_templates():
    assert {p.name for p in TEMPLATES} >= {"github-actions.yml", "gitlab-ci.yml", "pre-commit-hooks.yaml"}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_valid_yaml(path):
    assert yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_workflow_commands_parse(name):
    cmds = commands(yaml.safe_load((CI / name).read_text(encoding="utf-8")))
    assert any("--format" in c and "json" in c and "--output" in c for c in cmds), cmds
    for cmd in cmds:
        assert {a for a in cmd if a.startswith("-")} <= OPTIONS, cmd
        main.make_context("check-report", cmd[1:])  # raises on a bad option or value


def test_github_uploads_the_review():
    data = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    steps = data["jobs"]["check-report"]["steps"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["if"] == "always()" and {"review.json", "review.html"} <= set(upload["with"]["path"].split())
    sarif = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert sarif["with"]["sarif_file"] == "review.sarif" and sarif["if"].startswith("always()")
    assert data["permissions"]["security-events"] == "write"


# --- the templates' commands, run as written on the sample -----------------------------------

BIN = Path(sys.executable).parent
SAMPLE = resources.files("reportcheck.samples").joinpath("mali-2020.txt").read_text(encoding="utf-8")
NEEDS_THE_HOST = re.compile(r"\bpip install\b")  # installing: the tests run the installed tool


def _workspace(tmp_path: Path) -> dict:
    """A dataset repository: the sample in reports/; the environment a CI runner gives."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "mali-2020.txt").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_"))}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
               NO_COLOR="1")
    return env


def _shell(script: str, cwd: Path, env: dict, shell: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([*shell, "-c", script], check=False, cwd=cwd, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)


def _review_the_sample(tmp_path: Path, env: dict) -> None:
    """A baseline that reviews every finding of the sample, as a user would write it."""
    proc = _shell("check-report reports/ --write-baseline reviewed.yml", tmp_path, env, ["bash"])
    assert proc.returncode == 1, proc.stderr
    data = yaml.safe_load((tmp_path / "reviewed.yml").read_text(encoding="utf-8"))
    for entry in data["reviewed"]:
        entry.update(reviewer="CI test", date="2024-05-02", reason="accepted as published")
    (tmp_path / "reviewed.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def run_github_job(tmp_path: Path, env: dict) -> list[tuple[str, int | None]]:
    """Every `run:` step of the GitHub job, in order, as the runner would (bash -e, the
    workflow's env, a step after a failure only when its `if` says always()); `uses:` steps
    need GitHub and are skipped, and so is installing. (name, exit status or None if skipped)."""
    data = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    env = {**env, **{k: str(v) for k, v in (data.get("env") or {}).items()}}
    failed, out = False, []
    for step in data["jobs"]["check-report"]["steps"]:
        name = step.get("name") or step.get("uses")
        if "run" not in step or NEEDS_THE_HOST.search(step["run"]) or (failed and "always()" not in step.get("if", "")):
            out.append((name, None))
            continue
        proc = _shell(step["run"], tmp_path, {**env, **{k: str(v) for k, v in (step.get("env") or {}).items()}},
                      ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail"])
        assert proc.returncode in (0, 1), (name, proc.returncode, proc.stderr)
        failed = failed or proc.returncode != 0
        out.append((name, proc.returncode))
    return out


def test_github_job_runs_as_written(tmp_path):
    env = _workspace(tmp_path)
    steps = dict(run_github_job(tmp_path, env))
    assert steps["Check the reports"] == 1  # the sample's error, not reviewed: the job fails
    assert steps["Post the summary"] == 0  # ... and still posts the review
    for name in ("review.html", "review.md", "review.sarif", "review.json", "review.txt"):
        assert (tmp_path / name).stat().st_size > 0, name
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary == (tmp_path / "review.md").read_text(encoding="utf-8") and "RC101" in summary
    assert json.loads((tmp_path / "review.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))["summary"]["error"] == 1


def test_github_job_passes_with_a_baseline(tmp_path):
    env = _workspace(tmp_path)
    _review_the_sample(tmp_path, env)
    steps = dict(run_github_job(tmp_path, env))
    assert steps["Check the reports"] == 0, steps  # every finding reviewed: the job passes
    review = json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))
    assert review["summary"]["failed"] == 0 and review["summary"]["waived"] > 0
    (tmp_path / "reviewed.yml").write_text("reviewed:\n  - fingerprint: RC101-0123456789ab\n", encoding="utf-8")
    data = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    check = next(s["run"] for s in data["jobs"]["check-report"]["steps"] if s.get("name") == "Check the reports")
    proc = _shell(check, tmp_path, {**env, **data["env"]}, ["bash", "-e"])
    assert proc.returncode == 2 and "reviewed.yml:2: " in proc.stderr  # a malformed baseline fails the job


@pytest.mark.parametrize("reviewed, expected", [(False, 1), (True, 0)])
def test_gitlab_job_runs_as_written(tmp_path, reviewed, expected):
    env = _workspace(tmp_path)
    if reviewed:
        _review_the_sample(tmp_path, env)
    job = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["check-report"]
    env = {**env, **{k: str(v) for k, v in job.get("variables", {}).items()}}
    script = "\n".join(line for line in job["script"] if not NEEDS_THE_HOST.search(line))
    proc = _shell(script, tmp_path, env, ["sh", "-e"])  # one shell for the whole script, as the runner
    assert proc.returncode == expected, proc.stderr
    after = _shell("\n".join(job["after_script"]), tmp_path, env, ["sh", "-e"])
    assert after.returncode == 0 and "Summary" in after.stdout
    for name in job["artifacts"]["paths"] + [job["artifacts"]["reports"]["junit"]]:
        assert (tmp_path / name).stat().st_size > 0, name


def test_pre_commit_hook():
    (hook,) = yaml.safe_load((CI / "pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "check-report" and hook["language"] == "python"
    assert hook["entry"] == "check-report"
    files = re.compile(hook["files"])
    assert files.search("reports/mali-2020.txt") and files.search("a.html") and files.search("a.htm")
    assert not files.search("review.json")
    main.make_context("check-report", [*hook.get("args", []), "reports/mali-2020.txt"])
    assert {a for a in hook.get("args", []) if a.startswith("-")} <= OPTIONS
