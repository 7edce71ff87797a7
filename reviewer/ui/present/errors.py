"""Fetch errors in plain words for the Overview tab."""

from __future__ import annotations

from reviewer.review.case_model import FetchError

_PLAIN = {
    "/credit/sessions/get": "Link session history",
    "/credit/payroll_income/get": "payroll income (pay stubs, W-2s, 1099s)",
    "/credit/bank_statements/uploads/get": "uploaded bank statements",
    "/credit/payroll_income/risk_signals/get": "document risk signals",
    "/credit/bank_income/get": "bank income",
    "/credit/bank_income/pdf/get": "the bank income report PDF",
    "/credit/employment/get": "employment",
    "/beta/credit/v1/bank_employment/get": "bank employment",
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
