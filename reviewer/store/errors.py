"""Errors the store raises. Messages name files and cases, never tokens or secrets."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class StoreError(Exception):
    """Something the store cannot do; the message is meant for the reviewer."""


class StoreCorrupt(StoreError):
    """The database file fails SQLite's integrity check or is not a database at all."""

    def __init__(self, db_path: Path, detail: str) -> None:
        self.db_path = db_path
        self.detail = detail
        first = " ".join(detail.split())[:200]
        super().__init__(
            f"the case database {db_path} is damaged or was altered on disk ({first}); run "
            "`reviewer rebuild-cache` "
            "to salvage what can be read (the damaged file is kept)"
        )

    def __reduce__(self) -> tuple[type[StoreCorrupt], tuple[Path, str]]:
        # picklable across processes despite the two-argument constructor
        return (StoreCorrupt, (self.db_path, self.detail))


class StoreBusy(StoreError):
    """Another process holds the store lock in a way that excludes this use."""


class StoreMissing(StoreError):
    """A command that only reads found no case database (or an empty file) in the directory."""

    def __init__(self, data_dir: Path, documents: int) -> None:
        self.data_dir = data_dir
        self.documents = documents
        if documents:
            message = (
                f"the case database in {data_dir} is missing or empty, but {documents} "
                "document files are there: it may have been deleted or moved (nothing was "
                "changed; restore it, or run `reviewer rebuild-cache`)"
            )
        else:
            message = f"no cases yet in {data_dir}: reviewer fetch --user-token T --label L"
        super().__init__(message)


class StoreTooNew(StoreError):
    """The database was written by a newer Reviewer whose schema this one does not know."""


class MissingDocument(StoreError):
    """A snapshot refers to a document file that was never written (or was removed)."""


class LabelInUse(StoreError):
    """The label already names another case."""


class InvalidLabel(StoreError):
    """The label is empty or equal to another case's id (which would make it unreachable)."""


class UnknownCase(StoreError):
    """No (unpurged) case has this id."""


class KeyUnavailable(StoreError):
    """The key that decrypts the data directory is lost: its cache cannot be read any more.

    The way on is a fresh data directory (`set_aside_data_dir` keeps the old one, deleting
    nothing), then fetching the cases again.
    """

    def __init__(self, data_dir: Path, reason: str) -> None:
        self.data_dir = data_dir
        self.reason = reason
        super().__init__(
            f"The case cache in {data_dir} cannot be unlocked: {reason}. Without its key the "
            "cached cases cannot be read. Start a fresh data directory (the old one is set "
            "aside, nothing is deleted) and fetch the cases again."
        )

    def __reduce__(self) -> tuple[type[KeyUnavailable], tuple[Path, str]]:
        return (KeyUnavailable, (self.data_dir, self.reason))


class PassphraseRequired(StoreError):
    """The data directory's key is wrapped by a passphrase and none (or a wrong one) was given.

    `new`: no key exists yet and one is to be chosen. `wrong`: the one given did not open it.
    """

    def __init__(self, data_dir: Path, *, new: bool = False, wrong: bool = False) -> None:
        self.data_dir = data_dir
        self.new = new
        self.wrong = wrong
        if wrong:
            text = f"The passphrase does not unlock the case cache in {data_dir}."
        elif new:
            text = (
                f"No OS keyring here: choose a passphrase to encrypt the case cache in {data_dir}"
                " (on the command line: from the terminal, or REVIEWER_PASSPHRASE)."
            )
        else:
            text = (
                f"The case cache in {data_dir} is locked by a passphrase (on the command line: "
                "type it, or set REVIEWER_PASSPHRASE)."
            )
        super().__init__(text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_passphrase_required, (self.data_dir, self.new, self.wrong))


def _passphrase_required(data_dir: Path, new: bool, wrong: bool) -> PassphraseRequired:
    return PassphraseRequired(data_dir, new=new, wrong=wrong)
