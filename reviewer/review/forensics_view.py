"""What the viewer needs from a document's forensic findings: revisions and hidden text.

Qt-free: the viewer's revision switcher and "reveal" toggle read these plain values, built
from the stored findings (never from the file), and render earlier revisions through the
documents worker under the name `revision_path` gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewer.documents.forensics import revision_path as _revision_path
from reviewer.review.findings import Finding

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class HiddenText:
    """Text a reader of the page cannot see, and where it is (1-based page, PDF points)."""

    page: int
    rect: Rect
    text: str
    why: str  # the finding's summary


@dataclass(frozen=True)
class RevisionChange:
    """A place that changed between revision `to_revision - 1` and `to_revision`."""

    page: int
    rect: Rect
    to_revision: int
    before: str | None
    after: str | None


@dataclass(frozen=True)
class DocumentForensicsView:
    """A document's revisions (count, changes) and hidden texts, for the viewer."""

    revisions: int = 1
    changes: tuple[RevisionChange, ...] = ()
    hidden: tuple[HiddenText, ...] = ()

    @property
    def has_revisions(self) -> bool:
        """Whether the switcher has earlier revisions to show."""
        return self.revisions > 1


def forensics_view(document_id: str, findings: list[Finding]) -> DocumentForensicsView:
    """The revisions and hidden texts of one document from the case's findings."""
    revisions = 1
    changes: list[RevisionChange] = []
    hidden: list[HiddenText] = []
    for finding in findings:
        if document_id not in finding.document_ids:
            continue
        values = finding.values
        places = [loc for loc in finding.locations if loc.document_id == document_id]
        if finding.check.startswith("revision.") and isinstance(values.get("revisions"), int):
            revisions = max(revisions, int(values["revisions"]))  # type: ignore[arg-type]
            to = values.get("to_revision")
            for loc in places:
                changes.append(
                    RevisionChange(
                        loc.page,
                        loc.rect,
                        int(to) if isinstance(to, int) else revisions,
                        _text(values.get("before")),
                        _text(values.get("after")),
                    )
                )
        text = values.get("hidden_text")
        if (
            isinstance(text, str)
            and text
            and finding.category in ("masking", "text_layer", "revision")
        ):
            hidden += [HiddenText(loc.page, loc.rect, text, finding.summary) for loc in places]
    return DocumentForensicsView(revisions, tuple(changes), tuple(_distinct(hidden)))


def revision_path(path: Path, number: int) -> Path:
    """The name under which the documents worker renders revision `number` of `path`."""
    return Path(_revision_path(path, number))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _distinct(hidden: list[HiddenText]) -> list[HiddenText]:
    """One hidden text per place (a masked figure is also what an earlier revision said)."""
    seen: list[HiddenText] = []
    for item in hidden:
        if not any(
            other.page == item.page and other.text == item.text and _overlap(other.rect, item.rect)
            for other in seen
        ):
            seen.append(item)
    return seen


def _overlap(a: Rect, b: Rect) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
