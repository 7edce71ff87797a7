"""Document forensics: what a file admits about its own history (issue 19).

Runs in the documents worker process only (`analysis.analyse` opens applicants' files with
PyMuPDF), under the worker's memory and time limits and its own time budget; returns a plain
`ForensicsReport` (`types`) that `reviewer.review` turns into findings. Each check has its module:
`revisions` (revision X-ray), `masking` (covered and hidden text), `text_layer` (a scan's
invisible text vs its picture), `fonts` (fonts per value), `metadata`/`exif` (the timeline),
`fingerprint` (what "seen before" matches). This package's own namespace stays free of PyMuPDF
so the app and the command line can name revisions and read results without loading it.
"""

from __future__ import annotations

from pathlib import Path

VERSION = 2  # 2: fingerprint figures; bump when a check changes what it reports: stored results are recomputed
_REVISION_MARK = "#revision="


def split_revision(path: str) -> tuple[str, int | None]:
    """`"file.pdf#revision=2"` -> ("file.pdf", 2); a plain path -> (path, None)."""
    base, mark, number = path.rpartition(_REVISION_MARK)
    if mark and number.isdigit():
        return base, int(number)
    return path, None


def revision_path(path: str | Path, number: int) -> str:
    """The name the worker renders revision `number` (1-based) of `path` under."""
    return f"{path}{_REVISION_MARK}{number}"
