"""A demo applicant whose uploads are other applicants' documents.

Jordan Ellis (APP-1016) earns a salary seen in Bank Income and uploads a bank statement and a
pay stub. The statement is the very file Priya Raman (APP-1003) submitted: same bytes, same
SHA-256; Plaid reads it as usual (it names Priya as the owner). The stub is one of Camila
Ortiz's (APP-1017) with Jordan's name and address typed over hers: another file, the same
template and the same figures. Reviewer's "seen before" check names the other case of each.
"""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

from reviewer.sandbox.bank_data import Source
from reviewer.sandbox.common import AS_OF, session, stable_id
from reviewer.sandbox.model import DocSpec, Profile, StatementItem
from reviewer.sandbox.payroll_data import Party
from reviewer.sandbox.stories_bank import _income_profile, edited_statement
from reviewer.sandbox.stories_checks import _low_risk, _upload_item, missing_deposit

# the demo users whose statement file and pay stub are reused (see users.py)
SOURCE_USER_KEY = "edited_statement"
STUB_SOURCE_USER_KEY = "missing_deposit"


def borrowed_statement(key: str, token_user: str) -> Profile:
    """Jordan Ellis: a salary in Bank Income and an uploaded statement that is APP-1003's file."""
    person = Party("Jordan Ellis", "2210 Lakeview Ter", "Edison", "NJ", "08820")
    salary = Source(
        "BRIGHTLINE MEDICAL PAYROLL",
        "SALARY",
        "BIWEEKLY",
        2_615.40,
        AS_OF - timedelta(days=86),
        AS_OF - timedelta(days=2),
    )
    p = _income_profile(key, person, [salary])
    original = edited_statement(SOURCE_USER_KEY, token_user)
    (theirs,) = original.statement_items[0].statements
    spec = original.docs[theirs["document_id"]]
    mine = copy.deepcopy(theirs)
    mine["document_id"] = stable_id(key, "stmt")
    item = StatementItem(stable_id(key, "stmt-item"), [mine])
    p.statement_items.append(item)
    # rendered from the other applicant's source: the very same bytes
    p.add_doc(
        DocSpec(
            mine["document_id"],
            "statement",
            spec.source,
            tampers=spec.tampers,
            min_pages=spec.min_pages,
        )
    )
    payroll = _upload_item(key)
    stub = renamed_stub(key, token_user, person)
    payroll.pay_stubs.append(stub)
    payroll.risk = [_low_risk(stub, "PAYSLIP", 11)]
    p.payroll_items.append(payroll)
    p.add_doc(DocSpec(stub["document_id"], "paystub", stub))
    p.sessions.append(
        session(key, 2, "2026-11-14T16:02:00Z", item_id=item.item_id, documents=(1, 0, 1, 0))
    )
    return p


def renamed_stub(key: str, token_user: str, person: Party) -> dict[str, Any]:
    """Camila Ortiz's middle pay stub with `person`'s name and address in place of hers."""
    theirs = missing_deposit(STUB_SOURCE_USER_KEY, token_user).payroll_items[0].pay_stubs[1]
    stub = copy.deepcopy(theirs)
    stub["document_id"] = stable_id(key, "stub")
    stub["employee"]["name"] = person.name
    stub["employee"]["address"] = person.address()
    return stub
