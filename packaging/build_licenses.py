"""Collect the licences of everything the bundle ships into its `licenses/` folder.

Python distributions: the runtime dependency closure of `reviewer` (from installed metadata),
each with the licence files its wheel carries and the licence its metadata declares. Wheels
that carry no licence text (PySide6's) get the text of the licence they declare from Debian's
common-licenses. On Debian, the system libraries PyInstaller copied next to the app get their
package's copyright file. The Python interpreter's own licence comes from the stdlib.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from packaging.requirements import Requirement

_LICENSE_NAME = re.compile(r"(^|/)(licen[cs]e|copying|notice|authors)[^/]*$", re.IGNORECASE)
_COMMON_LICENSES = Path("/usr/share/common-licenses")
# Licence texts a wheel declares but does not ship (Qt for Python: LGPLv3 which builds on GPLv3).
_DECLARED_ONLY = {"pyside6-essentials": ["LGPL-3", "GPL-3"], "shiboken6": ["LGPL-3", "GPL-3"]}
# PyMuPDF's wheel names the AGPL but carries no text; Reviewer is AGPL too (checked-in copy).
AGPL_TEXT = Path(__file__).resolve().parent / "licenses" / "AGPL-3.0.txt"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "reviewer") -> list[metadata.Distribution]:
    """`root` and every distribution it needs at run time on this platform (no extras)."""
    seen: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = _normalise(pending.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement whose marker excludes this platform was not installed
        seen[name] = dist
        for spec in dist.requires or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            pending.append(requirement.name)
    return sorted(seen.values(), key=lambda d: _normalise(d.metadata["Name"]))


def _declared_license(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get_all("License-Expression") or []
    if expression:
        return str(expression[0])
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if "License" in c]
    short = str((meta.get_all("License") or [""])[0]).strip().splitlines()
    return "; ".join(filter(None, [short[0] if short else "", *classifiers])) or "unknown"


def _copy_distribution_licenses(dist: metadata.Distribution, target: Path) -> list[str]:
    copied = []
    for file in dist.files or []:
        if ".dist-info/" in str(file) and _LICENSE_NAME.search(str(file)):
            source = Path(str(dist.locate_file(file)))
            if source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / source.name)
                copied.append(source.name)
    if _normalise(dist.metadata["Name"]) == "pymupdf-lite":
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(AGPL_TEXT, target / AGPL_TEXT.name)
        copied.append(AGPL_TEXT.name)
    for text in _DECLARED_ONLY.get(_normalise(dist.metadata["Name"]), []):
        if (_COMMON_LICENSES / text).is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_COMMON_LICENSES / text, target / text)
            copied.append(text)
    return copied


def _system_library_copyrights(bundle: Path, target: Path) -> list[str]:
    """Debian copyright files of the packages whose libraries PyInstaller bundled."""
    if not shutil.which("dpkg-query"):
        return []
    libraries = sorted(p.name for p in (bundle / "_internal").glob("lib*.so*"))
    if not libraries:
        return []
    found = subprocess.run(
        ["dpkg-query", "-S", *(f"*/{name}" for name in libraries)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    packages = sorted({line.split(":", 1)[0] for line in found.splitlines() if ":" in line})
    lines = []
    for package in packages:
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.is_file():
            (target / "system").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copyright_file, target / "system" / f"{package}.copyright")
            lines.append(package)
    return lines


def collect(bundle: Path) -> Path:
    """Write `<bundle>/licenses/` with one folder per component and an index; return it."""
    target = bundle / "licenses"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copyfile(AGPL_TEXT, target / AGPL_TEXT.name)
    index = [
        "Licences of the components shipped in this bundle.",
        "Reviewer itself is AGPL-3.0-or-later (it links PyMuPDF, which is AGPL-3.0 or",
        "commercial from Artifex); the AGPL text is AGPL-3.0.txt beside this file.",
        "",
    ]
    for dist in runtime_distributions():
        name = dist.metadata["Name"]
        files = _copy_distribution_licenses(dist, target / _normalise(name))
        listed = ", ".join(files) if files else "no licence file in the wheel"
        index.append(f"{name} {dist.version}: {_declared_license(dist)} ({listed})")
    python_license = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if python_license.is_file():
        (target / "python").mkdir()
        shutil.copyfile(python_license, target / "python" / "LICENSE.txt")
    index.append(f"Python {sys.version.split()[0]}: PSF-2.0 (python/LICENSE.txt)")
    packages = _system_library_copyrights(bundle, target)
    if packages:
        index.append("")
        index.append("System libraries copied from Debian packages (system/<package>.copyright):")
        index.append(", ".join(packages))
    (target / "INDEX.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    return target
