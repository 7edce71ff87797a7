"""`reviewer show CASE [--json]`: a cached case, as text or as the `show --json` contract.

Showing a case whose findings and show facts are current only reads: this opens the store
itself (the same whole-file check as the service's open) and reads the case through
`case_reading`, as `CaseService.load_case` does, without the case service (Plaid credentials
and settings, the documents worker, the findings producers' computations): the command line
pays for every module it imports (issue 16: within 10x a bare interpreter's start).
Everything else goes through the service (`commands.cmd_show`), which says why a case cannot
be shown, or computes and stores what is stale first: the demo, a case not in the cache or
never fetched, findings of an older version, no show facts.
"""

from __future__ import annotations

import argparse
import json
import sys

from reviewer import paths
from reviewer.review.case_model import CaseSnapshot
from reviewer.review.terminal import terminal_safe
from reviewer.store import (
    CaseStore,
    KeyUnavailable,
    PassphraseRequired,
    StoreBusy,
    StoreCorrupt,
    StoreError,
)

EXIT_OK, EXIT_FAILED = 0, 1


def _err(message: str) -> None:
    print(f"reviewer: {terminal_safe(message)}", file=sys.stderr)


def cmd_show(args: argparse.Namespace) -> int:
    """Show a cached case by id or label (offline)."""
    if getattr(args, "demo", False):
        return _through_service(args)
    data_dir = paths.data_dir(getattr(args, "data_dir", None), demo=False)
    if CaseStore.missing(data_dir) is not None:
        return _through_service(args)  # it says what is missing
    try:
        from reviewer.review.unlocking import unlock_from_terminal

        unlock_from_terminal(data_dir)
        store = CaseStore(data_dir, create=False)
    except (StoreCorrupt, StoreBusy, PassphraseRequired, KeyUnavailable) as exc:
        _err(str(exc))
        return EXIT_FAILED
    except (StoreError, OSError) as exc:
        _err(f"cannot open the data directory: {' '.join(str(exc).split())}")
        return EXIT_FAILED
    try:
        snapshot = _current(store, args.case)
    finally:
        store.close()
    if snapshot is None:
        return _through_service(args)
    print_case(args, snapshot)
    return EXIT_OK


def _current(store: CaseStore, key: str) -> CaseSnapshot | None:
    """The case's newest snapshot when its findings and show facts are current, else None."""
    from reviewer.review.case_reading import findings_stale_now, read_case

    case = store.find_case(key)
    snapshot = read_case(store, case.id) if case is not None else None
    if snapshot is None or findings_stale_now(store, snapshot):
        return None
    return snapshot


def _through_service(args: argparse.Namespace) -> int:
    import gc

    gc.enable()  # the command line turns it off for reading; computing findings allocates
    from reviewer.review.commands import cmd_show_through_service

    return cmd_show_through_service(args)


def print_case(args: argparse.Namespace, snapshot: CaseSnapshot) -> None:
    """The case as `show --json` (the contract) or as text."""
    if args.json:
        print(json.dumps(snapshot.to_show_json(), indent=2))
    else:
        print(render_text(snapshot))


def error_words(code: str | None, message: str | None) -> str:
    """A Plaid error's code and message in one phrase."""
    return " - ".join(p for p in (code, message) if p) or "unknown error"


def render_text(snap: CaseSnapshot) -> str:
    """A reviewer-readable summary of a case; applicant-controlled text is made inert
    (`terminal_safe`) line by line, so no name can rewrite what the terminal shows."""
    lines: list[str] = []
    label = snap.case.label or "(no label)"
    lines.append(f"Case {snap.case.id}  {label}  fetched {snap.fetched_at}")
    scores = [d.risk_score for d in snap.documents if d.risk_score is not None]
    lines.append(f"Highest risk score: {max(scores):.0f}" if scores else "Highest risk score: -")
    lines.append(f"Documents ({len(snap.documents)}):")
    for doc in snap.documents:
        pages = "?" if doc.page_count is None else str(doc.page_count)
        score = "" if doc.risk_score is None else f"  risk {doc.risk_score:.0f}"
        problem = f"  !! {doc.problem}" if doc.problem else ""
        repaired = "  (repaired: pages may be missing)" if doc.repaired else ""
        lines.append(
            f"  {doc.document_type:<18} {doc.name or doc.document_id}  {pages} pages"
            f"{score}{problem}{repaired}"
        )
    located = sum(1 for s in snap.risk_signals if s.locations)
    lines.append(
        f"Risk signals: {len(snap.risk_signals)} ({located} located on the page, "
        f"{len(snap.risk_signals) - located} not located)"
    )
    for sig in snap.risk_signals:
        where = (f"page {sig.page_number}" if sig.page_number else "whole document") + (
            "" if sig.locations else f" [{sig.location_note or 'location unknown'}]"
        )
        lines.append(
            f"  {sig.type or '?'} {sig.field or ''} {where}: "
            f"seen {sig.expected_value!r}, derived {sig.actual_value!r}"
        )
    if snap.skipped:
        lines.append("Skipped:")
        lines.extend(f"  {endpoint}: {why}" for endpoint, why in snap.skipped.items())
    if snap.errors:
        lines.append("Errors in the last fetch:")
        for e in snap.errors:
            lines.append(
                f"  {e.endpoint}: {e.display_message or error_words(e.error_code, e.error_message)}"
                + (f" (request {e.request_id})" if e.request_id else "")
            )
    return "\n".join(terminal_safe(line) for line in lines)
