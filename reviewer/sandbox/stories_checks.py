"""Demo profiles for Reviewer's own evidence checks: money that never arrives, papers that do
not add up. Every figure is printed on the generated PDFs exactly as the JSON states it."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from reviewer.sandbox.bank_data import _MERCHANTS, bank_income, bank_statement
from reviewer.sandbox.common import AS_OF, GENERATED_AT, employment, session, stable_id
from reviewer.sandbox.model import (
    DocSpec,
    PayrollItem,
    Profile,
    RiskSpec,
    StatementItem,
    TamperSpec,
)
from reviewer.sandbox.payroll_data import Party, paystub, w2
from reviewer.sandbox.stories_docs import DOC_INSTITUTION

BANK = ("ins_116301", "First Platypus Bank")


def _upload_item(key: str) -> PayrollItem:
    return PayrollItem(stable_id(key, "item"), DOC_INSTITUTION[0], DOC_INSTITUTION[1])


def _low_risk(doc: dict[str, Any], doc_type: str, score: float) -> RiskSpec:
    return RiskSpec(
        document_id=doc["document_id"],
        document_name=doc["document_metadata"]["name"],
        document_type=doc_type,
        status="PROCESSING_COMPLETE",
        risk_score=score,
    )


def _everyday(account_id: str, start: date, end: date, seed: int) -> list[dict[str, Any]]:
    """Card purchases and rent between `start` and `end` (money out: positive amounts)."""
    rows = []
    day, i = start, 0
    while day <= end:
        if day.day == 1:
            rows.append(_row(account_id, day, 1425.00, "ZELLE TO BAYSIDE APARTMENTS RENT"))
        for k in range(2):
            name, amount = _MERCHANTS[(i * 3 + k + seed) % len(_MERCHANTS)]
            rows.append(_row(account_id, day, round(amount + ((i + k) % 5) * 1.13, 2), name))
        day += timedelta(days=1)
        i += 1
    return rows


def _row(account_id: str, day: date, amount: float, description: str) -> dict[str, Any]:
    return {
        "amount": round(amount, 2),
        "date": day.isoformat(),
        "original_description": description,
        "account_id": account_id,
    }


def missing_deposit(key: str, token_user: str) -> Profile:
    """Camila Ortiz: three stubs that add up; the newest one's net pay never reached the bank.

    The uploaded statement shows the first two paychecks arriving from the employer's payroll;
    on the third pay date only a transfer from the applicant's own savings comes in.
    """
    p = Profile()
    camila = Party("Camila Ortiz", "2207 Sandpiper Way", "Tampa", "FL", "33611")
    employer = Party("Harbor Point Logistics LLC", "4100 W Cypress St", "Tampa", "FL", "33607")
    item = _upload_item(key)
    stubs = []
    for k in range(3):
        pay_date = AS_OF - timedelta(days=7 + 14 * (2 - k))
        stub = paystub(
            document_id=stable_id(key, "stub", str(k)),
            employee=camila,
            employer=employer,
            pay_date=pay_date,
            frequency="BIWEEKLY",
            gross=2_615.38,
            period_index=21 + k,
            health=62.00,
        )
        stubs.append(stub)
        p.add_doc(DocSpec(stub["document_id"], "paystub", stub))
    item.pay_stubs.extend(stubs)
    item.risk = [_low_risk(s, "PAYSLIP", 8 + k) for k, s in enumerate(stubs)]
    p.payroll_items.append(item)

    account = stable_id(key, "acct")
    start, end = AS_OF - timedelta(days=91), AS_OF - timedelta(days=1)
    rows = _everyday(account, start, end, seed=3)
    paid = stubs[:2]
    earlier = [
        AS_OF - timedelta(days=7 + 14 * n) for n in range(3, 7)
    ]  # paychecks before the stubs
    for day in earlier:
        if day >= start:
            net = stubs[0]["net_pay"]["current_amount"]
            rows.append(_row(account, day, -net, "HARBOR POINT LOG PAYROLL DIRECT DEP"))
    for stub in paid:
        day = date.fromisoformat(stub["pay_period_details"]["pay_date"])
        rows.append(
            _row(
                account,
                day,
                -stub["net_pay"]["current_amount"],
                "HARBOR POINT LOG PAYROLL DIRECT DEP",
            )
        )
    last_pay = date.fromisoformat(stubs[2]["pay_period_details"]["pay_date"])
    rows.append(
        _row(
            account, last_pay + timedelta(days=1), -600.00, "ONLINE TRANSFER FROM SAVINGS XXXX2291"
        )
    )
    statement = bank_statement(
        document_id=stable_id(key, "stmt"),
        owner=camila,
        bank_name="Gulf Coast Credit Union",
        account_id=account,
        account_number="XXXXXX5518",
        start=start,
        days=(end - start).days + 1,
        opening_balance=3_140.27,
        salary=0.0,
        name="statement_aug_nov_2026.pdf",
        transactions=rows,
    )
    statements = StatementItem(stable_id(key, "stmt-item"), [statement])
    statements.risk = [_low_risk(statement, "BANK_STATEMENT", 7)]
    p.statement_items.append(statements)
    p.add_doc(DocSpec(statement["document_id"], "statement", statement))
    p.sessions.append(
        session(key, 1, "2026-11-12T16:20:00Z", item_id=item.item_id, documents=(3, 0, 1, 0))
    )
    return p


def _tweak_stub(stub: dict[str, Any], gross: float | None = None) -> None:
    """Recompute nothing: the forger's numbers are printed as they are."""
    if gross is not None:
        stub["earnings"]["total"]["current_amount"] = gross
        stub["pay_period_details"]["gross_earnings"] = gross


