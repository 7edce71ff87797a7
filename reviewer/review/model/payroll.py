"""Payroll income in the case model: pay stubs, W-2s, 1099s, payroll accounts and items.

Every field is optional because Plaid may leave any of it out; amounts are :class:`Money`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from reviewer.review.model.values import Address, Money

Origin = Literal["payroll_provider", "upload", "plaid_generated", "bank_income_report"]
"""Where a document came from.

- ``plaid_generated``: a PDF Plaid drew from payroll data (``PLAID_GENERATED_PAYSTUB_PDF``);
- ``payroll_provider``: a document of an item linked to a payroll provider account (the
  payroll income object names the provider's ``account_id``);
- ``upload``: a file the applicant uploaded (document income, bank statement uploads);
- ``bank_income_report``: the report PDF of ``/credit/bank_income/pdf/get``.
"""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What Plaid says about one document: type, processing status and error, origin."""

    document_id: str
    item_id: str | None
    source_endpoint: str
    name: str | None
    document_type: str | None
    status: str | None  # UNKNOWN, PROCESSING_COMPLETE, DOCUMENT_ERROR (or a newer value)
    error_message: str | None
    page_count: int | None
    origin: Origin | None


@dataclass(frozen=True, slots=True)
class Party:
    """An employer, employee, payer, recipient or filer as the document prints it."""

    name: str | None = None
    address: Address | None = None
    taxpayer_id_type: str | None = None
    taxpayer_id_mask: str | None = None  # last digits only, as Plaid gives them
    tin: str | None = None  # 1099 parties: the TIN as printed (usually masked)
    phone: str | None = None
    marital_status: str | None = None


@dataclass(frozen=True, slots=True)
class Earning:
    """One earnings line of a pay stub."""

    description: str | None
    canonical_description: str | None
    current: Money | None
    ytd: Money | None
    hours: Decimal | None
    rate: Decimal | None  # per hour, as Plaid states it


@dataclass(frozen=True, slots=True)
class Deduction:
    """One deductions line of a pay stub."""

    description: str | None
    current: Money | None
    ytd: Money | None


@dataclass(frozen=True, slots=True)
class Distribution:
    """Where (part of) the net pay was deposited."""

    bank_name: str | None
    account_name: str | None
    account_type: str | None
    mask: str | None
    amount: Money | None


@dataclass(frozen=True, slots=True)
class PayStub:
    """One pay stub with its period, parties, earnings, deductions and net pay."""

    document: DocumentInfo
    employer: Party
    employee: Party
    period_start: date | None
    period_end: date | None
    pay_date: date | None
    pay_frequency: str | None
    pay_basis: str | None  # SALARY, HOURLY, COMMISSION
    gross_earnings: Money | None
    pay_amount: Money | None
    earnings: tuple[Earning, ...]
    earnings_total: Money | None
    earnings_total_ytd: Money | None
    total_hours: Decimal | None
    deductions: tuple[Deduction, ...]
    deductions_total: Money | None
    deductions_total_ytd: Money | None
    net_pay: Money | None
    net_pay_ytd: Money | None
    net_pay_description: str | None
    distributions: tuple[Distribution, ...]
    payroll_account_id: str | None  # the payroll provider account, when linked


@dataclass(frozen=True, slots=True)
class Box12:
    """One W-2 box 12 entry."""

    code: str | None
    amount: Money | None


@dataclass(frozen=True, slots=True)
class StateWages:
    """One W-2 state/local line (boxes 15-20)."""

    state: str | None
    employer_state_id: str | None
    state_wages: Money | None
    state_income_tax: Money | None
    local_wages: Money | None
    local_income_tax: Money | None
    locality: str | None


@dataclass(frozen=True, slots=True)
class W2:
    """A W-2 as its boxes."""

    document: DocumentInfo
    tax_year: str | None
    employer: Party
    employee: Party
    employer_id_number: str | None
    wages_tips_other_comp: Money | None  # box 1
    federal_income_tax_withheld: Money | None  # box 2
    social_security_wages: Money | None  # box 3
    social_security_tax_withheld: Money | None  # box 4
    medicare_wages_and_tips: Money | None  # box 5
    medicare_tax_withheld: Money | None  # box 6
    social_security_tips: Money | None  # box 7
    allocated_tips: Money | None  # box 8
    box_9: str | None
    dependent_care_benefits: Money | None  # box 10
    nonqualified_plans: Money | None  # box 11
    box_12: tuple[Box12, ...]
    statutory_employee: str | None  # box 13
    retirement_plan: str | None  # box 13
    third_party_sick_pay: str | None  # box 13
    other: str | None  # box 14
    state_and_local: tuple[StateWages, ...]


FORM1099_AMOUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("gross_amount", "Gross amount (1099-K 1a)"),
    ("card_not_present_transaction", "Card not present transactions (1099-K 1b)"),
    ("rents", "Rents (MISC 1)"),
    ("royalties", "Royalties (MISC 2)"),
    ("other_income", "Other income (MISC 3)"),
    ("federal_income_tax_withheld", "Federal income tax withheld"),
    ("fishing_boat_proceeds", "Fishing boat proceeds (MISC 5)"),
    ("medical_and_healthcare_payments", "Medical and health care payments (MISC 6)"),
    ("nonemployee_compensation", "Nonemployee compensation"),
    (
        "substitute_payments_in_lieu_of_dividends_or_interest",
        "Substitute payments in lieu of dividends or interest (MISC 8)",
    ),
    ("crop_insurance_proceeds", "Crop insurance proceeds (MISC 9)"),
    ("gross_proceeds_paid_to_an_attorney", "Gross proceeds paid to an attorney (MISC 10)"),
    ("excess_golden_parachute_payments", "Excess golden parachute payments (MISC 13)"),
    ("section_409a_deferrals", "Section 409A deferrals (MISC 12)"),
    ("section_409a_income", "Nonqualified deferred compensation (MISC 15)"),
    ("state_tax_withheld", "State tax withheld"),
    ("state_tax_withheld_lower", "State tax withheld (second state)"),
    ("state_income", "State income"),
    ("state_income_lower", "State income (second state)"),
    ("primary_state_income_tax", "State income tax withheld (first state)"),
    ("secondary_state_income_tax", "State income tax withheld (second state)"),
)
"""The 1099 money fields, in form order, with a reviewer's label."""

