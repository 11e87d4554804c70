"""The `openai` client against any OpenAI-compatible chat-completions server, with tools."""

from __future__ import annotations

from typing import Any

import openai

from agent.providers.base import AssistantTurn, ProviderError, ToolCall
from agent.providers.config import ProviderConfig
from agent.providers.strict_schema import strict_tool


class OpenAIProvider:
    name = "openai"

    def __init__(self, config: ProviderConfig, client: openai.OpenAI | None = None):
        self.model = config.model
        self.client = client or openai.OpenAI(
            api_key=config.api_key or "unset", base_url=config.base_url,
            timeout=config.timeout_seconds, max_retries=config.max_retries)

    def complete(self, messages: list[dict[str, Any]],
                 tools: list[dict[str, Any]]) -> AssistantTurn:
        try:
            # Structured outputs in strict mode: the model can only send arguments of the
            # tools' shapes. Strict mode does not hold for parallel calls, so one at a time.
            completion = self.client.chat.completions.create(
                model=self.model, messages=messages,  # type: ignore[arg-type]
                tools=[strict_tool(t) for t in tools],  # type: ignore[misc]
                tool_choice="auto", parallel_tool_calls=False, temperature=0)
        except openai.APITimeoutError:
            raise ProviderError("the language model did not answer in time", "timeout") from None
        except openai.APIConnectionError as exc:
            raise ProviderError(f"the language model is unreachable ({exc})",
                                "connection") from None
        except openai.APIStatusError as exc:
            raise ProviderError(f"the language model refused the request "
                                f"(HTTP {exc.status_code})", "status") from None
        except (openai.OpenAIError, ValueError) as exc:  # ValueError: a body that is not JSON
            raise ProviderError(f"the language model answered badly ({type(exc).__name__})",
                                "bad_response") from None
        return _turn(completion)


def _turn(completion: Any) -> AssistantTurn:
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        raise ProviderError("the language model sent no answer", "bad_response") from None
    calls = []
    for i, call in enumerate(getattr(message, "tool_calls", None) or []):
        function = getattr(call, "function", None)
        if function is None:
            continue  # custom (non-function) tools are not offered
        calls.append(ToolCall(id=getattr(call, "id", None) or f"call_{i}",
                              name=function.name or "", arguments=function.arguments or ""))
    usage = getattr(completion, "usage", None)
    tokens = {"prompt_tokens": getattr(usage, "prompt_tokens", 0) or 0,
              "completion_tokens": getattr(usage, "completion_tokens", 0) or 0} if usage else {}
    return AssistantTurn(text=message.content or "", tool_calls=calls, usage=tokens)
