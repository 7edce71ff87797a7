"""The sandbox embedded in the app: a PlaidClient wired to an in-process Sandbox, no sockets.

`reviewer --demo` and the tests use this; the review layer may not build httpx clients itself.
"""

from __future__ import annotations

from typing import Any

import httpx

from reviewer.plaid.client import PlaidClient
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox
from reviewer.sandbox.process import SandboxProcess


def embedded_client(
    sandbox: Sandbox | SandboxProcess | None = None, **client_options: Any
) -> PlaidClient:
    """A PlaidClient talking to `sandbox` (a fresh demo Sandbox by default) without sockets:
    in this process, or through the pipe of a `SandboxProcess`."""
    sandbox = sandbox or Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET)
    http_client = httpx.Client(transport=sandbox.transport(), base_url=sandbox.base_url)
    return PlaidClient(
        sandbox.client_id if hasattr(sandbox, "client_id") else DEMO_CLIENT_ID,
        sandbox.secret if hasattr(sandbox, "secret") else DEMO_SECRET,
        base_url=sandbox.base_url,
        http_client=http_client,
        **client_options,
    )
