"""The installer a reviewer gets: build the Linux bundle and .deb once, then smoke-test them.

Runs the frozen app the way a workstation would: no virtualenv, PYTHONNOUSERSITE=1, an empty
PYTHONPATH, a fresh HOME and XDG directories; offscreen and on a real X server (xvfb-run with
QT_QPA_PLATFORM=xcb, which is what catches a missing X library); from the build's dist folder
and from the .deb unpacked with `dpkg -x`.

Needs: dpkg-deb and dpkg-shlibdeps (dpkg-dev), xvfb-run and xauth (xvfb, xauth),
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 (Qt's xcb plugin), lintian for the lintian test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "packaging" / "build.py"
_VERSION_LINE = re.compile(r'^__version__\s*=\s*"([^"]+)"', re.MULTILINE)
VERSION = _VERSION_LINE.findall((REPO / "reviewer" / "__init__.py").read_text())[0]
RUN_TIMEOUT_S = 180


def _require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install dpkg-dev xvfb xauth lintian)")


def _xcb_plugin_libraries_missing() -> list[str]:
    names = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    found = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    return [name for name in names if name not in found]


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run packaging/build.py once (gzip .deb: seconds instead of xz's minute and a half; zstd upsets lintian)."""
    _require("dpkg-deb", "dpkg-shlibdeps")
    out = tmp_path_factory.mktemp("packaging")
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            str(BUILD_SCRIPT),
            "--dist-dir",
            str(out / "dist"),
            "--work-dir",
            str(out / "work"),
            "--deb-compression",
            "gzip",
            "--no-lintian",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    summary: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    summary["build_wall_s"] = round(time.monotonic() - started, 1)
    print(f"\npackaging build: {json.dumps(summary)}")
    return summary


@pytest.fixture(scope="session")
def bundle(build: dict[str, Any]) -> Path:
    return Path(build["bundle"])


@pytest.fixture(scope="session")
def deb(build: dict[str, Any]) -> Path:
    return Path(build["deb"])


@pytest.fixture(scope="session")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb unpacked into a temporary root, as dpkg would install it."""
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    return root


def _workstation_env(home: Path, platform: str) -> dict[str, str]:
    """A reviewer's session: no developer Python paths, no project variables, fresh home."""
    venv_bin = str(REPO / ".venv" / "bin")
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep) if p != venv_bin
    )
    env = {
        "PATH": path,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "PYTHONNOUSERSITE": "1",
        "PYTHONPATH": "",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": platform,
        # no keyring backend in this bare session: the data key is wrapped by a passphrase,
        # which scripts pass as REVIEWER_PASSPHRASE (the documented way)
        "REVIEWER_PASSPHRASE": "workstation passphrase for the bundle test",
    }
    (home / "runtime").mkdir(parents=True, mode=0o700)
    return env


def _run(
    program: Path, args: list[str], home: Path, platform: str = "offscreen"
) -> subprocess.CompletedProcess[str]:
    command = [str(program), *args]
    if platform == "xcb":
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", *command]
    return subprocess.run(
        command,
        env=_workstation_env(home, platform),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )


def _programs(bundle: Path, installed: Path) -> dict[str, Path]:
    return {"dist": bundle / "reviewer", "deb": installed / "opt" / "reviewer" / "reviewer"}


