"""Income webhooks pasted or loaded as JSON: which case they concern and what to refetch.

Plaid's Income webhooks name a `user_id` and/or an `item_id`; the store finds the live cases
that hold either. The plan says in words what the webhook means for the reviewer and whether the
case needs a refetch; `apply_webhook` records the webhook in each case's trail and refetches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from reviewer.plaid.models import parse_webhook
from reviewer.review.actions import CaseActions
from reviewer.review.progress import CancelCheck
from reviewer.review.service import CaseService, FetchResult

# webhook_code -> (what it means, whether the case should be fetched again)
_MEANING: dict[str, tuple[str, bool]] = {
    "INCOME_VERIFICATION": ("Income verification status changed", True),
    "USER_INCOME_VERIFICATION": ("Income verification status changed", True),
    "INCOME_VERIFICATION_RISK_SIGNALS": ("Risk signals were processed", True),
    "BANK_INCOME_REFRESH_COMPLETE": ("A bank income refresh finished", True),
    "INCOME_VERIFICATION_REFRESH_RECONNECT_NEEDED": (
        "Payroll refresh failed: the applicant must reconnect their payroll account",
        False,
    ),
}


class WebhookInvalid(ValueError):
    """The text is not a JSON webhook body (the message says why, without echoing it)."""


@dataclass(frozen=True)
class WebhookPlan:
    """What a webhook concerns and what Reviewer should do about it."""

    webhook_type: str | None
    webhook_code: str | None
    user_id: str | None
    item_id: str | None
    meaning: str
    refetch: bool
    case_ids: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """One paragraph for the reviewer."""
        where = (
            f"concerns {len(self.case_ids)} case(s)"
            if self.case_ids
            else "matches no case in the cache"
        )
        todo = "; the case will be fetched again" if self.refetch and self.case_ids else ""
        return f"{self.meaning} ({self.webhook_code}); {where}{todo}."


def parse_webhook_text(text: str | bytes) -> dict[str, Any]:
    """The webhook body as a dict, or WebhookInvalid."""
    try:
        payload = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WebhookInvalid(f"not JSON: {exc.__class__.__name__}") from None
    if not isinstance(payload, dict):
        raise WebhookInvalid("a webhook body is a JSON object")
    return payload


def plan_webhook(service: CaseService, payload: dict[str, Any]) -> WebhookPlan:
    """Route a webhook body to the cases it concerns."""
    model = parse_webhook(payload)
    code = getattr(model, "webhook_code", None)
    user_id = getattr(model, "user_id", None) or payload.get("user_id")
    item_id = getattr(model, "item_id", None) or payload.get("item_id")
    meaning, refetch = _MEANING.get(str(code), ("Not an Income webhook Reviewer acts on", False))
    status = (
        payload.get("verification_status")
        or payload.get("risk_signals_status")
        or payload.get("result")
    )
    if status:
        meaning = f"{meaning}: {status}"
    cases = service.store.find_cases_for_webhook(
        user_id=user_id if isinstance(user_id, str) else None,
        item_id=item_id if isinstance(item_id, str) else None,
    )
    return WebhookPlan(
        webhook_type=getattr(model, "webhook_type", None),
        webhook_code=code if isinstance(code, str) else None,
        user_id=user_id if isinstance(user_id, str) else None,
        item_id=item_id if isinstance(item_id, str) else None,
        meaning=meaning,
        refetch=refetch,
        case_ids=[c.id for c in cases],
        details={k: payload[k] for k in sorted(payload) if isinstance(payload[k], str | None)},
    )


def apply_webhook(
    actions: CaseActions, plan: WebhookPlan, cancel: CancelCheck | None = None
) -> dict[str, FetchResult | None]:
    """Record the webhook in each case's trail and refetch those that need it (cancellable)."""
    results: dict[str, FetchResult | None] = {}
    for case_id in plan.case_ids:
        actions.service.store.append_audit(
            case_id,
            actor=actions.actor,
            action="webhook.received",
            details={"meaning": plan.meaning, **plan.details},
            app_version=actions.app_version,
        )
        results[case_id] = (
            actions.refetch(case_id, cancel=cancel, why=f"webhook {plan.webhook_code}")
            if plan.refetch
            else None
        )
    return results
