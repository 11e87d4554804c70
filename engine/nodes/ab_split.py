"""Action: A/B split — send friends down variants by percentage, sticky per friend."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from engine.nodes.base import Handle, NodeConfig, NodeSpec, OutputPattern, StepResult

if TYPE_CHECKING:
    from engine.runtime.context import StepContext


class Variant(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = Field(default="", max_length=50)
    percent: int = Field(ge=0, le=100, description="Share of friends sent this way.")


class ABSplitConfig(NodeConfig):
    variants: list[Variant] = Field(min_length=2, max_length=5,
                                    description="2 to 5 variants whose percentages add to 100.")

    def problems(self) -> list[tuple[str, str]]:
        total = sum(v.percent for v in self.variants)
        if total != 100:
            return [("variants", f"the percentages add up to {total}, not 100")]
        return []

    def summary(self) -> str:
        return "Split " + " / ".join(f"{v.percent}%" for v in self.variants)


def bucket(workflow_id: int, node_id: str, friend_key: str) -> int:
    """0–99, the same for a friend every time: a friend always sees the same variant."""
    digest = hashlib.sha256(f"{workflow_id}:{node_id}:{friend_key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100


def choose(config: ABSplitConfig, point: int) -> int:
    edge = 0
    for i, variant in enumerate(config.variants, start=1):
        edge += variant.percent
        if point < edge:
            return i
    return len(config.variants)


def execute(ctx: StepContext, config: ABSplitConfig) -> StepResult:
    friend = ctx.require_friend()
    point = bucket(ctx.run.workflow_id, ctx.node_id, friend.line_user_id)
    chosen = choose(config, point)
    return StepResult(handle=f"variant-{chosen}",
                      output={"variant": chosen, "label": config.variants[chosen - 1].label})


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="A/B split", short_label_ja="A/Bテスト",
    type="action.ab_split", category="action", label="A/B split", label_ja="A/Bテスト分岐",
    description="Splits friends randomly between variants by percentage; a friend always gets "
                "the same variant.",
    config_model=ABSplitConfig,
    outputs=(Handle(id="variant-1", label="Variant 1", label_ja="パターン1"),
             Handle(id="variant-2", label="Variant 2", label_ja="パターン2")),
    output_pattern=OutputPattern(list_field="variants", prefix="variant-", label="Variant",
                                 label_ja="パターン"),
    execute=execute,
)
