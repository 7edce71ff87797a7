"""The task runner: results on the GUI thread, stale results dropped, errors surfaced, no leaks."""

from __future__ import annotations

import threading

import pytest

from reviewer.ui.tasks import TaskRunner


def test_results_arrive_on_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: list[tuple[int, bool]] = []
    gui = threading.current_thread()
    runner.run(
        lambda h: (h.report("half"), 41 + 1)[1],
        on_done=lambda r: seen.append((r, threading.current_thread() is gui)),
    )
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    runner.shutdown()


def test_newer_task_with_same_key_drops_older(qtbot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    got: list[str] = []
    runner.run(lambda h: (gate.wait(5), "old")[1], on_done=got.append, key="page")
    runner.run(lambda h: "new", on_done=got.append, key="page")
    qtbot.waitUntil(lambda: got == ["new"])
    gate.set()
    qtbot.waitUntil(lambda: not runner.running())
    assert got == ["new"]
    runner.shutdown()


def test_unexpected_error_is_signalled(qtbot) -> None:
    runner = TaskRunner(synchronous=True)

    def boom(_h: object) -> None:
        raise ValueError("bad page")

    with qtbot.waitSignal(runner.unexpected_error) as blocker:
        runner.run(boom)
    assert "bad page" in blocker.args[0]
    assert "Traceback" in blocker.args[1]


@pytest.mark.parametrize("synchronous", [True, False])
def test_progress_and_shutdown(qtbot, synchronous: bool) -> None:
    runner = TaskRunner(synchronous=synchronous)
    steps: list[int] = []
    done: list[str] = []

    def work(h):
        for i in range(3):
            h.report(i)
        return "ok"

    runner.run(work, on_progress=steps.append, on_done=done.append)
    qtbot.waitUntil(lambda: done == ["ok"])
    assert steps == [0, 1, 2]
    runner.shutdown()
