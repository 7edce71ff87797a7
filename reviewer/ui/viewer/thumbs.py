"""The thumbnail strip: one small page per row, a badge on every page that carries a signal."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

THUMB = 120


class ThumbnailStrip(QListWidget):
    """Pages as thumbnails; `page_chosen` (1-based) when the reviewer clicks one."""

    page_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setIconSize(QSize(THUMB, THUMB))
        # a fixed cell per page: laid out from the numbered blanks, cells sized by their text
        # alone would stack the pages over each other once the images arrive
        self.setGridSize(QSize(THUMB + 16, THUMB + 28))
        self.setMovement(QListView.Movement.Static)
        self.setFixedWidth(THUMB + 40)
        self.badges: dict[int, QColor] = {}  # 1-based page -> badge colour
        self.itemClicked.connect(lambda item: self.page_chosen.emit(self.row(item) + 1))

    def set_pages(self, count: int, badges: dict[int, QColor]) -> None:
        """One blank slot per page, numbered, with badges; images arrive with `set_images`."""
        self.clear()
        self.badges = dict(badges)
        for page in range(1, count + 1):
            item = QListWidgetItem(f"{page}" + (" ●" if page in badges else ""))
            if page in badges:
                item.setForeground(badges[page])
                item.setToolTip(f"Page {page} carries a risk signal")
            self.addItem(item)
        self.doItemsLayout()  # now, so the strip can scroll to the page the viewer opens at

    def set_images(self, images: dict[int, QImage]) -> None:
        """Thumbnails by 0-based page index, badged."""
        for index, image in images.items():
            item = self.item(index)
            if item is not None:
                item.setIcon(QIcon(self._badged(QPixmap.fromImage(image), index + 1)))

    def _badged(self, pixmap: QPixmap, page: int) -> QPixmap:
        colour = self.badges.get(page)
        if colour is None:
            return pixmap
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(pixmap.width() - 22, 4, 18, 18)
        painter.setPen(QColor("white"))
        painter.drawText(pixmap.width() - 22, 4, 18, 18, Qt.AlignmentFlag.AlignCenter, "!")
        painter.end()
        return pixmap

    def set_current_page(self, page: int) -> None:
        """Follow the viewer's page without emitting `page_chosen`."""
        self.blockSignals(True)
        self.setCurrentRow(page - 1)
        self.blockSignals(False)
        item = self.item(page - 1)
        if item is not None:
            self.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)
