"""Write `resources/demo-documents.zip`: every demo document pre-rendered (see prerendered.py).

    uv run python -m reviewer.sandbox.prerender            # after changing docgen or a story
    uv run python -m reviewer.sandbox.prerender --check    # exit 1 if the shipped file is stale

The documents are generated exactly as a demo fetch asks for them (each demo user's layout-
placed edits resolved and signals verified, then every downloadable document rendered), by the
real generator with nothing looked up, and written with their keys. The zip is deterministic:
sorted entries, fixed times, so regenerating unchanged documents changes no byte.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

from reviewer.sandbox.documents import DocumentRenderer, RenderedDocument
from reviewer.sandbox.model import TamperSpec
from reviewer.sandbox.prerendered import ARTIFACT, FORMAT, INDEX, generator_digest, spec_key
from reviewer.sandbox.state import UserState
from reviewer.sandbox.users import demo_users

_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg"}
_FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def walk_demo(renderer: DocumentRenderer) -> None:
    """Ask `renderer` for everything a fetch of every demo user needs, as the sandbox does."""
    for user in demo_users():
        state = UserState(user, user.build(user.key, user.user_token or user.user_id or user.key))
        state.prepare_documents(renderer)
        for spec in state.profile.docs.values():
            if spec.downloadable:
                renderer.render(spec)


def generate_entries() -> tuple[dict[str, Any], dict[str, bytes]]:
    """The artifact's index and its files (name -> bytes), generated now."""
    code = generator_digest()
    if code is None:
        raise RuntimeError("the generator's sources are not all here; nothing to key them by")
    renderer = DocumentRenderer(None, record=True)
    walk_demo(renderer)
    entries: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    for what, spec, result in renderer.made:
        key = spec_key(what, spec, code)
        if isinstance(result, RenderedDocument):
            name = key + _EXTENSIONS.get(result.media_type, ".bin")
            files[name] = result.data
            entries[key] = {
                "entry": name,
                "media_type": result.media_type,
                "page_count": result.page_count,
                "filename": result.filename,
                "document_id": spec.document_id,
            }
        elif isinstance(result, TamperSpec):
            entries[key] = {
                "original": result.original,
                "replacement": result.replacement,
                "page": result.page,
                "document_id": spec.document_id,
            }
        else:  # page texts
            name = key + ".texts.json"
            files[name] = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
            entries[key] = {"entry": name, "document_id": spec.document_id}
    index = {"format": FORMAT, "code": code, "entries": dict(sorted(entries.items()))}
    return index, files


def build_zip(index: dict[str, Any], files: dict[str, bytes]) -> bytes:
    """The artifact's bytes: the index first, then the files by name, fixed times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        items = [(INDEX, json.dumps(index, indent=1, sort_keys=True).encode())]
        for name, data in [*items, *sorted(files.items())]:
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def read_artifact(path: Path = ARTIFACT) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A written artifact's index and files."""
    with zipfile.ZipFile(path) as archive:
        index: dict[str, Any] = json.loads(archive.read(INDEX))
        files = {name: archive.read(name) for name in archive.namelist() if name != INDEX}
    return index, files


def main(argv: list[str] | None = None) -> int:
    """Write the artifact (or, with --check, say whether the shipped one is current)."""
    parser = argparse.ArgumentParser(prog="python -m reviewer.sandbox.prerender")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if stale")
    parser.add_argument("--output", type=Path, default=ARTIFACT)
    args = parser.parse_args(argv)
    index, files = generate_entries()
    if args.check:
        try:
            current = read_artifact(args.output) == (index, files)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            current = False
        print(f"{args.output}: {'current' if current else 'STALE: run without --check'}")
        return 0 if current else 1
    data = build_zip(index, files)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.output.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(args.output)
    documents = sum(1 for e in index["entries"].values() if "media_type" in e)
    print(
        f"{args.output}: {documents} documents, {len(index['entries'])} keys, {len(data):,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