@pytest.mark.parametrize("source", ["dist", "deb"])
def test_frozen_version_matches_the_project(
    source: str, bundle: Path, installed: Path, tmp_path: Path
) -> None:
    result = _run(_programs(bundle, installed)[source], ["--version"], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"reviewer {VERSION}"


@pytest.mark.parametrize("source", ["dist", "deb"])
def test_frozen_bundle_has_keyring_backends_tls_and_libraries(
    source: str, bundle: Path, installed: Path, tmp_path: Path
) -> None:
    result = _run(_programs(bundle, installed)[source], ["--bundle-check"], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["frozen"] is True
    # keyring's own entry points survived freezing and their modules import
    entry_points = report["keyring"]["entry_points"]
    assert entry_points.get("SecretService") == "ok", entry_points
    assert entry_points.get("chainer") == "ok", entry_points
    assert report["keyring"]["selected"]
    assert report["tls"]["ca_certs"] > 100
    assert Path(report["tls"]["certifi"]).is_relative_to(
        _programs(bundle, installed)[source].parent
    )
    assert report["libraries"]["qt"].startswith("6.")
    assert report["libraries"]["mupdf"]
    assert all(report["left_out"].values()), report["left_out"]  # development-only packages


@pytest.mark.parametrize("platform", ["offscreen", "xcb"])
@pytest.mark.parametrize("source", ["dist", "deb"])
def test_frozen_self_test_opens_the_demo_and_renders_a_flagged_page(
    source: str, platform: str, bundle: Path, installed: Path, tmp_path: Path
) -> None:
    if platform == "xcb":
        _require("xvfb-run", "xauth")
        missing = _xcb_plugin_libraries_missing()
        if missing:
            pytest.skip(f"Qt's xcb plugin needs {missing} (apt-get install libxcb-cursor0 ...)")
    home = tmp_path / "home"
    cases = tmp_path / "cases"
    started = time.monotonic()
    result = _run(
        _programs(bundle, installed)[source],
        ["--demo", "--self-test", "--data-dir", str(cases)],
        home,
        platform,
    )
    elapsed = time.monotonic() - started
    print(f"\nfrozen self-test ({source}, {platform}): {elapsed:.1f} s")
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    # the fetched demo case (database and documents) was stored by the frozen app
    stored = [p for p in cases.rglob("*") if p.is_file() and p.stat().st_size > 0]
    assert len(stored) >= 2, f"the self-test stored too little: {stored}"


def test_frozen_app_keeps_cases_where_platformdirs_says(
    bundle: Path, installed: Path, tmp_path: Path
) -> None:
    """Data lives in the user's XDG data directory, so upgrades and removal leave it alone."""
    home = tmp_path / "home"
    result = _run(_programs(bundle, installed)["deb"], ["cases", "--json"], home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    data_dir = home / ".local" / "share" / "reviewer"
    # the store is looked for in the XDG data directory, made private; a read-only command
    # stores nothing there
    assert data_dir.is_dir(), "the data directory is not where platformdirs says"
    assert not any(p.is_file() for p in data_dir.rglob("*")), "'cases' stored something"
    assert data_dir.stat().st_mode & 0o077 == 0, "the data directory is readable by others"


def test_deb_installs_launcher_desktop_entry_and_icon(installed: Path) -> None:
    launcher = installed / "usr" / "bin" / "reviewer"
    assert os.access(launcher, os.X_OK)
    assert "exec /opt/reviewer/reviewer" in launcher.read_text()
    desktop = installed / "usr" / "share" / "applications" / "reviewer.desktop"
    entries = dict(line.split("=", 1) for line in desktop.read_text().splitlines() if "=" in line)
    assert entries["Exec"].split()[0] == "reviewer"
    assert entries["Icon"] == "reviewer"
    icon = installed / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "reviewer.svg"
    assert icon.is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert check.returncode == 0, check.stdout


def test_deb_depends_cover_qt_xcb_and_removal_keeps_user_data(deb: Path, tmp_path: Path) -> None:
    depends = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    packages = {d.strip().split(" ")[0] for d in depends.split(",")}
    assert {"libc6", "libxcb-cursor0"} <= packages
    assert (
        subprocess.run(
            ["dpkg-deb", "-f", str(deb), "Package"], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "reviewer"
    )
    # no maintainer scripts at all, so removing or purging cannot touch home directories
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    assert not {"preinst", "postinst", "prerm", "postrm"} & {p.name for p in control.iterdir()}


def test_deb_is_reproducible(
    build: dict[str, Any], bundle: Path, deb: Path, tmp_path: Path
) -> None:
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import build_deb
    finally:
        sys.path.remove(str(REPO / "packaging"))
    again = build_deb.build(
        bundle, tmp_path / "out", tmp_path / "work", VERSION, build["source_date_epoch"], "gzip"
    )
    assert again.read_bytes() == deb.read_bytes()


def test_bundle_carries_the_licences_of_what_it_ships(bundle: Path) -> None:
    licenses = bundle / "licenses"
    index = (licenses / "INDEX.txt").read_text()
    for name in (
        "PySide6_Essentials",
        "shiboken6",
        "pymupdf-lite",
        "httpx",
        "pydantic",
        "keyring",
        "platformdirs",
        "stamina",
        "Python",
    ):
        assert name.lower() in index.lower(), f"{name} missing from licenses/INDEX.txt"
    assert "AFFERO GPL" in (licenses / "pymupdf-lite" / "COPYING").read_text()
    agpl = (licenses / "pymupdf-lite" / "AGPL-3.0.txt").read_text()
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in agpl
    assert "13. Remote Network Interaction" in agpl
    assert (
        "GNU LESSER GENERAL PUBLIC LICENSE"
        in (licenses / "pyside6-essentials" / "LGPL-3").read_text()
    )


def test_lintian_finds_no_errors(deb: Path) -> None:
    _require("lintian")
    result = subprocess.run(
        ["lintian", "--no-tag-display-limit", str(deb)], capture_output=True, text=True
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert not errors, "\n".join(errors)
