"""The Income API endpoints, each returning a :class:`PlaidResponse` (model + raw bytes).

This is ``PlaidClient.with_raw_response``; the client's own methods return ``.model`` of these.
Request bodies are plain dicts shaped like the spec's ``*Request`` schemas; credentials are not in
them (they travel in headers).

Who is the user: every endpoint takes ``user_token`` and ``user_id``. The spec's request schemas
decide what is sent: ``/credit/bank_income/get``, ``/credit/payroll_income/get`` and
``/credit/payroll_income/risk_signals/get`` accept a ``user_id`` alone; the others require a
``user_token`` (``pdf/get``, ``parsing_config/update`` and ``refresh`` list ``user_id`` but still
require ``user_token``), so with only a ``user_id`` they raise :class:`PlaidUserTokenRequired`
before any request. When both are given, ``user_token`` is sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeVar

import pydantic

from reviewer.plaid import endpoint_paths as paths
from reviewer.plaid import models
from reviewer.plaid._retry import RequestKind
from reviewer.plaid._transport import Answer, PlaidHttp, PlaidResponse
from reviewer.plaid.errors import PlaidUnexpectedResponse, PlaidUserTokenRequired
from reviewer.plaid.json_limits import JsonLimitExceeded, load_json

ParsingConfig = Literal["ocr", "risk_signals"]
PARSING_CONFIG_VALUES: frozenset[str] = frozenset({"ocr", "risk_signals"})
FireWebhookCode = Literal["INCOME_VERIFICATION", "INCOME_VERIFICATION_RISK_SIGNALS"]

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)


def user_fields(path: str, user_token: str | None, user_id: str | None) -> dict[str, str]:
    """The user-identifying fields of a request body to ``path``."""
    if user_token:
        return {"user_token": user_token}
    if not user_id:
        raise ValueError(f"{path} needs a user_token or a user_id")
    if path in paths.USER_ID_ENDPOINTS:
        return {"user_id": user_id}
    raise PlaidUserTokenRequired(
        "this endpoint identifies users by user_token only; a user_id is not enough",
        endpoint=path,
    )


def _options(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _with_options(body: dict[str, Any], **values: Any) -> dict[str, Any]:
    options = _options(**values)
    if options:
        body["options"] = options
    return body


def parse_json(answer: Answer, path: str, model: type[ModelT]) -> PlaidResponse[ModelT]:
    """Parse a 2xx JSON answer into ``model``, keeping the raw bytes."""

    def unexpected(reason: str) -> PlaidUnexpectedResponse:
        return PlaidUnexpectedResponse(
            reason,
            endpoint=path,
            http_status=answer.http_status,
            content_type=answer.content_type,
            raw=answer.raw,
        )

    try:
        body = load_json(answer.raw)
    except JsonLimitExceeded as exc:
        raise unexpected(f"response refused: {exc}") from None
    except ValueError:
        raise unexpected("response is not JSON") from None
    if not isinstance(body, dict):
        raise unexpected("response is not a JSON object")
    try:
        parsed = model.model_validate(body)
    except pydantic.ValidationError as exc:
        reason = f"response does not fit {model.__name__} ({exc.error_count()} errors)"
        raise unexpected(reason) from None
    request_id = body.get("request_id")
    return PlaidResponse(
        model=parsed,
        raw=answer.raw,
        http_status=answer.http_status,
        request_id=request_id if isinstance(request_id, str) else answer.request_id,
        endpoint=path,
        content_type=answer.content_type,
    )


def build_response_validators() -> None:
    """Build now the validators of every response model the client parses.

    The generated models defer their schema build to first use (a tenth of a second of CPU for
    these, most of it the payroll income response), which otherwise lands inside the first
    fetch, on the fetch's threads, beside the window's event loop. A caller with an idle
    moment before a fetch it knows is coming (the demo's first run) builds them then."""
    for model in (
        models.CreditPayrollIncomeGetResponse,
        models.CreditBankIncomeGetResponse,
        models.CreditPayrollIncomeRiskSignalsGetResponse,
        models.CreditBankEmploymentGetResponse,
        models.CreditBankStatementsUploadsGetResponse,
        models.CreditSessionsGetResponse,
        models.CreditEmploymentGetResponse,
        models.CreditPayrollIncomeRefreshResponse,
        models.CreditPayrollIncomeParsingConfigUpdateResponse,
        models.UserCreateResponse,
    ):
        model.model_rebuild()


class RawPlaidApi:
    """Every endpoint, returning :class:`PlaidResponse` with the raw body bytes as received."""

    def __init__(self, http: PlaidHttp) -> None:
        self._http = http

    def _json(
        self, path: str, body: dict[str, Any], model: type[ModelT], kind: RequestKind
    ) -> PlaidResponse[ModelT]:
        return parse_json(self._http.post(path, body, kind), path, model)

    def user_create(
        self,
        client_user_id: str,
        *,
        end_customer: str | None = None,
        with_upgraded_user: bool | None = None,
        identity: Mapping[str, Any] | None = None,
        consumer_report_user_identity: Mapping[str, Any] | None = None,
    ) -> PlaidResponse[models.UserCreateResponse]:
        """``/user/create``: a Plaid user for ``client_user_id`` (user_token and/or user_id)."""
        body = _options(
            client_user_id=client_user_id,
            end_customer=end_customer,
            with_upgraded_user=with_upgraded_user,
            identity=dict(identity) if identity is not None else None,
            consumer_report_user_identity=(
                dict(consumer_report_user_identity)
                if consumer_report_user_identity is not None
                else None
            ),
        )
        return self._json(paths.USER_CREATE, body, models.UserCreateResponse, RequestKind.MUTATION)

    def credit_sessions_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> PlaidResponse[models.CreditSessionsGetResponse]:
        """``/credit/sessions/get``: the user's Link sessions and their results."""
        path = paths.SESSIONS
        body = user_fields(path, user_token, user_id)
        return self._json(path, body, models.CreditSessionsGetResponse, RequestKind.READ)

    def credit_bank_income_get(
        self, *, user_token: str | None = None, user_id: str | None = None, count: int | None = None
    ) -> PlaidResponse[models.CreditBankIncomeGetResponse]:
        """``/credit/bank_income/get``: bank income reports (``count``: how many, newest first)."""
        path = paths.BANK_INCOME
        body = _with_options(dict(user_fields(path, user_token, user_id)), count=count)
        return self._json(path, body, models.CreditBankIncomeGetResponse, RequestKind.READ)

    def credit_bank_income_pdf_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> PlaidResponse[bytes]:
        """``/credit/bank_income/pdf/get``: the bank income report PDF, bytes as received."""
        path = paths.BANK_INCOME_PDF
        answer = self._http.post(path, user_fields(path, user_token, user_id), RequestKind.READ)
        return PlaidResponse(
            model=answer.raw,
            raw=answer.raw,
            http_status=answer.http_status,
            request_id=answer.request_id,
            endpoint=path,
            content_type=answer.content_type,
        )

    def credit_bank_statements_uploads_get(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        item_ids: Sequence[str] | None = None,
    ) -> PlaidResponse[models.CreditBankStatementsUploadsGetResponse]:
        """``/credit/bank_statements/uploads/get``: uploaded bank statements (per item)."""
        path = paths.STATEMENTS
        body = _with_options(
            dict(user_fields(path, user_token, user_id)),
            item_ids=list(item_ids) if item_ids is not None else None,
        )
        model = models.CreditBankStatementsUploadsGetResponse
        return self._json(path, body, model, RequestKind.READ)

    def credit_payroll_income_get(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        item_ids: Sequence[str] | None = None,
    ) -> PlaidResponse[models.CreditPayrollIncomeGetResponse]:
        """``/credit/payroll_income/get``: pay stubs, W-2s, 1099s (per item)."""
        path = paths.PAYROLL
        body = _with_options(
            dict(user_fields(path, user_token, user_id)),
            item_ids=list(item_ids) if item_ids is not None else None,
        )
        return self._json(path, body, models.CreditPayrollIncomeGetResponse, RequestKind.READ)

    def credit_payroll_income_risk_signals_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> PlaidResponse[models.CreditPayrollIncomeRiskSignalsGetResponse]:
        """``/credit/payroll_income/risk_signals/get``: fraud signals of uploaded documents."""
        path = paths.RISK_SIGNALS
        body = user_fields(path, user_token, user_id)
        model = models.CreditPayrollIncomeRiskSignalsGetResponse
        return self._json(path, body, model, RequestKind.READ)

    def credit_payroll_income_parsing_config_update(
        self,
        *,
        parsing_config: Sequence[ParsingConfig],
        item_id: str | None = None,
        user_token: str | None = None,
        user_id: str | None = None,
    ) -> PlaidResponse[models.CreditPayrollIncomeParsingConfigUpdateResponse]:
        """``/credit/payroll_income/parsing_config/update``: which analyses run on documents."""
        path = paths.PARSING_CONFIG_UPDATE
        if isinstance(parsing_config, str):
            raise TypeError("parsing_config is a list, e.g. ['ocr', 'risk_signals']")
        unknown = sorted(set(parsing_config) - PARSING_CONFIG_VALUES)
        if unknown:
            raise ValueError(f"unknown parsing_config values {unknown}; use 'ocr', 'risk_signals'")
        body: dict[str, Any] = dict(user_fields(path, user_token, user_id))
        if item_id is not None:
            body["item_id"] = item_id
        body["parsing_config"] = list(parsing_config)
        model = models.CreditPayrollIncomeParsingConfigUpdateResponse
        return self._json(path, body, model, RequestKind.MUTATION)

    def credit_employment_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> PlaidResponse[models.CreditEmploymentGetResponse]:
        """``/credit/employment/get``: employment verified from payroll providers."""
        path = paths.EMPLOYMENT
        body = user_fields(path, user_token, user_id)
        return self._json(path, body, models.CreditEmploymentGetResponse, RequestKind.READ)

    def credit_payroll_income_refresh(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        item_ids: Sequence[str] | None = None,
        webhook: str | None = None,
    ) -> PlaidResponse[models.CreditPayrollIncomeRefreshResponse]:
        """``/credit/payroll_income/refresh``: ask Plaid to refresh payroll data (a mutation)."""
        path = paths.PAYROLL_REFRESH
        body = _with_options(
            dict(user_fields(path, user_token, user_id)),
            item_ids=list(item_ids) if item_ids is not None else None,
            webhook=webhook,
        )
        model = models.CreditPayrollIncomeRefreshResponse
        return self._json(path, body, model, RequestKind.MUTATION)

    def credit_bank_employment_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> PlaidResponse[models.CreditBankEmploymentGetResponse]:
        """``/beta/credit/v1/bank_employment/get``: employment seen in bank transactions."""
        path = paths.BANK_EMPLOYMENT
        body = user_fields(path, user_token, user_id)
        return self._json(path, body, models.CreditBankEmploymentGetResponse, RequestKind.READ)

    def sandbox_income_fire_webhook(
        self,
        *,
        item_id: str,
        webhook: str,
        webhook_code: FireWebhookCode,
        user_id: str | None = None,
        verification_status: str | None = None,
    ) -> PlaidResponse[models.SandboxIncomeFireWebhookResponse]:
        """``/sandbox/income/fire_webhook``: make the sandbox send an income webhook."""
        path = paths.SANDBOX_FIRE_WEBHOOK
        body = _options(
            item_id=item_id,
            user_id=user_id,
            webhook=webhook,
            verification_status=verification_status,
            webhook_code=webhook_code,
        )
        model = models.SandboxIncomeFireWebhookResponse
        return self._json(path, body, model, RequestKind.MUTATION)
