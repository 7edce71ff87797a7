"""Render demo documents on first use (shipped renders first), cache them, check signals.

Generating a 32-page statement takes a moment, so nothing is rendered until a download, a bank
income PDF or a risk-signal lookup needs it; a Sandbox renders each document at most once. The
demo's own documents are shipped pre-rendered (`prerendered.py`): a renderer given that artifact
serves a document, its page texts and a statement's chosen edit from it when the spec and this
generator's code are the ones they were made from, and generates otherwise.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reviewer.documents.mupdf_lock import MUPDF_LOCK
from reviewer.sandbox.model import DocSpec, RiskSpec, SignalSpec, TamperSpec

if TYPE_CHECKING:
    from reviewer.sandbox.docgen import _types as docgen_types
    from reviewer.sandbox.prerendered import Prerendered

# when the demo's forger saved the edited pay stub: two days after its pay date, near midnight
_EDITED_AT = datetime(2026, 11, 8, 23, 41, tzinfo=UTC)
_MONEY = re.compile(r"\$\d{1,3}(?:,\d{3})*\.\d{2}")


class RenderedDocument:
    """Bytes of one generated document with its media type and page count."""

    def __init__(self, data: bytes, media_type: str, page_count: int, filename: str) -> None:
        self.data = data
        self.media_type = media_type
        self.page_count = page_count
        self.filename = filename

    def __repr__(self) -> str:
        return f"RenderedDocument({self.filename!r}, {self.media_type}, {self.page_count} pages)"


def printed_forms(value: str) -> list[str]:
    """How an unformatted signal value may be printed: 2441.17, 2,441.17, $2,441.17."""
    forms = [value]
    try:
        number = float(value)
    except ValueError:
        return forms
    forms += [f"{number:,.2f}", f"${number:,.2f}"]
    return list(dict.fromkeys(forms))


def pages_containing(texts: list[str], text: str) -> list[int]:
    """1-based numbers of the pages whose text (whitespace collapsed) contains `text`."""
    needle = " ".join(text.split())
    if not needle:
        return []
    return [number for number, haystack in enumerate(texts, 1) if needle in haystack]


class DocumentRenderer:
    """Thread-safe lazy renderer and cache, one per Sandbox.

    `shipped`: pre-rendered results looked up before generating (None: always generate).
    `record`: keep every generated result in `made` as (what, spec, result), for the script
    that writes the artifact."""

    def __init__(self, shipped: Prerendered | None = None, *, record: bool = False) -> None:
        self._cache: dict[str, RenderedDocument] = {}
        self._texts: dict[str, list[str]] = {}
        self._shipped = shipped
        self._record = record
        self.made: list[tuple[str, DocSpec, Any]] = []
        # the process-wide MuPDF lock: the CLI's in-process document checks share it
        self._lock = MUPDF_LOCK

    def _made(self, what: str, spec: DocSpec, result: Any) -> None:
        if self._record:
            self.made.append((what, spec, result))

    def render(self, spec: DocSpec) -> RenderedDocument:
        """The document for `spec`, generated once."""
        with self._lock:
            hit = self._cache.get(spec.document_id)
            if hit is None:
                hit = self._cache[spec.document_id] = self._shipped_or_generated(spec)
            return hit

    def _shipped_or_generated(self, spec: DocSpec) -> RenderedDocument:
        shipped = self._shipped.document(spec) if self._shipped is not None else None
        if shipped is not None:
            return RenderedDocument(
                shipped.data, shipped.media_type, shipped.page_count, shipped.filename
            )
        made = _generate(spec)
        self._made("document", spec, made)
        return made

    def _page_texts(self, spec: DocSpec, doc: RenderedDocument) -> list[str]:
        """Each page's text of the PDF rendered for `spec` (whitespace collapsed), read once."""
        texts = self._texts.get(spec.document_id)
        if texts is None:
            texts = self._shipped.page_texts(spec) if self._shipped is not None else None
            if texts is None:
                from reviewer.sandbox.docgen.search import page_texts

                texts = page_texts(doc.data)
                self._made("texts", spec, texts)
            self._texts[spec.document_id] = texts
        return texts

    def locate_statement_edit(self, spec: DocSpec) -> DocSpec:
        """Pick a balance printed only on the tamper page of an untampered render; retarget the edit."""
        with self._lock:
            tamper = self._shipped.statement_edit(spec) if self._shipped is not None else None
            if tamper is None:
                tamper = _choose_statement_edit(spec)
                self._made("edit", spec, tamper)
            return DocSpec(
                spec.document_id, spec.kind, spec.source, (tamper,), min_pages=spec.min_pages
            )

    def check_signal(self, spec: DocSpec, signal: SignalSpec) -> bool:
        """Whether the signal's expected value is printed on its page."""
        with self._lock:
            return self._check_signal(spec, signal)

    def _check_signal(self, spec: DocSpec, signal: SignalSpec) -> bool:
        """Whether the signal's expected value is printed on its page (page 0: anywhere)."""
        if signal.expected_value is None or not signal.page_number:
            return True
        doc = self.render(spec)
        if doc.media_type != "application/pdf":
            return True  # photos have no text layer to check against
        texts = self._page_texts(spec, doc)
        return any(
            signal.page_number in pages_containing(texts, form)
            for form in printed_forms(signal.expected_value)
        )

    def verify(self, docs: dict[str, DocSpec], risks: list[RiskSpec]) -> None:
        """Raise if any single-document signal points at text that is not on its page."""
        for risk in risks:
            spec = docs.get(risk.document_id)
            for signal in risk.signals:
                if spec is not None and spec.downloadable and not self.check_signal(spec, signal):
                    raise RuntimeError(
                        f"signal {signal.type} on {risk.document_name}: "
                        f"{signal.expected_value!r} is not on page {signal.page_number}"
                    )


