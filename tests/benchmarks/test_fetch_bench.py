"""Fetch speed of the biggest demo cases: sequential vs concurrent, and vs bare httpx.

Run: `uv run pytest -m benchmark tests/benchmarks/test_fetch_bench.py -s`

Each request to the in-process sandbox gets `LATENCY` seconds of injected latency, standing in
for Plaid's round trip (the sandbox itself answers in microseconds, which would hide what the
concurrency buys). The bare baseline is the same requests and downloads made one after another
with a plain httpx client: no parsing, no archive checks, no store, no highlight location.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest

from reviewer.review.document_backend import InProcessDocuments
from reviewer.review.fetch import CaseFetcher
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.sandbox.embedded import embedded_client
from reviewer.sandbox.faults import Fault
from reviewer.store import CaseStore

LATENCY = 0.08
CASES = ("edited_statement", "tampered_paystub", "employment_history")
ENDPOINTS = (
    "/credit/sessions/get",
    "/credit/payroll_income/get",
    "/credit/bank_statements/uploads/get",
    "/credit/payroll_income/risk_signals/get",
    "/credit/bank_income/get",
    "/credit/employment/get",
    "/beta/credit/v1/bank_employment/get",
)


def _bare_fetch(sandbox: Sandbox, token: str) -> float:
    """The same endpoint calls and document downloads, sequential, with nothing done to them."""
    headers = {"PLAID-CLIENT-ID": DEMO_CLIENT_ID, "PLAID-SECRET": DEMO_SECRET}
    started = time.perf_counter()
    with httpx.Client(transport=sandbox.transport(), base_url=sandbox.base_url) as http:
        for endpoint in ENDPOINTS:
            body = http.post(endpoint, json={"user_token": token}, headers=headers).json()
            for url in _download_urls(body):
                http.get(url).read()
    return time.perf_counter() - started


def _download_urls(body: object) -> list[str]:
    found: list[str] = []
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "download_url" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_download_urls(value))
    elif isinstance(body, list):
        for value in body:
            found.extend(_download_urls(value))
    return found


def _app_fetch(sandbox: Sandbox, token: str, data_dir: Path, workers: int) -> float:
    with CaseStore(data_dir) as store, embedded_client(sandbox) as client:
        case = store.get_or_create_case(user_token=token, user_id=None, label=None)
        fetcher = CaseFetcher(client, store, InProcessDocuments(), max_workers=workers)
        started = time.perf_counter()
        fetcher.fetch(case)
        return time.perf_counter() - started


@pytest.mark.benchmark
def test_fetch_speed(tmp_path: Path) -> None:
    sandbox = Sandbox()
    users = {u.key: u for u in demo_users()}
    report = {}
    for key in CASES:
        token = users[key].user_token
        assert token is not None
        _app_fetch(sandbox, token, tmp_path / f"warm-{key}", 4)  # documents generated, cached
        sandbox.faults.add(Fault(kind="latency", delay=LATENCY))
        bare = min(_bare_fetch(sandbox, token) for _ in range(2))
        sequential = min(_app_fetch(sandbox, token, tmp_path / f"s-{key}-{i}", 1) for i in range(2))
        concurrent = min(_app_fetch(sandbox, token, tmp_path / f"c-{key}-{i}", 4) for i in range(2))
        sandbox.faults.clear()
        report[key] = {
            "bare_sequential_s": round(bare, 3),
            "app_sequential_s": round(sequential, 3),
            "app_concurrent_s": round(concurrent, 3),
            "concurrent_vs_bare_ratio": round(concurrent / bare, 2),
            "sequential_vs_bare_ratio": round(sequential / bare, 2),
        }
    print(json.dumps({"latency_per_request_s": LATENCY, "cases": report}, indent=2))
    assert all(r["app_concurrent_s"] > 0 for r in report.values())
