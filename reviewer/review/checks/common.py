"""What every check shares: money in words, tolerances, currencies, the locator's search terms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from reviewer.review.findings import Severity
from reviewer.review.model import Money, PayStub

CENT = Decimal("0.01")
# a printed total may differ from the sum of its printed lines by a cent of rounding
TOLERANCE = CENT


def cents(value: Decimal) -> Decimal:
    """Rounded to cents, half up (as payroll rounds)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def words(value: Decimal | Money | None) -> str:
    """`2,709.78` (negative as `-12.00`); "not given" for None."""
    if value is None:
        return "not given"
    amount = value.amount if isinstance(value, Money) else value
    return f"{cents(amount):,.2f}"


def number(value: Decimal | Money | None) -> float | None:
    """The JSON number of a value, to the cent (`values` of a finding)."""
    if value is None:
        return None
    amount = value.amount if isinstance(value, Money) else value
    return float(cents(amount))


def day_words(value: date | None) -> str:
    """`10/23/2026` as statements and stubs print it."""
    return value.strftime("%m/%d/%Y") if value is not None else "no date"


def printed(value: Decimal | Money | None) -> str:
    """The locator's search text for a printed amount (it tries `$1,234.50`, `1234.50`, ...)."""
    if value is None:
        return ""
    amount = value.amount if isinstance(value, Money) else value
    return f"{cents(amount):.2f}"


@dataclass(frozen=True)
class SameCurrency:
    """The amounts of one computation, all in one currency (or the reason they are not)."""

    amounts: tuple[Decimal, ...]
    currency: str | None
    problem: str | None


def same_currency(*values: Money | None) -> SameCurrency:
    """The amounts if every one is given and they share a currency; else why not."""
    given = [v for v in values if v is not None]
    if len(given) < len(values):
        return SameCurrency((), None, "a value is not given")
    currencies = {v.currency for v in given if v.currency}
    if len(currencies) > 1:
        names = " and ".join(sorted(currencies))
        return SameCurrency((), None, f"the amounts are in different currencies ({names})")
    return SameCurrency(tuple(v.amount for v in given), next(iter(currencies), None), None)


def total(values: Iterable[Money | None]) -> tuple[Decimal | None, str | None]:
    """The sum of the given amounts, or (None, why) when none or mixed currencies."""
    given = [v for v in values if v is not None]
    if not given:
        return None, "no amounts are given"
    currencies = {v.currency for v in given if v.currency}
    if len(currencies) > 1:
        return None, f"the lines are in different currencies ({' and '.join(sorted(currencies))})"
    return sum((v.amount for v in given), Decimal(0)), None


def differs(a: Decimal, b: Decimal, tolerance: Decimal = TOLERANCE) -> bool:
    """True when `a` and `b` differ by more than `tolerance` after rounding to cents."""
    return abs(cents(a) - cents(b)) > tolerance


def severity_for(difference: Decimal) -> Severity:
    """How serious an arithmetic difference is: a few dollars may be a typo, more is not."""
    size = abs(difference)
    if size >= Decimal(50):
        return "high"
    if size >= Decimal(1):
        return "medium"
    return "low"


def stub_name(stub: PayStub) -> str:
    """`the pay stub of 10/23/2026` for summaries."""
    day = stub.pay_date.strftime("%m/%d/%Y") if stub.pay_date else "(no pay date)"
    return f"the pay stub paid {day}"
