"""Fetch errors in plain words for the Overview tab."""

from __future__ import annotations

from reviewer.review import endpoint_names as ep
from reviewer.review.case_model import FetchError

_PLAIN = {
    ep.SESSIONS: "Link session history",
    ep.PAYROLL: "payroll income (pay stubs, W-2s, 1099s)",
    ep.STATEMENTS: "uploaded bank statements",
    ep.RISK_SIGNALS: "document risk signals",
    ep.BANK_INCOME: "bank income",
    ep.BANK_INCOME_PDF: "the bank income report PDF",
    ep.EMPLOYMENT: "employment",
    ep.BANK_EMPLOYMENT: "bank employment",
}


def endpoint_words(endpoint: str) -> str:
    """What an endpoint holds, in a reviewer's words."""
    return _PLAIN.get(endpoint, endpoint)


def error_sentence(err: FetchError) -> str:
    """`Could not get bank income: <display message> (code X, request Y)`."""
    what = err.display_message or err.error_message or "no details were given"
    bits = []
    if err.error_code:
        bits.append(f"code {err.error_code}")
    if err.http_status:
        bits.append(f"HTTP {err.http_status}")
    if err.request_id:
        bits.append(f"request {err.request_id}")
    suffix = f" ({', '.join(bits)})" if bits else ""
    return f"Could not get {endpoint_words(err.endpoint)}: {what}{suffix}"
