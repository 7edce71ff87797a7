"""The main window: case queue on the left, the case view on the right, status bar below.

The window composes its parts and gives each controller an explicit `WindowContext`: the
`ServiceSession` (the current `ReviewService`), the `CaseQueue`, the `CaseLoader`, the task
runner and the status bar. It never touches the network, the database or a document on the GUI
thread: every call into the service goes through the task runner and comes back as a callback.
After an operation, the session announces its `OpChanges` and only what changed is read again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from reviewer.review.preferences import SecretStore, Settings
from reviewer.ui import icons, interpreter
from reviewer.ui.after_paint import AFTER_PAINT_IMPORTS, StepByStep, importing
from reviewer.ui.case_loader import CaseLoader
from reviewer.ui.case_queue import CaseQueue
from reviewer.ui.fetch_controller import FetchController
from reviewer.ui.first_page import AfterFirstPage
from reviewer.ui.main_menus import WindowSlots, build_window_actions
from reviewer.ui.service_opening import ServiceOpening
from reviewer.ui.session import ServiceOpener, ServiceSession
from reviewer.ui.settings_controller import SettingsController
from reviewer.ui.shortcut_keys import WindowShortcutsFirst
from reviewer.ui.status import StatusWidgets
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.window_context import WindowContext
from reviewer.ui.workspace import Workspace

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # imported when first needed: they are not needed for the first paint
    from reviewer.review.case_model import CaseSnapshot, DocumentRecord
    from reviewer.review.facade import ReviewService
    from reviewer.ui.actions import CaseMenus
    from reviewer.ui.case_view import CaseView
    from reviewer.ui.dialogs import SettingsDialog
    from reviewer.ui.page_view import DocumentRenderer


class MainWindow(QMainWindow):
    """The reviewer's workspace. Call `open_service()` after showing it."""

    first_frame_shown = Signal()  # the first frame is on screen; the rest is being built
    first_painted = Signal()  # and built: start slow work after this (threads importing steal
    # the GIL the window needs)
    service_ready = Signal()
    service_closed = Signal()  # settings changed: the old service is gone, a new one opens
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
        interpreter.share_gil_with_window()
        interpreter.skip_pyside_source_scan()
        self.runner = runner
        self.settings = settings or Settings()
        # keyring's backend discovery and the document worker cost a quarter second: made on use
        self._secrets = secrets
        self._renderer = renderer
        self._case_view: CaseView | None = None
        self.data_dir = data_dir
        self.demo = demo
        self.show_error_dialogs = True
        self.setWindowTitle("Reviewer" + (" — demo" if demo else ""))
        self.setWindowIcon(icons.icon("app"))

        self.session = ServiceSession(runner, self)
        self.queue = CaseQueue()
        # the case view (documents, forms, charts) is built right after the first paint
        self._splitter = QSplitter()
        self._splitter.addWidget(self.queue)
        self._placeholder = QWidget()
        self._placeholder.installEventFilter(self)
        self._splitter.addWidget(self._placeholder)
        self._splitter.setStretchFactor(1, 3)
        self._splitter.setSizes([380, 1220])
        self.setCentralWidget(self._splitter)

        self.status = StatusWidgets(self.statusBar(), self)
        self.status.set_environment("LOCAL SANDBOX (demo)" if demo else "…")
        self.status.set_online(False, "starting")
        self.loader = CaseLoader(
            runner, self.session, self.queue, self.status, self._show_snapshot, self._shown_case
        )
        self.context = WindowContext(
            window=self,
            runner=runner,
            settings=self.settings,
            session=self.session,
            queue=self.queue,
            loader=self.loader,
            status=self.status,
            show_error=self.show_error,
            settings_changed=lambda: self.settings_controller.apply(),
        )
        # a case's stale findings are rechecked once its flagged page is painted
        self.after_first_page = AfterFirstPage(
            lambda: self._case_view.documents if self._case_view is not None else None, self
        )
        self.loader.after_first_page = self.after_first_page.run
        self.fetch = FetchController(self.context)
        # a locked cache asks for its passphrase; the retention rule runs once open
        self.opening = ServiceOpening(self.context)
        self.settings_controller = SettingsController(
            self.context,
            lambda: self.secrets,
            data_dir,
            lambda: self._case_view,
            demo,
            self.opening.apply_retention,
        )
        self.window_actions = build_window_actions(
            self,
            self.fetch,
            WindowSlots(self._find, self.open_settings, self.set_offline, self.show_tab),
        )
        # fits the screen, the queue strip (F9), the layout saved per screen
        self.workspace = Workspace(
            self,
            self._splitter,
            self.queue,
            self.settings,
            self.window_actions.offline,
            self.window_actions.view_menu,
            lambda: self._case_view,
        )
        self.window_actions.toolbar.addAction(self.workspace.queue_action)
        # Ctrl+E in the queue's search box exports (Qt's X11 emacs keys claimed it)
        self.shortcut_keys = WindowShortcutsFirst(self)
        self.workspace.restore()
        self._layout_saved = False
        self._shut_down = False
        self._shown_once = False
        self._after_paint: StepByStep | None = None  # the steps after the first paint
        # the Decision and Actions menus' entries cost ~70 ms of imports: they are made right
        # after the first paint, when the service is ready, or when one of them opens, whichever
        # comes first (their titles are in the menu bar from the first frame)
        self.case_menus: CaseMenus | None = None
        for reserved in (self.window_actions.decision_menu, self.window_actions.actions_menu):
            reserved.aboutToShow.connect(self._install_case_menus)

        runner.busy_changed.connect(self.status.set_busy)
        runner.progress.connect(lambda label, p: self.status.show_progress(p, label))
        runner.unexpected_error.connect(self.show_error)
        self.session.ready.connect(self._on_service_ready)
        self.session.closed.connect(self._on_service_closed)
        self.session.changed.connect(lambda _changes: self._update_actions())
        self.loader.case_shown.connect(lambda _id: self._update_actions())
        for source, target in (
            (self.session.ready, self.service_ready),
            (self.session.closed, self.service_closed),
            (self.loader.cases_loaded, self.cases_loaded),
            (self.loader.case_shown, self.case_shown),
            (self.fetch.finished, self.fetch_finished),
            (self.fetch.cancelled, self.fetch_cancelled),
        ):
            source.connect(target)
        self._update_actions()
        self.settings_controller.apply()

    def _install_case_menus(self) -> None:
        if self.case_menus is not None:
            return
        from reviewer.ui.actions import build_case_menus

        actions = self.window_actions
        self.case_menus = build_case_menus(
            self.context, actions.toolbar, actions.decision_menu, actions.actions_menu
        )
        self.case_menus.update_enabled()

    @property
    def service(self) -> ReviewService | None:
        """The service the window works with (None while it opens)."""
        return self.session.service

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

    def case_view_built(self) -> bool:
        """The case view exists (it is built right after the first paint, or when asked for)."""
        return self._case_view is not None

    def has_case(self) -> bool:
        """A case is shown in the case view."""
        return self._shown_case() is not None

    def _shown_case(self) -> str | None:
        view = self._case_view
        return view.snapshot.case.id if view is not None and view.snapshot is not None else None

    def _show_snapshot(self, snapshot: CaseSnapshot | None) -> None:
        if snapshot is None and self._case_view is None:
            return
        view = self.case_view
        view.set_snapshot(snapshot)
        if snapshot is not None and view.currentWidget() is view.documents:
            self.workspace.case_opened_for_reading()  # on a laptop the page needs the room

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """First paint of the placeholder: build the rest, a small step per loop turn."""
        if watched is self._placeholder and event.type() == QEvent.Type.Paint:
            self._placeholder.removeEventFilter(self)
            # the case view's and case menus' imports one module a turn (clicks and keys are
            # handled between them), then the view, the menus, header sorting; then the slow
            # work the app starts on first_painted (the service opens on a thread)
            self._after_paint = StepByStep(
                [
                    self.first_frame_shown.emit,
                    *(importing(name) for name in AFTER_PAINT_IMPORTS),
                    lambda: self.case_view,
                    self._install_case_menus,
                    self.queue.enable_sorting,
                    # the documents worker (and its PyMuPDF import) starts while the reviewer
                    # reads the queue: the first document opened finds it ready. Not before
                    # these steps: its thread's imports held the GIL and the modules' import
                    # locks they needed (one step took 2.5 s instead of 0.05 s)
                    self._start_renderer,
                    interpreter.freeze_startup_heap,  # the window's modules are all in
                    self.first_painted.emit,
                ],
                self,
            )
        return super().eventFilter(watched, event)

    def _start_renderer(self) -> None:
        if not self._shut_down:
            self.renderer.start_soon()

    def _find(self) -> None:
        """Ctrl+F: the focused pane's search (document, transactions), else the queue's."""
        self.workspace.focus_search()

    def show_tab(self, index: int) -> None:
        """Alt+1…: switch the case view's tab."""
        self.case_view.setCurrentIndex(index)

    def _update_actions(self) -> None:
        """Enable what can work now; disabled actions say why in their tooltip."""
        online, reason = self.session.online_state()
        self.fetch.update_enabled(self.has_case())
        self.status.set_online(online, reason)
        if self.case_menus is not None:
            self.case_menus.update_enabled()

    # -- service lifecycle ----------------------------------------------------------------

    def open_service(self, opener: ServiceOpener) -> None:
        """Open the service off the GUI thread (imports and the store are slow on a cold start).

        The opener is kept: a settings change of environment or credentials calls it again.
        """
        self.session.remember(opener)
        self.opening.open(opener)

    def _on_service_ready(self) -> None:
        """Fill the queue from the cache, then fetch the demo cases if some are missing."""
        svc = self.session.service
        if svc is None:
            return
        svc.set_reviewer_name(self.settings.reviewer_name)  # named in the fetch audit entries
        if self.window_actions.offline.isChecked():  # "Work offline" is kept between runs
            svc.set_offline(True)
        self.status.set_environment(svc.environment_label)
        self._install_case_menus()
        self.queue.enable_sorting()
        self._update_actions()
        self.loader.refresh_queue(then=self._after_queue_filled)

    def _after_queue_filled(self) -> None:
        # startup is over: what it built lives as long as the window (see interpreter.py)
        interpreter.freeze_startup_heap()
        svc = self.session.service
        if not self.demo or svc is None:
            return
        self.runner.run(
            lambda _h: svc.demo_cases_missing(),
            on_done=lambda missing: self.fetch.fetch_demo() if missing else None,
        )

    def _on_service_closed(self) -> None:
        if self._case_view is not None:
            self._case_view.set_snapshot(None)
        self.status.set_environment("…")
        self._update_actions()

    def _document_path(self, doc: DocumentRecord) -> Path | None:
        svc = self.session.service
        return svc.document_path(doc) if svc is not None else None

    # -- offline, settings, errors, shutdown ----------------------------------------------

    def open_settings(self) -> SettingsDialog:
        """Case → Settings… (non-modal); applies on save."""
        return self.settings_controller.open()

    def set_offline(self, offline: bool) -> None:
        """Forced offline mode: cached cases stay readable, Plaid actions are disabled."""
        self.window_actions.offline.setChecked(offline)
        if self.session.service is not None:
            self.session.service.set_offline(offline)
        self._update_actions()

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

    def showEvent(self, event: QShowEvent) -> None:
        """The saved splitter sizes again, now that the window has its size: restored while it
        had none, the queue came out ~45 px narrower in the first frame and widened once the
        case view arrived (the splitter spread the window's growth by its stretch factors)."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.workspace.restore_splitters()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop tasks, the documents worker and the service before the window goes."""
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Idempotent teardown (also called by tests)."""
        self._shut_down = True
        if self._after_paint is not None:
            self._after_paint.stop()
        if not self._layout_saved:
            self._layout_saved = True
            self.workspace.save()
        decisions = self.case_menus.decisions if self.case_menus is not None else None
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
        self.session.close()
        interpreter.thaw_heap()
