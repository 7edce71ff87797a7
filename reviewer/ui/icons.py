"""Icons from `resources/icons` (simple SVGs drawn for this app); missing files give no icon."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@cache
def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg`, or an empty icon."""
    path = RESOURCES / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
