"""Form 1099-MISC or 1099-K drawn from a Plaid `Credit1099` dict, in the IRS box layout."""

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
    masked_ssn,
    text,
)

_X0, _XM, _X1 = 36.0, 300.0, 576.0
_ROW = 34.0
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _party_block(entity: object, with_phone: bool) -> str:
    lines = [text(get(entity, "name")), *address_lines(get(entity, "address"))]
    if with_phone and get(entity, "telephone_number"):
        lines.append(text(get(entity, "telephone_number")))
    return "\n".join(line for line in lines if line)


def _left_column(
    page: Page,
    form: Mapping[str, Any],
    top: float,
    payer_word: str,
    recipient_word: str,
    payer: object,
) -> float:
    recipient = get(form, "recipient")
    form_box(
        page,
        _X0,
        top,
        _XM,
        top + 3 * _ROW,
        f"{payer_word}'S name, street address, city or town, state or province, country, "
        "ZIP or foreign postal code, and telephone no.",
        _party_block(payer, True),
        size=8.5,
        label_size=5,
    )
    y = top + 3 * _ROW
    mid = (_X0 + _XM) / 2
    form_box(page, _X0, y, mid, y + _ROW, f"{payer_word}'S TIN", text(get(payer, "tin")))
    form_box(
        page, mid, y, _XM, y + _ROW, f"{recipient_word}'S TIN", masked_ssn(get(recipient, "tin"))
    )
    y += _ROW
    form_box(page, _X0, y, _XM, y + _ROW, f"{recipient_word}'S name", text(get(recipient, "name")))
    y += _ROW
    lines = address_lines(get(recipient, "address"))
    form_box(
        page,
        _X0,
        y,
        _XM,
        y + _ROW,
        "Street address (including apt. no.)",
        lines[0] if lines else "",
    )
    y += _ROW
    form_box(
        page,
        _X0,
        y,
        _XM,
        y + _ROW,
        "City or town, state or province, country, and ZIP or foreign postal code",
        lines[1] if len(lines) > 1 else "",
    )
    y += _ROW
    form_box(
        page,
        _X0,
        y,
        _XM,
        y + _ROW,
        "Account number (see instructions)",
        text(get(recipient, "account_number")),
    )
    return y + _ROW


def _grid(
    page: Page, form: Mapping[str, Any], top: float, boxes: Sequence[tuple[str, str | None]]
) -> float:
    """Two columns of numbered boxes right of the party column, filled row by row."""
    mid = (_XM + _X1) / 2
    y = top
    for index in range(0, len(boxes), 2):
        for offset, x0, x1 in ((0, _XM, mid), (1, mid, _X1)):
            if index + offset >= len(boxes):
                continue
            label, key = boxes[index + offset]
            value = amount_text(get(form, key)) if key else ""
            form_box(page, x0, y, x1, y + _ROW, label, value, align="right", size=9)
        y += _ROW
    return y


def _misc(page: Page, form: Mapping[str, Any]) -> float:
    payer = get(form, "payer") or get(form, "filer")
    bottom = _left_column(page, form, 96, "PAYER", "RECIPIENT", payer)
    boxes: list[tuple[str, str | None]] = [
        ("1  Rents", "rents"),
        ("2  Royalties", "royalties"),
        ("3  Other income", "other_income"),
        ("4  Federal income tax withheld", "federal_income_tax_withheld"),
        ("5  Fishing boat proceeds", "fishing_boat_proceeds"),
        ("6  Medical and health care payments", "medical_and_healthcare_payments"),
        ("7  Payer made direct sales totaling $5,000 or more", None),
        (
            "8  Substitute payments in lieu of dividends/interest",
            "substitute_payments_in_lieu_of_dividends_or_interest",
        ),
        ("9  Crop insurance proceeds", "crop_insurance_proceeds"),
        ("10  Gross proceeds paid to an attorney", "gross_proceeds_paid_to_an_attorney"),
        ("11  Fish purchased for resale", None),
        ("12  Section 409A deferrals", "section_409a_deferrals"),
        ("13  FATCA filing requirement", None),
        ("14  Excess golden parachute payments", "excess_golden_parachute_payments"),
        ("15  Nonqualified deferred compensation", "section_409a_income"),
        ("1099-NEC: nonemployee compensation", "nonemployee_compensation"),
    ]
    _grid(page, form, 96, boxes)
    direct = text(
        get(form, "payer_made_direct_sales_of_5000_or_more_of_consumer_products_to_buyer")
    )
    checkbox(page, (_XM + _X1) / 2 - 20, 96 + 3 * _ROW + 18, direct.lower() in {"true", "yes", "x"})
    fatca = text(get(form, "recipient", "facta_filing_requirement")).lower()
    checkbox(page, (_XM + _X1) / 2 - 20, 96 + 6 * _ROW + 18, fatca in {"true", "yes", "x"})
    return _state_row(
        page,
        form,
        max(bottom, 96 + 8 * _ROW),
        [
            ("16  State tax withheld", "state_tax_withheld", "state_tax_withheld_lower"),
            ("17  State/Payer's state no.", "payer_state_number", "payer_state_number_lower"),
            ("18  State income", "state_income", "state_income_lower"),
        ],
    )


