"""Where each variant of an A/B split starts, in the ways marketers say it.

Before its steps: "70% get …", "send 50% of them … and the other 50% …", "the bigger group gets
…", "group A: …", 「7割には…、3割には…」, 「片方には…、もう片方には…」. After its steps: "X for 70%,
Y for 30%". Between two quoted texts: "'A' vs 'B'". A share is a percent, a half, a tenth in
Japanese (割), or the larger / smaller part of a ratio said elsewhere ("split them 70/30").
A percent followed by "off" is a discount, never a share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.providers.offline.text import MASK

_IA = re.I | re.A
_PCT_SIGN = r"(?:%|percent\b|per cent\b|pct\b)"  # "70%", "70 percent"
AB_INTENT = re.compile(
    r"\bA\s*/\s*B\b|\bAB[- ]test|\bsplit[- ]?test|\bsplit\b|\brandom(?:ly)?\b|\bhalf\b|"
    r"\bvs\.?\s|\bversus\b|\b\d{1,2}\s*/\s*\d{1,2}\s+(?:test|split)\b|"
    r"\d{1,2}\s*" + _PCT_SIGN + r"\s*(?:of\s+\w+(?:\s+\w+)?\s+)?(?:get|receive|see)|"
    r"ABテスト|半分|ランダム|振り分け|出し分け|片方|\d{1,2}\s*" + _PCT_SIGN + r"の(?:人|方|友だち)|"
    r"\d割(?:の(?:人|方))?に|"
    # two shares said: "70% of new friends … the remaining 30% …" (discounts are not shares)
    r"\d{1,2}\s*" + _PCT_SIGN + r"(?!\s*(?:off|discount|オフ|OFF|引))[^%]{1,160}?\d{1,2}\s*"
    + _PCT_SIGN + r"(?!\s*(?:off|discount|オフ|OFF|引))", _IA)
RATIO = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:/|:|-|対)\s*(\d{1,2})(?:\s*(?:/|:|-|対)\s*(\d{1,2}))?"
                   r"(?![\d.%])")
_GET = (r"(?:(?:should|will|would|must|can)\s+)?(?:get|gets|receive|receives|see|sees|"
        r"be sent|are sent|is sent|get sent|be given|are given|go to|goes to)")
# "half of them", "70% of new friends", "half of the people who scan the counter QR code"
_WHO = (r"(?:\s+of\s+(?:them|(?:the\s+|our\s+|all\s+)?(?:new\s+)?\w+)"
        r"(?:\s+(?:who|that)\s+[^,.;:\ue000]{1,80}?)?)?")
_NOT_OFF = r"(?!\s*(?:off\b|discount|オフ|OFF|引|割引))"
# What follows the start of a variant: its verb, its quoted text, or a noun phrase.
_THEN = r"(?=\s+" + _GET + r"\b|\s*[:,]?\s*" + MASK + r"|\s+(?:the|our|a|an)\s)"
_PCT = r"(?P<pct>\d{1,2})\s*" + _PCT_SIGN + _NOT_OFF
PREFIX = [
    re.compile(r"\b(?:the\s+)?(?:other|remaining|rest(?:\s+of\s+them)?|second)\s+(?:half|group)"
               + _WHO + _THEN, _IA),
    re.compile(r"\b(?:the rest(?: of them)?|everyone else|everybody else|the others)(?=\s+"
               + _GET + r"\b)", _IA),
    re.compile(r"\b(?:the\s+)?(?:other|remaining)\s+" + _PCT + _WHO + _THEN, _IA),
    re.compile(r"(?<![\w%])" + _PCT + _WHO + _THEN, _IA),
    re.compile(r"\b(?:one\s+|the\s+first\s+)?half" + _WHO + _THEN, _IA),
    re.compile(r"\bthe\s+(?P<size>bigger|larger|smaller|big|small)\s+(?:group|half|part|share)",
               _IA),
    re.compile(r"\b(?:group|variant|version|pattern)\s+(?:[AB12]|one|two)\b(?=\s*(?:" + _GET
               + r"|:))", _IA),
    # "→ A: Welcome! … / B: …", "A = our new-products auto message, B = text '…'"
    re.compile(r"(?:(?<=[\s→>/(,:])|^)(?-i:[AB])\s*[:：=]\s*", re.A),
    re.compile(r"(?P<pct>\d{1,2})\s*%(?:の(?:人|方|友だち))?(?:に|へ|は|\s*(?:→|->|[:：]))(?:は)?|"
               r"(?P<wari>\d)割(?:の(?:人|方|友だち))?(?:に|へ|は|\s*(?:→|->|[:：]))(?:は)?|"
               r"(?:残り|もう)?半分(?:の人)?(?:に|へ|は)(?!分け|ずつ)(?:は)?|"
               r"(?:もう)?片方(?:に|へ|は)(?:は)?|"
               r"(?:パターン|グループ)?(?<![A-Za-z])[AB](?:パターン|グループ)?(?:に|へ|は)(?:は)?"
               r"(?=\s*(?:" + MASK + r"|[A-Za-z0-9\u3040-\u30ff\u4e00-\u9fff]))"),
]
POSTFIX = re.compile(r"\b(?:for|to)\s+(?:the\s+)?(?:other\s+|remaining\s+|rest\s+)?"
                     + _PCT
                     + r"(?:\s+of\s+(?:them|people|friends))?", _IA)
_VERSUS = re.compile(MASK + r"\s*(?:vs\.?|versus|or|/)\s*" + MASK, re.I)


@dataclass
class VariantStart:
    start: int
    end: int
    percent: str  # "70", "50" for a half, "" when not said


def _share(m: re.Match[str], masked: str) -> str:
    groups = m.groupdict()
    if groups.get("pct"):
        return str(groups["pct"])
    if groups.get("wari"):
        return str(int(groups["wari"]) * 10)
    if groups.get("size"):
        ratio = RATIO.search(masked)
        if ratio:
            parts = sorted(int(x) for x in ratio.groups() if x)
            return str(parts[-1] if groups["size"].lower() in ("bigger", "larger", "big")
                       else parts[0])
        return ""
    return "50" if re.search(r"half|半分", m.group(0), re.I) else ""


def find_variants(masked: str, free: object) -> list[VariantStart]:
    """Variant starts in a (quote-masked) goal; `free(start, end)` says a place is not taken.
    """
    if not AB_INTENT.search(masked):
        return []
    is_free = free if callable(free) else (lambda _s, _e: True)
    out: list[VariantStart] = []
    for p in PREFIX:
        for m in p.finditer(masked):
            if is_free(m.start(), m.end()) and not any(
                    v.start < m.end() and m.start() < v.end for v in out):
                out.append(VariantStart(m.start(), m.end(), _share(m, masked)))
    if len(out) < 2:
        post = [m for m in POSTFIX.finditer(masked) if is_free(m.start(), m.end())]
        if len(post) >= 2:
            # "X for 70%, Y for 30%": each variant starts where the one before it ended.
            zone = masked.rfind(":", 0, post[0].start())
            starts = [zone + 1 if zone >= 0 else _clause_start(masked, post[0].start())]
            starts += [m.end() for m in post[:-1]]
            return [VariantStart(s, s, m.group("pct")) for s, m in zip(starts, post, strict=True)]
    if len(out) < 2:
        versus = _VERSUS.search(masked)
        if versus:
            # "'A' vs 'B'": each quoted text is a variant of its own.
            first = versus.start()
            while first > 0 and masked[first - 1] == MASK:
                first -= 1
            second = _second_quote_start(masked, first)
            return [VariantStart(first, first, ""), VariantStart(second, second, "")]
    return sorted(out, key=lambda v: v.start)


def _second_quote_start(masked: str, first: int) -> int:
    """Where the quote after the one starting at `first` starts."""
    i = first
    while i < len(masked) and masked[i] == MASK:
        i += 1
    while i < len(masked) and masked[i] != MASK:
        i += 1
    return i


def _clause_start(masked: str, at: int) -> int:
    cut = max(masked.rfind(c, 0, at) for c in ",.;、。")
    return cut + 1 if cut >= 0 else 0
