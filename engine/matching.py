"""Keyword and postback matching: equals / contains / starts_with / ends_with.

Text is compared after NFKC normalisation and case folding, so full-width “ＳＡＬＥ”, half-width
katakana “ｾｰﾙ” and “sale”/“SALE” match the keywords marketers type.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def text_matches(text: str, pattern: str, match_type: str) -> bool:
    t, p = normalise(text), normalise(pattern)
    if not p:
        return False
    if match_type == "equals":
        return t == p
    if match_type == "contains":
        return p in t
    if match_type == "starts_with":
        return t.startswith(p)
    if match_type == "ends_with":
        return t.endswith(p)
    raise ValueError(f"unknown match type {match_type!r}")
