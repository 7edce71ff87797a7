"""A demo applicant whose uploaded bank statement is another applicant's file, byte for byte.

Jordan Ellis (APP-1016) earns a salary seen in Bank Income and uploads a bank statement; the
file is the very one Priya Raman (APP-1003) submitted: same bytes, same SHA-256. Plaid reads it
as usual (it names Priya as the owner); Reviewer's "seen before" check names the other case.
"""

from __future__ import annotations

import copy
from datetime import timedelta

from reviewer.sandbox.bank_data import Source
from reviewer.sandbox.common import AS_OF, session, stable_id
from reviewer.sandbox.model import DocSpec, Profile, StatementItem
from reviewer.sandbox.payroll_data import Party
from reviewer.sandbox.stories_bank import _income_profile, edited_statement

# the demo user whose statement file is reused (see users.py)
SOURCE_USER_KEY = "edited_statement"


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
    p.sessions.append(
        session(key, 2, "2026-11-14T16:02:00Z", item_id=item.item_id, documents=(0, 0, 1, 0))
    )
    return p
