"""Build the Debian package: the bundle under /opt/reviewer, a launcher, .desktop and icon.

Reproducible: every file's mode and mtime are normalised, owners are root
(`dpkg-deb --root-owner-group`) and SOURCE_DATE_EPOCH fixes the timestamps dpkg-deb writes.
`Depends` comes from dpkg-shlibdeps over the bundle's ELF files (libraries the bundle carries
itself are private and add nothing) plus libxcb-cursor0, which Qt >= 6.5's xcb plugin loads at
run time and pip never installs. There are no maintainer scripts: removing the package never
touches users' data, config or logs in their home directories.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

LINUX = Path(__file__).resolve().parent / "linux"
REPO = LINUX.parent.parent
# dlopen()ed by Qt's xcb platform plugin, so no ELF file names it and dpkg-shlibdeps cannot see it
EXTRA_DEPENDS = ["libxcb-cursor0"]
_SHLIBS_CONTROL = """Source: reviewer
Section: utils
Priority: optional
Maintainer: Reviewer maintainers <reviewer@example.invalid>

Package: reviewer
Architecture: any
Description: placeholder for dpkg-shlibdeps
"""


def _is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def shlib_depends(bundle: Path) -> list[str]:
    """Debian packages the bundle's ELF files need from the system, per dpkg-shlibdeps."""
    elf_files = sorted(str(p) for p in bundle.rglob("*") if _is_elf(p))
    library_dirs = sorted({str(Path(p).parent) for p in elf_files if ".so" in Path(p).name})
    with tempfile.TemporaryDirectory(prefix="reviewer-shlibdeps-") as scratch:
        (Path(scratch) / "debian").mkdir()
        (Path(scratch) / "debian" / "control").write_text(_SHLIBS_CONTROL, encoding="utf-8")
        result = subprocess.run(
            [
                "dpkg-shlibdeps",
                "-O",
                "--ignore-missing-info",
                "--warnings=0",
                *(f"-l{d}" for d in library_dirs),
                *elf_files,
            ],
            cwd=scratch,
            capture_output=True,
            text=True,
            check=True,
        )
    match = re.search(r"^shlibs:Depends=(.*)$", result.stdout, re.MULTILINE)
    found = [d.strip() for d in match.group(1).split(",")] if match else []
    named = {re.split(r"[\s(]", d, maxsplit=1)[0] for d in found}
    return sorted(set(found) | {d for d in EXTRA_DEPENDS if d not in named})


def _icon_source() -> Path:
    app_icon = REPO / "resources" / "icons" / "reviewer.svg"
    return app_icon if app_icon.is_file() else LINUX / "reviewer.svg"


def _gzip_reproducibly(text: str, target: Path, epoch: int) -> None:
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=epoch) as gz:
        gz.write(text.encode("utf-8"))


# the only programs; shared libraries need no execute bit (lintian: shared-library-is-executable)
_EXECUTABLES = {"opt/reviewer/reviewer", "usr/bin/reviewer"}


def _normalise_tree(root: Path, epoch: int) -> None:
    """Modes 0755 (directories, programs) or 0644; every mtime set to SOURCE_DATE_EPOCH."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            os.utime(path, (epoch, epoch), follow_symlinks=False)
            continue
        executable = path.relative_to(root).as_posix() in _EXECUTABLES
        path.chmod(0o755 if path.is_dir() or executable else 0o644)
        os.utime(path, (epoch, epoch))
    os.utime(root, (epoch, epoch))


def _installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    return (total + 1023) // 1024


def _stage(bundle: Path, stage: Path, version: str, epoch: int) -> None:
    shutil.copytree(bundle, stage / "opt" / "reviewer", symlinks=True)
    launcher = stage / "usr" / "bin" / "reviewer"
    launcher.parent.mkdir(parents=True)
    shutil.copyfile(LINUX / "reviewer.sh", launcher)
    launcher.chmod(0o755)
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(LINUX / "reviewer.desktop", applications / "reviewer.desktop")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copyfile(_icon_source(), icons / "reviewer.svg")
    doc = stage / "usr" / "share" / "doc" / "reviewer"
    doc.mkdir(parents=True)
    shutil.copyfile(LINUX / "copyright", doc / "copyright")
    when = subprocess.run(
        ["date", "-u", "-R", "-d", f"@{epoch}"], capture_output=True, text=True, check=True
    ).stdout.strip()
    changelog = (
        f"reviewer ({version}) unstable; urgency=medium\n\n"
        f"  * Release {version}; see the project's git history.\n\n"
        f" -- Reviewer maintainers <reviewer@example.invalid>  {when}\n"
    )
    _gzip_reproducibly(changelog, doc / "changelog.gz", epoch)
    man = stage / "usr" / "share" / "man" / "man1"
    man.mkdir(parents=True)
    _gzip_reproducibly((LINUX / "reviewer.1").read_text("utf-8"), man / "reviewer.1.gz", epoch)
    overrides = stage / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copyfile(LINUX / "lintian-overrides", overrides / "reviewer")


def build(
    bundle: Path, out_dir: Path, work_dir: Path, version: str, epoch: int, compression: str = "xz"
) -> Path:
    """Build `reviewer_<version>_amd64.deb` from the one-folder bundle; return its path.

    `compression` is dpkg-deb's -Z: xz is the smallest (about 90 s for this bundle on two
    cores), zstd and gzip take seconds and need dpkg >= 1.21.18 (zstd) on the target.
    """
    stage = work_dir / "deb-root"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    _stage(bundle, stage, version, epoch)
    depends = shlib_depends(stage / "opt" / "reviewer")
    control = (
        (LINUX / "control.in")
        .read_text(encoding="utf-8")
        .replace("@VERSION@", version)
        .replace("@INSTALLED_SIZE@", str(_installed_size_kib(stage)))
        .replace("@DEPENDS@", ", ".join(depends))
    )
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    _normalise_tree(stage, epoch)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"reviewer_{version}_amd64.deb"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(stage), str(deb)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def lintian(deb: Path) -> list[str]:
    """Lintian's findings for the package (empty if lintian is not installed)."""
    if not shutil.which("lintian"):
        return []
    result = subprocess.run(
        ["lintian", "--no-tag-display-limit", str(deb)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line.strip()]
