"""Example Plaid-shaped inputs for each generator (spec-shaped dicts), for tests and previews."""

from __future__ import annotations

from typing import Any

_EMPLOYER_ADDRESS = {
    "street": "2500 Harbor Blvd Suite 400",
    "city": "Costa Mesa",
    "region": "CA",
    "postal_code": "92626",
    "country": "US",
}
_EMPLOYEE_ADDRESS = {
    "street": "1418 Maple Ave Apt 3B",
    "city": "Santa Ana",
    "region": "CA",
    "postal_code": "92701",
    "country": "US",
}


def example_paystub() -> dict[str, Any]:
    """A bi-weekly salaried pay stub (`CreditPayStub`)."""
    return {
        "document_id": "2jkflanbd",
        "document_metadata": {
            "name": "paystub.pdf",
            "document_type": "PAYSTUB",
            "status": "PROCESSING_COMPLETE",
            "page_count": 1,
            "download_url": None,
            "error_message": None,
        },
        "employer": {"name": "Pacific Coast Logistics Inc.", "address": _EMPLOYER_ADDRESS},
        "employee": {
            "name": "Jordan M. Alvarez",
            "address": _EMPLOYEE_ADDRESS,
            "marital_status": "SINGLE",
            "taxpayer_id": {"id_type": "SSN", "id_mask": "4821"},
        },
        "earnings": {
            "breakdown": [
                {
                    "canonical_description": "REGULAR_PAY",
                    "description": "Regular Pay",
                    "rate": 31.25,
                    "hours": 80,
                    "current_amount": 2500.0,
                    "ytd_amount": 15000.0,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "canonical_description": "OVERTIME",
                    "description": "Overtime",
                    "rate": 46.875,
                    "hours": 6,
                    "current_amount": 281.25,
                    "ytd_amount": 937.5,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "canonical_description": "BONUS",
                    "description": "Bonus",
                    "rate": None,
                    "hours": None,
                    "current_amount": 150.0,
                    "ytd_amount": 650.0,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
            ],
            "total": {
                "current_amount": 2931.25,
                "hours": 86,
                "ytd_amount": 16587.5,
                "iso_currency_code": "USD",
                "unofficial_currency_code": None,
            },
        },
        "deductions": {
            "breakdown": [
                {
                    "description": "Federal Income Tax",
                    "current_amount": 241.9,
                    "ytd_amount": 1451.4,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "description": "Social Security Tax",
                    "current_amount": 181.74,
                    "ytd_amount": 1028.43,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "description": "Medicare Tax",
                    "current_amount": 42.5,
                    "ytd_amount": 240.52,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "description": "CA State Income Tax",
                    "current_amount": 98.44,
                    "ytd_amount": 590.64,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "description": "CA SDI",
                    "current_amount": 26.38,
                    "ytd_amount": 149.29,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "description": "401(k) Pre-Tax",
                    "current_amount": 146.56,
                    "ytd_amount": 829.38,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "description": "Medical Insurance",
                    "current_amount": 94.12,
                    "ytd_amount": 564.72,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
            ],
            "total": {
                "current_amount": 831.64,
                "ytd_amount": 4854.38,
                "iso_currency_code": "USD",
                "unofficial_currency_code": None,
            },
        },
        "net_pay": {
            "current_amount": 2099.61,
            "description": "Net Pay",
            "ytd_amount": 11733.12,
            "iso_currency_code": "USD",
            "unofficial_currency_code": None,
        },
        "pay_period_details": {
            "pay_amount": 2099.61,
            "gross_earnings": 2931.25,
            "start_date": "2024-03-03",
            "end_date": "2024-03-16",
            "pay_date": "2024-03-22",
            "pay_frequency": "BIWEEKLY",
            "pay_basis": "SALARY",
            "iso_currency_code": "USD",
            "unofficial_currency_code": None,
            "distribution_breakdown": [
                {
                    "account_name": "Everyday Checking",
                    "bank_name": "Wells Fargo",
                    "current_amount": 1899.61,
                    "mask": "3091",
                    "type": "checking",
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                {
                    "account_name": "Way2Save Savings",
                    "bank_name": "Wells Fargo",
                    "current_amount": 200.0,
                    "mask": "7712",
                    "type": "savings",
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
            ],
        },
    }


def example_w2() -> dict[str, Any]:
    """A W-2 for tax year 2023 (`CreditW2`; box amounts are strings in the spec)."""
    return {
        "document_id": "w2doc001",
        "document_metadata": {
            "name": "w2_2023.pdf",
            "document_type": "US_TAX_W2",
            "status": "PROCESSING_COMPLETE",
            "page_count": 1,
            "download_url": None,
            "error_message": None,
        },
        "employer": {"name": "Pacific Coast Logistics Inc.", "address": _EMPLOYER_ADDRESS},
        "employee": {
            "name": "Jordan M. Alvarez",
            "address": _EMPLOYEE_ADDRESS,
            "marital_status": None,
            "taxpayer_id": {"id_type": "SSN", "id_mask": "4821"},
        },
        "tax_year": "2023",
        "employer_id_number": "33-1234567",
        "wages_tips_other_comp": "61245.18",
        "federal_income_tax_withheld": "6102.44",
        "social_security_wages": "65000.00",
        "social_security_tax_withheld": "4030.00",
        "medicare_wages_and_tips": "65000.00",
        "medicare_tax_withheld": "942.50",
        "social_security_tips": None,
        "allocated_tips": None,
        "box_9": None,
        "dependent_care_benefits": None,
        "nonqualified_plans": None,
        "box_12": [{"code": "D", "amount": "3754.82"}, {"code": "DD", "amount": "5412.00"}],
        "statutory_employee": "false",
        "retirement_plan": "true",
        "third_party_sick_pay": "false",
        "other": "CA SDI 585.00",
        "state_and_local_wages": [
            {
                "state": "CA",
                "employer_state_id_number": "123-4567-8",
                "state_wages_tips": "61245.18",
                "state_income_tax": "2474.11",
                "local_wages_tips": None,
                "local_income_tax": None,
                "locality_name": None,
            }
        ],
    }


def example_1099(form_type: str = "FORM_1099_TYPE_MISC") -> dict[str, Any]:
    """A 1099-MISC or (with "FORM_1099_TYPE_K") a 1099-K for tax year 2023 (`Credit1099`)."""
    base: dict[str, Any] = {
        "document_id": "f1099doc",
        "document_metadata": {
            "name": "1099.pdf",
            "document_type": "US_TAX_1099_MISC" if form_type.endswith("MISC") else "US_TAX_1099_K",
            "status": "PROCESSING_COMPLETE",
            "page_count": 1,
            "download_url": None,
            "error_message": None,
        },
        "form_1099_type": form_type,
        "recipient": {
            "name": "Jordan M. Alvarez",
            "address": _EMPLOYEE_ADDRESS,
            "tin": "***-**-4821",
            "account_number": "CR-20931",
            "facta_filing_requirement": None,
            "second_tin_exists": None,
        },
        "payer": {
            "name": "Brightline Media Studios LLC",
            "address": {
                "street": "88 Sunset Plaza Dr",
                "city": "Los Angeles",
                "region": "CA",
                "postal_code": "90069",
                "country": "US",
            },
            "tin": "95-7654321",
            "telephone_number": "(310) 555-0147",
        },
        "filer": {
            "name": "RideNow Payments Inc.",
            "address": {
                "street": "1 Market St Floor 9",
                "city": "San Francisco",
                "region": "CA",
                "postal_code": "94105",
                "country": "US",
            },
            "tin": "84-2223333",
            "type": "PAYMENT_SETTLEMENT_ENTITY",
        },
        "tax_year": "2023",
        "rents": None,
        "royalties": 1250.0,
        "other_income": 18400.0,
        "federal_income_tax_withheld": 0.0,
        "fishing_boat_proceeds": None,
        "medical_and_healthcare_payments": None,
        "nonemployee_compensation": None,
        "substitute_payments_in_lieu_of_dividends_or_interest": None,
        "payer_made_direct_sales_of_5000_or_more_of_consumer_products_to_buyer": None,
        "crop_insurance_proceeds": None,
        "excess_golden_parachute_payments": None,
        "gross_proceeds_paid_to_an_attorney": None,
        "section_409a_deferrals": None,
        "section_409a_income": None,
        "state_tax_withheld": 512.0,
        "state_tax_withheld_lower": None,
        "payer_state_number": "CA 998-1234-5",
        "payer_state_number_lower": None,
        "state_income": 19650.0,
        "state_income_lower": None,
        "transactions_reported": "Payment card",
        "pse_name": "RideNow Payments Inc.",
        "pse_telephone_number": "(800) 555-0199",
        "gross_amount": 38211.42,
        "card_not_present_transaction": 38211.42,
        "merchant_category_code": "4121",
        "number_of_payment_transactions": "2114",
        "primary_state": "CA",
        "secondary_state": None,
        "primary_state_id": "998-1234-5",
        "secondary_state_id": None,
        "primary_state_income_tax": 0.0,
        "secondary_state_income_tax": None,
    }
    months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
    for index, month in enumerate(months):
        base[f"{month}_amount"] = round(2700 + 137.37 * ((index * 7) % 5), 2)
    return base


def example_bank_statement() -> dict[str, Any]:
    """A one-month checking statement (`CreditBankStatementUploadObject`)."""
    account_id = "acc_chk_01"
    rows = [
        ("2024-03-01", "ZELLE PAYMENT TO HARBOR VIEW PROPERTIES RENT", 1875.0),
        ("2024-03-02", "CARD PURCHASE TRADER JOE'S #122 SANTA ANA CA", 86.42),
        ("2024-03-04", "CARD PURCHASE SHELL OIL 57442183 COSTA MESA CA", 52.1),
        ("2024-03-08", "PACIFIC COAST LOG DIRECT DEP PPD ID: 9111111101", -2099.61),
        ("2024-03-09", "ACH DEBIT T-MOBILE PCS SVC", 95.0),
        ("2024-03-12", "RECURRING CARD NETFLIX.COM LOS GATOS CA", 15.49),
        ("2024-03-15", "ACH DEBIT GEICO AUTO INS PREM", 142.6),
        ("2024-03-18", "CARD PURCHASE AMAZON MKTPL*2K3J49 AMZN.COM/BILL WA", 63.27),
        ("2024-03-22", "PACIFIC COAST LOG DIRECT DEP PPD ID: 9111111101", -2099.61),
        ("2024-03-25", "ACH DEBIT TOYOTA MOTOR CREDIT AUTO PAY", 389.22),
        ("2024-03-28", "ATM WITHDRAWAL 1720 E 17TH ST SANTA ANA CA", 120.0),
    ]
    start = 3210.55
    end = round(start - sum(amount for _, _, amount in rows), 2)
    return {
        "document_id": "bankstmt01",
        "document_metadata": {
            "name": "statement_march.pdf",
            "document_type": "BANK_STATEMENT",
            "status": "PROCESSING_COMPLETE",
            "page_count": 1,
            "download_url": None,
            "error_message": None,
        },
        "bank_accounts": [
            {
                "account_id": account_id,
                "name": "Everyday Checking",
                "bank_name": "Wells Fargo",
                "account_type": "checking",
                "account_number": "8830193091",
                "owner": {"name": "Jordan M. Alvarez", "address": _EMPLOYEE_ADDRESS},
                "periods": [
                    {
                        "start_date": "2024-03-01",
                        "end_date": "2024-03-31",
                        "starting_balance": start,
                        "ending_balance": end,
                    }
                ],
            }
        ],
        "transactions": [
            {"date": day, "original_description": name, "amount": amount, "account_id": account_id}
            for day, name, amount in rows
        ],
    }


def example_bank_income() -> dict[str, Any]:
    """Bank income with a salary and a gig source over three months (`CreditBankIncome`)."""
    months = [
        ("2024-01-01", "2024-01-31"),
        ("2024-02-01", "2024-02-29"),
        ("2024-03-01", "2024-03-31"),
    ]

    def history(name: str, amounts: list[float], day: int) -> list[dict[str, Any]]:
        return [
            {
                "start_date": start,
                "end_date": end,
                "total_amount": amount,
                "iso_currency_code": "USD",
                "unofficial_currency_code": None,
                "total_amounts": [
                    {"amount": amount, "iso_currency_code": "USD", "unofficial_currency_code": None}
                ],
                "transactions": [
                    {
                        "amount": -amount,
                        "date": f"{start[:8]}{day:02d}",
                        "name": name,
                        "original_description": f"{name} PPD",
                        "pending": False,
                        "transaction_id": f"tx{start[5:7]}{day}",
                        "check_number": None,
                        "iso_currency_code": "USD",
                        "unofficial_currency_code": None,
                    }
                ],
            }
            for (start, end), amount in zip(months, amounts, strict=True)
        ]

    sources = [
        {
            "income_source_id": "src-salary",
            "income_description": "PACIFIC COAST LOG DIRECT DEP",
            "income_category": "SALARY",
            "account_id": "acc_chk_01",
            "start_date": "2024-01-12",
            "end_date": "2024-03-22",
            "pay_frequency": "BIWEEKLY",
            "total_amount": 12597.66,
            "transaction_count": 3,
            "historical_summary": history("PACIFIC COAST LOG", [4199.22, 4199.22, 4199.22], 12),
        },
        {
            "income_source_id": "src-gig",
            "income_description": "UBER DRIVER PAYOUT",
            "income_category": "GIG_ECONOMY",
            "account_id": "acc_chk_01",
            "start_date": "2024-01-08",
            "end_date": "2024-03-25",
            "pay_frequency": "WEEKLY",
            "total_amount": 1921.4,
            "transaction_count": 3,
            "historical_summary": history("UBER PAYOUT", [611.2, 702.75, 607.45], 8),
        },
    ]
    return {
        "bank_income_id": "bi-7f2c9e",
        "generated_time": "2024-04-02T15:04:05Z",
        "days_requested": 90,
        "items": [
            {
                "bank_income_accounts": [
                    {
                        "account_id": "acc_chk_01",
                        "mask": "3091",
                        "name": "Everyday Checking",
                        "official_name": None,
                        "subtype": "checking",
                        "type": "depository",
                        "owners": [
                            {
                                "names": ["Jordan M. Alvarez"],
                                "phone_numbers": [],
                                "emails": [],
                                "addresses": [],
                            }
                        ],
                    }
                ],
                "bank_income_sources": sources,
                "last_updated_time": "2024-04-02T15:00:00Z",
                "institution_id": "ins_127991",
                "institution_name": "Wells Fargo",
                "item_id": "item-wf-01",
            }
        ],
        "bank_income_summary": {
            "total_amount": 14519.06,
            "iso_currency_code": "USD",
            "unofficial_currency_code": None,
            "total_amounts": [
                {"amount": 14519.06, "iso_currency_code": "USD", "unofficial_currency_code": None}
            ],
            "start_date": "2024-01-01",
            "end_date": "2024-03-31",
            "income_sources_count": 2,
            "income_categories_count": 2,
            "income_transactions_count": 6,
            "historical_summary": history("ALL SOURCES", [4810.42, 4901.97, 4806.67], 1),
        },
        "warnings": [],
    }
