"""Before Qt starts on Linux: can its X11 platform plugin load? If not, say what to install.

pip wheels of Qt bring Qt but not the X11 client libraries its `xcb` platform plugin links to
(libxcb-cursor, libxcb-icccm, libxkbcommon-x11 ...); many desktops lack a few of them. Qt's own
reaction is an abort with a core dump and a paragraph about plugins. This check loads the plugin
the way Qt will (the same search path) before the QApplication exists; when that fails it returns
one line naming the missing libraries and the install command. It costs a dlopen of libraries Qt
loads anyway, and an `ldd` run only when something is missing.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# Debian/Ubuntu packages of the libraries Qt's xcb plugin (and libQt6XcbQpa) link to, measured
# with `ldd` on the plugin PySide6 ships; the README's Quick start lists the same command.
DEBIAN_PACKAGES = (
    "libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 "
    "libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 "
    "libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1"
)
INSTALL_COMMAND = f"sudo apt install {DEBIAN_PACKAGES}"
_NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.M)
_DLOPEN_MISSING = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


def _wanted_platform() -> str | None:
    """The platform plugin Qt will try first, or None when it is not the X11 one."""
    requested = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        first = requested.split(";", 1)[0].split(":", 1)[0].strip()
        return first if first == "xcb" else None
    if os.environ.get("XDG_SESSION_TYPE") == "wayland" and os.environ.get("WAYLAND_DISPLAY"):
        return None  # Qt picks its Wayland plugin in a Wayland session
    return "xcb"


def _plugin_dirs() -> list[Path]:
    """Where Qt looks for platform plugins, in its order."""
    dirs: list[Path] = []
    if explicit := os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        dirs.append(Path(explicit))
    for entry in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep):
        if entry:
            dirs.append(Path(entry) / "platforms")
    from PySide6.QtCore import QLibraryInfo

    dirs.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms")
    return dirs


def xcb_plugin() -> Path | None:
    """The xcb platform plugin Qt would load, or None if there is none to check."""
    for directory in _plugin_dirs():
        candidate = directory / "libqxcb.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(plugin: Path, load_error: str) -> list[str]:
    """The shared libraries `plugin` needs that the dynamic loader cannot find."""
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            out = subprocess.run(
                [ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        names = list(dict.fromkeys(_NOT_FOUND.findall(out)))
        if names:
            return names
    return _DLOPEN_MISSING.findall(load_error)


def problem() -> str | None:
    """One line saying why Qt cannot open a window here and what to do, or None if it can."""
    if not sys.platform.startswith("linux") or _wanted_platform() != "xcb":
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None  # a build without the plugin: Qt reports that itself
    import ctypes  # here: the check runs before the first paint, on Linux with X11 only

    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        missing = missing_libraries(plugin, str(exc))
        what = ", ".join(missing) if missing else str(exc)
        return (
            f"reviewer: Qt cannot load its X11 platform plugin: missing {what}. "
            f"Install the X11 libraries once (Debian/Ubuntu): {INSTALL_COMMAND}"
        )
    if not os.environ.get("DISPLAY"):
        return (
            "reviewer: no X11 display to open the window on (DISPLAY is not set): "
            "run it from a desktop session, or use the command-line commands (reviewer --help)"
        )
    return None
