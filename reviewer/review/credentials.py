"""A PlaidClient for a real environment from settings, the environment and the keyring.

Secrets come from `PLAID_CLIENT_ID` / `PLAID_SECRET` (or the keyring via Settings); never from a
command-line flag, never written anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from reviewer.settings import Settings, resolve_credentials

if TYPE_CHECKING:  # the client (httpx, the generated models) loads on the first fetch
    from reviewer.plaid.client import PlaidClient


def plaid_client_factory(
    *, environment: str | None = None, base_url: str | None = None
) -> tuple[Callable[[], PlaidClient] | None, str]:
    """(factory or None when there are no credentials, environment label for the status bar)."""
    settings = Settings.load()
    env = environment or os.environ.get("PLAID_ENV") or settings.environment or "sandbox"
    if base_url is None and env == "custom":
        base_url = settings.base_url
    label = base_url or env.upper()
    credentials = resolve_credentials(settings)
    if credentials is None:
        return None, label
    client_env = env if env in ("sandbox", "production") else "sandbox"

    def factory() -> PlaidClient:
        from reviewer.plaid.client import PlaidClient

        return PlaidClient(
            credentials.client_id,
            credentials.secret,
            environment=client_env,
            base_url=base_url,
            request_deadline=settings.fetch_limits().request_deadline_seconds,
        )

    return factory, label
