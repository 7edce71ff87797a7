"""What "seen before" matches across cases: the page layout and the identifiers printed.

The template hash keeps what a document generator fixes and drops what it fills in: drawings
and images by place, and text runs by font, size and baseline, not by their words. Two pay
stubs from one template for different people hash alike; the same layout with another
employer's name is what a template farm produces. The layout alone cannot tell a payroll
provider's common template from a forger's, so `figures` hashes the amounts printed: the same
layout with the same amounts under another applicant's name is a copied document.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from reviewer.documents.forensics.traced import TracedPage
from reviewer.documents.forensics.types import Fingerprint

_TEMPLATE_PAGES = 2
_PHONE = re.compile(r"(?<!\d)\(?(\d{3})\)?[\s.-]{0,2}(\d{3})[\s.-](\d{4})(?!\d)")
_ACCOUNT = re.compile(
    r"(?:account|acct)\.?\s*(?:number|no\.?|#)?\s*[:#]?\s*([0-9Xx*•][0-9Xx*• -]{3,24}[0-9])",
    re.I,
)
_MAX_IDS = 20
_AMOUNT = re.compile(r"(?<![\d.,])\d+(?:,\d{3})*\.\d{2}(?![\d.])")
# fewer amounts than this match by chance (a form with two figures); a stub prints dozens
_MIN_FIGURES = 6


def fingerprint(pages: Sequence[TracedPage]) -> Fingerprint:
    """The layout hash of the first pages and the phones and account numbers printed."""
    digest = hashlib.sha256()
    for page in pages[:_TEMPLATE_PAGES]:
        ops = sorted(
            {
                f"{kind}:{round(r[0] / 2)}:{round(r[1] / 2)}:{round(r[2] / 2)}:{round(r[3] / 2)}"
                for kind, r in page.log
                if not kind.endswith("text")
            }
        )
        rows = sorted(
            {
                f"{s.font}:{round(s.size)}:{round(s.baseline / 2)}"
                for s in page.spans
                if s.mode == 0 and s.text.strip()
            }
        )
        digest.update("|".join(ops + rows).encode())
    text = " ".join(s.text for page in pages for s in page.spans)
    phones = tuple(sorted({"".join(m.groups()) for m in _PHONE.finditer(text)}))[:_MAX_IDS]
    accounts = tuple(
        sorted({re.sub(r"[\s-]", "", m.group(1)).upper() for m in _ACCOUNT.finditer(text)})
    )[:_MAX_IDS]
    template = digest.hexdigest()[:32] if pages else None
    head = " ".join(s.text for page in pages[:_TEMPLATE_PAGES] for s in page.spans if s.mode == 0)
    amounts = sorted(m.group(0).replace(",", "") for m in _AMOUNT.finditer(head))
    figures = (
        hashlib.sha256("|".join(amounts).encode()).hexdigest()[:32]
        if len(amounts) >= _MIN_FIGURES
        else None
    )
    return Fingerprint(template=template, phones=phones, accounts=accounts, figures=figures)
