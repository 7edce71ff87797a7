"""Builders for bank data: uploaded bank statements (running balances that reconcile) and Bank Income."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reviewer.sandbox.payroll_data import Party, document_metadata

USD = "USD"


def _c(v: float) -> float:
    return round(v + 0.0, 2)


@dataclass(frozen=True)
class Source:
    """One recurring income source seen in bank transactions."""

    description: str
    category: str
    frequency: str  # WEEKLY, BIWEEKLY, SEMI_MONTHLY, MONTHLY, DAILY, UNKNOWN
    amount: float
    first: date
    last: date

    def dates(self) -> list[date]:
        """Deposit dates between first and last."""
        step = {"WEEKLY": 7, "BIWEEKLY": 14, "SEMI_MONTHLY": 15, "MONTHLY": 30, "DAILY": 1}
        days = step.get(self.frequency, 9)
        out, d = [], self.first
        while d <= self.last:
            out.append(d)
            d += timedelta(days=days)
        return out


_MERCHANTS = (
    ("WHOLEFDS MKT #10234", 41.17),
    ("SHELL OIL 57442", 38.30),
    ("STARBUCKS STORE 0912", 6.45),
    ("AMAZON MKTPL*2K4LL", 24.99),
    ("TRADER JOE'S #552", 36.08),
    ("CVS/PHARMACY #0731", 12.24),
    ("UBER TRIP HELP.UBER", 17.60),
    ("CHIPOTLE 1877", 13.85),
    ("TARGET T-1043", 29.12),
    ("SPOTIFY USA", 10.99),
    ("PG&E WEB ONLINE", 48.35),
)


def statement_transactions(
    account_id: str,
    start: date,
    days: int,
    salary: float,
    seed: int,
    *,
    per_day: int = 2,
    payroll_name: str = "ACME PAYROLL DIRECT DEP",
) -> list[dict[str, Any]]:
    """Deterministic everyday transactions: biweekly salary, monthly rent, card purchases.

    Plaid's sign: the salary (money into the account) is negative, spending positive.
    """
    out: list[dict[str, Any]] = []
    for i in range(days):
        d = start + timedelta(days=i)
        if i % 14 == 4:
            out.append(_txn(account_id, d, -salary, payroll_name))
        if d.day == 1:
            out.append(_txn(account_id, d, 1850.00, "ZELLE TO OAKWOOD PROPERTY MGMT RENT"))
        for k in range(per_day - (i % 7 == 6)):  # a quieter day each week
            name, amount = _MERCHANTS[(i * 3 + k + seed) % len(_MERCHANTS)]
            out.append(_txn(account_id, d, _c(amount + ((i + k) % 5) * 1.13), name))
    return out


def _txn(account_id: str, d: date, amount: float, description: str) -> dict[str, Any]:
    return {
        "amount": _c(amount),
        "date": d.isoformat(),
        "original_description": description,
        "account_id": account_id,
    }


def monthly_periods(
    txns: list[dict[str, Any]], start: date, end: date, opening_balance: float
) -> list[dict[str, Any]]:
    """Calendar-month statement periods from `start` to `end` whose balances chain exactly."""
    periods = []
    balance = opening_balance
    for first, last in _month_ranges(start, end):
        moved = sum(t["amount"] for t in txns if first.isoformat() <= t["date"] <= last.isoformat())
        closing = _c(balance - moved)  # Plaid's sign: a negative amount raised the balance
        periods.append(
            {
                "start_date": first.isoformat(),
                "end_date": last.isoformat(),
                "starting_balance": balance,
                "ending_balance": closing,
            }
        )
        balance = closing
    return periods


def bank_statement(
    *,
    document_id: str,
    owner: Party,
    bank_name: str,
    account_id: str,
    account_number: str,
    start: date,
    days: int,
    opening_balance: float,
    salary: float,
    seed: int = 0,
    name: str = "bank_statement.pdf",
    per_day: int = 2,
    payroll_name: str = "ACME PAYROLL DIRECT DEP",
    transactions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A CreditBankStatementUploadObject: monthly periods whose balances reconcile with its rows.

    `transactions` replaces the generated everyday rows (a story that needs particular ones).
    """
    end = start + timedelta(days=days - 1)
    txns = (
        transactions
        if transactions is not None
        else statement_transactions(
            account_id, start, days, salary, seed, per_day=per_day, payroll_name=payroll_name
        )
    )
    txns = sorted(txns, key=lambda t: (t["date"], t["amount"]))
    return {
        "transactions": txns,
        "document_metadata": document_metadata(name, "BANK_STATEMENT", page_count=None),
        "document_id": document_id,
        "bank_accounts": [
            {
                "name": "Total Checking",
                "bank_name": bank_name,
                "account_type": "checking",
                "account_number": account_number,
                "owner": {
                    "name": owner.name,
                    "address": {
                        "street": owner.street,
                        "city": owner.city,
                        "region": owner.region,
                        "postal_code": owner.postal_code,
                        "country": "US",
                    },
                },
                "periods": monthly_periods(txns, start, end, opening_balance),
                "account_id": account_id,
            }
        ],
    }