def fabricated_packet(key: str, token_user: str) -> Profile:
    """Ray Delgado: a packet where little adds up (each figure fails one of Reviewer's checks)."""
    p = Profile()
    ray = Party("Ray Delgado", "77 Juniper Ct", "Albuquerque", "NM", "87110")
    moved = Party("Ray Delgado", "1450 Coors Blvd NW", "Albuquerque", "NM", "87121")
    employer = Party(
        "Brightline Staffing Inc", "500 Marquette Ave NW", "Albuquerque", "NM", "87102"
    )
    item = _upload_item(key)
    # stub 1: paid on a Sunday; 80 hours x 25.00 printed as 2,150.00; Social Security short
    one = paystub(
        document_id=stable_id(key, "stub", "1"),
        employee=ray, employer=employer, pay_date=date(2025, 12, 7), frequency="BIWEEKLY",
        gross=2_150.00, period_index=24, hourly_rate=25.00,
    )  # fmt: skip
    one["earnings"]["breakdown"][0]["hours"] = 80.0
    one["earnings"]["total"]["hours"] = 80.0
    ss = next(d for d in one["deductions"]["breakdown"] if d["description"] == "Social Security")
    shortfall = 40.00
    ss["current_amount"] = round(ss["current_amount"] - shortfall, 2)
    one["deductions"]["total"]["current_amount"] = round(
        one["deductions"]["total"]["current_amount"] - shortfall, 2
    )
    one["net_pay"]["current_amount"] = round(one["net_pay"]["current_amount"] + shortfall, 2)
    one["pay_period_details"]["pay_amount"] = one["net_pay"]["current_amount"]
    one["pay_period_details"]["distribution_breakdown"][0]["current_amount"] = one["net_pay"][
        "current_amount"
    ]
    # stub 2: three weeks later, period ending after the pay date, gross above its lines,
    # deductions total below its lines, a 401(k) YTD below this period's, a new home address
    two = paystub(
        document_id=stable_id(key, "stub", "2"),
        employee=moved, employer=employer, pay_date=date(2025, 12, 26), frequency="BIWEEKLY",
        gross=2_150.00, period_index=25, hourly_rate=25.00,
    )  # fmt: skip
    two["pay_period_details"]["end_date"] = "2025-12-31"
    two["pay_period_details"]["start_date"] = "2025-12-18"
    _tweak_stub(two, gross=2_450.00)
    two["deductions"]["total"]["current_amount"] = round(
        two["deductions"]["total"]["current_amount"] - 100, 2
    )
    two["net_pay"]["current_amount"] = round(
        2_450.00 - two["deductions"]["total"]["current_amount"], 2
    )
    two["pay_period_details"]["pay_amount"] = two["net_pay"]["current_amount"]
    k401 = next(d for d in two["deductions"]["breakdown"] if d["description"] == "401(k)")
    k401["ytd_amount"] = round(k401["current_amount"] / 2, 2)
    # stub 3: dated years ahead
    three = copy.deepcopy(one)
    three["document_id"] = stable_id(key, "stub", "3")
    three["document_metadata"]["name"] = "paystub_2036-01-09.pdf"
    three["pay_period_details"].update(
        {"pay_date": "2036-01-09", "start_date": "2035-12-22", "end_date": "2036-01-04"}
    )
    stubs = [one, two, three]
    for stub in stubs:
        p.add_doc(DocSpec(stub["document_id"], "paystub", stub))
    item.pay_stubs.extend(stubs)
    elsewhere = Party(employer.name, "9 Industrial Park Rd", "Rio Rancho", "NM", "87124")
    form = w2(
        document_id=stable_id(key, "w2"),
        employee=ray, employer=elsewhere, tax_year=2025, wages=45_000.00, ein="85-0412276",
    )  # fmt: skip
    form.update(
        {
            "wages_tips_other_comp": "45000.00",  # above box 5
            "social_security_wages": "190000.00",  # above the 2025 wage base
            "social_security_tax_withheld": "9000.00",  # not 6.2 % of box 3 (capped)
            "medicare_wages_and_tips": "40000.00",  # below the stubs' YTD gross
            "medicare_tax_withheld": "900.00",  # not 1.45 % of box 5
        }
    )
    item.w2s.append(form)
    p.add_doc(DocSpec(form["document_id"], "w2", form))
    k_form = _form_1099k(key, ray)
    item.form1099s.append(k_form)
    p.add_doc(DocSpec(k_form["document_id"], "1099", k_form))
    item.risk = [_low_risk(s, "PAYSLIP", 12) for s in stubs] + [
        _low_risk(form, "TAX_FORM", 10),
        _low_risk(k_form, "TAX_FORM", 9),
    ]
    p.payroll_items.append(item)
    p.statement_items.append(_broken_statements(key))
    september, october = p.statement_items[-1].statements
    # the September summary's deposits figure was raised by 1,000.00 over the rows under it
    raised = TamperSpec("$3,810.24", "$4,810.24", 1)
    p.add_doc(DocSpec(september["document_id"], "statement", september, tampers=(raised,)))
    p.add_doc(DocSpec(october["document_id"], "statement", october))
    p.bank_income.append(
        bank_income(
            bank_income_id=stable_id(key, "bank-income"),
            item_id=stable_id(key, "bank-item"),
            account_id=stable_id(key, "bank-acct"),
            owner=ray,
            institution=BANK,
            sources=[_source("BRIGHTLINE STAFFING PAYROLL", "SALARY", 640.00)],
            generated=GENERATED_AT,
            start=AS_OF - timedelta(days=89),
            end=AS_OF,
        )
    )
    report_id = stable_id(key, "bank-income-report")
    p.docs[report_id] = DocSpec(report_id, "bank_income_report", p.bank_income[0])
    p.employment_items.append(
        employment(stable_id(key, "emp-item"), stable_id(key, "emp-acct"),
                   "Northwind Couriers", "Driver", "2024-02-05")
    )  # fmt: skip
    p.sessions.append(
        session(key, 1, "2026-11-11T09:40:00Z", item_id=item.item_id, documents=(3, 1, 2, 1))
    )
    return p


