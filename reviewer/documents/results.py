"""What the documents layer answers, as plain data without PyMuPDF.

The command line and the app's GUI process import these (and unpickle them from the documents
worker) without paying for PyMuPDF's import: only the code that opens a file needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class DocumentInfo:
    """Facts about one document; `problem` says in plain words why it cannot be shown, if so."""

    page_count: int | None
    repaired: bool = False
    encrypted: bool = False
    needs_password: bool = False
    pages_with_text: list[bool] = field(default_factory=list)
    problem: str | None = None
    media_type: str | None = None


@dataclass(frozen=True)
class DocumentFacts:
    """File-level facts: what kind of file, which software made it, when, with which fonts."""

    file_kind: str  # "PDF", "JPEG image", ...
    page_count: int
    producer: str | None = None
    creator: str | None = None
    created: str | None = None  # "2024-01-31 12:00:00 +01:00" (see facts.pdf_date)
    modified: str | None = None
    fonts_by_page: dict[int, list[str]] = field(default_factory=dict)  # 1-based page -> names
    pages_without_text: list[int] = field(default_factory=list)  # 1-based
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # points, every page


@dataclass(frozen=True)
class SignalQuery:
    """What to look for: one risk signal, keyed by the caller's own identifier."""

    key: int
    page_number: int | None  # Plaid's, 1-based; 0 or None: the whole document
    field: str | None
    expected_value: str | None
    actual_value: str | None


@dataclass(frozen=True)
class LocatedSignal:
    """Where a signal was placed: rectangles on `page` (1-based), or a note saying why not."""

    key: int
    rects: list[Rect] = field(default_factory=list)
    page: int | None = None
    found_by: str | None = None  # "expected_value" | "actual_value" | "field_label"
    note: str | None = None
