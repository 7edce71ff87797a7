"""Between the store's plain records and the read model of `case_model`.

Also the two rules a fetch applies with the previous snapshot: endpoints that failed this time
keep their newest good data (responses, documents and, for risk signals, the located signals),
and the applicant's name is the one most documents agree on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

from reviewer.plaid.endpoint_paths import BANK_INCOME_PDF, RISK_SIGNALS
from reviewer.review.case_model import (
    CaseRef,
    CaseSnapshot,
    CaseSummary,
    DocumentRecord,
    FetchError,
    Location,
    SignalRecord,
)
from reviewer.store import CaseRow, NewSnapshot, StoredCase, StoredSnapshot

if TYPE_CHECKING:
    from reviewer.plaid.models import PlaidModel

Response = tuple[str, str | None, int | None, str | None, bytes]


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def document_from_dict(data: dict[str, Any]) -> DocumentRecord:
    """A DocumentRecord from its stored dict (unknown keys from newer versions ignored)."""
    return DocumentRecord(**_known(DocumentRecord, data))


def signal_from_dict(data: dict[str, Any]) -> SignalRecord:
    """A SignalRecord with its Locations from the stored dict."""
    values = _known(SignalRecord, data)
    values["document_ids"] = list(values.get("document_ids") or [])
    values["locations"] = [
        Location(
            document_id=loc["document_id"],
            page=int(loc["page"]),
            rect=tuple(float(v) for v in loc["rect"]),  # type: ignore[arg-type]
            found_by=loc.get("found_by") or "unknown",
        )
        for loc in values.get("locations") or []
    ]
    return SignalRecord(**values)


def error_from_dict(data: dict[str, Any]) -> FetchError:
    """A FetchError from the stored dict."""
    return FetchError(**_known(FetchError, data))


def case_ref(case: StoredCase) -> CaseRef:
    """The read-model reference of a stored case."""
    return CaseRef(case.id, case.label, case.user_token, case.user_id, case.created_at)


def summary(row: CaseRow) -> CaseSummary:
    """A queue row of the read model."""
    return CaseSummary(
        id=row.id,
        label=row.label,
        applicant_name=row.applicant_name,
        max_risk_score=row.max_risk_score,
        document_count=row.document_count,
        decision=row.decision,
        fetched_at=row.fetched_at,
        user_token=row.user_token,
        user_id=row.user_id,
        failed_checks=row.failed_checks,
        worst_check=row.worst_check,
    )


def case_snapshot(case: StoredCase, stored: StoredSnapshot) -> CaseSnapshot:
    """The read model of a stored snapshot; its case model built from the newest body per endpoint."""
    bodies: dict[str, bytes | None] = {}
    for response in stored.responses:
        if response.endpoint == BANK_INCOME_PDF or response.item_id is not None:
            continue  # the PDF is a document; per-item refetches only renewed download URLs
        bodies[response.endpoint] = response.body
    documents = [document_from_dict(d) for d in stored.documents]
    errors = [error_from_dict(e) for e in stored.errors]
    return CaseSnapshot(
        case=case_ref(case),
        fetched_at=stored.fetched_at,
        documents=documents,
        risk_signals=[signal_from_dict(s) for s in stored.signals],
        errors=errors,
        skipped=dict(stored.skipped),
        snapshot_id=stored.id,
        bodies=bodies,
    )


def carry_forward(
    previous: StoredSnapshot | None,
    failed: set[str],
    responses: list[Response],
    documents: list[DocumentRecord],
) -> tuple[list[Response], list[DocumentRecord], list[SignalRecord]]:
    """This fetch's data plus, for each failed endpoint, the previous snapshot's data."""
    if previous is None or not failed:
        return responses, documents, []
    kept_responses = [tuple(r) for r in previous.responses if r.endpoint in failed]
    kept_documents = [
        document_from_dict(d) for d in previous.documents if d.get("source_endpoint") in failed
    ]
    kept_signals = [signal_from_dict(s) for s in previous.signals] if RISK_SIGNALS in failed else []
    return (
        responses + kept_responses,  # type: ignore[operator]
        documents + kept_documents,
        kept_signals,
    )


def applicant_name(responses: list[PlaidModel], previous: StoredSnapshot | None) -> str | None:
    """The name most of the applicant's documents and bank accounts state."""
    # the generated models load only for a fetch (`reviewer cases`/`show` never pay for them)
    from reviewer.plaid import models
    from reviewer.review.model.build_bank import bank_income_reports, statement_items
    from reviewer.review.model.build_payroll import payroll_items

    names: Counter[str] = Counter()
    for response in responses:
        if isinstance(response, models.CreditPayrollIncomeGetResponse):
            for item in payroll_items(response):
                for stub in item.pay_stubs:
                    _add(names, stub.employee.name)
                for w2 in item.w2s:
                    _add(names, w2.employee.name)
                for form in item.form1099s:
                    _add(names, form.recipient.name)
        elif isinstance(response, models.CreditBankStatementsUploadsGetResponse):
            for st_item in statement_items(response):
                for statement in st_item.statements:
                    for account in statement.accounts:
                        _add(names, account.owner_name)
        elif isinstance(response, models.CreditBankIncomeGetResponse):
            for report in bank_income_reports(response):
                for bi_item in report.items:
                    for bank_account in bi_item.accounts:
                        for owner in bank_account.owners:
                            for name in owner.names:
                                _add(names, name)
    if names:
        return names.most_common(1)[0][0]
    return previous.applicant_name if previous is not None else None


def _add(names: Counter[str], value: str | None) -> None:
    if value and value.strip():
        names[" ".join(value.split()).title()] += 1


def to_new_snapshot(
    *,
    fetched_at: str,
    responses: list[Response],
    documents: list[DocumentRecord],
    signals: list[SignalRecord],
    errors: list[FetchError],
    skipped: dict[str, str],
    applicant: str | None,
) -> NewSnapshot:
    """The store's record of one fetch."""
    scores = [d.risk_score for d in documents if d.risk_score is not None]
    scores += [s.risk_score for s in signals if s.risk_score is not None]
    return NewSnapshot(
        fetched_at=fetched_at,
        responses=list(responses),
        documents=[asdict(d) for d in documents],
        signals=[asdict(s) for s in signals],
        errors=[asdict(e) for e in errors],
        skipped=skipped,
        applicant_name=applicant,
        max_risk_score=max(scores) if scores else None,
    )
