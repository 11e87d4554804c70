"""Re-entry: may a friend who already started a workflow start it again?

Stored on the workflow (`workflows.reentry`), enforced when a trigger matches. A trigger that
the rule refuses is not dropped silently: it is recorded as a run with status `skipped` and the
reason, so the history and Try it say why nothing happened.
"""

from __future__ import annotations

from typing import Literal

ONCE, NOT_CONCURRENT, ALWAYS = "once", "not_concurrent", "always"
RULES = (ONCE, NOT_CONCURRENT, ALWAYS)
DEFAULT = NOT_CONCURRENT
Reentry = Literal["once", "not_concurrent", "always"]

SKIPPED = "skipped"
# Why a trigger was skipped: the code stored on the run, and the words shown for it.
ALREADY_IN_RUN, ALREADY_RAN = "already_in_run", "already_ran_once"
REASONS = {ALREADY_IN_RUN: "already in a run", ALREADY_RAN: "already ran once"}

LABELS = {
    ONCE: "Once per friend",
    NOT_CONCURRENT: "Not while in a run",
    ALWAYS: "Every time",
}


def reason_for(rule: str) -> str:
    """The skip reason code for a trigger refused by `rule`."""
    return ALREADY_IN_RUN if rule == NOT_CONCURRENT else ALREADY_RAN
