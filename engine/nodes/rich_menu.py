"""Action: link a rich menu to the friend, or unlink back to the default."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from engine.line.gateway import LineError
from engine.messages.rich_menus import ALIAS_PATTERN
from engine.nodes.base import NodeConfig, NodeSpec, StepFailed, StepResult
from engine.storage.models import RichMenu

if TYPE_CHECKING:
    from engine.runtime.context import StepContext


class RichMenuConfig(NodeConfig):
    references = {"rich_menu_id": "rich_menu"}
    operation: Literal["link", "unlink"] = "link"
    rich_menu_id: int | None = Field(default=None, description="Rich menu to link.")
    alias_id: str | None = Field(default=None, pattern=ALIAS_PATTERN,
                                 description="Or: the rich menu alias to switch to (resolved "
                                             "at LINE when the step runs).")

    def problems(self) -> list[tuple[str, str]]:
        if self.operation == "link" and self.rich_menu_id is None and not self.alias_id:
            return [("rich_menu_id", "choose the rich menu (or alias) to link")]
        return []

    def summary(self) -> str:
        if self.operation == "unlink":
            return "Unlink rich menu"
        if self.rich_menu_id is None and self.alias_id:
            return f"Switch to rich menu alias “{self.alias_id}”"
        return f"Show rich menu #{self.rich_menu_id}"


def execute(ctx: StepContext, config: RichMenuConfig) -> StepResult:
    friend = ctx.require_friend()
    gateway, token = ctx.services.gateway, ctx.access_token()
    try:
        if config.operation == "unlink":
            result = gateway.unlink_rich_menu(token, friend.line_user_id)
            return StepResult(output={"unlinked": True, "attempts": result.attempts})
        if config.rich_menu_id is None and config.alias_id:
            line_id = gateway.rich_menu_of_alias(token, config.alias_id)
            result = gateway.link_rich_menu(token, friend.line_user_id, line_id)
            return StepResult(output={"linked_alias": config.alias_id, "rich_menu": line_id,
                                      "attempts": result.attempts})
        menu = ctx.session.get(RichMenu, config.rich_menu_id)
        if menu is None or menu.organisation_id != ctx.account.organisation_id:
            raise StepFailed(f"rich menu #{config.rich_menu_id} no longer exists")
        result = gateway.link_rich_menu(token, friend.line_user_id, menu.line_rich_menu_id)
    except LineError as exc:
        raise StepFailed(str(exc), attempts=exc.attempts) from None
    return StepResult(output={"linked": menu.name, "attempts": result.attempts})


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="rich menu", short_label_ja="リッチメニュー",
    type="action.rich_menu", category="action", label="Update rich menu",
    label_ja="リッチメニュー切替",
    description="Links a rich menu to the friend, or unlinks it (back to the default menu).",
    config_model=RichMenuConfig,
    execute=execute,
)
