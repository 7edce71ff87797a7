"""Bank statement checks on Plaid's reading of the statement: balances, periods, duplicates.

Plaid's sign: a negative amount is money into the account, so a period's ending balance is its
starting balance minus the sum of its amounts.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from reviewer.review.checks.common import cents, day_words, differs, number, printed, words
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import (
    BankStatement,
    StatementAccount,
    StatementPeriod,
    StatementTransaction,
)

BALANCE = "statement.balance_equation"
PERIODS = "statement.period_continuity"
DUPLICATES = "statement.duplicate_transactions"
OUTSIDE = "statement.transactions_outside_periods"


def _account_rows(
    statement: BankStatement, account: StatementAccount
) -> list[StatementTransaction]:
    rows = [t for t in statement.transactions if t.account_id == account.account_id]
    if not rows and len(statement.accounts) == 1:
        rows = list(statement.transactions)  # a one-account statement may not repeat its id
    return rows


def check_statement(statement: BankStatement) -> list[Finding]:
    """Balance equation per account and period, rows outside periods, duplicate rows."""
    out: list[Finding] = []
    for account in statement.accounts or ():
        rows = _account_rows(statement, account)
        out.extend(balance_equation(statement, account, rows))
        out.append(outside_periods(statement, account, rows))
    out.append(duplicates(statement))
    return out


def balance_equation(
    statement: BankStatement, account: StatementAccount, rows: Sequence[StatementTransaction]
) -> list[Finding]:
    """Beginning + deposits - withdrawals = ending, for each period of the account."""
    ids = (statement.document.document_id,)
    out = []
    if not account.periods:
        return [
            not_applicable(
                BALANCE,
                "arithmetic",
                f"{account.label}: no statement period given",
                document_ids=ids,
            )
        ]
    for period in account.periods:
        span = f"{day_words(period.start)}-{day_words(period.end)}"
        if (
            period.start is None
            or period.end is None
            or period.starting_balance is None
            or period.ending_balance is None
        ):
            out.append(
                not_applicable(
                    BALANCE,
                    "arithmetic",
                    f"{account.label} {span}: the period's dates or balances are not given",
                    document_ids=ids,
                )
            )
            continue
        inside = [
            t
            for t in rows
            if t.date is not None and period.start <= t.date <= period.end and t.amount is not None
        ]
        currencies = {t.amount.currency for t in inside if t.amount and t.amount.currency}
        currencies |= {
            m.currency for m in (period.starting_balance, period.ending_balance) if m.currency
        }
        if len(currencies) > 1:
            out.append(
                not_applicable(
                    BALANCE,
                    "arithmetic",
                    f"{account.label} {span}: amounts in different currencies ({' and '.join(sorted(currencies))})",
                    document_ids=ids,
                )
            )
            continue
        deposits = sum(
            (-t.amount.amount for t in inside if t.amount and t.amount.amount < 0), Decimal(0)
        )
        withdrawals = sum(
            (t.amount.amount for t in inside if t.amount and t.amount.amount > 0), Decimal(0)
        )
        start, end = period.starting_balance.amount, period.ending_balance.amount
        computed = cents(start + deposits - withdrawals)
        values = {
            "beginning": number(start), "deposits": number(deposits),
            "withdrawals": number(withdrawals), "printed": number(end),
            "computed": number(computed), "difference": number(end - computed),
            "transactions": len(inside),
        }  # fmt: skip
        if not differs(end, computed):
            out.append(
                passed(
                    BALANCE,
                    "arithmetic",
                    f"{account.label} {span}: beginning {words(start)} + deposits "
                    f"{words(deposits)} - withdrawals {words(withdrawals)} = ending {words(end)}",
                    document_ids=ids,
                    values=values,
                )
            )
            continue
        out.append(
            failed(
                BALANCE,
                "arithmetic",
                "high",
                f"Ending balance does not follow from the transactions: printed {words(end)}, "
                f"computed {words(computed)} (beginning {words(start)} + deposits "
                f"{words(deposits)} - withdrawals {words(withdrawals)}), {account.label} {span}",
                document_ids=ids,
                values=values,
                where=[(statement.document.document_id, 0, printed(end))],
            )
        )
    return out


def outside_periods(
    statement: BankStatement, account: StatementAccount, rows: Sequence[StatementTransaction]
) -> Finding:
    """Every transaction falls inside one of the account's statement periods."""
    ids = (statement.document.document_id,)
    spans = [(p.start, p.end) for p in account.periods if p.start and p.end]
    if not spans:
        return not_applicable(
            OUTSIDE, "dates", f"{account.label}: no statement period given", document_ids=ids
        )
    outside = [
        t for t in rows if t.date is not None and not any(a <= t.date <= b for a, b in spans)
    ]
    if not outside:
        return passed(
            OUTSIDE, "dates",
            f"All {len(rows)} transactions of {account.label} fall inside the statement's periods",
            document_ids=ids, values={"transactions": len(rows)},
        )  # fmt: skip
    first = outside[0]
    return failed(
        OUTSIDE,
        "dates",
        "medium",
        f"{len(outside)} transactions of {account.label} are dated outside the statement's "
        f"periods, the first {day_words(first.date)} {first.description or ''} {words(first.value)}",
        document_ids=ids,
        values={
            "outside": len(outside),
            "first_date": first.date.isoformat() if first.date else None,
        },
    )


