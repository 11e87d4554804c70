"""What the offline planner understood: a plan, a question back, or an honest "cannot"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Step:
    kind: str  # a node type (action.*)
    config: dict[str, Any]
    pos: int = 0
    label: str = ""  # short words for the workflow name
    answered: list[Step] = field(default_factory=list)  # question: after an answer
    timeout: list[Step] = field(default_factory=list)  # question: no answer in time
    arms: list[Arm] = field(default_factory=list)  # branch
    otherwise: list[Step] = field(default_factory=list)  # branch: else


@dataclass
class Arm:
    label: str
    conditions: list[dict[str, Any]]
    steps: list[Step] = field(default_factory=list)


@dataclass
class Plan:
    triggers: list[tuple[str, dict[str, Any], str]]  # (type, config, label)
    steps: list[Step]
    new_tags: list[dict[str, Any]]
    account_ids: list[int]
    lang: str
    notes: list[str] = field(default_factory=list)  # assumptions to tell the marketer


@dataclass
class Clarify:
    question: str
    options: list[str]
    about: str


@dataclass
class CannotPlan:
    message: str


Outcome = Plan | Clarify | CannotPlan
