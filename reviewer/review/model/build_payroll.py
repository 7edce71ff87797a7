"""Payroll income response -> PayrollItem, PayStub, W2, Form1099 and DocumentInfo."""

from __future__ import annotations

from reviewer.plaid import models as m
from reviewer.review.model.parse import PAYROLL
from reviewer.review.model.payroll import (
    FORM1099_AMOUNT_FIELDS,
    FORM1099_TEXT_FIELDS,
    MONTHS,
    W2,
    Box12,
    Deduction,
    Distribution,
    DocumentInfo,
    Earning,
    Form1099,
    Origin,
    Party,
    PayrollAccount,
    PayrollItem,
    PayStub,
    StateWages,
)
from reviewer.review.model.values import (
    Address,
    Money,
    address,
    clean_text,
    document_key,
    money,
    number,
    to_date,
)

PLAID_GENERATED = "PLAID_GENERATED_PAYSTUB_PDF"


def document_info(
    document_id: str | None,
    meta: m.CreditDocumentMetadata | None,
    item_id: str | None,
    kind: str,
    endpoint: str,
    origin: Origin | None,
) -> DocumentInfo:
    """What Plaid says about one document; `kind` names the document type when Plaid does not."""
    name = clean_text(meta.name) if meta else None
    doc_type = clean_text(meta.document_type) if meta else None
    if doc_type == PLAID_GENERATED:
        origin = "plaid_generated"
    page_count = meta.page_count if meta else None
    return DocumentInfo(
        document_id=document_key(clean_text(document_id), item_id, name, kind),
        item_id=item_id,
        source_endpoint=endpoint,
        name=name,
        document_type=doc_type or kind,
        status=clean_text(meta.status) if meta else None,
        error_message=clean_text(meta.error_message) if meta else None,
        page_count=page_count if isinstance(page_count, int) and page_count >= 0 else None,
        origin=origin,
    )


def _address(a: m.CreditPayStubAddress | None) -> Address | None:
    if a is None:
        return None
    return address(a.street, a.city, a.region, a.postal_code, a.country)


def _employee(e: m.CreditPayStubEmployee | None) -> Party:
    if e is None:
        return Party()
    tax = e.taxpayer_id
    return Party(
        name=clean_text(e.name),
        address=_address(e.address),
        taxpayer_id_type=clean_text(tax.id_type) if tax else None,
        taxpayer_id_mask=clean_text(tax.id_mask) if tax else None,
        marital_status=clean_text(e.marital_status),
    )


def _employer(e: m.CreditPayStubEmployer | None) -> Party:
    return Party() if e is None else Party(clean_text(e.name), _address(e.address))


