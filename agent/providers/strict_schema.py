"""Tool schemas for OpenAI structured outputs in strict mode, and back from what strict sends.

Strict mode constrains decoding to a subset of JSON Schema: every object lists all its
properties as required and forbids others, an optional property is nullable instead of
absent, unions are `anyOf` (no `oneOf`, no `discriminator`), no `default`, and the length,
range, pattern and format keywords are not enforced (we keep their meaning in the description
and check them ourselves: every proposal still goes through `validate`). Free-form maps
(`additionalProperties: {schema}`) cannot be expressed, so such optional fields are left out
of the strict schema (their defaults apply; the editor can set them).
"""

from __future__ import annotations

import copy
from typing import Any

# Keywords strict mode rejects or ignores; their constraint moves into the description.
_CONSTRAINTS = ("minLength", "maxLength", "pattern", "format", "minimum", "maximum",
                "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
                "uniqueItems", "minProperties", "maxProperties", "patternProperties",
                "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contains",
                "minContains", "maxContains")
_DROPPED = ("default", "discriminator", "examples", "title")


def _is_map(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" and "properties" not in schema and \
        isinstance(schema.get("additionalProperties"), dict)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema or "anyOf" in schema or "enum" in schema:
        options = schema.get("anyOf") or [schema]
        if not any(o.get("type") == "null" for o in options):
            options = [*options, {"type": "null"}]
        return {"anyOf": options, **({"description": schema["description"]}
                                      if "description" in schema and "$ref" not in schema
                                      else {})}
    kind = schema.get("type")
    if isinstance(kind, str) and kind != "null":
        return {**schema, "type": [kind, "null"]}
    if isinstance(kind, list) and "null" not in kind:
        return {**schema, "type": [*kind, "null"]}
    return schema


def _describe(schema: dict[str, Any], moved: dict[str, Any]) -> None:
    if not moved:
        return
    words = ", ".join(f"{k}={v}" for k, v in moved.items())
    text = schema.get("description", "")
    schema["description"] = f"{text} ({words})".strip() if text else f"({words})"


def _convert(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_convert(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return {"$ref": schema["$ref"]}  # strict mode allows no keywords beside $ref
    out: dict[str, Any] = {}
    moved: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED:
            continue
        if key in _CONSTRAINTS:
            moved[key] = value
        elif key == "oneOf":
            out["anyOf"] = _convert(value)
        elif key == "const":
            out["enum"] = [value]
        elif key in ("properties", "$defs"):
            out[key] = {k: _convert(v) for k, v in value.items()}
        elif key in ("items", "anyOf", "allOf"):
            out[key] = _convert(value)
        else:
            out[key] = copy.deepcopy(value)
    if "allOf" in out and len(out["allOf"]) == 1 and len(out) == 1:
        out = out["allOf"][0]
    _describe(out, moved)
    if out.get("type") == "object" or "properties" in out:
        props: dict[str, Any] = out.get("properties", {})
        required = set(schema.get("required", []))
        kept = {}
        for name, prop in props.items():
            if name not in required and _is_map(schema["properties"][name]):
                continue  # a free-form map: not expressible in strict mode
            kept[name] = prop if name in required else _nullable(prop)
        out["type"] = "object"
        out["properties"] = kept
        out["required"] = list(kept)
        out["additionalProperties"] = False
    return out


def strict_parameters(schema: dict[str, Any]) -> dict[str, Any]:
    """A strict-mode-compatible copy of a tool's parameter schema."""
    return _convert(copy.deepcopy(schema))


def strict_tool(spec: dict[str, Any]) -> dict[str, Any]:
    """A function tool spec with `strict: true` and strict-compatible parameters."""
    function = spec["function"]
    return {"type": "function",
            "function": {**function, "strict": True,
                         "parameters": strict_parameters(function["parameters"])}}


def drop_nulls(value: Any) -> Any:
    """Strict mode sends every optional property, as null when unset: drop those, so the
    engine's models apply their defaults as for a call that left the property out."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value
