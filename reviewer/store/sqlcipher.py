"""The SQLite driver of the store: SQLCipher, so every database page is encrypted on disk.

SQLCipher (through the maintained `sqlcipher3` wheels for Linux, Windows and macOS) encrypts
each page with AES-256 and authenticates it with HMAC-SHA512, in the main file, the WAL and
free pages alike, so indexes and equality lookups keep working on encrypted data.

The store imports this module as `sqlite3`: the API is the standard library's, so mypy checks
against the standard library's types while the code runs on SQLCipher. Catch this module's
exception classes, never the standard library's: they are different classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite3 import (
        Connection,
        Cursor,
        DatabaseError,
        Error,
        IntegrityError,
        OperationalError,
        Row,
        connect,
        sqlite_version,
    )
else:
    from sqlcipher3.dbapi2 import (
        Connection,
        Cursor,
        DatabaseError,
        Error,
        IntegrityError,
        OperationalError,
        Row,
        connect,
        sqlite_version,
    )

__all__ = [
    "Connection",
    "Cursor",
    "DatabaseError",
    "Error",
    "IntegrityError",
    "OperationalError",
    "Row",
    "connect",
    "sqlite_version",
]

PLAINTEXT_HEADER = b"SQLite format 3\x00"  # an unencrypted database file starts so
