"""`reviewer fetch`, `reviewer cases` and `reviewer show` (reviewer/ARCHITECTURE.md, "Command line").

Exit codes (every command): 0 complete; 3 stored with failures (endpoints or documents, each
listed on standard error); 2 usage (a bad or empty argument, a refused base URL, a label in
use); 1 nothing stored or nothing to show. Errors are one line, prefixed "reviewer: ".
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Literal

from reviewer import paths
from reviewer.review.commands_show import error_words, print_case, render_text
from reviewer.review.demo import demo_hint, ensure_demo_cases
from reviewer.review.service import CaseService
from reviewer.review.terminal import terminal_safe
from reviewer.review.unlocking import unlock_from_terminal
from reviewer.store import (
    CaseStore,
    KeyUnavailable,
    PassphraseRequired,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreMissing,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _open(
    args: argparse.Namespace, *, create: bool = True, check: Literal["full", "listing"] = "full"
) -> CaseService:
    data_dir = paths.data_dir(
        getattr(args, "data_dir", None), demo=bool(getattr(args, "demo", False))
    )
    if not create:
        missing = CaseStore.missing(data_dir)
        if missing is not None:  # nothing to unlock, nothing to create
            raise missing
    unlock_from_terminal(data_dir)
    return CaseService.open(
        getattr(args, "data_dir", None),
        demo=bool(getattr(args, "demo", False)),
        environment=getattr(args, "env", None),
        base_url=getattr(args, "base_url", None),
        create=create,
        check=check,
        # applicants' documents are opened only in the documents worker, as in the app
        isolated_documents=True,
    )


def _err(message: str) -> None:
    """One line on standard error (server and applicant text in it made inert)."""
    print(f"reviewer: {terminal_safe(message)}", file=sys.stderr)


def _open_or_explain(
    args: argparse.Namespace, *, create: bool = True, check: Literal["full", "listing"] = "full"
) -> CaseService | StoreMissing | None:
    """The service; or None after printing one line on why the store cannot be opened; or,
    for a command that only reads (`create=False`), `StoreMissing` when there is no database."""
    try:
        return _open(args, create=create, check=check)
    except StoreMissing as exc:
        if exc.documents:
            _err(str(exc))
            return None
        return exc
    except (StoreCorrupt, StoreBusy, PassphraseRequired, KeyUnavailable) as exc:
        _err(str(exc))
    except (StoreError, OSError) as exc:
        _err(f"cannot open the data directory: {' '.join(str(exc).split())}")
    return None


def _is_demo(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "demo", False))


def open_for_reading(
    args: argparse.Namespace, check: Literal["full", "listing"] = "full"
) -> CaseService | StoreMissing | None:
    """`_open_or_explain` for a command that reads cases. Outside demo mode it creates nothing;
    in demo mode it creates the demo store and fetches the demo cases first (first use)."""
    if not _is_demo(args):
        return _open_or_explain(args, create=False, check=check)
    service = _open_or_explain(args, create=True)
    if isinstance(service, CaseService):
        try:
            ensure_demo_cases(service, _err)
        except BaseException:
            service.close()
            raise
    return service


def no_case_message(args: argparse.Namespace, key: str, reason: str | None = None) -> str:
    """One line for a CASE that is not in this data directory; names the demo cases if apt."""
    message = f"no case {key!r}: {reason}" if reason else f"no case {key!r} (see `reviewer cases`)"
    if _is_demo(args):
        return message
    out = getattr(args, "out", None)
    retry = f"reviewer --demo export {key} --out {out}" if out else f"reviewer --demo show {key}"
    return f"{message}; {demo_hint(key, retry)}"


def _fetch_usage_problem(args: argparse.Namespace) -> str | None:
    """Why the fetch arguments cannot work, before touching anything; None if they can."""
    for flag, value in (("--user-token", args.user_token), ("--user-id", args.user_id)):
        if value is not None and not value.strip():
            return f"{flag} cannot be empty"
    if args.label is not None and not args.label.strip():
        return "--label cannot be empty (leave it out for no label)"
    base_url = getattr(args, "base_url", None)
    if base_url:
        from reviewer.plaid.client import check_base_url
        from reviewer.plaid.errors import PlaidConfigurationError

        try:
            check_base_url(base_url)
        except PlaidConfigurationError as exc:
            return exc.message
    return None


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch everything for a user into a case (see module docstring for exit codes)."""
    problem = _fetch_usage_problem(args)
    if problem is not None:
        _err(problem)
        return EXIT_USAGE
    service = _open_or_explain(args)
    if not isinstance(service, CaseService):
        return EXIT_FAILED
    try:
        ok, why = service.can_fetch
        if not ok:
            _err(f"{why} (set PLAID_CLIENT_ID and PLAID_SECRET, or use --demo)")
            return EXIT_USAGE
        try:
            result = service.fetch_case(
                user_token=args.user_token, user_id=args.user_id, label=args.label
            )
        except StoreError as exc:  # e.g. the label already names another case
            _err(str(exc))
            return EXIT_USAGE
        if not result.stored:
            _err(result.message)
            return EXIT_FAILED
        assert result.case_id is not None
        snapshot = service.load_case_checked(result.case_id)
        if args.json and snapshot is not None:
            print(json.dumps(snapshot.to_show_json(), indent=2))
        elif snapshot is not None:
            print(render_text(snapshot))
        if not result.ok:
            for error in result.errors:
                words = error_words(error.error_code, error.error_message)
                _err(f"{error.endpoint}: {words}")
            outcome = result.outcome
            for failure in outcome.document_failures if outcome is not None else []:
                _err(f"document {failure}")
            return EXIT_PARTIAL
        return EXIT_OK
    finally:
        service.close()


