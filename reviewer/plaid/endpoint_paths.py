"""The paths of the Plaid endpoints Reviewer calls, written once for the client, the fetch, the
case model, the sandbox and the UI.

A path is also the key of a snapshot's response bodies and the `endpoint` of a recorded error,
so these strings are part of the stored data and of `show --json`: never rename one.
"""

from __future__ import annotations

USER_CREATE = "/user/create"
SESSIONS = "/credit/sessions/get"
PAYROLL = "/credit/payroll_income/get"
STATEMENTS = "/credit/bank_statements/uploads/get"
RISK_SIGNALS = "/credit/payroll_income/risk_signals/get"
PARSING_CONFIG_UPDATE = "/credit/payroll_income/parsing_config/update"
PAYROLL_REFRESH = "/credit/payroll_income/refresh"
BANK_INCOME = "/credit/bank_income/get"
BANK_INCOME_PDF = "/credit/bank_income/pdf/get"
EMPLOYMENT = "/credit/employment/get"
BANK_EMPLOYMENT = "/beta/credit/v1/bank_employment/get"
SANDBOX_FIRE_WEBHOOK = "/sandbox/income/fire_webhook"

# what a fetch of a case reads, in the order of `show --json` and the report
CASE_ENDPOINTS: tuple[str, ...] = (
    SESSIONS,
    PAYROLL,
    STATEMENTS,
    RISK_SIGNALS,
    BANK_INCOME,
    BANK_INCOME_PDF,
    EMPLOYMENT,
    BANK_EMPLOYMENT,
)

# the request schema identifies the user by user_id without requiring user_token
USER_ID_ENDPOINTS: frozenset[str] = frozenset({BANK_INCOME, PAYROLL, RISK_SIGNALS})

# every endpoint the client calls (the models are generated for these)
ALL_ENDPOINTS: tuple[str, ...] = (
    USER_CREATE,
    SESSIONS,
    BANK_INCOME,
    BANK_INCOME_PDF,
    STATEMENTS,
    PAYROLL,
    RISK_SIGNALS,
    PARSING_CONFIG_UPDATE,
    EMPLOYMENT,
    PAYROLL_REFRESH,
    BANK_EMPLOYMENT,
    SANDBOX_FIRE_WEBHOOK,
)
