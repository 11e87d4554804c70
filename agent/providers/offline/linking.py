"""Linking what a goal names to the account's own resources, as loosely as marketers name them.

"our order-status auto message" → the saved message "Order status"; 「予約用リッチメニュー」 →
"Reservation menu (予約用)"; "the members menu" → "Members menu"; "the counter QR" → "Store
counter". Each resource gets aliases: its name, the parts inside and outside brackets, and its
*core* (the name without the words of its kind: "menu", "message", "QR code", "tag"). Names
and cores match in the text with case, plural, hyphen and spacing differences; a core alone
needs a word of its kind nearby ("members" only links in "members (rich) menu"). A phrase
given on its own (a quote, an answer to a question) matches a whole alias by fuzzy score.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from agent.marketing.account import Snapshot
from agent.providers.offline.bilingual import english_names, japanese_names

_I = re.I | re.A
# The words that say what kind of resource a name is (left out of its core).
KIND_WORDS: dict[str, str] = {
    "rich_menus": r"rich[\s-]*menus?|menus?|リッチメニュー|メニュー",
    "auto_messages": r"auto[\s-]*(?:send|sent|reply)?[\s-]*messages?|saved\s+messages?|"
                     r"auto[\s-]*send|template\s+messages?|messages?|announcements?|news|notices?|"
                     r"自動(?:送信|応答)?メッセージ|メッセージ|テンプレート|お知らせ|案内",
    "qr_codes": r"qr[\s-]*codes?|qr|codes?|QRコード|二次元コード",
    "tags": r"tags?|タグ",
    "accounts": r"(?:line\s+)?(?:official\s+)?accounts?|アカウント",
}
_KIND_RE = {k: re.compile(v, _I) for k, v in KIND_WORDS.items()}
_FILLER = re.compile(r"\b(?:the|our|my|a|an|this|that|one|ones|please|use|it|them|called|"
                     r"named|instead|for|with|to|just|ok|okay|yes|let's|go|pick|choose|"
                     r"tag|tags|add|give|send|switch|link|show|set|make)\b|を|で|に|の|でお願いします|"
                     r"お願いします|にして|を使って|使って", _I)
_WORD = re.compile(r"[a-z0-9]+|[^\x00-\x7f]+", re.I)
# Kinds whose names are often said by one of their words, with the kind's word ("counter QR").
SHORT_NAMED = frozenset({"qr_codes", "rich_menus"})
_COMMON_WORDS = frozenset({"menu", "menus", "rich", "code", "codes", "main", "store", "shop",
                           "line", "page", "list", "message", "messages", "new", "the"})
# Only words that say the same thing in a name; never a word that is also a keyword or an offer
# ("hours", "discount" would link every message about them to a saved resource).
SYNONYMS = {"reservation": ["booking", "reserve"], "members": ["membership"],
            "default": ["normal", "standard"], "opening hours": ["business hours"],
            "order status": ["order tracking"], "flyer": ["leaflet", "flier"]}
PHRASE_SCORE = 86  # a whole phrase vs. an alias (rapidfuzz ratio, 0..100)
TYPO_SCORE = 90  # a long alias found in the text with a typo


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\-_/・]+", " ", text).strip(" .,!?。、「」『』“”\"'()（）[]")


@dataclass(frozen=True)
class Alias:
    text: str  # folded
    core: bool  # the name without its kind words: needs a kind word nearby in running text


@dataclass
class Link:
    kind: str
    row: dict[str, Any]
    start: int
    end: int
    alias: str
    score: float = 100.0

    @property
    def id(self) -> Any:
        return self.row["id"]

    @property
    def name(self) -> str:
        return str(self.row["name"])


def aliases(kind: str, name: str) -> list[Alias]:
    return list(_aliases(kind, name))


@lru_cache(maxsize=8192)
def _aliases(kind: str, name: str) -> tuple[Alias, ...]:
    out: list[Alias] = []

    def add(text: str, core: bool) -> None:
        folded = fold(text)
        size = len(folded) if not folded.isascii() else len(folded.replace(" ", ""))
        if size >= (2 if not folded.isascii() else 3) and \
                not any(a.text == folded for a in out):
            out.append(Alias(folded, core))

    inner = re.findall(r"[(（\[]([^)）\]]+)[)）\]]", name)
    outer = re.sub(r"\s*[(（\[][^)）\]]*[)）\]]\s*", " ", name)
    parts = [outer, *inner] if inner else [name]
    for part in parts:
        add(part, False)
    words = _KIND_RE.get(kind)
    if words is not None:
        for part in parts:
            core = words.sub(" ", part)
            if fold(core) != fold(part):
                add(core, True)
    if kind in SHORT_NAMED:
        # "the counter QR" for "Store counter": one word of a longer name, beside a kind word.
        for part in parts:
            for w in fold(part).split():
                if len(w) >= 4 and w not in _COMMON_WORDS:
                    add(w, True)
    # English synonyms marketers use for the words of a name ("booking menu", "member menu").
    for a in list(out):
        for word, others in SYNONYMS.items():
            if re.search(r"(?<![a-z])" + word + r"(?![a-z])", a.text):
                for other in others:
                    add(re.sub(r"(?<![a-z])" + word + r"(?![a-z])", other, a.text), a.core)
    # The name in the other language: 「ウェルカムクーポン」, "repeat buyer" for 「リピーター」. A
    # translated tag name needs the word "tag" beside it (「お客様」 is no tag on its own).
    for a in list(out):
        for other in [*japanese_names(a.text), *english_names(a.text)]:
            add(other, a.core or (kind == "tags" and not other.isascii()))
    return tuple(out)


def _pattern(alias: str) -> re.Pattern[str]:
    if not alias.isascii():
        return re.compile(re.escape(alias).replace(r"\ ", r"[\s\-_・]*"), re.I)
    words = [re.escape(w[:-1] if len(w) > 3 and w.endswith("s") else w) + r"(?:e?s|'s)?"
             for w in alias.split()]
    return re.compile(r"(?<![a-z0-9])" + r"[\s\-_/]*".join(words) + r"(?![a-z0-9])", re.I)


@lru_cache(maxsize=4096)
def _compiled(alias: str) -> re.Pattern[str]:
    return _pattern(alias)


def _kind_word_near(kind: str, text: str, start: int, end: int) -> bool:
    words = _KIND_RE.get(kind)
    if words is None:
        return False
    after = text[end:end + 14]
    before = text[max(0, start - 14):start]
    return bool(re.match(r"[\s\-の用]*(?:" + KIND_WORDS[kind] + ")", after, re.I)) or \
        bool(re.search(r"(?:" + KIND_WORDS[kind] + r")[\s:：の]*$", before, re.I))


def find_links(text: str, snapshot: Snapshot, kind: str, cores_alone: bool = False
               ) -> list[Link]:
    """The account's resources of `kind` named in `text`, by position, without overlaps (the
    longest alias wins a place). `cores_alone`: a name's core counts without its kind word
    (in a step's own words)."""
    found: list[Link] = []
    for row in snapshot.get(kind, []):
        for alias in aliases(kind, str(row["name"])):
            for m in _compiled(alias.text).finditer(text):
                if alias.core and not cores_alone and \
                        not _kind_word_near(kind, text, m.start(), m.end()):
                    continue
                found.append(Link(kind, row, m.start(), m.end(), alias.text))
            if not alias.core and len(alias.text) >= 8 and alias.text.isascii():
                hit = fuzz.partial_ratio_alignment(alias.text, text.casefold(),
                                                   score_cutoff=TYPO_SCORE)
                if hit is not None and hit.score < 100:
                    s, e = hit.dest_start, hit.dest_end
                    if (s == 0 or not text[s - 1].isalnum()) and \
                            (e >= len(text) or not text[e].isalnum()):
                        found.append(Link(kind, row, s, e, alias.text, hit.score))
    found.sort(key=lambda lk: (-(lk.end - lk.start), -lk.score, lk.start))
    out: list[Link] = []
    for link in found:
        if not any(link.start < o.end and o.start < link.end for o in out):
            out.append(link)
    return sorted(out, key=lambda lk: lk.start)


def mentioned(snapshot: Snapshot, kind: str, text: str) -> list[dict[str, Any]]:
    """Resources of `kind` named in `text`, in order of appearance, each once."""
    rows: list[dict[str, Any]] = []
    for link in find_links(text, snapshot, kind):
        if all(r["id"] != link.id for r in rows):
            rows.append(link.row)
    return rows


def _plain(text: str) -> str:
    """A name without spaces, hyphens and an English plural's s: "Event 2026" = "event2026",
    "vips" = "vip"."""
    text = re.sub(r"[\s\-_・]+", "", text)
    return text[:-1] if text.isascii() and len(text) > 3 and text.endswith("s") else text


_KATAKANA = re.compile(r"[\u30a0-\u30ffー]{3,}")


def _kana_stem(a: str, b: str) -> float:
    """「リピート」 for the tag 「リピーター」: katakana words sharing a stem of 3+ characters that
    covers most of the shorter one."""
    if not (_KATAKANA.fullmatch(a) and _KATAKANA.fullmatch(b)):
        return 0.0
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return 88.0 if n >= 3 and n >= 0.75 * min(len(a), len(b)) else 0.0


def best_match(snapshot: Snapshot, kind: str, phrase: str, score: float = PHRASE_SCORE,
               partial: bool = True) -> dict[str, Any] | None:
    """The resource a phrase given on its own names ("Order status", "the counter one",
    「予約用」), or None when none (or more than one equally) fits. `partial`: a phrase that is
    one part of a name counts ("counter" → "Store counter"); not for a quoted message text
    ('welcome' is a text, not the saved "Welcome coupon")."""
    if not phrase or not phrase.strip():
        return None
    rows = snapshot.get(kind, [])
    inside = find_links(phrase, snapshot, kind) if partial else []
    if len({lk.id for lk in inside}) == 1:
        covered = sum(lk.end - lk.start for lk in inside)
        rest = fold(_FILLER.sub(" ", phrase[:inside[0].start] + phrase[inside[-1].end:]))
        rest = _KIND_RE[kind].sub(" ", rest).strip() if kind in _KIND_RE else rest
        if not rest or covered >= len(fold(phrase)) * 0.5:
            return inside[0].row
    key = fold(_FILLER.sub(" ", phrase))
    if kind in _KIND_RE:
        stripped = fold(_KIND_RE[kind].sub(" ", key))
        key = stripped or key
    if not key:
        return None
    scored: list[tuple[float, dict[str, Any]]] = []
    for row in rows:
        best = 0.0
        for alias in aliases(kind, str(row["name"])):
            if alias.text == key or _plain(alias.text) == _plain(key):
                best = 100.0  # the same name, but for case, spaces or a plural ('vips')
                break
            best = max(best, fuzz.ratio(alias.text, key), _kana_stem(alias.text, key))
            if partial and len(key) >= 3 and len(alias.text) >= 3 and (
                    re.search(r"(?<![a-z0-9])" + re.escape(key) + r"(?![a-z0-9])", alias.text)
                    if key.isascii() else key in alias.text):
                best = max(best, 90.0)  # "counter" → "Store counter"
        scored.append((best, row))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][0] < score:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 2:
        return None  # two resources fit as well: not for us to choose
    return scored[0][1]


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))
