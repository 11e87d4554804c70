"""Quoted texts sent to friends exactly as the marketer typed them.

The planner reads an NFKC-normalised goal (full-width digits and letters become ASCII, so
「３日後」 reads as 3 days), but a message friends will see keeps its own punctuation:
「ようこそ！」 stays 「ようこそ！」, not 「ようこそ!」.
"""

from __future__ import annotations

import re
from typing import Any

from agent.providers.offline.plan import Outcome, Plan, Step
from agent.providers.offline.text import find_quotes, normalise

_TEXT_KEYS = ("text", "altText", "title")


def originals(raw: str) -> dict[str, str]:
    """Normalised quote text → the text as typed, where the two differ."""
    out: dict[str, str] = {}
    for q in find_quotes(re.sub(r"[ \t]+", " ", raw)):
        typed = q.text.strip()
        norm = normalise(typed)
        if norm != typed:
            out.setdefault(norm, typed)
    return out


def restore(plan: Outcome, typed: dict[str, str]) -> Outcome:
    """Put the typed form back into every message and question text that is a whole quote."""
    if typed and isinstance(plan, Plan):
        for step in plan.steps:
            _restore_step(step, typed)
    return plan


def _restore_step(step: Step, typed: dict[str, str]) -> None:
    if step.kind == "action.question" and step.config.get("text") in typed:
        step.config["text"] = typed[step.config["text"]]
    for message in step.config.get("messages") or []:
        _restore_message(message, typed)
    for child in (*step.answered, *step.timeout, *step.otherwise,
                  *(s for arm in step.arms for s in arm.steps)):
        _restore_step(child, typed)


def _restore_message(message: Any, typed: dict[str, str]) -> None:
    if isinstance(message, dict):
        for key, value in message.items():
            if key in _TEXT_KEYS and isinstance(value, str) and value in typed:
                message[key] = typed[value]
            else:
                _restore_message(value, typed)
    elif isinstance(message, list):
        for item in message:
            _restore_message(item, typed)
