"""A time budget shared by the forensics steps of one file, so a hostile file stops early."""

from __future__ import annotations

import time


class OutOfTime(Exception):
    """The analysis used up its budget; what was found so far is kept."""


class Budget:
    """Seconds left for one file's analysis; `check` raises `OutOfTime` when none are."""

    def __init__(self, seconds: float) -> None:
        self.started = time.monotonic()
        self.deadline = self.started + seconds

    def check(self, step: str) -> None:
        """Raise `OutOfTime` naming `step` when the budget is spent."""
        if time.monotonic() > self.deadline:
            raise OutOfTime(f"ran out of time while {step}")

    @property
    def elapsed_ms(self) -> float:
        """Milliseconds since the analysis started."""
        return (time.monotonic() - self.started) * 1000.0
