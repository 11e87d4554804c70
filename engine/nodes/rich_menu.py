"""Action: link a rich menu to the friend, or unlink back to the default."""

from typing import Literal

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec


class RichMenuConfig(NodeConfig):
    references = {"rich_menu_id": "rich_menu"}
    operation: Literal["link", "unlink"] = "link"
    rich_menu_id: int | None = Field(default=None, description="Rich menu to link.")

    def problems(self) -> list[tuple[str, str]]:
        if self.operation == "link" and self.rich_menu_id is None:
            return [("rich_menu_id", "choose the rich menu to link")]
        return []

    def summary(self) -> str:
        return "Unlink rich menu" if self.operation == "unlink" else \
            f"Show rich menu #{self.rich_menu_id}"


SPEC = NodeSpec(
    type="action.rich_menu", category="action", label="Update rich menu",
    label_ja="リッチメニュー切替",
    description="Links a rich menu to the friend, or unlinks it (back to the default menu).",
    config_model=RichMenuConfig,
)
