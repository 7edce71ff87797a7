"""/sandbox/income/fire_webhook: POST an Income webhook to a loopback URL."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from reviewer.sandbox import errors

log = logging.getLogger(__name__)

CODES = {"INCOME_VERIFICATION", "INCOME_VERIFICATION_RISK_SIGNALS"}
STATUSES = {
    "VERIFICATION_STATUS_PROCESSING_COMPLETE",
    "VERIFICATION_STATUS_PROCESSING_FAILED",
    "VERIFICATION_STATUS_PENDING_APPROVAL",
}


def _is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


def webhook_body(body: dict[str, Any], user_id: str | None) -> dict[str, Any]:
    """The webhook JSON Plaid would send for this fire_webhook request."""
    out: dict[str, Any] = {
        "webhook_type": "INCOME",
        "webhook_code": body["webhook_code"],
        "item_id": body["item_id"],
        "user_id": body.get("user_id") or user_id,
        "environment": "sandbox",
    }
    if body["webhook_code"] == "INCOME_VERIFICATION":
        out["verification_status"] = body.get(
            "verification_status", "VERIFICATION_STATUS_PROCESSING_COMPLETE"
        )
    else:
        out["risk_signals_status"] = "RISK_SIGNALS_PROCESSING_COMPLETE"
    return out


def fire_webhook(
    body: dict[str, Any], owner_of_item: Callable[[str], str | None]
) -> dict[str, Any]:
    """Validate the request and deliver the webhook synchronously; delivery failures are logged."""
    missing = [k for k in ("item_id", "webhook", "webhook_code") if body.get(k) is None]
    if missing:
        raise errors.missing_fields(*missing)
    if not all(isinstance(body[k], str) for k in ("item_id", "webhook", "webhook_code")):
        raise errors.invalid_field("item_id, webhook and webhook_code must be strings")
    if body["webhook_code"] not in CODES:
        raise errors.invalid_field("webhook_code must be one of " + ", ".join(sorted(CODES)))
    status = body.get("verification_status")
    if status is not None and status not in STATUSES:
        raise errors.invalid_field("verification_status is not a valid value")
    if not _is_loopback(body["webhook"]):
        raise errors.invalid_field("the sandbox only delivers webhooks to loopback URLs")
    payload = webhook_body(body, owner_of_item(body["item_id"]))
    try:
        httpx.post(body["webhook"], json=payload, timeout=5.0)
    except httpx.HTTPError as exc:
        log.warning("webhook delivery failed: %s", type(exc).__name__)
    return {}
