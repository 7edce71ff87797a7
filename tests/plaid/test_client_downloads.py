"""The bytes paths of PlaidClient: the streamed bank income PDF and signed document downloads
(exact bytes, no Plaid headers, https only, size cap)."""

from __future__ import annotations

import httpx
import pytest

from reviewer.plaid import DocumentDownloadError, PlaidUnexpectedResponse
from tests.openapi import validate_request
from tests.plaid.test_client import CLIENT_ID, SECRET, make_client

T = "user-sandbox-token"


def test_bank_income_pdf_is_streamed_back_byte_for_byte_even_when_not_utf8() -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 300 + b"\xff\xfe\x80\n%%EOF\n"
    chunks = [pdf[i : i + 1000] for i in range(0, len(pdf), 1000)]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=iter(chunks),
            headers={"content-type": "application/pdf", "Plaid-Request-ID": "pdf-req"},
        )

    client, recorder = make_client(handler)
    with client:
        assert client.credit_bank_income_pdf_get(user_token=T) == pdf
        raw = client.with_raw_response.credit_bank_income_pdf_get(user_token=T)
    assert raw.raw == pdf
    assert raw.request_id == "pdf-req"
    validate_request("/credit/bank_income/pdf/get", recorder.body())


def test_download_sends_no_plaid_headers_and_returns_exact_bytes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    zip_bytes = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe\xfd" + b"\x00\x9c" * 5000
    client, recorder = make_client(lambda r: httpx.Response(200, content=iter([zip_bytes])))
    url = "https://docs.plaid.test/d/abc.zip?X-Amz-Signature=deadbeefcafe&X-Amz-Expires=60"
    caplog.set_level("DEBUG")
    with client:
        assert client.download_document(url) == zip_bytes
    (request,) = recorder.requests
    assert request.method == "GET"
    assert str(request.url) == url
    assert not {"plaid-client-id", "plaid-secret", "plaid-version"} & set(request.headers.keys())
    assert SECRET not in str(request.headers)
    assert CLIENT_ID not in str(request.headers)
    assert "deadbeefcafe" not in caplog.text  # the signature is a credential too


@pytest.mark.parametrize(
    "url", ["http://docs.plaid.test/d.zip", "ftp://docs.plaid.test/d.zip", "file:///etc/passwd"]
)
def test_download_refuses_cleartext_or_odd_schemes(url: str) -> None:
    client, recorder = make_client()
    with client, pytest.raises(DocumentDownloadError, match="refusing"):
        client.download_document(url)
    assert recorder.requests == []


def test_download_over_plain_http_is_allowed_to_the_local_sandbox() -> None:
    client, recorder = make_client(lambda r: httpx.Response(200, content=b"PK\x05\x06"))
    with client:
        assert client.download_document("http://127.0.0.1:8123/doc?sig=1") == b"PK\x05\x06"
    assert len(recorder.requests) == 1


def test_oversized_body_is_refused_instead_of_filling_memory() -> None:
    big = b"x" * 5000
    client, _ = make_client(
        lambda r: httpx.Response(200, content=iter([big] * 4)), max_body_bytes=10_000
    )
    with client, pytest.raises(PlaidUnexpectedResponse, match="larger than 10000"):
        client.credit_bank_income_pdf_get(user_token=T)
    with client, pytest.raises(DocumentDownloadError, match="larger than 10000"):
        client.download_document("https://docs.plaid.test/big.zip")


def test_redirect_loop_on_a_download_is_a_plaid_error() -> None:
    """A redirect loop ends as a Plaid error (redirects are followed by hand, each hop checked)."""
    from reviewer.plaid import PlaidClient
    from reviewer.plaid.errors import DocumentDownloadError

    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": str(request.url)})

    http = httpx.Client(transport=httpx.MockTransport(loop))
    with PlaidClient("id", "sec", base_url="http://127.0.0.1:1", http_client=http) as client:
        with pytest.raises(DocumentDownloadError) as info:
            client.download_document("http://127.0.0.1:1/doc.zip?X-Amz-Signature=abc")
    assert "more than 5 redirects" in str(info.value)
    assert "X-Amz-Signature" not in str(info.value)
