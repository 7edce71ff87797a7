"""The case menus of the main window: Decision (decide with undo, dispositions, audit trail),
Actions (Plaid actions, export, purge) and the queue's decision filter.

`build_case_menus` makes their controllers from the window's `WindowContext`; the window keeps
the returned `CaseMenus`. They are built right after the first paint (about 70 ms of imports).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMenu, QToolBar

from reviewer.ui.actions.case_tools import CaseTools
from reviewer.ui.actions.decisions import DecisionController
from reviewer.ui.actions.plaid_menu import PlaidActions
from reviewer.ui.window_context import WindowContext


@dataclass(frozen=True)
class CaseMenus:
    """The controllers behind the Decision and Actions menus."""

    decisions: DecisionController
    plaid: PlaidActions
    tools: CaseTools

    def update_enabled(self) -> None:
        """A case was shown or the service changed: enable what can work now."""
        self.plaid.update_enabled()
        self.tools.update_enabled()


def build_case_menus(
    ctx: WindowContext, toolbar: QToolBar, decision_menu: QMenu, actions_menu: QMenu
) -> CaseMenus:
    """Fill the window's Decision and Actions menus (in its menu bar from the first frame) and
    add the queue filter to the toolbar."""
    decisions = DecisionController(ctx, toolbar, decision_menu)
    plaid = PlaidActions(ctx, actions_menu)
    tools = CaseTools(ctx, decisions.menu, plaid.menu)
    return CaseMenus(decisions, plaid, tools)
