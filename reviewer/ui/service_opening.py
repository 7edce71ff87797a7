"""Opening the case store from the window: a locked cache, a lost key, the retention rule.

The store opens on the task runner. When it needs a passphrase (no OS keyring) the window asks
for it once and opens again; when the key is lost the reviewer is told so in words and may
start a fresh data directory (the old one is set aside, nothing deleted). Once open, the
retention rule runs, then once a day while the app runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

log = logging.getLogger(__name__)
DAY_MS = 24 * 3600 * 1000


class ServiceOpening(QObject):
    """The window's way of opening its service, with the unlock dialogs and retention."""

    retention_applied = Signal(list)  # labels of the cases the rule purged

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.passphrase_dialog: Any = None
        self.key_lost_dialog: Any = None
        self._daily = QTimer(self)
        self._daily.setInterval(DAY_MS)
        self._daily.timeout.connect(self.apply_retention)

    def open(self, opener: Callable[..., Any], passphrase: str | None = None) -> None:
        """Run the opener on the runner; the window attaches the service it returns."""

        def work(_h: Any) -> Any:
            return opener() if passphrase is None else opener(passphrase)

        self.window.runner.run(
            work,
            on_done=self._opened,
            on_error=lambda exc: self._failed(opener, exc),
            label="Opening the case store",
        )

    def _opened(self, service: Any) -> None:
        self.window.attach_service(service)
        self.apply_retention()
        self._daily.start()

    def _failed(self, opener: Callable[..., Any], exc: BaseException) -> None:
        from reviewer.review.unlocking import KeyUnavailable, PassphraseRequired

        if isinstance(exc, PassphraseRequired):
            self._ask_passphrase(opener, exc)
        elif isinstance(exc, KeyUnavailable):
            self._key_lost(opener, exc)
        else:
            self.window.show_error(f"The case store could not be opened: {exc}", "")

    def _ask_passphrase(self, opener: Callable[..., Any], exc: Any) -> None:
        from reviewer.ui.unlock_dialogs import PassphraseDialog

        dialog = PassphraseDialog(str(exc), new=exc.new, wrong=exc.wrong, parent=self.window)
        self.passphrase_dialog = dialog

        def done(result: int) -> None:
            self.passphrase_dialog = None
            if result == PassphraseDialog.DialogCode.Accepted:
                self.open(opener, dialog.passphrase.text())
            else:
                self.window.status.set_environment("locked")
                self.window.statusBar().showMessage(
                    "The case cache is locked: restart Reviewer to type the passphrase."
                )

        dialog.finished.connect(done)
        dialog.open()

    def _key_lost(self, opener: Callable[..., Any], exc: Any) -> None:
        from reviewer.ui.unlock_dialogs import KeyLostDialog

        dialog = KeyLostDialog(str(exc), parent=self.window)
        self.key_lost_dialog = dialog

        def clicked(button: Any) -> None:
            self.key_lost_dialog = None
            if button is dialog.fresh_button:
                self._start_fresh(opener, exc.data_dir)
            else:
                self.window.status.set_environment("locked")

        dialog.buttonClicked.connect(clicked)
        dialog.open()

    def _start_fresh(self, opener: Callable[..., Any], data_dir: Any) -> None:
        from reviewer.review.unlocking import set_aside_data_dir
        from reviewer.ui.single_instance import LOCK_FILE

        try:
            # the lock file stays: this window still holds the directory against a second one
            aside = set_aside_data_dir(data_dir, keep=(LOCK_FILE,))
        except OSError as exc:
            self.window.show_error(f"The old data directory could not be set aside: {exc}", "")
            return
        self.window.statusBar().showMessage(f"The old data directory is kept as {aside}", 20000)
        self.open(opener)

    def apply_retention(self) -> None:
        """Purge the cases the retention rule says are due (Settings: 'Purge cases')."""
        service = self.window.service
        days = self.window.settings.retention_days
        if service is None or not days:
            return

        def done(purged: list[str]) -> None:
            if purged:
                log.info("retention rule purged %d cases", len(purged))
                self.window.statusBar().showMessage(
                    f"Retention rule: purged {len(purged)} decided cases older than {days} days",
                    20000,
                )
                self.window.refresh_queue()
            self.retention_applied.emit(purged)

        self.window.runner.run(
            lambda _h: service.apply_retention(days), on_done=done, label="Retention rule"
        )
