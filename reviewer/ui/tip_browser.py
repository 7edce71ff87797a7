"""A read-only rich-text pane whose `html.tip` spans show their tooltip (an id for support).

Qt's rich text has no `title` attribute; a tip is an anchor with a `tip:` href, drawn like the
text around it, whose tooltip is the href's text. Clicking it does nothing.
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from reviewer.ui.present.html import TIP_SCHEME


class TipBrowser(QTextBrowser):
    """QTextBrowser that never navigates and shows `tip:` anchors' text as a tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._style_tips()

    def _style_tips(self) -> None:
        colour = self.palette().text().color().name()
        self.document().setDefaultStyleSheet(f"a.tip {{ color: {colour}; text-decoration: none; }}")

    def tip_at(self, pos: object) -> str | None:
        """The tooltip of the tip under `pos` (viewport coordinates), if any."""
        anchor = self.anchorAt(pos)  # type: ignore[arg-type]
        return unquote(anchor[len(TIP_SCHEME) :]) if anchor.startswith(TIP_SCHEME) else None

    def event(self, event: QEvent) -> bool:
        """Tooltips of tips; the palette changing restyles them."""
        if event.type() == QEvent.Type.PaletteChange:
            self._style_tips()
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """A tooltip over a tip shows its text (the id); elsewhere, none."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
