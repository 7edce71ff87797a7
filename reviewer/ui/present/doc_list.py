"""The compact document list of the Documents tab: its flag column, tooltips, first pick.

`document_status_line` (what Plaid said, in words) lives in review/ for the report too.
"""

from __future__ import annotations

from reviewer.review.case_model import CaseSnapshot, DocumentRecord
from reviewer.review.document_status import LOCKED_FILE_WORDS, document_status_line
from reviewer.review.model import DocumentInfo
from reviewer.ui.present.fmt import origin
from reviewer.ui.present.risk import document_risks
from reviewer.ui.present.words import document_status_words, document_type_words, plural


def flag_text(
    score: float | None, fraud_flags: int, problem: str | None, status_line: str | None = None
) -> str:
    """ "⚑2 · 70": fraud flags then score; "locked" for a password-protected upload, "no file"
    for a file Reviewer could not get or show."""
    head = f"⚑{fraud_flags}" if fraud_flags else ""
    if score is not None:
        tail = f"{score:g}"
    elif status_line == LOCKED_FILE_WORDS:
        tail = "locked"
    elif status_line is not None and status_line.startswith("Rejected"):
        tail = "rejected"
    else:
        tail = "no file" if problem else "—"
    return f"{head} · {tail}" if head else tail


def document_tooltip(
    doc: DocumentRecord, score: float | None, fraud_flags: int, info: DocumentInfo | None = None
) -> str:
    """What the row means in words, with the ids for support (never the only label)."""
    lines = [f"{document_type_words(doc.document_type)}: {doc.name or 'no file name'}"]
    lines.append(
        "Risk: no score from Plaid" if score is None else f"Risk {score:g}/100 (higher is riskier)"
    )
    lines.append(plural(fraud_flags, "fraud flag"))
    said = document_status_line(doc, info)
    lines.append(f"Plaid's status: {said or document_status_words(doc.status)}")
    if info is not None and info.origin:
        lines.append(f"Origin: {origin(info.origin)}")
    error = info.error_message if info is not None else None
    if error:
        lines.append(f"Plaid says: {error}")
    if doc.problem:
        lines.append(f"Problem: {doc.problem}")
    lines.append(f"Document id: {doc.document_id}")
    return "\n".join(lines)


def riskiest_document(snapshot: CaseSnapshot) -> str | None:
    """The document a reviewer opens first: the highest score, then the most fraud flags;
    a document with a file to show before one without."""
    if not snapshot.documents:
        return None
    risks = document_risks(snapshot)

    def rank(doc: DocumentRecord) -> tuple[bool, float, int, int]:
        r = risks[doc.document_id]
        shown = bool(doc.sha256 or doc.path) and not doc.problem
        return (shown, r.score if r.score is not None else -1.0, r.fraud_flags, r.signal_count)

    return max(snapshot.documents, key=rank).document_id


def document_info(snapshot: CaseSnapshot | None, document_id: str) -> DocumentInfo | None:
    """The case model's view of a document (status, error message, origin), when it has one.

    Archive members beyond the first ("<id>#<n>") share their document's.
    """
    if snapshot is None:
        return None
    return snapshot.model.document(document_id.split("#", 1)[0])


def incomplete_data_line(snapshot: CaseSnapshot) -> str | None:
    """ "Data incomplete: …" when documents are missing, blocked or unread (None when whole)."""
    blocked = []
    for doc in snapshot.documents:
        line = document_status_line(doc, document_info(snapshot, doc.document_id))
        if line is not None:
            blocked.append(f"{doc.name or document_type_words(doc.document_type)}: {line}")
    if not blocked:
        return None
    count = len(snapshot.documents)
    head = f"Data incomplete: {len(blocked)} of {plural(count, 'document')} did not reach the case."
    return " ".join([head, *blocked])
