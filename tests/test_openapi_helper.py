"""The spec validator itself must reject what the spec forbids, or every other check is hollow."""

import jsonschema
import pytest

from tests import openapi


def test_valid_minimal_body_passes() -> None:
    openapi.validate_response(
        "/credit/payroll_income/refresh",
        {"request_id": "abc", "verification_refresh_status": "USER_PRESENCE_REQUIRED"},
    )


def test_wrong_type_is_rejected() -> None:
    with pytest.raises(jsonschema.ValidationError):
        openapi.validate_response(
            "/credit/payroll_income/refresh",
            {"request_id": 5, "verification_refresh_status": "USER_PRESENCE_REQUIRED"},
        )


def test_missing_required_is_rejected() -> None:
    with pytest.raises(jsonschema.ValidationError):
        openapi.validate_response("/credit/payroll_income/refresh", {"request_id": "abc"})


def test_nullable_field_accepts_null() -> None:
    # Paystub-level nullable fields must accept null after the nullable rewrite
    schema = openapi.component("CreditPayrollIncomeRiskSignalsGetResponse")
    assert schema["type"] == "object"
    openapi.validate_response(
        "/credit/payroll_income/risk_signals/get", {"items": [], "request_id": "r"}
    )
