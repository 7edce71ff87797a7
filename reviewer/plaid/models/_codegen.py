"""Generate ``_generated.py`` from Plaid's OpenAPI spec. Run by hand after a spec update.

    uv run python -m reviewer.plaid.models._codegen [path/to/2020-09-14.yml]

By default it reads the vendored subset of the spec (``openapi/2020-09-14.income.yml``, cut by
``_cut_spec.py``, which says where it comes from and under which licence).

It walks every schema reachable from the Income endpoints' requests and responses and the income
webhooks, and writes one pydantic class per object schema (named exactly as the spec's component)
and one ``StrEnum`` per string-enum component. Conventions live in ``_base.py``: every field is
optional, arrays use ``PlaidList``, enum fields are ``str`` with ``KnownValues`` metadata.
"""

from __future__ import annotations

import keyword
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from reviewer.plaid.endpoint_paths import ALL_ENDPOINTS

ENDPOINTS = ALL_ENDPOINTS
WEBHOOKS = (
    "IncomeVerificationStatusWebhook",
    "IncomeVerificationRiskSignalsStatusWebhook",
    "BankIncomeRefreshCompleteWebhook",
    "IncomeVerificationRefreshReconnectNeededWebhook",
)
EXTRA_ROOTS = ("PlaidError",)
# Fields never shown in a repr (secrets must not reach logs or exception messages).
HIDDEN_FIELDS = frozenset({"secret"})
# The vendored subset of Plaid's spec (see openapi/README.md); the generator's default input.
VENDORED_SPEC = Path(__file__).resolve().with_name("openapi") / "2020-09-14.income.yml"
DEFAULT_SPEC = VENDORED_SPEC
OUTPUT = Path(__file__).with_name("_generated.py")
BASE_MODEL_ATTRS = frozenset(
    {"copy", "dict", "json", "schema", "fields", "validate", "construct", "parse_obj"}
)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _py_name(name: str) -> str:
    ident = re.sub(r"\W", "_", name)
    if ident[0].isdigit():
        ident = "n_" + ident
    if keyword.iskeyword(ident) or ident in BASE_MODEL_ATTRS:
        ident += "_"
    return ident


def _member_name(value: str) -> str:
    ident = re.sub(r"\W", "_", value).upper()
    return "V_" + ident if not ident or ident[0].isdigit() else ident


def _enum_values(schema: dict[str, Any]) -> list[str] | None:
    values = schema.get("enum") or schema.get("x-override-enum-values-shown")
    if not values:
        return None
    return [str(v) for v in values if v is not None]


