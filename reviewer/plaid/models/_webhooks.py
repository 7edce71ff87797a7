"""Income webhook payloads and :func:`parse_webhook`.

Plaid sends income webhooks with ``webhook_type`` ``"INCOME"``; the new User APIs send
``"USER_INCOME_VERIFICATION"`` instead, with the same codes and bodies. Some integrations also see
``USER_INCOME_VERIFICATION`` as the *code* of the verification-status webhook, so it is accepted
there too. Anything else parses as :class:`GenericWebhook`, which keeps every field.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from reviewer.plaid.models._base import PlaidModel
from reviewer.plaid.models._generated import (
    BankIncomeRefreshCompleteWebhook,
    IncomeVerificationRefreshReconnectNeededWebhook,
    IncomeVerificationRiskSignalsStatusWebhook,
    IncomeVerificationStatusWebhook,
)

INCOME_WEBHOOK_TYPES = frozenset({"INCOME", "USER_INCOME_VERIFICATION"})


class GenericWebhook(PlaidModel):
    """Any webhook this module does not model; every field is kept as received."""

    webhook_type: str | None = Field(default=None)
    webhook_code: str | None = Field(default=None)


IncomeWebhook = (
    IncomeVerificationStatusWebhook
    | IncomeVerificationRiskSignalsStatusWebhook
    | BankIncomeRefreshCompleteWebhook
    | IncomeVerificationRefreshReconnectNeededWebhook
)
"""The four income webhook payloads."""

_BY_CODE: dict[str, type[IncomeWebhook]] = {
    "INCOME_VERIFICATION": IncomeVerificationStatusWebhook,
    "USER_INCOME_VERIFICATION": IncomeVerificationStatusWebhook,
    "INCOME_VERIFICATION_RISK_SIGNALS": IncomeVerificationRiskSignalsStatusWebhook,
    "BANK_INCOME_REFRESH_COMPLETE": BankIncomeRefreshCompleteWebhook,
    "INCOME_VERIFICATION_REFRESH_RECONNECT_NEEDED": IncomeVerificationRefreshReconnectNeededWebhook,
}


def webhook_model_for(webhook_type: object, webhook_code: object) -> type[PlaidModel]:
    """The model class for a webhook's type and code (``GenericWebhook`` when not an income one)."""
    if (
        isinstance(webhook_type, str)
        and webhook_type in INCOME_WEBHOOK_TYPES
        and isinstance(webhook_code, str)
        and webhook_code in _BY_CODE
    ):
        return _BY_CODE[webhook_code]
    return GenericWebhook


def parse_webhook(payload: dict[str, Any]) -> IncomeWebhook | GenericWebhook:
    """Parse a webhook body, choosing the model by ``webhook_type`` and ``webhook_code``.

    Never raises for a dict: odd fields are recorded on the model (see ``model_problems``).
    """
    model = webhook_model_for(payload.get("webhook_type"), payload.get("webhook_code"))
    if model is GenericWebhook:
        return GenericWebhook.model_validate(payload)
    return _BY_CODE[str(payload["webhook_code"])].model_validate(payload)
