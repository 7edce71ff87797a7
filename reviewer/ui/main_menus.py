"""The main window's own actions, the Case and View menus and the toolbar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from reviewer.ui.actions_common import make_action
from reviewer.ui.fetch_controller import FetchController
from reviewer.ui.tabs import TAB_NAMES

TEXT_BESIDE_ICON = 2  # Qt.ToolButtonStyle.ToolButtonTextBesideIcon


@dataclass(frozen=True)
class WindowSlots:
    """What the window's own actions do."""

    focus_search: Callable[[], None]
    open_settings: Callable[[], object]
    set_offline: Callable[[bool], None]
    show_tab: Callable[[int], None]


@dataclass(frozen=True)
class WindowActions:
    """The window's own actions and the menus and toolbar they sit in."""

    search: QAction
    settings: QAction
    offline: QAction
    quit: QAction
    case_menu: QMenu
    view_menu: QMenu
    decision_menu: QMenu  # its entries come with the case menus, right after the first paint
    actions_menu: QMenu  # likewise: the menu bar is whole from the first frame
    toolbar: QToolBar


def build_window_actions(
    window: QMainWindow, fetch: FetchController, slots: WindowSlots
) -> WindowActions:
    """Create the Case and View menus and the toolbar (fetch actions first)."""
    search = make_action(window, "&Find…", "Ctrl+F", slots.focus_search, "search")
    search.setStatusTip("Search in the pane that has the focus: document, transactions or cases")
    settings = make_action(window, "Se&ttings…", "Ctrl+,", slots.open_settings, "settings")
    offline = make_action(
        window,
        "Work &offline",
        "Ctrl+Shift+O",
        lambda: slots.set_offline(offline.isChecked()),
        "offline",
    )
    offline.setCheckable(True)
    quit_action = make_action(window, "&Quit", QKeySequence.StandardKey.Quit, window.close)
    menu = window.menuBar()
    case_menu = menu.addMenu("&Case")
    for a in (fetch.new_case_action, fetch.refresh_action, search, fetch.cancel_action):
        case_menu.addAction(a)
    case_menu.addSeparator()
    case_menu.addAction(offline)
    case_menu.addAction(settings)
    case_menu.addSeparator()
    case_menu.addAction(quit_action)
    view_menu = menu.addMenu("&View")
    for i, name in enumerate(TAB_NAMES):
        view_menu.addAction(make_action(window, name, f"Alt+{i + 1}", partial(slots.show_tab, i)))
    decision_menu = menu.addMenu("&Decision")
    actions_menu = menu.addMenu("&Actions")
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    # Qt.ToolButtonStyle.ToolButtonTextBesideIcon, through the Qt property: the window paints
    # before Python's Qt namespace is made (its 93 enums cost ~25 ms of cold start)
    toolbar.setProperty("toolButtonStyle", TEXT_BESIDE_ICON)
    for a in (fetch.new_case_action, fetch.refresh_action, offline, settings):
        toolbar.addAction(a)
    return WindowActions(
        search,
        settings,
        offline,
        quit_action,
        case_menu,
        view_menu,
        decision_menu,
        actions_menu,
        toolbar,
    )
