"""Plaid Income API: the HTTP client (:mod:`.client`), its errors (:mod:`.errors`) and the
pydantic models of requests, responses and webhooks (:mod:`.models`).

The client and its models (httpx, pydantic, the generated models: most of a second to import)
load when first named, so code that needs only the errors (`reviewer.plaid.errors`) or reads
cached cases never pays for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reviewer.plaid.errors import (
    DocumentDownloadError,
    PlaidApiError,
    PlaidConfigurationError,
    PlaidConnectionError,
    PlaidError,
    PlaidTimeout,
    PlaidUnexpectedResponse,
    PlaidUserTokenRequired,
)

if TYPE_CHECKING:
    from reviewer.plaid._retry import RetryPolicy
    from reviewer.plaid.client import ENVIRONMENTS, PlaidClient, PlaidResponse

_LAZY = {
    "RetryPolicy": "reviewer.plaid._retry",
    "ENVIRONMENTS": "reviewer.plaid.client",
    "PlaidClient": "reviewer.plaid.client",
    "PlaidResponse": "reviewer.plaid.client",
}


def __getattr__(name: str) -> Any:
    """The client's names, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ENVIRONMENTS",
    "DocumentDownloadError",
    "PlaidApiError",
    "PlaidClient",
    "PlaidConfigurationError",
    "PlaidConnectionError",
    "PlaidError",
    "PlaidResponse",
    "PlaidTimeout",
    "PlaidUnexpectedResponse",
    "PlaidUserTokenRequired",
    "RetryPolicy",
]
