"""The one platformdirs wrapper: where Reviewer keeps data, config, cache and logs.

Every directory is created with mode 0700 because it holds applicants' documents.
`--data-dir` / `REVIEWER_DATA_DIR` override the data directory; `--demo` uses a separate one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import platformdirs

APP_NAME = "reviewer"
DATA_DIR_ENV = "REVIEWER_DATA_DIR"
DATABASE_NAME = "reviewer.sqlite3"  # the case store's database, in the data directory


def has_database(directory: Path) -> bool:
    """Whether the data directory holds a (non-empty) case store database; cheap, for the app's
    start to tell a first demo run without importing the store."""
    try:
        return (directory / DATABASE_NAME).stat().st_size > 0
    except OSError:
        return False


def _platformdirs() -> platformdirs.PlatformDirs:
    # imported when a default directory is asked for: a command given --data-dir or
    # REVIEWER_DATA_DIR never needs it (its import is a few ms of every command line)
    import platformdirs

    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def _private_dir(path: Path) -> Path:
    """Create `path` readable by the owner only (0700); parents are made as usual.

    Only directories created here get that mode: an existing one (a shared directory given as
    `--data-dir`, a read-only mount) is never chmodded.
    """
    if path.is_dir():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:  # created meanwhile by another process: not ours either
        return path
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask
    return path


def data_dir(override: str | os.PathLike[str] | None = None, *, demo: bool = False) -> Path:
    """The data directory: explicit override, then REVIEWER_DATA_DIR, then platformdirs."""
    if override:
        base = Path(override)
    elif os.environ.get(DATA_DIR_ENV):
        base = Path(os.environ[DATA_DIR_ENV])
    else:
        base = Path(_platformdirs().user_data_dir)
    if demo and not override:
        base = base / "demo"
    return _private_dir(base.expanduser())


def config_dir() -> Path:
    """Per-user configuration (settings without secrets)."""
    return _private_dir(Path(_platformdirs().user_config_dir))


def cache_dir() -> Path:
    """Disposable cache (rendered pages, etc.)."""
    return _private_dir(Path(_platformdirs().user_cache_dir))


def log_dir() -> Path:
    """Rotating log files and faulthandler crash dumps."""
    return _private_dir(Path(_platformdirs().user_log_dir))
