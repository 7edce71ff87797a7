"""The `reviewer` command line's parser (the commands are in reviewer/ARCHITECTURE.md).

Only the parser of the command being run is built when the command line names it after exact
global options (`command_named`): argparse then parses exactly as with every command's parser
(tests/review/test_cli_parser.py), and building all eight was a few milliseconds of every run.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from reviewer import __version__

DEMO_HELP = (
    "the demo: the embedded local Plaid sandbox and its demo cases, kept in their own data "
    "directory (no keys, no network; fetched on first use)"
)
DATA_DIR_HELP = "data directory (cases, documents); default: the user data directory"
_EPILOG = """\
every command that reads or writes cases takes --demo, before or after its name:
  reviewer --demo                   open the app on the demo cases
  reviewer --demo cases             list the demo cases
  reviewer --demo show APP-1002     a demo case as text (--json for the JSON contract)
  reviewer sandbox users            who the demo applicants are

The case cache is encrypted at rest. Its key is kept in the OS keyring; where there is no
keyring, a passphrase protects it: every command reads it from the terminal, or from the
environment variable REVIEWER_PASSPHRASE (scripts, CI). On Linux, once a passphrase has
unlocked the cache, the login session remembers what it derives to for REVIEWER_UNLOCK_MINUTES
(kernel keyring, 15 minutes after last use), so later commands check it quickly; `reviewer
lock` forgets it now. `reviewer rekey` rotates the key that protects the data key (a new
passphrase from the terminal or REVIEWER_NEW_PASSPHRASE).

environment:
  REVIEWER_PASSPHRASE      passphrase of the case cache (only where there is no OS keyring)
  REVIEWER_UNLOCK_MINUTES  how long the session remembers a checked passphrase (15; 0: never)
  REVIEWER_DATA_DIR        data directory (as --data-dir)
  PLAID_CLIENT_ID, PLAID_SECRET, PLAID_ENV   Plaid credentials
"""

_FETCH_EPILOG = """\
limits (defaults; each can be changed in the settings file, settings.json):
  request_deadline_seconds     120     one request, however slowly its answer arrives
  fetch_deadline_seconds       600     the whole fetch, documents included
  max_documents_per_case       250     document files one fetch stores for a case
  max_document_bytes_per_case  512 MiB bytes of those files
  an API answer is JSON of at most 32 MiB, 100,000 objects and arrays, 1,000,000 values and
  64 levels of nesting; a document download at most 256 MiB. A limit reached is named in the
  output and what was stored before stays.

exit codes:
  0  complete    3  stored, with failures (endpoints or documents, listed)
  2  usage       1  nothing stored            130  interrupted (Ctrl+C)

--base-url must be https (plain http only to 127.0.0.1 / localhost: the secret is in the
request headers).
"""


def _count(text: str) -> int:
    """A whole number >= 0 (for --limit and --offset)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def _add_fetch(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    fetch = sub.add_parser(
        "fetch",
        parents=[common],
        help="fetch everything Plaid holds for a user into a case",
        epilog=_FETCH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    who = fetch.add_mutually_exclusive_group(required=True)
    who.add_argument("--user-token", metavar="T")
    who.add_argument("--user-id", metavar="U")
    fetch.add_argument("--label", metavar="L", help="your label for the case (application no.)")
    where = fetch.add_mutually_exclusive_group()
    where.add_argument("--env", choices=["sandbox", "production"])
    where.add_argument("--base-url", metavar="URL")
    fetch.add_argument("--json", action="store_true")


def _add_cases(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    cases = sub.add_parser(
        "cases",
        parents=[common],
        help="list cached cases, oldest first",
        description="List the cached cases, oldest first (the whole list, or one page of it).",
    )
    cases.add_argument("--json", action="store_true")
    cases.add_argument("--limit", type=_count, metavar="N", help="print at most N cases (one page)")
    cases.add_argument(
        "--offset",
        type=_count,
        default=0,
        metavar="M",
        help="skip the first M cases (with --limit: the page starting after them)",
    )


def _add_show(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    show = sub.add_parser("show", parents=[common], help="show a cached case (works offline)")
    show.add_argument("case", metavar="CASE", help="case id or label")
    show.add_argument("--json", action="store_true")


def _add_export(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export", parents=[common], help="write a case report as PDF or JSON (works offline)"
    )
    export.add_argument("case", metavar="CASE", help="case id or label")
    export.add_argument("--out", metavar="FILE", required=True, help="FILE.pdf or FILE.json")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _add_rebuild(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    rebuild = sub.add_parser(
        "rebuild-cache",
        parents=[common],
        help="salvage a damaged case database into a fresh one (the damaged file is kept)",
    )
    rebuild.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _add_purge(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    purge = sub.add_parser(
        "purge", parents=[common], help="delete a case's data for good (tombstone kept)"
    )
    purge.add_argument("case", metavar="CASE", help="case id or label")
    purge.add_argument("--yes", action="store_true", help="yes, delete it (required)")
    purge.add_argument("--reason", default="purged from the command line", help="why")


def _add_rekey(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "rekey",
        parents=[common],
        help="rotate the key that protects the data key (keyring entry or passphrase)",
    )


def _add_lock(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "lock",
        parents=[common],
        help="forget this session's memo of the passphrase (the next command checks it in full)",
    )


def _add_sandbox(sub: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    del common  # the sandbox keeps no cases
    sandbox = sub.add_parser("sandbox", help="the local Plaid sandbox")
    sandbox_sub = sandbox.add_subparsers(dest="sandbox_command", metavar="SUBCOMMAND")
    serve = sandbox_sub.add_parser("serve", help="serve the sandbox over HTTP on loopback")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0)
    serve.add_argument("--client-id", metavar="ID", default=None)
    serve.add_argument("--secret", metavar="S", default=None)
    users = sandbox_sub.add_parser("users", help="list the demo users")
    users.add_argument("--json", action="store_true")


# every command in the order `--help` lists them, with what adds its parser
_COMMANDS: dict[str, Callable[[argparse._SubParsersAction[Any], argparse.ArgumentParser], None]] = {
    "fetch": _add_fetch,
    "cases": _add_cases,
    "show": _add_show,
    "export": _add_export,
    "rebuild-cache": _add_rebuild,
    "purge": _add_purge,
    "rekey": _add_rekey,
    "lock": _add_lock,
    "sandbox": _add_sandbox,
}


def command_named(argv: Sequence[str]) -> str | None:
    """The command `argv` runs, when only exact global options come before it; else None
    (help, an abbreviation, a typo: then every parser is built)."""
    value_next = False
    for word in argv:
        if value_next:
            value_next = False
        elif word == "--data-dir":
            value_next = True
        elif word not in ("--demo", "--self-test") and not word.startswith("--data-dir="):
            return word if word in _COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or with `only` that command's alone."""
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Review Plaid income documents and risk signals.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    parser.add_argument("--demo", action="store_true", help=DEMO_HELP)
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument(
        "--self-test", action="store_true", help="headless smoke test of the app, then exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # sub-commands accept --data-dir/--demo too; SUPPRESS keeps a value given before the command
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=DATA_DIR_HELP)
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=DEMO_HELP)
    for name, add in _COMMANDS.items():
        if only is None or name == only:
            add(sub, common)
    return parser
