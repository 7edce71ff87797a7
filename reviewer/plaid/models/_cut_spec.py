"""Cut the vendored subset of Plaid's OpenAPI spec from a full copy. Run by hand after a spec update.

    uv run python -m reviewer.plaid.models._cut_spec path/to/plaid-openapi/2020-09-14.yml

Plaid publishes the whole API (about 3 MB of YAML) at github.com/plaid/plaid-openapi under the MIT
licence. Reviewer calls a dozen Income endpoints, so only they are kept: their path items, the
income webhooks and `PlaidError`, plus every component reachable from those through `$ref` (in
schemas, examples and responses alike), so the subset is a complete OpenAPI document that tools
such as hypothesis-jsonschema and jsonschema's `$ref` resolution can use as they would the whole.

The cut is written to `openapi/2020-09-14.income.yml` beside this module, headed by the source's
version and the licence; `openapi/README.md` says the same for people. After cutting, regenerate
the models (`python -m reviewer.plaid.models._codegen`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from reviewer.plaid.models._codegen import ENDPOINTS, EXTRA_ROOTS, VENDORED_SPEC, WEBHOOKS

SOURCE_URL = "https://github.com/plaid/plaid-openapi/blob/master/2020-09-14.yml"
LICENCE = "MIT (https://github.com/plaid/plaid-openapi), Copyright (c) Plaid Inc."
_REF = re.compile(r"^#/components/([^/]+)/([^/]+)$")


def _refs(node: Any) -> list[tuple[str, str]]:
    """(component kind, name) of every `$ref` anywhere under `node`."""
    if isinstance(node, dict):
        found: list[tuple[str, str]] = []
        ref = node.get("$ref")
        if isinstance(ref, str) and (match := _REF.match(ref)):
            found.append((match.group(1), match.group(2)))
        for value in node.values():
            found += _refs(value)
        return found
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


def cut(spec: dict[str, Any]) -> dict[str, Any]:
    """The subset: our endpoints' path items and the transitive closure of their components."""
    paths = {path: spec["paths"][path] for path in ENDPOINTS}
    components: dict[str, dict[str, Any]] = {}
    pending = _refs(paths) + [("schemas", name) for name in (*WEBHOOKS, *EXTRA_ROOTS)]
    # security schemes are named by the top-level `security` list, not by `$ref`
    schemes = spec["components"].get("securitySchemes", {})
    components["securitySchemes"] = dict(schemes)
    while pending:
        kind, name = pending.pop()
        kept = components.setdefault(kind, {})
        if name in kept:
            continue
        kept[name] = spec["components"][kind][name]
        pending += _refs(kept[name])
    ordered = {
        kind: {name: components[kind][name] for name in sorted(components[kind])}
        for kind in sorted(components)
    }
    return {
        "openapi": spec["openapi"],
        "servers": spec.get("servers", []),
        "info": spec["info"],
        "security": spec.get("security", []),
        "paths": paths,
        "components": ordered,
    }


def header(spec: dict[str, Any]) -> str:
    """The provenance comment at the top of the vendored file."""
    return "\n".join(
        [
            "# A subset of Plaid's OpenAPI spec, cut by reviewer/plaid/models/_cut_spec.py: do not edit.",
            f"# Source: {SOURCE_URL}",
            f"# Source version: {spec['info']['version']}",
            f"# Licence: {LICENCE}; the full notice is in openapi/README.md beside this file.",
            f"# Kept: {len(ENDPOINTS)} endpoints, {len(WEBHOOKS)} webhooks, {', '.join(EXTRA_ROOTS)}"
            " and every component they reach.",
            "",
        ]
    )


def main(argv: list[str]) -> None:
    """Read the full spec named on the command line and write the vendored subset."""
    import yaml  # dev dependency; only the by-hand tools need it

    if len(argv) != 1:
        sys.exit("usage: python -m reviewer.plaid.models._cut_spec path/to/2020-09-14.yml")
    with Path(argv[0]).open("rb") as fh:
        spec = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    subset = cut(spec)
    text = yaml.dump(
        subset,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    VENDORED_SPEC.write_text(header(spec) + text, encoding="utf-8")
    print(f"wrote {VENDORED_SPEC} ({len(subset['components']['schemas'])} schemas)")


if __name__ == "__main__":
    main(sys.argv[1:])
