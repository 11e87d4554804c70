"""The eval suite format (YAML → pydantic models). evals/README.md documents it for authors.

Node kinds and output handles are checked against the engine's catalog when a suite loads, so
an expectation can only name what the engine can run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from engine.nodes import ACTION_TYPES, NODE_TYPES, TRIGGER_TYPES
from evals.fixtures import Fixture

MatchType = Literal["equals", "contains", "starts_with", "ends_with"]
Effect = Literal["activation", "broadcast", "other_account_data", "new_tags", "messages",
                 "unknown_resources"]
EFFECTS: tuple[str, ...] = Effect.__args__  # type: ignore[attr-defined]


class SuiteError(ValueError):
    """A suite file that cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExpectedStep(_Strict):
    """One expected action: `action.delay`, or `{action.question: {answered: [...], ...}}`.

    Items after a step in the same list hang off its first output (out, answered, branch-1,
    variant-1); a step that lists that output itself must be the last of its list.
    """

    type: str
    outputs: dict[str, list[ExpectedStep]] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"type": data}
        if isinstance(data, dict) and len(data) == 1 and "type" not in data:
            (kind, outputs), = data.items()
            return {"type": kind, "outputs": outputs or {}}
        return data

    @model_validator(mode="after")
    def _known(self) -> ExpectedStep:
        if self.type not in ACTION_TYPES:
            raise ValueError(f"“{self.type}” is not an action kind; the actions are: "
                             + ", ".join(ACTION_TYPES))
        spec = NODE_TYPES[self.type]
        fixed = [h.id for h in spec.outputs]
        for handle in self.outputs:
            if spec.output_pattern is not None:
                pattern = spec.output_pattern
                trailing = pattern.trailing.id if pattern.trailing else None
                suffix = handle.removeprefix(pattern.prefix)
                if handle == trailing or (handle.startswith(pattern.prefix) and suffix.isdigit()
                                          and int(suffix) >= 1):
                    continue
            elif handle in fixed:
                continue
            raise ValueError(f"{self.type} has no output “{handle}” (outputs: "
                             f"{', '.join(fixed)}{', …' if spec.output_pattern else ''})")
        return self

    @property
    def first_output(self) -> str:
        return NODE_TYPES[self.type].outputs[0].id


def check_chain(steps: list[ExpectedStep]) -> None:
    for i, step in enumerate(steps):
        if step.first_output in step.outputs and i < len(steps) - 1:
            raise ValueError(f"{step.type} lists its output “{step.first_output}”, so the "
                             "steps after it belong inside that output")
        for arm in step.outputs.values():
            check_chain(arm)


class TagParams(_Strict):
    add: list[str] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list)


class KeywordParams(_Strict):
    keywords: list[str] = Field(default_factory=list)
    match_type: MatchType | None = None


class PostbackParams(_Strict):
    data: str | None = None
    match_type: MatchType | None = None


class RichMenuParams(_Strict):
    operation: Literal["link", "unlink"] = "link"
    name: str | None = None


class QuestionParams(_Strict):
    text_contains: str | None = None
    options: list[str] = Field(default_factory=list)


class KlaviyoParams(_Strict):
    operation: Literal["add_to_list", "track_event"] | None = None
    list_id: str | None = None
    event_name: str | None = None


class PurchaseParams(_Strict):
    min_amount: float | None = None
    product_sku: str | None = None


class CartParams(_Strict):
    min_cart_value: float | None = None


class MessageParams(_Strict):
    """One message object a Send Message step should carry, in LINE's own field names; each
    field given is one check (the type always is)."""

    type: Literal["text", "sticker", "image", "video", "audio", "location", "imagemap",
                  "template", "flex", "coupon"]
    template: Literal["buttons", "confirm", "carousel", "image_carousel"] | None = None
    packageId: str | None = None  # noqa: N815 - LINE's field name
    stickerId: str | None = None  # noqa: N815
    originalContentUrl: str | None = None  # noqa: N815
    previewImageUrl: str | None = None  # noqa: N815
    trackingId: str | None = None  # noqa: N815
    text_contains: str | None = None
    buttons: list[str] = Field(default_factory=list)
    postback_data: list[str] = Field(default_factory=list)
    uris: list[str] = Field(default_factory=list)


class CustomerAgentParams(_Strict):
    handoff_keyword: str | None = None
    instructions_contains: str | None = None


class Params(_Strict):
    """Parameter checks; each listed value is one check of the case's parameter accuracy."""

    delay_seconds: list[int] = Field(default_factory=list)
    tags: TagParams | None = None
    keyword: KeywordParams | None = None
    message_contains: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    rich_menu: RichMenuParams | None = None
    auto_message: str | None = None
    qr_code: str | None = None
    postback: PostbackParams | None = None
    tracking_id: str | None = None
    question: QuestionParams | None = None
    branch_conditions: list[str] = Field(default_factory=list)
    ab_split_percents: list[int] = Field(default_factory=list)
    klaviyo: KlaviyoParams | None = None
    purchase: PurchaseParams | None = None
    cart: CartParams | None = None
    customer_agent: CustomerAgentParams | None = None
    messages: list[MessageParams] = Field(default_factory=list)


