"""Reviewer's findings in the viewer and tabs: a distinct "Reviewer checks" group, dashed violet
marks on the page, click-through both ways, rows and values marked in place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from reviewer.review.findings import Finding, FindingLocation, failed, not_applicable, passed
from reviewer.ui.findings_marks import payroll_html
from reviewer.ui.present.findings import checks_summary_html, finding_label
from reviewer.ui.tabs.statements import StatementsTab
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.viewer.findings_group import FINDING_BASE, FINDING_ROLE
from reviewer.ui.viewer.pane import DocumentPane
from reviewer.ui.viewer.renderer import DocumentRenderer
from tests.documents import corpus
from tests.ui.test_viewer import _doc

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(scope="module")
def renderer() -> Iterator[DocumentRenderer]:
    r = DocumentRenderer()
    yield r
    r.close()


@pytest.fixture
def pane(qtbot, renderer: DocumentRenderer) -> Iterator[DocumentPane]:
    runner = TaskRunner()
    p = DocumentPane(runner, renderer)
    p.resize(1200, 800)
    qtbot.addWidget(p)
    p.show()
    yield p
    runner.shutdown()


def _findings(path: Path) -> list[Finding]:
    r = pymupdf.open(path, filetype="pdf")[0].search_for("$2,441.17")[0]
    net = failed(
        "paystub.net_pay_arithmetic",
        "arithmetic",
        "high",
        "Net pay does not equal gross minus deductions: printed 2,441.17, computed 1,998.00",
        document_ids=["doc-1"],
        values={"printed": 2441.17, "computed": 1998.0},
    )
    located = Finding(
        **{**net.__dict__, "locations": (FindingLocation("doc-1", 1, (r.x0, r.y0, r.x1, r.y1)),)}
    )
    return [
        located,
        passed("paystub.earnings_sum", "arithmetic", "Earnings add up", document_ids=["doc-1"]),
        not_applicable(
            "paystub.hours_times_rate", "arithmetic", "salaried", document_ids=["doc-1"]
        ),
        failed("other.doc", "dates", "low", "Another document", document_ids=["doc-2"]),
    ]


def test_findings_group_marks_and_click_through(qtbot, pane: DocumentPane, tmp_path: Path) -> None:
    path = tmp_path / "stub"
    path.write_bytes(corpus.pay_stub(pages=3))
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(_doc(path), path, [], 1)
        pane.show_findings(_findings(path))
    tree = pane.risk.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert any(g.startswith("Reviewer checks: 1 failed, 1 passed, 1 n/a") for g in groups)
    marks = [h for h in pane.pages.highlights if h.source == "reviewer"]
    assert len(marks) == 1 and marks[0].label == "Check: net ≠ gross−ded."
    assert marks[0].signal_index == FINDING_BASE
    assert "Reviewer check" in marks[0].tooltip and "Net pay does not equal" in marks[0].tooltip
    # clicking the finding's mark selects its row in the panel
    (rect,) = pane.pages.widget_rects(FINDING_BASE)
    qtbot.mouseClick(pane.pages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    current = tree.currentItem()
    assert current is not None and current.data(0, FINDING_ROLE) == 0
    # choosing the finding in the panel scrolls back to its mark
    pane.pages.scroll_to_page(3)
    group = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                 if tree.topLevelItem(i).text(0).startswith("Reviewer checks"))  # fmt: skip
    tree.itemClicked.emit(group.child(0), 0)
    assert pane.pages.current_page == 1
    assert tree.currentItem() is not None and tree.currentItem().data(0, FINDING_ROLE) == 0


def test_overview_summary_and_payroll_values_marked() -> None:
    findings = [
        failed("paystub.net_pay_arithmetic", "arithmetic", "high", "Net pay is off",
               document_ids=["doc-1"], values={"printed": 2709.78}),
        passed("dates.pay_date_in_future", "dates", "Not in the future", document_ids=["doc-1"]),
        not_applicable("reconcile.monthly_income", "reconciliation", "no bank income report"),
    ]  # fmt: skip
    summary = checks_summary_html(findings)
    assert "High:</b> Net pay is off" in summary
    assert "<td>Arithmetic</td><td>1</td><td>0</td><td>0</td>" in summary
    assert "<td>Reconciliation</td><td>0</td><td>0</td><td>1</td>" in summary
    body, linked = payroll_html(
        [("doc-1", "<table><tr><td>Net pay</td><td>$2,709.78</td></tr></table>"), ("doc-2", "x")],
        findings,
    )
    assert linked == findings[:1]
    assert "href='finding:0'" in body and "$2,709.78 ⚑" in body
    assert "Reviewer checks that failed" in body


def test_statement_rows_named_by_a_finding_are_shaded(qtbot) -> None:
    """Shaded where a finding names the row, still after sorting by a header click and
    filtering by typing, as a reviewer does in the Bank statements tab."""
    tab = StatementsTab()
    qtbot.addWidget(tab)
    dup = failed("statement.duplicate_transactions", "arithmetic", "medium", "Duplicate",
                 document_ids=["s"], values={"date": "2026-09-14", "amount": 89.99})  # fmt: skip
    tab.tx_model.set_rows(
        [
            ["2026-09-14", "COMCAST CABLE", ("−$89.99", -89.99), "out", "Checking"],
            ["2026-09-15", "SHELL OIL", ("−$40.00", -40.0), "out", "Checking"],
            ["2026-09-16", "ACME PAYROLL", ("+$2,000.00", 2000.0), "in", "Checking"],
        ],
        [dup],
    )
    tab.show()
    qtbot.waitExposed(tab)
    model = tab.tx_model

    def column(number: int) -> list[str]:
        return [model.index(r, number).data() for r in range(model.rowCount())]

    def shaded(description: str) -> bool:
        row = column(1).index(description)
        return model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None

    comcast = column(1).index("COMCAST CABLE")
    assert model.index(comcast, 1).data(Qt.ItemDataRole.ToolTipRole).startswith("Reviewer check")
    assert shaded("COMCAST CABLE") and not shaded("SHELL OIL")
    header = tab.tx_table.horizontalHeader()
    amount_at = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(amount_at, 5))
    first = column(1)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(amount_at, 5))
    assert column(1) == list(reversed(first))
    assert first in (
        ["COMCAST CABLE", "SHELL OIL", "ACME PAYROLL"],
        ["ACME PAYROLL", "SHELL OIL", "COMCAST CABLE"],
    )
    assert shaded("COMCAST CABLE") and not shaded("ACME PAYROLL")  # the mark follows its row
    qtbot.keyClicks(tab.tx_filter, "cable")
    assert column(1) == ["COMCAST CABLE"] and shaded("COMCAST CABLE")
    tab.tx_filter.clear()
    assert model.rowCount() == 3 and model.total() == 3
    assert finding_label(dup) == "Check: duplicate transactions"
