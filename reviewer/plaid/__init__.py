"""Plaid Income API: the HTTP client (:mod:`.client`), its errors (:mod:`.errors`) and the
pydantic models of requests, responses and webhooks (:mod:`.models`)."""

from reviewer.plaid._retry import RetryPolicy
from reviewer.plaid.client import ENVIRONMENTS, PlaidClient, PlaidResponse
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
