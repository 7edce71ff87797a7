"""Fault injection: make chosen requests slow, rate limited, failing, dropped or corrupt.

    sb.faults.add(Fault(kind="http_429", endpoint="/credit/payroll_income/get", times=2, retry_after=1))

A fault matches a request when its `endpoint` (None: any; "download": the signed document URLs)
and its `user` (None: any; else a demo key, user_token or user_id) match; `times` limits how often
it fires (None: always).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal

FaultKind = Literal[
    "latency",  # sleep `delay` seconds, then answer normally
    "http_429",  # 429 RATE_LIMIT_EXCEEDED with Retry-After
    "http_5xx",  # `status` (default 500) API_ERROR
    "drop_connect",  # connection refused/closed before any response
    "drop_read",  # connection dropped while the response is being read
    "zip_truncated",  # download: the zip is cut in half
    "zip_corrupt",  # download: bytes that are not a zip
    "url_expired",  # download: 403 as if the URL had expired
]

DOWNLOAD = "download"


@dataclass
class Fault:
    """One configured fault; see the module docstring."""

    kind: FaultKind
    endpoint: str | None = None
    user: str | None = None
    times: int | None = None
    retry_after: int = 1
    status: int = 500
    delay: float = 0.0
    fired: int = 0

    def matches(self, endpoint: str, user_ids: frozenset[str]) -> bool:
        """Whether this fault applies to a request of `endpoint` by a user known by `user_ids`."""
        if self.times is not None and self.fired >= self.times:
            return False
        if self.endpoint is not None and self.endpoint != endpoint:
            return False
        return self.user is None or self.user in user_ids


class Faults:
    """The sandbox's thread-safe list of faults."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        """Start injecting `fault`; returns it (its `fired` count shows how often it fired)."""
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults.clear()

    def take(self, endpoint: str, user_ids: frozenset[str] = frozenset()) -> list[Fault]:
        """The faults that fire for this request (counted as fired), in the order added.

        Latency faults combine with others; of the rest only the first matching one fires, so
        two queued faults hit two consecutive requests.
        """
        with self._lock:
            hits: list[Fault] = []
            for f in self._faults:
                if f.matches(endpoint, user_ids):
                    hits.append(f)
                    f.fired += 1
                    if f.kind != "latency":
                        break
            return hits
