"""Text helpers for the offline planner: normalising, language, quotes, numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
MASK = "\ue000"  # stands in for quoted text, so keyword patterns never match inside quotes

EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60,
    "ninety": 90, "couple of": 2, "a couple of": 2,
}
EN_NUMBER_RE = r"(?:\d+|a couple of|couple of|forty-five|" + "|".join(
    sorted((k for k in EN_NUMBERS if " " not in k and "-" not in k), key=len, reverse=True)) + r")"
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
JA_NUMBER_RE = r"(?:\d+|[〇零一二三四五六七八九十百千]+)"


def normalise(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII) and tidy whitespace."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def is_japanese(text: str) -> bool:
    """Written in Japanese: Japanese letters make a fair share of the words outside quotes
    ("send our 新商品のお知らせ auto message" is English naming a Japanese resource)."""
    outside = mask_quotes(text, find_quotes(text)).replace(MASK, "")
    ja = len(_JA.findall(outside))
    if ja == 0:
        return bool(_JA.search(text)) and not re.search(r"[A-Za-z]{2,}", outside)
    latin = len(re.findall(r"[A-Za-z]", outside))
    return ja * 2 >= latin  # a kana or kanji carries about as much as two Latin letters


def parse_number(word: str) -> int | None:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word in EN_NUMBERS:
        return EN_NUMBERS[word]
    if word and all(ch in _KANJI_DIGITS or ch in _KANJI_UNITS for ch in word):
        total, current = 0, 0
        for ch in word:
            if ch in _KANJI_DIGITS:
                current = current * 10 + _KANJI_DIGITS[ch] if current else _KANJI_DIGITS[ch]
            else:
                total += (current or 1) * _KANJI_UNITS[ch]
                current = 0
        return total + current
    return None


@dataclass(frozen=True)
class Quote:
    text: str
    start: int  # of the opening mark
    end: int  # after the closing mark
    implicit: bool = False  # words said unquoted as a message's text (speech.py)


_QUOTE_PATTERNS = (
    re.compile(r"「([^「」]+)」"), re.compile(r"『([^『』]+)』"), re.compile(r"“([^“”]+)”"),
    re.compile(r"\"([^\"]+)\""),
    # 'single quotes' only around whole words, so "don't" and "friend's" stay text, and
    # 'You're welcome!' keeps its apostrophe inside.
    re.compile(r"(?<![\w])'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?![\w])"),
    re.compile(r"‘([^‘’]+)’"),
)


def find_quotes(text: str) -> list[Quote]:
    found: list[Quote] = []
    for pattern in _QUOTE_PATTERNS:
        for m in pattern.finditer(text):
            if any(q.start <= m.start() < q.end or m.start() <= q.start < m.end() for q in found):
                continue
            inner = m.group(1).strip()
            if inner:
                found.append(Quote(inner, m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


def mask_quotes(text: str, quotes: list[Quote]) -> str:
    """Same length as `text`, quoted parts (marks included) replaced by MASK characters."""
    chars = list(text)
    for q in quotes:
        for i in range(q.start, q.end):
            chars[i] = MASK
    return "".join(chars)


def quotes_between(quotes: list[Quote], start: int, end: int) -> list[Quote]:
    return [q for q in quotes if start <= q.start and q.end <= end]


def attribute_name(text: str, default: str = "answer") -> str:
    """A friend attribute name (^[a-z][a-z0-9_]{0,39}$) from free text."""
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        return default
    return slug[:40].rstrip("_")
