"""Checks on what a bank statement PDF prints, row by row: the running balance, and the
summary's counts and totals against the rows under it.

Plaid's JSON carries no running balance and no summary, so these read the statement's own text
layer (`reviewer.documents.statement_rows`, through the documents backend). A statement whose
rows print no balance column is "not applicable", said so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.documents.printed_rows import PrintedAmount, PrintedRow
from reviewer.review.findings import Finding, FindingLocation, failed, not_applicable, passed

RUNNING_BALANCE = "statement.running_balance"
SUMMARY = "statement.summary_vs_rows"

_CENT = 0.011
_COUNT = re.compile(r"\((\d+)\)")
MIN_BALANCE_ROWS = 3


@dataclass
class _Section:
    """One summary block and the rows under it, up to its ending balance."""

    deposits: tuple[int, float, PrintedAmount] | None = None
    withdrawals: tuple[int, float, PrintedAmount] | None = None
    seen_in: int = 0
    seen_out: int = 0
    total_in: float = 0.0
    total_out: float = 0.0
    page: int = 0


def _loc(document_id: str, page: int, amount: PrintedAmount) -> FindingLocation:
    x0, y0, x1, y1 = (round(v, 2) for v in amount.rect)
    return FindingLocation(document_id, page, (x0, y0, x1, y1))


def _column(amount: PrintedAmount) -> int:
    """Which amount column a value sits in: by its right edge (amounts are right-aligned)."""
    return round(amount.rect[2] / 6)


def column_directions(rows: Sequence[PrintedRow]) -> dict[int, int]:
    """Per amount column, +1 (deposits: the balance rises) or -1, learnt from the rows whose
    balance follows from the one before (a majority, so one edited balance does not decide)."""
    votes: dict[int, Counter[int]] = {}
    balance: float | None = None
    for row in rows:
        if not row.date or not row.amounts:
            continue
        if len(row.amounts) < 2:
            balance = row.amounts[-1].value if "beginning" in row.label.lower() else None
            continue
        amount, last = abs(row.amounts[-2].value), row.amounts[-1].value
        if balance is not None:
            for sign in (1, -1):
                if abs(balance + sign * amount - last) <= _CENT:
                    votes.setdefault(_column(row.amounts[-2]), Counter())[sign] += 1
        balance = last
    return {column: count.most_common(1)[0][0] for column, count in votes.items()}


def check_printed(document_id: str, name: str, rows: Sequence[PrintedRow]) -> list[Finding]:
    """Running balance and summary checks on one statement's printed rows."""
    ids = (document_id,)
    balance_rows = [r for r in rows if r.date and len(r.amounts) >= 2]
    if len(balance_rows) < MIN_BALANCE_ROWS:
        why = (
            "the statement has no text layer to read its rows from"
            if not rows
            else "the statement prints no running balance column"
        )
        return [
            not_applicable(RUNNING_BALANCE, "arithmetic", why, document_ids=ids),
            not_applicable(SUMMARY, "arithmetic", why, document_ids=ids),
        ]
    directions = column_directions(rows)
    return [
        _running(document_id, name, rows, directions),
        _summary(document_id, name, rows, directions),
    ]


