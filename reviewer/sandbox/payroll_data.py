"""Builders for spec-shaped payroll documents (CreditPayStub, CreditW2, Credit1099) with sums that add up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

USD = "USD"


@dataclass(frozen=True)
class Party:
    """A person or company with a postal address."""

    name: str
    street: str
    city: str
    region: str
    postal_code: str

    def address(self) -> dict[str, Any]:
        """CreditPayStubAddress."""
        return {
            "street": self.street,
            "city": self.city,
            "region": self.region,
            "postal_code": self.postal_code,
            "country": "US",
        }


def _c(value: float) -> float:
    return round(value + 0.0, 2)


def document_metadata(
    name: str,
    document_type: str,
    *,
    status: str | None = "PROCESSING_COMPLETE",
    page_count: int | None = 1,
    error_message: str | None = None,
) -> dict[str, Any]:
    """CreditDocumentMetadata; `download_url` is filled in per request by the sandbox."""
    return {
        "name": name,
        "document_type": document_type,
        "download_url": None,
        "status": status,
        "page_count": page_count,
        "error_message": error_message,
    }


def without_pay_data(stub: dict[str, Any]) -> dict[str, Any]:
    """A pay stub Plaid could not process (DOCUMENT_ERROR): its metadata and no parsed values.

    The spec requires the objects, so they are there with every value null and no lines.
    """
    address = {"city": None, "country": None, "postal_code": None, "region": None, "street": None}
    money = {"iso_currency_code": None, "unofficial_currency_code": None}
    return {
        "document_id": stub["document_id"],
        "document_metadata": dict(stub["document_metadata"]),
        "deductions": {
            "breakdown": [],
            "total": {"current_amount": None, "ytd_amount": None, **money},
        },
        "earnings": {
            "breakdown": [],
            "total": {"current_amount": None, "hours": None, "ytd_amount": None, **money},
        },
        "employee": {
            "address": dict(address),
            "name": None,
            "marital_status": None,
            "taxpayer_id": {"id_type": None, "id_mask": None},
        },
        "employer": {"address": dict(address), "name": None},
        "net_pay": {"current_amount": None, "description": None, "ytd_amount": None, **money},
        "pay_period_details": {
            "pay_amount": None,
            "distribution_breakdown": [],
            "end_date": None,
            "gross_earnings": None,
            "pay_date": None,
            "pay_frequency": None,
            "start_date": None,
            **money,
        },
    }


PERIODS = {"WEEKLY": 7, "BIWEEKLY": 14, "SEMI_MONTHLY": 15, "MONTHLY": 30}
PER_YEAR = {"WEEKLY": 52, "BIWEEKLY": 26, "SEMI_MONTHLY": 24, "MONTHLY": 12}


def paystub(
    *,
    document_id: str,
    employee: Party,
    employer: Party,
    pay_date: date,
    frequency: str,
    gross: float,
    period_index: int,
    hourly_rate: float | None = None,
    state_tax_rate: float = 0.04,
    retirement_rate: float = 0.05,
    health: float = 0.0,
    bank_name: str = "Chase",
    mask: str = "4417",
    name: str | None = None,
) -> dict[str, Any]:
    """A CreditPayStub; `period_index` is the pay period number in the year (YTD = n x current)."""
    end = pay_date - timedelta(days=3)
    start = end - timedelta(days=PERIODS[frequency] - 1)
    n = period_index
    federal = _c(gross * 0.11)
    deductions = [
        ("Federal Income Tax", federal),
        ("Social Security", _c(gross * 0.062)),
        ("Medicare", _c(gross * 0.0145)),
        (f"{employer.region} State Income Tax", _c(gross * state_tax_rate)),
    ]
    if retirement_rate:
        deductions.append(("401(k)", _c(gross * retirement_rate)))
    if health:
        deductions.append(("Medical Insurance", _c(health)))
    total_ded = _c(sum(a for _, a in deductions))
    net = _c(gross - total_ded)
    hours = _c(gross / hourly_rate) if hourly_rate else None
    earnings = {
        "canonical_description": "REGULAR_PAY",
        "current_amount": gross,
        "description": "Regular Pay",
        "hours": hours,
        "iso_currency_code": USD,
        "rate": hourly_rate,
        "unofficial_currency_code": None,
        "ytd_amount": _c(gross * n),
    }
    return {
        "document_id": document_id,
        "document_metadata": document_metadata(
            name or f"paystub_{pay_date.isoformat()}.pdf", "PAYSTUB"
        ),
        "deductions": {
            "breakdown": [
                {
                    "current_amount": a,
                    "description": d,
                    "iso_currency_code": USD,
                    "unofficial_currency_code": None,
                    "ytd_amount": _c(a * n),
                }
                for d, a in deductions
            ],
            "total": {
                "current_amount": total_ded,
                "iso_currency_code": USD,
                "unofficial_currency_code": None,
                "ytd_amount": _c(sum(_c(a * n) for _, a in deductions)),
            },
        },
        "earnings": {
            "breakdown": [earnings],
            "total": {
                "current_amount": gross,
                "hours": hours,
                "iso_currency_code": USD,
                "unofficial_currency_code": None,
                "ytd_amount": _c(gross * n),
            },
        },
        "employee": {
            "address": employee.address(),
            "name": employee.name,
            "marital_status": "SINGLE",
            "taxpayer_id": {"id_type": "SSN", "id_mask": "4821"},
        },
        "employer": {"address": employer.address(), "name": employer.name},
        "net_pay": {
            "current_amount": net,
            "description": "Net Pay",
            "iso_currency_code": USD,
            "unofficial_currency_code": None,
            "ytd_amount": _c(_c(gross * n) - sum(_c(a * n) for _, a in deductions)),
        },
        "pay_period_details": {
            "pay_amount": net,
            "distribution_breakdown": [
                {
                    "account_name": "Direct Deposit",
                    "bank_name": bank_name,
                    "current_amount": net,
                    "iso_currency_code": USD,
                    "mask": mask,
                    "type": "checking",
                    "unofficial_currency_code": None,
                }
            ],
            "end_date": end.isoformat(),
            "gross_earnings": gross,
            "iso_currency_code": USD,
            "pay_date": pay_date.isoformat(),
            "pay_frequency": frequency,
            "pay_basis": "HOURLY" if hourly_rate else "SALARY",
            "start_date": start.isoformat(),
            "unofficial_currency_code": None,
        },
    }


def w2(
    *, document_id: str, employee: Party, employer: Party, tax_year: int, wages: float, ein: str
) -> dict[str, Any]:
    """A CreditW2 (amounts are strings, as in the spec)."""
    ss = _c(wages * 0.062)
    med = _c(wages * 0.0145)
    return {
        "document_metadata": document_metadata(f"W2_{tax_year}.pdf", "US_TAX_W2"),
        "document_id": document_id,
        "employer": {"address": employer.address(), "name": employer.name},
        "employee": {
            "address": employee.address(),
            "name": employee.name,
            "marital_status": None,
            "taxpayer_id": {"id_type": "SSN", "id_mask": "4821"},
        },
        "tax_year": str(tax_year),
        "employer_id_number": ein,
        "wages_tips_other_comp": f"{wages:.2f}",
        "federal_income_tax_withheld": f"{_c(wages * 0.11):.2f}",
        "social_security_wages": f"{wages:.2f}",
        "social_security_tax_withheld": f"{ss:.2f}",
        "medicare_wages_and_tips": f"{wages:.2f}",
        "medicare_tax_withheld": f"{med:.2f}",
        "social_security_tips": None,
        "allocated_tips": None,
        "box_9": None,
        "dependent_care_benefits": None,
        "nonqualified_plans": None,
        "box_12": [{"code": "D", "amount": f"{_c(wages * 0.05):.2f}"}],
        "statutory_employee": None,
        "retirement_plan": "X",
        "third_party_sick_pay": None,
        "other": None,
        "state_and_local_wages": [
            {
                "state": employer.region,
                "employer_state_id_number": "0" + ein.replace("-", "")[:8],
                "state_wages_tips": f"{wages:.2f}",
                "state_income_tax": f"{_c(wages * 0.04):.2f}",
                "local_wages_tips": None,
                "local_income_tax": None,
                "locality_name": None,
            }
        ],
    }


def form1099(
    *,
    document_id: str,
    recipient: Party,
    payer: Party,
    tax_year: int,
    nonemployee_compensation: float,
    payer_tin: str,
) -> dict[str, Any]:
    """A Credit1099 (1099-MISC)."""
    return {
        "document_id": document_id,
        "document_metadata": document_metadata(f"1099-MISC_{tax_year}.pdf", "UNKNOWN"),
        "form_1099_type": "FORM_1099_TYPE_MISC",
        "recipient": {
            "address": recipient.address(),
            "name": recipient.name,
            "tin": "XXX-XX-4821",
            "account_number": None,
            "facta_filing_requirement": None,
            "second_tin_exists": None,
        },
        "payer": {
            "address": payer.address(),
            "name": payer.name,
            "tin": payer_tin,
            "telephone_number": "(415) 555-0142",
        },
        "tax_year": str(tax_year),
        "rents": None,
        "royalties": None,
        "other_income": None,
        "federal_income_tax_withheld": 0.0,
        "nonemployee_compensation": nonemployee_compensation,
        "state_tax_withheld": None,
        "payer_state_number": None,
        "state_income": None,
    }
