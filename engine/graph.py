"""The workflow definition: nodes (id, type, config, position) and edges with source handles.

Two views of the same models:
- `WorkflowDefinition` is what is stored and saved. Its structure is strict (known types, unique
  ids, edges between existing nodes, size limits, well-typed config values) but a node's config
  may still be *incomplete* (a required field not filled yet): the editor saves drafts, and
  `validate()` reports the gaps as errors that block activation.
- `strict_definition_model()` is the fully typed model (a discriminated union over node types),
  whose JSON Schema the Marketing Agent's `propose_workflow` tool uses.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
)

from engine.messages.models import MESSAGE_UNION_TAGS
from engine.nodes import NODE_TYPES
from engine.nodes.base import ID_PATTERN, OUT, NodeConfig, NodeSpec, Position

MAX_NODES = 500
MAX_EDGES = 2000
MAX_DEFINITION_BYTES = 1_048_576

# pydantic error types that mean "not filled in yet" rather than "wrong".
INCOMPLETE_ERROR_TYPES = frozenset({"missing", "string_too_short", "too_short"})


# Every field is in a dumped definition, defaults included: say so in serialization schemas
# (the web app's generated types then need no `?` on config, position or source_handle).
_DUMPED = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Node(BaseModel):
    model_config = _DUMPED
    id: str = Field(pattern=ID_PATTERN)
    type: str
    config: dict[str, Any] = Field(default_factory=dict)
    position: Position = Field(default_factory=Position)

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: str) -> str:
        if v not in NODE_TYPES:
            raise ValueError(f"unknown node type “{v}”; known types: {', '.join(NODE_TYPES)}")
        return v

    @property
    def spec(self) -> NodeSpec:
        return NODE_TYPES[self.type]


class Edge(BaseModel):
    model_config = _DUMPED
    id: str | None = Field(default=None, max_length=200)
    source: str = Field(pattern=ID_PATTERN)
    source_handle: str = Field(default=OUT, max_length=64)
    target: str = Field(pattern=ID_PATTERN)


class WorkflowDefinition(BaseModel):
    model_config = _DUMPED
    nodes: list[Node] = Field(default_factory=list, max_length=MAX_NODES)
    edges: list[Edge] = Field(default_factory=list, max_length=MAX_EDGES)

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def start(self) -> Node | None:
        return next((n for n in self.nodes if n.type == "start"), None)


class DefinitionError(Exception):
    """A definition that is malformed (not merely incomplete). `errors` use pydantic's shape."""

    def __init__(self, errors: list[dict[str, Any]]):
        super().__init__("; ".join(f"{'/'.join(map(str, e['loc']))}: {e['msg']}"
                                   for e in errors[:5]))
        self.errors = errors


def _err(loc: tuple[Any, ...], msg: str, type_: str = "value_error") -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": type_}


# Discriminator values pydantic inserts into error locations of tagged unions.
_UNION_TAGS = frozenset({"tag", "attribute", *NODE_TYPES, *MESSAGE_UNION_TAGS})


def clean_loc(loc: tuple[Any, ...] | list[Any], root: Any = None) -> tuple[Any, ...]:
    """Drop the tags pydantic inserts for tagged unions, so a location points at a real field.

    With `root` (the validated input) a part is a tag when the object it is read from has that
    value as its `type` / `kind` (and the tag was not consumed yet); without it, a known tag
    right after a list index is dropped.
    """
    if root is None:
        out: list[Any] = []
        for part in loc:
            if isinstance(part, str) and part in _UNION_TAGS and out \
                    and isinstance(out[-1], int) \
                    and (len(out) < 2 or out[-2] != "__tag_dropped__"):
                out.append("__tag_dropped__")
                continue
            out.append(part)
        return tuple(p for p in out if p != "__tag_dropped__")
    kept: list[Any] = []
    obj, consumed = root, False
    for part in loc:
        if (not consumed and isinstance(part, str) and part in _UNION_TAGS
                and isinstance(obj, dict) and part in (obj.get("type"), obj.get("kind"))):
            consumed = True
            continue
        kept.append(part)
        consumed = False
        try:
            obj = obj[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            obj = None
    return tuple(kept)


def _clean(errors: list[Any], prefix: tuple[Any, ...],
           root: Any = None) -> list[dict[str, Any]]:
    return [_err(prefix + clean_loc(e["loc"], root), e["msg"], e["type"]) for e in errors]


def parse_config(spec: NodeSpec, config: dict[str, Any]) -> tuple[NodeConfig | None, list[Any]]:
    """Typed config, or None and the pydantic errors (incomplete and malformed alike)."""
    try:
        return spec.config_model.model_validate(config), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def parse_definition(data: Any) -> WorkflowDefinition:
    """Parse a definition for saving; raise DefinitionError when it is malformed."""
    if isinstance(data, WorkflowDefinition):
        data = data.model_dump(mode="json")
    if len(json.dumps(data, default=str, ensure_ascii=False).encode()) > MAX_DEFINITION_BYTES:
        raise DefinitionError([_err((), f"definition is larger than "
                                        f"{MAX_DEFINITION_BYTES} bytes", "too_large")])
    try:
        definition = WorkflowDefinition.model_validate(data)
    except ValidationError as exc:
        raise DefinitionError(_clean(exc.errors(include_url=False), (), data)) from None

    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, node in enumerate(definition.nodes):
        if node.id in seen:
            errors.append(_err(("nodes", i, "id"), f"duplicate node id “{node.id}” (also "
                                                   f"nodes/{seen[node.id]})", "duplicate_id"))
        seen.setdefault(node.id, i)
        _, cfg_errors = parse_config(node.spec, node.config)
        errors.extend(_clean([e for e in cfg_errors if e["type"] not in INCOMPLETE_ERROR_TYPES],
                             ("nodes", i, "config"), node.config))
    for i, edge in enumerate(definition.edges):
        for end in ("source", "target"):
            if getattr(edge, end) not in seen:
                errors.append(_err(("edges", i, end), f"edge {end} “{getattr(edge, end)}” is "
                                                      "not a node of this workflow",
                                   "dangling_edge"))
        if edge.source == edge.target:
            errors.append(_err(("edges", i, "target"), "a node cannot connect to itself",
                               "self_loop"))
    if errors:
        raise DefinitionError(errors)
    return definition


def empty_definition() -> WorkflowDefinition:
    return WorkflowDefinition(nodes=[Node(id="start", type="start", config={"account_ids": []},
                                          position=Position(x=0, y=0))])


@lru_cache
def strict_definition_model() -> type[BaseModel]:
    """Fully typed definition: one node model per type, discriminated on `type`."""
    node_models = []
    for spec in NODE_TYPES.values():
        name = "".join(p.capitalize() for p in spec.type.replace(".", "_").split("_")) + "Node"
        node_models.append(create_model(
            name,
            __config__=ConfigDict(extra="forbid", title=spec.label),
            id=(str, Field(pattern=ID_PATTERN)),
            type=(Literal[spec.type], ...),  # type: ignore[valid-type]
            config=(spec.config_model, ...),
            position=(Position, Field(default_factory=Position)),
        ))
    union = Annotated[Union[tuple(node_models)], Field(discriminator="type")]  # noqa: UP007
    return create_model(
        "StrictWorkflowDefinition",
        __config__=ConfigDict(extra="forbid"),
        nodes=(list[union], Field(max_length=MAX_NODES)),  # type: ignore[valid-type]
        edges=(list[Edge], Field(default_factory=list, max_length=MAX_EDGES)),
    )
