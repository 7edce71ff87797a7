"""`reviewer purge CASE --yes`, `reviewer rekey` and `reviewer lock` (reviewer/ARCHITECTURE.md,
"Command line")."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reviewer import __version__, paths
from reviewer.review.decisions import reviewer_identity
from reviewer.review.unlocking import ask_passphrase, unlock_from_terminal
from reviewer.store import (
    CaseStore,
    KeyUnavailable,
    PassphraseRequired,
    StoreError,
    UnknownCase,
    forget_passphrase_memo,
    rekey,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
NEW_PASSPHRASE_ENV = "REVIEWER_NEW_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


def _err(message: str) -> None:
    print(f"reviewer: {message}", file=sys.stderr)


def _data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(getattr(args, "data_dir", None), demo=bool(getattr(args, "demo", False)))


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete a case's data for good; its audit trail keeps a tombstone."""
    if not args.yes:
        _err(f"purging deletes case {args.case!r}'s data for good; add --yes to do it")
        return EXIT_USAGE
    data_dir = _data_dir(args)
    try:
        unlock_from_terminal(data_dir)
        with CaseStore(data_dir) as store:
            case = store.find_case(args.case)
            if case is None:
                _err(f"no case {args.case!r} (see `reviewer cases`)")
                return EXIT_FAILED
            details = store.purge_case(
                case.id,
                actor=reviewer_identity(None),
                app_version=__version__,
                reason=args.reason,
            )
    except (UnknownCase, PassphraseRequired, KeyUnavailable) as exc:
        _err(str(exc))
        return EXIT_FAILED
    except (StoreError, OSError) as exc:
        _err(f"cannot open the data directory: {exc}")
        return EXIT_FAILED
    print(
        f"purged case {case.id} ({case.label or 'no label'}): "
        f"{details['snapshots_deleted']} fetches deleted; a tombstone stays in its audit trail"
    )
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    """Rotate the key that wraps the data key (keyring entry, or the passphrase)."""
    data_dir = _data_dir(args)
    try:
        unlock_from_terminal(data_dir)
        try:
            message = rekey(data_dir)
        except PassphraseRequired as exc:  # passphrase-wrapped: the new one is needed
            new = os.environ.get(NEW_PASSPHRASE_ENV) or None
            if new is None and sys.stdin is not None and sys.stdin.isatty():
                new = ask_passphrase(data_dir, new=True)
            if new is None:
                _err(f"{exc} Give the new passphrase in {NEW_PASSPHRASE_ENV} or at the terminal.")
                return EXIT_FAILED
            message = rekey(data_dir, new_passphrase=new)
    except (PassphraseRequired, KeyUnavailable, StoreError) as exc:
        _err(str(exc))
        return EXIT_FAILED
    print(message)
    return EXIT_OK


def cmd_lock(args: argparse.Namespace) -> int:
    """Forget the login session's memo of the passphrase: the next command checks it in full."""
    data_dir = _data_dir(args)
    try:
        forgotten = forget_passphrase_memo(data_dir)
    except (KeyUnavailable, StoreError, OSError) as exc:
        _err(str(exc))
        return EXIT_FAILED
    if forgotten:
        print(f"locked: the next command on {data_dir} checks the passphrase in full (scrypt)")
    else:
        print(f"nothing to lock: this session remembers no passphrase for {data_dir}")
    return EXIT_OK
