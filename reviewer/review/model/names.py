"""Endpoint paths the case model reads and what each holds, in a reviewer's words (no Plaid
models imported: the first window uses these before the heavy core loads)."""

from __future__ import annotations

from typing import Final

from reviewer.plaid.endpoint_paths import (  # the one place paths are written (light to import)
    BANK_EMPLOYMENT,
    BANK_INCOME,
    BANK_INCOME_PDF,
    EMPLOYMENT,
    PAYROLL,
    RISK_SIGNALS,
    SESSIONS,
    STATEMENTS,
)

__all__ = [
    "BANK_EMPLOYMENT",
    "BANK_INCOME",
    "BANK_INCOME_PDF",
    "EMPLOYMENT",
    "ENDPOINT_WORDS",
    "PAYROLL",
    "RISK_SIGNALS",
    "SESSIONS",
    "STATEMENTS",
    "endpoint_words",
]

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
