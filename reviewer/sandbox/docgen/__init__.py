"""Realistic applicant documents for the local Plaid sandbox, generated deterministically.

Each generator takes a Plaid-shaped dict (the spec schema named in its docstring), tolerates missing
or null fields, and returns identical bytes for identical input. Amounts print as `money(x)`, dates
as `date_text(iso)`. Tampers leave real artifacts: the original under a white box, the replacement
in another font; `DocMeta` sets the PDF creation/modification dates.

The generators are loaded on first use (PEP 562): importing the package, or a data-only module
of it such as `examples`, does not import PyMuPDF, which a demo served from its pre-rendered
documents never needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.sandbox.docgen._types import (
        DocMeta,
        GeneratedDocument,
        Tamper,
        date_text,
        money,
        pdf_date,
    )
    from reviewer.sandbox.docgen.bank_income_report import bank_income_report_pdf
    from reviewer.sandbox.docgen.bank_statement import bank_statement_pdf
    from reviewer.sandbox.docgen.form1099 import form1099_pdf
    from reviewer.sandbox.docgen.paystub import paystub_pdf
    from reviewer.sandbox.docgen.photo import photo_jpeg
    from reviewer.sandbox.docgen.search import find_text_pages
    from reviewer.sandbox.docgen.w2 import w2_pdf

_HOMES = {
    "DocMeta": "_types",
    "GeneratedDocument": "_types",
    "Tamper": "_types",
    "date_text": "_types",
    "money": "_types",
    "pdf_date": "_types",
    "bank_income_report_pdf": "bank_income_report",
    "bank_statement_pdf": "bank_statement",
    "find_text_pages": "search",
    "form1099_pdf": "form1099",
    "paystub_pdf": "paystub",
    "photo_jpeg": "photo",
    "w2_pdf": "w2",
}

__all__ = [
    "DocMeta",
    "GeneratedDocument",
    "Tamper",
    "bank_income_report_pdf",
    "bank_statement_pdf",
    "date_text",
    "find_text_pages",
    "form1099_pdf",
    "money",
    "paystub_pdf",
    "pdf_date",
    "photo_jpeg",
    "w2_pdf",
]


def __getattr__(name: str) -> Any:
    """A generator or type of the package, its module imported on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
