"""Action: add or remove a Friend Tag (the tag must exist)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from engine.friends import add_tag, remove_tag
from engine.nodes.base import NodeConfig, NodeSpec, StepFailed, StepResult
from engine.storage.models import Tag

if TYPE_CHECKING:
    from engine.runtime.context import StepContext


class TagConfig(NodeConfig):
    references = {"tag_id": "tag"}
    operation: Literal["add", "remove"] = "add"
    tag_id: int = Field(description="The Friend Tag.")

    def summary(self) -> str:
        return f"{self.operation.capitalize()} tag #{self.tag_id}"


def execute(ctx: StepContext, config: TagConfig) -> StepResult:
    friend = ctx.require_friend()
    tag = ctx.session.get(Tag, config.tag_id)
    if tag is None or tag.organisation_id != ctx.account.organisation_id:
        raise StepFailed(f"Friend Tag #{config.tag_id} no longer exists")
    changed = (add_tag if config.operation == "add" else remove_tag)(ctx.session, friend, tag)
    return StepResult(output={"tag": tag.name, "operation": config.operation,
                              "changed": changed})


SPEC = NodeSpec(
    type="action.tag", category="action", label="Tag", label_ja="タグ操作",
    description="Adds or removes a Friend Tag on the friend.",
    config_model=TagConfig,
    execute=execute,
)
