"""Without the X11 libraries Qt needs, `reviewer` says what to install instead of aborting."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.ui import platform_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")

NEEDED = b"libxcb-cursor.so.0\x00"
ABSENT = b"libxcb-cursoX.so.0\x00"  # same length: the ELF string table keeps its layout


def _real_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo

    plugin = (
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"
    )
    assert plugin.is_file(), plugin
    return plugin


def _qt_lib_dir() -> str:
    from PySide6.QtCore import QLibraryInfo

    return QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)


def _run_reviewer(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer", "--demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _x11_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["REVIEWER_DATA_DIR"] = str(tmp_path / "data")
    env["DISPLAY"] = ":97"  # never reached: the check runs before Qt connects
    return env


def test_an_unloadable_xcb_plugin_gives_one_line_naming_the_library_and_the_command(
    tmp_path: Path,
) -> None:
    # A copy of Qt's plugin that needs a library no machine has, found first on Qt's own
    # search path: what a desktop without libxcb-cursor0 looks like to Qt.
    data = _real_plugin().read_bytes()
    assert data.count(NEEDED) == 1
    broken = tmp_path / "platforms"
    broken.mkdir()
    (broken / "libqxcb.so").write_bytes(data.replace(NEEDED, ABSENT))
    env = _x11_env(tmp_path)
    env["QT_QPA_PLATFORM_PLUGIN_PATH"] = str(broken)
    # the copy left Qt's lib directory behind ($ORIGIN rpath): point the loader at it
    env["LD_LIBRARY_PATH"] = _qt_lib_dir()

    result = _run_reviewer(env)

    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reviewer: Qt cannot load its X11 platform plugin: missing ")
    assert "libxcb-cursoX.so.0" in lines[0]
    assert "sudo apt install " in lines[0] and "libxcb-cursor0" in lines[0]
    assert "qt.qpa" not in result.stderr and "Traceback" not in result.stderr


def test_without_a_display_it_says_so_in_one_line(tmp_path: Path) -> None:
    env = _x11_env(tmp_path)
    del env["DISPLAY"]

    result = _run_reviewer(env)

    assert result.returncode == 1, (result.returncode, result.stderr)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    # a machine without the X11 libraries is told that first
    assert "DISPLAY is not set" in result.stderr or "sudo apt install" in result.stderr


@pytest.mark.parametrize(
    ("env", "checked"),
    [
        ({}, True),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb:nograb;wayland"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"XDG_SESSION_TYPE": "wayland"}, True),
    ],
)
def test_only_the_x11_platform_is_checked(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], checked: bool
) -> None:
    for var in ("QT_QPA_PLATFORM", "XDG_SESSION_TYPE", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)

    assert (platform_check._wanted_platform() == "xcb") is checked


def test_the_plugin_is_looked_up_where_qt_looks_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert platform_check.xcb_plugin() == _real_plugin()
    (tmp_path / "platforms").mkdir()
    (tmp_path / "platforms" / "libqxcb.so").write_bytes(b"")
    monkeypatch.setenv("QT_PLUGIN_PATH", str(tmp_path))

    assert platform_check.xcb_plugin() == tmp_path / "platforms" / "libqxcb.so"


def test_the_readme_and_ci_install_the_packages_the_message_names() -> None:
    repo = Path(__file__).resolve().parents[2]
    readme = " ".join((repo / "README.md").read_text(encoding="utf-8").replace("\\\n", " ").split())
    ci_run = re.findall(r"[\w.+-]+", (repo / ".ci" / "run").read_text(encoding="utf-8"))
    packages = platform_check.DEBIAN_PACKAGES.split()

    assert f"sudo apt install {' '.join(packages)}" in readme
    assert set(packages) <= set(ci_run)
