"""The Bank statements tab: accounts and periods on top, a sortable, filterable transactions table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.review import endpoint_names as ep
from reviewer.review.case_model import CaseSnapshot
from reviewer.review.model import CaseModel
from reviewer.ui.findings_marks import FindingLinks, note_html
from reviewer.ui.present import bank, html
from reviewer.ui.tabs.transactions_model import TransactionsModel
from reviewer.ui.tip_browser import TipBrowser

UPLOADS = ep.STATEMENTS


def browser() -> QTextBrowser:
    """A read-only rich-text pane whose links do not navigate away; ids show on hover."""
    return TipBrowser()


def statements_html(model: CaseModel) -> str:
    """Accounts with owner and per-period balances; Plaid's document errors."""
    accounts = bank.statement_accounts(model)
    if not accounts:
        return html.empty("bank statements")
    body = [
        "<p class='muted'>Amounts: money into the account is shown +, money out −"
        " (Plaid sends money in as negative amounts).</p>"
    ]
    for a in accounts:
        body.append(f"<h3>{html.e(a.bank)} — {html.e(a.name)} {html.e(a.account_number)}</h3>")
        body.append(
            f"<p>{html.e(a.account_type)}, owner {html.e(a.owner)}, {html.e(a.owner_address)}</p>"
        )
        if a.document_error or a.document_status == "DOCUMENT_ERROR":
            body.append(
                "<p class='warn'>⚠ Plaid could not process this statement: "
                f"{html.e(a.document_error or 'no reason given')}</p>"
            )
        body.append(
            html.table(
                ["Period", "Starting balance", "Ending balance"], [list(p) for p in a.periods]
            )
        )
    return html.page("".join(body))


class StatementsTab(QSplitter):
    """Statement accounts above the transactions of every statement."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._pending: CaseSnapshot | None = None  # set while hidden, shown when first shown
        self.info = browser()
        self.info_links = FindingLinks(self.info)
        # sorted and filtered in Python (a 32-page statement has ~1,500 rows); the rows
        # Reviewer's failed findings name are shaded, the finding on hover
        self.tx_model = TransactionsModel(self)
        self.tx_filter = QLineEdit()
        self.tx_filter.setPlaceholderText("Filter transactions…")
        self.tx_filter.setClearButtonEnabled(True)
        self.tx_filter.textChanged.connect(self.tx_model.set_filter)
        self.tx_table = QTableView()
        self.tx_table.setModel(self.tx_model)
        self.tx_table.setSortingEnabled(True)
        self.tx_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tx_table.verticalHeader().hide()
        header = self.tx_table.horizontalHeader()
        header.setStretchLastSection(True)
        # sizing columns looks at the first rows only: a 32-page statement has thousands
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.addWidget(self.info)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tx_filter)
        layout.addWidget(self.tx_table)
        self.addWidget(box)

    def clear(self, blank_html: str) -> None:
        """No case."""
        self._pending = None
        self.info.setHtml(blank_html)
        self.tx_model.set_rows([], [])

    def set_snapshot(self, snapshot: CaseSnapshot) -> None:
        """Show a case's statements: now if the tab is shown, else when it is first shown
        (a 32-page statement's ~1,500 rows cost the GUI thread tens of milliseconds, which a
        case opened on another tab, or fetched in the background, must not pay)."""
        self._pending = snapshot
        if self.isVisible():
            self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        """The tab is shown: fill it with the case set while it was hidden."""
        super().showEvent(event)
        if self._pending is not None:
            self._fill()

    def _fill(self) -> None:
        snapshot, self._pending = self._pending, None
        if snapshot is None:
            return
        statement_ids = {d.document_id for d in snapshot.documents if d.source_endpoint == UPLOADS}
        failed = [
            f for f in snapshot.findings if f.failed and statement_ids.intersection(f.document_ids)
        ]
        self.info_links.findings = failed
        self.info.setHtml(
            statements_html(snapshot.model).replace("<body>", "<body>" + note_html(failed), 1)
        )
        rows = [
            [t.date, t.description, (t.amount, t.value), t.direction, t.account]
            for t in bank.statement_transactions(snapshot.model)
        ]
        self.tx_model.set_rows(rows, failed)
        self.tx_table.resizeColumnsToContents()
