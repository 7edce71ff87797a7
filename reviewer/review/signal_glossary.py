"""A reviewer's glossary of Plaid's document risk signal types (Qt-free).

Plaid's spec lists 32 values of `DocumentRiskSignal.type` (x-override-enum-values-shown) with
no explanation. Reviewers need each one in plain words, how much weight to give it and what to
check next. Severities follow the practice document-fraud vendors publish (Inscribe's table:
EXIF edits high, annotation dates medium, date format mismatches low, a flattened PDF a
warning only). They are guidance for ordering and colouring, not a verdict: Plaid's
`has_fraud_risk` and risk score decide whether a signal counts against the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """How much a signal type weighs when it carries fraud risk; higher sorts first."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        """The word a reviewer reads ("High", "Info")."""
        return self.name.capitalize()


@dataclass(frozen=True)
class SignalGuide:
    """What a signal type means, its severity and what to check next."""

    type: str
    title: str
    meaning: str
    severity: Severity
    next_step: str
    known: bool = True


_H, _M, _L, _I = Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO

# type -> (title, meaning, severity, next step)
_GLOSSARY: dict[str, tuple[str, str, Severity, str]] = {
    "FONT": (
        "Font mismatch",
        "Characters in this field use a different font than the rest of the document.",
        _H,
        "Zoom into the field and compare its glyphs with the same field elsewhere.",
    ),
    "MASKING": (
        "Masked content",
        "Something was drawn over the original content to hide it.",
        _H,
        "Look for boxes or blocks covering text; ask for the original document.",
    ),
    "OVERLAID_TEXT": (
        "Overlaid text",
        "New text was placed on top of the original text.",
        _H,
        "Compare the value with the totals and dates it should agree with.",
    ),
    "EDITED_TEXT": (
        "Edited text",
        "The text of this field was changed after the document was produced.",
        _H,
        "Recompute the value from the other figures; request the document from the source.",
    ),
    "TEXT_COMPRESSION": (
        "Text compression anomaly",
        "Part of the text was compressed differently, as when a region is pasted in.",
        _M,
        "Check the region for sharpness or colour differences around the value.",
    ),
    "ADDRESS_FORMAT_ANOMALY": (
        "Address format anomaly",
        "The address does not follow the format this issuer uses.",
        _M,
        "Compare the address with the applicant's other documents and the issuer's format.",
    ),
    "DATE_FORMAT_ANOMALY": (
        "Date format anomaly",
        "A date is written in a format that does not match the rest of the document.",
        _L,
        "Check the date against the pay period and neighbouring dates.",
    ),
    "FONT_ANOMALY": (
        "Font anomaly",
        "The fonts do not match what this issuer's documents use.",
        _M,
        "Open Document facts and compare the fonts per page with a known-good document.",
    ),
    "NAME_FORMAT_ANOMALY": (
        "Name format anomaly",
        "A name is written in a format that does not match the issuer's.",
        _L,
        "Compare the name with the applicant's identity data.",
    ),
    "PDF_ALIGNMENT": (
        "Misaligned text",
        "Text in this field is out of line with its neighbours, as after an edit.",
        _M,
        "Zoom in and check the baseline and spacing of the value.",
    ),
    "BRUSH_DETECTION": (
        "Brush or paint marks",
        "An image editor's brush was used on the document.",
        _H,
        "Look for smudged or repainted areas; ask for the original.",
    ),
    "METADATA_DATES_OUTSIDE_WINDOW": (
        "File dates outside the expected window",
        "The file was created or modified long after the period it covers.",
        _M,
        "Compare creation and modification dates in Document facts with the statement dates.",
    ),
    "METADATA_DATES_INSIDE_WINDOW": (
        "File dates inside the expected window",
        "The file's dates fit the period the document covers.",
        _I,
        "Nothing to do unless other signals point at edits.",
    ),
    "METADATA_DATES_MISSING": (
        "File dates missing",
        "The file carries no creation or modification dates, which editors often strip.",
        _L,
        "Check Document facts for the producer; ask how the file was obtained.",
    ),
    "METADATA_DATES_MATCH": (
        "File dates match",
        "The creation and modification dates agree: the file was not re-saved.",
        _I,
        "Nothing to do.",
    ),
    "ADOBE_FONTS": (
        "Editing-software fonts",
        "The document uses fonts that editing software adds, not the issuer's.",
        _M,
        "Check which pages use those fonts in Document facts.",
    ),
    "ANNOTATION_DATES": (
        "Annotation dates",
        "Annotations were added at a different time than the document was made.",
        _M,
        "See which page carries annotations and whether they change a value.",
    ),
    "ANNOTATIONS": (
        "Annotations",
        "The document carries annotations (comments, stamps, drawn boxes).",
        _L,
        "Check whether an annotation covers or changes a value.",
    ),
    "EDITED_WHILE_SCANNED": (
        "Edited after scanning",
        "A scanned document was edited digitally after the scan.",
        _H,
        "Look for regions sharper or cleaner than the rest of the scan.",
    ),
    "EXIF_DATA_MODIFIED": (
        "Photo data modified",
        "The image's EXIF data shows it was saved by an image editor.",
        _H,
        "Ask for the original photo or a document from the issuer.",
    ),
    "HIGH_USER_ACCESS": (
        "Opened and saved many times",
        "The file was opened and saved by a user many times before upload.",
        _M,
        "Ask the applicant how the document was obtained.",
    ),
    "MALFORMED_DATE": (
        "Malformed date",
        "A date on the document is impossible or malformed.",
        _L,
        "Check the date against the calendar and the pay period.",
    ),
    "QPDF": (
        "Rewritten with QPDF",
        "The file was rewritten by QPDF, a tool used to decrypt or restructure PDFs.",
        _M,
        "Check the producer in Document facts; ask for the file as downloaded.",
    ),
    "TEXT_LAYER_TEXT": (
        "Text layer differs",
        "The hidden text layer says something other than what the page shows.",
        _H,
        "Compare the printed value with the copied text of the same field.",
    ),
    "TOUCHUP_TEXT": (
        "Touch-up tool used",
        "Text was changed with a PDF editor's touch-up tool.",
        _H,
        "Treat the flagged value as edited; verify it against another source.",
    ),
    "FLATTENED_PDF": (
        "Flattened PDF",
        "The PDF was flattened (layers merged), which hides edit traces; many tools do this.",
        _I,
        "A warning only: weigh the other signals more.",
    ),
    "BLACKLISTS": (
        "On a blocklist",
        "The document or a detail in it matches a known-fraud list.",
        _H,
        "Escalate: reject or refer to the fraud team per policy.",
    ),
    "COPYCAT_IMAGE": (
        "Copy of another image",
        "The image matches one submitted before, possibly by someone else.",
        _H,
        "Search earlier cases for the same document; escalate.",
    ),
    "COPYCAT_TEXT": (
        "Copy of another document's text",
        "The text matches a document submitted before.",
        _H,
        "Search earlier cases for the same employer and amounts; escalate.",
    ),
    "REJECTED_CUSTOMER": (
        "Previously rejected",
        "The document matches one from a customer rejected before.",
        _H,
        "Escalate per policy.",
    ),
    "TEMPLATES": (
        "Made from a template",
        "The document matches a known fake-document template.",
        _H,
        "Treat as fabricated; escalate.",
    ),
    "SOFTWARE_BLACKLIST": (
        "Blocklisted software",
        "The file was produced by software known for making fake documents.",
        _H,
        "Check the producer and creator in Document facts; escalate.",
    ),
}

KNOWN_TYPES: frozenset[str] = frozenset(_GLOSSARY)


def guide_for(signal_type: str | None) -> SignalGuide:
    """The glossary entry for a signal type; a cautious fallback for types not known yet."""
    if signal_type and signal_type.upper() in _GLOSSARY:
        key = signal_type.upper()
        title, meaning, severity, next_step = _GLOSSARY[key]
        return SignalGuide(key, title, meaning, severity, next_step)
    words = (signal_type or "unspecified").replace("_", " ").strip().capitalize()
    return SignalGuide(
        signal_type or "",
        words or "Unspecified signal",
        "A signal type this version of Reviewer does not know yet; read Plaid's description.",
        Severity.MEDIUM,
        "Read the description and check the field by hand.",
        known=False,
    )


def effective_severity(signal_type: str | None, has_fraud_risk: bool | None) -> Severity:
    """The severity to show: a check that passed (has_fraud_risk false) is only information."""
    if has_fraud_risk is False:
        return Severity.INFO
    return guide_for(signal_type).severity
