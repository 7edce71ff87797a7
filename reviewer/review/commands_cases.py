"""`reviewer cases`: list the cached cases, the whole list or one page (`--limit`/`--offset`).

Listing is what scripts and reviewers run most, so it stays light: it opens the store itself
(checking only the tables it lists, see `CaseStore`), reads one page of queue rows and prints
them, without the case service, the documents worker, the findings machinery or the typed case
model (the whole process is meant to stay within 10x a bare interpreter's start). In demo mode
the demo cases may have to be fetched first: that goes through `commands` and the service.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reviewer import paths
from reviewer.review.terminal import terminal_safe
from reviewer.store import (
    CaseRow,
    CaseStore,
    KeyUnavailable,
    PassphraseRequired,
    StoreBusy,
    StoreCorrupt,
    StoreError,
)

EXIT_OK, EXIT_FAILED = 0, 1
# the keys of each listed case: `CaseSummary`'s fields, in order (tests/review keep them equal)
LISTED_KEYS = (
    "id",
    "label",
    "applicant_name",
    "max_risk_score",
    "document_count",
    "decision",
    "fetched_at",
    "user_token",
    "user_id",
    "failed_checks",
    "worst_check",
)


def _err(message: str) -> None:
    print(f"reviewer: {terminal_safe(message)}", file=sys.stderr)


def listed(row: CaseRow) -> dict[str, Any]:
    """A queue row as `cases --json` prints it (the user token never printed)."""
    values = {key: getattr(row, key) for key in LISTED_KEYS}
    values["user_token"] = None
    return values


def cmd_cases(args: argparse.Namespace) -> int:
    """List cached cases (offline), oldest first; --limit/--offset print one page."""
    if getattr(args, "demo", False):
        from reviewer.review.commands import cmd_cases_demo

        return cmd_cases_demo(args)
    limit, offset = getattr(args, "limit", None), getattr(args, "offset", 0) or 0
    data_dir = paths.data_dir(getattr(args, "data_dir", None), demo=False)
    missing = CaseStore.missing(data_dir)
    if missing is not None:
        if missing.documents:
            _err(str(missing))
            return EXIT_FAILED
        return print_cases(args, [], 0, offset)
    try:
        from reviewer.review.unlocking import unlock_from_terminal

        unlock_from_terminal(data_dir)
        # listing checks only the tables it reads: a full check reads every page of the cache
        store = CaseStore(data_dir, create=False, check="listing")
    except (StoreCorrupt, StoreBusy, PassphraseRequired, KeyUnavailable) as exc:
        _err(str(exc))
        return EXIT_FAILED
    except (StoreError, OSError) as exc:
        _err(f"cannot open the data directory: {' '.join(str(exc).split())}")
        return EXIT_FAILED
    from reviewer.store.sqlcipher import DatabaseError

    try:
        rows = store.list_cases(limit=limit, offset=offset)
        total = store.count_cases() if limit is not None else len(rows) + offset
    except DatabaseError as exc:  # a damaged page the listing's check did not cover
        _err(str(StoreCorrupt(store.db_path, str(exc))))
        return EXIT_FAILED
    finally:
        store.close()
    return print_cases(args, [listed(row) for row in rows], total, offset)


def print_cases(
    args: argparse.Namespace, cases: list[dict[str, Any]], total: int, offset: int
) -> int:
    """Print listed cases as text or JSON; with a page, the text names the next one."""
    if not cases and not offset and not getattr(args, "demo", False):
        from reviewer.review.demo import demo_hint

        _err(demo_hint())  # standard error: scripts reading the list see it empty
    if args.json:
        print(json.dumps(cases, indent=2))
        return EXIT_OK
    if not cases:
        print(
            f"no cases after the first {offset}"
            if offset
            else "no cases yet: reviewer fetch --user-token T --label L"
        )
        return EXIT_OK
    print(f"{'ID':<14} {'LABEL':<18} {'APPLICANT':<24} {'RISK':>5} {'DOCS':>5}  FETCHED")
    for c in cases:
        risk = "-" if c["max_risk_score"] is None else f"{c['max_risk_score']:.0f}"
        label = terminal_safe(c["label"] or "-")[:18]
        applicant = terminal_safe(c["applicant_name"] or "-")[:24]
        print(
            f"{c['id']:<14} {label:<18} {applicant:<24} "
            f"{risk:>5} {c['document_count']:>5}  {c['fetched_at'] or 'never'}"
            + (f"  [{terminal_safe(c['decision'])}]" if c["decision"] else "")
        )
    if offset + len(cases) < total:
        print(
            f"cases {offset + 1}-{offset + len(cases)} of {total}; "
            f"the next page: --offset {offset + len(cases)}"
        )
    return EXIT_OK
