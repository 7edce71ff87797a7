"""`reviewer cases --limit/--offset`: one page of a big cache, oldest case first (issue 16)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.store import CaseStore
from tests.store.helpers import save_fetch

# listing needs neither the documents worker nor the typed case model
LISTING_NEEDS_NOT = (
    "reviewer.review.service",
    "reviewer.review.findings_run",
    "reviewer.documents.worker",
    "reviewer.documents.archive",
    "reviewer.review.model",
    "multiprocessing",
)
WRAPPER = f"""
import json, sys
from reviewer.cli import main
code = main(sys.argv[1:])
print("LOADED " + json.dumps(sorted(m for m in {LISTING_NEEDS_NOT!r} if m in sys.modules)))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def seven_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with seven cases, Q-0 the oldest, five of them fetched."""
    data_dir = tmp_path_factory.mktemp("paging") / "data"
    with CaseStore(data_dir) as store:
        for n in range(7):
            case = store.get_or_create_case(user_token=f"tok-{n}", user_id=None, label=f"Q-{n}")
            if n < 5:
                save_fetch(store, case.id, f"n{n}", n_docs=1)
    return data_dir


def _cases(data_dir: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, REVIEWER_DATA_DIR=str(data_dir))
    command = ["-c", code, "cases"] if code else ["-m", "reviewer", "cases"]
    return subprocess.run(
        [sys.executable, *command, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_page_of_json_keeps_the_list_shape(seven_cases: Path) -> None:
    done = _cases(seven_cases, "--json", "--limit", "3", "--offset", "2")
    assert done.returncode == 0, done.stderr
    page = json.loads(done.stdout)
    assert [c["label"] for c in page] == ["Q-2", "Q-3", "Q-4"]
    whole = json.loads(_cases(seven_cases, "--json").stdout)
    assert page == whole[2:5]  # same objects, same keys: only fewer of them
    assert set(page[0]) >= {"id", "label", "applicant_name", "max_risk_score", "decision"}


def test_text_page_names_the_next_one(seven_cases: Path) -> None:
    done = _cases(seven_cases, "--limit", "2", "--offset", "1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines[1:3]] == ["Q-1", "Q-2"]
    assert lines[-1] == "cases 2-3 of 7; the next page: --offset 3"
    last = _cases(seven_cases, "--limit", "5", "--offset", "5").stdout.splitlines()
    assert [line.split()[1] for line in last[1:]] == ["Q-5", "Q-6"]  # no next-page line
    assert _cases(seven_cases, "--offset", "9").stdout.strip() == "no cases after the first 9"


@pytest.mark.parametrize("bad", [["--limit", "-1"], ["--offset", "x"]])
def test_bad_page_arguments_are_usage_errors(seven_cases: Path, bad: list[str]) -> None:
    done = _cases(seven_cases, *bad)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "negative" in done.stderr or "not a whole number" in done.stderr


def test_listing_loads_no_documents_worker_nor_case_model(seven_cases: Path) -> None:
    done = _cases(seven_cases, "--limit", "3", code=WRAPPER)
    assert done.returncode == 0, done.stderr
    assert "Q-0" in done.stdout
    marker = next(line for line in done.stdout.splitlines() if line.startswith("LOADED "))
    assert json.loads(marker.removeprefix("LOADED ")) == []


def test_listed_keys_are_the_case_summary_fields() -> None:
    """`cases --json` prints CaseSummary's fields without building CaseSummary objects."""
    from dataclasses import fields

    from reviewer.review.case_model import CaseSummary
    from reviewer.review.commands_cases import LISTED_KEYS

    assert tuple(f.name for f in fields(CaseSummary)) == LISTED_KEYS


def test_demo_listing_pages_too(tmp_path: Path) -> None:
    """`--demo cases` fetches the demo cases on first use, then pages like any cache."""
    done = subprocess.run(
        [sys.executable, "-m", "reviewer", "--demo", "cases", "--json", "--limit", "2"],
        env=dict(os.environ, REVIEWER_DATA_DIR=str(tmp_path / "d")),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = json.loads(done.stdout)
    assert len(page) == 2 and all(c["label"] for c in page)
    assert all(c["user_token"] is None for c in page)
