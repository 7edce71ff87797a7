"""Case → Settings…: the dialog, applying thresholds and the title, and reopening the service
when the environment, base URL, client id or secret changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.review.preferences import SecretStore
from reviewer.ui.window_context import WindowContext

if TYPE_CHECKING:
    from reviewer.ui.case_view import CaseView
    from reviewer.ui.dialogs import SettingsDialog


class SettingsController:
    """Shows the settings dialog and applies what it saved."""

    def __init__(
        self,
        ctx: WindowContext,
        secrets: Callable[[], SecretStore],
        data_dir: Path | None,
        case_view: Callable[[], CaseView | None],
        demo: bool,
        after_save: Callable[[], None],
    ) -> None:
        self.ctx = ctx
        self._after_save = after_save  # the retention rule: a shorter one applies at once
        self._secrets = secrets  # the keyring is opened on first use (a quarter second)
        self.data_dir = data_dir
        self._case_view = case_view
        self.demo = demo

    def open(self) -> SettingsDialog:
        """Show the settings dialog (non-modal); applies on save."""
        from reviewer.ui.dialogs import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self._secrets(), self.data_dir, self.ctx.window)
        before = self._connection()
        dialog.accepted.connect(self.apply)
        dialog.accepted.connect(lambda: self._reopen_if_changed(before, dialog.secret.text()))
        dialog.accepted.connect(self._after_save)
        dialog.open()
        return dialog

    def _connection(self) -> tuple[object, ...]:
        s = self.ctx.settings
        return (s.environment, s.base_url, s.client_id)

    def _reopen_if_changed(self, before: tuple[object, ...], new_secret: str) -> None:
        """Environment, base URL, client id or secret changed: close the service, open anew."""
        if self._connection() == before and not new_secret:
            return
        self.ctx.session.reopen()

    def apply(self) -> None:
        """Risk bands and staleness in the queue and the case view; the reviewer in the title."""
        s = self.ctx.settings
        self.ctx.queue.model.set_thresholds(
            s.low_risk_threshold, s.high_risk_threshold, s.stale_after_hours
        )
        view = self._case_view()
        if view is not None:
            view.set_thresholds(s.low_risk_threshold, s.high_risk_threshold)
        svc = self.ctx.session.service
        if svc is not None:  # fetches are recorded under the reviewer's name
            svc.set_reviewer_name(s.reviewer_name)
        if s.reviewer_name:
            demo = " (demo)" if self.demo else ""
            self.ctx.window.setWindowTitle(f"Reviewer — {s.reviewer_name}{demo}")
