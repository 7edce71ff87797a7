"""`reviewer sandbox users` lists the demo users; the photographed pay stub downloads as a JPEG."""

from __future__ import annotations

import argparse
import io
import json
import zipfile

import httpx
import pytest

from reviewer.sandbox import demo_users
from reviewer.sandbox.cli import cmd_users
from tests.sandbox.conftest import creds


def test_users_json_lists_every_demo_user(capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_users(argparse.Namespace(json=True)) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 8
    assert {r["key"] for r in rows} == {u.key for u in demo_users()}
    assert all(r["story"] and (r["user_token"] or r["user_id"]) for r in rows)
    only_id = [r for r in rows if r["user_token"] is None]
    assert only_id and only_id[0]["user_id"].startswith("usr_")


def test_photo_paystub_is_a_jpeg(client: httpx.Client) -> None:
    user = next(u for u in demo_users() if u.key == "photo_paystub")
    body = client.post(
        "/credit/payroll_income/get", json={**creds(), "user_token": user.user_token}
    ).json()
    stub = body["items"][0]["payroll_income"][0]["pay_stubs"][0]
    r = client.get(stub["document_metadata"]["download_url"])
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        (name,) = zf.namelist()
        data = zf.read(name)
    assert name.endswith(".jpg")
    assert data[:3] == b"\xff\xd8\xff"
