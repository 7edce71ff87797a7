"""US payroll tax rates and the Social Security wage base, in one table with their sources.

Sources (verify each October, when the SSA publishes the next year's base):
- Social Security (OASDI) employee rate 6.2 % up to the contribution and benefit base:
  SSA, "Contribution and Benefit Base", https://www.ssa.gov/oact/cola/cbb.html
- Medicare employee rate 1.45 % on all wages; Additional Medicare Tax 0.9 % withheld on wages
  above $200,000 in the calendar year, regardless of filing status:
  IRS Publication 15 (Circular E), "Social Security and Medicare Taxes",
  https://www.irs.gov/publications/p15 ; IRS Topic 560, https://www.irs.gov/taxtopics/tc560
"""

from __future__ import annotations

from decimal import Decimal

SOCIAL_SECURITY_RATE = Decimal("0.062")
MEDICARE_RATE = Decimal("0.0145")
ADDITIONAL_MEDICARE_RATE = Decimal("0.009")
ADDITIONAL_MEDICARE_THRESHOLD = Decimal("200000")

# tax year -> Social Security contribution and benefit base (SSA, cbb.html)
SOCIAL_SECURITY_WAGE_BASE: dict[int, Decimal] = {
    2018: Decimal("128400"),
    2019: Decimal("132900"),
    2020: Decimal("137700"),
    2021: Decimal("142800"),
    2022: Decimal("147000"),
    2023: Decimal("160200"),
    2024: Decimal("168600"),
    2025: Decimal("176100"),
    2026: Decimal("184500"),
}
WAGE_BASE_SOURCE = "SSA contribution and benefit base (ssa.gov/oact/cola/cbb.html)"

# periods per year of each pay frequency Plaid names
PERIODS_PER_YEAR = {"WEEKLY": 52, "BIWEEKLY": 26, "SEMI_MONTHLY": 24, "MONTHLY": 12}
# days between pay dates: (fewest, most), allowing a holiday or weekend shift
PAY_INTERVAL_DAYS = {
    "WEEKLY": (5, 9),
    "BIWEEKLY": (12, 16),
    "SEMI_MONTHLY": (12, 19),
    "MONTHLY": (27, 34),
}


def wage_base(tax_year: int | None) -> Decimal | None:
    """The year's Social Security wage base, or None for a year not in the table."""
    return None if tax_year is None else SOCIAL_SECURITY_WAGE_BASE.get(tax_year)


def medicare_due(wages: Decimal) -> Decimal:
    """Medicare withholding on a year's Medicare wages, the Additional Medicare Tax included."""
    extra = max(Decimal(0), wages - ADDITIONAL_MEDICARE_THRESHOLD)
    return wages * MEDICARE_RATE + extra * ADDITIONAL_MEDICARE_RATE
