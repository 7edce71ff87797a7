"""Logging for the app: a rotating file in the platform log directory, redacted, plus faulthandler.

The redaction filter runs on every record before it is written: registered secret values, Plaid
tokens (user/access/public/link), `secret=`-style key/value pairs, URL query strings (signed
download URLs carry credentials there) and SSN-like numbers are replaced by placeholders.

The app starts the crash log and holds its log records before the first paint
(`start_crash_log`), and opens the rotating file right after it (`setup_logging`, which writes
the held records first): `logging.handlers` costs ~13 ms of cold start.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
from pathlib import Path
from typing import IO, Any

from reviewer.review import preferences

LOG_FILE = "reviewer.log"
CRASH_FILE = "crash.log"

_TOKEN = re.compile(
    r"\b(?:user|access|public|link|processor|item)-(?:sandbox|development|production)-[A-Za-z0-9-]+"
)
_KEYED = re.compile(
    r"(?i)(\b(?:secret|client_secret|password|passwd|api_key|token|user_token|access_token|"
    r"public_token|authorization|plaid-secret)\b[\"']?\s*[:=]\s*[\"']?)(?:Bearer\s+)?[^\s\"',&}]+"
)
_URL_QUERY = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#\"'<>]*)\?[^\s#\"'<>]*")
_SSN = re.compile(r"(?<![\d-])\d{3}([- ]?)\d{2}\1\d{4}(?![\d-])")


class Redactor:
    """Replaces secrets and personal numbers in text; knows extra secret values at runtime."""

    def __init__(self) -> None:
        self._values: set[str] = set()

    def add_secret(self, value: str | None) -> None:
        """Also redact this literal value (a secret read from the keyring or environment)."""
        if value and len(value) >= 4:
            self._values.add(value)

    def redact(self, text: str) -> str:
        """The text with every sensitive part replaced by a `<...>` placeholder."""
        for value in sorted(self._values, key=len, reverse=True):
            text = text.replace(value, "<secret>")
        text = _TOKEN.sub("<token>", text)
        text = _KEYED.sub(lambda m: m.group(1) + "<redacted>", text)
        text = _URL_QUERY.sub(lambda m: m.group(1) + "?<redacted>", text)
        return _SSN.sub("<ssn>", text)


REDACTOR = Redactor()


class RedactingFilter(logging.Filter):
    """A handler filter that formats the message once and stores the redacted text."""

    def __init__(self, redactor: Redactor = REDACTOR) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact message, arguments and exception text in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = str(record.msg)
        record.msg = self.redactor.redact(message)
        record.args = None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redactor.redact(formatted)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = self.redactor.redact(record.stack_info)
        return True


_crash_file: IO[Any] | None = None


class HeldRecords(logging.Handler):
    """Keeps the records logged before the log file is open; `setup_logging` writes them."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record for the log file."""
        self.records.append(record)


def start_crash_log(log_dir: Path | None = None, level: int = logging.INFO) -> None:
    """Enable faulthandler into the crash log and hold log records until `setup_logging`."""
    global _crash_file
    root = logging.getLogger()
    if not any(isinstance(h, HeldRecords) or getattr(h, "_reviewer", False) for h in root.handlers):
        root.addHandler(HeldRecords())
        root.setLevel(min(root.level or level, level))
    if _crash_file is None:
        crash = (log_dir or preferences.log_dir()) / CRASH_FILE
        _crash_file = os.fdopen(
            os.open(crash, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "a", encoding="utf-8"
        )
        os.chmod(crash, 0o600)
        faulthandler.enable(_crash_file)


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path:
    """Attach the rotating, redacted file handler to the root logger (writing the records held
    since `start_crash_log` first); enable faulthandler."""
    from reviewer.ui.log_file import PrivateRotatingFileHandler

    directory = log_dir or preferences.log_dir()
    target = directory / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "_reviewer", False) for h in root.handlers):
        handler = PrivateRotatingFileHandler(
            target, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler._reviewer = True  # type: ignore[attr-defined]
        handler.addFilter(RedactingFilter())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
        )
        root.addHandler(handler)
        root.setLevel(min(root.level or level, level))
        for held in [h for h in root.handlers if isinstance(h, HeldRecords)]:
            root.removeHandler(held)
            for record in held.records:
                if record.levelno >= handler.level:
                    handler.handle(record)
    start_crash_log(directory, level)
    return target
