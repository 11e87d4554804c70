"""Account fixtures: what an eval case's organisation has (and what another one has).

A suite declares a default fixture; a case may add to it (or start from nothing). Resources
given by name get ids from a per-kind range, so a tag id can never be mistaken for a rich menu
id, and the *other* organisation's ids (9000+) are easy to recognise in a draft.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.marketing.account import KINDS, Snapshot, empty_snapshot
from agent.marketing.workspace import MemoryWorkspace

Integration = Literal["hubspot", "klaviyo"]
ID_BASE = {"accounts": 1, "tags": 101, "auto_messages": 201, "rich_menus": 301,
           "qr_codes": 401}
OTHER_ID_OFFSET = 9000
ORGANISATION_ID = 1
OTHER_ORGANISATION_ID = 2


class Resource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    id: int | None = Field(default=None, ge=1)
    description: str = ""
    preview: str = ""  # auto-send messages: the first text
    prefill_text: str = ""  # QR codes: the text the scan pre-fills in the chat


ResourceList = list[str | Resource]


class Fixture(BaseModel):
    """What exists in the account before the marketer asks (every field optional)."""

    model_config = ConfigDict(extra="forbid")
    accounts: ResourceList = Field(default_factory=list)
    tags: ResourceList = Field(default_factory=list)
    auto_messages: ResourceList = Field(default_factory=list)
    rich_menus: ResourceList = Field(default_factory=list)
    qr_codes: ResourceList = Field(default_factory=list)
    integrations: list[Integration] = Field(default_factory=list)

    def extended_by(self, other: Fixture | None) -> Fixture:
        """This fixture plus `other`'s resources (same name: `other`'s version wins)."""
        if other is None:
            return self.model_copy(deep=True)
        merged: dict[str, Any] = {}
        for kind in KINDS:
            rows = {_name(r): r for r in getattr(self, kind)}
            rows.update({_name(r): r for r in getattr(other, kind)})
            merged[kind] = list(rows.values())
        merged["integrations"] = sorted({*self.integrations, *other.integrations})
        return Fixture.model_validate(merged)


def _name(item: str | Resource) -> str:
    return item if isinstance(item, str) else item.name


def snapshot_of(fixture: Fixture, id_offset: int = 0) -> Snapshot:
    """The agent's view of the account (the same shape `load_snapshot` reads from the DB)."""
    out = empty_snapshot()
    for kind in KINDS:
        taken = {r.id for r in getattr(fixture, kind) if isinstance(r, Resource) and r.id}
        next_id = ID_BASE[kind] + id_offset
        for item in getattr(fixture, kind):
            res = Resource(name=item) if isinstance(item, str) else item
            rid = res.id
            if rid is None:
                while next_id in taken:
                    next_id += 1
                rid, next_id = next_id, next_id + 1
                taken.add(rid)
            row: dict[str, Any] = {"id": rid, "name": res.name}
            if kind == "tags":
                row["description"] = res.description
            if kind == "auto_messages":
                row["preview"] = res.preview
            if kind == "qr_codes":
                row["prefill_text"] = res.prefill_text
            out[kind].append(row)
    out["integrations"] = sorted(fixture.integrations)
    return out


class EvalWorkspace(MemoryWorkspace):
    """The case's organisation (id 1) plus another organisation (id 2) the agent must never
    leak: its resources exist in the same store, as they do in the real database."""

    def __init__(self, own: Snapshot, other: Snapshot | None = None):
        super().__init__(own)
        self.other = other or empty_snapshot()

    def snapshot(self, organisation_id: int) -> Snapshot:
        if organisation_id == OTHER_ORGANISATION_ID:
            return copy.deepcopy(self.other)
        return super().snapshot(organisation_id)
