"""Plausible prior-period account activity, used to pad a bank statement to a requested length.

Months run backwards from a known opening balance, so the balances chain exactly into the real
statement period that follows. A seeded RNG keeps the output identical for identical input.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

_SPENDING: tuple[tuple[str, float, float], ...] = (
    ("POS PURCHASE TRADER JOE'S #122 SANTA ANA CA", 38.0, 142.0),
    ("POS PURCHASE RALPHS #0117 TUSTIN CA", 22.0, 168.0),
    ("CARD PURCHASE STARBUCKS STORE 09123 IRVINE CA", 4.5, 14.0),
    ("CARD PURCHASE SHELL OIL 57442183 COSTA MESA CA", 31.0, 78.0),
    ("CARD PURCHASE AMAZON MKTPL*2K3J49 AMZN.COM/BILL WA", 9.0, 119.0),
    ("CARD PURCHASE TARGET T-1043 SANTA ANA CA", 14.0, 96.0),
    ("CARD PURCHASE CHIPOTLE 1877 IRVINE CA", 10.5, 27.0),
    ("CARD PURCHASE CVS/PHARMACY #09912 SANTA ANA CA", 6.0, 54.0),
    ("CARD PURCHASE UBER *TRIP HELP.UBER.COM CA", 9.0, 41.0),
    ("CARD PURCHASE DOORDASH*TACOS EL GORDO SAN FRANCISCO CA", 18.0, 46.0),
    ("ATM WITHDRAWAL 1720 E 17TH ST SANTA ANA CA", 40.0, 200.0),
    ("VENMO PAYMENT 1029384756 WEB ID: 3264681992", 12.0, 85.0),
    ("ZELLE PAYMENT TO MARIA LOPEZ CONF# a8Xk2", 20.0, 150.0),
)
_MONTHLY_BILLS: tuple[tuple[int, str, float], ...] = (
    (1, "ZELLE PAYMENT TO HARBOR VIEW PROPERTIES RENT", 1875.0),
    (5, "ACH DEBIT SO CAL EDISON BILL PAYMT", 0.0),
    (8, "ACH DEBIT T-MOBILE PCS SVC", 95.0),
    (12, "RECURRING CARD NETFLIX.COM LOS GATOS CA", 15.49),
    (14, "ACH DEBIT GEICO AUTO INS PREM", 142.6),
    (20, "ACH DEBIT TOYOTA MOTOR CREDIT AUTO PAY", 389.22),
    (25, "ACH DEBIT SOCALGAS PAYMENT", 0.0),
)


@dataclass(frozen=True)
class Txn:
    """One printed transaction; `amount` follows Plaid's sign (negative = money in)."""

    day: date
    description: str
    amount: float


@dataclass(frozen=True)
class Month:
    """A synthetic statement period with its opening and closing balances."""

    start: date
    end: date
    opening: float
    closing: float
    transactions: list[Txn]


def _month_before(day: date) -> tuple[date, date]:
    end = day.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def prior_months(
    first_start: date,
    opening_balance: float,
    *,
    seed: str,
    payroll_name: str,
    payroll_amount: float,
    paychecks_per_month: int = 2,
) -> list[Month]:
    """An endless-enough supply (60 months) of periods before `first_start`, newest first."""
    rng = random.Random(f"docgen-history:{seed}")  # noqa: S311 - test data, not security
    months: list[Month] = []
    closing = opening_balance
    cursor = first_start
    for _ in range(60):
        start, end = _month_before(cursor)
        txns: list[Txn] = []
        pay_days = [1, 15] if paychecks_per_month >= 2 else [1]
        for day in pay_days:
            txns.append(Txn(start.replace(day=day), payroll_name, -round(payroll_amount, 2)))
        for day, name, amount in _MONTHLY_BILLS:
            value = amount or round(rng.uniform(48, 180), 2)
            txns.append(Txn(start.replace(day=min(day, end.day)), name, value))
        spending = []
        for _ in range(rng.randint(40, 48)):
            name, low, high = rng.choice(_SPENDING)
            when = start + timedelta(days=rng.randrange((end - start).days + 1))
            spending.append((when, name, rng.uniform(low, high)))
        # Scale day-to-day spending to what is left of the pay after bills, so the balance
        # wanders month to month instead of drifting steadily in one direction.
        budget = -sum(t.amount for t in txns) + rng.uniform(-350.0, 350.0)
        raw_total = sum(amount for _, _, amount in spending) or 1.0
        scale = min(3.0, max(0.3, budget / raw_total))
        txns.extend(Txn(when, name, round(amount * scale, 2)) for when, name, amount in spending)
        txns.sort(key=lambda t: (t.day, t.amount))
        opening = round(closing + sum(t.amount for t in txns), 2)
        if opening < 150:
            # Going backwards the balance falls by each month's surplus; a saver moves that
            # surplus out, which keeps the earlier balances plausible.
            transfer = round(600 - opening + rng.randint(0, 400), 2)
            txns.append(
                Txn(start.replace(day=16), "ONLINE TRANSFER TO SAVINGS XXXXXX7712", transfer)
            )
            txns.sort(key=lambda t: (t.day, t.amount))
            opening = round(closing + sum(t.amount for t in txns), 2)
        months.append(Month(start, end, opening, closing, txns))
        closing = opening
        cursor = start
    return months
