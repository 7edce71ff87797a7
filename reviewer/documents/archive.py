"""Safe reading of the zip archives Plaid (and applicants) hand us.

Archives are untrusted. Nothing here writes files or calls `extractall`: members come back as
bytes and the caller stores them by content hash, so a member's name never becomes a path.
Every member is read to its end in chunks, which makes `zipfile` verify its CRC-32, and size
caps are counted on the bytes actually produced, not on the sizes the archive declares.

Outcomes:
- an archive that breaks a limit (too many members, a member or the total too large, a
  compression ratio typical of zip bombs) raises `ArchiveError`: the whole archive is refused;
- a truncated, CRC-corrupted or non-zip archive raises `ArchiveError("corrupt zip: ...")`;
- a member with a dangerous name (`..`, absolute path, drive letter), a symlink, an encrypted
  member or an unsupported compression method is kept out and listed in
  `ArchiveContents.rejected` with the reason;
- junk (`__MACOSX/`, `._*`, `.DS_Store`, `Thumbs.db`, directories) is skipped and listed in
  `ArchiveContents.ignored`;
- any other member is returned, with its type sniffed from its bytes; types the viewer cannot
  open are kept with `supported=False`.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field

from reviewer.documents.sniff import is_supported, sniff_media_type

_MIB = 1024 * 1024
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
_JUNK_BASENAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
# Small members of zeros or text legitimately compress far beyond any sane ratio; only judge
# the ratio once a member has produced enough bytes to matter.
_RATIO_GRACE_BYTES = 1 * _MIB
# the same rule for the archive as a whole, past a larger grace (several small members)
_ARCHIVE_RATIO_GRACE_BYTES = 8 * _MIB


class ArchiveError(Exception):
    """The archive as a whole cannot be trusted: corrupt, truncated or a zip bomb."""


@dataclass(frozen=True)
class ArchiveLimits:
    """Caps that stop zip bombs; sizes in bytes, counted as the members are read."""

    max_members: int = 500
    max_member_bytes: int = 200 * _MIB
    max_total_bytes: int = 500 * _MIB
    max_ratio: float = 200.0
    chunk_bytes: int = 256 * 1024


@dataclass(frozen=True)
class ArchiveMember:
    """One accepted member: its name inside the archive, its bytes and what they are."""

    name: str
    data: bytes
    media_type: str
    sha256: str
    supported: bool

    def __repr__(self) -> str:
        return (
            f"ArchiveMember(name={self.name!r}, bytes={len(self.data)}, "
            f"media_type={self.media_type!r}, sha256={self.sha256[:12]}…, "
            f"supported={self.supported})"
        )


@dataclass(frozen=True)
class RejectedMember:
    """A member kept out of the result because it is dangerous, with the reason in words."""

    name: str
    reason: str


@dataclass(frozen=True)
class ArchiveContents:
    """Everything found in an archive: accepted members, rejected ones, and skipped junk."""

    members: list[ArchiveMember] = field(default_factory=list)
    rejected: list[RejectedMember] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def extract_zip(data: bytes, limits: ArchiveLimits = ArchiveLimits()) -> list[ArchiveMember]:
    """Return the accepted members of a zip archive held in memory (see `read_zip`)."""
    return read_zip(data, limits).members


def read_zip(data: bytes, limits: ArchiveLimits = ArchiveLimits()) -> ArchiveContents:
    """Read every member of a zip archive held in memory, verifying CRCs and enforcing limits.

    Raises ArchiveError for a corrupt archive or one that breaks `limits`.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ArchiveError(f"corrupt zip: {exc}") from None
    except (OSError, EOFError, ValueError) as exc:
        raise ArchiveError(f"corrupt zip: {exc}") from None
    contents = ArchiveContents()
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise ArchiveError(
                f"zip has {len(infos)} entries, more than the limit of {limits.max_members}"
            )
        total = 0
        for info in infos:
            if _is_junk(info):
                contents.ignored.append(info.filename)
                continue
            reason = _rejection_reason(info)
            if reason is not None:
                contents.rejected.append(RejectedMember(info.filename, reason))
                continue
            try:
                member_bytes = _read_member(
                    archive, info, limits, already_read=total, archive_bytes=len(data)
                )
            except NotImplementedError as exc:
                contents.rejected.append(RejectedMember(info.filename, f"cannot decompress: {exc}"))
                continue
            total += len(member_bytes)
            media_type = sniff_media_type(member_bytes)
            contents.members.append(
                ArchiveMember(
                    name=info.filename,
                    data=member_bytes,
                    media_type=media_type,
                    sha256=hashlib.sha256(member_bytes).hexdigest(),
                    supported=is_supported(media_type),
                )
            )
    return contents


def _is_junk(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    basename = name.rstrip("/").rsplit("/", 1)[-1]
    return (
        info.is_dir()
        or name.startswith("__MACOSX/")
        or "/__MACOSX/" in name
        or basename.startswith("._")
        or basename in _JUNK_BASENAMES
    )


def _rejection_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if "\x00" in name:
        return "name contains a NUL character"
    if name.startswith("/") or _DRIVE_LETTER.match(name):
        return "absolute path"
    if ".." in name.split("/"):
        return "path escapes the archive (..)"
    if info.flag_bits & 0x1:
        return "encrypted member"
    return None


def _read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: ArchiveLimits,
    already_read: int,
    archive_bytes: int,
) -> bytes:
    """Read one member to its end (so zipfile checks the CRC), counting bytes as they come."""
    chunks: list[bytes] = []
    produced = 0
    compressed = max(info.compress_size, 1)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(limits.chunk_bytes):
                produced += len(chunk)
                if produced > limits.max_member_bytes:
                    raise ArchiveError(
                        f"zip member {info.filename!r} expands beyond the limit of "
                        f"{limits.max_member_bytes} bytes"
                    )
                if already_read + produced > limits.max_total_bytes:
                    raise ArchiveError(
                        f"zip expands beyond the total limit of {limits.max_total_bytes} bytes"
                    )
                # many members each under the per-member grace can still be a bomb together
                whole = already_read + produced
                if whole > _ARCHIVE_RATIO_GRACE_BYTES and whole / max(archive_bytes, 1) > (
                    limits.max_ratio
                ):
                    raise ArchiveError(
                        f"zip as a whole expands more than {limits.max_ratio:g}:1 "
                        f"({archive_bytes} bytes into over {whole} bytes; zip bomb?)"
                    )
                if produced > _RATIO_GRACE_BYTES and produced / compressed > limits.max_ratio:
                    raise ArchiveError(
                        f"zip member {info.filename!r} has a compression ratio above "
                        f"{limits.max_ratio:g}:1 (zip bomb?)"
                    )
                chunks.append(chunk)
    except zipfile.BadZipFile as exc:
        raise ArchiveError(f"corrupt zip: {exc}") from None
    except (zlib.error, EOFError, OSError, ValueError) as exc:
        raise ArchiveError(f"corrupt zip: member {info.filename!r}: {exc}") from None
    return b"".join(chunks)
