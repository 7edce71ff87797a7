"""Plaid error objects as the sandbox returns them (same fields and HTTP statuses as Plaid)."""

from __future__ import annotations

import secrets
from typing import Any

DOCS_URL = "https://plaid.com/docs/errors/"


def new_request_id() -> str:
    """A Plaid-looking request id (15 url-safe characters)."""
    return secrets.token_urlsafe(12)[:15]


class PlaidApiError(Exception):
    """Raised by an endpoint handler; becomes a Plaid error body with `http_status`."""

    def __init__(
        self,
        http_status: int,
        error_type: str,
        error_code: str,
        error_message: str,
        display_message: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{error_type}/{error_code}: {error_message}")
        self.http_status = http_status
        self.error_type = error_type
        self.error_code = error_code
        self.error_message = error_message
        self.display_message = display_message
        self.headers = headers or {}

    def body(self, request_id: str) -> dict[str, Any]:
        """The JSON error object Plaid would send."""
        return {
            "error_type": self.error_type,
            "error_code": self.error_code,
            "error_code_reason": None,
            "error_message": self.error_message,
            "display_message": self.display_message,
            "request_id": request_id,
            "causes": [],
            "status": self.http_status,
            "documentation_url": DOCS_URL + self.error_type.lower().replace("_", "-"),
            "suggested_action": None,
        }


def invalid_api_keys() -> PlaidApiError:
    """Wrong client_id or secret (Plaid answers 400 INVALID_INPUT/INVALID_API_KEYS)."""
    return PlaidApiError(
        400,
        "INVALID_INPUT",
        "INVALID_API_KEYS",
        "invalid client_id or secret provided",
    )


def missing_fields(*names: str) -> PlaidApiError:
    """Required request fields absent."""
    return PlaidApiError(
        400,
        "INVALID_REQUEST",
        "MISSING_FIELDS",
        "the following required fields are missing: " + ", ".join(names),
    )


def invalid_field(message: str) -> PlaidApiError:
    """A request field has the wrong type or value."""
    return PlaidApiError(400, "INVALID_REQUEST", "INVALID_FIELD", message)


def invalid_body(message: str = "body could not be parsed as JSON") -> PlaidApiError:
    """The request body is not a JSON object."""
    return PlaidApiError(400, "INVALID_REQUEST", "INVALID_BODY", message)


def invalid_user_token() -> PlaidApiError:
    """A user_token that this sandbox never issued."""
    return PlaidApiError(
        400,
        "INVALID_INPUT",
        "INVALID_USER_TOKEN",
        "provided user token is in an invalid format or does not exist",
    )


def invalid_user_id() -> PlaidApiError:
    """A user_id that this sandbox never issued."""
    return PlaidApiError(
        400,
        "INVALID_INPUT",
        "INVALID_USER_ID",
        "provided user_id does not exist or is in an invalid format",
    )


def not_found(path: str) -> PlaidApiError:
    """An unknown endpoint."""
    return PlaidApiError(404, "INVALID_REQUEST", "NOT_FOUND", f"unknown endpoint {path}")
