"""Reviewer's findings in the viewer: a "Reviewer checks" group in the risk panel and their
marks on the page, generic over category (the evidence checks and the forensics alike).

A finding's mark uses the same index space as the signals' marks, offset by `FINDING_BASE`, so
the page view's click and flash work unchanged; the pane sends indexes at or above it here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from reviewer.review.findings import Finding
from reviewer.ui.present.findings import (
    FINDING_COLOURS,
    REVIEWER_LABEL,
    SEVERITY_WORDS,
    check_title,
    finding_colour,
    finding_label,
    finding_tooltip,
    findings_for,
)
from reviewer.ui.viewer.geometry import ViewHighlight

FINDING_BASE = 100_000  # marks of findings: FINDING_BASE + index in the document's findings
FINDING_ROLE = Qt.ItemDataRole.UserRole + 7
_GROUP = "reviewer-checks"  # FINDING_ROLE of the group's own row (its findings hold indexes)


def document_findings(document_id: str, findings: list[Finding]) -> list[Finding]:
    """The findings of one document, worst first (their order gives the marks' indexes)."""
    return findings_for(document_id, findings)


def finding_marks(document_id: str, findings: list[Finding]) -> list[ViewHighlight]:
    """A mark per located place of each failed finding on this document (passes are not drawn)."""
    marks = []
    for index, finding in enumerate(findings):
        if not finding.failed:
            continue
        for loc in finding.locations:
            if loc.document_id == document_id and loc.page > 0:
                marks.append(
                    ViewHighlight(
                        loc.page - 1,
                        loc.rect,
                        finding_tooltip(finding),
                        finding_colour(finding),
                        FINDING_BASE + index,
                        finding_label(finding),
                        source="reviewer",
                    )
                )
    return marks


def fill_group(tree: QTreeWidget, findings: list[Finding]) -> QTreeWidgetItem | None:
    """Put up the "Reviewer checks" group (failed first; passed and not applicable folded),
    in place of the one shown before (checks finishing while the document is open)."""
    for row in reversed(range(tree.topLevelItemCount())):
        item = tree.topLevelItem(row)
        if item is not None and item.data(0, FINDING_ROLE) == _GROUP:
            tree.takeTopLevelItem(row)
    if not findings:
        return None
    failed = [i for i, f in enumerate(findings) if f.failed]
    passed = [i for i, f in enumerate(findings) if f.outcome == "passed"]
    skipped = [i for i, f in enumerate(findings) if f.outcome == "not_applicable"]
    group = QTreeWidgetItem(
        tree,
        [f"{REVIEWER_LABEL}s: {len(failed)} failed, {len(passed)} passed, {len(skipped)} n/a"],
    )
    font = QFont(group.font(0))
    font.setBold(True)
    group.setFont(0, font)
    group.setForeground(0, FINDING_COLOURS["high"])
    group.setToolTip(0, "Computed by Reviewer from Plaid's data: not Plaid risk signals")
    for index in failed:
        _item(group, findings, index)
    for title, indexes in (("Passed", passed), ("Not applicable", skipped)):
        if indexes:
            sub = QTreeWidgetItem(group, [f"{title} ({len(indexes)})"])
            for index in indexes:
                _item(sub, findings, index)
            sub.setExpanded(False)
    group.setData(0, FINDING_ROLE, _GROUP)
    group.setExpanded(True)
    return group


def _item(parent: QTreeWidgetItem, findings: list[Finding], index: int) -> QTreeWidgetItem:
    finding = findings[index]
    where = (
        f"p. {finding.locations[0].page}"
        if finding.locations
        else ("not printed on a page" if finding.failed else "")
    )
    head = f"{REVIEWER_LABEL} · {SEVERITY_WORDS[finding.severity]}: {check_title(finding)}"
    text = f"{head}" + (f" ({where})" if where else "") + f"\n  {finding.summary}"
    item = QTreeWidgetItem(parent, [text])
    item.setToolTip(0, finding_tooltip(finding))
    item.setData(0, FINDING_ROLE, index)
    item.setForeground(0, finding_colour(finding))
    return item


def select_in(tree: QTreeWidget, index: int) -> bool:
    """Select finding `index`'s row (a mark was clicked); False when it is not in the tree."""
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if item.data(0, FINDING_ROLE) == index:
            parent = item.parent()
            while parent is not None:
                parent.setExpanded(True)
                parent = parent.parent()
            tree.setCurrentItem(item)
            return True
        stack.extend(item.child(k) for k in range(item.childCount()))
    return False
