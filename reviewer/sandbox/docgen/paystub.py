"""A pay stub (earnings statement) drawn from a Plaid `CreditPayStub` dict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reviewer.sandbox.docgen._layout import Column, section, table
from reviewer.sandbox.docgen._pdf import GREY, Canvas
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
    masked_ssn,
    money,
    number,
    parse_date,
    text,
)

_LEFT, _RIGHT = 40.0, 572.0
_NAVY = (0.11, 0.22, 0.40)


def _hours(value: object) -> str:
    hours = number(value)
    return "" if hours is None else f"{hours:,.2f}"


def _rate(value: object) -> str:
    rate = number(value)
    return (
        ""
        if rate is None
        else f"{rate:,.4f}".rstrip("0").rstrip(".")
        if rate % 1
        else f"{rate:,.2f}"
    )


def paystub_pdf(
    paystub: Mapping[str, Any],
    *,
    tampers: Sequence[Tamper] = (),
    meta: DocMeta | None = None,
) -> GeneratedDocument:
    """Render a one-page earnings statement: employer header, employee block, earnings, deductions,
    net pay and the direct-deposit distribution. Missing fields print as blanks."""
    canvas = Canvas()
    page = canvas.new_page()
    period = get(paystub, "pay_period_details") or {}
    employer = get(paystub, "employer") or {}
    employee = get(paystub, "employee") or {}

    # Header: employer identity left, statement identity right.
    page.fill(_LEFT, 36, _RIGHT, 40, _NAVY)
    page.text(_LEFT, 62, text(get(employer, "name")), font="Helvetica-Bold", size=15)
    y = 76.0
    for line in address_lines(get(employer, "address")):
        page.text(_LEFT, y, line, size=9)
        y += 11
    page.text(
        _RIGHT, 60, "EARNINGS STATEMENT", font="Helvetica-Bold", size=13, color=_NAVY, align="right"
    )
    labels = [
        ("Pay Date:", date_text(get(period, "pay_date"))),
        ("Period Beginning:", date_text(get(period, "start_date"))),
        ("Period Ending:", date_text(get(period, "end_date"))),
        ("Pay Frequency:", text(get(period, "pay_frequency")).replace("_", " ").title()),
        ("Pay Basis:", text(get(period, "pay_basis")).title()),
    ]
    ly = 76.0
    for label, value in labels:
        page.text(_RIGHT - 95, ly, label, size=8.5, color=GREY, align="right")
        page.text(_RIGHT, ly, value, size=8.5, align="right")
        ly += 11
    y = max(y, ly) + 8
    page.line(_LEFT, y, _RIGHT, y, width=0.8)

    # Employee block and the net pay box.
    y += 16
    page.text(_LEFT, y, "EMPLOYEE", font="Helvetica-Bold", size=7.5, color=GREY)
    page.text(_LEFT, y + 14, text(get(employee, "name")), font="Helvetica-Bold", size=10.5)
    ey = y + 27
    for line in address_lines(get(employee, "address")):
        page.text(_LEFT, ey, line, size=9)
        ey += 11
    ssn = masked_ssn(get(employee, "taxpayer_id", "id_mask"))
    page.text(_LEFT + 250, y + 14, "SSN:", size=8.5, color=GREY)
    page.text(_LEFT + 300, y + 14, ssn, size=8.5)
    page.text(_LEFT + 250, y + 26, "Marital Status:", size=8.5, color=GREY)
    page.text(_LEFT + 310, y + 26, text(get(employee, "marital_status")).title(), size=8.5)
    net_current = number(get(paystub, "net_pay", "current_amount"))
    if net_current is None:
        net_current = number(get(period, "pay_amount"))
    page.fill(_RIGHT - 130, y - 8, _RIGHT, y + 38, (0.93, 0.95, 0.98))
    page.box(_RIGHT - 130, y - 8, _RIGHT, y + 38, color=_NAVY, width=1)
    page.text(
        _RIGHT - 65, y + 6, "NET PAY", font="Helvetica-Bold", size=8, color=_NAVY, align="center"
    )
    page.text(
        _RIGHT - 65, y + 28, money(net_current), font="Helvetica-Bold", size=15, align="center"
    )
    y = max(ey, y + 44) + 12

    # Earnings.
    y = section(page, _LEFT, _RIGHT, y, "EARNINGS", fill=_NAVY)
    earn_cols = [
        Column("Description", _LEFT, 250),
        Column("Rate", 250, 330, "right"),
        Column("Hours", 330, 400, "right"),
        Column("Current", 400, 486, "right"),
        Column("Year to Date", 486, _RIGHT, "right"),
    ]
    earn_rows = [
        [
            text(get(e, "description") or get(e, "canonical_description")).title(),
            _rate(get(e, "rate")),
            _hours(get(e, "hours")),
            money(number(get(e, "current_amount"))),
            money(number(get(e, "ytd_amount"))),
        ]
        for e in items(paystub, "earnings", "breakdown")
    ]
    gross = number(get(paystub, "earnings", "total", "current_amount"))
    if gross is None:
        gross = number(get(period, "gross_earnings"))
    earn_total = [
        "Gross Pay",
        "",
        _hours(get(paystub, "earnings", "total", "hours")),
        money(gross),
        money(number(get(paystub, "earnings", "total", "ytd_amount"))),
    ]
    y = table(page, y, earn_cols, earn_rows, total=earn_total) + 14

    # Deductions and taxes.
    y = section(page, _LEFT, _RIGHT, y, "TAXES AND DEDUCTIONS", fill=_NAVY)
    ded_cols = [
        Column("Description", _LEFT, 400),
        Column("Current", 400, 486, "right"),
        Column("Year to Date", 486, _RIGHT, "right"),
    ]
    ded_rows = [
        [
            text(get(d, "description")),
            money(number(get(d, "current_amount"))),
            money(number(get(d, "ytd_amount"))),
        ]
        for d in items(paystub, "deductions", "breakdown")
    ]
    ded_total = [
        "Total Deductions",
        money(number(get(paystub, "deductions", "total", "current_amount"))),
        money(number(get(paystub, "deductions", "total", "ytd_amount"))),
    ]
    y = table(page, y, ded_cols, ded_rows, total=ded_total) + 14

    # Net pay summary row.
    page.fill(_LEFT, y, _RIGHT, y + 18, (0.93, 0.95, 0.98))
    page.box(_LEFT, y, _RIGHT, y + 18, color=_NAVY, width=0.8)
    page.text(
        _LEFT + 4,
        y + 12.5,
        text(get(paystub, "net_pay", "description")) or "Net Pay",
        font="Helvetica-Bold",
        size=9,
    )
    page.text(482, y + 12.5, money(net_current), font="Helvetica-Bold", size=9, align="right")
    page.text(
        _RIGHT - 4,
        y + 12.5,
        money(number(get(paystub, "net_pay", "ytd_amount"))),
        font="Helvetica-Bold",
        size=9,
        align="right",
    )
    y += 32

    # Direct deposit distribution.
    y = section(page, _LEFT, _RIGHT, y, "DIRECT DEPOSIT DISTRIBUTION", fill=_NAVY)
    dist_cols = [
        Column("Bank", _LEFT, 220),
        Column("Account Name", 220, 340),
        Column("Account Number", 340, 430),
        Column("Type", 430, 486),
        Column("Amount", 486, _RIGHT, "right"),
    ]
    dist_rows = [
        [
            text(get(d, "bank_name")),
            text(get(d, "account_name")),
            masked_account(get(d, "mask")),
            text(get(d, "type")).title(),
            money(number(get(d, "current_amount"))),
        ]
        for d in items(period, "distribution_breakdown")
    ]
    y = table(page, y, dist_cols, dist_rows) + 22

    # The detachable, non-negotiable voucher real stubs carry at the bottom.
    vy = max(y, 640.0)
    page.line(_LEFT, vy, _RIGHT, vy, color=GREY, width=0.4)
    page.text(
        306,
        vy + 9,
        "- - - - - - - - - -  detach here  - - - - - - - - - -",
        size=6,
        color=GREY,
        align="center",
    )
    page.text(_LEFT, vy + 28, text(get(employer, "name")), font="Helvetica-Bold", size=9)
    page.text(
        _RIGHT, vy + 28, "NON-NEGOTIABLE", font="Helvetica-Bold", size=11, color=GREY, align="right"
    )
    page.text(_LEFT, vy + 50, "Deposited to the account of:", size=8, color=GREY)
    page.text(_LEFT + 125, vy + 50, text(get(employee, "name")), size=9)
    page.text(_RIGHT - 120, vy + 50, "Pay Date:", size=8, color=GREY)
    page.text(_RIGHT, vy + 50, date_text(get(period, "pay_date")), size=9, align="right")
    page.text(_LEFT, vy + 66, "THIS IS NOT A CHECK - VOID - NON-NEGOTIABLE", size=7, color=GREY)

    canvas.apply_tampers(tampers)
    pay_day = parse_date(get(period, "pay_date")) or parse_date(get(period, "end_date"))
    chosen = meta or default_meta(pay_day, "Payroll Document Services")
    return canvas.render(chosen, footer=None)
