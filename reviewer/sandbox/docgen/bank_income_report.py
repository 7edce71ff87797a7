"""The Bank Income report PDF (as `/credit/bank_income/pdf/get` returns) from a `CreditBankIncome`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reviewer.sandbox.docgen._layout import Column
from reviewer.sandbox.docgen._pdf import GREY, LIGHT, Canvas, Page, fit
from reviewer.sandbox.docgen._types import (
    GeneratedDocument,
    date_text,
    default_meta,
    get,
    items,
    money,
    number,
    parse_date,
    text,
)

_L, _R = 40.0, 572.0
_ROW = 13.0
_BOTTOM = 740.0
_INK = (0.07, 0.09, 0.16)
_ACCENT = (0.0, 0.45, 0.55)


class _Flow:
    """Blocks flowing down pages, each page opening with the report's running header."""

    def __init__(self, canvas: Canvas, subtitle: str) -> None:
        self.canvas = canvas
        self.subtitle = subtitle
        self.page: Page = canvas.new_page()
        self.y = self._header()

    def _header(self) -> float:
        self.page.text(_L, 48, "Bank Income Report", font="Helvetica-Bold", size=16, color=_INK)
        self.page.text(_R, 48, self.subtitle, size=8, color=GREY, align="right")
        self.page.fill(_L, 56, _R, 58, _ACCENT)
        return 76.0

    def new_page(self) -> None:
        """Continue on a fresh page."""
        self.page = self.canvas.new_page()
        self.y = self._header()

    def ensure(self, height: float) -> None:
        """Break the page when `height` points do not fit."""
        if self.y + height > _BOTTOM:
            self.new_page()

    def heading(self, title: str, size: float = 11.5) -> None:
        """A section title with a thin rule, kept with a few lines of what follows."""
        self.ensure(size + 6 * _ROW)
        self.page.text(_L, self.y + size, title, font="Helvetica-Bold", size=size, color=_INK)
        self.page.line(_L, self.y + size + 5, _R, self.y + size + 5, color=LIGHT, width=0.8)
        self.y += size + 14

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        """A table whose header repeats when the rows continue on the next page."""
        self.ensure(3 * _ROW)
        self._table_header(columns)
        for number_, row in enumerate(rows):
            if self.y + _ROW > _BOTTOM:
                self.new_page()
                self._table_header(columns)
            if number_ % 2:
                self.page.fill(_L, self.y, _R, self.y + _ROW, (0.96, 0.975, 0.98))
            for column, cell in zip(columns, row, strict=True):
                shown = fit(cell, column.x1 - column.x0 - 8, "Helvetica", 8)
                self.page.text(column.anchor(), self.y + 9.3, shown, size=8, align=column.align)
            self.y += _ROW
        self.page.line(_L, self.y, _R, self.y, color=LIGHT, width=0.6)
        self.y += 14

    def _table_header(self, columns: Sequence[Column]) -> None:
        self.page.fill(_L, self.y, _R, self.y + _ROW, LIGHT)
        for column in columns:
            self.page.text(
                column.anchor(),
                self.y + 9.3,
                column.title,
                font="Helvetica-Bold",
                size=7.5,
                align=column.align,
            )
        self.y += _ROW

    def facts(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Label/value lines in two columns."""
        for index in range(0, len(pairs), 2):
            self.ensure(_ROW + 2)
            for offset, x in ((0, _L), (1, 310.0)):
                if index + offset < len(pairs):
                    label, value = pairs[index + offset]
                    self.page.text(x, self.y + 10, label, size=8, color=GREY)
                    self.page.text(x + 118, self.y + 10, value, font="Helvetica-Bold", size=8.5)
            self.y += _ROW + 2
        self.y += 8


def _label(value: object) -> str:
    return text(value).replace("_", " ").title()


def _months(history: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    return [
        [
            date_text(get(h, "start_date")),
            date_text(get(h, "end_date")),
            str(len(items(h, "transactions"))),
            money(number(get(h, "total_amount"))),
        ]
        for h in history
    ]


_MONTH_COLUMNS = (
    Column("Period Start", _L, 150),
    Column("Period End", 150, 260),
    Column("Transactions", 260, 380, "right"),
    Column("Income", 380, _R, "right"),
)


def bank_income_report_pdf(bank_income: Mapping[str, Any]) -> GeneratedDocument:
    """Render a clean report: summary, income sources table, monthly history, and per-source detail
    (monthly totals and the deposits behind them). Always at least two pages."""
    canvas = Canvas()
    report_id = text(get(bank_income, "bank_income_id"))
    flow = _Flow(canvas, f"Report ID {report_id}" if report_id else "")
    summary = get(bank_income, "bank_income_summary") or {}
    owner_names = [
        text(name)
        for item in items(bank_income, "items")
        for account in items(item, "bank_income_accounts")
        for owner in items(account, "owners")
        for name in (get(owner, "names") or [])
    ]
    flow.facts(
        [
            ("Account holder", owner_names[0] if owner_names else ""),
            ("Generated", date_text(get(bank_income, "generated_time"))),
            ("Days requested", text(get(bank_income, "days_requested"))),
            (
                "Coverage",
                f"{date_text(get(summary, 'start_date'))} - {date_text(get(summary, 'end_date'))}",
            ),
            ("Total income", money(number(get(summary, "total_amount")))),
            ("Income sources", text(get(summary, "income_sources_count"))),
            ("Income categories", text(get(summary, "income_categories_count"))),
            ("Income transactions", text(get(summary, "income_transactions_count"))),
        ]
    )

    sources: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = [
        (item, source)
        for item in items(bank_income, "items")
        for source in items(item, "bank_income_sources")
    ]
    flow.heading("Income Sources")
    source_columns = (
        Column("Description", _L, 200),
        Column("Category", 200, 282),
        Column("Frequency", 282, 352),
        Column("First", 352, 410),
        Column("Last", 410, 468),
        Column("Count", 468, 506, "right"),
        Column("Total", 506, _R, "right"),
    )
    flow.table(
        source_columns,
        [
            [
                text(get(s, "income_description")),
                _label(get(s, "income_category")),
                _label(get(s, "pay_frequency")),
                date_text(get(s, "start_date")),
                date_text(get(s, "end_date")),
                text(get(s, "transaction_count")),
                money(number(get(s, "total_amount"))),
            ]
            for _item, s in sources
        ],
    )
    flow.heading("Institutions and Accounts")
    flow.table(
        (
            Column("Institution", _L, 220),
            Column("Account", 220, 420),
            Column("Last Updated", 420, _R),
        ),
        [
            [
                text(get(item, "institution_name")),
                f"{text(get(a, 'name'))} ({_label(get(a, 'subtype'))}) ...{text(get(a, 'mask'))}",
                date_text(get(item, "last_updated_time")),
            ]
            for item in items(bank_income, "items")
            for a in items(item, "bank_income_accounts")
        ],
    )

    flow.new_page()
    flow.heading("Monthly Income History (all sources)")
    flow.table(_MONTH_COLUMNS, _months(items(summary, "historical_summary")))
    for item, source in sources:
        flow.heading(
            f"{text(get(source, 'income_description'))} - {text(get(item, 'institution_name'))}", 10
        )
        flow.facts(
            [
                ("Category", _label(get(source, "income_category"))),
                ("Pay frequency", _label(get(source, "pay_frequency"))),
                ("Total", money(number(get(source, "total_amount")))),
                ("Transactions", text(get(source, "transaction_count"))),
            ]
        )
        history = items(source, "historical_summary")
        flow.table(_MONTH_COLUMNS, _months(history))
        deposits = [t for h in history for t in items(h, "transactions")]
        if deposits:
            flow.table(
                (
                    Column("Date", _L, 120),
                    Column("Description", 120, 480),
                    Column("Amount", 480, _R, "right"),
                ),
                [
                    [
                        date_text(get(t, "date")),
                        text(get(t, "original_description") or get(t, "name")),
                        money(abs(number(get(t, "amount")) or 0.0)),
                    ]
                    for t in deposits
                ],
            )
    day = parse_date(get(bank_income, "generated_time"))
    meta = default_meta(day, "Plaid Bank Income")
    return canvas.render(meta, footer=f"Bank Income Report {report_id}".strip())
