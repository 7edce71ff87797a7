"""Mutable per-user state: the built profile, risk processing after parsing_config/update, refreshes."""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field

from reviewer.sandbox.documents import DocumentRenderer
from reviewer.sandbox.model import PayrollItem, Profile, StatementItem
from reviewer.sandbox.stories_bank import statement_risk
from reviewer.sandbox.users import DemoUser


@dataclass
class UserState:
    """One user's live data in a Sandbox."""

    user: DemoUser
    profile: Profile
    # item_id -> clock time when re-requested risk processing completes
    risk_ready_at: dict[str, float] = field(default_factory=dict)
    refreshed: bool = False
    verified: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def key(self) -> str:
        """The demo key (or generated key for users made by /user/create)."""
        return self.user.key

    def items_with_risk(self) -> list[PayrollItem | StatementItem]:
        """Every item that has a risk evaluation (payroll/document items and statement uploads)."""
        return [*self.profile.payroll_items, *self.profile.statement_items]

    def prepare_documents(self, renderer: DocumentRenderer) -> None:
        """Resolve edits that depend on the rendered layout and verify every signal, once."""
        with self.lock:
            if self.verified:
                return
            for item in self.profile.statement_items:
                for stmt in item.statements:
                    spec = self.profile.docs.get(stmt["document_id"])
                    if spec and spec.tampers and not spec.tampers[0].original:
                        spec = renderer.locate_statement_edit(spec)
                        self.profile.docs[spec.document_id] = spec
                        t = spec.tampers[0]
                        item.risk = [statement_risk(stmt, t.original, t.replacement, t.page or 1)]
            for pitem in self.items_with_risk():
                renderer.verify(self.profile.docs, pitem.risk)
            self.verified = True

    def apply_refresh(self) -> str:
        """Run /credit/payroll_income/refresh per the scenario; SUCCESSFUL adds the newer stub once."""
        outcome = self.profile.refresh_outcome
        with self.lock:
            if outcome == "SUCCESSFUL" and not self.refreshed:
                for item in self.profile.payroll_items:
                    if item.refresh_stub is not None:
                        item.pay_stubs.append(copy.deepcopy(item.refresh_stub))
                        paid = item.refresh_stub["pay_period_details"]["pay_date"]
                        item.updated_at = f"{paid}T14:00:00Z"  # Plaid pulled the new stub
                self.refreshed = True
        return outcome
