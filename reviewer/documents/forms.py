"""The ways a value from Plaid may be printed on a document, and Plaid field names as labels.

Plaid reports `expected_value` as a bare string ("2441.17", "25", "2024-01-15"); the pay stub
prints "$2,441.17", "25.00" or "Jan 15, 2024". Matching is done word by word (see
`reviewer.documents.pagetext`), case-insensitively, after stripping surrounding punctuation, so
the forms here only need to cover digits, separators, currency and sign.
"""

from __future__ import annotations

import datetime as dt
import re

_AMOUNT = re.compile(
    r"^\(?-?\$?-?(?P<int>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(?P<dec>\d+))?-?\)?$"
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")

# Printed labels for Plaid field names whose Title Words rarely appear on documents.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "net_pay": ("Net Pay", "Net Amount", "Take Home", "Net Check"),
    "gross_pay": ("Gross Pay", "Gross Earnings", "Total Gross", "Gross"),
    "gross_earnings": ("Gross Earnings", "Gross Pay", "Total Gross", "Gross"),
    "ytd_gross": ("YTD Gross", "Gross YTD", "Year to Date"),
    "ytd_net": ("YTD Net", "Net YTD", "Year to Date"),
    "employer_name": ("Employer", "Company"),
    "employee_name": ("Employee Name", "Employee", "Name"),
    "pay_date": ("Pay Date", "Check Date", "Payment Date"),
    "pay_period_start_date": ("Period Start", "Pay Period", "Period Beginning"),
    "pay_period_end_date": ("Period End", "Pay Period", "Period Ending"),
    "start_date": ("Period Start", "Start Date", "Beginning"),
    "end_date": ("Period End", "End Date", "Ending"),
    "beginning_balance": ("Beginning Balance", "Opening Balance", "Starting Balance"),
    "starting_balance": ("Starting Balance", "Beginning Balance", "Opening Balance"),
    "ending_balance": ("Ending Balance", "Closing Balance"),
    "account_number": ("Account Number", "Account No", "Account #", "Account"),
    "routing_number": ("Routing Number", "Routing", "ABA"),
    "ssn": ("SSN", "Social Security"),
    "address": ("Address",),
}


def printed_forms(value: str) -> list[str]:
    """All forms in which `value` may be printed, most specific first.

    `value` itself comes first, except a bare integer, which follows its ".00" forms.
    """
    return [form for tier in form_tiers(value) for form in tier]


def form_tiers(value: str) -> list[list[str]]:
    """Printed forms grouped by confidence: a later tier is searched only if earlier ones fail.

    A bare integer ("25") matches too much of a page to be tried before "25.00".
    """
    text = " ".join(value.split())
    if not text:
        return []
    amount = _AMOUNT.match(text.replace(" ", ""))
    if amount:
        return _amount_tiers(text, amount)
    date = _parse_date(text)
    if date:
        return [_dedupe([text, *_date_forms(date)])]
    return [[text]]


def field_labels(field: str) -> list[str]:
    """Printed labels for a Plaid field name: known synonyms, then snake_case as Title Words.

    Nested names ("pay_period_details.pay_date") use their last part.
    """
    name = field.strip().rsplit(".", 1)[-1].strip()
    if not name:
        return []
    key = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
    words = " ".join(part for part in key.split("_") if part)
    title = words.title()
    return _dedupe(
        [*FIELD_LABELS.get(key, ()), title] if title else list(FIELD_LABELS.get(key, ()))
    )


def _amount_tiers(text: str, match: re.Match[str]) -> list[list[str]]:
    integer = match["int"].replace(",", "")
    grouped = f"{int(integer):,}"
    decimals = match["dec"]
    if decimals is None:
        number_forms = [f"{integer}.00", f"{grouped}.00"]
        bare_forms = [integer, grouped]
    else:
        if len(decimals) == 1:
            decimals += "0"
        number_forms = [f"{integer}.{decimals}", f"{grouped}.{decimals}"]
        bare_forms = []
        if set(decimals) == {"0"}:
            bare_forms = [integer, grouped]

    def dressed(numbers: list[str]) -> list[str]:
        forms: list[str] = []
        for number in numbers:
            forms += [number, f"${number}"]
        for number in numbers:
            forms += [f"{number}-", f"-{number}", f"-${number}", f"${number}-", f"({number})"]
        return forms

    if bare_forms and "." not in text:
        primary = dressed(number_forms)
        bare_forms = [text, *bare_forms]
    else:
        primary = [text, *dressed(number_forms)]
    tiers = [_dedupe(primary)]
    if bare_forms:
        tiers.append(
            [f for f in _dedupe([bare_forms[0], *dressed(bare_forms)]) if f not in primary]
        )
    return tiers


def _parse_date(text: str) -> dt.date | None:
    try:
        iso = _ISO_DATE.match(text)
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        us = _US_DATE.match(text)
        if us:
            year = int(us[3]) + (2000 if len(us[3]) == 2 else 0)
            return dt.date(year, int(us[1]), int(us[2]))
    except ValueError:
        return None
    return None


def _date_forms(date: dt.date) -> list[str]:
    m, d, y = date.month, date.day, date.year
    short, long = date.strftime("%b"), date.strftime("%B")
    return [
        date.isoformat(),
        f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y}",
        f"{m:02d}/{d:02d}/{y % 100:02d}",
        f"{m}/{d}/{y % 100:02d}",
        f"{m:02d}-{d:02d}-{y}",
        f"{short} {d}, {y}",
        f"{long} {d}, {y}",
        f"{short} {d:02d}, {y}",
        f"{d} {short} {y}",
        f"{d:02d} {short} {y}",
        f"{d} {long} {y}",
    ]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
