"""Action: ask a question, wait for the answer, save it on the friend."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pydantic import Field

from engine.friends import set_attribute
from engine.matching import normalise
from engine.messages import MAX_MESSAGES, Message
from engine.nodes.base import Handle, NodeConfig, NodeSpec, StepResult, WaitSpec
from engine.render import quick_reply

if TYPE_CHECKING:
    from engine.runtime.context import StepContext

ATTRIBUTE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
# Options are tappable postback quick replies carrying this prefix + the node id + the option;
# the dispatcher reads such a postback as the answer (the chat shows the option as text).
ANSWER_PREFIX = "lumo:answer:"


def answer_from_postback(data: str | None) -> str | None:
    """The option a Question's quick reply postback carries, or None for other postbacks."""
    if not data or not data.startswith(ANSWER_PREFIX):
        return None
    _node, sep, option = data[len(ANSWER_PREFIX):].partition(":")
    return option if sep else None


class QuestionConfig(NodeConfig):
    # Old definitions (text + options) stay valid as they are: `messages` is optional and goes
    # before the text, which carries the answer options as its quick replies.
    text: str = Field(min_length=1, max_length=5000,
                      description="The question sent (a text message, after any messages).")
    messages: list[Message] = Field(
        default_factory=list, max_length=MAX_MESSAGES - 1,
        description="LINE messages sent with the question, before its text (image, Flex, "
                    "buttons template, video…, as in Send message). The answer options are "
                    "quick replies on the question text, the last message sent.")
    options: list[str] = Field(
        default_factory=list, max_length=13,
        description="Tappable quick-reply options (LINE allows 13); a tap answers with a "
                    "postback. Empty means a free-text answer.")
    attribute: str = Field(pattern=ATTRIBUTE_PATTERN,
                           description="Friend attribute the answer is saved under.")
    timeout_seconds: int = Field(default=86_400, ge=60, le=30 * 86_400,
                                 description="How long to wait before the timeout path.")
    reprompt_text: str | None = Field(
        default=None, max_length=5000,
        description="Sent when the answer is not one of the options.")
    max_reprompts: int = Field(default=1, ge=0, le=5)

    def problems(self) -> list[tuple[str, str]]:
        out = [(f"options/{i}", "option must be 1 to 20 characters")
               for i, o in enumerate(self.options) if not 0 < len(o.strip()) <= 20]
        if len(set(self.options)) != len(self.options):
            out.append(("options", "options must be different from each other"))
        return out

    def prompt(self) -> list[dict[str, Any]]:
        """The LINE messages that ask the question, in order (quick replies not yet added)."""
        return [*(m.model_dump(mode="json", exclude_none=True) for m in self.messages),
                {"type": "text", "text": self.text}]

    def summary(self) -> str:
        return f"Ask “{self.text[:40]}” → {self.attribute}"


def _ask(ctx: StepContext, config: QuestionConfig, messages: list[dict[str, Any]],
         part: str) -> None:
    extra = ({"quickReply": quick_reply(config.options, f"{ANSWER_PREFIX}{ctx.node_id}:")}
             if config.options else None)
    ctx.send(messages, part=part, extra=extra)


def execute(ctx: StepContext, config: QuestionConfig) -> StepResult:
    _ask(ctx, config, config.prompt(), "ask")
    wake = ctx.now + timedelta(seconds=config.timeout_seconds)
    output: dict[str, Any] = {"asked": config.text, "timeout_at": wake.isoformat()}
    if config.messages:
        output["messages"] = len(config.messages) + 1
    return StepResult(wait=WaitSpec(kind="question", wake_at=wake, data={"reprompts": 0}),
                      output=output)


def resume(ctx: StepContext, config: QuestionConfig, data: dict[str, Any],
           outcome: str) -> StepResult:
    """outcome "timeout", or "answered" with data["answer"] holding the friend's text."""
    if outcome != "answered":
        return StepResult(handle="timeout", output={"timed_out": True})
    answer = str(data.get("answer", "")).strip()
    if config.options:
        chosen = next((o for o in config.options if normalise(o) == normalise(answer)), None)
        if chosen is None:
            if data.get("reprompts", 0) < config.max_reprompts:
                n = data.get("reprompts", 0) + 1
                text = config.reprompt_text or "Please choose one of the options."
                _ask(ctx, config, [{"type": "text", "text": text}], f"reprompt-{n}")
                # Keep waiting: same deadline, one more re-prompt used.
                return StepResult(wait=WaitSpec(kind="question", wake_at=data["wake_at"],
                                                data={"reprompts": n}),
                                  output={"reprompted": n, "answer": answer})
            chosen = answer  # out of re-prompts: keep what they said
        answer = chosen
    set_attribute(ctx.session, ctx.require_friend(), config.attribute, answer)
    return StepResult(handle="answered", output={"attribute": config.attribute,
                                                 "answer": answer,
                                                 "via": data.get("via", "message")})


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="question", short_label_ja="質問",
    type="action.question", category="action", label="Question", label_ja="質問",
    description="Sends a question (its text, after any LINE messages: image, Flex, buttons…), "
                "waits for the friend's answer and saves it as an attribute.",
    config_model=QuestionConfig,
    outputs=(Handle(id="answered", label="Answered", label_ja="回答あり"),
             Handle(id="timeout", label="Timeout", label_ja="タイムアウト")),
    execute=execute, resume=resume,
)