def _choose_statement_edit(spec: DocSpec) -> TamperSpec:
    """A balance printed only on the placeholder edit's page of the untampered statement."""
    from reviewer.sandbox import docgen
    from reviewer.sandbox.docgen.search import page_texts

    page = spec.tampers[0].page or 1
    plain = docgen.bank_statement_pdf(spec.source, min_pages=spec.min_pages)
    text = _page_text(plain.data, page)
    texts = page_texts(plain.data)
    for candidate in reversed(_MONEY.findall(text)):
        if pages_containing(texts, candidate) == [page]:
            value = float(candidate.replace("$", "").replace(",", ""))
            return TamperSpec(candidate, docgen.money(value + 9000), page)
    raise RuntimeError(f"no balance printed only on page {page} of the statement")


def _page_text(pdf: bytes, page: int) -> str:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:  # type: ignore[no-untyped-call]
        return str(doc[page - 1].get_text())


def _generate(spec: DocSpec) -> RenderedDocument:
    from reviewer.sandbox import docgen

    tampers = tuple(
        docgen.Tamper(t.original, t.replacement, t.page) for t in spec.tampers if t.original
    )
    meta = None
    if spec.dates_mismatch:
        meta = docgen.DocMeta(
            creation_date=datetime(2026, 2, 3, 9, 12, tzinfo=UTC),
            mod_date=datetime(2026, 11, 8, 23, 41, tzinfo=UTC),
            producer="Adobe Acrobat Pro 2024",
            creator="Adobe Acrobat Pro 2024",
        )
    name = spec.source.get("document_metadata", {}).get("name") or f"{spec.document_id}.pdf"
    if spec.kind == "paystub":
        g = docgen.paystub_pdf(spec.source, tampers=tampers, meta=meta)
    elif spec.kind == "w2":
        g = docgen.w2_pdf(spec.source, tampers=tampers, meta=meta)
    elif spec.kind == "1099":
        g = docgen.form1099_pdf(spec.source, tampers=tampers, meta=meta)
    elif spec.kind == "statement":
        g = docgen.bank_statement_pdf(
            spec.source, min_pages=spec.min_pages, tampers=tampers, meta=meta
        )
    elif spec.kind == "photo_paystub":
        g = docgen.photo_jpeg(docgen.paystub_pdf(spec.source), page=1, seed=7)
    else:
        g = docgen.bank_income_report_pdf(spec.source)
        name = "bank_income_report.pdf"
    g = _forensic_artifacts(spec, g)
    return RenderedDocument(g.data, g.media_type, g.page_count, name)


def _forensic_artifacts(
    spec: DocSpec, g: docgen_types.GeneratedDocument
) -> docgen_types.GeneratedDocument:
    """An editor's incremental update or a scan's picture over its text layer (issue 19)."""
    from reviewer.sandbox import docgen
    from reviewer.sandbox.docgen.edits import IncrementalEdit, edit_incrementally
    from reviewer.sandbox.docgen.scan import scanned_pdf

    if spec.picture_source is not None:
        picture = _generate(replace(spec, source=spec.picture_source, picture_source=None))
        g = scanned_pdf(picture.data, g.data)
    if spec.incremental_edits:
        edits = [
            IncrementalEdit(t.original, t.replacement, t.page or 1) for t in spec.incremental_edits
        ]
        data = edit_incrementally(g.data, edits, saved_at=_EDITED_AT)
        g = docgen.GeneratedDocument(data=data, media_type=g.media_type, page_count=g.page_count)
    return g
