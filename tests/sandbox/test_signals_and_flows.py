"""Risk signals point at text really on their pages; parsing-config, refresh and webhook flows."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pymupdf
import pytest

from reviewer.sandbox import Sandbox, demo_users
from reviewer.sandbox.documents import printed_forms
from tests.sandbox.conftest import FakeClock, creds

USERS = {u.key: u for u in demo_users()}
RISK = "/credit/payroll_income/risk_signals/get"
SIGNAL_USERS = ["tampered_paystub", "edited_statement", "inconsistent_docs", "plaid_risk_score_70"]


def _post(client: httpx.Client, path: str, key: str, **extra: object) -> httpx.Response:
    return client.post(path, json={**creds(), "user_token": USERS[key].user_token, **extra})


def _documents(client: httpx.Client, key: str) -> dict[str, bytes]:
    """document_id -> file bytes, downloaded through the signed URLs."""
    out: dict[str, bytes] = {}
    payroll = _post(client, "/credit/payroll_income/get", key).json()["items"]
    uploads = _post(client, "/credit/bank_statements/uploads/get", key).json()["items"]
    docs = [d for i in payroll for p in i["payroll_income"] for d in p["pay_stubs"] + p["w2s"]]
    docs += [s for i in uploads for s in i["bank_statements"]]
    for d in docs:
        url = d["document_metadata"]["download_url"]
        if url:
            with zipfile.ZipFile(io.BytesIO(client.get(url).content)) as zf:
                out[d["document_id"]] = zf.read(zf.namelist()[0])
            with pymupdf.open(stream=out[d["document_id"]], filetype="pdf") as pdf:
                if d["document_metadata"]["page_count"]:
                    assert pdf.page_count == d["document_metadata"]["page_count"]
    return out


@pytest.mark.parametrize("key", SIGNAL_USERS)
def test_every_signal_value_is_printed_on_its_page(client: httpx.Client, key: str) -> None:
    files = _documents(client, key)
    risk = _post(client, RISK, key).json()["items"]
    checked = 0
    for item in risk:
        for group in item["verification_risk_signals"]:
            entries = [
                ([s["document_reference"]], s["risk_signals"])
                for s in group["single_document_risk_signals"]
            ]
            entries += [
                (m["document_references"], m["risk_signals"])
                for m in group["multi_document_risk_signals"]
            ]
            for refs, signals in entries:
                for sig in signals:
                    if not sig["page_number"] or sig["expected_value"] is None:
                        continue
                    texts = []
                    for ref in refs:
                        with pymupdf.open(stream=files[ref["document_id"]], filetype="pdf") as pdf:
                            texts.append(pdf[sig["page_number"] - 1].get_text())
                    forms = printed_forms(sig["expected_value"])
                    assert any(f in t for f in forms for t in texts), (key, sig)
                    checked += 1
    assert checked >= 1


def test_tampered_paystub_keeps_true_value_under_the_box(client: httpx.Client) -> None:
    files = _documents(client, "tampered_paystub")
    risk = _post(client, RISK, "tampered_paystub").json()["items"][0]
    single = risk["verification_risk_signals"][0]["single_document_risk_signals"]
    flagged = max(single, key=lambda s: s["risk_summary"]["risk_score"])
    assert flagged["risk_summary"]["risk_score"] >= 80
    masking = next(s for s in flagged["risk_signals"] if s["type"] == "MASKING")
    with pymupdf.open(
        stream=files[flagged["document_reference"]["document_id"]], filetype="pdf"
    ) as pdf:
        text = pdf[0].get_text()
        fonts = {f[3] for f in pdf[0].get_fonts()}
    assert f"${float(masking['actual_value']):,.2f}" in text  # the masked original survives
    assert f"${float(masking['expected_value']):,.2f}" in text
    assert len(fonts) >= 2


def test_plaid_mirror_score_70(client: httpx.Client) -> None:
    risk = _post(client, RISK, "plaid_risk_score_70").json()["items"][0]
    doc = risk["verification_risk_signals"][0]["single_document_risk_signals"][0]
    assert doc["risk_summary"]["risk_score"] == 70
    by_type = {s["type"]: s for s in doc["risk_signals"]}
    assert (by_type["MASKING"]["expected_value"], by_type["MASKING"]["actual_value"]) == (
        "25.09",
        "2.00",
    )
    assert by_type["MASKING"]["page_number"] == 1
    meta = by_type["METADATA_DATES_OUTSIDE_WINDOW"]
    assert meta["page_number"] == 0
    assert meta["signal_description"] == "Creation date and modification date do not match"


def test_parsing_config_risk_signals_processing_then_complete(
    sandbox: Sandbox, client: httpx.Client, clock: FakeClock
) -> None:
    r = _post(
        client,
        "/credit/payroll_income/parsing_config/update",
        "w2_1099",
        parsing_config=["ocr", "risk_signals"],
    )
    assert r.status_code == 200
    docs = _post(client, RISK, "w2_1099").json()["items"][0]["verification_risk_signals"][0]
    statuses = {d["document_reference"]["status"] for d in docs["single_document_risk_signals"]}
    assert statuses == {"PROCESSING"}
    clock.advance(sandbox.risk_processing_delay + 0.1)
    docs = _post(client, RISK, "w2_1099").json()["items"][0]["verification_risk_signals"][0]
    statuses = {d["document_reference"]["status"] for d in docs["single_document_risk_signals"]}
    assert statuses == {"PROCESSING_COMPLETE"}
    assert all(
        d["risk_summary"]["risk_score"] is not None for d in docs["single_document_risk_signals"]
    )


@pytest.mark.parametrize(
    ("key", "outcome"),
    [
        ("clean", "SUCCESSFUL"),
        ("tampered_paystub", "USER_PRESENCE_REQUIRED"),
        ("employment_history", "NOT_FOUND"),
    ],
)
def test_refresh_outcomes(clock: FakeClock, key: str, outcome: str) -> None:
    sb = Sandbox(clock=clock)
    with httpx.Client(transport=sb.transport(), base_url=sb.base_url) as c:
        before = _post(c, "/credit/payroll_income/get", key).json()["items"]
        r = _post(c, "/credit/payroll_income/refresh", key)
        assert r.json()["verification_refresh_status"] == outcome
        after = _post(c, "/credit/payroll_income/get", key).json()["items"]
    count = lambda items: sum(len(p["pay_stubs"]) for i in items for p in i["payroll_income"])
    assert count(after) == count(before) + (1 if outcome == "SUCCESSFUL" else 0)
    if outcome == "SUCCESSFUL":
        dates = [
            s["pay_period_details"]["pay_date"] for s in after[0]["payroll_income"][0]["pay_stubs"]
        ]
        assert dates[-1] == max(dates)


def test_fire_webhook_posts_to_loopback(client: httpx.Client) -> None:
    received: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    hook = HTTPServer(("127.0.0.1", 0), Hook)
    t = threading.Thread(target=hook.handle_request)
    t.start()
    try:
        r = client.post(
            "/sandbox/income/fire_webhook",
            json={
                **creds(),
                "item_id": "item-1",
                "webhook": f"http://127.0.0.1:{hook.server_port}/hook",
                "webhook_code": "INCOME_VERIFICATION_RISK_SIGNALS",
            },
        )
        assert r.status_code == 200
    finally:
        t.join(timeout=5)
        hook.server_close()
    assert received[0]["webhook_code"] == "INCOME_VERIFICATION_RISK_SIGNALS"
    assert received[0]["risk_signals_status"] == "RISK_SIGNALS_PROCESSING_COMPLETE"
    remote = client.post(
        "/sandbox/income/fire_webhook",
        json={
            **creds(),
            "item_id": "i",
            "webhook": "https://example.com/hook",
            "webhook_code": "INCOME_VERIFICATION",
        },
    )
    assert remote.status_code == 400 and remote.json()["error_code"] == "INVALID_FIELD"
