"""Does the money arrive? Pay stubs against the applicant's own bank deposits and bank income.

Deposits are read from uploaded statements (negative amounts: money in) and from bank income
transactions (income by construction; their amounts are taken as magnitudes). A stub's net pay,
or each of its direct-deposit lines, should arrive within a few days of the pay date, to the
cent, from a depositor whose name matches the employer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from reviewer.review.checks.common import cents, day_words, number, printed, stub_name, words
from reviewer.review.checks.names import company_score, same_company
from reviewer.review.checks.taxes import PERIODS_PER_YEAR
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import CaseModel, PayStub

NET_PAY_DEPOSIT = "reconcile.net_pay_deposited"
INCOME_SOURCES = "reconcile.income_sources_vs_employers"
MONTHLY_INCOME = "reconcile.monthly_income"

DAYS_BEFORE, DAYS_AFTER = 2, 5  # a deposit may post a little before or after the pay date
MATCH_SCORE = 85


@dataclass(frozen=True)
class Deposit:
    """Money into one of the applicant's accounts."""

    day: date
    amount: Decimal
    currency: str | None
    description: str
    document_id: str | None  # the statement that prints it (None: bank income data)
    source: str  # "statement" | "bank income"


def deposits(model: CaseModel) -> list[Deposit]:
    """Every deposit in the case's statements and bank income transactions (deduplicated)."""
    out: list[Deposit] = []
    for statement, t in model.statement_transactions():
        if t.direction == "in" and t.date is not None and t.value is not None:
            out.append(
                Deposit(
                    t.date,
                    t.value.amount,
                    t.value.currency,
                    t.description or "",
                    statement.document.document_id,
                    "statement",
                )
            )
    seen: set[tuple[date, Decimal, str]] = {(d.day, d.amount, d.description) for d in out}
    for report in model.bank_income:
        for item in report.items:
            for source in item.sources:
                for month in source.history:
                    for income in month.transactions:
                        if income.date is None or income.amount is None:
                            continue
                        text = (
                            income.original_description or income.name or source.description or ""
                        )
                        key = (income.date, abs(income.amount.amount), text)
                        if key in seen:
                            continue
                        seen.add(key)
                        out.append(
                            Deposit(
                                income.date,
                                abs(income.amount.amount),
                                income.amount.currency,
                                text,
                                None,
                                "bank income",
                            )
                        )
    out.sort(key=lambda d: d.day)
    return out


def _covered(deps: Sequence[Deposit], model: CaseModel, day: date) -> bool:
    """Whether the bank data spans the pay date (else a missing deposit proves nothing)."""
    for statement in model.bank_statements:
        for account in statement.accounts:
            for p in account.periods:
                if p.start and p.end and p.start <= day <= p.end - timedelta(days=DAYS_AFTER):
                    return True
    for report in model.bank_income:
        s = report.summary
        if s and s.start and s.end and s.start <= day <= s.end - timedelta(days=DAYS_AFTER):
            return True
    return False


def check_net_pay_deposits(model: CaseModel) -> list[Finding]:
    """Each stub's net pay (or direct-deposit lines) found as a deposit near its pay date."""
    deps = deposits(model)
    out = []
    for stub in model.pay_stubs:
        out.append(_stub_deposit(stub, deps, model))
    return out


def _stub_deposit(stub: PayStub, deps: Sequence[Deposit], model: CaseModel) -> Finding:
    ids = (stub.document.document_id,)
    if stub.pay_date is None or stub.net_pay is None:
        return not_applicable(
            NET_PAY_DEPOSIT,
            "reconciliation",
            "the stub gives no pay date or net pay",
            document_ids=ids,
        )
    if not deps and not model.bank_statements and not model.bank_income:
        return not_applicable(
            NET_PAY_DEPOSIT, "reconciliation",
            "the case has no bank statements or bank income to find the deposit in", document_ids=ids,
        )  # fmt: skip
    if not _covered(deps, model, stub.pay_date):
        return not_applicable(
            NET_PAY_DEPOSIT, "reconciliation",
            f"the bank data does not cover the pay date {day_words(stub.pay_date)}", document_ids=ids,
        )  # fmt: skip
    lines = [
        d.amount.amount for d in stub.distributions if d.amount is not None and d.amount.amount > 0
    ]
    wanted = lines if len(lines) > 1 else [stub.net_pay.amount]
    window = [
        d for d in deps
        if stub.pay_date - timedelta(days=DAYS_BEFORE) <= d.day <= stub.pay_date + timedelta(days=DAYS_AFTER)
        and (d.currency is None or stub.net_pay.currency is None or d.currency == stub.net_pay.currency)
    ]  # fmt: skip
    employer = stub.employer.name
    matched: list[Deposit] = []
    wrong_name: list[Deposit] = []
    for amount in wanted:
        same_amount = [d for d in window if abs(d.amount - amount) <= Decimal("0.01")]
        named = [d for d in same_amount if same_company(d.description, employer)]
        if named:
            matched.append(named[0])
        elif same_amount:
            wrong_name.append(same_amount[0])
    net = stub.net_pay
    values: dict[str, str | float | int | None] = {
        "net_pay": number(net), "pay_date": stub.pay_date.isoformat(), "employer": employer,
        "deposits_in_window": len(window),
    }  # fmt: skip
    if len(matched) == len(wanted):
        first = matched[0]
        values |= {
            "deposit": number(first.amount),
            "deposit_date": first.day.isoformat(),
            "depositor": first.description,
        }
        where_ids = tuple(dict.fromkeys([*ids, *(d.document_id for d in matched if d.document_id)]))
        return passed(
            NET_PAY_DEPOSIT, "reconciliation",
            f"Net pay {words(net)} of {stub_name(stub)} reached the bank on {day_words(first.day)} "
            f"from {first.description!r}",
            document_ids=where_ids, values=values,
        )  # fmt: skip
    if wrong_name:
        d = wrong_name[0]
        values |= {"deposit": number(d.amount), "deposit_date": d.day.isoformat(), "depositor": d.description,
                   "name_score": round(company_score(d.description, employer), 1)}  # fmt: skip
        return failed(
            NET_PAY_DEPOSIT, "reconciliation", "medium",
            f"A deposit of net pay {words(net)} arrived on {day_words(d.day)} but from "
            f"{d.description!r}, not the employer {employer!r} ({stub_name(stub)})",
            document_ids=tuple(dict.fromkeys([*ids, *([d.document_id] if d.document_id else [])])),
            values=values,
            where=[(d.document_id, 0, printed(d.amount))] if d.document_id else [],
        )  # fmt: skip
    nearest = min(window, key=lambda d: abs(d.amount - net.amount), default=None)
    if nearest is not None:
        values |= {"nearest_deposit": number(nearest.amount), "nearest_date": nearest.day.isoformat(),
                   "nearest_depositor": nearest.description}  # fmt: skip
    return failed(
        NET_PAY_DEPOSIT, "reconciliation", "high",
        f"Net pay never reached the bank: no deposit of {words(net)} within {DAYS_BEFORE} days "
        f"before to {DAYS_AFTER} days after the pay date {day_words(stub.pay_date)} "
        f"({employer or 'employer not named'})"
        + (f"; nearest deposit {words(nearest.amount)} on {day_words(nearest.day)} from {nearest.description!r}"
           if nearest is not None else ""),
        document_ids=ids, values=values,
        where=[(stub.document.document_id, 0, printed(net))],
    )  # fmt: skip


def _employers(model: CaseModel) -> list[str]:
    names = [s.employer.name for s in model.pay_stubs]
    names += [w.employer.name for w in model.w2s]
    # a job that ended is not expected to pay into today's accounts
    names += [e.employer for e in model.employments if e.end is None]
    unique: list[str] = []
    for name in names:
        if name and not any(same_company(name, u) for u in unique):
            unique.append(name)
    return unique


