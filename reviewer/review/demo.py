"""Demo mode: the embedded local sandbox and its demo users (no keys, no network)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reviewer.plaid.client import PlaidClient


def demo_client_factory() -> Callable[[], PlaidClient]:
    """A factory of PlaidClients on one shared in-process sandbox (created on first use)."""
    from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox
    from reviewer.sandbox.embedded import embedded_client

    sandbox: list[Sandbox] = []

    def factory() -> PlaidClient:
        if not sandbox:
            sandbox.append(Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET))
        return embedded_client(sandbox[0])

    return factory


def demo_user_list() -> list[Any]:
    """The sandbox's demo users (key, user_token or user_id, label, story)."""
    from reviewer.sandbox import demo_users

    return list(demo_users())
