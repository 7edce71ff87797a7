"""Applicant identity as each source states it, side by side, with mismatches marked.

Sources are the documents (pay stubs, W-2s, 1099s, statements) and every bank account owner of
the bank income and bank employment reports: the bank's record is the strongest independent one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.review.model import CaseModel, IdentityClaim

ATTRIBUTES = ("Name", "Address", "Employer", "SSN (masked)", "Email", "Phone")


@dataclass
class IdentityTable:
    """Columns are sources, rows are attributes; `mismatched` holds rows whose values differ."""

    documents: list[str] = field(default_factory=list)  # column headers (one per source)
    document_ids: list[str | None] = field(default_factory=list)
    values: dict[str, list[str | None]] = field(default_factory=dict)  # attribute -> per column
    mismatched: set[str] = field(default_factory=set)


def _norm(value: str) -> str:
    """Compare ignoring case, punctuation and spacing ("JOHN  DOE." == "John Doe")."""
    return re.sub(r"[^a-z0-9]", "", value.lower())


def _joined(values: tuple[str, ...]) -> str | None:
    return "; ".join(values) if values else None


def _row(claim: IdentityClaim) -> dict[str, str | None]:
    return {
        "Name": _joined(claim.names),
        "Address": _joined(tuple(a.one_line() or "" for a in claim.addresses if a.one_line())),
        "Employer": claim.employer,
        "SSN (masked)": claim.ssn_mask,
        "Email": _joined(claim.emails),
        "Phone": _joined(claim.phone_numbers),
    }


def identity_table(model: CaseModel) -> IdentityTable:
    """Identity fields from every source; a row is a mismatch when two sources disagree."""
    table = IdentityTable()
    for claim in model.identity:
        table.documents.append(claim.source)
        table.document_ids.append(claim.document_id)
        row = _row(claim)
        for attr in ATTRIBUTES:
            table.values.setdefault(attr, []).append(row[attr])
    for attr in ATTRIBUTES:
        present = {_norm(v) for v in table.values.get(attr, []) if v}
        if len(present) > 1:
            table.mismatched.add(attr)
    return table
