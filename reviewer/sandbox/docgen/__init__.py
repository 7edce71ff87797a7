"""Realistic applicant documents for the local Plaid sandbox, generated deterministically.

Each generator takes a Plaid-shaped dict (the spec schema named in its docstring), tolerates missing
or null fields, and returns identical bytes for identical input. Amounts print as `money(x)`, dates
as `date_text(iso)`. Tampers leave real artifacts: the original under a white box, the replacement
in another font; `DocMeta` sets the PDF creation/modification dates.
"""

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
