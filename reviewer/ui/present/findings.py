"""Reviewer's own findings in words and colours, for every surface (generic over category).

Findings are never dressed like Plaid's risk signals: they say "Reviewer check", and they use a
violet palette no signal uses (Plaid's signals are red, orange, yellow and blue).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor

from reviewer.review.findings import CATEGORY_TITLES, Finding, highest, tally, worst_first
from reviewer.ui.present import html

REVIEWER_LABEL = "Reviewer check"
FINDING_COLOURS = {
    "high": QColor(111, 66, 193),  # violet
    "medium": QColor(153, 102, 204),
    "low": QColor(186, 150, 222),
    "pass": QColor(90, 150, 120),
    None: QColor(140, 140, 140),
}
SEVERITY_WORDS = {
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    "pass": "Passed",
    None: "Not applicable",
}


def finding_colour(finding: Finding) -> QColor:
    """The mark's colour: violet by severity, green-grey for a pass, grey for not applicable."""
    return FINDING_COLOURS.get(finding.severity, FINDING_COLOURS[None])


def check_title(finding: Finding) -> str:
    """ "Net pay arithmetic" from the check id `paystub.net_pay_arithmetic`."""
    words = finding.check.rsplit(".", 1)[-1].split("_")
    name = " ".join("YTD" if w == "ytd" else w for w in words)
    return name[:1].upper() + name[1:]


# margin labels of failed checks whose first two words would not tell them apart
SHORT_LABELS = {
    "paystub.net_pay_arithmetic": "net ≠ gross−ded.",
    "reconcile.net_pay_deposited": "pay not banked",
}


def finding_label(finding: Finding) -> str:
    """The short label in the margin beside a mark ("Check: net pay"); the tooltip says more.

    The margin holds about sixteen characters: the first words of the check's name, after
    "Check:", which with the violet colour and dashed box says "Reviewer check" at a glance.
    """
    if finding.check in SHORT_LABELS:
        return f"Check: {SHORT_LABELS[finding.check]}"
    words = check_title(finding).split()
    short = " ".join(words[:2]) if len(words) > 2 else " ".join(words)
    first = short.split(" ", 1)[0]
    if not first.isupper():  # "YTD progression" keeps its capitals
        short = short[:1].lower() + short[1:]
    return f"Check: {short}"


def values_text(finding: Finding) -> str:
    """ "printed 2,709.78 · computed 1,709.78 · difference 1,000.00"."""
    parts = []
    for key, value in finding.values.items():
        if isinstance(value, float):
            shown = f"{value:,.2f}"
        elif value is None:
            shown = "—"
        else:
            shown = str(value)
        parts.append(f"{key.replace('_', ' ')} {shown}")
    return " · ".join(parts)


def finding_tooltip(finding: Finding) -> str:
    """What was checked, the outcome, the numbers, and that Reviewer (not Plaid) computed it."""
    category = CATEGORY_TITLES.get(finding.category, finding.category)
    lines = [
        f"{REVIEWER_LABEL} ({category}), {SEVERITY_WORDS[finding.severity].lower()}"
        + ("" if finding.severity in ("pass", None) else " severity"),
        finding.summary,
    ]
    if finding.not_applicable:
        lines.append(f"Not applicable: {finding.not_applicable}")
    numbers = values_text(finding)
    if numbers:
        lines.append(numbers)
    lines.append(f"Computed by Reviewer from the data Plaid returned (check {finding.check}).")
    return "\n".join(lines)


def findings_for(document_id: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings that concern one document, worst first."""
    return worst_first(f for f in findings if document_id in f.document_ids)


def failed_by_document(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """document id -> its failed findings, worst first (for marking table rows)."""
    out: dict[str, list[Finding]] = {}
    for f in worst_first(findings):
        if f.failed:
            for doc in f.document_ids:
                out.setdefault(doc, []).append(f)
    return out


def checks_summary_html(findings: list[Finding]) -> str:
    """The Overview's checks block: the worst finding up front, then a tally per category."""
    parts = [f"<h3>{REVIEWER_LABEL}s</h3>"]
    if not findings:
        parts.append("<p class='muted'>Reviewer's checks have not run on this case yet.</p>")
        return "".join(parts)
    worst = highest(findings)
    if worst is not None:
        parts.append(
            f"<p class='warn'><b>{html.e(SEVERITY_WORDS[worst.severity])}:</b> "
            f"{html.e(worst.summary)}</p>"
        )
    else:
        parts.append("<p>Every check that could run passed.</p>")
    rows = [
        [
            CATEGORY_TITLES.get(t.category, t.category),
            str(t.failed),
            str(t.passed),
            str(t.not_applicable),
        ]
        for t in tally(findings)
    ]
    bad = {i for i, t in enumerate(tally(findings)) if t.failed}
    parts.append(html.table(["Category", "Failed", "Passed", "Not applicable"], rows, bad))
    failing = [f for f in worst_first(findings) if f.failed]
    if failing:
        parts.append(
            "<ul>"
            + "".join(
                f"<li><b>{html.e(SEVERITY_WORDS[f.severity])}</b> "
                f"{html.e(check_title(f))}: {html.e(f.summary)}</li>"
                for f in failing
            )
            + "</ul>"
        )
    return "".join(parts)
