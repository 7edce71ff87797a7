"""Small typed case-model values for the checks' unit tests (every field has a plain default)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from reviewer.review.model import (
    EMPTY_CASE,
    W2,
    Address,
    BankStatement,
    CaseModel,
    Deduction,
    Distribution,
    DocumentInfo,
    Earning,
    Form1099,
    Money,
    Party,
    PayrollItem,
    PayStub,
    StatementAccount,
    StatementItem,
    StatementPeriod,
    StatementTransaction,
)

HOME = Address("418 Maple Grove Ln", "Columbus", "OH", "43215", "US")
WORK = Address("7700 Crosswoods Dr", "Columbus", "OH", "43235", "US")


def usd(value: str | float | None, currency: str | None = "USD") -> Money | None:
    """Money from text ("2709.78") or None."""
    return None if value is None else Money(Decimal(str(value)), currency)


def doc(document_id: str, document_type: str = "PAYSTUB") -> DocumentInfo:
    return DocumentInfo(
        document_id, "item", "/credit/payroll_income/get", f"{document_id}.pdf", document_type,
        "PROCESSING_COMPLETE", None, 1, "upload",
    )  # fmt: skip


def stub(
    document_id: str = "stub-1",
    *,
    gross: str | None = "2480.00",
    net: str | None = "1709.78",
    deductions: list[tuple[str, str | None, str | None]] | None = None,
    deductions_total: str | None = "770.22",
    earnings: list[Earning] | None = None,
    gross_ytd: str | None = None,
    net_ytd: str | None = None,
    pay_date: date | None = date(2026, 11, 6),
    period: tuple[date, date] | None = None,
    frequency: str | None = "BIWEEKLY",
    employer: str = "Northgate Distribution Co.",
    employer_address: Address | None = WORK,
    employee: str = "Derek Whitfield",
    employee_address: Address | None = HOME,
    currency: str | None = "USD",
    distributions: list[str] | None = None,
) -> PayStub:
    """A pay stub; deductions are (description, current, ytd)."""
    if deductions is None:
        deductions = [
            ("Federal Income Tax", "272.80", None),
            ("Social Security", "153.76", None),
            ("Medicare", "35.96", None),
            ("OH State Income Tax", "99.20", None),
            ("401(k)", "124.00", None),
            ("Medical Insurance", "84.50", None),
        ]
    if period is None and pay_date is not None:
        end = pay_date - timedelta(days=3)
        period = (end - timedelta(days=13), end)
    return PayStub(
        document=doc(document_id),
        employer=Party(employer, employer_address),
        employee=Party(employee, employee_address),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        pay_date=pay_date,
        pay_frequency=frequency,
        pay_basis="SALARY",
        gross_earnings=usd(gross, currency),
        pay_amount=usd(net, currency),
        earnings=tuple(
            earnings
            if earnings is not None
            else [Earning("Regular Pay", "REGULAR_PAY", usd(gross, currency), usd(gross_ytd, currency), None, None)]
        ),
        earnings_total=usd(gross, currency),
        earnings_total_ytd=usd(gross_ytd, currency),
        total_hours=None,
        deductions=tuple(Deduction(d, usd(c, currency), usd(y, currency)) for d, c, y in deductions),
        deductions_total=usd(deductions_total, currency),
        deductions_total_ytd=None,
        net_pay=usd(net, currency),
        net_pay_ytd=usd(net_ytd, currency),
        net_pay_description="Net Pay",
        distributions=tuple(
            Distribution("Chase", "Direct Deposit", "checking", "4417", usd(a, currency))
            for a in (distributions or [])
        ),
        payroll_account_id=None,
    )  # fmt: skip


def w2(
    document_id: str = "w2-1",
    *,
    year: str | None = "2025",
    employer: str = "Northgate Distribution Co.",
    box1: str | None = "61245.18",
    box3: str | None = "64307.44",
    box4: str | None = "3987.06",
    box5: str | None = "64307.44",
    box6: str | None = "932.46",
) -> W2:
    return W2(
        doc(document_id, "US_TAX_W2"), year, Party(employer, WORK), Party("Derek Whitfield", HOME),
        "12-3456789", usd(box1), None, usd(box3), usd(box4), usd(box5), usd(box6),
        None, None, None, None, None, (), None, None, None, None, (),
    )  # fmt: skip


def form_1099k(gross: str | None, months: list[str]) -> Form1099:
    names = ("january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december")  # fmt: skip
    amounts = (("gross_amount", usd(gross)),) if gross is not None else ()
    return Form1099(
        doc("k-1", "US_TAX_1099_K"), "FORM_1099_TYPE_K", "2025", Party("Payer"),
        Party("Derek Whitfield", HOME), Party(), None, None, None, None,
        amounts,  # type: ignore[arg-type]
        (), tuple((n, usd(m)) for n, m in zip(names, months, strict=False)),  # type: ignore[misc]
    )  # fmt: skip


def txn(day: date, amount: str, description: str, account: str = "acct") -> StatementTransaction:
    money = usd(amount)
    assert money is not None
    direction = "in" if money.amount < 0 else "out"
    return StatementTransaction("stmt-1", account, day, description, money, direction)


def statement(
    rows: list[StatementTransaction],
    periods: list[tuple[date, date, str, str]],
    *,
    document_id: str = "stmt-1",
    owner: str = "Derek Whitfield",
    number: str = "XXXX7730",
) -> BankStatement:
    account = StatementAccount(
        "acct", "Checking", "First Platypus Bank", "checking", number, owner, HOME,
        tuple(StatementPeriod(a, b, usd(s), usd(e)) for a, b, s, e in periods),
    )  # fmt: skip
    return BankStatement(doc(document_id, "BANK_STATEMENT"), (account,), tuple(rows))


def case(**parts: Any) -> CaseModel:
    """A case model with payroll stubs/W-2s/1099s and statements (the rest empty)."""
    from dataclasses import replace

    payroll = PayrollItem(
        "item", None, None, None, None, (),
        tuple(parts.pop("stubs", ())), tuple(parts.pop("w2s", ())), tuple(parts.pop("forms", ())),
    )  # fmt: skip
    statements = parts.pop("statements", ())
    items = (StatementItem("sitem", None, None, tuple(statements)),) if statements else ()
    return replace(EMPTY_CASE, payroll_items=(payroll,), statement_items=items, **parts)
