"""Errors raised by :class:`reviewer.plaid.client.PlaidClient`.

::

    PlaidError                         base: anything the client raises on purpose
     ├── PlaidConfigurationError       missing/invalid credentials or environment (before any request)
     ├── PlaidUserTokenRequired        endpoint needs a user_token, only a user_id was given
     │                                 (also a ValueError; raised before any request)
     ├── PlaidApiError                 Plaid answered with its JSON error object
     ├── PlaidUnexpectedResponse       an answer that is not Plaid's: HTML from a proxy, a body
     │                                 that is not JSON, a 200 that does not parse
     ├── DocumentDownloadError         a signed download_url answered with an error (S3 XML,
     │                                 Plaid JSON, anything); ``expired_or_used`` for 403/404
     ├── PlaidTimeout                  connect/read/write/pool timeout
     └── PlaidConnectionError          the connection failed (DNS, refused, reset, TLS)

Every error carries ``endpoint`` (the API path, or ``"download_url"``), ``http_status`` (or
``None``), ``request_id`` (or ``None``) and ``attempts`` (how many times the request was sent).

Messages, reprs and attributes never contain the client id, the secret, a request's headers, or
a download URL's query string (the signature is a credential for an applicant's documents).
"""

from __future__ import annotations

from typing import Any

_SNIPPET_CHARS = 200
# Plaid's answer to a signed document URL that has been used or has expired
_URL_SPENT_CODES = frozenset({"INCOME_VERIFICATION_DOCUMENT_NOT_FOUND"})


def snippet_of(raw: bytes, limit: int = _SNIPPET_CHARS) -> str:
    """A short printable excerpt of an unexpected body, safe to show in a message."""
    text = raw[: limit * 4].decode("utf-8", errors="replace")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PlaidError(Exception):
    """Base of every error the Plaid client raises."""

    def __init__(
        self,
        message: str,
        *,
        endpoint: str | None = None,
        http_status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.endpoint = endpoint
        self.http_status = http_status
        self.request_id = request_id
        # set by the retry loop: how many times the request was sent before giving up
        self.attempts = 1

    def __str__(self) -> str:
        parts = [self.message]
        if self.endpoint:
            parts.append(f"endpoint={self.endpoint}")
        if self.http_status is not None:
            parts.append(f"http_status={self.http_status}")
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        if self.attempts > 1:
            parts.append(f"attempts={self.attempts}")
        return " | ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class PlaidConfigurationError(PlaidError):
    """The client cannot be built: credentials or environment missing or invalid."""


class PlaidUserTokenRequired(PlaidError, ValueError):
    """The endpoint identifies users by ``user_token`` only and the caller gave a ``user_id``."""


class PlaidApiError(PlaidError):
    """Plaid answered with its error object (``error_type``, ``error_code``, ...)."""

    def __init__(
        self,
        *,
        endpoint: str,
        http_status: int,
        body: dict[str, Any],
        retry_after: float | None = None,
    ) -> None:
        self.body = body
        self.error_type = _str_or_none(body.get("error_type"))
        self.error_code = _str_or_none(body.get("error_code"))
        self.error_message = _str_or_none(body.get("error_message"))
        self.display_message = _str_or_none(body.get("display_message"))
        self.documentation_url = _str_or_none(body.get("documentation_url"))
        self.suggested_action = _str_or_none(body.get("suggested_action"))
        # seconds the server asked us to wait (Retry-After), already capped; None if absent
        self.retry_after = retry_after
        summary = f"{self.error_type or '?'}/{self.error_code or '?'}: {self.error_message or ''}"
        super().__init__(
            f"Plaid error {summary.strip()}",
            endpoint=endpoint,
            http_status=http_status,
            request_id=_str_or_none(body.get("request_id")),
        )


class PlaidUnexpectedResponse(PlaidError):
    """An answer that is not Plaid's JSON: a proxy's HTML page, garbage, or an unparsable 200."""

    def __init__(
        self,
        reason: str,
        *,
        endpoint: str,
        http_status: int,
        content_type: str | None,
        raw: bytes,
        retry_after: float | None = None,
    ) -> None:
        self.content_type = content_type
        self.raw = raw  # kept for audit; never part of the message beyond a short snippet
        self.snippet = snippet_of(raw)
        self.retry_after = retry_after
        super().__init__(
            f"{reason} (content-type {content_type or 'none'}): {self.snippet!r}",
            endpoint=endpoint,
            http_status=http_status,
        )


class DocumentDownloadError(PlaidError):
    """A signed ``download_url`` did not give the document.

    ``expired_or_used`` is true for 403 and 404 whatever the body (S3's XML ``AccessDenied``,
    anything), and for Plaid's JSON ``INCOME_VERIFICATION_DOCUMENT_NOT_FOUND`` whatever the status
    (plaid-python#472): a signed URL works once and expires, so the caller should ask Plaid for a
    fresh one rather than retry this one.
    """

    def __init__(
        self,
        reason: str,
        *,
        http_status: int | None,
        content_type: str | None = None,
        raw: bytes = b"",
        error_code: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.expired_or_used = http_status in (403, 404) or error_code in _URL_SPENT_CODES
        self.content_type = content_type
        self.error_code = error_code
        self.snippet = snippet_of(raw)
        detail = f" {error_code}" if error_code else ""
        tail = f": {self.snippet!r}" if self.snippet else ""
        super().__init__(
            f"{reason}{detail}{tail}",
            endpoint="download_url",
            http_status=http_status,
            request_id=request_id,
        )


class PlaidTimeout(PlaidError):
    """The request timed out; ``phase`` is ``connect``, ``read``, ``write`` or ``pool``."""

    def __init__(self, message: str, *, endpoint: str, phase: str) -> None:
        self.phase = phase
        super().__init__(message, endpoint=endpoint)

    @property
    def request_sent(self) -> bool:
        """False when the request surely never left this machine (connect or pool timeout)."""
        return self.phase not in ("connect", "pool")


class PlaidConnectionError(PlaidError):
    """The connection failed; ``request_sent`` is False when it was never established."""

    def __init__(self, message: str, *, endpoint: str, request_sent: bool) -> None:
        self.request_sent = request_sent
        super().__init__(message, endpoint=endpoint)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
