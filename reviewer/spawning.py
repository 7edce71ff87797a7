"""Starting Reviewer's own processes with multiprocessing's *spawn* (the documents worker, the
demo's sandbox).

Light on purpose: a first demo run starts both processes from the window's first frame (on the
core the window's building leaves idle, `reviewer.review.demo_head_start`), so importing this
must cost the window little.
"""

from __future__ import annotations

import multiprocessing
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any


@contextmanager
def main_module_hidden() -> Iterator[None]:
    """Keep spawn from re-running the caller's main script in the new process.

    The processes' entry points live in importable modules, so they never need `__main__`;
    without this, every script that starts one would need an `if __name__ == "__main__"`
    guard, and one without it would start the process recursively.
    """
    real_main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = real_main


@dataclass
class StartedProcess:
    """A process started with spawn and the parent's end of its pipe (its entry point has the
    other end as its first argument)."""

    process: BaseProcess
    conn: Connection

    def discard(self) -> None:
        """Stop the process now (killed if still running) and close the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=2.0)
        self.conn.close()


def alive_or_discarded(started: StartedProcess | None) -> StartedProcess | None:
    """`started` if its process still runs; else None (a dead one is discarded)."""
    if started is not None and not started.process.is_alive():
        started.discard()
        return None
    return started


def spawn(target: Callable[..., None], args: tuple[Any, ...], name: str) -> StartedProcess:
    """Start `target(child_conn, *args)` in a new daemon process (multiprocessing's spawn)."""
    context = multiprocessing.get_context("spawn")
    parent_end, child_end = context.Pipe(duplex=True)
    process = context.Process(target=target, args=(child_end, *args), name=name, daemon=True)
    with main_module_hidden():
        process.start()
    child_end.close()
    return StartedProcess(process, parent_end)
