"""Plain results of document forensics: what the file itself admits, as data.

The documents layer cannot know the case model, so forensics returns these frozen values and
`reviewer.review` turns them into findings. Rectangles are PDF points, origin top-left, on the
page of the newest revision (the one every other surface shows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Rect = tuple[float, float, float, float]
Severity = Literal["high", "medium", "low", "pass"]
Category = Literal["revision", "masking", "text_layer", "fonts", "metadata"]
Value = str | float | int | None


@dataclass(frozen=True)
class Clue:
    """One thing the file admits, located where possible.

    `check` is a stable id ("revision.changed_text"); `page` is 1-based (0: the whole file);
    `hidden_text` is text a reviewer cannot see on the page (masked, invisible, recovered
    from an earlier revision) that the viewer's "reveal" toggle draws over `rects`.
    """

    check: str
    category: Category
    severity: Severity
    summary: str
    page: int = 0
    rects: tuple[Rect, ...] = ()
    values: dict[str, Value] = field(default_factory=dict)
    hidden_text: str | None = None


@dataclass(frozen=True)
class RevisionInfo:
    """One saved state of a PDF: its bytes are the file's first `end` bytes.

    `kind` says why the file was saved again: "original", "edit" (pages changed), "no visible
    change" (metadata, annotations), "linearization" (fast web view, not an edit) or
    "signature" (a digital signature's own update).
    """

    number: int  # 1-based, oldest first
    end: int
    kind: str
    producer: str | None = None
    modified: str | None = None
    changed_pages: tuple[int, ...] = ()  # 1-based pages that differ from the revision before


@dataclass(frozen=True)
class Fingerprint:
    """What lets "seen before" recognise this file in another case without its text.

    `template` hashes the page layout with the variable text removed (drawings, images and the
    positions of text lines with their fonts); `phones` and `accounts` are printed identifiers;
    `figures` hashes the amounts printed (None when there are too few to tell documents apart).
    """

    template: str | None = None
    phones: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    # the money amounts printed on those pages, as a hash: one template filled in with the same
    # figures for another person is a copied document, not a payroll provider's common layout
    figures: str | None = None


@dataclass(frozen=True)
class Timeline:
    """Who made and changed the file, and when, as the file states it (dates ISO 8601).

    `tools` are the software names the file mentions (producer, creator, XMP creator tool and
    history agents, EXIF software), oldest first; `history` is XMP's editing history as lines.
    """

    created: str | None = None
    modified: str | None = None
    producer: str | None = None
    creator: str | None = None
    tools: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    camera: str | None = None  # EXIF make and model of a photographed page
    taken: str | None = None  # EXIF DateTimeOriginal
    has_metadata: bool = False


@dataclass(frozen=True)
class ForensicsReport:
    """Everything forensics found in one file, and what it could not analyse (in words)."""

    clues: tuple[Clue, ...] = ()
    revisions: tuple[RevisionInfo, ...] = ()
    fingerprint: Fingerprint = Fingerprint()
    timeline: Timeline = Timeline()
    could_not: tuple[str, ...] = ()  # "could not analyse: ..." lines
    elapsed_ms: float = 0.0

    @property
    def revision_count(self) -> int:
        """How many saved states the file has (1 for a file saved once)."""
        return max(len(self.revisions), 1)
