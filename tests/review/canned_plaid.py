"""A CaseService whose Plaid answers chosen bodies per endpoint (httpx MockTransport, no sockets).

Endpoints without a body answer `{}`-like empty responses; document downloads answer 404; the
bank income PDF answers a tiny non-PDF (recorded as a document problem, never an exception).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from reviewer.plaid.client import PlaidClient
from reviewer.review.document_backend import InProcessDocuments
from reviewer.review.service import CaseService
from reviewer.store import CaseStore

EMPTY: dict[str, Any] = {
    "/credit/sessions/get": {"sessions": []},
    "/credit/payroll_income/get": {"items": []},
    "/credit/bank_statements/uploads/get": {"items": []},
    "/credit/payroll_income/risk_signals/get": {"items": []},
    "/credit/bank_income/get": {"bank_income": []},
    "/credit/employment/get": {"items": []},
    "/beta/credit/v1/bank_employment/get": {"bank_employment_reports": []},
}


def canned_service(data_dir: Path, bodies: Mapping[str, Any]) -> CaseService:
    """A service whose client gets `bodies[path]` (JSON-encoded unless bytes) for each POST path."""

    def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method != "POST":
            return httpx.Response(404, content=b"gone")
        if path == "/credit/bank_income/pdf/get":
            return httpx.Response(
                200, content=b"%PDF-1.4 not really", headers={"content-type": "application/pdf"}
            )
        body = bodies.get(path, EMPTY.get(path, {}))
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(200, content=raw, headers={"content-type": "application/json"})

    def client() -> PlaidClient:
        http = httpx.Client(transport=httpx.MockTransport(answer), base_url="https://plaid.test")
        return PlaidClient(
            "client", "secret", base_url="https://plaid.test", http_client=http,
            max_retries=0, sleep=lambda _s: None,
        )  # fmt: skip

    return CaseService(
        CaseStore(data_dir), client, environment_label="canned", backend=InProcessDocuments()
    )
