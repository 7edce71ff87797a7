"""The steps after the first paint: one per event-loop turn, in order, a failing one logged."""

from __future__ import annotations

import importlib
import logging

import pytest
from PySide6.QtCore import QObject, QTimer

from reviewer.ui.after_paint import AFTER_PAINT_IMPORTS, QT_NAMESPACE, StepByStep, importing


def test_steps_run_in_order_one_per_turn_and_a_failure_does_not_stop_them(qtbot, caplog) -> None:
    owner = QObject()
    done: list[str] = []
    between: list[int] = []

    def ticked() -> None:  # an event posted by step one runs before step two
        between.append(len(done))

    def fail() -> None:
        raise ValueError("broken step")

    steps = StepByStep(
        [
            lambda: (done.append("one"), QTimer.singleShot(0, ticked)),
            fail,
            lambda: done.append("three"),
        ],
        owner,
    )
    with caplog.at_level(logging.ERROR):
        qtbot.waitUntil(lambda: steps.pending() == 0 and "three" in done, timeout=5000)
    assert done == ["one", "three"]
    assert between and between[0] == 1, "step two ran in the same turn as step one"
    assert "a step after the first paint failed" in caplog.text


def test_stop_drops_the_steps_left(qtbot) -> None:
    """The window stops them when it closes (a test or a reviewer closing it at once)."""
    owner = QObject()
    done: list[int] = []
    turns: list[int] = []
    holder: list[StepByStep] = []

    def stop_here() -> None:
        done.append(1)
        holder[0].stop()

    holder.append(StepByStep([lambda: done.append(0), stop_here, lambda: done.append(2)], owner))

    def count_turns() -> None:  # three turns later the third step would have run
        turns.append(1)
        if len(turns) < 3:
            QTimer.singleShot(0, count_turns)

    QTimer.singleShot(0, count_turns)
    qtbot.waitUntil(lambda: len(turns) == 3, timeout=5000)
    assert done == [0, 1]
    assert holder[0].pending() == 0


@pytest.mark.parametrize("name", AFTER_PAINT_IMPORTS)
def test_every_module_named_after_the_paint_exists(name: str) -> None:
    assert importing(name)() is not None
    assert name == QT_NAMESPACE or importlib.import_module(name) is not None
