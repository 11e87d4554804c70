"""What every node type declares once: its config model, handles and catalog text.

Each node type lives in its own module of this package; the executor for a type is added
next to its config by the engine (see engine/runtime), so editor, agent and executor never
disagree on fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from engine.runtime.context import StepContext

if TYPE_CHECKING:
    from engine.events import NormalisedEvent
    
Category = Literal["start", "trigger", "action"]

# Handle names shared by most nodes.
IN = "in"
OUT = "out"

ID_PATTERN = r"^[A-Za-z0-9_\-]{1,64}$"


class NodeConfig(BaseModel):
    """Base of every node config: unknown keys are refused so typos surface as errors."""

    model_config = ConfigDict(extra="forbid")

    # Fields that reference account resources, checked by the validator:
    # field name -> resource kind ("tag", "auto_message", "rich_menu", "qr_code", "account").
    references: ClassVar[dict[str, str]] = {}

    def problems(self) -> list[tuple[str, str]]:
        """Cross-field rules (field path relative to config, message). Empty when fine."""
        return []

    def referenced(self) -> list[tuple[str, str, Any]]:
        """(field path, resource kind, id) for every resource this config points at."""
        out: list[tuple[str, str, Any]] = []
        for name, kind in self.references.items():
            value = getattr(self, name, None)
            if isinstance(value, list):
                out.extend((f"{name}/{i}", kind, v) for i, v in enumerate(value))
            elif value is not None:
                out.append((name, kind, value))
        return out

    def summary(self) -> str:
        return ""


class Handle(BaseModel):
    id: str
    label: str
    label_ja: str


@dataclass
class WaitSpec:
    """Suspend the run durably until `wake_at` (or an answer, for questions)."""

    kind: Literal["delay", "question"]
    wake_at: datetime
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class StepResult:
    handle: str | None = "out"  # None ends this path of the run
    output: dict[str, Any] = field(default_factory=dict)
    wait: WaitSpec | None = None


class StepFailed(Exception):
    """A step that cannot succeed (bad reference, LINE refused): recorded on the step."""

    def __init__(self, message: str, attempts: int = 1):
        super().__init__(message)
        self.attempts = attempts


Executor = Callable[["StepContext", Any], StepResult]
# Called when a wait ends: outcome is "timeout" (wake time reached) or "answered".
Resumer = Callable[["StepContext", Any, dict[str, Any], str], StepResult]
Matcher = Callable[[Any, "NormalisedEvent"], bool]


@dataclass(frozen=True)
class OutputPattern:
    """Outputs that follow a list in the config: one handle per item (prefix-1, prefix-2, …),
    labelled by the item's `label_field` or a numbered default, plus an optional fixed
    trailing handle. The editor draws handles from this description, the validator checks
    edges against it: neither knows node types."""

    list_field: str
    prefix: str
    label: str
    label_ja: str
    label_field: str = "label"
    trailing: Handle | None = None

    def handles(self, config: Any) -> list[Handle]:
        items = getattr(config, self.list_field, None) or []
        out = []
        for i, item in enumerate(items, start=1):
            name = getattr(item, self.label_field, "") or ""
            out.append(Handle(id=f"{self.prefix}{i}", label=name or f"{self.label} {i}",
                              label_ja=name or f"{self.label_ja}{i}"))
        return out + ([self.trailing] if self.trailing else [])


@dataclass(frozen=True)
class NodeSpec:
    type: str
    category: Category
    label: str
    label_ja: str
    description: str
    config_model: type[NodeConfig]
    inputs: tuple[str, ...] = (IN,)
    outputs: tuple[Handle, ...] = field(default_factory=lambda: (Handle(id=OUT, label="Next",
                                                                         label_ja="次へ"),))
    # Set when the output handles depend on the config (branch arms, A/B variants).
    output_pattern: OutputPattern | None = None
    # Integration the account must have connected for this node to run ("hubspot", ...).
    integration: str | None = None
    # Actions: what the node does. Triggers: the event kind they listen for and the match.
    execute: Executor | None = None
    resume: Resumer | None = None
    event_kind: str | None = None
    match: Matcher | None = None
    # A shorter name for running text (the agent's replies, workflow names); the label when
    # empty.
    short_label: str = ""
    short_label_ja: str = ""

    def short_names(self) -> tuple[str, str]:
        """(English, Japanese) short names."""
        return self.short_label or self.label, self.short_label_ja or self.label_ja

    @property
    def dynamic_outputs(self) -> bool:
        return self.output_pattern is not None

    def output_ids(self, config: NodeConfig | None) -> list[str]:
        if self.output_pattern is not None and config is not None:
            return [h.id for h in self.output_pattern.handles(config)]
        return [h.id for h in self.outputs]


class Position(BaseModel):
    # Always dumped with x and y (serialization schemas say so).
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)
    x: float = Field(default=0, ge=-1_000_000, le=1_000_000)
    y: float = Field(default=0, ge=-1_000_000, le=1_000_000)


NEXT = (Handle(id=OUT, label="Next", label_ja="次へ"),)
