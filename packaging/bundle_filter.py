"""Trim the PyInstaller bundle to what Reviewer runs (imported by reviewer.spec).

PySide6's hooks collect every plugin of a module it imports: the Wayland client, EGL/KMS
device integrations, evdev input, the GTK3 theme (which drags in cairo, pango and GTK's
libraries), TLS backends. Reviewer is a widgets app on X11 or offscreen (Wayland sessions run
it through XWayland) that does TLS through Python's ssl, so those plugins are dropped, then
every shared library that no remaining extension or plugin needs is dropped with them.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# (destination path, source path, PyInstaller type code)
TocEntry = tuple[str, str, str]

QT_PLUGINS = "PySide6/Qt/plugins/"
_DROPPED_PLUGINS = [
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqminimalegl.so",
    "platforms/libqvkkhrdisplay.so",
    "platforms/libqvnc.so",
    "platforms/libqwayland*.so",
    "platformthemes/libqgtk3.so",
    "wayland-*/*",
    "egldeviceintegrations/*",
    "generic/*",
    "networkinformation/*",
    "tls/*",
    "imageformats/libqicns.so",
    "imageformats/libqtga.so",
    "imageformats/libqtiff.so",
    "imageformats/libqwbmp.so",
    "imageformats/libqwebp.so",
]
# The bootloader loads the Python library itself; nothing in the bundle links to it.
_ALWAYS_KEEP = ["libpython3*"]


def _posix(dest: str) -> str:
    return dest.replace("\\", "/")


def is_dropped_plugin(dest: str) -> bool:
    """True for a Qt plugin Reviewer does not load."""
    path = _posix(dest)
    if not path.startswith(QT_PLUGINS):
        return False
    rel = path[len(QT_PLUGINS) :]
    return any(fnmatch.fnmatch(rel, pattern) for pattern in _DROPPED_PLUGINS)


def _is_dependency_library(entry: TocEntry) -> bool:
    """A shared library collected because something links to it (not an extension or plugin)."""
    dest, _src, kind = entry
    return kind == "BINARY" and ".so" in dest and not _posix(dest).startswith(QT_PLUGINS)


def prune(
    binaries: Iterable[TocEntry],
    needed_libraries: Callable[[str], Iterable[str]],
) -> tuple[list[TocEntry], list[str]]:
    """Drop unused Qt plugins and the libraries only they needed (Linux only).

    `needed_libraries(source_path)` names the shared libraries a binary loads, transitively
    (PyInstaller's ldd-based `bindepend.get_imports` does). Returns the kept entries and the
    destinations removed, for the build log.
    """
    entries = list(binaries)
    if not sys.platform.startswith("linux"):
        return entries, []
    kept_plugins = [e for e in entries if not is_dropped_plugin(e[0])]
    roots = [e for e in kept_plugins if not _is_dependency_library(e)]
    reachable: set[str] = set()
    for _dest, src, _kind in roots:
        reachable.update(PurePosixPath(name).name for name in needed_libraries(src))
    kept: list[TocEntry] = []
    removed = [e[0] for e in entries if is_dropped_plugin(e[0])]
    for entry in kept_plugins:
        name = PurePosixPath(_posix(entry[0])).name
        if (
            not _is_dependency_library(entry)
            or name in reachable
            or any(fnmatch.fnmatch(name, keep) for keep in _ALWAYS_KEEP)
        ):
            kept.append(entry)
        else:
            removed.append(entry[0])
    return kept, removed
