"""Shared sandbox fixtures: one Sandbox (and its document cache) per test module."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="module")
def sandbox(clock: FakeClock) -> Sandbox:
    # the sandbox's own tests exercise the real generator, not the shipped pre-rendered files
    return Sandbox(
        DEMO_CLIENT_ID, DEMO_SECRET, clock=clock, risk_processing_delay=5.0, prerendered=False
    )


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(transport=sandbox.transport(), base_url=sandbox.base_url) as c:
        yield c


def creds() -> dict[str, str]:
    return {"client_id": DEMO_CLIENT_ID, "secret": DEMO_SECRET}
