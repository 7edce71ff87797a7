"""One instance per data directory: a lock file plus a local socket to raise the running window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

# QtNetwork is imported when the socket is needed: the app takes the lock before its first
# paint and starts listening right after it (importing QtNetwork costs ~10 ms of cold start).


LOCK_FILE = ".reviewer.lock"


def server_name(data_dir: Path) -> str:
    """A per-user, per-directory socket name (no path characters)."""
    # Qt's SHA-256 (the same digest as hashlib's): hashlib would load OpenSSL before the paint
    sha256 = QCryptographicHash.Algorithm.Sha256
    digest = bytes(QCryptographicHash.hash(str(data_dir.resolve()).encode(), sha256).toHex().data())
    return f"reviewer-{digest.decode()[:16]}"


class SingleInstance(QObject):
    """`acquire()` True for the first instance; later ones call `notify_running()` and exit."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    def acquire(self, *, listen: bool = True) -> bool:
        """Take the lock (and listen for later launches); False if another instance holds it."""
        if not self._lock.tryLock(100):
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Accept "raise your window" requests from later launches."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        QLocalServer.removeServer(self._name)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """Ask the running instance to raise its window; True if it answered."""
        from PySide6.QtNetwork import QLocalSocket

        sock = QLocalSocket()
        sock.connectToServer(self._name)
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(b"raise\n")
        sock.waitForBytesWritten(timeout_ms)
        sock.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            conn.disconnected.connect(conn.deleteLater)
            self.raise_requested.emit()

    def release(self) -> None:
        """Stop listening and unlock."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()
