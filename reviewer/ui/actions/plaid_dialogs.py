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

NamedItem = tuple[str, str]  # (Plaid's item id, the name a reviewer reads)

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
        items: Sequence[NamedItem],
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
        self.form.addRow("Payroll connections:", self.items)
        self.form.addRow("Webhook URL:", self.webhook)
        self.start_button.setText("Refresh payroll")
        self.set_items(items)

    def set_items(self, items: Sequence[NamedItem]) -> None:
        """The case's payroll items by name, all checked (read off the GUI thread, set here);
        Plaid's item id is in each row's tooltip, never its label."""
        self.items.clear()
        for item_id, name in items:
            row = QListWidgetItem(name)
            row.setData(Qt.ItemDataRole.UserRole, item_id)
            row.setToolTip(f"Plaid item id: {item_id}")
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.items.addItem(row)
        # a name is what the reviewer reads: the list is as wide as its longest (within reason)
        self.items.setMinimumWidth(min(640, self.items.sizeHintForColumn(0) + 40))
        self.update_state()

    def _checked(self) -> list[QListWidgetItem]:
        rows = [self.items.item(i) for i in range(self.items.count())]
        return [r for r in rows if r is not None and r.checkState() == Qt.CheckState.Checked]

    def chosen_items(self) -> list[str]:
        """The checked item ids (what Plaid is sent)."""
        return [str(r.data(Qt.ItemDataRole.UserRole)) for r in self._checked()]

    def chosen_names(self) -> list[str]:
        """The checked items as the reviewer reads them."""
        return [r.text() for r in self._checked()]

    def problem(self) -> str:
        """No item chosen, or a webhook that is not an http(s) URL."""
        if self.items.count() and not self.chosen_items():
            return "Choose at least one payroll connection."
        hook = self.webhook.text().strip()
        if hook and not hook.startswith(("https://", "http://")):
            return "The webhook must be an http(s) URL."
        return ""

    def confirmation_question(self) -> str:
        """Names the environment and the items; warns that refreshes may be billed."""
        chosen = self.chosen_names()
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
        items: Sequence[NamedItem],
        update: UpdateWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Parsing configuration: {case_label}", runner, parent)
        self.environment = environment
        self._update = update
        self.item = QComboBox()
        self.item.currentIndexChanged.connect(self._item_changed)
        self.ocr = QCheckBox("ocr: read the document's text again")
        self.risk = QCheckBox("risk_signals: check the document for tampering again")
        self.risk.setChecked(True)
        for box in (self.ocr, self.risk):
            box.toggled.connect(lambda _c: self.update_state())
        self.inputs += [self.item, self.ocr, self.risk]
        self.form.addRow("Documents:", self.item)
        self.form.addRow("Parse for:", self.ocr)
        self.form.addRow("", self.risk)
        self.start_button.setText("Update parsing")
        self.set_items(items)

    def set_items(self, items: Sequence[NamedItem]) -> None:
        """The case's document income items by name (read off the GUI thread, then set here);
        Plaid's item id is the entry's data and tooltip, never its label."""
        self.item.clear()
        for item_id, name in items:
            self.item.addItem(name, item_id)
            self.item.setItemData(
                self.item.count() - 1, f"Plaid item id: {item_id}", Qt.ItemDataRole.ToolTipRole
            )
        self.item.setToolTip(self.item.itemData(0, Qt.ItemDataRole.ToolTipRole) or "")
        self.update_state()

    def _item_changed(self, index: int) -> None:
        self.item.setToolTip(self.item.itemData(index, Qt.ItemDataRole.ToolTipRole) or "")
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
            return "This case has no uploaded documents for Plaid to read again."
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
        item_id, config = str(self.item.currentData()), self.config()
        return lambda progress, cancel, sleep: self._update(
            item_id, config, progress, cancel, sleep
        )