def _month_ranges(start: date, end: date) -> list[tuple[date, date]]:
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        out.append((max(d, start), min(nxt - timedelta(days=1), end)))
        d = nxt
    return out


def bank_income(
    *,
    bank_income_id: str,
    item_id: str,
    account_id: str,
    owner: Party,
    institution: tuple[str, str],
    sources: list[Source],
    generated: str,
    start: date,
    end: date,
) -> dict[str, Any]:
    """A CreditBankIncome report: sources with monthly histories and a summary that adds up."""
    src_out: list[dict[str, Any]] = []
    all_txns: list[dict[str, Any]] = []
    for n, s in enumerate(sources):
        txns: list[dict[str, Any]] = [
            {
                "amount": s.amount,
                "date": d.isoformat(),
                "name": s.description,
                "original_description": s.description,
                "pending": False,
                "transaction_id": f"{item_id[:6]}txn{n:02d}{i:03d}",
                "check_number": None,
                "iso_currency_code": USD,
                "unofficial_currency_code": None,
            }
            for i, d in enumerate(s.dates())
        ]
        all_txns.extend(txns)
        src_out.append(
            {
                "income_source_id": f"{bank_income_id[:8]}-src-{n}",
                "income_description": s.description,
                "income_category": s.category,
                "account_id": account_id,
                "start_date": s.first.isoformat(),
                "end_date": s.last.isoformat(),
                "pay_frequency": s.frequency,
                "total_amount": _c(sum(t["amount"] for t in txns)),
                "transaction_count": len(txns),
                "historical_summary": _history(txns, start, end),
            }
        )
    total = _c(sum(t["amount"] for t in all_txns))
    return {
        "bank_income_id": bank_income_id,
        "generated_time": generated,
        "days_requested": (end - start).days + 1,
        "items": [
            {
                "bank_income_accounts": [
                    {
                        "account_id": account_id,
                        "mask": "4417",
                        "name": "Plaid Checking",
                        "official_name": "Plaid Gold Standard 0% Interest Checking",
                        "subtype": "checking",
                        "type": "depository",
                        "owners": [owner_block(owner)],
                    }
                ],
                "bank_income_sources": src_out,
                "last_updated_time": generated,
                "institution_id": institution[0],
                "institution_name": institution[1],
                "item_id": item_id,
            }
        ],
        "bank_income_summary": {
            "total_amount": total,
            "iso_currency_code": USD,
            "unofficial_currency_code": None,
            "total_amounts": [
                {"amount": total, "iso_currency_code": USD, "unofficial_currency_code": None}
            ],
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "income_sources_count": len(sources),
            "income_categories_count": len({s.category for s in sources}),
            "income_transactions_count": len(all_txns),
            "historical_summary": _history(all_txns, start, end),
        },
        "warnings": [],
    }


def owner_block(owner: Party) -> dict[str, Any]:
    """CreditBankIncomeOwner-like owner identity block."""
    return {
        "names": [owner.name],
        "phone_numbers": [{"data": "+1 415 555 0123", "primary": True, "type": "mobile"}],
        "emails": [
            {
                "data": owner.name.lower().replace(" ", ".") + "@example.com",
                "primary": True,
                "type": "primary",
            }
        ],
        "addresses": [
            {
                "data": {
                    "street": owner.street,
                    "city": owner.city,
                    "region": owner.region,
                    "postal_code": owner.postal_code,
                    "country": "US",
                },
                "primary": True,
            }
        ],
    }


def _history(txns: list[dict[str, Any]], start: date, end: date) -> list[dict[str, Any]]:
    out = []
    for a, b in _month_ranges(start, end):
        month = [t for t in txns if a.isoformat() <= t["date"] <= b.isoformat()]
        amount = _c(sum(t["amount"] for t in month))
        out.append(
            {
                "total_amount": amount,
                "iso_currency_code": USD,
                "unofficial_currency_code": None,
                "total_amounts": [
                    {"amount": amount, "iso_currency_code": USD, "unofficial_currency_code": None}
                ],
                "start_date": a.isoformat(),
                "end_date": b.isoformat(),
                "transactions": month,
            }
        )
    return out
