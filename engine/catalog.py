"""The node catalog as data: label, description, handles and config JSON Schema per type."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from engine.nodes import NODE_TYPES


@lru_cache
def catalog() -> dict[str, Any]:
    return {"node_types": [{
        "type": spec.type,
        "category": spec.category,
        "label": spec.label,
        "label_ja": spec.label_ja,
        "description": spec.description,
        "inputs": list(spec.inputs),
        "outputs": [h.model_dump() for h in spec.outputs],
        "dynamic_outputs": spec.dynamic_outputs,
        "output_pattern": {
            "list_field": spec.output_pattern.list_field, "prefix": spec.output_pattern.prefix,
            "label_field": spec.output_pattern.label_field, "label": spec.output_pattern.label,
            "label_ja": spec.output_pattern.label_ja,
            "trailing": spec.output_pattern.trailing.model_dump()
            if spec.output_pattern.trailing else None,
        } if spec.output_pattern else None,
        "integration": spec.integration,
        "schema": spec.config_model.model_json_schema(),
    } for spec in NODE_TYPES.values()]}
