"""`show --json`'s identity and document facts are stored beside the snapshot after a fetch and
read back unchanged; missing, outdated or damaged facts are rebuilt from the case model."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewer.review.service import CaseService
from reviewer.review.show_facts import FACTS_VERSION

from .conftest import user


@pytest.mark.parametrize(
    "key", ["tampered_paystub", "upload_problems", "w2_1099", "bank_five_sources"]
)
def test_stored_facts_give_the_same_show_json_as_the_case_model(
    service: CaseService, key: str
) -> None:
    applicant = user(key)
    result = service.fetch_case(user_token=applicant.user_token, label=applicant.label)
    assert result.case_id is not None
    snapshot = service.load_case(result.case_id)
    assert snapshot is not None and snapshot.facts is not None  # stored by the fetch
    from_store = snapshot.to_show_json()
    from_model = replace(snapshot, facts=None).to_show_json()
    assert from_store == from_model
    if key != "upload_problems":  # its documents never reached Plaid's parsers
        assert from_store["identity"], "the demo case names its applicant"
    else:  # Plaid's words for the locked upload survive the round trip
        messages = [d["error_message"] for d in from_store["documents"] if d["error_message"]]
        assert any("assword" in m for m in messages), messages


@pytest.mark.parametrize("stored", ["old version", "damaged", "missing"])
def test_facts_not_current_are_rebuilt_with_the_findings(service: CaseService, stored: str) -> None:
    applicant = user("tampered_paystub")
    result = service.fetch_case(user_token=applicant.user_token, label=applicant.label)
    assert result.case_id is not None
    fresh = service.load_case(result.case_id)
    assert fresh is not None and fresh.snapshot_id is not None
    expected = fresh.to_show_json()
    conn = service.store._conn()
    if stored == "old version":
        service.store.save_facts(fresh.snapshot_id, "0", {"identity": [], "documents": {}})
    elif stored == "damaged":
        conn.execute(
            "UPDATE snapshot_facts SET facts_json = ? WHERE snapshot_id = ?",
            ('{"identity": 7}', fresh.snapshot_id),
        )
        conn.commit()
    else:
        conn.execute("DELETE FROM snapshot_facts WHERE snapshot_id = ?", (fresh.snapshot_id,))
        conn.commit()
    snapshot = service.load_case(result.case_id)
    assert snapshot is not None and snapshot.facts is None
    assert service.findings_stale(snapshot)
    assert snapshot.to_show_json() == expected  # read from the model meanwhile
    checked = service.load_case_checked(result.case_id)
    assert checked is not None and checked.facts is not None
    assert service.store.facts(fresh.snapshot_id) == (FACTS_VERSION, checked.facts)
    assert checked.to_show_json() == expected
