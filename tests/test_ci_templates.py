"""The CI templates in ci/ are valid YAML and run check-report with options it has."""
from __future__ import annotations

import re
import shlex
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
    """The check-report command lines of a workflow (shell lines, up to a shell operator)."""
    out = []
    for text in strings(data):
        for line in text.splitlines():
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
    assert upload["if"] == "always()" and "review.json" in upload["with"]["path"]


def test_pre_commit_hook():
    (hook,) = yaml.safe_load((CI / "pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "check-report" and hook["language"] == "python"
    assert hook["entry"] == "check-report"
    files = re.compile(hook["files"])
    assert files.search("reports/mali-2020.txt") and files.search("a.html") and files.search("a.htm")
    assert not files.search("review.json")
    main.make_context("check-report", [*hook.get("args", []), "reports/mali-2020.txt"])
    assert {a for a in hook.get("args", []) if a.startswith("-")} <= OPTIONS
