"""Plain records the store reads and writes.

The store sits below `reviewer.review` and may not import it, so these mirror the field names of
`reviewer.review.case_model` (CaseRef, CaseSummary, DocumentRecord, SignalRecord, FetchError) and
the review layer converts 1:1. Documents, signals and errors travel as plain dicts shaped like
those dataclasses (`dataclasses.asdict` output), so the store never needs to know their classes.

`user_token` is what lets anyone refetch an applicant's data: it is kept out of every repr here.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, NamedTuple


class ResponseRecord(NamedTuple):
    """One HTTP response of a fetch, body kept byte for byte as received (for audit)."""

    endpoint: str
    item_id: str | None
    http_status: int | None
    content_type: str | None
    body: bytes


@dataclass(frozen=True)
class StoredCase:
    """One Plaid user under review (mirrors `case_model.CaseRef`)."""

    id: str
    label: str | None
    user_token: str | None = dc_field(default=None, repr=False)
    user_id: str | None = None
    created_at: str | None = None
    purged_at: str | None = None


@dataclass(frozen=True)
class CaseRow:
    """One row of the case queue (mirrors `case_model.CaseSummary`), newest snapshot's figures."""

    id: str
    label: str | None
    applicant_name: str | None
    max_risk_score: float | None
    document_count: int
    decision: str | None  # action of the newest "decision*" audit entry
    fetched_at: str | None
    user_token: str | None = dc_field(default=None, repr=False)
    user_id: str | None = None
    created_at: str | None = None
    decided_at: str | None = None
    failed_checks: int | None = None  # findings that did not hold (None: no findings stored)
    worst_check: str | None = None  # highest severity among them


@dataclass(frozen=True)
class NewSnapshot:
    """Everything one fetch produced, handed to `CaseStore.save_snapshot` in one piece.

    `responses` items are `ResponseRecord`s or plain 5-tuples
    (endpoint, item_id, http_status, content_type, body). Every document dict whose `sha256` is
    set must name a file already written with `CaseStore.put_document`.
    """

    fetched_at: str
    responses: list[ResponseRecord | tuple[str, str | None, int | None, str | None, bytes]] = (
        dc_field(default_factory=list)
    )
    documents: list[dict[str, Any]] = dc_field(default_factory=list)
    signals: list[dict[str, Any]] = dc_field(default_factory=list)
    errors: list[dict[str, Any]] = dc_field(default_factory=list)
    skipped: dict[str, str] = dc_field(default_factory=dict)
    applicant_name: str | None = None
    max_risk_score: float | None = None


@dataclass(frozen=True)
class SnapshotInfo:
    """A line of a case's fetch history, without the heavy parts."""

    id: int
    case_id: str
    fetched_at: str
    saved_at: str
    applicant_name: str | None
    max_risk_score: float | None
    document_count: int
    signal_count: int
    error_count: int


@dataclass(frozen=True)
class StoredSnapshot:
    """One fetch as stored: raw responses, documents, signals, errors and skipped endpoints.

    Document dicts get `path` recomputed from `sha256` under the current data directory, so a
    moved data directory still resolves.
    """

    id: int
    case_id: str
    fetched_at: str
    saved_at: str
    # raw bodies can be megabytes of applicant data: never dump them into a log line
    responses: list[ResponseRecord] = dc_field(repr=False)
    documents: list[dict[str, Any]] = dc_field(repr=False)
    signals: list[dict[str, Any]] = dc_field(repr=False)
    errors: list[dict[str, Any]]
    skipped: dict[str, str]
    applicant_name: str | None
    max_risk_score: float | None


@dataclass(frozen=True)
class AuditEntry:
    """One append-only line of a case's audit trail: who did what, when (UTC), with which app."""

    id: int
    case_id: str
    timestamp: str
    actor: str
    action: str
    details: dict[str, Any]
    app_version: str
    request_id: str | None
