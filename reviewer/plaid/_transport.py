"""Sending one request to Plaid (or a signed download URL) and turning the answer into bytes or
one of :mod:`reviewer.plaid.errors`.

Bodies are read as a stream with a size cap (applicants' documents are untrusted, and so is
whatever a proxy sends), kept as the exact bytes received, and never decoded as text except for
a short snippet in an error message. Credentials travel only in the headers of API requests,
never to a download URL and never into a log line or an exception.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx

from reviewer.plaid._retry import (
    RequestKind,
    RetryPolicy,
    call_with_retries,
    retry_after_seconds,
)
from reviewer.plaid.deadlines import Abandoned, DeadlineReached, current_deadline, run_until
from reviewer.plaid.errors import (
    DocumentDownloadError,
    PlaidApiError,
    PlaidConnectionError,
    PlaidTimeout,
    PlaidUnexpectedResponse,
)
from reviewer.plaid.json_limits import ERROR_BODY_LIMITS, load_json

logger = logging.getLogger("reviewer.plaid")


class _RedactQueryStrings(logging.Filter):
    """httpx logs every request's full URL at INFO; a signed download URL's query is a
    credential for an applicant's documents, so it is cut from those records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(
                a.copy_with(query=None) if isinstance(a, httpx.URL) and a.query else a
                for a in record.args
            )
        return True


if not any(isinstance(f, _RedactQueryStrings) for f in logging.getLogger("httpx").filters):
    logging.getLogger("httpx").addFilter(_RedactQueryStrings())

PLAID_VERSION = "2020-09-14"
DOWNLOAD_ENDPOINT = "download_url"
MAX_REDIRECTS = 5
M = TypeVar("M")


@dataclass(frozen=True)
class PlaidResponse(Generic[M]):
    """One answer as received: the parsed ``model`` plus the exact ``raw`` bytes for audit."""

    model: M
    raw: bytes = field(repr=False)
    http_status: int
    request_id: str | None
    endpoint: str
    content_type: str | None = None

    @property
    def body(self) -> bytes:
        """The raw body bytes (alias of ``raw``)."""
        return self.raw


@dataclass(frozen=True)
class Answer:
    """A 2xx answer's bytes and metadata, before parsing."""

    raw: bytes
    http_status: int
    content_type: str | None
    request_id: str | None


