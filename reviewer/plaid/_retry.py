"""When the Plaid client retries, how long it waits, and the loop that does it (with stamina).

Reads (every ``.../get``) are retried on 429, 5xx, timeouts and connection failures. Mutations
(``user/create``, ``parsing_config/update``, ``refresh``, the sandbox webhook) are retried only on
429 or when the request surely never reached Plaid (connect error or connect/pool timeout): a
second ``refresh`` after a lost answer could start a second refresh. Signed download URLs work
once, so a download is retried only when the connection was never made.

A ``Retry-After`` header (seconds or an HTTP date) replaces the exponential backoff, capped so a
hostile or confused proxy cannot park the app. Attempts and total time are bounded.

stamina drives the attempts; the client sleeps itself (an injectable ``sleep``) so the wait is
exactly the one decided and logged here, and tests can record it instead of waiting.
"""

from __future__ import annotations

import enum
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import stamina

from reviewer.plaid.errors import (
    PlaidApiError,
    PlaidConnectionError,
    PlaidError,
    PlaidTimeout,
    PlaidUnexpectedResponse,
)

logger = logging.getLogger("reviewer.plaid")

T = TypeVar("T")


class RequestKind(enum.Enum):
    """What a request does, which decides what may be retried."""

    READ = "read"
    MUTATION = "mutation"
    DOWNLOAD = "download"


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds and waits of the retry loop (seconds)."""

    max_retries: int = 3
    max_total_seconds: float = 60.0
    wait_initial: float = 0.5
    wait_max: float = 8.0
    wait_jitter: float = 1.0
    retry_after_cap: float = 30.0

    def backoff(self, retry_number: int, rng: random.Random | None = None) -> float:
        """Exponential backoff with jitter before retry number ``retry_number`` (1-based)."""
        jitter = (rng or _RNG).uniform(0.0, self.wait_jitter) if self.wait_jitter else 0.0
        exponent = min(retry_number - 1, 64)  # 2**64 * anything is past any sane wait_max
        base = self.wait_initial * float(2**exponent)
        return min(self.wait_max, base + jitter)

    def decide(
        self, exc: PlaidError, *, kind: RequestKind, retry_number: int, elapsed: float
    ) -> tuple[float | None, str]:
        """The wait before retrying after ``exc`` (None: give up) and the reason, for the log."""
        retryable, why = _is_retryable(exc, kind)
        if not retryable:
            return None, why
        if retry_number > self.max_retries:
            return None, f"{why}; no retries left (max_retries={self.max_retries})"
        retry_after = getattr(exc, "retry_after", None)
        if isinstance(retry_after, float | int):
            wait, how = min(float(retry_after), self.retry_after_cap), "Retry-After"
        else:
            wait, how = self.backoff(retry_number), "backoff"
        if elapsed + wait > self.max_total_seconds:
            return None, f"{why}; waiting {wait:.2f}s would exceed {self.max_total_seconds:.0f}s"
        return wait, f"{why}; waiting {wait:.2f}s ({how})"


_RNG = random.Random()  # noqa: S311 - jitter, not cryptography


def _is_retryable(exc: PlaidError, kind: RequestKind) -> tuple[bool, str]:
    status = exc.http_status
    if isinstance(exc, PlaidApiError | PlaidUnexpectedResponse) and status is not None:
        if status == 429:
            return kind is not RequestKind.DOWNLOAD, "HTTP 429"
        if status >= 500:
            if kind is RequestKind.READ:
                return True, f"HTTP {status}"
            return False, f"HTTP {status} on a {kind.value}: it may have reached Plaid"
        return False, f"HTTP {status} is not transient"
    if isinstance(exc, PlaidTimeout) and exc.phase == "deadline":
        return False, "the request's time limit was reached (a slow server is not transient)"
    if isinstance(exc, PlaidTimeout | PlaidConnectionError):
        what = f"{type(exc).__name__}" + (
            f" ({exc.phase})" if isinstance(exc, PlaidTimeout) else ""
        )
        if kind is RequestKind.READ or not exc.request_sent:
            return True, what
        return False, f"{what} on a {kind.value}: it may have reached the server"
    return False, f"{type(exc).__name__} is not transient"


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); None if absent
    or unreadable. Never negative."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def call_with_retries(
    call: Callable[[], T],
    *,
    policy: RetryPolicy,
    kind: RequestKind,
    endpoint: str,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Run ``call`` until it returns, retrying transient :class:`PlaidError` per ``policy``.

    The last error is re-raised with ``attempts`` set to the number of requests sent.
    """
    started = clock()
    attempts = 0

    def on_error(exc: Exception) -> bool | float:
        if not isinstance(exc, PlaidError):
            return False
        exc.attempts = attempts
        wait, reason = policy.decide(
            exc, kind=kind, retry_number=attempts, elapsed=clock() - started
        )
        if wait is None:
            logger.debug("not retrying %s after attempt %d: %s", endpoint, attempts, reason)
            return False
        logger.debug("retrying %s after attempt %d: %s", endpoint, attempts, reason)
        sleep(wait)
        return 0.0  # already waited: stamina must not add its own backoff

    for attempt in stamina.retry_context(
        on=on_error,
        attempts=policy.max_retries + 1,
        timeout=None,  # the total-time bound is enforced by policy.decide, before sleeping
        wait_initial=0.0,
        wait_max=0.0,
        wait_jitter=0.0,
    ):
        with attempt:
            attempts += 1
            return call()
    raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover
