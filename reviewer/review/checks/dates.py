"""Dates: pay dates in the future, on weekends or bank holidays, periods ending after the pay
date, documents dated outside the verification window.

Every date is judged from the evidence day (`reviewer.review.checks.as_of`): when Plaid gathered
the evidence, not the reviewer's calendar, so the findings do not change with the day they are
computed.

Bank holidays are the Federal Reserve's (`fed_holidays`): payroll direct deposits do not
settle on them, so a pay date on one is unusual (a payroll provider moves it to the business
day before).
"""

from __future__ import annotations

from datetime import date, timedelta

from reviewer.review.checks.as_of import AsOf
from reviewer.review.checks.common import day_words, stub_name
from reviewer.review.checks.fed_holidays import bank_holiday
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import CaseModel, PayStub

FUTURE = "dates.pay_date_in_future"
BUSINESS_DAY = "dates.pay_date_business_day"
PERIOD_AFTER_PAY = "dates.period_ends_after_pay_date"
WINDOW = "dates.within_verification_window"

# how recent the evidence must be for an income verification (common lender practice)
STUB_WINDOW_DAYS = 90
STATEMENT_WINDOW_DAYS = 120
W2_YEARS = 2
# payroll systems publish a stub a few days before its pay date (the deposit is scheduled)
ISSUED_AHEAD_DAYS = 3


def check_dates(model: CaseModel, as_of: AsOf) -> list[Finding]:
    """Every date check, judged from the evidence day `as_of`."""
    out: list[Finding] = []
    for stub in model.pay_stubs:
        out.extend(_stub_dates(stub, as_of))
    out.extend(_window(model, as_of))
    return out


def _stub_dates(stub: PayStub, as_of: AsOf) -> list[Finding]:
    ids = (stub.document.document_id,)
    if stub.pay_date is None:
        return [not_applicable(FUTURE, "dates", "the stub gives no pay date", document_ids=ids)]
    pay = stub.pay_date
    out = []
    ahead = (pay - as_of.day).days
    if ahead > 0:
        soon = ahead <= ISSUED_AHEAD_DAYS
        out.append(
            failed(
                FUTURE, "dates", "low" if soon else "high",
                f"Pay date {day_words(pay)} is {ahead} day(s) after the evidence was gathered "
                f"({as_of.words}) on {stub_name(stub)}"
                + ("; payroll systems publish a stub a few days ahead: confirm the deposit"
                   if soon else ""),
                document_ids=ids,
                values={"pay_date": pay.isoformat(), "as_of": as_of.day.isoformat(),
                        "as_of_source": as_of.source, "days_after": ahead},
                where=[(stub.document.document_id, 0, day_words(pay))],
            )
        )  # fmt: skip
    else:
        out.append(
            passed(
                FUTURE, "dates", f"Pay date {day_words(pay)} is not in the future", document_ids=ids
            )
        )
    holiday = bank_holiday(pay)
    if pay.weekday() >= 5 or holiday:
        what = holiday or ("a Saturday" if pay.weekday() == 5 else "a Sunday")
        out.append(
            failed(
                BUSINESS_DAY, "dates", "low",
                f"Pay date {day_words(pay)} falls on {what}, when payroll deposits do not "
                f"settle ({stub_name(stub)})",
                document_ids=ids, values={"pay_date": pay.isoformat(), "day": what},
                where=[(stub.document.document_id, 0, day_words(pay))],
            )
        )  # fmt: skip
    else:
        out.append(
            passed(
                BUSINESS_DAY,
                "dates",
                f"Pay date {day_words(pay)} is a business day",
                document_ids=ids,
            )
        )
    if stub.period_end is None:
        out.append(
            not_applicable(
                PERIOD_AFTER_PAY, "dates", "the stub gives no pay period end", document_ids=ids
            )
        )
    elif stub.period_end > pay:
        out.append(
            failed(
                PERIOD_AFTER_PAY, "dates", "medium",
                f"The pay period ends {day_words(stub.period_end)}, after the pay date "
                f"{day_words(pay)} ({stub_name(stub)})",
                document_ids=ids,
                values={"period_end": stub.period_end.isoformat(), "pay_date": pay.isoformat(),
                        "days": (stub.period_end - pay).days},
                where=[(stub.document.document_id, 0, day_words(stub.period_end))],
            )
        )  # fmt: skip
    else:
        out.append(passed(PERIOD_AFTER_PAY, "dates", f"The pay period ends {day_words(stub.period_end)}, on or before the pay date", document_ids=ids))  # fmt: skip
    return out


