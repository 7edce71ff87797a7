"""The app's log file handler (imported when the log file opens, right after the first paint)."""

from __future__ import annotations

import logging.handlers
import os


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by their owner only (0600), the rotated ones too: they name cases
    and files even when redacted."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file created by an older version
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
