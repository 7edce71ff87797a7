"""Reading JSON from the network (or from the cache) within bounds of size, shape and depth.

`json.loads` on a hostile body costs far more than its size: ten megabytes of ``{},{},...`` are
3.3 million dicts, and each becomes a pydantic model of a kilobyte or more (4 GB measured), while
200,000 nested ``[`` raise `RecursionError`, which is not a `ValueError`. `load_json` therefore
counts before it parses, with byte counts that run at C speed and never build anything:

- ``max_bytes``: the body's size;
- ``max_containers``: objects and arrays (``{`` plus ``[``, an upper bound: brackets inside
  strings count too, which errs on the safe side);
- ``max_values``: every value (an upper bound from the commas and containers);
- ``max_depth``: nesting, checked on the parsed value without recursion (and a
  `RecursionError` from the parser is reported as this limit too).

Plaid's real answers hold one object or array per 50 to 110 bytes and nest fewer than 12 deep;
parsed into models they take about 11 times their size. With the defaults the worst a response
can cost is bounded by the caps (see `JsonLimits`), whatever its shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

_MIB = 1024 * 1024


@dataclass(frozen=True)
class JsonLimits:
    """Caps on one JSON document; each figure is the most that is accepted.

    Worst case per response with the defaults: the raw bytes twice while read (64 MiB), at most
    1,000,000 parsed values (about 40 MB), strings no longer than the body (32 MiB) and 100,000
    objects or arrays as models (about 1.5 KB each, 150 MB): under 300 MB in all.
    """

    max_bytes: int = 32 * _MIB
    max_containers: int = 100_000
    max_values: int = 1_000_000
    max_depth: int = 64


DEFAULT_JSON_LIMITS = JsonLimits()
# Plaid's error object is a few hundred bytes; a "error body" beyond this is not one
ERROR_BODY_LIMITS = JsonLimits(max_bytes=64 * 1024, max_containers=256, max_values=4096)


class JsonLimitExceeded(ValueError):
    """The JSON breaks one of `JsonLimits`; ``limit`` names which ("max_depth", ...)."""

    def __init__(self, limit: str, figure: int, message: str) -> None:
        self.limit = limit
        self.figure = figure
        super().__init__(message)


def load_json(raw: bytes | str, limits: JsonLimits = DEFAULT_JSON_LIMITS) -> Any:
    """Parse `raw` as JSON within `limits`.

    Raises `JsonLimitExceeded` (a `ValueError`) naming the limit reached, or `ValueError` for
    text that is not JSON; never `RecursionError` or `MemoryError` from a hostile shape.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    if len(data) > limits.max_bytes:
        raise JsonLimitExceeded(
            "max_bytes",
            limits.max_bytes,
            f"JSON body of {len(data)} bytes is over the limit of {limits.max_bytes} bytes",
        )
    containers = data.count(b"{") + data.count(b"[")
    if containers > limits.max_containers:
        raise JsonLimitExceeded(
            "max_containers",
            limits.max_containers,
            f"JSON body has about {containers} objects and arrays, over the limit of "
            f"{limits.max_containers}",
        )
    values = data.count(b",") + containers + 1
    if values > limits.max_values:
        raise JsonLimitExceeded(
            "max_values",
            limits.max_values,
            f"JSON body has about {values} values, over the limit of {limits.max_values}",
        )
    try:
        value = json.loads(data)
    except RecursionError:
        raise _too_deep(limits) from None
    except MemoryError:
        raise JsonLimitExceeded(
            "max_bytes", limits.max_bytes, "JSON body needs more memory than is available"
        ) from None
    check_depth(value, limits.max_depth)
    return value


def check_depth(value: Any, max_depth: int) -> None:
    """Raise `JsonLimitExceeded` when `value` nests deeper than `max_depth` (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict):
            children: Any = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        if depth > max_depth:
            raise _too_deep(JsonLimits(max_depth=max_depth))
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _too_deep(limits: JsonLimits) -> JsonLimitExceeded:
    return JsonLimitExceeded(
        "max_depth",
        limits.max_depth,
        f"JSON nests deeper than the limit of {limits.max_depth} levels",
    )
