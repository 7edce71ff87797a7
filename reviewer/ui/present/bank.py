"""Bank statements (uploads) and bank income: accounts, periods, transactions, sources, months."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.ui.present.fmt import dicts, dig, humanize, money, period, text


@dataclass(frozen=True)
class TransactionRow:
    """One bank statement transaction; `amount` stays numeric so the table sorts by value."""

    date: str
    description: str
    amount: float | None
    account: str
    document_id: str | None


@dataclass(frozen=True)
class StatementAccount:
    """One account on an uploaded statement with its periods (start/end dates and balances)."""

    document_id: str | None
    bank: str
    name: str
    account_type: str
    account_number: str
    owner: str
    periods: list[tuple[str, str, str]]  # (period, starting balance, ending balance)


def statement_accounts(uploads_response: Any) -> list[StatementAccount]:
    """Accounts and their periods from /credit/bank_statements/uploads/get."""
    out: list[StatementAccount] = []
    for item in dicts(dig(uploads_response, "items")):
        for st in dicts(item.get("bank_statements")):
            for acct in dicts(st.get("bank_accounts")):
                periods = [
                    (
                        period(p.get("start_date"), p.get("end_date")),
                        money(p.get("starting_balance")),
                        money(p.get("ending_balance")),
                    )
                    for p in dicts(acct.get("periods"))
                ]
                out.append(
                    StatementAccount(
                        st.get("document_id"),
                        text(acct.get("bank_name")),
                        text(acct.get("name")),
                        humanize(acct.get("account_type")),
                        text(acct.get("account_number")),
                        text(dig(acct, "owner", "name")),
                        periods,
                    )
                )
    return out


def statement_transactions(uploads_response: Any) -> list[TransactionRow]:
    """Every transaction of every uploaded statement, newest first."""
    rows: list[TransactionRow] = []
    for item in dicts(dig(uploads_response, "items")):
        for st in dicts(item.get("bank_statements")):
            names = {
                a.get(
                    "account_id"
                ): f"{a.get('name') or a.get('bank_name') or ''} {a.get('account_number') or ''}".strip()
                for a in dicts(st.get("bank_accounts"))
            }
            for t in dicts(st.get("transactions")):
                amount = t.get("amount")
                rows.append(
                    TransactionRow(
                        text(t.get("date")),
                        text(t.get("original_description")),
                        float(amount)
                        if isinstance(amount, int | float) and not isinstance(amount, bool)
                        else None,
                        names.get(t.get("account_id")) or text(t.get("account_id")),
                        st.get("document_id"),
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


def _bank_income_reports(bank_income_response: Any) -> list[dict[str, Any]]:
    return dicts(dig(bank_income_response, "bank_income"))


def income_sources(bank_income_response: Any) -> list[IncomeSource]:
    """Sources with category, frequency and totals from /credit/bank_income/get."""
    out: list[IncomeSource] = []
    for report in _bank_income_reports(bank_income_response):
        for item in dicts(report.get("items")):
            for src in dicts(item.get("bank_income_sources")):
                out.append(
                    IncomeSource(
                        text(src.get("income_description")),
                        humanize(src.get("income_category")),
                        humanize(src.get("pay_frequency")),
                        money(src.get("total_amount")),
                        text(src.get("transaction_count")),
                        period(src.get("start_date"), src.get("end_date")),
                        text(item.get("institution_name")),
                    )
                )
    return out


def monthly_income(bank_income_response: Any) -> list[tuple[str, float]]:
    """(YYYY-MM, total) from the report summaries' historical summaries, oldest first.

    Uses `bank_income_summary.historical_summary` when present; otherwise sums every source's
    historical summary per month, so the chart still shows something for partial data.
    """
    months: dict[str, float] = {}
    for report in _bank_income_reports(bank_income_response):
        summaries = dicts(dig(report, "bank_income_summary", "historical_summary"))
        if not summaries:
            summaries = [
                h
                for item in dicts(report.get("items"))
                for src in dicts(item.get("bank_income_sources"))
                for h in dicts(src.get("historical_summary"))
            ]
        for h in summaries:
            start, amount = h.get("start_date"), h.get("total_amount")
            if not isinstance(start, str) or len(start) < 7:
                continue
            if not isinstance(amount, int | float) or isinstance(amount, bool):
                continue
            months[start[:7]] = months.get(start[:7], 0.0) + float(amount)
    return sorted(months.items())


def bank_income_warnings(bank_income_response: Any) -> list[str]:
    """Plain-words warnings of the bank income reports."""
    out = []
    for report in _bank_income_reports(bank_income_response):
        for w in dicts(report.get("warnings")):
            cause = w.get("cause") or {}
            msg = cause.get("display_message") or cause.get("error_message") or ""
            out.append(f"{humanize(w.get('warning_code'))}: {msg}".rstrip(": "))
    return out
