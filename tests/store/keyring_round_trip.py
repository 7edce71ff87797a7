"""Run under a real Secret Service (tests/store/test_keys.py starts gnome-keyring for it).

Exits 0 after: a new data directory's key goes into the keyring; the cache reopens from it;
rekey replaces the keyring entry; a lost entry is reported in words.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import keyring

from reviewer.store import CaseStore, KeyUnavailable, keyring_usable, rekey
from reviewer.store.keys import KEYRING_SERVICE, forget_unlocked


def main(data_dir: Path) -> int:
    assert keyring_usable(), f"no keyring backend: {keyring.get_keyring()!r}"
    with CaseStore(data_dir) as store:
        case = store.get_or_create_case(user_token="tok", user_id=None, label="KR-1")
        store.append_audit(
            case.id, actor="a", action="decision.approve", details={}, app_version="1"
        )
    record = json.loads((data_dir / "reviewer.key").read_text())
    assert record["wrapping"] == "keyring", record["wrapping"]
    first_entry = record["keyring_entry"]
    assert keyring.get_password(KEYRING_SERVICE, first_entry)

    forget_unlocked()  # as a new process would: the key must come from the keyring
    with CaseStore(data_dir) as store:
        assert store.find_case("KR-1") is not None

    print(rekey(data_dir))
    second_entry = json.loads((data_dir / "reviewer.key").read_text())["keyring_entry"]
    assert second_entry != first_entry
    assert keyring.get_password(KEYRING_SERVICE, first_entry) is None, "old entry left behind"
    forget_unlocked()
    with CaseStore(data_dir) as store:
        assert store.find_case("KR-1") is not None

    keyring.delete_password(KEYRING_SERVICE, second_entry)
    forget_unlocked()
    message = ""
    try:
        CaseStore(data_dir)
    except KeyUnavailable as exc:
        message = str(exc)
    if "no longer in the OS keyring" not in message:
        raise AssertionError(f"a lost keyring entry was not reported: {message!r}")
    print("keyring round trip ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
