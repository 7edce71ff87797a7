"""CI runs the checks developers run (`bash .ci/run`) on every push and pull request, first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "build.yml"


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def _checks_job(jobs: dict[str, Any]) -> str:
    running = [
        name
        for name, job in jobs.items()
        if any(step.get("run", "").strip() == "bash .ci/run" for step in job.get("steps", []))
    ]
    assert len(running) == 1, running
    return running[0]


def test_every_push_and_pull_request_runs_ci_run_unfiltered() -> None:
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as True
    for event in ("push", "pull_request"):
        assert event in triggers
        # no branch, tag or path filter narrows it
        assert not (triggers[event] or {}), triggers[event]


def test_the_installer_jobs_wait_for_the_checks() -> None:
    jobs = _workflow()["jobs"]
    checks = _checks_job(jobs)
    others = [name for name in jobs if name != checks]
    assert others, "no installer job"
    for name in others:
        needs = jobs[name].get("needs")
        assert checks in ([needs] if isinstance(needs, str) else needs or []), name
    assert "if" not in jobs[checks]  # the checks themselves always run


def test_ci_run_does_lint_types_import_contracts_and_tests() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in (
        "uv sync --locked",
        "uv run ruff format --check .",
        "uv run ruff check .",
        "uv run mypy",
        "uv run lint-imports",
        "uv run pytest",
    ):
        assert f"\n{command}\n" in script, command
