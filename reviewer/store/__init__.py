"""The durable local cache: SQLite for cases, snapshots and the audit trail; files by SHA-256.

Stdlib only, no Qt, and below `reviewer.review`: the record types here mirror the field names
of `reviewer.review.case_model` so the review layer converts them 1:1.
"""

from reviewer.store.case_store import DB_NAME, GC_GRACE_SECONDS, CaseStore
from reviewer.store.errors import (
    LabelInUse,
    MissingDocument,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    UnknownCase,
)
from reviewer.store.findings import StoredFindings
from reviewer.store.records import (
    AuditEntry,
    CaseRow,
    NewSnapshot,
    ResponseRecord,
    SnapshotInfo,
    StoredCase,
    StoredSnapshot,
)

__all__ = [
    "DB_NAME",
    "GC_GRACE_SECONDS",
    "AuditEntry",
    "CaseRow",
    "CaseStore",
    "LabelInUse",
    "MissingDocument",
    "NewSnapshot",
    "ResponseRecord",
    "SnapshotInfo",
    "StoreCorrupt",
    "StoreError",
    "StoreTooNew",
    "StoredCase",
    "StoredFindings",
    "StoredSnapshot",
    "UnknownCase",
]
