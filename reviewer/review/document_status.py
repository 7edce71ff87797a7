"""What Plaid said about a document, in words a reviewer can act on (the app, report and CLI).

Plaid reports a blocked upload as a status and an error message ("DOCUMENT_ERROR", "The
document is password protected"); a reviewer needs to read "Password protected: the applicant
must upload an unlocked copy." wherever the document appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the first paint does not load the case model
    from reviewer.review.case_model import DocumentRecord
    from reviewer.review.model import DocumentInfo

DOCUMENT_TYPES = {
    "PAYSTUB": "Pay stub",
    "PAY_STUB": "Pay stub",
    "PAYSLIP": "Pay stub",
    "BANK_STATEMENT": "Bank statement",
    "US_TAX_W2": "W-2",
    "W2": "W-2",
    "US_TAX_1099_MISC": "1099-MISC",
    "US_TAX_1099_K": "1099-K",
    "US_TAX_1099_NEC": "1099-NEC",
    "FORM_1099": "1099",
    "US_MILITARY_ERAS": "Military retirement statement (eRAS)",
    "US_MILITARY_LES": "Military leave and earnings statement",
    "US_MILITARY_CLES": "Military civilian leave and earnings statement",
    "GIG": "Gig income statement",
    "PLAID_GENERATED_PAYSTUB_PDF": "Pay stub (PDF made by Plaid from payroll data)",
    "BANK_INCOME_REPORT": "Bank income report",
    "UNKNOWN": "Document of unknown type",
    "NONE": "Document of unknown type",
}


def _sentence(code: str) -> str:
    words = code.replace("_", " ").strip().lower()
    return words[:1].upper() + words[1:]


def document_type_words(code: str | None) -> str:
    """`US_TAX_W2` -> `W-2`; an unknown code in sentence case."""
    if not code:
        return "Document"
    return DOCUMENT_TYPES.get(code.upper(), _sentence(code))


LOCKED_FILE_WORDS = "Password protected: the applicant must upload an unlocked copy."


def status_line(status: str | None, message: str | None, problem: str | None = None) -> str | None:
    """Plaid's status and error message (and Reviewer's own problem getting the file) as the
    line a reviewer reads; None when there is nothing to say."""
    status = (status or "").upper()
    message = message or ""
    text = f"{message} {problem or ''}".lower()
    if "password" in text or status == "PASSWORD_PROTECTED":
        return LOCKED_FILE_WORDS
    if status in ("DOCUMENT_ERROR", "PROCESSING_ERROR", "FAILED"):
        said = message.strip().rstrip(".") or "no reason given"
        return f"Rejected by Plaid: {said}. Its figures are not in the case."
    if status == "PROCESSING":
        return "Plaid is still reading this document: no figures or risk score yet."
    if status == "VIRUS_DETECTED":
        return "Blocked by Plaid: a virus was found. Do not ask for this file again."
    return None


def document_status_line(doc: DocumentRecord, info: DocumentInfo | None = None) -> str | None:
    """What Plaid said about a document, in words a reviewer can act on (None: nothing to say).

    `info` is the case model's view of the document (status, error_message), when known; the
    risk-signals status (PASSWORD_PROTECTED, VIRUS_DETECTED) counts when the document's own
    status says only DOCUMENT_ERROR.
    """
    message = info.error_message if info else None
    statuses = ((info.status if info else None), doc.status, doc.risk_status)
    lines = [line for st in statuses if (line := status_line(st, message, doc.problem))]
    # the most specific word first: a locked or infected file, then a rejection or a wait
    for line in lines:
        if line == LOCKED_FILE_WORDS or line.startswith("Blocked by Plaid"):
            return line
    if lines:
        return lines[0]
    if doc.problem and not (doc.sha256 or doc.path):
        return f"No file to show: {doc.problem}."
    return None


def short_status(line: str) -> str:
    """The head of a status line ("Password protected", "Rejected by Plaid") for a narrow cell."""
    return line.split(":", 1)[0]
