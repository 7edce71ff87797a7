"""The main window's actions, menus and toolbar, and keeping them enabled only when they can work."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from reviewer.ui import icons
from reviewer.ui.tabs import TAB_NAMES

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


def make_action(
    window: MainWindow,
    text: str,
    shortcut: str | QKeySequence.StandardKey,
    slot: Callable[[], Any],
    icon: str | None = None,
) -> QAction:
    """An action with its shortcut shown in the menu and in the tooltip."""
    action = QAction(text, window)
    action.setShortcut(QKeySequence(shortcut))
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
    action.triggered.connect(slot)
    if icon:
        action.setIcon(icons.icon(icon))
    window.addAction(action)
    return action


def build_actions(w: MainWindow) -> None:
    """Create the window's actions, the Case and View menus and the toolbar."""
    w.new_case_action = make_action(w, "&New case…", "Ctrl+N", w.new_case, "new")
    w.refresh_action = make_action(w, "&Refresh case", "F5", w.refresh_case, "refresh")
    w.search_action = make_action(w, "&Find…", "Ctrl+F", w.focus_search, "search")
    w.search_action.setStatusTip(
        "Search in the pane that has the focus: document, transactions or cases"
    )
    w.settings_action = make_action(w, "Se&ttings…", "Ctrl+,", w.open_settings, "settings")
    w.offline_action = make_action(
        w,
        "Work &offline",
        "Ctrl+Shift+O",
        lambda: w.set_offline(w.offline_action.isChecked()),
        "offline",
    )
    w.offline_action.setCheckable(True)
    w.cancel_action = make_action(w, "&Cancel task", "Esc", w.cancel_fetch)
    w.quit_action = make_action(w, "&Quit", QKeySequence.StandardKey.Quit, w.close)
    menu = w.menuBar()
    case_menu = menu.addMenu("&Case")
    w.case_menu = case_menu
    for a in (w.new_case_action, w.refresh_action, w.search_action, w.cancel_action):
        case_menu.addAction(a)
    case_menu.addSeparator()
    case_menu.addAction(w.offline_action)
    case_menu.addAction(w.settings_action)
    case_menu.addSeparator()
    case_menu.addAction(w.quit_action)
    view_menu = menu.addMenu("&View")
    for i, name in enumerate(TAB_NAMES):
        view_menu.addAction(make_action(w, name, f"Alt+{i + 1}", partial(w.show_tab, i)))
    toolbar = w.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    w.toolbar = toolbar
    for a in (w.new_case_action, w.refresh_action, w.offline_action, w.settings_action):
        toolbar.addAction(a)


def online_state(service: Any) -> tuple[bool, str]:
    """Whether Plaid actions can run now, and the reason when not."""
    if service is None:
        return False, "starting"
    can = getattr(service, "can_fetch", None)
    if isinstance(can, tuple):
        return bool(can[0]), str(can[1])
    online = bool(service.is_online())
    return online, "" if online else "offline"


def update_actions(w: MainWindow) -> None:
    """Enable what can work now; disabled actions say why in their tooltip and status tip."""
    online, reason = online_state(w.service)
    has_case = w.has_case()
    w.new_case_action.setEnabled(online)
    w.refresh_action.setEnabled(online and has_case)
    why = "" if online else f" — unavailable: {reason}"
    w.new_case_action.setStatusTip("Fetch a new case from Plaid" + why)
    w.refresh_action.setStatusTip("Fetch this case again" + why)
    w.new_case_action.setToolTip("New case (Ctrl+N)" + why)
    w.refresh_action.setToolTip("Refresh case (F5)" + why)
    w.status.set_online(online, reason)
