"""Palettes: the system's, dark, and high contrast; the risk colours stay readable on each.

Risk bands are told apart by colour *and* by the score printed on them (white on the band's
colour), so the palette only has to keep the text around them legible. The choice is kept in
the settings file ("theme") and applied at start.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "dark", "high_contrast")
THEME_NAMES = {"system": "&System colours", "dark": "&Dark", "high_contrast": "&High contrast"}

_ROLES = QPalette.ColorRole


def dark_palette() -> QPalette:
    """A dark palette (Fusion's roles) with a clear focus and selection colour."""
    p = QPalette()
    colours = {
        _ROLES.Window: QColor(37, 39, 43),
        _ROLES.WindowText: QColor(230, 230, 230),
        _ROLES.Base: QColor(27, 29, 32),
        _ROLES.AlternateBase: QColor(45, 48, 53),
        _ROLES.Text: QColor(230, 230, 230),
        _ROLES.Button: QColor(50, 53, 58),
        _ROLES.ButtonText: QColor(230, 230, 230),
        _ROLES.Highlight: QColor(66, 135, 245),
        _ROLES.HighlightedText: QColor(255, 255, 255),
        _ROLES.ToolTipBase: QColor(50, 53, 58),
        _ROLES.ToolTipText: QColor(240, 240, 240),
        _ROLES.Link: QColor(120, 170, 255),
        _ROLES.PlaceholderText: QColor(160, 160, 160),
    }
    for role, colour in colours.items():
        p.setColor(role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, _ROLES.WindowText, QColor(120, 120, 120))
    p.setColor(QPalette.ColorGroup.Disabled, _ROLES.Text, QColor(120, 120, 120))
    p.setColor(QPalette.ColorGroup.Disabled, _ROLES.ButtonText, QColor(120, 120, 120))
    return p


def high_contrast_palette() -> QPalette:
    """Black and white with a yellow selection: the most legible for low vision."""
    p = QPalette()
    black, white, yellow = QColor(0, 0, 0), QColor(255, 255, 255), QColor(255, 255, 0)
    for role in (_ROLES.Window, _ROLES.Base, _ROLES.AlternateBase, _ROLES.Button):
        p.setColor(role, black)
    for role in (_ROLES.WindowText, _ROLES.Text, _ROLES.ButtonText, _ROLES.ToolTipText):
        p.setColor(role, white)
    p.setColor(_ROLES.ToolTipBase, black)
    p.setColor(_ROLES.Highlight, yellow)
    p.setColor(_ROLES.HighlightedText, black)
    p.setColor(_ROLES.Link, QColor(0, 255, 255))
    p.setColor(_ROLES.PlaceholderText, QColor(200, 200, 200))
    p.setColor(QPalette.ColorGroup.Disabled, _ROLES.WindowText, QColor(170, 170, 170))
    p.setColor(QPalette.ColorGroup.Disabled, _ROLES.Text, QColor(170, 170, 170))
    return p


def apply_theme(name: str) -> None:
    """Use a theme for the whole application ("system" restores the style's palette)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if name == "dark":
        app.setPalette(dark_palette())
    elif name == "high_contrast":
        app.setPalette(high_contrast_palette())
    else:
        style = app.style()
        app.setPalette(style.standardPalette() if style else QGuiApplication.palette())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
