"""Small value types of the case model: money, addresses, Plaid errors and warnings.

Money is exact: Plaid sends JSON numbers (read by pydantic as floats) or, on W-2s, strings; each is
turned into a :class:`decimal.Decimal` through its shortest text form, so ``2709.78`` stays
``Decimal("2709.78")`` and sums of cents are exact. A value that is not a finite number is "not
given" (``None``), never an exception.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Literal

Direction = Literal["in", "out"]

_CENT = Decimal("0.01")
# Beyond this many digits before the point an "amount" is not money anyone earned: it is read as
# not given, and whole-cent arithmetic stays inside Decimal's default 28-digit precision.
_MAX_EXPONENT = 14
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def to_decimal(value: object) -> Decimal | None:
    """A finite Decimal from a JSON number or a printed amount ("$1,234.50", "(12.00)"); else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return _bounded(Decimal(value))
    if isinstance(value, float):
        return _bounded(Decimal(repr(value))) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return _bounded(value) if value.is_finite() else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace(",", "").replace("$", "").replace(" ", "")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    elif text.endswith("-"):
        negative, text = True, text[:-1]
    if not _NUMBER.match(text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None
    if not number.is_finite():
        return None
    return _bounded(-number if negative else number)


def _bounded(number: Decimal) -> Decimal | None:
    return None if number and number.adjusted() > _MAX_EXPONENT else number


def to_date(value: object) -> date | None:
    """An ISO 8601 date (YYYY-MM-DD, a datetime's date part accepted); else None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def clean_text(value: object) -> str | None:
    """A non-empty string with surrounding blanks removed; anything else is not given."""
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    return stripped or None


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in a currency (ISO 4217 code, Plaid's unofficial code, or None if unstated)."""

    amount: Decimal
    currency: str | None = None

    @property
    def cents(self) -> int:
        """The amount in whole cents (banker's rounding of any fraction of a cent)."""
        return int((self.amount / _CENT).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)


def money(value: object, iso: object = None, unofficial: object = None) -> Money | None:
    """Money from a Plaid amount and its currency fields; None when the amount is not a number."""
    amount = to_decimal(value)
    if amount is None:
        return None
    return Money(amount, clean_text(iso) or clean_text(unofficial))


def number(value: object) -> Decimal | None:
    """An exact quantity that is not money (hours, an hourly rate as Plaid states it)."""
    return to_decimal(value)


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address as one source states it; every part may be missing."""

    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None

    @property
    def is_empty(self) -> bool:
        """No part given."""
        return not any((self.street, self.city, self.region, self.postal_code, self.country))

    def one_line(self) -> str | None:
        """`12 Main St, Springfield, IL 62701, US`, or None when no part is given."""
        region_zip = " ".join(p for p in (self.region, self.postal_code) if p)
        parts = [p for p in (self.street, self.city, region_zip, self.country) if p]
        return ", ".join(parts) or None


def address(
    street: object = None,
    city: object = None,
    region: object = None,
    postal_code: object = None,
    country: object = None,
) -> Address | None:
    """An Address from Plaid's parts, or None when no part is a non-empty string."""
    built = Address(
        clean_text(street),
        clean_text(city),
        clean_text(region),
        clean_text(postal_code),
        clean_text(country),
    )
    return None if built.is_empty else built


@dataclass(frozen=True, slots=True)
class ErrorCause:
    """One cause Plaid lists under an error (e.g. the item whose login failed)."""

    error_type: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    display_message: str | None = None
    item_id: str | None = None


@dataclass(frozen=True, slots=True)
class PlaidErrorInfo:
    """A Plaid (or transport) error of one endpoint, with every field Plaid sends."""

    endpoint: str
    http_status: int | None = None
    error_type: str | None = None
    error_code: str | None = None
    error_code_reason: str | None = None
    error_message: str | None = None
    display_message: str | None = None
    request_id: str | None = None
    documentation_url: str | None = None
    suggested_action: str | None = None
    causes: tuple[ErrorCause, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaidWarning:
    """A warning of a bank income or bank employment report (data Plaid could not get)."""

    warning_type: str | None
    warning_code: str | None
    cause: ErrorCause | None


@dataclass(frozen=True, slots=True)
class ShapeProblem:
    """Part of a response that did not have the shape the spec gives it; that part is not shown."""

    endpoint: str
    path: str  # where in the body, e.g. "items[0].pay_stubs[1].document_metadata"
    message: str  # in words, for a reviewer


def direction_of(amount: Money | None) -> Direction | None:
    """Plaid's convention: a negative amount is money into the account, a positive one out."""
    if amount is None or amount.amount == 0:
        return None
    return "in" if amount.amount < 0 else "out"


def document_key(document_id: str | None, item_id: str | None, name: str | None, kind: str) -> str:
    """The id a document is known by: Plaid's `document_id`, else item and name (or kind)."""
    return document_id or f"{item_id}:{name or kind}"
