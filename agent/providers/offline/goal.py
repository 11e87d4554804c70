"""A goal under analysis: its text, masked copy, quotes, language and account."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.marketing.account import Snapshot
from agent.providers.offline.linking import Link, find_links
from agent.providers.offline.plan import CannotPlan, Clarify
from agent.providers.offline.resources import TagBook
from agent.providers.offline.speech import implicit_quotes
from agent.providers.offline.spelling import expand_shorthand, mend_typos
from agent.providers.offline.text import (
    Quote,
    find_quotes,
    is_japanese,
    mask_quotes,
    normalise,
)

LINK_MASK = "\ue001"  # stands in for a linked resource's name in `Goal.scan`
LINKED = ("auto_messages", "rich_menus", "qr_codes")


# What may sit beside a saved resource's name: "→ Welcome coupon auto message" names it.
_KIND_FILLER = re.compile(r"(?:\s|the|our|saved|auto[- ]?(?:send|reply)?|automatic|messages?|msg|"
                          r"texts?|rich\s*menu|menu|one|please|[.,!])*", re.I)


def _names_a_resource(text: str, q: Quote, links: list[Link]) -> bool:
    """An unquoted "message text" that is only a saved message's or menu's name."""
    inside = [lk for lk in links if q.start <= lk.start and lk.end <= q.end + 1]
    return any(_KIND_FILLER.fullmatch(text[q.start:lk.start] + " " + text[lk.end:q.end])
               for lk in inside)


class NeedClarification(Exception):
    def __init__(self, clarify: Clarify):
        super().__init__(clarify.question)
        self.clarify = clarify


class Cannot(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.outcome = CannotPlan(message)


@dataclass
class Goal:
    text: str
    snapshot: Snapshot
    answers: dict[str, str] = field(default_factory=dict)  # clarification slot → answer
    masked: str = ""
    quotes: list[Quote] = field(default_factory=list)
    ja: bool = False
    tags: TagBook | None = None
    notes: list[str] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # quote starts already used
    handoff_keyword: str | None = None  # the Customer Agent's hand-off word, when said
    links: list[Link] = field(default_factory=list)  # saved messages, menus, QR codes named
    scan: str = ""  # `masked` with linked names masked too: what the lexicons read
    # "the thank you is '…'", 「お礼の文は「…」」: a text said apart from its step, by content kind
    content_texts: dict[str, str] = field(default_factory=dict)

    def links_of(self, kind: str, start: int = 0, end: int | None = None) -> list[Link]:
        end = len(self.text) if end is None else end
        return [lk for lk in self.links if lk.kind == kind and start <= lk.start < end]

    @classmethod
    def read(cls, text: str, snapshot: Snapshot, answers: dict[str, str] | None = None,
             lang: str | None = None) -> Goal:
        text = normalise(text)
        quotes = find_quotes(text)
        mended = mend_typos(text, [(q.start, q.end) for q in quotes])
        if mended != text:
            text, quotes = mended, find_quotes(mended)
        expanded = expand_shorthand(text, [(q.start, q.end) for q in quotes])
        if expanded != text:
            text, quotes = expanded, find_quotes(expanded)
        quotes = sorted([*quotes, *implicit_quotes(text, quotes)], key=lambda q: q.start)
        ja = is_japanese(text) if lang is None else lang == "ja"
        links = [lk for kind in LINKED for lk in find_links(text, snapshot, kind)]
        quotes = [q for q in quotes if not (q.implicit and _names_a_resource(text, q, links))]
        masked = mask_quotes(text, quotes)
        scan = list(masked)
        for lk in links:
            # "our order-status message" names a saved message: its words are not an order.
            scan[lk.start:lk.end] = LINK_MASK * (lk.end - lk.start)
        return cls(text=text, snapshot=snapshot, answers=dict(answers or {}),
                   masked=masked, quotes=quotes, ja=ja, tags=TagBook(snapshot),
                   links=links, scan="".join(scan))

    @property
    def lang(self) -> str:
        return "ja" if self.ja else "en"

    def t(self, en: str, ja: str) -> str:
        return ja if self.ja else en

    def quotes_in(self, start: int, end: int, take: bool = True) -> list[Quote]:
        found = [q for q in self.quotes if start <= q.start and q.end <= end
                 and q.start not in self.used]
        if take:
            self.used.update(q.start for q in found)
        return found

    def take_quote(self, q: Quote) -> str:
        self.used.add(q.start)
        return q.text

    def ask(self, about: str, en: str, ja: str, options: list[str] | None = None) -> None:
        raise NeedClarification(Clarify(question=self.t(en, ja), options=options or [],
                                        about=about))

    def cannot(self, en: str, ja: str) -> None:
        raise Cannot(self.t(en, ja))

    def note(self, en: str, ja: str) -> None:
        self.notes.append(self.t(en, ja))