def duplicates(statement: BankStatement) -> Finding:
    """The same date, amount and description twice on one account."""
    ids = (statement.document.document_id,)
    keys = Counter(
        (
            t.account_id,
            t.date,
            t.amount.amount if t.amount else None,
            (t.description or "").strip().lower(),
        )
        for t in statement.transactions
        if t.date is not None and t.amount is not None
    )
    repeated = [(k, n) for k, n in keys.items() if n > 1]
    if not repeated:
        return passed(
            DUPLICATES, "arithmetic",
            f"No duplicate rows among {len(statement.transactions)} transactions",
            document_ids=ids, values={"transactions": len(statement.transactions)},
        )  # fmt: skip
    (_, day, amount, description), count = repeated[0]
    return failed(
        DUPLICATES,
        "arithmetic",
        "medium",
        f"Duplicate transaction: {description.upper()} {words(amount)} on {day_words(day)} "
        f"appears {count} times" + (f" (+{len(repeated) - 1} more)" if len(repeated) > 1 else ""),
        document_ids=ids,
        values={
            "amount": number(amount),
            "date": day.isoformat() if day else None,
            "count": count,
            "duplicates": len(repeated),
        },
        where=[(statement.document.document_id, 0, description.upper())],
    )


def check_continuity(statements: Sequence[BankStatement]) -> list[Finding]:
    """Periods of one account continue across statements: no gap, balances carried over."""
    periods: dict[str, list[tuple[BankStatement, StatementPeriod]]] = defaultdict(list)
    for statement in statements:
        for account in statement.accounts:
            key = account.account_number or account.account_id or account.label
            for period in account.periods:
                periods[key].append((statement, period))
    out = []
    for key, found in periods.items():
        dated = sorted(
            ((s, p) for s, p in found if p.start is not None and p.end is not None),
            key=lambda sp: sp[1].start or date.min,
        )
        ids = tuple(dict.fromkeys(s.document.document_id for s, _ in dated))
        if len(dated) < 2:
            out.append(
                not_applicable(
                    PERIODS, "dates", f"account {key}: one statement period only", document_ids=ids
                )
            )
            continue
        problem = None
        for (_s1, p1), (s2, p2) in itertools.pairwise(dated):
            assert p1.end is not None
            assert p2.start is not None
            gap = (p2.start - p1.end).days - 1
            if gap > 0:
                problem = (
                    f"a gap of {gap} days between {day_words(p1.end)} and {day_words(p2.start)}",
                    s2,
                    p2,
                )
                break
            if gap < 0:
                problem = (
                    f"periods overlap: {day_words(p2.start)} starts before {day_words(p1.end)} ends",
                    s2,
                    p2,
                )
                break
            b1, b2 = p1.ending_balance, p2.starting_balance
            if b1 is not None and b2 is not None and differs(b1.amount, b2.amount):
                problem = (
                    f"the balance changes between statements: ending {words(b1)} on {day_words(p1.end)}, "
                    f"next beginning {words(b2)}",
                    s2,
                    p2,
                )
                break
        if problem is None:
            out.append(
                passed(
                    PERIODS,
                    "dates",
                    f"Account {key}: {len(dated)} statement periods follow each other with balances carried over",
                    document_ids=ids,
                )
            )
            continue
        words_, statement, period = problem
        out.append(
            failed(
                PERIODS, "dates", "medium", f"Statement periods of account {key} are not continuous: {words_}",
                document_ids=ids,
                where=[(statement.document.document_id, 0, day_words(period.start))],
            )
        )  # fmt: skip
    return out
