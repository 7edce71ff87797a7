"""The viewer's forensics strip: a revision switcher and a "reveal hidden text" toggle.

Shown above the pages only for a document whose findings name earlier revisions or hidden
text. Flipping to an earlier revision asks the pane to render that revision's pages (rebuilt
by the documents worker from the file's own bytes) and outlines the places the next revision
changed; "reveal" draws each hidden text in its box over the page. The strip reads the
findings only (`reviewer.review.forensics_view`); painting happens in `paint_over`.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from reviewer.review.findings import Finding
from reviewer.review.forensics_view import DocumentForensicsView, forensics_view
from reviewer.ui.viewer.geometry import ViewHighlight
from reviewer.ui.viewer.pages import PagesView

CHANGED = QColor(230, 120, 0)
REVEAL_FILL, REVEAL_TEXT = QColor(255, 249, 196, 240), QColor(176, 0, 32)


def plain(text: str | None) -> str:
    """A printed amount without its currency sign, as the findings word it."""
    return (text or "nothing").replace("$", "")


def _tag(painter: QPainter, box: QRectF, text: str) -> None:
    """A label under a changed place, in the changed places' colour."""
    metrics = QFontMetricsF(painter.font())
    tag = QRectF(
        box.left(), box.bottom() + 2, metrics.horizontalAdvance(text) + 10, metrics.height() + 4
    )
    if tag.right() > box.right():
        tag.moveRight(box.right())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CHANGED)
    painter.drawRoundedRect(tag, 3, 3)
    painter.setPen(QColor("white"))
    painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)


class ForensicsBar(QWidget):
    """Revision k of n with earlier/later buttons, and the reveal toggle."""

    revision_changed = Signal(object)  # int: an earlier revision; None: the file as it is
    overlay_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = DocumentForensicsView()
        self.revision: int | None = None  # None: the newest (the file as submitted)
        self.label = QLabel()
        self.earlier, self.later = QToolButton(), QToolButton()
        self.earlier.setText("◀ Earlier")
        self.later.setText("Later ▶")
        self.earlier.setToolTip("Show the revision saved before this one ([)")
        self.later.setToolTip("Show the revision saved after this one (])")
        self.earlier.setObjectName("forensics-earlier")
        self.later.setObjectName("forensics-later")
        self.reveal = QCheckBox("Reveal hidden")
        self.reveal.setObjectName("forensics-reveal")
        self.reveal.setToolTip("Draw text the page hides (covered, invisible) over it (V)")
        self.earlier.clicked.connect(lambda: self.step(-1))
        self.later.clicked.connect(lambda: self.step(1))
        self.reveal.toggled.connect(lambda _on: self.overlay_changed.emit())
        self.earlier.setAccessibleName("Show the earlier revision of the file")
        self.later.setAccessibleName("Show the later revision of the file")
        self.reveal.setAccessibleName("Reveal hidden text over the page")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label, 1)  # takes the room left, shrinks first
        for widget in (self.earlier, self.later, self.reveal):
            layout.addWidget(widget)
        self.setStyleSheet("ForensicsBar{background:#fff3e0;border:1px solid #ffcc80;}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # never wider than the page column: the risk panel beside it keeps its width
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setMinimumWidth(60)
        self.hide()

    def show_findings(self, document_id: str | None, findings: list[Finding]) -> None:
        """Show the strip for a document's forensic findings (hidden when there is nothing)."""
        self.view = (
            forensics_view(document_id, findings) if document_id else DocumentForensicsView()
        )
        self.revision = None
        self.reveal.setChecked(False)
        self.reveal.setVisible(bool(self.view.hidden))
        self.earlier.setVisible(self.view.has_revisions)
        self.later.setVisible(self.view.has_revisions)
        self._update_label()
        self.setVisible(self.view.has_revisions or bool(self.view.hidden))

    @property
    def shown_revision(self) -> int:
        """The revision on screen (1-based)."""
        return self.revision or self.view.revisions

    def step(self, delta: int) -> None:
        """Show the revision `delta` away from the one on screen."""
        if not self.view.has_revisions:
            return
        target = min(max(self.shown_revision + delta, 1), self.view.revisions)
        if target == self.shown_revision:
            return
        self.revision = None if target == self.view.revisions else target
        self._update_label()
        self.revision_changed.emit(self.revision)
        self.overlay_changed.emit()

    def _update_label(self) -> None:
        total = self.view.revisions
        if total > 1:
            now = self.shown_revision
            state = "as submitted" if now == total else "earlier state"
            self.label.setText(f"<b>Revision {now} of {total}</b> ({state})")
        else:
            self.label.setText("<b>Hidden text on this document</b>")
        self.earlier.setEnabled(self.shown_revision > 1)
        self.later.setEnabled(self.shown_revision < total)

    def paint_over(self, view: PagesView, painter: QPainter) -> None:
        """Draw changed places (on an earlier revision) and revealed text over the pages."""

        def to_view(index: int, rect: tuple[float, float, float, float]) -> QRectF:
            return view.highlight_rect(ViewHighlight(index, rect, "", CHANGED))

        shown, total = self.shown_revision, self.view.revisions
        tagged: set[tuple[int, str | None]] = set()
        for change in self.view.changes:
            # on an earlier revision: what the next one changed; as submitted: every change
            if change.to_revision != shown + 1 and not (shown == total and self.revision is None):
                continue
            box = to_view(change.page - 1, change.rect).adjusted(-3, -3, 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(CHANGED, 2.5, Qt.PenStyle.DashLine))
            painter.drawRect(box)
            if (change.to_revision, change.before) in tagged:
                continue  # one tag per edit: the figure may be printed in several places
            tagged.add((change.to_revision, change.before))
            if shown < change.to_revision:
                text = f"Revision {change.to_revision} of {total} shows {plain(change.after)}"
            else:
                text = f"Revision {change.to_revision - 1} of {total} said {plain(change.before)}"
            _tag(painter, box, text)
        if not self.reveal.isChecked():
            return
        for hidden in self.view.hidden:
            box = to_view(hidden.page - 1, hidden.rect)
            painter.setPen(QPen(REVEAL_TEXT, 1.5))
            painter.setBrush(REVEAL_FILL)
            painter.drawRect(box)
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(max(int(box.height() * 0.75), 7))
            width = QFontMetricsF(font).horizontalAdvance(hidden.text)
            if width > box.width() - 2:  # the whole figure must show: smaller, never clipped
                font.setPixelSize(max(int(font.pixelSize() * (box.width() - 2) / width), 6))
            painter.save()
            painter.setFont(font)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, hidden.text)
            painter.restore()
