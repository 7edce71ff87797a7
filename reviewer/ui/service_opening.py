"""Opening the case store from the window: a locked cache, a lost key, the retention rule.

The store opens on the task runner. When it needs a passphrase (no OS keyring) the window asks
for it once and opens again; when the key is lost the reviewer is told so in words and may
start a fresh data directory (the old one is set aside, nothing deleted). Once open, the
retention rule runs, then once a day while the app runs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton

from reviewer.ui.session import ServiceOpener
from reviewer.ui.tasks import TaskHandle
from reviewer.ui.window_context import WindowContext

if TYPE_CHECKING:
    from reviewer.review.facade import ReviewService
    from reviewer.review.unlocking import KeyUnavailable, PassphraseRequired
    from reviewer.ui.unlock_dialogs import KeyLostDialog, PassphraseDialog

log = logging.getLogger(__name__)
DAY_MS = 24 * 3600 * 1000


class ServiceOpening(QObject):
    """The window's way of opening its service, with the unlock dialogs and retention."""

    retention_applied = Signal(list)  # labels of the cases the rule purged

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self.passphrase_dialog: PassphraseDialog | None = None
        self.key_lost_dialog: KeyLostDialog | None = None
        self._daily = QTimer(self)
        self._daily.setInterval(DAY_MS)
        self._daily.timeout.connect(self.apply_retention)

    def open(self, opener: ServiceOpener, passphrase: str | None = None) -> None:
        """Run the opener on the runner; the session attaches the service it returns."""

        def work(_h: TaskHandle) -> ReviewService:
            return opener() if passphrase is None else opener(passphrase)

        self.ctx.runner.run(
            work,
            on_done=self._opened,
            on_error=lambda exc: self._failed(opener, exc),
            label="Opening the case store",
        )

    def _opened(self, service: ReviewService) -> None:
        self.ctx.session.attach(service)
        self.apply_retention()
        self._daily.start()

    def _failed(self, opener: ServiceOpener, exc: BaseException) -> None:
        from reviewer.review.unlocking import KeyUnavailable, PassphraseRequired

        if isinstance(exc, PassphraseRequired):
            self._ask_passphrase(opener, exc)
        elif isinstance(exc, KeyUnavailable):
            self._key_lost(opener, exc)
        else:
            self.ctx.show_error(f"The case store could not be opened: {exc}", "")

    def _ask_passphrase(self, opener: ServiceOpener, exc: PassphraseRequired) -> None:
        from reviewer.ui.unlock_dialogs import PassphraseDialog

        dialog = PassphraseDialog(str(exc), new=exc.new, wrong=exc.wrong, parent=self.ctx.window)
        self.passphrase_dialog = dialog

        def done(result: int) -> None:
            self.passphrase_dialog = None
            if result == PassphraseDialog.DialogCode.Accepted:
                self.open(opener, dialog.passphrase.text())
            else:
                self.ctx.status.set_environment("locked")
                self.ctx.say("The case cache is locked: restart Reviewer to type the passphrase.")

        dialog.finished.connect(done)
        dialog.open()

    def _key_lost(self, opener: ServiceOpener, exc: KeyUnavailable) -> None:
        from reviewer.ui.unlock_dialogs import KeyLostDialog

        dialog = KeyLostDialog(str(exc), parent=self.ctx.window)
        self.key_lost_dialog = dialog

        def clicked(button: QAbstractButton) -> None:
            self.key_lost_dialog = None
            if button is dialog.fresh_button:
                self._start_fresh(opener, exc.data_dir)
            else:
                self.ctx.status.set_environment("locked")

        dialog.buttonClicked.connect(clicked)
        dialog.open()

    def _start_fresh(self, opener: ServiceOpener, data_dir: Path) -> None:
        from reviewer.review.unlocking import set_aside_data_dir
        from reviewer.ui.single_instance import LOCK_FILE

        try:
            # the lock file stays: this window still holds the directory against a second one
            aside = set_aside_data_dir(data_dir, keep=(LOCK_FILE,))
        except OSError as exc:
            self.ctx.show_error(f"The old data directory could not be set aside: {exc}", "")
            return
        self.ctx.say(f"The old data directory is kept as {aside}", 20000)
        self.open(opener)

    def apply_retention(self) -> None:
        """Purge the cases the retention rule says are due (Settings: 'Purge cases')."""
        service = self.ctx.session.service
        days = self.ctx.settings.retention_days
        if service is None or not days:
            return

        def done(purged: list[str]) -> None:
            if purged:
                log.info("retention rule purged %d cases", len(purged))
                self.ctx.say(
                    f"Retention rule: purged {len(purged)} decided cases older than {days} days",
                    20000,
                )
                self.ctx.loader.refresh_queue()  # a bulk purge: the whole queue is read again
            self.retention_applied.emit(purged)

        self.ctx.runner.run(
            lambda _h: service.apply_retention(days), on_done=done, label="Retention rule"
        )
