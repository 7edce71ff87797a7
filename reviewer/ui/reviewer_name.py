"""The reviewer's name, asked once: the first New case or decision without one asks for it.

Decisions and fetches are recorded under this name in the audit trail (the OS account is no
name a lender can defend a decision with). Settings › Reviewer name changes it later.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from reviewer.review.preferences import Settings


def ensure_reviewer_name(
    settings: Settings, parent: QWidget, named: Callable[[], None] | None = None
) -> bool:
    """True when the settings hold a reviewer name (asking for it now if they do not).

    `named` runs after a name was given (the window applies it: title, the service's fetches).
    """
    if (settings.reviewer_name or "").strip():
        return True
    name, ok = QInputDialog.getText(
        parent,
        "Your name for the audit trail",
        "Decisions are recorded under your name. Your name:",
        QLineEdit.EchoMode.Normal,
        "",
    )
    name = name.strip() if ok else ""
    if not name:
        return False
    remember_reviewer_name(settings, name, named)
    return True


def remember_reviewer_name(
    settings: Settings, name: str, named: Callable[[], None] | None = None
) -> None:
    """Keep the reviewer's name in the settings (and for the next run), then tell the window."""
    settings.reviewer_name = name
    with contextlib.suppress(OSError):  # kept for this session even if the file cannot be written
        settings.save()
    if named is not None:
        named()
