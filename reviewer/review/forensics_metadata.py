"""Judging a file's metadata timeline: which tools made and changed it, and when.

The documents worker reads the timeline (`reviewer.documents.forensics.types.Timeline`); this
module says what it means for a reviewer: a file produced by a payroll system or a bank and
later saved by a PDF editor, dates in the future, a modification before the creation,
metadata stripped, a photo whose EXIF names editing software; and, with the date the document
itself states (`reviewer.review.forensics_dates`), a file made before that date or saved by an
editor after it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from reviewer.documents.forensics.types import Timeline
from reviewer.review.findings import Finding, failed, passed
from reviewer.review.forensics_dates import OwnDate, document_dates_finding

# tools that edit existing PDFs or images (a pay stub is not made with these)
_EDITORS = re.compile(
    r"acrobat(?! distiller)|ilovepdf|smallpdf|sejda|pdfescape|foxit|nitro|pdf-?xchange|"
    r"pdfelement|wondershare|soda ?pdf|pdffiller|dochub|pdf ?candy|canva|photoshop|gimp|"
    r"inkscape|libreoffice|openoffice|microsoft.? word|word for|preview|pixelmator|snapseed|"
    r"pdf24|pdfsam|docfly|online ?pdf|pdf editor",
    re.I,
)
_DAY = 86_400


def editors_in(timeline: Timeline) -> list[str]:
    """The tools of the timeline that edit documents, oldest first."""
    return [tool for tool in timeline.tools if _EDITORS.search(tool)]


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _when(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def metadata_findings(
    document_id: str,
    timeline: Timeline,
    *,
    is_pdf: bool,
    now: datetime | None = None,
    own: OwnDate | None = None,
) -> list[Finding]:
    """Findings about one file's timeline (a pass when it tells nothing remarkable), and its
    dates against `own`, the date the document states (pay date, statement period end)."""
    return [
        *_timeline_findings(document_id, timeline, is_pdf=is_pdf, now=now, own=own),
        document_dates_finding(document_id, _parse(timeline.created), own),
    ]


def _timeline_findings(
    document_id: str, timeline: Timeline, *, is_pdf: bool, now: datetime | None, own: OwnDate | None
) -> list[Finding]:
    now = now or datetime.now(UTC)
    ids = (document_id,)
    created, modified = _parse(timeline.created), _parse(timeline.modified)
    values: dict[str, str | int | float | None] = {
        "created": timeline.created,
        "modified": timeline.modified,
        "producer": timeline.producer,
        "creator": timeline.creator,
        "tools": ", ".join(timeline.tools) or None,
        "history": "; ".join(timeline.history) or None,
    }
    if not is_pdf:
        values |= {"camera": timeline.camera, "taken": timeline.taken}
    found: list[Finding] = []
    future = [d for d in (created, modified) if d is not None and d > now.replace(microsecond=0)]
    if future:
        found.append(
            failed(
                "metadata.future_date",
                "metadata",
                "high",
                f"The file is dated {_when(max(future))}, after this case was checked",
                document_ids=ids,
                values=values,
            )
        )
    if created and modified and modified < created:
        found.append(
            failed(
                "metadata.modified_before_created",
                "metadata",
                "medium",
                f"Modified {_when(modified)}, before it was created ({_when(created)})",
                document_ids=ids,
                values=values,
            )
        )
    editors = editors_in(timeline)
    if editors:
        found.append(_edited(ids, timeline, editors, (created, modified), own, values))
    if not timeline.has_metadata:
        what = "EXIF data" if not is_pdf else "producer, creator and dates"
        found.append(
            failed(
                "metadata.removed",
                "metadata",
                "low",
                f"The file carries no {what}: removed, or written by a tool that records none",
                document_ids=ids,
                values=values,
            )
        )
    if found:
        return found
    made = timeline.camera or timeline.creator or timeline.producer or "an unnamed tool"
    when = f" on {_when(created)}" if created else ""
    later = f", modified {_when(modified)}" if modified and created and modified != created else ""
    return [
        passed(
            "metadata.timeline",
            "metadata",
            f"Made by {made}{when}{later}; no editing tool in its metadata",
            document_ids=ids,
            values=values,
        )
    ]


def _edited(
    ids: tuple[str, ...],
    timeline: Timeline,
    editors: list[str],
    dates: tuple[datetime | None, datetime | None],
    own: OwnDate | None,
    values: dict[str, str | int | float | None],
) -> Finding:
    created, modified = dates
    made_by = timeline.creator if timeline.creator and timeline.creator not in editors else None
    gap = (modified - created).total_seconds() if created and modified else None
    later = gap is not None and gap > 3600
    if made_by and later:
        assert created is not None
        assert modified is not None
        assert gap is not None
        days = gap / _DAY
        span = f"{int(days)} day(s)" if days >= 1 else f"{int(gap // 3600)} hour(s)"
        summary = (
            f"Made by {made_by} on {_when(created)}, then saved by {editors[-1]} on"
            f" {_when(modified)}, {span} later"
        )
        severity = "high"
    else:
        summary = f"The file was saved by {', '.join(editors)}, a document editor"
        if modified is not None:
            summary += f", on {_when(modified)}"
        severity = "medium"
    if own is not None and modified is not None and modified.date() > own.day:
        # a payroll system's stub is final on payday: an editor's save after it changed it late
        days = (modified.date() - own.day).days
        summary += f", {days} day(s) after {own.words}"
        values = values | {"document_date": own.day.isoformat(), "days_after": days}
    return failed(
        "metadata.edited",
        "metadata",
        severity,  # type: ignore[arg-type]
        summary,
        document_ids=ids,
        values=values | {"editor": editors[-1]},
    )
