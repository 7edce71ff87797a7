"""Sessions, employment, identity and errors of the case model."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from reviewer.plaid import models as m
from reviewer.review.model.bank import BankAccount, BankIncomeReport, StatementItem
from reviewer.review.model.case import IdentityClaim
from reviewer.review.model.employment import (
    BankEmploymentReport,
    DocumentUploadResult,
    Employment,
    ItemAddResult,
    PayrollResult,
    Session,
    SessionError,
    StatusResult,
)
from reviewer.review.model.payroll import PayrollItem
from reviewer.review.model.values import ErrorCause, PlaidErrorInfo, clean_text, to_date

if TYPE_CHECKING:
    from reviewer.review.case_model import FetchError

_T = TypeVar("_T")


def _started(session: Session) -> datetime:
    text = session.started or ""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def sessions(response: m.CreditSessionsGetResponse | None) -> tuple[Session, ...]:
    """Link sessions, newest first (sessions without a readable start time last)."""
    if response is None:
        return ()
    out = []
    for s in response.sessions:
        if s is None:
            continue
        res = s.results or m.CreditSessionResults()
        doc = res.document_income_results
        out.append(
            Session(
                link_session_id=clean_text(s.link_session_id),
                started=clean_text(s.session_start_time),
                item_adds=tuple(
                    ItemAddResult(clean_text(r.item_id), clean_text(r.institution_id))
                    for r in res.item_add_results
                    if r
                ),
                bank_income=tuple(
                    StatusResult(
                        clean_text(r.status), clean_text(r.item_id), clean_text(r.institution_id)
                    )
                    for r in res.bank_income_results
                    if r
                ),
                bank_employment=tuple(
                    StatusResult(
                        clean_text(r.status), clean_text(r.item_id), clean_text(r.institution_id)
                    )
                    for r in res.bank_employment_results
                    if r
                ),
                payroll=tuple(
                    PayrollResult(
                        clean_text(r.institution_id),
                        clean_text(r.institution_name),
                        r.num_paystubs_retrieved,
                        r.num_w2s_retrieved,
                    )
                    for r in res.payroll_income_results
                    if r
                ),
                documents=DocumentUploadResult(
                    doc.num_paystubs_uploaded,
                    doc.num_w2s_uploaded,
                    doc.num_1099s_uploaded,
                    doc.num_bank_statements_uploaded,
                )
                if doc is not None
                else None,
                errors=tuple(
                    SessionError(
                        clean_text(e.error_type),
                        clean_text(e.error_code),
                        clean_text(e.error_message),
                        clean_text(e.display_message),
                    )
                    for e in s.errors
                    if e
                ),
            )
        )
    # stable: sessions with equal (or unreadable) start times keep Plaid's order
    return tuple(sorted(out, key=_started, reverse=True))


def employments(response: m.CreditEmploymentGetResponse | None) -> tuple[Employment, ...]:
    """Employments from payroll data, item by item."""
    if response is None:
        return ()
    out = []
    for item in response.items:
        if item is None:
            continue
        for e in item.employments:
            if e is None:
                continue
            ids = e.platform_ids
            out.append(
                Employment(
                    item_id=clean_text(item.item_id),
                    account_id=clean_text(e.account_id),
                    employer=clean_text(e.employer.name) if e.employer else None,
                    title=clean_text(e.title),
                    status=clean_text(e.status),
                    employee_type=clean_text(e.employee_type),
                    start=to_date(e.start_date),
                    end=to_date(e.end_date),
                    last_paystub_date=to_date(e.last_paystub_date),
                    employee_id=clean_text(ids.employee_id) if ids else None,
                    payroll_id=clean_text(ids.payroll_id) if ids else None,
                    position_id=clean_text(ids.position_id) if ids else None,
                )
            )
    return tuple(out)


def _owner_claims(
    kind: str, institution: str | None, accounts: Iterable[BankAccount]
) -> Iterable[IdentityClaim]:
    for account in accounts:
        for owner in account.owners:
            where = ", ".join(p for p in (institution, account.label) if p)
            yield IdentityClaim(
                kind="bank_income_owner" if kind == "income" else "bank_employment_owner",
                source=f"Bank {kind} account owner ({where})",
                document_id=None,
                names=owner.names,
                addresses=owner.addresses,
                emails=owner.emails,
                phone_numbers=owner.phone_numbers,
            )


def identity(
    payroll: Sequence[PayrollItem],
    statements: Sequence[StatementItem],
    bank_income: Sequence[BankIncomeReport],
    bank_employment: Sequence[BankEmploymentReport],
) -> tuple[IdentityClaim, ...]:
    """The applicant as every source that names or places them states it; duplicates once."""
    claims: list[IdentityClaim] = []
    for item in payroll:
        for i, stub in enumerate(item.pay_stubs, 1):
            when = stub.pay_date.isoformat() if stub.pay_date else "?"
            claims.append(
                IdentityClaim(
                    kind="pay_stub",
                    source=f"Pay stub {i} ({when})",
                    document_id=stub.document.document_id,
                    names=_one(stub.employee.name),
                    addresses=_one(stub.employee.address),
                    employer=stub.employer.name,
                    ssn_mask=stub.employee.taxpayer_id_mask,
                )
            )
        for w2 in item.w2s:
            claims.append(
                IdentityClaim(
                    kind="w2",
                    source=f"W-2 {w2.tax_year or ''}".strip(),
                    document_id=w2.document.document_id,
                    names=_one(w2.employee.name),
                    addresses=_one(w2.employee.address),
                    employer=w2.employer.name,
                    ssn_mask=w2.employee.taxpayer_id_mask,
                )
            )
        for form in item.form1099s:
            claims.append(
                IdentityClaim(
                    kind="form1099",
                    source=f"1099 {form.tax_year or ''}".strip(),
                    document_id=form.document.document_id,
                    names=_one(form.recipient.name),
                    addresses=_one(form.recipient.address),
                    employer=form.payer.name,
                    ssn_mask=form.recipient.tin,
                )
            )
    for st_item in statements:
        for statement in st_item.statements:
            for account in statement.accounts:
                claims.append(
                    IdentityClaim(
                        kind="bank_statement",
                        source=f"Bank statement ({account.bank_name or 'bank'})",
                        document_id=statement.document.document_id,
                        names=_one(account.owner_name),
                        addresses=_one(account.owner_address),
                    )
                )
    for report in bank_income:
        for bi_item in report.items:
            claims.extend(_owner_claims("income", bi_item.institution_name, bi_item.accounts))
    for be_report in bank_employment:
        for be_item in be_report.items:
            claims.extend(_owner_claims("employment", be_item.institution_name, be_item.accounts))
    stated = (c for c in claims if c.names or c.addresses or c.emails or c.phone_numbers)
    return tuple(dict.fromkeys(stated))


def _one(value: _T | None) -> tuple[_T, ...]:
    return () if value is None else (value,)


def errors(
    stored: Sequence[FetchError],
    embedded: Iterable[tuple[str, m.PlaidError | None]],
) -> tuple[PlaidErrorInfo, ...]:
    """The snapshot's errors with every field; errors inside 200 bodies added if not stored."""
    out = [
        PlaidErrorInfo(
            endpoint=e.endpoint,
            http_status=e.http_status,
            error_type=e.error_type,
            error_code=e.error_code,
            error_code_reason=e.error_code_reason,
            error_message=e.error_message,
            display_message=e.display_message,
            request_id=e.request_id,
            documentation_url=e.documentation_url,
            suggested_action=e.suggested_action,
            causes=tuple(cause_from(c) for c in e.causes),
        )
        for e in stored
    ]
    seen = {(e.endpoint, e.error_code, e.error_message) for e in out}
    for endpoint, err in embedded:
        if err is None or not (err.error_code or err.error_message):
            continue
        info = plaid_error_info(endpoint, err, None)
        if (endpoint, info.error_code, info.error_message) not in seen:
            out.append(info)
    return tuple(out)


