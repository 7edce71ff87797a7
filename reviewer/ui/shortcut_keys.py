"""Window shortcuts work from every pane, unless the focused text box genuinely needs the key.

A Qt text box claims keys before the window's shortcuts see them (a "shortcut override"). Most
claims are right: typing, copy, paste, select all, the arrows. But on Linux Qt's X11 keyboard
scheme also gives a line edit the emacs keys (Ctrl+E end of line, Ctrl+D delete, Ctrl+K, Ctrl+U
...), so Export report (Ctrl+E) did nothing while the queue's search box had the focus; and a
search box with nothing to undo still claimed Ctrl+Z (Undo decision). `WindowShortcutsFirst`
hands such keys back to the window when one of its enabled actions has that shortcut.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

TextBox = QLineEdit | QAbstractSpinBox | QTextEdit | QPlainTextEdit

_CLIPBOARD = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
)


@cache
def _text_keys() -> tuple[set[Qt.Key], tuple[Qt.KeyboardModifier, ...]]:
    """The keys that edit or move within the text whatever the modifiers (Ctrl+Left: a word
    back), and the modifiers of typing. Made with the first key: the window paints before
    Python's Qt namespace is made (its 93 enums cost ~25 ms of cold start)."""
    from PySide6.QtCore import Qt

    navigation = {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Insert,
    }
    typing = (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.ShiftModifier,
        Qt.KeyboardModifier.KeypadModifier,
    )
    return navigation, typing


def _undo_available(box: QWidget, redo: bool) -> bool:
    if isinstance(box, QLineEdit):
        return box.isRedoAvailable() if redo else box.isUndoAvailable()
    if isinstance(box, QTextEdit | QPlainTextEdit):
        doc = box.document()
        return doc.isRedoAvailable() if redo else doc.isUndoAvailable()
    return False


def text_box_needs(box: QWidget, event: QKeyEvent) -> bool:
    """Whether the text box needs this key for its text: typing, moving, the clipboard, and
    undo/redo when it has typing to undo or redo. The emacs keys are not needed."""
    from PySide6.QtCore import Qt

    navigation, typing = _text_keys()
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods in typing and event.key() < Qt.Key.Key_Escape:
        return True  # a character typed
    if event.key() in navigation:
        return True
    if any(event.matches(key) for key in _CLIPBOARD):
        return True
    if event.matches(QKeySequence.StandardKey.Undo):
        return _undo_available(box, redo=False)
    if event.matches(QKeySequence.StandardKey.Redo):
        return _undo_available(box, redo=True)
    return False


class WindowShortcutsFirst(QObject):
    """Watches the text boxes of `window` as they get the focus; a key one of them claims only
    through Qt's emacs bindings (or an undo with nothing to undo) goes to the window's action.

    Watching only the focused text box, not the whole application, keeps every other event
    (paints, mouse moves) free of a Python call.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, TextBox) and new.window() is self._window:
            new.installEventFilter(self)  # installing again moves it first; never twice

    def window_action(self, sequence: QKeySequence) -> QAction | None:
        """The window's enabled action with this shortcut (window or application wide)."""
        from PySide6.QtCore import Qt

        for action in self._window.findChildren(QAction):
            if not action.isEnabled() or action.shortcutContext() not in (
                Qt.ShortcutContext.WindowShortcut,
                Qt.ShortcutContext.ApplicationShortcut,
            ):
                continue
            if any(s == sequence for s in action.shortcuts()):
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A shortcut override the text box does not need is refused: the action gets the key."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and watched.hasFocus()
            and not text_box_needs(watched, event)
            and self.window_action(QKeySequence(event.keyCombination())) is not None
        ):
            event.ignore()  # not claimed: the shortcut map gives the key to the action
            return True
        return False
