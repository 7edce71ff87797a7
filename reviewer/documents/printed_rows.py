"""The rows a statement prints, as plain values (no PyMuPDF: the review layer reads these)."""

from __future__ import annotations

from dataclasses import dataclass, field

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class PrintedAmount:
    """One money amount as printed, with its value and rectangle."""

    text: str
    value: float
    rect: Rect


@dataclass(frozen=True)
class PrintedRow:
    """One printed line: its page (1-based), leading date (if any), words and amounts."""

    page: int
    date: str | None
    label: str  # the words between the date and the amounts
    amounts: tuple[PrintedAmount, ...] = field(default=())
