"""Fixtures for the fetch/store core: an in-process sandbox, a client on it, a service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.review.demo import demo_user_list
from reviewer.review.document_backend import InProcessDocuments
from reviewer.review.service import CaseService
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.sandbox.embedded import embedded_client
from reviewer.store import CaseStore


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    """One sandbox per module: generating documents is the slow part, and it is cached."""
    return Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET)


@pytest.fixture
def clean_sandbox(sandbox: Sandbox) -> Iterator[Sandbox]:
    """The module's sandbox with no faults left over from another test."""
    sandbox.faults.clear()
    yield sandbox
    sandbox.faults.clear()


def make_service(sandbox: Sandbox, data_dir: Path, **client_options: Any) -> CaseService:
    """A service on `data_dir` whose client talks to `sandbox` in process, with fast retries."""
    options = {"max_retries": 3, "sleep": lambda _seconds: None, **client_options}
    store = CaseStore(data_dir)
    return CaseService(
        store,
        lambda: embedded_client(sandbox, **options),
        environment_label="test sandbox",
        backend=InProcessDocuments(),
        demo_users=demo_user_list(),
    )


@pytest.fixture
def service(clean_sandbox: Sandbox, tmp_path: Path, no_retry_sleep: None) -> Iterator[CaseService]:
    svc = make_service(clean_sandbox, tmp_path / "data")
    yield svc
    svc.close()


@pytest.fixture
def no_retry_sleep() -> None:
    """Marks tests whose clients retry without waiting (they pass `sleep=` to the client)."""


def user(key: str):
    """A demo user by its key."""
    for u in demo_users():
        if u.key == key:
            return u
    raise KeyError(key)