class Generator:
    """Collects reachable schemas and renders them as Python source."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.schemas: dict[str, Any] = spec["components"]["schemas"]
        self.order: list[str] = []  # object schemas, dependencies first
        self.enums: list[str] = []
        self._seen: set[str] = set()

    def roots(self) -> list[str]:
        """Request and response component names of the endpoints, then the webhooks."""
        names: list[str] = []
        for path in ENDPOINTS:
            op = self.spec["paths"][path]["post"]
            names.append(
                _ref_name(op["requestBody"]["content"]["application/json"]["schema"]["$ref"])
            )
            content = op["responses"]["200"]["content"]
            schema = next(iter(content.values()))["schema"]
            if "$ref" in schema:
                names.append(_ref_name(schema["$ref"]))
        return [*names, *WEBHOOKS, *EXTRA_ROOTS]

    def visit(self, name: str) -> None:
        """Depth-first walk so a class is emitted after the classes its fields use."""
        if name in self._seen:
            return
        self._seen.add(name)
        schema = self.schemas[name]
        if schema.get("type", "object") == "object" and "properties" in schema:
            for prop in schema["properties"].values():
                for ref in self._refs(prop):
                    self.visit(ref)
            self.order.append(name)
        elif schema.get("type") == "string" and _enum_values(schema):
            self.enums.append(name)
        elif schema.get("type") == "array":
            for ref in self._refs(schema):
                self.visit(ref)

    def _refs(self, node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [_ref_name(node["$ref"])] if "$ref" in node else []
            for key, value in node.items():
                if key not in ("example", "x-examples"):
                    found += self._refs(value)
            return found
        if isinstance(node, list):
            return [r for item in node for r in self._refs(item)]
        return []

    def field_type(self, schema: dict[str, Any]) -> tuple[str, str | None]:
        """(Python type, KnownValues expression or None) for a property schema."""
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.field_type(schema["allOf"][0])
        if "$ref" in schema:
            name = _ref_name(schema["$ref"])
            target = self.schemas[name]
            if name in self.order:
                return name, None
            if name in self.enums:
                return "str", f"KnownValues.of({name})"
            return self.field_type(target)
        kind = schema.get("type")
        if kind == "array":
            items = schema.get("items", {})
            item, known = self.field_type(items)
            if self._nullable(items) and item != "Any":
                item = f"{item} | None"
            return f"PlaidList[{item}]", known
        if kind == "string":
            values = _enum_values(schema)
            if values:
                return "str", "KnownValues.inline(" + ", ".join(map(repr, values)) + ")"
            return "str", None
        if kind == "number":
            return "float", None
        if kind == "integer":
            return "int", None
        if kind == "boolean":
            return "bool", None
        if kind == "object":
            return "dict[str, Any]", None
        return "Any", None

    def _nullable(self, schema: dict[str, Any]) -> bool:
        if schema.get("nullable"):
            return True
        if "$ref" in schema:
            return self._nullable(self.schemas[_ref_name(schema["$ref"])])
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self._nullable(schema["allOf"][0])
        return False

    def render_enum(self, name: str) -> str:
        schema = self.schemas[name]
        lines = [f"class {name}(StrEnum):", f"    {_doc(schema, name)}", ""]
        for value in _enum_values(schema) or []:
            lines.append(f"    {_member_name(value)} = {value!r}")
        return "\n".join(lines)

    def render_model(self, name: str) -> str:
        schema = self.schemas[name]
        lines = [f"class {name}(PlaidModel):", f"    {_doc(schema, name)}", ""]
        for prop, prop_schema in schema["properties"].items():
            py_type, known = self.field_type(prop_schema)
            attr = _py_name(prop)
            args: list[str] = []
            if py_type.startswith("PlaidList["):
                args.append("default_factory=list")
            else:
                args.append("default=None")
                py_type = f"{py_type} | None" if py_type != "Any" else py_type
            if attr != prop:
                args.append(f"alias={prop!r}")
            if prop in HIDDEN_FIELDS:
                args.append("repr=False")
            if description := _field_description(prop_schema):
                args.append(f"description={description!r}")
            if known:
                py_type = f"Annotated[{py_type}, {known}]"
            lines.append(f"    {attr}: {py_type} = Field({', '.join(args)})")
        return "\n".join(lines)

    def render(self) -> str:
        """The whole module source."""
        for root in self.roots():
            self.visit(root)
        names = sorted([*self.enums, *self.order])
        parts = [
            '"""Pydantic models of Plaid\'s Income API. GENERATED by _codegen.py: do not edit."""',
            "",
            "from __future__ import annotations",
            "",
            "from enum import StrEnum",
            "from typing import Annotated, Any",
            "",
            "from pydantic import Field",
            "",
            "from reviewer.plaid.models._base import KnownValues, PlaidList, PlaidModel",
            "",
            "__all__ = [",
            *[f"    {n!r}," for n in names],
            "]",
            "",
            "",
        ]
        body = [self.render_enum(n) for n in self.enums]
        body += [self.render_model(n) for n in self.order]
        return "\n".join(parts) + "\n\n\n".join(body) + "\n"


def _field_description(schema: dict[str, Any]) -> str:
    """The first paragraph of a property's description (UI tooltips), at most 200 characters."""
    text = str(schema.get("description") or "").strip().split("\n\n", 1)[0]
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197].rstrip() + "..."


def _doc(schema: dict[str, Any], name: str) -> str:
    text = " ".join(str(schema.get("description") or name).split())
    text = text.replace("\\", "\\\\").replace('"""', "'''")
    if len(text) > 300:
        text = text[:297].rstrip() + "..."
    return f'"""{text}"""'


def main(argv: list[str]) -> None:
    """Read the spec (argv[0] or the vendored subset) and write ``_generated.py``."""
    import yaml  # dev dependency; only the generator needs it

    spec_path = Path(argv[0]) if argv else DEFAULT_SPEC
    with spec_path.open("rb") as fh:
        # CSafeLoader is the C build of SafeLoader: safe, and ~10x faster on the 3 MB spec.
        spec = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    OUTPUT.write_text(Generator(spec).render(), encoding="utf-8")
    # Formatted for readers; ruff lint excludes the file, and mypy checks it as it is.
    # ruff from this environment (a dev dependency), not whatever `ruff` is on PATH.
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(OUTPUT)], check=True)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
