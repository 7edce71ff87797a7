"""Download, verify and store the documents one Plaid response points at.

Signed `download_url`s live two minutes and work once, so each is fetched right after the
response that carried it. An expired or used URL (403/404 from the storage host, whatever the
body) or a zip that fails its CRC check triggers one fresh `payroll_income/get` or
`bank_statements/uploads/get` for that item, then the document is tried once more.
Archives are untrusted: `extract_zip` streams members with byte caps and never writes by name;
files are stored by content hash.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.documents.archive import ArchiveContents, ArchiveError, ArchiveMember, read_zip
from reviewer.plaid.errors import DocumentDownloadError, PlaidError
from reviewer.review.case_model import DocumentRecord
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.model import document_key
from reviewer.review.progress import ProgressTracker

if TYPE_CHECKING:
    from reviewer.plaid.models import CreditDocumentMetadata, PlaidModel

log = logging.getLogger(__name__)

_MIB = 1024 * 1024


class CaseBudget:
    """How many document files, and bytes of them, one fetch may store for one case.

    Shared by the threads of a fetch (payroll and bank statements download concurrently). A
    document past either limit is recorded with the limit in words and its file not stored;
    what was stored before stays.
    """

    def __init__(self, max_documents: int = 250, max_bytes: int = 512 * _MIB) -> None:
        self.max_documents = max_documents
        self.max_bytes = max_bytes
        self.documents = 0
        self.bytes = 0
        self._lock = threading.Lock()

    def exhausted(self) -> str | None:
        """The limit already reached (nothing more fits), or None."""
        with self._lock:
            if self.documents >= self.max_documents:
                return f"the limit of {self.max_documents} documents per case was reached"
            if self.bytes >= self.max_bytes:
                return (
                    f"the limit of {self.max_bytes // _MIB} MiB of documents per case was reached"
                )
            return None

    def take(self, nbytes: int) -> str | None:
        """Count one file of `nbytes`; None if it fits, else the limit it would break."""
        with self._lock:
            if self.documents + 1 > self.max_documents:
                return f"the limit of {self.max_documents} documents per case was reached"
            if self.bytes + nbytes > self.max_bytes:
                return (
                    f"the limit of {self.max_bytes // _MIB} MiB of documents per case was reached"
                )
            self.documents += 1
            self.bytes += nbytes
            return None


@dataclass(frozen=True)
class DocumentRef:
    """One document a response lists: its id, item and what Plaid says about the file."""

    document_id: str
    item_id: str | None
    document_type: str
    source_endpoint: str
    name: str | None = None
    download_url: str | None = None
    status: str | None = None
    page_count: int | None = None


def iter_document_refs(endpoint: str, response: PlaidModel | None) -> Iterator[DocumentRef]:
    """Every document of a validated payroll-income or bank-statements response."""
    from reviewer.plaid import models  # loads only for a fetch (`reviewer cases` never pays)

    if isinstance(response, models.CreditPayrollIncomeGetResponse):
        for item in response.items:
            item_id = item.item_id if item else None
            for income in item.payroll_income if item else []:
                if income is None:
                    continue
                for stub in income.pay_stubs:
                    if stub is not None:
                        yield _ref(
                            stub.document_id, stub.document_metadata, item_id, "PAYSTUB", endpoint
                        )
                for w2 in income.w2s:
                    if w2 is not None:
                        yield _ref(
                            w2.document_id, w2.document_metadata, item_id, "US_TAX_W2", endpoint
                        )
                for form in income.form1099s:
                    if form is not None:
                        yield _ref(
                            form.document_id,
                            form.document_metadata,
                            item_id,
                            "US_TAX_1099",
                            endpoint,
                        )
    elif isinstance(response, models.CreditBankStatementsUploadsGetResponse):
        for st_item in response.items:
            item_id = st_item.item_id if st_item else None
            for statement in st_item.bank_statements if st_item else []:
                if statement is not None:
                    yield _ref(
                        statement.document_id,
                        statement.document_metadata,
                        item_id,
                        "BANK_STATEMENT",
                        endpoint,
                    )


def _ref(
    document_id: str | None,
    meta: CreditDocumentMetadata | None,
    item_id: str | None,
    kind: str,
    endpoint: str,
) -> DocumentRef:
    name = meta.name if meta and meta.name else None
    page_count = meta.page_count if meta else None
    return DocumentRef(
        document_id=document_key(document_id, item_id, name, kind),
        item_id=item_id,
        document_type=(meta.document_type if meta else None) or kind,
        source_endpoint=endpoint,
        name=name,
        download_url=meta.download_url if meta and meta.download_url else None,
        status=meta.status if meta else None,
        page_count=page_count if isinstance(page_count, int) else None,
    )


@dataclass
class DocumentFetcher:
    """Stores the documents of one endpoint's response; asks Plaid for fresh URLs when needed."""

    download: Callable[[str], bytes]
    refetch_item: Callable[[str], PlaidModel | None]  # item_id -> fresh validated response
    put_document: Callable[[bytes], tuple[str, Path]]
    backend: DocumentBackend
    progress: ProgressTracker
    budget: CaseBudget = field(default_factory=CaseBudget)
    max_refreshes_per_item: int = 1
    # "name: problem" of every document that should have been stored and was not
    failures: list[str] = field(default_factory=list)
    _fresh: dict[str, dict[str, DocumentRef]] = field(default_factory=dict)
    _refreshes: dict[str, int] = field(default_factory=dict)

    def fetch_all(self, refs: list[DocumentRef]) -> list[DocumentRecord]:
        """Download every document of `refs`; problems are recorded on the records."""
        self.progress.add_work(len(refs))
        records: list[DocumentRecord] = []
        for ref in refs:
            self.progress.check_cancel()
            records.extend(self._fetch_one(ref))
        return records

    def _fetch_one(self, ref: DocumentRef) -> list[DocumentRecord]:
        name = ref.name or ref.document_id
        url = ref.download_url
        if not url:
            self.progress.step(f"{name}: no document available")
            return [self._record(ref, problem="no document available")]
        attempt_ref = ref
        if (full := self.budget.exhausted()) is not None:
            return [self._failed(ref, name, f"not downloaded: {full}")]
        while True:
            try:
                data = self.download(url)
                contents = read_zip(data)
            except (DocumentDownloadError, ArchiveError) as exc:
                retryable = isinstance(exc, ArchiveError) or exc.expired_or_used
                fresh = self._fresh_ref(attempt_ref) if retryable else None
                if fresh is not None and fresh.download_url:
                    log.info("document %s: %s; retrying with a fresh URL", ref.document_id, exc)
                    attempt_ref, url = fresh, fresh.download_url
                    continue
                return [self._failed(ref, name, _describe(exc))]
            except PlaidError as exc:
                return [self._failed(ref, name, _describe(exc))]
            self.progress.step(f"document {name}", nbytes=len(data))
            return self._store_members(attempt_ref, contents)

    def _failed(self, ref: DocumentRef, name: str, problem: str) -> DocumentRecord:
        self.progress.step(f"{name}: failed")
        self.failures.append(f"{name}: {problem}")
        return self._record(ref, problem=problem)

    def _fresh_ref(self, ref: DocumentRef) -> DocumentRef | None:
        """The same document from one fresh response for its item (bounded per item)."""
        if ref.item_id is None:
            return None
        used = self._refreshes.get(ref.item_id, 0)
        if used >= self.max_refreshes_per_item:
            fresh = self._fresh.get(ref.item_id, {}).get(ref.document_id)
            # a URL from the refreshed response that this document has not used yet
            return fresh if fresh is not None and fresh is not ref else None
        self._refreshes[ref.item_id] = used + 1
        try:
            body = self.refetch_item(ref.item_id)
        except (PlaidError, ValueError) as exc:
            log.warning("fresh URLs for item %s failed: %s", ref.item_id, exc)
            return None
        refs = {r.document_id: r for r in iter_document_refs(ref.source_endpoint, body)}
        self._fresh[ref.item_id] = refs
        return refs.get(ref.document_id)

    def _store_members(self, ref: DocumentRef, contents: ArchiveContents) -> list[DocumentRecord]:
        members = contents.members
        rejected = "; ".join(f"{r.name!r} {r.reason}" for r in contents.rejected)
        if not members:
            why = f" (rejected: {rejected})" if rejected else ""
            return [self._record(ref, problem=f"the archive holds no usable document{why}")]
        primary = _primary_member(members, ref.name)
        records = [
            self._record(
                ref,
                document_id=f"{ref.document_id}#rejected{n}",
                problem=f"kept out of the archive: {r.reason}",
                archive_member=r.name,
            )
            for n, r in enumerate(contents.rejected)
        ]
        for index, member in enumerate(members):
            document_id = ref.document_id if member is primary else f"{ref.document_id}#{index}"
            if (full := self.budget.take(len(member.data))) is not None:
                refused = f"not stored: {full}"
                self.failures.append(f"{ref.name or document_id}: {refused}")
                records.append(
                    self._record(
                        ref, document_id=document_id, problem=refused, archive_member=member.name
                    )
                )
                continue
            sha, path = self.put_document(member.data)
            problem = None if member.supported else f"unsupported file type ({member.media_type})"
            page_count, repaired = None, False
            if member.supported:
                info = self.backend.inspect(path, member.media_type)
                page_count, repaired, problem = info.page_count, info.repaired, info.problem
            records.append(
                self._record(
                    ref,
                    document_id=document_id,
                    path=str(path),
                    sha256=sha,
                    page_count=page_count,
                    problem=problem,
                    media_type=member.media_type,
                    archive_member=member.name,
                    repaired=repaired,
                )
            )
        return records

    @staticmethod
    def _record(ref: DocumentRef, **overrides: Any) -> DocumentRecord:
        values: dict[str, Any] = {
            "document_id": ref.document_id,
            "item_id": ref.item_id,
            "document_type": ref.document_type,
            "name": ref.name,
            "source_endpoint": ref.source_endpoint,
            "path": None,
            "sha256": None,
            "page_count": ref.page_count,
            "problem": None,
            "status": ref.status,
        }
        values.update(overrides)
        return DocumentRecord(**values)


def _primary_member(members: list[ArchiveMember], wanted: str | None) -> ArchiveMember:
    """The member that is the Plaid document: same name if present, else the first supported."""
    if wanted:
        stem = wanted.rsplit(".", 1)[0].lower()
        for member in members:
            if member.name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower() == stem:
                return member
    return next((m for m in members if m.supported), members[0])


def _describe(exc: Exception) -> str:
    if isinstance(exc, DocumentDownloadError) and exc.expired_or_used:
        return "download link expired or already used, and no fresh link could be had"
    if isinstance(exc, ArchiveError):
        return f"damaged download: {exc}"
    return str(exc) or type(exc).__name__
