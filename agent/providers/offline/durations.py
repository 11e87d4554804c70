"""Durations in goals: "three days", "a week", "30 minutes later", 三日後, 1週間後, 30分後."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.providers.offline.text import EN_NUMBER_RE, JA_NUMBER_RE, parse_number

UNITS = {"minute": "minutes", "min": "minutes", "hour": "hours", "hr": "hours", "h": "hours",
         "day": "days", "week": "weeks", "wk": "weeks", "month": "months",
         "分": "minutes", "時間": "hours", "日": "days", "週間": "weeks", "週": "weeks",
         "ヶ月": "months", "か月": "months", "カ月": "months", "ヵ月": "months", "ケ月": "months"}
UNIT_SECONDS = {"minutes": 60, "hours": 3600, "days": 86_400, "weeks": 604_800}

_EN = re.compile(
    r"(?P<pre>\b(?:after|wait(?:ing)?(?: for)?|in|within|for|up to|delay(?:ed)? (?:by|of)?)\s+)?"
    r"(?P<num>\bhalf an|" + EN_NUMBER_RE + r")[\s-]*"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?)\b"
    r"(?P<post>\s+(?:later|after(?:wards)?|from now|afterwards|after that))?", re.I)
_EN_FIXED = re.compile(r"\b(?P<word>the next day|the following day|next day|the day after|"
                       r"tomorrow|overnight)\b", re.I)
_JA = re.compile(
    r"(?P<num>" + JA_NUMBER_RE + r"|半)\s*(?P<unit>分|時間|日|週間|週|ヶ月|か月|カ月|ヵ月|ケ月)"
    r"(?P<post>後|ご|経っ|たっ|経過|待|以内|の間|間待|ほど後|くらい後|程度後|で|おい|置い|"
    r"に(?=して|変更|変え|する|短縮|延長)|(?=\s*(?:答え|回答|返信|返事|反応)))")
# 「2日答えがなかったら」「2日経っても回答がなければ」: how long a question waits
_JA_NO_ANSWER = re.compile(r"\s*(?:(?:経っ|たっ)ても|以内に|の間|間)?\s*"
                           r"(?:答え|回答|返信|返事|反応)(?:が|も)?(?:ない|なかっ|なけれ|無|来な|こな)")
_JA_FIXED = re.compile(r"(?P<word>翌日|次の日|明日|翌週)")


@dataclass
class Duration:
    amount: int
    unit: str  # minutes | hours | days | weeks
    start: int
    end: int
    # after / wait / in (before the number: binds to the next action), later / since ("3 days
    # after X": binds to the action before it), within / up to (a question's timeout), "".
    intro: str = ""
    text: str = ""

    @property
    def seconds(self) -> int:
        return self.amount * UNIT_SECONDS[self.unit]

    @property
    def is_timeout(self) -> bool:
        return self.intro in ("within", "up to")


def _norm_unit(amount: int, unit: str) -> tuple[int, str]:
    unit = UNITS.get(unit.lower().rstrip("s") if unit.isascii() else unit, unit)
    if unit == "months":  # the delay node has no months: 1 month = 30 days
        return amount * 30, "days"
    return amount, unit


def find_durations(text: str) -> list[Duration]:
    out: list[Duration] = []
    for m in _EN.finditer(text):
        raw = m.group("num").lower()
        unit = m.group("unit")
        if raw == "half an":
            amount, unit = (30, "minutes") if unit.lower().startswith("h") else (12, "hours")
        else:
            n = parse_number(raw)
            if n is None:
                continue
            amount = n
        if m.group("pre") is None and m.group("post") is None and raw in ("a", "an") \
                and not re.match(r"\s*(week|day|hour|minute)", text[m.start("num") + len(raw):]):
            continue
        pre = (m.group("pre") or "").strip().lower()
        post = (m.group("post") or "").strip().lower()
        intro = ("within" if pre.startswith(("within", "up to")) else
                 "wait" if pre.startswith(("wait", "delay", "for")) else
                 "after" if pre.startswith("after") else "in" if pre == "in" else
                 "later" if post.startswith(("later", "from now", "afterwards", "after that"))
                 else "since" if post.startswith("after") else "")
        amount, unit = _norm_unit(amount, unit)
        out.append(Duration(amount, unit, m.start(), m.end(), intro, m.group(0)))
    for m in _EN_FIXED.finditer(text):
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(Duration(1, "days", m.start(), m.end(), "later", m.group(0)))
    for m in _JA.finditer(text):
        raw = m.group("num")
        if raw == "半":
            continue
        n = parse_number(raw)
        if n is None:
            continue
        post = m.group("post")
        no_answer = _JA_NO_ANSWER.match(text, m.end("unit"))
        intro = "within" if post in ("以内",) or no_answer else "wait" if post.startswith(
            ("待", "間待")) else "later"
        amount, unit = _norm_unit(n, m.group("unit"))
        out.append(Duration(amount, unit, m.start(), m.end(), intro, m.group(0)))
    for m in _JA_FIXED.finditer(text):
        amount, unit = (1, "weeks") if m.group("word") == "翌週" else (1, "days")
        out.append(Duration(amount, unit, m.start(), m.end(), "later", m.group(0)))
    return sorted((d for d in out if d.amount > 0), key=lambda d: d.start)
