"""A generated page re-shot as a phone photo: tilted paper on a desk, uneven light, sensor noise.

Everything is done with PyMuPDF drawing and a few C-speed bytes operations (no imaging library):
the page is placed on a larger dark "desk" page, rendered through a rotate+shear matrix, tinted,
shaded by a light falloff and given low-bit noise, then encoded as JPEG. There is no text layer.
"""

from __future__ import annotations

import random
import struct
from typing import Any

import pymupdf as _pymupdf

from reviewer.sandbox.docgen._types import GeneratedDocument

# PyMuPDF ships without complete annotations; treat it as dynamic rather than silence each call.
pymupdf: Any = _pymupdf

_DESK_MARGIN = 28.0
_ZOOM = 1.3  # about 94 dpi: a phone photo of a letter page, small enough to stay fast


def _shade(samples: bytes, width: int, height: int, rng: random.Random) -> bytes:
    """Darken towards one corner like a lamp off to the side; one lookup table per light level."""
    light_x = rng.choice((0.0, 1.0))
    depth = rng.uniform(0.16, 0.26)
    segments = 32
    seg_px = -(-width // segments)
    tables: dict[int, bytes] = {}
    rows = []
    stride = width * 3
    for y in range(height):
        row = samples[y * stride : (y + 1) * stride]
        parts = []
        fy = y / max(height - 1, 1)
        for s in range(segments):
            fx = abs(light_x - (s + 0.5) / segments)
            level = int(1000 * (1.0 - depth * (0.55 * fx + 0.45 * fy) ** 1.3))
            table = tables.get(level)
            if table is None:
                table = bytes(min(255, int(v * level / 1000)) for v in range(256))
                tables[level] = table
            parts.append(row[s * seg_px * 3 : (s + 1) * seg_px * 3].translate(table))
        rows.append(b"".join(parts))
    return b"".join(rows)


def _noise(samples: bytes, rng: random.Random) -> bytes:
    """Flip the low three bits at random: a cheap stand-in for sensor noise."""
    size = len(samples)
    mask = int.from_bytes(b"\x07" * size, "big")
    noise = int.from_bytes(rng.randbytes(size), "big") & mask
    return (int.from_bytes(samples, "big") ^ noise).to_bytes(size, "big")


def photo_jpeg(doc: GeneratedDocument, page: int = 1, *, seed: int = 0) -> GeneratedDocument:
    """Page `page` (1-based) of a generated PDF as a JPEG phone photo; deterministic per `seed`."""
    rng = random.Random(f"docgen-photo:{seed}:{page}")  # noqa: S311 - image jitter, not security
    with pymupdf.open(stream=doc.data, filetype="pdf") as source:
        if not 1 <= page <= source.page_count:
            raise ValueError(f"page {page} out of range 1..{source.page_count}")
        src_rect = source[page - 1].rect
        with pymupdf.open() as scene:
            desk = scene.new_page(
                width=src_rect.width + 2 * _DESK_MARGIN, height=src_rect.height + 2 * _DESK_MARGIN
            )
            paper = pymupdf.Rect(
                _DESK_MARGIN,
                _DESK_MARGIN,
                _DESK_MARGIN + src_rect.width,
                _DESK_MARGIN + src_rect.height,
            )
            # The desk is drawn black so it matches the transparent corners the rotation exposes;
            # the tint below turns both into the same dark wood tone.
            desk.draw_rect(desk.rect, color=None, fill=(0, 0, 0))
            desk.draw_rect(paper, color=None, fill=(1, 1, 1))
            desk.show_pdf_page(paper, source, page - 1)
            angle = rng.uniform(1.2, 3.2) * rng.choice((-1, 1))
            shear = pymupdf.Matrix(1, rng.uniform(-0.02, 0.02), rng.uniform(-0.025, 0.025), 1, 0, 0)
            matrix = pymupdf.Matrix(_ZOOM, _ZOOM).prerotate(angle) * shear
            rendered = desk.get_pixmap(matrix=matrix, alpha=True)
    pix = pymupdf.Pixmap(rendered, 0)  # drop alpha: transparent corners become black
    pix.tint_with(0x2E2923, 0xEEE8DA)
    # Noise before shading: XOR noise biases each value by its low bits, which is uniform on the
    # flat tinted paper but would show up as coloured tiles if applied after the light falloff.
    samples = _noise(bytes(pix.samples), rng)
    samples = _shade(samples, pix.width, pix.height, rng)
    photo = pymupdf.Pixmap(pymupdf.csRGB, pix.width, pix.height, samples, 0)
    photo.set_dpi(144, 144)
    jpeg = _with_exif(photo.tobytes("jpeg", jpg_quality=78))
    return GeneratedDocument(data=jpeg, media_type="image/jpeg", page_count=1)


def _with_exif(jpeg: bytes) -> bytes:
    """The JPEG with the EXIF block a phone camera writes: make, model, software, when taken."""
    tags = [
        (0x010F, "Apple"),
        (0x0110, "iPhone 13"),
        (0x0131, "17.6.1"),
        (0x0132, "2026:11:07 19:42:10"),
    ]
    data_at = 8 + 2 + len(tags) * 12 + 4
    entries, blob = b"", b""
    for tag, text in tags:
        value = text.encode("ascii") + b"\x00"
        entries += struct.pack("<HHII", tag, 2, len(value), data_at + len(blob))
        blob += value
    tiff = b"II*\x00" + struct.pack("<IH", 8, len(tags)) + entries + b"\x00" * 4 + blob
    segment = b"Exif\x00\x00" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(segment) + 2) + segment + jpeg[2:]
