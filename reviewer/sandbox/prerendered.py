"""The demo's documents rendered ahead of time: `resources/demo-documents.zip`, read-only.

Generating the demo's ~50 documents (two 32-page statements among them) costs seconds of CPU,
and in the app's process PyMuPDF holds the GIL throughout: the window stalls and a first
`--demo` run waits. Every byte of them is a pure function of the document's spec and of the
generator's code, so they are generated once, by `python -m reviewer.sandbox.prerender`, and
shipped. Each entry is keyed by a hash of the spec AND of the generator's source files
(`reviewer/sandbox/docgen/*.py` and `documents.py`): any change to either misses the artifact
and the document is generated as before, so stale bytes are never served.
tests/sandbox/test_prerendered.py asserts the shipped artifact holds the current key of every
demo document and the bytes the generator produces now.

Three things are kept per key: a document's bytes (with media type, page count, file name),
its page texts (for the signal checks: no PyMuPDF needed to verify a story) and, for a
statement whose edit is placed by its layout, the edit chosen.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import threading
import zipfile
from pathlib import Path
from typing import Any

from reviewer.sandbox.model import DocSpec, TamperSpec

log = logging.getLogger(__name__)

FORMAT = 1
INDEX = "index.json"
_SANDBOX = Path(__file__).resolve().parent
# resources/ beside the reviewer package (the repository, the PyInstaller bundle); a wheel
# carries the file inside the package (pyproject's force-include)
ARTIFACT = _SANDBOX.parents[1] / "resources" / "demo-documents.zip"
_IN_WHEEL = _SANDBOX / "demo-documents.zip"


def shipped_artifact() -> Path:
    """Where this installation keeps the artifact (the repository's path if none has it)."""
    return _IN_WHEEL if not ARTIFACT.exists() and _IN_WHEEL.exists() else ARTIFACT


def generator_sources() -> list[Path]:
    """The files whose code decides a generated document's bytes (sorted, relative to here)."""
    modules = sorted(p.relative_to(_SANDBOX) for p in (_SANDBOX / "docgen").glob("*.py"))
    return [*modules, Path("documents.py")]


def generator_digest() -> str | None:
    """SHA-256 of the generator's sources (line endings normalised); None when a source is
    missing here (an installation without them generates, never guesses)."""
    digest = hashlib.sha256()
    for relative in generator_sources():
        try:
            text = (_SANDBOX / relative).read_bytes().replace(b"\r\n", b"\n")
        except OSError:
            return None
        digest.update(relative.as_posix().encode() + b"\0" + text + b"\0")
    return digest.hexdigest()


def spec_key(what: str, spec: DocSpec, code: str) -> str:
    """The artifact's key of one result (`what`: document, texts or edit) of `spec` under
    the generator whose sources hash to `code`."""
    canonical = json.dumps(
        {"what": what, "code": code, "spec": spec},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        default=_fields,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _fields(value: object) -> object:
    """A dataclass's fields for json.dumps (a shallow view: dataclasses.asdict deep-copies the
    whole source, 20 ms for a statement's); anything else by its repr."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return repr(value)


@dataclasses.dataclass(frozen=True)
class ShippedDocument:
    """A pre-rendered document: bytes, media type, page count, file name."""

    data: bytes
    media_type: str
    page_count: int
    filename: str


class Prerendered:
    """Lookups in one artifact; any miss or damage answers None (the caller generates)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else shipped_artifact()
        self._lock = threading.Lock()
        self._loaded = False
        self._code: str | None = None
        self._index: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Prerendered({str(self.path)!r})"

    def _ready(self) -> bool:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                self._code = generator_digest()
                if self._code is not None:
                    self._index = self._read_index()
            return bool(self._index)

    def _read_index(self) -> dict[str, Any]:
        try:
            with zipfile.ZipFile(self.path) as archive:
                index: dict[str, Any] = json.loads(archive.read(INDEX))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            log.warning("the pre-rendered demo documents are unreadable; generating them")
            return {}
        if index.get("format") != FORMAT or index.get("code") != self._code:
            return {}  # another generator's renders: every key would miss anyway
        return index

    def _entry(self, name: str) -> bytes | None:
        try:
            with zipfile.ZipFile(self.path) as archive:
                return archive.read(name)
        except (OSError, KeyError, zipfile.BadZipFile):  # zipfile: a damaged entry's CRC
            log.warning("pre-rendered demo entry %s is unreadable; generating it", name)
            return None

    def _lookup(self, what: str, spec: DocSpec) -> dict[str, Any] | None:
        if not self._ready() or self._code is None:
            return None
        found: dict[str, Any] | None = self._index.get("entries", {}).get(
            spec_key(what, spec, self._code)
        )
        return found

    def document(self, spec: DocSpec) -> ShippedDocument | None:
        """The document rendered for `spec`, or None."""
        found = self._lookup("document", spec)
        data = self._entry(found["entry"]) if found else None
        if found is None or data is None:
            return None
        return ShippedDocument(data, found["media_type"], found["page_count"], found["filename"])

    def page_texts(self, spec: DocSpec) -> list[str] | None:
        """Each page's text (whitespace collapsed) of the PDF rendered for `spec`, or None."""
        found = self._lookup("texts", spec)
        data = self._entry(found["entry"]) if found else None
        if data is None:
            return None
        try:
            texts = json.loads(data)
        except ValueError:
            return None
        return [str(t) for t in texts] if isinstance(texts, list) else None

    def statement_edit(self, spec: DocSpec) -> TamperSpec | None:
        """The edit chosen for a statement whose edit is placed by its layout, or None."""
        found = self._lookup("edit", spec)
        if found is None:
            return None
        return TamperSpec(found["original"], found["replacement"], found["page"])
