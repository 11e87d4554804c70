"""Action: add or remove a Friend Tag (the tag must exist)."""

from typing import Literal

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec


class TagConfig(NodeConfig):
    references = {"tag_id": "tag"}
    operation: Literal["add", "remove"] = "add"
    tag_id: int = Field(description="The Friend Tag.")

    def summary(self) -> str:
        return f"{self.operation.capitalize()} tag #{self.tag_id}"


SPEC = NodeSpec(
    type="action.tag", category="action", label="Tag", label_ja="タグ操作",
    description="Adds or removes a Friend Tag on the friend.",
    config_model=TagConfig,
)
