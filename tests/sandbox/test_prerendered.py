"""The demo's pre-rendered documents (resources/demo-documents.zip) are current and never stale.

Regenerate the file with `uv run python -m reviewer.sandbox.prerender` when a test here says
it is not current (a docgen change or a demo story's change).
"""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest

from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.sandbox import prerendered as prerendered_module
from reviewer.sandbox.documents import DocumentRenderer
from reviewer.sandbox.model import DocSpec
from reviewer.sandbox.prerender import build_zip, generate_entries, read_artifact, walk_demo
from reviewer.sandbox.prerendered import ARTIFACT, Prerendered, generator_digest, spec_key
from reviewer.sandbox.state import UserState

STALE = "resources/demo-documents.zip is not current: uv run python -m reviewer.sandbox.prerender"


def _demo_specs() -> list[DocSpec]:
    user = next(u for u in demo_users() if u.key == "clean")
    profile = user.build(user.key, user.user_token or user.key)
    return [spec for spec in profile.docs.values() if spec.downloadable]


def test_every_demo_document_is_served_from_the_shipped_file_without_generating() -> None:
    """Fast: every key a demo fetch asks for (documents, page texts, statement edits) is in the
    artifact under the current specs and generator code."""
    renderer = DocumentRenderer(Prerendered(), record=True)
    walk_demo(renderer)
    missing = sorted({f"{what} {spec.document_id}" for what, spec, _result in renderer.made})
    assert missing == [], STALE


def test_the_shipped_file_holds_exactly_what_the_generator_produces_now() -> None:
    """Every byte of every entry equals a fresh render, and nothing else is in the file."""
    index, files = generate_entries()
    shipped_index, shipped_files = read_artifact(ARTIFACT)
    assert shipped_index == index, STALE
    assert shipped_files.keys() == files.keys(), STALE
    for name, data in files.items():
        assert shipped_files[name] == data, f"{name}: {STALE}"
    assert ARTIFACT.read_bytes() == build_zip(index, files), "the zip itself is not reproducible"
    assert ARTIFACT.stat().st_size < 1_000_000  # compact: about 0.6 MB for 41 documents


def test_a_changed_spec_is_generated_not_served() -> None:
    spec = _demo_specs()[0]
    changed = dataclasses.replace(
        spec, source={**spec.source, "net_pay": {**spec.source["net_pay"], "current_amount": 1.0}}
    )
    renderer = DocumentRenderer(Prerendered(), record=True)
    served = renderer.render(spec)
    assert renderer.made == []
    fresh = DocumentRenderer(Prerendered(), record=True)
    generated = fresh.render(changed)
    assert [(what, s.document_id) for what, s, _ in fresh.made] == [("document", spec.document_id)]
    assert generated.data != served.data


def test_changed_generator_code_misses_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _demo_specs()[0]
    code = generator_digest()
    assert code is not None
    assert spec_key("document", spec, code) != spec_key("document", spec, code[::-1])
    monkeypatch.setattr(prerendered_module, "generator_digest", lambda: "a changed generator")
    renderer = DocumentRenderer(Prerendered(), record=True)
    document = renderer.render(spec)
    assert [what for what, _s, _r in renderer.made] == ["document"]
    assert document.data.startswith(b"%PDF")


def test_missing_sources_mean_generating(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installation without the generator's sources cannot key them: it generates."""
    monkeypatch.setattr(
        prerendered_module, "generator_sources", lambda: [Path("docgen/no_such_module.py")]
    )
    assert prerendered_module.generator_digest() is None
    renderer = DocumentRenderer(Prerendered(), record=True)
    renderer.render(_demo_specs()[0])
    assert [what for what, _s, _r in renderer.made] == ["document"]


@pytest.mark.parametrize("damage", ["missing", "garbage", "flipped"])
def test_a_damaged_or_missing_file_means_generating(tmp_path: Path, damage: str) -> None:
    artifact = tmp_path / "demo-documents.zip"
    if damage == "garbage":
        artifact.write_bytes(b"PK\x03\x04 not a zip at all")
    elif damage == "flipped":  # one entry's bytes damaged: its CRC fails, the index reads
        spec = _demo_specs()[0]
        code = generator_digest()
        assert code is not None
        entry = spec_key("document", spec, code) + ".pdf"
        with zipfile.ZipFile(ARTIFACT) as source:
            index, data = source.read("index.json"), source.read(entry)
        with zipfile.ZipFile(artifact, "w", zipfile.ZIP_STORED) as damaged:
            damaged.writestr("index.json", index)
            damaged.writestr(entry, data)
        raw = bytearray(artifact.read_bytes())
        raw[raw.find(data) + len(data) // 2] ^= 0xFF
        artifact.write_bytes(bytes(raw))
    renderer = DocumentRenderer(Prerendered(artifact), record=True)
    document = renderer.render(_demo_specs()[0])
    assert [what for what, _s, _r in renderer.made] == ["document"]
    assert document.data.startswith(b"%PDF")


def test_a_demo_download_is_the_same_document_served_or_generated() -> None:
    """The sandbox serves the shipped bytes by default; the generator makes the same ones."""
    served = Sandbox(DEMO_CLIENT_ID, DEMO_SECRET)
    generated = Sandbox(DEMO_CLIENT_ID, DEMO_SECRET, prerendered=False)
    user = next(u for u in demo_users() if u.key == "tampered_paystub")
    token = user.user_token or user.key
    states = [
        UserState(user, user.build(user.key, token)),
        UserState(user, user.build(user.key, token)),
    ]
    for sandbox, state in zip((served, generated), states, strict=True):
        state.prepare_documents(sandbox.renderer)
    spec = next(s for s in states[0].profile.docs.values() if s.incremental_edits)
    assert served.renderer.render(spec).data == generated.renderer.render(spec).data
