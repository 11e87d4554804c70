"""Rich menus."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class RichMenu(BaseModel):
    id: int
    name: str
    line_rich_menu_id: str
    account_id: int | None
    created_at: datetime


class RichMenuCreated(RichMenu):
    """Present only for a menu made in Lumo (absent for one referenced by LINE's id)."""
    alias_id: str | None = None
    default: bool | None = None
    menu: dict[str, Any] | None = None
