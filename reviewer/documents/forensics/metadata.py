# mypy: disable-error-code="no-untyped-call"
"""The metadata timeline: document information, XMP and EXIF, read with bounds.

Only extraction happens here (the worker has the file); judging it against the document's own
dates (pay date, statement period) is for `reviewer.review`, which has the case. XMP is read
with regular expressions, never an XML parser (entity expansion), and only up to a size limit:
a packet larger than that is reported as "could not analyse", not read.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime, timedelta, timezone

import pymupdf

from reviewer.documents.forensics.exif import read_exif
from reviewer.documents.forensics.types import Timeline

MAX_XMP_BYTES = 1 << 20
_XMP_FIELDS = {
    "created": re.compile(r"<xmp:CreateDate>([^<]{4,40})<|xmp:CreateDate=\"([^\"]{4,40})\""),
    "modified": re.compile(r"<xmp:ModifyDate>([^<]{4,40})<|xmp:ModifyDate=\"([^\"]{4,40})\""),
    "tool": re.compile(r"<xmp:CreatorTool>([^<]{1,200})<|xmp:CreatorTool=\"([^\"]{1,200})\""),
    "producer": re.compile(r"<pdf:Producer>([^<]{1,200})<|pdf:Producer=\"([^\"]{1,200})\""),
}
_EVENT = re.compile(
    r"stEvt:action[=>\"]+([^<\"]{1,40}).{0,600}?stEvt:when[=>\"]+([^<\"]{4,40})"
    r"(?:.{0,600}?stEvt:softwareAgent[=>\"]+([^<\"]{1,200}))?",
    re.S,
)
_MAX_EVENTS = 50
_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?"
)


def iso_date(value: str | None) -> str | None:
    """A PDF date ("D:20240131120000+01'00'") or an XMP/EXIF date as ISO 8601; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if re.match(r"^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}", value):  # EXIF "2026:11:08 23:41:00"
        value = value[:10].replace(":", "-") + "T" + value[11:19]
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _PDF_DATE.match(value)
        if not match:
            return None
        year, month, day, hour, minute, second, sign, zh, zm = match.groups()
        try:
            parsed = datetime(
                int(year), int(month or 1), int(day or 1),
                int(hour or 0), int(minute or 0), int(second or 0),
            )  # fmt: skip
        except ValueError:
            return None
        if sign in ("Z", "z"):
            parsed = parsed.replace(tzinfo=UTC)
        elif sign in ("+", "-") and zh:
            offset = timedelta(hours=int(zh), minutes=int(zm or 0))
            parsed = parsed.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    return parsed.isoformat()


def read_timeline(doc: pymupdf.Document, raw: bytes) -> tuple[Timeline, list[str]]:
    """The document's timeline and what could not be read, in words."""
    could_not: list[str] = []
    if not doc.is_pdf:
        exif = read_exif(raw)
        if exif.problem:
            could_not.append(exif.problem)
        tools = tuple(t for t in (exif.software,) if t)
        return (
            Timeline(
                created=iso_date(exif.taken),
                modified=iso_date(exif.modified),
                tools=tools,
                camera=exif.camera,
                taken=iso_date(exif.taken),
                has_metadata=exif.found,
            ),
            could_not,
        )
    meta = doc.metadata or {}
    xmp, problem = _xmp(doc)
    if problem:
        could_not.append(problem)
    fields = {name: _first(pattern, xmp) for name, pattern in _XMP_FIELDS.items()}
    history = []
    agents = []
    for match in _EVENT.finditer(xmp):
        action, when, agent = (g.strip() if g else None for g in match.groups())
        history.append(
            " ".join(x for x in (iso_date(when) or when, action, agent and f"by {agent}") if x)
        )
        if agent:
            agents.append(agent)
        if len(history) >= _MAX_EVENTS:
            break
    producer = meta.get("producer") or fields["producer"] or None
    creator = meta.get("creator") or fields["tool"] or None
    tools = tuple(dict.fromkeys(t for t in (creator, fields["tool"], *agents, producer) if t))
    created = iso_date(meta.get("creationDate")) or iso_date(fields["created"])
    modified = iso_date(meta.get("modDate")) or iso_date(fields["modified"])
    return (
        Timeline(
            created=created,
            modified=modified,
            producer=producer,
            creator=creator,
            tools=tools,
            history=tuple(history),
            has_metadata=bool(producer or creator or created or modified or xmp),
        ),
        could_not,
    )


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    if not match:
        return None
    return next((g.strip() for g in match.groups() if g), None)


def _xmp(doc: pymupdf.Document) -> tuple[str, str | None]:
    """The XMP packet as text, bounded; ("", problem) when it is too big or unreadable."""
    try:
        kind, value = doc.xref_get_key(doc.pdf_catalog(), "Metadata")
        if kind != "xref":
            return "", None
        xref = int(value.split()[0])
        kind, length = doc.xref_get_key(xref, "Length")
        declared = int(length) if kind == "int" else 0
        if declared > MAX_XMP_BYTES:
            return "", (
                f"could not analyse: the XMP metadata packet is {declared / 1e6:.1f} MB"
                f" (Reviewer reads at most {MAX_XMP_BYTES // (1 << 20)} MB)"
            )
        data = doc.xref_stream_raw(xref)
        if len(data) > MAX_XMP_BYTES:
            return "", (
                f"could not analyse: the XMP metadata packet is {len(data) / 1e6:.1f} MB"
                f" (Reviewer reads at most {MAX_XMP_BYTES // (1 << 20)} MB)"
            )
        if "Flate" in doc.xref_get_key(xref, "Filter")[1]:
            inflater = zlib.decompressobj()
            data = inflater.decompress(data, MAX_XMP_BYTES)
            if inflater.unconsumed_tail:
                return "", "could not analyse: the XMP metadata packet inflates past 1 MB"
        return data.decode("utf-8", "replace"), None
    except (ValueError, RuntimeError, zlib.error) as exc:
        return "", f"could not analyse: the XMP metadata is unreadable ({exc})"