def _window(model: CaseModel, as_of: AsOf) -> list[Finding]:
    out: list[Finding] = []
    today = as_of.day
    # a stub dated in the future is judged by its own check; the window asks how recent the
    # newest believable evidence is
    latest_believable = today + timedelta(days=ISSUED_AHEAD_DAYS)
    stubs = [
        s for s in model.pay_stubs if s.pay_date is not None and s.pay_date <= latest_believable
    ]
    if stubs:
        latest = max(stubs, key=lambda s: s.pay_date or date.min)
        assert latest.pay_date is not None
        age = (today - latest.pay_date).days
        ids = tuple(s.document.document_id for s in stubs)
        if age > STUB_WINDOW_DAYS:
            out.append(failed(
                WINDOW, "dates", "medium",
                f"The newest pay stub is {age} days old (paid {day_words(latest.pay_date)}) when "
                f"the evidence was gathered ({as_of.words}): outside a {STUB_WINDOW_DAYS}-day "
                "verification window",
                document_ids=ids, values={"age_days": age, "window_days": STUB_WINDOW_DAYS,
                                          "as_of": today.isoformat(), "as_of_source": as_of.source},
            ))  # fmt: skip
        else:
            out.append(passed(WINDOW, "dates", f"The newest pay stub ({day_words(latest.pay_date)}) is within {STUB_WINDOW_DAYS} days", document_ids=ids))  # fmt: skip
    ends = [
        (p.end, s) for s in model.bank_statements for a in s.accounts for p in a.periods if p.end
    ]
    if ends:
        end, statement = max(ends, key=lambda e: e[0])
        age = (today - end).days
        ids = (statement.document.document_id,)
        if age > STATEMENT_WINDOW_DAYS:
            out.append(failed(
                WINDOW, "dates", "medium",
                f"The newest bank statement ends {day_words(end)}, {age} days before the evidence "
                f"was gathered ({as_of.words}): outside a {STATEMENT_WINDOW_DAYS}-day "
                "verification window",
                document_ids=ids, values={"age_days": age, "window_days": STATEMENT_WINDOW_DAYS,
                                          "as_of": today.isoformat(), "as_of_source": as_of.source},
            ))  # fmt: skip
        elif end > today + timedelta(days=1):
            out.append(failed(
                WINDOW, "dates", "high",
                f"The bank statement ends {day_words(end)}, after the evidence was gathered "
                f"({as_of.words})",
                document_ids=ids, values={"end": end.isoformat(), "as_of": today.isoformat(),
                                          "as_of_source": as_of.source},
            ))  # fmt: skip
        else:
            out.append(passed(WINDOW, "dates", f"The newest bank statement (ending {day_words(end)}) is within {STATEMENT_WINDOW_DAYS} days", document_ids=ids))  # fmt: skip
    years = [int(w.tax_year[:4]) for w in model.w2s if w.tax_year and w.tax_year[:4].isdigit()]
    if years:
        ids = tuple(w.document.document_id for w in model.w2s)
        newest = max(years)
        if newest > today.year:
            out.append(failed(WINDOW, "dates", "high", f"A W-2 for tax year {newest} cannot exist before {newest + 1} (evidence gathered: {as_of.words})", document_ids=ids, values={"tax_year": newest, "as_of": today.isoformat()}))  # fmt: skip
        elif newest < today.year - W2_YEARS:
            out.append(failed(WINDOW, "dates", "low", f"The newest W-2 is for {newest}: older than the last {W2_YEARS} tax years when the evidence was gathered ({as_of.words})", document_ids=ids, values={"tax_year": newest, "as_of": today.isoformat()}))  # fmt: skip
        else:
            out.append(passed(WINDOW, "dates", f"The newest W-2 (tax year {newest}) is within the last {W2_YEARS} tax years", document_ids=ids))  # fmt: skip
    if not out:
        out.append(not_applicable(WINDOW, "dates", "no dated pay stub, statement or W-2"))
    return out
