"""Readable forms (titled sections of label/value pairs and small tables) for payroll documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.review.model import (
    FORM1099_AMOUNT_FIELDS,
    FORM1099_TEXT_FIELDS,
    W2,
    CaseModel,
    DocumentInfo,
    Form1099,
    Party,
    PayrollItem,
    PayStub,
)
from reviewer.ui.present.fmt import address, humanize, money, origin, period, quantity, text
from reviewer.ui.present.words import document_type_words


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
    """One document rendered as a form: title, document id, sections, a warning if any."""

    title: str
    document_id: str | None
    sections: list[Section]
    warning: str | None = None  # e.g. Plaid's DOCUMENT_ERROR message


def _document_section(doc: DocumentInfo) -> Section:
    return Section(
        "Document",
        [
            ("Origin", origin(doc.origin)),
            ("Type", document_type_words(doc.document_type)),
            ("Plaid status", humanize(doc.status)),
            ("File name", text(doc.name)),
            ("Pages", text(doc.page_count)),
        ],
    )


def _warning(doc: DocumentInfo) -> str | None:
    if doc.status == "DOCUMENT_ERROR" or doc.error_message:
        return f"Plaid could not process this document: {doc.error_message or 'no reason given'}"
    return None


def _party_fields(label: str, party: Party) -> list[tuple[str, str]]:
    return [(label, text(party.name)), (f"{label} address", address(party.address))]


def pay_stub_form(stub: PayStub) -> Form:
    """Pay period and basis, parties, earnings (hours, rate), deductions, net pay, distribution."""
    emp = stub.employee
    sections = [
        Section(
            "Pay period",
            [
                ("Period", period(stub.period_start, stub.period_end)),
                ("Pay date", text(stub.pay_date)),
                ("Frequency", humanize(stub.pay_frequency)),
                ("Pay basis", humanize(stub.pay_basis)),
                ("Gross earnings", money(stub.gross_earnings)),
                ("Pay amount", money(stub.pay_amount)),
            ],
        ),
        Section(
            "Employer and employee",
            [
                *_party_fields("Employer", stub.employer),
                *_party_fields("Employee", emp),
                ("Marital status", humanize(emp.marital_status)),
                ("Taxpayer id", f"{text(emp.taxpayer_id_type)} {text(emp.taxpayer_id_mask)}"),
            ],
        ),
    ]
    earn_rows = [
        [
            text(e.description or humanize(e.canonical_description)),
            quantity(e.hours),
            quantity(e.rate),
            money(e.current),
            money(e.ytd),
        ]
        for e in stub.earnings
    ]
    earn_rows.append(
        [
            "Total",
            quantity(stub.total_hours),
            "",
            money(stub.earnings_total),
            money(stub.earnings_total_ytd),
        ]
    )
    sections.append(
        Section("Earnings", table=Table(["", "Hours", "Rate", "Current", "YTD"], earn_rows))
    )
    ded_rows = [[text(d.description), money(d.current), money(d.ytd)] for d in stub.deductions]
    ded_rows.append(["Total", money(stub.deductions_total), money(stub.deductions_total_ytd)])
    sections.append(Section("Deductions", table=Table(["", "Current", "YTD"], ded_rows)))
    sections.append(
        Section(
            "Net pay",
            [("Current", money(stub.net_pay)), ("Year to date", money(stub.net_pay_ytd))],
        )
    )
    if stub.distributions:
        rows = [
            [
                text(d.bank_name),
                text(d.account_name),
                humanize(d.account_type),
                text(d.mask),
                money(d.amount),
            ]
            for d in stub.distributions
        ]
        sections.append(
            Section(
                "Distribution", table=Table(["Bank", "Account", "Type", "Mask", "Amount"], rows)
            )
        )
    sections.append(_document_section(stub.document))
    title = f"Pay stub {text(stub.pay_date)} {stub.document.name or ''}".strip()
    return Form(title, stub.document.document_id, sections, _warning(stub.document))


def w2_form(w2: W2) -> Form:
    """A W-2 as its numbered boxes, box 12 codes and state/local wages."""
    parties = Section(
        "Employer and employee",
        [
            ("Tax year", text(w2.tax_year)),
            ("b Employer identification number", text(w2.employer_id_number)),
            ("c Employer", text(w2.employer.name)),
            ("Employer address", address(w2.employer.address)),
            ("e Employee", text(w2.employee.name)),
            ("f Employee address", address(w2.employee.address)),
            ("a Employee SSN", text(w2.employee.taxpayer_id_mask)),
        ],
    )
    boxes = Section(
        "Boxes",
        [
            ("1 Wages, tips, other compensation", money(w2.wages_tips_other_comp)),
            ("2 Federal income tax withheld", money(w2.federal_income_tax_withheld)),
            ("3 Social security wages", money(w2.social_security_wages)),
            ("4 Social security tax withheld", money(w2.social_security_tax_withheld)),
            ("5 Medicare wages and tips", money(w2.medicare_wages_and_tips)),
            ("6 Medicare tax withheld", money(w2.medicare_tax_withheld)),
            ("7 Social security tips", money(w2.social_security_tips)),
            ("8 Allocated tips", money(w2.allocated_tips)),
            ("9", text(w2.box_9)),
            ("10 Dependent care benefits", money(w2.dependent_care_benefits)),
            ("11 Nonqualified plans", money(w2.nonqualified_plans)),
            ("13 Statutory employee", text(w2.statutory_employee)),
            ("13 Retirement plan", text(w2.retirement_plan)),
            ("13 Third-party sick pay", text(w2.third_party_sick_pay)),
            ("14 Other", text(w2.other)),
        ],
    )
    sections = [parties, boxes]
    if w2.box_12:
        sections.append(
            Section(
                "Box 12",
                table=Table(
                    ["Code", "Amount"], [[text(b.code), money(b.amount)] for b in w2.box_12]
                ),
            )
        )
    if w2.state_and_local:
        rows = [
            [
                text(s.state),
                text(s.employer_state_id),
                money(s.state_wages),
                money(s.state_income_tax),
                money(s.local_wages),
                money(s.local_income_tax),
                text(s.locality),
            ]
            for s in w2.state_and_local
        ]
        headers = [
            "State",
            "Employer state id",
            "State wages",
            "State tax",
            "Local wages",
            "Local tax",
            "Locality",
        ]
        sections.append(Section("State and local (15-20)", table=Table(headers, rows)))
    sections.append(_document_section(w2.document))
    return Form(
        f"W-2 {text(w2.tax_year)}", w2.document.document_id, sections, _warning(w2.document)
    )


_AMOUNT_LABELS = dict(FORM1099_AMOUNT_FIELDS)
_TEXT_LABELS = dict(FORM1099_TEXT_FIELDS)


def form1099_form(f: Form1099) -> Form:
    """A 1099 (MISC/K/...): payer, recipient, filer, every amount and field given, monthly."""
    sections = [
        Section(
            "Payer, recipient and filer",
            [
                ("Form", humanize((f.form_type or "").removeprefix("FORM_1099_TYPE_")) or "—"),
                ("Tax year", text(f.tax_year)),
                *_party_fields("Payer", f.payer),
                ("Payer TIN", text(f.payer.tin)),
                ("Payer telephone", text(f.payer.phone)),
                *_party_fields("Recipient", f.recipient),
                ("Recipient TIN", text(f.recipient.tin)),
                ("Recipient account number", text(f.recipient_account_number)),
                ("FATCA filing requirement", text(f.facta_filing_requirement)),
                ("Second TIN notice", text(f.second_tin_exists)),
                *_party_fields("Filer (PSE)", f.filer),
                ("Filer TIN", text(f.filer.tin)),
                ("Filer type", text(f.filer_type)),
            ],
        ),
        Section("Amounts", [(_AMOUNT_LABELS[k], money(v)) for k, v in f.amounts]),
    ]
    if f.texts:
        sections.append(Section("Other boxes", [(_TEXT_LABELS[k], v) for k, v in f.texts]))
    if f.monthly:
        sections.append(
            Section(
                "Monthly",
                table=Table(["Month", "Amount"], [[m.title(), money(v)] for m, v in f.monthly]),
            )
        )
    sections.append(_document_section(f.document))
    return Form(f"1099 {text(f.tax_year)}", f.document.document_id, sections, _warning(f.document))


def item_form(item: PayrollItem) -> Form | None:
    """How the applicant is paid per the payroll provider, and the item's processing status."""
    fields = [
        ("Institution", text(item.institution_name)),
        ("Plaid processing status", humanize(item.processing_status)),
        ("Updated", text(item.updated_at)),
    ]
    rows = [
        [text(a.account_id), humanize(a.pay_rate), money(a.pay_amount), humanize(a.pay_frequency)]
        for a in item.accounts
    ]
    warning = None
    if item.processing_status not in (None, "PROCESSING_COMPLETE"):
        warning = (
            f"Plaid has not finished processing this item ({humanize(item.processing_status)}):"
            " its documents may be missing or incomplete."
        )
    table = Table(["Account", "Rate of pay", "Amount", "Pay frequency"], rows) if rows else None
    return Form(
        f"Payroll item {text(item.item_id)}",
        None,
        [Section("Item", fields, table)],
        warning,
    )


def payroll_forms(model: CaseModel) -> list[Form]:
    """Each payroll item, then every pay stub, W-2 and 1099 of it, as forms."""
    forms: list[Form] = []
    for item in model.payroll_items:
        summary = item_form(item)
        if summary is not None and (item.accounts or summary.warning):
            forms.append(summary)
        forms.extend(pay_stub_form(s) for s in item.pay_stubs)
        forms.extend(w2_form(w) for w in item.w2s)
        forms.extend(form1099_form(f) for f in item.form1099s)
    return forms
