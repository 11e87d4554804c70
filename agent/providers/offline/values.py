"""Values named in a goal: minimum amounts, SKUs, explicit ids, discounts and links.

They are looked for in the sentence around the words they qualify ("When someone spends at
least 10,000 yen in one order": the amount comes before the trigger phrase).
"""

from __future__ import annotations

import re

from agent.providers.offline.goal import Goal
from agent.providers.offline.text import MASK

_I = re.I | re.A
_NUM = r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<k>k\b|万)?"
_CUR = r"(?:[¥$€£]|jpy|usd|eur)?\s*"
_UNIT = r"\s*(?:yen|円|dollars?|usd|jpy|euros?|eur)?"
_AT_LEAST_EN = [
    re.compile(r"\b(?:over|above|at least|more than|min(?:imum)?(?: of)?|worth|exceeding|from|"
               r"exceeds?|greater than|upwards of|spends?|spent|spending|totall?ing|totals?)"
               r"\s+(?:of\s+)?" + _CUR + _NUM + _UNIT + r"(?!\s*(?:%|off\b|discount))", _I),
    re.compile(r"(?:>=|≥|>)\s*" + _CUR + _NUM + _UNIT, _I),
    re.compile(_CUR + _NUM + _UNIT + r"\s*(?:or more|or above|and up|and above|or higher|\+)",
               _I),
]
_AT_LEAST_JA = re.compile(_CUR + _NUM + r"\s*(?:円|ドル)?\s*"
                          r"(?:以上|超|を超え|より(?:多|上)|から(?!始))")
_SKU_BARE = re.compile(r"\b(?:product|item|include|includes|including)\s+"
                       r"(?P<v>[A-Z][A-Z0-9]*-?\d[\w\-]*)\b|"
                       r"(?P<w>[A-Z][A-Z0-9]*-\d[\w\-]*)(?:[（(][^）)]{0,30}[）)])?"
                       r"(?:を(?:買|購入)|の(?:購入|注文)|が(?:売れ|買われ|購入))")
_SKU = re.compile(r"(?:\bSKU|\bproduct (?:code|id|number)|\bitem (?:code|number|#)|商品コード|品番)"
                  r"\s*(?:is\s+|は)?[:#=]?\s*(?P<v>" + MASK + r"+|[A-Za-z0-9][A-Za-z0-9_\-.]*)",
                  _I)
_ID = re.compile(r"(?:\blist[ _-]?id\b|\bid\b)\s*(?:is\s+|は)?[:#=]?\s*"
                 r"(?P<v>" + MASK + r"+|[A-Za-z0-9][A-Za-z0-9_\-]{1,99})", _I)
_TRACKING = re.compile(r"(?:tracking[ _-]?id|トラッキングID)\s*(?:is\s+|は)?[:=]?\s*"
                       r"(?P<v>" + MASK + r"+|[A-Za-z0-9][A-Za-z0-9_.\-]*)", _I)
_SENTENCE_END = re.compile(r"(?<!\d)[.](?!\d)|[;!?。！？\n]")
_DISCOUNT = re.compile(
    r"(?P<v>\d+(?:\.\d+)?\s*%|[¥$€£]\s*\d[\d,]*|\d[\d,]*\s*(?:yen|円))\s*(?:off\b|discount|オフ|OFF|"
    r"引き|割引)|(?P<w>\d+)\s*割(?:引|オフ)|\bfree (?P<f>[a-z]+(?: [a-z]+)?)", _I)
_URL = re.compile(r"https?://[^\s,、。)）\]" + MASK + r"]+", re.I)


def sentence(goal: Goal, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end)."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(goal.masked, 0, start)), default=0)
    nxt = _SENTENCE_END.search(goal.masked, end)
    return lo, nxt.start() if nxt else len(goal.text)


def _number(m: re.Match[str]) -> float | None:
    try:
        value = float(m.group("n").replace(",", ""))
    except ValueError:
        return None
    mult = {"k": 1000, "K": 1000, "万": 10_000}.get(m.group("k") or "", 1)
    return value * mult


def min_amount(goal: Goal, start: int, end: int) -> float | None:
    masked = goal.masked[start:end]
    for pattern in (*_AT_LEAST_EN, _AT_LEAST_JA):
        m = pattern.search(masked)
        if m:
            return _number(m)
    return None


def _value(goal: Goal, m: re.Match[str]) -> str:
    raw = m.group("v")
    if raw.startswith(MASK):
        at = m.start("v")
        q = next((q for q in goal.quotes if q.start <= at < q.end), None)
        if q is not None:
            goal.take_quote(q)
            return q.text
    return raw.rstrip(".-")


def _search(pattern: re.Pattern[str], goal: Goal, start: int, end: int) -> str | None:
    m = pattern.search(goal.masked, start, end)
    return _value(goal, m) if m else None


def sku(goal: Goal, start: int, end: int) -> str | None:
    found = _search(_SKU, goal, start, end)
    if found:
        return found
    m = _SKU_BARE.search(goal.masked)  # "product BEAN-200", 「BEAN-200を買った人」
    return (m.group("v") or m.group("w")) if m else None


def explicit_id(goal: Goal, start: int, end: int) -> str | None:
    """"(list id XyZ123)", "ID: BUY123": an id said as such beats a quoted name."""
    return _search(_ID, goal, start, end)


def tracking_id(goal: Goal, start: int, end: int) -> str | None:
    return _search(_TRACKING, goal, start, end)


def offer(text: str) -> str | None:
    """"10% off", "500円引き", "free drink": what a coupon gives, to put in its text."""
    m = _DISCOUNT.search(text)
    if not m:
        return None
    if m.group("v"):
        return re.sub(r"\s+", "", m.group("v")) if "%" in m.group("v") else m.group("v")
    if m.group("w"):
        return f"{m.group('w')}割"
    return f"free {m.group('f')}"


def links(text: str) -> list[str]:
    return [u.rstrip(".") for u in _URL.findall(text)]
