"""The viewer's toolbar: page box, zoom, fit, rotate, copy text and the Ctrl+F search box."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolBar,
    QToolButton,
    QWidget,
)


class ViewerToolbar(QWidget):
    """Controls above the pages; the pane connects them (this widget holds no document).

    A QToolBar, so controls that do not fit a narrow window fold into its "»" menu instead of
    forcing the whole window wider than a laptop screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setPrefix("Page ")
        self.page_box.setToolTip("Go to page")
        self.of_pages = QLabel("of 0")
        self.zoom_out = self._button("−", "Zoom out (Ctrl+wheel, Ctrl+-)")
        self.zoom_in = self._button("+", "Zoom in (Ctrl+wheel, Ctrl++)")
        self.fit_width = self._button("Fit width", "Fit page width")
        self.fit_page = self._button("Fit page", "Fit whole page")
        self.rotate = self._button("Rotate ↻", "Turn the pages 90° clockwise (R)")
        self.copy_text = self._button("Copy text", "Copy the current page's text (Ctrl+Shift+C)")
        self.marks = self._button("Tags", "Show or hide every box and tag on the pages (H)")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in document (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self.search_status = QLabel("")
        tools = QToolBar()
        tools.setMovable(False)
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
            tools.addWidget(widget)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tools.addWidget(spacer)
        tools.addWidget(self.search)
        tools.addWidget(self.search_status)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(tools)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
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
