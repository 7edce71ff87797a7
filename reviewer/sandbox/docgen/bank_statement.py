"""A bank statement drawn from one Plaid `CreditBankStatementUploadObject` dict.

Per account and period: an account summary (beginning/ending balance, credits, debits) and the
transaction detail with a running balance, continuing over as many pages as needed. Every row
printed is a row of the JSON, in the Deposits or Withdrawals column by Plaid's sign (negative =
money in), and the statement's stated range covers every period printed: a statement is never
padded with made-up activity (`min_pages` only asserts the length a story relies on).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reviewer.sandbox.docgen._layout import Column
from reviewer.sandbox.docgen._pdf import GREY, LIGHT, Canvas, Page, fit
from reviewer.sandbox.docgen._types import (
    DocMeta,
    GeneratedDocument,
    Tamper,
    address_lines,
    date_text,
    default_meta,
    get,
    items,
    masked_account,
    money,
    number,
    parse_date,
    text,
)

_L, _R = 40.0, 572.0
_ROW = 12.5
_BOTTOM = 740.0
_GREEN = (0.0, 0.36, 0.29)
_COLUMNS = (
    Column("Date", _L, 92),
    Column("Description", 92, 352),
    Column("Withdrawals", 352, 424, "right"),
    Column("Deposits", 424, 496, "right"),
    Column("Balance", 496, _R, "right"),
)


@dataclass(frozen=True)
class Txn:
    """One printed transaction; `amount` follows Plaid's sign (negative = money in)."""

    day: date
    description: str
    amount: float


class _Writer:
    """Flows account sections and transaction rows over pages, repeating headers on each."""

    def __init__(self, canvas: Canvas, bank: str, owner: str, account_label: str) -> None:
        self.canvas = canvas
        self.bank = bank
        self.owner = owner
        self.account_label = account_label
        self.page: Page = canvas.new_page()
        self.y = self._page_header(first=True)
        self.row_number = 0

    def _page_header(self, *, first: bool) -> float:
        page = self.page
        page.fill(_L, 30, _R, 58, _GREEN)
        page.text(
            _L + 10,
            49,
            self.bank.upper() or "BANK",
            font="Helvetica-Bold",
            size=14,
            color=(1, 1, 1),
        )
        page.text(_R - 10, 48, "Member FDIC", size=7.5, color=(1, 1, 1), align="right")
        if first:
            return 70.0
        page.text(_L, 74, self.owner, font="Helvetica-Bold", size=8.5)
        page.text(_R, 74, self.account_label, size=8.5, align="right")
        return 84.0

    def ensure(self, height: float) -> None:
        """Start a new page when `height` points do not fit above the footer."""
        if self.y + height > _BOTTOM:
            self.page = self.canvas.new_page()
            self.y = self._page_header(first=False)

    def heading(self, title: str, right: str = "") -> None:
        """A section band, kept on the same page as at least a few rows after it."""
        self.ensure(16 + 5 * _ROW)
        self.page.fill(_L, self.y, _R, self.y + 15, _GREEN)
        self.page.text(_L + 5, self.y + 10.8, title, font="Helvetica-Bold", size=9, color=(1, 1, 1))
        self.page.text(_R - 5, self.y + 10.8, right, size=8.5, color=(1, 1, 1), align="right")
        self.y += 19

    def table_header(self) -> None:
        """The transaction table's column titles."""
        self.page.fill(_L, self.y, _R, self.y + _ROW, LIGHT)
        for column in _COLUMNS:
            self.page.text(
                column.anchor(),
                self.y + 9,
                column.title,
                font="Helvetica-Bold",
                size=7.5,
                align=column.align,
            )
        self.y += _ROW
        self.row_number = 0

    def row(self, cells: Sequence[str], *, bold: bool = False) -> None:
        """One transaction row; a page break repeats the column titles."""
        if self.y + _ROW > _BOTTOM:
            self.ensure(_BOTTOM)
            self.table_header()
        if self.row_number % 2:
            self.page.fill(_L, self.y, _R, self.y + _ROW, (0.965, 0.97, 0.965))
        font = "Helvetica-Bold" if bold else "Helvetica"
        for column, cell in zip(_COLUMNS, cells, strict=True):
            shown = fit(cell, column.x1 - column.x0 - 8, font, 7.8)
            self.page.text(
                column.anchor(), self.y + 9, shown, font=font, size=7.8, align=column.align
            )
        self.y += _ROW
        self.row_number += 1


def _summary(w: _Writer, opening: float | None, closing: float | None, txns: Sequence[Txn]) -> None:
    credits = [t.amount for t in txns if t.amount < 0]
    debits = [t.amount for t in txns if t.amount > 0]
    lines = [
        ("Beginning balance", money(opening)),
        (f"Deposits and other credits ({len(credits)})", money(-sum(credits))),
        (f"Withdrawals and other debits ({len(debits)})", money(sum(debits) if debits else 0.0)),
        ("Ending balance", money(closing)),
    ]
    w.ensure(len(lines) * 14 + 10)
    for index, (label, value) in enumerate(lines):
        bold = index in (0, 3)
        font = "Helvetica-Bold" if bold else "Helvetica"
        w.page.text(_L + 6, w.y + 10, label, font=font, size=8.5)
        w.page.text(300, w.y + 10, value, font=font, size=8.5, align="right")
        w.page.line(_L, w.y + 13.5, 306, w.y + 13.5, color=LIGHT, width=0.5)
        w.y += 14
    w.y += 10


