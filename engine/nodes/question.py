"""Action: ask a question, wait for the answer, save it on the friend."""

from pydantic import Field

from engine.nodes.base import Handle, NodeConfig, NodeSpec

ATTRIBUTE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


class QuestionConfig(NodeConfig):
    text: str = Field(min_length=1, max_length=5000, description="The question sent.")
    options: list[str] = Field(
        default_factory=list, max_length=13,
        description="Quick-reply options (LINE allows 13). Empty means a free-text answer.")
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

    def summary(self) -> str:
        return f"Ask “{self.text[:40]}” → {self.attribute}"


SPEC = NodeSpec(
    type="action.question", category="action", label="Question", label_ja="質問",
    description="Sends a question, waits for the friend's answer and saves it as an attribute.",
    config_model=QuestionConfig,
    outputs=(Handle(id="answered", label="Answered", label_ja="回答あり"),
             Handle(id="timeout", label="Timeout", label_ja="タイムアウト")),
)
