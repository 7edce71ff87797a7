"""The viewer's toolbar: page box, zoom, fit, rotate, copy text and the Ctrl+F search box."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)


class ViewerToolbar(QWidget):
    """Controls above the pages; the pane connects them (this widget holds no document).

    A plain row of short buttons (their full names in tooltips and accessible names) that fits
    beside the page on a 1366 px laptop: nothing folds into an overflow menu.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setPrefix("Page ")
        self.page_box.setToolTip("Go to page")
        self.of_pages = QLabel("of 0")
        self.zoom_out = self._button("−", "Zoom out (Ctrl+wheel, Ctrl+-)", "Zoom out")
        self.zoom_in = self._button("+", "Zoom in (Ctrl+wheel, Ctrl++)", "Zoom in")
        self.fit_width = self._button("↔ Width", "Fit page width", "Fit page width")
        self.fit_page = self._button("⤢ Page", "Fit whole page", "Fit whole page")
        self.rotate = self._button("↻", "Turn the pages 90° clockwise (R)", "Rotate pages")
        self.copy_text = self._button(
            "Copy", "Copy the current page's text (Ctrl+Shift+C)", "Copy page text"
        )
        self.marks = self._button("Tags", "Show or hide every box and tag on the pages (H)", "")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in document (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.search.setAccessibleName("Find in document")
        self.page_box.setAccessibleName("Page number")
        self.search_status = QLabel("")
        # the row never sets the pane's minimum width: on a narrow pane its end is clipped
        # instead of pushing the window wider than the screen
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 2, 0, 2)
        bar.setSpacing(3)
        for widget in (
            self.page_box,
            self.of_pages,
            self.zoom_out,
            self.zoom_in,
            self.fit_width,
            self.fit_page,
            self.rotate,
            self.copy_text,
            self.marks,
        ):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.search_status)

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name or tip.split(" (")[0])  # screen readers: words, not "↻"
        return button

    def set_page_count(self, count: int) -> None:
        """Bound the page box to the document's pages."""
        self.page_box.setMaximum(max(1, count))
        self.of_pages.setText(f"of {count}")

    def show_page(self, page: int) -> None:
        """Follow the view's current page without jumping back to it."""
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
