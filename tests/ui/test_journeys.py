"""Reviewer journeys on the real MainWindow at 1366×768, driven by keys, actions and clicks.

Each step under test is what a reviewer does (a key press, a QAction.trigger(), a mouse click);
fetching the demo cases beforehand is set-up, not the step under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog

from reviewer.review.preferences import Settings
from reviewer.sandbox import demo_users
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.viewer.tags import placed_tags
from tests.ui.driving import fetch_case, menu_action, open_demo_window

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

LAPTOP = (1366, 768)


def _fetch(qtbot: Any, win: MainWindow, monkeypatch: pytest.MonkeyPatch, key: str) -> str:
    user = next(u for u in demo_users() if u.key == key)
    return fetch_case(qtbot, win, monkeypatch, user)


@pytest.fixture
def laptop(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The demo window on a 1366×768 laptop with three cases fetched."""
    win = open_demo_window(qtbot, tmp_path / "d", LAPTOP)
    win.cases = {  # type: ignore[attr-defined]
        k: _fetch(qtbot, win, monkeypatch, k) for k in ("tampered_paystub", "edited_statement")
    }
    yield win
    win.shutdown()


def _click_row(qtbot: Any, view: Any, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _queue_row(win: MainWindow, case_id: str) -> int:
    source = win.queue.model.index(win.queue.model.row_of(case_id), 0)
    return win.queue.proxy.mapFromSource(source).row()


def _open_documents(qtbot: Any, win: MainWindow) -> Any:
    """Alt+2: the Documents tab; the riskiest document opens on its flagged page."""
    tab = win.case_view.documents
    with qtbot.waitSignal(tab.page_shown, timeout=30000):
        qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    return tab


def _shown_case_id(win: MainWindow) -> str | None:
    snapshot = win.case_view.snapshot if win.has_case() else None
    return snapshot.case.id if snapshot is not None else None


def _pick_case(qtbot: Any, win: MainWindow, case_id: str) -> None:
    if win.queue.current_case_id() == case_id:
        # selected in the queue is not yet shown: the case before it may still be on screen
        qtbot.waitUntil(lambda: _shown_case_id(win) == case_id, timeout=10000)
        return
    with qtbot.waitSignal(win.case_shown, timeout=10000):
        _click_row(qtbot, win.queue.view, _queue_row(win, case_id))


def test_the_window_fits_the_screen_it_opens_on(qtbot: Any, tmp_path: Path) -> None:
    """Item 12: never larger than the screen; the status bar (environment badge) on screen."""
    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    area = (win.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert area.contains(win.frameGeometry()) or win.frameGeometry().size() == area.size()
    badge = win.status.environment
    corner = badge.mapTo(win, badge.rect().bottomRight())
    assert win.rect().contains(corner)
    win.shutdown()


def test_work_a_tampered_case_on_a_laptop(qtbot: Any, laptop: MainWindow, tmp_path, monkeypatch):
    """Items 1, 3, 6, 7, 13: open the riskiest document legibly, step signals, Ctrl+F in each
    pane, hide the marks, export through the menu and the file dialog."""
    win, cases = laptop, laptop.cases  # type: ignore[attr-defined]
    _pick_case(qtbot, win, cases["tampered_paystub"])
    tab = _open_documents(qtbot, win)
    pages = tab.pane.pages
    # the queue gave its room to the page; the page is legible at fit width
    assert not win.workspace.queue_shown()
    assert pages.fit == "width"
    assert 8.5 * pages.zoom >= 9.0, f"body text {8.5 * pages.zoom:.1f} px high"
    doc = tab.current_document()
    assert doc is not None and doc.document_type == "PAYSTUB"
    assert tab.pane.risk.isVisible() and tab.table.isVisible()
    assert tab.pane.risk.width() >= 250
    # the tags are on screen, in the margin, never over the page
    page_box = pages.page_rect(pages.current_page - 1)
    tags = placed_tags(pages)
    assert tags and all(t.box.left() >= page_box.right() for t in tags)
    assert all(t.box.right() <= pages.viewport().width() for t in tags)
    # N steps through the signals
    pages.setFocus()
    qtbot.keyClick(pages, Qt.Key.Key_N)
    assert tab.pane.risk.current_signal() is not None
    # Ctrl+F in the viewer goes to the document's search; typing never fires R (rotate)
    qtbot.keyClick(pages, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.pane.search
    qtbot.keyClicks(tab.pane.search, "Gross")
    assert tab.pane.search.text() == "Gross" and pages.rotation == 0
    with qtbot.waitSignal(tab.pane.search_finished, timeout=20000):
        qtbot.keyClick(tab.pane.search, Qt.Key.Key_Return)
    assert pages.search_hits
    # H hides every box and tag
    pages.setFocus()
    qtbot.keyClick(pages, Qt.Key.Key_H)
    assert placed_tags(pages) == [] and not pages.marks_visible
    qtbot.keyClick(pages, Qt.Key.Key_H)
    # Ctrl+F in the queue (F9 shows it) filters cases
    qtbot.keyClick(win, Qt.Key.Key_F9)
    assert win.workspace.queue_shown()
    win.queue.view.setFocus()
    qtbot.keyClick(win.queue.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is win.queue.search
    # Ctrl+F in the transactions goes to their filter
    _pick_case(qtbot, win, cases["edited_statement"])
    qtbot.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    statements = win.case_view.statements
    statements.setFocus()
    focusable = statements.focusWidget() or statements
    focusable.setFocus()
    qtbot.keyClick(focusable, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is statements.tx_filter
    # Export report… through the menu and the file dialog (item 1)
    out = tmp_path / "report.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "JSON"))
    )
    menu_action(win, "Actions", "Export report").trigger()
    qtbot.waitUntil(lambda: "Report written" in win.statusBar().currentMessage(), timeout=60000)
    assert out.exists()


def test_switching_cases_mid_document_leaves_nothing_of_the_last_case(qtbot, laptop) -> None:
    """Item 2: title, thumbnails, banner, search and risk panel all belong to the new case."""
    win, cases = laptop, laptop.cases  # type: ignore[attr-defined]
    _pick_case(qtbot, win, cases["edited_statement"])
    tab = _open_documents(qtbot, win)
    pane = tab.pane
    old = tab.current_document()
    assert old is not None
    pane.search.setText("Withdrawal")
    qtbot.keyClick(win, Qt.Key.Key_F9)  # the queue comes back
    _pick_case(qtbot, win, cases["tampered_paystub"])
    # the moment the new case is shown, nothing of the old document remains anywhere
    assert old.name not in pane.title.text()
    assert pane.search.text() == "" and pane.pages.search_hits == []
    assert all(old.document_id not in h.tooltip for h in pane.pages.highlights)
    assert old.name not in pane.risk.score.text()
    qtbot.waitUntil(lambda: tab.current_document() is not None, timeout=10000)
    new = tab.current_document()
    assert new is not None and new.document_id != old.document_id
    qtbot.waitUntil(lambda: pane.pages.has_page(), timeout=30000)
    assert new.name in pane.title.text()
    assert pane.thumbs.count() == pane.pages.page_count()


def test_layout_and_offline_are_kept_between_runs(qtbot, tmp_path: Path) -> None:
    """Items 7 and 13: splitter sizes per screen and "Work offline" survive a restart."""
    from reviewer.review.app_service import AppService

    def start() -> MainWindow:
        win = MainWindow(runner=TaskRunner(), settings=Settings.load(), data_dir=tmp_path / "d")
        win.show_error_dialogs = False
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        with qtbot.waitSignal(win.service_ready, timeout=60000):
            win.open_service(lambda: AppService.open(tmp_path / "d", demo=True))
        return win

    first = start()
    qtbot.waitUntil(lambda: first.case_menus is not None, timeout=10000)
    splitter = first.workspace.splitter
    splitter.setSizes([200, splitter.width() - 200])
    offline = menu_action(first, "Case", "Work offline")
    offline.trigger()
    assert offline.isChecked()
    kept = splitter.sizes()
    first.close()
    second = start()
    assert menu_action(second, "Case", "Work offline").isChecked()
    assert not second.service.can_fetch[0]
    assert abs(second.workspace.splitter.sizes()[0] - kept[0]) <= 2
    second.shutdown()


def test_a_run_that_ended_with_the_queue_folded_starts_with_it_open(qtbot, tmp_path) -> None:
    """The last run ended reading a document (queue folded); the next starts with no case
    open, so the queue must be there to pick one (it opened on "No case is open" and no list)."""

    def start() -> MainWindow:
        win = MainWindow(runner=TaskRunner(), settings=Settings.load(), data_dir=tmp_path / "d")
        qtbot.addWidget(win)
        win.resize(*LAPTOP)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win._case_view is not None, timeout=10000)
        return win

    first = start()
    qtbot.keyClick(first, Qt.Key.Key_F9)  # fold the queue, as reading a document does
    qtbot.waitUntil(lambda: not first.workspace.queue_shown(), timeout=5000)
    first.close()
    second = start()
    assert second.workspace.queue_shown() and second.queue.view.width() > 100
    second.shutdown()


def test_tabs_with_nothing_in_the_case_are_greyed(qtbot, laptop) -> None:
    """Item 13: a pay stub case has no bank statements; its tab says so before it is opened."""
    win, cases = laptop, laptop.cases  # type: ignore[attr-defined]
    _pick_case(qtbot, win, cases["tampered_paystub"])
    view = win.case_view
    assert "Bank statements" in view.empty_tabs()
    assert "Payroll" not in view.empty_tabs() and "Documents" not in view.empty_tabs()
    index = 3
    assert view.tabBar().tabTextColor(index) != view.tabBar().tabTextColor(2)
    _pick_case(qtbot, win, cases["edited_statement"])
    assert "Bank statements" not in view.empty_tabs()


def test_keyboard_and_screen_reader_names_and_a_high_contrast_palette(qtbot, laptop) -> None:
    """Short or symbol buttons have names in words for screen readers; View › Colours offers
    dark and high contrast palettes in which the risk colours stay readable."""
    from PySide6.QtGui import QAccessible

    from reviewer.ui.queue_model import BAND_COLOURS
    from reviewer.ui.theme import contrast_ratio

    win = laptop
    _pick_case(qtbot, win, laptop.cases["tampered_paystub"])  # type: ignore[attr-defined]
    tab = _open_documents(qtbot, win)
    toolbar = tab.pane.toolbar

    def name(widget: Any) -> str:
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface is not None
        return iface.text(QAccessible.Text.Name)

    assert name(toolbar.rotate) == "Rotate pages"  # not "↻"
    assert name(toolbar.zoom_out) == "Zoom out" and name(toolbar.zoom_in) == "Zoom in"
    assert name(toolbar.fit_width) == "Fit page width"
    assert name(toolbar.search) == "Find in document"
    assert name(win.queue.view) == "Case queue" and name(tab.table) == "Documents of the case"
    assert name(tab.pane.pages) == "Document pages"
    # every toolbar control is reachable with Tab
    for widget in (toolbar.zoom_out, toolbar.rotate, toolbar.search, toolbar.page_box):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    # View › Colours › High contrast
    win.workspace.theme_actions["high_contrast"].trigger()
    try:
        palette = QApplication.palette()
        background = palette.color(palette.ColorRole.Window)
        text = palette.color(palette.ColorRole.WindowText)
        assert contrast_ratio(background, text) >= 15
        white = QColor("white")
        bands = list(BAND_COLOURS.values())
        assert all(contrast_ratio(colour, white) >= 3.0 for colour in bands)  # the score on it
        assert all(contrast_ratio(colour, background) >= 3.0 for colour in bands)
        assert win.settings.extra["theme"] == "high_contrast"
        win.workspace.theme_actions["dark"].trigger()
        dark = QApplication.palette().color(palette.ColorRole.Base)
        assert dark.lightness() < 60
    finally:
        win.workspace.theme_actions["system"].trigger()


def test_a_large_screen_gives_the_window_most_of_its_room(qtbot, tmp_path: Path) -> None:
    from reviewer.ui.workspace import fit_to_screen

    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d")
    qtbot.addWidget(win)
    area = (win.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    fit_to_screen(win)
    assert win.width() >= min(area.width() - 8, int(area.width() * 0.9))
    assert win.height() <= area.height()
    win.shutdown()


def _action(win: MainWindow, keys: str) -> Any:
    from PySide6.QtGui import QAction, QKeySequence

    wanted = QKeySequence(keys)
    return next(a for a in win.findChildren(QAction) if a.shortcut() == wanted)


def test_decide_undo_decide_and_work_offline_and_back(qtbot, laptop) -> None:
    """Reject with Ctrl+2 (reason, note, OK by mouse), undo with Ctrl+Z, decide again;
    Work offline disables fetching and keeps the cached case readable; back online."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    from reviewer.ui.actions.decision_dialog import DecisionDialog

    win, cases = laptop, laptop.cases  # type: ignore[attr-defined]
    case_id = cases["tampered_paystub"]
    _pick_case(qtbot, win, case_id)
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DecisionDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog.windowTitle())
        qtbot.mouseClick(dialog.reason_boxes[0], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.note, "net pay retyped over the original")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    _action(win, "Ctrl+2").trigger()
    assert seen == ["Reject APP-1002?"]
    assert "Ctrl+Z to undo" in win.statusBar().currentMessage()
    # Ctrl+Z where the reviewer is (the queue; in a text box it undoes typing, as usual); the
    # offscreen platform does not hand activation back after a dialog as a window manager does
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    qtbot.keyClick(win.queue.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Undone" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: win.queue.current_case_id() == case_id, timeout=10000)
    QTimer.singleShot(0, fill)
    _action(win, "Ctrl+2").trigger()
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Saved"), timeout=30000)
    trail = [e.action for e in win.service.audit_trail(case_id)]
    assert trail.count("decision.rejected") == 1  # the undone one was never written

    offline = _action(win, "Ctrl+Shift+O")
    offline.trigger()
    assert offline.isChecked() and not win.fetch.new_case_action.isEnabled()
    assert "offline" in win.status.online.text()
    _pick_case(qtbot, win, cases["edited_statement"])  # cached cases still open
    assert win.has_case()
    offline.trigger()
    assert not offline.isChecked() and win.fetch.new_case_action.isEnabled()


def test_after_the_first_demo_fetch_the_top_case_is_selected(qtbot, tmp_path: Path) -> None:
    """Item 13: the riskiest case at the top of the queue, not the last one fetched."""
    from reviewer.review.app_service import AppService
    from reviewer.ui.queue_model import CASE_ID_ROLE

    win = MainWindow(
        runner=TaskRunner(),
        settings=Settings(reviewer_name="Dana"),
        data_dir=tmp_path / "d",
        demo=True,
    )
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.fetch_finished, timeout=240000):
        win.open_service(lambda: AppService.open(tmp_path / "d", demo=True))
    qtbot.waitUntil(lambda: win.queue.current_case_id() is not None, timeout=20000)
    top = win.queue.proxy.index(0, 0).data(CASE_ID_ROLE)
    assert win.queue.current_case_id() == top
    win.shutdown()


def test_a_pay_stub_is_legible_at_fit_width_on_a_large_screen_too(qtbot, laptop) -> None:
    """At 1920×1080 the queue used to stay open beside the thumbnails: 7 px body text."""
    win = laptop
    win.resize(1900, 1040)
    qtbot.waitUntil(lambda: win.width() == 1900, timeout=5000)
    _pick_case(qtbot, win, laptop.cases["tampered_paystub"])  # type: ignore[attr-defined]
    tab = _open_documents(qtbot, win)
    assert not win.workspace.queue_shown()
    assert 8.5 * tab.pane.pages.zoom >= 9.0, f"{8.5 * tab.pane.pages.zoom:.1f} px"


def test_a_case_opens_without_building_its_model_on_the_gui_thread(
    qtbot: Any, laptop: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case model (1,500 statement rows) is read on the task runner; the transactions
    table is filled when the Bank statements tab is shown, not while the case opens."""
    import threading

    from reviewer.review import model as case_model

    built_on: list[threading.Thread] = []
    build = case_model.build_case

    def recording(*args: Any) -> Any:
        built_on.append(threading.current_thread())
        return build(*args)

    monkeypatch.setattr(case_model, "build_case", recording)
    win = laptop
    _pick_case(qtbot, win, win.cases["tampered_paystub"])  # type: ignore[attr-defined]
    _pick_case(qtbot, win, win.cases["edited_statement"])  # type: ignore[attr-defined]
    assert len(built_on) >= 2
    assert threading.main_thread() not in built_on
    assert win.case_view.tx_model.rowCount() == 0  # the tab was not shown yet
    qtbot.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert win.case_view.currentWidget() is win.case_view.statements
    qtbot.waitUntil(lambda: win.case_view.tx_model.rowCount() > 1000, timeout=5000)
    assert threading.main_thread() not in built_on


def test_queue_labels_stay_readable_when_the_checks_badge_arrives(qtbot, laptop) -> None:
    """Cases arrive one by one and their "Reviewer checks failed" badge after them: the label
    column grows for both (it showed "APP…" on every row after the demo's first run)."""
    win = laptop
    view, proxy = win.queue.view, win.queue.proxy

    def readable() -> bool:
        metrics = view.fontMetrics()
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            badge = 20 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
            needed = metrics.horizontalAdvance(index.data()) + badge + 8
            if view.columnWidth(0) < needed:
                return False
        return True

    qtbot.waitUntil(
        lambda: any(
            proxy.index(r, 0).data(Qt.ItemDataRole.DecorationRole) is not None
            for r in range(proxy.rowCount())
        ),
        timeout=60000,
    )
    qtbot.waitUntil(readable, timeout=5000)


def test_the_documents_worker_starts_after_the_first_paint(qtbot: Any, tmp_path: Path) -> None:
    """Item 16: the first document opened finds the worker (and PyMuPDF) loaded."""
    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d")
    qtbot.addWidget(win)
    try:
        with qtbot.waitSignal(win.first_painted, timeout=30000):
            win.show()
        qtbot.waitUntil(lambda: win.renderer.worker_pid is not None, timeout=60000)
        assert win.case_view.documents.current_document() is None  # nothing was opened
    finally:
        win.shutdown()
    assert win.renderer.worker_pid is None


def test_the_flagged_page_is_rendered_once_and_checks_wait_for_it(
    qtbot: Any, laptop: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a fresh start, Alt+2 opens the statement's flagged page rendered once, at the zoom
    painted (not first at the size of a tab not laid out yet: 0.456 then 1.185); a case's stale
    checks start after its page is painted."""
    from reviewer.review.app_service import AppService
    from reviewer.ui.viewer.renderer import PageImageCache

    cases = laptop.cases  # type: ignore[attr-defined]
    laptop.shutdown()  # a fresh start on the store it filled: the Documents tab never shown
    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=laptop.data_dir)
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.resize(*LAPTOP)
    win.show()
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(lambda: AppService.open(laptop.data_dir, demo=True))
    qtbot.waitUntil(lambda: win.queue.model.rowCount() == 2, timeout=30000)
    # the checks' task notes whether the page was still being opened when it began
    checked_while_opening: list[bool] = []
    svc = win.service
    assert svc is not None
    tab = win.case_view.documents
    monkeypatch.setattr(
        svc, "findings_stale", lambda _s: checked_while_opening.append(tab.pane.opening) or False
    )
    _pick_case(qtbot, win, cases["edited_statement"])  # on the Overview tab
    assert win.after_first_page.waiting  # its checks give the reviewer a moment to press Alt+2
    put = PageImageCache.put
    rendered: list[tuple[int, float]] = []

    def recording(cache: PageImageCache, key: Any, image: Any) -> None:
        rendered.append((key[1], key[2]))
        put(cache, key, image)

    monkeypatch.setattr(PageImageCache, "put", recording)
    with qtbot.waitSignal(tab.page_shown, timeout=30000) as shown:
        qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    page = shown.args[1] - 1
    zooms = {zoom for index, zoom in rendered if index == page}
    assert len(zooms) == 1, f"page {page + 1} rendered at zooms {zooms}"

    # Alt+2 right after picking the case: its checks waited for the page all the same
    qtbot.waitUntil(lambda: bool(checked_while_opening), timeout=10000)
    assert checked_while_opening == [False]
    qtbot.waitUntil(lambda: not win.runner.running(), timeout=30000)
    checked_while_opening.clear()
    with qtbot.waitSignal(tab.page_shown, timeout=30000):
        _pick_case(qtbot, win, cases["tampered_paystub"])
    qtbot.waitUntil(lambda: bool(checked_while_opening), timeout=10000)
    assert checked_while_opening == [False]
    win.shutdown()


def test_checks_finishing_in_the_background_keep_the_open_document(
    qtbot: Any, laptop: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case is shown again with its new findings: the open statement stays open (it used
    to be closed and opened again, its page rendered twice) and the finding joins its panel."""
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from reviewer.review.findings import failed

    win = laptop
    _pick_case(qtbot, win, win.cases["tampered_paystub"])  # type: ignore[attr-defined]
    tab = _open_documents(qtbot, win)
    qtbot.waitUntil(
        lambda: not win.after_first_page.waiting and not win.runner.running(), timeout=30000
    )
    svc = win.service
    assert svc is not None
    statement = svc.load_case(win.cases["edited_statement"])  # type: ignore[attr-defined]
    assert statement is not None
    doc_id = statement.documents[0].document_id
    extra = failed("test.background", "arithmetic", "high", "Found while the page was read",
                   document_ids=[doc_id])  # fmt: skip
    monkeypatch.setattr(svc, "findings_stale", lambda _s: True)
    monkeypatch.setattr(svc, "update_findings", lambda s: s.with_findings([extra, *s.findings]))
    shown: list[tuple[str, int]] = []
    tab.page_shown.connect(lambda d, p: shown.append((d, p)))
    with qtbot.waitSignal(tab.page_shown, timeout=30000):
        _pick_case(qtbot, win, win.cases["edited_statement"])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: extra in win.case_view.snapshot.findings, timeout=20000)
    qtbot.waitUntil(lambda: not win.runner.running() and not tab.pane.opening, timeout=30000)

    def panel_texts() -> list[str]:
        texts, items = [], QTreeWidgetItemIterator(tab.pane.risk.tree)
        while items.value():
            texts.append(items.value().text(0))
            items += 1
        return texts

    assert len(shown) == 1 and tab.current_document().document_id == doc_id
    assert any("Found while the page was read" in t for t in panel_texts()), panel_texts()
    # the group is put up again with the new finding, not added beside the old one
    groups = [t for t in panel_texts() if t.startswith("Reviewer checks:")]
    assert len(groups) == 1, groups
