"""Opening a data directory's keys: lost-key detection and the upgrade of an unencrypted one."""

from __future__ import annotations

import os
import time
from collections.abc import Collection
from pathlib import Path

from reviewer.store import keys, upgrade
from reviewer.store.errors import KeyUnavailable
from reviewer.store.sqlcipher import PLAINTEXT_HEADER

DB_NAME = "reviewer.sqlite3"  # as case_store.DB_NAME (which imports this module)


def database_state(db_path: Path) -> str:
    """ "absent" (missing or empty), "plaintext" (an older Reviewer's) or "encrypted"."""
    try:
        with open(db_path, "rb") as handle:
            head = handle.read(len(PLAINTEXT_HEADER))
    except FileNotFoundError:
        return "absent"
    if not head:
        return "absent"
    return "plaintext" if head == PLAINTEXT_HEADER else "encrypted"


def unlock_data_dir(data_dir: Path, passphrase: str | None = None) -> keys.DataKeys:
    """Unlock (or, for a new or unencrypted directory, create) the directory's keys.

    KeyUnavailable when an encrypted database is there but its key file is gone: a new key
    would not open it. PassphraseRequired when a passphrase is needed and not given.
    """
    db_path = Path(data_dir) / DB_NAME
    upgrade.recover_interrupted(db_path)
    if database_state(db_path) == "encrypted" and not keys.key_file(data_dir).exists():
        raise KeyUnavailable(data_dir, "its key file reviewer.key is missing")
    return keys.unlock(data_dir, passphrase)


def open_keys(data_dir: Path, db_path: Path, passphrase: str | None) -> keys.DataKeys:
    """The directory's keys, after finishing or starting its encryption in place if needed."""
    data_keys = unlock_data_dir(data_dir, passphrase)
    state = database_state(db_path)
    upgrade.encrypt_in_place(data_dir, db_path, data_keys, plaintext_db=state == "plaintext")
    return data_keys


def set_aside_data_dir(data_dir: Path, keep: Collection[str] = ()) -> Path:
    """Move a data directory whose key is lost aside (nothing is deleted); returns where to.

    Entries named in `keep` stay (the running app's single-instance lock file). The caller
    then opens `data_dir` again, which starts empty with a new key.
    """
    data_dir = Path(data_dir)
    aside = data_dir.with_name(f"{data_dir.name}.locked-{time.strftime('%Y%m%dT%H%M%S')}")
    n = 1
    while aside.exists():
        n += 1
        aside = aside.with_name(f"{aside.name.split('~')[0]}~{n}")
    aside.mkdir(mode=0o700)
    for entry in data_dir.iterdir():
        if entry.name not in keep:
            os.replace(entry, aside / entry.name)
    return aside
