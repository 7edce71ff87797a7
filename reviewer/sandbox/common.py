"""Shared pieces of demo profiles: dates, ids, Link sessions, employment records."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

# Demo data is dated relative to this fixed day so generated documents are deterministic.
AS_OF = date(2026, 11, 13)
GENERATED_AT = "2026-11-13T15:04:05Z"


def money(value: float) -> str:
    """An amount as documents print it: `$2,441.17` (signals carry `2441.17`)."""
    return f"${value:,.2f}"


def stable_id(*parts: str, length: int = 24) -> str:
    """A deterministic Plaid-looking id derived from `parts`."""
    digest = hashlib.sha256("/".join(parts).encode()).hexdigest()
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789"
    n = int(digest, 16)
    out = []
    for _ in range(length):
        n, r = divmod(n, len(alphabet))
        out.append(alphabet[r])
    return "".join(out)


def session(
    key: str,
    n: int,
    start: str,
    *,
    item_id: str | None = None,
    payroll: tuple[int, int] | None = None,
    documents: tuple[int, int, int, int] | None = None,
    bank_income: str | None = None,
    bank_employment: str | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One CreditSession: `payroll` = (pay stubs, W-2s); `documents` = (stubs, W-2s, statements, 1099s)."""
    results: dict[str, Any] = {}
    inst = "ins_116301"
    if item_id:
        results["item_add_results"] = [
            {
                "public_token": f"public-sandbox-{stable_id(key, str(n), length=8)}",
                "item_id": item_id,
                "institution_id": inst,
            }
        ]
    if bank_income:
        results["bank_income_results"] = [
            {"status": bank_income, "item_id": item_id or "", "institution_id": inst}
        ]
    if bank_employment:
        results["bank_employment_results"] = [
            {"status": bank_employment, "item_id": item_id or "", "institution_id": inst}
        ]
    if payroll:
        results["payroll_income_results"] = [
            {
                "num_paystubs_retrieved": payroll[0],
                "num_w2s_retrieved": payroll[1],
                "institution_id": "ins_135842",
                "institution_name": "ADP",
            }
        ]
    if documents:
        results["document_income_results"] = {
            "num_paystubs_uploaded": documents[0],
            "num_w2s_uploaded": documents[1],
            "num_bank_statements_uploaded": documents[2],
            "num_1099s_uploaded": documents[3],
            # newer Plaid clients (plaid-python 46) require this field; the 2020-09-14 spec allows it
            "num_i20s_uploaded": 0,
        }
    return {
        "link_session_id": f"{stable_id(key, 'session', str(n), length=8)}-{n:04d}-4c1e-9a0b-lnk",
        "session_start_time": start,
        "results": results,
        "errors": errors or [],
    }


def employment(
    item_id: str,
    account_id: str,
    employer: str,
    title: str,
    start: str,
    *,
    end: str | None = None,
    employee_type: str = "FULL_TIME",
    last_paystub: str | None = None,
) -> dict[str, Any]:
    """A CreditEmployment item with one employment."""
    return {
        "item_id": item_id,
        "employments": [
            {
                "account_id": account_id,
                "status": "INACTIVE" if end else "ACTIVE",
                "start_date": start,
                "end_date": end,
                "employer": {"name": employer},
                "title": title,
                "platform_ids": {
                    "employee_id": stable_id(item_id, "emp", length=8),
                    "payroll_id": stable_id(item_id, "pay", length=8),
                    "position_id": None,
                },
                "employee_type": employee_type,
                "last_paystub_date": last_paystub,
            }
        ],
    }


def bank_employment_report(
    key: str,
    item_id: str,
    account_id: str,
    owner_block: dict[str, Any],
    employers: list[tuple[str, str, str]],
) -> dict[str, Any]:
    """A CreditBankEmploymentReport; `employers` = (name, earliest, latest deposit date)."""
    return {
        "bank_employment_report_id": stable_id(key, "bank-employment"),
        "generated_time": GENERATED_AT,
        "days_requested": 90,
        "items": [
            {
                "item_id": item_id,
                "last_updated_time": GENERATED_AT,
                "institution_id": "ins_116301",
                "institution_name": "First Platypus Bank",
                "bank_employments": [
                    {
                        "bank_employment_id": stable_id(key, name),
                        "account_id": account_id,
                        "employer": {"name": name},
                        "latest_deposit_date": latest,
                        "earliest_deposit_date": earliest,
                    }
                    for name, earliest, latest in employers
                ],
                "bank_employment_accounts": [
                    {
                        "account_id": account_id,
                        "mask": "4417",
                        "name": "Plaid Checking",
                        "official_name": "Plaid Gold Standard 0% Interest Checking",
                        "subtype": "checking",
                        "type": "depository",
                        "owners": [owner_block],
                    }
                ],
            }
        ],
        "warnings": [],
    }
