"""The case view: one tab per part of a case (Overview, Documents, Payroll, ...)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.case_model import CaseSnapshot, DocumentRecord
from reviewer.ui.chart import MonthlyChart
from reviewer.ui.documents_tab import DocumentsTab
from reviewer.ui.page_view import DocumentRenderer
from reviewer.ui.present import bank, employment, html
from reviewer.ui.present.errors import error_sentence
from reviewer.ui.present.forms import payroll_forms
from reviewer.ui.present.identity import ATTRIBUTES, identity_table
from reviewer.ui.present.risk import document_risks, risk_band
from reviewer.ui.rows_model import SORT_ROLE, RowsModel
from reviewer.ui.tasks import TaskRunner

TAB_NAMES = (
    "Overview",
    "Documents",
    "Payroll",
    "Bank statements",
    "Bank income",
    "Employment",
    "Sessions",
)


def _browser() -> QTextBrowser:
    b = QTextBrowser()
    b.setOpenLinks(False)
    return b


def overview_html(snapshot: CaseSnapshot, low: int, high: int) -> str:
    """Identity side by side with mismatches, risk per document, fetch errors in plain words."""
    parts = [f"<h2>{html.e(snapshot.case.label or snapshot.case.id)}</h2>"]
    parts.append(f"<p class='muted'>Fetched {html.e(snapshot.fetched_at)}</p>")
    ident = identity_table(snapshot.responses)
    parts.append("<h3>Identity as the documents state it</h3>")
    if ident.documents:
        bad = {i for i, a in enumerate(ATTRIBUTES) if a in ident.mismatched}
        rows = [
            [("⚠ " if a in ident.mismatched else "") + a]
            + [v or "—" for v in ident.values.get(a, [])]
            for a in ATTRIBUTES
        ]
        parts.append(html.table(["", *ident.documents], rows, bad))
        if ident.mismatched:
            parts.append(
                "<p class='warn'>Mismatch across documents: "
                + html.e(", ".join(a for a in ATTRIBUTES if a in ident.mismatched))
                + "</p>"
            )
    else:
        parts.append("<p class='muted'>No document states an identity.</p>")
    parts.append("<h3>Risk per document</h3>")
    risks = document_risks(snapshot)
    rows = []
    for d in snapshot.documents:
        r = risks[d.document_id]
        band = risk_band(r.score, low, high)
        rows.append(
            [
                d.name or d.document_id,
                d.document_type,
                "—" if r.score is None else f"{r.score:g} ({band.value})",
                str(r.signal_count),
                str(r.fraud_flags),
            ]
        )
    high_rows = {
        i for i, d in enumerate(snapshot.documents) if (risks[d.document_id].score or 0) >= high
    }
    parts.append(
        html.table(["Document", "Type", "Score", "Signals", "Fraud flags"], rows, high_rows)
    )
    parts.append("<h3>Problems from the last fetch</h3>")
    if snapshot.errors:
        parts.append(
            "<ul>"
            + "".join(f"<li>{html.e(error_sentence(err))}</li>" for err in snapshot.errors)
            + "</ul>"
        )
    else:
        parts.append("<p>Every endpoint answered.</p>")
    for endpoint, reason in snapshot.skipped.items():
        parts.append(f"<p class='muted'>Skipped {html.e(endpoint)}: {html.e(reason)}</p>")
    return html.page("".join(parts))


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
        self.overview = _browser()
        self.documents = DocumentsTab(runner, renderer, path_of)
        self.payroll = _browser()
        self.statement_info = _browser()
        self.tx_model = RowsModel(("Date", "Description", "Amount", "Account"), self)
        self.tx_proxy = QSortFilterProxyModel(self)
        self.tx_proxy.setSourceModel(self.tx_model)
        self.tx_proxy.setSortRole(SORT_ROLE)
        self.tx_proxy.setFilterKeyColumn(-1)
        self.tx_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tx_filter = QLineEdit()
        self.tx_filter.setPlaceholderText("Filter transactions…")
        self.tx_filter.setClearButtonEnabled(True)
        self.tx_filter.textChanged.connect(self.tx_proxy.setFilterFixedString)
        self.tx_table = QTableView()
        self.tx_table.setModel(self.tx_proxy)
        self.tx_table.setSortingEnabled(True)
        self.tx_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tx_table.verticalHeader().hide()
        self.tx_table.horizontalHeader().setStretchLastSection(True)
        statements = QSplitter(Qt.Orientation.Vertical)
        statements.addWidget(self.statement_info)
        tx_box = QWidget()
        tl = QVBoxLayout(tx_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.tx_filter)
        tl.addWidget(self.tx_table)
        statements.addWidget(tx_box)
        self.income_info = _browser()
        self.chart = MonthlyChart()
        income = QWidget()
        il = QVBoxLayout(income)
        il.addWidget(QLabel("Monthly income (historical summaries)"))
        il.addWidget(self.chart)
        il.addWidget(self.income_info, 1)
        self.employment = _browser()
        self.sessions = _browser()
        for widget, name in zip(
            (
                self.overview,
                self.documents,
                self.payroll,
                statements,
                income,
                self.employment,
                self.sessions,
            ),
            TAB_NAMES,
            strict=True,
        ):
            self.addTab(widget, name)
        for i in range(self.count()):
            self.setTabToolTip(i, f"{TAB_NAMES[i]} (Alt+{i + 1})")
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
                self.statement_info,
                self.income_info,
                self.employment,
                self.sessions,
            ):
                b.setHtml(blank)
            self.tx_model.set_rows([])
            self.chart.set_months([])
            return
        r = snapshot.responses
        low, high = self.thresholds
        self.overview.setHtml(overview_html(snapshot, low, high))
        forms = payroll_forms(r.get("/credit/payroll_income/get"))
        self.payroll.setHtml(
            html.page("<hr>".join(html.form_html(f) for f in forms))
            if forms
            else html.empty("payroll documents", snapshot.skipped.get("/credit/payroll_income/get"))
        )
        self._fill_statements(snapshot)
        self._fill_income(snapshot)
        self._fill_employment(snapshot)
        self._fill_sessions(snapshot)

    def _fill_statements(self, snapshot: CaseSnapshot) -> None:
        uploads = snapshot.responses.get("/credit/bank_statements/uploads/get")
        accounts = bank.statement_accounts(uploads)
        if accounts:
            body = []
            for a in accounts:
                body.append(
                    f"<h3>{html.e(a.bank)} — {html.e(a.name)} {html.e(a.account_number)}</h3>"
                )
                body.append(f"<p>{html.e(a.account_type)}, owner {html.e(a.owner)}</p>")
                body.append(
                    html.table(
                        ["Period", "Starting balance", "Ending balance"],
                        [list(p) for p in a.periods],
                    )
                )
            self.statement_info.setHtml(html.page("".join(body)))
        else:
            self.statement_info.setHtml(html.empty("bank statements"))
        rows = [
            [
                t.date,
                t.description,
                (html_money(t.amount), t.amount if t.amount is not None else 0.0),
                t.account,
            ]
            for t in bank.statement_transactions(uploads)
        ]
        self.tx_model.set_rows(rows)
        self.tx_table.resizeColumnsToContents()

    def _fill_income(self, snapshot: CaseSnapshot) -> None:
        resp = snapshot.responses.get("/credit/bank_income/get")
        self.chart.set_months(bank.monthly_income(resp))
        sources = bank.income_sources(resp)
        body = []
        if sources:
            body.append("<h3>Income sources</h3>")
            body.append(
                html.table(
                    [
                        "Description",
                        "Category",
                        "Frequency",
                        "Total",
                        "Transactions",
                        "Period",
                        "Institution",
                    ],
                    [
                        [
                            s.description,
                            s.category,
                            s.frequency,
                            s.total,
                            s.transactions,
                            s.period,
                            s.institution,
                        ]
                        for s in sources
                    ],
                )
            )
        for w in bank.bank_income_warnings(resp):
            body.append(f"<p class='warn'>⚠ {html.e(w)}</p>")
        self.income_info.setHtml(html.page("".join(body)) if body else html.empty("bank income"))

    def _fill_employment(self, snapshot: CaseSnapshot) -> None:
        r = snapshot.responses
        be = r.get("/beta/credit/v1/bank_employment/get")
        rows = employment.employment_rows(r.get("/credit/employment/get"), be)
        body = []
        if rows:
            body.append(
                html.table(
                    ["Source", "Employer", "Detail", "Dates"],
                    [[x.source, x.employer, x.detail, x.dates] for x in rows],
                )
            )
        for w in employment.employment_warnings(be):
            body.append(f"<p class='warn'>⚠ {html.e(w)}</p>")
        self.employment.setHtml(html.page("".join(body)) if body else html.empty("employment data"))

    def _fill_sessions(self, snapshot: CaseSnapshot) -> None:
        rows = employment.session_rows(snapshot.responses.get("/credit/sessions/get"))
        if not rows:
            self.sessions.setHtml(html.empty("Link sessions"))
            return
        body = []
        for s in rows:
            body.append(
                f"<h3>Session {html.e(s.session_id)}</h3><p class='muted'>started {html.e(s.started)}</p><ul>"
            )
            body.extend(f"<li>{html.e(line)}</li>" for line in s.results)
            body.extend(f"<li class='warn'>⚠ {html.e(line)}</li>" for line in s.errors)
            body.append("</ul>")
        self.sessions.setHtml(html.page("".join(body)))


def html_money(amount: float | None) -> str:
    """Money for a table cell."""
    from reviewer.ui.present.fmt import money

    return money(amount)