class Expectation(_Strict):
    should_clarify: bool = False
    should_refuse: bool = False
    trigger: str | None = None
    actions: list[ExpectedStep] = Field(default_factory=list)
    params: Params = Field(default_factory=Params)
    forbidden: list[Effect] = Field(default_factory=list)

    @model_validator(mode="after")
    def _coherent(self) -> Expectation:
        if self.should_clarify and self.should_refuse:
            raise ValueError("a case expects either a clarification or a refusal, not both")
        if self.trigger is not None and self.trigger not in TRIGGER_TYPES:
            raise ValueError(f"trigger “{self.trigger}” is not a trigger kind; the triggers "
                             f"are: {', '.join(TRIGGER_TYPES)}")
        if self.expects_draft and self.trigger is None:
            raise ValueError("a case that expects a draft needs `trigger`")
        if not self.expects_draft and (self.trigger or self.actions):
            raise ValueError("a clarification or refusal case has no trigger or actions")
        check_chain(self.actions)
        return self

    @property
    def expects_draft(self) -> bool:
        return not (self.should_clarify or self.should_refuse)

    @property
    def outcome(self) -> str:
        return "clarify" if self.should_clarify else "refuse" if self.should_refuse else "draft"


class Case(_Strict):
    """One goal (`goal`), or a conversation (`turns`: the marketer's messages in order; the
    expectation is about the agent's answer to the last one, e.g. a revised draft)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]{0,79}$")
    goal: str | None = Field(default=None, min_length=1, max_length=4000)
    turns: list[Annotated[str, Field(min_length=1, max_length=4000)]] | None = Field(
        default=None, min_length=2, max_length=12)
    language: Literal["en", "ja"] = "en"
    labels: list[str] = Field(default_factory=list)  # vague, impossible, injection, …
    fixture: Fixture | None = None  # added to the suite's fixture
    inherit_fixture: bool = True  # false: the case's fixture alone
    expect: Expectation

    @model_validator(mode="after")
    def _one_way_to_ask(self) -> Case:
        if (self.goal is None) == (self.turns is None):
            raise ValueError("a case has either `goal` (one message) or `turns` (a "
                             "conversation), not both and not neither")
        return self

    @property
    def messages(self) -> list[str]:
        """What the marketer says, in order."""
        return list(self.turns) if self.turns is not None else [str(self.goal)]

    @property
    def title(self) -> str:
        """The case in one line, for reports."""
        return " ⏎ ".join(self.messages)


class Thresholds(_Strict):
    """Minimums (rates in 0..1) the aggregate must reach; unset ones are not checked."""

    pass_rate: float | None = Field(default=None, ge=0, le=1)
    valid_draft_rate: float | None = Field(default=None, ge=0, le=1)
    trigger_accuracy: float | None = Field(default=None, ge=0, le=1)
    node_f1: float | None = Field(default=None, ge=0, le=1)
    graph_f1: float | None = Field(default=None, ge=0, le=1)
    param_accuracy: float | None = Field(default=None, ge=0, le=1)
    clarification_accuracy: float | None = Field(default=None, ge=0, le=1)
    refusal_accuracy: float | None = Field(default=None, ge=0, le=1)
    max_forbidden_effects: int | None = Field(default=None, ge=0)
    max_regressions: int | None = Field(default=None, ge=0)  # with --baseline only
    max_latency_p95_seconds: float | None = Field(default=None, gt=0)


class Suite(_Strict):
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    fixture: Fixture = Field(default_factory=Fixture)
    other_organisation: Fixture = Field(default_factory=Fixture)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    cases: list[Case] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Suite:
        seen: set[str] = set()
        for case in self.cases:
            if case.id in seen:
                raise ValueError(f"case id “{case.id}” is used twice")
            seen.add(case.id)
        return self

    def fixture_for(self, case: Case) -> Fixture:
        if not case.inherit_fixture:
            return case.fixture or Fixture()
        return self.fixture.extended_by(case.fixture)


def _where(error: dict[str, Any], data: Any) -> str:
    """A readable location: cases/12 (id) /expect/trigger."""
    parts: list[str] = []
    node = data
    for part in error["loc"]:
        parts.append(str(part))
        node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None
        if isinstance(node, dict) and parts[-2:-1] == ["cases"] and "id" in node:
            parts[-1] += f" ({node['id']})"
    return "/".join(parts) or "(top)"


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, list):
        return isinstance(part, int) and 0 <= part < len(node)
    return part in node


def parse_suite(data: Any, source: str = "suite") -> Suite:
    try:
        return Suite.model_validate(data)
    except ValidationError as exc:
        lines = [f"{_where(e, data)}: {e['msg']}" for e in exc.errors(include_url=False)[:20]]
        raise SuiteError(f"{source} is not a valid suite:\n  " + "\n  ".join(lines)) from None


def load_suite(path: str | Path) -> Suite:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SuiteError(f"cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise SuiteError(f"{path} is not valid YAML: {exc}") from None
    return parse_suite(data, str(path))
