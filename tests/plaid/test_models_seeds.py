"""Every JSON example in the seeds parses, and the parsed model dumps back to a spec-valid body."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from reviewer.plaid import models
from tests.openapi import request_schema_name, response_schema_name, validate_component

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
_HEADING = re.compile(r"^#### (/\S+)\s*$")
_FENCE = re.compile(r"^```(\w+)\s*$")
_CURL_BODY = re.compile(r"-d '(\{.*\})'", re.S)


def _seed_blocks() -> list[tuple[str, str, str]]:
    """(endpoint path or "", fence language, block text) for every fenced block in the seeds."""
    blocks: list[tuple[str, str, str]] = []
    for seed in sorted(SEEDS.glob("*.txt")):
        endpoint, lang, buf = "", None, []
        for line in seed.read_text(encoding="utf-8").splitlines():
            heading = _HEADING.match(line)
            if heading and lang is None:
                endpoint = heading.group(1).replace("\\_", "_")
            elif lang is None and (fence := _FENCE.match(line)):
                lang, buf = fence.group(1), []
            elif lang is not None and line.strip() == "```":
                blocks.append((endpoint, lang, "\n".join(buf)))
                lang = None
            elif lang is not None:
                buf.append(line)
    return blocks


def _response_examples() -> list[Any]:
    """(schema name, body) of each JSON example: endpoint responses and webhook payloads."""
    cases = []
    for endpoint, lang, text in _seed_blocks():
        if lang != "json":
            continue
        body = json.loads(text)
        if "webhook_code" in body:
            name = models.webhook_model_for(body["webhook_type"], body["webhook_code"]).__name__
            cases.append(pytest.param(name, body, id=f"webhook-{body['webhook_code']}"))
        else:
            cases.append(pytest.param(response_schema_name(endpoint), body, id=endpoint))
    return cases


def _request_examples() -> list[Any]:
    """(schema name, body) of the JSON bodies in the seeds' curl samples."""
    cases = []
    for endpoint, lang, text in _seed_blocks():
        if lang == "bash" and (match := _CURL_BODY.search(text)):
            body = json.loads(match.group(1))
            cases.append(pytest.param(request_schema_name(endpoint), body, id=endpoint))
    return cases


RESPONSE_EXAMPLES = _response_examples()
REQUEST_EXAMPLES = _request_examples()


def test_seeds_hold_every_example() -> None:
    # 9 endpoint responses (the PDF endpoint has none) + 4 webhooks; 10 curl samples in 002.
    assert len(RESPONSE_EXAMPLES) == 13
    assert len(REQUEST_EXAMPLES) >= 10


@pytest.mark.parametrize(("schema_name", "body"), RESPONSE_EXAMPLES)
def test_seed_response_parses_and_dumps_back_spec_valid(schema_name: str, body: Any) -> None:
    model_cls = getattr(models, schema_name)
    parsed = model_cls.model_validate(body)

    assert models.all_problems(parsed) == []
    dumped = models.dump_json_compatible(parsed)
    assert dumped == body
    validate_component(schema_name, dumped)


@pytest.mark.parametrize(("schema_name", "body"), REQUEST_EXAMPLES)
def test_seed_request_parses_and_dumps_back(schema_name: str, body: Any) -> None:
    parsed = getattr(models, schema_name).model_validate(body)

    dumped = models.dump_json_compatible(parsed)
    assert dumped == body
    validate_component(schema_name, dumped)
    assert "PLAID_SECRET" not in repr(parsed)
