"""Faults fire as configured; download URLs are zips, single use, and expire after two minutes."""

from __future__ import annotations

import io
import zipfile

import httpx
import pymupdf
import pytest

from reviewer.sandbox import Fault, Sandbox, demo_users
from tests.sandbox.conftest import FakeClock, creds

USERS = {u.key: u for u in demo_users()}
PAYROLL = "/credit/payroll_income/get"


@pytest.fixture(autouse=True)
def _no_faults(sandbox: Sandbox) -> None:
    sandbox.faults.clear()


def _payroll(client: httpx.Client, key: str = "w2_1099") -> dict:
    r = client.post(PAYROLL, json={**creds(), "user_token": USERS[key].user_token})
    assert r.status_code == 200, r.text
    return r.json()


def test_429_with_retry_after_then_recovers(sandbox: Sandbox, client: httpx.Client) -> None:
    fault = sandbox.faults.add(Fault(kind="http_429", endpoint=PAYROLL, times=2, retry_after=3))
    token = USERS["clean"].user_token
    for _ in range(2):
        r = client.post(PAYROLL, json={**creds(), "user_token": token})
        assert r.status_code == 429
        assert r.headers["retry-after"] == "3"
        assert r.json()["error_type"] == "RATE_LIMIT_EXCEEDED"
    assert client.post(PAYROLL, json={**creds(), "user_token": token}).status_code == 200
    assert fault.fired == 2


def test_fault_for_one_user_spares_others(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.add(Fault(kind="http_5xx", user="clean", status=503))
    bad = client.post(PAYROLL, json={**creds(), "user_token": USERS["clean"].user_token})
    assert bad.status_code == 503 and bad.json()["error_type"] == "API_ERROR"
    _payroll(client, "w2_1099")


def test_dropped_connections_raise_httpx_errors(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.add(Fault(kind="drop_connect", times=1))
    sandbox.faults.add(Fault(kind="drop_read", endpoint=PAYROLL, times=1))
    with pytest.raises(httpx.ConnectError):
        _payroll(client)
    with pytest.raises(httpx.ReadError):
        _payroll(client)
    _payroll(client)


def test_latency_uses_the_injected_sleep(clock: FakeClock) -> None:
    slept: list[float] = []
    sb = Sandbox(clock=clock, sleep=slept.append)
    sb.faults.add(Fault(kind="latency", delay=2.5, times=1))
    with httpx.Client(transport=sb.transport(), base_url=sb.base_url) as c:
        assert (
            c.post(
                "/credit/sessions/get", json={**creds(), "user_token": USERS["clean"].user_token}
            ).status_code
            == 200
        )
    assert slept == [2.5]


def test_download_url_is_a_zip_single_use_and_expires(
    client: httpx.Client, clock: FakeClock
) -> None:
    body = _payroll(client)
    w2 = body["items"][0]["payroll_income"][0]["w2s"][0]
    url = w2["document_metadata"]["download_url"]
    again = _payroll(client)["items"][0]["payroll_income"][0]["w2s"][0]
    assert again["document_metadata"]["download_url"] != url  # fresh URL on every call
    first = client.get(url)
    assert first.status_code == 200
    with zipfile.ZipFile(io.BytesIO(first.content)) as zf:
        (name,) = zf.namelist()
        data = zf.read(name)
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        assert doc.page_count == (w2["document_metadata"]["page_count"] or doc.page_count)
    used = client.get(url)
    assert used.status_code == 403 and b"<Code>AccessDenied</Code>" in used.content
    late = again["document_metadata"]["download_url"]
    clock.advance(121)
    expired = client.get(late)
    assert expired.status_code == 403 and b"expired" in expired.content


@pytest.mark.parametrize("kind", ["zip_truncated", "zip_corrupt", "url_expired"])
def test_download_faults(sandbox: Sandbox, client: httpx.Client, kind: str) -> None:
    url = _payroll(client)["items"][0]["payroll_income"][0]["w2s"][0]["document_metadata"][
        "download_url"
    ]
    sandbox.faults.add(Fault(kind=kind, endpoint="download", times=1))  # type: ignore[arg-type]
    r = client.get(url)
    if kind == "url_expired":
        assert r.status_code == 403
        return
    assert r.status_code == 200
    with pytest.raises(zipfile.BadZipFile):
        with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
            zf.testzip()
