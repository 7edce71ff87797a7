"""The Plaid client against a loopback server that answers like a malicious Plaid (issue 14).

Items 1 (deep nesting in 2xx, error and download-error bodies), 2 (memory on small JSON),
5 (a whole-request deadline) and 8 (https on redirects; the base URL's scheme).
"""

from __future__ import annotations

import time
import tracemalloc

import httpx
import pytest

from reviewer.plaid import PlaidClient
from reviewer.plaid.errors import (
    DocumentDownloadError,
    PlaidConfigurationError,
    PlaidTimeout,
    PlaidUnexpectedResponse,
)
from reviewer.plaid.json_limits import JsonLimitExceeded, JsonLimits, load_json
from tests.plaid.hostile_server import HostileServer, Reply, empty_objects_body, nested

PAYROLL = "/credit/payroll_income/get"


def _client(server: HostileServer, **options: object) -> PlaidClient:
    return PlaidClient(
        "client-id", "secret-value", base_url=server.base_url, max_retries=0, **options
    )


@pytest.mark.parametrize("status", [200, 400, 500])
def test_deeply_nested_body_is_a_plaid_error_not_recursion(status: int) -> None:
    with HostileServer({PAYROLL: Reply(status=status, body=nested(200_000))}) as server:
        with _client(server) as client, pytest.raises(PlaidUnexpectedResponse) as info:
            client.credit_payroll_income_get(user_token="user-sandbox-1")
    assert info.value.http_status == status


def test_deeply_nested_download_error_body_is_a_download_error() -> None:
    deep = b'{"error_code":' + nested(200_000)
    with HostileServer({"/doc.zip": Reply(status=403, body=deep)}) as server:
        with _client(server) as client, pytest.raises(DocumentDownloadError) as info:
            client.download_document(f"{server.base_url}/doc.zip?X-Amz-Signature=s")
    assert info.value.expired_or_used


def test_nesting_within_the_parser_but_past_the_depth_limit_is_refused() -> None:
    body = b'{"items":' + b"[" * 100 + b"]" * 100 + b"}"
    with pytest.raises(JsonLimitExceeded) as info:
        load_json(body)
    assert info.value.limit == "max_depth" and "64" in str(info.value)


def test_ten_megabytes_of_empty_objects_costs_megabytes_not_gigabytes() -> None:
    body = empty_objects_body(10)
    with HostileServer({PAYROLL: Reply(body=body)}) as server, _client(server) as client:
        tracemalloc.start()
        started = time.monotonic()
        try:
            with pytest.raises(PlaidUnexpectedResponse, match="objects and arrays"):
                client.credit_payroll_income_get(user_token="user-sandbox-1")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        seconds = time.monotonic() - started
    # before the limits: 4.0 GB peak and 42 s; the raw bytes are read once, then refused
    assert peak < 4 * len(body), f"peak {peak / 1e6:.0f} MB for a {len(body) / 1e6:.0f} MB body"
    assert seconds < 30


def test_every_json_limit_names_itself() -> None:
    small = JsonLimits(max_bytes=100, max_containers=3, max_values=10, max_depth=2)
    cases = {
        b" " * 101: "max_bytes",
        b"[[],[],[]]": "max_containers",
        b"[1,2,3,4,5,6,7,8,9,10]": "max_values",
        b"[[[1]]]": "max_depth",
    }
    for raw, limit in cases.items():
        with pytest.raises(JsonLimitExceeded) as info:
            load_json(raw, small)
        assert info.value.limit == limit
    assert load_json(b'{"a":[1]}', small) == {"a": [1]}


def test_a_dripping_answer_ends_at_the_request_deadline() -> None:
    drip = Reply(body=iter([b'{"items":['] + [b" "] * 1000), drip_seconds=0.3)
    with HostileServer({PAYROLL: drip}) as server:
        with _client(server, timeout=5.0, request_deadline=1.5) as client:
            started = time.monotonic()
            with pytest.raises(PlaidTimeout) as info:
                client.credit_payroll_income_get(user_token="user-sandbox-1")
            seconds = time.monotonic() - started
    assert info.value.phase == "deadline"
    assert "1.5 s per request" in str(info.value)
    assert seconds < 4, "each read came within the read timeout; only the deadline stops it"


def test_a_redirect_from_https_to_plain_http_is_refused() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "storage.example":
            return httpx.Response(302, headers={"location": "http://evil.example/doc.zip"})
        return httpx.Response(200, content=b"PK")

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with PlaidClient("id", "sec", http_client=http, max_retries=0) as client:
        with pytest.raises(DocumentDownloadError, match="refusing to download over http"):
            client.download_document("https://storage.example/doc.zip?X-Amz-Signature=s")
    assert seen == ["https://storage.example/doc.zip?X-Amz-Signature=s"], "never sent to evil"


def test_redirects_between_https_hosts_are_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "storage.example":
            return httpx.Response(307, headers={"location": "https://cdn.example/doc.zip"})
        return httpx.Response(200, content=b"PK-bytes")

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with PlaidClient("id", "sec", http_client=http) as client:
        assert client.download_document("https://storage.example/doc.zip") == b"PK-bytes"


@pytest.mark.parametrize(
    "base_url", ["http://any-host.example", "http://10.1.2.3:8080", "ftp://127.0.0.1"]
)
def test_base_url_in_clear_text_is_refused_unless_loopback(base_url: str) -> None:
    with pytest.raises(PlaidConfigurationError, match="clear text"):
        PlaidClient("id", "sec", base_url=base_url)


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"])
def test_base_url_on_loopback_may_be_plain_http(base_url: str) -> None:
    PlaidClient("id", "sec", base_url=base_url).close()
