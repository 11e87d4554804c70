"""Tokenisation for FAQ retrieval that works for Japanese and English alike.

Japanese has no spaces, so kanji and katakana runs become character bigrams (the usual
dictionary-free approach: 営業時間 → 営業 業時 時間). Hiragana runs are mostly particles and verb
endings (は, ですか, ください) that match everything, so they are left out unless a text has
nothing else. Latin words are case-folded, lightly stemmed and stripped of stop words.
"""

from __future__ import annotations

import re
import unicodedata

_RUNS = re.compile(
    r"(?P<latin>[a-z0-9]+(?:['’][a-z]+)?)"
    r"|(?P<kanji>[\u3400-\u4dbf\u4e00-\u9fff\u3005]+)"
    r"|(?P<katakana>[\u30a1-\u30fa\u30fc]+)"
    r"|(?P<hiragana>[\u3041-\u3096]+)")

_STOP_TEXT = """
a about am an and any are as at be been but by can could did do does doing for from had has
have how i if in is it its me my no not of on or our please so than that the their them then
there these they this to us was we were what when where which who why will with would you your
yours hi hello hey tell know want need get until like something anything some just also
much many way able possible there here
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def _stem(word: str) -> str:
    # Enough to match hours/hour, opening/open, shipped/ship; not a real stemmer.
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
            base = word[: -len(suffix)]
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] \
                    and base[-1] not in "lsz":
                base = base[:-1]  # shipping → ship, but calling → call
            return base
    return word


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def tokens(text: str) -> list[str]:
    out: list[str] = []
    kana: list[str] = []
    for m in _RUNS.finditer(normalise(text)):
        kind, run = m.lastgroup, m.group()
        if kind == "latin":
            word = run.replace("’", "'").split("'")[0]
            if word not in STOP_WORDS and (len(word) > 1 or word.isdigit()):
                out.append(_stem(word))
        elif kind in ("kanji", "katakana"):
            out.extend(_bigrams(run))
        else:
            kana.extend(_bigrams(run) if len(run) > 1 else [])
    return out or kana


def has_japanese(text: str) -> bool:
    return bool(re.search(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]", text))