def _k(page: Page, form: Mapping[str, Any]) -> float:
    filer = get(form, "filer") or get(form, "payer")
    bottom = _left_column(page, form, 96, "FILER", "PAYEE", filer)
    kind = text(get(filer, "type")).upper()
    page.text(_X0 + 4, bottom + 12, "Check to indicate if FILER is a (an):", size=6.5)
    checkbox(page, _X0 + 4, bottom + 16, "SETTLEMENT" in kind or kind == "PSE")
    page.text(_X0 + 14, bottom + 22, "Payment settlement entity (PSE)", size=6.5)
    checkbox(page, _X0 + 140, bottom + 16, "ELECTRONIC" in kind or kind == "EPF")
    page.text(
        _X0 + 150, bottom + 22, "Electronic Payment Facilitator (EPF)/Other third party", size=6.5
    )
    page.text(
        _X0 + 4,
        bottom + 36,
        f"PSE's name and telephone number: {text(get(form, 'pse_name'))}  "
        f"{text(get(form, 'pse_telephone_number'))}",
        size=7,
    )
    page.text(
        _X0 + 4,
        bottom + 48,
        f"Transactions reported on this form are for: {text(get(form, 'transactions_reported'))}",
        size=7,
    )
    boxes: list[tuple[str, str | None]] = [
        ("1a  Gross amount of card/network transactions", "gross_amount"),
        ("1b  Card Not Present transactions", "card_not_present_transaction"),
        ("2  Merchant category code", None),
        ("3  Number of payment transactions", None),
        ("4  Federal income tax withheld", "federal_income_tax_withheld"),
    ]
    y = _grid(page, form, 96, boxes)
    mid = (_XM + _X1) / 2
    page.text(
        mid - 6, 96 + _ROW + 28, text(get(form, "merchant_category_code")), size=9, align="right"
    )
    page.text(
        _X1 - 6,
        96 + _ROW + 28,
        text(get(form, "number_of_payment_transactions")),
        size=9,
        align="right",
    )
    for index, month in enumerate(_MONTHS):
        x0, x1 = (_XM, mid) if index % 2 == 0 else (mid, _X1)
        row_y = y + (index // 2) * (_ROW * 0.7)
        form_box(
            page,
            x0,
            row_y,
            x1,
            row_y + _ROW * 0.7,
            f"5{'abcdefghijkl'[index]}  {month.title()}",
            amount_text(get(form, f"{month}_amount")),
            align="right",
            size=8.5,
        )
    bottom = max(bottom + 56, y + 6 * _ROW * 0.7)
    return _state_row(
        page,
        form,
        bottom,
        [
            ("6  State", "primary_state", "secondary_state"),
            ("7  State identification no.", "primary_state_id", "secondary_state_id"),
            (
                "8  State income tax withheld",
                "primary_state_income_tax",
                "secondary_state_income_tax",
            ),
        ],
    )


def _state_row(
    page: Page, form: Mapping[str, Any], y: float, boxes: Sequence[tuple[str, str, str]]
) -> float:
    width = (_X1 - _X0) / len(boxes)
    for index, (label, upper, lower) in enumerate(boxes):
        x0 = _X0 + index * width
        values = [get(form, upper), get(form, lower)]
        is_money = (
            any(isinstance(v, int | float) for v in values)
            or "withheld" in label
            or "income" in label
        )
        shown = "\n".join(amount_text(v) if is_money else text(v) for v in values if v is not None)
        form_box(
            page,
            x0,
            y,
            x0 + width,
            y + _ROW * 1.2,
            label,
            shown,
            align="right" if is_money else "left",
            size=8.5,
        )
    return y + _ROW * 1.2


def form1099_pdf(
    form: Mapping[str, Any],
    *,
    tampers: Sequence[Tamper] = (),
    meta: DocMeta | None = None,
) -> GeneratedDocument:
    """Render Copy B of a 1099-K (form_1099_type FORM_1099_TYPE_K) or a 1099-MISC (otherwise)."""
    canvas = Canvas()
    page = canvas.new_page()
    is_k = text(get(form, "form_1099_type")).upper().endswith("_K")
    year = text(get(form, "tax_year"))
    name = "1099-K" if is_k else "1099-MISC"
    title = (
        "Payment Card and Third Party Network Transactions" if is_k else "Miscellaneous Information"
    )
    page.text(_X0, 52, "VOID", size=7, color=GREY)
    page.text(_X0 + 40, 52, "CORRECTED (if checked)", size=7, color=GREY)
    page.text(_X0, 80, "Form", size=8)
    page.text(_X0 + 22, 82, name, font="Helvetica-Bold", size=18)
    page.text(_X1, 62, title, font="Helvetica-Bold", size=11, align="right")
    page.text(_X1, 76, f"For calendar year {year}", size=8, align="right")
    page.text(_X1, 88, "OMB No. 1545-0115", size=7, color=GREY, align="right")
    bottom = _k(page, form) if is_k else _misc(page, form)
    page.text(_X0, bottom + 16, f"Form {name}", font="Helvetica-Bold", size=8)
    page.text(_X0 + 70, bottom + 16, "(keep for your records)", size=7)
    page.text(
        _X1,
        bottom + 16,
        "Department of the Treasury - Internal Revenue Service",
        size=7,
        align="right",
    )
    page.text(_X0, bottom + 30, "Copy B - For Recipient", font="Helvetica-Bold", size=8)
    page.wrap(
        _X0,
        bottom + 42,
        "This is important tax information and is being furnished to the IRS. "
        "If you are required to file a return, a negligence penalty or other sanction may be "
        "imposed on you if this income is taxable and the IRS determines that it has not been "
        "reported.",
        _X1 - _X0,
        size=6.5,
        color=GREY,
    )
    canvas.apply_tampers(tampers)
    issued = date(int(year) + 1, 1, 29) if year.isdigit() and 1900 < int(year) < 2200 else None
    return canvas.render(meta or default_meta(issued, "Information Returns Services"))
