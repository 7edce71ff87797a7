"""Every endpoint for every demo user answers a spec-valid 200 body or Plaid's documented error."""

from __future__ import annotations

import httpx
import pytest

from reviewer.sandbox import DemoUser, demo_users
from tests.openapi import validate_component, validate_response
from tests.sandbox.conftest import creds

JSON_ENDPOINTS = [
    "/credit/sessions/get",
    "/credit/bank_income/get",
    "/credit/bank_statements/uploads/get",
    "/credit/payroll_income/get",
    "/credit/payroll_income/risk_signals/get",
    "/credit/employment/get",
    "/credit/payroll_income/refresh",
    "/beta/credit/v1/bank_employment/get",
]
# The spec lists user_id on refresh, parsing_config/update and bank_income/pdf/get but requires
# user_token there: a bare user_id is refused as Plaid does.
TOKEN_ONLY = {
    "/credit/sessions/get",
    "/credit/bank_statements/uploads/get",
    "/credit/employment/get",
    "/beta/credit/v1/bank_employment/get",
    "/credit/payroll_income/refresh",
    "/credit/payroll_income/parsing_config/update",
    "/credit/bank_income/pdf/get",
}
USERS = demo_users()


def _who(user: DemoUser) -> dict[str, str]:
    return {"user_token": user.user_token} if user.user_token else {"user_id": str(user.user_id)}


@pytest.mark.parametrize("user", USERS, ids=lambda u: u.key)
@pytest.mark.parametrize("path", JSON_ENDPOINTS)
def test_every_endpoint_answers_spec_valid_bodies(
    client: httpx.Client, user: DemoUser, path: str
) -> None:
    r = client.post(path, json={**creds(), **_who(user)})
    if user.user_token is None and path in TOKEN_ONLY:
        assert r.status_code == 400
        body = r.json()
        validate_component("PlaidError", body)
        assert (body["error_type"], body["error_code"]) == ("INVALID_REQUEST", "MISSING_FIELDS")
        assert "user_token" in body["error_message"]
        return
    assert r.status_code == 200, r.text
    validate_response(path, r.json())


@pytest.mark.parametrize("user", USERS, ids=lambda u: u.key)
def test_parsing_config_update_and_pdf(client: httpx.Client, user: DemoUser) -> None:
    r = client.post(
        "/credit/payroll_income/parsing_config/update",
        json={**creds(), **_who(user), "parsing_config": ["ocr"]},
    )
    if user.user_token is None:
        for answer in (
            r,
            client.post("/credit/bank_income/pdf/get", json={**creds(), **_who(user)}),
        ):
            assert answer.status_code == 400
            assert answer.json()["error_code"] == "MISSING_FIELDS"
        return
    assert r.status_code == 200, r.text
    validate_response("/credit/payroll_income/parsing_config/update", r.json())
    pdf = client.post("/credit/bank_income/pdf/get", json={**creds(), **_who(user)})
    if "bank_income" in user.flags:
        assert pdf.status_code == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
    else:
        assert pdf.status_code == 400
        validate_component("PlaidError", pdf.json())


def test_user_create_legacy_and_upgraded(client: httpx.Client) -> None:
    legacy = client.post("/user/create", json={**creds(), "client_user_id": "app-42"})
    assert legacy.status_code == 200
    validate_response("/user/create", legacy.json())
    token = legacy.json()["user_token"]
    r = client.post("/credit/payroll_income/get", json={**creds(), "user_token": token})
    assert r.status_code == 200 and r.json()["items"] == []
    new = client.post(
        "/user/create", json={**creds(), "client_user_id": "app-43", "with_upgraded_user": True}
    )
    validate_response("/user/create", new.json())
    assert "user_token" not in new.json() and new.json()["user_id"].startswith("usr_")


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        ({"client_id": "nope", "secret": "wrong"}, {}, 400, "INVALID_API_KEYS"),
        (
            {},
            {"PLAID-CLIENT-ID": "reviewer-demo-client", "PLAID-SECRET": "x"},
            400,
            "INVALID_API_KEYS",
        ),
        ({}, {}, 400, "MISSING_FIELDS"),
        ({**creds(), "user_token": "user-sandbox-unknown"}, {}, 400, "INVALID_USER_TOKEN"),
        ({**creds(), "user_id": "usr_unknown"}, {}, 400, "INVALID_USER_ID"),
        ({**creds(), "user_token": 12}, {}, 400, "INVALID_FIELD"),
        ({**creds()}, {}, 400, "MISSING_FIELDS"),
    ],
)
def test_errors_are_plaid_error_objects(
    client: httpx.Client, body: dict, headers: dict, status: int, code: str
) -> None:
    r = client.post("/credit/payroll_income/get", json=body, headers=headers)
    assert r.status_code == status
    err = r.json()
    validate_component("PlaidError", err)
    assert err["error_code"] == code
    assert err["request_id"]
    assert "reviewer-demo-secret" not in r.text


def test_header_credentials_work_and_malformed_body_is_invalid_request(
    client: httpx.Client,
) -> None:
    user = USERS[0]
    ok = client.post(
        "/credit/sessions/get",
        json={"user_token": user.user_token},
        headers={"PLAID-CLIENT-ID": creds()["client_id"], "PLAID-SECRET": creds()["secret"]},
    )
    assert ok.status_code == 200
    bad = client.post(
        "/credit/sessions/get", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert bad.status_code == 400
    assert (bad.json()["error_type"], bad.json()["error_code"]) == (
        "INVALID_REQUEST",
        "INVALID_BODY",
    )
    unknown = client.post("/credit/nothing/get", json=creds())
    assert unknown.status_code == 404
