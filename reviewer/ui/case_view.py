"""The case view: one tab per part of a case (Overview, Documents, Payroll, ...).

The HTML of each tab is built by the pure functions in `reviewer.ui.tabs` and
`reviewer.ui.present`; this widget only assembles the tabs and feeds them a snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from reviewer.review import endpoint_names as ep
from reviewer.review.case_model import CaseSnapshot, DocumentRecord
from reviewer.ui.chart import MonthlyChart
from reviewer.ui.documents_tab import DocumentsTab
from reviewer.ui.findings_marks import FindingLinks, payroll_html
from reviewer.ui.page_view import DocumentRenderer
from reviewer.ui.present import bank, html
from reviewer.ui.present.chart_data import month_coverage
from reviewer.ui.present.forms import payroll_forms
from reviewer.ui.tabs import TAB_NAMES
from reviewer.ui.tabs.details import employment_html, income_html, sessions_html
from reviewer.ui.tabs.overview import overview_html
from reviewer.ui.tabs.statements import StatementsTab, browser
from reviewer.ui.tasks import TaskRunner

__all__ = ["TAB_NAMES", "CaseView", "overview_html"]


class CaseView(QTabWidget):
    """The tabs of one case; `set_snapshot(None)` shows an empty view."""

    def __init__(
        self,
        runner: TaskRunner,
        renderer: DocumentRenderer,
        path_of: Callable[[DocumentRecord], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.snapshot: CaseSnapshot | None = None
        self.thresholds = (20, 80)
        self.overview = browser()
        self.documents = DocumentsTab(runner, renderer, path_of)
        self.payroll = browser()
        self.payroll_links = FindingLinks(self.payroll)
        self.statements = StatementsTab()
        # kept as attributes: tests and the self-test look at the transactions directly
        self.tx_model = self.statements.tx_model
        self.tx_filter = self.statements.tx_filter
        self.income_info = browser()
        self.chart = MonthlyChart()
        income = QWidget()
        il = QVBoxLayout(income)
        il.addWidget(QLabel("Monthly income (historical summaries)"))
        il.addWidget(self.chart)
        il.addWidget(self.income_info, 1)
        self.employment = browser()
        self.sessions = browser()
        tabs = (
            self.overview,
            self.documents,
            self.payroll,
            self.statements,
            income,
            self.employment,
            self.sessions,
        )
        for i, (widget, name) in enumerate(zip(tabs, TAB_NAMES, strict=True)):
            self.addTab(widget, name)
            self.setTabToolTip(i, f"{name} (Alt+{i + 1})")
        self.set_snapshot(None)

    def set_thresholds(self, low: int, high: int) -> None:
        """Risk bands changed: redraw what depends on them."""
        self.thresholds = (low, high)
        self.documents.thresholds = (low, high)
        if self.snapshot is not None:
            self.set_snapshot(self.snapshot)

    def set_snapshot(self, snapshot: CaseSnapshot | None) -> None:
        """Show a case (or nothing)."""
        self.snapshot = snapshot
        self.documents.set_snapshot(snapshot)
        if snapshot is None:
            blank = html.page("<p class='muted'>Select a case in the queue.</p>")
            for b in (
                self.overview,
                self.payroll,
                self.income_info,
                self.employment,
                self.sessions,
            ):
                b.setHtml(blank)
            self.statements.clear(blank)
            self.chart.set_months([])
            self.mark_empty_tabs({})
            return
        model = snapshot.model
        low, high = self.thresholds
        self.overview.setHtml(overview_html(snapshot, low, high))
        forms = payroll_forms(model)
        # Reviewer's failed findings noted above each document and its values marked in place
        body, self.payroll_links.findings = payroll_html(
            [(f.document_id, html.form_html(f)) for f in forms], snapshot.findings
        )
        self.payroll.setHtml(
            html.page(body)
            if forms
            else html.empty("payroll documents", snapshot.skipped.get(ep.PAYROLL))
        )
        self.statements.set_snapshot(snapshot)
        partial, currency = month_coverage(model)
        self.chart.set_months(bank.monthly_income(model), partial, currency)
        self.income_info.setHtml(income_html(model))
        self.employment.setHtml(employment_html(model))
        self.sessions.setHtml(sessions_html(model))
        months = self.chart.months()
        self.mark_empty_tabs(
            {
                1: not snapshot.documents,
                2: not forms,
                3: not model.bank_statements,
                4: not months and not model.bank_income,
                5: not (
                    model.employments
                    or any(i.employments for r in model.bank_employment for i in r.items)
                ),
                6: not model.sessions,
            }
        )

    def mark_empty_tabs(self, empty: dict[int, bool]) -> None:
        """Grey the names of tabs with nothing in this case (they stay open: they say why)."""
        bar = self.tabBar()
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        for index in range(self.count()):
            name = TAB_NAMES[index]
            if empty.get(index, False):
                bar.setTabTextColor(index, muted)
                self.setTabToolTip(index, f"{name} (Alt+{index + 1}): nothing in this case")
            else:
                bar.setTabTextColor(index, QColor())  # the style's own colour
                self.setTabToolTip(index, f"{name} (Alt+{index + 1})")

    def empty_tabs(self) -> list[str]:
        """Names of the greyed tabs (tests, accessibility)."""
        return [
            TAB_NAMES[i]
            for i in range(self.count())
            if "nothing in this case" in self.tabToolTip(i)
        ]