def plaid_error_info(endpoint: str, err: m.PlaidError, request_id: str | None) -> PlaidErrorInfo:
    """A Plaid error object (in a 200 body or an error response) with every field."""
    return PlaidErrorInfo(
        endpoint=endpoint,
        http_status=err.status if isinstance(err.status, int) else None,
        error_type=clean_text(err.error_type),
        error_code=clean_text(err.error_code),
        error_code_reason=clean_text(err.error_code_reason),
        error_message=clean_text(err.error_message),
        display_message=clean_text(err.display_message),
        request_id=clean_text(err.request_id) or request_id,
        documentation_url=clean_text(err.documentation_url),
        suggested_action=clean_text(err.suggested_action),
        causes=tuple(cause_from(c) for c in err.causes),
    )


def cause_from(value: object) -> ErrorCause:
    """One entry of Plaid's `causes` (an error-like object; anything else kept as its text)."""
    if isinstance(value, dict):
        return ErrorCause(
            error_type=clean_text(value.get("error_type")),
            error_code=clean_text(value.get("error_code")),
            error_message=clean_text(value.get("error_message")),
            display_message=clean_text(value.get("display_message")),
            item_id=clean_text(value.get("item_id")),
        )
    return ErrorCause(error_message=clean_text(str(value)) if value is not None else None)
