"""Reviewer: desktop review of Plaid Income data, documents and risk signals."""

import sys
import types

# A literal (not importlib.metadata): it is read at every start, and the frozen app has no
# distribution metadata. pyproject.toml takes its version from here.
__version__ = "0.1.0"

__all__ = ["__version__"]


def _httpx_without_its_command_line() -> None:
    """Keep httpx from importing its `httpx` command's code, which Reviewer never runs.

    httpx's package imports `httpx._main` (click, rich, pygments) whenever those are installed,
    as they are here beside import-linter and so in the bundle PyInstaller makes from this
    environment: 100 ms of the 165 ms httpx costs to import, paid by the first fetch of every
    app and command. A stand-in module with the same `main` name answers that import instead.
    """
    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    stand_in = types.ModuleType("httpx._main", "httpx's command line: not part of Reviewer")

    def main() -> None:
        raise SystemExit("httpx's command line client is not part of Reviewer")

    stand_in.main = main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = stand_in


_httpx_without_its_command_line()
