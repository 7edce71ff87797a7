"""The Plaid endpoints' paths as the UI names them (the keys of a snapshot's response bodies
and the `endpoint` of a recorded error); defined once in `reviewer.plaid.endpoint_paths`."""

from __future__ import annotations

from reviewer.plaid.endpoint_paths import (
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
    "PAYROLL",
    "RISK_SIGNALS",
    "SESSIONS",
    "STATEMENTS",
]
