"""The audit trail in words: what each entry means, its details as a sentence, its local time.

The trail itself keeps machine-readable actions and details (scripts read them); the dialog
and the exported report show them through these functions, so "action.refetch" with
"complete: True; stored: True" reads "Case fetched again (reviewer asked): complete".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from reviewer.plaid import endpoint_paths as paths
from reviewer.review.decisions import DISPOSITIONS, decision_kind, decision_label

ACTION_WORDS = {
    "case.fetched": "Case fetched from Plaid",
    "case.refetched": "Case fetched again from Plaid",
    "case.fetch_failed": "Fetch from Plaid failed",
    "signal.disposition": "Signal disposition",
    "case.purged": "Case purged",
    "action.refetch": "Case fetched again",
    "action.parsing_config_update": "Parsing configuration changed",
    "action.risk_signals_poll": "Risk signals checked",
    "action.payroll_refresh": "Payroll refresh",
    "action.refresh_changes": "Pay stubs changed by the refresh",
    "webhook.received": "Webhook received",
}

ENDPOINT_WORDS = {
    paths.SESSIONS: "sessions",
    paths.PAYROLL: "payroll income",
    paths.STATEMENTS: "bank statement uploads",
    paths.RISK_SIGNALS: "risk signals",
    paths.BANK_INCOME: "bank income",
    paths.BANK_INCOME_PDF: "bank income report PDF",
    paths.EMPLOYMENT: "employment",
    paths.BANK_EMPLOYMENT: "bank employment",
}

_KEY_WORDS = {
    "why": "why",
    "failed_endpoints": "failed",
    "item_id": "item",
    "item_ids": "items",
    "webhook": "webhook",
    "status": "Plaid's status",
    "error": "error",
    "reasons": "reasons",
    "note": "note",
    "open_concerns": "open concerns when decided",
    "requested_document": "document requested",
    "request_reason": "why",
    "lender_text": "text for the applicant",
}


def endpoint_words(endpoint: str) -> str:
    """paths.PAYROLL -> "payroll income"."""
    return ENDPOINT_WORDS.get(endpoint, endpoint.strip("/").replace("/", " ").replace("_", " "))


def action_words(action: str) -> str:
    """An audit action in plain words ("decision.rejected" -> "Decision: Rejected")."""
    if decision_kind(action) is not None:
        return f"Decision: {decision_label(action)}"
    return ACTION_WORDS.get(action, action.replace(".", ": ").replace("_", " "))


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(endpoint_words(v) if str(v).startswith("/") else str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{endpoint_words(str(k))} {v}" for k, v in value.items())
    return str(value)


def _fetch_words(details: dict[str, Any]) -> str:
    parts = [f"from {details['environment']}"] if details.get("environment") else []
    if details.get("error"):
        parts.append(f"nothing stored: {details['error']}")
    elif details.get("complete"):
        parts.append("every endpoint answered")
    else:
        failed = ", ".join(endpoint_words(e) for e in details.get("failed_endpoints", []))
        parts.append(f"stored, but these failed: {failed}" if failed else "stored")
    if isinstance(details.get("documents"), int):
        count = details["documents"]
        parts.append(f"{count} document{'s' if count != 1 else ''}")
    if isinstance(details.get("signals"), int):
        count = details["signals"]
        parts.append(f"{count} risk signal{'s' if count != 1 else ''}")
    ids = details.get("request_ids")
    if isinstance(ids, dict) and ids:
        parts.append("Plaid request ids: " + _value(ids))
    return "; ".join(parts)


def _refetch_words(details: dict[str, Any]) -> str:
    why = details.get("why")
    head = f"because {why}" if why else ""
    if not details.get("stored", True):
        state = f"nothing stored: {details.get('message') or 'failed'}"
    elif details.get("complete"):
        state = "every endpoint answered"
    else:
        failed = ", ".join(endpoint_words(e) for e in details.get("failed_endpoints", []))
        state = f"stored, but these failed: {failed}"
    return "; ".join(p for p in (head, state) if p)


def details_words(action: str, details: dict[str, Any]) -> str:
    """The entry's details as a sentence, empty values left out, ids named in words."""
    if action in ("case.fetched", "case.refetched", "case.fetch_failed"):
        return _fetch_words(details)
    if action == "action.refetch":
        return _refetch_words(details)
    details = dict(details)
    if action == "signal.disposition":
        details["disposition"] = DISPOSITIONS.get(str(details.get("disposition")), "?")
        details.pop("signal", None)  # an internal key; type, field and page say which signal
        details.pop("document_ids", None)
    details.pop("decision", None)  # the action already says which decision
    parts = [
        f"{_KEY_WORDS.get(key, key.replace('_', ' '))}: {_value(value)}"
        for key, value in details.items()
        if value not in (None, "", [], {})
    ]
    return "; ".join(parts)


def when_words(timestamp: str) -> str:
    """An ISO 8601 UTC time in the reviewer's local zone, to the second, with the zone."""
    try:
        moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return timestamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
