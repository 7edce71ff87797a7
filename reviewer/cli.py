"""The `reviewer` command line (the contract is in reviewer/ARCHITECTURE.md, "Command line").

```
reviewer [--demo] [--data-dir DIR] [--self-test]   open the app
reviewer --version
reviewer fetch (--user-token T | --user-id U) [--label L] [--env sandbox|production | --base-url URL] [--json]
reviewer cases [--json] [--limit N] [--offset M]
reviewer show CASE [--json]
reviewer export CASE --out FILE.pdf|FILE.json
reviewer sandbox serve [--host 127.0.0.1] [--port 0] [--client-id ID] [--secret S]
reviewer sandbox users [--json]
reviewer purge CASE --yes [--reason TEXT]
reviewer rekey
```

Heavy modules (Qt, PyMuPDF, httpx) are imported only by the sub-command that needs them, so
`--version` and the CLI stay fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

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
environment variable REVIEWER_PASSPHRASE (scripts, CI). `reviewer rekey` rotates the key that
protects the data key (a new passphrase from the terminal or REVIEWER_NEW_PASSPHRASE).

environment:
  REVIEWER_PASSPHRASE      passphrase of the case cache (only where there is no OS keyring)
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
    "sandbox": _add_sandbox,
}


def _command_named(argv: Sequence[str]) -> str | None:
    """The command `argv` runs, when only exact global options come before it; else None.

    Then only that command's parser is built: argparse parses exactly as with all of them
    (the same tokens reach the same parser), and building the other seven parsers was a few
    milliseconds of every command. Anything else (help, abbreviations, a typo) gets them all.
    """
    value_next = False
    for word in argv:
        if value_next:
            value_next = False
        elif word == "--data-dir":
            value_next = True
        elif word not in ("--demo", "--self-test") and not word.startswith("--data-dir="):
            return word if word in _COMMANDS else None
    return None


def _build_parser(only: str | None = None) -> argparse.ArgumentParser:
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


# Commands that never call Plaid: they import neither the client nor its retry library.
_OFFLINE_COMMANDS = ("cases", "show", "export", "rebuild-cache", "purge", "rekey")


def _quiet_third_party_logs() -> None:
    """stamina logs every retry at WARNING; our client already logs each decision at DEBUG."""
    try:
        import stamina.instrumentation

        stamina.instrumentation.set_on_retry_hooks([])
    except ImportError:  # pragma: no cover - stamina is a dependency
        pass


def _read_only_short(argv: Sequence[str]) -> bool:
    """`cases` or `show` on a cache (the demo's first use fetches: not short)."""
    return _command_named(argv) in ("cases", "show") and "--demo" not in argv


EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl+C


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reviewer` console script; returns the process exit code.

    `argv` None: the process's own arguments (the `reviewer` script, `python -m reviewer`).
    Ctrl+C ends a command at once with one line and code 130: whatever was committed stays
    (every write is one transaction, files are renamed into place), the rest is dropped.
    """
    own_process = argv is None  # called with an argument list (tests): nothing below
    if own_process and _read_only_short(sys.argv[1:]):
        # a page of the queue or one stored case: bounded, read and gone; the cyclic
        # collector would only walk the objects of the modules being imported, again and
        # again (`show` enables it again before computing stale findings)
        gc.disable()
    try:
        code = _main(argv)
        if own_process:  # the process ends when this returns
            # the interpreter's final garbage collections would walk every object the
            # command loaded (for `reviewer cases` a tenth of its whole run); frozen, they
            # are left to the process's end like any object still referenced
            gc.freeze()
        return code
    except KeyboardInterrupt:
        _interrupted()
    except BrokenPipeError:  # `reviewer show X | head`, `reviewer sandbox users | head`
        # the reader has left: what it read was whole lines; point stdout at /dev/null so the
        # interpreter's final flush does not raise again on the closed pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _interrupted(*_signal: object) -> NoReturn:
    print(
        "reviewer: interrupted; what was saved before stays, nothing else was stored",
        file=sys.stderr,
    )
    sys.stderr.flush()
    sys.stdout.flush()
    # not sys.exit: a fetch's threads would hold the exit (and a KeyboardInterrupt raised in
    # the main thread waits for them first) until their own deadlines; the data on disk is
    # consistent at every instant, so leaving now loses nothing that was saved
    os._exit(EXIT_INTERRUPTED)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser(_command_named(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if args.command not in _OFFLINE_COMMANDS:
        _quiet_third_party_logs()
    if args.command is not None:  # the app handles its own signals
        signal.signal(signal.SIGINT, _interrupted)
    if args.command == "cases":  # the light path: no case service (see commands_cases)
        from reviewer.review.commands_cases import cmd_cases

        return cmd_cases(args)
    if args.command == "show":  # read from the store when current (see commands_show)
        from reviewer.review.commands_show import cmd_show

        return cmd_show(args)
    if args.command in ("fetch", "rebuild-cache"):
        from reviewer.review import commands

        handler = {"fetch": commands.cmd_fetch, "rebuild-cache": commands.cmd_rebuild_cache}
        return handler[args.command](args)
    if args.command in ("purge", "rekey"):
        from reviewer.review import commands_keys

        return (
            commands_keys.cmd_purge(args)
            if args.command == "purge"
            else commands_keys.cmd_rekey(args)
        )
    if args.command == "export":
        from reviewer.review.commands_export import cmd_export

        return cmd_export(args)
    if args.command == "sandbox":
        from reviewer.sandbox import cli as sandbox_cli

        if args.sandbox_command == "serve":
            return sandbox_cli.cmd_serve(args)
        if args.sandbox_command == "users":
            return sandbox_cli.cmd_users(args)
        parser.parse_args(["sandbox", "--help"])
        return 2
    try:
        from reviewer.ui import app
    except ImportError as exc:  # pragma: no cover - only before the UI exists
        print(f"reviewer: the UI is not available ({exc})", file=sys.stderr)
        return 1
    app.leave(app.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
