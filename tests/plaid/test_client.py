"""PlaidClient against httpx.MockTransport: headers, request bodies per endpoint, user_id and
user_token handling, raw bytes, the streamed PDF and document downloads."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from reviewer.plaid import (
    PlaidClient,
    PlaidConfigurationError,
    PlaidUserTokenRequired,
    models,
)
from tests.openapi import validate_request

CLIENT_ID = "cid-5f1e2d3c4b5a69788796a5b4"
SECRET = "sec-0a1b2c3d4e5f60718293a4b5c6d7e8"
BASE = "https://plaid.test"

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport that answers from ``handler`` and remembers every request."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.handler = handler or (lambda request: httpx.Response(200, json={"request_id": "r1"}))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.handler(request)

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


def make_client(
    handler: Handler | None = None, *, sleeps: list[float] | None = None, **kwargs: Any
) -> tuple[PlaidClient, Recorder]:
    """A client on a recording mock transport; waits go to ``sleeps`` instead of the clock."""
    recorder = Recorder(handler)
    waits = sleeps if sleeps is not None else []
    client = PlaidClient(
        CLIENT_ID,
        SECRET,
        base_url=BASE,
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
        sleep=waits.append,
        **kwargs,
    )
    return client, recorder


@pytest.fixture
def client_and_recorder() -> Iterator[tuple[PlaidClient, Recorder]]:
    client, recorder = make_client()
    with client:
        yield client, recorder


T = "user-sandbox-token"
U = "usr_8c3ZbDBYjaqUXZ"

# (method, kwargs, path, expected body): every endpoint, with its options
ENDPOINT_CASES: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
    ("user_create", {"client_user_id": "app-42"}, "/user/create", {"client_user_id": "app-42"}),
    ("credit_sessions_get", {"user_token": T}, "/credit/sessions/get", {"user_token": T}),
    (
        "credit_bank_income_get",
        {"user_token": T, "count": 2},
        "/credit/bank_income/get",
        {"user_token": T, "options": {"count": 2}},
    ),
    (
        "credit_bank_statements_uploads_get",
        {"user_token": T, "item_ids": ["i1", "i2"]},
        "/credit/bank_statements/uploads/get",
        {"user_token": T, "options": {"item_ids": ["i1", "i2"]}},
    ),
    (
        "credit_payroll_income_get",
        {"user_token": T, "item_ids": ["i1"]},
        "/credit/payroll_income/get",
        {"user_token": T, "options": {"item_ids": ["i1"]}},
    ),
    (
        "credit_payroll_income_risk_signals_get",
        {"user_token": T},
        "/credit/payroll_income/risk_signals/get",
        {"user_token": T},
    ),
    (
        "credit_payroll_income_parsing_config_update",
        {"user_token": T, "item_id": "i1", "parsing_config": ["ocr", "risk_signals"]},
        "/credit/payroll_income/parsing_config/update",
        {"user_token": T, "item_id": "i1", "parsing_config": ["ocr", "risk_signals"]},
    ),
    ("credit_employment_get", {"user_token": T}, "/credit/employment/get", {"user_token": T}),
    (
        "credit_payroll_income_refresh",
        {"user_token": T, "item_ids": ["i1"], "webhook": "https://hooks.test/plaid"},
        "/credit/payroll_income/refresh",
        {"user_token": T, "options": {"item_ids": ["i1"], "webhook": "https://hooks.test/plaid"}},
    ),
    (
        "credit_bank_employment_get",
        {"user_token": T},
        "/beta/credit/v1/bank_employment/get",
        {"user_token": T},
    ),
    (
        "sandbox_income_fire_webhook",
        {"item_id": "i1", "webhook": "https://hooks.test/p", "webhook_code": "INCOME_VERIFICATION"},
        "/sandbox/income/fire_webhook",
        {"item_id": "i1", "webhook": "https://hooks.test/p", "webhook_code": "INCOME_VERIFICATION"},
    ),
]


@pytest.mark.parametrize(("method", "kwargs", "path", "expected"), ENDPOINT_CASES)
def test_each_endpoint_posts_its_spec_shaped_body_with_auth_headers(
    client_and_recorder: tuple[PlaidClient, Recorder],
    method: str,
    kwargs: dict[str, Any],
    path: str,
    expected: dict[str, Any],
) -> None:
    client, recorder = client_and_recorder
    getattr(client, method)(**kwargs)

    (request,) = recorder.requests
    assert request.method == "POST"
    assert str(request.url) == BASE + path
    assert request.headers["PLAID-CLIENT-ID"] == CLIENT_ID
    assert request.headers["PLAID-SECRET"] == SECRET
    assert request.headers["Plaid-Version"] == "2020-09-14"
    assert request.headers["Content-Type"] == "application/json"
    body = recorder.body()
    assert body == expected
    validate_request(path, body)
    assert SECRET not in request.url.query.decode()
    assert SECRET not in request.content.decode()


def test_each_method_returns_the_parsed_model_of_its_endpoint(
    client_and_recorder: tuple[PlaidClient, Recorder],
) -> None:
    client, _ = client_and_recorder
    returned = {
        method: getattr(client, method)(**kwargs) for method, kwargs, _p, _e in ENDPOINT_CASES
    }
    assert isinstance(returned["credit_payroll_income_get"], models.CreditPayrollIncomeGetResponse)
    assert isinstance(returned["user_create"], models.UserCreateResponse)
    assert isinstance(
        returned["credit_bank_employment_get"], models.CreditBankEmploymentGetResponse
    )
    assert all(model.request_id == "r1" for model in returned.values())


USER_ID_PATHS = {
    "credit_bank_income_get": "/credit/bank_income/get",
    "credit_payroll_income_get": "/credit/payroll_income/get",
    "credit_payroll_income_risk_signals_get": "/credit/payroll_income/risk_signals/get",
}
TOKEN_ONLY = [
    ("credit_sessions_get", {}),
    ("credit_bank_income_pdf_get", {}),
    ("credit_bank_statements_uploads_get", {}),
    ("credit_payroll_income_parsing_config_update", {"parsing_config": ["ocr"]}),
    ("credit_employment_get", {}),
    ("credit_payroll_income_refresh", {}),
    ("credit_bank_employment_get", {}),
]


@pytest.mark.parametrize(("method", "path"), USER_ID_PATHS.items())
def test_user_id_alone_is_sent_where_the_spec_accepts_it(
    client_and_recorder: tuple[PlaidClient, Recorder], method: str, path: str
) -> None:
    client, recorder = client_and_recorder
    getattr(client, method)(user_id=U)
    assert recorder.body() == {"user_id": U}
    validate_request(path, recorder.body())


@pytest.mark.parametrize(("method", "extra"), TOKEN_ONLY)
def test_token_only_endpoint_with_a_user_id_fails_before_any_request(
    client_and_recorder: tuple[PlaidClient, Recorder], method: str, extra: dict[str, Any]
) -> None:
    client, recorder = client_and_recorder
    with pytest.raises(PlaidUserTokenRequired, match="user_token") as caught:
        getattr(client, method)(user_id=U, **extra)
    assert isinstance(caught.value, ValueError)
    assert caught.value.endpoint
    assert caught.value.endpoint.startswith("/")
    assert recorder.requests == []


def test_user_token_wins_when_both_are_known(
    client_and_recorder: tuple[PlaidClient, Recorder],
) -> None:
    client, recorder = client_and_recorder
    client.credit_payroll_income_get(user_token=T, user_id=U)
    client.credit_employment_get(user_token=T, user_id=U)
    assert [json.loads(r.content) for r in recorder.requests] == [{"user_token": T}] * 2


def test_no_user_at_all_is_refused_before_any_request(
    client_and_recorder: tuple[PlaidClient, Recorder],
) -> None:
    client, recorder = client_and_recorder
    with pytest.raises(ValueError, match="user_token or a user_id"):
        client.credit_payroll_income_get()
    assert recorder.requests == []


def test_unknown_parsing_config_value_is_refused_before_any_request(
    client_and_recorder: tuple[PlaidClient, Recorder],
) -> None:
    client, recorder = client_and_recorder
    with pytest.raises(ValueError, match="OCR"):
        client.credit_payroll_income_parsing_config_update(user_token=T, parsing_config=["OCR"])  # type: ignore[list-item]
    assert recorder.requests == []


def test_raw_response_keeps_the_exact_bytes_status_and_request_id() -> None:
    wire = b'{ "request_id" : "req-77",\n  "items": [], "new_field_from_plaid": {"x": "\xc3\xa9"} }'
    client, _ = make_client(
        lambda r: httpx.Response(200, content=wire, headers={"content-type": "application/json"})
    )
    with client:
        answer = client.with_raw_response.credit_payroll_income_get(user_token=T)
    assert answer.raw == wire
    assert answer.body == wire
    assert answer.http_status == 200
    assert answer.request_id == "req-77"
    assert answer.endpoint == "/credit/payroll_income/get"
    assert answer.content_type == "application/json"
    assert isinstance(answer.model, models.CreditPayrollIncomeGetResponse)
    assert answer.model.items == []
    assert "new_field_from_plaid" in answer.model.model_dump()
    assert "req-77" in repr(answer)
    assert "\\xc3" not in repr(answer)


def test_environment_and_credentials_come_from_plaid_env_vars(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLAID_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("PLAID_SECRET", SECRET)
    monkeypatch.setenv("PLAID_ENV", "production")
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200, json={}))
    with PlaidClient(http_client=httpx.Client(transport=transport)) as client:
        client.credit_employment_get(user_token=T)
    assert str(seen[0].url) == "https://production.plaid.com/credit/employment/get"
    assert seen[0].headers["PLAID-SECRET"] == SECRET


def test_base_url_overrides_the_environment() -> None:
    client = PlaidClient(
        CLIENT_ID, SECRET, environment="production", base_url="http://127.0.0.1:9/"
    )
    with client:
        assert client.base_url == "http://127.0.0.1:9"
    with PlaidClient(CLIENT_ID, SECRET) as default:
        assert default.base_url == "https://sandbox.plaid.com"


def test_missing_credentials_or_unknown_environment_fail_at_construction() -> None:
    with pytest.raises(PlaidConfigurationError, match="PLAID_SECRET"):
        PlaidClient(CLIENT_ID)
    with pytest.raises(PlaidConfigurationError, match="development"):
        PlaidClient(CLIENT_ID, SECRET, environment="development")


def test_context_manager_closes_its_own_pool_but_not_an_injected_one() -> None:
    injected = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json={})))
    with PlaidClient(CLIENT_ID, SECRET, http_client=injected):
        pass
    assert not injected.is_closed
    injected.close()
    with PlaidClient(CLIENT_ID, SECRET) as own:
        pool = own._http_client
    assert pool.is_closed
