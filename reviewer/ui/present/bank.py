"""Bank statements (uploads) and bank income: accounts, periods, transactions, sources, months."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reviewer.review.model import (
    BankAccount,
    BankIncomeReport,
    CaseModel,
    HistoricalSummary,
    Money,
    PlaidWarning,
)
from reviewer.ui.present.fmt import address, humanize, money, period, text
from reviewer.ui.present.words import local_time

DIRECTION_WORDS = {"in": "Money in", "out": "Money out"}


@dataclass(frozen=True)
class TransactionRow:
    """One statement transaction: money in shown positive, money out negative (sortable value)."""

    date: str
    description: str
    direction: str  # "Money in" / "Money out" / em dash
    amount: str  # display: "+$2,874.31" (in) or "-$84.17" (out)
    value: float  # for sorting: in positive, out negative
    account: str
    document_id: str | None


@dataclass(frozen=True)
class StatementAccount:
    """One account on an uploaded statement with its owner and periods."""

    document_id: str | None
    bank: str
    name: str
    account_type: str
    account_number: str
    owner: str
    owner_address: str
    periods: list[tuple[str, str, str]]  # (period, starting balance, ending balance)
    document_status: str | None
    document_error: str | None


def statement_accounts(model: CaseModel) -> list[StatementAccount]:
    """Accounts and their periods from every uploaded statement."""
    out: list[StatementAccount] = []
    for statement in model.bank_statements:
        doc = statement.document
        for acct in statement.accounts:
            out.append(
                StatementAccount(
                    doc.document_id,
                    text(acct.bank_name),
                    text(acct.name),
                    humanize(acct.account_type),
                    text(acct.account_number),
                    text(acct.owner_name),
                    address(acct.owner_address),
                    [
                        (period(p.start, p.end), money(p.starting_balance), money(p.ending_balance))
                        for p in acct.periods
                    ],
                    doc.status,
                    doc.error_message,
                )
            )
    return out


def _signed(amount: Money | None, direction: str | None) -> tuple[str, float]:
    if amount is None:
        return "—", 0.0
    magnitude = abs(amount)
    shown = money(magnitude)
    if direction == "in":
        return f"+{shown}", float(magnitude.amount)
    if direction == "out":
        return f"-{shown}", -float(magnitude.amount)
    return shown, 0.0


def statement_transactions(model: CaseModel) -> list[TransactionRow]:
    """Every transaction of every uploaded statement, newest first, with its direction."""
    rows: list[TransactionRow] = []
    for statement, t in model.statement_transactions():
        account = statement.account(t.account_id)
        shown, value = _signed(t.amount, t.direction)
        rows.append(
            TransactionRow(
                text(t.date),
                text(t.description),
                DIRECTION_WORDS.get(t.direction or "", "—"),
                shown,
                value,
                account.label if account is not None else text(t.account_id),
                statement.document.document_id,
            )
        )
    rows.sort(key=lambda r: r.date, reverse=True)
    return rows


@dataclass(frozen=True)
class IncomeSource:
    """One bank income source as a row."""

    description: str
    category: str
    frequency: str
    total: str
    transactions: str
    period: str
    institution: str
    account: str


def _accounts(report: BankIncomeReport) -> dict[str | None, BankAccount]:
    return {a.account_id: a for item in report.items for a in item.accounts}


def income_sources(report: BankIncomeReport) -> list[IncomeSource]:
    """Sources with category, frequency, totals and account of one report."""
    accounts = _accounts(report)
    out: list[IncomeSource] = []
    for item in report.items:
        for src in item.sources:
            account = accounts.get(src.account_id)
            out.append(
                IncomeSource(
                    text(src.description),
                    humanize(src.category),
                    humanize(src.pay_frequency),
                    money(src.total),
                    text(src.transaction_count),
                    period(src.start, src.end),
                    text(item.institution_name),
                    account.label if account is not None else text(src.account_id),
                )
            )
    return out


@dataclass(frozen=True)
class IncomeTransactionRow:
    """One transaction Plaid counted as income."""

    date: str
    description: str
    amount: str
    source: str
    pending: str


def income_transactions(report: BankIncomeReport) -> list[IncomeTransactionRow]:
    """Every income transaction of one report's sources, newest first."""
    rows = []
    for item in report.items:
        for src in item.sources:
            for h in src.history:
                for t in h.transactions:
                    rows.append(
                        IncomeTransactionRow(
                            text(t.date),
                            text(t.original_description or t.name),
                            money(t.amount),
                            text(src.description),
                            "pending" if t.pending else "",
                        )
                    )
    rows.sort(key=lambda r: r.date, reverse=True)
    return rows


def report_facts(report: BankIncomeReport) -> list[tuple[str, str]]:
    """When the report was made, over how many days, and its summary totals and counts."""
    # Plaid's report id is in the heading's tooltip, not a row a reviewer reads
    facts = [
        ("Generated", local_time(report.generated_time) if report.generated_time else text(None)),
        ("Days requested", text(report.days_requested)),
    ]
    s = report.summary
    if s is not None:
        totals = ", ".join(money(m) for m in s.totals) if s.totals else money(s.total)
        facts += [
            ("Period", period(s.start, s.end)),
            ("Total income", totals),
            ("Income sources", text(s.income_sources_count)),
            ("Income categories", text(s.income_categories_count)),
            ("Income transactions", text(s.income_transactions_count)),
        ]
    return facts


def _month_totals(summaries: tuple[HistoricalSummary, ...], months: dict[str, Decimal]) -> None:
    for h in summaries:
        if h.start is None or h.total is None:
            continue
        key = h.start.isoformat()[:7]
        months[key] = months.get(key, Decimal(0)) + h.total.amount


def monthly_income(model: CaseModel) -> list[tuple[str, float]]:
    """(YYYY-MM, total) from the newest report's historical summaries, oldest first.

    Uses the report summary's `historical_summary` when present; otherwise sums every source's
    historical summary per month, so the chart still shows something for partial data. Older
    reports are not added in: they cover the same months again.
    """
    if not model.bank_income:
        return []
    report = model.bank_income[0]
    months: dict[str, Decimal] = {}
    if report.summary is not None and report.summary.history:
        _month_totals(report.summary.history, months)
    else:
        for item in report.items:
            for src in item.sources:
                _month_totals(src.history, months)
    return [(k, float(v)) for k, v in sorted(months.items())]


def warning_text(w: PlaidWarning) -> str:
    """`Identity unavailable: <Plaid's message>`."""
    cause = w.cause
    msg = (cause.display_message or cause.error_message or "") if cause else ""
    code = f" ({cause.error_code})" if cause and cause.error_code else ""
    return f"{humanize(w.warning_code)}: {msg}{code}".rstrip(": ")


def bank_income_warnings(report: BankIncomeReport) -> list[str]:
    """Plain-words warnings of one bank income report."""
    return [warning_text(w) for w in report.warnings]
