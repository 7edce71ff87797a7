"""The typed case model: one reading of Plaid's responses for every surface (Qt-free).

Entry point::

    build_case(
        bodies: Mapping[str, bytes | None],        # endpoint path -> raw body of its newest
                                                   #   whole response, as stored
        documents: Sequence[DocumentRecord] = (),  # the snapshot's stored documents
        errors: Sequence[FetchError] = (),         # the snapshot's fetch errors
    ) -> CaseModel

`reviewer.review.snapshots.case_snapshot` builds it once per loaded snapshot
(`CaseSnapshot.model`); the UI's tabs, `show --json`, the report and the evidence checks read it.
It never raises: a body that is not JSON or has parts of the wrong shape yields the parts that fit
plus :class:`ShapeProblem` entries in words (`CaseModel.problems`); odd values (non-numbers where
amounts belong, unreadable dates, blank strings) are "not given" (``None``).

Conventions:

- Money is :class:`Money` (exact :class:`~decimal.Decimal` plus currency); hours and hourly rates
  are :class:`~decimal.Decimal`; dates are :class:`datetime.date`; Plaid's timestamps stay the
  ISO 8601 text Plaid sent.
- Enum-valued fields keep Plaid's value verbatim (a value newer than the spec is kept).
- Statement transactions: a negative amount is money *into* the account
  (:attr:`StatementTransaction.direction` ``"in"``), as Plaid documents.
- Sessions newest first; bank income reports in Plaid's order (newest first).
- A document's :data:`Origin`: ``payroll_provider`` | ``upload`` | ``plaid_generated`` |
  ``bank_income_report`` (see :mod:`reviewer.review.model.payroll`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from reviewer.review.model.bank import (
    AccountOwner,
    BankAccount,
    BankIncomeItem,
    BankIncomeReport,
    BankIncomeSummary,
    BankStatement,
    HistoricalSummary,
    IncomeSource,
    IncomeTransaction,
    StatementAccount,
    StatementItem,
    StatementPeriod,
    StatementTransaction,
)
from reviewer.review.model.case import (
    EMPTY_CASE,
    CaseModel,
    IdentityClaim,
    IdentityKind,
    ItemStatus,
)
from reviewer.review.model.employment import (
    BankEmployment,
    BankEmploymentItem,
    BankEmploymentReport,
    DocumentUploadResult,
    Employment,
    ItemAddResult,
    PayrollResult,
    Session,
    SessionError,
    StatusResult,
)
from reviewer.review.model.names import endpoint_words
from reviewer.review.model.payroll import (
    FORM1099_AMOUNT_FIELDS,
    FORM1099_TEXT_FIELDS,
    MONTHS,
    W2,
    Box12,
    Deduction,
    Distribution,
    DocumentInfo,
    Earning,
    Form1099,
    Origin,
    Party,
    PayrollAccount,
    PayrollItem,
    PayStub,
    StateWages,
)
from reviewer.review.model.values import (
    Address,
    Direction,
    ErrorCause,
    Money,
    PlaidErrorInfo,
    PlaidWarning,
    ShapeProblem,
    direction_of,
    document_key,
    to_date,
    to_decimal,
)

if TYPE_CHECKING:
    from reviewer.review.case_model import DocumentRecord, FetchError


def build_case(
    bodies: Mapping[str, bytes | None],
    documents: Sequence[DocumentRecord] = (),
    errors: Sequence[FetchError] = (),
) -> CaseModel:
    """The case model of one snapshot (see `reviewer.review.model.builder.build_case`).

    The builder (and with it pydantic and the Plaid models) loads on first use, so the types
    here cost the first window nothing.
    """
    from reviewer.review.model.builder import build_case as build

    return build(bodies, documents, errors)


__all__ = [
    "EMPTY_CASE",
    "FORM1099_AMOUNT_FIELDS",
    "FORM1099_TEXT_FIELDS",
    "MONTHS",
    "W2",
    "AccountOwner",
    "Address",
    "BankAccount",
    "BankEmployment",
    "BankEmploymentItem",
    "BankEmploymentReport",
    "BankIncomeItem",
    "BankIncomeReport",
    "BankIncomeSummary",
    "BankStatement",
    "Box12",
    "CaseModel",
    "Deduction",
    "Direction",
    "Distribution",
    "DocumentInfo",
    "DocumentUploadResult",
    "Earning",
    "Employment",
    "ErrorCause",
    "Form1099",
    "HistoricalSummary",
    "IdentityClaim",
    "IdentityKind",
    "IncomeSource",
    "IncomeTransaction",
    "ItemAddResult",
    "ItemStatus",
    "Money",
    "Origin",
    "Party",
    "PayStub",
    "PayrollAccount",
    "PayrollItem",
    "PayrollResult",
    "PlaidErrorInfo",
    "PlaidWarning",
    "Session",
    "SessionError",
    "ShapeProblem",
    "StateWages",
    "StatementAccount",
    "StatementItem",
    "StatementPeriod",
    "StatementTransaction",
    "StatusResult",
    "build_case",
    "direction_of",
    "document_key",
    "endpoint_words",
    "to_date",
    "to_decimal",
]
