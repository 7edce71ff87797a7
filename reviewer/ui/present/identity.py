"""Applicant identity as each document states it, side by side, with mismatches marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reviewer.review import endpoint_names as ep
from reviewer.ui.present.fmt import address, dicts, dig

ATTRIBUTES = ("Name", "Address", "Employer", "SSN (masked)")


@dataclass
class IdentityTable:
    """Columns are documents, rows are attributes; `mismatched` holds rows whose values differ."""

    documents: list[str] = field(default_factory=list)  # column headers
    document_ids: list[str | None] = field(default_factory=list)
    values: dict[str, list[str | None]] = field(default_factory=dict)  # attribute -> per column
    mismatched: set[str] = field(default_factory=set)


def _norm(value: str) -> str:
    """Compare ignoring case, punctuation and spacing ("JOHN  DOE." == "John Doe")."""
    return re.sub(r"[^a-z0-9]", "", value.lower())


def _add(
    table: IdentityTable, label: str, doc_id: Any, name: Any, addr: Any, employer: Any, ssn: Any
) -> None:
    table.documents.append(label)
    table.document_ids.append(doc_id if isinstance(doc_id, str) else None)
    addr_text = address(addr) if isinstance(addr, dict) else None
    row = {
        "Name": name if isinstance(name, str) and name else None,
        "Address": addr_text if addr_text and addr_text != "—" else None,
        "Employer": employer if isinstance(employer, str) and employer else None,
        "SSN (masked)": ssn if isinstance(ssn, str) and ssn else None,
    }
    for attr in ATTRIBUTES:
        table.values.setdefault(attr, []).append(row[attr])


def identity_table(responses: dict[str, Any]) -> IdentityTable:
    """Collect identity fields from pay stubs, W-2s, 1099s and bank statements."""
    table = IdentityTable()
    payroll = responses.get(ep.PAYROLL)
    for item in dicts(dig(payroll, "items")):
        for income in dicts(item.get("payroll_income")):
            for i, stub in enumerate(dicts(income.get("pay_stubs")), 1):
                emp = stub.get("employee") or {}
                _add(
                    table,
                    f"Pay stub {i} ({dig(stub, 'pay_period_details', 'pay_date') or '?'})",
                    stub.get("document_id"),
                    dig(emp, "name"),
                    dig(emp, "address"),
                    dig(stub, "employer", "name"),
                    dig(emp, "taxpayer_id", "id_mask"),
                )
            for w2 in dicts(income.get("w2s")):
                _add(
                    table,
                    f"W-2 {w2.get('tax_year') or ''}".strip(),
                    w2.get("document_id"),
                    dig(w2, "employee", "name"),
                    dig(w2, "employee", "address"),
                    dig(w2, "employer", "name"),
                    dig(w2, "employee", "taxpayer_id", "id_mask"),
                )
            for f in dicts(income.get("form1099s")):
                _add(
                    table,
                    f"1099 {f.get('tax_year') or ''}".strip(),
                    f.get("document_id"),
                    dig(f, "recipient", "name"),
                    dig(f, "recipient", "address"),
                    dig(f, "payer", "name"),
                    dig(f, "recipient", "tin"),
                )
    uploads = responses.get(ep.STATEMENTS)
    for item in dicts(dig(uploads, "items")):
        for st in dicts(item.get("bank_statements")):
            for acct in dicts(st.get("bank_accounts")):
                owner = acct.get("owner") or {}
                _add(
                    table,
                    f"Bank statement ({acct.get('bank_name') or 'bank'})",
                    st.get("document_id"),
                    dig(owner, "name"),
                    dig(owner, "address"),
                    None,
                    None,
                )
    for attr in ATTRIBUTES:
        present = {_norm(v) for v in table.values.get(attr, []) if v}
        if len(present) > 1:
            table.mismatched.add(attr)
    return table
