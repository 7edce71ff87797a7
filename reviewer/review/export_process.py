"""Exporting a report in a child process: `reviewer export CASE --out FILE`.

The PDF report draws crops of applicants' pages with PyMuPDF, which is not thread-safe and must
not parse hostile documents inside the GUI process; the command-line export does it in a process
of its own, and a crash there costs a message, never the app.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reviewer.review.facade import ExportResult

EXPORT_TIMEOUT = 300.0  # seconds; a report of the biggest case takes a few


def export_command(case_id: str, out: Path, data_dir: Path) -> list[str]:
    """The command line: the frozen app is its own executable, otherwise `python -m reviewer`."""
    if getattr(sys, "frozen", False):
        program = [sys.executable]
    else:
        program = [sys.executable, "-m", "reviewer"]
    # --force: the save dialog has already asked before replacing a file
    return [*program, "export", case_id, "--out", str(out), "--data-dir", str(data_dir), "--force"]


def run_export(
    case_id: str, out: Path, data_dir: Path, timeout: float = EXPORT_TIMEOUT
) -> ExportResult:
    """Run the export and wait for it (call from a worker thread, never the GUI thread)."""
    command = export_command(case_id, out, data_dir)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return ExportResult(False, f"Export took longer than {timeout:g} s and was stopped.")
    except OSError as exc:
        return ExportResult(False, f"Export could not start: {exc}")
    if done.returncode == 0:
        return ExportResult(True, f"Report written: {out}")
    lines = (done.stderr or "").strip().splitlines()
    why = lines[-1] if lines else f"exit code {done.returncode}"
    return ExportResult(False, f"Export failed: {why.removeprefix('reviewer: ')}")
