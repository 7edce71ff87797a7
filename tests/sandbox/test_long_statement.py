"""The 300-page statement: served only when a benchmark adds its user (issue 16)."""

from __future__ import annotations

from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.sandbox.stories_bank import (
    EDITED_PAGE,
    LONG_STATEMENT_EDITED_PAGE,
    LONG_STATEMENT_PAGES,
    STATEMENT_PAGES,
)
from reviewer.sandbox.users import long_statement_user


def test_long_statement_is_no_demo_case_but_can_be_added() -> None:
    user = long_statement_user()
    assert user.key not in {u.key for u in demo_users()}
    assert user.label not in {u.label for u in demo_users()}
    sandbox = Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET)
    sandbox.add_user(user)

    spec = next(iter(sandbox.user_state(user.key).profile.docs.values()))
    assert (spec.kind, spec.min_pages) == ("statement", LONG_STATEMENT_PAGES)
    assert spec.tampers[0].page == LONG_STATEMENT_EDITED_PAGE
    statement = spec.source
    assert statement["document_metadata"]["page_count"] == LONG_STATEMENT_PAGES
    assert len(statement["transactions"]) > 12_000  # real rows, never padding


def test_demo_statement_is_unchanged() -> None:
    sandbox = Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET)
    spec = next(iter(sandbox.user_state("edited_statement").profile.docs.values()))
    assert (spec.min_pages, spec.tampers[0].page) == (STATEMENT_PAGES, EDITED_PAGE)
    assert len(spec.source["transactions"]) < 2_000
