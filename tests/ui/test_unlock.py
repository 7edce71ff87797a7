"""The window unlocks an encrypted cache: passphrase asked once, a lost key explained with a
fresh start offered, and the retention rule applied when the store opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reviewer.review.preferences import Settings
from reviewer.store import CaseStore
from reviewer.store.keys import forget_unlocked
from reviewer.ui.dialogs import SettingsDialog
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner
from tests.ui.driving import menu_action

PASSPHRASE = "the ui test passphrase"
# the offscreen platform cannot size dialogs to their hints; it says so for every dialog
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _make_cache(data_dir: Path, decided: bool = False) -> None:
    with CaseStore(data_dir, passphrase=PASSPHRASE) as store:
        case = store.get_or_create_case(user_token="tok-ui", user_id=None, label="UI-1")
        if decided:
            store.append_audit(
                case.id, actor="ann", action="decision.approve", details={}, app_version="1"
            )
    forget_unlocked()  # the app starts as a new process: nothing unlocked


def _window(qtbot, data_dir: Path, settings: Settings | None = None) -> MainWindow:
    from reviewer.review.app_service import AppService

    win = MainWindow(
        runner=TaskRunner(), settings=settings or Settings(), data_dir=data_dir, demo=False
    )
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    win.open_service(
        lambda passphrase=None: AppService.open(data_dir, demo=True, passphrase=passphrase)
    )
    return win


def _type_passphrase(qtbot, win: MainWindow, text: str) -> None:
    qtbot.waitUntil(lambda: win.opening.passphrase_dialog is not None, timeout=30000)
    dialog = win.opening.passphrase_dialog
    qtbot.keyClicks(dialog.passphrase, text)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_passphrase_asked_until_right_then_the_queue_loads(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVIEWER_PASSPHRASE")
    data_dir = tmp_path / "d"
    _make_cache(data_dir)
    win = _window(qtbot, data_dir)
    _type_passphrase(qtbot, win, "a wrong one")
    qtbot.waitUntil(lambda: win.opening.passphrase_dialog is not None, timeout=30000)
    assert (
        "does not unlock"
        in win.opening.passphrase_dialog.findChildren(type(win.opening.passphrase_dialog.problem))[
            0
        ].text()
    )
    with qtbot.waitSignal(win.cases_loaded, timeout=30000) as loaded:
        _type_passphrase(qtbot, win, PASSPHRASE)
    assert loaded.args == [1]
    assert [win.queue.model.case_at(0).label] == ["UI-1"]


def test_lost_key_is_explained_and_a_fresh_directory_started(qtbot, tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    _make_cache(data_dir)
    (data_dir / "reviewer.key").unlink()
    win = _window(qtbot, data_dir)
    qtbot.waitUntil(lambda: win.opening.key_lost_dialog is not None, timeout=30000)
    dialog = win.opening.key_lost_dialog
    assert "lost" in dialog.text() and "fresh data directory" in dialog.informativeText()
    with qtbot.waitSignal(win.cases_loaded, timeout=30000) as loaded:
        qtbot.mouseClick(dialog.fresh_button, Qt.MouseButton.LeftButton)
    assert loaded.args == [0]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("d.locked-")]
    assert len(kept) == 1 and (kept[0] / "reviewer.sqlite3").is_file(), "old cache kept"


def test_retention_rule_purges_decided_cases_when_the_store_opens(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer.review import unlocking

    data_dir = tmp_path / "d"
    _make_cache(data_dir, decided=True)
    # every decision counts as older than the rule's 90 days
    monkeypatch.setattr(unlocking, "retention_cutoff", lambda days: "9999-01-01T00:00:00+00:00")
    monkeypatch.setenv("REVIEWER_PASSPHRASE", PASSPHRASE)
    win = _window(qtbot, data_dir, Settings(retention_days=90))
    with qtbot.waitSignal(win.opening.retention_applied, timeout=30000) as applied:
        pass
    assert applied.args == [["UI-1"]]
    qtbot.waitUntil(lambda: win.queue.model.rowCount() == 0, timeout=30000)


def test_retention_set_in_settings_applies_at_once(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer.review import unlocking

    data_dir = tmp_path / "d"
    _make_cache(data_dir, decided=True)
    monkeypatch.setattr(unlocking, "retention_cutoff", lambda days: "9999-01-01T00:00:00+00:00")
    monkeypatch.setenv("REVIEWER_PASSPHRASE", PASSPHRASE)
    win = _window(qtbot, data_dir, Settings(retention_days=0))  # "never": nothing purged
    qtbot.waitUntil(lambda: win.queue.model.rowCount() == 1, timeout=30000)
    menu_action(win, "Case", "Settings").trigger()
    dialog = win.findChildren(SettingsDialog)[-1]
    assert dialog.retention.text() == "never"
    dialog.retention.selectAll()
    qtbot.keyClicks(dialog.retention, "30")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(win.opening.retention_applied, timeout=30000) as applied:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert applied.args == [["UI-1"]]
    assert win.settings.retention_days == 30
