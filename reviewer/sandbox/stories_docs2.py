"""More document demo profiles: tax forms, inconsistencies, upload failures, Plaid's own test users."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from reviewer.sandbox.common import session, stable_id
from reviewer.sandbox.model import (
    DocSpec,
    MultiSignalSpec,
    PayrollItem,
    Profile,
    SignalSpec,
    TamperSpec,
)
from reviewer.sandbox.payroll_data import (
    Party,
    document_metadata,
    form1099,
    w2,
    without_pay_data,
)
from reviewer.sandbox.stories_docs import DOC_INSTITUTION, _item, _risk, _stubs

__all__ = ["datetime"]


def w2_and_1099(key: str, token_user: str) -> Profile:
    """Jasmine Carter: W-2 from a dental practice plus a 1099-MISC for weekend photography."""
    p = Profile()
    jas = Party("Jasmine Carter", "93 Harbor View Rd", "Portland", "ME", "04101")
    dental = Party("Bright Smile Dental Group", "120 Exchange St", "Portland", "ME", "04101")
    events = Party("Lakeside Events LLC", "45 Commercial St", "Portland", "ME", "04101")
    item = _item(key)
    form_w2 = w2(
        document_id=stable_id(key, "w2"),
        employee=jas,
        employer=dental,
        tax_year=2025,
        wages=48_262.50,
        ein="01-0473829",
    )
    form_99 = form1099(
        document_id=stable_id(key, "1099"),
        recipient=jas,
        payer=events,
        tax_year=2025,
        nonemployee_compensation=14_350.00,
        payer_tin="83-2210945",
    )
    item.w2s.append(form_w2)
    item.form1099s.append(form_99)
    p.add_doc(DocSpec(form_w2["document_id"], "w2", form_w2))
    p.add_doc(DocSpec(form_99["document_id"], "1099", form_99))
    item.risk = [_risk(form_w2, "TAX_FORM", 9), _risk(form_99, "TAX_FORM", 14)]
    p.payroll_items.append(item)
    p.sessions.append(
        session(key, 1, "2026-11-02T19:45:00Z", item_id=item.item_id, documents=(0, 1, 0, 1))
    )
    return p


def inconsistent_documents(key: str, token_user: str) -> Profile:
    """Kevin Tran: pay stub and W-2 name different employers and YTD wages that cannot both be true;
    the W-2 is a scan whose invisible text layer raises box 1 over what its picture shows."""
    p = Profile()
    kevin = Party("Kevin Tran", "5512 Ridgeview Ave", "Denver", "CO", "80219")
    stub_employer = Party("Summit Ridge Logistics LLC", "900 17th St", "Denver", "CO", "80202")
    w2_employer = Party("Summit Freight Partners Inc", "3300 Walnut St", "Denver", "CO", "80205")
    item = _item(key)
    (stub,) = _stubs(key, item, p, kevin, stub_employer, 3650.00, 1, first_index=22)
    form = w2(
        document_id=stable_id(key, "w2"),
        employee=kevin,
        employer=w2_employer,
        tax_year=2025,
        wages=41_870.00,
        ein="84-3319027",
    )
    item.w2s.append(form)
    # a scan: its OCR text layer (what parsers read) says box 1 is 41,870.00; the picture of
    # the form a person sees says 31,870.00
    picture = copy.deepcopy(form)
    picture["wages_tips_other_comp"] = "31870.00"
    p.add_doc(DocSpec(form["document_id"], "w2", form, picture_source=picture))
    item.risk = [_risk(stub, "PAYSLIP", 38), _risk(form, "TAX_FORM", 41, file_type="SCAN_OCR")]
    item.multi_risk.append(
        MultiSignalSpec(
            [stub["document_id"], form["document_id"]],
            [
                SignalSpec(
                    "TEXT_LAYER_TEXT",
                    "employer_name",
                    stub_employer.name,
                    w2_employer.name,
                    "Employer name on the pay stub differs from the employer on the W-2",
                    1,
                ),
            ],
        )
    )
    p.payroll_items.append(item)
    p.sessions.append(
        session(key, 1, "2026-11-06T21:10:00Z", item_id=item.item_id, documents=(1, 1, 0, 0))
    )
    return p


def _served_without_pay_data(item: PayrollItem, stubs: list[dict[str, Any]]) -> None:
    """Serve these (DOCUMENT_ERROR) stubs without parsed values; their files still render."""
    errored = {id(s) for s in stubs}
    item.pay_stubs = [without_pay_data(s) if id(s) in errored else s for s in item.pay_stubs]


def upload_problems(key: str, token_user: str) -> Profile:
    """Lena Novak: an upload Plaid is still processing, an offer letter rejected (DOCUMENT_ERROR),
    a locked PDF.

    The processing upload is its own item: Plaid returns such an item with no data yet.
    """
    p = Profile()
    lena = Party("Lena Novak", "77 Birch Hollow Ct", "Madison", "WI", "53703")
    employer = Party("Capitol Insurance Services", "1 E Main St", "Madison", "WI", "53703")
    item = _item(key)
    stubs = _stubs(key, item, p, lena, employer, 2905.77, 3, first_index=21)
    processing, rejected, locked = stubs
    rejected["document_metadata"].update(
        status="DOCUMENT_ERROR",
        name="offer_letter.pdf",
        error_message="The document is an offer letter, not a pay stub",
    )
    locked["document_metadata"].update(
        name="paystub_locked.pdf",
        status="DOCUMENT_ERROR",
        error_message="The document is password protected",
        page_count=None,
    )
    p.docs[locked["document_id"]] = DocSpec(
        locked["document_id"], "paystub", locked, downloadable=False
    )
    pending = PayrollItem(
        item_id=stable_id(key, "item-pending"),
        institution_id=DOC_INSTITUTION[0],
        institution_name=DOC_INSTITUTION[1],
        processing_status="PROCESSING",
    )
    item.pay_stubs.remove(processing)
    pending.pay_stubs.append(processing)
    processing["document_metadata"]["status"] = None
    _served_without_pay_data(item, [rejected, locked])
    item.risk = [
        _risk(rejected, "UNKNOWN", None, status="PROCESSING_ERROR"),  # type: ignore[arg-type]
        _risk(locked, "PAYSLIP", None, status="PASSWORD_PROTECTED", file_type="UNKNOWN"),  # type: ignore[arg-type]
    ]
    pending.risk = [_risk(processing, "PAYSLIP", None, status="PROCESSING")]  # type: ignore[arg-type]
    p.payroll_items += [item, pending]
    p.sessions.append(
        session(key, 1, "2026-11-12T16:40:00Z", item_id=item.item_id, documents=(2, 0, 0, 0))
    )
    p.sessions.append(
        session(key, 2, "2026-11-14T08:05:00Z", item_id=pending.item_id, documents=(1, 0, 0, 0))
    )
    return p


def photo_paystub(key: str, token_user: str) -> Profile:
    """Andre Baptiste: pay stub photographed with a phone (JPEG, no text layer)."""
    p = Profile()
    andre = Party("Andre Baptiste", "1420 Bayou Rd", "New Orleans", "LA", "70119")
    employer = Party(
        "Crescent City Hospitality Group", "800 Canal St", "New Orleans", "LA", "70112"
    )
    item = _item(key)
    (stub,) = _stubs(key, item, p, andre, employer, 1512.40, 1, first_index=23, hourly=18.50)
    stub["document_metadata"]["name"] = "IMG_4471.jpg"
    p.docs[stub["document_id"]] = DocSpec(stub["document_id"], "photo_paystub", stub)
    item.risk = [_risk(stub, "PAYSLIP", 33, file_type="IMAGE")]
    p.payroll_items.append(item)
    p.sessions.append(
        session(key, 1, "2026-11-11T12:00:00Z", item_id=item.item_id, documents=(1, 0, 0, 0))
    )
    return p


def plaid_risk_score_70(key: str, token_user: str) -> Profile:
    """Mirror of Plaid's document-income test user: score 70, MASKING page 1, metadata dates."""
    p = Profile()
    person = Party("Alberta Bobbeth Charleson", "2992 Cameron Road", "Malakoff", "NY", "14236")
    employer = Party("Plaid Inc", "1098 Harrison St", "San Francisco", "CA", "94103")
    item = _item(key)
    (stub,) = _stubs(key, item, p, person, employer, 1653.85, 1, first_index=22)
    stub["document_metadata"]["name"] = "Paystub.pdf"
    # The masked figure: the Medicare line reads 25.09 over a box hiding the real 2.00? No: Plaid
    # reports expected 25.09 (seen) and actual 2.00 (derived), so the box hides a printed "2.00".
    line = {
        "current_amount": 2.0,
        "description": "Parking",
        "iso_currency_code": "USD",
        "unofficial_currency_code": None,
        "ytd_amount": 44.0,
    }
    rendered = copy.deepcopy(stub)
    rendered["deductions"]["breakdown"].append(line)
    shown = copy.deepcopy(rendered)
    shown["deductions"]["breakdown"][-1]["current_amount"] = 25.09
    for d in (rendered, shown):
        _rebalance(d)
    item.pay_stubs[0] = shown
    p.add_doc(
        DocSpec(
            stub["document_id"],
            "paystub",
            rendered,
            tampers=(TamperSpec("2.00", "25.09", 1),),
            dates_mismatch=True,
        )
    )
    signals = [
        SignalSpec("MASKING", None, "25.09", "2.00", "", 1),
        SignalSpec(
            "METADATA_DATES_OUTSIDE_WINDOW",
            None,
            None,
            None,
            "Creation date and modification date do not match",
            0,
        ),
    ]
    item.risk = [_risk(shown, "PAYSLIP", 70, signals=signals)]
    p.payroll_items.append(item)
    return p


