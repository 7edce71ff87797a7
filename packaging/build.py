"""Build Reviewer's installers: `uv run python packaging/build.py` (see packaging/README.md).

On Linux: the PyInstaller one-folder bundle (dist/reviewer/), a .tar.gz of it and a .deb,
then lintian's findings. On Windows and macOS only the bundle (the CI workflow runs Inno Setup
and the .dmg script afterwards). Prints one JSON summary line (sizes, timings) at the end.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import build_deb  # noqa: E402
import build_licenses  # noqa: E402


def project_version() -> str:
    """`reviewer.__version__`, read without importing the app (pyproject takes it from there)."""
    source = (REPO / "reviewer" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', source, re.MULTILINE)
    if match is None:
        raise SystemExit("reviewer/__init__.py has no literal __version__")
    return match.group(1)


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, so rebuilds are identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
        capture_output=True,
        text=True,
        check=False,
    )
    return int(result.stdout.strip() or 0)


def run_pyinstaller(dist_dir: Path, work_dir: Path) -> Path:
    """Freeze the app with packaging/reviewer.spec; return the one-folder bundle."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(dist_dir),
            "--workpath",
            str(work_dir / "pyinstaller"),
            str(HERE / "reviewer.spec"),
        ],
        check=True,
        cwd=REPO,
    )
    return dist_dir / "reviewer"


def make_tarball(bundle: Path, target: Path, epoch: int) -> Path:
    """A reproducible .tar.gz of the bundle: sorted, root-owned, fixed mtimes."""

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = min(int(info.mtime), epoch)
        if not info.issym():
            info.mode = 0o755 if info.isdir() or info.mode & 0o111 else 0o644
        return info

    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=epoch, compresslevel=6) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for path in sorted(bundle.rglob("*")):
            arcname = str(Path("reviewer") / path.relative_to(bundle))
            tar.add(path, arcname=arcname, recursive=False, filter=normalise)
    return target


def _size_mib(path: Path) -> float:
    if path.is_dir():
        total = sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())
    else:
        total = path.stat().st_size
    return round(total / 2**20, 1)


def main(argv: list[str] | None = None) -> int:
    """Build everything this platform can build; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist-dir", type=Path, default=REPO / "dist")
    parser.add_argument("--work-dir", type=Path, default=REPO / "build")
    parser.add_argument("--no-deb", action="store_true", help="skip the .deb (and lintian)")
    parser.add_argument("--no-lintian", action="store_true")
    parser.add_argument(
        "--deb-compression", choices=["xz", "zstd", "gzip"], default="xz", help="dpkg-deb -Z"
    )
    args = parser.parse_args(argv)
    version, epoch = project_version(), source_date_epoch()
    summary: dict[str, object] = {"version": version, "source_date_epoch": epoch}
    started = time.monotonic()
    bundle = run_pyinstaller(args.dist_dir, args.work_dir)
    build_licenses.collect(bundle)
    summary["bundle"] = str(bundle)
    summary["bundle_mib"] = _size_mib(bundle)
    summary["freeze_s"] = round(time.monotonic() - started, 1)
    if sys.platform.startswith("linux"):
        tarball = args.dist_dir / f"reviewer-{version}-linux-x86_64.tar.gz"
        step = time.monotonic()
        make_tarball(bundle, tarball, epoch)
        summary["tarball_s"] = round(time.monotonic() - step, 1)
        summary["tarball"], summary["tarball_mib"] = str(tarball), _size_mib(tarball)
        if not args.no_deb and shutil.which("dpkg-deb"):
            step = time.monotonic()
            deb = build_deb.build(
                bundle, args.dist_dir, args.work_dir, version, epoch, args.deb_compression
            )
            summary["deb_s"] = round(time.monotonic() - step, 1)
            summary["deb"], summary["deb_mib"] = str(deb), _size_mib(deb)
            if not args.no_lintian:
                lintian_started = time.monotonic()
                findings = build_deb.lintian(deb)
                summary["lintian_s"] = round(time.monotonic() - lintian_started, 1)
                summary["lintian"] = findings
                for line in findings:
                    print(f"lintian: {line}", file=sys.stderr)
    summary["total_s"] = round(time.monotonic() - started, 1)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
