"""Cases: identity by user_token / user_id, labels, the queue, persistence across opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.store import CaseStore, LabelInUse, NewSnapshot
from tests.store.helpers import document_record, save_fetch


def test_same_user_token_gives_the_same_case(store: CaseStore) -> None:
    first = store.get_or_create_case(user_token="user-sandbox-aaa", user_id=None, label="APP-1")
    again = store.get_or_create_case(user_token="user-sandbox-aaa", user_id=None, label=None)
    other = store.get_or_create_case(user_token="user-sandbox-bbb", user_id=None, label=None)

    assert again.id == first.id
    assert again.label == "APP-1"
    assert other.id != first.id
    assert len(first.id) == 8
    assert first.id.isalnum()


def test_case_by_user_id_then_token_is_merged(store: CaseStore) -> None:
    by_id = store.get_or_create_case(user_token=None, user_id="usr_123", label=None)
    same = store.get_or_create_case(user_token=None, user_id="usr_123", label="L-9")

    assert same.id == by_id.id
    assert same.label == "L-9"


def test_case_known_by_user_id_gains_its_token(store: CaseStore) -> None:
    by_id = store.get_or_create_case(user_token=None, user_id="usr_1", label=None)
    both = store.get_or_create_case(user_token="tok-1", user_id="usr_1", label=None)
    by_token = store.get_or_create_case(user_token="tok-1", user_id=None, label=None)
    # a different token for the same user_id is a different Plaid user record: a new case
    other = store.get_or_create_case(user_token="tok-2", user_id="usr_1", label=None)

    assert both.id == by_id.id == by_token.id
    assert both.user_token == "tok-1"
    assert other.id != by_id.id


def test_case_needs_an_identity(store: CaseStore) -> None:
    with pytest.raises(ValueError):
        store.get_or_create_case(user_token=None, user_id=None, label="x")


def test_label_naming_another_case_is_refused(store: CaseStore) -> None:
    store.get_or_create_case(user_token="tok-a", user_id=None, label="APP-1")
    with pytest.raises(LabelInUse, match="APP-1"):
        store.get_or_create_case(user_token="tok-b", user_id=None, label="APP-1")
    assert [row.label for row in store.list_cases()] == ["APP-1"]


def test_find_case_by_id_or_label(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok-a", user_id=None, label="APP-7")

    assert store.find_case(case.id) == case
    assert store.find_case("APP-7") == case
    assert store.find_case("nope") is None


def test_user_token_is_masked_in_reprs(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="user-sandbox-SECRETISH", user_id=None, label=None)
    (row,) = store.list_cases()

    assert case.user_token == "user-sandbox-SECRETISH"
    assert "SECRETISH" not in repr(case)
    assert "SECRETISH" not in repr(row)


def test_queue_shows_latest_snapshot_and_decision(store: CaseStore) -> None:
    fetched = store.get_or_create_case(user_token="tok-a", user_id=None, label="A")
    untouched = store.get_or_create_case(user_token="tok-b", user_id=None, label="B")
    save_fetch(store, fetched.id, "old", n_docs=1)
    save_fetch(store, fetched.id, "newer", n_docs=3)
    store.append_audit(
        fetched.id, actor="ann", action="decision.escalate", details={}, app_version="1"
    )
    store.append_audit(fetched.id, actor="ann", action="disposition", details={}, app_version="1")

    rows = {row.label: row for row in store.list_cases()}

    assert rows["A"].applicant_name == "Applicant newer"
    assert rows["A"].document_count == 3
    assert rows["A"].max_risk_score == 72.5
    assert rows["A"].decision == "decision.escalate"
    assert rows["A"].fetched_at is not None
    assert rows["B"].id == untouched.id
    assert (rows["B"].document_count, rows["B"].decision, rows["B"].fetched_at) == (0, None, None)


def test_cases_survive_reopening(data_dir: Path) -> None:
    with CaseStore(data_dir) as store:
        case = store.get_or_create_case(user_token="tok-a", user_id="usr-a", label="APP-1")
        save_fetch(store, case.id, "one")
    with CaseStore(data_dir) as reopened:
        assert reopened.find_case("APP-1") == case
        snap = reopened.latest_snapshot(case.id)
        assert snap is not None
        assert snap.applicant_name == "Applicant one"


def test_webhook_routing_finds_cases_by_user_id_and_item_id(store: CaseStore) -> None:
    by_user = store.get_or_create_case(user_token=None, user_id="usr_webhook", label="U")
    by_doc = store.get_or_create_case(user_token="tok-doc", user_id=None, label="D")
    by_body = store.get_or_create_case(user_token="tok-body", user_id=None, label="B")
    store.get_or_create_case(user_token="tok-none", user_id=None, label="N")
    sha, _ = store.put_document(b"%PDF stub")
    store.save_snapshot(
        by_doc.id,
        NewSnapshot(fetched_at="t", documents=[document_record("d1", sha, item_id="item-XYZ")]),
    )
    sessions = b'{"sessions": [{"results": {"item_add_results": [{"item_id": "item-XYZ"}]}}]}'
    store.save_snapshot(
        by_body.id,
        NewSnapshot(
            fetched_at="t",
            responses=[("/credit/sessions/get", None, 200, "application/json", sessions)],
        ),
    )

    assert store.find_cases_for_webhook(user_id="usr_webhook") == [by_user]
    assert {c.id for c in store.find_cases_for_webhook(item_id="item-XYZ")} == {
        by_doc.id,
        by_body.id,
    }
    assert store.find_cases_for_webhook(item_id="item-other") == []
    assert store.find_cases_for_webhook() == []


def test_queue_pages_oldest_first_and_rows_by_id(store: CaseStore) -> None:
    made = [
        store.get_or_create_case(user_token=f"tok-{n}", user_id=None, label=f"P-{n}")
        for n in range(5)
    ]
    for case in made[:3]:
        save_fetch(store, case.id, case.label or "", n_docs=2)

    everything = [row.label for row in store.list_cases()]
    assert everything == [f"P-{n}" for n in range(5)]
    assert [row.label for row in store.list_cases(limit=2, offset=1)] == ["P-1", "P-2"]
    assert [row.label for row in store.list_cases(offset=4)] == ["P-4"]
    assert store.list_cases(limit=3, offset=9) == []
    assert store.count_cases() == 5
    by_id = store.case_rows([made[3].id, made[0].id, "no-such-case"])
    assert [(row.label, row.document_count) for row in by_id] == [("P-0", 2), ("P-3", 0)]
    assert by_id[0] == store.list_cases(limit=1)[0]  # the same figures either way
    with pytest.raises(ValueError, match="negative"):
        store.list_cases(limit=-1)


def test_queue_counts_come_from_an_index(store: CaseStore) -> None:
    """The failed-findings count per case is read from `findings_queue` alone, not the
    records' JSON beside it (that read grew to 0.4 s at 10,000 cases)."""
    conn = store._conn()
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT SUM(failed) FROM findings WHERE snapshot_id = 1"
    ).fetchall()
    assert any("COVERING INDEX findings_queue" in str(row[-1]) for row in plan), plan
