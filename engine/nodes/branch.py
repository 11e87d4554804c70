"""Action: route the friend down the first arm whose conditions hold, else the else arm."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.matching import normalise
from engine.nodes.base import Handle, NodeConfig, NodeSpec, OutputPattern, StepResult
from engine.plural import counted

if TYPE_CHECKING:
    from engine.runtime.context import StepContext
    from engine.storage.models import Friend

MAX_ARMS = 9
ELSE = "else"


class TagCondition(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Tag")
    kind: Literal["tag"] = "tag"
    tag_id: int = Field(description="Friend Tag to test.")
    op: Literal["has", "has_not"] = "has"


class AttributeCondition(BaseModel):
    """A friend attribute, including answers saved by Question nodes."""

    model_config = ConfigDict(extra="forbid", title="Attribute / answer")
    kind: Literal["attribute"] = "attribute"
    attribute: str = Field(min_length=1, max_length=40)
    op: Literal["equals", "not_equals", "contains", "gt", "gte", "lt", "lte", "is_set",
                "is_not_set"] = "equals"
    value: str | None = Field(default=None, max_length=500)


Condition = Annotated[TagCondition | AttributeCondition, Field(discriminator="kind")]


class BranchArm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = Field(default="", max_length=50)
    match: Literal["all", "any"] = "all"
    conditions: list[Condition] = Field(min_length=1, max_length=10)


class BranchConfig(NodeConfig):
    branches: list[BranchArm] = Field(min_length=1, max_length=MAX_ARMS,
                                      description="Arms tested in order; the first that holds "
                                                  "wins, otherwise “else”.")

    def referenced(self) -> list[tuple[str, str, object]]:
        return [(f"branches/{i}/conditions/{j}/tag_id", "tag", c.tag_id)
                for i, arm in enumerate(self.branches)
                for j, c in enumerate(arm.conditions) if isinstance(c, TagCondition)]

    def problems(self) -> list[tuple[str, str]]:
        out = []
        for i, arm in enumerate(self.branches):
            for j, c in enumerate(arm.conditions):
                needs_value = isinstance(c, AttributeCondition) and c.op not in (
                    "is_set", "is_not_set")
                if needs_value and c.value in (None, ""):
                    out.append((f"branches/{i}/conditions/{j}/value",
                                f"a value is needed to compare with “{c.op}”"))
                if (isinstance(c, AttributeCondition) and c.op in ("gt", "gte", "lt", "lte")
                        and c.value not in (None, "")):
                    try:
                        float(c.value)  # type: ignore[arg-type]
                    except ValueError:
                        out.append((f"branches/{i}/conditions/{j}/value",
                                    "a number is needed for a number comparison"))
        return out

    def summary(self) -> str:
        return f"{counted(len(self.branches), 'branch', 'branches')} + else"


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def holds(condition: TagCondition | AttributeCondition, friend: Friend) -> bool:
    if isinstance(condition, TagCondition):
        has = any(t.id == condition.tag_id for t in friend.tags)
        return has if condition.op == "has" else not has
    raw = (friend.attributes or {}).get(condition.attribute)
    if condition.attribute == "display_name":
        raw = friend.display_name
    is_set = raw not in (None, "")
    if condition.op == "is_set":
        return is_set
    if condition.op == "is_not_set":
        return not is_set
    if not is_set:
        return condition.op == "not_equals"
    actual, expected = normalise(str(raw)), normalise(condition.value or "")
    if condition.op == "equals":
        return actual == expected
    if condition.op == "not_equals":
        return actual != expected
    if condition.op == "contains":
        return expected in actual
    a, b = _number(raw), _number(condition.value)
    if a is None or b is None:
        return False
    return {"gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[condition.op]


def choose(config: BranchConfig, friend: Friend) -> str:
    for i, arm in enumerate(config.branches):
        results = (holds(c, friend) for c in arm.conditions)
        if (all(results) if arm.match == "all" else any(results)):
            return f"branch-{i + 1}"
    return ELSE


def execute(ctx: StepContext, config: BranchConfig) -> StepResult:
    handle = choose(config, ctx.require_friend())
    return StepResult(handle=handle, output={"chosen": handle})


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="branch", short_label_ja="分岐",
    type="action.branch", category="action", label="Conditional branch", label_ja="条件分岐",
    description="Sends the friend down the first arm whose conditions hold (tags, attributes, "
                "answers), otherwise down “else”.",
    config_model=BranchConfig,
    outputs=(Handle(id="branch-1", label="Branch 1", label_ja="分岐1"),
             Handle(id=ELSE, label="Else", label_ja="それ以外")),
    output_pattern=OutputPattern(list_field="branches", prefix="branch-", label="Branch",
                                 label_ja="分岐",
                                 trailing=Handle(id=ELSE, label="Else", label_ja="それ以外")),
    execute=execute,
)
