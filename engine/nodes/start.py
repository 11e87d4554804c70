"""Start: the entry of every workflow; selects the LINE accounts it listens to."""

from pydantic import Field

from engine.nodes.base import OUT, Handle, NodeConfig, NodeSpec


class StartConfig(NodeConfig):
    references = {"account_ids": "account"}
    account_ids: list[int] = Field(default_factory=list, max_length=50,
                                   description="LINE Official Accounts this workflow runs on.")


SPEC = NodeSpec(
    type="start", category="start", label="Start", label_ja="開始",
    description="Entry point. Select the LINE accounts; connect triggers below it.",
    config_model=StartConfig, inputs=(),
    outputs=(Handle(id=OUT, label="Triggers", label_ja="トリガー"),),
)
