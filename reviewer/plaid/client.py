"""The Plaid Income API client.

::

    with PlaidClient(environment="sandbox") as plaid:          # PLAID_CLIENT_ID / PLAID_SECRET
        report = plaid.credit_payroll_income_get(user_token=token)        # parsed model
        answer = plaid.with_raw_response.credit_payroll_income_get(user_token=token)
        answer.model, answer.raw, answer.request_id                      # for the audit trail
        zip_bytes = plaid.download_document(url)                          # no Plaid headers sent

Errors are in :mod:`reviewer.plaid.errors`; what is retried and how long it waits is in
:mod:`reviewer.plaid._retry`.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self, TypeAlias

import httpx

from reviewer.plaid import models
from reviewer.plaid._endpoints import (
    FireWebhookCode,
    ParsingConfig,
    RawPlaidApi,
    build_response_validators,
)
from reviewer.plaid._retry import RetryPolicy
from reviewer.plaid._transport import PlaidHttp, PlaidResponse, is_loopback_host
from reviewer.plaid.errors import PlaidConfigurationError

__all__ = [
    "ENVIRONMENTS",
    "PlaidClient",
    "PlaidResponse",
    "RawResponse",
    "RetryPolicy",
    "build_response_validators",
]

ENVIRONMENTS: dict[str, str] = {
    "sandbox": "https://sandbox.plaid.com",
    "production": "https://production.plaid.com",
}
DEFAULT_TIMEOUT = 60.0  # per network read; Plaid's report endpoints can take tens of seconds
DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024  # a document download
DEFAULT_MAX_JSON_BYTES = 32 * 1024 * 1024  # an API answer (see reviewer.plaid.json_limits)
DEFAULT_REQUEST_DEADLINE = 120.0  # a whole request, however slowly the bytes arrive

RawResponse: TypeAlias = PlaidResponse[Any]  # any endpoint's answer, as the fetch layer stores it


class _Credentials:
    """Client id and secret, kept out of every repr, str and pickle-friendly dump."""

    __slots__ = ("_client_id", "_secret")

    def __init__(self, client_id: str, secret: str) -> None:
        self._client_id = client_id
        self._secret = secret

    def headers(self) -> dict[str, str]:
        return {"PLAID-CLIENT-ID": self._client_id, "PLAID-SECRET": self._secret}

    def __repr__(self) -> str:
        return "<credentials redacted>"


class PlaidClient:
    """Synchronous client for Plaid's Income API; one method per endpoint, named like Plaid's SDKs.

    Arguments left out come from ``PLAID_CLIENT_ID``, ``PLAID_SECRET`` and ``PLAID_ENV``.
    ``max_retries`` (default 3) overrides ``retry_policy.max_retries``. ``timeout`` bounds each
    network read; ``request_deadline`` bounds a whole request (default 120 s), so a server that
    drips its answer cannot hold a fetch.
    ``base_url`` overrides ``environment`` (the local sandbox and tests use it); it must be
    https, or plain http to a loopback address only (the secret travels in the headers). An injected
    ``http_client`` is used as is and not closed by :meth:`close`. ``sleep`` is how the client
    waits between retries (tests pass a recorder).
    """

    def __init__(
        self,
        client_id: str | None = None,
        secret: str | None = None,
        *,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        http_client: httpx.Client | None = None,
        retry_policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_json_bytes: int = DEFAULT_MAX_JSON_BYTES,
        request_deadline: float = DEFAULT_REQUEST_DEADLINE,
    ) -> None:
        client_id = client_id or os.environ.get("PLAID_CLIENT_ID")
        secret = secret or os.environ.get("PLAID_SECRET")
        if not client_id or not secret:
            raise PlaidConfigurationError(
                "Plaid credentials missing: pass client_id and secret "
                "or set PLAID_CLIENT_ID and PLAID_SECRET"
            )
        self.environment = (environment or os.environ.get("PLAID_ENV") or "sandbox").lower()
        if base_url is None:
            if self.environment not in ENVIRONMENTS:
                raise PlaidConfigurationError(
                    f"unknown Plaid environment {self.environment!r}; "
                    f"use one of {sorted(ENVIRONMENTS)} or pass base_url"
                )
            base_url = ENVIRONMENTS[self.environment]
        check_base_url(base_url)
        policy = retry_policy or RetryPolicy()
        if max_retries is not None:
            policy = dataclasses.replace(policy, max_retries=max_retries)
        if policy.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.base_url = base_url.rstrip("/")
        self._credentials = _Credentials(client_id, secret)
        self._owns_http = http_client is None
        self._http_client = http_client or httpx.Client()
        self._http = PlaidHttp(
            http=self._http_client,
            base_url=self.base_url,
            auth_headers=self._credentials.headers,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            policy=policy,
            sleep=sleep,
            max_body_bytes=max_body_bytes,
            max_json_bytes=max_json_bytes,
            request_deadline=request_deadline,
        )
        self.with_raw_response = RawPlaidApi(self._http)
        """The same endpoints returning :class:`PlaidResponse` (model, raw bytes, request_id)."""

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry bounds and waits in use."""
        return self._http.policy

    def __repr__(self) -> str:
        return f"PlaidClient(environment={self.environment!r}, base_url={self.base_url!r})"

    def close(self) -> None:
        """Close the connection pool (unless the http_client was passed in)."""
        if self._owns_http:
            self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- endpoints: each returns the parsed model; with_raw_response has the raw bytes too ---

    def user_create(
        self,
        client_user_id: str,
        *,
        end_customer: str | None = None,
        with_upgraded_user: bool | None = None,
        identity: Mapping[str, Any] | None = None,
        consumer_report_user_identity: Mapping[str, Any] | None = None,
    ) -> models.UserCreateResponse:
        """``/user/create``; a mutation, retried only if it surely never reached Plaid or on 429."""
        return self.with_raw_response.user_create(
            client_user_id,
            end_customer=end_customer,
            with_upgraded_user=with_upgraded_user,
            identity=identity,
            consumer_report_user_identity=consumer_report_user_identity,
        ).model

    def credit_sessions_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> models.CreditSessionsGetResponse:
        """``/credit/sessions/get`` (needs a user_token)."""
        return self.with_raw_response.credit_sessions_get(
            user_token=user_token, user_id=user_id
        ).model

    def credit_bank_income_get(
        self, *, user_token: str | None = None, user_id: str | None = None, count: int | None = None
    ) -> models.CreditBankIncomeGetResponse:
        """``/credit/bank_income/get`` (user_token or user_id; ``count`` = options.count)."""
        raw = self.with_raw_response.credit_bank_income_get(
            user_token=user_token, user_id=user_id, count=count
        )
        return raw.model

    def credit_bank_income_pdf_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> bytes:
        """``/credit/bank_income/pdf/get``: the PDF's exact bytes (needs a user_token)."""
        raw = self.with_raw_response.credit_bank_income_pdf_get(
            user_token=user_token, user_id=user_id
        )
        return raw.model

    def credit_bank_statements_uploads_get(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        item_ids: Sequence[str] | None = None,
    ) -> models.CreditBankStatementsUploadsGetResponse:
        """``/credit/bank_statements/uploads/get`` (needs a user_token; options.item_ids)."""
        raw = self.with_raw_response.credit_bank_statements_uploads_get(
            user_token=user_token, user_id=user_id, item_ids=item_ids
        )
        return raw.model

    def credit_payroll_income_get(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        item_ids: Sequence[str] | None = None,
    ) -> models.CreditPayrollIncomeGetResponse:
        """``/credit/payroll_income/get`` (user_token or user_id; options.item_ids)."""
        raw = self.with_raw_response.credit_payroll_income_get(
            user_token=user_token, user_id=user_id, item_ids=item_ids
        )
        return raw.model

    def credit_payroll_income_risk_signals_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> models.CreditPayrollIncomeRiskSignalsGetResponse:
        """``/credit/payroll_income/risk_signals/get`` (user_token or user_id)."""
        raw = self.with_raw_response.credit_payroll_income_risk_signals_get(
            user_token=user_token, user_id=user_id
        )
        return raw.model

    def credit_payroll_income_parsing_config_update(
        self,
        *,
        parsing_config: Sequence[ParsingConfig],
        item_id: str | None = None,
        user_token: str | None = None,
        user_id: str | None = None,
    ) -> models.CreditPayrollIncomeParsingConfigUpdateResponse:
        """``/credit/payroll_income/parsing_config/update`` (needs a user_token; a mutation)."""
        raw = self.with_raw_response.credit_payroll_income_parsing_config_update(
            parsing_config=parsing_config, item_id=item_id, user_token=user_token, user_id=user_id
        )
        return raw.model

    def credit_employment_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> models.CreditEmploymentGetResponse:
        """``/credit/employment/get`` (needs a user_token)."""
        raw = self.with_raw_response.credit_employment_get(user_token=user_token, user_id=user_id)
        return raw.model

    def credit_payroll_income_refresh(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        item_ids: Sequence[str] | None = None,
        webhook: str | None = None,
    ) -> models.CreditPayrollIncomeRefreshResponse:
        """``/credit/payroll_income/refresh`` (needs a user_token; a mutation)."""
        raw = self.with_raw_response.credit_payroll_income_refresh(
            user_token=user_token, user_id=user_id, item_ids=item_ids, webhook=webhook
        )
        return raw.model

    def credit_bank_employment_get(
        self, *, user_token: str | None = None, user_id: str | None = None
    ) -> models.CreditBankEmploymentGetResponse:
        """``/beta/credit/v1/bank_employment/get`` (needs a user_token)."""
        raw = self.with_raw_response.credit_bank_employment_get(
            user_token=user_token, user_id=user_id
        )
        return raw.model

    def sandbox_income_fire_webhook(
        self,
        *,
        item_id: str,
        webhook: str,
        webhook_code: FireWebhookCode,
        user_id: str | None = None,
        verification_status: str | None = None,
    ) -> models.SandboxIncomeFireWebhookResponse:
        """``/sandbox/income/fire_webhook`` (sandbox only)."""
        raw = self.with_raw_response.sandbox_income_fire_webhook(
            item_id=item_id,
            webhook=webhook,
            webhook_code=webhook_code,
            user_id=user_id,
            verification_status=verification_status,
        )
        return raw.model

    def download_document(self, download_url: str) -> bytes:
        """The bytes behind a signed ``download_url`` (a zip), exactly as received.

        No Plaid credentials are sent. The URL works once, so it is retried only when the
        connection was never made; on :class:`DocumentDownloadError` with ``expired_or_used``,
        ask Plaid for a fresh URL.
        """
        return self._http.download(download_url).raw


def check_base_url(base_url: str) -> None:
    """Refuse a base URL that would send the credentials in clear text over a network."""
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise PlaidConfigurationError(f"invalid base URL ({exc})") from None
    if url.scheme == "https" and url.host:
        return
    if url.scheme == "http" and is_loopback_host(url.host):
        return
    raise PlaidConfigurationError(
        f"refusing base URL {url.scheme}://{url.host}: Plaid's secret would travel in clear "
        "text; use https, or http only to this machine (127.0.0.1, localhost)"
    )
