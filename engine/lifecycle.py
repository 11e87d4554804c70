"""Workflow lifecycle: draft → active ⇄ inactive, as small named rules.

Each rule inspects an activation (or pause) request and refuses it with a code and a plain
reason. Routes, the agent and the CLI all go through `check_activation` / `check_pause`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.validation import Issue, ValidationReport

DRAFT, ACTIVE, INACTIVE = "draft", "active", "inactive"
STATUSES = (DRAFT, ACTIVE, INACTIVE)


class LifecycleRefused(Exception):
    def __init__(self, code: str, message: str, errors: list[Issue] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.errors = errors or []


@dataclass
class ActivationRequest:
    status: str
    latest_revision: int
    if_match: int | None
    account_ids: list[int]
    report: ValidationReport
    deleted: bool = False
    extra: dict[str, object] = field(default_factory=dict)


class RequireRevisionGiven:
    """Activation names the revision it publishes, so nobody publishes what they have not seen."""

    def check(self, req: ActivationRequest) -> LifecycleRefused | None:
        if req.if_match is None:
            return LifecycleRefused("revision_required", "Send the saved revision in the "
                                    "If-Match header to start the workflow.")
        return None


class RequireSavedRevision:
    def check(self, req: ActivationRequest) -> LifecycleRefused | None:
        if req.if_match is not None and req.if_match != req.latest_revision:
            return LifecycleRefused(
                "unsaved_changes",
                f"Revision {req.if_match} is not the saved one (revision "
                f"{req.latest_revision}): save your changes before starting the workflow.")
        return None


class RequireAccountSelected:
    def check(self, req: ActivationRequest) -> LifecycleRefused | None:
        if not req.account_ids:
            return LifecycleRefused("no_account", "Select at least one LINE account on the "
                                    "Start node before starting the workflow.")
        return None


class RequireNoValidationErrors:
    def check(self, req: ActivationRequest) -> LifecycleRefused | None:
        if req.report.errors:
            first = req.report.errors[0].message
            more = len(req.report.errors) - 1
            return LifecycleRefused(
                "invalid_definition",
                f"Fix the workflow first: {first}" + (f" (and {more} more)" if more else ""),
                errors=req.report.errors)
        return None


ACTIVATION_RULES = (RequireRevisionGiven(), RequireSavedRevision(), RequireAccountSelected(),
                    RequireNoValidationErrors())


def check_activation(req: ActivationRequest) -> None:
    for rule in ACTIVATION_RULES:
        refusal = rule.check(req)
        if refusal is not None:
            raise refusal


def check_pause(status: str) -> bool:
    """True when pausing changes something; raises when a draft is paused."""
    if status == DRAFT:
        raise LifecycleRefused("not_active", "This workflow has never been started; there is "
                               "nothing to pause.")
    return status == ACTIVE