class PlaidHttp:
    """The HTTP side of the client: URLs, headers, streaming, error mapping and retries."""

    def __init__(
        self,
        *,
        http: httpx.Client,
        base_url: str,
        auth_headers: Callable[[], Mapping[str, str]],
        timeout: httpx.Timeout,
        policy: RetryPolicy,
        sleep: Callable[[float], None],
        max_body_bytes: int,
        max_json_bytes: int | None = None,
        request_deadline: float = 120.0,
    ) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._auth_headers = auth_headers
        self._timeout = timeout
        self.policy = policy
        self._sleep = sleep
        self._max_body_bytes = max_body_bytes
        # API answers are JSON (or the report PDF): a smaller cap than documents get
        self._max_json_bytes = min(max_body_bytes, max_json_bytes or max_body_bytes)
        self.request_deadline = request_deadline

    def post(self, path: str, body: Mapping[str, Any], kind: RequestKind) -> Answer:
        """POST a JSON body to a Plaid endpoint, with retries; the 2xx answer or an error."""
        content = json.dumps(body, separators=(",", ":")).encode()

        def once() -> Answer:
            headers = {
                **self._auth_headers(),
                "Plaid-Version": PLAID_VERSION,
                "Content-Type": "application/json",
            }
            request = self._http.build_request(
                "POST", self._base_url + path, content=content, headers=headers,
                timeout=self._timeout,
            )  # fmt: skip
            return self._api_answer(path, request)

        return call_with_retries(
            once, policy=self.policy, kind=kind, endpoint=path, sleep=self._sleep
        )

    def download(self, url: str) -> Answer:
        """GET a signed document URL without Plaid's credentials; bytes as received.

        Redirects are followed by hand, at most `MAX_REDIRECTS`, and every hop must pass the
        same https-only rule as the first URL (an https link must not lead to plain http).
        """
        target = _checked_download_url(url)
        where = f"{target.host}{target.path}"  # never the query: it holds the signature

        def once() -> Answer:
            hop = target
            for _ in range(MAX_REDIRECTS + 1):
                request = self._http.build_request("GET", hop, timeout=self._timeout)
                status, headers, raw = self._exchange(request, DOWNLOAD_ENDPOINT)
                location = headers.get("location")
                if status in _REDIRECT_STATUSES and location:
                    hop = _checked_download_url(str(hop.join(location)))
                    continue
                break
            else:
                raise DocumentDownloadError(
                    f"more than {MAX_REDIRECTS} redirects", http_status=status
                )
            content_type = headers.get("content-type")
            logger.debug("GET %s -> %d (%d bytes)", where, status, len(raw))
            if 200 <= status < 300:
                return Answer(raw, status, content_type, None)
            plaid_body = _plaid_error_body(raw)
            raise DocumentDownloadError(
                "document download failed",
                http_status=status,
                content_type=content_type,
                raw=raw,
                error_code=_str(plaid_body.get("error_code")) if plaid_body else None,
                request_id=_str(plaid_body.get("request_id")) if plaid_body else None,
            )

        return call_with_retries(
            once,
            policy=self.policy,
            kind=RequestKind.DOWNLOAD,
            endpoint=DOWNLOAD_ENDPOINT,
            sleep=self._sleep,
        )

    def _api_answer(self, path: str, request: httpx.Request) -> Answer:
        status, headers, raw = self._exchange(request, path)
        content_type = headers.get("content-type")
        retry_after = retry_after_seconds(headers.get("retry-after"))
        plaid_body = _plaid_error_body(raw) if status >= 400 else None
        request_id = _str(plaid_body.get("request_id")) if plaid_body else None
        # a JSON success body carries its request_id inside; the caller parses it once
        request_id = request_id or headers.get("plaid-request-id")
        logger.debug("POST %s -> %d request_id=%s (%d bytes)", path, status, request_id, len(raw))
        if 200 <= status < 300:
            return Answer(raw, status, content_type, request_id)
        if plaid_body is not None:
            raise PlaidApiError(
                endpoint=path, http_status=status, body=plaid_body, retry_after=retry_after
            )
        raise PlaidUnexpectedResponse(
            "HTTP error without a Plaid error body",
            endpoint=path,
            http_status=status,
            content_type=content_type,
            raw=raw,
            retry_after=retry_after,
        )

    def _exchange(self, request: httpx.Request, endpoint: str) -> tuple[int, httpx.Headers, bytes]:
        """Send once (no redirects followed); status, headers and the body read in full (up to
        the cap), all within the request's deadline."""
        deadline = current_deadline(self.request_deadline)
        try:
            return run_until(deadline, lambda abandoned: self._send(request, endpoint, abandoned))
        except DeadlineReached as exc:
            raise PlaidTimeout(
                f"{exc.deadline.what} ({request.url.host})", endpoint=endpoint, phase="deadline"
            ) from None

    def _send(
        self, request: httpx.Request, endpoint: str, abandoned: Abandoned
    ) -> tuple[int, httpx.Headers, bytes]:
        try:
            response = self._http.send(request, stream=True, follow_redirects=False)
            try:
                raw = self._read_capped(response, endpoint, abandoned)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            phase = _TIMEOUT_PHASES.get(type(exc), "read")
            raise PlaidTimeout(
                f"{phase} timeout talking to {request.url.host}", endpoint=endpoint, phase=phase
            ) from None
        except httpx.TransportError as exc:
            # a ConnectError means no connection, hence no request; anything later may have
            # delivered it, which matters for mutations and one-time download URLs
            sent = not isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol)
            raise PlaidConnectionError(
                f"{type(exc).__name__} talking to {request.url.host}: {_safe_text(exc)}",
                endpoint=endpoint,
                request_sent=sent,
            ) from None
        except httpx.HTTPError as exc:  # an undecodable body, ...
            raise PlaidConnectionError(
                f"{type(exc).__name__} from {request.url.host}: {_safe_text(exc)}",
                endpoint=endpoint,
                request_sent=True,
            ) from None
        return response.status_code, response.headers, raw

    def _read_capped(self, response: httpx.Response, endpoint: str, abandoned: Abandoned) -> bytes:
        document = endpoint == DOWNLOAD_ENDPOINT or endpoint.endswith("/pdf/get")
        cap = self._max_body_bytes if document else self._max_json_bytes
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            if abandoned:  # the caller's deadline passed: stop reading, drop the connection
                return b""
            size += len(chunk)
            if size > cap:
                message = f"response larger than {cap} bytes (the size limit)"
                if endpoint == DOWNLOAD_ENDPOINT:
                    raise DocumentDownloadError(message, http_status=response.status_code)
                raise PlaidUnexpectedResponse(
                    message,
                    endpoint=endpoint,
                    http_status=response.status_code,
                    content_type=response.headers.get("content-type"),
                    raw=b"",
                )
            chunks.append(chunk)
        return b"".join(chunks)


_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_TIMEOUT_PHASES: dict[type[httpx.TimeoutException], str] = {
    httpx.ConnectTimeout: "connect",
    httpx.ReadTimeout: "read",
    httpx.WriteTimeout: "write",
    httpx.PoolTimeout: "pool",
}


def _checked_download_url(url: str) -> httpx.URL:
    """The URL to fetch, refusing anything but https (plain http only to loopback, for the
    local sandbox): an applicant's documents must not cross the network in clear text."""
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise DocumentDownloadError(f"invalid download URL ({exc})", http_status=None) from None
    if target.scheme == "https" and target.host:
        return target
    if target.scheme == "http" and is_loopback_host(target.host):
        return target
    raise DocumentDownloadError(
        f"refusing to download over {target.scheme or 'no scheme'} from {target.host or '?'}",
        http_status=None,
    )


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses (the local sandbox, tests)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _plaid_error_body(raw: bytes) -> dict[str, Any] | None:
    """The body as a dict if it is Plaid's error object, else None (bounded: an error body
    is small; anything big, deep or odd is simply not Plaid's error object)."""
    try:
        body = load_json(raw, ERROR_BODY_LIMITS)
    except ValueError:
        return None
    if isinstance(body, dict) and isinstance(body.get("error_code"), str):
        return body
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _safe_text(exc: Exception) -> str:
    # httpx messages describe the socket error; they never include headers, but keep them short
    return str(exc)[:200]
