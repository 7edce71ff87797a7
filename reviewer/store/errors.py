"""Errors the store raises. Messages name files and cases, never tokens or secrets."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Something the store cannot do; the message is meant for the reviewer."""


class StoreCorrupt(StoreError):
    """The database file fails SQLite's integrity check or is not a database at all."""

    def __init__(self, db_path: Path, detail: str) -> None:
        self.db_path = db_path
        self.detail = detail
        super().__init__(
            f"The case cache {db_path} is damaged ({detail}). Rebuild the cache: the damaged "
            "file is kept aside for inspection and cases can be fetched again from Plaid "
            "(CaseStore.rebuild)."
        )

    def __reduce__(self) -> tuple[type[StoreCorrupt], tuple[Path, str]]:
        # picklable across processes despite the two-argument constructor
        return (StoreCorrupt, (self.db_path, self.detail))


class StoreTooNew(StoreError):
    """The database was written by a newer Reviewer whose schema this one does not know."""


class MissingDocument(StoreError):
    """A snapshot refers to a document file that was never written (or was removed)."""


class LabelInUse(StoreError):
    """The label already names another case."""


class UnknownCase(StoreError):
    """No (unpurged) case has this id."""
