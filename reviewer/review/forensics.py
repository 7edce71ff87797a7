"""Document forensics as findings: what each file admits, in the findings contract.

`DocumentForensics` is a findings producer (see `reviewer.review.findings_run`): for each
stored document it asks the documents worker for a `ForensicsReport` (the analysis never runs
in this process) and turns its clues into findings located on the page, adds a pass per
category that found nothing, "not applicable" lines for what could not be analysed, the
metadata judgement, and the file's fingerprint for "seen before" (`reviewer.review.seen_before`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.review.case_model import CaseSnapshot, DocumentRecord
from reviewer.review.findings import Category, Finding, FindingLocation, not_applicable, passed
from reviewer.review.producer_versions import FORENSICS_VERSION as FORENSICS_VERSION

if TYPE_CHECKING:  # the case model's modules load with the first computation, not on import
    # (nor the report's types and the documents backend: `reviewer show` only asks whether
    # this producer's stored findings are of its version)
    from reviewer.documents.forensics.types import Clue, ForensicsReport
    from reviewer.review.document_backend import DocumentBackend
    from reviewer.review.forensics_dates import OwnDate
    from reviewer.review.model import CaseModel

FINGERPRINT_CHECK = "seen_before.fingerprint"

_PASSES: dict[Category, tuple[str, str]] = {
    "revision": ("revision.saved_once", "Saved once: the file holds no earlier revision"),
    "masking": ("masking.none", "No covered, invisible or off-page text"),
    "fonts": ("fonts.consistent", "Every figure is set in the document's own fonts, on its row"),
}


class DocumentForensics:
    """The findings producer for document forensics (issue 19)."""

    name = "forensics"
    version = FORENSICS_VERSION

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        # the wall clock a file's dates must not be after ("dates in the future")
        self._now = now or (lambda: datetime.now(UTC))

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        """Forensics of every stored document of the snapshot. Blocks on the worker."""
        from reviewer.review.signals import LOCATABLE_MEDIA  # with the backend's result types

        found: list[Finding] = []
        employers = employers_by_document(snapshot.model)
        from reviewer.review.forensics_dates import own_dates

        dates = own_dates(snapshot.model)
        applicants = applicants_by_document(snapshot.model)
        now = self._now()
        for doc in snapshot.documents:
            if not doc.path or doc.media_type not in LOCATABLE_MEDIA:
                continue
            report = backend.forensics(Path(doc.path))
            found += report_findings(
                doc,
                report,
                employers.get(doc.document_id),
                now=now,
                own=dates.get(doc.document_id),
                applicant=applicants.get(doc.document_id),
            )
        return found


def employers_by_document(model: CaseModel) -> dict[str, tuple[str, str]]:
    """document id -> (employer name, address) as Plaid read them off pay stubs and W-2s."""
    found: dict[str, tuple[str, str]] = {}
    parties = [(s.document.document_id, s.employer) for s in model.pay_stubs]
    parties += [(w.document.document_id, w.employer) for w in model.w2s]
    for doc_id, employer in parties:
        where = employer.address
        parts = (where.street, where.city, where.region, where.postal_code) if where else ()
        text = ", ".join(p for p in parts if p)
        if text:
            found[doc_id] = (employer.name or "", text)
    return found


def applicants_by_document(model: CaseModel) -> dict[str, str]:
    """document id -> the applicant's name as that document states it (Plaid's reading)."""
    return {c.document_id: c.name for c in model.identity if c.document_id and c.name}


def report_findings(
    doc: DocumentRecord,
    report: ForensicsReport,
    employer: tuple[str, str] | None = None,
    *,
    now: datetime | None = None,
    own: OwnDate | None = None,
    applicant: str | None = None,
) -> list[Finding]:
    """Every finding one document's report gives (failures, passes, not applicables)."""
    ids = (doc.document_id,)
    is_pdf = doc.media_type == "application/pdf"
    found = [clue_finding(doc.document_id, group) for group in grouped(report.clues)]
    for line in report.could_not:
        found.append(
            not_applicable(
                "forensics.could_not_analyse",
                _category_of(line),
                line,
                summary=f"{doc.name or doc.document_type}: {line}",
                document_ids=ids,
            )
        )
    if is_pdf and not report.could_not:
        seen = {clue.category for clue in report.clues}
        for category, (check, summary) in _PASSES.items():
            if category not in seen:
                if category == "revision" and len(report.revisions) > 1:
                    kinds = ", ".join(r.kind for r in report.revisions[1:])
                    summary = f"{len(report.revisions)} revisions, none changing a page ({kinds})"
                found.append(passed(check, category, summary, document_ids=ids))
    from reviewer.review.forensics_metadata import metadata_findings

    found += metadata_findings(doc.document_id, report.timeline, is_pdf=is_pdf, now=now, own=own)
    found.append(_fingerprint(doc, report, employer, applicant))
    return found


def grouped(clues: tuple[Clue, ...]) -> list[list[Clue]]:
    """Clues saying the same thing about the same value, together (an edited figure is often
    printed three times on a stub: one finding with three boxes, not three findings)."""
    groups: dict[tuple[object, ...], list[Clue]] = {}
    for clue in clues:
        v = clue.values
        key = (
            clue.check,
            clue.page,
            clue.severity,
            v.get("before"),
            v.get("after"),
            v.get("hidden"),
            v.get("shown"),
            v.get("value"),
            v.get("font"),
            v.get("text_layer"),
        )
        groups.setdefault(key, []).append(clue)
    return list(groups.values())


def clue_finding(document_id: str, group: list[Clue]) -> Finding:
    """Clues of one group as one finding located on its page; the hidden text rides in
    `values` (the viewer's "reveal" draws it)."""
    # the clue whose value has a label says best what it is
    clue = next((c for c in group if c.values.get("field")), group[0])
    values = dict(clue.values)
    if clue.hidden_text:
        values["hidden_text"] = clue.hidden_text
    summary = clue.summary
    if len(group) > 1:
        summary += f"; the same in {len(group) - 1} more place(s) on the page"
        values["places"] = len(group)
    locations = tuple(
        FindingLocation(document_id, c.page, _rounded(r))
        for c in group
        if c.page > 0
        for r in c.rects
    )
    return Finding(
        check=clue.check,
        category=clue.category,
        severity=clue.severity,
        summary=summary,
        document_ids=(document_id,),
        locations=locations,
        values=values,
    )


def _fingerprint(
    doc: DocumentRecord,
    report: ForensicsReport,
    employer: tuple[str, str] | None,
    applicant: str | None,
) -> Finding:
    prints = report.fingerprint
    return passed(
        FINGERPRINT_CHECK,
        "seen_before",
        "Fingerprint taken to compare this file with other cases (hash, layout, identifiers)",
        document_ids=(doc.document_id,),
        values={
            "sha256": doc.sha256,
            "template": prints.template,
            "figures": prints.figures,
            "applicant": applicant,
            "phones": ", ".join(prints.phones) or None,
            "accounts": ", ".join(prints.accounts) or None,
            "document_type": doc.document_type,
            "name": doc.name,
            "employer": employer[0] if employer else None,
            "employer_address": employer[1] if employer else None,
        },
    )


def _category_of(line: str) -> Category:
    lowered = line.lower()
    if "xmp" in lowered or "exif" in lowered or "metadata" in lowered:
        return "metadata"
    if "text layer" in lowered:
        return "text_layer"
    if "page" in lowered and "revision" not in lowered:
        return "masking"
    return "revision"


def _rounded(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (round(float(v), 2) for v in rect)
    return (x0, y0, x1, y1)
