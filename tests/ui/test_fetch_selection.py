"""A newly fetched case is the one selected, whatever queue update lands before its row.

The step under test is Case → New case… (`QAction.trigger()`, in `fetch_case`). The race it
guards: an update of another case's row (started when that case's findings were recomputed)
finishes after the fetch but before the fetched case's row is read. It used to take the
selection the fetch left waiting, find no row for it, and drop it: the fetched case was never
selected (CI saw this once in `test_journeys`).
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

from reviewer.review.facade import OpChanges
from reviewer.sandbox import demo_users
from tests.ui.driving import fetch_case, open_demo_window

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _user(key: str) -> Any:
    return next(u for u in demo_users() if u.key == key)


def test_the_fetched_case_is_selected_when_an_older_queue_update_lands_first(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = open_demo_window(qtbot, tmp_path / "d")
    try:
        first = fetch_case(qtbot, win, monkeypatch, _user("tampered_paystub"))
        svc = win.session.service
        assert svc is not None
        read_rows = svc.case_summaries
        fetch_over = threading.Event()  # the second fetch has finished (GUI thread)
        first_row_shown = threading.Event()  # the older update's rows are in the queue
        older_update_landed: list[bool] = []

        def ordered_rows(case_ids: Collection[str]) -> list[Any]:
            # a task thread: the older update waits for the fetch, the fetch's for the older one
            if tuple(case_ids) == (first,):
                fetch_over.wait(20)
            else:
                first_row_shown.wait(20)
            return read_rows(case_ids)

        monkeypatch.setattr(svc, "case_summaries", ordered_rows)
        update_rows = win.queue.model.update_cases

        def rows_updated(rows: list[Any]) -> None:
            update_rows(rows)
            if [r.id for r in rows] == [first]:
                older_update_landed.append(True)
                first_row_shown.set()

        monkeypatch.setattr(win.queue.model, "update_cases", rows_updated)
        win.fetch_finished.connect(lambda _result: fetch_over.set())
        # set-up: the shown case's row is being re-read, as after its findings were recomputed
        win.session.announce(OpChanges((first,), listed=True))

        second = fetch_case(qtbot, win, monkeypatch, _user("edited_statement"))

        assert older_update_landed, "the older update did not land between the two"
        assert second != first
        assert win.queue.current_case_id() == second
    finally:
        win.shutdown()
