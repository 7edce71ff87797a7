"""Value types shared by the document generators and the small formatting helpers they print with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any


@dataclass(frozen=True)
class Tamper:
    """An edit a fraudster made: `original` covered by a white box, `replacement` printed on top.

    The original stays in the text layer under the box (as it does when someone edits a PDF with an
    annotation tool), and the replacement is set in a visibly different font. `page` is 1-based;
    None applies the edit on every page. `first_only` limits it to the first occurrence found.
    `font` overrides the overlay font (a Base-14 name such as "Times-Roman").
    """

    original: str
    replacement: str
    page: int | None = None
    first_only: bool = False
    font: str | None = None


@dataclass(frozen=True)
class DocMeta:
    """PDF document-information metadata; tampered documents get dates outside the window."""

    creation_date: datetime
    mod_date: datetime
    producer: str = "PDFlib+PDI 9.2.0 (Win64)"
    creator: str = "Payroll Document Services"
    title: str = ""
    author: str = ""


@dataclass(frozen=True)
class GeneratedDocument:
    """A generated file: its bytes, media type and page count."""

    data: bytes = field(repr=False)
    media_type: str
    page_count: int


def money(value: float | None) -> str:
    """Format an amount the way every generated document prints it: "$2,441.17", "-$12.00".

    None prints as an empty string so a missing field leaves a blank, never "None".
    """
    if value is None:
        return ""
    # Same rounding as f"{value:.2f}", the unformatted form signals carry, so the two always agree.
    printed = f"{float(value):,.2f}"
    if printed.startswith("-"):
        printed = printed[1:]
        return f"-${printed}" if printed != "0.00" else "$0.00"
    return f"${printed}"


def amount_text(value: object) -> str:
    """Print an amount that may arrive as a number or as a numeric string (W-2 boxes are strings)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return money(value)
    text = str(value).strip()
    try:
        return money(float(text.replace(",", "").replace("$", "")))
    except ValueError:
        return text


def number(value: object) -> float | None:
    """A float from a number or numeric string, None when absent or unparseable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "").replace("$", ""))
    except ValueError:
        return None


def date_text(value: object) -> str:
    """Print an ISO date ("2024-03-15") the US way documents do ("03/15/2024"); blanks stay blank."""
    parsed = parse_date(value)
    if parsed is None:
        return "" if value is None else str(value)
    return parsed.strftime("%m/%d/%Y")


def parse_date(value: object) -> date | None:
    """The date in an ISO date or datetime string, None when absent or malformed."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def pdf_date(moment: datetime) -> str:
    """A datetime in PDF date syntax (D:YYYYMMDDHHmmSS+HH'mm'); naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def default_meta(day: date | None, creator: str) -> DocMeta:
    """Untampered metadata: created and last modified at the same moment, the morning of `day`."""
    when = datetime(*(day or date(2024, 1, 2)).timetuple()[:3], 9, 30, tzinfo=UTC)
    return DocMeta(creation_date=when, mod_date=when, creator=creator)


def get(obj: object, *keys: str | int) -> Any:
    """Walk nested dicts/lists, returning None at the first missing or null step (never raising)."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(obj, list) or not -len(obj) <= key < len(obj):
                return None
            obj = obj[key]
        else:
            if not isinstance(obj, Mapping):
                return None
            obj = obj.get(key)
        if obj is None:
            return None
    return obj


def items(obj: object, *keys: str) -> list[dict[str, Any]]:
    """The dicts in the list at `keys`, skipping nulls and non-dicts; [] when absent."""
    value = get(obj, *keys)
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, Mapping)]  # type: ignore[misc]


def text(value: object) -> str:
    """A printable string for any field value; None prints as a blank."""
    return "" if value is None else str(value)


def address_lines(address: object) -> list[str]:
    """Street and "City, ST 12345" lines from a Plaid address dict, omitting empty parts."""
    street = text(get(address, "street"))
    city = text(get(address, "city"))
    region = text(get(address, "region"))
    postal = text(get(address, "postal_code"))
    locality = ", ".join(part for part in (city, f"{region} {postal}".strip()) if part)
    return [line for line in (*street.split("\n"), locality) if line.strip()]


def masked_ssn(mask: object) -> str:
    """A taxpayer id mask "1234" printed as "***-**-1234"; already-masked values print as given."""
    value = text(mask).strip()
    if not value:
        return ""
    if "*" in value or "X" in value.upper():
        return value
    digits = "".join(ch for ch in value if ch.isdigit())
    # Never print a full taxpayer id, even if one arrives unmasked.
    return f"***-**-{digits[-4:] if digits else value[-4:]}"


def masked_account(number_or_mask: object) -> str:
    """An account number printed with only its last four digits visible."""
    value = text(number_or_mask).strip()
    if not value:
        return ""
    return f"XXXXXX{value[-4:]}"
