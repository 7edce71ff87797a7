"""The case model: everything one snapshot says about the applicant, read once from Plaid."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from reviewer.review.model.bank import (
    BankIncomeReport,
    BankStatement,
    StatementItem,
    StatementTransaction,
)
from reviewer.review.model.employment import BankEmploymentReport, Employment, Session
from reviewer.review.model.payroll import W2, DocumentInfo, Form1099, PayrollItem, PayStub
from reviewer.review.model.values import Address, PlaidErrorInfo, ShapeProblem

IdentityKind = Literal[
    "pay_stub", "w2", "form1099", "bank_statement", "bank_income_owner", "bank_employment_owner"
]


@dataclass(frozen=True, slots=True)
class IdentityClaim:
    """The applicant as one source states it: a document, or a bank account owner."""

    kind: IdentityKind
    source: str  # "Pay stub 2024-05-01", "Bank account owner (First Platypus Bank, Checking ending 4417)"
    document_id: str | None
    names: tuple[str, ...]
    addresses: tuple[Address, ...]
    emails: tuple[str, ...] = ()
    phone_numbers: tuple[str, ...] = ()
    employer: str | None = None
    ssn_mask: str | None = None

    @property
    def name(self) -> str | None:
        """The first name the source states."""
        return self.names[0] if self.names else None

    @property
    def address(self) -> Address | None:
        """The first address the source states."""
        return self.addresses[0] if self.addresses else None


@dataclass(frozen=True, slots=True)
class ItemStatus:
    """Plaid's processing status of one item: a PROCESSING item has no (or partial) data yet."""

    endpoint: str
    item_id: str | None
    institution_name: str | None
    processing_status: str | None
    updated_at: str | None

    @property
    def complete(self) -> bool:
        """Plaid finished processing (or did not say otherwise)."""
        return self.processing_status in (None, "PROCESSING_COMPLETE")


@dataclass(frozen=True, slots=True)
class CaseModel:
    """Everything a reviewer reads about a case, typed; built by `build_case`."""

    documents: tuple[DocumentInfo, ...]
    payroll_items: tuple[PayrollItem, ...]
    statement_items: tuple[StatementItem, ...]
    bank_income: tuple[BankIncomeReport, ...]  # newest first, as Plaid lists them
    employments: tuple[Employment, ...]
    bank_employment: tuple[BankEmploymentReport, ...]
    sessions: tuple[Session, ...]  # newest first
    identity: tuple[IdentityClaim, ...]
    item_statuses: tuple[ItemStatus, ...]
    errors: tuple[PlaidErrorInfo, ...]
    problems: tuple[ShapeProblem, ...]
    risk_item_ids: tuple[str, ...] = ()  # items the risk-signals response covers
    request_ids: tuple[tuple[str, str], ...] = ()  # (endpoint, Plaid's request_id) per response

    def document(self, document_id: str) -> DocumentInfo | None:
        """What Plaid says about one document, by id."""
        return next((d for d in self.documents if d.document_id == document_id), None)

    @property
    def pay_stubs(self) -> tuple[PayStub, ...]:
        """Every pay stub of every payroll item."""
        return tuple(s for item in self.payroll_items for s in item.pay_stubs)

    @property
    def w2s(self) -> tuple[W2, ...]:
        """Every W-2."""
        return tuple(w for item in self.payroll_items for w in item.w2s)

    @property
    def form1099s(self) -> tuple[Form1099, ...]:
        """Every 1099."""
        return tuple(f for item in self.payroll_items for f in item.form1099s)

    @property
    def bank_statements(self) -> tuple[BankStatement, ...]:
        """Every uploaded bank statement."""
        return tuple(s for item in self.statement_items for s in item.statements)

    def statement_transactions(self) -> Iterator[tuple[BankStatement, StatementTransaction]]:
        """Every statement transaction with the statement it is on."""
        for statement in self.bank_statements:
            for transaction in statement.transactions:
                yield statement, transaction

    @property
    def processing_items(self) -> tuple[ItemStatus, ...]:
        """Items Plaid has not finished processing: their data may be missing or partial."""
        return tuple(s for s in self.item_statuses if not s.complete)


EMPTY_CASE = CaseModel((), (), (), (), (), (), (), (), (), (), ())
"""A case with nothing in it (no snapshot yet)."""
