"""What a caller sees when Plaid, a proxy or a download URL answers badly, and that no secret
ever shows up in a message, a repr or a log line."""

from __future__ import annotations

import logging

import httpx
import pytest

from reviewer.plaid import (
    DocumentDownloadError,
    PlaidApiError,
    PlaidConnectionError,
    PlaidError,
    PlaidTimeout,
    PlaidUnexpectedResponse,
    PlaidUserTokenRequired,
)
from tests.plaid.test_client import CLIENT_ID, SECRET, make_client

T = "user-sandbox-token"
S3_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    b"<Message>Request has expired</Message><RequestId>4Q2X</RequestId></Error>"
)
PLAID_NOT_FOUND = {
    "display_message": None,
    "error_code": "INCOME_VERIFICATION_DOCUMENT_NOT_FOUND",
    "error_message": "the requested data was not found. Please check the ID supplied.",
    "error_type": "INCOME_VERIFICATION_ERROR",
    "request_id": "aCytDdGqf0Rahnr",
    "suggested_action": None,
}
URL = "https://docs.plaid.test/doc.zip?X-Amz-Signature=s1gn4tur3"


def test_a_plaid_error_body_becomes_plaid_api_error_with_all_its_fields() -> None:
    body = {
        "error_type": "INVALID_INPUT",
        "error_code": "INVALID_USER_TOKEN",
        "error_message": "the user token is invalid",
        "display_message": "Please try again",
        "request_id": "req-abc",
        "causes": [],
        "status": 400,
        "documentation_url": "https://plaid.com/docs/errors/",
        "suggested_action": None,
    }
    client, _ = make_client(lambda r: httpx.Response(400, json=body))
    with client, pytest.raises(PlaidApiError) as caught:
        client.credit_payroll_income_get(user_token=T)
    exc = caught.value
    assert (exc.http_status, exc.error_type, exc.error_code) == (
        400,
        "INVALID_INPUT",
        "INVALID_USER_TOKEN",
    )
    assert exc.error_message == "the user token is invalid"
    assert exc.display_message == "Please try again"
    assert exc.request_id == "req-abc"
    assert exc.endpoint == "/credit/payroll_income/get"
    assert exc.body == body
    assert "INVALID_USER_TOKEN" in str(exc)
    assert "req-abc" in str(exc)


def test_an_html_page_from_a_proxy_gets_its_own_error_with_a_short_snippet() -> None:
    page = "<html><head><title>403 Forbidden</title></head><body>" + "blocked " * 500 + "</body>"
    client, _ = make_client(
        lambda r: httpx.Response(403, text=page, headers={"content-type": "text/html"})
    )
    with client, pytest.raises(PlaidUnexpectedResponse) as caught:
        client.credit_employment_get(user_token=T)
    exc = caught.value
    assert exc.http_status == 403
    assert exc.content_type == "text/html"
    assert "403 Forbidden" in exc.snippet
    assert len(str(exc)) < 400
    assert exc.raw == page.encode()


@pytest.mark.parametrize(
    ("wire", "reason"),
    [
        (b"<html>maintenance</html>", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b"\xff\xfe", "not JSON"),
    ],
)
def test_a_200_that_is_not_a_plaid_json_object_is_an_unexpected_response(
    wire: bytes, reason: str
) -> None:
    client, recorder = make_client(lambda r: httpx.Response(200, content=wire))
    with client, pytest.raises(PlaidUnexpectedResponse, match=reason) as caught:
        client.credit_sessions_get(user_token=T)
    assert caught.value.raw == wire
    assert caught.value.http_status == 200
    assert len(recorder.requests) == 1


def test_an_s3_xml_error_from_a_download_url_means_expired_or_used() -> None:
    client, _ = make_client(
        lambda r: httpx.Response(403, content=S3_XML, headers={"content-type": "application/xml"})
    )
    with client, pytest.raises(DocumentDownloadError) as caught:
        client.download_document(URL)
    exc = caught.value
    assert exc.expired_or_used
    assert exc.http_status == 403
    assert "AccessDenied" in exc.snippet
    assert "s1gn4tur3" not in str(exc)


