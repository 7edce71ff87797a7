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
reviewer lock
```

Heavy modules (Qt, PyMuPDF, httpx) are imported only by the sub-command that needs them, so
`--version` and the CLI stay fast.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from reviewer.cli_parser import build_parser, command_named

# Commands that never call Plaid: they import neither the client nor its retry library.
_OFFLINE_COMMANDS = ("cases", "show", "export", "rebuild-cache", "purge", "rekey", "lock")


def _quiet_third_party_logs() -> None:
    """stamina logs every retry at WARNING; our client already logs each decision at DEBUG."""
    try:
        import stamina.instrumentation

        stamina.instrumentation.set_on_retry_hooks([])
    except ImportError:  # pragma: no cover - stamina is a dependency
        pass


def _read_only_short(argv: Sequence[str]) -> bool:
    """`cases` or `show` on a cache (the demo's first use fetches: not short)."""
    return command_named(argv) in ("cases", "show") and "--demo" not in argv


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
    parser = build_parser(command_named(sys.argv[1:] if argv is None else argv))
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
    if args.command in ("purge", "rekey", "lock"):
        from reviewer.review import commands_keys

        key_handler = {
            "purge": commands_keys.cmd_purge,
            "rekey": commands_keys.cmd_rekey,
            "lock": commands_keys.cmd_lock,
        }
        return key_handler[args.command](args)
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