def _pay_stub(
    stub: m.CreditPayStub, item_id: str | None, account_id: str | None, origin: Origin
) -> PayStub:
    ppd = stub.pay_period_details or m.PayStubPayPeriodDetails()
    cur = (ppd.iso_currency_code, ppd.unofficial_currency_code)
    earnings = stub.earnings or m.CreditPayStubEarnings()
    e_total = earnings.total or m.PayStubEarningsTotal()
    deductions = stub.deductions or m.CreditPayStubDeductions()
    d_total = deductions.total or m.PayStubDeductionsTotal()
    net = stub.net_pay or m.CreditPayStubNetPay()
    e_cur = (e_total.iso_currency_code, e_total.unofficial_currency_code)
    d_cur = (d_total.iso_currency_code, d_total.unofficial_currency_code)
    n_cur = (net.iso_currency_code, net.unofficial_currency_code)
    return PayStub(
        document=document_info(
            stub.document_id, stub.document_metadata, item_id, "PAYSTUB", PAYROLL, origin
        ),
        employer=_employer(stub.employer),
        employee=_employee(stub.employee),
        period_start=to_date(ppd.start_date),
        period_end=to_date(ppd.end_date),
        pay_date=to_date(ppd.pay_date),
        pay_frequency=clean_text(ppd.pay_frequency),
        pay_basis=clean_text(ppd.pay_basis),
        gross_earnings=money(ppd.gross_earnings, *cur),
        pay_amount=money(ppd.pay_amount, *cur),
        earnings=tuple(
            Earning(
                description=clean_text(b.description),
                canonical_description=clean_text(b.canonical_description),
                current=money(b.current_amount, b.iso_currency_code, b.unofficial_currency_code),
                ytd=money(b.ytd_amount, b.iso_currency_code, b.unofficial_currency_code),
                hours=number(b.hours),
                rate=number(b.rate),
            )
            for b in earnings.breakdown
            if b is not None
        ),
        earnings_total=money(e_total.current_amount, *e_cur),
        earnings_total_ytd=money(e_total.ytd_amount, *e_cur),
        total_hours=number(e_total.hours),
        deductions=tuple(
            Deduction(
                description=clean_text(b.description),
                current=money(b.current_amount, b.iso_currency_code, b.unofficial_currency_code),
                ytd=money(b.ytd_amount, b.iso_currency_code, b.unofficial_currency_code),
            )
            for b in deductions.breakdown
            if b is not None
        ),
        deductions_total=money(d_total.current_amount, *d_cur),
        deductions_total_ytd=money(d_total.ytd_amount, *d_cur),
        net_pay=money(net.current_amount, *n_cur),
        net_pay_ytd=money(net.ytd_amount, *n_cur),
        net_pay_description=clean_text(net.description),
        distributions=tuple(
            Distribution(
                bank_name=clean_text(d.bank_name),
                account_name=clean_text(d.account_name),
                account_type=clean_text(d.type),
                mask=clean_text(d.mask),
                amount=money(d.current_amount, d.iso_currency_code, d.unofficial_currency_code),
            )
            for d in ppd.distribution_breakdown
            if d is not None
        ),
        payroll_account_id=account_id,
    )


def _usd(value: object) -> Money | None:
    # W-2 boxes are strings in the spec and carry no currency: a W-2 is a US form
    return money(value, "USD")


def _w2(w2: m.CreditW2, item_id: str | None, origin: Origin) -> W2:
    return W2(
        document=document_info(
            w2.document_id, w2.document_metadata, item_id, "US_TAX_W2", PAYROLL, origin
        ),
        tax_year=clean_text(w2.tax_year),
        employer=_employer(w2.employer),
        employee=_employee(w2.employee),
        employer_id_number=clean_text(w2.employer_id_number),
        wages_tips_other_comp=_usd(w2.wages_tips_other_comp),
        federal_income_tax_withheld=_usd(w2.federal_income_tax_withheld),
        social_security_wages=_usd(w2.social_security_wages),
        social_security_tax_withheld=_usd(w2.social_security_tax_withheld),
        medicare_wages_and_tips=_usd(w2.medicare_wages_and_tips),
        medicare_tax_withheld=_usd(w2.medicare_tax_withheld),
        social_security_tips=_usd(w2.social_security_tips),
        allocated_tips=_usd(w2.allocated_tips),
        box_9=clean_text(w2.box_9),
        dependent_care_benefits=_usd(w2.dependent_care_benefits),
        nonqualified_plans=_usd(w2.nonqualified_plans),
        box_12=tuple(Box12(clean_text(b.code), _usd(b.amount)) for b in w2.box_12 if b),
        statutory_employee=clean_text(w2.statutory_employee),
        retirement_plan=clean_text(w2.retirement_plan),
        third_party_sick_pay=clean_text(w2.third_party_sick_pay),
        other=clean_text(w2.other),
        state_and_local=tuple(
            StateWages(
                state=clean_text(s.state),
                employer_state_id=clean_text(s.employer_state_id_number),
                state_wages=_usd(s.state_wages_tips),
                state_income_tax=_usd(s.state_income_tax),
                local_wages=_usd(s.local_wages_tips),
                local_income_tax=_usd(s.local_income_tax),
                locality=clean_text(s.locality_name),
            )
            for s in w2.state_and_local_wages
            if s is not None
        ),
    )


