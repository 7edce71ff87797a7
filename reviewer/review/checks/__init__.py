"""Reviewer's evidence checks: arithmetic, reconciliation, identity and dates on the case model.

`EvidenceChecks` is the findings producer (see `reviewer.review.findings_run`): it reads the
typed case model once and runs every check on it. Bump `CHECKS_VERSION` whenever a check is
added or its results would change: stored findings of another version are recomputed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reviewer.plaid.endpoint_paths import STATEMENTS
from reviewer.review.case_model import CaseSnapshot
from reviewer.review.checks.as_of import AsOf, evidence_day
from reviewer.review.checks.dates import check_dates
from reviewer.review.checks.forms import check_1099, check_w2
from reviewer.review.checks.identity import check_identity
from reviewer.review.checks.paystub import check_paystub
from reviewer.review.checks.paystub_series import check_series
from reviewer.review.checks.printed import RUNNING_BALANCE, check_printed
from reviewer.review.checks.reconcile import (
    check_income_sources,
    check_monthly_income,
    check_net_pay_deposits,
)
from reviewer.review.checks.statements import check_continuity, check_statement
from reviewer.review.checks_producer import CHECKS_VERSION, EvidenceChecks
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.findings import Finding, not_applicable
from reviewer.review.model import CaseModel

__all__ = ["ALL_CHECKS", "CHECKS_VERSION", "EvidenceChecks", "run_checks"]


def _ids() -> tuple[str, ...]:
    from reviewer.review.checks import (
        dates,
        forms,
        identity,
        paystub,
        paystub_series,
        paystub_taxes,
        printed,
        reconcile,
        statements,
    )

    found = []
    modules = (paystub, paystub_taxes, paystub_series, forms, statements, printed, reconcile)
    for module in (*modules, identity, dates):
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and "." in value and " " not in value:
                found.append(value)
    return tuple(dict.fromkeys(found))


ALL_CHECKS: tuple[str, ...] = _ids()
"""Every check id this version runs (each has a demo case that fails it)."""


def run_checks(model: CaseModel, fetched: date | AsOf) -> list[Finding]:
    """Every evidence check on one case model fetched on `fetched`; the date checks count
    from the evidence day Plaid's timestamps give (`as_of.evidence_day`), or from `fetched`
    itself when it is an `AsOf` already."""
    as_of = fetched if isinstance(fetched, AsOf) else evidence_day(model, fetched)
    stubs = model.pay_stubs
    out: list[Finding] = []
    for stub in stubs:
        out.extend(check_paystub(stub))
    out.extend(check_series(stubs))
    for w2 in model.w2s:
        out.extend(check_w2(w2, stubs))
    for form in model.form1099s:
        out.extend(check_1099(form))
    for statement in model.bank_statements:
        out.extend(check_statement(statement))
    if model.bank_statements:
        out.extend(check_continuity(model.bank_statements))
    out.extend(check_net_pay_deposits(model))
    out.append(check_income_sources(model))
    out.append(check_monthly_income(model))
    out.extend(check_identity(model))
    out.extend(check_dates(model, as_of))
    return out


def fetched_day(snapshot: CaseSnapshot) -> date:
    """The day the snapshot was fetched (today when its timestamp is unreadable)."""
    try:
        return date.fromisoformat(snapshot.fetched_at[:10])
    except (TypeError, ValueError):
        return date.today()


def case_model_of(snapshot: CaseSnapshot) -> CaseModel:
    """The snapshot's typed case model (built once, on first use, by the read model)."""
    return snapshot.model


def printed_statement_checks(snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
    """Running balance and summary of each uploaded statement PDF, from its text layer."""
    read = getattr(backend, "statement_rows", None)
    out: list[Finding] = []
    for doc in snapshot.documents:
        if doc.source_endpoint != STATEMENTS or doc.document_type == "BANK_INCOME_REPORT":
            continue
        if not doc.path or doc.media_type != "application/pdf" or read is None:
            why = "the statement's PDF is not available" if read else "no documents reader"
            out.append(
                not_applicable(RUNNING_BALANCE, "arithmetic", why, document_ids=[doc.document_id])
            )
            continue
        rows = read(Path(doc.path))
        out.extend(check_printed(doc.document_id, doc.name or "the statement", rows))
    return out
