"""Unlocking the encrypted case cache from the command line, and the retention rule.

With an OS keyring nothing is asked. Without one, the passphrase comes from
`REVIEWER_PASSPHRASE` (scripts, CI) or is read from the terminal, once per process.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reviewer.store import (
    CaseStore,
    KeyUnavailable,
    PassphraseRequired,
    set_aside_data_dir,
    unlock_data_dir,
)

__all__ = [
    "KeyUnavailable",
    "PassphraseRequired",
    "apply_retention",
    "ask_passphrase",
    "set_aside_data_dir",
    "unlock_from_terminal",
]

ATTEMPTS = 3
RETENTION_ACTOR = "retention rule"


def unlock_from_terminal(
    data_dir: Path,
    *,
    prompt: Callable[[str], str] = getpass.getpass,
    interactive: bool | None = None,
) -> None:
    """Unlock `data_dir` for this process, asking the terminal for a passphrase if needed.

    Raises PassphraseRequired when there is no terminal to ask (and no REVIEWER_PASSPHRASE),
    or after three wrong answers; KeyUnavailable when the key is lost.
    """
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    passphrase: str | None = None
    for _ in range(ATTEMPTS + 1):
        try:
            unlock_data_dir(data_dir, passphrase)
            return
        except PassphraseRequired as exc:
            if not interactive:
                raise
            if exc.wrong:
                print("reviewer: that passphrase does not unlock it", file=sys.stderr)
            passphrase = ask_passphrase(data_dir, new=exc.new, prompt=prompt)
    raise PassphraseRequired(data_dir, wrong=True)


def ask_passphrase(
    data_dir: Path, *, new: bool, prompt: Callable[[str], str] = getpass.getpass
) -> str | None:
    """Read a passphrase from the terminal (twice when choosing a new one); None if refused."""
    what = "Choose a passphrase" if new else "Passphrase"
    first = prompt(f"{what} for the case cache in {data_dir}: ")
    if not first:
        return None
    if new and prompt("Type it again: ") != first:
        print("reviewer: the two passphrases differ", file=sys.stderr)
        return None
    return first


def retention_cutoff(days: int, now: datetime | None = None) -> str:
    """The ISO timestamp before which a decided case is due for purging."""
    return ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat(timespec="microseconds")


def apply_retention(store: CaseStore, days: int | None, app_version: str) -> list[str]:
    """Purge every case decided more than `days` days ago (None or 0: the rule is off).

    Returns the labels (or ids) of the purged cases; each keeps a tombstone in its trail.
    """
    if not days or days <= 0:
        return []
    purged = []
    for case_id in store.cases_decided_before(retention_cutoff(days)):
        details = store.purge_case(
            case_id,
            actor=RETENTION_ACTOR,
            app_version=app_version,
            reason=f"retention rule: decided more than {days} days ago",
        )
        purged.append(str(details.get("label") or case_id))
    return purged
