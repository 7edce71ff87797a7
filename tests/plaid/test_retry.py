"""Retries: what is retried, how often, how long the client waits (recorded, never slept)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

from reviewer.plaid import (
    DocumentDownloadError,
    PlaidApiError,
    PlaidConnectionError,
    PlaidTimeout,
    PlaidUnexpectedResponse,
    RetryPolicy,
)
from reviewer.plaid._retry import RequestKind, call_with_retries, retry_after_seconds
from tests.plaid.test_client import make_client

T = "user-sandbox-token"
OK = {"request_id": "ok"}


def plaid_error(status: int, code: str = "INTERNAL_SERVER_ERROR", **headers: str) -> httpx.Response:
    body = {
        "error_type": "API_ERROR" if status >= 500 else "RATE_LIMIT_EXCEEDED",
        "error_code": code,
        "error_message": "try again",
        "display_message": None,
        "request_id": f"req-{status}",
    }
    return httpx.Response(status, json=body, headers=headers)


def script(*steps: httpx.Response | Exception) -> Any:
    """A handler answering each request with the next step (an exception is raised)."""
    remaining = list(steps)

    def handler(request: httpx.Request) -> httpx.Response:
        step = remaining.pop(0) if len(remaining) > 1 else remaining[0]
        if isinstance(step, Exception):
            raise step
        return step

    return handler


def test_a_read_is_retried_on_5xx_with_growing_jittered_waits() -> None:
    sleeps: list[float] = []
    client, recorder = make_client(
        script(plaid_error(500), plaid_error(503), plaid_error(502), httpx.Response(200, json=OK)),
        sleeps=sleeps,
        retry_policy=RetryPolicy(wait_initial=1.0, wait_jitter=0.5, wait_max=3.0),
    )
    with client:
        assert client.credit_payroll_income_get(user_token=T).request_id == "ok"
    assert len(recorder.requests) == 4
    assert len(sleeps) == 3
    assert 1.0 <= sleeps[0] <= 1.5
    assert 2.0 <= sleeps[1] <= 2.5
    assert sleeps[2] == pytest.approx(3.0)  # 4.0 + jitter, capped at wait_max


def test_attempts_are_bounded_and_the_last_error_says_how_many() -> None:
    sleeps: list[float] = []
    client, recorder = make_client(script(plaid_error(500)), sleeps=sleeps, max_retries=2)
    with client, pytest.raises(PlaidApiError) as caught:
        client.credit_sessions_get(user_token=T)
    assert len(recorder.requests) == 3
    assert len(sleeps) == 2
    assert caught.value.attempts == 3
    assert "attempts=3" in str(caught.value)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("7", 7.0), ("0", 0.0), ("3600", 30.0), ("2.5", 2.5)],
    ids=["seconds", "zero", "capped", "fractional"],
)
def test_retry_after_seconds_replace_the_backoff_and_are_capped(
    header: str, expected: float
) -> None:
    sleeps: list[float] = []
    client, recorder = make_client(
        script(
            plaid_error(429, "RATE_LIMIT", **{"Retry-After": header}), httpx.Response(200, json=OK)
        ),
        sleeps=sleeps,
        retry_policy=RetryPolicy(max_total_seconds=120.0),
    )
    with client:
        client.credit_bank_income_get(user_token=T)
    assert sleeps == [pytest.approx(expected)]
    assert len(recorder.requests) == 2


def test_retry_after_as_http_date_is_honoured() -> None:
    sleeps: list[float] = []
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=12), usegmt=True)
    client, _ = make_client(
        script(
            httpx.Response(503, text="busy", headers={"Retry-After": when}),
            httpx.Response(200, json=OK),
        ),
        sleeps=sleeps,
    )
    with client:
        client.credit_employment_get(user_token=T)
    assert len(sleeps) == 1
    assert 9.0 <= sleeps[0] <= 12.0


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_other_4xx_are_not_retried(status: int) -> None:
    sleeps: list[float] = []
    client, recorder = make_client(script(plaid_error(status, "INVALID_INPUT")), sleeps=sleeps)
    with client, pytest.raises(PlaidApiError):
        client.credit_payroll_income_get(user_token=T)
    assert len(recorder.requests) == 1
    assert sleeps == []


MUTATIONS = [
    ("credit_payroll_income_refresh", {"user_token": T}),
    ("credit_payroll_income_parsing_config_update", {"user_token": T, "parsing_config": ["ocr"]}),
    ("user_create", {"client_user_id": "app-1"}),
]


@pytest.mark.parametrize(("method", "kwargs"), MUTATIONS)
@pytest.mark.parametrize(
    "failure",
    [
        plaid_error(500),
        plaid_error(503),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("eof"),
    ],
    ids=["500", "503", "read-timeout", "dropped"],
)
def test_mutations_are_not_retried_once_they_may_have_reached_plaid(
    method: str, kwargs: dict[str, Any], failure: httpx.Response | Exception
) -> None:
    client, recorder = make_client(script(failure, httpx.Response(200, json=OK)))
    with client, pytest.raises((PlaidApiError, PlaidTimeout, PlaidConnectionError)):
        getattr(client, method)(**kwargs)
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(("method", "kwargs"), MUTATIONS)
@pytest.mark.parametrize(
    "failure",
    [plaid_error(429, "RATE_LIMIT"), httpx.ConnectError("refused"), httpx.ConnectTimeout("syn")],
    ids=["429", "connect-error", "connect-timeout"],
)
def test_mutations_are_retried_when_plaid_surely_did_not_act(
    method: str, kwargs: dict[str, Any], failure: httpx.Response | Exception
) -> None:
    client, recorder = make_client(script(failure, httpx.Response(200, json=OK)))
    with client:
        getattr(client, method)(**kwargs)
    assert len(recorder.requests) == 2


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (httpx.ReadTimeout("slow"), PlaidTimeout),
        (httpx.ConnectError("refused"), PlaidConnectionError),
    ],
)
def test_reads_are_retried_on_timeouts_and_connection_errors(
    failure: Exception, error: type[Exception]
) -> None:
    client, recorder = make_client(script(failure), max_retries=1)
    with client, pytest.raises(error):
        client.credit_payroll_income_risk_signals_get(user_token=T)
    assert len(recorder.requests) == 2


@pytest.mark.parametrize(
    "failure",
    [httpx.Response(500, text="oops"), httpx.Response(429), httpx.ReadTimeout("slow")],
    ids=["500", "429", "read-timeout"],
)
def test_a_signed_download_url_is_never_retried_after_it_may_have_been_used(
    failure: httpx.Response | Exception,
) -> None:
    client, recorder = make_client(script(failure, httpx.Response(200, content=b"PK")))
    with client, pytest.raises((DocumentDownloadError, PlaidTimeout)):
        client.download_document("https://docs.plaid.test/doc.zip?sig=1")
    assert len(recorder.requests) == 1


def test_a_download_is_retried_when_the_connection_was_never_made() -> None:
    client, recorder = make_client(
        script(httpx.ConnectError("refused"), httpx.Response(200, content=b"PK"))
    )
    with client:
        assert client.download_document("https://docs.plaid.test/doc.zip?sig=1") == b"PK"
    assert len(recorder.requests) == 2


def test_non_plaid_5xx_on_a_read_is_retried_too() -> None:
    html = httpx.Response(
        502, text="<html>Bad Gateway</html>", headers={"content-type": "text/html"}
    )
    client, recorder = make_client(script(html), max_retries=1)
    with client, pytest.raises(PlaidUnexpectedResponse):
        client.credit_bank_employment_get(user_token=T)
    assert len(recorder.requests) == 2


def test_total_retry_time_is_bounded_before_sleeping() -> None:
    now = [0.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    calls = 0

    def always_rate_limited() -> None:
        nonlocal calls
        calls += 1
        now[0] += 1.0  # each request takes a second
        err = PlaidApiError(
            endpoint="/x", http_status=429, body={"error_code": "RATE"}, retry_after=4.0
        )
        raise err

    policy = RetryPolicy(max_retries=10, max_total_seconds=12.0)
    with pytest.raises(PlaidApiError) as caught:
        call_with_retries(
            always_rate_limited,
            policy=policy,
            kind=RequestKind.READ,
            endpoint="/x",
            sleep=sleep,
            clock=lambda: now[0],
        )
    # 1 + 4 + 1 + 4 + 1 = 11 s elapsed; another 4 s wait would pass 12 s, so it stops there
    assert sleeps == [4.0, 4.0]
    assert calls == 3
    assert caught.value.attempts == 3


def test_every_retry_decision_is_logged_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger="reviewer.plaid")
    client, _ = make_client(script(plaid_error(503), plaid_error(400, "INVALID_INPUT")))
    with client, pytest.raises(PlaidApiError):
        client.credit_payroll_income_get(user_token=T)
    decisions = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert len(decisions) == 2
    assert decisions[0].startswith("retrying /credit/payroll_income/get after attempt 1: HTTP 503")
    assert decisions[1].startswith("not retrying /credit/payroll_income/get after attempt 2")
    assert "not transient" in decisions[1]
    assert all(r.levelname == "DEBUG" for r in caplog.records if r.name == "reviewer.plaid")


def test_backoff_grows_exponentially_with_bounded_jitter_and_cap() -> None:
    policy = RetryPolicy(wait_initial=0.5, wait_max=8.0, wait_jitter=1.0)
    for _ in range(50):
        waits = [policy.backoff(n) for n in range(1, 8)]
        assert 0.5 <= waits[0] <= 1.5
        assert 1.0 <= waits[1] <= 2.0
        assert 4.0 <= waits[3] <= 5.0
        assert all(w <= 8.0 for w in waits)
    assert policy.backoff(10_000) == 8.0


def test_retry_after_header_parsing() -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(" 5 ", now=now) == 5.0
    assert retry_after_seconds("Wed, 01 May 2024 12:00:20 GMT", now=now) == 20.0
    assert retry_after_seconds("Wed, 01 May 2024 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("-3", now=now) == 0.0
    assert retry_after_seconds("soon", now=now) is None
    assert retry_after_seconds(None) is None