def cmd_cases_demo(args: argparse.Namespace) -> int:
    """`reviewer --demo cases`: the demo cases are fetched on first use (through the service),
    then listed as `commands_cases` lists any cache."""
    from reviewer.review.commands_cases import listed, print_cases

    limit, offset = getattr(args, "limit", None), getattr(args, "offset", 0) or 0
    service = open_for_reading(args, check="listing")
    if service is None:
        return EXIT_FAILED
    if isinstance(service, StoreMissing):
        return print_cases(args, [], 0, offset)
    try:
        rows = service.store.list_cases(limit=limit, offset=offset)
        total = service.count_cases() if limit is not None else len(rows) + offset
    finally:
        service.close()
    return print_cases(args, [listed(row) for row in rows], total, offset)


def cmd_show_through_service(args: argparse.Namespace) -> int:
    """Show a cached case by id or label (offline), through the service: what
    `commands_show.cmd_show` hands over (the demo, a missing case, stale findings)."""
    service = open_for_reading(args)
    if service is None:
        return EXIT_FAILED
    if isinstance(service, StoreMissing):
        _err(no_case_message(args, args.case, str(service)))
        return EXIT_FAILED
    try:
        case = service.find_case(args.case)
        if case is None:
            _err(no_case_message(args, args.case))
            return EXIT_FAILED
        snapshot = service.load_case_checked(case.id)
    finally:
        service.close()
    if snapshot is None:
        _err(f"case {args.case!r} has not been fetched yet")
        return EXIT_FAILED
    print_case(args, snapshot)
    return EXIT_OK


def cmd_rebuild_cache(args: argparse.Namespace) -> int:
    """Salvage a damaged case database (see `CaseStore.rebuild`); asks first unless --yes."""
    data_dir = paths.data_dir(
        getattr(args, "data_dir", None), demo=bool(getattr(args, "demo", False))
    )
    if not getattr(args, "yes", False):
        if not sys.stdin.isatty():
            _err("rebuild-cache changes the case database: confirm with --yes")
            return EXIT_USAGE
        answer = input(
            f"Salvage the case database in {data_dir} into a fresh one, setting the damaged "
            "file aside? [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            _err("nothing was changed")
            return EXIT_USAGE
    try:
        unlock_from_terminal(data_dir)
        report = CaseStore.rebuild(data_dir)
    except (StoreBusy, PassphraseRequired, KeyUnavailable) as exc:
        _err(f"{exc}; nothing was changed")
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - SQLCipher's errors included: one line
        _err(f"the salvage failed, nothing was changed: {' '.join(str(exc).split())}")
        return EXIT_FAILED
    if report.set_aside is None:
        print(f"the case database in {data_dir} is healthy: nothing to do")
        return EXIT_OK
    print(
        f"salvaged the case database in {data_dir}: {report.summary()}; "
        f"the damaged file is kept as {report.set_aside}"
    )
    return EXIT_PARTIAL if sum(report.lost.values()) else EXIT_OK
