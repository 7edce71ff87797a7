"""Demo profiles built around uploaded or payroll documents and their risk signals."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from reviewer.sandbox.common import AS_OF, employment, money, session, stable_id
from reviewer.sandbox.model import (
    DocSpec,
    PayrollItem,
    Profile,
    RiskSpec,
    SignalSpec,
    TamperSpec,
)
from reviewer.sandbox.payroll_data import Party, paystub, w2

DOC_INSTITUTION = ("ins_document_income", "Document Upload")


def _item(key: str, *, payroll: bool = False) -> PayrollItem:
    inst = ("ins_135842", "ADP") if payroll else DOC_INSTITUTION
    return PayrollItem(
        item_id=stable_id(key, "item"), institution_id=inst[0], institution_name=inst[1]
    )


def _stubs(
    key: str,
    item: PayrollItem,
    profile: Profile,
    employee: Party,
    employer: Party,
    gross: float,
    count: int,
    *,
    first_index: int,
    hourly: float | None = None,
) -> list[dict[str, Any]]:
    """`count` consecutive biweekly pay stubs ending near AS_OF, registered for rendering."""
    out = []
    for k in range(count):
        pay_date = AS_OF - timedelta(days=7 + 14 * (count - 1 - k))
        stub = paystub(
            document_id=stable_id(key, "stub", str(k)),
            employee=employee,
            employer=employer,
            pay_date=pay_date,
            frequency="BIWEEKLY",
            gross=gross,
            period_index=first_index + k,
            hourly_rate=hourly,
            health=84.50,
        )
        out.append(stub)
        profile.add_doc(DocSpec(stub["document_id"], "paystub", stub))
    item.pay_stubs.extend(out)
    item.pay_frequency = "BIWEEKLY"
    # rate_of_pay is a rate: dollars per hour, or per year for a salary (26 biweekly periods)
    item.pay_amount = hourly if hourly else round(gross * 26, 2)
    item.pay_rate = "HOURLY" if hourly else "ANNUAL"
    return out


def _risk(stub_or_form: dict[str, Any], doc_type: str, score: float, **kw: object) -> RiskSpec:
    return RiskSpec(
        document_id=stub_or_form["document_id"],
        document_name=stub_or_form["document_metadata"]["name"],
        document_type=doc_type,
        status=str(kw.pop("status", "PROCESSING_COMPLETE")),
        risk_score=score,
        **kw,  # type: ignore[arg-type]
    )


def clean(
    key: str,
    token_user: str,
    *,
    person: Party | None = None,
    employer: Party | None = None,
    gross: float = 3284.62,
    wages: float = 83_911.40,
) -> Profile:
    """Maria Gonzalez, RN: payroll-connected stubs and W-2, everything consistent.

    `person`/`employer` give the same consistent story to another applicant; give them their
    own `gross` pay and W-2 `wages` too (the same figures under another name are a copied
    document, which Reviewer's "seen before" rightly reports).
    """
    p = Profile(refresh_outcome="SUCCESSFUL")
    maria = person or Party("Maria Gonzalez", "2150 Alder Creek Dr", "Sacramento", "CA", "95835")
    employer = employer or Party(
        "Sutter Valley Medical Center", "2801 L St", "Sacramento", "CA", "95816"
    )
    item = _item(key, payroll=True)
    item.account_id = stable_id(key, "acct")
    stubs = _stubs(key, item, p, maria, employer, gross, 2, first_index=21)
    form = w2(
        document_id=stable_id(key, "w2"),
        employee=maria,
        employer=employer,
        tax_year=2025,
        wages=wages,
        ein="94-1156271",
    )
    item.w2s.append(form)
    p.add_doc(DocSpec(form["document_id"], "w2", form))
    item.risk = [_risk(s, "PAYSLIP", 6 + i) for i, s in enumerate(stubs)]
    item.risk.append(_risk(form, "TAX_FORM", 4))
    newer = copy.deepcopy(stubs[-1])
    newer = paystub(
        document_id=stable_id(key, "stub", "refresh"),
        employee=maria,
        employer=employer,
        pay_date=date.fromisoformat(stubs[-1]["pay_period_details"]["pay_date"])
        + timedelta(days=14),
        frequency="BIWEEKLY",
        gross=gross,
        period_index=23,
        health=84.50,
    )
    item.refresh_stub = newer
    p.add_doc(DocSpec(newer["document_id"], "paystub", newer))
    p.payroll_items.append(item)
    p.employment_items.append(
        employment(
            item.item_id,
            item.account_id,
            employer.name,
            "Registered Nurse II",
            "2019-03-04",
            last_paystub=stubs[-1]["pay_period_details"]["pay_date"],
        )
    )
    p.sessions.append(session(key, 1, "2026-11-10T17:22:41Z", item_id=item.item_id, payroll=(2, 1)))
    return p


def tampered_paystub(key: str, token_user: str) -> Profile:
    """Derek Whitfield: net pay white-boxed and retyped $1,000 higher in another font, saved by
    a PDF editor as an incremental update (the original revision stays in the file)."""
    p = Profile(refresh_outcome="USER_PRESENCE_REQUIRED")
    derek = Party("Derek Whitfield", "418 Maple Grove Ln", "Columbus", "OH", "43215")
    employer = Party("Northgate Distribution Co.", "7700 Crosswoods Dr", "Columbus", "OH", "43235")
    item = _item(key)
    stubs = _stubs(key, item, p, derek, employer, 2480.00, 2, first_index=22, hourly=31.00)
    good, bad = stubs
    true_net = bad["net_pay"]["current_amount"]
    fake_net = round(true_net + 1000, 2)
    # Plaid reports what it read off the document: the forged figure.
    bad["net_pay"]["current_amount"] = fake_net
    bad["pay_period_details"]["pay_amount"] = fake_net
    rendered = copy.deepcopy(bad)
    rendered["net_pay"]["current_amount"] = true_net
    rendered["pay_period_details"]["pay_amount"] = true_net
    p.add_doc(
        DocSpec(
            bad["document_id"],
            "paystub",
            rendered,
            # saved by a PDF editor as an incremental update: revision 1 still holds the truth
            incremental_edits=(TamperSpec(money(true_net), money(fake_net), 1),),
        )
    )
    signals = [
        SignalSpec(
            "MASKING",
            "net_pay",
            f"{fake_net:.2f}",
            f"{true_net:.2f}",
            "Net pay is covered by a white box with different text drawn on top",
            1,
        ),
        SignalSpec(
            "FONT",
            "net_pay",
            f"{fake_net:.2f}",
            None,
            "Net pay is printed in a font that appears nowhere else on the document",
            1,
        ),
        SignalSpec(
            "EDITED_TEXT",
            "net_pay",
            f"{fake_net:.2f}",
            f"{true_net:.2f}",
            "Net pay does not equal gross earnings minus total deductions",
            1,
        ),
    ]
    item.risk = [_risk(good, "PAYSLIP", 11), _risk(bad, "PAYSLIP", 94, signals=signals)]
    p.payroll_items.append(item)
    p.sessions.append(
        session(key, 1, "2026-11-09T14:03:10Z", item_id=item.item_id, documents=(2, 0, 0, 0))
    )
    return p
