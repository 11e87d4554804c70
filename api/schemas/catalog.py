"""The node catalog as the editor and the agent read it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from engine.nodes.base import Handle


class OutputPattern(BaseModel):
    list_field: str
    prefix: str
    label_field: str
    label: str
    label_ja: str
    trailing: Handle | None


class NodeType(BaseModel):
    type: str
    category: Literal["start", "trigger", "action"]
    label: str
    label_ja: str
    description: str
    inputs: list[str]
    outputs: list[Handle]
    dynamic_outputs: bool
    output_pattern: OutputPattern | None
    integration: str | None
    # The config's JSON Schema (the editor's form is derived from it).
    schema_: dict[str, Any] = Field(alias="schema")


class UnavailableNodeType(NodeType):
    unavailable_reason: str


class Catalog(BaseModel):
    node_types: list[NodeType]
    unavailable: list[UnavailableNodeType]
