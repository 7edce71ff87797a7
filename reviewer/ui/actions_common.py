"""Making a window action: shortcut shown in the menu and in the tooltip, icon, slot."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reviewer.ui import icons


def make_action(
    owner: QWidget,
    text: str,
    shortcut: str | QKeySequence.StandardKey,
    slot: Callable[[], object],
    icon: str | None = None,
) -> QAction:
    """An action of `owner` (so its shortcut works anywhere in it), calling `slot()`.

    The slot takes no argument: `triggered(checked)` is not passed on (a slot with an optional
    parameter would receive `False` as that parameter).
    """
    action = QAction(text, owner)
    # setShortcuts: setShortcut's overloads make Python's Qt namespace (93 enums, ~25 ms), which
    # the window's first paint goes without
    action.setShortcuts([QKeySequence(shortcut)])
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
    action.triggered.connect(lambda _checked=False: slot())
    if icon:
        action.setIcon(icons.icon(icon))
    owner.addAction(action)
    return action
