"""The repository stands alone: no tracked file reads or links anything outside it.

A fresh clone on a machine that has never seen the project must build, test and run. So every
tracked file (code, tests, CI, packaging, docs) is searched for references to places outside the
checkout: a sibling reference folder, the build machine's work tree, someone's home directory, or
a `Path(__file__).parents[N]` that climbs above the repository root.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Spelled in pieces so that this file does not match its own patterns.
_SIBLING = r"\.\./" + "shared"
FORBIDDEN = {
    "a sibling reference folder": re.compile(
        _SIBLING + "|" + r"\bshared/(?:plaid-openapi|seeds|notes|hooks)\b"
    ),
    "the build machine's work tree": re.compile("/" + "work/"),
    "a design document kept outside the repository": re.compile(r"\bDESIGN" + r"\.md\b"),
    "a home directory": re.compile(
        r"/home/[A-Za-z0-9_.-]+/|/Users/[A-Za-z0-9_.-]+/|[A-Za-z]:\\+Users\\+|(?<![\w.~])/root/"
    ),
}
_PARENTS_INDEX = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
_PARENT_CHAIN = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?((?:\.parent\b)+)")
# Never walked when git cannot list the tracked files (an unpacked source archive).
_UNTRACKED_DIRS = {".git", ".venv", "__pycache__", ".hypothesis", "dist", "build", ".mypy_cache"}


def tracked_files(root: Path) -> list[Path]:
    """Files git tracks under `root` (relative paths); a plain walk when git is unavailable."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return [
            p.relative_to(root)
            for p in root.rglob("*")
            if p.is_file() and not _UNTRACKED_DIRS.intersection(p.relative_to(root).parts)
        ]
    return [Path(name) for name in out.decode("utf-8").split("\0") if name]


def outside_references(root: Path, files: list[Path]) -> list[str]:
    """One line per reference to a place outside `root`, as `file:line: what (text)`."""
    found: list[str] = []
    for rel in files:
        path = root / rel
        if not path.is_file():  # deleted in the work tree, not yet committed
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # images, archives: no paths to follow
            continue
        depth = len(rel.parts)  # Path(__file__).parents[depth - 1] is the repository root
        for number, line in enumerate(text.splitlines(), start=1):
            where = f"{rel.as_posix()}:{number}"
            for what, pattern in FORBIDDEN.items():
                if match := pattern.search(line):
                    found.append(f"{where}: {what} ({match.group(0)!r})")
            if rel.suffix != ".py":
                continue
            for match in _PARENTS_INDEX.finditer(line):
                if int(match.group(1)) >= depth:
                    found.append(f"{where}: climbs above the repository ({match.group(0)})")
            for match in _PARENT_CHAIN.finditer(line):
                if match.group(1).count(".parent") > depth:
                    found.append(f"{where}: climbs above the repository ({match.group(0)})")
    return found


def test_no_tracked_file_references_a_path_outside_the_repository() -> None:
    files = [f for f in tracked_files(REPO) if f != Path(__file__).relative_to(REPO)]
    assert len(files) > 100, "the walk found too few files to be the repository"

    assert outside_references(REPO, files) == []


@pytest.mark.parametrize(
    ("rel", "line"),
    [
        ("tests/conftest.py", 'SPEC = Path(__file__).resolve().parents[2] / "x.yml"'),
        ("reviewer/a/b.py", "ROOT = Path(__file__).parent.parent.parent.parent"),
        ("README.md", "The contract is in `" + "../" + "shared/DESIGN" + ".md`."),
        ("README.md", "See DESIGN" + ".md."),
        (".ci/run", "cd " + "/wo" + "rk/main"),
        ("tests/x.py", 'P = "/home/' + 'alice/reviewer/spec.yml"'),
        ("tests/x.py", r'P = r"C:\Users' + r'\bob\spec.yml"'),
    ],
)
def test_the_walk_finds_a_planted_outside_reference(tmp_path: Path, rel: str, line: str) -> None:
    planted = tmp_path / rel
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text(f"ok = 1\n{line}\n", encoding="utf-8")

    assert outside_references(tmp_path, [Path(rel)]) != []


@pytest.mark.parametrize(
    ("rel", "line"),
    [
        ("tests/conftest.py", 'SPEC = Path(__file__).resolve().parents[1] / "x.yml"'),
        ("reviewer/a/b.py", "ROOT = Path(__file__).parent.parent.parent"),
        ("packaging/README.md", "Data stays in `~/.local/share/reviewer`."),
        ("reviewer/documents/x.py", '"""Pixels go through shared memory."""'),
    ],
)
def test_references_inside_the_repository_pass(tmp_path: Path, rel: str, line: str) -> None:
    planted = tmp_path / rel
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text(line + "\n", encoding="utf-8")

    assert outside_references(tmp_path, [Path(rel)]) == []
