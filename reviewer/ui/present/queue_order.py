"""The queue's order and search without Qt: sort keys and search text computed once per case.

A Qt sort/filter proxy asks the model for every cell of every row through Python on each sort
and each key typed in the search box: 70,000 calls (0.5-2 s) at 10,000 cases. Here each case's
sort keys and lowercase search text are computed once, when its row is read (on the task
runner for the whole queue), so a sort is one `sorted()` over plain tuples and a search one
substring test per case: a few milliseconds at 10,000 cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the empty queue paints before the case model is imported
    from reviewer.review.case_model import CaseSummary

from reviewer.ui.present.when import is_stale, short_time

COLUMN_COUNT = 7
CHECKS_COLUMN = 6  # Reviewer's own checks (never Plaid's score): failed count


def decision_words(action: str | None) -> str:
    """The queue's words for a decision action (imported late: decisions pulls in the store)."""
    from reviewer.review.decisions import decision_label

    return decision_label(action)


def checks_words(case: CaseSummary) -> str:
    """ "✕ 3 failed", "✓ passed", or "—" before Reviewer's checks have run."""
    if case.failed_checks is None:
        return "—"
    return f"✕ {case.failed_checks} failed" if case.failed_checks else "✓ passed"


def display_texts(case: CaseSummary, stale: bool) -> tuple[str, ...]:
    """What each column shows for a case, left to right."""
    risk = "—" if case.max_risk_score is None else f"{case.max_risk_score:g}"
    fetched = short_time(case.fetched_at) + (" ⚠ stale" if stale else "")
    return (
        case.label or case.id,
        case.applicant_name or "—",
        risk,
        str(case.document_count),
        decision_words(case.decision),
        fetched,
        checks_words(case),
    )


@dataclass(frozen=True)
class QueueEntry:
    """One case of the queue with its sort key per column and its search text."""

    case: CaseSummary
    keys: tuple[Any, ...]
    search_text: str  # every column's text, lowercase, for a case-insensitive substring


def queue_entry(
    case: CaseSummary, stale_after_hours: int, now: datetime | None = None
) -> QueueEntry:
    """The entry of one case (its texts as the queue shows them now)."""
    texts = display_texts(case, is_stale(case.fetched_at, stale_after_hours, now))
    keys = (
        texts[0].lower(),
        (case.applicant_name or "").lower(),
        -1.0 if case.max_risk_score is None else float(case.max_risk_score),
        case.document_count,
        texts[4].lower(),
        case.fetched_at or "",
        -1 if case.failed_checks is None else case.failed_checks,
    )
    return QueueEntry(case, keys, "\x1f".join(texts).lower())


def queue_entries(cases: Sequence[CaseSummary], stale_after_hours: int) -> list[QueueEntry]:
    """Entries of many cases (run off the GUI thread for the whole queue)."""
    from datetime import UTC

    now = datetime.now(UTC)
    return [queue_entry(case, stale_after_hours, now) for case in cases]


def ranked(entries: Sequence[QueueEntry], column: int, descending: bool) -> list[int]:
    """Indices of `entries` sorted by one column; equal keys keep their order (stable)."""
    if not 0 <= column < COLUMN_COUNT:
        return list(range(len(entries)))
    keys = [entry.keys[column] for entry in entries]
    return sorted(range(len(entries)), key=keys.__getitem__, reverse=descending)


def matching(
    entries: Sequence[QueueEntry],
    order: Sequence[int],
    text: str,
    keep: Callable[[CaseSummary], bool] | None = None,
) -> list[int]:
    """The indices of `order` whose case contains `text` (any column, any case) and that
    `keep` accepts."""
    needle = text.lower()
    if not needle and keep is None:
        return list(order)
    return [
        i
        for i in order
        if needle in entries[i].search_text and (keep is None or keep(entries[i].case))
    ]
