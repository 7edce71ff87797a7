"""Fetched-at times: short display and staleness."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: str | None) -> datetime | None:
    """ISO 8601 (with `Z` or offset) to an aware datetime; None when unparsable."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def is_stale(fetched_at: str | None, stale_after_hours: int, now: datetime | None = None) -> bool:
    """True when the data is older than the reviewer's staleness limit (or has no time)."""
    dt = parse_time(fetched_at)
    if dt is None:
        return True
    now = now or datetime.now(UTC)
    return (now - dt).total_seconds() > stale_after_hours * 3600


def short_time(fetched_at: str | None) -> str:
    """`2024-05-01 14:03` in local time, or an em dash."""
    dt = parse_time(fetched_at)
    return dt.astimezone().strftime("%Y-%m-%d %H:%M") if dt else "—"