def check_income_sources(model: CaseModel) -> Finding:
    """Salary sources Plaid found in the bank against the employers on stubs, W-2s, employment."""
    employers = _employers(model)
    sources = [
        s for r in model.bank_income for i in r.items for s in i.sources
        if (s.category or "").upper() == "SALARY" and s.description
    ]  # fmt: skip
    if not employers or not sources:
        why = (
            "no employer named on stubs, W-2s or employment data"
            if not employers
            else "bank income shows no salary source"
        )
        return not_applicable(INCOME_SOURCES, "reconciliation", why)
    missing = [e for e in employers if not any(same_company(s.description, e) for s in sources)]
    values: dict[str, str | float | int | None] = {
        "employers": len(employers),
        "salary_sources": len(sources),
    }
    if not missing:
        return passed(
            INCOME_SOURCES, "reconciliation",
            f"Every employer on the documents ({', '.join(employers)}) pays into the bank",
            values=values,
        )  # fmt: skip
    values["missing"] = ", ".join(missing)
    return failed(
        INCOME_SOURCES, "reconciliation", "high",
        f"No salary deposits from {', '.join(missing)} in bank income; its salary sources are "
        + ", ".join(repr(s.description) for s in sources),
        values=values,
    )  # fmt: skip


def check_monthly_income(model: CaseModel) -> Finding:
    """Monthly net pay the stubs imply against bank income's monthly salary deposits."""
    stubs = [
        s
        for s in model.pay_stubs
        if s.net_pay is not None and (s.pay_frequency or "").upper() in PERIODS_PER_YEAR
    ]
    reports = [r for r in model.bank_income if r.summary is not None]
    if not stubs or not reports:
        why = "no pay stub with net pay and frequency" if not stubs else "no bank income report"
        return not_applicable(MONTHLY_INCOME, "reconciliation", why)
    latest = max(stubs, key=lambda s: s.pay_date or date.min)
    assert latest.net_pay is not None
    monthly_claim = cents(
        latest.net_pay.amount * PERIODS_PER_YEAR[(latest.pay_frequency or "").upper()] / 12
    )
    received = Decimal(0)
    days = 0
    for r in reports:
        assert r.summary is not None
        if r.summary.start is None or r.summary.end is None:
            continue
        found = [
            h.total.amount
            for i in r.items
            for s in i.sources
            if same_company(s.description, latest.employer.name)
            for h in s.history
            if h.total is not None
        ]
        if found:
            received += sum((abs(m) for m in found), Decimal(0))
            days = max(days, (r.summary.end - r.summary.start).days + 1)
    if not days:
        return not_applicable(
            MONTHLY_INCOME, "reconciliation",
            f"bank income shows no deposits from {latest.employer.name or 'the employer'} to compare",
            document_ids=(latest.document.document_id,),
        )  # fmt: skip
    # the report's window rarely holds whole months: a month is 365.25 / 12 days of it
    banked = cents(received / days * Decimal("30.4375"))
    values = {"stub_monthly_net": number(monthly_claim), "bank_monthly": number(banked),
              "days": days, "difference": number(monthly_claim - banked)}  # fmt: skip
    if banked >= monthly_claim * Decimal("0.85"):
        return passed(
            MONTHLY_INCOME, "reconciliation",
            f"Monthly net pay on the stubs ({words(monthly_claim)}) is matched by bank deposits "
            f"({words(banked)} a month)",
            document_ids=(latest.document.document_id,), values=values,
        )  # fmt: skip
    return failed(
        MONTHLY_INCOME, "reconciliation", "high",
        f"The stubs claim more income than reaches the bank: {words(monthly_claim)} net a month "
        f"on the stubs, {words(banked)} a month deposited from {latest.employer.name}",
        document_ids=(latest.document.document_id,), values=values,
    )  # fmt: skip