def _running(
    document_id: str, name: str, rows: Sequence[PrintedRow], directions: dict[int, int]
) -> Finding:
    ids = (document_id,)
    balance: float | None = None
    # row, previous balance, signed amount (0: an ending balance), printed balance
    breaks: list[tuple[PrintedRow, float, float, float]] = []
    checked = 0
    for row in rows:
        label = row.label.lower()
        if not row.date or not row.amounts:
            continue
        last = row.amounts[-1].value
        if "beginning balance" in label or "opening balance" in label:
            balance = last
            continue
        if len(row.amounts) == 1:
            if ("ending balance" in label or "closing balance" in label) and balance is not None:
                checked += 1
                if abs(last - balance) > _CENT:
                    breaks.append((row, balance, 0.0, last))
                balance = None
            continue
        amount = abs(row.amounts[-2].value)
        sign = directions.get(_column(row.amounts[-2]))
        if balance is not None:
            checked += 1
            signs = (sign,) if sign else (1, -1)
            if all(abs(balance + s * amount - last) > _CENT for s in signs):
                breaks.append((row, balance, (sign or -1) * amount, last))
        balance = last
    if not breaks:
        return passed(
            RUNNING_BALANCE,
            "arithmetic",
            f"The running balance of {name} follows every row ({checked} rows checked)",
            document_ids=ids,
            values={"rows": checked},
        )
    row, previous, amount, printed_balance = breaks[0]
    closest = round(previous + amount, 2)
    verb = "plus" if amount > 0 else "minus"
    expected = f"{previous:,.2f} {verb} {abs(amount):,.2f}"
    more = f" ({len(breaks) - 1} more rows break after it)" if len(breaks) > 1 else ""
    finding = failed(
        RUNNING_BALANCE,
        "arithmetic",
        "high",
        f"The running balance breaks on page {row.page}: the {row.date} row "
        f"{row.label or ''} prints {printed_balance:,.2f}, the previous balance and the "
        f"amount give {closest:,.2f}" + (f" ({expected})" if amount else "") + more,
        document_ids=ids,
        values={
            "printed": round(printed_balance, 2),
            "computed": round(closest, 2),
            "difference": round(printed_balance - closest, 2),
            "page": row.page,
            "breaks": len(breaks),
        },
    )
    return Finding(
        **{
            **{k: getattr(finding, k) for k in finding.__dataclass_fields__},
            "locations": (_loc(document_id, row.page, row.amounts[-1]),),
        }
    )


def _summary(
    document_id: str, name: str, rows: Sequence[PrintedRow], directions: dict[int, int]
) -> Finding:
    ids = (document_id,)
    section: _Section | None = None
    balance: float | None = None
    compared = 0
    for row in rows:
        label = row.label.lower()
        count = _COUNT.search(row.label)
        if not row.date and row.amounts and count:
            if section is None or section.seen_in or section.seen_out:
                section = _Section(page=row.page)
            entry = (int(count.group(1)), abs(row.amounts[-1].value), row.amounts[-1])
            if "deposit" in label or "credit" in label:
                section.deposits = entry
            elif "withdrawal" in label or "debit" in label:
                section.withdrawals = entry
            continue
        if not row.date or not row.amounts:
            continue
        if "beginning balance" in label:
            balance = row.amounts[-1].value
            continue
        if "ending balance" in label and len(row.amounts) == 1:
            if section is not None:
                compared += 1
                problem = _compare(section)
                if problem is not None:
                    what, printed_count, printed_total, seen, total, amount = problem
                    finding = failed(
                        SUMMARY,
                        "arithmetic",
                        "high",
                        f"The statement's summary does not match its rows (page "
                        f"{section.page}): {what} printed as {printed_count} for "
                        f"{printed_total:,.2f}, the rows under it are {seen} for {total:,.2f}",
                        document_ids=ids,
                        values={
                            "printed_count": printed_count,
                            "printed": round(printed_total, 2),
                            "rows": seen,
                            "computed": round(total, 2),
                            "difference": round(printed_total - total, 2),
                        },
                    )
                    return Finding(
                        **{
                            **{k: getattr(finding, k) for k in finding.__dataclass_fields__},
                            "locations": (_loc(document_id, section.page, amount),),
                        }
                    )
            section, balance = None, None
            continue
        if section is not None and len(row.amounts) >= 2 and balance is not None:
            amount_value = abs(row.amounts[-2].value)
            # the column says deposit or withdrawal; the balance's move only when it is unknown
            sign = directions.get(_column(row.amounts[-2]))
            if sign == 1 or (sign is None and row.amounts[-1].value >= balance):
                section.seen_in += 1
                section.total_in += amount_value
            else:
                section.seen_out += 1
                section.total_out += amount_value
            balance = row.amounts[-1].value
    if not compared:
        return not_applicable(
            SUMMARY, "arithmetic", "the statement prints no summary with counts", document_ids=ids
        )
    return passed(
        SUMMARY,
        "arithmetic",
        f"The summary counts and totals of {name} match its rows ({compared} periods)",
        document_ids=ids,
        values={"periods": compared},
    )


def _compare(
    section: _Section,
) -> tuple[str, int, float, int, float, PrintedAmount] | None:
    for what, entry, seen, total in (
        ("deposits", section.deposits, section.seen_in, section.total_in),
        ("withdrawals", section.withdrawals, section.seen_out, section.total_out),
    ):
        if entry is None:
            continue
        count, printed_total, amount = entry
        if count != seen or abs(printed_total - total) > _CENT:
            return what, count, printed_total, seen, total, amount
    return None
