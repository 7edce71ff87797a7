"""The saved states of a PDF, read from its bytes: each `%%EOF` closes one revision.

An incremental save appends a new body, cross-reference section and trailer to the file; the
bytes up to each earlier `%%EOF` (and its end of line) are that earlier revision, complete. This
module finds those ends without trusting the file: it bounds how many revisions it accepts,
checks that every `startxref` points inside the bytes of its own revision, and follows `/Prev`
links only to revisions found before, so a loop or a dangling offset is reported, not followed.

False friends: a linearized file ("fast web view") ends its first-page section with an extra
`%%EOF` without any edit; a digital signature is an incremental update whose `/ByteRange`
covers the revision it signs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the last revisions of a file are what a reviewer compares; a file saved more often than this
# is reported (that alone is remarkable) and its revisions are not rebuilt
MAX_REVISIONS = 32
_EOF = re.compile(rb"startxref\s{0,64}?(\d{1,20})\s{0,64}?%%EOF[ \t]{0,16}(?:\r\n|\r|\n)?")
_PREV = re.compile(rb"/Prev\s{0,16}(\d{1,20})")
_BYTE_RANGE = re.compile(
    rb"/ByteRange\s{0,16}\[\s{0,16}(\d{1,20})\s+(\d{1,20})\s+(\d{1,20})\s+(\d{1,20})"
)
_LINEARIZED = re.compile(rb"/Linearized\b")
# a trailer's /Prev is read from the end of its revision's cross-reference section
_TRAILER_WINDOW = 1 << 20


@dataclass(frozen=True)
class Structure:
    """Where each revision ends, which of them a signature covers, and what is wrong."""

    ends: tuple[int, ...]  # byte offsets, oldest first; the last is the whole file
    signed_ends: tuple[int, ...] = ()
    linearized: bool = False
    problem: str | None = None  # "could not analyse: ..." when the chain cannot be trusted
    total_eofs: int = 0


def read_structure(raw: bytes) -> Structure:
    """The revisions of the PDF in `raw`, or a problem in words when they cannot be trusted."""
    total = raw.count(b"%%EOF")
    if total > MAX_REVISIONS + 1:
        return Structure(
            ends=(len(raw),),
            problem=(
                f"could not analyse: the file was saved {total:,} times (incremental updates);"
                f" Reviewer rebuilds at most {MAX_REVISIONS} revisions"
            ),
            total_eofs=total,
        )
    matches = list(_EOF.finditer(raw))
    linearized = bool(_LINEARIZED.search(raw[:2048]))
    if linearized and len(matches) >= 2:
        # the first-page section of a linearized file ends with its own %%EOF: not an edit
        matches = matches[1:]
    if not matches:
        return Structure(ends=(len(raw),), linearized=linearized, total_eofs=total)
    ends = [m.end() for m in matches]
    xrefs = [int(m.group(1)) for m in matches]
    problem = _chain_problem(raw, ends, xrefs)
    if ends[-1] < len(raw) and raw[ends[-1] :].strip(b"\x00\r\n\t \x0c"):
        # bytes after the last %%EOF: an unfinished update; the file as a whole is what opens
        ends.append(len(raw))
    ends = sorted(set(ends))
    signed = tuple(sorted(_signed_ends(raw, ends)))
    return Structure(
        tuple(ends),
        signed_ends=signed,
        linearized=linearized,
        problem=problem,
        total_eofs=total,
    )


def _chain_problem(raw: bytes, ends: list[int], xrefs: list[int]) -> str | None:
    """Check each revision's startxref and /Prev link; the first problem found, in words."""
    size = len(raw)
    for number, (end, xref) in enumerate(zip(ends, xrefs, strict=True), start=1):
        if xref >= size:
            return (
                f"could not analyse: revision {number}'s cross-reference section points outside"
                f" the file (offset {xref:,} of {size:,} bytes)"
            )
        if xref >= end:
            return (
                f"could not analyse: revision {number}'s cross-reference section points past"
                f" its own end (offset {xref:,}, revision ends at {end:,})"
            )
    earlier: set[int] = set()
    for number, (end, xref) in enumerate(zip(ends, xrefs, strict=True), start=1):
        window = raw[max(xref, end - _TRAILER_WINDOW) : end]
        found = _PREV.findall(window)
        if found:
            prev = int(found[-1])
            if prev == xref or prev not in earlier:
                kind = "loops back on itself" if prev >= xref else "points to no earlier revision"
                return (
                    f"could not analyse: revision {number}'s /Prev link {kind}"
                    f" (offset {prev:,}); the revision chain is broken"
                )
        earlier.add(xref)
    return None


def _signed_ends(raw: bytes, ends: list[int]) -> set[int]:
    """Revision ends that a signature's /ByteRange covers (it signs everything before)."""
    signed: set[int] = set()
    for match in _BYTE_RANGE.finditer(raw, 0, min(len(raw), 64 << 20)):
        start2, length2 = int(match.group(3)), int(match.group(4))
        covered = start2 + length2
        for end in ends:
            if 0 <= end - covered <= 2:
                signed.add(end)
        if len(signed) > MAX_REVISIONS:
            break
    return signed
