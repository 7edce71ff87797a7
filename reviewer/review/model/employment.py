"""Employment (payroll), bank employment and Link sessions in the case model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer.review.model.bank import BankAccount
from reviewer.review.model.values import PlaidWarning


@dataclass(frozen=True, slots=True)
class Employment:
    """One employment from payroll data (`/credit/employment/get`)."""

    item_id: str | None
    account_id: str | None
    employer: str | None
    title: str | None
    status: str | None
    employee_type: str | None
    start: date | None
    end: date | None
    last_paystub_date: date | None
    employee_id: str | None
    payroll_id: str | None
    position_id: str | None


@dataclass(frozen=True, slots=True)
class BankEmployment:
    """An employer Plaid recognised from deposits into a linked account."""

    bank_employment_id: str | None
    account_id: str | None
    employer: str | None
    earliest_deposit: date | None
    latest_deposit: date | None


@dataclass(frozen=True, slots=True)
class BankEmploymentItem:
    """One linked institution of a bank employment report."""

    item_id: str | None
    institution_id: str | None
    institution_name: str | None
    last_updated_time: str | None
    employments: tuple[BankEmployment, ...]
    accounts: tuple[BankAccount, ...]


@dataclass(frozen=True, slots=True)
class BankEmploymentReport:
    """One bank employment report."""

    report_id: str | None
    generated_time: str | None
    days_requested: int | None
    items: tuple[BankEmploymentItem, ...]
    warnings: tuple[PlaidWarning, ...]


@dataclass(frozen=True, slots=True)
class SessionError:
    """An error a Link session ended with."""

    error_type: str | None
    error_code: str | None
    error_message: str | None
    display_message: str | None


@dataclass(frozen=True, slots=True)
class ItemAddResult:
    """An item the applicant linked in the session."""

    item_id: str | None
    institution_id: str | None


@dataclass(frozen=True, slots=True)
class StatusResult:
    """A bank income or bank employment result of a session."""

    status: str | None
    item_id: str | None
    institution_id: str | None


@dataclass(frozen=True, slots=True)
class PayrollResult:
    """What a payroll provider link retrieved."""

    institution_id: str | None
    institution_name: str | None
    paystubs: int | None
    w2s: int | None


@dataclass(frozen=True, slots=True)
class DocumentUploadResult:
    """What the applicant uploaded in the session."""

    paystubs: int | None
    w2s: int | None
    form1099s: int | None
    bank_statements: int | None


@dataclass(frozen=True, slots=True)
class Session:
    """One Link session with its results and errors."""

    link_session_id: str | None
    started: str | None  # ISO 8601 as Plaid sent it
    item_adds: tuple[ItemAddResult, ...]
    bank_income: tuple[StatusResult, ...]
    bank_employment: tuple[StatusResult, ...]
    payroll: tuple[PayrollResult, ...]
    documents: DocumentUploadResult | None
    errors: tuple[SessionError, ...]
