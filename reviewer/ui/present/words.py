"""Plain words for what Plaid names in codes (document types come from review/, which the
report shares): document types, counts, local times.

A reviewer reads "W-2", "1 page", "30 Nov 2026, 12:46 UTC"; never "Us Tax W2", "1 pages" or an
ISO timestamp. Ids stay available in tooltips and copy actions, never as the only label.
"""

from __future__ import annotations

from datetime import datetime

from reviewer.review.document_status import DOCUMENT_TYPES as DOCUMENT_TYPES
from reviewer.review.document_status import document_type_words as document_type_words
from reviewer.ui.present.fmt import humanize
from reviewer.ui.present.when import parse_time

# Plaid's document statuses, said as what they mean for the review
DOCUMENT_STATUS = {
    "PROCESSING_COMPLETE": "Read by Plaid",
    "DOCUMENT_ERROR": "Plaid could not read it",
    "PROCESSING": "Plaid is still reading it",
    "UNKNOWN": "Status unknown",
}


def document_status_words(status: str | None) -> str:
    """Plaid's processing status of a document in words ("—" when Plaid gave none)."""
    if not status:
        return "—"
    return DOCUMENT_STATUS.get(status.upper(), humanize(status))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 page`, `2 pages`, `1 W-2`, `3 W-2 forms` (pass the plural where +s is wrong)."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def local_time(value: str | datetime | None, with_seconds: bool = False) -> str:
    """An ISO time (or datetime) in the reviewer's local zone, with the zone's name."""
    dt = parse_time(value) if isinstance(value, str) or value is None else value
    if dt is None:
        return "—"
    local = dt.astimezone()
    pattern = "%d %b %Y, %H:%M:%S %Z" if with_seconds else "%d %b %Y, %H:%M %Z"
    return local.strftime(pattern).lstrip("0")


def field_words(field: str) -> str:
    """Plaid's field name as words: `net_pay` -> `net pay`, `employee.ssn` -> `employee SSN`."""
    words = field.replace(".", " ").replace("_", " ").strip()
    for short in ("ssn", "ein", "ytd", "id"):
        words = " ".join(w.upper() if w == short else w for w in words.split())
    return words
