"""`reviewer show` reads a current case from the store, and hands anything else to the service.

The light path (commands_show) and the service's path (commands.cmd_show_through_service) must
print the same thing; a case whose show facts or findings are not current is brought up to date
by the service first, as before.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from reviewer.review import commands, commands_show
from reviewer.review.show_facts import FACTS_VERSION
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.store import CaseStore
from tests.review.conftest import make_service

USER = next(u for u in demo_users() if u.key == "tampered_paystub")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "reviewer-data"
    service = make_service(Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET), data_dir)
    try:
        assert service.fetch_case(user_token=USER.user_token, label=USER.label).stored
    finally:
        service.close()
    return data_dir


def _printed(
    command: object, data_dir: Path, capsys: pytest.CaptureFixture[str], *, json: bool
) -> str:
    args = argparse.Namespace(case=USER.label, json=json, data_dir=str(data_dir), demo=False)
    assert callable(command)
    assert command(args) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
def test_read_from_the_store_as_the_service_shows_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    light = _printed(commands_show.cmd_show, data_dir, capsys, json=as_json)
    through_service = _printed(commands.cmd_show_through_service, data_dir, capsys, json=as_json)
    assert light == through_service
    assert USER.label in light


def test_facts_of_another_version_are_rebuilt_by_the_service(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _printed(commands_show.cmd_show, data_dir, capsys, json=True)
    with CaseStore(data_dir) as store:
        case = store.find_case(USER.label)
        assert case is not None
        snapshot = store.latest_snapshot(case.id)
        assert snapshot is not None
        store.save_facts(snapshot.id, "0", {"identity": [], "documents": {}})
    handed_over: list[str] = []
    real = commands.cmd_show_through_service

    def spy(args: argparse.Namespace) -> int:
        handed_over.append(args.case)
        return real(args)

    monkeypatch.setattr(commands, "cmd_show_through_service", spy)
    rebuilt = _printed(commands_show.cmd_show, data_dir, capsys, json=True)
    # the same object (the facts just built keep their keys' order; stored ones come sorted)
    assert json.loads(rebuilt) == json.loads(expected)
    assert handed_over == [USER.label]
    with CaseStore(data_dir) as store:
        stored = store.facts(snapshot.id)
        assert stored is not None and stored[0] == FACTS_VERSION


def test_a_case_not_in_the_cache_is_said_by_the_service(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(case="NO-SUCH", json=False, data_dir=str(data_dir), demo=False)
    assert commands_show.cmd_show(args) == 1
    assert "no case 'NO-SUCH'" in capsys.readouterr().err


def test_the_producers_current_versions_are_the_producers_own(data_dir: Path) -> None:
    """`show` judges staleness from producer_versions without loading the producers: the
    names and versions there must be exactly those of every producer a snapshot gets."""
    from datetime import UTC, datetime

    from reviewer.review.case_reading import every_producer
    from reviewer.review.producer_versions import current_versions

    with CaseStore(data_dir) as store:
        producers = every_producer(store, lambda: datetime.now(UTC))
        assert current_versions(store) == {p.name: p.version for p in producers}