def _source(description: str, category: str, amount: float):  # type: ignore[no-untyped-def]
    from reviewer.sandbox.bank_data import Source

    return Source(description, category, "BIWEEKLY", amount, AS_OF - timedelta(days=85), AS_OF)


def _form_1099k(key: str, recipient: Party) -> dict[str, Any]:
    from reviewer.sandbox.docgen.examples import example_1099

    form = example_1099("FORM_1099_TYPE_K")
    form["document_id"] = stable_id(key, "1099k")
    form["document_metadata"]["name"] = "1099-K_2025.pdf"
    form["tax_year"] = "2025"
    form["recipient"]["name"] = recipient.name
    form["recipient"]["address"] = recipient.address()
    months = [
        m for m in form if m.endswith("_amount") and form[m] is not None and m != "gross_amount"
    ]
    monthly_total = round(sum(form[m] for m in months), 2)
    form["gross_amount"] = round(monthly_total + 1_800.00, 2)  # 1a exceeds its months
    return form


def _broken_statements(key: str) -> StatementItem:
    """Two statements of one account: a gap between them, an ending balance that does not follow,
    a row printed twice, a row dated outside its period, and someone else's name as owner."""
    teresa = Party("Teresa Delgado", "77 Juniper Ct", "Albuquerque", "NM", "87110")
    account = stable_id(key, "stmt-acct")
    september = bank_statement(
        document_id=stable_id(key, "stmt", "sep"), owner=teresa, bank_name="Sandia Federal Bank",
        account_id=account, account_number="XXXXXX9034", start=date(2026, 9, 1), days=30,
        opening_balance=2_210.45, salary=0.0, name="statement_sep_2026.pdf",
        transactions=[
            *_everyday(account, date(2026, 9, 1), date(2026, 9, 30), seed=5),
            _row(account, date(2026, 9, 11), -1_905.12, "BRIGHTLINE STAFFING PAYROLL DIRECT DEP"),
            _row(account, date(2026, 9, 25), -1_905.12, "BRIGHTLINE STAFFING PAYROLL DIRECT DEP"),
            _row(account, date(2026, 9, 14), 89.99, "COMCAST CABLE"),
            _row(account, date(2026, 9, 14), 89.99, "COMCAST CABLE"),
        ],
    )  # fmt: skip
    period = september["bank_accounts"][0]["periods"][0]
    period["ending_balance"] = round(period["ending_balance"] + 2_500.00, 2)
    october = bank_statement(
        document_id=stable_id(key, "stmt", "oct"), owner=teresa, bank_name="Sandia Federal Bank",
        account_id=account, account_number="XXXXXX9034", start=date(2026, 10, 15), days=27,
        opening_balance=period["ending_balance"], salary=0.0, name="statement_oct_nov_2026.pdf",
        transactions=[
            *_everyday(account, date(2026, 10, 15), date(2026, 11, 10), seed=9),
            _row(account, date(2026, 10, 23), -1_905.12, "BRIGHTLINE STAFFING PAYROLL DIRECT DEP"),
        ],
    )  # fmt: skip
    october["transactions"].append(_row(account, date(2026, 10, 3), 42.00, "SHELL OIL 57442"))
    october["transactions"].sort(key=lambda t: (t["date"], t["amount"]))
    item = StatementItem(stable_id(key, "stmt-item"), [september, october])
    item.risk = [_low_risk(s, "BANK_STATEMENT", 11) for s in (september, october)]
    return item
