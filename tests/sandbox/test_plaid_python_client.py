"""Plaid's official plaid-python client talks to the loopback server and deserializes every answer."""

from __future__ import annotations

from collections.abc import Iterator

import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.credit_bank_employment_get_request import CreditBankEmploymentGetRequest
from plaid.model.credit_bank_income_get_request import CreditBankIncomeGetRequest
from plaid.model.credit_bank_income_pdf_get_request import CreditBankIncomePDFGetRequest
from plaid.model.credit_bank_statements_uploads_get_request import (
    CreditBankStatementsUploadsGetRequest,
)
from plaid.model.credit_employment_get_request import CreditEmploymentGetRequest
from plaid.model.credit_payroll_income_get_request import CreditPayrollIncomeGetRequest
from plaid.model.credit_payroll_income_parsing_config_update_request import (
    CreditPayrollIncomeParsingConfigUpdateRequest,
)
from plaid.model.credit_payroll_income_refresh_request import CreditPayrollIncomeRefreshRequest
from plaid.model.credit_payroll_income_risk_signals_get_request import (
    CreditPayrollIncomeRiskSignalsGetRequest,
)
from plaid.model.credit_sessions_get_request import CreditSessionsGetRequest
from plaid.model.income_verification_doc_parsing_config import IncomeVerificationDocParsingConfig
from plaid.model.user_create_request import UserCreateRequest

from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, RunningServer, Sandbox, demo_users, serve

USERS = {u.key: u for u in demo_users()}


@pytest.fixture(scope="module")
def server(sandbox: Sandbox) -> Iterator[RunningServer]:
    running = serve(sandbox)
    yield running
    running.shutdown()


@pytest.fixture
def api(server: RunningServer) -> Iterator[plaid_api.PlaidApi]:
    config = plaid.Configuration(
        host=server.base_url, api_key={"clientId": DEMO_CLIENT_ID, "secret": DEMO_SECRET}
    )
    with plaid.ApiClient(config) as api_client:
        yield plaid_api.PlaidApi(api_client)


@pytest.mark.parametrize(
    "key",
    ["clean", "tampered_paystub", "edited_statement", "bank_five_sources", "employment_history"],
)
def test_official_client_deserializes_every_endpoint(api: plaid_api.PlaidApi, key: str) -> None:
    token = USERS[key].user_token
    payroll = api.credit_payroll_income_get(CreditPayrollIncomeGetRequest(user_token=token))
    risk = api.credit_payroll_income_risk_signals_get(
        CreditPayrollIncomeRiskSignalsGetRequest(user_token=token)
    )
    uploads = api.credit_bank_statements_uploads_get(
        CreditBankStatementsUploadsGetRequest(user_token=token)
    )
    sessions = api.credit_sessions_get(CreditSessionsGetRequest(user_token=token))
    income = api.credit_bank_income_get(CreditBankIncomeGetRequest(user_token=token))
    employment = api.credit_employment_get(CreditEmploymentGetRequest(user_token=token))
    bank_emp = api.credit_bank_employment_get(CreditBankEmploymentGetRequest(user_token=token))
    refresh = api.credit_payroll_income_refresh(CreditPayrollIncomeRefreshRequest(user_token=token))
    update = api.credit_payroll_income_parsing_config_update(
        CreditPayrollIncomeParsingConfigUpdateRequest(
            user_token=token, parsing_config=[IncomeVerificationDocParsingConfig("ocr")]
        )
    )
    for resp in (payroll, risk, uploads, sessions, income, employment, bank_emp, refresh, update):
        assert resp.request_id
    if key == "clean":
        stub = payroll.items[0].payroll_income[0].pay_stubs[0]
        assert stub.employer.name == "Sutter Valley Medical Center"
        assert str(refresh.verification_refresh_status) == "SUCCESSFUL"
    if key == "tampered_paystub":
        scores = [
            s.risk_summary.risk_score
            for s in risk.items[0].verification_risk_signals[0].single_document_risk_signals
        ]
        assert max(scores) >= 80
    if key == "edited_statement":
        assert uploads.items[0].bank_statements[0].document_metadata.page_count >= 30
    if key == "bank_five_sources":
        assert income.bank_income[0].bank_income_summary.income_sources_count == 5
        pdf = api.credit_bank_income_pdf_get(CreditBankIncomePDFGetRequest(user_token=token))
        assert pdf.read().startswith(b"%PDF")
    if key == "employment_history":
        assert len(sessions.sessions) >= 7
        assert employment.items and bank_emp.bank_employment_reports


def test_official_client_user_create_and_error(api: plaid_api.PlaidApi) -> None:
    created = api.user_create(UserCreateRequest(client_user_id="reviewer-test-1"))
    assert created.user_token.startswith("user-sandbox-")
    with pytest.raises(plaid.ApiException) as info:
        api.credit_sessions_get(CreditSessionsGetRequest(user_token="user-sandbox-nope"))
    assert info.value.status == 400
    assert "INVALID_USER_TOKEN" in info.value.body


def test_official_client_rejects_wrong_keys(server: RunningServer) -> None:
    config = plaid.Configuration(host=server.base_url, api_key={"clientId": "x", "secret": "y"})
    with plaid.ApiClient(config) as api_client:
        api = plaid_api.PlaidApi(api_client)
        with pytest.raises(plaid.ApiException) as info:
            api.credit_sessions_get(CreditSessionsGetRequest(user_token=USERS["clean"].user_token))
    assert "INVALID_API_KEYS" in info.value.body