@pytest.mark.parametrize("status", [400, 404])
def test_plaids_document_not_found_json_on_a_download_means_expired_or_used(status: int) -> None:
    client, _ = make_client(lambda r: httpx.Response(status, json=PLAID_NOT_FOUND))
    with client, pytest.raises(DocumentDownloadError) as caught:
        client.download_document(URL)
    assert caught.value.expired_or_used
    assert caught.value.error_code == "INCOME_VERIFICATION_DOCUMENT_NOT_FOUND"
    assert caught.value.request_id == "aCytDdGqf0Rahnr"


def test_a_server_error_on_a_download_is_not_called_expired() -> None:
    client, _ = make_client(lambda r: httpx.Response(500, text="internal"))
    with client, pytest.raises(DocumentDownloadError) as caught:
        client.download_document(URL)
    assert not caught.value.expired_or_used
    assert caught.value.http_status == 500


@pytest.mark.parametrize(
    ("failure", "error", "phase_or_sent"),
    [
        (httpx.ConnectTimeout("t"), PlaidTimeout, "connect"),
        (httpx.ReadTimeout("t"), PlaidTimeout, "read"),
        (httpx.ConnectError("refused"), PlaidConnectionError, False),
        (httpx.ReadError("reset"), PlaidConnectionError, True),
    ],
)
def test_timeouts_and_connection_failures_have_their_own_errors(
    failure: Exception, error: type[PlaidError], phase_or_sent: object
) -> None:
    def boom(request: httpx.Request) -> httpx.Response:
        raise failure

    client, _ = make_client(boom, max_retries=0)
    with client, pytest.raises(error) as caught:
        client.credit_payroll_income_get(user_token=T)
    exc = caught.value
    if isinstance(exc, PlaidTimeout):
        assert exc.phase == phase_or_sent
    else:
        assert isinstance(exc, PlaidConnectionError)
        assert exc.request_sent is phase_or_sent
    assert exc.__cause__ is None  # the httpx request (with its headers) is not chained


def _failures() -> list[tuple[str, httpx.Response | Exception]]:
    return [
        ("api", httpx.Response(400, json={"error_code": "INVALID_API_KEYS", "error_type": "INVALID_INPUT",
                                          "error_message": "invalid client_id or secret provided"})),
        ("html", httpx.Response(502, text="<html>bad gateway</html>")),
        ("timeout", httpx.ReadTimeout("timed out")),
        ("connect", httpx.ConnectError("[Errno 111] Connection refused")),
    ]  # fmt: skip


@pytest.mark.parametrize(("name", "failure"), _failures(), ids=[n for n, _ in _failures()])
def test_no_secret_in_messages_reprs_or_debug_logs(
    caplog: pytest.LogCaptureFixture, name: str, failure: httpx.Response | Exception
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx, httpcore, stamina

    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(failure, Exception):
            raise failure
        return failure

    client, _ = make_client(handler, max_retries=1)
    raised: list[PlaidError] = []
    with client:
        for call in (
            lambda: client.credit_payroll_income_get(user_token=T),
            lambda: client.credit_payroll_income_refresh(user_token=T),
            lambda: client.credit_employment_get(user_id="usr_1"),
            lambda: client.download_document(URL),
        ):
            with pytest.raises(PlaidError) as caught:
                call()
            raised.append(caught.value)
        shown = [repr(client), str(client), caplog.text]
        shown += [text for exc in raised for text in (str(exc), repr(exc), repr(exc.args))]
    assert any(isinstance(e, PlaidUserTokenRequired) for e in raised)
    assert any("retrying" in r.getMessage() for r in caplog.records)
    for text in shown:
        assert SECRET not in text
        assert CLIENT_ID not in text
        assert "s1gn4tur3" not in text


def test_every_error_is_a_plaid_error() -> None:
    for error in (
        PlaidApiError,
        PlaidUnexpectedResponse,
        DocumentDownloadError,
        PlaidTimeout,
        PlaidConnectionError,
        PlaidUserTokenRequired,
    ):
        assert issubclass(error, PlaidError)
