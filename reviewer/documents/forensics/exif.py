"""EXIF of a photographed page (JPEG): camera, software and dates, parsed with bounds.

Only the few tags a reviewer asks about are read, from the first APP1 "Exif" segment; every
offset is checked against the segment, so a hostile header costs a "could not analyse" line.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_TAGS = {0x010F: "make", 0x0110: "model", 0x0131: "software", 0x0132: "modified"}
_EXIF_TAGS = {0x9003: "taken", 0x9004: "digitized"}
_EXIF_IFD = 0x8769
_MAX_ENTRIES = 256
_SCAN_BYTES = 1 << 20


@dataclass(frozen=True)
class Exif:
    """What the EXIF block says, or why it could not be read."""

    found: bool = False
    camera: str | None = None
    software: str | None = None
    taken: str | None = None  # "2026:11:08 23:41:00" as stored
    modified: str | None = None
    problem: str | None = None


def read_exif(raw: bytes) -> Exif:
    """EXIF of a JPEG's bytes; an empty `Exif` for other files or files without it."""
    if not raw.startswith(b"\xff\xd8"):
        return Exif()
    position = 2
    limit = min(len(raw), _SCAN_BYTES)
    while position + 4 <= limit:
        if raw[position] != 0xFF:
            return Exif()
        marker = raw[position + 1]
        if marker in (0xDA, 0xD9):  # start of scan / end: no EXIF before the pixels
            return Exif()
        (length,) = struct.unpack(">H", raw[position + 2 : position + 4])
        segment = raw[position + 4 : position + 2 + length]
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            try:
                return _parse_tiff(segment[6:])
            except (struct.error, ValueError, IndexError) as exc:
                return Exif(problem=f"could not analyse: the photo's EXIF block is damaged ({exc})")
        position += 2 + length
    return Exif()


def _parse_tiff(tiff: bytes) -> Exif:
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        raise ValueError("unknown byte order")
    (first,) = struct.unpack(order + "I", tiff[4:8])
    values = _ifd(tiff, order, first, _TAGS | {_EXIF_IFD: "exif"})
    exif_offset = values.pop("exif", None)
    if isinstance(exif_offset, int):
        values |= _ifd(tiff, order, exif_offset, _EXIF_TAGS)
    text = {k: v for k, v in values.items() if isinstance(v, str)}
    camera = " ".join(x for x in (text.get("make"), text.get("model")) if x) or None
    return Exif(
        found=True,
        camera=camera,
        software=text.get("software"),
        taken=text.get("taken") or text.get("digitized"),
        modified=text.get("modified"),
    )


def _ifd(tiff: bytes, order: str, offset: int, wanted: dict[int, str]) -> dict[str, str | int]:
    if not 0 <= offset <= len(tiff) - 2:
        raise ValueError("IFD outside the block")
    (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
    out: dict[str, str | int] = {}
    for index in range(min(count, _MAX_ENTRIES)):
        at = offset + 2 + index * 12
        tag, kind, n, value = struct.unpack(order + "HHI4s", tiff[at : at + 12])
        name = wanted.get(tag)
        if name is None:
            continue
        if kind == 2:  # ASCII
            if n <= 4:
                data = value[:n]
            else:
                (pointer,) = struct.unpack(order + "I", value)
                if pointer + n > len(tiff) or n > 4096:
                    raise ValueError(f"tag {tag:#x} points outside the block")
                data = tiff[pointer : pointer + n]
            out[name] = data.split(b"\x00", 1)[0].decode("latin-1").strip()
        elif kind == 4:  # LONG (the EXIF sub-IFD pointer)
            out[name] = struct.unpack(order + "I", value)[0]
    return out
