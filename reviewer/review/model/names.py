"""Endpoint paths the case model reads and what each holds, in a reviewer's words (no Plaid
models imported: the first window uses these before the heavy core loads)."""

from __future__ import annotations

from typing import Final

SESSIONS: Final = "/credit/sessions/get"
PAYROLL: Final = "/credit/payroll_income/get"
STATEMENTS: Final = "/credit/bank_statements/uploads/get"
RISK_SIGNALS: Final = "/credit/payroll_income/risk_signals/get"
BANK_INCOME: Final = "/credit/bank_income/get"
BANK_INCOME_PDF: Final = "/credit/bank_income/pdf/get"
EMPLOYMENT: Final = "/credit/employment/get"
BANK_EMPLOYMENT: Final = "/beta/credit/v1/bank_employment/get"

ENDPOINT_WORDS: Final[dict[str, str]] = {
    SESSIONS: "Link session history",
    PAYROLL: "payroll income (pay stubs, W-2s, 1099s)",
    STATEMENTS: "uploaded bank statements",
    RISK_SIGNALS: "document risk signals",
    BANK_INCOME: "bank income",
    BANK_INCOME_PDF: "the bank income report PDF",
    EMPLOYMENT: "employment",
    BANK_EMPLOYMENT: "bank employment",
}


def endpoint_words(endpoint: str) -> str:
    """What an endpoint holds, in a reviewer's words."""
    return ENDPOINT_WORDS.get(endpoint, endpoint)
