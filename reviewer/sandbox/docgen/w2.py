"""Form W-2 (Wage and Tax Statement) drawn from a Plaid `CreditW2` dict, in the IRS box grid."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from reviewer.sandbox.docgen._layout import checkbox, form_box
from reviewer.sandbox.docgen._pdf import GREY, Canvas, Page
from reviewer.sandbox.docgen._types import (
    DocMeta,
    GeneratedDocument,
    Tamper,
    address_lines,
    amount_text,
    default_meta,
    get,
    items,
    masked_ssn,
    text,
)

_X0, _XM, _X1 = 36.0, 306.0, 576.0
_ROW = 30.0


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in {"true", "yes", "x", "1", "checked"}


def _party(entity: object) -> str:
    return "\n".join([text(get(entity, "name")), *address_lines(get(entity, "address"))])


def _draw_copy(page: Page, w2: Mapping[str, Any], top: float, copy_label: str) -> float:
    year = text(get(w2, "tax_year"))
    employer = get(w2, "employer")
    employee = get(w2, "employee")
    mid = (_XM + _X1) / 2

    form_box(
        page,
        _X0,
        top,
        190,
        top + _ROW,
        "a  Employee's social security number",
        masked_ssn(get(employee, "taxpayer_id", "id_mask")),
    )
    form_box(page, 190, top, _XM, top + _ROW, "OMB No. 1545-0008")
    y = top + _ROW
    form_box(
        page,
        _X0,
        y,
        _XM,
        y + _ROW,
        "b  Employer identification number (EIN)",
        text(get(w2, "employer_id_number")),
    )
    form_box(
        page,
        _X0,
        y + _ROW,
        _XM,
        y + 3 * _ROW,
        "c  Employer's name, address, and ZIP code",
        _party(employer),
        size=8.5,
    )
    form_box(page, _X0, y + 3 * _ROW, _XM, y + 4 * _ROW, "d  Control number")
    form_box(
        page,
        _X0,
        y + 4 * _ROW,
        _XM,
        y + 7 * _ROW,
        "e  Employee's first name and initial    Last name    f  Employee's address and ZIP code",
        _party(employee),
        size=8.5,
    )

    pairs = [
        (
            "1  Wages, tips, other compensation",
            "wages_tips_other_comp",
            "2  Federal income tax withheld",
            "federal_income_tax_withheld",
        ),
        (
            "3  Social security wages",
            "social_security_wages",
            "4  Social security tax withheld",
            "social_security_tax_withheld",
        ),
        (
            "5  Medicare wages and tips",
            "medicare_wages_and_tips",
            "6  Medicare tax withheld",
            "medicare_tax_withheld",
        ),
        ("7  Social security tips", "social_security_tips", "8  Allocated tips", "allocated_tips"),
        ("9", "box_9", "10  Dependent care benefits", "dependent_care_benefits"),
    ]
    ry = top
    for left_label, left_key, right_label, right_key in pairs:
        form_box(
            page, _XM, ry, mid, ry + _ROW, left_label, amount_text(get(w2, left_key)), align="right"
        )
        form_box(
            page,
            mid,
            ry,
            _X1,
            ry + _ROW,
            right_label,
            amount_text(get(w2, right_key)),
            align="right",
        )
        ry += _ROW
    form_box(
        page,
        _XM,
        ry,
        mid,
        ry + _ROW,
        "11  Nonqualified plans",
        amount_text(get(w2, "nonqualified_plans")),
        align="right",
    )
    codes = items(w2, "box_12")
    for index, letter in enumerate("abcd"):
        entry = codes[index] if index < len(codes) else {}
        # 12a-12d are half-height boxes stacked beside boxes 11 and 13.
        cy = ry + index * (_ROW / 2)
        form_box(page, mid, cy, _X1, cy + _ROW / 2, f"12{letter}", None, label_size=5.5)
        page.text(mid + 22, cy + 12, text(get(entry, "code")), font="Helvetica-Bold", size=8)
        page.text(_X1 - 5, cy + 12, amount_text(get(entry, "amount")), size=8.5, align="right")
    ry += _ROW
    form_box(page, _XM, ry, mid, ry + _ROW, "13")
    for offset, (label, key) in enumerate(
        (
            ("Statutory\nemployee", "statutory_employee"),
            ("Retirement\nplan", "retirement_plan"),
            ("Third-party\nsick pay", "third_party_sick_pay"),
        )
    ):
        bx = _XM + 6 + offset * 44
        for line_no, word in enumerate(label.split("\n")):
            page.text(bx + 8, ry + 13 + line_no * 5.5, word, size=5)
        checkbox(page, bx + 14, ry + 21, _truthy(get(w2, key)))
    form_box(page, _XM, ry + _ROW, mid, ry + 2 * _ROW, "14  Other", text(get(w2, "other")), size=8)
    form_box(page, mid, ry + _ROW, _X1, ry + 2 * _ROW, "")

    # Boxes 15-20, one row per state/locality (at least one, blank when absent).
    y = top + 8 * _ROW
    states = items(w2, "state_and_local_wages") or [{}]
    cols = [
        (_X0, 80, "15  State"),
        (80, 190, "Employer's state ID number"),
        (190, 268, "16  State wages, tips, etc."),
        (268, 340, "17  State income tax"),
        (340, 418, "18  Local wages, tips, etc."),
        (418, 496, "19  Local income tax"),
        (496, _X1, "20  Locality name"),
    ]
    keys = [
        "state",
        "employer_state_id_number",
        "state_wages_tips",
        "state_income_tax",
        "local_wages_tips",
        "local_income_tax",
        "locality_name",
    ]
    for state in states[:2]:
        for (cx0, cx1, label), key in zip(cols, keys, strict=True):
            money_box = key.endswith(("wages_tips", "income_tax"))
            value = amount_text(get(state, key)) if money_box else text(get(state, key))
            form_box(
                page,
                cx0,
                y,
                cx1,
                y + _ROW,
                label,
                value,
                align="right" if money_box else "left",
                size=8.5,
                label_size=5.5,
            )
        y += _ROW
    page.text(_X0, y + 20, "Form", size=8)
    page.text(_X0 + 22, y + 22, "W-2", font="Helvetica-Bold", size=20)
    page.text(_X0 + 70, y + 20, "Wage and Tax Statement", font="Helvetica-Bold", size=11)
    page.text(_XM - 6, y + 22, year, font="Helvetica-Bold", size=20)
    page.text(
        _X1,
        y + 12,
        "Department of the Treasury - Internal Revenue Service",
        size=6.5,
        align="right",
    )
    page.text(_X0, y + 34, copy_label, font="Helvetica-Bold", size=7)
    return y + 44


def w2_pdf(
    w2: Mapping[str, Any],
    *,
    tampers: Sequence[Tamper] = (),
    meta: DocMeta | None = None,
) -> GeneratedDocument:
    """Render a W-2 page with two copies (B and C) in the IRS box layout (boxes a-f and 1-20)."""
    canvas = Canvas()
    page = canvas.new_page()
    y = _draw_copy(page, w2, 40, "Copy B - To Be Filed With Employee's FEDERAL Tax Return.")
    page.line(_X0, y + 4, _X1, y + 4, color=GREY, width=0.4)
    page.text(
        306, y + 12, "- - - - - - - - cut here - - - - - - - -", size=6, color=GREY, align="center"
    )
    _draw_copy(
        page, w2, y + 22, "Copy C - For EMPLOYEE'S RECORDS (See Notice to Employee on the back.)"
    )
    canvas.apply_tampers(tampers)
    year = text(get(w2, "tax_year"))
    issued = date(int(year) + 1, 1, 24) if year.isdigit() and 1900 < int(year) < 2200 else None
    return canvas.render(meta or default_meta(issued, "Payroll Year-End Forms"))
