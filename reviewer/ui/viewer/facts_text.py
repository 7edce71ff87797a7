"""Words for the viewer's side panels: document facts, file types, document-level banners."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from reviewer.review.case_model import SignalRecord
from reviewer.review.signal_glossary import guide_for
from reviewer.ui.present.fmt import humanize
from reviewer.ui.present.words import plural

# Plaid's file_type: only a born-digital PDF keeps the fonts and metadata that tampering
# checks read; on the others those checks mean little.
FILE_TYPE_WORDS = {
    "TRUE_PDF": "a PDF made on a computer: font and metadata checks are meaningful",
    "SCAN_OCR": "a scan read by OCR: font and metadata checks mean little on a scan",
    "IMAGE": "a photo or image: font and metadata checks mean little",
    "FLATTENED_PDF": "a flattened PDF: font and metadata checks mean little",
}
_MEDIA_WORDS = {
    "application/pdf": "a PDF",
    "image/jpeg": "a JPEG image",
    "image/png": "a PNG image",
}


def file_type_text(file_type: str | None, media_type: str | None) -> str:
    """ "a PDF made on a computer: …" (Plaid's TRUE_PDF in words; the code itself is shown
    nowhere), or the media type in words when Plaid gave no file type."""
    if file_type:
        return FILE_TYPE_WORDS.get(file_type.upper(), humanize(file_type).lower())
    media = _MEDIA_WORDS.get(media_type or "", media_type or "type unknown")
    return f"{media} (Plaid did not say how it was made)"


def banner_text(signals: list[SignalRecord]) -> str | None:
    """One line per document-level (page 0) signal with fraud risk, or None when there are none."""
    lines = [
        f"⚠ Whole document: {guide_for(s.type).title}"
        + (f" ({s.field})" if s.field else "")
        + (f": {s.signal_description}" if s.signal_description else "")
        for s in signals
        if not s.page_number and s.has_fraud_risk
    ]
    return "\n".join(lines) or None


_FILE_TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?: (\d\d:\d\d(?::\d\d)?))?(?: (.+))?$")


def file_time(value: str | None) -> str:
    """A time the file states ("2026-11-06 09:30:00 +00:00") in words, its zone as written
    (the zone a file claims is itself evidence): "6 Nov 2026, 09:30:00 +00:00"."""
    if not value:
        return "not stated in the file"
    match = _FILE_TIME.match(value)
    if match is None:
        return value
    year, month, day, clock, zone = match.groups()
    try:
        when = date(int(year), int(month), int(day)).strftime("%d %b %Y").lstrip("0")
    except ValueError:
        return value
    return ", ".join(p for p in (when, " ".join(z for z in (clock, zone) if z)) if p)


def facts_text(facts: object) -> str:
    """File type, page count, producer, creator, dates and fonts per page, one per line."""

    def get(name: str) -> Any:
        return getattr(facts, name, None)

    count = get("page_count")
    pages = plural(count, "page") if isinstance(count, int) else "pages unknown"
    lines = [f"File: {get('file_kind')}, {pages}"]
    lines.append(f"Producer: {get('producer') or '—'}")
    lines.append(f"Creator: {get('creator') or '—'}")
    lines.append(f"Created: {file_time(get('created'))}")
    lines.append(f"Modified: {file_time(get('modified'))}")
    lines.extend(font_lines(get("fonts_by_page") or {}))
    return "\n".join(lines)


def font_lines(fonts_by_page: dict[int, list[str]]) -> list[str]:
    """Fonts drawing text: those on every page, then those on only some pages with where.

    A figure retyped in another font shows up as a font used on one page only.
    """
    pages_of: dict[str, list[int]] = {}
    for page, names in sorted(fonts_by_page.items()):
        for name in names:
            pages_of.setdefault(name, []).append(page)
    if not pages_of:
        return ["Fonts: none (no text layer)"]
    total = len(fonts_by_page)
    everywhere = sorted(n for n, p in pages_of.items() if len(p) == total)
    lines = [f"Fonts: {', '.join(everywhere) or '—'}" + (" (every page)" if total > 1 else "")]
    for name, pages in sorted(pages_of.items(), key=lambda item: (len(item[1]), item[0])):
        if len(pages) < total:
            shown = ", ".join(str(p) for p in pages[:6]) + (" …" if len(pages) > 6 else "")
            lines.append(f"Only on p. {shown}: {name}")
    return lines
