"""Dialogs for the Plaid actions: payroll refresh and parsing configuration (see ActionDialog)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from reviewer.ui.actions.action_dialog import ActionDialog, ActionWork
from reviewer.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the module itself is imported when an action runs (see plaid_menu)
    from reviewer.review.actions import ActionOutcome
    from reviewer.review.progress import CancelCheck, ProgressCallback

# refresh(item_ids or None for all, webhook, progress, cancel)
RefreshWork = Callable[
    [list[str] | None, str | None, "ProgressCallback", "CancelCheck"], "ActionOutcome"
]
# update(item_id, parsing config, progress, cancel, sleep)
UpdateWork = Callable[
    [str, list[str], "ProgressCallback", "CancelCheck", Callable[[float], None]], "ActionOutcome"
]


def confirmation_text(action: str, environment: str, items: Sequence[str]) -> str:
    """reviewer.review.actions.confirmation_text, imported when a dialog is shown."""
    from reviewer.review import actions

    return actions.confirmation_text(action, environment, items)


class RefreshPayrollDialog(ActionDialog):
    """Choose payroll items (all by default) and an optional webhook URL, then refresh."""

    def __init__(
        self,
        runner: TaskRunner,
        environment: str,
        case_label: str,
        items: Sequence[str],
        refresh: RefreshWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Refresh payroll: {case_label}", runner, parent)
        self.environment = environment
        self._refresh = refresh
        self.items = QListWidget()
        self.items.setMaximumHeight(110)
        self.items.itemChanged.connect(lambda _i: self.update_state())
        self.webhook = QLineEdit()
        self.webhook.setPlaceholderText("optional: https://… to hear when the refresh is done")
        self.webhook.textChanged.connect(lambda _t: self.update_state())
        self.inputs += [self.items, self.webhook]
        self.form.addRow("Payroll items:", self.items)
        self.form.addRow("Webhook URL:", self.webhook)
        self.start_button.setText("Refresh payroll")
        self.set_items(items)

    def set_items(self, items: Sequence[str]) -> None:
        """The case's payroll items, all checked (read off the GUI thread, then set here)."""
        self.items.clear()
        for item_id in items:
            row = QListWidgetItem(item_id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.items.addItem(row)
        self.update_state()

    def chosen_items(self) -> list[str]:
        """The checked item ids."""
        rows = (self.items.item(i) for i in range(self.items.count()))
        return [r.text() for r in rows if r.checkState() == Qt.CheckState.Checked]

    def problem(self) -> str:
        """No item chosen, or a webhook that is not an http(s) URL."""
        if self.items.count() and not self.chosen_items():
            return "Choose at least one payroll item."
        hook = self.webhook.text().strip()
        if hook and not hook.startswith(("https://", "http://")):
            return "The webhook must be an http(s) URL."
        return ""

    def confirmation_question(self) -> str:
        """Names the environment and the items; warns that refreshes may be billed."""
        chosen = self.chosen_items()
        return confirmation_text(
            "Refresh payroll (refreshes can be limited and billed)", self.environment, chosen
        )

    def work(self) -> ActionWork:
        """Refresh the chosen items (None = all, when every item is checked)."""
        chosen = self.chosen_items()
        every = len(chosen) == self.items.count()
        item_ids = None if every else chosen
        webhook = self.webhook.text().strip() or None
        return lambda progress, cancel, _sleep: self._refresh(item_ids, webhook, progress, cancel)

    def describe(self, outcome: ActionOutcome) -> str:
        """Plaid's status in words; for SUCCESSFUL, each pay stub that changed."""
        text = super().describe(outcome)
        changes = outcome.pay_stub_changes
        if changes:
            text += "\n\nWhat changed:\n" + "\n".join(f"• {c.description}" for c in changes)
        return text


class ParsingConfigDialog(ActionDialog):
    """Choose a document income item and ocr and/or risk_signals, then update its parsing."""

    def __init__(
        self,
        runner: TaskRunner,
        environment: str,
        case_label: str,
        items: Sequence[str],
        update: UpdateWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Parsing configuration: {case_label}", runner, parent)
        self.environment = environment
        self._update = update
        self.item = QComboBox()
        self.item.currentIndexChanged.connect(lambda _i: self.update_state())
        self.ocr = QCheckBox("ocr: read the document's text again")
        self.risk = QCheckBox("risk_signals: check the document for tampering again")
        self.risk.setChecked(True)
        for box in (self.ocr, self.risk):
            box.toggled.connect(lambda _c: self.update_state())
        self.inputs += [self.item, self.ocr, self.risk]
        self.form.addRow("Document income item:", self.item)
        self.form.addRow("Parse for:", self.ocr)
        self.form.addRow("", self.risk)
        self.start_button.setText("Update parsing")
        self.set_items(items)

    def set_items(self, items: Sequence[str]) -> None:
        """The case's document income items (read off the GUI thread, then set here)."""
        self.item.clear()
        self.item.addItems(list(items))
        self.update_state()

    def config(self) -> list[str]:
        """The chosen parsing configuration, in Plaid's words."""
        return [
            name
            for name, box in (("ocr", self.ocr), ("risk_signals", self.risk))
            if box.isChecked()
        ]

    def problem(self) -> str:
        """No item, or neither ocr nor risk_signals."""
        if self.item.count() == 0:
            return "This case has no document income item."
        if not self.config():
            return "Choose ocr and/or risk_signals."
        return ""

    def confirmation_question(self) -> str:
        """Names the environment and the item; says the wait for risk signals can be long."""
        text = confirmation_text(
            f"Update parsing ({' + '.join(self.config())})",
            self.environment,
            [self.item.currentText()],
        )
        if "risk_signals" in self.config():
            text += " Reviewer then waits for Plaid to finish (you can cancel)."
        return text

    def work(self) -> ActionWork:
        """Update the chosen item, polling risk signals with the dialog's cancellable sleep."""
        item_id, config = self.item.currentText(), self.config()
        return lambda progress, cancel, sleep: self._update(
            item_id, config, progress, cancel, sleep
        )
