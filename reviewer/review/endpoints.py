"""Which Plaid endpoints a fetch calls for a user, and how their errors are recorded.

Per the spec, `payroll_income/get`, `payroll_income/risk_signals/get` and `bank_income/get`
accept a `user_id` (Plaid's new User APIs); the others need a `user_token`, so for a case known
only by `user_id` they are skipped with a recorded reason instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reviewer.plaid.errors import PlaidApiError, PlaidError
from reviewer.review.case_model import FetchError

if TYPE_CHECKING:  # the client (httpx, the generated models) loads only for a fetch
    from reviewer.plaid.client import PlaidClient, RawResponse

from reviewer.plaid.endpoint_paths import BANK_EMPLOYMENT as BANK_EMPLOYMENT
from reviewer.plaid.endpoint_paths import BANK_INCOME as BANK_INCOME
from reviewer.plaid.endpoint_paths import BANK_INCOME_PDF as BANK_INCOME_PDF
from reviewer.plaid.endpoint_paths import EMPLOYMENT as EMPLOYMENT
from reviewer.plaid.endpoint_paths import PAYROLL as PAYROLL
from reviewer.plaid.endpoint_paths import RISK_SIGNALS as RISK_SIGNALS
from reviewer.plaid.endpoint_paths import SESSIONS as SESSIONS
from reviewer.plaid.endpoint_paths import STATEMENTS as STATEMENTS

# endpoint -> (client method, title for progress, accepts user_id)
_ENDPOINTS: dict[str, tuple[str, str, bool]] = {
    PAYROLL: ("credit_payroll_income_get", "payroll income", True),
    STATEMENTS: ("credit_bank_statements_uploads_get", "bank statements", False),
    RISK_SIGNALS: ("credit_payroll_income_risk_signals_get", "risk signals", True),
    BANK_INCOME: ("credit_bank_income_get", "bank income", True),
    BANK_INCOME_PDF: ("credit_bank_income_pdf_get", "bank income report", False),
    EMPLOYMENT: ("credit_employment_get", "employment", False),
    BANK_EMPLOYMENT: ("credit_bank_employment_get", "bank employment", False),
    SESSIONS: ("credit_sessions_get", "Link sessions", False),
}
NEEDS_TOKEN = "needs a user_token; this case has only a user_id"  # noqa: S105 - not a secret
# Plaid keeps earlier bank income reports when one is re-created or refreshed: ask for a few
BANK_INCOME_REPORTS = 3


@dataclass(frozen=True)
class EndpointCall:
    """One endpoint to call for this case."""

    endpoint: str
    title: str
    invoke: Callable[[PlaidClient], RawResponse]


@dataclass
class FetchPlan:
    """The calls of one fetch, and the endpoints skipped with the reason."""

    calls: list[EndpointCall] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    # the bank income PDF is asked for only when bank_income/get returned a report
    report_call: EndpointCall | None = None


def plan(user_token: str | None, user_id: str | None) -> FetchPlan:
    """The endpoint calls for a user; the slowest (document-carrying) ones first."""
    result = FetchPlan()
    for endpoint, (method, title, accepts_user_id) in _ENDPOINTS.items():
        if user_token:
            who: dict[str, Any] = {"user_token": user_token}
        elif user_id and accepts_user_id:
            who = {"user_id": user_id}
        else:
            result.skipped[endpoint] = NEEDS_TOKEN
            continue
        if endpoint == BANK_INCOME:
            who = {**who, "count": BANK_INCOME_REPORTS}
        call = EndpointCall(endpoint, title, _invoker(method, who))
        if endpoint == BANK_INCOME_PDF:
            result.report_call = call
        else:
            result.calls.append(call)
    return result


def _invoker(method: str, who: dict[str, Any]) -> Callable[[PlaidClient], RawResponse]:
    def invoke(client: PlaidClient) -> RawResponse:
        raw: RawResponse = getattr(client.with_raw_response, method)(**who)
        return raw

    return invoke


def refetch_item(
    client: PlaidClient, endpoint: str, user_token: str | None, user_id: str | None, item_id: str
) -> RawResponse:
    """One fresh response for one item (new signed URLs), for payroll or bank statements."""
    method = _ENDPOINTS[endpoint][0]
    who: dict[str, Any] = {"user_token": user_token} if user_token else {"user_id": user_id}
    raw: RawResponse = getattr(client.with_raw_response, method)(**who, item_ids=[item_id])
    return raw


def to_fetch_error(endpoint: str, exc: PlaidError) -> FetchError:
    """A stored error from any client exception (Plaid's own, transport, or unexpected body)."""
    from reviewer.plaid import models  # the generated models load only for a fetch

    if isinstance(exc, PlaidApiError):
        detail = models.PlaidError.model_validate(exc.body if isinstance(exc.body, dict) else {})
        return FetchError(
            endpoint=endpoint,
            http_status=exc.http_status,
            error_type=exc.error_type,
            error_code=exc.error_code,
            error_message=exc.error_message,
            request_id=exc.request_id,
            display_message=exc.display_message,
            error_code_reason=detail.error_code_reason,
            documentation_url=exc.documentation_url,
            suggested_action=exc.suggested_action,
            causes=list(detail.causes),
        )
    return FetchError(
        endpoint=endpoint,
        http_status=getattr(exc, "http_status", None),
        error_type=type(exc).__name__,
        error_code=None,
        error_message=str(exc),
        request_id=getattr(exc, "request_id", None),
    )


def embedded_error(endpoint: str, response: object, request_id: str | None) -> FetchError | None:
    """A Plaid error object inside a 200 body (payroll and risk-signal responses carry one)."""
    from reviewer.plaid import models  # the generated models load only for a fetch

    err = getattr(response, "error", None)
    if not isinstance(err, models.PlaidError) or not (err.error_code or err.error_message):
        return None
    return FetchError(
        endpoint=endpoint,
        http_status=err.status if isinstance(err.status, int) else None,
        error_type=_capped(err.error_type),
        error_code=_capped(err.error_code),
        error_message=_capped(err.error_message),
        request_id=_capped(err.request_id) or request_id,
        display_message=_capped(err.display_message),
        error_code_reason=_capped(err.error_code_reason),
        documentation_url=_capped(err.documentation_url),
        suggested_action=_capped(err.suggested_action),
        causes=list(err.causes)[:20],
    )


def _capped(value: str | None) -> str | None:
    """A string from a response body, at most 2,000 characters (a hostile body can be huge)."""
    return value[:2000] if isinstance(value, str) else None


# "download_url": "https://host/path?X-Amz-Signature=..." -> the query (the signature) removed
_SIGNED_URL = re.compile(rb'("download_url"\s*:\s*"(?:[^"\\?]|\\.)*)\?(?:[^"\\]|\\.)*"')


def without_signatures(raw: bytes) -> bytes:
    """A response body as kept for audit: signed download URLs lose their query string.

    A signature is a credential for the applicant's documents (for minutes, but it is one);
    the host and path stay, so the audit still shows where each document came from.
    """
    if b"download_url" not in raw:
        return raw
    return _SIGNED_URL.sub(rb'\1"', raw)
