"""The `reviewer` command against a hostile loopback server and a tired operator (issue 14).

Items 5 (Ctrl+C), 6 (documents through the worker), 9 (terminal escapes), 10 (--data-dir
modes), 11 (SHA-256 checked on show and export), 12 (exit 3 on failed downloads) and 13
(usage codes, labels, one-line errors).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.plaid.hostile_server import HostileServer, Reply
from tests.review.test_hostile_fetch import _payroll, _pdf, _zip

PAYROLL = "/credit/payroll_income/get"
REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["REVIEWER_DATA_DIR"] = str(tmp_path / "data")
    env["PLAID_CLIENT_ID"] = "client-id"
    env["PLAID_SECRET"] = "secret-value"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


def _run(
    args: list[str], env: dict[str, str], timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _fetch(
    server: HostileServer, env: dict[str, str], *extra: str
) -> subprocess.CompletedProcess[str]:
    return _run(["fetch", "--user-token", "tok-1", "--base-url", server.base_url, *extra], env)


def _served_stubs(server: HostileServer, names: list[str]) -> None:
    body = json.loads(_payroll(server.base_url, count=len(names)))
    for n, name in enumerate(names):
        stub = body["items"][0]["payroll_income"][0]["pay_stubs"][n]
        stub["document_metadata"]["name"] = name
        stub["employee"]["name"] = name
        server.routes[f"/doc/{n}.zip"] = Reply(body=_zip({"stub.pdf": _pdf()}), headers={})
    server.routes[PAYROLL] = Reply(body=json.dumps(body).encode())


def test_terminal_escapes_in_applicant_text_are_made_inert(tmp_path: Path) -> None:
    env = _env(tmp_path)
    evil = "Jane\x1b[2K\r\x1b[1A risk 1\u202e"
    with HostileServer(fallback=Reply(body=b"{}")) as server:
        _served_stubs(server, [evil])
        fetched = _fetch(server, env, "--label", "ESC\x1b]0;pwned\x07")
    assert fetched.returncode == 0, fetched.stderr
    for args in (["cases"], ["show", "ESC\x1b]0;pwned\x07"]):
        shown = _run(args, env)
        assert shown.returncode == 0, shown.stderr
        assert "\x1b" not in shown.stdout and "\r" not in shown.stdout
        assert "\u202e" not in shown.stdout and "\x07" not in shown.stdout
    assert "Jane" in shown.stdout


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    env = _env(tmp_path)
    cases = [
        ["fetch", "--user-token", ""],
        ["fetch", "--user-token", "t", "--label", ""],
        ["fetch", "--user-token", "t", "--base-url", "http://any-host.example"],
        ["rebuild-cache"],
    ]
    for args in cases:
        done = _run(args, env)
        assert done.returncode == 2, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "reviewer.sqlite3").exists(), "nothing was created"


def test_a_label_equal_to_another_case_id_is_refused(tmp_path: Path) -> None:
    env = _env(tmp_path)
    with HostileServer(fallback=Reply(body=b"{}")) as server:
        first = _fetch(server, env, "--label", "FIRST", "--json")
        case_id = json.loads(first.stdout)["case"]["id"]
        clash = _run(
            ["fetch", "--user-token", "tok-2", "--base-url", server.base_url, "--label", case_id],
            env,
        )
    assert clash.returncode == 2 and "another case's id" in clash.stderr


def test_every_download_failing_exits_3_and_lists_them(tmp_path: Path) -> None:
    env = _env(tmp_path)
    with HostileServer(fallback=Reply(body=b"{}")) as server:
        server.routes[PAYROLL] = Reply(body=_payroll(server.base_url, count=2))
        server.routes["/doc/0.zip"] = Reply(status=500, body=b"no")
        server.routes["/doc/1.zip"] = Reply(status=500, body=b"no")
        done = _fetch(server, env)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("reviewer: document ") == 2


def test_data_dir_given_is_never_chmodded_by_a_read_only_command(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    done = _run(["--data-dir", str(shared), "cases"], _env(tmp_path))
    assert done.returncode == 0 and "no cases yet" in done.stdout
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert list(shared.iterdir()) == [], "a read-only command creates nothing"


def test_a_missing_or_changed_document_file_is_reported_not_shown(tmp_path: Path) -> None:
    env = _env(tmp_path)
    with HostileServer(fallback=Reply(body=b"{}")) as server:
        _served_stubs(server, ["one.pdf", "two.pdf"])
        fetched = _fetch(server, env, "--label", "INT-1", "--json")
    assert fetched.returncode == 0, fetched.stderr
    documents = json.loads(fetched.stdout)["documents"]
    first, second = (Path(d["path"]) for d in documents[:2])
    first.unlink()
    os.chmod(second, 0o600)
    second.write_bytes(_pdf("a different pay stub"))
    shown = _run(["show", "INT-1", "--json"], env)
    problems = [d["problem"] for d in json.loads(shown.stdout)["documents"]]
    assert any("missing" in (p or "") for p in problems)
    assert any("SHA-256 does not match" in (p or "") for p in problems)
    assert all(d["path"] is None for d in json.loads(shown.stdout)["documents"])
    out = tmp_path / "report.json"
    exported = _run(["export", "INT-1", "--out", str(out)], env)
    assert exported.returncode == 0, exported.stderr
    report = json.loads(out.read_text())
    assert all(d["path"] is None for d in report["documents"]), "never exported as evidence"
    assert str(tmp_path) not in out.read_text(), "no absolute local path in the report"


def test_export_renders_a_hostile_image_in_the_worker_only(tmp_path: Path) -> None:
    """A 40000x40000 PNG: the worker refuses it under its memory limit; the report says so."""
    import zlib

    side = 40_000
    raw = zlib.compress(b"\x00" * (side * 3 + 1) * 64, 9)  # rows are all alike: tiny on disk
    row = b"\x00" + b"\x00" * (side * 3)
    idat = zlib.compress(row * side, 1)
    del raw

    def chunk(kind: bytes, data: bytes) -> bytes:
        import struct

        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    import struct

    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    env = _env(tmp_path)
    with HostileServer(fallback=Reply(body=b"{}")) as server:
        body = json.loads(_payroll(server.base_url, count=1))
        server.routes[PAYROLL] = Reply(body=json.dumps(body).encode())
        server.routes["/doc/0.zip"] = Reply(body=_zip({"stub-0.png": png}), headers={})
        risk = {
            "items": [
                {
                    "item_id": "item-1",
                    "verification_risk_signals": [
                        {
                            "single_document_risk_signals": [
                                {
                                    "document_reference": {"document_id": "doc-0"},
                                    "risk_summary": {"risk_score": 90},
                                    "risk_signals": [
                                        {"type": "FIELD", "has_fraud_risk": True, "page_number": 1}
                                    ],
                                }
                            ]
                        }
                    ],
                }
            ]
        }
        server.routes["/credit/payroll_income/risk_signals/get"] = Reply(
            body=json.dumps(risk).encode()
        )
        fetched = _fetch(server, env, "--label", "BIG-1")
    assert fetched.returncode in (0, 3), fetched.stderr
    out = tmp_path / "big.pdf"
    started = time.monotonic()
    exported = _run(["export", "BIG-1", "--out", str(out)], env, timeout=240)
    assert exported.returncode == 0, exported.stderr
    assert time.monotonic() - started < 200
    import pymupdf

    with pymupdf.open(out) as pdf:
        text = "".join(page.get_text() for page in pdf)
    assert "could not render the page" in text


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_ctrl_c_during_a_fetch_ends_at_once_without_traceback(tmp_path: Path) -> None:
    env = _env(tmp_path)
    drip = Reply(body=iter([b'{"items":['] + [b" "] * 10_000), drip_seconds=1.0)
    with HostileServer(fallback=Reply(body=b"{}")) as server:
        server.routes[PAYROLL] = drip
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reviewer",
                "fetch",
                "--user-token",
                "t",
                "--base-url",
                server.base_url,
            ],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not any(PAYROLL in r[1] for r in server.requests):
            assert time.monotonic() < deadline, "the fetch never reached the server"
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        started = time.monotonic()
        _, err = proc.communicate(timeout=30)
        seconds = time.monotonic() - started
    assert proc.returncode == 130
    assert "Traceback" not in err and "interrupted" in err
    assert len(err.strip().splitlines()) == 1
    assert seconds < 5
