"""Typos in the words that carry a goal's structure, mended before it is read.

Marketers type fast: "when a freind adds us", "they recieve the coupon", "send a mesage".
Only the planner's own vocabulary is corrected (the words its lexicons read: triggers, actions,
time units, conditions), only outside quotes, only words of five letters or more, and only
when exactly one vocabulary word is one edit away (a transposition counts as one edit). Texts
the marketer wants sent stay as written, and so does any word an English dictionary knows
("older" is no typo of "order").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

_WORDS = """
friend friends follower followers follow follows followed following subscriber subscribers
message messages messaged receive receives received receiving customer customers keyword
keywords coupon coupons discount voucher question questions survey answer answers answered
reply replies replied respond responds remind reminder reminders purchase purchases purchased
abandon abandons abandoned basket checkout order orders ordered block blocks blocked unfollow
video watch watches watched finish finishes finished tracking postback button buttons scan
scans scanned menu menus switch change rich delay minutes hours weeks month months later after
before otherwise already tagged tag tags remove untag everyone someone anyone people send sends
sending welcome greet thanks thank review reviews klaviyo hubspot contact agent assistant
question survey option options choose chose select selected prefer prefers between exactly
contains containing starts starting begins beginning ends ending equals whenever
message received friend added adding people when then also instead
"""
VOCABULARY = frozenset(_WORDS.split())
_WORD = re.compile(r"(?<![\w'])[A-Za-z]{5,}(?![\w'])")
_BY_LENGTH: dict[int, list[str]] = {}
for _w in VOCABULARY:
    _BY_LENGTH.setdefault(len(_w), []).append(_w)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    # pyspellchecker's English word list; loaded once, on the first goal that needs it.
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en").word_frequency.keys())


def warm_up() -> None:
    _dictionary()


@lru_cache(maxsize=4096)
def _mend(word: str) -> str | None:
    low = word.lower()
    if low in VOCABULARY or low in _dictionary():
        return None
    near = [v for n in (len(low) - 1, len(low), len(low) + 1) for v in _BY_LENGTH.get(n, [])
            if DamerauLevenshtein.distance(low, v, score_cutoff=1) <= 1]
    if len(near) != 1:
        return None
    fixed = near[0]
    return fixed.capitalize() if word[0].isupper() else fixed


# Chat shorthand marketers type, read as the words they stand for (outside quotes).
SHORTHAND = {"msg": "message", "msgs": "messages", "ppl": "people", "w/": "with", "w/o": "without",
             "pls": "please", "plz": "please", "thx": "thanks", "ty": "thank you", "b4": "before",
             "asap": "right away", "imm": "right away", "cust": "customer", "custs": "customers",
             "q": "question", "qr's": "QR codes", "u": "you", "ur": "your", "r": "are",
             "2nd": "second", "1st": "first", "&": "and", "+": "and"}
_SHORT = re.compile(r"(?<![\w/&+])(?:msgs?|ppl|w/o|w/|pls|plz|thx|ty|b4|asap|imm|custs?|qr's|"
                    r"u|ur|2nd|1st)(?![\w/])|(?<=\s)[&+](?=\s)|(?<=[→>\s])Q(?=\s)", re.I)
_COMPACT_TIME = re.compile(r"(?<![\w.])(\d{1,3})\s?(h|hr|hrs|d|m|min|mins|w|wk|wks)(?![\w])")
_UNITS = {"h": "hours", "hr": "hours", "hrs": "hours", "d": "days", "m": "minutes",
          "min": "minutes", "mins": "minutes", "w": "weeks", "wk": "weeks", "wks": "weeks"}


def expand_shorthand(text: str, protected: list[tuple[int, int]]) -> str:
    """"msg w/ code" → "message with code", "2h later" → "2 hours later" (outside quotes)."""
    def free(pos: int) -> bool:
        return not any(s <= pos < e for s, e in protected)

    def short(m: re.Match[str]) -> str:
        if not free(m.start()):
            return m.group(0)
        word = m.group(0)
        return SHORTHAND.get(word.lower(), SHORTHAND.get(word, word))

    def compact(m: re.Match[str]) -> str:
        if not free(m.start()):
            return m.group(0)
        n, unit = m.group(1), m.group(2).lower()
        if unit == "m" and re.match(r"\s*(?:of|from|away|radius|around)\b",
                                    m.string[m.end():], re.I):
            return m.group(0)  # "within 100m of the shop": metres, not minutes
        word = _UNITS[unit]
        return f"{n} {word[:-1] if n == '1' else word}"

    return _COMPACT_TIME.sub(compact, _SHORT.sub(short, text))


def mend_typos(text: str, protected: list[tuple[int, int]]) -> str:
    """`text` with vocabulary typos mended outside the `protected` spans (quotes)."""
    def fix(m: re.Match[str]) -> str:
        if any(s <= m.start() < e for s, e in protected):
            return m.group(0)
        return _mend(m.group(0)) or m.group(0)

    return _WORD.sub(fix, text)
