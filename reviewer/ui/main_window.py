"""The main window: case queue on the left, the case view on the right, status bar below.

The window never touches the network, the database or a document on the GUI thread: every call
into the `ReviewService` goes through the task runner and comes back as a callback.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer.settings import SecretStore, Settings
from reviewer.ui import icons
from reviewer.ui.checks_refresh import refresh_findings
from reviewer.ui.main_fetch import FetchMixin
from reviewer.ui.main_menus import build_actions, update_actions
from reviewer.ui.present.when import short_time
from reviewer.ui.queue_model import CASE_ID_ROLE, CaseQueueModel, CaseQueueProxy
from reviewer.ui.status import StatusWidgets
from reviewer.ui.tasks import TaskHandle, TaskRunner
from reviewer.ui.workspace import Workspace, focused_pane_search

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # imported when first needed: they are not needed for the first paint
    from reviewer.ui.case_view import CaseView
    from reviewer.ui.dialogs import SettingsDialog
    from reviewer.ui.page_view import DocumentRenderer


class MainWindow(FetchMixin, QMainWindow):
    """The reviewer's workspace. Call `attach_service()` (or `open_service()`) after showing it."""

    first_painted = Signal()  # start slow work after this: threads importing steal the GIL
    service_ready = Signal()
    service_closed = Signal()  # settings changed: the old service is gone, a new one opens

    # created by main_menus.build_actions
    new_case_action: QAction
    refresh_action: QAction
    search_action: QAction
    settings_action: QAction
    offline_action: QAction
    cancel_action: QAction
    quit_action: QAction
    case_menu: QMenu
    toolbar: QToolBar
    cases_loaded = Signal(int)
    case_shown = Signal(str)
    fetch_finished = Signal(object)  # FetchResult, or a list of them for the demo fetch
    fetch_cancelled = Signal()
    error_shown = Signal(str)

    def __init__(
        self,
        *,
        runner: TaskRunner,
        settings: Settings | None = None,
        secrets: SecretStore | None = None,
        renderer: DocumentRenderer | None = None,
        data_dir: Path | None = None,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.settings = settings or Settings()
        # keyring's backend discovery and the document worker cost a quarter second: made on use
        self._secrets = secrets
        self._renderer = renderer
        self._case_view: CaseView | None = None
        self.data_dir = data_dir
        self.demo = demo
        self.service: Any = None
        self._opener: Callable[..., Any] | None = None
        from reviewer.ui.service_opening import ServiceOpening

        self.opening = ServiceOpening(self)
        self.show_error_dialogs = True
        self._fetch_handle: TaskHandle | None = None
        self.setWindowTitle("Reviewer" + (" — demo" if demo else ""))
        self.setWindowIcon(icons.icon("app"))

        self.queue_model = CaseQueueModel(self)
        self.queue_proxy = CaseQueueProxy(self)
        self.queue_proxy.setSourceModel(self.queue_model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search cases (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.queue_proxy.setFilterFixedString)
        self.queue = QTableView()
        self.queue.setModel(self.queue_proxy)
        self.queue.setMinimumWidth(290)  # label, applicant and risk always readable
        self.queue.setSortingEnabled(True)
        self.queue.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().hide()
        self.queue.setWordWrap(False)  # the Fetched column wrapped onto a clipped second line
        self.queue.horizontalHeader().setStretchLastSection(True)
        self.queue.selectionModel().currentRowChanged.connect(self._on_queue_row)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 0, 4)
        ll.addWidget(self.search)
        ll.addWidget(self.queue)

        # the case view (documents, forms, charts) is built right after the first paint
        self._splitter = QSplitter()
        self._splitter.addWidget(left)
        self._placeholder = QWidget()
        self._placeholder.installEventFilter(self)
        self._splitter.addWidget(self._placeholder)
        self._splitter.setStretchFactor(1, 3)
        self._splitter.setSizes([380, 1220])
        self.setCentralWidget(self._splitter)

        self.status = StatusWidgets(self.statusBar(), self)
        self.status.set_environment("LOCAL SANDBOX (demo)" if demo else "…")
        self.status.set_online(False, "starting")
        self.status.cancel.clicked.connect(self.cancel_fetch)
        runner.busy_changed.connect(self.status.set_busy)
        runner.progress.connect(lambda _label, p: self.status.show_progress(p))
        runner.unexpected_error.connect(self.show_error)
        build_actions(self)
        self.workspace = Workspace(self)  # fits the screen, queue strip (F9), saved layout
        self.toolbar.addAction(self.workspace.queue_action)
        self.workspace.restore()
        self._update_actions()
        self._apply_settings()
        # the Decision and Actions menus (reviewer.ui.actions) cost ~70 ms to build: they are
        # added right after the first paint, or when the service is ready, whichever comes first
        self._extras_installed = False
        self._layout_saved = False

    def _install_extra_actions(self) -> None:
        if self._extras_installed:
            return
        self._extras_installed = True
        try:
            actions = importlib.import_module("reviewer.ui.actions")
        except ImportError:
            return
        install = getattr(actions, "install", None)
        if callable(install):  # the package may exist before its hook does
            install(self)

    @property
    def secrets(self) -> SecretStore:
        """The secret store (keyring), opened on first use."""
        if self._secrets is None:
            self._secrets = SecretStore()
        return self._secrets

    @property
    def renderer(self) -> DocumentRenderer:
        """The page renderer (a documents worker), started on first use."""
        if self._renderer is None:
            from reviewer.ui.page_view import DocumentRenderer

            self._renderer = DocumentRenderer()
        return self._renderer

    @property
    def case_view(self) -> CaseView:
        """The case tabs; built after the first paint, or earlier if something asks for them."""
        if self._case_view is None:
            from reviewer.ui.case_view import CaseView

            view = CaseView(self.runner, self.renderer, self._document_path)
            view.set_thresholds(self.settings.low_risk_threshold, self.settings.high_risk_threshold)
            self._case_view = view
            self._splitter.replaceWidget(1, view)
            self._placeholder.deleteLater()
            self.workspace.restore_splitters()
            view.currentChanged.connect(
                lambda i: (
                    self.workspace.case_opened_for_reading()
                    if view.widget(i) is view.documents
                    else None
                )
            )
        return self._case_view

    def has_case(self) -> bool:
        """A case is shown in the case view."""
        return self._case_view is not None and self._case_view.snapshot is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """First paint of the placeholder: build the case view on the next loop turn."""
        if watched is self._placeholder and event.type() == QEvent.Type.Paint:
            self._placeholder.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self.case_view)
            QTimer.singleShot(0, self._install_extra_actions)
            QTimer.singleShot(0, self.first_painted.emit)
        return super().eventFilter(watched, event)

    def show_tab(self, index: int) -> None:
        """Alt+1…: switch the case view's tab."""
        self.case_view.setCurrentIndex(index)

    def focus_search(self) -> None:
        """Ctrl+F: the focused pane's search (document, transactions), else the queue's."""
        focused_pane_search(self)

    def select_top_case(self) -> None:
        """Select the first case in queue order (the riskiest, as the queue is sorted)."""
        index = self.queue_proxy.index(0, 0)
        if index.isValid():
            self.queue.setCurrentIndex(index)

    def _update_actions(self) -> None:
        update_actions(self)

    # -- service lifecycle ----------------------------------------------------------------

    def open_service(self, opener: Callable[..., Any]) -> None:
        """Open the service off the GUI thread (imports and the store are slow on a cold start).

        The opener is kept: a settings change of environment or credentials calls it again.
        """
        self._opener = opener
        self.opening.open(opener)

    def attach_service(self, service: Any) -> None:
        """Use this service; fill the queue from the cache, then fetch demo cases if missing."""
        self.service = service
        service.reviewer_name = self.settings.reviewer_name  # named in the fetch audit entries
        if self.offline_action.isChecked():  # "Work offline" is kept between runs
            service.set_offline(True)
        self.status.set_environment(service.environment_label)
        self._install_extra_actions()
        self._update_actions()
        self.service_ready.emit()
        self.refresh_queue(then=self._maybe_fetch_demo)

    def _maybe_fetch_demo(self) -> None:
        if not self.demo or self.service is None:
            return
        svc = self.service
        self.runner.run(
            lambda _h: svc.demo_cases_missing(),
            on_done=lambda missing: self.fetch_demo() if missing else None,
        )

    def refresh_queue(
        self, then: Callable[[], Any] | None = None, select: str | None = None
    ) -> None:
        """Reload the queue from the cache (keeps the selection)."""
        svc = self.service
        if svc is None:
            return
        keep = select or self.current_case_id()

        def done(cases: list[Any]) -> None:
            self.queue_model.set_cases(cases)
            self.queue.resizeColumnsToContents()
            newest = max((c.fetched_at for c in cases if c.fetched_at), default=None)
            self.status.set_last_sync(short_time(newest) if newest else "never")
            if keep:
                self.select_case(keep)
            self.cases_loaded.emit(len(cases))
            if then is not None:
                then()

        self.runner.run(
            lambda _h: svc.list_cases(), on_done=done, key="list-cases", label="Loading cases"
        )

    # -- queue and case view --------------------------------------------------------------

    def current_case_id(self) -> str | None:
        """The case selected in the queue."""
        idx = self.queue.selectionModel().currentIndex()
        value = idx.data(CASE_ID_ROLE) if idx.isValid() else None
        return value if isinstance(value, str) else None

    def select_case(self, case_id: str) -> bool:
        """Select a case in the queue (this loads it into the case view)."""
        row = self.queue_model.row_of(case_id)
        if row < 0:
            return False
        proxy_index = self.queue_proxy.mapFromSource(self.queue_model.index(row, 0))
        if not proxy_index.isValid():
            return False
        if self.current_case_id() == case_id and self.has_case():
            return True
        self.queue.setCurrentIndex(proxy_index)
        return True

    def _on_queue_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        if isinstance(case_id, str):
            self.load_case(case_id)

    def load_case(self, case_id: str) -> None:
        """Read a case from the cache (works offline) and show it."""
        svc = self.service
        if svc is None:
            return

        def done(snapshot: Any) -> None:
            self.case_view.set_snapshot(snapshot)
            if self.case_view.currentWidget() is self.case_view.documents:
                self.workspace.case_opened_for_reading()  # on a laptop the page needs the room
            self._update_actions()
            self.case_shown.emit(case_id)
            refresh_findings(self, case_id, snapshot)  # in the background, if outdated

        self.runner.run(
            lambda _h: svc.load_case(case_id), on_done=done, key="load-case", label="Opening case"
        )

    def _document_path(self, doc: Any) -> Path | None:
        return self.service.document_path(doc) if self.service is not None else None

    # -- offline, settings, errors, shutdown ----------------------------------------------

    def set_offline(self, offline: bool) -> None:
        """Forced offline mode: cached cases stay readable, Plaid actions are disabled."""
        self.offline_action.setChecked(offline)
        if self.service is not None:
            self.service.set_offline(offline)
        self._update_actions()

    def open_settings(self) -> SettingsDialog:
        """Show the settings dialog (non-modal so tests can drive it); applies on save."""
        from reviewer.ui.dialogs import SettingsDialog

        dialog = SettingsDialog(self.settings, self.secrets, self.data_dir, self)
        before = self._connection_settings()
        dialog.accepted.connect(self._apply_settings)
        dialog.accepted.connect(lambda: self._reopen_if_changed(before, dialog.secret.text()))
        dialog.accepted.connect(self.opening.apply_retention)  # a shorter rule applies at once
        dialog.open()
        return dialog

    def _connection_settings(self) -> tuple[object, ...]:
        s = self.settings
        return (s.environment, s.base_url, s.client_id)

    def _reopen_if_changed(self, before: tuple[object, ...], new_secret: str) -> None:
        """Environment, base URL, client id or secret changed: close the service, open anew."""
        if self._connection_settings() == before and not new_secret:
            return
        self.reopen_service()

    def reopen_service(self) -> None:
        """Close the current service (and its Plaid client) and open a new one with the opener."""
        if self._opener is None:
            return
        self.cancel_fetch()
        old, self.service = self.service, None
        if self._case_view is not None:
            self._case_view.set_snapshot(None)
        self.status.set_environment("…")
        self._update_actions()
        self.service_closed.emit()
        opener = self._opener

        def work(_h: TaskHandle) -> Any:
            if old is not None:
                old.close()
            return opener()

        self.runner.run(work, on_done=self.attach_service, label="Reopening with new settings")

    def _apply_settings(self) -> None:
        s = self.settings
        self.queue_model.set_thresholds(
            s.low_risk_threshold, s.high_risk_threshold, s.stale_after_hours
        )
        if self._case_view is not None:
            self._case_view.set_thresholds(s.low_risk_threshold, s.high_risk_threshold)
        if self.service is not None:
            self.service.reviewer_name = s.reviewer_name
        if s.reviewer_name:
            self.setWindowTitle(f"Reviewer — {s.reviewer_name}" + (" (demo)" if self.demo else ""))

    def show_error(self, summary: str, details: str) -> None:
        """An unexpected error in a task: tell the reviewer, keep going."""
        self.error_shown.emit(summary)
        self.statusBar().showMessage(f"Error: {summary}"[:200], 10000)
        if self.show_error_dialogs:
            from reviewer.ui.dialogs import ErrorDialog

            ErrorDialog(summary, details, self).open()

    def bring_to_front(self) -> None:
        """Another launch asked for this window."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop tasks, the documents worker and the service before the window goes."""
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Idempotent teardown (also called by tests)."""
        if not self._layout_saved:
            self._layout_saved = True
            self.workspace.save()
        decisions = getattr(self, "decision_actions", None)
        if decisions is not None:
            try:
                decisions.commit_pending_now()  # a decision in its undo window is not lost
            except Exception:
                log.exception("could not save the pending decision at quit")
        self.runner.shutdown()
        if decisions is not None:
            try:  # a save task the runner dropped at shutdown is written here instead
                decisions.write_in_flight_now()
            except Exception:
                log.exception("could not save a decision at quit")
        if self._renderer is not None:
            self._renderer.close()
        if self.service is not None:
            svc, self.service = self.service, None
            svc.close()
