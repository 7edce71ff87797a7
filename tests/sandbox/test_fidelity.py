"""The sandbox answers as Plaid does where the case model depends on it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from reviewer.sandbox import DemoUser, demo_users
from tests.sandbox.conftest import creds

USERS = {u.label: u for u in demo_users()}


def _post(client: httpx.Client, path: str, user: DemoUser, **extra: Any) -> dict[str, Any]:
    r = client.post(path, json={**creds(), "user_token": user.user_token, **extra})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_sessions_newest_first(client: httpx.Client) -> None:
    body = _post(client, "/credit/sessions/get", USERS["APP-1012"])
    starts = [s["session_start_time"] for s in body["sessions"]]
    assert len(starts) > 2 and starts == sorted(starts, reverse=True)


def test_document_error_carries_no_pay_data_and_processing_item_no_data(
    client: httpx.Client,
) -> None:
    body = _post(client, "/credit/payroll_income/get", USERS["APP-1006"])
    statuses = {i["status"]["processing_status"]: i for i in body["items"]}
    assert set(statuses) == {"PROCESSING_COMPLETE", "PROCESSING"}
    assert statuses["PROCESSING"]["payroll_income"] == []
    stubs = statuses["PROCESSING_COMPLETE"]["payroll_income"][0]["pay_stubs"]
    errored = [s for s in stubs if s["document_metadata"]["status"] == "DOCUMENT_ERROR"]
    assert len(errored) == 2
    for stub in errored:
        assert stub["document_metadata"]["error_message"]
        assert stub["net_pay"]["current_amount"] is None
        assert stub["pay_period_details"]["gross_earnings"] is None
        assert stub["earnings"]["breakdown"] == [] and stub["employee"]["name"] is None


@pytest.mark.parametrize("path", ["/credit/payroll_income/refresh", "/credit/bank_income/pdf/get"])
def test_user_token_endpoints_refuse_a_bare_user_id(client: httpx.Client, path: str) -> None:
    user = USERS["APP-1001"]
    r = client.post(path, json={**creds(), "user_id": user.user_id})
    assert r.status_code == 400
    assert (r.json()["error_type"], r.json()["error_code"]) == ("INVALID_REQUEST", "MISSING_FIELDS")


def test_rate_of_pay_is_a_rate(client: httpx.Client) -> None:
    salaried = _post(client, "/credit/payroll_income/get", USERS["APP-1001"])["items"][0]
    rate = salaried["accounts"][0]["rate_of_pay"]
    stub = salaried["payroll_income"][0]["pay_stubs"][0]
    assert rate["pay_rate"] == "ANNUAL"
    assert rate["pay_amount"] == round(stub["pay_period_details"]["gross_earnings"] * 26, 2)
    uploads = _post(client, "/credit/payroll_income/get", USERS["APP-1007"])["items"][0]
    assert uploads["accounts"] == []  # an applicant's upload has no payroll provider account


def test_two_bank_income_reports_newest_first_with_warnings(client: httpx.Client) -> None:
    user = USERS["APP-1012"]
    one = _post(client, "/credit/bank_income/get", user)["bank_income"]
    two = _post(client, "/credit/bank_income/get", user, options={"count": 3})["bank_income"]
    assert len(one) == 1 and len(two) == 2
    assert two[0] == one[0]
    assert two[0]["generated_time"] > two[1]["generated_time"]
    assert two[0]["warnings"][0]["warning_code"] == "TRANSACTIONS_UNAVAILABLE"
    employment = _post(client, "/beta/credit/v1/bank_employment/get", user)
    assert employment["bank_employment_reports"][0]["warnings"]
