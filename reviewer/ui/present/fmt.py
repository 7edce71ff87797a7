"""Small defensive accessors and formatters shared by the presentation helpers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def dig(obj: Any, *keys: str | int) -> Any:
    """Follow `keys` through nested dicts/lists; None as soon as anything is missing."""
    cur = obj
    for key in keys:
        if isinstance(key, int):
            if not isinstance(cur, list) or not -len(cur) <= key < len(cur):
                return None
            cur = cur[key]
        else:
            if not isinstance(cur, dict):
                return None
            cur = cur.get(key)
        if cur is None:
            return None
    return cur


def dicts(value: Any) -> list[dict[str, Any]]:
    """The dict elements of a list (Plaid arrays may be null or hold junk in hostile data)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def money(amount: Any, currency: Any = None) -> str:
    """`1234.5` -> `$1,234.50`; other currencies keep their code; missing -> em dash."""
    if isinstance(amount, str):
        try:
            amount = float(amount.replace(",", ""))
        except ValueError:
            return str(amount)
    if not isinstance(amount, int | float) or isinstance(amount, bool):
        return "—"
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}"
    if currency in (None, "USD"):
        return f"{sign}${text}"
    return f"{sign}{text} {currency}"


def text(value: Any) -> str:
    """A display string for a scalar; em dash for missing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def humanize(enum_value: Any) -> str:
    """`PAY_STUB` / `pay_stub` -> `Pay stub`."""
    if not isinstance(enum_value, str) or not enum_value:
        return "—"
    words = enum_value.replace("_", " ").replace("-", " ").strip().lower()
    return words[:1].upper() + words[1:]


def address(addr: Any) -> str:
    """One-line postal address from Plaid's address dict."""
    if not isinstance(addr, dict):
        return "—"
    parts: Iterable[Any] = (
        addr.get("street"),
        addr.get("city"),
        " ".join(p for p in (addr.get("region"), addr.get("postal_code")) if isinstance(p, str)),
        addr.get("country"),
    )
    joined = ", ".join(str(p) for p in parts if p)
    return joined or "—"


def period(start: Any, end: Any) -> str:
    """`2024-01-01 – 2024-01-15`, tolerating either end missing."""
    if not start and not end:
        return "—"
    return f"{start or '?'} – {end or '?'}"