def _rebalance(stub: dict[str, Any]) -> None:
    """Recompute totals and net pay after a deduction line changed."""
    ded = stub["deductions"]
    ded["total"]["current_amount"] = round(sum(b["current_amount"] for b in ded["breakdown"]), 2)
    ded["total"]["ytd_amount"] = round(sum(b["ytd_amount"] for b in ded["breakdown"]), 2)
    gross = stub["earnings"]["total"]
    net = round(gross["current_amount"] - ded["total"]["current_amount"], 2)
    stub["net_pay"]["current_amount"] = net
    stub["net_pay"]["ytd_amount"] = round(gross["ytd_amount"] - ded["total"]["ytd_amount"], 2)
    stub["pay_period_details"]["pay_amount"] = net
    stub["pay_period_details"]["distribution_breakdown"][0]["current_amount"] = net


def plaid_failures(key: str, token_user: str) -> Profile:
    """Mirror of Plaid's failure test users: OCR failure, risk failure, password, virus."""
    p = Profile()
    person = Party("Alberta Bobbeth Charleson", "2992 Cameron Road", "Malakoff", "NY", "14236")
    employer = Party("Plaid Inc", "1098 Harrison St", "San Francisco", "CA", "94103")
    item = _item(key)
    ocr, risk_fail, locked, virus = _stubs(
        key, item, p, person, employer, 1653.85, 4, first_index=19
    )
    ocr["document_metadata"].update(
        status="DOCUMENT_ERROR", error_message="OCR could not read the document"
    )
    for d, name in ((locked, "protected.pdf"), (virus, "invoice.pdf.exe")):
        d["document_metadata"].update(
            name=name,
            status="DOCUMENT_ERROR",
            page_count=None,
            error_message="The file could not be opened",
        )
        p.docs[d["document_id"]] = DocSpec(d["document_id"], "paystub", d, downloadable=False)
    _served_without_pay_data(item, [ocr, locked, virus])
    item.risk = [
        _risk(ocr, "PAYSLIP", None, status="PROCESSING_ERROR", file_type="SCAN_OCR"),  # type: ignore[arg-type]
        _risk(risk_fail, "PAYSLIP", None, status="PROCESSING_ERROR"),  # type: ignore[arg-type]
        _risk(locked, "UNKNOWN", None, status="PASSWORD_PROTECTED", file_type="UNKNOWN"),  # type: ignore[arg-type]
        _risk(virus, "UNKNOWN", None, status="VIRUS_DETECTED", file_type="UNKNOWN"),  # type: ignore[arg-type]
    ]
    p.payroll_items.append(item)
    return p


_unused = (document_metadata,)
