"""Fetch errors and unreadable response parts in plain words for the Overview tab."""

from __future__ import annotations

from reviewer.review.model import PlaidErrorInfo, endpoint_words

__all__ = ["endpoint_words", "error_details", "error_sentence"]


def error_sentence(err: PlaidErrorInfo) -> str:
    """`Could not get bank income: <display message> (code X, reason Y, HTTP 400, request Z)`."""
    what = err.display_message or err.error_message or "no details were given"
    bits = []
    if err.error_code:
        bits.append(f"code {err.error_code}")
    if err.error_code_reason:
        bits.append(f"reason {err.error_code_reason}")
    if err.http_status:
        bits.append(f"HTTP {err.http_status}")
    if err.request_id:
        bits.append(f"request {err.request_id}")
    suffix = f" ({', '.join(bits)})" if bits else ""
    return f"Could not get {endpoint_words(err.endpoint)}: {what}{suffix}"


def error_details(err: PlaidErrorInfo) -> list[str]:
    """What else Plaid said: suggested action, causes, where it is documented."""
    lines = []
    if err.suggested_action:
        lines.append(f"Plaid suggests: {err.suggested_action}")
    for cause in err.causes:
        what = cause.display_message or cause.error_message or cause.error_code or "unspecified"
        item = f" (item {cause.item_id})" if cause.item_id else ""
        lines.append(f"Cause: {what}{item}")
    if err.documentation_url:
        lines.append(f"Documentation: {err.documentation_url}")
    return lines
