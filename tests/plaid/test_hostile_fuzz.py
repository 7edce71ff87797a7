"""Fuzzing as a habit (issue 14): random and schema-shaped JSON, nested, huge and of the wrong
types, thrown at every endpoint of the client and through fetch -> store -> `show --json`.

Properties: the client returns or raises a `PlaidError`, never anything else; a fetch never
raises; what `show --json` prints is valid JSON; a fetch that stored nothing leaves the last
good snapshot as it was; memory stays bounded (each example's peak is checked).

The spec-driven property tests (hypothesis-jsonschema from the vendored spec) are the `model`
helper's; these ones are about hostile, random and mistyped input.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.plaid import PlaidClient
from reviewer.plaid.errors import PlaidError
from reviewer.review import endpoints as ep
from reviewer.review.document_backend import InProcessDocuments
from reviewer.review.service import CaseService
from reviewer.store import CaseStore

BASE = "https://plaid.fuzz"
ENDPOINT_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    ep.SESSIONS: ("credit_sessions_get", {"user_token": "t"}),
    ep.PAYROLL: ("credit_payroll_income_get", {"user_token": "t"}),
    ep.STATEMENTS: ("credit_bank_statements_uploads_get", {"user_token": "t"}),
    ep.RISK_SIGNALS: ("credit_payroll_income_risk_signals_get", {"user_token": "t"}),
    ep.BANK_INCOME: ("credit_bank_income_get", {"user_token": "t"}),
    ep.BANK_INCOME_PDF: ("credit_bank_income_pdf_get", {"user_token": "t"}),
    ep.EMPLOYMENT: ("credit_employment_get", {"user_token": "t"}),
    ep.BANK_EMPLOYMENT: ("credit_bank_employment_get", {"user_token": "t"}),
    "/user/create": ("user_create", {"client_user_id": "c"}),
    "/credit/payroll_income/parsing_config/update": (
        "credit_payroll_income_parsing_config_update",
        {"user_token": "t", "parsing_config": ["ocr"]},
    ),
    "/credit/payroll_income/refresh": ("credit_payroll_income_refresh", {"user_token": "t"}),
    "/sandbox/income/fire_webhook": (
        "sandbox_income_fire_webhook",
        {"item_id": "i", "webhook": "https://w.example", "webhook_code": "INCOME_VERIFICATION"},
    ),
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["\x1b[2J", "\u202e", "https://x.example/d.zip?sig=s", "", "0", "PAYSTUB"]),
)
random_json = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "items",
                    "item_id",
                    "payroll_income",
                    "pay_stubs",
                    "w2s",
                    "form1099s",
                    "document_metadata",
                    "download_url",
                    "name",
                    "document_id",
                    "bank_statements",
                    "verification_risk_signals",
                    "single_document_risk_signals",
                    "risk_signals",
                    "document_reference",
                    "risk_summary",
                    "risk_score",
                    "page_number",
                    "employee",
                    "error",
                    "error_code",
                    "bank_income",
                    "owners",
                    "names",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


def _with_shape(value: Any) -> dict[str, Any]:
    """Schema-shaped: wrong types put where the walkers expect items, documents, signals."""
    return {
        "items": [
            {
                "item_id": value,
                "payroll_income": [{"pay_stubs": [{"document_metadata": value}], "w2s": value}],
                "bank_statements": value,
                "verification_risk_signals": [{"single_document_risk_signals": value}],
            },
            value,
        ],
        "bank_income": value,
        "error": value,
        "request_id": "r",
    }


def _huge_or_deep(kind: str) -> bytes:
    if kind == "deep":
        return b'{"items":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    if kind == "wide":
        return b'{"items":[' + b"{}," * 400_000 + b"{}]}"
    return b'{"items":[' + b"1," * 1_200_000 + b"1]}"


bodies = st.one_of(
    random_json.map(lambda v: json.dumps(v).encode()),
    random_json.map(lambda v: json.dumps(_with_shape(v)).encode()),
    st.sampled_from(["deep", "wide", "values"]).map(_huge_or_deep),
    st.binary(max_size=64),
)
statuses = st.sampled_from([200, 200, 200, 400, 429, 500])


def _client(answer: Any) -> PlaidClient:
    http = httpx.Client(transport=httpx.MockTransport(answer))
    return PlaidClient("id", "secret", base_url=BASE, http_client=http, max_retries=0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(endpoint=st.sampled_from(sorted(ENDPOINT_CALLS)), body=bodies, status=statuses)
def test_every_endpoint_returns_or_raises_a_plaid_error(
    endpoint: str, body: bytes, status: int
) -> None:
    method, kwargs = ENDPOINT_CALLS[endpoint]
    with _client(lambda _r: httpx.Response(status, content=body)) as client:
        tracemalloc.start()
        error: PlaidError | None = None
        try:
            getattr(client, method)(**kwargs)
        except PlaidError as exc:
            error = exc
        finally:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    assert error is None or "\n" not in str(error)
    assert peak < 20 * len(body) + 64_000_000, f"{peak / 1e6:.0f} MB for {len(body)} bytes"


def _good_bodies() -> dict[str, bytes]:
    return {endpoint: b"{}" for endpoint in ENDPOINT_CALLS}


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    fuzzed=st.dictionaries(st.sampled_from(sorted(_good_bodies())), st.tuples(bodies, statuses)),
    download=st.binary(max_size=256),
)
def test_fetch_store_show_never_raises_and_keeps_the_last_good_snapshot(
    fuzz_dir: Path, fuzzed: dict[str, tuple[bytes, int]], download: bytes
) -> None:
    answers = {path: (body, 200) for path, body in _good_bodies().items()}

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host != "plaid.fuzz":
            return httpx.Response(200, content=download)
        body, status = answers.get(request.url.path, (b"{}", 200))
        return httpx.Response(status, content=body)

    data_dir = fuzz_dir / "data"
    service = CaseService(
        CaseStore(data_dir),
        lambda: _client(answer),
        environment_label="fuzz",
        backend=InProcessDocuments(),
    )
    try:
        good = service.fetch_case(user_token="fuzz-user", label="FUZZ")
        assert good.stored, good.message
        assert good.case_id is not None
        before = service.store.latest_snapshot(good.case_id)
        answers.update(fuzzed)
        result = service.refetch_case(good.case_id)
        assert "\n" not in result.message
        snapshot = service.load_case(good.case_id)
        assert snapshot is not None
        json.loads(json.dumps(snapshot.to_show_json(), allow_nan=False))
        if not result.stored:
            after = service.store.latest_snapshot(good.case_id)
            assert after is not None and before is not None and after.id == before.id
    finally:
        service.close()
