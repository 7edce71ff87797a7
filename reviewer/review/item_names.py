"""Names a reviewer recognises for Plaid items and institutions.

Plaid's item ids ("EVgh6J7QXrvv98awY4Fyx4P5") and institution ids ("ins_116301") mean nothing
to a reviewer: dialogs and tabs name an item by what it holds ("Gusto (2 pay stubs, 1 W-2)",
"Uploaded documents (paystub_2026-10-23.pdf, W2_2025.pdf)") and keep the id for a tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the first paint does not load the case model
    from reviewer.review.model import CaseModel, DocumentInfo

_KINDS = {
    "PAYSTUB": ("pay stub", "pay stubs"),
    "US_TAX_W2": ("W-2", "W-2s"),
    "BANK_STATEMENT": ("bank statement", "bank statements"),
    "PLAID_GENERATED_PAYSTUB_PDF": ("pay stub", "pay stubs"),
}
UNNAMED_ITEM = "an item Plaid gave no name"


def count_words(count: int, singular: str, plural: str) -> str:
    """ "1 W-2", "2 pay stubs"."""
    return f"{count} {singular if count == 1 else plural}"


def _files(docs: list[DocumentInfo]) -> str:
    names = [d.name for d in docs if d.name]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return shown


def _held(docs: list[DocumentInfo]) -> str:
    counts: dict[tuple[str, str], int] = {}
    for doc in docs:
        kind = _KINDS.get((doc.document_type or "").upper(), ("document", "documents"))
        counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(count_words(n, *kind) for kind, n in counts.items())


def item_names(model: CaseModel) -> dict[str, str]:
    """item id -> "Gusto (2 pay stubs, 1 W-2)" or "Uploaded documents (a.pdf, b.pdf)"."""
    docs_by_item: dict[str, list[DocumentInfo]] = {}
    for doc in model.documents:
        if doc.item_id:
            docs_by_item.setdefault(doc.item_id, []).append(doc)
    names: dict[str, str] = {}
    for item in model.payroll_items:
        if not item.item_id:
            continue
        docs = docs_by_item.get(item.item_id, [])
        processing = item.processing_status not in (None, "PROCESSING_COMPLETE")
        if any(d.origin == "upload" for d in docs) or (not docs and processing):
            what = _files(docs) or _held(docs) or "Plaid is still reading them"
            names[item.item_id] = f"Uploaded documents ({what})"
        elif item.institution_name or docs:
            held = _held(docs)
            provider = item.institution_name or "Payroll provider"
            names[item.item_id] = provider + (f" ({held})" if held else "")
    for statements in model.statement_items:
        if statements.item_id and statements.item_id not in names:
            docs = docs_by_item.get(statements.item_id, [])
            names[statements.item_id] = f"Uploaded bank statements ({_files(docs) or 'no files'})"
    for report in model.bank_income:
        for bank_item in report.items:
            if bank_item.item_id and bank_item.institution_name:
                names.setdefault(bank_item.item_id, f"{bank_item.institution_name} (bank accounts)")
    for item_id, docs in docs_by_item.items():
        names.setdefault(item_id, f"Documents ({_files(docs) or _held(docs)})")
    return names


def item_name(names: dict[str, str], item_id: str | None) -> str:
    """The item's name, or words saying it has none (its id stays in the tooltip)."""
    return (names.get(item_id) if item_id else None) or UNNAMED_ITEM


def institution_names(model: CaseModel) -> dict[str, str]:
    """institution id ("ins_116301") -> the name Plaid gave it anywhere in the case."""
    names: dict[str, str] = {}
    for item in model.payroll_items:
        if item.institution_id and item.institution_name:
            names[item.institution_id] = item.institution_name
    for session in model.sessions:
        for result in session.payroll:
            if result.institution_id and result.institution_name:
                names.setdefault(result.institution_id, result.institution_name)
    for report in model.bank_income:
        for bank_item in report.items:
            if bank_item.institution_id and bank_item.institution_name:
                names.setdefault(bank_item.institution_id, bank_item.institution_name)
    return names
