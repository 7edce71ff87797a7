"""Snapshots: exact round trips, kept history, all-or-nothing saves."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewer.store.snapshots as snapshots_module
from reviewer.sealing import read_file
from reviewer.store import CaseStore, MissingDocument, NewSnapshot, ResponseRecord, UnknownCase
from tests.store.helpers import (
    PAYROLL,
    RISK,
    document_record,
    error_record,
    pdf_bytes,
    save_fetch,
    sha256_of,
    signal_record,
)


def test_round_trip_keeps_every_byte_and_record(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label="A")
    sha, path = store.put_document(pdf_bytes("stub"))
    # raw bodies as received, including bytes that are not valid UTF-8 and a zip
    raw_json = b'{"items": [], "request_id": "r1", "x": "\xc3\xa9"}'
    raw_zip = b"PK\x03\x04\x00\xff\xfe" + bytes(range(256))
    docs = [document_record("doc-1", sha), document_record("doc-2", None)]
    signals = [signal_record("doc-1", 91.0)]
    errors = [error_record(RISK, 503)]
    new = NewSnapshot(
        fetched_at="2026-03-04T05:06:07+00:00",
        responses=[
            ResponseRecord(PAYROLL, None, 200, "application/json", raw_json),
            ("download", "item-1", 200, "application/zip", raw_zip),
            (RISK, None, 503, "application/json", b'{"error_code": "X"}'),
        ],
        documents=docs,
        signals=signals,
        errors=errors,
        skipped={"/beta/credit/v1/bank_employment/get": "needs a user_token"},
        applicant_name="Jane Doe",
        max_risk_score=91.0,
    )

    snapshot_id = store.save_snapshot(case.id, new)
    got = store.snapshot(snapshot_id)

    assert got is not None
    assert got == store.latest_snapshot(case.id)
    assert got.case_id == case.id
    assert got.fetched_at == "2026-03-04T05:06:07+00:00"
    assert [r.body for r in got.responses] == [raw_json, raw_zip, b'{"error_code": "X"}']
    assert got.responses[1] == ("download", "item-1", 200, "application/zip", raw_zip)
    assert got.documents[0] == {**docs[0], "path": str(path)}
    assert got.documents[1] == docs[1]
    assert got.signals == signals
    assert got.errors == errors
    assert got.skipped == new.skipped
    assert (got.applicant_name, got.max_risk_score) == ("Jane Doe", 91.0)
    assert read_file(path) == pdf_bytes("stub")
    assert sha == sha256_of(pdf_bytes("stub"))


def test_history_is_kept_and_latest_is_newest(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    first = save_fetch(store, case.id, "first", n_docs=1)
    second = save_fetch(store, case.id, "second", n_docs=2)

    history = store.snapshots(case.id)

    assert [info.id for info in history] == [first, second]
    assert [info.document_count for info in history] == [1, 2]
    assert [info.signal_count for info in history] == [1, 1]
    latest = store.latest_snapshot(case.id)
    assert latest is not None
    assert latest.id == second
    old = store.snapshot(first)
    assert old is not None
    assert old.applicant_name == "Applicant first"
    assert store.snapshot(999_999) is None


def test_case_without_snapshot_has_no_latest(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    assert store.latest_snapshot(case.id) is None
    assert store.snapshots(case.id) == []


def test_exception_mid_save_leaves_previous_snapshot(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    good = save_fetch(store, case.id, "good")

    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    # fails after the snapshot row and its responses were inserted in the transaction
    monkeypatch.setattr(snapshots_module, "_insert_records", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        save_fetch(store, case.id, "broken")
    monkeypatch.undo()

    assert [info.id for info in store.snapshots(case.id)] == [good]
    latest = store.latest_snapshot(case.id)
    assert latest is not None
    assert latest.applicant_name == "Applicant good"
    # and the store still accepts the next fetch
    assert save_fetch(store, case.id, "after") > good


def test_text_body_is_refused_and_nothing_saved(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    bad = NewSnapshot(
        fetched_at="2026-01-01T00:00:00+00:00",
        responses=[(PAYROLL, None, 200, "application/json", b"{}"), (RISK, None, 200, "x", "{}")],  # type: ignore[list-item]
    )
    with pytest.raises(TypeError, match="bytes"):
        store.save_snapshot(case.id, bad)
    assert store.snapshots(case.id) == []


def test_snapshot_referring_to_unstored_file_is_refused(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    missing = sha256_of(b"never stored")
    snap = NewSnapshot(fetched_at="t", documents=[document_record("d", missing)])

    with pytest.raises(MissingDocument, match="put_document"):
        store.save_snapshot(case.id, snap)
    with pytest.raises(ValueError):
        store.save_snapshot(
            case.id,
            NewSnapshot(fetched_at="t", documents=[document_record("d", "../../etc/passwd")]),
        )
    assert store.snapshots(case.id) == []


def test_snapshot_for_unknown_case_is_refused(store: CaseStore) -> None:
    with pytest.raises(UnknownCase):
        store.save_snapshot("nosuchid", NewSnapshot(fetched_at="t"))


def test_failed_endpoint_does_not_hide_last_good_response(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    good = store.save_snapshot(
        case.id,
        NewSnapshot(
            fetched_at="t1",
            responses=[
                (PAYROLL, None, 200, "application/json", b'{"v": 1}'),
                (RISK, None, 200, "application/json", b'{"r": 1}'),
            ],
        ),
    )
    newer = store.save_snapshot(
        case.id,
        NewSnapshot(
            fetched_at="t2",
            responses=[
                (PAYROLL, None, 200, "application/json", b'{"v": 2}'),
                (RISK, None, 500, "application/json", b"{}"),
            ],
            errors=[error_record(RISK)],
        ),
    )

    best = store.latest_good_responses(case.id)

    assert best[PAYROLL][0] == newer
    assert [r.body for r in best[PAYROLL][1]] == [b'{"v": 2}']
    assert best[RISK][0] == good
    assert [r.body for r in best[RISK][1]] == [b'{"r": 1}']


_json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20)
_json = st.recursive(
    _json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    bodies=st.lists(st.binary(max_size=2000), max_size=4),
    extra=st.dictionaries(st.text(min_size=1, max_size=8), _json, max_size=4),
    skipped=st.dictionaries(st.text(max_size=30), st.text(max_size=30), max_size=3),
    score=st.none() | st.floats(0, 100),
)
def test_any_bodies_and_records_round_trip(
    store: CaseStore,
    bodies: list[bytes],
    extra: dict[str, object],
    skipped: dict[str, str],
    score: float | None,
) -> None:
    case = store.get_or_create_case(
        user_token=f"tok-{len(store.list_cases())}", user_id=None, label=None
    )
    new = NewSnapshot(
        fetched_at="2026-01-01T00:00:00+00:00",
        responses=[
            (PAYROLL, f"item-{i}", 200, "application/octet-stream", b) for i, b in enumerate(bodies)
        ],
        documents=[document_record("d", None, extra=extra)],
        signals=[{**extra, "risk_score": score}],
        errors=[{**extra, "endpoint": RISK}],
        skipped=skipped,
        max_risk_score=score,
    )
    got = store.snapshot(store.save_snapshot(case.id, new))

    assert got is not None
    assert [r.body for r in got.responses] == bodies
    assert got.documents == new.documents
    assert got.signals == new.signals
    assert got.errors == new.errors
    assert got.skipped == skipped
    assert got.max_risk_score == score
