"""Readable forms (titled sections of label/value pairs and small tables) for payroll documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer.ui.present.fmt import address, dicts, dig, humanize, money, period, text


@dataclass
class Table:
    """A small table inside a form section."""

    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    """A titled group of label/value pairs, optionally followed by a table."""

    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    table: Table | None = None


@dataclass
class Form:
    """One document rendered as a form: title, document id, sections."""

    title: str
    document_id: str | None
    sections: list[Section]


def _amount_rows(items: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            text(b.get("description") or humanize(b.get("canonical_description"))),
            money(b.get("current_amount"), b.get("iso_currency_code")),
            money(b.get("ytd_amount"), b.get("iso_currency_code")),
        ]
        for b in items
    ]


def pay_stub_form(stub: dict[str, Any]) -> Form:
    """Pay period, employer/employee, earnings, deductions, net pay with YTD, distribution."""
    ppd = stub.get("pay_period_details") or {}
    cur = ppd.get("iso_currency_code")
    emp = stub.get("employee") or {}
    sections = [
        Section(
            "Pay period",
            [
                ("Period", period(ppd.get("start_date"), ppd.get("end_date"))),
                ("Pay date", text(ppd.get("pay_date"))),
                ("Frequency", humanize(ppd.get("pay_frequency"))),
                ("Gross earnings", money(ppd.get("gross_earnings"), cur)),
                ("Pay amount", money(ppd.get("pay_amount"), cur)),
            ],
        ),
        Section(
            "Employer and employee",
            [
                ("Employer", text(dig(stub, "employer", "name"))),
                ("Employer address", address(dig(stub, "employer", "address"))),
                ("Employee", text(emp.get("name"))),
                ("Employee address", address(emp.get("address"))),
                ("Marital status", humanize(emp.get("marital_status"))),
                (
                    "Taxpayer id",
                    f"{text(dig(emp, 'taxpayer_id', 'id_type'))} {text(dig(emp, 'taxpayer_id', 'id_mask'))}",
                ),
            ],
        ),
    ]
    earnings = stub.get("earnings") or {}
    earn_rows = _amount_rows(dicts(earnings.get("breakdown")))
    total = earnings.get("total") or {}
    earn_rows.append(["Total", money(total.get("current_amount")), money(total.get("ytd_amount"))])
    sections.append(Section("Earnings", table=Table(["", "Current", "YTD"], earn_rows)))
    deductions = stub.get("deductions") or {}
    ded_rows = _amount_rows(dicts(deductions.get("breakdown")))
    dtotal = deductions.get("total") or {}
    ded_rows.append(["Total", money(dtotal.get("current_amount")), money(dtotal.get("ytd_amount"))])
    sections.append(Section("Deductions", table=Table(["", "Current", "YTD"], ded_rows)))
    net = stub.get("net_pay") or {}
    sections.append(
        Section(
            "Net pay",
            [
                ("Current", money(net.get("current_amount"), net.get("iso_currency_code"))),
                ("Year to date", money(net.get("ytd_amount"), net.get("iso_currency_code"))),
            ],
        )
    )
    dist = dicts(ppd.get("distribution_breakdown"))
    if dist:
        rows = [
            [
                text(d.get("bank_name")),
                text(d.get("account_name")),
                humanize(d.get("type")),
                text(d.get("mask")),
                money(d.get("current_amount"), d.get("iso_currency_code")),
            ]
            for d in dist
        ]
        sections.append(
            Section(
                "Distribution", table=Table(["Bank", "Account", "Type", "Mask", "Amount"], rows)
            )
        )
    name = dig(stub, "document_metadata", "name")
    return Form(
        f"Pay stub {text(ppd.get('pay_date'))} {name or ''}".strip(),
        stub.get("document_id"),
        sections,
    )


W2_BOXES = (
    ("1 Wages, tips, other compensation", "wages_tips_other_comp"),
    ("2 Federal income tax withheld", "federal_income_tax_withheld"),
    ("3 Social security wages", "social_security_wages"),
    ("4 Social security tax withheld", "social_security_tax_withheld"),
    ("5 Medicare wages and tips", "medicare_wages_and_tips"),
    ("6 Medicare tax withheld", "medicare_tax_withheld"),
    ("7 Social security tips", "social_security_tips"),
    ("8 Allocated tips", "allocated_tips"),
    ("9", "box_9"),
    ("10 Dependent care benefits", "dependent_care_benefits"),
    ("11 Nonqualified plans", "nonqualified_plans"),
    ("13 Statutory employee", "statutory_employee"),
    ("13 Retirement plan", "retirement_plan"),
    ("13 Third-party sick pay", "third_party_sick_pay"),
    ("14 Other", "other"),
)


def w2_form(w2: dict[str, Any]) -> Form:
    """A W-2 as its numbered boxes, box 12 codes and state/local wages."""
    parties = Section(
        "Employer and employee",
        [
            ("Tax year", text(w2.get("tax_year"))),
            ("b Employer identification number", text(w2.get("employer_id_number"))),
            ("c Employer", text(dig(w2, "employer", "name"))),
            ("Employer address", address(dig(w2, "employer", "address"))),
            ("e Employee", text(dig(w2, "employee", "name"))),
            ("f Employee address", address(dig(w2, "employee", "address"))),
            ("a Employee SSN", text(dig(w2, "employee", "taxpayer_id", "id_mask"))),
        ],
    )
    boxes = Section(
        "Boxes",
        [
            (label, money(w2.get(key)) if key not in _FLAG_BOXES else text(w2.get(key)))
            for label, key in W2_BOXES
        ],
    )
    sections = [parties, boxes]
    box12 = dicts(w2.get("box_12"))
    if box12:
        sections.append(
            Section(
                "Box 12",
                table=Table(
                    ["Code", "Amount"],
                    [[text(b.get("code")), money(b.get("amount"))] for b in box12],
                ),
            )
        )
    states = dicts(w2.get("state_and_local_wages"))
    if states:
        rows = [
            [
                text(s.get("state")),
                text(s.get("employer_state_id_number")),
                money(s.get("state_wages_tips")),
                money(s.get("state_income_tax")),
                money(s.get("local_wages_tips")),
                money(s.get("local_income_tax")),
                text(s.get("locality_name")),
            ]
            for s in states
        ]
        sections.append(
            Section(
                "State and local (15-20)",
                table=Table(
                    [
                        "State",
                        "Employer state id",
                        "State wages",
                        "State tax",
                        "Local wages",
                        "Local tax",
                        "Locality",
                    ],
                    rows,
                ),
            )
        )
    return Form(f"W-2 {text(w2.get('tax_year'))}", w2.get("document_id"), sections)


_FLAG_BOXES = {"box_9", "statutory_employee", "retirement_plan", "third_party_sick_pay", "other"}

F1099_AMOUNTS = (
    ("Gross amount", "gross_amount"),
    ("Nonemployee compensation", "nonemployee_compensation"),
    ("Other income", "other_income"),
    ("Rents", "rents"),
    ("Royalties", "royalties"),
    ("Federal income tax withheld", "federal_income_tax_withheld"),
    ("State tax withheld", "state_tax_withheld"),
    ("State income", "state_income"),
    ("Card not present transactions", "card_not_present_transaction"),
)

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def form1099_form(f: dict[str, Any]) -> Form:
    """A 1099 (MISC/K/...) as payer, recipient, the amounts present and the monthly amounts."""
    sections = [
        Section(
            "Payer and recipient",
            [
                ("Form", text(f.get("form_1099_type"))),
                ("Tax year", text(f.get("tax_year"))),
                ("Payer", text(dig(f, "payer", "name"))),
                ("Payer TIN", text(dig(f, "payer", "tin"))),
                ("Payer address", address(dig(f, "payer", "address"))),
                ("Recipient", text(dig(f, "recipient", "name"))),
                ("Recipient TIN", text(dig(f, "recipient", "tin"))),
                ("Recipient address", address(dig(f, "recipient", "address"))),
            ],
        ),
        Section(
            "Amounts",
            [(label, money(f.get(key))) for label, key in F1099_AMOUNTS if f.get(key) is not None],
        ),
    ]
    monthly = [
        [m.title(), money(f.get(f"{m}_amount"))] for m in MONTHS if f.get(f"{m}_amount") is not None
    ]
    if monthly:
        sections.append(Section("Monthly", table=Table(["Month", "Amount"], monthly)))
    return Form(f"1099 {text(f.get('tax_year'))}", f.get("document_id"), sections)


def payroll_forms(payroll_response: Any) -> list[Form]:
    """Every pay stub, W-2 and 1099 of a /credit/payroll_income/get response, as forms."""
    forms: list[Form] = []
    for item in dicts(dig(payroll_response, "items")):
        for income in dicts(item.get("payroll_income")):
            forms.extend(pay_stub_form(s) for s in dicts(income.get("pay_stubs")))
            forms.extend(w2_form(w) for w in dicts(income.get("w2s")))
            forms.extend(form1099_form(f) for f in dicts(income.get("form1099s")))
    return forms
