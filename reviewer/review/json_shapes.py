"""Reading Plaid's JSON without trusting its shape.

A response that parses may still hold a string where an object belongs (``{"items":["x",1]}``),
a list where a dict belongs, or junk in any field. The walkers that dig through raw bodies use
these three guards so odd JSON costs its odd part, never the fetch.
"""

from __future__ import annotations

from typing import Any


def obj(value: Any) -> dict[str, Any]:
    """`value` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def objs(value: Any) -> list[dict[str, Any]]:
    """The objects of a JSON array (other elements skipped); [] for anything else."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def text(value: Any) -> str | None:
    """`value` if it is a non-empty string, else None."""
    return value if isinstance(value, str) and value else None
