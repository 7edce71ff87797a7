"""Fixtures for the store tests: a fresh data directory and an open store on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.store import CaseStore


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory that does not exist yet (the store creates it)."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[CaseStore]:
    """An open store, closed after the test."""
    with CaseStore(data_dir) as opened:
        yield opened
