"""The command line builds only the parser of the command it runs, and parses the same.

`reviewer cases` needs one sub-command's parser, not eight (a few milliseconds of every
command). For every shape of command line, the parser built for the command named must give
the same values, the same help and the same errors as the parser of every command.
"""

from __future__ import annotations

import contextlib
import io

import pytest

from reviewer import cli, cli_parser

COMMAND_LINES = [
    ["cases"],
    ["cases", "--json", "--limit", "3", "--offset", "2"],
    ["--demo", "cases"],
    ["cases", "--demo", "--data-dir", "/y"],
    ["--data-dir", "/x", "show", "APP-1", "--json"],
    ["--data-dir=/x", "show", "APP-1"],
    ["--data-dir", "cases", "cases"],  # a directory named like a command
    ["--data-dir", "show", "cases", "--json"],
    ["show"],  # CASE missing: the same error
    ["cases", "--bogus"],
    ["cases", "--limit", "-1"],
    ["cases", "--help"],
    ["show", "-h"],
    ["fetch", "--user-token", "t", "--label", "L", "--env", "sandbox"],
    ["fetch"],
    ["export", "APP-1", "--out", "r.pdf", "--force"],
    ["export", "APP-1"],
    ["purge", "APP-1", "--yes", "--reason", "asked"],
    ["rekey"],
    ["lock", "--demo"],
    ["rebuild-cache", "--yes"],
    ["sandbox", "users", "--json"],
    ["sandbox", "serve", "--port", "0"],
    ["sandbox"],
    ["--demo", "--self-test"],
    ["--data", "/x", "cases"],  # an abbreviation: every parser is built
    ["bogus"],
    ["--help"],
    [],
]


def _parsed(argv: list[str], only: str | None) -> tuple[object, object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return vars(cli_parser.build_parser(only).parse_args(argv)), None, out.getvalue(), ""
        except SystemExit as exc:
            return None, exc.code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=" ".join)
def test_the_command_s_parser_alone_parses_as_all_of_them(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # help is wrapped to the terminal's width
    only = cli_parser.command_named(argv)
    assert _parsed(argv, only) == _parsed(argv, None)


def test_the_command_is_found_after_the_global_options_only() -> None:
    assert cli_parser.command_named(["--demo", "--data-dir", "d", "show", "cases"]) == "show"
    assert cli_parser.command_named(["--data", "d", "cases"]) is None
    assert cli_parser.command_named(["-h", "cases"]) is None
    assert cli_parser.command_named([]) is None


def test_called_with_an_argument_list_main_leaves_the_garbage_collector_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the process's own command line (argv None) turns the collector off for a listing
    and freezes what it loaded before it ends; tests call main() in a long-lived process."""
    import gc

    frozen = gc.get_freeze_count()
    assert cli.main(["cases"]) == 0
    capsys.readouterr()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
