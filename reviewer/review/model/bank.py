"""Bank data in the case model: uploaded statements and bank income reports.

Statement transactions follow Plaid's sign convention (seed "bank statements uploads": "a negative
amount indicates that money moved into the account (such as a paycheck being deposited)"):
:attr:`StatementTransaction.direction` is ``"in"`` for a negative amount and ``"out"`` for a
positive one, and :attr:`StatementTransaction.value` is the magnitude. Bank income transactions
are income by construction; Plaid documents the same convention for them but its own examples
send deposits as positive numbers, so the model keeps the amount as sent and does not guess a
direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer.review.model.payroll import DocumentInfo
from reviewer.review.model.values import Address, Direction, Money, PlaidWarning


@dataclass(frozen=True, slots=True)
class StatementPeriod:
    """One statement period of an account with its balances."""

    start: date | None
    end: date | None
    starting_balance: Money | None
    ending_balance: Money | None


@dataclass(frozen=True, slots=True)
class StatementAccount:
    """An account printed on an uploaded statement, with its owner."""

    account_id: str | None
    name: str | None
    bank_name: str | None
    account_type: str | None
    account_number: str | None
    owner_name: str | None
    owner_address: Address | None
    periods: tuple[StatementPeriod, ...]

    @property
    def label(self) -> str:
        """`Checking 1234`: the account's name (or bank) and number, for tables."""
        return " ".join(p for p in (self.name or self.bank_name, self.account_number) if p) or (
            self.account_id or "account"
        )


@dataclass(frozen=True, slots=True)
class StatementTransaction:
    """One statement line: signed amount as Plaid sends it, direction and magnitude derived."""

    document_id: str | None
    account_id: str | None
    date: date | None
    description: str | None
    amount: Money | None  # as sent: negative = money into the account
    direction: Direction | None  # None when the amount is missing or zero

    @property
    def value(self) -> Money | None:
        """The magnitude of the amount (what a statement prints in its Deposits/Withdrawals)."""
        return abs(self.amount) if self.amount is not None else None


@dataclass(frozen=True, slots=True)
class BankStatement:
    """One uploaded statement document with its accounts and transactions."""

    document: DocumentInfo
    accounts: tuple[StatementAccount, ...]
    transactions: tuple[StatementTransaction, ...]

    def account(self, account_id: str | None) -> StatementAccount | None:
        """The statement's account with this id."""
        return next((a for a in self.accounts if a.account_id == account_id), None)


@dataclass(frozen=True, slots=True)
class StatementItem:
    """One bank statement upload item with its processing status."""

    item_id: str | None
    processing_status: str | None
    updated_at: str | None
    statements: tuple[BankStatement, ...]


@dataclass(frozen=True, slots=True)
class AccountOwner:
    """An account holder as the bank states it: the strongest independent identity source."""

    names: tuple[str, ...]
    addresses: tuple[Address, ...]
    emails: tuple[str, ...]
    phone_numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BankAccount:
    """A linked bank account (bank income or bank employment) with its owners."""

    account_id: str | None
    mask: str | None
    name: str | None
    official_name: str | None
    account_type: str | None
    subtype: str | None
    owners: tuple[AccountOwner, ...]

    @property
    def label(self) -> str:
        """`Plaid Checking ending 4417`."""
        mask = f"ending {self.mask}" if self.mask else None
        return " ".join(p for p in (self.name or self.official_name, mask) if p) or (
            self.account_id or "account"
        )


@dataclass(frozen=True, slots=True)
class IncomeTransaction:
    """A transaction Plaid counted as income; `amount` as sent (see the module docstring)."""

    transaction_id: str | None
    date: date | None
    name: str | None
    original_description: str | None
    amount: Money | None
    pending: bool | None
    check_number: str | None


@dataclass(frozen=True, slots=True)
class HistoricalSummary:
    """Income of one period (usually a month) with its transactions."""

    start: date | None
    end: date | None
    total: Money | None
    totals: tuple[Money, ...]  # per currency
    transactions: tuple[IncomeTransaction, ...]


@dataclass(frozen=True, slots=True)
class IncomeSource:
    """One income source Plaid found in the bank data."""

    income_source_id: str | None
    description: str | None
    category: str | None
    account_id: str | None
    start: date | None
    end: date | None
    pay_frequency: str | None
    total: Money | None
    transaction_count: int | None
    history: tuple[HistoricalSummary, ...]


@dataclass(frozen=True, slots=True)
class BankIncomeItem:
    """One linked institution of a bank income report."""

    item_id: str | None
    institution_id: str | None
    institution_name: str | None
    last_updated_time: str | None
    accounts: tuple[BankAccount, ...]
    sources: tuple[IncomeSource, ...]


@dataclass(frozen=True, slots=True)
class BankIncomeSummary:
    """A report's totals across its items."""

    total: Money | None
    totals: tuple[Money, ...]  # per currency
    start: date | None
    end: date | None
    income_sources_count: int | None
    income_categories_count: int | None
    income_transactions_count: int | None
    history: tuple[HistoricalSummary, ...]


@dataclass(frozen=True, slots=True)
class BankIncomeReport:
    """One bank income report (Plaid returns up to `options.count`, newest first)."""

    bank_income_id: str | None
    generated_time: str | None
    days_requested: int | None
    items: tuple[BankIncomeItem, ...]
    summary: BankIncomeSummary | None
    warnings: tuple[PlaidWarning, ...]
