"""The window's layout for the work: fits the screen, gives the page the room, remembers itself.

- The window opens no larger than the screen's available area (a 1366×768 laptop keeps the
  status bar and its environment badge on screen).
- Once a case is being read in the Documents tab, the case queue collapses to a strip at the
  window's edge; F9 (View › Case queue, or dragging the strip) brings it back.
- Splitter sizes and the window's geometry are saved per screen size ("1366x768") in the
  settings file, and restored on the next run on that screen. "Work offline" is kept too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, QRect
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSplitter, QWidget

from reviewer.review.preferences import Settings
from reviewer.ui.case_queue import CaseQueue
from reviewer.ui.theme import THEME_NAMES, THEMES, apply_theme

if TYPE_CHECKING:
    from reviewer.ui.case_view import CaseView

DEFAULT_SIZE = (1400, 900)
QUEUE_KEY = "F9"


def screen_key(window: QWidget) -> str:
    """The screen the window is on, as "1366x768" (layouts are kept per screen size)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    size = screen.size() if screen is not None else None
    return f"{size.width()}x{size.height()}" if size is not None else "unknown"


def fit_to_screen(window: QWidget, wanted: tuple[int, int] = DEFAULT_SIZE) -> QRect:
    """Size and place the window inside the screen's available area (frame included)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*wanted)
        return window.geometry()
    area = screen.availableGeometry()
    # the window manager's title bar and borders are outside the client size
    frame_w, frame_h = 8, 36
    # a large screen gives the work most of its room (a 1920 px screen keeps the queue open
    # beside the document); a laptop gets all of it
    wanted = (max(wanted[0], int(area.width() * 0.9)), max(wanted[1], int(area.height() * 0.9)))
    width = min(wanted[0], area.width() - frame_w)
    height = min(wanted[1], area.height() - frame_h)
    window.resize(width, height)
    window.move(area.left() + max(0, (area.width() - width - frame_w) // 2), area.top())
    return window.geometry()


class Workspace(QObject):
    """Layout state of one MainWindow: queue strip, saved splitters, offline remembered."""

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        queue: CaseQueue,
        settings: Settings,
        offline: QAction,
        view_menu: QMenu,
        case_view: Callable[[], CaseView | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.queue = queue
        self.settings = settings
        self.offline = offline
        self.case_view = case_view  # the case view once it is built, else None
        self.queue_action = QAction("Case &queue", window)
        self.queue_action.setCheckable(True)
        self.queue_action.setChecked(True)
        self.queue_action.setShortcuts(
            [QKeySequence(QUEUE_KEY)]
        )  # not setShortcut: see make_action
        self.queue_action.setToolTip(f"Show or hide the case queue ({QUEUE_KEY})")
        self.queue_action.toggled.connect(self.show_queue)
        window.addAction(self.queue_action)
        self._queue_width = 360
        queue.view.setAccessibleName("Case queue")
        queue.search.setAccessibleName("Search cases")
        self.theme_actions = self._theme_menu(view_menu)
        splitter.setCollapsible(0, True)
        splitter.setHandleWidth(8)
        splitter.splitterMoved.connect(lambda *_: self._follow_splitter())

    def _theme_menu(self, view: QMenu) -> dict[str, QAction]:
        """View › Colours: system, dark, high contrast (kept in the settings file)."""
        window = self.window
        group = QActionGroup(self)
        actions: dict[str, QAction] = {}
        for name in THEMES:
            action = QAction(THEME_NAMES[name], window)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, n=name: self.use_theme(n))
            group.addAction(action)
            actions[name] = action
        view.addSeparator()
        view.addAction(self.queue_action)
        colours = view.addMenu("&Colours")
        for action in actions.values():
            colours.addAction(action)
        return actions

    def use_theme(self, name: str) -> None:
        """Apply a palette and remember it."""
        apply_theme(name)
        self.settings.extra["theme"] = name
        self.theme_actions[name].setChecked(True)

    # -- the queue strip -------------------------------------------------------------------

    def queue_shown(self) -> bool:
        """The case queue has room on screen (not collapsed to the strip)."""
        return self.splitter.sizes()[0] > 0

    def show_queue(self, shown: bool) -> None:
        """Open the queue beside the case, or collapse it to the strip (F9)."""
        splitter = self.splitter
        sizes = splitter.sizes()
        total = sum(sizes)
        if shown and sizes[0] == 0:
            width = min(self._queue_width, total // 2)
            splitter.setSizes([width, total - width])
            self.queue.view.setFocus()
        elif not shown and sizes[0] > 0:
            self._queue_width = sizes[0]
            splitter.setSizes([0, total])
        self._sync_action()

    def case_opened_for_reading(self) -> None:
        """The reviewer reads a document: the page takes the queue's room (on a 1920 px screen
        too: with the queue and thumbnails beside it a pay stub at fit width was 7 px text)."""
        if self.queue_shown():
            self.show_queue(False)

    def _follow_splitter(self) -> None:
        if self.queue_shown():
            self._queue_width = self.splitter.sizes()[0]
        self._sync_action()

    def _sync_action(self) -> None:
        self.queue_action.blockSignals(True)
        self.queue_action.setChecked(self.queue_shown())
        self.queue_action.blockSignals(False)

    # -- saved per screen ------------------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        found: dict[str, QSplitter] = {"main": self.splitter}
        view = self.case_view()
        if view is not None:
            found["documents"] = view.documents.splitter
            found["viewer"] = view.documents.pane.splitter
        return found

    def _saved(self) -> dict[str, Any]:
        layouts = self.settings.extra.setdefault("layouts", {})
        return layouts.setdefault(screen_key(self.window), {})  # type: ignore[no-any-return]

    def restore(self) -> None:
        """Geometry and splitters saved on this screen size (a first run fits the screen)."""
        saved = self._saved()
        geometry = saved.get("geometry")
        if not (isinstance(geometry, str) and self.window.restoreGeometry(_bytes(geometry))):
            fit_to_screen(self.window)
        self.restore_splitters()
        theme = self.settings.extra.get("theme")
        if theme in THEMES and theme != "system":
            self.use_theme(str(theme))
        else:
            self.theme_actions["system"].setChecked(True)
        offline = self.settings.extra.get("work_offline")
        if offline is True:
            self.offline.setChecked(True)

    def _open_queue_sizes(self) -> list[int]:
        sizes = self.splitter.sizes()
        if sizes and sizes[0] == 0:
            total = sum(sizes) or self.window.width()
            width = min(self._queue_width, total // 2)
            return [width, max(0, total - width)]
        return sizes

    def restore_splitters(self) -> None:
        """Splitter sizes saved on this screen (called again once the case view exists)."""
        saved = self._saved().get("splitters", {})
        for name, splitter in self._splitters().items():
            state = saved.get(name) if isinstance(saved, dict) else None
            if isinstance(state, str):
                splitter.restoreState(_bytes(state))
        # a run that ended reading a document saved the queue folded; a run starts with no case
        # open (this is called only at start), and a reviewer must see the queue to pick one
        self.splitter.setSizes(self._open_queue_sizes())
        self._sync_action()

    def save(self) -> None:
        """Keep the layout for this screen size and the offline choice (at quit)."""
        saved = self._saved()
        saved["geometry"] = _text(self.window.saveGeometry())
        saved["splitters"] = {n: _text(s.saveState()) for n, s in self._splitters().items()}
        self.settings.extra["work_offline"] = self.offline.isChecked()
        with contextlib.suppress(OSError):  # a read-only config directory costs the layout only
            self.settings.save()

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the pane that has the focus (document, transactions, queue)."""
        focus_pane_search(self, self.case_view())


def _text(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _bytes(text: str) -> QByteArray:
    return QByteArray.fromBase64(QByteArray(text.encode("ascii")))


def focus_pane_search(workspace: Workspace, view: CaseView | None) -> None:
    """The search box of the pane that has the focus; the queue's when no pane has one."""
    from PySide6.QtCore import Qt  # here: the window paints before Python's Qt namespace is made

    focus = QApplication.focusWidget()
    if view is not None and focus is not None:
        pane = view.documents.pane
        if focus is pane or pane.isAncestorOf(focus):
            pane.focus_search()
            return
        statements = view.statements
        if focus is statements or statements.isAncestorOf(focus):
            statements.tx_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
            statements.tx_filter.selectAll()
            return
    if not workspace.queue_shown():
        workspace.show_queue(True)
    workspace.queue.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
    workspace.queue.search.selectAll()
