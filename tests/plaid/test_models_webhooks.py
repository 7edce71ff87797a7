"""Income webhooks: the model is chosen by webhook_type/webhook_code; nothing is ever dropped."""

from __future__ import annotations

import pytest

from reviewer.plaid import models
from tests.openapi import validate_component

STATUS = {
    "webhook_type": "INCOME",
    "webhook_code": "INCOME_VERIFICATION",
    "item_id": "item-1",
    "user_id": "user-1",
    "verification_status": "VERIFICATION_STATUS_PROCESSING_COMPLETE",
    "environment": "sandbox",
}
RISK = {
    "webhook_type": "INCOME",
    "webhook_code": "INCOME_VERIFICATION_RISK_SIGNALS",
    "item_id": "item-1",
    "risk_signals_status": "RISK_SIGNALS_PROCESSING_COMPLETE",
    "environment": "production",
}
REFRESH = {
    "webhook_type": "INCOME",
    "webhook_code": "BANK_INCOME_REFRESH_COMPLETE",
    "user_id": "user-1",
    "result": "SUCCESS",
    "environment": "production",
}
RECONNECT = {
    "webhook_type": "INCOME",
    "webhook_code": "INCOME_VERIFICATION_REFRESH_RECONNECT_NEEDED",
    "user_id": "user-1",
    "environment": "production",
}


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (STATUS, models.IncomeVerificationStatusWebhook),
        (RISK, models.IncomeVerificationRiskSignalsStatusWebhook),
        (REFRESH, models.BankIncomeRefreshCompleteWebhook),
        (RECONNECT, models.IncomeVerificationRefreshReconnectNeededWebhook),
    ],
)
def test_each_income_webhook_gets_its_model(payload: dict[str, str], expected: type) -> None:
    parsed = models.parse_webhook(payload)

    assert type(parsed) is expected
    assert models.dump_json_compatible(parsed) == payload
    validate_component(expected.__name__, models.dump_json_compatible(parsed))


def test_user_income_verification_type_is_read_like_income() -> None:
    payload = {**STATUS, "webhook_type": "USER_INCOME_VERIFICATION"}
    parsed = models.parse_webhook(payload)

    assert isinstance(parsed, models.IncomeVerificationStatusWebhook)
    assert parsed.webhook_type == "USER_INCOME_VERIFICATION"
    assert parsed.verification_status == "VERIFICATION_STATUS_PROCESSING_COMPLETE"


def test_user_income_verification_as_code_is_the_status_webhook() -> None:
    payload = {**STATUS, "webhook_code": "USER_INCOME_VERIFICATION"}
    assert isinstance(models.parse_webhook(payload), models.IncomeVerificationStatusWebhook)


def test_refresh_result_outside_the_enum_is_kept() -> None:
    parsed = models.parse_webhook({**REFRESH, "result": "PARTIAL"})

    assert isinstance(parsed, models.BankIncomeRefreshCompleteWebhook)
    assert parsed.result == "PARTIAL"
    assert models.unknown_enum_values(parsed) == [("result", "PARTIAL")]


@pytest.mark.parametrize(
    "payload",
    [
        {"webhook_type": "TRANSACTIONS", "webhook_code": "SYNC_UPDATES_AVAILABLE", "item_id": "i"},
        {"webhook_type": "INCOME", "webhook_code": "SOMETHING_NEW", "detail": {"a": [1]}},
        {"no_type_at_all": True},
    ],
)
def test_other_webhooks_fall_back_to_a_generic_model_keeping_everything(
    payload: dict[str, object],
) -> None:
    parsed = models.parse_webhook(payload)

    assert type(parsed) is models.GenericWebhook
    assert models.dump_json_compatible(parsed) == payload


def test_a_webhook_with_an_odd_field_still_parses() -> None:
    parsed = models.parse_webhook({**RECONNECT, "user_id": 12345})

    assert isinstance(parsed, models.IncomeVerificationRefreshReconnectNeededWebhook)
    assert parsed.user_id is None
    assert parsed.environment == "production"
    assert [p.field for p in parsed.model_problems] == ["user_id"]
