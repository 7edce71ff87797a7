"""What the main window builds right after its first paint, one small step per event-loop turn.

The first frame leaves out the case view (its tabs, the document viewer, the charts) and the
Decision and Actions menus' entries: together their imports cost about half a second of CPU
here (the typed case model, the store, the viewer). Imported in one go they froze the window
for that long right after it appeared, when a reviewer may already click a menu. Here each
module of `AFTER_PAINT_IMPORTS` is imported in its own turn (most take 5-40 ms), so clicks and
keys are handled between them; then the case view is built, then the case menus, then the
documents worker starts and `first_painted` is emitted (the service opens).

The list names modules leaf first (each one's own imports are done by an earlier step). It is a
guide, not a contract: a module missing from it is imported with the one that needs it (a
longer step), and whatever asks for the case view earlier builds it at once.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# Python's Qt namespace (93 enums, ~25 ms): made on its own, not inside the first module naming it
QT_NAMESPACE = "PySide6.QtCore.Qt"

# the case view's and the case menus' imports, leaf first (found with python -X importtime);
# 58 steps of 0-75 ms at load 5.5 here (the typed model, the store, the case view's build the
# longest), 0.56 s in all
AFTER_PAINT_IMPORTS = (
    "reviewer.review.findings",
    "reviewer.review.case_model",
    "decimal",
    "reviewer.review.model",  # its package imports every submodule: the longest step
    "reviewer.ui.present.fmt",
    QT_NAMESPACE,
    "reviewer.ui.chart",
    "reviewer.ui.present.words",
    "reviewer.ui.present.doc_list",
    "reviewer.ui.rows_model",
    "reviewer.review.forensics_view",
    "reviewer.ui.present.findings",
    "reviewer.review.page_fit",
    "reviewer.ui.viewer.geometry",
    "reviewer.ui.viewer.findings_group",
    "reviewer.ui.viewer.page_paint",
    "reviewer.ui.viewer.pages",
    "reviewer.ui.viewer.forensics_bar",
    "reviewer.ui.viewer.facts_text",
    "reviewer.ui.viewer.risk_panel",
    "reviewer.ui.viewer.opening",
    "reviewer.ui.viewer.renderer",
    "reviewer.ui.viewer.thumbs",
    "reviewer.ui.viewer.pane",
    "reviewer.ui.documents_tab",
    "reviewer.ui.present.bank",
    "reviewer.ui.present.chart_data",
    "reviewer.ui.present.forms",
    "reviewer.ui.tabs.details",
    "hashlib",
    "sqlcipher3",
    "reviewer.review.decisions",
    "reviewer.review.audit_words",
    "reviewer.ui.tabs.overview",
    "reviewer.ui.tabs.transactions_model",
    "reviewer.ui.tabs.statements",
    "reviewer.ui.case_view",
    "reviewer.review.facade",
    "reviewer.ui.actions.dispositions_dialog",
    "reviewer.ui.actions.case_tools",
    "reviewer.ui.actions.decision_dialog",
    "reviewer.ui.actions.decisions",
    "reviewer.ui.actions.plaid_dialogs",
    "reviewer.ui.actions.plaid_menu",
    "reviewer.ui.actions",
    # what the app starts on first_painted: the log file's handler, the single-instance socket
    "reviewer.ui.log_file",
    "PySide6.QtNetwork",
)


class StepByStep(QObject):
    """Runs its steps one per event-loop turn, in order; `stop()` drops the rest.

    A step that raises is logged and the next one runs: an import that fails here fails again,
    with its message, where the module is needed.
    """

    def __init__(self, steps: Iterable[Callable[[], object]], parent: QObject) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        self._timer = QTimer(self)  # owned: it stops with the window
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)
        self._timer.start()

    def _next(self) -> None:
        if not self._steps:
            return
        step = self._steps.pop(0)
        try:
            step()
        except Exception:
            log.exception("a step after the first paint failed")
        if self._steps:
            self._timer.start()

    def pending(self) -> int:
        """Steps not run yet."""
        return len(self._steps)

    def stop(self) -> None:
        """Run no further step (the window is closing)."""
        self._steps.clear()
        self._timer.stop()


def importing(name: str) -> Callable[[], object]:
    """A step importing one module (or making Python's Qt namespace)."""
    if name == QT_NAMESPACE:
        return lambda: importlib.import_module("PySide6.QtCore").Qt
    return lambda: importlib.import_module(name)
