"""The reviewer's name, asked once: the first decision without one prompts for it.

Decisions and fetches are recorded under this name in the audit trail (the OS account is no
name a lender can defend a decision with). Settings › Reviewer name changes it later.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ensure_reviewer_name(window: Any, parent: QWidget | None = None) -> bool:
    """True when the settings hold a reviewer name (asking for it now if they do not)."""
    settings = window.settings
    if (settings.reviewer_name or "").strip():
        return True
    name, ok = QInputDialog.getText(
        parent or window,
        "Your name for the audit trail",
        "Decisions are recorded under your name. Your name:",
        QLineEdit.EchoMode.Normal,
        "",
    )
    name = name.strip() if ok else ""
    if not name:
        return False
    settings.reviewer_name = name
    with contextlib.suppress(OSError):  # kept for this session even if the file cannot be written
        settings.save()
    service = getattr(window, "service", None)
    if service is not None and hasattr(service, "reviewer_name"):
        service.reviewer_name = name
    apply = getattr(window, "_apply_settings", None)
    if callable(apply):
        apply()
    return True
