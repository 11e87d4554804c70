"""The Marketing Agent's tools: JSON Schemas offered to the model, and what each call does.

Look-ups read the organisation's snapshot; `propose_workflow` is checked by
proposal.prepare (which runs engine.validation.validate); `ask_clarification` ends the turn.
There is deliberately no tool that activates, deletes or sends anything.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from agent.marketing.account import Snapshot
from agent.marketing.proposal import BadArguments, Proposal, prepare
from agent.providers.base import ToolCall
from engine.catalog import catalog
from engine.graph import strict_definition_model

LOOKUPS = {
    "list_line_accounts": ("accounts", "The organisation's LINE Official Accounts (id, name)."),
    "list_tags": ("tags", "The organisation's Friend Tags (id, name, description)."),
    "list_auto_messages": ("auto_messages", "Saved auto-send messages (id, name, preview)."),
    "list_rich_menus": ("rich_menus", "Rich menus (id, name)."),
    "list_qr_codes": ("qr_codes", "Tracked QR codes (id, name, prefill_text)."),
}
SLOTS = ["goal", "trigger", "action", "tag", "rich_menu", "auto_message", "message_text",
         "keyword", "question_text", "tracking_id", "postback_data", "qr_code", "klaviyo_list",
         "klaviyo_event", "account", "other"]


def _function(name: str, description: str, parameters: dict[str, Any]) -> dict[str, Any]:
    return {"type": "function", "function": {"name": name, "description": description,
                                             "parameters": parameters}}


def _no_args() -> dict[str, Any]:
    return {"type": "object", "properties": {}, "additionalProperties": False}


@lru_cache
def propose_schema() -> dict[str, Any]:
    """Parameters of propose_workflow: the engine's strict definition model, plus name,
    summary and the tags to create."""
    definition = copy.deepcopy(strict_definition_model().model_json_schema())
    defs = definition.pop("$defs", {})
    return {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 200,
                     "description": "Short workflow name."},
            "summary": {"type": "string", "maxLength": 1000,
                        "description": "One sentence: what the workflow does."},
            "definition": definition,
            "new_tags": {
                "type": "array", "maxItems": 20,
                "description": "Friend Tags the draft needs that do not exist yet. Reference "
                               "each in the definition by its negative placeholder_id.",
                "items": {"type": "object", "additionalProperties": False,
                          "required": ["placeholder_id", "name"],
                          "properties": {"placeholder_id": {"type": "integer", "maximum": -1},
                                         "name": {"type": "string", "minLength": 1,
                                                  "maxLength": 100}}}},
        },
        "required": ["name", "summary", "definition", "new_tags"],
        "additionalProperties": False,
        "$defs": defs,
    }


@lru_cache
def tool_specs() -> list[dict[str, Any]]:
    specs = [_function("get_catalog", "Every node type: category, handles and config JSON "
                       "Schema.", _no_args())]
    specs += [_function(name, desc, _no_args()) for name, (_k, desc) in LOOKUPS.items()]
    specs.append(_function("list_integrations", "Connected integrations (hubspot, klaviyo).",
                           _no_args()))
    specs.append(_function(
        "propose_workflow", "Propose the complete draft workflow. It is validated; errors "
        "come back with JSON-pointer fields to fix.", propose_schema()))
    specs.append(_function(
        "ask_clarification", "Ask the marketer one question when something required is "
        "missing or ambiguous. Offer options taken from the account when there are any.",
        {"type": "object", "additionalProperties": False, "required": ["question", "options"],
         "properties": {"question": {"type": "string", "minLength": 1, "maxLength": 500},
                        "options": {"type": "array", "maxItems": 13,
                                    "items": {"type": "string", "maxLength": 100}},
                        "about": {"type": "string", "enum": SLOTS,
                                  "description": "What the question is about."}}}))
    return specs


@dataclass
class ToolOutcome:
    kind: str  # lookup | proposal | clarification | error
    content: dict[str, Any]
    proposal: Proposal | None = None
    clarification: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def message(self, call: ToolCall) -> dict[str, Any]:
        return {"role": "tool", "tool_call_id": call.id,
                "content": json.dumps(self.content, ensure_ascii=False, default=str)}


def _compact_catalog() -> dict[str, Any]:
    return {"node_types": [{k: t[k] for k in ("type", "category", "label", "description",
                                              "outputs", "dynamic_outputs", "integration",
                                              "schema")} for t in catalog()["node_types"]]}


def _issues(issues: list[Any]) -> list[dict[str, Any]]:
    return [{"code": i.code, "message": i.message, "field": i.field, "node_id": i.node_id}
            for i in issues]


def run_tool(call: ToolCall, snapshot: Snapshot, repair_text: str) -> ToolOutcome:
    try:
        args = json.loads(call.arguments) if call.arguments.strip() else {}
    except json.JSONDecodeError as exc:
        return ToolOutcome("error", {"error": f"the arguments of {call.name} are not valid "
                                              f"JSON ({exc.msg} at position {exc.pos}); send "
                                              "the call again with a JSON object"})
    if call.name == "get_catalog":
        return ToolOutcome("lookup", _compact_catalog())
    if call.name in LOOKUPS:
        kind = LOOKUPS[call.name][0]
        return ToolOutcome("lookup", {"items": snapshot.get(kind, [])})
    if call.name == "list_integrations":
        return ToolOutcome("lookup", {"connected": snapshot.get("integrations", [])})
    if call.name == "propose_workflow":
        try:
            proposal = prepare(args, snapshot)
        except BadArguments as exc:
            return ToolOutcome("error", {"error": f"propose_workflow: {exc}"})
        content: dict[str, Any] = {"valid": proposal.report.valid,
                                   "errors": _issues(proposal.report.errors),
                                   "warnings": _issues(proposal.report.warnings)}
        if proposal.blocking:
            content["instruction"] = repair_text
        elif proposal.report.errors:
            content["note"] = ("The remaining errors need the marketer (connect a LINE account "
                               "or integration); the draft is shown to them as it is.")
        return ToolOutcome("proposal", content, proposal=proposal)
    if call.name == "ask_clarification":
        question = str(args.get("question") or "").strip() if isinstance(args, dict) else ""
        if not question:
            return ToolOutcome("error", {"error": "ask_clarification needs a `question`"})
        options = [str(o)[:100] for o in (args.get("options") or []) if str(o).strip()][:13]
        about = str(args.get("about") or "other")
        return ToolOutcome("clarification", {"asked": True},
                           clarification={"question": question[:500], "options": options,
                                          "about": about if about in SLOTS else "other"})
    return ToolOutcome("error", {"error": f"there is no tool “{call.name}”; the tools are: "
                                          + ", ".join(s["function"]["name"] for s in tool_specs())})
