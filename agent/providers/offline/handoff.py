"""The Customer Agent's hand-off word: "hand them over to our staff if they type 'human'",
「「スタッフ」と言われたら担当者に引き継ぐ」.

The condition ("if they say 'staff'") is part of the AI step, not an answer branch: its span is
returned so the parser leaves it out of the branch markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.providers.offline.goal import Goal
from agent.providers.offline.text import MASK

_I = re.I | re.A
_HANDOFF = re.compile(
    r"\b(?:hand|pass|transfer|escalate|route|forward|switch|connect|put|bring in|hand off)\b"
    r"(?:\s+\S+){0,3}?\s+(?:over\s+|off\s+|through\s+)?(?:to|with)\s+(?:a\s+|an\s+|our\s+|the\s+|"
    r"one of our\s+)?(?:real\s+|live\s+|human\s+)?(?:staff|human|person|people|agent|operator|"
    r"team|someone|member of staff|support|employee|clerk|representative|rep)\b|"
    r"\b(?:talk|speak|chat) (?:to|with) (?:a |an |our )?(?:human|person|staff|operator)\b|"
    r"\b(?:reach|get|contact) (?:a |an |our )?(?:real |live )?(?:human|person|staff|operator|"
    r"member of staff)\b|"
    r"\bgo(?:es)? to (?:a |an |our )?(?:real |live )?(?:staff|person|human|operator)\b|"
    r"(?:人|人間|スタッフ|担当者)に(?:交代|交替|切り替)|"
    r"\b(?:a |an |our )?(?:human|staff|person|someone|operator|team member)\s+(?:should |will |"
    r"can |must )?takes?\s+over\b|"
    r"(?:担当者|スタッフ|有人|オペレーター|人間|店員|係員)(?:対応)?(?:に|へ|と)?"
    r"(?:引き継|引継|切り替|切替|つな|繋|転送|交代)|引き継|有人対応", _I)
_SAY_EN = re.compile(
    r"\b(?:if|when|once|whenever)\s+(?:they|the friend|the user|someone|he|she|a friend|the "
    r"customer|you)\s+(?:type|types|typed|say|says|said|write|writes|wrote|send|sends|sent|"
    r"enter|enters|reply|replies|replied|ask for|asks for|message)\s+(?:the word\s+|with\s+)?"
    r"(?P<v>" + MASK + r"+|[A-Za-z0-9][\w\-]*)", _I)
_SAID_AS = re.compile(r"(?:\bhand-?\s?off (?:word|keyword)|(?:切り替え|切替|交代|引き継ぎ|引継ぎ|"
                      r"有人対応)[^、。「」\ue000]{0,12}?キーワード)\s*(?:is\s*|=\s*|は|を|が)?"
                      r"[:：]?\s*(?P<v>" + MASK
                      + r"+|[A-Za-z0-9][\w\-]*|[\u3040-\u30ff\u4e00-\u9fff]+)", _I)
# "let them reach a person by typing human"
_SAY_BY = re.compile(r"\bby\s+(?:typing|saying|sending|writing|entering|replying)\s+"
                     r"(?:the word\s+)?(?P<v>" + MASK + r"+|[A-Za-z0-9][\w\-]*)", _I)
_SAY_JA = re.compile(r"(?P<v>" + MASK + r"+|(?<=[、。\s])[^\s、。「」をにがは]{1,10}|"
                     r"^[^\s、。「」をにがは]{1,10})"
                     r"(?:と|って)(?:言われ|言っ|いわれ|送られ|送っ|送信され|送信し|入力され|入力し|"
                     r"打たれ|打っ|発言|返信|メッセージ)")
_BREAK = re.compile(r"[.;!?。！？\n]")


@dataclass
class Handoff:
    keyword: str
    start: int  # the span of the condition, left out of branch markers
    end: int


def find_handoff(goal: Goal) -> Handoff | None:
    said = _SAID_AS.search(goal.masked)
    if said:  # "handoff word: human"
        raw = said.group("v")
        q = next((q for q in goal.quotes if q.start == said.start("v")), None) \
            if raw.startswith(MASK) else None
        word = goal.take_quote(q) if q else raw
        return Handoff(word.strip()[:50], said.start(), said.end())
    verbs = list(_HANDOFF.finditer(goal.masked))
    if not verbs:
        return None
    best: tuple[int, re.Match[str]] | None = None
    for pattern in (_SAY_EN, _SAY_BY, _SAY_JA):
        for m in pattern.finditer(goal.masked):
            for v in verbs:
                lo, hi = sorted((m.start(), v.start()))
                if _BREAK.search(goal.masked, lo, hi):
                    continue  # another sentence
                distance = abs(m.start() - v.start())
                if best is None or distance < best[0]:
                    best = (distance, m)
    if best is None:
        return None
    m = best[1]
    raw = m.group("v")
    if raw.startswith(MASK):
        q = next((q for q in goal.quotes if q.start == m.start("v")), None)
        if q is None:
            return None
        word = goal.take_quote(q)
    else:
        word = raw
    return Handoff(word.strip()[:50], m.start(), m.end())
