"""The log redaction filter removes secrets, tokens, signed URL queries and SSN-like numbers."""

from __future__ import annotations

import logging
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reviewer.ui.logs import RedactingFilter, Redactor

words = st.text(alphabet="abcdefghijklmnop ", max_size=20)
secrets = st.text(alphabet="0123456789abcdef", min_size=30, max_size=30)


@given(prefix=words, secret=secrets, suffix=words)
def test_registered_and_keyed_secrets_are_removed(prefix: str, secret: str, suffix: str) -> None:
    r = Redactor()
    r.add_secret(secret)
    assert secret not in r.redact(f"{prefix}{secret}{suffix}")
    assert secret not in Redactor().redact(f'{prefix} {{"secret": "{secret}"}} {suffix}')


@given(env=st.sampled_from(["sandbox", "production"]), uuid=st.uuids())
def test_user_tokens_are_removed(env: str, uuid: object) -> None:
    token = f"user-{env}-{uuid}"
    assert token not in Redactor().redact(f"fetching {token} now")


@given(
    a=st.integers(0, 999),
    b=st.integers(0, 99),
    c=st.integers(0, 9999),
    sep=st.sampled_from(["-", " ", ""]),
)
def test_ssn_like_numbers_are_removed(a: int, b: int, c: int, sep: str) -> None:
    ssn = f"{a:03d}{sep}{b:02d}{sep}{c:04d}"
    assert ssn not in Redactor().redact(f"ssn {ssn}.")


@given(query=st.text(alphabet="abcXYZ0123=&%-_", min_size=1, max_size=40))
def test_signed_url_queries_are_removed(query: str) -> None:
    out = Redactor().redact(f"GET https://files.example/doc.pdf?{query} 200")
    assert "https://files.example/doc.pdf?<redacted>" in out
    assert out.endswith("?<redacted> 200")


def test_amounts_and_dates_survive() -> None:
    text = "2024-01-15 gross 2441.17 net 1,900.50"
    assert Redactor().redact(text) == text


def test_filter_redacts_formatted_records() -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "token %s", ("user-sandbox-abc",), None
    )
    RedactingFilter(Redactor()).filter(record)
    assert record.getMessage() == "token <token>"


def test_records_held_before_the_first_paint_reach_the_log_file(tmp_path: Path) -> None:
    """The app holds its records until the log file opens after the first paint: none is lost,
    each is redacted, and the held ones come first."""
    from reviewer.ui.logs import HeldRecords, setup_logging, start_crash_log

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        start_crash_log(tmp_path)
        logging.getLogger("reviewer.test").info("before the paint token %s", "user-sandbox-abc")
        assert any(isinstance(h, HeldRecords) for h in root.handlers)
        target = setup_logging(tmp_path)
        logging.getLogger("reviewer.test").info("after the paint")
        assert not any(isinstance(h, HeldRecords) for h in root.handlers)
        for handler in root.handlers:
            handler.flush()
        lines = target.read_text(encoding="utf-8").splitlines()
        assert [line.split(": ", 1)[1] for line in lines] == [
            "before the paint token <token>",
            "after the paint",
        ]
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