def _form1099(f: m.Credit1099, item_id: str | None, origin: Origin) -> Form1099:
    payer, recipient, filer = f.payer, f.recipient, f.filer
    amounts = []
    for field, _label in FORM1099_AMOUNT_FIELDS:
        value = _usd(getattr(f, field, None))
        if value is not None:
            amounts.append((field, value))
    texts = []
    for field, _label in FORM1099_TEXT_FIELDS:
        text = clean_text(getattr(f, field, None))
        if text is not None:
            texts.append((field, text))
    monthly = []
    for month in MONTHS:
        value = _usd(getattr(f, f"{month}_amount", None))
        if value is not None:
            monthly.append((month, value))
    return Form1099(
        document=document_info(
            f.document_id, f.document_metadata, item_id, "US_TAX_1099", PAYROLL, origin
        ),
        form_type=clean_text(f.form_1099_type),
        tax_year=clean_text(f.tax_year),
        payer=Party(
            name=clean_text(payer.name),
            address=_address(payer.address),
            tin=clean_text(payer.tin),
            phone=clean_text(payer.telephone_number),
        )
        if payer
        else Party(),
        recipient=Party(
            name=clean_text(recipient.name),
            address=_address(recipient.address),
            tin=clean_text(recipient.tin),
        )
        if recipient
        else Party(),
        filer=Party(
            name=clean_text(filer.name), address=_address(filer.address), tin=clean_text(filer.tin)
        )
        if filer
        else Party(),
        filer_type=clean_text(filer.type) if filer else None,
        recipient_account_number=clean_text(recipient.account_number) if recipient else None,
        facta_filing_requirement=clean_text(recipient.facta_filing_requirement)
        if recipient
        else None,
        second_tin_exists=clean_text(recipient.second_tin_exists) if recipient else None,
        amounts=tuple(amounts),
        texts=tuple(texts),
        monthly=tuple(monthly),
    )


def payroll_items(response: m.CreditPayrollIncomeGetResponse | None) -> tuple[PayrollItem, ...]:
    """Every payroll item with its documents, accounts and processing status."""
    if response is None:
        return ()
    out = []
    for item in response.items:
        if item is None:
            continue
        item_id = clean_text(item.item_id)
        stubs: list[PayStub] = []
        w2s: list[W2] = []
        forms: list[Form1099] = []
        for income in item.payroll_income:
            if income is None:
                continue
            account_id = clean_text(income.account_id)
            origin: Origin = "payroll_provider" if account_id else "upload"
            stubs.extend(_pay_stub(s, item_id, account_id, origin) for s in income.pay_stubs if s)
            w2s.extend(_w2(w, item_id, origin) for w in income.w2s if w)
            forms.extend(_form1099(f, item_id, origin) for f in income.form1099s if f)
        accounts = tuple(
            PayrollAccount(
                account_id=clean_text(a.account_id),
                pay_rate=clean_text(a.rate_of_pay.pay_rate) if a.rate_of_pay else None,
                pay_amount=money(a.rate_of_pay.pay_amount) if a.rate_of_pay else None,
                pay_frequency=clean_text(a.pay_frequency),
            )
            for a in item.accounts
            if a is not None
        )
        out.append(
            PayrollItem(
                item_id=item_id,
                institution_id=clean_text(item.institution_id),
                institution_name=clean_text(item.institution_name),
                processing_status=clean_text(item.status.processing_status)
                if item.status
                else None,
                updated_at=clean_text(item.updated_at),
                accounts=accounts,
                pay_stubs=tuple(stubs),
                w2s=tuple(w2s),
                form1099s=tuple(forms),
            )
        )
    return tuple(out)
