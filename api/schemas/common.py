"""Shapes shared by many answers: lists and pages."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class ItemList(BaseModel, Generic[T]):
    """A whole (short) list."""
    items: list[T]
    total: int


class Page(BaseModel, Generic[T]):
    """One page of a longer list (limit / offset)."""
    items: list[T]
    total: int
    limit: int
    offset: int


class Ok(BaseModel):
    ok: bool
