"""OpenAI strict mode's rules for a function's parameter schema, checked independently of the
code that produces it (agent/providers/strict_schema.py): what the API would refuse with
"Invalid schema for function …"."""

from __future__ import annotations

from typing import Any

UNSUPPORTED = {"oneOf", "discriminator", "default", "allOf", "not", "if", "then", "else",
               "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
               "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
               "uniqueItems", "minProperties", "maxProperties", "patternProperties",
               "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contains",
               "const", "dependentRequired", "dependentSchemas"}
MAX_PROPERTIES = 5000
MAX_ENUM_VALUES = 1000


def strict_violations(schema: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    defs = schema.get("$defs", {})
    counts = {"properties": 0, "enum": 0}
    if schema.get("type") != "object" or "anyOf" in schema:
        problems.append("/: the root must be an object, not a union")

    def visit(node: Any, path: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, f"{path}/{i}")
            return
        if not isinstance(node, dict):
            return
        for key in UNSUPPORTED & set(node):
            problems.append(f"{path}: keyword “{key}” is not supported in strict mode")
        if "$ref" in node:
            if set(node) != {"$ref"}:
                problems.append(f"{path}: $ref must stand alone")
            target = str(node["$ref"]).removeprefix("#/$defs/")
            if target not in defs:
                problems.append(f"{path}: $ref to a missing definition {node['$ref']}")
            return
        kinds = node.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "object" in kinds or "properties" in node:
            props = node.get("properties")
            if not isinstance(props, dict):
                problems.append(f"{path}: an object needs fixed properties")
                props = {}
            if node.get("additionalProperties") is not False:
                problems.append(f"{path}: additionalProperties must be false")
            if sorted(node.get("required", [])) != sorted(props):
                problems.append(f"{path}: every property must be required "
                                f"(missing: {sorted(set(props) - set(node.get('required', [])))})")
            counts["properties"] += len(props)
            for name, prop in props.items():
                visit(prop, f"{path}/properties/{name}")
        counts["enum"] += len(node.get("enum", []))
        for key in ("items", "anyOf"):
            if key in node:
                visit(node[key], f"{path}/{key}")

    visit({k: v for k, v in schema.items() if k != "$defs"}, "")
    for name, sub in defs.items():
        visit(sub, f"/$defs/{name}")
    if counts["properties"] > MAX_PROPERTIES:
        problems.append(f"{counts['properties']} properties (strict mode allows {MAX_PROPERTIES})")
    if counts["enum"] > MAX_ENUM_VALUES:
        problems.append(f"{counts['enum']} enum values (strict mode allows {MAX_ENUM_VALUES})")
    return problems
