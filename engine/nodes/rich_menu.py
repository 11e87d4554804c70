"""Action: link a rich menu to the friend, or unlink back to the default."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from engine.line.gateway import LineError
from engine.nodes.base import NodeConfig, NodeSpec, StepFailed, StepResult
from engine.storage.models import RichMenu

if TYPE_CHECKING:
    from engine.runtime.context import StepContext


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


def execute(ctx: StepContext, config: RichMenuConfig) -> StepResult:
    friend = ctx.require_friend()
    gateway, token = ctx.services.gateway, ctx.access_token()
    try:
        if config.operation == "unlink":
            result = gateway.unlink_rich_menu(token, friend.line_user_id)
            return StepResult(output={"unlinked": True, "attempts": result.attempts})
        menu = ctx.session.get(RichMenu, config.rich_menu_id)
        if menu is None or menu.organisation_id != ctx.account.organisation_id:
            raise StepFailed(f"rich menu #{config.rich_menu_id} no longer exists")
        result = gateway.link_rich_menu(token, friend.line_user_id, menu.line_rich_menu_id)
    except LineError as exc:
        raise StepFailed(str(exc), attempts=exc.attempts) from None
    return StepResult(output={"linked": menu.name, "attempts": result.attempts})


SPEC = NodeSpec(
    type="action.rich_menu", category="action", label="Update rich menu",
    label_ja="リッチメニュー切替",
    description="Links a rich menu to the friend, or unlinks it (back to the default menu).",
    config_model=RichMenuConfig,
    execute=execute,
)
