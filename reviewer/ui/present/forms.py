"""Readable forms (titled sections of label/value pairs and small tables) for payroll documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.review.document_status import status_line
from reviewer.review.item_names import item_name, item_names
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
from reviewer.ui.present.words import document_status_words, document_type_words, local_time


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
    tooltip: str | None = None  # Plaid's id, for support (the title is in words)


def _document_section(doc: DocumentInfo) -> Section:
    return Section(
        "Document",
        [
            ("Origin", origin(doc.origin)),
            ("Type", document_type_words(doc.document_type)),
            ("Plaid status", document_status_words(doc.status)),
            ("File name", text(doc.name)),
            ("Pages", text(doc.page_count)),
        ],
    )


def _warning(doc: DocumentInfo) -> str | None:
    """What Plaid said ("Password protected: the applicant must upload an unlocked copy.")."""
    return status_line(doc.status, doc.error_message)


def _unread(doc: DocumentInfo) -> bool:
    """Plaid read no figures from it: a form of empty boxes would only hide the reason."""
    return (doc.status or "").upper() in ("DOCUMENT_ERROR", "PROCESSING_ERROR", "PROCESSING")


def _taxpayer_id(party: Party) -> str:
    """ "SSN ending 4821"; "—" when Plaid gave neither the kind nor the digits."""
    kind = (party.taxpayer_id_type or "").upper() or None
    if party.taxpayer_id_mask:
        return f"{kind or 'Id'} ending {party.taxpayer_id_mask.lstrip('*-x')}"
    return kind or text(None)


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
                ("Taxpayer id", _taxpayer_id(emp)),
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
    if _unread(stub.document) and not (stub.earnings or stub.gross_earnings or stub.net_pay):
        sections = []  # no figures: the reason (warning) and the document's facts only
    sections.append(_document_section(stub.document))
    paid = f" paid {text(stub.pay_date)}" if stub.pay_date else ""
    title = f"Pay stub{paid}" + (f": {stub.document.name}" if stub.document.name else "")
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


def item_form(
    item: PayrollItem, name: str, unread: list[DocumentInfo] | None = None
) -> Form | None:
    """How the applicant is paid per the payroll provider, the item's processing status, and
    its documents Plaid could not read (a locked upload says "Password protected: …")."""
    fields = [
        ("Institution", text(item.institution_name)),
        ("Plaid processing status", humanize(item.processing_status)),
        ("Updated", local_time(item.updated_at) if item.updated_at else text(None)),
    ]
    rows = [
        [f"Account {n}", humanize(a.pay_rate), money(a.pay_amount), humanize(a.pay_frequency)]
        for n, a in enumerate(item.accounts, 1)
    ]
    warning = None
    if item.processing_status not in (None, "PROCESSING_COMPLETE"):
        warning = (
            f"Plaid has not finished processing this item ({humanize(item.processing_status)}):"
            " its documents may be missing or incomplete."
        )
    table = Table(["Account", "Rate of pay", "Amount", "Pay frequency"], rows) if rows else None
    sections = [Section("Item", fields, table)]
    if unread:
        said = [
            (d.name or document_type_words(d.document_type), status_line(d.status, d.error_message))
            for d in unread
        ]
        sections.append(
            Section(
                "Documents without figures",
                [(who, line or "Plaid sent no figures for it") for who, line in said],
            )
        )
    return Form(name, None, sections, warning, tooltip=f"Plaid item id: {text(item.item_id)}")


def payroll_forms(model: CaseModel) -> list[Form]:
    """Each payroll item, then every pay stub, W-2 and 1099 of it, as forms."""
    forms: list[Form] = []
    names = item_names(model)
    for item in model.payroll_items:
        shown = {s.document.document_id for s in item.pay_stubs}
        shown |= {w.document.document_id for w in item.w2s}
        shown |= {f.document.document_id for f in item.form1099s}
        unread = [
            d
            for d in model.documents
            if d.item_id and d.item_id == item.item_id and d.document_id not in shown
        ]
        summary = item_form(item, item_name(names, item.item_id), unread)
        if summary is not None and (item.accounts or summary.warning or unread):
            forms.append(summary)
        forms.extend(pay_stub_form(s) for s in item.pay_stubs)
        forms.extend(w2_form(w) for w in item.w2s)
        forms.extend(form1099_form(f) for f in item.form1099s)
    return forms