FORM1099_TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    (
        "payer_made_direct_sales_of_5000_or_more_of_consumer_products_to_buyer",
        "Direct sales of $5,000 or more (MISC 7)",
    ),
    ("payer_state_number", "Payer state number"),
    ("payer_state_number_lower", "Payer state number (second state)"),
    ("transactions_reported", "Transactions reported (1099-K)"),
    ("pse_name", "PSE name (1099-K)"),
    ("pse_telephone_number", "PSE telephone (1099-K)"),
    ("merchant_category_code", "Merchant category code (1099-K 2)"),
    ("number_of_payment_transactions", "Number of payment transactions (1099-K 3)"),
    ("primary_state", "First state"),
    ("primary_state_id", "First state id"),
    ("secondary_state", "Second state"),
    ("secondary_state_id", "Second state id"),
)
"""The 1099 text fields, in form order, with a reviewer's label."""

MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Form1099:
    """A 1099 (MISC, K, ...): parties, every amount and text field Plaid sends, monthly amounts."""

    document: DocumentInfo
    form_type: str | None
    tax_year: str | None
    payer: Party
    recipient: Party
    filer: Party
    filer_type: str | None
    recipient_account_number: str | None
    facta_filing_requirement: str | None
    second_tin_exists: str | None
    amounts: tuple[tuple[str, Money], ...]  # (field name, amount) for each amount given
    texts: tuple[tuple[str, str], ...]  # (field name, text) for each text field given
    monthly: tuple[tuple[str, Money], ...]  # (month name, amount) for each month given

    def amount(self, field: str) -> Money | None:
        """The amount of one field (e.g. "gross_amount"), or None when not given."""
        return next((m for name, m in self.amounts if name == field), None)


@dataclass(frozen=True, slots=True)
class PayrollAccount:
    """A payroll provider account of an item: how the applicant is paid."""

    account_id: str | None
    pay_rate: str | None  # ANNUAL, HOURLY, ... (the unit of pay_amount)
    pay_amount: Money | None  # per pay_rate unit
    pay_frequency: str | None


@dataclass(frozen=True, slots=True)
class PayrollItem:
    """One payroll income item (a payroll provider link or a document upload)."""

    item_id: str | None
    institution_id: str | None
    institution_name: str | None
    processing_status: str | None
    updated_at: str | None
    accounts: tuple[PayrollAccount, ...]
    pay_stubs: tuple[PayStub, ...]
    w2s: tuple[W2, ...]
    form1099s: tuple[Form1099, ...]