def _period_section(
    w: _Writer,
    title: str,
    start: object,
    end: object,
    opening: float | None,
    closing: float | None,
    txns: Sequence[Txn],
) -> None:
    w.heading(title, f"{date_text(start)} - {date_text(end)}")
    _summary(w, opening, closing, txns)
    w.ensure(4 * _ROW)
    w.table_header()
    balance = opening
    w.row([date_text(start), "Beginning Balance", "", "", money(opening)], bold=True)
    for txn in txns:
        balance = None if balance is None else round(balance - txn.amount, 2)
        out, into = (money(txn.amount), "") if txn.amount > 0 else ("", money(-txn.amount))
        w.row([date_text(txn.day), txn.description, out, into, money(balance)])
    w.row([date_text(end), "Ending Balance", "", "", money(closing)], bold=True)
    w.y += 12


def _account_txns(
    statement: Mapping[str, Any], account: Mapping[str, Any], only_account: bool
) -> list[dict[str, Any]]:
    account_id = get(account, "account_id")
    own = [t for t in items(statement, "transactions") if get(t, "account_id") == account_id]
    if not own and only_account:
        own = items(statement, "transactions")
    return own


def _to_txn(raw: Mapping[str, Any]) -> Txn:
    day = parse_date(get(raw, "date")) or date(1970, 1, 1)
    return Txn(day, text(get(raw, "original_description")), number(get(raw, "amount")) or 0.0)


def bank_statement_pdf(
    statement: Mapping[str, Any],
    *,
    min_pages: int = 1,
    tampers: Sequence[Tamper] = (),
    meta: DocMeta | None = None,
) -> GeneratedDocument:
    """Render a statement with a bank header, owner block, account summaries, transaction detail
    with running balances and "Page x of y" footers; at least `min_pages` pages long."""
    canvas = Canvas()
    accounts = items(statement, "bank_accounts") or [{}]
    first = accounts[0]
    bank = text(get(first, "bank_name"))
    owner = text(get(first, "owner", "name"))
    number_shown = masked_account(get(first, "account_number"))
    w = _Writer(canvas, bank, owner, f"{text(get(first, 'name'))} {number_shown}".strip())
    periods_all = [p for a in accounts for p in items(a, "periods")]
    first_period = periods_all[0] if periods_all else {}
    last_period = periods_all[-1] if periods_all else {}
    starts = [d for d in (parse_date(get(p, "start_date")) for p in periods_all) if d]
    ends = [d for d in (parse_date(get(p, "end_date")) for p in periods_all) if d]
    stated_start = min(starts) if starts else get(first_period, "start_date")
    stated_end = max(ends) if ends else get(last_period, "end_date")

    # First page: mailing block left, statement identity right.
    page = w.page
    page.text(_L, 90, owner, font="Helvetica-Bold", size=10)
    y = 102.0
    for line in address_lines(get(first, "owner", "address")):
        page.text(_L, y, line, size=9)
        y += 11
    page.text(
        _R, 86, "Statement of Account", font="Helvetica-Bold", size=13, color=_GREEN, align="right"
    )
    page.text(
        _R,
        100,
        f"{date_text(stated_start)} through {date_text(stated_end)}",
        size=9,
        align="right",
    )
    page.text(_R, 112, f"Account number: {number_shown}", size=9, align="right")
    page.text(
        _R,
        124,
        "Questions? Call 1-800-555-0123 or visit us online.",
        size=7.5,
        color=GREY,
        align="right",
    )
    w.y = max(y, 132.0) + 14

    for account in accounts:
        label = f"{text(get(account, 'name')) or 'Account'} - {text(get(account, 'account_type')).title()}"
        label = f"{label} {masked_account(get(account, 'account_number'))}".strip(" -")
        raw = sorted(
            (_to_txn(t) for t in _account_txns(statement, account, len(accounts) == 1)),
            key=lambda t: (t.day, t.amount),
        )
        periods = items(account, "periods") or [{}]
        for index, period in enumerate(periods):
            end = parse_date(get(period, "end_date"))
            last = index == len(periods) - 1
            # Rows dated before the period stay with it; the last period takes any stragglers.
            in_period = [last or end is None or t.day <= end for t in raw]
            txns = [t for t, keep in zip(raw, in_period, strict=True) if keep]
            raw = [t for t, keep in zip(raw, in_period, strict=True) if not keep]
            opening = number(get(period, "starting_balance"))
            closing = number(get(period, "ending_balance"))
            if opening is None and closing is not None:
                opening = round(closing + sum(t.amount for t in txns), 2)
            _period_section(
                w, label, get(period, "start_date"), get(period, "end_date"), opening, closing, txns
            )

    if len(canvas.pages) < min_pages:
        raise ValueError(
            f"the statement's rows fill {len(canvas.pages)} pages, fewer than the {min_pages} "
            "asked for: give it more transactions (it is never padded with made-up activity)"
        )

    canvas.apply_tampers(tampers)
    issued = stated_end if isinstance(stated_end, date) else parse_date(stated_end)
    chosen = meta or default_meta(issued, "Statement Rendering Service")
    footer = f"{bank} - {owner} - Statement period ending {date_text(stated_end)}"
    return canvas.render(chosen, footer=footer)
