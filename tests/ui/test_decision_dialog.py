"""The decision dialog asks before it says anything is decided, and names what is still open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reviewer.review.decisions import APPROVE
from reviewer.ui.actions.decision_dialog import DecisionDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_approving_over_open_concerns_asks_for_a_reason_and_a_note(qtbot) -> None:
    concerns = ["Plaid signal with no disposition: Edited text on net pay (page 1)"]
    dialog = DecisionDialog(APPROVE, "APP-1002", concerns=concerns)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Approve APP-1002?"  # a question, not "Approved: …"
    assert "Edited text on net pay" in dialog.warning.text() and dialog.warning.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "reason" in dialog.problem.text()
    qtbot.mouseClick(dialog.reason_boxes[1], Qt.MouseButton.LeftButton)
    assert not ok.isEnabled() and "note" in dialog.problem.text()
    qtbot.keyClicks(dialog.note, "Employer confirmed the pay by phone")
    assert ok.isEnabled()
    assert dialog.decision().details()["open_concerns"] == concerns


def test_approving_a_clean_case_needs_no_more(qtbot) -> None:
    dialog = DecisionDialog(APPROVE, "APP-1001")
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.warning.isHidden()
