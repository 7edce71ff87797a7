"""Reviewer's failed findings marked in place in the Payroll and Bank statements tabs.

Payroll (rich text): a value a failed finding names as printed is shaded violet and links to
the finding, whose words show on hover; a violet note above the document lists its failed
checks. Bank statements (table): the transaction rows a finding names (a duplicate, a deposit
from another payer, a row outside the periods) are shaded, the finding on hover.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QUrl
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QTextBrowser, QToolTip

from reviewer.review.findings import Finding
from reviewer.ui.present import html
from reviewer.ui.present.findings import (
    REVIEWER_LABEL,
    SEVERITY_WORDS,
    check_title,
    failed_by_document,
    finding_tooltip,
)

MARK_BACKGROUND = "#ece3f8"
MARK_TEXT = "#4b2a8a"
_SCHEME = "finding"


def note_html(findings: list[Finding], first_index: int = 0) -> str:
    """A violet note listing failed findings, each linking to its words (shown on hover)."""
    if not findings:
        return ""
    items = "".join(
        f"<li><a href='{_SCHEME}:{first_index + i}' style='color:{MARK_TEXT}'>"
        f"{html.e(SEVERITY_WORDS[f.severity])} · {html.e(check_title(f))}</a>: "
        f"{html.e(f.summary)}</li>"
        for i, f in enumerate(findings)
    )
    return (
        f"<table cellpadding='4' width='100%' style='background:{MARK_BACKGROUND};"
        f"color:{MARK_TEXT}'><tr><td><b>{REVIEWER_LABEL}s that failed</b><ul>{items}</ul>"
        "</td></tr></table>"
    )


def mark_values(fragment: str, findings: list[Finding], first_index: int = 0) -> str:
    """`fragment` with each table cell printing a finding's value shaded and linked."""
    for i, finding in enumerate(findings):
        value = finding.values.get("printed")
        if not isinstance(value, int | float):
            continue
        amount = f"{abs(value):,.2f}"
        pattern = re.compile(r"<td>([^<]*?" + re.escape(amount) + r"[^<]*)</td>")
        fragment = pattern.sub(
            f"<td style='background:{MARK_BACKGROUND}'><a href='{_SCHEME}:{first_index + i}' "
            f"style='color:{MARK_TEXT};font-weight:bold'>\\1 ⚑</a></td>",
            fragment,
        )
    return fragment


class FindingLinks:
    """Shows a finding's words when the pointer rests on its link in a rich-text tab."""

    def __init__(self, browser: QTextBrowser) -> None:
        self.findings: list[Finding] = []
        self._browser = browser
        browser.highlighted.connect(self._hovered)

    def _hovered(self, url: QUrl) -> None:
        text = url.toString()
        if not text.startswith(f"{_SCHEME}:"):
            QToolTip.hideText()
            return
        try:
            finding = self.findings[int(text.split(":", 1)[1])]
        except (ValueError, IndexError):
            return
        QToolTip.showText(QCursor.pos(), finding_tooltip(finding), self._browser)


def payroll_html(
    forms_html: list[tuple[str | None, str]], findings: list[Finding]
) -> tuple[str, list[Finding]]:
    """Each payroll document's HTML with its failed findings noted and its values marked.

    Returns the joined body and the findings in link order (for `FindingLinks`).
    """
    by_doc = failed_by_document(findings)
    linked: list[Finding] = []
    parts = []
    for document_id, fragment in forms_html:
        failed = by_doc.get(document_id or "", [])
        first = len(linked)
        linked.extend(failed)
        parts.append(note_html(failed, first) + mark_values(fragment, failed, first))
    return "<hr>".join(parts), linked


class FindingRows:
    """Which transaction rows Reviewer's failed findings name (plain Python: the transactions
    model asks it once per row when its rows are set, never while sorting or painting).

    A finding names a row by date and amount in its values (`date`/`amount`,
    `deposit_date`/`deposit`, `first_date`).
    """

    def __init__(self, findings: list[Finding]) -> None:
        self._by_key: dict[tuple[str, float | None], Finding] = {}
        for f in findings:
            if not f.failed:
                continue
            for day_key, amount_key in (("date", "amount"), ("deposit_date", "deposit"),
                                        ("first_date", None)):  # fmt: skip
                day = f.values.get(day_key)
                amount = f.values.get(amount_key) if amount_key else None
                if isinstance(day, str) and _is_date(day):
                    value = abs(float(amount)) if isinstance(amount, int | float) else None
                    self._by_key.setdefault((day, value), f)

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def finding(self, day: object, amount: object) -> Finding | None:
        """The finding that names the row of this date and amount, if any."""
        if not self._by_key:
            return None
        key_amount = abs(float(amount)) if isinstance(amount, int | float) else None
        return self._by_key.get((str(day), key_amount)) or self._by_key.get((str(day), None))


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True
