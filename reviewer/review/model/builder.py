"""`build_case`: one snapshot's stored response bodies -> the typed :class:`CaseModel`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from reviewer.plaid import models as m
from reviewer.review.model import build_bank, build_other, build_payroll
from reviewer.review.model.case import CaseModel, ItemStatus
from reviewer.review.model.parse import (
    BANK_EMPLOYMENT,
    BANK_INCOME,
    BANK_INCOME_PDF,
    EMPLOYMENT,
    PAYROLL,
    RESPONSE_MODELS,
    RISK_SIGNALS,
    SESSIONS,
    STATEMENTS,
    parse_body,
)
from reviewer.review.model.payroll import DocumentInfo
from reviewer.review.model.values import ShapeProblem

if TYPE_CHECKING:
    from reviewer.review.case_model import DocumentRecord, FetchError

_M = TypeVar("_M", bound=m.PlaidModel)


def build_case(
    bodies: Mapping[str, bytes | None],
    documents: Sequence[DocumentRecord] = (),
    errors: Sequence[FetchError] = (),
) -> CaseModel:
    """The case model of one snapshot; never raises on any bytes.

    `bodies` maps each endpoint path to the raw body of its newest whole response (bytes as
    stored); `documents` are the snapshot's stored documents (the bank income report PDF is one);
    `errors` are the snapshot's fetch errors.
    """
    parsed: dict[str, object] = {}
    problems: list[ShapeProblem] = []
    for endpoint in RESPONSE_MODELS:
        model, found = parse_body(endpoint, bodies.get(endpoint))
        parsed[endpoint] = model
        problems.extend(found)
    payroll_resp = _as(parsed[PAYROLL], m.CreditPayrollIncomeGetResponse)
    statements_resp = _as(parsed[STATEMENTS], m.CreditBankStatementsUploadsGetResponse)
    risk_resp = _as(parsed[RISK_SIGNALS], m.CreditPayrollIncomeRiskSignalsGetResponse)
    payroll = build_payroll.payroll_items(payroll_resp)
    statements = build_bank.statement_items(statements_resp)
    bank_income = build_bank.bank_income_reports(
        _as(parsed[BANK_INCOME], m.CreditBankIncomeGetResponse)
    )
    bank_employment = build_bank.bank_employment_reports(
        _as(parsed[BANK_EMPLOYMENT], m.CreditBankEmploymentGetResponse)
    )
    infos: dict[str, DocumentInfo] = {}
    for item in payroll:
        for doc in (
            *(s.document for s in item.pay_stubs),
            *(w.document for w in item.w2s),
            *(f.document for f in item.form1099s),
        ):
            infos.setdefault(doc.document_id, doc)
    for st_item in statements:
        for statement in st_item.statements:
            infos.setdefault(statement.document.document_id, statement.document)
    for record in documents:
        if record.source_endpoint == BANK_INCOME_PDF:
            infos.setdefault(
                record.document_id,
                DocumentInfo(
                    document_id=record.document_id,
                    item_id=None,
                    source_endpoint=BANK_INCOME_PDF,
                    name=record.name,
                    document_type=record.document_type,
                    status=None,
                    error_message=None,
                    page_count=record.page_count,
                    origin="bank_income_report",
                ),
            )
    statuses = [
        ItemStatus(PAYROLL, i.item_id, i.institution_name, i.processing_status, i.updated_at)
        for i in payroll
    ] + [
        ItemStatus(STATEMENTS, i.item_id, None, i.processing_status, i.updated_at)
        for i in statements
    ]
    return CaseModel(
        documents=tuple(infos.values()),
        payroll_items=payroll,
        statement_items=statements,
        bank_income=bank_income,
        employments=build_other.employments(_as(parsed[EMPLOYMENT], m.CreditEmploymentGetResponse)),
        bank_employment=bank_employment,
        sessions=build_other.sessions(_as(parsed[SESSIONS], m.CreditSessionsGetResponse)),
        identity=build_other.identity(payroll, statements, bank_income, bank_employment),
        item_statuses=tuple(statuses),
        errors=build_other.errors(
            errors,
            [
                (PAYROLL, payroll_resp.error if payroll_resp else None),
                (RISK_SIGNALS, risk_resp.error if risk_resp else None),
            ],
        ),
        problems=tuple(problems),
        request_ids=tuple(
            (endpoint, rid)
            for endpoint, model in parsed.items()
            if isinstance(rid := getattr(model, "request_id", None), str) and rid
        ),
        risk_item_ids=tuple(
            dict.fromkeys(
                i.item_id for i in (risk_resp.items if risk_resp else []) if i and i.item_id
            )
        ),
    )


def _as(value: object, cls: type[_M]) -> _M | None:
    return value if isinstance(value, cls) else None
