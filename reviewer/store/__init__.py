"""The durable local cache: SQLite for cases, snapshots and the audit trail; files by SHA-256.

Stdlib only, no Qt, and below `reviewer.review`: the record types here mirror the field names
of `reviewer.review.case_model` so the review layer converts them 1:1.
"""

from reviewer.store.case_store import DB_NAME, GC_GRACE_SECONDS, CaseStore
from reviewer.store.errors import (
    InvalidLabel,
    KeyUnavailable,
    LabelInUse,
    MissingDocument,
    PassphraseRequired,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreMissing,
    StoreTooNew,
    UnknownCase,
)
from reviewer.store.files import DocumentUnreadable
from reviewer.store.findings import StoredFindings
from reviewer.store.keys import PASSPHRASE_ENV, forget_passphrase_memo, keyring_usable, rekey
from reviewer.store.records import (
    AuditEntry,
    CaseRow,
    NewSnapshot,
    ResponseRecord,
    SnapshotInfo,
    StoredCase,
    StoredSnapshot,
)
from reviewer.store.unlock import set_aside_data_dir, unlock_data_dir

__all__ = [
    "DB_NAME",
    "GC_GRACE_SECONDS",
    "PASSPHRASE_ENV",
    "AuditEntry",
    "CaseRow",
    "CaseStore",
    "DocumentUnreadable",
    "InvalidLabel",
    "KeyUnavailable",
    "LabelInUse",
    "MissingDocument",
    "NewSnapshot",
    "PassphraseRequired",
    "ResponseRecord",
    "SnapshotInfo",
    "StoreBusy",
    "StoreCorrupt",
    "StoreError",
    "StoreMissing",
    "StoreTooNew",
    "StoredCase",
    "StoredFindings",
    "StoredSnapshot",
    "UnknownCase",
    "forget_passphrase_memo",
    "keyring_usable",
    "rekey",
    "set_aside_data_dir",
    "unlock_data_dir",
]
